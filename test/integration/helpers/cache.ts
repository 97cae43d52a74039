/** What the cache tests share: a connection row to hang sessions on, and the raw database behind a profile. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DB_FILE, PROFILE_FILE } from '../../../electron/core/cache/index.js';
import { mediaFileOf, mediaKeyOf } from '../../../electron/core/cache/media-store.js';
import { accounts, type MemoryKeychain } from '../../../electron/core/keychain/index.js';

/** A receiving connection with this id (no secrets: the cache never holds them). */
export const testConnection = (id: string) => ({
  id,
  name: `Connection ${id}`,
  baseUrl: 'http://127.0.0.1:9',
  applicationId: randomUUID(),
  role: 'receiver' as const,
  workflows: [],
  hasWebhookSecret: false,
  createdAt: new Date().toISOString(),
});

async function profileKey(profileDir: string, secrets: MemoryKeychain): Promise<string> {
  const { profileId } = JSON.parse(readFileSync(join(profileDir, PROFILE_FILE), 'utf8')) as { profileId: string };
  return (await secrets.get(accounts.dbKey(profileId)))!;
}

/** The profile's database opened with its key, as someone holding the key could edit it. */
export async function rawProfileDatabase(profileDir: string, secrets: MemoryKeychain): Promise<Database.Database> {
  const key = await profileKey(profileDir, secrets);
  const db = new Database(join(profileDir, DB_FILE));
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key}'"`);
  return db;
}

/** The profile's media file (AEGIS-256 under a key derived from the cache's), opened on its own. */
export async function rawMediaDatabase(profileDir: string, secrets: MemoryKeychain): Promise<Database.Database> {
  const key = mediaKeyOf(await profileKey(profileDir, secrets));
  const db = new Database(mediaFileOf(join(profileDir, DB_FILE)));
  db.pragma(`cipher = 'aegis'`);
  db.pragma(`key = "x'${key}'"`);
  return db;
}
