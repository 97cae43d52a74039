/**
 * Test helpers around the real sandbox: start it in-process on a free port in a temp dir (fast webhook retries),
 * run it as a child process through its CLI (for crash tests), call it over loopback HTTP, and receive its webhooks.
 * Reusable by every integration test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../sandbox/index.js';

/** Response bodies are arbitrary JSON that tests walk freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface SandboxApp {
  id: string;
  name: string;
  apiKey: string;
  kycWorkflowId: string;
  kybWorkflowId: string;
}

export interface TestSandbox {
  baseUrl: string;
  dataDir: string;
  /** Application 0 (shares sessions). */
  issuer: SandboxApp;
  /** Application 1 (imports them). */
  receiver: SandboxApp;
  sandbox: RunningSandbox;
  /** Stops the server and deletes its data dir. */
  close(): Promise<void>;
}

export function tempDir(prefix = 'sandbox-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function toApp(a: RunningSandbox['applications'][number]): SandboxApp {
  const workflow = (kind: string) => a.workflows.find((w) => w.session_kind === kind)?.id ?? '';
  if (!a.apiKey) throw new Error(`No API key for ${a.name}: the data dir was not fresh`);
  return {
    id: a.id,
    name: a.name,
    apiKey: a.apiKey,
    kycWorkflowId: workflow('user'),
    kybWorkflowId: workflow('business'),
  };
}

/** A fresh sandbox on 127.0.0.1:0 in a temp dir, with webhook retries after 200 ms and 400 ms. */
export async function withSandbox(opts: Partial<StartSandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = opts.dataDir ?? tempDir();
  const sandbox = await startSandbox({ webhookRetryDelaysMs: [200, 400], webhookTimeoutMs: 2_000, ...opts, dataDir });
  const [issuer, receiver] = sandbox.applications.map(toApp);
  return {
    baseUrl: sandbox.baseUrl,
    dataDir,
    issuer,
    receiver,
    sandbox,
    async close() {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = Json> {
  status: number;
  headers: IncomingHttpHeaders;
  body: T;
}

/** One HTTP call: JSON in (unless `raw`), JSON out (null when the body is empty or not JSON). */
export async function call<T = Json>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  path: string,
  opts: { key?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== undefined) headers['x-api-key'] = opts.key;
  let body: string | Buffer | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const url = path.startsWith('http') ? path : `${baseUrl}${path}`;
  const res = await request(url, { method, headers, body });
  const text = await res.body.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.statusCode, headers: res.headers as IncomingHttpHeaders, body: parsed as T };
}

/** `POST /sandbox/sessions/`: a synthetic session of the caller's application. Throws unless 201. */
export async function createSession(
  baseUrl: string,
  key: string,
  input: { session_kind: 'user' | 'business'; status?: string; vendor_data?: string; seed?: number },
): Promise<Json> {
  const res = await call(baseUrl, 'POST', '/sandbox/sessions/', { key, body: input });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * `POST /sandbox/sessions/raw/`: a session of the caller's application serving `payload` (a decision payload as
 * Didit documents it) verbatim. Throws unless 201; answers `{session_id, session_number}`.
 */
export async function createRawSession(
  baseUrl: string,
  key: string,
  payload: Record<string, unknown>,
  sessionKind?: 'user' | 'business',
): Promise<Json> {
  const body = sessionKind === undefined ? { payload } : { payload, session_kind: sessionKind };
  const res = await call(baseUrl, 'POST', '/sandbox/sessions/raw/', { key, body });
  if (res.status !== 201) throw new Error(`create raw session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Mints a share token as the owner of `sessionId` for `forApplicationId`. Throws unless 201. */
export async function mintToken(
  baseUrl: string,
  key: string,
  sessionId: string,
  forApplicationId: string,
  ttl?: number,
): Promise<string> {
  const body =
    ttl === undefined
      ? { for_application_id: forApplicationId }
      : { for_application_id: forApplicationId, ttl_in_seconds: ttl };
  const res = await call(baseUrl, 'POST', `/v3/session/${sessionId}/share/`, { key, body });
  if (res.status !== 201) throw new Error(`mint: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.share_token as string;
}

export function importToken(
  baseUrl: string,
  key: string,
  body: { share_token: string; workflow_id: string; vendor_data?: string; trust_review?: boolean },
): Promise<ApiResponse> {
  return call(baseUrl, 'POST', '/v3/session/import-shared/', { key, body });
}

/** `POST /sandbox/applications/`: a further application (e.g. a third party) with its key and workflows. */
export async function addApplication(
  baseUrl: string,
  key: string,
  name: string,
  privileges?: string[],
): Promise<SandboxApp> {
  const res = await call(baseUrl, 'POST', '/sandbox/applications/', {
    key,
    body: { name, ...(privileges ? { privileges } : {}) },
  });
  if (res.status !== 201) throw new Error(`add application: ${res.status} ${JSON.stringify(res.body)}`);
  const workflows = res.body.workflows as { id: string; session_kind: string }[];
  return {
    id: res.body.id,
    name: res.body.name,
    apiKey: res.body.api_key,
    kycWorkflowId: workflows.find((w) => w.session_kind === 'user')!.id,
    kybWorkflowId: workflows.find((w) => w.session_kind === 'business')!.id,
  };
}

/** Moves the sandbox clock forward (tokens and media URLs expire without sleeping). */
export async function advanceClock(baseUrl: string, key: string, seconds: number): Promise<void> {
  const res = await call(baseUrl, 'POST', '/sandbox/clock/', { key, body: { advance_seconds: seconds } });
  if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface ReadyLine {
  event: 'ready';
  base_url: string;
  applications: { id: string; name: string; api_key?: string; workflows: { id: string; session_kind: string }[] }[];
}

export interface SandboxProcess {
  child: ChildProcessWithoutNullStreams;
  ready: ReadyLine;
  /** Every stdout line, the ready line included. */
  stdoutLines: string[];
  stderr(): string;
  /** SIGTERM (or the given signal) and wait for exit; resolves with the exit code (null when killed by signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the CLI as a child (`node --import tsx sandbox/cli.ts`, one process, so `kill -9` reaches the server
 * itself) and waits for its ready line.
 */
export async function spawnSandbox(args: {
  dataDir: string;
  port?: number;
  demo?: boolean;
  extra?: string[];
}): Promise<SandboxProcess> {
  const argv = ['--import', 'tsx', 'sandbox/cli.ts', '--port', String(args.port ?? 0), '--data', args.dataDir];
  if (args.demo) argv.push('--demo');
  argv.push(...(args.extra ?? []));
  const child = spawn(process.execPath, argv, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const stdoutLines: string[] = [];
  const exited = new Promise<number | null>((res) => child.once('close', (code) => res(code)));
  const ready = await new Promise<ReadyLine>((res, rej) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      stdoutLines.push(line);
      if (stdoutLines.length === 1) {
        try {
          res(JSON.parse(line) as ReadyLine);
        } catch (err) {
          rej(err);
        }
      }
    });
    void exited.then((code) => rej(new Error(`sandbox exited (${code}) before ready:\n${stderr}`)));
  });
  return {
    child,
    ready,
    stdoutLines,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: Json;
  receivedAtMs: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` deliveries have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A loopback HTTP receiver; `respond(n)` picks the status of the n-th delivery (0-based), default 200. */
export async function startWebhookReceiver(respond: (n: number) => number = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const status = respond(received.length);
      received.push({
        headers: req.headers,
        rawBody,
        body: JSON.parse(rawBody.toString('utf8')),
        receivedAtMs: Date.now(),
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      for (const w of [...waiters]) {
        if (received.length < w.count) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/didit`,
    received,
    waitFor(count, timeoutMs = 15_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`only ${received.length} of ${count} webhooks arrived`)),
          timeoutMs,
        );
        waiters.push({ count, resolve: () => (clearTimeout(timer), res(received)) });
      });
    },
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}
