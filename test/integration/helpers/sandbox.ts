/**
 * The sandbox side of the test helpers: start the real sandbox in-process on a free port in a temp dir (fast
 * webhook retries), or as a child process through its CLI (for crash tests), call its API over loopback HTTP as a
 * partner or a colleague would, and receive its webhooks. The engine side (`engine.ts`) builds on these; both
 * re-export the basics (`basics.ts`), so a test imports from one file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import type { SessionKind } from '../../../shared/didit/statuses.js';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxApplicationInfo,
  type StartSandboxOptions,
} from '../../../sandbox/index.js';
import { REPO_ROOT, removeDir, tempDir, type Json } from './basics.js';

export * from './basics.js';

/** An application of the sandbox with its key (known only from a fresh start, or when added by a test). */
export interface SandboxApp {
  id: string;
  name: string;
  apiKey: string;
  workflows: { id: string; session_kind: SessionKind }[];
  kycWorkflowId: string;
  kybWorkflowId: string;
}

/** Application 0 issues (shares sessions), application 1 receives (imports them): the sandbox's convention. */
export interface SandboxApps {
  baseUrl: string;
  issuer: SandboxApp;
  receiver: SandboxApp;
}

export interface TestSandbox extends SandboxApps {
  dataDir: string;
  sandbox: RunningSandbox;
  /** Stops the server and deletes its data dir. */
  close(): Promise<void>;
}

export function workflowOf(
  app: { name: string; workflows: readonly { id: string; session_kind: SessionKind }[] },
  kind: SessionKind,
): string {
  const w = app.workflows.find((x) => x.session_kind === kind);
  if (!w) throw new Error(`application ${app.name} has no ${kind} workflow`);
  return w.id;
}

function toApp(a: SandboxApplicationInfo): SandboxApp {
  if (!a.apiKey) throw new Error(`No API key for ${a.name}: the data dir was not fresh`);
  return {
    id: a.id,
    name: a.name,
    apiKey: a.apiKey,
    workflows: a.workflows.map(({ id, session_kind }) => ({ id, session_kind })),
    kycWorkflowId: workflowOf(a, 'user'),
    kybWorkflowId: workflowOf(a, 'business'),
  };
}

/** The issuer and the receiver of a freshly started sandbox, with their keys. */
export function sandboxApps(sandbox: RunningSandbox): SandboxApps {
  const [issuer, receiver] = sandbox.applications;
  if (!issuer || !receiver) throw new Error('The sandbox has fewer than two applications');
  return { baseUrl: sandbox.baseUrl, issuer: toApp(issuer), receiver: toApp(receiver) };
}

/** A fresh sandbox on 127.0.0.1:0 in a temp dir, with webhook retries after 200 ms and 400 ms. */
export async function withSandbox(opts: Partial<StartSandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = opts.dataDir ?? tempDir('sandbox');
  const sandbox = await startSandbox({ webhookRetryDelaysMs: [200, 400], webhookTimeoutMs: 2_000, ...opts, dataDir });
  return {
    ...sandboxApps(sandbox),
    dataDir,
    sandbox,
    async close() {
      await sandbox.close();
      removeDir(dataDir);
    },
  };
}

/** An address where a server was a moment ago and is no more: connections to it are refused. */
export async function deadServerUrl(): Promise<string> {
  const dead = await withSandbox();
  await dead.close();
  return dead.baseUrl;
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

/** `call`, returning the body when the status is the expected one and throwing otherwise. */
async function expectStatus(status: number, what: string, res: Promise<ApiResponse>): Promise<Json> {
  const { status: got, body } = await res;
  if (got !== status) throw new Error(`${what}: HTTP ${got} ${JSON.stringify(body)}`);
  return body;
}

/** `POST /sandbox/sessions/`: a synthetic session of the caller's application. Throws unless 201. */
export function createSession(
  baseUrl: string,
  key: string,
  input: { session_kind: SessionKind; status?: string; vendor_data?: string; workflow_id?: string; seed?: number },
): Promise<Json> {
  return expectStatus(201, 'create session', call(baseUrl, 'POST', '/sandbox/sessions/', { key, body: input }));
}

/**
 * `POST /sandbox/sessions/raw/`: a session of the caller's application serving `payload` (a decision payload as
 * Didit documents it) verbatim. Throws unless 201; answers `{session_id, session_number}`.
 */
export function createRawSession(
  baseUrl: string,
  key: string,
  payload: Record<string, unknown>,
  sessionKind?: SessionKind,
): Promise<Json> {
  const body = sessionKind === undefined ? { payload } : { payload, session_kind: sessionKind };
  return expectStatus(201, 'create raw session', call(baseUrl, 'POST', '/sandbox/sessions/raw/', { key, body }));
}

/** `GET /v3/session/<id>/decision/` as the given application sees it. Throws unless 200. */
export function serverSession(baseUrl: string, key: string, sessionId: string): Promise<Json> {
  return expectStatus(200, 'read session', call(baseUrl, 'GET', `/v3/session/${sessionId}/decision/`, { key }));
}

/** Mints a share token as the owner of `sessionId` for `forApplicationId` (ttl: the server's default). Throws unless 201. */
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
  const res = await expectStatus(201, 'mint', call(baseUrl, 'POST', `/v3/session/${sessionId}/share/`, { key, body }));
  return res.share_token as string;
}

/** `POST /v3/session/import-shared/`, answered as is (tests check the error statuses too). */
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
  const created = await expectStatus(
    201,
    'add application',
    call(baseUrl, 'POST', '/sandbox/applications/', { key, body: { name, ...(privileges ? { privileges } : {}) } }),
  );
  return toApp({ id: created.id, name: created.name, apiKey: created.api_key, workflows: created.workflows });
}

/** Moves the sandbox clock forward (tokens and media URLs expire without sleeping). */
export async function advanceClock(baseUrl: string, key: string, seconds: number): Promise<void> {
  await expectStatus(
    200,
    'clock',
    call(baseUrl, 'POST', '/sandbox/clock/', { key, body: { advance_seconds: seconds } }),
  );
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
