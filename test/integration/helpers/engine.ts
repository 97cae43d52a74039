/**
 * The engine side of the test helpers: a throwaway profile, a real Secret Service keychain under a service name of
 * its own, connections to a real sandbox, and one test file's world (`engineTestBed`). Re-exports the sandbox side
 * (`sandbox.ts`) and the basics, so an engine test imports from this one file.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { ConnectionInput } from '../../../shared/reviewer-api.js';
import type { SessionPayload } from '../../../shared/didit/session.js';
import { openEngine, type Engine, type EngineOptions } from '../../../electron/core/index.js';
import { OsKeychain } from '../../../electron/core/keychain/index.js';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../sandbox/index.js';
import { removeDir, sandboxApps, tempDir, type SandboxApp, type SandboxApps } from './sandbox.js';

export * from './sandbox.js';

/** The real Secret Service, with a service name no other test (and no real profile) uses. */
export function testKeychain(service = `countersign-test-${randomUUID()}`): Promise<OsKeychain> {
  return OsKeychain.open({ service });
}

export function connectionInput(
  baseUrl: string,
  app: SandboxApp,
  role: ConnectionInput['role'],
  extra: Partial<ConnectionInput> = {},
): ConnectionInput {
  return {
    name: `${role} ${app.name}`,
    baseUrl,
    applicationId: app.id,
    role,
    apiKey: app.apiKey,
    workflows: app.workflows.map((w) => ({ id: w.id, session_kind: w.session_kind })),
    ...extra,
  };
}

export interface EngineTestBed {
  /** A test may stop it (and set null) or start it again on the same data; whatever is here last gets closed. */
  sandbox: RunningSandbox | null;
  /** Set once the bed's beforeAll has run. */
  readonly apps: SandboxApps;
  readonly sandboxDir: string;
  readonly profileDir: string;
  /** An engine on the bed's profile, with background sync off unless asked for. */
  openEngine(opts: Omit<EngineOptions, 'profileDir'>): Promise<Engine>;
}

/**
 * One test file's world: a fresh sandbox (Didit's own webhook retry delays, unlike `withSandbox`) and an empty
 * profile folder. Call it inside `describe`: it registers hooks that start the sandbox before the file's own
 * beforeAll and, after the file's afterAll, close every engine opened through it (closing twice is harmless), then
 * the sandbox, and remove both folders.
 */
export function engineTestBed(name: string, sandboxOptions: Omit<StartSandboxOptions, 'dataDir'> = {}): EngineTestBed {
  const sandboxDir = tempDir(`${name}-sandbox`);
  const profileDir = tempDir(`${name}-profile`);
  const engines: Engine[] = [];
  let apps: SandboxApps | null = null;
  const bed: EngineTestBed = {
    sandbox: null,
    get apps() {
      if (apps === null)
        throw new Error('engineTestBed: the sandbox is not started yet (use it inside hooks and tests)');
      return apps;
    },
    sandboxDir,
    profileDir,
    async openEngine(opts) {
      const engine = await openEngine({ autoSync: false, profileDir, ...opts });
      engines.push(engine);
      return engine;
    },
  };
  beforeAll(async () => {
    bed.sandbox = await startSandbox({ dataDir: sandboxDir, ...sandboxOptions });
    apps = sandboxApps(bed.sandbox);
  });
  afterAll(async () => {
    for (const engine of engines) await engine.close();
    await bed.sandbox?.close();
    removeDir(sandboxDir);
    removeDir(profileDir);
  });
  return bed;
}

/** Reviews on the server whose comment carries `marker`. */
export function markerReviews(payload: SessionPayload, marker: string): number {
  return (payload.reviews ?? []).filter((r) => (r.comment ?? '').includes(marker)).length;
}

/** A ReviewerError's code from a rejected promise (fails the test when it resolves). */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? `no code: ${String(err)}`;
  }
  throw new Error('expected the call to fail');
}
