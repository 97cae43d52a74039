/**
 * AML hit dispositions (issue 9, item 2): an analyst marks a hit Confirmed Match, False Positive, Inconclusive or
 * back to Unreviewed, offline first; the disposition outbox (outbox/disposition-sender.ts) sends it exactly once.
 * Also the two checks decisions make around AML and evidence: the approve policy for Unreviewed hits, and the
 * evidence stamp every decision records.
 */
import type { SessionPayload } from '../../../shared/didit/session.js';
import { findHit, hitReviewStatus, unreviewedHitCount } from '../../../shared/evidence.js';
import { isInReview } from '../../../shared/didit/statuses.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { CacheStore } from '../cache/cache-api.js';
import type { StoredSession } from '../cache/cache-api.js';
import { actingAnalyst } from './actor.js';
import { analystView, evidenceHash } from './evidence.js';
import type { Handler } from './state.js';

export const disposeAmlHit: Handler<'disposeAmlHit'> = async (s, d) => {
  const { cache } = s.ctx;
  const session = cache.getSession(d.sessionId);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'sessionId');
  if (!isInReview(session.row.status)) {
    throw new ReviewerError(
      'validation',
      `This session is ${session.row.status}; AML hits are dispositioned while a session is In Review.`,
      'sessionId',
    );
  }
  const view = analystView(cache, d.sessionId, session.payload);
  const hit = findHit(view, { nodeId: d.nodeId, hitId: d.hitId });
  if (hit === null) throw new ReviewerError('not_found', 'That AML hit is not in this session.', 'hitId');
  const current = hitReviewStatus(hit);
  if (current === d.reviewStatus) {
    throw new ReviewerError('validation', `This hit is already ${current}.`, 'reviewStatus');
  }
  const made = cache.transaction(() => {
    // A disposition of the same hit still waiting to be sent is replaced, not sent first: only the latest goes out,
    // checked against the status the analyst first saw.
    let baseStatus = hitReviewStatus(findHit(session.payload, d) ?? hit);
    for (const older of cache.listDispositions(['queued'], d.sessionId)) {
      if (older.hitId !== d.hitId || older.nodeId !== d.nodeId) continue;
      cache.updateDisposition(older.id, { state: 'superseded' });
      baseStatus = older.baseStatus;
    }
    const sending = cache
      .listDispositions(['sending'], d.sessionId)
      .filter((o) => o.hitId === d.hitId && o.nodeId === d.nodeId)
      .at(-1);
    if (sending) baseStatus = sending.reviewStatus;
    // The cache recomputes the session's queue signals with it laid over (cache/dispositions.ts): the queue counts
    // the hit as the case does, before the server has it.
    const disposition = cache.enqueueDisposition({
      sessionId: d.sessionId,
      nodeId: d.nodeId,
      hitId: d.hitId,
      reviewStatus: d.reviewStatus,
      baseStatus,
      rationale: d.rationale,
      analyst: actingAnalyst(cache),
      evidenceHash: evidenceHash(view, { reviewStatuses: false }),
    });
    cache.appendAudit({
      type: 'aml.disposition_made',
      sessionId: d.sessionId,
      connectionId: session.row.connectionId,
      details: {
        dispositionId: disposition.id,
        actor: disposition.analyst,
        hitId: d.hitId,
        nodeId: d.nodeId,
        from: current,
        to: d.reviewStatus,
        rationale: d.rationale,
        evidenceHash: disposition.evidenceHash,
      },
    });
    return disposition;
  });
  s.dispositions.announce([d.sessionId]);
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [d.sessionId] });
  if (s.autoSync) void s.senderLoop.trigger();
  return made;
};

export const acknowledgeDisposition: Handler<'acknowledgeDisposition'> = async (s, { id }) => {
  const d = s.ctx.cache.getDisposition(id);
  if (d === null) throw new ReviewerError('not_found', 'No such disposition.', 'id');
  if (d.state !== 'conflict') throw new ReviewerError('validation', 'This disposition is not in conflict.', 'id');
  return s.dispositions.acknowledge(d);
};

/**
 * The approve policy (Settings.unreviewedHitsOnApprove): approving a session whose AML hits are not all
 * dispositioned needs the analyst's explicit confirmation, or is refused. Called by `decide` before anything is made.
 */
export function checkDecisionPolicy(
  cache: CacheStore,
  session: StoredSession,
  d: { newStatus: string; confirmUnreviewedHits?: boolean },
): void {
  if (d.newStatus !== 'Approved') return;
  const unreviewed = unreviewedHitCount(analystView(cache, session.row.id, session.payload));
  if (unreviewed === 0) return;
  const policy = cache.getSettings().unreviewedHitsOnApprove;
  if (policy === 'block') {
    throw new ReviewerError(
      'validation',
      `${unreviewed} AML hit(s) are still Unreviewed: disposition every hit before approving (Settings).`,
      'unreviewedHits',
    );
  }
  if (d.confirmUnreviewedHits !== true) {
    throw new ReviewerError(
      'validation',
      `${unreviewed} AML hit(s) are still Unreviewed: confirm that you approve anyway.`,
      'confirmUnreviewedHits',
    );
  }
}

/** The evidence a decision is made on: the analyst's view, dispositions included (called inside decide's transaction). */
export function stampDecision(cache: CacheStore, decisionId: string, sessionId: string, payload: SessionPayload): void {
  cache.stampDecision(decisionId, evidenceHash(analystView(cache, sessionId, payload)));
}

/** The session's decisions held because their evidence changed. */
export function heldDecisions(cache: CacheStore, sessionId: string): string[] {
  return cache
    .listDecisions(['conflict'], sessionId)
    .filter((d) => cache.decisionStamp(d.id)?.heldAt)
    .map((d) => d.id);
}
