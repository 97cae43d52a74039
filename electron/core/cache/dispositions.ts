/**
 * The AML disposition outbox (aml_dispositions in migrations.ts) and the evidence stamps of decisions
 * (decision_evidence): what the analyst decided about each hit, and how far it got towards the server.
 *
 * The analyst's view of a session is its cached payload with the dispositions not on the server yet laid over its
 * hits (engine/evidence.ts). The queue's signal columns (AML count, risk, check flags) follow that view too: they are
 * recomputed here whenever a disposition is made or leaves the unsent states, and at open, so a hit dismissed as
 * False Positive stops counting in the queue at once, as it does in the case.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AmlDisposition, DispositionState } from '../../../shared/reviewer-api.js';
import { withHitOverlays, type HitOverlay } from '../../../shared/evidence.js';
import { UNSENT, UNSENT_SQL, claimForSending, entryTable, isUnsent, requireCachedSession } from './row-queries.js';
import { readStored, signalColumns } from './session-index.js';
import { signalColumnWriter } from './signal-backfill.js';

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
  /**
   * Marks a disposition `sending` (one more attempt) only while it is queued or sending; null when it was superseded
   * (or otherwise left the outbox) meanwhile: the sender then sends nothing for it.
   */
  claimDisposition(id: string): AmlDisposition | null;
  /**
   * The session's dispositions not on the server yet, as overlays, oldest first; `before`: only those made before
   * that instant. Synced ones are in the server's copy already; laying them over it again would hide a later change
   * someone else made to the same hit.
   */
  unsentOverlays(sessionId: string, before?: string): HitOverlay[];
  /** Records the evidence a decision was made on. */
  stampDecision(decisionId: string, evidenceHash: string): void;
  decisionStamp(decisionId: string): { evidenceHash: string; heldAt: string | null } | null;
  markDecisionHeld(decisionId: string, at: string): void;
  /** Subject names of cached sessions, by id (the audit trail names its subjects with these). */
  subjectNames(ids: readonly string[]): Map<string, string | null>;
}

/**
 * The session's dispositions not on the server yet, as hit overlays, oldest first (`before`: only those made before
 * that instant). Also what sessions.ts lays over a payload it stores, so a sync never brings back the server's
 * figures for a hit the analyst has dismissed but not sent yet.
 */
export function unsentOverlayReader(db: Database.Database): (sessionId: string, before?: string) => HitOverlay[] {
  const unsent = db.prepare<[string, string], { node_id: string | null; hit_id: string; review_status: string }>(`
    SELECT node_id, hit_id, review_status FROM aml_dispositions
    WHERE session_id = ? AND state IN (${UNSENT_SQL}) AND created_at < ?
    ORDER BY created_at`);
  return (sessionId, before = '\uffff') =>
    unsent.all(sessionId, before).map((r) => ({ nodeId: r.node_id, hitId: r.hit_id, reviewStatus: r.review_status }));
}

export function dispositionMethods(db: Database.Database): DispositionStore {
  const requireSession = requireCachedSession(db);
  const insert = db.prepare(`INSERT INTO aml_dispositions (id, session_id, node_id, hit_id, review_status,
    base_status, rationale, analyst, evidence_hash, state, attempts, created_at)
    VALUES (@id, @sessionId, @nodeId, @hitId, @reviewStatus, @baseStatus, @rationale, @analyst, @evidenceHash,
      'queued', 0, @createdAt)`);
  const dispositions = entryTable<Row, AmlDisposition, DispositionPatch>(
    db,
    'aml_dispositions',
    toDisposition,
    PATCH_COLUMNS,
    'That disposition is not in the outbox.',
  );
  const claim = claimForSending(db, 'aml_dispositions');
  const stamp = db.prepare(`INSERT OR REPLACE INTO decision_evidence (decision_id, evidence_hash) VALUES (?, ?)`);
  const getStamp = db.prepare<[string], { evidence_hash: string; held_at: string | null }>(
    `SELECT evidence_hash, held_at FROM decision_evidence WHERE decision_id = ?`,
  );
  const hold = db.prepare(`UPDATE decision_evidence SET held_at = ? WHERE decision_id = ?`);
  const subject = db.prepare<[string], { subject_name: string | null }>(
    `SELECT subject_name FROM sessions WHERE id = ?`,
  );
  const storedPayload = db.prepare<[string], { rid: number; payload_json: string }>(
    `SELECT s.rid, p.payload_json FROM sessions s JOIN session_payloads p ON p.rid = s.rid WHERE s.id = ?`,
  );
  const writeSignals = signalColumnWriter(db);

  const unsentOverlays = unsentOverlayReader(db);

  /** The session's signal columns over the analyst's view (its payload with the unsent dispositions laid over). */
  const refreshSignals = (sessionId: string): void => {
    const stored = storedPayload.get(sessionId);
    if (!stored) return;
    const { payload } = readStored(JSON.parse(stored.payload_json));
    writeSignals(stored.rid, signalColumns(withHitOverlays(payload, unsentOverlays(sessionId))));
  };

  // A session stored (or backfilled) while one of its dispositions was unsent holds the server's figures.
  db.transaction(() => {
    const sessions = new Set(dispositions.list(UNSENT).map((d) => d.sessionId));
    for (const sessionId of sessions) {
      try {
        refreshSignals(sessionId);
      } catch {
        // A payload that cannot be read keeps the columns it has.
      }
    }
  })();

  return {
    enqueueDisposition(d) {
      requireSession(d.sessionId);
      const id = randomUUID();
      // Unique, increasing times: the latest disposition of a hit is the one that counts.
      insert.run({ ...d, id, createdAt: new Date().toISOString() });
      refreshSignals(d.sessionId);
      return dispositions.get(id)!;
    },

    getDisposition: dispositions.get,

    listDispositions: dispositions.list,

    updateDisposition(id, changes) {
      const before = dispositions.get(id);
      const after = dispositions.update(id, changes);
      if (before !== null && isUnsent(before.state) !== isUnsent(after.state)) refreshSignals(after.sessionId);
      return after;
    },

    claimDisposition(id) {
      return claim(id) ? dispositions.get(id) : null;
    },

    unsentOverlays,

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
