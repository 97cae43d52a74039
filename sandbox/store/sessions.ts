/**
 * Sessions, their content-addressed records and media, entities (KYC users / KYB businesses by vendor_data) and
 * import records. Every read is scoped by application: a foreign session is indistinguishable from a missing one.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { KycStatus, SessionKind } from '../../shared/didit/statuses.js';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db.js';

type Statement = Database.Statement<unknown[]>;

/**
 * A sessions table row. `metadata` and `reviews` are JSON text; `reviews` holds only what a raw payload (or an older
 * data dir) brought along: reviews made in the sandbox are activity entries (store/case-records.ts).
 */
export interface SessionRow {
  id: string;
  application_id: string;
  session_number: number;
  session_kind: SessionKind;
  /** Canonical (KYC) spelling; emitted per kind. */
  status: KycStatus;
  workflow_id: string;
  vendor_data: string | null;
  metadata: string | null;
  /** The captured record (see `contents`), shared by a session and its imported clones. */
  content_sha256: string;
  created_at: string;
  shared_from_session: string | null;
  reviews: string;
}

/** A session with its record: `features` (media as `media:<sha256>`) and `feature_names` are JSON text. */
export interface SessionWithContent extends SessionRow {
  feature_names: string;
  features: string;
}

export interface ListFilter {
  applicationId: string;
  /** One kind per call: Didit pages each kind on its own (an `all` listing is two calls). */
  kind: SessionKind;
  statuses?: KycStatus[];
  vendorData?: string;
  workflowId?: string;
  /** ISO bounds on created_at: from inclusive, before exclusive. */
  createdFrom?: string;
  createdBefore?: string;
  /** A further filter on the rows (e.g. on the record's facts); counted and paged after it. */
  match?: (row: SessionSummaryRow) => boolean;
  limit: number;
  offset: number;
}

/** A list row: the session's columns plus its workflow's label and its entity's id (Didit's didit_internal_id). */
export type SessionSummaryRow = Pick<
  SessionRow,
  | 'id'
  | 'session_number'
  | 'session_kind'
  | 'status'
  | 'vendor_data'
  | 'workflow_id'
  | 'created_at'
  | 'content_sha256'
  | 'shared_from_session'
> & { workflow_label: string | null; entity_id: string | null };

export interface ImportRecord {
  /** SHA-256 of the share token: a token is imported once per receiving application. */
  tokenHash: string;
  applicationId: string;
  sessionId: string;
  sourceSessionId: string;
  sourceApplicationId: string;
  trustReview: boolean;
  createdAt: string;
}

/** A captured record's digest: its address in `contents`. */
export function contentDigest(featureNames: string, features: string): string {
  return createHash('sha256').update(featureNames).update('\u0000').update(features).digest('hex');
}

export class SessionStore {
  private readonly insertRow;
  private readonly owned;
  private readonly setStatus;
  private readonly deleteRow;
  private readonly putContentRow;
  private readonly linkContentMedia;
  private readonly contentInUse;
  private readonly mediaOfContent;
  private readonly deleteContent;
  private readonly dropOrphanMedia;
  private readonly putMediaRow;
  private readonly mediaRow;
  private readonly insertEntity;
  private readonly entitiesOf;
  private readonly importRow;
  private readonly insertImport;
  private readonly contentRow;
  private readonly listStatements = new Map<string, { count: Statement; page: Statement; all: Statement }>();

  constructor(private readonly db: Db) {
    this.insertRow = db.prepare<[SessionRow]>(
      `INSERT INTO sessions (id, application_id, session_number, session_kind, status, workflow_id, vendor_data,
        metadata, content_sha256, created_at, shared_from_session, reviews)
       VALUES (@id, @application_id, @session_number, @session_kind, @status, @workflow_id, @vendor_data,
        @metadata, @content_sha256, @created_at, @shared_from_session, @reviews)`,
    );
    this.owned = db.prepare<[string, string], SessionWithContent>(
      `SELECT s.*, c.feature_names, c.features FROM sessions s JOIN contents c ON c.sha256 = s.content_sha256
       WHERE s.id = ? AND s.application_id = ?`,
    );
    this.setStatus = db.prepare('UPDATE sessions SET status = ? WHERE id = ?');
    this.deleteRow = db.prepare<[string, string], { content_sha256: string }>(
      'DELETE FROM sessions WHERE id = ? AND application_id = ? RETURNING content_sha256',
    );
    this.putContentRow = db.prepare(
      'INSERT OR IGNORE INTO contents (sha256, feature_names, features) VALUES (?, ?, ?)',
    );
    this.linkContentMedia = db.prepare(
      'INSERT OR IGNORE INTO content_media (content_sha256, media_sha256) VALUES (?, ?)',
    );
    this.contentInUse = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM sessions WHERE content_sha256 = ? LIMIT 1',
    );
    this.mediaOfContent = db.prepare<[string], { media_sha256: string }>(
      'SELECT media_sha256 FROM content_media WHERE content_sha256 = ?',
    );
    this.deleteContent = db.prepare('DELETE FROM contents WHERE sha256 = ?');
    this.dropOrphanMedia = db.prepare(
      'DELETE FROM media WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM content_media WHERE media_sha256 = ?)',
    );
    this.putMediaRow = db.prepare('INSERT OR IGNORE INTO media (sha256, content_type, bytes) VALUES (?, ?, ?)');
    this.mediaRow = db.prepare<[string], { content_type: string; bytes: Buffer }>(
      `SELECT content_type, bytes FROM media m
       WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM demo_media d WHERE d.sha256 = m.sha256)`,
    );
    this.insertEntity = db.prepare(
      'INSERT OR IGNORE INTO entities (id, application_id, kind, vendor_data, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.entitiesOf = db.prepare<[string], { id: string; kind: SessionKind; vendor_data: string; created_at: string }>(
      'SELECT id, kind, vendor_data, created_at FROM entities WHERE application_id = ? ORDER BY rowid',
    );
    this.contentRow = db.prepare<[string], { feature_names: string; features: string }>(
      'SELECT feature_names, features FROM contents WHERE sha256 = ?',
    );
    this.importRow = db.prepare<[string, string], { session_id: string }>(
      'SELECT session_id FROM imports WHERE token_id = ? AND application_id = ?',
    );
    this.insertImport = db.prepare(
      `INSERT INTO imports (token_id, application_id, session_id, source_session_id, source_application_id,
        trust_review, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Stores a captured record (idempotent: the same record has the same digest) with links to the media it
   * references, and returns its digest. Call inside the transaction that inserts the session.
   */
  putContent(featureNames: string, features: string, mediaShas: Iterable<string>): string {
    const sha = contentDigest(featureNames, features);
    this.putContentRow.run(sha, featureNames, features);
    for (const media of mediaShas) this.linkContentMedia.run(sha, media);
    return sha;
  }

  /** Call inside a transaction, after the session's record is stored. */
  insert(row: SessionRow): void {
    this.insertRow.run(pickRow(row));
  }

  get(id: string, applicationId: string): SessionWithContent | undefined {
    return this.owned.get(id, applicationId);
  }

  updateStatus(id: string, status: KycStatus): void {
    this.setStatus.run(status, id);
  }

  /** Deletes the session, then its record and media when no other session (e.g. an imported clone) uses them. */
  delete(id: string, applicationId: string): boolean {
    return this.db.transaction(() => {
      const deleted = this.deleteRow.get(id, applicationId);
      if (!deleted) return false;
      const content = deleted.content_sha256;
      if (this.contentInUse.get(content)) return true;
      const media = this.mediaOfContent.all(content).map((r) => r.media_sha256);
      this.deleteContent.run(content);
      for (const sha of media) this.dropOrphanMedia.run(sha, sha);
      return true;
    })();
  }

  list(filter: ListFilter): { count: number; rows: SessionSummaryRow[] } {
    const where = ['s.application_id = ?', 's.session_kind = ?'];
    const params: unknown[] = [filter.applicationId, filter.kind];
    if (filter.statuses && filter.statuses.length > 0) {
      where.push(`s.status IN (${filter.statuses.map(() => '?').join(', ')})`);
      params.push(...filter.statuses);
    }
    const add = (condition: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(condition);
      params.push(value);
    };
    add('s.vendor_data = ?', filter.vendorData);
    add('s.workflow_id = ?', filter.workflowId);
    add('s.created_at >= ?', filter.createdFrom);
    add('s.created_at < ?', filter.createdBefore);
    const clause = where.join(' AND ');
    let statements = this.listStatements.get(clause);
    if (!statements) {
      const select = `SELECT s.id, s.session_number, s.session_kind, s.status, s.vendor_data, s.workflow_id,
          s.created_at, s.content_sha256, s.shared_from_session, w.label AS workflow_label, e.id AS entity_id
        FROM sessions s
        LEFT JOIN workflows w ON w.id = s.workflow_id
        LEFT JOIN entities e ON e.application_id = s.application_id AND e.kind = s.session_kind
          AND e.vendor_data = s.vendor_data
        WHERE ${clause} ORDER BY s.session_number DESC`;
      statements = {
        count: this.db.prepare(`SELECT COUNT(*) AS n FROM sessions s WHERE ${clause}`),
        page: this.db.prepare(`${select} LIMIT ? OFFSET ?`),
        all: this.db.prepare(select),
      };
      this.listStatements.set(clause, statements);
    }
    if (filter.match) {
      const matching = (statements.all.all(...params) as SessionSummaryRow[]).filter(filter.match);
      return { count: matching.length, rows: matching.slice(filter.offset, filter.offset + filter.limit) };
    }
    const { n } = statements.count.get(...params) as { n: number };
    const rows = statements.page.all(...params, filter.limit, filter.offset) as SessionSummaryRow[];
    return { count: n, rows };
  }

  /** A stored record (content-addressed, immutable). */
  content(sha256: string): { feature_names: string; features: string } | undefined {
    return this.contentRow.get(sha256);
  }

  putMedia(sha256: string, contentType: string, bytes: Uint8Array): void {
    this.putMediaRow.run(sha256, contentType, bytes);
  }

  /** A drawn medium (an undrawn demo medium is drawn first, see synthetic-media-store.ts). */
  media(sha256: string): { contentType: string; bytes: Buffer } | undefined {
    const row = this.mediaRow.get(sha256);
    return row && { contentType: row.content_type, bytes: row.bytes };
  }

  /** A KYC user or KYB business with this vendor_data, created if the application has none yet. */
  ensureEntity(applicationId: string, kind: SessionKind, vendorData: string, createdAt: string): void {
    this.insertEntity.run(randomUUID(), applicationId, kind, vendorData, createdAt);
  }

  entities(applicationId: string) {
    return this.entitiesOf.all(applicationId);
  }

  importedSession(tokenHash: string, applicationId: string): string | undefined {
    return this.importRow.get(tokenHash, applicationId)?.session_id;
  }

  recordImport(r: ImportRecord): void {
    this.insertImport.run(
      r.tokenHash,
      r.applicationId,
      r.sessionId,
      r.sourceSessionId,
      r.sourceApplicationId,
      r.trustReview ? 1 : 0,
      r.createdAt,
    );
  }
}

/** Only the columns: a SessionWithContent carries extra fields that must not reach the INSERT. */
function pickRow(row: SessionRow): SessionRow {
  return {
    id: row.id,
    application_id: row.application_id,
    session_number: row.session_number,
    session_kind: row.session_kind,
    status: row.status,
    workflow_id: row.workflow_id,
    vendor_data: row.vendor_data,
    metadata: row.metadata,
    content_sha256: row.content_sha256,
    created_at: row.created_at,
    shared_from_session: row.shared_from_session,
    reviews: row.reviews,
  };
}
