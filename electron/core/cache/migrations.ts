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
