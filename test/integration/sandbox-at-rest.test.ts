/**
 * The embedded demo sandbox at rest: the host's demo bootstrap keeps the sandbox's database (the demo's people,
 * documents, media and the server's signing keys) encrypted under a random key that lives in the keychain next to
 * the cache key, and the whole profile private to its owner (folders 0700, files 0600, SQLite's -wal/-shm too).
 * The sandbox CLI (`npm run sandbox -- --data <dir>`) creates its data dir just as privately. A profile written by
 * an older version (plain sandbox database, 0644/0755) is encrypted and tightened on its next start, keeping its data.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSandboxKeyAccount, startHost, type HostRuntime } from '../../electron/host/bootstrap.js';
import { startSandbox } from '../../sandbox/index.js';
import { DB_FILE } from '../../sandbox/index.js';
import { DEMO_FACTS } from '../../sandbox/synthetic/demo.js';
import { OsKeychain } from '../../electron/core/keychain/index.js';
import { call, removeDir, spawnSandbox, tempDir, waitFor, type SandboxProcess } from './helpers/sandbox.js';

const dirs: string[] = [];
const hosts: HostRuntime[] = [];
const children: SandboxProcess[] = [];
afterAll(async () => {
  for (const h of hosts) await h.close();
  for (const c of children) await c.stop('SIGKILL');
  dirs.forEach(removeDir);
});

function freshDir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

/** Every folder (the root included) and file under `dir`. */
function walk(dir: string): { folders: string[]; files: string[] } {
  const folders = [dir];
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const inner = walk(path);
      folders.push(...inner.folders);
      files.push(...inner.files);
    } else files.push(path);
  }
  return { folders, files };
}

function expectPrivate(dir: string): void {
  const { folders, files } = walk(dir);
  expect(files.length).toBeGreaterThan(0);
  const modes = (paths: string[]) => paths.map((p) => `${p} ${(statSync(p).mode & 0o777).toString(8)}`);
  expect(modes(folders)).toEqual(folders.map((p) => `${p} 700`));
  expect(modes(files)).toEqual(files.map((p) => `${p} 600`));
}

const DEMO_NAMES = [
  DEMO_FACTS.issuerApplication,
  DEMO_FACTS.receiverApplication,
  DEMO_FACTS.twoPathUbo.companyLegalName,
  DEMO_FACTS.twoPathUbo.issuerVendorData,
  DEMO_FACTS.twoPathUbo.receiverVendorData,
  ...DEMO_FACTS.twoPathUbo.beneficialOwners.map((o) => o.name),
];

/** Which demo names occur in clear (UTF-8 or UTF-16) in which files under `dir`. */
function demoNamesInClear(dir: string): string[] {
  const found: string[] = [];
  for (const file of walk(dir).files) {
    const bytes = readFileSync(file);
    for (const name of DEMO_NAMES) {
      if (bytes.includes(Buffer.from(name, 'utf8')) || bytes.includes(Buffer.from(name, 'utf16le'))) {
        found.push(`${file}: ${name}`);
      }
    }
  }
  return found;
}

const isPlainSqlite = (file: string) => readFileSync(file).subarray(0, 16).toString('latin1') === 'SQLite format 3\0';

async function startDemoHost(profileDir: string, keychainService: string): Promise<HostRuntime> {
  const host = await startHost({ profileDir, demo: true, keychainService });
  hosts.push(host);
  return host;
}

describe('embedded demo sandbox at rest', () => {
  // One profile for the first three tests, in order (a host start with the demo is the slow part).
  const profileDir = join(freshDir('sandbox-rest'), 'nested', 'profile');
  const service = `countersign-test-${randomUUID()}`;
  let sandboxUrl: string | null = null;
  let keyId = '';
  let key: string | null = null;
  const keychain = () => OsKeychain.open({ service });

  it('encrypts the sandbox database under a keychain key and keeps the profile private, open and closed', async () => {
    const host = await startDemoHost(profileDir, service);
    expect(host.keychain).toBe('os');
    expect(host.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    sandboxUrl = host.sandboxUrl;
    const sandboxDb = join(profileDir, 'sandbox', DB_FILE);
    // The engine synced the demo (sessions and media) from the encrypted sandbox.
    await waitFor(
      async () => (await host.engine.listSessions({ view: 'all', limit: 1 })).total > 20,
      'the first sync of the demo',
      90_000,
    );
    ({ keyId } = JSON.parse(readFileSync(join(profileDir, 'demo-sandbox.json'), 'utf8')) as { keyId: string });
    key = await (await keychain()).get(demoSandboxKeyAccount(keyId));
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    for (const phase of ['open', 'closed']) {
      if (phase === 'closed') await host.close();
      expect(isPlainSqlite(sandboxDb), `plain SQLite while ${phase}`).toBe(false);
      expect(demoNamesInClear(profileDir), `while ${phase}`).toEqual([]);
      expect(
        walk(profileDir).files.filter((f) => readFileSync(f).includes(key!)),
        'the key on disk',
      ).toEqual([]);
      expectPrivate(profileDir);
    }
    // The parent folders the host created are private too.
    expect(statSync(join(profileDir, '..')).mode & 0o777).toBe(0o700);
  }, 180_000);

  it('finds the demo names in a plain sandbox database (the control for the test above)', async () => {
    const plainDir = freshDir('sandbox-rest-plain');
    await (await startSandbox({ dataDir: plainDir, demo: true })).close();
    expect(isPlainSqlite(join(plainDir, DB_FILE))).toBe(true);
    expect(demoNamesInClear(plainDir).length).toBeGreaterThan(0);
  }, 120_000);

  it('reopens the encrypted sandbox with the keychain key, and forgets the key when the profile is wiped', async () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // A second start reopens the encrypted sandbox (a wrong key would refuse to open) on the same port.
    const again = await startDemoHost(profileDir, service);
    expect(again.sandboxUrl).toBe(sandboxUrl);
    const secrets = await keychain();
    expect(await secrets.get(demoSandboxKeyAccount(keyId))).toBe(key);

    // Wiping the profile forgets the sandbox's key; the fresh demo gets a new one.
    await again.engine.wipeProfile({ confirm: true });
    expect(await secrets.get(demoSandboxKeyAccount(keyId))).toBeNull();
    const next = JSON.parse(readFileSync(join(profileDir, 'demo-sandbox.json'), 'utf8')) as { keyId: string };
    expect(next.keyId).not.toBe(keyId);
    expect(await secrets.get(demoSandboxKeyAccount(next.keyId))).toMatch(/^[0-9a-f]{64}$/);
    await again.close();
    expect(isPlainSqlite(join(profileDir, 'sandbox', DB_FILE))).toBe(false);
    expectPrivate(profileDir);
  }, 180_000);

  it('encrypts and tightens a profile whose sandbox database an older version left plain and world-readable', async () => {
    const profileDir = freshDir('sandbox-rest-upgrade');
    const sandboxDir = join(profileDir, 'sandbox');
    const old = await startSandbox({ dataDir: sandboxDir, demo: true });
    const appIds = old.applications.map((a) => a.id);
    const receiverKey = old.applications[1].apiKey!;
    await old.close();
    chmodSync(sandboxDir, 0o755);
    for (const f of readdirSync(sandboxDir)) chmodSync(join(sandboxDir, f), 0o644);
    expect(isPlainSqlite(join(sandboxDir, DB_FILE))).toBe(true);

    const host = await startDemoHost(profileDir, `countersign-test-${randomUUID()}`);
    // The old data is still served (the keys the profile's connections hold still work).
    const list = await call(host.sandboxUrl!, 'GET', '/v3/sessions/?limit=1&session_kind=all', { key: receiverKey });
    expect(list.status).toBe(200);
    await host.close();
    expect(isPlainSqlite(join(sandboxDir, DB_FILE))).toBe(false);
    expect(demoNamesInClear(profileDir)).toEqual([]);
    expectPrivate(profileDir);
    expect(appIds.length).toBe(2);
  }, 120_000);
});

describe('sandbox CLI data dir', () => {
  it('creates its data dir 0700 and every file in it 0600, whatever the umask', async () => {
    const dataDir = join(freshDir('sandbox-cli-rest'), 'data', 'dir');
    const child = await spawnSandbox({ dataDir, demo: true });
    children.push(child);
    expectPrivate(dataDir); // open: the -wal and -shm files exist now
    expect(statSync(join(dataDir, '..')).mode & 0o777).toBe(0o700);
    expect(await child.stop('SIGTERM'), child.stderr()).toBe(0);
    expectPrivate(dataDir);
  }, 120_000);
});
