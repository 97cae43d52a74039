/**
 * `npm run bench:sandbox`: the sandbox (CLI child process, logs at warn) under load on 127.0.0.1.
 *   1. share mints/s (16 concurrent clients), which also provides the tokens for
 *   2. import-shared requests/s, p50, p99 at 16 concurrent clients over 20 s (KYC sessions with their images),
 *   3. webhook delivery lag (update-status request start → delivery received), p50 and p99, at 100 decisions/s.
 * Prints progress to stderr and, as its last stdout line, one JSON object of figures.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { mediaReferences } from '../../shared/didit/session.js';
import { call, createSession, spawnSandbox, startWebhookReceiver, tempDir } from '../integration/helpers/sandbox.js';

const CONCURRENCY = 16;
const IMPORT_SECONDS = 20;
const MINT_SECONDS = 12;
const MAX_TOKENS = 40_000;
const SOURCE_SESSIONS = 16;
const WEBHOOK_EVENTS = 300;
const WEBHOOK_INTERVAL_MS = 10;

const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n: number) => Math.round(n * 100) / 100;

async function post(url: string, key: string, body: unknown, method: 'POST' | 'PATCH' = 'POST') {
  const res = await request(url, {
    method,
    dispatcher: agent,
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

/** Runs `worker` on CONCURRENCY clients until `deadlineMs` or until it returns false; latencies in ms. */
async function load(
  deadlineMs: number,
  worker: () => Promise<boolean>,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  let more = true;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (more && performance.now() < deadlineMs) {
        const t0 = performance.now();
        const ok = await worker();
        if (!ok) {
          more = false;
          break;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const dataDir = tempDir('sandbox-bench-');
  const sandbox = await spawnSandbox({ dataDir, extra: ['--log-level', 'warn'] });
  try {
    const base = sandbox.ready.base_url;
    const [issuer, receiver] = sandbox.ready.applications;
    const receiverKyc = receiver.workflows.find((w) => w.session_kind === 'user')!.id;
    const sources: string[] = [];
    let mediaPerSession = 0;
    for (let i = 0; i < SOURCE_SESSIONS; i++) {
      const s = await createSession(base, issuer.api_key!, {
        session_kind: 'user',
        status: 'Approved',
        seed: 1000 + i,
      });
      mediaPerSession = mediaReferences(s).length;
      sources.push(s.session_id);
    }
    console.error(`sandbox bench: ${SOURCE_SESSIONS} KYC sources with ${mediaPerSession} media each`);

    // 1. Mints (they also feed the import phase: every import needs its own token).
    const tokens: string[] = [];
    let mintErrors = 0;
    let requested = 0;
    const mint = await load(performance.now() + MINT_SECONDS * 1000, async () => {
      if (tokens.length >= MAX_TOKENS) return false;
      const n = requested++;
      const source = sources[n % sources.length];
      const res = await post(`${base}/v3/session/${source}/share/`, issuer.api_key!, {
        for_application_id: receiver.id,
        // Didit's token has no jti: two tokens for one source minted in the same second with the same expiry are
        // the same token, which imports once. A TTL per mint keeps every token distinct, so each import is real.
        ttl_in_seconds: 3_600 + Math.floor(n / sources.length),
      });
      if (res.status === 201) tokens.push((JSON.parse(res.text) as { share_token: string }).share_token);
      else mintErrors += 1;
      return true;
    });
    console.error(`sandbox bench: ${tokens.length} tokens in ${mint.seconds.toFixed(1)} s`);

    // 2. Imports.
    let next = 0;
    let importErrors = 0;
    const imported: string[] = [];
    const imp = await load(performance.now() + IMPORT_SECONDS * 1000, async () => {
      const token = tokens[next++];
      if (token === undefined) return false;
      const res = await post(`${base}/v3/session/import-shared/`, receiver.api_key!, {
        share_token: token,
        workflow_id: receiverKyc,
      });
      if (res.status === 201) {
        if (imported.length < WEBHOOK_EVENTS)
          imported.push((JSON.parse(res.text) as { session_id: string }).session_id);
      } else importErrors += 1;
      return true;
    });
    console.error(`sandbox bench: ${imp.latencies.length} imports in ${imp.seconds.toFixed(1)} s`);

    // 3. Webhook lag: decide imported sessions, time until each status.updated arrives.
    const hooks = await startWebhookReceiver();
    const dest = await call(base, 'POST', '/v3/webhook/destinations/', {
      key: receiver.api_key,
      body: { url: hooks.url, subscribed_events: ['status.updated'] },
    });
    if (dest.status !== 201) throw new Error(`webhook destination: ${dest.status}`);
    // Paced (not a burst), so the figure is delivery lag rather than queueing behind a flood of decisions.
    const sentAt = new Map<string, number>();
    for (const id of imported) {
      const started = Date.now();
      sentAt.set(id, started);
      const res = await post(
        `${base}/v3/session/${id}/update-status/`,
        receiver.api_key!,
        { new_status: 'Approved' },
        'PATCH',
      );
      if (res.status !== 200) throw new Error(`update-status: ${res.status} ${res.text}`);
      await new Promise((r) => setTimeout(r, Math.max(0, started + WEBHOOK_INTERVAL_MS - Date.now())));
    }
    await hooks.waitFor(imported.length, 60_000);
    const lags = hooks.received
      .map((h) => h.receivedAtMs - sentAt.get(h.body.session_id as string)!)
      .sort((a, b) => a - b);
    await hooks.close();

    const figures = {
      bench: 'sandbox',
      concurrency: CONCURRENCY,
      media_per_session: mediaPerSession,
      share_mints: tokens.length,
      share_mints_per_s: round(tokens.length / mint.seconds),
      share_mint_p99_ms: round(percentile(mint.latencies, 99)),
      share_mint_errors: mintErrors,
      imports: imp.latencies.length,
      import_seconds: round(imp.seconds),
      imports_per_s: round(imp.latencies.length / imp.seconds),
      import_p50_ms: round(percentile(imp.latencies, 50)),
      import_p99_ms: round(percentile(imp.latencies, 99)),
      import_errors: importErrors,
      webhook_deliveries: lags.length,
      webhook_events_per_s: 1000 / WEBHOOK_INTERVAL_MS,
      webhook_lag_p50_ms: round(percentile(lags, 50)),
      webhook_lag_p99_ms: round(percentile(lags, 99)),
    };
    console.log(JSON.stringify(figures));
  } finally {
    await sandbox.stop();
    await agent.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
