/**
 * The sandbox's data dir: SQLCipher when a key is given, refusal (not a crash) on a wrong key or foreign data.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { call, createSession, tempDir } from './helpers/sandbox.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const freshDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

describe('sandbox storage', () => {
  it('encrypts the database with dbKey and reopens it only with the same key', async () => {
    const dataDir = freshDir();
    const first = await startSandbox({ dataDir, dbKey: 'correct horse battery staple' });
    const issuer = first.applications[0];
    const session = await createSession(first.baseUrl, issuer.apiKey!, {
      session_kind: 'user',
      vendor_data: 'secret-user',
    });
    await first.close();

    const file = readFileSync(join(dataDir, 'sandbox.db'));
    expect(file.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(file.includes(Buffer.from('secret-user'))).toBe(false);

    await expect(startSandbox({ dataDir, dbKey: 'wrong key' })).rejects.toThrow();
    await expect(startSandbox({ dataDir })).rejects.toThrow();

    const again = await startSandbox({ dataDir, dbKey: 'correct horse battery staple' });
    try {
      const read = await call(again.baseUrl, 'GET', `/v3/session/${session.session_id}/decision/`, {
        key: issuer.apiKey,
      });
      expect(read.status).toBe(200);
      expect(read.body.vendor_data).toBe('secret-user');
    } finally {
      await again.close();
    }
  });

  it('uses a raw key as is, and rekeys once a database keyed with the same hex digits as a passphrase', async () => {
    const hex = randomBytes(32).toString('hex');
    const dataDir = freshDir();
    // How the embedded demo keyed its database before: the keychain's 64 hex digits as a passphrase.
    const old = await startSandbox({ dataDir, dbKey: hex });
    const issuer = old.applications[0];
    const session = await createSession(old.baseUrl, issuer.apiKey!, { session_kind: 'user', vendor_data: 'kept' });
    await old.close();

    const raw = await startSandbox({ dataDir, dbKey: { raw: hex } });
    try {
      const read = await call(raw.baseUrl, 'GET', `/v3/session/${session.session_id}/decision/`, {
        key: issuer.apiKey,
      });
      expect(read.body.vendor_data).toBe('kept');
    } finally {
      await raw.close();
    }
    // Rekeyed: the passphrase no longer opens it, the raw key does, and a wrong raw key is refused.
    await expect(startSandbox({ dataDir, dbKey: hex })).rejects.toThrow();
    await expect(startSandbox({ dataDir, dbKey: { raw: randomBytes(32).toString('hex') } })).rejects.toThrow();
    await (await startSandbox({ dataDir, dbKey: { raw: hex } })).close();
    const file = readFileSync(join(dataDir, 'sandbox.db'));
    expect(file.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(file.includes(Buffer.from('kept'))).toBe(false);
  });

  it('refuses a data dir holding another schema with a clear error', async () => {
    const dataDir = freshDir();
    const foreign = new Database(join(dataDir, 'sandbox.db'));
    foreign.exec('CREATE TABLE sessions (id TEXT PRIMARY KEY)');
    foreign.close();
    await expect(startSandbox({ dataDir })).rejects.toThrow(/empty data dir/);
  });
});
