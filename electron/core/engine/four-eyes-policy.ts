/**
 * The four-eyes policy of a connection and whether it covers a session (engine/four-eyes.ts holds the rest). A
 * module of its own so the decide gate (decisions.ts) can ask without importing the proposals' code.
 */
import type { FourEyesPolicy } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { isInReview } from '../../../shared/didit/statuses.js';
import type { CacheStore, StoredSession } from '../cache/cache-api.js';

export function fourEyesPolicy(cache: CacheStore, connectionId: string): FourEyesPolicy {
  return cache.getSettings().fourEyes[connectionId] ?? 'off';
}

/** Whether an Approve/Decline of this session now needs a second analyst. */
export function fourEyesRequired(cache: CacheStore, session: StoredSession): boolean {
  const policy = fourEyesPolicy(cache, session.row.connectionId);
  if (policy === 'off' || !isInReview(session.serverStatus)) return false;
  return policy === 'all' || hasAmlHits(session);
}

function hasAmlHits(session: StoredSession): boolean {
  if (session.row.amlHits > 0) return true;
  return (session.payload.aml_screenings ?? []).some((s) => (s.hits ?? []).length > 0 || (s.total_hits ?? 0) > 0);
}

/** The decide gate (decisions.ts `admitDecision`): under four-eyes a decision must be proposed instead. */
export function refuseUnderFourEyes(cache: CacheStore, session: StoredSession, newStatus: string, reversal: boolean) {
  if (reversal || newStatus === 'Resubmitted') return;
  if (!fourEyesRequired(cache, session)) return;
  throw new ReviewerError(
    'validation',
    'Four-eyes applies to this session: propose the decision; a second analyst confirms it.',
    'fourEyes',
  );
}
