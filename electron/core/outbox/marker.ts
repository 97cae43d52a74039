/**
 * Exactly-once delivery without a server idempotency key: every decision carries a unique marker in the comment it
 * sends, so reading the session back tells whether our update was applied (its review carries the marker). The
 * marker is machine data: everything that shows a comment to people removes it with `stripMarker`
 * (shared/decision-text.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Review } from '../../../shared/didit/session.js';
import type { Decision } from '../../../shared/reviewer-api.js';
import { composeSentComment } from '../../../shared/decision-text.js';

export function newMarker(): string {
  return `[cs:${randomUUID()}]`;
}

/** The comment as sent: reasons, steps to redo, the analyst's words, then the marker and the attribution. */
export function sentComment(d: Pick<Decision, 'comment' | 'reasons' | 'nodesToResubmit' | 'analyst' | 'marker'>) {
  return composeSentComment({
    comment: d.comment,
    reasons: d.reasons,
    nodesToResubmit: d.nodesToResubmit,
    analystName: d.analyst.name || 'an analyst',
    marker: d.marker,
  });
}

/** How many of the server's reviews carry the marker (1 once applied; more would mean a duplicate). */
export function markerCount(reviews: readonly Review[] | null | undefined, marker: string): number {
  return (reviews ?? []).filter((r) => typeof r.comment === 'string' && r.comment.includes(marker)).length;
}
