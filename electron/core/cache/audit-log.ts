/** The append-only audit log (triggers refuse UPDATE and DELETE; the hash chain shows any edit made around them). */
import type Database from 'better-sqlite3-multiple-ciphers';
import { type AuditEntry } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { GENESIS_HASH, entryHash, verifyChain, type StoredAuditRow } from './audit-chain.js';
import type { CacheStore, NewAuditEntry } from './cache-api.js';

function toEntry(r: StoredAuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details_json) as Record<string, unknown>;
  } catch {
    // Only a tampered row can hold this; verifyAudit reports it, listing must still work.
    details = { unreadable: true };
  }
  return {
    seq: r.seq,
    at: r.at,
    type: r.type,
    sessionId: r.session_id,
    connectionId: r.connection_id,
    details,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

/** Details as they will read back from JSON, so the hash is computed over exactly what is stored. */
function storedDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  let json: string | undefined;
  try {
    json = JSON.stringify(details ?? {});
  } catch {
    json = undefined;
  }
  const parsed: unknown = json === undefined ? undefined : JSON.parse(json);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ReviewerError('validation', 'Audit details must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

type AuditMethods = Pick<CacheStore, 'appendAudit' | 'listAudit' | 'verifyAudit'>;

export function auditMethods(db: Database.Database): AuditMethods {
  const last = db.prepare<[], { seq: number; hash: string }>(
    `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
  );
  const insert = db.prepare(`INSERT INTO audit_log (seq, at, type, session_id, connection_id, details_json, prev_hash,
    hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const all = db.prepare<[], StoredAuditRow>(`SELECT * FROM audit_log ORDER BY seq`);

  // IMMEDIATE: two processes on one profile must not both read the same tail and fork the chain.
  const append = db.transaction((entry: NewAuditEntry): AuditEntry => {
    if (typeof entry.type !== 'string' || entry.type.length === 0 || entry.type.length > 100) {
      throw new ReviewerError('validation', 'An audit entry needs a short type.');
    }
    const tail = last.get();
    const fields = {
      seq: (tail?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      type: entry.type,
      sessionId: entry.sessionId ?? null,
      connectionId: entry.connectionId ?? null,
      details: storedDetails(entry.details),
    };
    const prevHash = tail?.hash ?? GENESIS_HASH;
    const hash = entryHash(prevHash, fields);
    insert.run(
      fields.seq,
      fields.at,
      fields.type,
      fields.sessionId,
      fields.connectionId,
      JSON.stringify(fields.details),
      prevHash,
      hash,
    );
    return { ...fields, hash, prevHash };
  });

  return {
    appendAudit(entry) {
      return append.immediate(entry);
    },

    listAudit({ sessionId, offset, limit, order = 'asc' }) {
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new ReviewerError('validation', 'Audit paging needs offset >= 0 and limit 1..500.');
      }
      const where = sessionId === undefined ? '' : 'WHERE session_id = ?';
      const params = sessionId === undefined ? [] : [sessionId];
      const direction = order === 'desc' ? 'DESC' : 'ASC';
      const total = db
        .prepare<string[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${where}`)
        .get(...params)!.n;
      const entries = db
        .prepare<unknown[], StoredAuditRow>(
          `SELECT * FROM audit_log ${where} ORDER BY seq ${direction} LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset)
        .map(toEntry);
      return { total, entries };
    },

    verifyAudit() {
      const { entries, firstBrokenSeq } = verifyChain(all.iterate());
      return { ok: firstBrokenSeq === null, entries, firstBrokenSeq };
    },
  };
}
