/**
 * The sandbox's programmatic entry point, for tests and for the app's embedded sandbox.
 */
import type { AddressInfo } from 'node:net';
import type { SessionKind } from '../shared/didit/statuses.js';
import { SandboxCore } from './sandbox-state.js';
import { initializeDataDir } from './demo-world.js';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './http/rate-limit.js';
import { DEFAULT_MEDIA_TTL_SECONDS } from './media-urls.js';
import { createFastify, registerSandbox } from './server.js';
import type { DbKey } from './store/db.js';

export type { RateLimitOptions } from './http/rate-limit.js';
/** The database's file name in the data dir, and how it may be keyed. */
export { DB_FILE, type DbKey } from './store/db.js';
/** The name of the demo media file a build writes (demo-media.ts). */
export { DEMO_MEDIA_FILE } from './demo-media.js';

export interface StartSandboxOptions {
  /** A missing or empty directory is a fresh start. */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** On a fresh start, load the generator's demo world. */
  demo?: boolean;
  /** Off by default; `true` means 60 requests per minute per API key on /v3/ routes. */
  rateLimit?: boolean | RateLimitOptions;
  /** Delays before each webhook retry; default [60 000, 240 000]. */
  webhookRetryDelaysMs?: number[];
  /** Per-attempt webhook timeout; default 10 000. */
  webhookTimeoutMs?: number;
  /** Lifetime of media URLs; default 3600. */
  mediaTtlSeconds?: number;
  /** pino level for stderr logs; default 'warn'. */
  logLevel?: string;
  /**
   * Encrypts the database (SQLCipher) with this passphrase, or with `{ raw }`: 64 hex digits used as the key itself
   * (no key derivation: for a random key); plain file when absent.
   */
  dbKey?: DbKey;
  /**
   * What `POST /v3/session/import-shared/` answers: `full` (default), the seed's full clone of the session, or
   * `short`, Didit's documented `{session_id, session_number, session_url, status, workflow_id, vendor_data,
   * created_at, expires_at}`.
   */
  importAnswer?: 'full' | 'short';
  /**
   * The demo's media drawn at build time (demo-media.ts, `writeDemoMediaFile`): read instead of drawn when present
   * and made from the same demo plan. Without it, the demo's media are drawn at their first download.
   */
  demoMediaFile?: string;
}

export interface SandboxApplicationInfo {
  id: string;
  name: string;
  /** Present only when the key was created in this start (fresh data dir). */
  apiKey?: string;
  workflows: { id: string; session_kind: SessionKind; label: string }[];
}

export interface RunningSandbox {
  baseUrl: string;
  applications: SandboxApplicationInfo[];
  /** Resolves once no webhook delivery is in flight and no retry is pending. */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(opts: StartSandboxOptions): Promise<RunningSandbox> {
  const app = createFastify(opts.logLevel ?? 'warn');
  const core = new SandboxCore({
    dataDir: opts.dataDir,
    dbKey: opts.dbKey,
    mediaTtlSeconds: opts.mediaTtlSeconds ?? DEFAULT_MEDIA_TTL_SECONDS,
    webhookRetryDelaysMs: opts.webhookRetryDelaysMs,
    webhookTimeoutMs: opts.webhookTimeoutMs,
    importAnswer: opts.importAnswer,
    demoMediaFile: opts.demoMediaFile,
    log: app.log,
  });
  app.addHook('onClose', async () => core.close());
  let keys: Map<string, string>;
  try {
    keys = await initializeDataDir(core, opts.demo ?? false);
    const rateLimit = opts.rateLimit === true ? DEFAULT_RATE_LIMIT : opts.rateLimit || undefined;
    registerSandbox(app, core, rateLimit);
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { address, port } = app.server.address() as AddressInfo;
  const reachable = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  const baseUrl = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
  core.publicBaseUrl = baseUrl;
  app.log.info({ baseUrl }, 'sandbox ready');
  return {
    baseUrl,
    applications: core.apps.list().map((a) => ({
      id: a.id,
      name: a.name,
      ...(keys.has(a.id) ? { apiKey: keys.get(a.id) } : {}),
      workflows: core.apps.workflows(a.id).map(({ id, session_kind, label }) => ({ id, session_kind, label })),
    })),
    webhooksIdle: () => core.dispatcher.idle(),
    close: () => app.close(),
  };
}
