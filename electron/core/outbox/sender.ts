/**
 * Delivers queued decisions with PATCH update-status, exactly once, without a server idempotency key.
 *
 * Every attempt starts by reading the session back: our marker in its reviews means an earlier attempt was applied
 * (a crash or timeout hid the answer) → synced; a status other than the one the analyst decided from (In Review, or
 * the decided status a reversal starts from) means someone else decided first → conflict, kept with the server's
 * status and comment and never overwritten; otherwise the entry is marked `sending` BEFORE the request, so a crash
 * mid-request is found on restart and read back the same way. A 400 (e.g. "Wrong Current Status") is read back too.
 * Reading first also means a resend can never overwrite someone else's decision.
 *
 * Retraction: marking `sending` is a compare-and-set (`claimForSending`) against the analyst's retraction
 * (`retractQueuedDecision`): whichever comes first wins; a retracted decision is never sent, and one marked `sending`
 * can no longer be retracted. `heldBeforeSend` (optional) is the policy hook just before that step.
 */
import type { Analyst, Decision, LocalDecisionState } from '../../../shared/reviewer-api.js';
import type { Review, SessionPayload } from '../../../shared/didit/session.js';
import { readSession, type RawSession } from '../../../shared/didit/session-reader.js';
import { canonicalStatus } from '../../../shared/didit/statuses.js';
import type { EngineContext } from '../context.js';
import type { DiditClient } from '../didit-client.js';
import { DiditError, toReviewerError } from '../errors.js';
import { ingestSession } from '../sync/ingest.js';
import { markerCount, sentComment } from './marker.js';

/** Read-back rounds for one decision before an unexplained refusal is surfaced as a conflict. */
const MAX_ROUNDS = 3;
const CONFLICT_ACK = 'decision.conflict_acknowledged';
const PENDING: readonly LocalDecisionState[] = ['queued', 'sending'];

export interface SenderDeps {
  ctx: EngineContext;
  clientFor(connectionId: string): Promise<DiditClient>;
  /** Each delivery attempt tells the engine whether the connection is reachable (null: it is). */
  reportReachability(connectionId: string, err: unknown): void;
  /** Other outbox entries counted with the decisions (the AML disposition outbox). */
  extraCounts?(): { pending: number; conflicts: number };
  /**
   * A check right before a send (the evidence stamp, engine/evidence.ts): true means the decision was held and
   * recorded as such, so it is not sent.
   */
  heldBeforeSend?(d: Decision, connectionId: string, server: ServerCopy): Promise<boolean>;
}

export class OutboxSender {
  constructor(private readonly deps: SenderDeps) {}

  private get cache() {
    return this.deps.ctx.cache;
  }

  /** Queued or in-flight decisions, and conflicts nobody has acknowledged yet. */
  counts(): { pending: number; conflicts: number } {
    const pending = this.cache.listDecisions(['queued', 'sending']).length;
    const conflicts = this.cache.listDecisions(['conflict']).filter((d) => !d.acknowledgedAt).length;
    const extra = this.deps.extraCounts?.() ?? { pending: 0, conflicts: 0 };
    return { pending: pending + extra.pending, conflicts: conflicts + extra.conflicts };
  }

  hasPending(): boolean {
    return this.cache.listDecisions(['queued', 'sending']).length > 0;
  }

  /** Announces the counts and the sessions whose decision moved (none: only the counts may have changed). */
  emitCounts(sessionIds: readonly string[] = []): void {
    this.deps.ctx.events.emit({ type: 'outbox.changed', ...this.counts(), sessionIds: [...sessionIds] });
  }

  /**
   * Records that an analyst has seen a conflict (once: acknowledging again changes nothing); the decision stays a
   * conflict in the record.
   */
  acknowledge(d: Decision, by: Analyst): Decision {
    if (d.acknowledgedAt) return d;
    const session = this.cache.getSession(d.sessionId);
    const acknowledged = this.cache.transaction(() => {
      const entry = this.cache.appendAudit({
        type: CONFLICT_ACK,
        sessionId: d.sessionId,
        connectionId: session?.row.connectionId ?? null,
        details: { actor: by.name, actorEmail: by.email || null, decisionId: d.id, serverStatus: d.serverStatus },
      });
      return this.cache.updateDecision(d.id, { acknowledgedAt: entry.at });
    });
    this.emitCounts([d.sessionId]);
    return acknowledged;
  }

  /**
   * Delivers every pending decision it can, oldest first. A connection that fails transiently is skipped for the
   * rest of the pass; the first such failure is thrown afterwards so the loop backs off.
   */
  async flush(): Promise<void> {
    const pending = this.cache
      .listDecisions(['queued', 'sending'])
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const blocked = new Set<string>();
    let failure: unknown = null;
    for (const decision of pending) {
      if (this.deps.ctx.signal.aborted) break;
      const session = this.cache.getSession(decision.sessionId);
      if (session === null) continue;
      const connectionId = session.row.connectionId;
      if (blocked.has(connectionId)) continue;
      try {
        await this.deliver(decision, connectionId);
        this.deps.reportReachability(connectionId, null);
      } catch (err) {
        blocked.add(connectionId);
        failure ??= err;
        this.deps.reportReachability(connectionId, err);
      }
    }
    if (failure !== null) throw failure;
  }

  private async deliver(decision: Decision, connectionId: string): Promise<void> {
    const client = await this.deps.clientFor(connectionId);
    let d = decision;
    let refusal: DiditError | null = null;
    let server: ServerCopy | null = null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      try {
        const raw = await client.getDecision(d.sessionId);
        server = { raw, view: readSession(raw).payload };
      } catch (err) {
        if (err instanceof DiditError && err.code === 'not_found') {
          await this.conflict(d, connectionId, null, 'The session no longer exists on the server.');
          return;
        }
        throw err;
      }
      // Retracted (or otherwise settled) while the read-back was on the wire: nothing more to do.
      const current = this.stillPending(d.id);
      if (current === null) return;
      d = current;
      if (markerCount(server.view.reviews, d.marker) > 0) {
        await this.synced(d, connectionId, server, true);
        return;
      }
      if (canonicalStatus(server.view.status) !== (canonicalStatus(d.fromStatus) ?? d.fromStatus)) {
        await this.conflict(d, connectionId, server, null);
        return;
      }
      if (await this.deps.heldBeforeSend?.(d, connectionId, server)) {
        this.emitCounts([d.sessionId]);
        return;
      }
      // The compare-and-set against a retraction: a decision retracted meanwhile is not sent.
      const claimed = this.cache.claimForSending(d.id);
      if (claimed === null) return;
      d = claimed;
      this.emitCounts([d.sessionId]);
      try {
        await client.updateStatus(d.sessionId, {
          new_status: d.newStatus,
          comment: sentComment(d),
          ...(d.newStatus === 'Resubmitted' && d.nodesToResubmit.length > 0
            ? { nodes_to_resubmit: d.nodesToResubmit }
            : {}),
        });
      } catch (err) {
        if (err instanceof DiditError && err.extra.status === 400) {
          refusal = err;
          continue;
        }
        // Only a request that surely never reached the server goes back to `queued`; either way the next pass
        // reads the session back before sending anything.
        const maybeApplied =
          !(err instanceof DiditError) || err.extra.ambiguous === true || err.code === 'server_error';
        this.update(d, { state: maybeApplied ? 'sending' : 'queued', lastError: toReviewerError(err).message });
        throw err;
      }
      await this.synced(d, connectionId, null, false);
      return;
    }
    await this.conflict(d, connectionId, server, refusal?.message ?? 'The server refused this decision.');
  }

  /** The decision as stored now, if it is still the sender's to deliver (not retracted, held or done meanwhile). */
  private stillPending(id: string): Decision | null {
    const current = this.cache.getDecision(id);
    return current !== null && PENDING.includes(current.state) ? current : null;
  }

  private update(d: Decision, patch: Parameters<EngineContext['cache']['updateDecision']>[1]): Decision {
    const updated = this.cache.updateDecision(d.id, patch);
    this.emitCounts([d.sessionId]);
    return updated;
  }

  private async synced(d: Decision, connectionId: string, server: ServerCopy | null, recovered: boolean) {
    const at = new Date().toISOString();
    this.cache.transaction(() => {
      this.cache.updateDecision(d.id, { state: 'synced', syncedAt: at, lastError: null });
      this.cache.appendAudit({
        type: 'decision.synced',
        sessionId: d.sessionId,
        connectionId,
        details: {
          actor: d.analyst.name,
          actorEmail: d.analyst.email || null,
          decisionId: d.id,
          newStatus: d.newStatus,
          marker: d.marker,
          recoveredByReadBack: recovered,
        },
      });
    });
    await this.refresh(connectionId, d.sessionId, server);
    // One announcement for the decision and the refreshed copy: the server holds our status, so no list changes.
    this.emitCounts([d.sessionId]);
  }

  private async conflict(d: Decision, connectionId: string, server: ServerCopy | null, reason: string | null) {
    if (server !== null) await this.refresh(connectionId, d.sessionId, server);
    const theirs = latestReview(server?.view.reviews);
    const recorded = this.cache.transaction(() => {
      // Retracted while the session was refreshed: the analyst's retraction stands.
      if (this.stillPending(d.id) === null) return false;
      this.cache.updateDecision(d.id, {
        state: 'conflict',
        serverStatus: server?.view.status ?? null,
        serverComment: theirs?.comment ?? null,
        lastError: reason,
      });
      if (server !== null) this.cache.setLocalStatus(d.sessionId, server.view.status);
      this.cache.appendAudit({
        type: 'decision.conflict',
        sessionId: d.sessionId,
        connectionId,
        details: {
          decisionId: d.id,
          ourStatus: d.newStatus,
          serverStatus: server?.view.status ?? null,
          serverReviewer: theirs?.user ?? null,
          reason,
        },
      });
      return true;
    });
    if (!recorded) return;
    this.emitCounts([d.sessionId]);
    // The server's status replaced ours: the session may have moved to another queue view.
    this.deps.ctx.events.emit({ type: 'sessions.changed', sessionIds: [d.sessionId] });
  }

  /**
   * Brings the cached copy in line with the server (best effort: the poller catches up otherwise). The caller
   * announces the change, together with the decision's.
   */
  private async refresh(connectionId: string, sessionId: string, known: ServerCopy | null): Promise<void> {
    try {
      const payload = known?.raw ?? (await (await this.deps.clientFor(connectionId)).getDecision(sessionId));
      await ingestSession(this.deps.ctx, connectionId, payload);
    } catch {
      // The decision's state is already recorded; a stale cached payload is refreshed by the next sync.
    }
  }
}

/** The server's copy of a session: as sent (what the cache stores) and as read (what the checks look at). */
export interface ServerCopy {
  raw: RawSession;
  view: SessionPayload;
}

function latestReview(reviews: readonly Review[] | null | undefined): Review | null {
  if (!reviews || reviews.length === 0) return null;
  return [...reviews].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '')).at(-1) ?? null;
}
