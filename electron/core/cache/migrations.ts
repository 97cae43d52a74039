import type Database from 'better-sqlite3-multiple-ciphers';
import { ReviewerError } from '../../../shared/reviewer-errors.js';

/**
 * Schema history. Each entry runs once, in its own transaction, and bumps `PRAGMA user_version` to its index + 1.
 * Never edit a shipped entry: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL,
    application_id TEXT NOT NULL,
    role TEXT NOT NULL,
    workflows_json TEXT NOT NULL,
    has_webhook_secret INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );

  -- Queue header: small rows, so counts and sorts over 100k sessions stay in a few pages. rid is explicit so that
  -- VACUUM never renumbers the rowids the FTS index points at.
  CREATE TABLE sessions (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    session_number INTEGER,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,          -- local status shown to the analyst
    status_canon TEXT NOT NULL,    -- the same in KYC spelling, what filters compare
    server_status TEXT NOT NULL,   -- as last seen by sync
    review_count INTEGER NOT NULL,
    subject_name TEXT,
    vendor_data TEXT,
    created_at TEXT,
    sort_ms INTEGER NOT NULL,      -- created_at in ms, or first-cached time when the payload has none
    shared_from_session TEXT,
    source_application_id TEXT,
    trust_review INTEGER,
    imported_at TEXT,
    aml_hits INTEGER NOT NULL,
    risk_score REAL NOT NULL,
    decision_state TEXT,           -- state of the latest local decision, kept by triggers on decisions
    fetched_at TEXT NOT NULL,
    -- 'inbox' | 'decided' | 'other', from status_canon (see queueView). A plain column, not a generated one:
    -- SQLite never treats an index on a generated column as covering, and the page totals must come from the index.
    queue_view TEXT NOT NULL
  );
  -- kind and aml_hits ride along so that those filters, and the page's total, never leave the index.
  CREATE INDEX sessions_view_age ON sessions(queue_view, sort_ms, rid, kind, aml_hits);
  CREATE INDEX sessions_view_risk ON sessions(queue_view, risk_score DESC, sort_ms, rid, kind, aml_hits);
  CREATE INDEX sessions_age ON sessions(sort_ms, rid, kind, aml_hits);
  CREATE INDEX sessions_risk ON sessions(risk_score DESC, sort_ms, rid, kind, aml_hits);
  CREATE INDEX sessions_status ON sessions(status_canon, sort_ms);
  CREATE INDEX sessions_connection ON sessions(connection_id, queue_view);
  CREATE INDEX sessions_source_app ON sessions(source_application_id, queue_view);

  CREATE TABLE session_payloads (
    rid INTEGER PRIMARY KEY REFERENCES sessions(rid) ON DELETE CASCADE,
    payload_json TEXT NOT NULL
  );

  -- Sessions removed by retention: sync sees them as known and unchanged, so it does not fetch them again.
  CREATE TABLE purged_sessions (
    id TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL,
    server_status TEXT NOT NULL,
    review_count INTEGER NOT NULL,
    purged_at TEXT NOT NULL
  );
  CREATE INDEX purged_sessions_connection ON purged_sessions(connection_id);

  -- Media bytes live inside the encrypted database, never as files. Deferred so a sync transaction may store
  -- media before the session row.
  CREATE TABLE media (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    locator TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (session_id, locator)
  );

  CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    new_status TEXT NOT NULL,
    comment TEXT NOT NULL,
    marker TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'synced', 'conflict')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    synced_at TEXT,
    server_status TEXT,
    server_comment TEXT
  );
  CREATE INDEX decisions_session ON decisions(session_id, created_at);
  CREATE INDEX decisions_state ON decisions(state, created_at);
  CREATE TRIGGER decisions_latest_insert AFTER INSERT ON decisions BEGIN
    UPDATE sessions SET decision_state = (
      SELECT state FROM decisions WHERE session_id = NEW.session_id ORDER BY created_at DESC, rowid DESC LIMIT 1
    ) WHERE id = NEW.session_id;
  END;
  CREATE TRIGGER decisions_latest_update AFTER UPDATE OF state ON decisions BEGIN
    UPDATE sessions SET decision_state = (
      SELECT state FROM decisions WHERE session_id = NEW.session_id ORDER BY created_at DESC, rowid DESC LIMIT 1
    ) WHERE id = NEW.session_id;
  END;

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    session_id TEXT,
    connection_id TEXT,
    details_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_log_session ON audit_log(session_id, seq);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
  END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
  END;

  -- Who minted a share token for whom, and when it expires: never the token itself.
  CREATE TABLE minted_tokens (
    id TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    session_kind TEXT NOT NULL,
    partner_application_id TEXT NOT NULL,
    partner_name TEXT,
    minted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    application_id TEXT NOT NULL
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
  );

  CREATE TABLE sync_state (
    connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
    last_sync_at TEXT,
    last_error TEXT,
    cursor TEXT
  );

  CREATE TABLE webhook_events (
    event_id TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
  );
  CREATE INDEX webhook_events_seen ON webhook_events(seen_at);

  -- Contentless: the words live in the sessions table already; only the index is needed.
  CREATE VIRTUAL TABLE sessions_fts USING fts5(
    subject_name, document_numbers, vendor_data, party_names,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  );
  CREATE TRIGGER sessions_fts_delete AFTER DELETE ON sessions BEGIN
    DELETE FROM sessions_fts WHERE rowid = OLD.rid;
  END;
  `,
  `
  -- Conflict acknowledgement as a column (it was known only from the audit log): the outbox counts leave these out.
  ALTER TABLE decisions ADD COLUMN acknowledged_at TEXT;
  UPDATE decisions SET acknowledged_at = (
    SELECT min(a.at) FROM audit_log a
    WHERE a.type = 'decision.conflict_acknowledged' AND json_extract(a.details_json, '$.decisionId') = decisions.id
  ) WHERE state = 'conflict';

  -- Finished sessions of issue-only connections, header fields only (no payload, no media): the outbound picker
  -- shows their names and AML figures, offline too. Connections that also receive keep theirs in sessions.
  CREATE TABLE issued_sessions (
    id TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    session_number INTEGER,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,          -- the server's status as last seen by sync
    subject_name TEXT,
    vendor_data TEXT,
    created_at TEXT,
    aml_hits INTEGER NOT NULL,
    risk_score REAL NOT NULL,
    fetched_at TEXT NOT NULL
  );
  CREATE INDEX issued_sessions_connection ON issued_sessions(connection_id);

  -- Media a session references but the cache does not hold yet (download failed): the poller reads the session
  -- again for fresh URLs. attempts counts answers that said the item is gone, not network failures.
  CREATE TABLE missing_media (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    locator TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (session_id, locator)
  );
  `,
  `
  -- Sessions stored from a short answer (an import answered with the new id and status only): the token is spent,
  -- so the session is kept at once and its full payload fetched by the next sync. unreadable_parts counts the parts
  -- of the payload the app could not read (shown on the case; sync reports the session as partly read).
  ALTER TABLE sessions ADD COLUMN needs_fetch INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN unreadable_parts INTEGER NOT NULL DEFAULT 0;

  -- An import about to be sent: once the server answers, the token is spent. Should the app stop before the answer
  -- is stored, the session still arrives with the next sync, and this row gives it back its provenance (matched on
  -- the source session the token names).
  CREATE TABLE pending_imports (
    id TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    source_session_id TEXT,
    source_application_id TEXT,
    trust_review INTEGER NOT NULL,
    started_at TEXT NOT NULL
  );
  CREATE INDEX pending_imports_source ON pending_imports(connection_id, source_session_id);
  `,
  `
  -- AML hit dispositions (issue 9, item 2): their own outbox, sent with update-aml-hit-status (or the bulk route)
  -- exactly once, recognised on the server by reading the hit's review_status back. base_status is the hit's status
  -- the analyst saw: a server status that is neither it nor ours means someone else changed the hit (a conflict).
  -- evidence_hash: the evidence the disposition was made on (shared/evidence.ts). Rows are never deleted by hand.
  CREATE TABLE aml_dispositions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    node_id TEXT,
    hit_id TEXT NOT NULL,
    review_status TEXT NOT NULL,
    base_status TEXT NOT NULL,
    rationale TEXT NOT NULL,
    analyst TEXT,
    evidence_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'synced', 'conflict', 'superseded')),
    conflict_reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    synced_at TEXT,
    server_status TEXT,
    acknowledged_at TEXT
  );
  CREATE INDEX aml_dispositions_session ON aml_dispositions(session_id, created_at);
  CREATE INDEX aml_dispositions_state ON aml_dispositions(state, created_at);

  -- The evidence each decision was made on (issue 9, item 6), beside the decision outbox rather than in it; held_at
  -- is set when the server's evidence had changed and the decision was held instead of sent.
  CREATE TABLE decision_evidence (
    decision_id TEXT PRIMARY KEY,
    evidence_hash TEXT NOT NULL,
    held_at TEXT
  );
  CREATE INDEX audit_log_type ON audit_log(type, seq);
  `,
  `
  -- Queue signals (shared/case-signals.ts), computed once at ingest (session-index.ts headerOf): how many checks
  -- Didit failed or warned on and which (the row's badges), and the keys that find possible duplicates (the same
  -- document number, or the same folded name and date of birth). risk_score now holds the weighted risk of every
  -- check and open AML hit. signals_version < the code's SIGNALS_VERSION: the columns are recomputed on open.
  ALTER TABLE sessions ADD COLUMN failed_checks INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN warned_checks INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN check_flags TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN duplicate_doc_key TEXT;
  ALTER TABLE sessions ADD COLUMN duplicate_person_key TEXT;
  ALTER TABLE sessions ADD COLUMN signals_version INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX sessions_duplicate_doc ON sessions(duplicate_doc_key) WHERE duplicate_doc_key IS NOT NULL;
  CREATE INDEX sessions_duplicate_person ON sessions(duplicate_person_key) WHERE duplicate_person_key IS NOT NULL;
  CREATE INDEX sessions_signals_version ON sessions(signals_version);

  -- Infix search that folds accents ("Odinn" finds "Óðinn", "ica" finds "Jessica"): trigrams of the same words
  -- sessions_fts holds, folded by foldText (infix-search.ts). Contentless like sessions_fts.
  CREATE VIRTUAL TABLE sessions_infix USING fts5(
    words, content = '', contentless_delete = 1, tokenize = 'trigram'
  );
  CREATE TRIGGER sessions_infix_delete AFTER DELETE ON sessions BEGIN
    DELETE FROM sessions_infix WHERE rowid = OLD.rid;
  END;
  `,
  `
  -- Case management (issue 9, items 1, 3, 4, 8). Decisions record who made them (the profile's analyst), why
  -- (decline reasons, code + label at the time), which steps to redo (Resubmitted) and the status they were made
  -- from (In Review, or Approved / Declined for a reversal: the sender sends only while the server still holds it).
  -- A queued decision can be retracted. The table is rebuilt without its CHECK on state: the states are
  -- LocalDecisionState in shared/reviewer-api.ts, so a later state (e.g. a proposed one) needs no rebuild.
  CREATE TABLE decisions_v5 (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    new_status TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT 'In Review',
    comment TEXT NOT NULL,
    reasons_json TEXT NOT NULL DEFAULT '[]',
    nodes_json TEXT NOT NULL DEFAULT '[]',
    analyst_name TEXT NOT NULL DEFAULT '',
    analyst_email TEXT NOT NULL DEFAULT '',
    marker TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    synced_at TEXT,
    server_status TEXT,
    server_comment TEXT,
    acknowledged_at TEXT,
    retracted_at TEXT
  );
  INSERT INTO decisions_v5 (id, session_id, new_status, comment, marker, state, attempts, last_error, created_at,
      synced_at, server_status, server_comment, acknowledged_at)
    SELECT id, session_id, new_status, comment, marker, state, attempts, last_error, created_at, synced_at,
      server_status, server_comment, acknowledged_at
    FROM decisions ORDER BY rowid;
  DROP TABLE decisions;
  ALTER TABLE decisions_v5 RENAME TO decisions;
  CREATE INDEX decisions_session ON decisions(session_id, created_at);
  CREATE INDEX decisions_state ON decisions(state, created_at);

  -- When a session was decided and by whom, for the Decided view (sorted by decided_ms, newest first): our latest
  -- decision that is not retracted or lost to a conflict, else the server's latest status-setting review
  -- (server_decided_*, kept by sync); decided_ms falls back to sort_ms.
  ALTER TABLE sessions ADD COLUMN server_decided_at TEXT;
  ALTER TABLE sessions ADD COLUMN server_decided_by TEXT;
  ALTER TABLE sessions ADD COLUMN decided_at TEXT;
  ALTER TABLE sessions ADD COLUMN decided_by TEXT;
  ALTER TABLE sessions ADD COLUMN decided_ms INTEGER NOT NULL DEFAULT 0;
  UPDATE sessions SET
    server_decided_at = (SELECT json_extract(r.value, '$.created_at')
      FROM session_payloads p, json_each(p.payload_json, '$.reviews') r
      WHERE p.rid = sessions.rid AND json_type(p.payload_json, '$.reviews') = 'array'
      ORDER BY json_extract(r.value, '$.created_at') DESC LIMIT 1),
    server_decided_by = (SELECT json_extract(r.value, '$.user')
      FROM session_payloads p, json_each(p.payload_json, '$.reviews') r
      WHERE p.rid = sessions.rid AND json_type(p.payload_json, '$.reviews') = 'array'
      ORDER BY json_extract(r.value, '$.created_at') DESC LIMIT 1);
  UPDATE sessions SET
      decided_at = coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at),
      decided_by = CASE WHEN (SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) IS NOT NULL THEN (SELECT d.analyst_name FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) ELSE server_decided_by END,
      decided_ms = coalesce(CAST(round((julianday(coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at)) - 2440587.5) * 86400000) AS INTEGER), sort_ms)
    WHERE 1;
  CREATE INDEX sessions_view_decided ON sessions(queue_view, decided_ms DESC, rid, kind, aml_hits);

  CREATE TRIGGER decisions_latest_insert AFTER INSERT ON decisions BEGIN
    UPDATE sessions SET decision_state = (SELECT state FROM decisions WHERE session_id = NEW.session_id AND state <> 'retracted' ORDER BY created_at DESC, rowid DESC LIMIT 1) WHERE id = NEW.session_id;
    UPDATE sessions SET
      decided_at = coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at),
      decided_by = CASE WHEN (SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) IS NOT NULL THEN (SELECT d.analyst_name FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) ELSE server_decided_by END,
      decided_ms = coalesce(CAST(round((julianday(coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at)) - 2440587.5) * 86400000) AS INTEGER), sort_ms)
    WHERE id = NEW.session_id;
  END;
  CREATE TRIGGER decisions_latest_update AFTER UPDATE OF state ON decisions BEGIN
    UPDATE sessions SET decision_state = (SELECT state FROM decisions WHERE session_id = NEW.session_id AND state <> 'retracted' ORDER BY created_at DESC, rowid DESC LIMIT 1) WHERE id = NEW.session_id;
    UPDATE sessions SET
      decided_at = coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at),
      decided_by = CASE WHEN (SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) IS NOT NULL THEN (SELECT d.analyst_name FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) ELSE server_decided_by END,
      decided_ms = coalesce(CAST(round((julianday(coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at)) - 2440587.5) * 86400000) AS INTEGER), sort_ms)
    WHERE id = NEW.session_id;
  END;
  CREATE TRIGGER sessions_decided_by_server AFTER UPDATE OF server_decided_at, server_decided_by ON sessions BEGIN
    UPDATE sessions SET
      decided_at = coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at),
      decided_by = CASE WHEN (SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) IS NOT NULL THEN (SELECT d.analyst_name FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) ELSE server_decided_by END,
      decided_ms = coalesce(CAST(round((julianday(coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at)) - 2440587.5) * 86400000) AS INTEGER), sort_ms)
    WHERE id = NEW.id;
  END;
  CREATE TRIGGER sessions_decided_insert AFTER INSERT ON sessions BEGIN
    UPDATE sessions SET
      decided_at = coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at),
      decided_by = CASE WHEN (SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) IS NOT NULL THEN (SELECT d.analyst_name FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) ELSE server_decided_by END,
      decided_ms = coalesce(CAST(round((julianday(coalesce((SELECT d.created_at FROM decisions d WHERE d.session_id = sessions.id AND d.state IN ('queued', 'sending', 'synced') ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1), server_decided_at)) - 2440587.5) * 86400000) AS INTEGER), sort_ms)
    WHERE id = NEW.id;
  END;

  -- Notes on a session, local to the profile: Didit documents no API note that leaves the status alone.
  CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    analyst_name TEXT NOT NULL,
    analyst_email TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX notes_session ON notes(session_id, created_at);
  `,
  `
  -- The partner registry replaces the address book (issue 10, item 3): per partner, the import defaults
  -- (trust_review, off for a new partner; the workflow per session kind), the data-sharing agreement on record
  -- (reference, expiry day) and notes. One entry per application.
  ALTER TABLE partners ADD COLUMN trust_review INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE partners ADD COLUMN workflows_json TEXT NOT NULL DEFAULT '{"user":null,"business":null}';
  ALTER TABLE partners ADD COLUMN agreement_reference TEXT;
  ALTER TABLE partners ADD COLUMN agreement_expires_on TEXT;
  ALTER TABLE partners ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE partners ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
  ALTER TABLE partners ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
  UPDATE partners SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
  DELETE FROM partners WHERE rowid NOT IN (SELECT min(rowid) FROM partners GROUP BY application_id);
  CREATE UNIQUE INDEX partners_application ON partners(application_id);

  -- The minted-token log names the shared session's subject (as cached when minted).
  ALTER TABLE minted_tokens ADD COLUMN subject_name TEXT;
  `,
  `
  -- Four-eyes proposals (issue 9, item 5): made here (origin local) or read from a KYC session's reviews feed (origin
  -- remote). The id is the one in the [cs-propose:<id>:…] marker; publication says whether it is on the feed yet.
  CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    new_status TEXT NOT NULL,
    comment TEXT NOT NULL,
    reasons_json TEXT NOT NULL DEFAULT '[]',
    proposer_name TEXT NOT NULL,
    proposer_email TEXT NOT NULL,
    evidence_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    publication TEXT NOT NULL,
    state TEXT NOT NULL,
    void_reason TEXT,
    created_at TEXT NOT NULL,
    closed_at TEXT,
    closed_by TEXT,
    decision_id TEXT
  );
  CREATE INDEX proposals_session ON proposals(session_id, created_at);
  CREATE INDEX proposals_state ON proposals(state, publication);
  `,
  `
  -- Media bytes move into the media file beside the cache (media-store.ts, attached as media_store): AEGIS-256 costs
  -- about what writing in clear does, where SQLCipher's per-page cipher doubles the cost of every media page. This
  -- table stays as the index. A crash between the two files' commits is repaired when the cache next opens.
  INSERT OR IGNORE INTO media_store.blobs (session_id, locator, bytes) SELECT session_id, locator, bytes FROM main.media;
  ALTER TABLE main.media DROP COLUMN bytes;
  `,
];

/** Brings the schema up to date; a no-op when it already is. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new ReviewerError(
      'internal',
      `This profile was written by a newer Countersign (schema ${current}, this build knows ${MIGRATIONS.length}): update the app.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
