/**
 * Exactly-once delivery without a server idempotency key: every decision carries a unique marker in the comment it
 * sends, so reading the session back tells whether our update was applied (its review carries the marker).
 */
import { randomUUID } from 'node:crypto';
import type { Review } from '../../../shared/didit/session.js';

export function newMarker(): string {
  return `[cs:${randomUUID()}]`;
}

/** The comment as sent: the analyst's words, then the marker. */
export function commentWithMarker(comment: string, marker: string): string {
  return comment.length > 0 ? `${comment} ${marker}` : marker;
}

/** How many of the server's reviews carry the marker (1 once applied; more would mean a duplicate). */
export function markerCount(reviews: readonly Review[] | null | undefined, marker: string): number {
  return (reviews ?? []).filter((r) => typeof r.comment === 'string' && r.comment.includes(marker)).length;
}
