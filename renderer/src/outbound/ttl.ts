// Share-token lifetimes: three presets or a custom number of seconds within the API's bounds (60..86400).
import { TTL_MAX_SECONDS, TTL_MIN_SECONDS } from '../../../shared/didit/api.js';

export const TTL_PRESETS = [
  { key: 'minute', seconds: 60 },
  { key: 'hour', seconds: 3_600 },
  { key: 'day', seconds: 86_400 },
] as const;

export type TtlCheck = { ok: true; seconds: number } | { ok: false; reason: 'notANumber' | 'notWhole' | 'outOfRange' };

/** Validates what the user typed in the custom field. */
export function parseCustomTtl(input: string): TtlCheck {
  const text = input.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return { ok: false, reason: 'notANumber' };
  const value = Number(text);
  if (!Number.isInteger(value)) return { ok: false, reason: 'notWhole' };
  if (value < TTL_MIN_SECONDS || value > TTL_MAX_SECONDS) return { ok: false, reason: 'outOfRange' };
  return { ok: true, seconds: value };
}
