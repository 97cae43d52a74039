/**
 * Publishes four-eyes proposals made in this profile on the KYC reviews feed (engine/four-eyes.ts; docs/didit-api.md
 * §10, "(decision)"), exactly once and offline first, through the shared delivery loop (delivery.ts): every attempt
 * reads the session and its feed back. The session must still be In Review on the server with the evidence the
 * proposal was made on (else the proposal is voided: create-review SETS the status, so posting on a session decided
 * meanwhile would reopen it); a feed row carrying the proposal's marker means an earlier attempt was applied;
 * otherwise POST /v3/sessions/{id}/reviews/ `{new_status: "In Review", comment}`. A withdrawn proposal that reached
 * the feed gets a withdrawal notice (`[cs-withdraw:<id>]`) the same way. A proposal has no `sending` state: the
 * read-back before every post stands in for it.
 */
import type { Proposal } from '../../../shared/reviewer-api.js';
import { composeProposalComment, withdrawMarker, attribution } from '../../../shared/decision-text.js';
import { canonicalStatus } from '../../../shared/didit/statuses.js';
import { withHitOverlays } from '../../../shared/evidence.js';
import type { CacheStore } from '../cache/cache-api.js';
import type { FeedReview } from '../didit-client.js';
import { deliverPending, readServerCopy, type OutboxDeps, type OutboxKind, type ServerCopy } from './delivery.js';
import { evidenceHash } from '../engine/evidence.js';
import { VOID_EVIDENCE, VOID_STATUS } from '../engine/four-eyes.js';

export type ProposalPublisherDeps = OutboxDeps;

/** The session as the server has it, with its reviews feed. */
interface ServerFeed extends ServerCopy {
  feed: FeedReview[];
}

export class ProposalPublisher {
  private readonly kind: OutboxKind<Proposal, ServerFeed>;

  constructor(private readonly deps: ProposalPublisherDeps) {
    this.kind = proposalKind(deps.ctx.cache);
  }

  hasPending(): boolean {
    return this.kind.units().length > 0;
  }

  flush(): Promise<void> {
    return deliverPending(this.deps, this.kind);
  }
}

const waiting = (p: Proposal) => p.origin === 'local' && p.publication === 'pending';

/** Proposals as the delivery loop sees them: one post a proposal, the proposal as it was when taken. */
function proposalKind(cache: CacheStore): OutboxKind<Proposal, ServerFeed> {
  const published = (p: Proposal, connectionId: string, recovered: boolean) =>
    cache.transaction(() => {
      cache.updateProposal(p.id, { publication: 'published' });
      cache.appendAudit({
        type: 'decision.proposal_published',
        sessionId: p.sessionId,
        connectionId,
        details: { proposalId: p.id, recoveredByReadBack: recovered },
      });
    });

  /** Kept in this profile only; an open proposal is voided with the reason. */
  const keepLocal = (p: Proposal, voidReason: string | null) =>
    cache.transaction(() => {
      if (p.state !== 'open' || voidReason === null) {
        cache.updateProposal(p.id, { publication: 'local' });
        return;
      }
      cache.updateProposal(p.id, {
        publication: 'local',
        state: 'voided',
        voidReason,
        closedAt: new Date().toISOString(),
      });
      cache.appendAudit({
        type: 'decision.proposal_voided',
        sessionId: p.sessionId,
        details: { proposalId: p.id, proposer: p.proposer.name, reason: voidReason },
      });
    });

  /** True when the read-back settles the proposal on its own. */
  const settledByReadBack = (p: Proposal, server: ServerFeed | null, connectionId: string): boolean => {
    if (server === null) {
      keepLocal(p, 'The session no longer exists.');
      return true;
    }
    const inReview = canonicalStatus(server.view.status) === 'In Review';
    const onFeed = (needle: string) => server.feed.some((r) => (r.comment ?? '').includes(needle));
    const proposed = onFeed(`[cs-propose:${p.id}:`);
    if (p.state === 'open') {
      const evidence = evidenceHash(withHitOverlays(server.view, cache.unsentOverlays(p.sessionId, p.createdAt)));
      if (!inReview || evidence !== p.evidenceHash) keepLocal(p, inReview ? VOID_EVIDENCE : VOID_STATUS);
      else if (proposed) published(p, connectionId, true);
      else return false;
      return true;
    }
    // Withdrawn: a notice only where the proposal reached the feed and the session is still In Review there.
    if (!proposed) keepLocal(p, null);
    else if (!inReview || onFeed(withdrawMarker(p.id))) cache.updateProposal(p.id, { publication: 'published' });
    else return false;
    return true;
  };

  return {
    units: () =>
      cache
        .listProposals(['open', 'withdrawn'])
        .filter(waiting)
        .map((p) => [p]),
    // Withdrawn while its post was on the wire: the next pass reads the feed again and posts the notice.
    current: (proposals) =>
      proposals.flatMap((p) => {
        const now = cache.getProposal(p.id);
        return now !== null && waiting(now) && now.state === p.state ? [now] : [];
      }),
    readBack: async (client, sessionId) => ({
      ...(await readServerCopy(client, sessionId)),
      feed: await client.listReviews(sessionId),
    }),
    settle: (proposals, server, connectionId) => proposals.filter((p) => !settledByReadBack(p, server, connectionId)),
    claim: (proposals) => proposals,
    send: async (client, [p]) => {
      const analystName = p.proposer.name || 'an analyst';
      const comment =
        p.state === 'open'
          ? composeProposalComment({
              id: p.id,
              newStatus: p.newStatus,
              evidenceHash: p.evidenceHash,
              analystName,
              comment: p.comment,
              reasons: p.reasons,
            })
          : `${withdrawMarker(p.id)} ${p.proposer.name} withdrew the proposal to ${
              p.newStatus === 'Approved' ? 'approve' : 'decline'
            }.\n${attribution(analystName)}`;
      await client.createReview(p.sessionId, { new_status: 'In Review', comment });
    },
    refuses: () => false,
    record(proposals, outcome, connectionId) {
      // Only a post the server answered moves a proposal: one not known to be posted is read back next time.
      if (outcome.kind !== 'applied') return;
      for (const p of proposals) {
        if (p.state === 'open') published(p, connectionId, false);
        else cache.updateProposal(p.id, { publication: 'published' });
      }
    },
  };
}
