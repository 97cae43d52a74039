/**
 * Share (mint a token, docs/didit-api.md §3) and import (redeem it, §4). The demo loader goes through these same
 * two functions.
 */
import { randomUUID } from 'node:crypto';
import {
  NOT_FINISHED_DETAIL,
  importRequestSchema,
  shareRequestSchema,
  type ShareResponse,
} from '../shared/didit/api.js';
import { isFinishedStatus } from '../shared/didit/statuses.js';
import type { SandboxCore } from './sandbox-state.js';
import { detailError, fieldError, notFound, parseOrThrow } from './errors.js';
import { emitSessionEvent, resolveWorkflow } from './sessions-service.js';
import { shareTokenHash } from './share-tokens.js';
import type { Application } from './store/applications.js';
import type { SessionWithContent } from './store/sessions.js';

const notFinished = () => detailError(400, 'session_not_finished', NOT_FINISHED_DETAIL);

export async function mintShareToken(
  core: SandboxCore,
  app: Application,
  sessionId: string,
  rawBody: unknown,
): Promise<ShareResponse> {
  const session = core.sessions.get(sessionId, app.id);
  if (!session) throw notFound('Session not found.');
  const body = parseOrThrow(shareRequestSchema, rawBody);
  if (body.for_application_id === app.id) {
    throw fieldError('for_application_id', 'A session cannot be shared with its own application.', 'same_application');
  }
  if (!core.apps.find(body.for_application_id)) {
    throw fieldError('for_application_id', 'Application not found.', 'unknown_application');
  }
  if (!isFinishedStatus(session.status)) throw notFinished();
  const share_token = await core.tokens.mint({
    sessionId: session.id,
    fromApplicationId: app.id,
    forApplicationId: body.for_application_id,
    sessionKind: session.session_kind,
    ttlSeconds: body.ttl_in_seconds,
  });
  return { share_token, for_application_id: body.for_application_id, session_kind: session.session_kind };
}

/**
 * Clones the token's session into the caller's application: a new session over the source's content-addressed
 * record and media, so the clone is complete and outlives the source. Checks run in the order of the seed's error table:
 * token (401), partner (403), once-only on (token, receiving application) (403), source (404), workflow (404).
 */
export async function importSharedSession(
  core: SandboxCore,
  app: Application,
  rawBody: unknown,
  opts: { createdAt?: string } = {},
): Promise<SessionWithContent> {
  const body = parseOrThrow(importRequestSchema, rawBody);
  const claims = await core.tokens.verify(body.share_token);
  if (claims.for_application_id !== app.id) {
    throw detailError(403, 'token_not_for_application', 'This share token was not issued for your application.');
  }
  const tokenHash = shareTokenHash(body.share_token);
  const clone = core.db.transaction(() => {
    if (core.sessions.importedSession(tokenHash, app.id)) {
      throw detailError(403, 'already_imported', 'This share token has already been imported into your application.');
    }
    const source = core.sessions.get(claims.session_id, claims.from_application_id);
    if (!source) throw detailError(404, 'source_session_not_found', 'The shared session no longer exists.');
    const workflow = resolveWorkflow(core, app, claims.session_kind, body.workflow_id);
    if (!isFinishedStatus(source.status)) throw notFinished();
    const createdAt = opts.createdAt ?? core.clock.isoNow();
    const row: SessionWithContent = {
      ...source,
      id: randomUUID(),
      application_id: app.id,
      session_number: core.apps.nextSessionNumber(app.id),
      status: body.trust_review ? source.status : 'In Review',
      workflow_id: workflow.id,
      vendor_data: body.vendor_data ?? source.vendor_data,
      created_at: createdAt,
      shared_from_session: source.id,
      reviews: '[]',
    };
    core.sessions.insert(row);
    // The clone shares the source's record but starts with a copy of its AML hit dispositions as they are now, and
    // an empty activity feed (the source's feed is the issuer's).
    core.cases.copyHitReviews(source.id, row.id);
    if (row.vendor_data) core.sessions.ensureEntity(app.id, row.session_kind, row.vendor_data, createdAt);
    core.sessions.recordImport({
      tokenHash,
      applicationId: app.id,
      sessionId: row.id,
      sourceSessionId: source.id,
      sourceApplicationId: source.application_id,
      trustReview: body.trust_review,
      createdAt,
    });
    return row;
  })();
  emitSessionEvent(core, clone, 'status.updated');
  return clone;
}
