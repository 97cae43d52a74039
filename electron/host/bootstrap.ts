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
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createReviewerApi,
  type ConnectionInput,
  type ReviewerInput,
  type ReviewerOutputs,
} from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import { startSandbox } from '../../sandbox/index.js';
import { EventHub } from '../core/events.js';
import { openEngine, type Engine } from '../core/index.js';
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

/** The OS keychain, or for the demo a MemoryKeychain (the engine then refuses connections of one's own). */
async function chooseKeychain(opts: HostOptions): Promise<SecretStore> {
  try {
    return await OsKeychain.open({ service: opts.keychainService });
  } catch (err) {
    const recoverable =
      err instanceof ReviewerError && (err.code === 'keychain_unavailable' || err.code === 'keychain_locked');
    if (!recoverable || !opts.demo) throw err;
    opts.log?.(`${err.message}\nOpening the demo on a throwaway profile whose keys live only in memory.`);
    return new MemoryKeychain();
  }
}

function demoPortFile(profileDir: string): string {
  return join(profileDir, 'demo-sandbox.json');
}

function rememberedDemoPort(profileDir: string): number {
  try {
    const { port } = JSON.parse(readFileSync(demoPortFile(profileDir), 'utf8')) as { port?: unknown };
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65_536 ? port : 0;
  } catch {
    return 0;
  }
}

async function startDemoSandbox(profileDir: string): Promise<Sandbox> {
  const port = rememberedDemoPort(profileDir);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ dataDir: join(profileDir, 'sandbox'), host: '127.0.0.1', port, demo: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `The demo sandbox of this profile listens on port ${port}, which another program now uses. ` +
          'Free that port, or start with another --profile.',
      );
    }
    throw err;
  }
  writeFileSync(demoPortFile(profileDir), JSON.stringify({ port: Number(new URL(sandbox.baseUrl).port) }), {
    mode: 0o600,
  });
  return sandbox;
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
    workflows: app.workflows.map((w) => ({ id: w.id, session_kind: w.session_kind })),
  });
  return [connection(receiver, 'receiver'), connection(issuer, 'issuer')];
}

interface Parts {
  engine: Engine;
  profileDir: string;
  sandboxUrl: string | null;
  close(): Promise<void>;
}

/** Profile lock, demo sandbox and engine, closed in reverse order. */
async function startParts(opts: HostOptions, secrets: SecretStore): Promise<Parts> {
  const throwaway = secrets.kind === 'memory';
  const profileDir = throwaway ? throwawayProfileDir() : opts.profileDir;
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  if (throwaway) cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));
  try {
    cleanups.push(lockProfile(profileDir));
    const sandbox = opts.demo ? await startDemoSandbox(profileDir) : null;
    if (sandbox) cleanups.push(() => sandbox.close());
    const engine = await openEngine({
      profileDir,
      secrets,
      seedConnections: sandbox ? demoConnections(sandbox) : undefined,
      demo: opts.demo,
      autoSync: true,
    });
    cleanups.push(() => engine.close());
    return { engine, profileDir, sandboxUrl: sandbox?.baseUrl ?? null, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Starts everything and returns one engine facade that stays valid for the host's lifetime: after `wipeProfile`
 * the engine has deleted the profile and closed itself, so the facade starts afresh (a first start again) and the
 * hosts keep serving the same page, channel and event stream.
 */
export async function startHost(opts: HostOptions): Promise<HostRuntime> {
  const secrets = await chooseKeychain(opts);
  let parts = await startParts(opts, secrets);
  const events = new EventHub();
  let detach = parts.engine.onEvent((event) => events.emit(event));

  async function wipeAndRestart(input: unknown): Promise<ReviewerOutputs['wipeProfile']> {
    const result = await parts.engine.wipeProfile(input as ReviewerInput<'wipeProfile'>);
    detach();
    await parts.close();
    parts = await startParts(opts, secrets);
    detach = parts.engine.onEvent((event) => events.emit(event));
    opts.log?.('Profile wiped; started afresh.');
    return result;
  }

  // Every call goes to the engine that is current now (the engine parses the input); a wipe also restarts it.
  const methods = createReviewerApi((method, input) =>
    method === 'wipeProfile'
      ? wipeAndRestart(input)
      : (parts.engine[method] as (input: unknown) => Promise<unknown>).call(parts.engine, input),
  );

  const runtime: HostRuntime = {
    engine: {
      ...methods,
      onEvent: (listener) => events.on(listener),
      getMedia: (sessionId, locator) => parts.engine.getMedia(sessionId, locator),
      close: () => runtime.close(),
    },
    keychain: secrets.kind,
    get profileDir() {
      return parts.profileDir;
    },
    get sandboxUrl() {
      return parts.sandboxUrl;
    },
    async close() {
      detach();
      events.clear();
      await parts.close();
    },
  };
  return runtime;
}
