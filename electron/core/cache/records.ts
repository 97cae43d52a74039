/** The small tables: connections, minted-token log, partners, settings, sync state, seen webhook events. */
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  DEFAULT_SETTINGS,
  partnerWorkflowsSchema,
  settingsSchema,
  type ConnectionRole,
  type MintedToken,
  type Partner,
  type Settings,
} from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { CacheStore, ConnectionRecord, SyncState } from './cache-api.js';

/** Webhook retries arrive within minutes; a week of remembered ids is ample replay protection. */
const WEBHOOK_EVENT_MEMORY_MS = 7 * 86_400_000;
const SETTINGS_KEY = 'settings';

interface ConnectionRow {
  id: string;
  name: string;
  base_url: string;
  application_id: string;
  role: ConnectionRole;
  workflows_json: string;
  has_webhook_secret: number;
  created_at: string;
}

function toConnection(r: ConnectionRow): ConnectionRecord {
  return {
    id: r.id,
    name: r.name,
    baseUrl: r.base_url,
    applicationId: r.application_id,
    role: r.role,
    workflows: JSON.parse(r.workflows_json) as ConnectionRecord['workflows'],
    hasWebhookSecret: r.has_webhook_secret === 1,
    createdAt: r.created_at,
  };
}

interface PartnerRow {
  id: string;
  name: string;
  application_id: string;
  trust_review: number;
  workflows_json: string;
  agreement_reference: string | null;
  agreement_expires_on: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

function toPartner(r: PartnerRow): Partner {
  let workflows: Partner['workflows'] = { user: null, business: null };
  try {
    const parsed = partnerWorkflowsSchema.safeParse(JSON.parse(r.workflows_json));
    if (parsed.success) workflows = parsed.data;
  } catch {
    // A damaged value reads as "no default workflow".
  }
  return {
    id: r.id,
    name: r.name,
    applicationId: r.application_id,
    trustReview: r.trust_review === 1,
    workflows,
    agreementReference: r.agreement_reference,
    agreementExpiresOn: r.agreement_expires_on,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Stored settings over the defaults, so a setting added in a later version reads as its default. */
function withDefaults(stored: unknown): Settings {
  const s = (stored ?? {}) as Partial<Settings>;
  const merged = { ...DEFAULT_SETTINGS, ...s, webhook: { ...DEFAULT_SETTINGS.webhook, ...(s.webhook ?? {}) } };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

type RecordMethods = Pick<
  CacheStore,
  | 'upsertConnection'
  | 'listConnections'
  | 'getConnection'
  | 'deleteConnection'
  | 'logMintedToken'
  | 'listMintedTokens'
  | 'savePartner'
  | 'listPartners'
  | 'removePartner'
  | 'getSettings'
  | 'saveSettings'
  | 'getSyncState'
  | 'saveSyncState'
  | 'rememberWebhookEvent'
>;

export function recordMethods(db: Database.Database): RecordMethods {
  const upsertConnection = db.prepare(`INSERT INTO connections (id, name, base_url, application_id, role,
      workflows_json, has_webhook_secret, created_at)
    VALUES (@id, @name, @baseUrl, @applicationId, @role, @workflows, @hasWebhookSecret, @createdAt)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url,
      application_id = excluded.application_id, role = excluded.role, workflows_json = excluded.workflows_json,
      has_webhook_secret = excluded.has_webhook_secret`);
  const listConnections = db.prepare<[], ConnectionRow>(`SELECT * FROM connections ORDER BY created_at, id`);
  const getConnection = db.prepare<[string], ConnectionRow>(`SELECT * FROM connections WHERE id = ?`);
  const deleteTombs = db.prepare(`DELETE FROM purged_sessions WHERE connection_id = ?`);
  const deleteSessions = db.prepare(`DELETE FROM sessions WHERE connection_id = ?`);
  const deleteConnection = db.prepare(`DELETE FROM connections WHERE id = ?`);
  const insertToken = db.prepare(`INSERT INTO minted_tokens (id, connection_id, session_id, session_kind,
      partner_application_id, partner_name, subject_name, minted_at, expires_at)
    VALUES (@id, @connectionId, @sessionId, @sessionKind, @partnerApplicationId, @partnerName, @subjectName, @mintedAt,
      @expiresAt)`);
  // redeemedAt: known only when the partner is one of this profile's receiving connections and a clone of the
  // session arrived there while the token was valid (the issuing side never sees a partner's imports).
  const listTokens = db.prepare<[], MintedToken>(`SELECT t.id, t.connection_id AS connectionId,
      t.session_id AS sessionId, t.session_kind AS sessionKind, t.partner_application_id AS partnerApplicationId,
      t.partner_name AS partnerName, t.subject_name AS subjectName, t.minted_at AS mintedAt, t.expires_at AS expiresAt,
      (SELECT min(coalesce(s.imported_at, s.created_at)) FROM sessions s JOIN connections c ON c.id = s.connection_id
        WHERE s.shared_from_session = t.session_id AND c.application_id = t.partner_application_id
          AND coalesce(s.imported_at, s.created_at) >= t.minted_at
          AND coalesce(s.imported_at, s.created_at) <= t.expires_at) AS redeemedAt
    FROM minted_tokens t ORDER BY t.minted_at DESC, t.id`);
  const savePartner = db.prepare(`INSERT INTO partners (id, name, application_id, trust_review, workflows_json,
      agreement_reference, agreement_expires_on, notes, created_at, updated_at)
    VALUES (@id, @name, @applicationId, @trustReview, @workflowsJson, @agreementReference, @agreementExpiresOn, @notes,
      @createdAt, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, application_id = excluded.application_id,
      trust_review = excluded.trust_review, workflows_json = excluded.workflows_json,
      agreement_reference = excluded.agreement_reference, agreement_expires_on = excluded.agreement_expires_on,
      notes = excluded.notes, updated_at = excluded.updated_at`);
  const listPartners = db.prepare<[], PartnerRow>(`SELECT * FROM partners ORDER BY name COLLATE NOCASE, id`);
  const removePartner = db.prepare(`DELETE FROM partners WHERE id = ?`);
  const getSetting = db.prepare<[string], { value_json: string }>(`SELECT value_json FROM settings WHERE key = ?`);
  const putSetting = db.prepare(`INSERT INTO settings (key, value_json) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`);
  const getSync = db.prepare<
    [string],
    { last_sync_at: string | null; last_error: string | null; cursor: string | null }
  >(`SELECT last_sync_at, last_error, cursor FROM sync_state WHERE connection_id = ?`);
  const putSync = db.prepare(`INSERT INTO sync_state (connection_id, last_sync_at, last_error, cursor)
    VALUES (?, ?, ?, ?) ON CONFLICT (connection_id) DO UPDATE SET last_sync_at = excluded.last_sync_at,
      last_error = excluded.last_error, cursor = excluded.cursor`);
  const forgetEvents = db.prepare(`DELETE FROM webhook_events WHERE seen_at < ?`);
  const rememberEvent = db.prepare(`INSERT OR IGNORE INTO webhook_events (event_id, seen_at) VALUES (?, ?)`);

  return {
    upsertConnection(c) {
      upsertConnection.run({
        ...c,
        workflows: JSON.stringify(c.workflows ?? []),
        hasWebhookSecret: c.hasWebhookSecret ? 1 : 0,
      });
    },

    listConnections() {
      return listConnections.all().map(toConnection);
    },

    getConnection(id) {
      const r = getConnection.get(id);
      return r ? toConnection(r) : null;
    },

    deleteConnection: db.transaction((id: string) => {
      deleteTombs.run(id);
      // Media, payloads, decisions and FTS rows follow the sessions (foreign keys and a trigger).
      deleteSessions.run(id);
      deleteConnection.run(id);
    }),

    logMintedToken(t) {
      // Fields picked one by one: a shareToken passed along by mistake is never stored.
      const { id, connectionId, sessionId, sessionKind, partnerApplicationId, partnerName, subjectName } = t;
      insertToken.run({
        id,
        connectionId,
        sessionId,
        sessionKind,
        partnerApplicationId,
        partnerName,
        subjectName: subjectName ?? null,
        mintedAt: t.mintedAt,
        expiresAt: t.expiresAt,
      });
    },

    listMintedTokens() {
      return listTokens.all();
    },

    savePartner(p) {
      const existing = listPartners.all().find((r) => r.application_id === p.applicationId && r.id !== p.id);
      if (existing) {
        throw new ReviewerError(
          'validation',
          `Application ${p.applicationId} is already registered as "${existing.name}".`,
          'applicationId',
        );
      }
      savePartner.run({
        id: p.id,
        name: p.name,
        applicationId: p.applicationId,
        trustReview: p.trustReview ? 1 : 0,
        workflowsJson: JSON.stringify({ user: p.workflows.user ?? null, business: p.workflows.business ?? null }),
        agreementReference: p.agreementReference,
        agreementExpiresOn: p.agreementExpiresOn,
        notes: p.notes,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      });
    },

    listPartners() {
      return listPartners.all().map(toPartner);
    },

    removePartner(id) {
      if (removePartner.run(id).changes === 0)
        throw new ReviewerError('not_found', 'That partner is not in the registry.');
    },

    getSettings() {
      const r = getSetting.get(SETTINGS_KEY);
      if (!r) return DEFAULT_SETTINGS;
      let stored: unknown;
      try {
        stored = JSON.parse(r.value_json);
      } catch {
        return DEFAULT_SETTINGS;
      }
      return withDefaults(stored);
    },

    saveSettings(s) {
      const parsed = settingsSchema.safeParse(s);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ReviewerError('validation', `Invalid settings: ${issue.message}`, issue.path.join('.') || undefined);
      }
      putSetting.run(SETTINGS_KEY, JSON.stringify(parsed.data));
    },

    getSyncState(connectionId) {
      const r = getSync.get(connectionId);
      return {
        connectionId,
        lastSyncAt: r?.last_sync_at ?? null,
        lastError: r?.last_error ?? null,
        cursor: r?.cursor ?? null,
      };
    },

    saveSyncState(s: SyncState) {
      putSync.run(s.connectionId, s.lastSyncAt, s.lastError, s.cursor);
    },

    rememberWebhookEvent(eventId) {
      if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 200) {
        throw new ReviewerError('validation', 'A webhook event id is a non-empty string of at most 200 characters.');
      }
      const now = Date.now();
      forgetEvents.run(new Date(now - WEBHOOK_EVENT_MEMORY_MS).toISOString());
      return rememberEvent.run(eventId, new Date(now).toISOString()).changes === 1;
    },
  };
}
