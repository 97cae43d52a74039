/**
 * The OS keychain against a real Secret Service (npm test runs inside a private D-Bus with an unlocked throwaway
 * GNOME keyring). The failure modes run in child processes: one without a reachable D-Bus, one inside its own
 * private D-Bus whose keyring the test locks, so the shared test keyring is never locked.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, MemoryKeychain, OsKeychain } from '../../electron/core/keychain/index.js';

const repo = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'countersign-keychain-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const keychainModule = pathToFileURL(join(repo, 'electron/core/keychain/index.ts')).href;
const cacheModule = pathToFileURL(join(repo, 'electron/core/cache/index.ts')).href;
/**
 * A child that tries the keychain the ways the app does and prints each outcome as JSON. With `lock-after-setup`
 * it first creates a profile while the keyring is unlocked, then locks the keyring through the Secret Service API.
 */
const probeScript = join(scratch, 'probe.mts');
writeFileSync(
  probeScript,
  `import { spawnSync } from 'node:child_process';
import { OsKeychain } from ${JSON.stringify(keychainModule)};
import { openProfileCache } from ${JSON.stringify(cacheModule)};
const service = 'countersign-test-${randomUUID()}';
const profileDir = process.argv[3];
const keychain = new OsKeychain({ service, timeoutMs: 20000 });
const outcome = async (step, fn) => {
  try { await fn(); return { step, ok: true }; } catch (e) { return { step, code: e.code ?? null, message: String(e.message) }; }
};
const steps = [];
if (process.argv[2] === 'lock-after-setup') {
  steps.push(await outcome('setup', async () => (await openProfileCache({ profileDir, secrets: keychain })).close()));
  const lock = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock',
    'array:objpath:/org/freedesktop/secrets/collection/login']);
  steps.push({ step: 'lock', ok: lock.status === 0 });
}
steps.push(await outcome('open', () => OsKeychain.open({ service, timeoutMs: 20000 })));
steps.push(await outcome('set', () => keychain.set('connection:x:api-key', 'value')));
steps.push(await outcome('profile', async () => (await openProfileCache({ profileDir, secrets: keychain })).close()));
console.log(JSON.stringify(Object.fromEntries(steps.map((s) => [s.step, s]))));
`,
);

type Outcome = { ok?: boolean; code?: string; message?: string };
function runProbe(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawnSync(command, args, { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Record<'setup' | 'lock' | 'open' | 'set' | 'profile', Outcome>;
  } catch {
    throw new Error(`probe child printed no result (status ${child.status}): ${child.stderr.slice(-2000)}`);
  }
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('OsKeychain on a real Secret Service', () => {
  const service = `countersign-test-${randomUUID()}`;

  it('opens after proving it can write, read back and delete', async () => {
    const keychain = await OsKeychain.open({ service });
    expect(keychain.kind).toBe('os');
    expect(keychain.service).toBe(service);
  });

  it('stores, overwrites, reads and deletes secrets', async () => {
    const keychain = await OsKeychain.open({ service });
    const account = accounts.apiKey(randomUUID());
    expect(await keychain.get(account)).toBeNull();
    const secret = `sk_test_${randomBytes(24).toString('hex')}`;
    await keychain.set(account, secret);
    expect(await keychain.get(account)).toBe(secret);
    await keychain.set(account, 'clé-ñ-東京');
    expect(await keychain.get(account)).toBe('clé-ñ-東京');
    await keychain.delete(account);
    expect(await keychain.get(account)).toBeNull();
    await expect(keychain.delete(account)).resolves.toBeUndefined(); // deleting what is gone is fine
  });

  it('keeps services apart, so tests never see the real app entries', async () => {
    const a = await OsKeychain.open({ service: `${service}-a` });
    const b = await OsKeychain.open({ service: `${service}-b` });
    const account = accounts.dbKey(randomUUID());
    await a.set(account, 'from-a');
    expect(await b.get(account)).toBeNull();
    await a.delete(account);
  });

  it('names accounts one way', () => {
    expect(accounts.apiKey('c1')).toBe('connection:c1:api-key');
    expect(accounts.webhookSecret('c1')).toBe('connection:c1:webhook-secret');
    expect(accounts.dbKey('p1')).toBe('profile:p1:db-key');
  });
});

describe('OsKeychain failures', () => {
  it('says keychain_unavailable, with what to do, when there is no D-Bus', () => {
    const deadSocket = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(scratch, 'no-bus')}` };
    const unset = { ...process.env };
    delete unset.DBUS_SESSION_BUS_ADDRESS;
    delete unset.DISPLAY;
    for (const env of [deadSocket, unset]) {
      const { open, set, profile } = runProbe(
        process.execPath,
        ['--import', 'tsx', probeScript, 'plain', mkdtempSync(join(scratch, 'profile-'))],
        env,
      );
      expect(open.code).toBe('keychain_unavailable');
      expect(open.message).toMatch(/gnome-keyring|KWallet/);
      expect(open.message).toMatch(/demo profile/);
      expect(set.code).toBe('keychain_unavailable'); // no plaintext fallback for later writes either
      expect(profile.code).toBe('keychain_unavailable');
    }
  });

  const lockable = has('dbus-run-session') && has('gnome-keyring-daemon') && has('dbus-send');
  it.skipIf(!lockable)('says keychain_locked when the login keyring is locked', () => {
    // Its own session bus and keyring, so the shared test keyring is never locked.
    const script = `echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"`;
    const home = mkdtempSync(join(scratch, 'home-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share') };
    delete env.DISPLAY;
    const profileDir = join(home, 'profile');
    const { setup, lock, open, set, profile } = runProbe(
      'dbus-run-session',
      [
        '--',
        'sh',
        '-c',
        script,
        'sh',
        process.execPath,
        '--import',
        'tsx',
        probeScript,
        'lock-after-setup',
        profileDir,
      ],
      env,
    );
    expect(setup.ok).toBe(true);
    expect(lock.ok).toBe(true);
    expect(open.code).toBe('keychain_locked');
    expect(open.message).toMatch(/unlock/i);
    expect(set.code).toBe('keychain_locked');
    // The database key cannot be read while locked: that is reported as a locked keychain, not a lost key.
    expect(profile.code).toBe('keychain_locked');
  });
  if (!lockable)
    console.warn('keychain-os: locked-keyring case skipped: needs dbus-run-session, gnome-keyring-daemon, dbus-send');
});

describe('MemoryKeychain (demo profile)', () => {
  it('keeps secrets for the life of the object only', async () => {
    const keychain = new MemoryKeychain();
    expect(keychain.kind).toBe('memory');
    await keychain.set('a', '1');
    expect(await keychain.get('a')).toBe('1');
    expect(await new MemoryKeychain().get('a')).toBeNull();
    await keychain.delete('a');
    expect(await keychain.get('a')).toBeNull();
  });
});
