/**
 * The sandbox's SQLite file: a plain file unless a key is given (then SQLCipher; a plain file found then is
 * encrypted in place), WAL journal, private to its owner (folder 0700, files 0600).
 * Statuses are stored in their canonical KYC spelling (`In Review`) and emitted per kind on the way out.
 * A session's captured record (its feature arrays, immutable once captured) is content-addressed like its media:
 * an import is a new session row pointing at the same record, which is what makes imports cheap and lets the
 * clone outlive its source. Feature JSON references media as `media:<sha256>`; records and media are deleted
 * when the last session using them goes (the demo's are stored undrawn and drawn at their first download, see
 * store/demo-media.ts). What happens to a session after capture is per session, never in the shared record: its
 * activity feed (`session_activity`) and its AML hit dispositions (`aml_hit_reviews`, laid over the record when the
 * payload is built).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

export const DB_FILE = 'sandbox.db';
/** PRAGMA user_version of this schema; a data dir written by another version is refused, not misread. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS applications (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  api_key_hash TEXT NOT NULL UNIQUE,
  privileges TEXT NOT NULL,
  last_session_number INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS workflows (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  session_kind TEXT NOT NULL,
  label TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  session_number INTEGER NOT NULL,
  session_kind TEXT NOT NULL,
  status TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  vendor_data TEXT,
  metadata TEXT,
  content_sha256 TEXT NOT NULL REFERENCES contents(sha256),
  created_at TEXT NOT NULL,
  shared_from_session TEXT,
  reviews TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS sessions_by_app ON sessions(application_id, session_number);
CREATE INDEX IF NOT EXISTS sessions_by_content ON sessions(content_sha256);
CREATE TABLE IF NOT EXISTS contents (
  sha256 TEXT PRIMARY KEY,
  feature_names TEXT NOT NULL,
  features TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS media (
  sha256 TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS demo_media (
  sha256 TEXT PRIMARY KEY REFERENCES media(sha256) ON DELETE CASCADE,
  demo_index INTEGER NOT NULL,
  media_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS demo_media_by_index ON demo_media(demo_index);
CREATE TABLE IF NOT EXISTS content_media (
  content_sha256 TEXT NOT NULL REFERENCES contents(sha256) ON DELETE CASCADE,
  media_sha256 TEXT NOT NULL REFERENCES media(sha256),
  PRIMARY KEY (content_sha256, media_sha256)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS content_media_by_media ON content_media(media_sha256);
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  kind TEXT NOT NULL,
  vendor_data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (application_id, kind, vendor_data)
);
CREATE TABLE IF NOT EXISTS imports (
  token_id TEXT NOT NULL,
  application_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  source_session_id TEXT NOT NULL,
  source_application_id TEXT NOT NULL,
  trust_review INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_id, application_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS session_activity (
  uuid TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  activity_type TEXT NOT NULL,
  actor_display TEXT NOT NULL,
  actor_email TEXT,
  actor_type TEXT NOT NULL,
  new_status TEXT,
  previous_status TEXT,
  comment TEXT,
  previous_value TEXT,
  new_value TEXT,
  changed_fields TEXT NOT NULL,
  metadata TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS session_activity_by_session ON session_activity(session_id, created_at);
CREATE TABLE IF NOT EXISTS aml_hit_reviews (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  hit_id TEXT NOT NULL,
  review_status TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, node_id, hit_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS webhook_destinations (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  url TEXT NOT NULL,
  subscribed_events TEXT NOT NULL,
  label TEXT,
  enabled INTEGER NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

/**
 * The data dir, private to its owner: the folder (and any parent it creates) 0700, the database 0600 before SQLite
 * first opens it, so the -wal and -shm files SQLite creates get 0600 too (SQLite copies the database's mode). A data
 * dir an older version left 0755/0644 is tightened on the way.
 */
function makePrivate(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) chmodSync(f, 0o600);
}

function isPlainSqlite(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/**
 * How the database is encrypted: a passphrase (SQLCipher derives the key from it, about 90 ms of CPU at every open),
 * or `{ raw }`, 32 random bytes as 64 hex digits used as the key itself (the embedded demo's key from the keychain,
 * random already, so deriving would add nothing but the wait).
 */
export type DbKey = string | { raw: string };

const RAW_KEY = /^[0-9a-f]{64}$/i;

function useKey(db: Db, key: DbKey): void {
  db.pragma(`cipher='sqlcipher'`);
  if (typeof key === 'string') db.key(Buffer.from(key, 'utf8'));
  else db.pragma(`key = "x'${key.raw}'"`);
}

/** Re-encrypts every page under `key`, in a rollback journal (SQLite3MC cannot rekey in WAL mode). */
function rekey(db: Db, key: DbKey): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  if (typeof key === 'string') db.rekey(Buffer.from(key, 'utf8'));
  else db.pragma(`rekey = "x'${key.raw}'"`);
}

/** The first read: where a wrong key shows (as "file is not a database"). */
function readable(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') return false;
    throw err;
  }
}

/**
 * Encrypts in place a plain database an older version wrote (the embedded demo sandbox was plain before it had a
 * key), after the WAL was checkpointed into the file and removed.
 */
function encryptPlainDatabase(file: string, key: DbKey): void {
  const db = new Database(file);
  try {
    db.pragma(`cipher='sqlcipher'`);
    rekey(db, key);
  } finally {
    db.close();
  }
}

/**
 * The embedded demo keyed its database with the same 64 hex digits as a passphrase before: a file that does not
 * open under the raw key but does under that passphrase is rekeyed to the raw key, once. Any other file is left as
 * it is (a wrong key then fails the open as before).
 */
function rekeyPassphraseDatabase(file: string, raw: string): void {
  const db = new Database(file);
  try {
    useKey(db, raw);
    if (readable(db)) rekey(db, { raw });
  } finally {
    db.close();
  }
}

function openKeyed(file: string, key: DbKey): Db {
  if (typeof key !== 'string' && !RAW_KEY.test(key.raw)) throw new Error('A raw database key is 64 hex digits.');
  if (isPlainSqlite(file)) encryptPlainDatabase(file, key);
  const db = new Database(file);
  useKey(db, key);
  if (typeof key === 'string' || readable(db)) return db;
  db.close();
  rekeyPassphraseDatabase(file, key.raw);
  const again = new Database(file);
  useKey(again, key);
  return again;
}

export function openDatabase(dataDir: string, key?: DbKey): Db {
  const file = join(dataDir, DB_FILE);
  makePrivate(dataDir, file);
  const db = key ? openKeyed(file, key) : new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // A local sandbox of synthetic data: committed data survives a killed process (it is in the OS cache), and
    // skipping fsync doubles import throughput here. Only an OS crash or power loss could lose recent writes.
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'").get() !== undefined;
    if (hasTables && version !== SCHEMA_VERSION) {
      throw new Error(`Unsupported sandbox data (schema version ${version}); start with an empty data dir.`);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function readMeta(db: Db, name: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(name) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: Db, name: string, value: string): void {
  db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(
    name,
    value,
  );
}
