/**
 * Delivers queued AML hit dispositions with PATCH update-aml-hit-status (one hit) or the all-or-nothing bulk route
 * (several hits of one session), exactly once, the way the decision sender does (outbox/sender.ts): every attempt
 * starts by reading the session back. The AML routes take no comment, so a disposition is recognised on the server
 * by the hit's `review_status`: ours already there → synced (an earlier attempt was applied, or someone set the same);
 * neither ours nor the status the analyst saw → someone else changed the hit first → conflict, never overwritten;
 * the hit gone → conflict; the rest of the evidence changed since the disposition was made → held as a conflict
 * "evidence changed — review again". Otherwise the entries are marked `sending` BEFORE the request, so a crash
 * mid-request is read back the same way on the next pass.
 *
 * It also holds the check the decision sender runs before each send (`evidenceHeld`): a decision whose evidence
 * stamp no longer matches the server's evidence is held instead of sent.
 */
import type { AmlDisposition, Decision } from '../../../shared/reviewer-api.js';
import type { SessionPayload } from '../../../shared/didit/session.js';
import { readSession, type RawSession } from '../../../shared/didit/session-reader.js';
import { findHit, hitReviewStatus, withHitOverlays } from '../../../shared/evidence.js';
import type { AmlHitUpdateRequest } from '../../../shared/didit/api.js';
import type { EngineContext } from '../context.js';
import type { DiditClient } from '../didit-client.js';
import { DiditError, toReviewerError } from '../errors.js';
import { ingestSession } from '../sync/ingest.js';
import { dispositionOverlays, evidenceHash } from '../engine/evidence.js';

const MAX_ROUNDS = 3;
export const EVIDENCE_CHANGED = 'Evidence changed on the server since this was decided — review again.';

export interface DispositionSenderDeps {
  ctx: EngineContext;
  clientFor(connectionId: string): Promise<DiditClient>;
  reportReachability(connectionId: string, err: unknown): void;
  /** Announces the outbox counts (decisions and dispositions together) and the sessions that moved. */
  announce(sessionIds: readonly string[]): void;
}

interface ServerCopy {
  raw: RawSession;
  view: SessionPayload;
}

export class DispositionSender {
  constructor(private readonly deps: DispositionSenderDeps) {}

  private get cache() {
    return this.deps.ctx.cache;
  }

  counts(): { pending: number; conflicts: number } {
    const pending = this.cache.listDispositions(['queued', 'sending']).length;
    const conflicts = this.cache.listDispositions(['conflict']).filter((d) => !d.acknowledgedAt).length;
    return { pending, conflicts };
  }

  hasPending(): boolean {
    return this.cache.listDispositions(['queued', 'sending']).length > 0;
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

  /** Every session with pending dispositions, oldest first; a connection that fails transiently is skipped. */
  async flush(): Promise<void> {
    const pending = this.cache.listDispositions(['queued', 'sending']);
    const sessions = [...new Set(pending.map((d) => d.sessionId))];
    const blocked = new Set<string>();
    let failure: unknown = null;
    for (const sessionId of sessions) {
      if (this.deps.ctx.signal.aborted) break;
      const session = this.cache.getSession(sessionId);
      if (session === null) continue;
      const connectionId = session.row.connectionId;
      if (blocked.has(connectionId)) continue;
      try {
        await this.deliver(sessionId, connectionId);
        this.deps.reportReachability(connectionId, null);
      } catch (err) {
        blocked.add(connectionId);
        failure ??= err;
        this.deps.reportReachability(connectionId, err);
      }
    }
    if (failure !== null) throw failure;
  }

  private async deliver(sessionId: string, connectionId: string): Promise<void> {
    const client = await this.deps.clientFor(connectionId);
    let refusal: DiditError | null = null;
    let server: ServerCopy | null = null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const todo = this.cache.listDispositions(['queued', 'sending'], sessionId);
      if (todo.length === 0) break;
      try {
        const raw = await client.getDecision(sessionId);
        server = { raw, view: readSession(raw).payload };
      } catch (err) {
        if (err instanceof DiditError && err.code === 'not_found') {
          for (const d of todo) this.conflict(d, 'hit_gone', null, 'The session no longer exists on the server.');
          this.announce([sessionId]);
          return;
        }
        throw err;
      }
      const toSend: AmlDisposition[] = [];
      const serverEvidence = evidenceHash(server.view, { reviewStatuses: false });
      for (const d of todo) {
        const hit = findHit(server.view, d);
        if (hit === null) {
          this.conflict(d, 'hit_gone', null, 'The hit is no longer in the session on the server.');
          continue;
        }
        const status = hitReviewStatus(hit);
        if (status === d.reviewStatus) {
          this.synced(d, connectionId, d.state === 'sending' || d.attempts > 0);
        } else if (status !== d.baseStatus) {
          this.conflict(d, 'changed_elsewhere', status, null);
        } else if (serverEvidence !== d.evidenceHash) {
          this.conflict(d, 'evidence_changed', status, EVIDENCE_CHANGED);
        } else {
          toSend.push(d);
        }
      }
      if (toSend.length === 0) break;
      for (const d of toSend) this.cache.updateDisposition(d.id, { state: 'sending', attempts: d.attempts + 1 });
      this.announce([sessionId]);
      const updates: AmlHitUpdateRequest[] = toSend.map((d) => ({
        hit_id: d.hitId,
        review_status: d.reviewStatus,
        ...(d.nodeId !== null ? { node_id: d.nodeId } : {}),
      }));
      try {
        if (updates.length === 1) await client.updateAmlHitStatus(sessionId, updates[0]);
        else await client.bulkUpdateAmlHitStatus(sessionId, { hit_updates: updates });
      } catch (err) {
        const status = err instanceof DiditError ? err.extra.status : undefined;
        if (status === 400 || status === 404) {
          // Refused (a hit gone, a bad node): nothing was applied; the next round reads back and sorts it out.
          refusal = err as DiditError;
          for (const d of toSend) this.cache.updateDisposition(d.id, { state: 'queued' });
          continue;
        }
        const maybeApplied =
          !(err instanceof DiditError) || err.extra.ambiguous === true || err.code === 'server_error';
        for (const d of toSend) {
          this.cache.updateDisposition(d.id, {
            state: maybeApplied ? 'sending' : 'queued',
            lastError: toReviewerError(err).message,
          });
        }
        this.announce([sessionId]);
        throw err;
      }
      for (const d of toSend) this.synced(d, connectionId, false);
      server = null;
      break;
    }
    for (const d of this.cache.listDispositions(['queued'], sessionId)) {
      if (refusal !== null) this.conflict(d, 'refused', null, refusal.message);
    }
    await this.refresh(connectionId, sessionId, server);
    this.announce([sessionId]);
    this.deps.ctx.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });
  }

  private synced(d: AmlDisposition, connectionId: string, recovered: boolean): void {
    this.cache.transaction(() => {
      this.cache.updateDisposition(d.id, { state: 'synced', syncedAt: new Date().toISOString(), lastError: null });
      this.cache.appendAudit({
        type: 'aml.disposition_synced',
        sessionId: d.sessionId,
        connectionId,
        details: { dispositionId: d.id, hitId: d.hitId, to: d.reviewStatus, recoveredByReadBack: recovered },
      });
    });
  }

  private conflict(
    d: AmlDisposition,
    reason: NonNullable<AmlDisposition['conflictReason']>,
    serverStatus: string | null,
    message: string | null,
  ): void {
    const session = this.cache.getSession(d.sessionId);
    this.cache.transaction(() => {
      this.cache.updateDisposition(d.id, {
        state: 'conflict',
        conflictReason: reason,
        serverStatus,
        lastError: message,
      });
      this.cache.appendAudit({
        type: reason === 'evidence_changed' ? 'aml.disposition_held' : 'aml.disposition_conflict',
        sessionId: d.sessionId,
        connectionId: session?.row.connectionId ?? null,
        details: { dispositionId: d.id, hitId: d.hitId, ours: d.reviewStatus, serverStatus, reason },
      });
    });
  }

  /** Brings the cached copy in line with the server (best effort: the poller catches up otherwise). */
  private async refresh(connectionId: string, sessionId: string, known: ServerCopy | null): Promise<void> {
    try {
      const payload = known?.raw ?? (await (await this.deps.clientFor(connectionId)).getDecision(sessionId));
      await ingestSession(this.deps.ctx, connectionId, payload);
    } catch {
      // Recorded already; a stale cached payload is refreshed by the next sync.
    }
  }
}

/**
 * The decision sender's check before it sends (issue 9, item 6): the decision's evidence stamp against the server's
 * evidence, with the analyst's own dispositions made before the decision laid over (they went out first). A
 * mismatch holds the decision as a conflict "evidence changed — review again", the session back in the inbox with
 * the server's copy. Answers whether it was held. Decisions made before stamps existed are never held.
 */
export async function evidenceHeld(
  ctx: EngineContext,
  d: Decision,
  connectionId: string,
  server: { raw: RawSession; view: SessionPayload },
): Promise<boolean> {
  const stamp = ctx.cache.decisionStamp(d.id);
  if (stamp === null) return false;
  const expected = evidenceHash(withHitOverlays(server.view, dispositionOverlays(ctx.cache, d.sessionId, d.createdAt)));
  if (expected === stamp.evidenceHash) return false;
  try {
    await ingestSession(ctx, connectionId, server.raw);
  } catch {
    // The hold is recorded either way; the next sync brings the new evidence.
  }
  const at = new Date().toISOString();
  ctx.cache.transaction(() => {
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
  ctx.events.emit({ type: 'sessions.changed', sessionIds: [d.sessionId] });
  return true;
}
