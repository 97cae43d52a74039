/**
 * Sessions stored before the queue's signal columns existed (or under an older SIGNALS_VERSION) are recomputed
 * from their payload when the cache opens: a profile upgraded to this build sorts and flags its old sessions like
 * its new ones. Batched, so a large cache never holds one long transaction; a no-op once every row is current.
 * (Sessions with unsent AML dispositions are then laid over again by cache/dispositions.ts.)
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { SIGNALS_VERSION, readStored, searchTextOf, signalColumns, type SignalColumns } from './session-index.js';
import { infixWordsOf } from './infix-search.js';

const BATCH = 500;

/** Stores a session's signal columns (session-index.ts `signalColumns`), by row id. */
export function signalColumnWriter(db: Database.Database): (rid: number, columns: SignalColumns) => void {
  const update = db.prepare(`UPDATE sessions SET aml_hits = @aml_hits, risk_score = @risk_score,
    failed_checks = @failed_checks, warned_checks = @warned_checks, check_flags = @check_flags,
    duplicate_doc_key = @duplicate_doc_key, duplicate_person_key = @duplicate_person_key,
    signals_version = @signals_version WHERE rid = @rid`);
  return (rid, columns) => update.run({ rid, ...columns });
}

export function backfillSignals(db: Database.Database): number {
  const stale = db.prepare<[number, number], { rid: number; payload_json: string }>(`
    SELECT s.rid, p.payload_json FROM sessions s JOIN session_payloads p ON p.rid = s.rid
    WHERE s.signals_version < ? LIMIT ?`);
  const writeSignals = signalColumnWriter(db);
  const skip = db.prepare(`UPDATE sessions SET signals_version = ? WHERE rid = ?`);
  const infixDelete = db.prepare(`DELETE FROM sessions_infix WHERE rowid = ?`);
  const infixInsert = db.prepare(`INSERT INTO sessions_infix (rowid, words) VALUES (?, ?)`);
  let done = 0;
  const batch = db.transaction(() => {
    const rows = stale.all(SIGNALS_VERSION, BATCH);
    for (const row of rows) {
      try {
        const { payload } = readStored(JSON.parse(row.payload_json));
        writeSignals(row.rid, signalColumns(payload));
        infixDelete.run(row.rid);
        infixInsert.run(row.rid, infixWordsOf(searchTextOf(payload)));
      } catch {
        // A payload that cannot be read keeps its old columns; it is not read again on every open.
        skip.run(SIGNALS_VERSION, row.rid);
      }
    }
    return rows.length;
  });
  for (let n = batch(); n > 0; n = batch()) done += n;
  return done;
}
