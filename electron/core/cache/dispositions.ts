/**
 * The AML disposition outbox (aml_dispositions in migrations.ts) and the evidence stamps of decisions
 * (decision_evidence): what the analyst decided about each hit, and how far it got towards the server.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AmlDisposition, DispositionState } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { listByStateAndSession } from './row-queries.js';

interface Row {
  id: string;
  session_id: string;
  node_id: string | null;
  hit_id: string;
  review_status: AmlDisposition['reviewStatus'];
  base_status: string;
  rationale: string;
  analyst: string | null;
  evidence_hash: string;
  state: DispositionState;
  conflict_reason: AmlDisposition['conflictReason'];
  attempts: number;
  last_error: string | null;
  created_at: string;
  synced_at: string | null;
  server_status: string | null;
  acknowledged_at: string | null;
}

function toDisposition(r: Row): AmlDisposition {
  return {
    id: r.id,
    sessionId: r.session_id,
    nodeId: r.node_id,
    hitId: r.hit_id,
    reviewStatus: r.review_status,
    baseStatus: r.base_status,
    rationale: r.rationale,
    analyst: r.analyst,
    evidenceHash: r.evidence_hash,
    state: r.state,
    conflictReason: r.conflict_reason,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    syncedAt: r.synced_at,
    serverStatus: r.server_status,
    acknowledgedAt: r.acknowledged_at,
  };
}

export interface NewDisposition {
  sessionId: string;
  nodeId: string | null;
  hitId: string;
  reviewStatus: AmlDisposition['reviewStatus'];
  baseStatus: string;
  rationale: string;
  analyst: string | null;
  evidenceHash: string;
}

export interface DispositionPatch {
  state?: DispositionState;
  conflictReason?: AmlDisposition['conflictReason'];
  attempts?: number;
  lastError?: string | null;
  syncedAt?: string | null;
  serverStatus?: string | null;
  acknowledgedAt?: string | null;
}

const PATCH_COLUMNS: Record<keyof DispositionPatch, string> = {
  state: 'state',
  conflictReason: 'conflict_reason',
  attempts: 'attempts',
  lastError: 'last_error',
  syncedAt: 'synced_at',
  serverStatus: 'server_status',
  acknowledgedAt: 'acknowledged_at',
};

/** The cache's disposition and evidence-stamp methods (part of CacheStore). */
export interface DispositionStore {
  enqueueDisposition(d: NewDisposition): AmlDisposition;
  getDisposition(id: string): AmlDisposition | null;
  /** Oldest first; by states and/or session. */
  listDispositions(states?: readonly DispositionState[], sessionId?: string): AmlDisposition[];
  updateDisposition(id: string, patch: DispositionPatch): AmlDisposition;
  /** Records the evidence a decision was made on. */
  stampDecision(decisionId: string, evidenceHash: string): void;
  decisionStamp(decisionId: string): { evidenceHash: string; heldAt: string | null } | null;
  markDecisionHeld(decisionId: string, at: string): void;
  /** Subject names of cached sessions, by id (the audit trail names its subjects with these). */
  subjectNames(ids: readonly string[]): Map<string, string | null>;
}

export function dispositionMethods(db: Database.Database): DispositionStore {
  const insert = db.prepare(`INSERT INTO aml_dispositions (id, session_id, node_id, hit_id, review_status,
    base_status, rationale, analyst, evidence_hash, state, attempts, created_at)
    VALUES (@id, @sessionId, @nodeId, @hitId, @reviewStatus, @baseStatus, @rationale, @analyst, @evidenceHash,
      'queued', 0, @createdAt)`);
  const selectOne = db.prepare<[string], Row>(`SELECT * FROM aml_dispositions WHERE id = ?`);
  const sessionExists = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM sessions WHERE id = ?`);
  const stamp = db.prepare(`INSERT OR REPLACE INTO decision_evidence (decision_id, evidence_hash) VALUES (?, ?)`);
  const getStamp = db.prepare<[string], { evidence_hash: string; held_at: string | null }>(
    `SELECT evidence_hash, held_at FROM decision_evidence WHERE decision_id = ?`,
  );
  const hold = db.prepare(`UPDATE decision_evidence SET held_at = ? WHERE decision_id = ?`);
  const subject = db.prepare<[string], { subject_name: string | null }>(
    `SELECT subject_name FROM sessions WHERE id = ?`,
  );

  const getDisposition = (id: string) => {
    const r = selectOne.get(id);
    return r ? toDisposition(r) : null;
  };

  return {
    enqueueDisposition(d) {
      if (!sessionExists.get(d.sessionId)) {
        throw new ReviewerError('not_found', 'That session is not in the local cache.');
      }
      const id = randomUUID();
      // Unique, increasing times: the latest disposition of a hit is the one that counts.
      insert.run({ ...d, id, createdAt: new Date().toISOString() });
      return getDisposition(id)!;
    },

    getDisposition,

    listDispositions(states, sessionId) {
      return listByStateAndSession<Row>(db, 'aml_dispositions', states, sessionId).map(toDisposition);
    },

    updateDisposition(id, patch) {
      const keys = (Object.keys(PATCH_COLUMNS) as (keyof DispositionPatch)[]).filter((k) => patch[k] !== undefined);
      if (keys.length > 0) {
        const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`).join(', ');
        db.prepare(`UPDATE aml_dispositions SET ${sets} WHERE id = ?`).run(...keys.map((k) => patch[k]), id);
      }
      const updated = getDisposition(id);
      if (!updated) throw new ReviewerError('not_found', 'That disposition is not in the outbox.');
      return updated;
    },

    stampDecision(decisionId, evidenceHash) {
      stamp.run(decisionId, evidenceHash);
    },

    decisionStamp(decisionId) {
      const r = getStamp.get(decisionId);
      return r ? { evidenceHash: r.evidence_hash, heldAt: r.held_at } : null;
    },

    markDecisionHeld(decisionId, at) {
      hold.run(at, decisionId);
    },

    subjectNames(ids) {
      const out = new Map<string, string | null>();
      for (const sid of new Set(ids)) {
        const r = subject.get(sid);
        if (r) out.set(sid, r.subject_name);
      }
      return out;
    },
  };
}
