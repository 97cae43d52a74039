import { statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { CORRUPT_MESSAGE, KEY_INVALID_MESSAGE, asStorageError, isUnreadableDatabase } from './errors.js';
import { attachMediaStore, linkMediaStore } from './media-store.js';
import { migrate } from './migrations.js';

export interface DatabaseFileOptions {
  file: string;
  /** 64 hex digits (32 bytes), used as a raw SQLCipher key (no passphrase derivation: it is random already). */
  key: string;
  /** false only for the benchmark's plain-vs-encrypted comparison. */
  encrypted: boolean;
}

const KEY_PATTERN = /^[0-9a-f]{64}$/i;
/** SQLCipher 4's page size: an intact database file is a whole number of these. */
const PAGE_SIZE = 4096;

/**
 * Opens (creating when absent) one cache database and its media file (media-store.ts), proves it readable,
 * configures it and brings the schema up to date. Wrong key → database_key_invalid, damaged file → database_corrupt; never a raw SQLite error.
 */
export function openDatabase({ file, key, encrypted }: DatabaseFileOptions): Database.Database {
  if (encrypted && !KEY_PATTERN.test(key)) throw new ReviewerError('database_key_invalid', KEY_INVALID_MESSAGE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw asStorageError(err);
  }
  try {
    if (encrypted) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
      db.pragma(`key = "x'${key}'"`);
    }
    readSchema(db, file, encrypted);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the app being killed; only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    // Decrypted pages are cached: the queue's header rows and indexes stay hot instead of being decrypted per query.
    db.pragma('cache_size = -65536');
    const media = attachMediaStore(db, { cacheFile: file, cacheKey: encrypted ? key : null });
    migrate(db);
    linkMediaStore(db, media);
    return db;
  } catch (err) {
    db.close();
    throw asStorageError(err);
  }
}

/** First read of the file: this is where a wrong key or a damaged first page shows. */
function readSchema(db: Database.Database, file: string, encrypted: boolean): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    if (!isUnreadableDatabase(err)) throw err;
    // A truncated file cannot be blamed on the key; a whole-page file that will not decrypt most likely can.
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    const wholePages = size > 0 && size % PAGE_SIZE === 0;
    if (encrypted && wholePages) throw new ReviewerError('database_key_invalid', KEY_INVALID_MESSAGE);
    throw new ReviewerError('database_corrupt', CORRUPT_MESSAGE);
  }
}
