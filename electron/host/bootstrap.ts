/**
 * What both shells do before they show anything: pick the keychain, start the embedded demo sandbox, open the
 * engine; and, at the end, close all of it in the right order (engine first, so the outbox is flushed and the
 * database closed while the sandbox still answers).
 *
 * Keychain: the OS keychain (Secret Service) when it is usable. When it is not (a fresh headless Linux, CI) the demo
 * still opens, on a throwaway profile in a temporary folder with a MemoryKeychain: the demo API keys and the database
 * key live only in this process and the folder is deleted on close; the engine reports `keychain: 'memory'` so the UI
 * shows a banner. Without the demo (`demo: false`) there is nothing useful to open, so an unusable keychain is an error.
 *
 * Demo sandbox: its data lives in `<profile>/sandbox`. On the first start it prints fresh API keys, which go straight
 * into the engine as two connections (application 1 receives, application 0 issues). Later starts reuse the stored
 * connections and keys, so the sandbox must come back on the same port: the port is kept in `<profile>/demo-sandbox.json`.
 * The sandbox's database (the demo's people, documents, media and the server's signing keys) is SQLCipher under a
 * random 32-byte key kept in the same keychain as the cache key (account `demo-sandbox:<keyId>:db-key`, the keyId in
 * demo-sandbox.json), used as a raw key: it is random already, and deriving a key from it cost about 90 ms per start.
 * A plain database an older version left is encrypted on the next start, one keyed through the derivation is rekeyed.
 * Folders 0700, files 0600.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createReviewerApi,
  type ConnectionInput,
  type ReviewerInput,
  type ReviewerOutputs,
} from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import { DB_FILE as SANDBOX_DB_FILE, DEMO_MEDIA_FILE, startSandbox } from '../../sandbox/index.js';
import { EventHub } from '../core/events.js';
import { openEngine, type Engine, type ProxySettings } from '../core/index.js';
import { MemoryKeychain, OsKeychain, type SecretStore } from '../core/keychain/index.js';
import type { HostedEngine } from './hosted-engine.js';
import { lockProfile, throwawayProfileDir } from './profile.js';

export interface HostOptions {
  profileDir: string;
  /** Start the embedded demo sandbox and, on a first start, connect to it. */
  demo: boolean;
  /** Secret Service "service" name (tests keep their entries apart). */
  keychainService?: string;
  /** Progress and warnings for the console (never secrets). */
  log?: (line: string) => void;
  /** The engine's proxy (Electron passes the system proxy); default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: ProxySettings;
}

export interface HostRuntime {
  /** Stable across a profile wipe (see startHost). */
  engine: HostedEngine;
  /** The profile actually in use (a temporary folder in memory-keychain mode). */
  profileDir: string;
  keychain: 'os' | 'memory';
  /** Base URL of the embedded sandbox, when it runs. */
  sandboxUrl: string | null;
  close(): Promise<void>;
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/**
 * The demo media the build draws (sandbox/demo-media.ts) lie in out/, one level above the built hosts (out/serve,
 * out/main), so the demo sandbox reads them instead of drawing. Run from source, no such file sits there and the
 * demo draws: it never reads images drawn from other sources than its own.
 */
const BUILT_DEMO_MEDIA = fileURLToPath(new URL(`../${DEMO_MEDIA_FILE}`, import.meta.url));

/** The demo sandbox's database key and the id naming its keychain entry. */
interface DemoKey {
  keyId: string;
  key: string;
}

/** The OS keychain, or for the demo a MemoryKeychain (the engine then refuses connections of one's own). */
async function chooseKeychain(opts: HostOptions): Promise<{ secrets: SecretStore; demoKey: DemoKey | null }> {
  try {
    return await usableOsKeychain(opts);
  } catch (err) {
    const recoverable =
      err instanceof ReviewerError && (err.code === 'keychain_unavailable' || err.code === 'keychain_locked');
    if (!recoverable || !opts.demo) throw err;
    opts.log?.(`${err.message}\nOpening the demo on a throwaway profile whose keys live only in memory.`);
    return { secrets: new MemoryKeychain(), demoKey: null };
  }
}

/**
 * The OS keychain, proven usable. Each keychain call is a D-Bus round trip of some milliseconds to tens of them, so
 * on a later demo start the read of the sandbox's key, which that start needs anyway, stands in for the probe's
 * write, read and delete: a keychain that hands back a secret an earlier start stored is usable. The key is handed on.
 */
async function usableOsKeychain(opts: HostOptions): Promise<{ secrets: OsKeychain; demoKey: DemoKey | null }> {
  const keyId = opts.demo ? readDemoSandboxFile(opts.profileDir).keyId : null;
  if (keyId) {
    const keychain = new OsKeychain({ service: opts.keychainService });
    const key = await keychain.get(demoSandboxKeyAccount(keyId));
    if (key) return { secrets: keychain, demoKey: { keyId, key } };
  }
  return { secrets: await OsKeychain.open({ service: opts.keychainService }), demoKey: null };
}

function demoPortFile(profileDir: string): string {
  return join(profileDir, 'demo-sandbox.json');
}

/** What demo-sandbox.json remembers: the port (0: none yet) and the id naming the database key's keychain entry. */
interface DemoSandboxFile {
  port: number;
  keyId: string | null;
}

function readDemoSandboxFile(profileDir: string): DemoSandboxFile {
  try {
    const { port, keyId } = JSON.parse(readFileSync(demoPortFile(profileDir), 'utf8')) as Record<string, unknown>;
    return {
      port: typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65_536 ? port : 0,
      keyId: typeof keyId === 'string' && /^[0-9a-f-]{36}$/.test(keyId) ? keyId : null,
    };
  } catch {
    return { port: 0, keyId: null };
  }
}

function writeDemoSandboxFile(profileDir: string, file: DemoSandboxFile): void {
  writeFileSync(demoPortFile(profileDir), JSON.stringify(file), { mode: 0o600 });
}

/** The keychain account of the demo sandbox's database key. */
export const demoSandboxKeyAccount = (keyId: string): string => `demo-sandbox:${keyId}:db-key`;

/** An encrypted (not plain, not empty) sandbox database: unreadable without its key. */
function hasEncryptedSandboxDb(dataDir: string): boolean {
  const file = join(dataDir, SANDBOX_DB_FILE);
  if (!existsSync(file) || statSync(file).size === 0) return false;
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') !== 'SQLite format 3\0';
}

/**
 * The sandbox database's key from the keychain, or a new random one (stored, and its id written to
 * demo-sandbox.json, before the sandbox uses it). An encrypted database whose key the keychain lost can never be
 * read again: being synthetic demo data, it is deleted and the demo starts afresh (after making sure the keychain is
 * not merely locked). A plain database an older version left is encrypted by the sandbox under the new key.
 */
async function demoSandboxKey(
  profileDir: string,
  dataDir: string,
  remembered: DemoSandboxFile,
  secrets: SecretStore,
  known: DemoKey | null,
  log?: (line: string) => void,
): Promise<DemoKey> {
  if (known && known.keyId === remembered.keyId) return known;
  if (remembered.keyId) {
    const key = await secrets.get(demoSandboxKeyAccount(remembered.keyId));
    if (key) return { keyId: remembered.keyId, key };
  }
  if (hasEncryptedSandboxDb(dataDir)) {
    await secrets.probe?.();
    log?.("The demo sandbox's database key is missing from the keychain; starting the demo sandbox afresh.");
    rmSync(dataDir, { recursive: true, force: true });
  }
  const fresh = { keyId: randomUUID(), key: randomBytes(32).toString('hex') };
  await secrets.set(demoSandboxKeyAccount(fresh.keyId), fresh.key);
  writeDemoSandboxFile(profileDir, { port: remembered.port, keyId: fresh.keyId });
  return fresh;
}

async function startDemoSandbox(
  profileDir: string,
  secrets: SecretStore,
  known: DemoKey | null,
  log?: (line: string) => void,
): Promise<{ sandbox: Sandbox; keyAccount: string }> {
  const remembered = readDemoSandboxFile(profileDir);
  const { port } = remembered;
  const dataDir = join(profileDir, 'sandbox');
  const { keyId, key } = await demoSandboxKey(profileDir, dataDir, remembered, secrets, known, log);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      dataDir,
      host: '127.0.0.1',
      port,
      demo: true,
      dbKey: { raw: key },
      demoMediaFile: BUILT_DEMO_MEDIA,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `The demo sandbox of this profile listens on port ${port}, which another program now uses. ` +
          'Free that port, or start with another --profile.',
      );
    }
    throw err;
  }
  writeDemoSandboxFile(profileDir, { port: Number(new URL(sandbox.baseUrl).port), keyId });
  return { sandbox, keyAccount: demoSandboxKeyAccount(keyId) };
}

/** The demo connections, when this start created the sandbox's applications (and so knows their keys). */
function demoConnections(sandbox: Sandbox): ConnectionInput[] | undefined {
  const [issuer, receiver] = sandbox.applications;
  if (!issuer?.apiKey || !receiver?.apiKey) return undefined;
  const connection = (app: typeof issuer, role: 'receiver' | 'issuer'): ConnectionInput => ({
    name: app.name,
    baseUrl: sandbox.baseUrl,
    applicationId: app.id,
    role,
    apiKey: app.apiKey!,
    workflows: app.workflows.map((w) => ({ id: w.id, session_kind: w.session_kind, label: w.label })),
  });
  return [connection(receiver, 'receiver'), connection(issuer, 'issuer')];
}

/**
 * On the demo's first start, its two applications register each other as partners under one data-sharing agreement,
 * so imports preselect the partner's defaults, minting needs no extra confirmation and cases name the partner.
 */
async function seedDemoPartners(engine: Engine, sandbox: Sandbox): Promise<void> {
  const [issuer, receiver] = sandbox.applications;
  if (!issuer?.apiKey || !receiver?.apiKey) return;
  const expires = new Date();
  expires.setFullYear(expires.getFullYear() + 1);
  const agreement = {
    agreementReference: 'DSA-2025-014 (GDPR data-sharing agreement)',
    agreementExpiresOn: expires.toISOString().slice(0, 10),
  };
  const workflowOf = (app: typeof issuer, kind: 'user' | 'business') =>
    app.workflows.find((w) => w.session_kind === kind)?.id ?? null;
  // "Northwind Bank (issuer)" names a connection's role; the partner is "Northwind Bank".
  const partnerName = (app: typeof issuer) => app.name.replace(/\s*\((issuer|receiver)\)$/, '');
  await engine.savePartner({
    name: partnerName(issuer),
    applicationId: issuer.id,
    trustReview: false,
    workflows: { user: workflowOf(receiver, 'user'), business: workflowOf(receiver, 'business') },
    ...agreement,
    notes: 'Demo partner: mints share tokens for its verified customers.',
  });
  await engine.savePartner({
    name: partnerName(receiver),
    applicationId: receiver.id,
    trustReview: false,
    workflows: { user: workflowOf(issuer, 'user'), business: workflowOf(issuer, 'business') },
    ...agreement,
    notes: `Demo partner: imports the sessions ${partnerName(issuer)} shares.`,
  });
}

interface Parts {
  engine: Engine;
  profileDir: string;
  sandboxUrl: string | null;
  /** The keychain entry of the demo sandbox's database key (deleted when the profile is wiped). */
  sandboxKeyAccount: string | null;
  close(): Promise<void>;
}

/** The profile in use (a throwaway folder in memory-keychain mode), locked; `release` undoes both. */
interface ClaimedProfile {
  profileDir: string;
  release(): void;
}

/** Takes the profile: where a second host on the same profile fails, at once. */
function claimProfile(opts: HostOptions, secrets: SecretStore): ClaimedProfile {
  const throwaway = secrets.kind === 'memory';
  const profileDir = throwaway ? throwawayProfileDir() : opts.profileDir;
  const removeThrowaway = () => {
    if (throwaway) rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const unlock = lockProfile(profileDir);
    return {
      profileDir,
      release: () => {
        unlock();
        removeThrowaway();
      },
    };
  } catch (err) {
    removeThrowaway();
    throw err;
  }
}

/**
 * Demo sandbox and engine on a claimed profile, closed in reverse order and the claim released last.
 * `demoKey`: the sandbox's key, if already read.
 */
async function startParts(
  opts: HostOptions,
  secrets: SecretStore,
  claim: ClaimedProfile,
  demoKey: DemoKey | null = null,
): Promise<Parts> {
  const { profileDir } = claim;
  const cleanups: (() => Promise<void> | void)[] = [() => claim.release()];
  const close = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  try {
    const demo = opts.demo ? await startDemoSandbox(profileDir, secrets, demoKey, opts.log) : null;
    const sandbox = demo?.sandbox ?? null;
    if (sandbox) cleanups.push(() => sandbox.close());
    const engine = await openEngine({
      profileDir,
      secrets,
      seedConnections: sandbox ? demoConnections(sandbox) : undefined,
      demo: opts.demo,
      autoSync: true,
      ...(opts.proxy ? { proxy: opts.proxy } : {}),
    });
    cleanups.push(() => engine.close());
    if (sandbox) await seedDemoPartners(engine, sandbox);
    return {
      engine,
      profileDir,
      sandboxUrl: sandbox?.baseUrl ?? null,
      sandboxKeyAccount: demo?.keyAccount ?? null,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A runtime whose engine may still be starting, and the start itself. */
export interface OpeningHost {
  runtime: HostRuntime;
  /** Resolves once the demo sandbox and the engine are up; rejects, the profile released, when they cannot start. */
  started: Promise<void>;
  /** This start creates the demo world (no demo sandbox key was found): the long start, a first sync to follow. */
  createsDemo: boolean;
}

/**
 * The host in two steps, so a UI can load while the engine starts: picks the keychain and claims the profile (what
 * fails at once: no usable keychain without the demo, a profile another host holds) and returns at once. The
 * runtime's engine answers each call once `started` has settled (or fails with it); its events flow from then on.
 * The facade stays valid for the host's lifetime: after `wipeProfile` the engine has deleted the profile and closed
 * itself, so the facade starts afresh (a first start again) and the hosts keep serving the same page, channel and
 * event stream.
 */
export async function openHost(opts: HostOptions): Promise<OpeningHost> {
  const { secrets, demoKey } = await chooseKeychain(opts);
  const claim = claimProfile(opts, secrets);
  const events = new EventHub();
  let parts: Parts | null = null;
  let detach = () => {};
  const attach = (next: Parts) => {
    parts = next;
    detach = next.engine.onEvent((event) => events.emit(event));
  };
  const started = startParts(opts, secrets, claim, demoKey).then(attach);
  // Awaited by whoever opened the host; until then a failure is not an unhandled rejection.
  started.catch(() => undefined);
  const current = async (): Promise<Parts> => {
    await started;
    return parts!;
  };

  async function wipeAndRestart(input: unknown): Promise<ReviewerOutputs['wipeProfile']> {
    const wiped = await current();
    const result = await wiped.engine.wipeProfile(input as ReviewerInput<'wipeProfile'>);
    detach();
    await wiped.close();
    if (wiped.sandboxKeyAccount) await secrets.delete(wiped.sandboxKeyAccount);
    attach(await startParts(opts, secrets, claimProfile(opts, secrets)));
    opts.log?.('Profile wiped; started afresh.');
    return result;
  }

  // Every call goes to the engine that is current now (the engine parses the input); a wipe also restarts it.
  const methods = createReviewerApi(async (method, input) => {
    if (method === 'wipeProfile') return wipeAndRestart(input);
    const { engine } = await current();
    return (engine[method] as (input: unknown) => Promise<unknown>).call(engine, input);
  });

  const runtime: HostRuntime = {
    engine: {
      ...methods,
      onEvent: (listener) => events.on(listener),
      getMedia: async (sessionId, locator) => (await current()).engine.getMedia(sessionId, locator),
      close: () => runtime.close(),
    },
    keychain: secrets.kind,
    get profileDir() {
      return parts?.profileDir ?? claim.profileDir;
    },
    get sandboxUrl() {
      return parts?.sandboxUrl ?? null;
    },
    async close() {
      const up = await started.then(
        () => true,
        () => false,
      );
      // A start that failed has released the profile already.
      if (!up) return;
      detach();
      events.clear();
      await parts!.close();
    },
  };
  return { runtime, started, createsDemo: opts.demo && demoKey === null };
}

/** Starts everything: the runtime once its engine is up (see openHost). */
export async function startHost(opts: HostOptions): Promise<HostRuntime> {
  const { runtime, started } = await openHost(opts);
  await started;
  return runtime;
}
