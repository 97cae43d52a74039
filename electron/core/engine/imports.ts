/**
 * Redeeming a partner's share token. Once import-shared answers 201 the token is spent, so from that moment the
 * session must never be lost and the analyst never told the import failed:
 * - before sending, a pending import is recorded (should the app stop before the answer is stored, the next sync
 *   brings the session in and the pending import gives it back its provenance);
 * - the answer is stored at once, whichever shape it has: the seed's full clone, or the API reference's short answer
 *   (id, number, status), which is marked for the next sync to fetch in full;
 * - then the full payload and its media are fetched now if possible, else by the next sync.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { shareTokenClaimsSchema, type ShareTokenClaims } from '../../../shared/didit/api.js';
import { receives, type ReviewerOutputs } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { KYB_BLOCKS, KYC_BLOCKS } from '../../../shared/didit/session.js';
import { readSession, type RawSession } from '../../../shared/didit/session-reader.js';
import type { EngineContext } from '../context.js';
import { DiditError, toReviewerError } from '../errors.js';
import { ingestSession, storeWithoutMedia } from '../sync/ingest.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import { reporting, type Handler, type Parsed } from './state.js';

export const redeemToken: Handler<'redeemToken'> = (s, input) =>
  reporting(s, input.connectionId, (rt) => redeem(s.ctx, rt, input));

/** The token's claims (unverified: informative only, the server checked the token). */
function tokenClaims(token: string): ShareTokenClaims | null {
  try {
    const claims = shareTokenClaimsSchema.safeParse(decodeJwt(token));
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}

/** Whether an import answer carries the session's blocks (the seed's full clone) or only its header. */
function isFullClone(answer: RawSession): boolean {
  const record = answer as Record<string, unknown>;
  return [...KYC_BLOCKS, ...KYB_BLOCKS].some((b) =>
    [b.name, ...b.aliases].some((f) => record[f] !== undefined && record[f] !== null),
  );
}

async function redeem(
  ctx: EngineContext,
  rt: ConnectionRuntime,
  input: Parsed<'redeemToken'>,
): Promise<ReviewerOutputs['redeemToken']> {
  if (!receives(rt.record)) {
    throw new ReviewerError(
      'validation',
      `"${rt.record.name}" only issues tokens; redeem with a receiving connection.`,
      'connectionId',
    );
  }
  const client = await rt.api();
  const claims = tokenClaims(input.shareToken);
  const importInfo = {
    trustReview: input.trustReview,
    sourceApplicationId: claims?.from_application_id ?? null,
    importedAt: new Date().toISOString(),
  };
  const pendingId = randomUUID();
  ctx.cache.addPendingImport({
    id: pendingId,
    connectionId: rt.id,
    sourceSessionId: claims?.session_id ?? null,
    sourceApplicationId: importInfo.sourceApplicationId,
    trustReview: input.trustReview,
    startedAt: importInfo.importedAt,
  });
  let answer: RawSession;
  try {
    answer = await client.importShared({
      share_token: input.shareToken,
      workflow_id: input.workflowId,
      ...(input.vendorData ? { vendor_data: input.vendorData } : {}),
      trust_review: input.trustReview,
    });
  } catch (err) {
    const status = err instanceof DiditError ? err.extra.status : undefined;
    if (status === 201) {
      // Spent, but the answer has no session id: the next sync brings the session in, claiming the pending import.
      throw new ReviewerError(
        'server_error',
        'The server accepted the token but its answer could not be read. The session will appear after the next sync.',
      );
    }
    // A refusal did not spend the token; a request that may have reached the server keeps its pending import.
    if (!(err instanceof DiditError && err.extra.ambiguous)) ctx.cache.removePendingImport(pendingId);
    throw err;
  }
  rt.report(null);

  // The token is spent: store what the answer says before anything else can fail.
  const workflowKind = rt.record.workflows.find((w) => w.id === input.workflowId)?.session_kind;
  const stored: RawSession = { session_kind: workflowKind ?? claims?.session_kind, ...answer };
  const complete = isFullClone(answer);
  const sessionId = answer.session_id;
  ctx.cache.transaction(() => {
    storeWithoutMedia(ctx, rt.id, stored, importInfo, { needsFetch: !complete });
    ctx.cache.removePendingImport(pendingId);
    ctx.cache.appendAudit({
      type: 'import.redeemed',
      sessionId,
      connectionId: rt.id,
      details: {
        sharedFromSession: readSession(stored).payload.shared_from_session ?? claims?.session_id ?? null,
        sourceApplicationId: importInfo.sourceApplicationId,
        trustReview: input.trustReview,
        workflowId: input.workflowId,
        answer: complete ? 'full' : 'short',
      },
    });
  });
  ctx.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });

  let detailsPending = false;
  try {
    await ingestSession(ctx, rt.id, complete ? stored : await client.getDecision(sessionId), { importInfo });
  } catch (err) {
    detailsPending = true;
    ctx.cache.appendAudit({
      type: 'import.fetch_deferred',
      sessionId,
      connectionId: rt.id,
      details: { reason: toReviewerError(err).message, next: 'the next sync fetches the session and its media' },
    });
  }
  ctx.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });
  const read = ctx.cache.getSession(sessionId);
  return {
    sessionId,
    status: read?.row.status ?? readSession(stored).payload.status,
    sharedFromSession: read?.payload.shared_from_session ?? null,
    detailsPending,
  };
}
