/**
 * Four-eyes (maker/checker; issue 9, item 5). A policy per connection (Settings.fourEyes: off / sessions with AML
 * hits / all). Under it an analyst's Approve or Decline of an In Review session becomes a *proposal*, not a status
 * update; a second, different analyst confirms it and only then the decision goes to the exactly-once outbox
 * (outbox/sender.ts). The proposer cannot confirm their own proposal. A proposal is made on evidence (its hash,
 * shared/evidence.ts): the session's status moving on the server, or AML hits new or changed, voids it.
 *
 * Sharing (docs/didit-api.md §10, "(decision)"): for KYC the proposal is published on the session's reviews feed
 * with POST /v3/sessions/{id}/reviews/ `new_status: "In Review"` (the status it already has, so nothing changes) and
 * a machine marker `[cs-propose:<id>:<status>:<evidence hash>]` in the comment (outbox/proposal-publisher.ts);
 * every sync reads the feeds of In Review KYC sessions under a policy and records other workstations' proposals with
 * the proposer's name. KYB has no feed: proposals stay in this profile (analysts switching the profile's analyst).
 */
import { randomUUID } from 'node:crypto';
import { sameAnalyst, type FourEyesState, type Proposal } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { isInReview } from '../../../shared/didit/statuses.js';
import {
  MARKER_PATTERN,
  confirmMarker,
  parseProposalMarker,
  stripMarker,
  withdrawMarker,
  type ReasonRecord,
} from '../../../shared/decision-text.js';
import type { CacheStore, StoredSession } from '../cache/cache-api.js';
import type { EngineContext } from '../context.js';
import type { DiditClient, FeedReview } from '../didit-client.js';
import { ingestSession } from '../sync/ingest.js';
import { actorDetails, currentAnalyst } from './analyst.js';
import { planDecision, recordDecision } from './decisions.js';
import { checkDecisionPolicy } from './dispositions.js';
import { fourEyesPolicy, fourEyesRequired } from './four-eyes-policy.js';
import { analystView, evidenceHash } from './evidence.js';
import type { Handler } from './state.js';

export function fourEyesState(cache: CacheStore, session: StoredSession): FourEyesState {
  return {
    policy: fourEyesPolicy(cache, session.row.connectionId),
    required: fourEyesRequired(cache, session),
    shared: session.row.kind === 'user',
    proposals: cache.listProposals(undefined, session.row.id),
  };
}

/** The evidence hash of the session as this analyst sees it now. */
function currentEvidence(cache: CacheStore, session: StoredSession): string {
  return evidenceHash(analystView(cache, session.row.id, session.payload));
}

export const proposeDecision: Handler<'proposeDecision'> = async (s, input) => {
  const { cache } = s.ctx;
  const draft = planDecision(s, input);
  if (draft.reversal || (draft.newStatus !== 'Approved' && draft.newStatus !== 'Declined')) {
    throw new ReviewerError(
      'validation',
      'Only an Approve or Decline of an In Review session is proposed.',
      'newStatus',
    );
  }
  const newStatus = draft.newStatus;
  const { session } = draft;
  if (!fourEyesRequired(cache, session)) {
    throw new ReviewerError('validation', 'Four-eyes does not apply to this session: decide it directly.', 'fourEyes');
  }
  checkDecisionPolicy(cache, session, input);
  if (cache.listProposals(['open'], session.row.id).length > 0) {
    throw new ReviewerError(
      'validation',
      'This session already has an open proposal: confirm it, or have its proposer withdraw it.',
      'sessionId',
    );
  }
  const proposal = cache.transaction(() => {
    const made = cache.addProposal({
      id: randomUUID(),
      sessionId: session.row.id,
      newStatus,
      comment: draft.comment,
      reasons: draft.reasons,
      proposer: draft.analyst,
      evidenceHash: currentEvidence(cache, session),
      origin: 'local',
      publication: session.row.kind === 'user' ? 'pending' : 'local',
    });
    cache.appendAudit({
      type: 'decision.proposed',
      sessionId: session.row.id,
      connectionId: session.row.connectionId,
      details: {
        ...actorDetails(draft.analyst),
        proposalId: made.id,
        newStatus,
        evidenceHash: made.evidenceHash,
        shared: made.publication !== 'local',
        ...(draft.reasons.length > 0 ? { reasons: draft.reasons.map((r) => r.code) } : {}),
      },
    });
    return made;
  });
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [session.row.id] });
  if (s.autoSync && proposal.publication === 'pending') void s.senderLoop.trigger();
  return proposal;
};

export const confirmProposal: Handler<'confirmProposal'> = async (s, { id, confirmUnreviewedHits }) => {
  const { cache } = s.ctx;
  const proposal = cache.getProposal(id);
  if (proposal === null) throw new ReviewerError('not_found', 'No such proposal.', 'id');
  const session = cache.getSession(proposal.sessionId);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'id');
  reconcileProposals(cache, session);
  const current = cache.getProposal(id)!;
  if (current.state !== 'open') {
    const why = current.voidReason ? `: ${current.voidReason}` : '';
    throw new ReviewerError('validation', `This proposal is ${current.state}${why}`, 'id');
  }
  const analyst = currentAnalyst(s);
  if (sameAnalyst(analyst, current.proposer)) {
    throw new ReviewerError(
      'validation',
      'You proposed this decision: a second, different analyst must confirm it.',
      'id',
    );
  }
  const draft = planDecision(s, {
    sessionId: session.row.id,
    newStatus: current.newStatus,
    comment: '',
    reasons: [],
    nodesToResubmit: [],
    confirmUnreviewedHits,
  });
  checkDecisionPolicy(cache, session, { newStatus: current.newStatus, confirmUnreviewedHits });
  const words = [
    current.comment.trim(),
    `Four-eyes: proposed by ${current.proposer.name}, confirmed by ${analyst.name}. ${confirmMarker(current.id)}`,
  ].filter((l) => l.length > 0);
  const decision = cache.transaction(() => {
    const made = recordDecision(
      s,
      { ...draft, comment: words.join('\n'), reasons: current.reasons, analyst },
      { state: 'queued', policy: 'four-eyes' },
    );
    cache.updateProposal(current.id, {
      state: 'confirmed',
      closedAt: new Date().toISOString(),
      closedBy: analyst.name,
      decisionId: made.id,
    });
    cache.appendAudit({
      type: 'decision.proposal_confirmed',
      sessionId: session.row.id,
      connectionId: session.row.connectionId,
      details: {
        ...actorDetails(analyst),
        proposalId: current.id,
        proposer: current.proposer.name,
        decisionId: made.id,
        newStatus: current.newStatus,
      },
    });
    return made;
  });
  s.sender.emitCounts([session.row.id]);
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [session.row.id] });
  if (s.autoSync) void s.senderLoop.trigger();
  return decision;
};

export const withdrawProposal: Handler<'withdrawProposal'> = async (s, { id }) => {
  const { cache } = s.ctx;
  const proposal = cache.getProposal(id);
  if (proposal === null) throw new ReviewerError('not_found', 'No such proposal.', 'id');
  if (proposal.state !== 'open') throw new ReviewerError('validation', `This proposal is ${proposal.state}.`, 'id');
  const analyst = currentAnalyst(s);
  if (proposal.origin !== 'local' || !sameAnalyst(analyst, proposal.proposer)) {
    throw new ReviewerError('validation', 'Only the proposer can withdraw a proposal.', 'id');
  }
  const session = cache.getSession(proposal.sessionId);
  const done = cache.transaction(() => {
    // A proposal that may be on the feed gets a withdrawal notice there (the publisher reads the feed first).
    const updated = cache.updateProposal(id, {
      state: 'withdrawn',
      closedAt: new Date().toISOString(),
      closedBy: analyst.name,
      publication: proposal.publication === 'local' ? 'local' : 'pending',
    });
    cache.appendAudit({
      type: 'decision.proposal_withdrawn',
      sessionId: proposal.sessionId,
      connectionId: session?.row.connectionId ?? null,
      details: { ...actorDetails(analyst), proposalId: id },
    });
    return updated;
  });
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [proposal.sessionId] });
  if (s.autoSync && done.publication === 'pending') void s.senderLoop.trigger();
  return done;
};

function closeProposal(cache: CacheStore, p: Proposal, state: 'voided' | 'confirmed', reason: string | null) {
  const session = cache.getSession(p.sessionId);
  cache.transaction(() => {
    cache.updateProposal(p.id, { state, voidReason: reason, closedAt: new Date().toISOString() });
    cache.appendAudit({
      type: state === 'voided' ? 'decision.proposal_voided' : 'decision.proposal_confirmed_elsewhere',
      sessionId: p.sessionId,
      connectionId: session?.row.connectionId ?? null,
      details: { actor: null, proposalId: p.id, proposer: p.proposer.name, reason },
    });
  });
}

export const VOID_STATUS = 'The session is no longer In Review on the server.';
export const VOID_EVIDENCE = 'Evidence changed since it was proposed (status or AML hits) — review again.';

/**
 * Settles the session's open proposals against its cached server copy: a session no longer In Review confirms a
 * proposal whose confirmation marker is in its reviews, and voids the others; an evidence hash that differs voids.
 * Answers whether anything changed.
 */
export function reconcileProposals(cache: CacheStore, session: StoredSession): boolean {
  const open = cache.listProposals(['open'], session.row.id);
  if (open.length === 0) return false;
  const inReview = isInReview(session.serverStatus);
  const evidence = inReview ? currentEvidence(cache, session) : '';
  const comments = (session.payload.reviews ?? []).map((r) => r.comment ?? '');
  let changed = false;
  for (const p of open) {
    if (!inReview) {
      const confirmed = comments.some((c) => c.includes(confirmMarker(p.id)));
      closeProposal(cache, p, confirmed ? 'confirmed' : 'voided', confirmed ? null : VOID_STATUS);
      changed = true;
    } else if (p.evidenceHash !== evidence) {
      closeProposal(cache, p, 'voided', VOID_EVIDENCE);
      changed = true;
    }
  }
  return changed;
}

/** Reads a published proposal back out of its feed comment: proposer, the analyst's words, reasons. */
export function proposalFromComment(comment: string): { name: string; words: string; reasons: ReasonRecord[] } {
  const body = comment.split('\nFour-eyes: a second analyst')[0] ?? comment;
  const afterMarker = body.replace(MARKER_PATTERN, '').trimStart();
  const m = /^(.+?) proposes to (?:approve|decline)(?::\s?([\s\S]*))?$/.exec(afterMarker);
  const name = m?.[1]?.trim() || 'another analyst';
  let words = (m?.[2] ?? '').trim();
  const reasons: ReasonRecord[] = [];
  const reasonsAt = words.lastIndexOf('\nReasons: ');
  const reasonLine = reasonsAt >= 0 ? words.slice(reasonsAt + 1) : /^Reasons: /.test(words) ? words : '';
  if (reasonLine) {
    words = reasonsAt >= 0 ? words.slice(0, reasonsAt).trim() : '';
    for (const part of reasonLine.replace(/^Reasons: /, '').split('; ')) {
      const r = /^(.*) \(([A-Z0-9_]{2,40})\)$/.exec(part.trim());
      if (r) reasons.push({ code: r[2], label: r[1] });
    }
  }
  const afterBody = m ? undefined : stripMarker(body);
  return { name, words: afterBody ?? words, reasons };
}

/**
 * After a sync pass of a receiving connection under a four-eyes policy: reads the reviews feed of each In Review KYC
 * session the policy covers, records other workstations' proposals (with the proposer's name from the comment) and
 * withdrawals, refreshes the session when its feed carries proposals (so the evidence compared is the server's
 * now), and settles every open proposal of the connection. Best effort: a session whose feed cannot be read is
 * tried again on the next pass.
 */
export async function syncProposals(ctx: EngineContext, connectionId: string, client: DiditClient): Promise<boolean> {
  const { cache } = ctx;
  let changed = false;
  const touched = new Set<string>();
  if (fourEyesPolicy(cache, connectionId) !== 'off') {
    for (const [sessionId, header] of cache.sessionHeaders(connectionId)) {
      if (ctx.signal.aborted) break;
      if (!isInReview(header.status)) continue;
      const session = cache.getSession(sessionId);
      if (session === null || session.row.kind !== 'user' || !fourEyesRequired(cache, session)) continue;
      let feed: FeedReview[];
      try {
        feed = await client.listReviews(sessionId);
      } catch {
        continue;
      }
      if (readFeed(cache, session, feed)) {
        changed = true;
        touched.add(sessionId);
      }
      if (cache.listProposals(['open'], sessionId).length > 0) {
        try {
          await ingestSession(ctx, connectionId, await client.getDecision(sessionId));
        } catch {
          // The cached copy stays; the next pass reads it again.
        }
      }
    }
  }
  for (const p of cache.listProposals(['open'])) {
    const session = cache.getSession(p.sessionId);
    if (session === null || session.row.connectionId !== connectionId) continue;
    if (reconcileProposals(cache, session)) {
      changed = true;
      touched.add(p.sessionId);
    }
  }
  if (touched.size > 0) ctx.events.emit({ type: 'sessions.changed', sessionIds: [...touched] });
  return changed;
}

/** Records the feed's proposals and withdrawals for one session; true when something new was recorded. */
function readFeed(cache: CacheStore, session: StoredSession, feed: readonly FeedReview[]): boolean {
  let changed = false;
  for (const row of [...feed].reverse()) {
    const comment = row.comment ?? '';
    const marker = parseProposalMarker(comment);
    if (marker === null || cache.getProposal(marker.id) !== null) continue;
    const parsed = proposalFromComment(comment);
    cache.transaction(() => {
      cache.addProposal({
        id: marker.id,
        sessionId: session.row.id,
        newStatus: marker.newStatus,
        comment: parsed.words,
        reasons: parsed.reasons,
        proposer: { name: parsed.name, email: '' },
        evidenceHash: marker.evidenceHash,
        origin: 'remote',
        publication: 'published',
        createdAt: row.createdAt ?? undefined,
      });
      cache.appendAudit({
        type: 'decision.proposal_received',
        sessionId: session.row.id,
        connectionId: session.row.connectionId,
        details: { actor: parsed.name, proposalId: marker.id, newStatus: marker.newStatus },
      });
    });
    changed = true;
  }
  for (const p of cache.listProposals(['open'], session.row.id)) {
    if (p.origin !== 'remote') continue;
    if (feed.some((r) => (r.comment ?? '').includes(withdrawMarker(p.id)))) {
      cache.transaction(() => {
        cache.updateProposal(p.id, {
          state: 'withdrawn',
          closedAt: new Date().toISOString(),
          closedBy: p.proposer.name,
        });
        cache.appendAudit({
          type: 'decision.proposal_withdrawn_elsewhere',
          sessionId: session.row.id,
          connectionId: session.row.connectionId,
          details: { actor: p.proposer.name, proposalId: p.id },
        });
      });
      changed = true;
    }
  }
  return changed;
}
