/**
 * The AML disposition outbox: delivers queued hit dispositions with PATCH update-aml-hit-status (one hit) or the
 * all-or-nothing bulk route (several hits of one session) through the shared delivery loop (delivery.ts: read back
 * first, `sending` before the request, exactly once). The AML routes take no comment, so a disposition is recognised
 * on the server by the hit's `review_status`: ours already there → synced (an earlier attempt was applied, or someone
 * set the same); neither ours nor the status the analyst saw → someone else changed the hit first → conflict, never
 * overwritten; the hit gone → conflict; the rest of the evidence changed since the disposition was made → held as a
 * conflict "evidence changed — review again". A 400 or 404 (a hit gone, a bad node) is read back too.
 *
 * It also holds the check the decision sender runs before each send (`evidenceHeld`): a decision whose evidence
 * stamp no longer matches the server's evidence is held instead of sent.
 */
import type { AmlDisposition, Decision } from '../../../shared/reviewer-api.js';
import { findHit, hitReviewStatus, withHitOverlays } from '../../../shared/evidence.js';
import type { AmlHitUpdateRequest } from '../../../shared/didit/api.js';
import type { CacheStore } from '../cache/cache-api.js';
import { UNSENT, isUnsent } from '../cache/row-queries.js';
import type { EngineContext } from '../context.js';
import { DiditError } from '../errors.js';
import { evidenceHash } from '../engine/evidence.js';
import { deliverPending, readServerCopy, type OutboxDeps, type OutboxKind, type ServerCopy } from './delivery.js';

const EVIDENCE_CHANGED = 'Evidence changed on the server since this was decided — review again.';

export type DispositionSenderDeps = OutboxDeps;

export class DispositionSender {
  private readonly kind: OutboxKind<AmlDisposition>;

  constructor(private readonly deps: DispositionSenderDeps) {
    this.kind = dispositionKind(deps.ctx.cache);
  }

  private get cache() {
    return this.deps.ctx.cache;
  }

  counts(): { pending: number; conflicts: number } {
    const pending = this.cache.listDispositions(UNSENT).length;
    const conflicts = this.cache.listDispositions(['conflict']).filter((d) => !d.acknowledgedAt).length;
    return { pending, conflicts };
  }

  hasPending(): boolean {
    return this.cache.listDispositions(UNSENT).length > 0;
  }

  announce(sessionIds: readonly string[]): void {
    this.deps.announce(sessionIds);
  }

  acknowledge(d: AmlDisposition): AmlDisposition {
    if (d.acknowledgedAt) return d;
    const session = this.cache.getSession(d.sessionId);
    const done = this.cache.transaction(() => {
      const entry = this.cache.appendAudit({
        type: 'aml.disposition_conflict_acknowledged',
        sessionId: d.sessionId,
        connectionId: session?.row.connectionId ?? null,
        details: { dispositionId: d.id, hitId: d.hitId, serverStatus: d.serverStatus },
      });
      return this.cache.updateDisposition(d.id, { acknowledgedAt: entry.at });
    });
    this.announce([d.sessionId]);
    return done;
  }

  /** Every session with pending dispositions, oldest first (delivery.ts). */
  flush(): Promise<void> {
    return deliverPending(this.deps, this.kind);
  }
}

/** Dispositions as the delivery loop sees them: those of one session go out in one request. */
function dispositionKind(cache: CacheStore): OutboxKind<AmlDisposition> {
  const synced = (d: AmlDisposition, connectionId: string, recovered: boolean) =>
    cache.transaction(() => {
      cache.updateDisposition(d.id, { state: 'synced', syncedAt: new Date().toISOString(), lastError: null });
      cache.appendAudit({
        type: 'aml.disposition_synced',
        sessionId: d.sessionId,
        connectionId,
        details: { dispositionId: d.id, hitId: d.hitId, to: d.reviewStatus, recoveredByReadBack: recovered },
      });
    });

  const conflict = (
    d: AmlDisposition,
    reason: NonNullable<AmlDisposition['conflictReason']>,
    serverStatus: string | null,
    message: string | null,
  ) => {
    const session = cache.getSession(d.sessionId);
    cache.transaction(() => {
      cache.updateDisposition(d.id, { state: 'conflict', conflictReason: reason, serverStatus, lastError: message });
      cache.appendAudit({
        type: reason === 'evidence_changed' ? 'aml.disposition_held' : 'aml.disposition_conflict',
        sessionId: d.sessionId,
        connectionId: session?.row.connectionId ?? null,
        details: { dispositionId: d.id, hitId: d.hitId, ours: d.reviewStatus, serverStatus, reason },
      });
    });
  };

  /** True when the read-back settles the disposition on its own. */
  const settledByReadBack = (d: AmlDisposition, server: ServerCopy, evidence: string, connectionId: string) => {
    const hit = findHit(server.view, d);
    if (hit === null) {
      conflict(d, 'hit_gone', null, 'The hit is no longer in the session on the server.');
      return true;
    }
    const status = hitReviewStatus(hit);
    if (status === d.reviewStatus) synced(d, connectionId, d.state === 'sending' || d.attempts > 0);
    else if (status !== d.baseStatus) conflict(d, 'changed_elsewhere', status, null);
    else if (evidence !== d.evidenceHash) conflict(d, 'evidence_changed', status, EVIDENCE_CHANGED);
    else return false;
    return true;
  };

  return {
    units() {
      const bySession = new Map<string, AmlDisposition[]>();
      for (const d of cache.listDispositions(UNSENT))
        bySession.set(d.sessionId, [...(bySession.get(d.sessionId) ?? []), d]);
      return [...bySession.values()];
    },
    current: (dispositions) =>
      dispositions.flatMap((d) => {
        const now = cache.getDisposition(d.id);
        return now !== null && isUnsent(now.state) ? [now] : [];
      }),
    readBack: readServerCopy,
    settle(dispositions, server, connectionId) {
      if (server === null) {
        for (const d of dispositions) conflict(d, 'hit_gone', null, 'The session no longer exists on the server.');
        return [];
      }
      const evidence = evidenceHash(server.view, { reviewStatuses: false });
      return dispositions.filter((d) => !settledByReadBack(d, server, evidence, connectionId));
    },
    claim: (dispositions) => dispositions.flatMap((d) => cache.claimDisposition(d.id) ?? []),
    async send(client, dispositions) {
      const updates: AmlHitUpdateRequest[] = dispositions.map((d) => ({
        hit_id: d.hitId,
        review_status: d.reviewStatus,
        ...(d.nodeId !== null ? { node_id: d.nodeId } : {}),
      }));
      const sessionId = dispositions[0].sessionId;
      if (updates.length === 1) await client.updateAmlHitStatus(sessionId, updates[0]);
      else await client.bulkUpdateAmlHitStatus(sessionId, { hit_updates: updates });
    },
    refuses: (err) => err instanceof DiditError && (err.extra.status === 400 || err.extra.status === 404),
    record(dispositions, outcome, connectionId) {
      for (const d of dispositions) {
        if (outcome.kind === 'applied') synced(d, connectionId, false);
        else if (outcome.kind === 'unsent')
          cache.updateDisposition(d.id, { state: outcome.state, lastError: outcome.error });
        else conflict(d, 'refused', null, outcome.message);
      }
    },
  };
}

/**
 * The decision sender's check before it sends (issue 9, item 6): the decision's evidence stamp against the server's
 * evidence, with the analyst's own dispositions made before the decision laid over (they went out first). A
 * mismatch holds the decision as a conflict "evidence changed — review again", the session back in the inbox (the
 * delivery loop then stores the server's copy and announces it). Answers whether it was held (or is no longer the
 * sender's to send). Decisions made before stamps existed are never held.
 *
 * It records the hold at once, before the session is refreshed, and only while the decision is still queued or
 * sending: a decision the analyst retracted meanwhile stays retracted.
 */
export function evidenceHeld(ctx: EngineContext, d: Decision, connectionId: string, server: ServerCopy): boolean {
  const stamp = ctx.cache.decisionStamp(d.id);
  if (stamp === null) return false;
  const expected = evidenceHash(withHitOverlays(server.view, ctx.cache.unsentOverlays(d.sessionId, d.createdAt)));
  if (expected === stamp.evidenceHash) return false;
  const at = new Date().toISOString();
  ctx.cache.transaction(() => {
    const now = ctx.cache.getDecision(d.id);
    if (now === null || !isUnsent(now.state)) return;
    ctx.cache.updateDecision(d.id, {
      state: 'conflict',
      serverStatus: server.view.status,
      lastError: EVIDENCE_CHANGED,
    });
    ctx.cache.markDecisionHeld(d.id, at);
    ctx.cache.setLocalStatus(d.sessionId, server.view.status);
    ctx.cache.appendAudit({
      type: 'decision.held',
      sessionId: d.sessionId,
      connectionId,
      details: { decisionId: d.id, reason: 'evidence_changed', stamped: stamp.evidenceHash, server: expected },
    });
  });
  return true;
}
