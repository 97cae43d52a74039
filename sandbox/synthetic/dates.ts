/**
 * Calendar helpers. Dates are computed from a fixed reference day, not the clock, so the same seed gives the
 * same ages and dates on any day; expiry dates lie years after it so demo documents stay valid for a long time.
 */
import type { Rng } from './types.js';

const REFERENCE_DATE = '2026-06-01';
const DAY_MS = 86_400_000;
const reference = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);

/** `YYYY-MM-DD` for a day offset from the reference date. */
function dayFromReference(offsetDays: number): string {
  return new Date(reference + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A day between `minDays` and `maxDays` from the reference date (negative = before it). */
export function randomDay(rng: Rng, minDays: number, maxDays: number): string {
  return dayFromReference(rng.int(minDays, maxDays));
}

/** A timestamp (ISO, UTC) between two day offsets, for first_seen / last_seen style fields. */
export function randomInstant(rng: Rng, minDays: number, maxDays: number): string {
  const ms = reference + rng.int(minDays, maxDays) * DAY_MS + rng.int(0, DAY_MS / 1000 - 1) * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Whole years between a `YYYY-MM-DD` birth date and the reference date. */
export function ageAtReference(dateOfBirth: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ry, rm, rd] = REFERENCE_DATE.split('-').map(Number);
  return ry - y - (rm < m || (rm === m && rd < d) ? 1 : 0);
}

/** `YYMMDD`, as machine-readable zones write dates. */
export function mrzDate(isoDay: string): string {
  return isoDay.slice(2, 4) + isoDay.slice(5, 7) + isoDay.slice(8, 10);
}

/** `DD.MM.YYYY`, as the card prints dates. */
export function cardDate(isoDay: string): string {
  return `${isoDay.slice(8, 10)}.${isoDay.slice(5, 7)}.${isoDay.slice(0, 4)}`;
}
