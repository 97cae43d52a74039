/**
 * The query shapes the outbox tables share (decisions, aml_dispositions, proposals): an entry by id, a list by states
 * and/or session (oldest first), a column patch, the compare-and-set that marks an entry `sending`, and the checks
 * and column readers around them.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { ReviewerError } from '../../../shared/reviewer-errors.js';

/** Outbox states of an entry not known to be on the server yet: the sender's to deliver. */
export const UNSENT = ['queued', 'sending'] as const;

/** UNSENT as an SQL list, for `state IN (...)`. */
export const UNSENT_SQL = UNSENT.map((s) => `'${s}'`).join(', ');

export function isUnsent(state: string): boolean {
  return (UNSENT as readonly string[]).includes(state);
}

/** An outbox table as its entries: read through `toEntry`, listed, and patched column by column. */
export interface EntryTable<T, P> {
  get(id: string): T | null;
  /** Oldest first; by states and/or session. */
  list(states?: readonly string[], sessionId?: string): T[];
  /** Sets the patch's defined fields and answers the entry as stored now (`not_found` when there is none). */
  update(id: string, patch: P): T;
}

export function entryTable<R, T, P extends object>(
  db: Database.Database,
  table: string,
  toEntry: (row: R) => T,
  columns: Record<keyof P, string>,
  missing: string,
): EntryTable<T, P> {
  const byId = db.prepare<[string], R>(`SELECT * FROM ${table} WHERE id = ?`);
  const get = (id: string) => {
    const row = byId.get(id);
    return row ? toEntry(row) : null;
  };
  return {
    get,
    list(states, sessionId) {
      const conds: string[] = [];
      const params: string[] = [];
      if (states && states.length > 0) {
        conds.push(`state IN (${states.map(() => '?').join(', ')})`);
        params.push(...states);
      }
      if (sessionId !== undefined) {
        conds.push('session_id = ?');
        params.push(sessionId);
      }
      const where = conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '';
      return db
        .prepare<string[], R>(`SELECT * FROM ${table} ${where} ORDER BY created_at, rowid`)
        .all(...params)
        .map(toEntry);
    },
    update(id, patch) {
      const keys = (Object.keys(columns) as (keyof P)[]).filter((k) => patch[k] !== undefined);
      if (keys.length > 0) {
        const sets = keys.map((k) => `${columns[k]} = ?`).join(', ');
        db.prepare(`UPDATE ${table} SET ${sets} WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), id);
      }
      const entry = get(id);
      if (entry === null) throw new ReviewerError('not_found', missing);
      return entry;
    },
  };
}

/**
 * Marks an entry `sending` for one more attempt only while it is still unsent: the compare-and-set against the
 * analyst taking it back (a retraction, a newer disposition of the same hit). True when it was marked.
 */
export function claimForSending(db: Database.Database, table: string): (id: string) => boolean {
  const claim = db.prepare(
    `UPDATE ${table} SET state = 'sending', attempts = attempts + 1
     WHERE id = ? AND state IN (${UNSENT_SQL})`,
  );
  return (id) => claim.run(id).changes === 1;
}

/** Refuses an outbox entry for a session the cache does not hold. */
export function requireCachedSession(db: Database.Database): (sessionId: string) => void {
  const exists = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM sessions WHERE id = ?`);
  return (sessionId) => {
    if (!exists.get(sessionId)) throw new ReviewerError('not_found', 'That session is not in the local cache.');
  };
}

/** A JSON list column; a damaged one reads as empty rather than costing the row. */
export function jsonList<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
