/**
 * The decision outbox: delivers queued decisions with PATCH update-status through the shared delivery loop
 * (delivery.ts: read back first, `sending` before the request, exactly once).
 *
 * What the read-back says about a decision: our marker in the session's reviews (marker.ts) means an earlier attempt
 * was applied → synced; a status other than the one the analyst decided from (In Review, or the decided status a
 * reversal starts from) means someone else decided first → conflict, kept with the server's status and comment and
 * never overwritten; `heldBeforeSend` (the evidence stamp) may hold it instead of sending. A 400 (e.g. "Wrong Current
 * Status") is read back too.
 *
 * Retraction: marking `sending` is a compare-and-set (`claimForSending`) against the analyst's retraction
 * (`retractQueuedDecision`): whichever comes first wins; a retracted decision is never sent, and one marked `sending`
 * can no longer be retracted.
 */
import type { Analyst, Decision } from '../../../shared/reviewer-api.js';
import type { Review } from '../../../shared/didit/session.js';
import { canonicalStatus } from '../../../shared/didit/statuses.js';
import type { CacheStore } from '../cache/cache-api.js';
import { UNSENT, isUnsent } from '../cache/row-queries.js';
import type { EngineContext } from '../context.js';
import type { DiditClient } from '../didit-client.js';
import { DiditError } from '../errors.js';
import { deliverPending, readServerCopy, type OutboxKind, type ServerCopy } from './delivery.js';
import { markerCount, sentComment } from './marker.js';

const CONFLICT_ACK = 'decision.conflict_acknowledged';

export interface SenderDeps {
  ctx: EngineContext;
  clientFor(connectionId: string): Promise<DiditClient>;
  /** Each delivery attempt tells the engine whether the connection is reachable (null: it is). */
  reportReachability(connectionId: string, err: unknown): void;
  /** Other outbox entries counted with the decisions (the AML disposition outbox). */
  extraCounts?(): { pending: number; conflicts: number };
  /**
   * A check right after the read-back, before a send (the evidence stamp, disposition-sender.ts `evidenceHeld`):
   * true means the decision was held and recorded as such, so it is not sent.
   */
  heldBeforeSend?(d: Decision, connectionId: string, server: ServerCopy): boolean;
}

export class OutboxSender {
  private readonly kind: OutboxKind<Decision>;

  constructor(private readonly deps: SenderDeps) {
    this.kind = decisionKind(deps.ctx.cache, deps.heldBeforeSend);
  }

  private get cache() {
    return this.deps.ctx.cache;
  }

  /** Queued or in-flight decisions, and conflicts nobody has acknowledged yet. */
  counts(): { pending: number; conflicts: number } {
    const pending = this.cache.listDecisions([...UNSENT]).length;
    const conflicts = this.cache.listDecisions(['conflict']).filter((d) => !d.acknowledgedAt).length;
    const extra = this.deps.extraCounts?.() ?? { pending: 0, conflicts: 0 };
    return { pending: pending + extra.pending, conflicts: conflicts + extra.conflicts };
  }

  hasPending(): boolean {
    return this.cache.listDecisions([...UNSENT]).length > 0;
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

  /** Delivers every pending decision it can, oldest first (delivery.ts). */
  flush(): Promise<void> {
    return deliverPending({ ...this.deps, announce: (sessionIds) => this.emitCounts(sessionIds) }, this.kind);
  }
}

/** Decisions as the delivery loop sees them: one decision a request. */
function decisionKind(cache: CacheStore, heldBeforeSend: SenderDeps['heldBeforeSend']): OutboxKind<Decision> {
  const synced = (d: Decision, connectionId: string, recovered: boolean) =>
    cache.transaction(() => {
      cache.updateDecision(d.id, { state: 'synced', syncedAt: new Date().toISOString(), lastError: null });
      cache.appendAudit({
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

  /** Someone else's status (or none: the session is gone) stands; the session shows the server's status again. */
  const conflict = (d: Decision, connectionId: string, server: ServerCopy | null, reason: string | null) => {
    const theirs = latestReview(server?.view.reviews);
    cache.transaction(() => {
      cache.updateDecision(d.id, {
        state: 'conflict',
        serverStatus: server?.view.status ?? null,
        serverComment: theirs?.comment ?? null,
        lastError: reason,
      });
      if (server !== null) cache.setLocalStatus(d.sessionId, server.view.status);
      cache.appendAudit({
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
    });
  };

  /** True when the read-back settles the decision on its own. */
  const settledByReadBack = (d: Decision, server: ServerCopy | null, connectionId: string): boolean => {
    if (server === null) conflict(d, connectionId, null, 'The session no longer exists on the server.');
    else if (markerCount(server.view.reviews, d.marker) > 0) synced(d, connectionId, true);
    else if (canonicalStatus(server.view.status) !== (canonicalStatus(d.fromStatus) ?? d.fromStatus)) {
      conflict(d, connectionId, server, null);
    } else return heldBeforeSend?.(d, connectionId, server) ?? false;
    return true;
  };

  return {
    units: () => cache.listDecisions([...UNSENT]).map((d) => [d]),
    current: (decisions) =>
      decisions.flatMap((d) => {
        const now = cache.getDecision(d.id);
        return now !== null && isUnsent(now.state) ? [now] : [];
      }),
    readBack: readServerCopy,
    settle: (decisions, server, connectionId) => decisions.filter((d) => !settledByReadBack(d, server, connectionId)),
    claim: (decisions) => decisions.flatMap((d) => cache.claimForSending(d.id) ?? []),
    send: async (client, [d]) => {
      await client.updateStatus(d.sessionId, {
        new_status: d.newStatus,
        comment: sentComment(d),
        ...(d.newStatus === 'Resubmitted' && d.nodesToResubmit.length > 0
          ? { nodes_to_resubmit: d.nodesToResubmit }
          : {}),
      });
    },
    refuses: (err) => err instanceof DiditError && err.extra.status === 400,
    record(decisions, outcome, connectionId, server) {
      for (const d of decisions) {
        if (outcome.kind === 'applied') synced(d, connectionId, false);
        else if (outcome.kind === 'unsent')
          cache.updateDecision(d.id, { state: outcome.state, lastError: outcome.error });
        else conflict(d, connectionId, server, outcome.message);
      }
    },
  };
}

function latestReview(reviews: readonly Review[] | null | undefined): Review | null {
  if (!reviews || reviews.length === 0) return null;
  return [...reviews].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '')).at(-1) ?? null;
}
