/** The append-only audit log (triggers refuse UPDATE and DELETE; the hash chain shows any edit made around them). */
import type Database from 'better-sqlite3-multiple-ciphers';
import { type AuditEntry } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { GENESIS_HASH, entryHash, verifyChain, type StoredAuditRow } from './audit-chain.js';
import type { AuditFilter, CacheStore, NewAuditEntry } from './cache-api.js';

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

type AuditMethods = Pick<CacheStore, 'appendAudit' | 'listAudit' | 'verifyAudit' | 'listAuditActors'>;

/** Who acted, as stored: `details.actor`, else an `analyst` (name or object), else the app itself ("system"). */
export const ACTOR_SQL = `coalesce(json_extract(details_json, '$.actor'),
  CASE json_type(details_json, '$.analyst') WHEN 'object' THEN json_extract(details_json, '$.analyst.name')
    WHEN 'text' THEN json_extract(details_json, '$.analyst') END, 'system')`;

/** A date alone means the whole day: `to` 2024-05-01 includes that day. */
function bound(value: string, end: boolean): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : value;
}

function auditWhere(f: AuditFilter & { sessionId?: string }): { where: string; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.sessionId !== undefined) {
    conds.push('session_id = ?');
    params.push(f.sessionId);
  }
  if (f.actor !== undefined && f.actor.length > 0) {
    conds.push(`${ACTOR_SQL} = ?`);
    params.push(f.actor);
  }
  if (f.types !== undefined && f.types.length > 0) {
    // A type ending in ".*" is a family (`decision.*`).
    const parts = f.types.map((t) => (t.endsWith('.*') ? 'type LIKE ?' : 'type = ?'));
    conds.push(`(${parts.join(' OR ')})`);
    params.push(...f.types.map((t) => (t.endsWith('.*') ? `${t.slice(0, -1)}%` : t)));
  }
  if (f.from) {
    conds.push('at >= ?');
    params.push(bound(f.from, false));
  }
  if (f.to) {
    conds.push('at <= ?');
    params.push(bound(f.to, true));
  }
  return { where: conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '', params };
}

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

    listAudit({ sessionId, offset, limit, order = 'asc', ...filter }) {
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new ReviewerError('validation', 'Audit paging needs offset >= 0 and limit 1..500.');
      }
      const { where, params } = auditWhere({ sessionId, ...filter });
      const direction = order === 'desc' ? 'DESC' : 'ASC';
      const total = db
        .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${where}`)
        .get(...params)!.n;
      const entries = db
        .prepare<unknown[], StoredAuditRow>(
          `SELECT * FROM audit_log ${where} ORDER BY seq ${direction} LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset)
        .map(toEntry);
      return { total, entries };
    },

    listAuditActors() {
      return db
        .prepare<[], { actor: string }>(`SELECT DISTINCT ${ACTOR_SQL} AS actor FROM audit_log ORDER BY actor`)
        .all()
        .map((r) => r.actor);
    },

    verifyAudit() {
      const { entries, firstBrokenSeq } = verifyChain(all.iterate());
      return { ok: firstBrokenSeq === null, entries, firstBrokenSeq };
    },
  };
}
