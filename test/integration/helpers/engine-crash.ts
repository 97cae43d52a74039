/**
 * Crash harness shared by the crash test and scripts/soak-crash.ts: runs the engine in a child process, kills it
 * with SIGKILL at random moments during sync and during decision sending, then checks the profile: no decision
 * lost, none applied twice on the server, no half-stored session, SQLite integrity and the audit chain intact.
 */
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mediaReferences } from '../../../shared/didit/session.js';
import { openEngine } from '../../../electron/core/index.js';
import { openProfileCache } from '../../../electron/core/cache/index.js';
import { OsKeychain } from '../../../electron/core/keychain/index.js';
import type { ChildJob } from './engine-child.js';
import {
  connectionInput,
  createSession,
  markerReviews,
  mintToken,
  serverSession,
  workflowOf,
  type SandboxApps,
} from './engine.js';

const CHILD = fileURLToPath(new URL('./engine-child.ts', import.meta.url));

export interface ChildRun {
  killed: boolean;
  lines: Record<string, unknown>[];
  stderr: string;
}

/**
 * Runs one child; with `killAfterMs`, SIGKILLs it that long after it reported ready (unless it finished first).
 * `onSpawn` hands the caller a way to kill it at a moment of its own choosing.
 */
function runChild(
  job: ChildJob,
  killAfterMs: number | null,
  timeoutMs = 60_000,
  onSpawn?: (kill: () => void) => void,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    onSpawn?.(() => child.kill('SIGKILL'));
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    let buffered = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line.trim()) continue;
        const parsed: Record<string, unknown> = {
          ...(JSON.parse(line) as Record<string, unknown>),
          receivedAt: Date.now(),
        };
        lines.push(parsed);
        if (parsed.event === 'ready' && killAfterMs !== null)
          timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      const done = lines.some((l) => l.event === 'done');
      resolve({ killed: signal === 'SIGKILL' && !done, lines, stderr });
    });
  });
}

export interface CrashWorld {
  apps: SandboxApps;
  profileDir: string;
  keychainService: string;
}

export interface PhaseResult {
  kills: number;
  runs: number;
  /** Decisions the child reported as recorded (decide returned), by decision id. */
  reported: Map<string, { sessionId: string; marker: string }>;
}

/** Adds `count` In Review sessions (KYC and KYB) to the receiving application. */
export async function addReceiverSessions(apps: SandboxApps, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4 === 3 ? 'business' : 'user';
    const s = await createSession(apps.baseUrl, apps.receiver.apiKey, {
      session_kind: kind,
      status: kind === 'user' ? 'In Review' : 'IN_REVIEW',
    });
    ids.push(s.session_id);
  }
  return ids;
}

/**
 * Kill rounds, each SIGKILL at a random moment within `maxKillMs` of the child being ready, or within the duration
 * of the last run that completed, whichever was seen last. 'sync': before each run new sessions appear on the server, so every run has media to download when
 * it dies. 'decide': each run records `decidePerRun` decisions, then syncs and sends; it dies somewhere in there.
 */
export async function crashPhase(
  world: CrashWorld,
  opts: {
    phase: 'sync' | 'decide';
    kills: number;
    maxRuns: number;
    maxKillMs: number;
    newSessionsPerRun?: number;
    decidePerRun?: number;
    candidates?: () => string[];
  },
  reported: Map<string, { sessionId: string; marker: string }> = new Map(),
): Promise<PhaseResult> {
  let kills = 0;
  let runs = 0;
  let window = opts.maxKillMs;
  const seedConnections = [connectionInput(world.apps.baseUrl, world.apps.receiver, 'receiver')];
  while (kills < opts.kills && runs < opts.maxRuns) {
    runs++;
    if (opts.phase === 'sync' && opts.newSessionsPerRun) await addReceiverSessions(world.apps, opts.newSessionsPerRun);
    const job: ChildJob = {
      profileDir: world.profileDir,
      keychainService: world.keychainService,
      seedConnections,
      decideCandidates: opts.phase === 'decide' ? opts.candidates?.() : [],
      decideCount: opts.decidePerRun ?? 0,
    };
    const run = await runChild(job, Math.floor(Math.random() * window));
    const failed = run.lines.find((l) => l.event === 'error');
    if (failed) throw new Error(`engine child failed: ${JSON.stringify(failed)}\n${run.stderr}`);
    if (!run.lines.some((l) => l.event === 'ready') && !run.killed)
      throw new Error(`engine child never opened:\n${run.stderr}`);
    for (const l of run.lines) {
      if (l.event === 'decided')
        reported.set(String(l.decisionId), { sessionId: String(l.sessionId), marker: String(l.marker) });
    }
    if (run.killed) kills++;
    // Aim the next kill inside the work: the window follows how long a run that was not killed took.
    const at = (event: string) => run.lines.find((l) => l.event === event)?.receivedAt as number | undefined;
    const ready = at('ready');
    const done = at('done');
    if (ready !== undefined && done !== undefined) window = Math.max(20, done - ready);
  }
  return { kills, runs, reported };
}

export interface CrashReport {
  decisionsLocal: number;
  decisionsReported: number;
  lost: string[];
  notSynced: string[];
  /** Sessions whose reviews carry our marker other than exactly once, or more than one review. */
  duplicates: string[];
  /** Cached sessions with fewer media than their payload references. */
  partialSessions: string[];
  integrity: string[];
  auditOk: boolean;
  auditEntries: number;
  /** Decisions found applied by reading the session back (a kill hid the server's answer). */
  recoveredByReadBack: number;
  /** Decisions sent more than once because a kill came after `sending` but before the request was applied. */
  resent: number;
}

/** Opens the profile in this process, delivers everything pending, then checks it against the server. */
export async function finalCheck(world: CrashWorld, reported: PhaseResult['reported']): Promise<CrashReport> {
  const secrets = await OsKeychain.open({ service: world.keychainService });
  const engine = await openEngine({ profileDir: world.profileDir, secrets, autoSync: false });
  let decisions;
  try {
    for (let pass = 0; pass < 5; pass++) {
      await engine.syncAndWait();
      if ((await engine.listDecisions({ states: ['queued', 'sending'] })).length === 0) break;
    }
    decisions = await engine.listDecisions({});
  } finally {
    await engine.close();
  }
  const local = new Map(decisions.map((d) => [d.id, d]));
  const lost = [...reported.keys()].filter((id) => !local.has(id));
  const notSynced = decisions.filter((d) => d.state !== 'synced').map((d) => `${d.id}:${d.state}:${d.lastError}`);
  const duplicates: string[] = [];
  for (const d of decisions) {
    const server = await serverSession(world.apps.baseUrl, world.apps.receiver.apiKey, d.sessionId);
    const count = markerReviews(server, d.marker);
    if (count !== 1 || (server.reviews ?? []).length !== 1)
      duplicates.push(`${d.sessionId}: marker x${count}, reviews ${(server.reviews ?? []).length}`);
  }
  const cache = await openProfileCache({ profileDir: world.profileDir, secrets });
  try {
    const partialSessions: string[] = [];
    const total = cache.querySessions({ view: 'all', limit: 1 }).total;
    for (let offset = 0; offset < total; offset += 500) {
      for (const row of cache.querySessions({ view: 'all', limit: 500, offset }).rows) {
        const stored = cache.getSession(row.id)!;
        if (cache.listMedia(row.id).length !== mediaReferences(stored.payload).length) partialSessions.push(row.id);
      }
    }
    const audit = cache.verifyAudit();
    const synced = [];
    for (let offset = 0; offset < audit.entries; offset += 500) {
      synced.push(...cache.listAudit({ offset, limit: 500 }).entries.filter((e) => e.type === 'decision.synced'));
    }
    return {
      recoveredByReadBack: synced.filter((e) => e.details.recoveredByReadBack === true).length,
      resent: decisions.filter((d) => d.attempts > 1).length,
      decisionsLocal: decisions.length,
      decisionsReported: reported.size,
      lost,
      notSynced,
      duplicates,
      partialSessions,
      integrity: cache.integrityCheck(),
      auditOk: audit.ok,
      auditEntries: audit.entries,
    };
  } finally {
    cache.close();
  }
}

/** A pass-through proxy to the sandbox that calls `onImportAnswered` once a 201 import answer has gone out. */
async function importWatchingProxy(target: string, onImportAnswered: (answer: Record<string, unknown>) => void) {
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(body, () => {
            if (req.url?.startsWith('/v3/session/import-shared/') && up.statusCode === 201) {
              onImportAnswered(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
            }
          });
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface ImportCrashReport {
  runs: number;
  /** Runs killed right after the server answered the import (the token was spent). */
  killedAfterAnswer: number;
  /** Imports the server answered whose session is missing from the cache after a restart and a sync. */
  missing: string[];
  /** Imported sessions in the cache without their import details (partner, trust_review). */
  withoutProvenance: string[];
}

/**
 * Redeems one token per run and SIGKILLs the engine the moment the import answer has been sent to it (every
 * other run; the rest finish). Afterwards, once the engine restarts and syncs, every session the server imported
 * must be in the cache with its provenance.
 */
export async function importCrashPhase(world: CrashWorld, runs: number): Promise<ImportCrashReport> {
  let killCurrent: (() => void) | null = null;
  let killOnAnswer = false;
  const answered: string[] = [];
  let killedAfterAnswer = 0;
  const proxy = await importWatchingProxy(world.apps.baseUrl, (answer) => {
    answered.push(String(answer.session_id));
    if (killOnAnswer && killCurrent) {
      killCurrent();
      killedAfterAnswer++;
    }
  });
  const seedConnections = [connectionInput(proxy.url, world.apps.receiver, 'receiver')];
  try {
    for (let run = 0; run < runs; run++) {
      const source = await createSession(world.apps.baseUrl, world.apps.issuer.apiKey, {
        session_kind: run % 3 === 2 ? 'business' : 'user',
        status: 'Approved',
      });
      const token = await mintToken(
        world.apps.baseUrl,
        world.apps.issuer.apiKey,
        source.session_id,
        world.apps.receiver.id,
      );
      killOnAnswer = run % 2 === 0;
      const job: ChildJob = {
        profileDir: world.profileDir,
        keychainService: world.keychainService,
        seedConnections,
        redeem: [
          {
            shareToken: token,
            workflowId: workflowOf(world.apps.receiver, source.session_kind),
            trustReview: true,
          },
        ],
      };
      const result = await runChild(job, null, 60_000, (kill) => (killCurrent = kill));
      const failed = result.lines.find((l) => l.event === 'error');
      if (failed) throw new Error(`engine child failed: ${JSON.stringify(failed)}\n${result.stderr}`);
    }
    const secrets = await OsKeychain.open({ service: world.keychainService });
    const engine = await openEngine({ profileDir: world.profileDir, secrets, autoSync: false });
    try {
      await engine.syncAndWait();
      const missing: string[] = [];
      const withoutProvenance: string[] = [];
      for (const id of answered) {
        const detail = await engine.getSession({ id }).catch(() => null);
        if (detail === null) missing.push(id);
        else if (
          detail.importInfo?.trustReview !== true ||
          detail.importInfo.sourceApplicationId !== world.apps.issuer.id
        )
          withoutProvenance.push(id);
      }
      return { runs, killedAfterAnswer, missing, withoutProvenance };
    } finally {
      await engine.close();
    }
  } finally {
    await proxy.close();
  }
}
