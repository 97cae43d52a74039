/** The decision outbox: what the analyst decided, who, why, and how far it got towards the server. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type Decision, type LocalDecisionState } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { ReasonRecord } from '../../../shared/decision-text.js';
import { listByStateAndSession } from './row-queries.js';
import type { CacheStore, DecisionPatch } from './cache-api.js';

interface DecisionRow {
  id: string;
  session_id: string;
  new_status: Decision['newStatus'];
  from_status: string;
  comment: string;
  reasons_json: string;
  nodes_json: string;
  analyst_name: string;
  analyst_email: string;
  marker: string;
  state: LocalDecisionState;
  attempts: number;
  last_error: string | null;
  created_at: string;
  synced_at: string | null;
  server_status: string | null;
  server_comment: string | null;
  acknowledged_at: string | null;
  retracted_at: string | null;
}

/** A JSON list column; a damaged one reads as empty rather than costing the decision. */
function jsonList<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    sessionId: r.session_id,
    newStatus: r.new_status,
    fromStatus: r.from_status,
    comment: r.comment,
    reasons: jsonList<ReasonRecord>(r.reasons_json),
    nodesToResubmit: jsonList<string>(r.nodes_json),
    analyst: { name: r.analyst_name, email: r.analyst_email },
    marker: r.marker,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    syncedAt: r.synced_at,
    serverStatus: r.server_status,
    serverComment: r.server_comment,
    acknowledgedAt: r.acknowledged_at,
    retractedAt: r.retracted_at,
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
  retractedAt: 'retracted_at',
};

type DecisionMethods = Pick<
  CacheStore,
  'enqueueDecision' | 'getDecision' | 'listDecisions' | 'updateDecision' | 'retractQueuedDecision' | 'claimForSending'
>;

export function decisionMethods(db: Database.Database): DecisionMethods {
  const sessionExists = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM sessions WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO decisions (id, session_id, new_status, from_status, comment, reasons_json,
    nodes_json, analyst_name, analyst_email, marker, state, attempts, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`);
  const selectOne = db.prepare<[string], DecisionRow>(`SELECT * FROM decisions WHERE id = ?`);
  // The two compare-and-set steps that make retraction atomic with the sender: only a queued decision can be
  // retracted, and the sender marks a decision `sending` only while it is still queued or sending.
  const retract = db.prepare(
    `UPDATE decisions SET state = 'retracted', retracted_at = ? WHERE id = ? AND state = 'queued'`,
  );
  const claim = db.prepare(
    `UPDATE decisions SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state IN ('queued', 'sending')`,
  );

  const getDecision = (id: string) => {
    const r = selectOne.get(id);
    return r ? toDecision(r) : null;
  };

  return {
    enqueueDecision(d) {
      if (!sessionExists.get(d.sessionId))
        throw new ReviewerError('not_found', 'That session is not in the local cache.');
      const id = randomUUID();
      insert.run(
        id,
        d.sessionId,
        d.newStatus,
        d.fromStatus ?? 'In Review',
        d.comment,
        JSON.stringify(d.reasons ?? []),
        JSON.stringify(d.nodesToResubmit ?? []),
        d.analyst?.name ?? '',
        d.analyst?.email ?? '',
        d.marker,
        d.state ?? 'queued',
        new Date().toISOString(),
      );
      return getDecision(id)!;
    },

    getDecision,

    listDecisions(states, sessionId) {
      return listByStateAndSession<DecisionRow>(db, 'decisions', states, sessionId).map(toDecision);
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

    retractQueuedDecision(id, at) {
      return retract.run(at, id).changes === 1 ? getDecision(id) : null;
    },

    claimForSending(id) {
      return claim.run(id).changes === 1 ? getDecision(id) : null;
    },
  };
}
