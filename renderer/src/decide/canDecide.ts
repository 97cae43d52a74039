// Analysts decide In Review sessions that have no decision on its way to the server yet.
import { isInReview } from '../../../shared/didit/statuses.js';
import type { QueueRow } from '../../../shared/reviewer-api.js';

export function canDecide(row: Pick<QueueRow, 'status' | 'decision'>): boolean {
  return isInReview(row.status) && row.decision !== 'queued' && row.decision !== 'sending';
}
