/**
 * Helpers for the engine's integration tests: a throwaway profile, a real Secret Service keychain under a service
 * name of its own, connections to a real sandbox, and direct calls to the sandbox API (what a partner or a second
 * reviewer would do) over loopback HTTP.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import type { ConnectionInput } from '../../../shared/reviewer-api.js';
import type { SessionPayload } from '../../../shared/didit/session.js';
import { openEngine, type Engine, type EngineOptions } from '../../../electron/core/index.js';
import { OsKeychain } from '../../../electron/core/keychain/index.js';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxApplicationInfo,
  type StartSandboxOptions,
} from '../../../sandbox/index.js';

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `cs-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The real Secret Service, with a service name no other test (and no real profile) uses. */
export function testKeychain(service = `countersign-test-${randomUUID()}`): Promise<OsKeychain> {
  return OsKeychain.open({ service });
}

export interface SandboxApps {
  baseUrl: string;
  issuer: Required<SandboxApplicationInfo>;
  receiver: Required<SandboxApplicationInfo>;
}

/** Application 0 issues, application 1 receives (the sandbox's convention); keys come from a fresh start. */
export function sandboxApps(sandbox: RunningSandbox): SandboxApps {
  const [issuer, receiver] = sandbox.applications;
  if (!issuer?.apiKey || !receiver?.apiKey)
    throw new Error('The sandbox did not print API keys: not a fresh data dir?');
  return {
    baseUrl: sandbox.baseUrl,
    issuer: issuer as Required<SandboxApplicationInfo>,
    receiver: receiver as Required<SandboxApplicationInfo>,
  };
}

export function connectionInput(
  baseUrl: string,
  app: Required<SandboxApplicationInfo>,
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
 * One test file's world: a fresh sandbox and an empty profile folder. Call it inside `describe`: it registers hooks
 * that start the sandbox before the file's own beforeAll and, after the file's afterAll, close every engine opened
 * through it (closing twice is harmless), then the sandbox, and remove both folders.
 */
export function engineTestBed(name: string, sandboxOptions: Omit<StartSandboxOptions, 'dataDir'> = {}): EngineTestBed {
  const sandboxDir = tempDir(`${name}-sandbox`);
  const profile = tempDir(`${name}-profile`);
  const engines: Engine[] = [];
  let apps: SandboxApps | null = null;
  const bed: EngineTestBed = {
    sandbox: null,
    get apps() {
      if (apps === null)
        throw new Error('engineTestBed: the sandbox is not started yet (use it inside hooks and tests)');
      return apps;
    },
    sandboxDir: sandboxDir.path,
    profileDir: profile.path,
    async openEngine(opts) {
      const engine = await openEngine({ autoSync: false, profileDir: profile.path, ...opts });
      engines.push(engine);
      return engine;
    },
  };
  beforeAll(async () => {
    bed.sandbox = await startSandbox({ dataDir: sandboxDir.path, ...sandboxOptions });
    apps = sandboxApps(bed.sandbox);
  });
  afterAll(async () => {
    for (const engine of engines) await engine.close();
    await bed.sandbox?.close();
    sandboxDir.remove();
    profile.remove();
  });
  return bed;
}

/** An address where a server was a moment ago and is no more: connections to it are refused. */
export async function deadServerUrl(): Promise<string> {
  const dir = tempDir('dead');
  const dead = await startSandbox({ dataDir: dir.path });
  await dead.close();
  dir.remove();
  return dead.baseUrl;
}

/** A JSON call to the sandbox as a partner or a colleague would make it. */
export async function sandboxCall<T = Record<string, unknown>>(
  baseUrl: string,
  apiKey: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await request(`${baseUrl}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: (text ? JSON.parse(text) : null) as T };
}

async function expectStatus<T>(p: Promise<{ status: number; body: T }>, status: number, what: string): Promise<T> {
  const res = await p;
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function createSession(
  baseUrl: string,
  apiKey: string,
  body: { session_kind: 'user' | 'business'; status?: string; vendor_data?: string },
): Promise<SessionPayload> {
  return expectStatus(
    sandboxCall<SessionPayload>(baseUrl, apiKey, 'POST', '/sandbox/sessions/', body),
    201,
    'create session',
  );
}

export async function mint(
  baseUrl: string,
  issuerKey: string,
  sessionId: string,
  forApplicationId: string,
  ttl = 3600,
): Promise<string> {
  const res = await expectStatus(
    sandboxCall<{ share_token: string }>(baseUrl, issuerKey, 'POST', `/v3/session/${sessionId}/share/`, {
      for_application_id: forApplicationId,
      ttl_in_seconds: ttl,
    }),
    201,
    'mint',
  );
  return res.share_token;
}

export async function importDirect(
  baseUrl: string,
  receiverKey: string,
  shareToken: string,
  workflowId: string,
): Promise<SessionPayload> {
  return expectStatus(
    sandboxCall<SessionPayload>(baseUrl, receiverKey, 'POST', '/v3/session/import-shared/', {
      share_token: shareToken,
      workflow_id: workflowId,
    }),
    201,
    'import',
  );
}

export function serverSession(baseUrl: string, apiKey: string, sessionId: string): Promise<SessionPayload> {
  return expectStatus(
    sandboxCall<SessionPayload>(baseUrl, apiKey, 'GET', `/v3/session/${sessionId}/decision/`),
    200,
    'read session',
  );
}

export function workflowOf(app: SandboxApplicationInfo, kind: 'user' | 'business'): string {
  const w = app.workflows.find((x) => x.session_kind === kind);
  if (!w) throw new Error(`application ${app.name} has no ${kind} workflow`);
  return w.id;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
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
