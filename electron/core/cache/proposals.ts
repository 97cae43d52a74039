/** Four-eyes proposals (issue 9, item 5): this profile's own and those read from the reviews feed. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Analyst, Proposal, ProposalState } from '../../../shared/reviewer-api.js';
import type { ReasonRecord } from '../../../shared/decision-text.js';
import { entryTable, jsonList } from './row-queries.js';

interface Row {
  id: string;
  session_id: string;
  new_status: string;
  comment: string;
  reasons_json: string;
  proposer_name: string;
  proposer_email: string;
  evidence_hash: string;
  origin: string;
  publication: string;
  state: string;
  void_reason: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  decision_id: string | null;
}

export interface NewProposal {
  id: string;
  sessionId: string;
  newStatus: Proposal['newStatus'];
  comment: string;
  reasons: ReasonRecord[];
  proposer: Analyst;
  evidenceHash: string;
  origin: Proposal['origin'];
  publication: Proposal['publication'];
  createdAt?: string;
}

export type ProposalPatch = Partial<
  Pick<Proposal, 'state' | 'publication' | 'voidReason' | 'closedAt' | 'closedBy' | 'decisionId'>
>;

export interface ProposalStore {
  /** Inserts a proposal; one with the same id already stored is left as it is (the feed is read again and again). */
  addProposal(p: NewProposal): Proposal;
  getProposal(id: string): Proposal | null;
  /** Oldest first; by states and/or session. */
  listProposals(states?: readonly ProposalState[], sessionId?: string): Proposal[];
  updateProposal(id: string, patch: ProposalPatch): Proposal;
}

function toProposal(r: Row): Proposal {
  return {
    id: r.id,
    sessionId: r.session_id,
    newStatus: r.new_status === 'Declined' ? 'Declined' : 'Approved',
    comment: r.comment,
    reasons: jsonList<ReasonRecord>(r.reasons_json),
    proposer: { name: r.proposer_name, email: r.proposer_email },
    evidenceHash: r.evidence_hash,
    origin: r.origin === 'remote' ? 'remote' : 'local',
    publication: r.publication as Proposal['publication'],
    state: r.state as ProposalState,
    voidReason: r.void_reason,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    decisionId: r.decision_id,
  };
}

const PATCH_COLUMNS: Record<keyof ProposalPatch, string> = {
  state: 'state',
  publication: 'publication',
  voidReason: 'void_reason',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  decisionId: 'decision_id',
};

export function proposalMethods(db: Database.Database): ProposalStore {
  const insert = db.prepare(`INSERT OR IGNORE INTO proposals (id, session_id, new_status, comment, reasons_json,
    proposer_name, proposer_email, evidence_hash, origin, publication, state, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`);
  const proposals = entryTable<Row, Proposal, ProposalPatch>(
    db,
    'proposals',
    toProposal,
    PATCH_COLUMNS,
    'No such proposal.',
  );
  return {
    addProposal(p) {
      insert.run(
        p.id,
        p.sessionId,
        p.newStatus,
        p.comment,
        JSON.stringify(p.reasons),
        p.proposer.name,
        p.proposer.email,
        p.evidenceHash,
        p.origin,
        p.publication,
        p.createdAt ?? new Date().toISOString(),
      );
      return proposals.get(p.id)!;
    },
    getProposal: proposals.get,
    listProposals: proposals.list,
    updateProposal: proposals.update,
  };
}
