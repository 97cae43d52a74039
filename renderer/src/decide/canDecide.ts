// Analysts decide In Review sessions that have no decision on its way to the server yet, and reverse Approved or
// Declined ones (Approved ↔ Declined, which update-status allows) under the same condition.
import { canonicalStatus, isInReview } from '../../../shared/didit/statuses.js';
import type { QueueRow } from '../../../shared/reviewer-api.js';

const pending = (row: Pick<QueueRow, 'decision'>) => row.decision === 'queued' || row.decision === 'sending';

export function canDecide(row: Pick<QueueRow, 'status' | 'decision'>): boolean {
  return isInReview(row.status) && !pending(row);
}

/** The status a decided session can be reversed to, or null. */
export function reversalTarget(row: Pick<QueueRow, 'status' | 'decision'>): 'Approved' | 'Declined' | null {
  if (pending(row)) return null;
  const status = canonicalStatus(row.status);
  return status === 'Approved' ? 'Declined' : status === 'Declined' ? 'Approved' : null;
}
