/**
 * The ReviewerApi: the one surface the UI calls. The engine (electron/core) implements it and parses every input with
 * the schema below; the Electron IPC bridge and the browser host both expose exactly these methods.
 */
import { z } from 'zod';
import { sessionKindSchema, type DECISION_STATUSES } from './didit/statuses.js';
import { TTL_DEFAULT_SECONDS, TTL_MAX_SECONDS, TTL_MIN_SECONDS, uuidSchema } from './didit/api.js';
import type { SessionPayload } from './didit/session.js';
import type { UnreadablePart } from './didit/session-reader.js';
import { UBO_THRESHOLD_PERCENT } from './ownership.js';

export const CONNECTION_ROLES = ['receiver', 'issuer', 'both'] as const;
export type ConnectionRole = (typeof CONNECTION_ROLES)[number];
/** Whether a connection redeems partners' share tokens (its sessions fill the review queue). */
export const receives = (c: { role: ConnectionRole }): boolean => c.role === 'receiver' || c.role === 'both';
/** Whether a connection mints share tokens for its own finished sessions. */
export const issues = (c: { role: ConnectionRole }): boolean => c.role === 'issuer' || c.role === 'both';
export const DIDIT_BASE_URL = 'https://verification.didit.me';

/** Loopback hosts, where plain http never leaves the machine (the embedded sandbox, a local proxy). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A server address: https, or http on this machine only, since the API key travels in every request. */
export const baseUrlSchema = z
  .url({ protocol: /^https?$/ })
  .refine((url) => url.startsWith('https:') || isLoopbackHost(new URL(url).hostname), {
    message: 'Use https:// — plain http:// is only allowed for a server on this machine (localhost, 127.0.0.1).',
  });

const id = z.string().min(1).max(200);
const workflowSchema = z.object({
  id: uuidSchema,
  session_kind: sessionKindSchema,
  label: z.string().max(200).optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const connectionInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  baseUrl: baseUrlSchema.default(DIDIT_BASE_URL),
  applicationId: uuidSchema,
  role: z.enum(CONNECTION_ROLES),
  apiKey: z.string().trim().min(1).max(500),
  webhookSecret: z.string().trim().min(1).max(500).optional(),
  workflows: z.array(workflowSchema).max(50).default([]),
});
export type ConnectionInput = z.input<typeof connectionInputSchema>;

/** A connection as the UI sees it: never the key or the secret, only whether they are set. */
export interface Connection {
  id: string;
  name: string;
  baseUrl: string;
  applicationId: string;
  role: ConnectionRole;
  workflows: Workflow[];
  hasWebhookSecret: boolean;
  online: boolean | null;
  lastSyncAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export const QUEUE_VIEWS = ['inbox', 'decided', 'all'] as const;
export const QUEUE_SORTS = ['age', 'risk'] as const;
export const queueQuerySchema = z.strictObject({
  view: z.enum(QUEUE_VIEWS).default('inbox'),
  statuses: z.array(z.string().max(40)).max(20).optional(),
  kind: sessionKindSchema.optional(),
  connectionId: id.optional(),
  /** The partner application a session was imported from. */
  sourceApplicationId: z.string().max(200).optional(),
  hasAmlHits: z.boolean().optional(),
  /** Only sessions at least this many days old (by created_at). */
  minAgeDays: z.number().int().min(0).max(36500).optional(),
  maxAgeDays: z.number().int().min(0).max(36500).optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(QUEUE_SORTS).default('age'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type QueueQuery = z.input<typeof queueQuerySchema>;

export type LocalDecisionState = 'queued' | 'sending' | 'synced' | 'conflict';

/** One row of the queue: header fields only, cheap to list by the thousand. */
export interface QueueRow {
  id: string;
  connectionId: string;
  sessionNumber: number | null;
  kind: 'user' | 'business';
  status: string;
  subjectName: string | null;
  vendorData: string | null;
  createdAt: string | null;
  sharedFromSession: string | null;
  sourceApplicationId: string | null;
  amlHits: number;
  riskScore: number;
  decision: LocalDecisionState | null;
}

export interface QueuePage {
  total: number;
  rows: QueueRow[];
}

export interface Decision {
  id: string;
  sessionId: string;
  newStatus: (typeof DECISION_STATUSES)[number];
  comment: string;
  marker: string;
  state: LocalDecisionState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  syncedAt: string | null;
  /** When someone else decided first: the status and review the server holds. */
  serverStatus: string | null;
  serverComment: string | null;
  /** When an analyst acknowledged this conflict (null until then). Acknowledged conflicts no longer count in the outbox. */
  acknowledgedAt: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  type: string;
  sessionId: string | null;
  connectionId: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface SessionDetail {
  row: QueueRow;
  /** The payload as read, every media URL replaced by its locator; the host turns locators into loadable URLs. */
  payload: SessionPayload;
  /** Parts of the payload the app could not read, with their raw JSON: shown on the case, the rest still works. */
  unreadable: UnreadablePart[];
  /** Only the import answer is stored yet; the next sync fetches the full session. */
  detailsPending: boolean;
  /** Locators whose bytes are in the cache. */
  media: { locator: string; contentType: string; size: number }[];
  importInfo: { trustReview: boolean | null; sourceApplicationId: string | null; importedAt: string | null } | null;
  decisions: Decision[];
  audit: AuditEntry[];
}

export const decideInputSchema = z
  .strictObject({
    sessionId: id,
    newStatus: z.enum(['Approved', 'Declined']),
    comment: z.string().trim().max(2000).default(''),
  })
  .refine((d) => d.newStatus !== 'Declined' || d.comment.length > 0, {
    message: 'A comment is required to decline.',
    path: ['comment'],
  });

export const redeemInputSchema = z.strictObject({
  connectionId: id,
  shareToken: z.string().trim().min(1).max(10_000),
  workflowId: uuidSchema,
  vendorData: z.string().trim().max(1000).optional(),
  trustReview: z.boolean().default(false),
});

export const mintInputSchema = z.strictObject({
  connectionId: id,
  sessionId: id,
  partnerApplicationId: uuidSchema,
  ttlSeconds: z.number().int().min(TTL_MIN_SECONDS).max(TTL_MAX_SECONDS).default(TTL_DEFAULT_SECONDS),
});

export interface MintedToken {
  id: string;
  connectionId: string;
  sessionId: string;
  sessionKind: 'user' | 'business';
  partnerApplicationId: string;
  partnerName: string | null;
  mintedAt: string;
  expiresAt: string;
  /** Present only in the answer to mintToken: the log never keeps the token once handed over. */
  shareToken?: string;
}

export interface Partner {
  id: string;
  name: string;
  applicationId: string;
}

export const settingsSchema = z.strictObject({
  pollIntervalSeconds: z.number().int().min(5).max(86_400),
  retentionDays: z.number().int().min(1).max(3650),
  webhook: z.strictObject({
    enabled: z.boolean(),
    host: z.string().min(1).max(255),
    port: z.number().int().min(0).max(65_535),
  }),
  language: z.enum(['en', 'es']),
  theme: z.enum(['light', 'dark', 'system']),
  /** Review thresholds (0..100): face-match and liveness scores below them are flagged; owners whose effective
   * ownership is at or above `uboThresholdPercent` are highlighted as beneficial owners. */
  faceMatchThreshold: z.number().int().min(0).max(100),
  livenessThreshold: z.number().int().min(0).max(100),
  uboThresholdPercent: z.number().min(0).max(100),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  pollIntervalSeconds: 30,
  retentionDays: 90,
  webhook: { enabled: false, host: '127.0.0.1', port: 8788 },
  language: 'en',
  theme: 'system',
  faceMatchThreshold: 70,
  livenessThreshold: 70,
  uboThresholdPercent: UBO_THRESHOLD_PERCENT,
};

export interface SyncProgress {
  connectionId: string;
  running: boolean;
  sessionsDone: number;
  sessionsTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface AppStatus {
  /** 'os': keys in the OS keychain; 'memory': a throwaway demo profile whose keys live only in memory. */
  keychain: 'os' | 'memory';
  demo: boolean;
  connections: { id: string; name: string; online: boolean | null }[];
  outbox: { pending: number; conflicts: number };
  sync: SyncProgress[];
  webhook: { listening: boolean; url: string | null };
}

const empty = z.strictObject({}).default({});
const byId = z.strictObject({ id });

/** Every method's input schema. The key is the method name on the wire (`POST /api/<method>`, IPC channel). */
export const reviewerInputs = {
  getStatus: empty,
  listConnections: empty,
  addConnection: connectionInputSchema,
  updateConnection: z.strictObject({
    id,
    name: z.string().trim().min(1).max(100).optional(),
    workflows: z.array(workflowSchema).max(50).optional(),
    webhookSecret: z.string().trim().min(1).max(500).nullable().optional(),
  }),
  testConnection: byId,
  removeConnection: byId,
  listSessions: queueQuerySchema,
  getSession: byId,
  decide: decideInputSchema,
  listDecisions: z.strictObject({ states: z.array(z.enum(['queued', 'sending', 'synced', 'conflict'])).optional() }),
  acknowledgeConflict: byId,
  redeemToken: redeemInputSchema,
  listShareableSessions: z.strictObject({ connectionId: id, search: z.string().max(200).optional() }),
  mintToken: mintInputSchema,
  listMintedTokens: empty,
  listPartners: empty,
  savePartner: z.strictObject({ name: z.string().trim().min(1).max(100), applicationId: uuidSchema }),
  removePartner: byId,
  syncNow: z.strictObject({ connectionId: id.optional() }),
  getSettings: empty,
  updateSettings: settingsSchema.partial(),
  listAudit: z.strictObject({
    sessionId: id.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  verifyAudit: empty,
  purgeExpired: empty,
  exportCaseReport: byId,
  wipeProfile: z.strictObject({ confirm: z.literal(true) }),
} as const;

export type ReviewerMethod = keyof typeof reviewerInputs;
export type ReviewerInput<M extends ReviewerMethod> = z.input<(typeof reviewerInputs)[M]>;

export interface ReviewerOutputs {
  getStatus: AppStatus;
  listConnections: Connection[];
  addConnection: Connection;
  updateConnection: Connection;
  testConnection: { ok: true; latencyMs: number };
  removeConnection: { removed: true };
  listSessions: QueuePage;
  getSession: SessionDetail;
  decide: Decision;
  listDecisions: Decision[];
  acknowledgeConflict: Decision;
  /**
   * `detailsPending`: the token was redeemed and the session stored, but its full payload or media could not be
   * fetched yet; the next sync does.
   */
  redeemToken: { sessionId: string; status: string; sharedFromSession: string | null; detailsPending: boolean };
  listShareableSessions: QueueRow[];
  mintToken: MintedToken;
  listMintedTokens: MintedToken[];
  listPartners: Partner[];
  savePartner: Partner;
  removePartner: { removed: true };
  syncNow: { started: true };
  getSettings: Settings;
  updateSettings: Settings;
  listAudit: { total: number; entries: AuditEntry[] };
  verifyAudit: { ok: boolean; entries: number; firstBrokenSeq: number | null };
  purgeExpired: { purgedSessions: number };
  /** The PDF, base64-encoded, and a suggested file name. */
  exportCaseReport: { fileName: string; pdfBase64: string };
  wipeProfile: { wiped: true };
}

export type ReviewerApi = {
  [M in ReviewerMethod]: (input: ReviewerInput<M>) => Promise<ReviewerOutputs[M]>;
};

/** How a proxy reaches the engine: one method by its wire name, with its input as given (the engine parses it). */
export type ReviewerCall = (method: ReviewerMethod, input: unknown) => Promise<unknown>;

/**
 * The ReviewerApi as a proxy over one `call`: a method for every key of `reviewerInputs`, a missing input sent as `{}`.
 * Used by the preload (IPC), the renderer's browser bridge (HTTP) and the host bootstrap (the engine that is current).
 */
export function createReviewerApi(call: ReviewerCall): ReviewerApi {
  const methods = Object.keys(reviewerInputs) as ReviewerMethod[];
  return Object.fromEntries(
    methods.map((method) => [method, (input?: unknown) => call(method, input ?? {})]),
  ) as ReviewerApi;
}

/**
 * Events the engine pushes to the UI (IPC `event` channel, or server-sent events in the browser host). Each names
 * what changed, so a view refetches only what it shows:
 * - `sessions.changed`: these sessions' cached copies changed (new, re-read, status set, removed), so they may have
 *   joined or left a queue view; an empty list means any session may have changed (a purge, a reconnect).
 * - `outbox.changed`: the outbox counts, and the sessions whose decision moved (made, sending, synced, conflict,
 *   acknowledged). Counts alone change no list.
 */
export type ReviewerEvent =
  | { type: 'sync.progress'; progress: SyncProgress }
  | { type: 'connection.state'; connectionId: string; online: boolean; error: string | null }
  | { type: 'sessions.changed'; sessionIds: string[] }
  | { type: 'imports.arrived'; connectionId: string; count: number; inReview: number }
  | { type: 'outbox.changed'; pending: number; conflicts: number; sessionIds: string[] };

/** What the renderer finds on `window.countersign`, whichever host it runs in. */
export interface CountersignBridge {
  api: ReviewerApi;
  /** A URL the renderer can put in `<img src>` for a cached media item (app:// in Electron, loopback in the browser). */
  mediaUrl(sessionId: string, locator: string): string;
  onEvent(listener: (event: ReviewerEvent) => void): () => void;
  host: 'electron' | 'browser';
}
