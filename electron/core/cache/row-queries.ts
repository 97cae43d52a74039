/** Two queries the outbox-like tables share: list by states and/or session (oldest first), and a column patch. */
import type Database from 'better-sqlite3-multiple-ciphers';

export function listByStateAndSession<R>(
  db: Database.Database,
  table: string,
  states: readonly string[] | undefined,
  sessionId: string | undefined,
): R[] {
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
  return db.prepare<string[], R>(`SELECT * FROM ${table} ${where} ORDER BY created_at, rowid`).all(...params);
}

/** Sets the patch's defined fields (by their column names); answers how many rows changed. */
export function patchRow<P extends object>(
  db: Database.Database,
  table: string,
  columns: Record<keyof P, string>,
  id: string,
  patch: P,
): number {
  const keys = (Object.keys(columns) as (keyof P)[]).filter((k) => patch[k] !== undefined);
  if (keys.length === 0) return 0;
  const sets = keys.map((k) => `${columns[k]} = ?`).join(', ');
  return db.prepare(`UPDATE ${table} SET ${sets} WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), id).changes;
}
