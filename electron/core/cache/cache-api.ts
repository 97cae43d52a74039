/**
 * The encrypted cache as the rest of the engine sees it. `SqlCipherCache` (cache/) implements it over one
 * SQLCipher database per profile; sync, the outbox sender, imports and the ReviewerApi use only this.
 * Every write that belongs to one user action happens inside one `transaction`.
 */
import type { ProposalStore } from './proposals.js';
import type {
  Analyst,
  AuditEntry,
  Connection,
  Decision,
  LocalDecisionState,
  Note,
  MintedToken,
  Partner,
  QueuePage,
  QueueQuery,
  QueueRow,
  Settings,
} from '../../../shared/reviewer-api.js';
import type { SessionPayload } from '../../../shared/didit/session.js';
import type { RawSession, UnreadablePart } from '../../../shared/didit/session-reader.js';
import type { DispositionStore } from './dispositions.js';

/**
 * A connection as stored: what the UI sees minus the live state (reachability, last sync), which the engine adds.
 * No secrets: the API key and webhook secret live in the keychain under `id`.
 */
export type ConnectionRecord = Omit<Connection, 'online' | 'lastSyncAt' | 'lastError'>;

export interface SessionRecordInput {
  connectionId: string;
  /**
   * The payload as the server sent it, with every media URL replaced by its locator (`mediaReferences` in
   * shared/didit/session.ts). Stored as is; read with `readSession` whenever it is used.
   */
  payload: RawSession;
  /** A short answer (id and status only): the next sync fetches the full payload. */
  needsFetch?: boolean;
  /** Set when the session arrived through our own import-shared call. */
  importInfo?: { trustReview: boolean; sourceApplicationId: string | null; importedAt: string };
}

export interface PendingImport {
  id: string;
  connectionId: string;
  /** The session the token shares, as its claims name it (unverified). */
  sourceSessionId: string | null;
  sourceApplicationId: string | null;
  trustReview: boolean;
  startedAt: string;
}

export interface StoredSession {
  row: QueueRow;
  /** The payload as read (`readSession`): what the app shows, decides on and reports. */
  payload: SessionPayload;
  /** The parts of the stored payload that could not be read, with their raw JSON. */
  unreadable: UnreadablePart[];
  /** Only a short answer is stored yet; the next sync fetches the full payload. */
  needsFetch: boolean;
  importInfo: { trustReview: boolean | null; sourceApplicationId: string | null; importedAt: string | null } | null;
  /** The server's status as last seen by sync (the row's status may be a local, not yet synced decision). */
  serverStatus: string;
  /** When sync (or an import) last stored this payload. */
  fetchedAt: string;
}

export interface MediaItem {
  contentType: string;
  bytes: Buffer;
}

export interface NewDecision {
  sessionId: string;
  newStatus: Decision['newStatus'];
  /** The status the analyst decided from (default In Review); the sender sends only while the server holds it. */
  fromStatus?: string;
  comment: string;
  reasons?: Decision['reasons'];
  nodesToResubmit?: string[];
  analyst?: Analyst;
  /** Where the decision starts (default `queued`, which the sender picks up); a policy may start it elsewhere. */
  state?: LocalDecisionState;
  /** Unique marker the sender appends to the comment so a retry can recognise its own review on the server. */
  marker: string;
}

export interface DecisionPatch {
  state?: LocalDecisionState;
  attempts?: number;
  lastError?: string | null;
  syncedAt?: string | null;
  serverStatus?: string | null;
  serverComment?: string | null;
  acknowledgedAt?: string | null;
  retractedAt?: string | null;
}

/** A media item the cache lacks, and how many times the server answered that it is gone. */
export interface MissingMedia {
  locator: string;
  attempts: number;
}

export interface NewAuditEntry {
  type: string;
  sessionId?: string | null;
  connectionId?: string | null;
  /** Never secrets, never PII beyond ids: the audit log is shown and exported. */
  details?: Record<string, unknown>;
}

/** Narrows the audit trail (all optional): who acted, which actions, a time range (ISO instants, inclusive). */
export interface AuditFilter {
  actor?: string;
  types?: readonly string[];
  from?: string;
  to?: string;
}

export interface SyncState {
  connectionId: string;
  lastSyncAt: string | null;
  lastError: string | null;
  /** Opaque cursor the poller keeps between runs. */
  cursor: string | null;
}

export interface CacheStore extends DispositionStore, ProposalStore {
  close(): void;
  /** `PRAGMA integrity_check` rows; `['ok']` when healthy. */
  integrityCheck(): string[];
  transaction<T>(fn: () => T): T;

  upsertConnection(c: ConnectionRecord): void;
  listConnections(): ConnectionRecord[];
  getConnection(id: string): ConnectionRecord | null;
  /** Removes the connection and every session, media item, decision and sync state under it. */
  deleteConnection(id: string): void;

  /**
   * Records an import about to be sent (see pending_imports in migrations.ts); `upsertSession` claims it when the
   * session it produced arrives without import details.
   */
  addPendingImport(p: PendingImport): void;
  /** Drops a pending import whose answer was stored, or that the server refused. */
  removePendingImport(id: string): void;
  /** Insert or replace a session's header + payload (FTS index kept in step). Keeps local decision state. */
  /** Answers the status as read and the parts that could not be read (`block[index]: reason`, no data). */
  upsertSession(input: SessionRecordInput): { status: string; unreadableParts: string[] };
  getSession(id: string): StoredSession | null;
  deleteSession(id: string): void;
  /**
   * Header fields of every cached session of a connection: sync compares these with the server's list.
   * Also lists sessions removed by retention (as last seen), so sync does not download them again while unchanged.
   */
  /** What sync compares a listing with: the server status last seen, and whether only a short answer is stored. */
  sessionHeaders(connectionId: string): Map<string, { status: string; reviewCount: number; needsFetch: boolean }>;
  /** Local status shown to the analyst (after a decision, before or after it syncs). */
  setLocalStatus(sessionId: string, status: string): void;
  querySessions(q: QueueQuery): QueuePage;

  putMedia(sessionId: string, locator: string, item: MediaItem): void;
  getMedia(sessionId: string, locator: string): MediaItem | null;
  listMedia(sessionId: string): { locator: string; contentType: string; size: number }[];
  /** Media the session references but the cache does not hold. */
  listMissingMedia(sessionId: string): MissingMedia[];
  /** Replaces the session's missing-media record (an empty list: nothing is missing). */
  setMissingMedia(sessionId: string, items: MissingMedia[]): void;
  /** Sessions of a connection with a missing item that has been found gone fewer than `maxAttempts` times. */
  sessionsMissingMedia(connectionId: string, maxAttempts: number): Set<string>;

  /** Stores the header of a finished session of an issue-only connection (the outbound picker's cache). */
  /** Stores the header fields of an issuing connection's session; answers what was read. */
  upsertIssuedSession(connectionId: string, payload: RawSession): { status: string; unreadableParts: number };
  /** Server status of every issued session cached for a connection, by id. */
  issuedSessionStatuses(connectionId: string): Map<string, string>;
  /** Forgets a connection's issued sessions that are not in `keep` (deleted on the server, or no longer finished). */
  keepIssuedSessions(connectionId: string, keep: ReadonlySet<string>): void;
  /**
   * The cached sessions an issuing connection could share, with the server's status as last synced: its issued
   * sessions, and for a connection that also receives, its sessions in the review cache. Unordered.
   */
  shareableSessions(connectionId: string): QueueRow[];

  enqueueDecision(d: NewDecision): Decision;
  getDecision(id: string): Decision | null;
  listDecisions(states?: LocalDecisionState[], sessionId?: string): Decision[];
  updateDecision(id: string, patch: DecisionPatch): Decision;
  /** Retracts a decision only while it is queued (one compare-and-set); null when it is not queued (any more). */
  retractQueuedDecision(id: string, at: string): Decision | null;
  /**
   * Marks a decision `sending` (one more attempt) only while it is queued or sending; null when it was retracted
   * (or otherwise left the outbox) meanwhile: the sender then sends nothing.
   */
  claimForSending(id: string): Decision | null;

  addNote(n: { sessionId: string; text: string; analyst: Analyst }): Note;
  listNotes(sessionId: string): Note[];
  /** The profile's analyst, null until one is saved. */
  getAnalyst(): Analyst | null;
  saveAnalyst(a: Analyst): void;

  appendAudit(entry: NewAuditEntry): AuditEntry;
  /** Entries in seq order (oldest first) unless `order: 'desc'`. */
  listAudit(q: { sessionId?: string; offset: number; limit: number; order?: 'asc' | 'desc' } & AuditFilter): {
    total: number;
    entries: AuditEntry[];
  };
  verifyAudit(): { ok: boolean; entries: number; firstBrokenSeq: number | null };
  /** Every actor the trail names ("system" for the app's own entries). */
  listAuditActors(): string[];

  logMintedToken(t: Omit<MintedToken, 'shareToken' | 'redeemedAt'>): void;
  listMintedTokens(): MintedToken[];
  savePartner(p: Partner): void;
  listPartners(): Partner[];
  removePartner(id: string): void;
  /**
   * Where the original of a shared session lives in this profile: a connection other than `exceptConnectionId` whose
   * cache (its issued or review sessions) holds it, with that connection's application and the status it last saw.
   */
  sourceOfShared(
    sessionId: string,
    exceptConnectionId: string,
  ): { connectionId: string; connectionName: string; applicationId: string; status: string } | null;
  /**
   * Gives imports that arrived by sync (no import of ours recorded) their source application when one of this
   * profile's own connections holds the original session. Answers the sessions it attributed.
   */
  attributeImports(): string[];

  getSettings(): Settings;
  saveSettings(s: Settings): void;
  getSyncState(connectionId: string): SyncState;
  saveSyncState(s: SyncState): void;
  /** Seen webhook event ids (replay protection survives restarts). Returns false when the id was already seen. */
  rememberWebhookEvent(eventId: string): boolean;

  /**
   * Deletes decided sessions (and their media) whose latest local decision is synced and was made more than `days`
   * ago; returns how many. Sessions decided elsewhere (no local decision) and unsent decisions are kept.
   */
  purgeDecidedOlderThan(days: number, now?: Date): number;
}
