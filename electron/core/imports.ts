/**
 * Redeeming a partner's share token: import-shared answers with the new session's full payload, which goes through
 * the same ingest path as a synced session, so it lands in the cache with its media at once.
 */
import { decodeJwt } from 'jose';
import type { z } from 'zod';
import { shareTokenClaimsSchema } from '../../shared/api.js';
import { ReviewerError, type redeemInputSchema, type ReviewerOutputs } from '../../shared/reviewer-api.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import { receives } from './connection-runtime.js';
import type { EngineContext } from './context.js';
import { isTransient } from './errors.js';
import { ingestSession, storeWithoutMedia } from './sync/ingest.js';

/** The issuing application named in the token (unverified: informative only, the server checked the token). */
function tokenSourceApplication(token: string): string | null {
  try {
    const claims = shareTokenClaimsSchema.safeParse(decodeJwt(token));
    return claims.success ? claims.data.from_application_id : null;
  } catch {
    return null;
  }
}

export async function redeemToken(
  ctx: EngineContext,
  rt: ConnectionRuntime,
  input: z.output<typeof redeemInputSchema>,
): Promise<ReviewerOutputs['redeemToken']> {
  if (!receives(rt.record)) {
    throw new ReviewerError(
      'validation',
      `"${rt.record.name}" only issues tokens; redeem with a receiving connection.`,
      'connectionId',
    );
  }
  const client = await rt.api();
  const payload = await client.importShared({
    share_token: input.shareToken,
    workflow_id: input.workflowId,
    ...(input.vendorData ? { vendor_data: input.vendorData } : {}),
    trust_review: input.trustReview,
  });
  rt.report(null);
  const importInfo = {
    trustReview: input.trustReview,
    sourceApplicationId: tokenSourceApplication(input.shareToken),
    importedAt: new Date().toISOString(),
  };
  const audit = () =>
    ctx.cache.appendAudit({
      type: 'import.redeemed',
      sessionId: payload.session_id,
      connectionId: rt.id,
      details: {
        sharedFromSession: payload.shared_from_session ?? null,
        sourceApplicationId: importInfo.sourceApplicationId,
        trustReview: input.trustReview,
        workflowId: input.workflowId,
        status: payload.status,
      },
    });
  try {
    await ingestSession(ctx, rt.id, payload, { importInfo });
    audit();
  } catch (err) {
    if (!isTransient(err)) throw err;
    // The server has consumed the token: keep the session (and its import record) even if its media could not be
    // downloaded right now, rather than lose track of it. The poller downloads the media later.
    ctx.cache.transaction(() => {
      storeWithoutMedia(ctx, rt.id, payload, importInfo);
      audit();
      ctx.cache.appendAudit({
        type: 'media.unavailable',
        sessionId: payload.session_id,
        connectionId: rt.id,
        details: { reason: 'media could not be downloaded during the import; the next sync retries' },
      });
    });
  }
  ctx.events.emit({ type: 'sessions.changed', sessionIds: [payload.session_id] });
  return {
    sessionId: payload.session_id,
    status: payload.status,
    sharedFromSession: payload.shared_from_session ?? null,
  };
}
