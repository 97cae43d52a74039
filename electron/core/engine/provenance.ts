/**
 * The provenance of an imported case, from what this profile knows and nothing else:
 * - an import this app made records partner, trust_review, time and analyst (the audit's `import.redeemed`, and the
 *   session's import columns, which survive a crash through the pending import);
 * - an import that arrived by sync (made outside this app, e.g. by the partner's integration or the sandbox's demo
 *   loader) has only its `shared_from_session`; its source application is known when one of this profile's own
 *   connections holds the original, and its time is the clone's creation (import-shared creates the session).
 * trust_review is inferred only where the statuses settle it: a clone still In Review (never reviewed) of an original
 * that was decided means trust_review was off; a never-reviewed clone with the original's decided status means on.
 */
import type { AuditEntry, Provenance } from '../../../shared/reviewer-api.js';
import type { StoredSession } from '../cache/cache-api.js';
import { partnerOf } from './partners.js';
import type { EngineState } from './state.js';

const canon = (status: string | null | undefined) => (status ?? '').toUpperCase().replace(/\s+/g, '_');

export function provenanceOf(s: EngineState, session: StoredSession, audit: readonly AuditEntry[]): Provenance | null {
  const { row, payload, importInfo } = session;
  const sharedFrom = row.sharedFromSession ?? payload.shared_from_session ?? null;
  if (!sharedFrom && !importInfo) return null;
  const redeemed = audit.find((e) => e.type === 'import.redeemed' && e.sessionId === row.id)?.details ?? null;
  const ours =
    redeemed !== null || (importInfo !== null && (importInfo.trustReview !== null || importInfo.importedAt !== null));
  const source = sharedFrom ? s.ctx.cache.sourceOfShared(sharedFrom, row.connectionId) : null;
  const sourceApplicationId =
    importInfo?.sourceApplicationId ?? row.sourceApplicationId ?? source?.applicationId ?? null;
  const partner = partnerOf(s, sourceApplicationId);
  const recordedTrust = importInfo?.trustReview ?? null;
  const answerStatus = typeof redeemed?.answerStatus === 'string' ? redeemed.answerStatus : null;
  // The original's status: as our issuing connection last saw it, else the status a trusted clone kept at import.
  const originalStatus = source?.status ?? (recordedTrust === true ? answerStatus : null);
  let trustReview = recordedTrust;
  let inferred = false;
  if (trustReview === null && source && session.serverStatus && unreviewed(session)) {
    const original = canon(source.status);
    const clone = canon(session.serverStatus);
    if (original === 'APPROVED' || original === 'DECLINED') {
      if (clone === 'IN_REVIEW') trustReview = false;
      else if (clone === original) trustReview = true;
      inferred = trustReview !== null;
    }
  }
  return {
    origin: ours ? 'app' : 'outside',
    connectionId: row.connectionId,
    sourceApplicationId,
    partner: partner ? { id: partner.id, name: partner.name } : null,
    sourceConnectionName:
      source?.connectionName ??
      s.ctx.cache.listConnections().find((c) => c.applicationId === sourceApplicationId)?.name ??
      null,
    sharedFromSession: sharedFrom,
    originalStatus,
    trustReview,
    trustReviewInferred: inferred,
    importedAt: importInfo?.importedAt ?? (ours ? null : row.createdAt),
    importedBy: typeof redeemed?.importedBy === 'string' ? redeemed.importedBy : null,
    workflowId:
      typeof redeemed?.workflowId === 'string'
        ? redeemed.workflowId
        : typeof payload.workflow_id === 'string'
          ? payload.workflow_id
          : null,
  };
}

/** No review on the server yet: the clone's server status is still the one the import gave it. */
function unreviewed(session: StoredSession): boolean {
  const reviews = (session.payload as { reviews?: unknown }).reviews;
  return !Array.isArray(reviews) || reviews.length === 0;
}
