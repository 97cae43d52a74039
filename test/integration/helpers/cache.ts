/** What the cache tests share: a connection row to hang sessions on, and the raw database behind a profile. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DB_FILE, PROFILE_FILE } from '../../../electron/core/cache/index.js';
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

/** The profile's database opened with its key, as someone holding the key could edit it. */
export async function rawProfileDatabase(profileDir: string, secrets: MemoryKeychain): Promise<Database.Database> {
  const { profileId } = JSON.parse(readFileSync(join(profileDir, PROFILE_FILE), 'utf8')) as { profileId: string };
  const key = (await secrets.get(accounts.dbKey(profileId)))!;
  const db = new Database(join(profileDir, DB_FILE));
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key}'"`);
  return db;
}
