/** The decision outbox: what the analyst decided, who, why, and how far it got towards the server. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type Decision, type LocalDecisionState } from '../../../shared/reviewer-api.js';
import type { ReasonRecord } from '../../../shared/decision-text.js';
import { claimForSending, entryTable, jsonList, requireCachedSession } from './row-queries.js';
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
  const requireSession = requireCachedSession(db);
  const insert = db.prepare(`INSERT INTO decisions (id, session_id, new_status, from_status, comment, reasons_json,
    nodes_json, analyst_name, analyst_email, marker, state, attempts, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`);
  const decisions = entryTable<DecisionRow, Decision, DecisionPatch>(
    db,
    'decisions',
    toDecision,
    PATCH_COLUMNS,
    'That decision is not in the outbox.',
  );
  const getDecision = decisions.get;
  // The two compare-and-set steps that make retraction atomic with the sender: only a queued decision can be
  // retracted, and the sender marks a decision `sending` only while it is still queued or sending.
  const retract = db.prepare(
    `UPDATE decisions SET state = 'retracted', retracted_at = ? WHERE id = ? AND state = 'queued'`,
  );
  const claim = claimForSending(db, 'decisions');

  return {
    enqueueDecision(d) {
      requireSession(d.sessionId);
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

    listDecisions: decisions.list,

    updateDecision: decisions.update,

    retractQueuedDecision(id, at) {
      return retract.run(at, id).changes === 1 ? getDecision(id) : null;
    },

    claimForSending(id) {
      return claim(id) ? getDecision(id) : null;
    },
  };
}
