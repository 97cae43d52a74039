/** The decision outbox: what the analyst decided, and how far it got towards the server. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type Decision, type LocalDecisionState } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { CacheStore, DecisionPatch } from './cache-api.js';

interface DecisionRow {
  id: string;
  session_id: string;
  new_status: Decision['newStatus'];
  comment: string;
  marker: string;
  state: LocalDecisionState;
  attempts: number;
  last_error: string | null;
  created_at: string;
  synced_at: string | null;
  server_status: string | null;
  server_comment: string | null;
  acknowledged_at: string | null;
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    sessionId: r.session_id,
    newStatus: r.new_status,
    comment: r.comment,
    marker: r.marker,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    syncedAt: r.synced_at,
    serverStatus: r.server_status,
    serverComment: r.server_comment,
    acknowledgedAt: r.acknowledged_at,
  };
}

const PATCH_COLUMNS: Record<keyof DecisionPatch, string> = {
  state: 'state',
  attempts: 'attempts',
  lastError: 'last_error',
  syncedAt: 'synced_at',
  serverStatus: 'server_status',
  serverComment: 'server_comment',
  acknowledgedAt: 'acknowledged_at',
};

type DecisionMethods = Pick<CacheStore, 'enqueueDecision' | 'getDecision' | 'listDecisions' | 'updateDecision'>;

export function decisionMethods(db: Database.Database): DecisionMethods {
  const sessionExists = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM sessions WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO decisions (id, session_id, new_status, comment, marker, state, attempts,
    created_at) VALUES (?, ?, ?, ?, ?, 'queued', 0, ?)`);
  const selectOne = db.prepare<[string], DecisionRow>(`SELECT * FROM decisions WHERE id = ?`);

  const getDecision = (id: string) => {
    const r = selectOne.get(id);
    return r ? toDecision(r) : null;
  };

  return {
    enqueueDecision(d) {
      if (!sessionExists.get(d.sessionId))
        throw new ReviewerError('not_found', 'That session is not in the local cache.');
      const id = randomUUID();
      insert.run(id, d.sessionId, d.newStatus, d.comment, d.marker, new Date().toISOString());
      return getDecision(id)!;
    },

    getDecision,

    listDecisions(states, sessionId) {
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
        .prepare<string[], DecisionRow>(`SELECT * FROM decisions ${where} ORDER BY created_at, rowid`)
        .all(...params)
        .map(toDecision);
    },

    updateDecision(id, patch) {
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof DecisionPatch)[]).filter((k) => patch[k] !== undefined);
      if (keys.length > 0) {
        const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`).join(', ');
        const changed = db.prepare(`UPDATE decisions SET ${sets} WHERE id = ?`).run(...keys.map((k) => patch[k]), id);
        if (changed.changes === 0) throw new ReviewerError('not_found', 'That decision is not in the outbox.');
      }
      const updated = getDecision(id);
      if (!updated) throw new ReviewerError('not_found', 'That decision is not in the outbox.');
      return updated;
    },
  };
}
