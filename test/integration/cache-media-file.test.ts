/**
 * Media bytes in the AEGIS-encrypted media file beside the cache (electron/core/cache/media-store.ts): a cache
 * written before the move keeps its media, a crash between the two files' commits is repaired at the next open (lost
 * bytes become missing media that the next sync fetches, stray bytes go), and a damaged media file is set aside
 * without taking the sessions with it.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { DB_FILE, openProfileCache, type CacheStore } from '../../electron/core/cache/index.js';
import { mediaFileOf } from '../../electron/core/cache/media-store.js';
import { MIGRATIONS } from '../../electron/core/cache/migrations.js';
import { MemoryKeychain } from '../../electron/core/keychain/index.js';
import type { SessionPayload } from '../../shared/didit/session.js';
import { rawMediaDatabase, rawProfileDatabase, testConnection } from './helpers/cache.js';

const root = mkdtempSync(join(tmpdir(), 'countersign-media-file-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FRONT = 'id_verifications[0].front_image';
const BACK = 'id_verifications[0].back_image';
const png = (n: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(n)]);

let secrets: MemoryKeychain;
let profileDir: string;

beforeEach(() => {
  secrets = new MemoryKeychain();
  profileDir = mkdtempSync(join(root, 'profile-'));
});

function addSession(cache: CacheStore, id: string): void {
  cache.upsertSession({
    connectionId: 'c1',
    payload: { session_id: id, session_kind: 'user', status: 'In Review' } as SessionPayload,
  });
}

it('moves the media of a cache written before the media file into it, byte for byte', async () => {
  const front = png(300_000);
  const cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection(testConnection('c1'));
  addSession(cache, 's1');
  cache.putMedia('s1', FRONT, { contentType: 'image/png', bytes: front });
  cache.close();
  // Back to the layout the previous version left: bytes in the cache's media table, no media file.
  const old = await rawProfileDatabase(profileDir, secrets);
  old.exec(`ALTER TABLE media ADD COLUMN bytes BLOB`);
  old.prepare(`UPDATE media SET bytes = ?`).run(front);
  old.pragma(`user_version = ${MIGRATIONS.length - 1}`);
  old.close();
  rmSync(mediaFileOf(join(profileDir, DB_FILE)));

  const reopened = await openProfileCache({ profileDir, secrets });
  expect(reopened.getMedia('s1', FRONT)).toEqual({ contentType: 'image/png', bytes: front });
  expect(reopened.listMissingMedia('s1')).toEqual([]);
  reopened.close();
  const main = await rawProfileDatabase(profileDir, secrets);
  const columns = main.prepare(`SELECT name FROM pragma_table_info('media')`).pluck().all();
  main.close();
  expect(columns).not.toContain('bytes');
});

it('repairs a crash between the two commits: lost bytes become missing media, stray bytes go', async () => {
  const cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection(testConnection('c1'));
  cache.transaction(() => {
    addSession(cache, 's1');
    cache.putMedia('s1', FRONT, { contentType: 'image/png', bytes: png(1000) });
    cache.putMedia('s1', BACK, { contentType: 'image/png', bytes: png(1000) });
  });
  // What a kill between the commits leaves: the back image's bytes never landed, a session that never landed left
  // bytes behind.
  const media = await rawMediaDatabase(profileDir, secrets);
  media.prepare(`DELETE FROM blobs WHERE locator = ?`).run(BACK);
  media.prepare(`INSERT INTO blobs VALUES ('s-never', ?, ?)`).run(FRONT, png(1000));
  // The files as a kill leaves them: copied while open, WALs and all.
  const crashed = mkdtempSync(join(root, 'crashed-'));
  cpSync(profileDir, crashed, { recursive: true });
  expect(existsSync(`${mediaFileOf(join(crashed, DB_FILE))}-wal`)).toBe(true);
  media.close();
  cache.close();

  const reopened = await openProfileCache({ profileDir: crashed, secrets });
  expect(reopened.getMedia('s1', FRONT)?.bytes.length).toBe(1008);
  expect(reopened.getMedia('s1', BACK)).toBeNull();
  expect(reopened.listMedia('s1').map((m) => m.locator)).toEqual([FRONT]);
  expect(reopened.listMissingMedia('s1')).toEqual([{ locator: BACK, attempts: 0 }]);
  expect([...reopened.sessionsMissingMedia('c1', 5)], 'the next sync fetches it again').toEqual(['s1']);
  reopened.close();
  const after = await rawMediaDatabase(crashed, secrets);
  expect(after.prepare(`SELECT session_id FROM blobs ORDER BY session_id`).pluck().all()).toEqual(['s1']);
  after.close();
});

it('sets a damaged media file aside and keeps every session, its media to be fetched again', async () => {
  const cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection(testConnection('c1'));
  cache.transaction(() => {
    addSession(cache, 's1');
    cache.putMedia('s1', FRONT, { contentType: 'image/png', bytes: png(1000) });
  });
  cache.close();
  const file = mediaFileOf(join(profileDir, DB_FILE));
  const bytes = readFileSync(file);
  bytes.fill(0x5a, 0, 4096);
  writeFileSync(file, bytes);

  const reopened = await openProfileCache({ profileDir, secrets });
  expect(reopened.getSession('s1')).not.toBeNull();
  expect(reopened.getMedia('s1', FRONT)).toBeNull();
  expect(reopened.listMissingMedia('s1')).toEqual([{ locator: FRONT, attempts: 0 }]);
  reopened.putMedia('s1', FRONT, { contentType: 'image/png', bytes: png(10) });
  expect(reopened.getMedia('s1', FRONT)?.bytes.length).toBe(18);
  reopened.close();
  expect(
    readdirSync(profileDir).some((f) => f.includes('-media.db.damaged-')),
    'the damaged file is kept',
  ).toBe(true);
});
