/** Approving or declining a session (queued in the outbox for sending) and acknowledging a lost race. */
import { type ReviewerOutputs } from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import { isInReview, statusForKind } from '../../shared/didit/statuses.js';
import type { EngineState, Parsed } from './engine-state.js';
import { newMarker } from './outbox/marker.js';

export function decide(s: EngineState, d: Parsed<'decide'>): ReviewerOutputs['decide'] {
  const { cache } = s.ctx;
  const session = cache.getSession(d.sessionId);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'sessionId');
  if (!isInReview(session.row.status)) {
    throw new ReviewerError(
      'validation',
      `This session is ${session.row.status}; only sessions In Review can be approved or declined.`,
      'sessionId',
    );
  }
  const connectionId = session.row.connectionId;
  // Outbox entry, local status and audit entry in one transaction: a decision is never half made.
  const decision = cache.transaction(() => {
    const made = cache.enqueueDecision({
      sessionId: d.sessionId,
      newStatus: d.newStatus,
      comment: d.comment,
      marker: newMarker(),
    });
    cache.setLocalStatus(d.sessionId, statusForKind(d.newStatus, session.row.kind));
    cache.appendAudit({
      type: 'decision.made',
      sessionId: d.sessionId,
      connectionId,
      details: { decisionId: made.id, newStatus: d.newStatus, marker: made.marker },
    });
    return made;
  });
  s.sender.emitCounts();
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [d.sessionId] });
  if (s.autoSync) void s.senderLoop.trigger();
  return decision;
}

export function acknowledgeConflict(
  s: EngineState,
  { id }: Parsed<'acknowledgeConflict'>,
): ReviewerOutputs['acknowledgeConflict'] {
  const decision = s.ctx.cache.getDecision(id);
  if (decision === null) throw new ReviewerError('not_found', 'No such decision.', 'id');
  if (decision.state !== 'conflict') throw new ReviewerError('validation', 'This decision is not in conflict.', 'id');
  return s.sender.acknowledge(decision);
}
