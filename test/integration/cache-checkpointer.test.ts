/**
 * WAL checkpoints run on a worker thread (electron/core/cache/checkpointer.ts): a long run of writes must still move
 * into the encrypted files while the cache stays open, the WAL must not keep everything, and a clean close must
 * leave no WAL behind with every byte readable after reopening.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DB_FILE, openProfileCache } from '../../electron/core/cache/index.js';
import { mediaFileOf } from '../../electron/core/cache/media-store.js';
import { MemoryKeychain } from '../../electron/core/keychain/index.js';
import type { SessionPayload } from '../../shared/didit/session.js';
import { waitFor } from './helpers/basics.js';

const root = mkdtempSync(join(tmpdir(), 'countersign-checkpoint-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

it('checkpoints a long write run into the encrypted file while open, and closes without a WAL', async () => {
  const secrets = new MemoryKeychain();
  const profileDir = mkdtempSync(join(root, 'profile-'));
  const dbFile = join(profileDir, DB_FILE);
  // Media bytes, most of what is written, go to the media file beside the cache: both are checkpointed.
  const mediaFile = mediaFileOf(dbFile);
  let cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection({
    id: 'c1',
    name: 'Receiver',
    baseUrl: 'http://127.0.0.1:9',
    applicationId: randomUUID(),
    role: 'receiver',
    workflows: [],
    hasWebhookSecret: false,
    createdAt: new Date().toISOString(),
  });
  const image = randomBytes(256 * 1024);
  const sessions = 120; // about 30 MB of media, written one session per transaction as sync does
  for (let i = 0; i < sessions; i++) {
    // Sync yields to the event loop between sessions (network reads); so does this run.
    await new Promise((resolve) => setImmediate(resolve));
    const id = `s${i}`;
    cache.transaction(() => {
      cache.upsertSession({
        connectionId: 'c1',
        payload: { session_id: id, session_kind: 'user', status: 'In Review' } as SessionPayload,
      });
      cache.putMedia(id, 'id_verifications[0].front_image', { contentType: 'image/png', bytes: image });
    });
  }
  const written = sessions * image.length;
  // The worker checkpoints every 100 ms; give it a few rounds on a busy machine.
  const target = written * 0.95;
  await waitFor(() => size(mediaFile) >= target, 'the checkpoint', 10_000).catch(() => undefined);
  expect(size(mediaFile)).toBeGreaterThanOrEqual(target);

  cache.close();
  expect(size(`${dbFile}-wal`)).toBe(0);
  expect(size(`${mediaFile}-wal`)).toBe(0);
  cache = await openProfileCache({ profileDir, secrets });
  expect(cache.getMedia(`s${sessions - 1}`, 'id_verifications[0].front_image')?.bytes.equals(image)).toBe(true);
  expect(cache.integrityCheck()).toEqual(['ok']);
  cache.close();
});
