/**
 * What the outbound picker lists offline: finished sessions of issuing connections. Issue-only connections keep
 * header rows of their own here (no payload, no media); connections that also receive already hold their sessions
 * in the review cache, which is read with the server's status rather than the analyst's local one.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { isFinishedStatus } from '../../../shared/didit/statuses.js';
import type { CacheStore } from './cache-api.js';
import { maxRiskScore } from '../../../shared/didit/session.js';
import { headerOf, readStored } from './session-index.js';
import { toQueueRow, type HeaderRow } from './sessions.js';

type IssuedMethods = Pick<
  CacheStore,
  'upsertIssuedSession' | 'issuedSessionStatuses' | 'keepIssuedSessions' | 'shareableSessions'
>;

export function issuedSessionMethods(db: Database.Database): IssuedMethods {
  const upsert = db.prepare(`
    INSERT INTO issued_sessions (id, connection_id, session_number, kind, status, subject_name, vendor_data,
      created_at, aml_hits, risk_score, fetched_at)
    VALUES (@id, @connection_id, @session_number, @kind, @status, @subject_name, @vendor_data, @created_at,
      @aml_hits, @risk_score, @fetched_at)
    ON CONFLICT (id) DO UPDATE SET connection_id = excluded.connection_id, session_number = excluded.session_number,
      kind = excluded.kind, status = excluded.status, subject_name = excluded.subject_name,
      vendor_data = excluded.vendor_data, created_at = excluded.created_at, aml_hits = excluded.aml_hits,
      risk_score = excluded.risk_score, fetched_at = excluded.fetched_at`);
  const statuses = db.prepare<[string], { id: string; status: string }>(
    `SELECT id, status FROM issued_sessions WHERE connection_id = ?`,
  );
  const forget = db.prepare(`DELETE FROM issued_sessions WHERE id = ?`);
  const shareable = db.prepare<[string, string], HeaderRow>(`
    SELECT id, connection_id, session_number, kind, status, subject_name, vendor_data, created_at,
      NULL AS shared_from_session, NULL AS source_application_id, aml_hits, risk_score, NULL AS decision_state
    FROM issued_sessions WHERE connection_id = ?
    UNION ALL
    SELECT id, connection_id, session_number, kind, server_status AS status, subject_name, vendor_data, created_at,
      shared_from_session, source_application_id, aml_hits, risk_score, decision_state
    FROM sessions WHERE connection_id = ?`);

  const keep = db.transaction((connectionId: string, ids: ReadonlySet<string>) => {
    for (const { id } of statuses.all(connectionId)) if (!ids.has(id)) forget.run(id);
  });

  return {
    upsertIssuedSession(connectionId, payload) {
      const { payload: view, unreadable } = readStored(payload);
      const header = headerOf(view, Date.now());
      upsert.run({
        id: header.id,
        connection_id: connectionId,
        session_number: header.session_number,
        kind: header.kind,
        status: header.server_status,
        subject_name: header.subject_name,
        vendor_data: header.vendor_data,
        created_at: header.created_at,
        aml_hits: header.aml_hits,
        risk_score: maxRiskScore(view), // the outbound picker shows the AML figure, not the queue's risk weight
        fetched_at: new Date().toISOString(),
      });
      return { status: view.status, unreadableParts: unreadable.length };
    },

    issuedSessionStatuses(connectionId) {
      return new Map(statuses.all(connectionId).map((r) => [r.id, r.status]));
    },

    keepIssuedSessions(connectionId, ids) {
      keep(connectionId, ids);
    },

    shareableSessions(connectionId) {
      return shareable
        .all(connectionId, connectionId)
        .filter((r) => isFinishedStatus(r.status))
        .map(toQueueRow);
    },
  };
}
