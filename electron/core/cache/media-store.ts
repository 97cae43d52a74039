/**
 * Media bytes live in a second database beside the cache, `<cache>-media.db`, attached to the cache's connection as
 * `media_store`; the cache's `media` table keeps the index (locator, type, size). The cache is SQLCipher (AES-256-CBC
 * and HMAC-SHA512 per page), which doubles the cost of writing and checkpointing a page, and media are most of the
 * bytes a sync writes. The media file is AEGIS-256 instead: authenticated encryption at about the cost of writing in
 * clear. Its key is derived from the cache's key, so the keychain still holds one secret per profile.
 *
 * The two files commit one after the other (in WAL mode a transaction over two files is atomic per file), so a
 * crash between the commits can leave an index row without its bytes, or bytes without an index row. When the media
 * file's WAL is still there at the next open, `linkMediaStore` records the first as missing, so the next sync
 * fetches them again, and deletes the second.
 */
import { createHmac } from 'node:crypto';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { isUnreadableDatabase } from './errors.js';

/** AEGIS-256 in SQLite3 Multiple Ciphers' numbering (1-3: AEGIS-128 variants, 4: AEGIS-256). */
const AEGIS_256 = 4;

export interface MediaFileOptions {
  /** The cache's file; the media file sits beside it. */
  cacheFile: string;
  /** The cache's raw key (64 hex digits), or null for the benchmark's plain comparison. */
  cacheKey: string | null;
}

export function mediaFileOf(cacheFile: string): string {
  return cacheFile.replace(/(\.db)?$/, '-media.db');
}

/** A key of its own for the media file: the same secret never keys two ciphers. */
export function mediaKeyOf(cacheKey: string): string {
  return createHmac('sha256', Buffer.from(cacheKey, 'hex')).update('countersign media key v1').digest('hex');
}

/**
 * Attach statements for a connection (the cache's own, or the checkpointer's): AEGIS for this one file, then back
 * to SQLCipher as the connection's default. Shared as SQL so the checkpointer's worker can run them verbatim.
 */
export function attachMediaSql({ cacheFile, cacheKey }: MediaFileOptions): { sql: string; params: string[] }[] {
  const file = mediaFileOf(cacheFile);
  if (cacheKey === null) return [{ sql: `ATTACH DATABASE ? AS media_store`, params: [file] }];
  return [
    { sql: `SELECT sqlite3mc_config('cipher', 'aegis')`, params: [] },
    { sql: `SELECT sqlite3mc_config('aegis', 'algorithm', ${AEGIS_256})`, params: [] },
    { sql: `ATTACH DATABASE ? AS media_store KEY ?`, params: [file, `x'${mediaKeyOf(cacheKey)}'`] },
    { sql: `SELECT sqlite3mc_config('cipher', 'sqlcipher')`, params: [] },
  ];
}

function attach(db: Database.Database, options: MediaFileOptions): void {
  for (const { sql, params } of attachMediaSql(options)) db.prepare(sql).run(...params);
  // The first read is where a damaged file shows.
  db.prepare(`SELECT count(*) FROM media_store.sqlite_schema`).get();
}

/**
 * Attaches the media file (creating it owner-only when absent) and brings its table up, before the cache's
 * migrations run (one of them moves bytes into it). Returns whether the last session ended without closing it, or
 * the file is new: then the two files must be reconciled (`linkMediaStore`). A media file that will not read (its
 * key is derived from a key the cache has just proved right, so it is damaged) is set aside and started afresh:
 * media can be fetched again.
 */
export function attachMediaStore(db: Database.Database, options: MediaFileOptions): { reconcile: boolean } {
  const file = mediaFileOf(options.cacheFile);
  const fresh = (statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0;
  const crashed = existsSync(`${file}-wal`);
  // SQLite gives the -wal and -shm files the mode of the database file.
  if (fresh) writeFileSync(file, '', { mode: 0o600 });
  let reconcile = fresh || crashed;
  try {
    attach(db, options);
  } catch (err) {
    if (!isUnreadableDatabase(err)) throw err;
    if (db.prepare(`SELECT 1 FROM pragma_database_list WHERE name = 'media_store'`).get())
      db.exec(`DETACH DATABASE media_store`);
    const aside = `${file}.damaged-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    writeFileSync(file, '', { mode: 0o600 });
    attach(db, options);
    reconcile = true;
  }
  db.pragma('media_store.journal_mode = WAL');
  db.pragma('media_store.synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS media_store.blobs (
    session_id TEXT NOT NULL,
    locator TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (session_id, locator)
  )`);
  return { reconcile };
}

/** Once the cache's schema is up to date: deletes follow into the media file, and a crash is repaired. */
export function linkMediaStore(db: Database.Database, { reconcile }: { reconcile: boolean }): void {
  // Deleting an index row (a session purged or removed, its connection removed: cascades included) deletes its
  // bytes in the same transaction. A TEMP trigger, because a trigger in one file cannot name another file's table.
  db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS media_bytes_follow_index AFTER DELETE ON main.media BEGIN
    DELETE FROM media_store.blobs WHERE session_id = old.session_id AND locator = old.locator;
  END`);
  if (reconcile) reconcileMedia(db);
}

/** After a crash between the two commits: index rows without bytes become missing media, bytes without a row go. */
function reconcileMedia(db: Database.Database): void {
  db.transaction(() => {
    const lost = db
      .prepare<[], { session_id: string; locator: string }>(
        `SELECT session_id, locator FROM main.media m
         WHERE NOT EXISTS (SELECT 1 FROM media_store.blobs b WHERE b.session_id = m.session_id AND b.locator = m.locator)`,
      )
      .all();
    const markMissing = db.prepare(
      `INSERT INTO missing_media (session_id, locator, attempts) VALUES (?, ?, 0)
       ON CONFLICT DO NOTHING`,
    );
    const dropIndex = db.prepare(`DELETE FROM main.media WHERE session_id = ? AND locator = ?`);
    for (const { session_id, locator } of lost) {
      dropIndex.run(session_id, locator);
      markMissing.run(session_id, locator);
    }
    db.prepare(
      `DELETE FROM media_store.blobs WHERE NOT EXISTS
         (SELECT 1 FROM main.media m WHERE m.session_id = blobs.session_id AND m.locator = blobs.locator)`,
    ).run();
  })();
}
