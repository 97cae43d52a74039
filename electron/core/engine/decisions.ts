/** Approving or declining a session (queued in the outbox to send), listing decisions, acknowledging a lost race. */
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { isInReview, statusForKind } from '../../../shared/didit/statuses.js';
import { newMarker } from '../outbox/marker.js';
import type { Handler } from './state.js';

export const decide: Handler<'decide'> = async (s, d) => {
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
  // The decision is new and the session left the inbox (its local status is the decision's).
  s.sender.emitCounts([d.sessionId]);
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [d.sessionId] });
  if (s.autoSync) void s.senderLoop.trigger();
  return decision;
};

export const listDecisions: Handler<'listDecisions'> = async (s, { states }) => s.ctx.cache.listDecisions(states);

export const acknowledgeConflict: Handler<'acknowledgeConflict'> = async (s, { id }) => {
  const decision = s.ctx.cache.getDecision(id);
  if (decision === null) throw new ReviewerError('not_found', 'No such decision.', 'id');
  if (decision.state !== 'conflict') throw new ReviewerError('validation', 'This decision is not in conflict.', 'id');
  return s.sender.acknowledge(decision);
};
