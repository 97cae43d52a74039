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
import { userInfo } from 'node:os';
import { decodeJwt } from 'jose';
import { shareTokenClaimsSchema, type ShareTokenClaims } from '../../../shared/didit/api.js';
import { receives, type ReviewerOutputs } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { KYB_BLOCKS, KYC_BLOCKS } from '../../../shared/didit/session.js';
import { readSession, type RawSession } from '../../../shared/didit/session-reader.js';
import { DiditError, toReviewerError } from '../errors.js';
import { ingestSession, storeWithoutMedia } from '../sync/ingest.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import { partnerOf } from './partners.js';
import { reporting, type EngineState, type Handler, type Parsed } from './state.js';

export const redeemToken: Handler<'redeemToken'> = (s, input) =>
  reporting(s, input.connectionId, (rt) => redeem(s, rt, input));

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

/** Who redeems: the OS account running the app (null when the OS cannot say). */
function currentAccount(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

/**
 * The workflow and trust_review to redeem with: the analyst's choice, else the issuing partner's defaults (its
 * workflow for the token's kind when this connection has it, its trust_review), else the connection's only workflow
 * of that kind and trust_review off.
 */
function importChoices(
  s: EngineState,
  rt: ConnectionRuntime,
  input: Parsed<'redeemToken'>,
  claims: ShareTokenClaims | null,
): { workflowId: string; trustReview: boolean; partnerId: string | null; defaultsUsed: boolean } {
  const partner = partnerOf(s, claims?.from_application_id);
  const kind = claims?.session_kind ?? 'user';
  const ofKind = rt.record.workflows.filter((w) => w.session_kind === kind);
  const preferred = partner?.workflows[kind] ?? null;
  const workflowId =
    input.workflowId ??
    (preferred !== null && rt.record.workflows.some((w) => w.id === preferred) ? preferred : undefined) ??
    (ofKind.length === 1 ? ofKind[0].id : undefined);
  if (workflowId === undefined) {
    throw new ReviewerError(
      'validation',
      `Pick the workflow to import into: "${rt.record.name}" has ${ofKind.length === 0 ? 'no' : 'several'} ${kind === 'user' ? 'KYC' : 'KYB'} workflows and the partner names no default.`,
      'workflowId',
    );
  }
  return {
    workflowId,
    trustReview: input.trustReview ?? partner?.trustReview ?? false,
    partnerId: partner?.id ?? null,
    defaultsUsed: input.workflowId === undefined || input.trustReview === undefined,
  };
}

async function redeem(
  s: EngineState,
  rt: ConnectionRuntime,
  input: Parsed<'redeemToken'>,
): Promise<ReviewerOutputs['redeemToken']> {
  const { ctx } = s;
  if (!receives(rt.record)) {
    throw new ReviewerError(
      'validation',
      `"${rt.record.name}" only issues tokens; redeem with a receiving connection.`,
      'connectionId',
    );
  }
  const client = await rt.api();
  const claims = tokenClaims(input.shareToken);
  const choice = importChoices(s, rt, input, claims);
  const importInfo = {
    trustReview: choice.trustReview,
    sourceApplicationId: claims?.from_application_id ?? null,
    importedAt: new Date().toISOString(),
  };
  const pendingId = randomUUID();
  ctx.cache.addPendingImport({
    id: pendingId,
    connectionId: rt.id,
    sourceSessionId: claims?.session_id ?? null,
    sourceApplicationId: importInfo.sourceApplicationId,
    trustReview: choice.trustReview,
    startedAt: importInfo.importedAt,
  });
  let answer: RawSession;
  try {
    answer = await client.importShared({
      share_token: input.shareToken,
      workflow_id: choice.workflowId,
      ...(input.vendorData ? { vendor_data: input.vendorData } : {}),
      trust_review: choice.trustReview,
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
  const workflowKind = rt.record.workflows.find((w) => w.id === choice.workflowId)?.session_kind;
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
        partnerId: choice.partnerId,
        trustReview: choice.trustReview,
        workflowId: choice.workflowId,
        partnerDefaults: choice.defaultsUsed,
        importedBy: currentAccount(),
        // With trust_review on the clone keeps the original's status: the original decision, as of the import.
        answerStatus: readSession(stored).payload.status ?? null,
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
