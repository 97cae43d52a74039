/**
 * A profile on disk: `<profileDir>/countersign.db` (SQLCipher) and `profile.json` (non-secret: the profile id that
 * names the key's keychain entry, and a check value that tells a wrong key from a damaged file).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { accounts, connectionAccounts, type SecretStore } from '../keychain/index.js';
import { CORRUPT_MESSAGE, KEY_INVALID_MESSAGE } from './errors.js';
import type { CacheStore } from './cache-api.js';
import { openCacheFile } from './sqlcipher-cache.js';

export const DB_FILE = 'countersign.db';
export const PROFILE_FILE = 'profile.json';

interface ProfileFile {
  profileId: string;
  /** HMAC of a fixed label under the database key: reveals nothing about the key, proves a key is the right one. */
  keyCheck?: string;
  createdAt: string;
}

function keyCheckOf(key: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update('countersign database key check v1').digest('hex');
}

async function readProfileFile(profileDir: string): Promise<ProfileFile | null | 'damaged'> {
  let text: string;
  try {
    text = await readFile(join(profileDir, PROFILE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProfileFile>;
    if (typeof parsed.profileId !== 'string' || !/^[0-9a-f-]{36}$/.test(parsed.profileId)) return 'damaged';
    return parsed as ProfileFile;
  } catch {
    return 'damaged';
  }
}

/** The profile's id (names its keychain entries), or null when the folder holds no readable profile file. */
export async function readProfileId(profileDir: string): Promise<string | null> {
  const profile = await readProfileFile(profileDir);
  return profile === null || profile === 'damaged' ? null : profile.profileId;
}

async function writeProfileFile(profileDir: string, profile: ProfileFile): Promise<void> {
  const tmp = join(profileDir, `${PROFILE_FILE}.tmp`);
  await writeFile(tmp, JSON.stringify(profile, null, 2), { mode: 0o600 });
  await rename(tmp, join(profileDir, PROFILE_FILE));
}

async function hasData(file: string): Promise<boolean> {
  return ((await stat(file).catch(() => null))?.size ?? 0) > 0;
}

/**
 * Opens the profile's encrypted cache, creating profile, key and database on first use. A missing or wrong key
 * gives database_key_invalid, a damaged file database_corrupt, a keychain failure keychain_unavailable/_locked.
 */
export async function openProfileCache({
  profileDir,
  secrets,
}: {
  profileDir: string;
  secrets: SecretStore;
}): Promise<CacheStore> {
  await mkdir(profileDir, { recursive: true, mode: 0o700 });
  const file = join(profileDir, DB_FILE);
  const dbExists = await hasData(file);
  // Owner-only from the start; SQLite gives the -wal and -shm files the same mode as the database.
  if (!dbExists) await writeFile(file, '', { mode: 0o600 });
  let profile = await readProfileFile(profileDir);
  if (profile === 'damaged') {
    throw new ReviewerError('database_corrupt', `The profile file ${PROFILE_FILE} is damaged. ${CORRUPT_MESSAGE}`);
  }
  if (profile === null) {
    if (dbExists) {
      throw new ReviewerError(
        'database_key_invalid',
        `${PROFILE_FILE} is missing, so the key cannot be found. ${KEY_INVALID_MESSAGE}`,
      );
    }
    profile = { profileId: randomUUID(), createdAt: new Date().toISOString() };
    await writeProfileFile(profileDir, profile);
  }

  const account = accounts.dbKey(profile.profileId);
  let key = await secrets.get(account);
  if (key === null) {
    if (dbExists) {
      // A locked keyring also answers null: say locked, not "key missing", when that is the reason.
      await secrets.probe?.();
      throw new ReviewerError('database_key_invalid', KEY_INVALID_MESSAGE);
    }
    key = randomBytes(32).toString('hex');
    await secrets.set(account, key);
    // A new database under a new key: any old check value belongs to a key that is gone.
    profile = { profileId: profile.profileId, createdAt: profile.createdAt };
  }
  const keyMatches = profile.keyCheck === undefined ? null : profile.keyCheck === keyCheckOf(key);
  if (keyMatches === false) throw new ReviewerError('database_key_invalid', KEY_INVALID_MESSAGE);

  let cache: CacheStore;
  try {
    cache = openCacheFile({ file, key, encrypted: true });
  } catch (err) {
    // The key is provably right, so a file that will not decrypt is a damaged file.
    if (err instanceof ReviewerError && err.code === 'database_key_invalid' && keyMatches) {
      throw new ReviewerError('database_corrupt', CORRUPT_MESSAGE);
    }
    throw err;
  }
  if (profile.keyCheck === undefined) await writeProfileFile(profileDir, { ...profile, keyCheck: keyCheckOf(key) });
  return cache;
}

/**
 * Deletes a profile for good: its keychain entries (database key and each connection's), then its folder.
 * The caller closes the cache first. Keys go first: once the key is gone the data is unreadable even if a file
 * survives. Refuses a folder that is not a Countersign profile, so a wrong path never empties someone's directory.
 */
export async function wipeProfile({
  profileDir,
  secrets,
  connectionIds,
}: {
  profileDir: string;
  secrets: SecretStore;
  connectionIds: string[];
}): Promise<void> {
  const entries = await readdir(profileDir).catch(() => null);
  if (entries !== null && entries.length > 0 && !entries.includes(PROFILE_FILE) && !entries.includes(DB_FILE)) {
    throw new ReviewerError('validation', `${profileDir} is not a Countersign profile folder; nothing was deleted.`);
  }
  const profile = entries === null ? null : await readProfileFile(profileDir);
  const keychainEntries = connectionIds.flatMap(connectionAccounts);
  if (profile !== null && profile !== 'damaged')
    keychainEntries.push(accounts.dbKey(profile.profileId), accounts.signingKey(profile.profileId));
  for (const account of keychainEntries) await secrets.delete(account);
  await rm(profileDir, { recursive: true, force: true });
}
