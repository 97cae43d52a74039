/**
 * The cache at rest: a real SQLCipher file whose key lives in a real Secret Service (npm test provides a throwaway
 * GNOME keyring). Nothing readable on disk, wrong or missing keys and damaged files give clear errors, reopening is
 * idempotent, and wiping leaves neither files nor keychain entries.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DB_FILE,
  PROFILE_FILE,
  openCacheFile,
  openProfileCache,
  wipeProfile,
  type CacheStore,
} from '../../electron/core/cache/index.js';
import { mediaFileOf } from '../../electron/core/cache/media-store.js';
import { MIGRATIONS } from '../../electron/core/cache/migrations.js';
import { accounts, OsKeychain } from '../../electron/core/keychain/index.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import type { SessionPayload } from '../../shared/didit/session.js';

const root = mkdtempSync(join(tmpdir(), 'countersign-at-rest-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Synthetic demo subject: what must never be readable on disk.
const LAST_NAME = 'Quetzalcoatl-Ybarra';
const DOCUMENT_NUMBER = 'QX7731904';
const API_KEY = `sk_demo_${randomBytes(16).toString('hex')}`;

const payload = (id: string) =>
  ({
    session_id: id,
    session_kind: 'user',
    status: 'In Review',
    created_at: new Date().toISOString(),
    vendor_data: `customer-${id}`,
    id_verifications: [{ full_name: `Marisol ${LAST_NAME}`, last_name: LAST_NAME, document_number: DOCUMENT_NUMBER }],
  }) as SessionPayload;

let secrets: OsKeychain;
let profileDir: string;

async function fillProfile(): Promise<CacheStore> {
  const cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection({
    id: 'c1',
    name: 'Demo',
    baseUrl: 'http://127.0.0.1:9',
    applicationId: randomUUID(),
    role: 'receiver',
    workflows: [],
    hasWebhookSecret: true,
    createdAt: new Date().toISOString(),
  });
  await secrets.set(accounts.apiKey('c1'), API_KEY);
  await secrets.set(accounts.webhookSecret('c1'), `whsec_${randomBytes(8).toString('hex')}`);
  for (let i = 0; i < 50; i++) cache.upsertSession({ connectionId: 'c1', payload: payload(`s${i}`) });
  cache.putMedia('s0', 'id_verifications[0].front_image', {
    contentType: 'image/png',
    bytes: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(`${LAST_NAME} ${DOCUMENT_NUMBER}`)]),
  });
  cache.appendAudit({ type: 'import', sessionId: 's0', details: { note: DOCUMENT_NUMBER } });
  return cache;
}

function profileId(): string {
  return (JSON.parse(readFileSync(join(profileDir, PROFILE_FILE), 'utf8')) as { profileId: string }).profileId;
}

async function expectOpenError(code: string): Promise<void> {
  const err = await openProfileCache({ profileDir, secrets }).then(
    (cache) => {
      cache.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReviewerError);
  expect((err as ReviewerError).code).toBe(code);
}

function allProfileBytes(): Buffer {
  return Buffer.concat(readdirSync(profileDir).map((f) => readFileSync(join(profileDir, f))));
}

beforeEach(async () => {
  secrets = await OsKeychain.open({ service: `countersign-test-${randomUUID()}` });
  profileDir = join(root, randomUUID());
});

describe('at rest', () => {
  it('keeps nothing readable on disk, open or closed, and the key only in the keychain', async () => {
    const cache = await fillProfile();
    const key = (await secrets.get(accounts.dbKey(profileId())))!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const mediaFile = basename(mediaFileOf(DB_FILE));
    for (const f of [DB_FILE, `${DB_FILE}-wal`, mediaFile, `${mediaFile}-wal`, PROFILE_FILE]) {
      expect(statSync(join(profileDir, f)).mode & 0o077, `${f} is private to its owner`).toBe(0);
    }
    for (const phase of ['open', 'closed']) {
      if (phase === 'closed') cache.close();
      const bytes = allProfileBytes();
      for (const f of [DB_FILE, mediaFile]) {
        expect(readFileSync(join(profileDir, f)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      }
      for (const secret of [LAST_NAME, DOCUMENT_NUMBER, API_KEY, key, 'Marisol', 'customer-s1']) {
        expect(bytes.includes(secret), `${secret} readable while ${phase}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) while ${phase}`).toBe(false);
      }
    }
  });

  it('is a plain SQLite file only when asked to be (the control for the test above)', () => {
    const file = join(root, `${randomUUID()}.db`);
    const plain = openCacheFile({ file, key: '', encrypted: false });
    plain.upsertConnection({
      id: 'c1',
      name: LAST_NAME,
      baseUrl: 'http://127.0.0.1:9',
      applicationId: 'a',
      role: 'receiver',
      workflows: [],
      hasWebhookSecret: false,
      createdAt: new Date().toISOString(),
    });
    plain.close();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(bytes.includes(LAST_NAME)).toBe(true);
  });

  it('reopens with every row, and migrations are idempotent', async () => {
    (await fillProfile()).close();
    for (let i = 0; i < 2; i++) {
      const cache = await openProfileCache({ profileDir, secrets });
      expect(cache.querySessions({ view: 'all' }).total).toBe(50);
      expect(cache.getMedia('s0', 'id_verifications[0].front_image')?.bytes.subarray(8).toString()).toContain(
        LAST_NAME,
      );
      expect(cache.verifyAudit()).toEqual({ ok: true, entries: 1, firstBrokenSeq: null });
      expect(cache.integrityCheck()).toEqual(['ok']);
      cache.close();
    }
    const key = (await secrets.get(accounts.dbKey(profileId())))!;
    const raw = openCacheFile({ file: join(profileDir, DB_FILE), key, encrypted: true });
    raw.close();
    const { default: Database } = await import('better-sqlite3-multiple-ciphers');
    const db = new Database(join(profileDir, DB_FILE));
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key}'"`);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});

describe('keys', () => {
  it('refuses a wrong key with database_key_invalid, and opens again with the right one', async () => {
    (await fillProfile()).close();
    const account = accounts.dbKey(profileId());
    const right = (await secrets.get(account))!;
    await secrets.set(account, randomBytes(32).toString('hex'));
    await expectOpenError('database_key_invalid');
    await secrets.set(account, right);
    const cache = await openProfileCache({ profileDir, secrets });
    expect(cache.querySessions({ view: 'all' }).total).toBe(50);
    cache.close();
  });

  it('refuses a wrong key even without the check value in profile.json', async () => {
    (await fillProfile()).close();
    const file = join(profileDir, PROFILE_FILE);
    const { keyCheck: _dropped, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(rest));
    await secrets.set(accounts.dbKey(profileId()), randomBytes(32).toString('hex'));
    await expectOpenError('database_key_invalid');
    expect(() =>
      openCacheFile({ file: join(profileDir, DB_FILE), key: randomBytes(32).toString('hex'), encrypted: true }),
    ).toThrow(expect.objectContaining({ code: 'database_key_invalid' }));
    expect(() => openCacheFile({ file: join(profileDir, DB_FILE), key: "x'; DROP", encrypted: true })).toThrow(
      expect.objectContaining({ code: 'database_key_invalid' }),
    );
  });

  it('refuses a missing key (keychain reset) or a missing profile.json with database_key_invalid', async () => {
    (await fillProfile()).close();
    const account = accounts.dbKey(profileId());
    const right = (await secrets.get(account))!;
    await secrets.delete(account);
    await expectOpenError('database_key_invalid');
    expect(await secrets.get(account)).toBeNull(); // no new key was made over existing data
    await secrets.set(account, right);
    rmSync(join(profileDir, PROFILE_FILE));
    await expectOpenError('database_key_invalid');
  });
  it('starts afresh when both the database and its key are gone', async () => {
    (await fillProfile()).close();
    await secrets.delete(accounts.dbKey(profileId()));
    for (const f of readdirSync(profileDir)) if (f.startsWith(DB_FILE)) rmSync(join(profileDir, f));
    for (let i = 0; i < 2; i++) {
      const cache = await openProfileCache({ profileDir, secrets });
      expect(cache.querySessions({ view: 'all' }).total).toBe(0);
      cache.close();
    }
  });
});

describe('damage', () => {
  it('reports a truncated database as database_corrupt', async () => {
    (await fillProfile()).close();
    truncateSync(join(profileDir, DB_FILE), 5000);
    await expectOpenError('database_corrupt');
    truncateSync(join(profileDir, DB_FILE), 4096 * 2);
    await expectOpenError('database_corrupt');
  });

  it('reports a garbled first page as database_corrupt, not as a wrong key', async () => {
    (await fillProfile()).close();
    const file = join(profileDir, DB_FILE);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100, 1500);
    writeFileSync(file, bytes);
    await expectOpenError('database_corrupt');
  });

  it('reports a garbled data page through integrityCheck and a clear error on read, never a crash', async () => {
    const cache = await fillProfile();
    // A large scan, stored last: its bytes fill the final pages of the media file (overflow pages nothing else
    // reads).
    const scan = randomBytes(400_000);
    cache.putMedia('s1', 'id_verifications[0].back_image', { contentType: 'image/png', bytes: scan });
    cache.close();
    const file = mediaFileOf(join(profileDir, DB_FILE));
    const bytes = readFileSync(file);
    const pages = bytes.length / 4096;
    for (let page = pages - 40; page < pages - 30; page++) bytes.fill(0x5a, page * 4096 + 64, page * 4096 + 600);
    writeFileSync(file, bytes);

    const damaged = await openProfileCache({ profileDir, secrets });
    expect(damaged.integrityCheck()).not.toEqual(['ok']);
    expect(() => damaged.getMedia('s1', 'id_verifications[0].back_image')).toThrow(
      expect.objectContaining({ name: 'ReviewerError', code: 'database_corrupt' }),
    );
    expect(damaged.getSession('s7')?.row.subjectName).toContain(LAST_NAME); // the rest still reads
    damaged.close();
  });

  it('reports a damaged profile.json as database_corrupt', async () => {
    (await fillProfile()).close();
    writeFileSync(join(profileDir, PROFILE_FILE), '{"profileId": 42');
    await expectOpenError('database_corrupt');
  });
});

describe('wipe', () => {
  it('leaves no files and no keychain entries', async () => {
    const cache = await fillProfile();
    const dbAccount = accounts.dbKey(profileId());
    cache.close();
    await wipeProfile({ profileDir, secrets, connectionIds: ['c1'] });
    expect(existsSync(profileDir)).toBe(false);
    for (const account of [dbAccount, accounts.apiKey('c1'), accounts.webhookSecret('c1')]) {
      expect(await secrets.get(account), account).toBeNull();
    }
    // A fresh profile can start in the same place.
    const fresh = await openProfileCache({ profileDir, secrets });
    expect(fresh.querySessions({ view: 'all' }).total).toBe(0);
    fresh.close();
  });

  it('refuses a folder that is not a profile, deleting nothing', async () => {
    const elsewhere = join(root, randomUUID());
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'thesis.txt'), 'precious');
    await expect(wipeProfile({ profileDir: elsewhere, secrets, connectionIds: [] })).rejects.toMatchObject({
      code: 'validation',
    });
    expect(readFileSync(join(elsewhere, 'thesis.txt'), 'utf8')).toBe('precious');
  });
});
