/**
 * The browser host as the e2e tests use it: the built `out/serve/cli.js` (what `npm run serve` runs) as a child
 * process of Node (one process, so a signal reaches the host itself) with a temp profile, waiting for its ready JSON
 * line; plus calls to its ReviewerApi over loopback HTTP with the launch token, the way any API client would.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReviewerInput, ReviewerMethod, ReviewerOutputs } from '../../../shared/reviewer-api.js';

import { REPO_ROOT, tempDir } from '../../integration/helpers/basics.js';

/** The e2e suites use the same basics as the integration suites. */
export { REPO_ROOT, removeDir, tempDir, waitFor } from '../../integration/helpers/basics.js';

/** The built browser host (electron.vite.config.ts builds it with the app). */
const HOST_CLI = join(REPO_ROOT, 'out', 'serve', 'cli.js');

/** The e2e suites drive the built host and renderer; `npm test` builds them first, a lone run must too. */
function assertBuilt(): void {
  for (const file of [HOST_CLI, join(REPO_ROOT, 'out', 'renderer', 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx electron-vite build\` before the e2e tests.`);
  }
}

export interface HostReady {
  event: 'ready';
  url: string;
  token: string;
  keychain: 'os' | 'memory';
}

export class HostError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string } | null,
  ) {
    super(`host answered ${status}: ${JSON.stringify(body)}`);
  }
}

export interface RunningHost {
  ready: HostReady;
  /** http://127.0.0.1:<port> */
  origin: string;
  profileDir: string;
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** A ReviewerApi call with the bearer token; throws HostError on a non-2xx answer. */
  api<M extends ReviewerMethod>(method: M, input?: ReviewerInput<M>): Promise<ReviewerOutputs[M]>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

export interface HostOptions {
  profileDir?: string;
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
  /** More `electron/serve/cli.ts` options, e.g. shorter server timeouts. */
  args?: string[];
}

export async function startHost(opts: HostOptions = {}): Promise<RunningHost> {
  assertBuilt();
  const profileDir = opts.profileDir ?? tempDir('profile');
  const args = [HOST_CLI, '--port', '0', '--no-open', '--profile', profileDir];
  if (opts.demo === false) args.push('--no-demo');
  args.push(...(opts.args ?? []));
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: opts.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const ready = await new Promise<HostReady>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`host not ready after 90 s:\n${stderr}`)), 90_000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        res(JSON.parse(line) as HostReady);
      } catch {
        rej(new Error(`host printed a non-JSON first line: ${line}`));
      }
    });
    void exited.then((code) => rej(new Error(`host exited (${code}) before ready:\n${stderr}`)));
  });
  const origin = new URL(ready.url).origin;
  return {
    ready,
    origin,
    profileDir,
    child,
    stderr: () => stderr,
    async api(method, input) {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await res.json().catch(() => null)) as never;
      if (!res.ok) throw new HostError(res.status, body);
      return body;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
