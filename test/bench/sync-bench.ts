/**
 * `npm run bench:sync`: sync 2,000 imported sessions with their media from the sandbox (its own process, over
 * loopback) into a fresh encrypted cache, and the same into a plain SQLite file: sessions/s, peak RSS of the
 * syncing process (each run in a fresh one), and the ratio of encrypted to plain time. Each variant runs twice,
 * alternating.
 * Last line: one JSON object. Targets: >= 500 sessions/s, ratio <= 1.15, peak RSS <= 300 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { openCacheFile } from '../../electron/core/cache/index.js';
import { MemoryKeychain, startEngine } from '../../electron/core/index.js';

const SESSIONS = Number(process.env.SYNC_BENCH_SESSIONS ?? 2000);
/** Imports per source session: the clones are distinct sessions with their own media URLs. */
const CLONES_PER_SOURCE = 5;
const SETUP_CONCURRENCY = 8;
const TARGETS = { sessionsPerSecond: 500, ratio: 1.15, peakRssMb: 300 };

interface App {
  id: string;
  api_key: string;
  workflows: { id: string; session_kind: 'user' | 'business' }[];
}

async function startSandboxProcess(dataDir: string): Promise<{ baseUrl: string; apps: App[]; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataDir, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const ready = JSON.parse(line) as { event: string; base_url: string; applications: App[] };
    if (ready.event === 'ready') return { baseUrl: ready.base_url, apps: ready.applications, child };
  }
  throw new Error('the sandbox exited before it was ready');
}

async function call<T>(baseUrl: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function inParallel(count: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: SETUP_CONCURRENCY }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/** The receiver gets SESSIONS imported KYC sessions (every one with ID images, selfie, face match, PoA). */
async function seed(baseUrl: string, issuer: App, receiver: App): Promise<void> {
  const sources: string[] = [];
  const sourceCount = Math.ceil(SESSIONS / CLONES_PER_SOURCE);
  await inParallel(sourceCount, async () => {
    const s = await call<{ session_id: string }>(baseUrl, issuer.api_key, 'POST', '/sandbox/sessions/', {
      session_kind: 'user',
      status: 'Approved',
    });
    sources.push(s.session_id);
  });
  const workflowId = receiver.workflows.find((w) => w.session_kind === 'user')!.id;
  await inParallel(SESSIONS, async (i) => {
    const { share_token } = await call<{ share_token: string }>(
      baseUrl,
      issuer.api_key,
      'POST',
      `/v3/session/${sources[i % sources.length]}/share/`,
      // A token is a JWT of (session, applications, issued-at second, expiry): tokens for one source minted within
      // the same second would be the same token, which imports once. A TTL per clone keeps each one distinct.
      { for_application_id: receiver.id, ttl_in_seconds: 3_600 + Math.floor(i / sources.length) },
    );
    await call(baseUrl, receiver.api_key, 'POST', '/v3/session/import-shared/', {
      share_token,
      workflow_id: workflowId,
    });
  });
}

/**
 * One sync into a fresh profile, in this process (started with `--worker`, so each run has a process of its own and
 * its peak RSS is its own). Prints one JSON line.
 */
async function workerRun(job: { baseUrl: string; receiver: App; encrypted: boolean }): Promise<void> {
  const { baseUrl, receiver, encrypted } = job;
  const profileDir = mkdtempSync(join(tmpdir(), `cs-sync-bench-${encrypted ? 'enc' : 'plain'}-`));
  const cache = openCacheFile({
    file: join(profileDir, 'countersign.db'),
    key: randomBytes(32).toString('hex'),
    encrypted,
  });
  const engine = await startEngine(cache, {
    profileDir,
    secrets: new MemoryKeychain(),
    autoSync: false,
    seedConnections: [
      {
        name: 'bench receiver',
        baseUrl,
        applicationId: receiver.id,
        role: 'receiver',
        apiKey: receiver.api_key,
        workflows: receiver.workflows,
      },
    ],
  });
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await engine.syncAndWait();
  const seconds = (performance.now() - started) / 1000;
  // Every thread of this process (the engine's and the cache's workers too), for comparisons on a busy machine.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const synced = (await engine.listSessions({ view: 'all', limit: 1 })).total;
  await engine.close();
  rmSync(profileDir, { recursive: true, force: true });
  // maxRSS is the whole life of this process: startup, the sync and the close.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, cpuSeconds, synced, peakRssMb, baselineRssMb: baselineRss / 2 ** 20 }));
}

async function syncInChild(baseUrl: string, receiver: App, encrypted: boolean) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', JSON.stringify({ baseUrl, receiver, encrypted })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  for await (const chunk of child.stdout!) out += chunk;
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    cpuSeconds: number;
    synced: number;
    peakRssMb: number;
    baselineRssMb: number;
  };
  if (result.synced !== SESSIONS) throw new Error(`synced ${result.synced} of ${SESSIONS} sessions`);
  return result;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-sync-bench-sandbox-'));
  const sandbox = await startSandboxProcess(dataDir).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const { baseUrl, apps, child } = sandbox;
  try {
    const [issuer, receiver] = apps;
    const setupStarted = performance.now();
    await seed(baseUrl, issuer, receiver);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    console.log(`seeded ${SESSIONS} imported sessions in ${setupSeconds.toFixed(1)} s`);
    const runs: { encrypted: boolean; seconds: number; cpuSeconds: number; peakRssMb: number }[] = [];
    for (const encrypted of [false, true, false, true]) {
      const r = await syncInChild(baseUrl, receiver, encrypted);
      runs.push({ encrypted, ...r });
      console.log(
        `${encrypted ? 'encrypted' : 'plain    '}: ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s), peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.baselineRssMb.toFixed(0)} MB before)`,
      );
    }
    const summary = (encrypted: boolean) => {
      const mine = runs.filter((r) => r.encrypted === encrypted);
      const seconds = mine.reduce((n, r) => n + r.seconds, 0) / mine.length;
      const cpuSeconds = mine.reduce((n, r) => n + r.cpuSeconds, 0) / mine.length;
      return {
        seconds: Number(seconds.toFixed(2)),
        cpuSeconds: Number(cpuSeconds.toFixed(2)),
        sessionsPerSecond: Math.round(SESSIONS / seconds),
        peakRssMb: Math.round(Math.max(...mine.map((r) => r.peakRssMb))),
      };
    };
    const enc = summary(true);
    const plain = summary(false);
    const ratio = Number((enc.seconds / plain.seconds).toFixed(2));
    // The same ratio in CPU time of the syncing process: less disturbed by other work on the machine.
    const cpuRatio = Number((enc.cpuSeconds / plain.cpuSeconds).toFixed(2));
    const pass =
      enc.sessionsPerSecond >= TARGETS.sessionsPerSecond &&
      ratio <= TARGETS.ratio &&
      Math.max(enc.peakRssMb, plain.peakRssMb) <= TARGETS.peakRssMb;
    console.log(
      JSON.stringify({
        bench: 'sync',
        sessions: SESSIONS,
        encrypted: enc,
        plain,
        ratio,
        cpuRatio,
        targets: TARGETS,
        pass,
        loadAverage: Math.round(loadavg()[0] * 10) / 10,
      }),
    );
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const workerArg = process.argv.indexOf('--worker');
const entry = workerArg > 0 ? workerRun(JSON.parse(process.argv[workerArg + 1])) : main();
entry.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
