/**
 * Deciding a session (queued in the outbox to send), reversing a decided one, retracting a queued decision, listing
 * decisions, acknowledging a lost race.
 *
 * `decide` runs in three steps, each a function of its own so policies can be added between them:
 * 1. `planDecision`: what the analyst asks for, checked against the session (which transition, reasons resolved to
 *    their labels, steps to resubmit checked against the session's steps) → a `DecisionDraft`.
 * 2. `admitDecision`: the policy gate. Today every draft is admitted as `queued` (the sender picks it up). A policy
 *    (four-eyes, evidence) returns another starting state (e.g. `proposed`) or refuses with a ReviewerError; the
 *    sender only ever sends `queued`/`sending` decisions, so anything else waits for whoever moves it on.
 * 3. `recordDecision`: outbox entry, local status and audit entry in one transaction.
 * The sender has the matching hook just before a send: `SenderDeps.heldBeforeSend` (outbox/sender.ts).
 */
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { canonicalStatus, isInReview, statusForKind } from '../../../shared/didit/statuses.js';
import type { Analyst, Decision, LocalDecisionState, Settings } from '../../../shared/reviewer-api.js';
import type { ReasonRecord } from '../../../shared/decision-text.js';
import { sessionSteps } from '../../../shared/session-steps.js';
import type { StoredSession } from '../cache/cache-api.js';
import { UNSENT } from '../cache/row-queries.js';
import { newMarker } from '../outbox/marker.js';
import { actorDetails, currentAnalyst } from './analyst.js';
import { checkDecisionPolicy, stampDecision } from './dispositions.js';
import { refuseUnderFourEyes } from './four-eyes-policy.js';
import type { EngineState, Handler, Parsed } from './state.js';

/** A decision as planned, before any policy has looked at it. */
export interface DecisionDraft {
  session: StoredSession;
  newStatus: Decision['newStatus'];
  /** In Review, or Approved / Declined for a reversal (canonical spelling). */
  fromStatus: string;
  reversal: boolean;
  comment: string;
  reasons: ReasonRecord[];
  nodesToResubmit: string[];
  analyst: Analyst;
}

/** What a policy answers for a draft: the state the decision starts in (only `queued` is sent). */
export type DecisionAdmission = { state: LocalDecisionState; policy?: string };

export const decide: Handler<'decide'> = async (s, input) => {
  const draft = planDecision(s, input);
  checkDecisionPolicy(s.ctx.cache, draft.session, input);
  const admission = admitDecision(s, draft);
  const decision = recordDecision(s, draft, admission);
  // The decision is new and the session left the inbox (its local status is the decision's).
  s.sender.emitCounts([draft.session.row.id]);
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [draft.session.row.id] });
  if (s.autoSync && decision.state === 'queued') void s.senderLoop.trigger();
  return decision;
};

/** Step 1: the transition the analyst asks for, checked against the cached session. */
export function planDecision(s: EngineState, d: Parsed<'decide'>): DecisionDraft {
  const { cache } = s.ctx;
  const session = cache.getSession(d.sessionId);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'sessionId');
  const pending = cache.listDecisions([...UNSENT], d.sessionId);
  if (pending.length > 0) {
    throw new ReviewerError(
      'validation',
      'A decision on this session is still on its way to the server: retract it first, or wait until it is sent.',
      'sessionId',
    );
  }
  const current = canonicalStatus(session.row.status);
  let reversal = false;
  if (current === 'Approved' || current === 'Declined') {
    // Approved ↔ Declined, where update-status allows it (docs/didit-api.md §8), with the reason why.
    if (d.newStatus === current || d.newStatus === 'Resubmitted') {
      throw new ReviewerError('validation', `This session is ${current}; it can only be reversed.`, 'newStatus');
    }
    if (d.comment.length === 0) {
      throw new ReviewerError('validation', 'A comment is required to reverse a decision.', 'comment');
    }
    reversal = true;
  } else if (!isInReview(session.row.status)) {
    throw new ReviewerError(
      'validation',
      `This session is ${session.row.status}; only sessions In Review can be decided, and Approved or Declined ones reversed.`,
      'sessionId',
    );
  }
  const settings = cache.getSettings();
  return {
    session,
    newStatus: d.newStatus,
    fromStatus: current ?? session.row.status,
    reversal,
    comment: d.comment,
    reasons: resolveReasons(d.reasons, settings),
    nodesToResubmit: checkSteps(session, d.nodesToResubmit),
    analyst: currentAnalyst(s),
  };
}

/**
 * Step 2: the policy gate (see the module comment). Under four-eyes (engine/four-eyes.ts) an Approve/Decline of an In
 * Review session is refused here: it must be proposed (`proposeDecision`) and confirmed by a second analyst, whose
 * confirmation records the decision directly. Every other draft is admitted to the outbox.
 */
export function admitDecision(s: EngineState, draft: DecisionDraft): DecisionAdmission {
  refuseUnderFourEyes(s.ctx.cache, draft.session, draft.newStatus, draft.reversal);
  return { state: 'queued' };
}

/** Step 3: outbox entry, local status and audit entry in one transaction: a decision is never half made. */
export function recordDecision(s: EngineState, draft: DecisionDraft, admission: DecisionAdmission): Decision {
  const { cache } = s.ctx;
  const { session } = draft;
  return cache.transaction(() => {
    const made = cache.enqueueDecision({
      sessionId: session.row.id,
      newStatus: draft.newStatus,
      fromStatus: draft.fromStatus,
      comment: draft.comment,
      reasons: draft.reasons,
      nodesToResubmit: draft.nodesToResubmit,
      analyst: draft.analyst,
      marker: newMarker(),
      state: admission.state,
    });
    stampDecision(cache, made.id, session.row.id, session.payload);
    if (admission.state === 'queued')
      cache.setLocalStatus(session.row.id, statusForKind(draft.newStatus, session.row.kind));
    cache.appendAudit({
      type: draft.reversal ? 'decision.reversed' : 'decision.made',
      sessionId: session.row.id,
      connectionId: session.row.connectionId,
      details: {
        ...actorDetails(draft.analyst),
        decisionId: made.id,
        newStatus: draft.newStatus,
        fromStatus: draft.fromStatus,
        ...(draft.reasons.length > 0 ? { reasons: draft.reasons.map((r) => r.code) } : {}),
        ...(draft.nodesToResubmit.length > 0 ? { nodesToResubmit: draft.nodesToResubmit } : {}),
        ...(admission.state !== 'queued' ? { state: admission.state, policy: admission.policy ?? null } : {}),
        marker: made.marker,
      },
    });
    return made;
  });
}

/** Reason codes → code + label in the UI's language as Settings holds them now; an unknown code is refused. */
function resolveReasons(codes: readonly string[], settings: Settings): ReasonRecord[] {
  const out: ReasonRecord[] = [];
  for (const code of new Set(codes)) {
    const reason = settings.declineReasons.find((r) => r.code === code);
    if (!reason) throw new ReviewerError('validation', `Unknown decline reason: ${code}.`, 'reasons');
    out.push({ code, label: settings.language === 'es' ? reason.es : reason.en });
  }
  return out;
}

/** Steps to resubmit must be steps of this session that can be resubmitted. */
function checkSteps(session: StoredSession, nodes: readonly string[]): string[] {
  if (nodes.length === 0) return [];
  const steps = new Map(sessionSteps(session.payload).map((st) => [st.nodeId, st]));
  for (const node of nodes) {
    const step = steps.get(node);
    if (!step) throw new ReviewerError('validation', `This session has no step ${node}.`, 'nodesToResubmit');
    if (!step.resubmittable) {
      throw new ReviewerError('validation', `Step ${node} cannot be resubmitted.`, 'nodesToResubmit');
    }
  }
  return [...new Set(nodes)];
}

/**
 * Takes back a queued decision before it is sent: one compare-and-set against the sender's (a decision the sender
 * has marked `sending` may already be on the wire and is refused with `decision_sending`). The session gets back the
 * status the server last showed.
 */
export const retractDecision: Handler<'retractDecision'> = async (s, { id }) => {
  const { cache } = s.ctx;
  const analyst = currentAnalyst(s);
  const refuse = (d: Decision | null): never => {
    if (d === null) throw new ReviewerError('not_found', 'No such decision.', 'id');
    if (d.state === 'sending') {
      throw new ReviewerError(
        'decision_sending',
        'This decision is being sent to the server and can no longer be retracted; once it is synced it can be reversed.',
        'id',
      );
    }
    throw new ReviewerError('validation', `Only a queued decision can be retracted; this one is ${d.state}.`, 'id');
  };
  const retracted = cache.transaction(() => {
    const at = new Date().toISOString();
    const done = cache.retractQueuedDecision(id, at);
    if (done === null) return refuse(cache.getDecision(id));
    const session = cache.getSession(done.sessionId);
    if (session !== null) cache.setLocalStatus(done.sessionId, session.serverStatus);
    cache.appendAudit({
      type: 'decision.retracted',
      sessionId: done.sessionId,
      connectionId: session?.row.connectionId ?? null,
      details: {
        ...actorDetails(analyst),
        decisionId: done.id,
        newStatus: done.newStatus,
        decidedBy: done.analyst.name,
      },
    });
    return done;
  });
  s.sender.emitCounts([retracted.sessionId]);
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [retracted.sessionId] });
  return retracted;
};

export const listDecisions: Handler<'listDecisions'> = async (s, { states }) => s.ctx.cache.listDecisions(states);

export const acknowledgeConflict: Handler<'acknowledgeConflict'> = async (s, { id }) => {
  const decision = s.ctx.cache.getDecision(id);
  if (decision === null) throw new ReviewerError('not_found', 'No such decision.', 'id');
  if (decision.state !== 'conflict') throw new ReviewerError('validation', 'This decision is not in conflict.', 'id');
  return s.sender.acknowledge(decision, currentAnalyst(s));
};
