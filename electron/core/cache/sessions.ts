/** Sessions, their media, the queue query and retention: the part of the CacheStore sync and the queue use. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { type LocalDecisionState, type QueueRow } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { SessionPayload } from '../../../shared/didit/session.js';
import type { CacheStore, MediaItem, MissingMedia, SessionRecordInput, StoredSession } from './cache-api.js';
import { QUEUE_ROW_COLUMNS, buildQueueSql } from './queue-query.js';
import { describePart, headerOf, queueView, readStored, searchTextOf, statusKey } from './session-index.js';
import { infixWordsOf } from './infix-search.js';
import { backfillSignals } from './signal-backfill.js';
import { unsentOverlayReader } from './dispositions.js';
import { withHitOverlays } from '../../../shared/evidence.js';

const DAY_MS = 86_400_000;
/**
 * A search with at least this many matches reads its page by walking the sort's index (queue-query.ts
 * searchByIndex): with fewer, looking up each match is cheaper than walking past the rows that do not match.
 */
const WALK_MIN_MATCHES = 2_000;
/** Deep pages are read the other way: the walk would pass every row before them. */
const WALK_MAX_OFFSET = 1_000;
/** Decisions not yet on the server: while one exists, sync must not overwrite the status the analyst set. */
const PENDING_STATES: readonly (string | null)[] = ['queued', 'sending'];

/** The queue's columns of a session row (QUEUE_ROW_COLUMNS). */
export interface HeaderRow {
  id: string;
  connection_id: string;
  session_number: number | null;
  kind: 'user' | 'business';
  status: string;
  subject_name: string | null;
  vendor_data: string | null;
  created_at: string | null;
  shared_from_session: string | null;
  source_application_id: string | null;
  aml_hits: number;
  risk_score: number;
  decision_state: LocalDecisionState | null;
  /** Who decided and when (our latest decision, else the server's latest review); absent outside the cache. */
  decided_at?: string | null;
  decided_by?: string | null;
  /** Signal columns (QUEUE_ROW_COLUMNS); absent from rows that are not cached sessions. */
  failed_checks?: number;
  warned_checks?: number;
  check_flags?: string;
  duplicates?: number;
}

/** The server's latest review that set a status: when, and by whom (Didit names the API key or console user). */
function latestStatusReview(view: SessionPayload): { at: string; by: string | null } | null {
  let latest: { at: string; by: string | null } | null = null;
  for (const r of view.reviews ?? []) {
    if (!r.new_status || typeof r.created_at !== 'string') continue;
    if (latest === null || r.created_at > latest.at) latest = { at: r.created_at, by: r.user ?? null };
  }
  return latest;
}

export function toQueueRow(r: HeaderRow): QueueRow {
  return {
    id: r.id,
    connectionId: r.connection_id,
    sessionNumber: r.session_number,
    kind: r.kind,
    status: r.status,
    subjectName: r.subject_name,
    vendorData: r.vendor_data,
    createdAt: r.created_at,
    sharedFromSession: r.shared_from_session,
    sourceApplicationId: r.source_application_id,
    amlHits: r.aml_hits,
    riskScore: r.risk_score,
    decision: r.decision_state,
    decidedAt: r.decided_at ?? null,
    decidedBy: r.decided_by ?? null,
    ...(r.failed_checks === undefined
      ? {}
      : {
          failedChecks: r.failed_checks,
          warnedChecks: r.warned_checks ?? 0,
          checkFlags: r.check_flags ?? '',
          possibleDuplicates: r.duplicates ?? 0,
        }),
  };
}

type SessionMethods = Pick<
  CacheStore,
  | 'upsertSession'
  | 'getSession'
  | 'deleteSession'
  | 'sessionHeaders'
  | 'setLocalStatus'
  | 'querySessions'
  | 'putMedia'
  | 'getMedia'
  | 'listMedia'
  | 'listMissingMedia'
  | 'setMissingMedia'
  | 'sessionsMissingMedia'
  | 'purgeDecidedOlderThan'
  | 'addPendingImport'
  | 'removePendingImport'
>;

export function sessionMethods(db: Database.Database): SessionMethods {
  backfillSignals(db);
  const existing = db.prepare<
    [string],
    {
      rid: number;
      status: string;
      decision_state: string | null;
      source_application_id: string | null;
      trust_review: number | null;
      imported_at: string | null;
    }
  >(`SELECT rid, status, decision_state, source_application_id, trust_review, imported_at FROM sessions WHERE id = ?`);
  const upsertHeader = db.prepare<Record<string, unknown>, { rid: number }>(`
    INSERT INTO sessions (id, connection_id, session_number, kind, status, status_canon, queue_view, server_status,
      review_count, subject_name, vendor_data, created_at, sort_ms, shared_from_session, source_application_id,
      trust_review, imported_at, aml_hits, risk_score, fetched_at, needs_fetch, unreadable_parts,
      failed_checks, warned_checks, check_flags, duplicate_doc_key, duplicate_person_key, signals_version)
    VALUES (@id, @connection_id, @session_number, @kind, @status, @status_canon, @queue_view, @server_status,
      @review_count, @subject_name, @vendor_data, @created_at, @sort_ms, @shared_from_session, @source_application_id,
      @trust_review, @imported_at, @aml_hits, @risk_score, @fetched_at, @needs_fetch, @unreadable_parts,
      @failed_checks, @warned_checks, @check_flags, @duplicate_doc_key, @duplicate_person_key, @signals_version)
    ON CONFLICT (id) DO UPDATE SET connection_id = excluded.connection_id, session_number = excluded.session_number,
      kind = excluded.kind, status = excluded.status, status_canon = excluded.status_canon,
      queue_view = excluded.queue_view,
      server_status = excluded.server_status, review_count = excluded.review_count,
      subject_name = excluded.subject_name, vendor_data = excluded.vendor_data, created_at = excluded.created_at,
      sort_ms = excluded.sort_ms, shared_from_session = excluded.shared_from_session,
      source_application_id = excluded.source_application_id, trust_review = excluded.trust_review,
      imported_at = excluded.imported_at, aml_hits = excluded.aml_hits, risk_score = excluded.risk_score,
      fetched_at = excluded.fetched_at, needs_fetch = excluded.needs_fetch,
      unreadable_parts = excluded.unreadable_parts, failed_checks = excluded.failed_checks,
      warned_checks = excluded.warned_checks, check_flags = excluded.check_flags,
      duplicate_doc_key = excluded.duplicate_doc_key, duplicate_person_key = excluded.duplicate_person_key,
      signals_version = excluded.signals_version
    RETURNING rid`);
  // The server's latest status-setting review; triggers (migrations.ts) derive decided_at / decided_by from it and
  // from our own decisions.
  const setServerDecided = db.prepare(`UPDATE sessions SET server_decided_at = ?, server_decided_by = ? WHERE rid = ?`);
  const upsertPayload = db.prepare(`INSERT INTO session_payloads (rid, payload_json) VALUES (?, ?)
    ON CONFLICT (rid) DO UPDATE SET payload_json = excluded.payload_json`);
  const ftsDelete = db.prepare(`DELETE FROM sessions_fts WHERE rowid = ?`);
  const ftsInsert =
    db.prepare(`INSERT INTO sessions_fts (rowid, subject_name, document_numbers, vendor_data, party_names)
    VALUES (@rid, @subject_name, @document_numbers, @vendor_data, @party_names)`);
  const infixDelete = db.prepare(`DELETE FROM sessions_infix WHERE rowid = ?`);
  const infixInsert = db.prepare(`INSERT INTO sessions_infix (rowid, words) VALUES (?, ?)`);
  const untomb = db.prepare(`DELETE FROM purged_sessions WHERE id = ?`);
  const selectOne = db.prepare<
    [string],
    HeaderRow & {
      payload_json: string;
      server_status: string;
      fetched_at: string;
      trust_review: number | null;
      imported_at: string | null;
      needs_fetch: number;
    }
  >(`SELECT ${QUEUE_ROW_COLUMNS}, s.server_status, s.fetched_at, s.trust_review, s.imported_at, s.needs_fetch,
      p.payload_json
    FROM sessions s JOIN session_payloads p ON p.rid = s.rid WHERE s.id = ?`);
  const deleteOne = db.prepare(`DELETE FROM sessions WHERE id = ?`);
  const addPending = db.prepare(`INSERT OR REPLACE INTO pending_imports (id, connection_id, source_session_id,
      source_application_id, trust_review, started_at)
    VALUES (@id, @connectionId, @sourceSessionId, @sourceApplicationId, @trustReview, @startedAt)`);
  const removePending = db.prepare(`DELETE FROM pending_imports WHERE id = ?`);
  const pendingFor = db.prepare<
    [string, string],
    { id: string; source_application_id: string | null; trust_review: number; started_at: string }
  >(`SELECT id, source_application_id, trust_review, started_at FROM pending_imports
    WHERE connection_id = ? AND source_session_id = ? ORDER BY started_at LIMIT 1`);
  const headers = db.prepare<
    [string, string],
    { id: string; server_status: string; review_count: number; needs_fetch: number }
  >(`
    SELECT id, server_status, review_count, 0 AS needs_fetch FROM purged_sessions WHERE connection_id = ?
    UNION ALL SELECT id, server_status, review_count, needs_fetch FROM sessions WHERE connection_id = ?`);
  const setStatus = db.prepare(`UPDATE sessions SET status = ?, status_canon = ?, queue_view = ? WHERE id = ?`);
  // The index row here, the bytes in the media file (media-store.ts).
  const putMediaIndex = db.prepare(`INSERT INTO main.media (session_id, locator, content_type, size)
    VALUES (?, ?, ?, ?) ON CONFLICT (session_id, locator) DO UPDATE SET content_type = excluded.content_type,
      size = excluded.size`);
  const putMediaBytes = db.prepare(`INSERT INTO media_store.blobs (session_id, locator, bytes) VALUES (?, ?, ?)
    ON CONFLICT (session_id, locator) DO UPDATE SET bytes = excluded.bytes`);
  const putMediaBoth = db.transaction((sessionId: string, locator: string, item: MediaItem) => {
    putMediaIndex.run(sessionId, locator, item.contentType, item.bytes.length);
    putMediaBytes.run(sessionId, locator, item.bytes);
  });
  const getMediaStmt = db.prepare<[string, string], { content_type: string; bytes: Buffer }>(
    `SELECT m.content_type, b.bytes FROM main.media m
     JOIN media_store.blobs b ON b.session_id = m.session_id AND b.locator = m.locator
     WHERE m.session_id = ? AND m.locator = ?`,
  );
  const listMediaStmt = db.prepare<[string], { locator: string; contentType: string; size: number }>(
    `SELECT locator, content_type AS contentType, size FROM main.media WHERE session_id = ? ORDER BY locator`,
  );
  const listMissingStmt = db.prepare<[string], MissingMedia>(
    `SELECT locator, attempts FROM missing_media WHERE session_id = ? ORDER BY locator`,
  );
  const clearMissingStmt = db.prepare(`DELETE FROM missing_media WHERE session_id = ?`);
  const insertMissingStmt = db.prepare(`INSERT INTO missing_media (session_id, locator, attempts) VALUES (?, ?, ?)`);
  const missingSessionsStmt = db.prepare<[string, number], { session_id: string }>(`
    SELECT DISTINCT m.session_id FROM missing_media m JOIN sessions s ON s.id = m.session_id
    WHERE s.connection_id = ? AND m.attempts < ?`);
  const setMissing = db.transaction((sessionId: string, items: MissingMedia[]) => {
    clearMissingStmt.run(sessionId);
    for (const item of items) {
      if (typeof item.locator !== 'string' || !Number.isInteger(item.attempts) || item.attempts < 0) {
        throw new ReviewerError('validation', 'A missing media item needs a locator and a whole attempt count.');
      }
      insertMissingStmt.run(sessionId, item.locator, item.attempts);
    }
  });
  const purgeCandidates = db.prepare<
    [string],
    { id: string; connection_id: string; server_status: string; review_count: number }
  >(`
    SELECT s.id, s.connection_id, s.server_status, s.review_count FROM sessions s
    WHERE s.queue_view = 'decided' AND s.decision_state = 'synced'
      AND (SELECT max(d.created_at) FROM decisions d WHERE d.session_id = s.id) < ?`);
  const tomb =
    db.prepare(`INSERT OR REPLACE INTO purged_sessions (id, connection_id, server_status, review_count, purged_at)
    VALUES (?, ?, ?, ?, ?)`);

  // The queue's SQL varies only with which filters are set: a few dozen shapes, each prepared once.
  const queueStatements = new Map<string, Database.Statement<unknown[]>>();
  const queueStatement = <R>(text: string) => {
    let statement = queueStatements.get(text);
    if (!statement) {
      if (queueStatements.size >= 200) queueStatements.clear();
      statement = db.prepare<unknown[]>(text);
      queueStatements.set(text, statement);
    }
    return statement as Database.Statement<unknown[], R>;
  };

  // Queue totals of recent queries, valid while the database is unchanged: scrolling through pages of the same
  // filter or search, or typing the same prefix again, does not count thousands of rows again. The mark moves with
  // every row this connection writes (`total_changes()`) and every commit of another connection (`data_version`).
  const changeMark = db
    .prepare<[], string>(`SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version)`)
    .pluck();
  const queueTotals = new Map<string, number>();
  const queueTotal = (from: string, where: string, params: (string | number)[]): number => {
    const text = `SELECT count(*) FROM ${from} ${where}`;
    const key = `${changeMark.get()!}\u0000${text}\u0000${JSON.stringify(params)}`;
    let total = queueTotals.get(key);
    if (total === undefined) {
      total = queueStatement<number>(text)
        .pluck()
        .get(...params)!;
      if (queueTotals.size >= 32) queueTotals.clear();
      queueTotals.set(key, total);
    }
    return total;
  };

  const unsentOverlays = unsentOverlayReader(db);
  const upsert = db.transaction((input: SessionRecordInput) => {
    const { payload: view, unreadable } = readStored(input.payload);
    const now = new Date();
    // The queue's signals follow the analyst's view: hits dismissed here but not sent yet stay dismissed.
    const header = headerOf(withHitOverlays(view, unsentOverlays(view.session_id)), now.getTime());
    const before = existing.get(header.id);
    // A decision not yet on the server outranks what sync saw; otherwise the server's status is the local one.
    const status = before && PENDING_STATES.includes(before.decision_state) ? before.status : header.server_status;
    const importInfo = input.importInfo ?? (before ? undefined : claimPendingImport(input.connectionId, view));
    const { rid } = upsertHeader.get({
      ...header,
      connection_id: input.connectionId,
      status,
      status_canon: statusKey(status),
      queue_view: queueView(status),
      source_application_id: importInfo ? importInfo.sourceApplicationId : (before?.source_application_id ?? null),
      trust_review: importInfo ? Number(importInfo.trustReview) : (before?.trust_review ?? null),
      imported_at: importInfo ? importInfo.importedAt : (before?.imported_at ?? null),
      fetched_at: now.toISOString(),
      needs_fetch: input.needsFetch ? 1 : 0,
      unreadable_parts: unreadable.length,
    })!;
    upsertPayload.run(rid, JSON.stringify(input.payload));
    const decidedOnServer = latestStatusReview(view);
    setServerDecided.run(decidedOnServer?.at ?? null, decidedOnServer?.by ?? null, rid);
    if (before) ftsDelete.run(rid);
    const words = searchTextOf(view);
    ftsInsert.run({ rid, ...words });
    if (before) infixDelete.run(rid);
    infixInsert.run(rid, infixWordsOf(words));
    untomb.run(header.id);
    return { status: view.status, unreadableParts: unreadable.map(describePart) };
  });

  /** The import details of a new session that an interrupted import of ours produced, if any. */
  function claimPendingImport(connectionId: string, view: SessionPayload): SessionRecordInput['importInfo'] {
    if (!view.shared_from_session) return undefined;
    const pending = pendingFor.get(connectionId, view.shared_from_session);
    if (!pending) return undefined;
    removePending.run(pending.id);
    return {
      trustReview: pending.trust_review === 1,
      sourceApplicationId: pending.source_application_id,
      importedAt: pending.started_at,
    };
  }

  return {
    addPendingImport(p) {
      addPending.run({ ...p, trustReview: p.trustReview ? 1 : 0 });
    },

    removePendingImport(id) {
      removePending.run(id);
    },

    upsertSession(input) {
      return upsert(input);
    },

    getSession(id): StoredSession | null {
      const r = selectOne.get(id);
      if (!r) return null;
      const imported = r.imported_at !== null || r.source_application_id !== null || r.trust_review !== null;
      const { payload, unreadable } = readStored(JSON.parse(r.payload_json));
      return {
        row: toQueueRow(r),
        payload,
        unreadable,
        needsFetch: r.needs_fetch === 1,
        importInfo: imported
          ? {
              trustReview: r.trust_review === null ? null : r.trust_review === 1,
              sourceApplicationId: r.source_application_id,
              importedAt: r.imported_at,
            }
          : null,
        serverStatus: r.server_status,
        fetchedAt: r.fetched_at,
      };
    },

    deleteSession(id) {
      deleteOne.run(id);
    },

    sessionHeaders(connectionId) {
      const map = new Map<string, { status: string; reviewCount: number; needsFetch: boolean }>();
      for (const r of headers.iterate(connectionId, connectionId)) {
        map.set(r.id, { status: r.server_status, reviewCount: r.review_count, needsFetch: r.needs_fetch === 1 });
      }
      return map;
    },

    setLocalStatus(sessionId, status) {
      if (typeof status !== 'string' || status.length === 0 || status.length > 40) {
        throw new ReviewerError('validation', 'A session status is a short non-empty string.');
      }
      if (setStatus.run(status, statusKey(status), queueView(status), sessionId).changes === 0) {
        throw new ReviewerError('not_found', 'That session is not in the local cache.');
      }
    },

    querySessions(query) {
      const sql = buildQueueSql(query, Date.now());
      const page = `${sql.where} ${sql.orderBy} LIMIT ? OFFSET ?`;
      const count = () => queueTotal(sql.from, sql.where, sql.params);
      if (sql.search) {
        // The page is chosen by row id only, and its columns are read for its own rows; the total is counted apart
        // (queueTotal). Thousands of matches (a short prefix): walk the sort's index and keep the matches, which
        // stops at the page's end, instead of looking up and sorting every match (the match count alone is cheap).
        const byIndex = sql.searchByIndex;
        const walk =
          byIndex !== null &&
          sql.offset <= WALK_MAX_OFFSET &&
          queueStatement<number>(byIndex.count).pluck().get(sql.params[0])! >= WALK_MIN_MATCHES;
        const rids = queueStatement<number>(
          walk
            ? `SELECT s.rid FROM ${byIndex.from} ${byIndex.where} ${sql.orderBy} LIMIT ? OFFSET ?`
            : `SELECT s.rid FROM ${sql.from} ${page}`,
        )
          .pluck()
          .all(...sql.params, sql.limit, sql.offset);
        const byRid = new Map(
          queueStatement<HeaderRow & { rid: number }>(
            `SELECT s.rid, ${QUEUE_ROW_COLUMNS} FROM sessions s WHERE s.rid IN (SELECT value FROM json_each(?))`,
          )
            .all(JSON.stringify(rids))
            .map((r) => [r.rid, r]),
        );
        const rows = rids.flatMap((rid) => byRid.get(rid) ?? []);
        const total = sql.offset === 0 && rids.length < sql.limit ? rids.length : count();
        return { total, rows: rows.map(toQueueRow) };
      }
      // Without search each view + sort reads its index in order, so the page stops early; the total is a
      // covering-index count.
      const rows = queueStatement<HeaderRow>(`SELECT ${QUEUE_ROW_COLUMNS} FROM ${sql.from} ${page}`).all(
        ...sql.params,
        sql.limit,
        sql.offset,
      );
      // A short first page already is the whole result.
      const total = sql.offset === 0 && rows.length < sql.limit ? rows.length : count();
      return { total, rows: rows.map(toQueueRow) };
    },

    putMedia(sessionId, locator, item: MediaItem) {
      if (!Buffer.isBuffer(item.bytes) || typeof item.contentType !== 'string' || typeof locator !== 'string') {
        throw new ReviewerError('validation', 'Media need a locator, a content type and bytes.');
      }
      putMediaBoth(sessionId, locator, item);
    },

    getMedia(sessionId, locator) {
      const r = getMediaStmt.get(sessionId, locator);
      return r ? { contentType: r.content_type, bytes: r.bytes } : null;
    },

    listMedia(sessionId) {
      return listMediaStmt.all(sessionId);
    },

    listMissingMedia(sessionId) {
      return listMissingStmt.all(sessionId);
    },

    setMissingMedia(sessionId, items) {
      setMissing(sessionId, items);
    },

    sessionsMissingMedia(connectionId, maxAttempts) {
      return new Set(missingSessionsStmt.all(connectionId, maxAttempts).map((r) => r.session_id));
    },

    purgeDecidedOlderThan(days, now = new Date()) {
      if (!Number.isInteger(days) || days < 0) {
        throw new ReviewerError('validation', 'Retention is a whole number of days.');
      }
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      return db.transaction(() => {
        const victims = purgeCandidates.all(cutoff);
        const purgedAt = now.toISOString();
        for (const v of victims) {
          tomb.run(v.id, v.connection_id, v.server_status, v.review_count, purgedAt);
          deleteOne.run(v.id);
        }
        return victims.length;
      })();
    },
  };
}
