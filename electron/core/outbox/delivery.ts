/**
 * The one delivery loop of every outbox: decisions (sender.ts), AML hit dispositions (disposition-sender.ts) and
 * four-eyes proposals (proposal-publisher.ts), each exactly once without a server idempotency key, offline first. A
 * kind (`OutboxKind`) says what waits, how to read the session back, what the read-back settles on its own and how to
 * send; the rules they share live here:
 * - A pass goes connection by connection, oldest first. A connection that fails is skipped for the rest of the pass
 *   and its first failure is thrown afterwards, so the task loop backs off; every attempt tells the engine whether
 *   the connection is reachable.
 * - Every attempt starts by reading the session back: an earlier attempt whose answer was lost (a crash, a timeout)
 *   is recognised there, and a change someone else made first is kept as a conflict, never overwritten.
 * - Entries are marked `sending` BEFORE the request, so a crash mid-request is read back the same way on restart.
 * - A refusal (nothing was applied) puts the entries back to `queued` and the next round reads back; still refused
 *   after MAX_ROUNDS, the kind records a conflict. Any other failure leaves them `sending` when the request may have
 *   been applied (else `queued`) and ends the connection's pass.
 * - After every await the entries are read again, and the loop writes nothing for one the analyst took back
 *   (retracted, superseded, withdrawn) meanwhile; between that read and the writes it does not await.
 * - Last, the cached copy is brought in line with the server (best effort) and the change announced once.
 */
import type { SessionPayload } from '../../../shared/didit/session.js';
import { readSession, type RawSession } from '../../../shared/didit/session-reader.js';
import type { EngineContext } from '../context.js';
import type { DiditClient } from '../didit-client.js';
import { DiditError, toReviewerError } from '../errors.js';
import { ingestSession } from '../sync/ingest.js';

/** Read-back rounds for one delivery before a refusal the read-back cannot explain is recorded as a conflict. */
const MAX_ROUNDS = 3;

/** The server's copy of a session: as sent (what the cache stores) and as read (what the checks look at). */
export interface ServerCopy {
  raw: RawSession;
  view: SessionPayload;
}

export async function readServerCopy(client: DiditClient, sessionId: string): Promise<ServerCopy> {
  const raw = await client.getDecision(sessionId);
  return { raw, view: readSession(raw).payload };
}

/** What every outbox entry has: its own id and the session it is about. */
export interface OutboxEntry {
  id: string;
  sessionId: string;
}

export interface OutboxDeps {
  ctx: EngineContext;
  clientFor(connectionId: string): Promise<DiditClient>;
  /** Each delivery attempt tells the engine whether the connection is reachable (null: it is). */
  reportReachability(connectionId: string, err: unknown): void;
  /** Announces the outbox counts and the sessions whose entries moved. */
  announce(sessionIds: readonly string[]): void;
}

/** How a request ended, for the kind to record. */
export type SendOutcome =
  | { kind: 'applied' }
  /** Not known to be applied: `sending` when it may have been, else back to `queued`; `error` for the analyst. */
  | { kind: 'unsent'; state: 'queued' | 'sending'; error?: string }
  /** Refused in every round: a conflict. */
  | { kind: 'refused'; message: string };

export interface OutboxKind<E extends OutboxEntry, S extends ServerCopy = ServerCopy> {
  /** What waits, oldest first, as delivery units: the entries of one session that one request sends. */
  units(): E[][];
  /** Those of `entries` still waiting as they were taken, read again now. */
  current(entries: readonly E[]): E[];
  /** The server's copy; a DiditError `not_found` when the session is gone. */
  readBack(client: DiditClient, sessionId: string): Promise<S>;
  /**
   * Records what the read-back decides on its own (ours already applied, someone else first, evidence changed; with
   * `server` null the session is gone and everything is settled) and answers the entries still to send.
   */
  settle(entries: E[], server: S | null, connectionId: string): E[];
  /** Marks the entries `sending` (one more attempt) and answers them as stored. */
  claim(entries: E[]): E[];
  send(client: DiditClient, entries: E[]): Promise<void>;
  /** The server refused the request outright: nothing was applied. */
  refuses(err: unknown): boolean;
  record(entries: E[], outcome: SendOutcome, connectionId: string, server: S | null): void;
}

/** Delivers every unit of `kind` it can (see the module comment). */
export async function deliverPending<E extends OutboxEntry, S extends ServerCopy>(
  deps: OutboxDeps,
  kind: OutboxKind<E, S>,
): Promise<void> {
  const blocked = new Set<string>();
  let failure: unknown = null;
  for (const unit of kind.units()) {
    if (deps.ctx.signal.aborted) break;
    const session = deps.ctx.cache.getSession(unit[0].sessionId);
    if (session === null) continue;
    const connectionId = session.row.connectionId;
    if (blocked.has(connectionId)) continue;
    try {
      await deliver(deps, kind, unit, connectionId);
      deps.reportReachability(connectionId, null);
    } catch (err) {
      blocked.add(connectionId);
      failure ??= err;
      deps.reportReachability(connectionId, err);
    }
  }
  if (failure !== null) throw failure;
}

async function deliver<E extends OutboxEntry, S extends ServerCopy>(
  deps: OutboxDeps,
  kind: OutboxKind<E, S>,
  unit: E[],
  connectionId: string,
): Promise<void> {
  const client = await deps.clientFor(connectionId);
  const sessionId = unit[0].sessionId;
  let server: S | null = null;
  /** What the cache is refreshed with at the end: the last copy read, a fresh read after a send, or nothing. */
  let refreshWith: RawSession | 'read again' | null = null;
  let moved = false;
  let refusal: string | null = null;
  for (let round = 0; round < MAX_ROUNDS && kind.current(unit).length > 0; round++) {
    const read = await readBackOrGone(kind, client, sessionId);
    const waiting = kind.current(unit);
    if (waiting.length === 0) break;
    server = read;
    refreshWith = read?.raw ?? null;
    const toSend = kind.settle(waiting, read, connectionId);
    const claimed = toSend.length > 0 ? kind.claim(toSend) : [];
    moved ||= claimed.length > 0 || toSend.length < waiting.length;
    if (claimed.length === 0) break;
    deps.announce([sessionId]);
    refusal = await send(deps, kind, client, claimed, connectionId, server);
    if (refusal === null) {
      refreshWith = 'read again';
      break;
    }
  }
  const refused = refusal === null ? [] : kind.current(unit);
  if (refused.length > 0) kind.record(refused, { kind: 'refused', message: refusal! }, connectionId, server);
  if (!moved) return;
  if (refreshWith !== null) await refresh(deps, connectionId, sessionId, refreshWith);
  deps.announce([sessionId]);
  deps.ctx.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });
}

/** The server's copy, or null when the session is gone. */
async function readBackOrGone<E extends OutboxEntry, S extends ServerCopy>(
  kind: OutboxKind<E, S>,
  client: DiditClient,
  sessionId: string,
): Promise<S | null> {
  try {
    return await kind.readBack(client, sessionId);
  } catch (err) {
    if (err instanceof DiditError && err.code === 'not_found') return null;
    throw err;
  }
}

/**
 * Sends claimed entries and records how it went. Answers null once applied, or a refusal's message (the entries are
 * back in the queue for the next round to read back); any other failure is recorded and thrown.
 */
async function send<E extends OutboxEntry, S extends ServerCopy>(
  deps: OutboxDeps,
  kind: OutboxKind<E, S>,
  client: DiditClient,
  claimed: E[],
  connectionId: string,
  server: S | null,
): Promise<string | null> {
  try {
    await kind.send(client, claimed);
  } catch (err) {
    const refused = kind.refuses(err);
    const outcome: SendOutcome = refused
      ? { kind: 'unsent', state: 'queued' }
      : { kind: 'unsent', state: mayHaveBeenApplied(err) ? 'sending' : 'queued', error: toReviewerError(err).message };
    kind.record(kind.current(claimed), outcome, connectionId, server);
    if (refused) return toReviewerError(err).message;
    deps.announce([claimed[0].sessionId]);
    throw err;
  }
  kind.record(kind.current(claimed), { kind: 'applied' }, connectionId, server);
  return null;
}

/** Only a request that surely never reached the server may go back to `queued`. */
function mayHaveBeenApplied(err: unknown): boolean {
  return !(err instanceof DiditError) || err.extra.ambiguous === true || err.code === 'server_error';
}

/** Stores the server's copy (best effort: the entries' states are recorded already; the next sync catches up). */
async function refresh(deps: OutboxDeps, connectionId: string, sessionId: string, copy: RawSession | 'read again') {
  try {
    const raw = copy === 'read again' ? await (await deps.clientFor(connectionId)).getDecision(sessionId) : copy;
    await ingestSession(deps.ctx, connectionId, raw);
  } catch {
    // A stale cached copy is refreshed by the next sync.
  }
}
