/**
 * Turning network and HTTP failures into ReviewerErrors an analyst can act on, and the engine's one policy on what a
 * failure means for its connection (offline? worth retrying? the connection's fault?). `DiditError` keeps what the
 * engine itself needs to decide what to do next (was the request possibly applied? when may it retry?), while the
 * code and message are all the UI ever sees.
 */
import { ReviewerError, type ReviewerErrorCode } from '../../shared/reviewer-errors.js';

export class DiditError extends ReviewerError {
  constructor(
    code: ReviewerErrorCode,
    message: string,
    readonly extra: {
      /** HTTP status when the server answered. */
      status?: number;
      /** The server's `detail` (or joined field errors). */
      detail?: string | null;
      /** Milliseconds the server asked us to wait (429 Retry-After). */
      retryAfterMs?: number;
      /** True when the request may have reached the server and been applied (timeout, reset mid-request). */
      ambiguous?: boolean;
    } = {},
  ) {
    super(code, message);
  }
}

/**
 * What a failure says about the connection it happened on, by code: the one table the questions below read, so the
 * poller, the sender, the status bar and every one-off call agree. A code not listed (validation, not found, a spent
 * or foreign token, ...) is about the one request, not the connection.
 * - offline: no HTTP answer at all (network, name or server down);
 * - busy: the server answered but cannot serve now (429, 5xx); the same request may well pass later;
 * - refused: the server answered and refuses the key. The server is reachable, so this is not offline; and nothing
 *   passes until someone edits the connection, so it is not transient either.
 */
const CONNECTION_FAILURES: Partial<Record<ReviewerErrorCode, 'offline' | 'busy' | 'refused'>> = {
  unreachable: 'offline',
  dns_failed: 'offline',
  timeout: 'offline',
  rate_limited: 'busy',
  server_error: 'busy',
  auth_failed: 'refused',
};

function connectionFailure(err: unknown): 'offline' | 'busy' | 'refused' | undefined {
  return err instanceof ReviewerError ? CONNECTION_FAILURES[err.code] : undefined;
}

/**
 * We could not talk to the server at all. Decides a connection's online flag (so an analyst sees "offline" only when
 * the server is out of reach, never for a refused key) and when the outbound picker falls back to cached sessions.
 */
export function isOffline(err: unknown): boolean {
  return connectionFailure(err) === 'offline';
}

/**
 * The same request may pass later with nothing changed: offline or busy. A sync pass stops on it and backs off (the
 * other sessions would fail the same way) instead of skipping the one session as unreadable.
 */
export function isTransient(err: unknown): boolean {
  const kind = connectionFailure(err);
  return kind === 'offline' || kind === 'busy';
}

/**
 * The failure is the connection's, not the request's: the server is out of reach or refuses the key. A one-off call
 * (import, share, the outbound list, a webhook's fetch) records it on the connection's state so the status bar and
 * settings show it; a busy server or a refused request leaves the state to the poller.
 */
export function isConnectionFailure(err: unknown): boolean {
  const kind = connectionFailure(err);
  return kind === 'offline' || kind === 'refused';
}

const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  // undici wraps socket errors; the useful code may sit on a cause.
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure before any HTTP answer arrived, in words for the analyst. `host` is the server's address. */
export function networkError(err: unknown, host: string): DiditError {
  if (err instanceof DiditError) return err;
  const code = errorCode(err);
  // UND_ERR_DESTROYED: the engine destroyed its dispatcher while closing.
  if (code === 'UND_ERR_ABORTED' || code === 'UND_ERR_DESTROYED' || (err as { name?: string })?.name === 'AbortError') {
    return new DiditError('unreachable', `The request to ${host} was cancelled.`, { ambiguous: true });
  }
  if (code !== undefined && DNS.has(code)) {
    return new DiditError(
      'dns_failed',
      `The server name ${host} could not be found. Check the address and your network.`,
    );
  }
  if (code !== undefined && TIMEOUTS.has(code)) {
    return new DiditError('timeout', `${host} did not answer in time. Check your network or try again later.`, {
      ambiguous: code !== 'UND_ERR_CONNECT_TIMEOUT',
    });
  }
  return new DiditError(
    'unreachable',
    `Could not reach ${host}. Check your network or whether the server is running.`,
    {
      ambiguous: code === undefined || !NOT_SENT.has(code),
    },
  );
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The generic mapping of an HTTP error answer; call sites with richer knowledge (import, share) refine it first. */
export function httpError(status: number, detail: string | null, retryAfterMs?: number): DiditError {
  const said = detail ? ` The server said: "${detail}"` : '';
  const extra = { status, detail, retryAfterMs };
  if (status === 401 || status === 403) {
    return new DiditError('auth_failed', `The server refused the API key (HTTP ${status}).${said}`, extra);
  }
  if (status === 404) return new DiditError('not_found', `Not found on the server.${said}`, extra);
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` Retrying in ${Math.ceil(retryAfterMs / 1000)} s.` : '';
    return new DiditError('rate_limited', `The server is rate limiting requests.${wait}`, extra);
  }
  if (status >= 500) return new DiditError('server_error', `The server had a problem (HTTP ${status}).${said}`, extra);
  return new DiditError('validation', `The server rejected the request (HTTP ${status}).${said}`, extra);
}

/** Anything thrown inside the engine, as the ReviewerError the hosts pass on. */
export function toReviewerError(err: unknown): ReviewerError {
  if (err instanceof ReviewerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ReviewerError('internal', message);
}
