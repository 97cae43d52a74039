/**
 * Publishes four-eyes proposals made in this profile on the KYC reviews feed (engine/four-eyes.ts; docs/didit-api.md
 * §10, "(decision)"), exactly once and offline first, the way the decision sender delivers decisions: every attempt
 * starts by reading back. The session must still be In Review on the server with the evidence the proposal was made
 * on (else the proposal is voided: create-review SETS the status, so posting on a session decided meanwhile would
 * reopen it); a feed row carrying the proposal's marker means an earlier attempt was applied; otherwise
 * POST /v3/sessions/{id}/reviews/ `{new_status: "In Review", comment}`. A withdrawn proposal that reached the feed
 * gets a withdrawal notice (`[cs-withdraw:<id>]`) the same way.
 */
import type { Proposal } from '../../../shared/reviewer-api.js';
import { composeProposalComment, withdrawMarker, attribution } from '../../../shared/decision-text.js';
import { readSession } from '../../../shared/didit/session-reader.js';
import { canonicalStatus } from '../../../shared/didit/statuses.js';
import { withHitOverlays } from '../../../shared/evidence.js';
import type { EngineContext } from '../context.js';
import type { DiditClient } from '../didit-client.js';
import { DiditError } from '../errors.js';
import { ingestSession } from '../sync/ingest.js';
import { deliverPerConnection } from './per-connection.js';
import { dispositionOverlays, evidenceHash } from '../engine/evidence.js';
import { VOID_EVIDENCE, VOID_STATUS } from '../engine/four-eyes.js';

export interface ProposalPublisherDeps {
  ctx: EngineContext;
  clientFor(connectionId: string): Promise<DiditClient>;
  reportReachability(connectionId: string, err: unknown): void;
  announce(sessionIds: readonly string[]): void;
}

export class ProposalPublisher {
  constructor(private readonly deps: ProposalPublisherDeps) {}

  private get cache() {
    return this.deps.ctx.cache;
  }

  private waiting(): Proposal[] {
    return this.cache
      .listProposals(['open', 'withdrawn'])
      .filter((p) => p.origin === 'local' && p.publication === 'pending');
  }

  hasPending(): boolean {
    return this.waiting().length > 0;
  }

  async flush(): Promise<void> {
    await deliverPerConnection(
      this.deps.ctx,
      this.waiting(),
      (p) => p.sessionId,
      (p, connectionId) => this.publish(p, connectionId),
      this.deps.reportReachability,
    );
  }

  private async publish(p: Proposal, connectionId: string): Promise<void> {
    const client = await this.deps.clientFor(connectionId);
    let raw;
    try {
      raw = await client.getDecision(p.sessionId);
    } catch (err) {
      if (err instanceof DiditError && err.code === 'not_found') {
        this.settle(p, { publication: 'local' }, p.state === 'open' ? 'The session no longer exists.' : null);
        return;
      }
      throw err;
    }
    const view = readSession(raw).payload;
    const inReview = canonicalStatus(view.status) === 'In Review';
    const current = this.cache.getProposal(p.id);
    if (current === null || current.publication !== 'pending') return;
    if (current.state === 'open') {
      const evidence = evidenceHash(withHitOverlays(view, dispositionOverlays(this.cache, p.sessionId, p.createdAt)));
      if (!inReview || evidence !== p.evidenceHash) {
        await this.refresh(connectionId, raw);
        this.settle(current, { publication: 'local' }, inReview ? VOID_EVIDENCE : VOID_STATUS);
        return;
      }
    }
    const feed = await client.listReviews(p.sessionId);
    const has = (needle: string) => feed.some((r) => (r.comment ?? '').includes(needle));
    const proposed = has(`[cs-propose:${p.id}:`);
    if (current.state === 'open') {
      if (!proposed) {
        await client.createReview(p.sessionId, {
          new_status: 'In Review',
          comment: composeProposalComment({
            id: p.id,
            newStatus: p.newStatus,
            evidenceHash: p.evidenceHash,
            analystName: p.proposer.name || 'an analyst',
            comment: p.comment,
            reasons: p.reasons,
          }),
        });
      }
      this.cache.transaction(() => {
        this.cache.updateProposal(p.id, { publication: 'published' });
        this.cache.appendAudit({
          type: 'decision.proposal_published',
          sessionId: p.sessionId,
          connectionId,
          details: { proposalId: p.id, recoveredByReadBack: proposed },
        });
      });
    } else {
      // Withdrawn: a notice only where the proposal reached the feed and the session is still In Review there.
      if (proposed && inReview && !has(withdrawMarker(p.id))) {
        await client.createReview(p.sessionId, {
          new_status: 'In Review',
          comment: `${withdrawMarker(p.id)} ${p.proposer.name} withdrew the proposal to ${
            p.newStatus === 'Approved' ? 'approve' : 'decline'
          }.\n${attribution(p.proposer.name || 'an analyst')}`,
        });
      }
      this.cache.updateProposal(p.id, { publication: proposed ? 'published' : 'local' });
    }
    this.deps.announce([p.sessionId]);
  }

  private settle(p: Proposal, patch: { publication: Proposal['publication'] }, voidReason: string | null) {
    this.cache.transaction(() => {
      if (p.state === 'open' && voidReason !== null) {
        this.cache.updateProposal(p.id, {
          ...patch,
          state: 'voided',
          voidReason,
          closedAt: new Date().toISOString(),
        });
        this.cache.appendAudit({
          type: 'decision.proposal_voided',
          sessionId: p.sessionId,
          details: { proposalId: p.id, proposer: p.proposer.name, reason: voidReason },
        });
      } else {
        this.cache.updateProposal(p.id, patch);
      }
    });
    this.deps.announce([p.sessionId]);
    this.deps.ctx.events.emit({ type: 'sessions.changed', sessionIds: [p.sessionId] });
  }

  private async refresh(connectionId: string, raw: Parameters<typeof ingestSession>[2]): Promise<void> {
    try {
      await ingestSession(this.deps.ctx, connectionId, raw);
    } catch {
      // The next sync brings it.
    }
  }
}
