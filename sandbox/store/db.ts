/**
 * The sandbox's SQLite file: a plain file unless a key is given (then SQLCipher; a plain file found then is
 * encrypted in place), WAL journal, private to its owner (folder 0700, files 0600).
 * Statuses are stored in their canonical KYC spelling (`In Review`) and emitted per kind on the way out.
 * A session's captured record (its feature arrays, immutable once captured) is content-addressed like its media:
 * an import is a new session row pointing at the same record, which is what makes imports cheap and lets the
 * clone outlive its source. Feature JSON references media as `media:<sha256>`; records and media are deleted
 * when the last session using them goes. What happens to a session after capture is per session, never in the
 * shared record: its activity feed (`session_activity`) and its AML hit dispositions (`aml_hit_reviews`, laid over
 * the record when the payload is built).
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

function useKey(db: Db, key: string): void {
  db.pragma(`cipher='sqlcipher'`);
  db.key(Buffer.from(key, 'utf8'));
}

/**
 * Encrypts in place a plain database an older version wrote (the embedded demo sandbox was plain before it had a
 * key): every page is rewritten under the key, in a rollback-journal transaction (SQLite3MC cannot rekey in WAL
 * mode), after the WAL was checkpointed into the file and removed.
 */
function encryptPlainDatabase(file: string, key: string): void {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher='sqlcipher'`);
    db.rekey(Buffer.from(key, 'utf8'));
  } finally {
    db.close();
  }
}

export function openDatabase(dataDir: string, key?: string): Db {
  const file = join(dataDir, DB_FILE);
  makePrivate(dataDir, file);
  if (key && isPlainSqlite(file)) encryptPlainDatabase(file, key);
  const db = new Database(file);
  try {
    if (key) useKey(db, key);
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
