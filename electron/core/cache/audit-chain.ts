/**
 * The audit log's hash chain: each entry stores SHA-256(previous hash + canonical JSON of the entry), so editing,
 * removing or reordering any entry breaks every hash from there on.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/reviewer-api.js';
import { canonicalJson } from '../../../shared/didit/webhook-signing.js';

export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: the whole entry but its own hashes. */
type ChainedFields = Omit<AuditEntry, 'hash' | 'prevHash'>;

export function entryHash(prevHash: string, entry: ChainedFields): string {
  const { seq, at, type, sessionId, connectionId, details } = entry;
  return createHash('sha256')
    .update(prevHash + canonicalJson({ seq, at, type, sessionId, connectionId, details }))
    .digest('hex');
}

export interface StoredAuditRow {
  seq: number;
  at: string;
  type: string;
  session_id: string | null;
  connection_id: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/**
 * Walks rows in seq order and reports the first seq that does not follow from the entry before it (an edited
 * entry, or the first missing one). Removing entries from the very end is not detectable from the chain alone.
 */
export function verifyChain(rows: Iterable<StoredAuditRow>): { entries: number; firstBrokenSeq: number | null } {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let broken: number | null = null;
  for (const row of rows) {
    entries++;
    if (broken !== null) continue;
    if (row.seq !== expectedSeq || row.prev_hash !== prevHash || row.hash !== recomputedHash(row)) {
      broken = expectedSeq;
      continue;
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  return { entries, firstBrokenSeq: broken };
}

function recomputedHash(row: StoredAuditRow): string | null {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details_json) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { seq, at, type, session_id: sessionId, connection_id: connectionId, prev_hash: prevHash } = row;
  return entryHash(prevHash, { seq, at, type, sessionId, connectionId, details });
}
