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
import { DEFAULT_DECLINE_REASONS, type ReasonRecord } from './decision-text.js';

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
/** `decided`: latest decision first (the Decided view's order). */
export const QUEUE_SORTS = ['age', 'risk', 'decided'] as const;
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
  /** Only the other sessions that may be the same customer as this one (same document number, or name and birth date). */
  duplicateOf: id.optional(),
  sort: z.enum(QUEUE_SORTS).default('age'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type QueueQuery = z.input<typeof queueQuerySchema>;

/** `retracted`: taken back by an analyst before it was sent; it never reaches the server. */
export type LocalDecisionState = 'queued' | 'sending' | 'synced' | 'conflict' | 'retracted';
export const DECISION_STATES = ['queued', 'sending', 'synced', 'conflict', 'retracted'] as const;

/**
 * Four-eyes (maker/checker) per connection (Settings.fourEyes, keyed by connection id): off, sessions with AML hits,
 * or every session. Under it an analyst's Approve/Decline of an In Review session becomes a proposal; a second,
 * different analyst confirms it and only then the status update goes out.
 */
export const FOUR_EYES_POLICIES = ['off', 'aml', 'all'] as const;
export type FourEyesPolicy = (typeof FOUR_EYES_POLICIES)[number];

/**
 * `open`: waiting for a second analyst; `confirmed`: a second analyst confirmed it (the decision went to the outbox,
 * here or on their workstation); `voided`: the evidence changed (status moved on the server, AML hits new or
 * changed) or the session was decided otherwise; `withdrawn`: the proposer took it back.
 */
export type ProposalState = 'open' | 'confirmed' | 'voided' | 'withdrawn';

export interface Proposal {
  /** Also the id in the `[cs-propose:<id>:…]` marker the reviews feed carries. */
  id: string;
  sessionId: string;
  newStatus: 'Approved' | 'Declined';
  comment: string;
  reasons: ReasonRecord[];
  proposer: Analyst;
  /** The evidence the proposal was made on (shared/evidence.ts); a different hash voids it. */
  evidenceHash: string;
  /** `local`: made in this profile; `remote`: read from the session's reviews feed (another workstation). */
  origin: 'local' | 'remote';
  /**
   * Publication on the reviews feed (KYC only): `pending` (queued, e.g. offline), `published`, or `local` where the
   * API gives no shared channel (KYB): then only analysts of this profile see it.
   */
  publication: 'pending' | 'published' | 'local';
  state: ProposalState;
  voidReason: string | null;
  createdAt: string;
  closedAt: string | null;
  /** Who confirmed or withdrew it, when known. */
  closedBy: string | null;
  /** The decision a confirmation in this profile put in the outbox. */
  decisionId: string | null;
}

/** Four-eyes on one case: whether it applies, whether proposals are shared with other workstations, the proposals. */
export interface FourEyesState {
  policy: FourEyesPolicy;
  /** An Approve/Decline of this session now needs a second analyst. */
  required: boolean;
  /** Proposals reach other workstations through the reviews feed (KYC); false: this profile only (KYB). */
  shared: boolean;
  proposals: Proposal[];
}

/** Who works in this profile: named on every decision, note and audit entry, and in the comment sent to Didit. */
export const analystSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: z.union([z.literal(''), z.email().max(200)]).default(''),
});
export type Analyst = z.output<typeof analystSchema>;

/** The same person: the same email when both have one, else the same name (case and spacing aside). */
export function sameAnalyst(a: Analyst, b: Analyst): boolean {
  const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();
  if (a.email && b.email && norm(a.email) === norm(b.email)) return true;
  return norm(a.name) === norm(b.name);
}

/** A note on a session: local to this profile (Didit documents no API note that leaves the status alone). */
export interface Note {
  id: string;
  sessionId: string;
  text: string;
  analyst: Analyst;
  createdAt: string;
}

export const declineReasonSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{2,40}$/),
  en: z.string().trim().min(1).max(120),
  es: z.string().trim().min(1).max(120),
});

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
  /** When the latest decision was made (ours, else the server's latest review), and by whom. */
  decidedAt: string | null;
  decidedBy: string | null;
  /**
   * Queue signals of a cached session (shared/case-signals.ts): checks Didit failed or warned on, which ones
   * (`liveness:failed ip:warned`), and how many other cached sessions share its document number or its name and
   * date of birth. Absent for rows that are not cached sessions (the outbound picker's live listing).
   */
  failedChecks?: number;
  warnedChecks?: number;
  checkFlags?: string;
  possibleDuplicates?: number;
}

export interface QueuePage {
  total: number;
  rows: QueueRow[];
}

export interface Decision {
  id: string;
  sessionId: string;
  newStatus: (typeof DECISION_STATUSES)[number];
  /** The status the analyst decided from (In Review; Approved or Declined for a reversal): the sender sends only
   * while the server still holds it. */
  fromStatus: string;
  /** The analyst's own words (the comment sent adds reasons, the marker and the attribution). */
  comment: string;
  reasons: ReasonRecord[];
  nodesToResubmit: string[];
  analyst: Analyst;
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
  retractedAt: string | null;
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
  /** Who acted (read from the entry: its analyst, or "system" for what the app did on its own). Not hashed. */
  actor?: string | null;
  /** The session's subject name while the session is cached (the log itself names ids only). Not hashed. */
  subject?: string | null;
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
  /** Where an imported case came from (null: not an import). */
  provenance: Provenance | null;
  decisions: Decision[];
  notes: Note[];
  audit: AuditEntry[];
  /** The analyst's AML hit dispositions on this session, oldest first (the payload's hits show the latest). */
  dispositions: AmlDisposition[];
  /** Decisions held because the server's evidence changed after they were made ("review again"). */
  heldDecisionIds: string[];
  /** Four-eyes on this case (policy of its connection, proposals). */
  fourEyes: FourEyesState;
}

/** Where an AML disposition is: like a decision's, plus `superseded` (replaced by a later one before it was sent). */
export type DispositionState = 'queued' | 'sending' | 'synced' | 'conflict' | 'superseded';
export const AML_DISPOSITIONS = ['Unreviewed', 'Confirmed Match', 'False Positive', 'Inconclusive'] as const;
/** Dispositions that need a written rationale. */
export const RATIONALE_REQUIRED: readonly string[] = ['Confirmed Match', 'False Positive'];

/** An analyst's disposition of one AML hit, sent with update-aml-hit-status (docs/didit-api.md §9). */
export interface AmlDisposition {
  id: string;
  sessionId: string;
  /** The screening's node id; null for the session's first (only) screening. */
  nodeId: string | null;
  hitId: string;
  reviewStatus: (typeof AML_DISPOSITIONS)[number];
  /** The hit's review status the analyst saw when deciding. */
  baseStatus: string;
  rationale: string;
  analyst: string | null;
  /** SHA-256 of the evidence it was made on (shared/evidence.ts). */
  evidenceHash: string;
  state: DispositionState;
  /** Why it is a conflict: someone else changed the hit, the hit is gone, the evidence changed, or the server refused. */
  conflictReason: 'changed_elsewhere' | 'hit_gone' | 'evidence_changed' | 'refused' | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  syncedAt: string | null;
  /** The hit's review status on the server when the conflict was found. */
  serverStatus: string | null;
  acknowledgedAt: string | null;
}

export const disposeAmlHitInputSchema = z
  .strictObject({
    sessionId: id,
    nodeId: z.string().min(1).max(200).nullable().default(null),
    hitId: z.string().min(1).max(200),
    reviewStatus: z.enum(AML_DISPOSITIONS),
    rationale: z.string().trim().max(2000).default(''),
  })
  .refine((d) => !RATIONALE_REQUIRED.includes(d.reviewStatus) || d.rationale.length > 0, {
    message: 'A rationale is required for a confirmed match or a false positive.',
    path: ['rationale'],
  });

/** Filters of the audit trail (listAudit, exportAudit). `from` / `to`: ISO dates or instants, inclusive. */
const auditFilterFields = {
  sessionId: id.optional(),
  actor: z.string().max(200).optional(),
  types: z.array(z.string().min(1).max(100)).max(50).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
};

export const decideInputSchema = z
  .strictObject({
    sessionId: id,
    newStatus: z.enum(['Approved', 'Declined', 'Resubmitted']),
    comment: z.string().trim().max(2000).default(''),
    /** Decline reason codes (Settings.declineReasons). */
    reasons: z.array(z.string().max(40)).max(10).default([]),
    /** Steps to redo (node ids of the session), for Resubmitted. */
    nodesToResubmit: z.array(z.string().min(1).max(200)).max(50).default([]),
    /** Approving with AML hits still Unreviewed: the analyst confirmed it (Settings.unreviewedHitsOnApprove). */
    confirmUnreviewedHits: z.boolean().default(false),
  })
  .refine((d) => d.newStatus !== 'Declined' || d.comment.length > 0, {
    message: 'A comment is required to decline.',
    path: ['comment'],
  })
  .refine((d) => d.newStatus !== 'Resubmitted' || d.nodesToResubmit.length > 0, {
    message: 'Choose at least one step to resubmit.',
    path: ['nodesToResubmit'],
  })
  .refine((d) => d.newStatus === 'Declined' || d.reasons.length === 0, {
    message: 'Reasons go with a decline.',
    path: ['reasons'],
  })
  .refine((d) => d.newStatus === 'Resubmitted' || d.nodesToResubmit.length === 0, {
    message: 'Steps to resubmit go with a resubmission request.',
    path: ['nodesToResubmit'],
  });

/**
 * Left out, `workflowId` and `trustReview` take the defaults of the partner that issued the token (its workflow for
 * the token's kind, its trust_review); trust_review is off when the issuer is not a registered partner.
 */
export const redeemInputSchema = z.strictObject({
  connectionId: id,
  shareToken: z.string().trim().min(1).max(10_000),
  workflowId: uuidSchema.optional(),
  vendorData: z.string().trim().max(1000).optional(),
  trustReview: z.boolean().optional(),
});

export const mintInputSchema = z.strictObject({
  connectionId: id,
  sessionId: id,
  /** A partner of the registry (minting goes to registered partners only). */
  partnerApplicationId: uuidSchema,
  ttlSeconds: z.number().int().min(TTL_MIN_SECONDS).max(TTL_MAX_SECONDS).default(TTL_DEFAULT_SECONDS),
  /**
   * The analyst confirmed the mint despite its cautions (`mintCautions`): no data-sharing agreement on record or an
   * expired one, or a Declined or In Review session. Without it such a mint is refused with `confirmation_required`.
   */
  confirmed: z.boolean().default(false),
});

/** Why a mint needs the analyst's confirmation (the engine refuses it without `confirmed`; the UI asks first). */
export const MINT_CAUTIONS = ['no_agreement', 'agreement_expired', 'session_declined', 'session_in_review'] as const;
export type MintCaution = (typeof MINT_CAUTIONS)[number];

/** A calendar day, `YYYY-MM-DD` (an agreement's expiry). */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'Not a calendar date.',
    },
  );

/**
 * The cautions of minting `status` for `partner` on `today` (YYYY-MM-DD, local): one rule for the engine and the UI.
 * An agreement is on record when it has a reference; it has expired once its expiry day is over.
 */
export function mintCautions(
  partner: Pick<Partner, 'agreementReference' | 'agreementExpiresOn'> | null,
  status: string | null,
  today: string,
): MintCaution[] {
  const cautions: MintCaution[] = [];
  if (!partner?.agreementReference) cautions.push('no_agreement');
  else if (partner.agreementExpiresOn !== null && partner.agreementExpiresOn < today)
    cautions.push('agreement_expired');
  const canon = (status ?? '').toUpperCase().replace(/\s+/g, '_');
  if (canon === 'DECLINED') cautions.push('session_declined');
  if (canon === 'IN_REVIEW') cautions.push('session_in_review');
  return cautions;
}

/** Today as YYYY-MM-DD in local time (agreements expire by the calendar the analyst lives in). */
export function localDay(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface MintedToken {
  id: string;
  connectionId: string;
  sessionId: string;
  sessionKind: 'user' | 'business';
  partnerApplicationId: string;
  partnerName: string | null;
  /** The shared session's subject (person or company) as cached when minted; null when it was not cached. */
  subjectName: string | null;
  mintedAt: string;
  expiresAt: string;
  /**
   * When the token is known to have been redeemed: only when the partner is one of this profile's own receiving
   * connections and a clone of the session arrived there after the mint. The issuing side cannot see a partner's
   * imports, so null means "not known", never "not redeemed".
   */
  redeemedAt: string | null;
  /** Present only in the answer to mintToken: the log never keeps the token once handed over. */
  shareToken?: string;
}

/** Default workflow per session kind for a partner's imports: workflow ids of the receiving application. */
export const partnerWorkflowsSchema = z.strictObject({
  user: uuidSchema.nullable().default(null),
  business: uuidSchema.nullable().default(null),
});

/** A partner application of the registry: who we share with and receive from, and on what terms. */
export interface Partner {
  id: string;
  name: string;
  applicationId: string;
  /** trust_review preselected when importing this partner's tokens (off for a new partner, as the seed says). */
  trustReview: boolean;
  /** Workflow preselected for this partner's KYC (`user`) and KYB (`business`) tokens. */
  workflows: { user: string | null; business: string | null };
  /** The data-sharing agreement on record (GDPR): its reference, and the day it expires (YYYY-MM-DD). */
  agreementReference: string | null;
  agreementExpiresOn: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Saving a partner: with `id`, that partner is edited; without, the partner with this application id is updated
 * (fields left out keep their value) or a new one is registered (fields left out take their defaults).
 */
export const partnerInputSchema = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(100),
  applicationId: uuidSchema,
  trustReview: z.boolean().optional(),
  workflows: partnerWorkflowsSchema.optional(),
  agreementReference: z.string().trim().max(200).nullable().optional(),
  agreementExpiresOn: calendarDaySchema.nullable().optional(),
  notes: z.string().trim().max(2000).optional(),
});

/**
 * Where an imported case came from. `origin`: `app` when this profile redeemed the token (partner, trust_review,
 * time and analyst recorded then); `outside` when the session arrived by sync with a `shared_from_session` but no
 * import of ours (another client of the same application imported it): what is shown is what the profile itself can
 * see, e.g. the source application when one of its own issuing connections holds the original session.
 */
export interface Provenance {
  origin: 'app' | 'outside';
  /** The receiving connection. */
  connectionId: string;
  sourceApplicationId: string | null;
  /** The registry's partner with that application id. */
  partner: { id: string; name: string } | null;
  /** This profile's own connection of that application, when it is one. */
  sourceConnectionName: string | null;
  sharedFromSession: string | null;
  /**
   * The original session's status where known: as this profile's issuing connection last saw it, or the status the
   * clone kept when imported with trust_review on.
   */
  originalStatus: string | null;
  trustReview: boolean | null;
  /** trust_review was not recorded but follows from the statuses (In Review clone of a decided original: off). */
  trustReviewInferred: boolean;
  importedAt: string | null;
  /** Who redeemed it in this app (the OS account), when recorded. */
  importedBy: string | null;
  workflowId: string | null;
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
  /** The reasons a decline picks from (code + English and Spanish labels). */
  declineReasons: z
    .array(declineReasonSchema)
    .min(1)
    .max(50)
    .refine((list) => new Set(list.map((r) => r.code)).size === list.length, { message: 'Reason codes must differ.' }),
  /** Approving a session whose AML hits are not all dispositioned: ask for an explicit confirmation, or refuse. */
  unreviewedHitsOnApprove: z.enum(['confirm', 'block']),
  /** Four-eyes policy by connection id (a connection not listed: off). */
  fourEyes: z.record(z.string().min(1).max(200), z.enum(FOUR_EYES_POLICIES)),
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
  declineReasons: DEFAULT_DECLINE_REASONS.map((r) => ({ ...r })),
  unreviewedHitsOnApprove: 'confirm',
  fourEyes: {},
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
  listDecisions: z.strictObject({ states: z.array(z.enum(DECISION_STATES)).optional() }),
  acknowledgeConflict: byId,
  /** Takes back a queued decision before it is sent (refused with `decision_sending` once it is on its way). */
  retractDecision: byId,
  /** Four-eyes: proposes a decision (same input as decide) for a second analyst to confirm. */
  proposeDecision: decideInputSchema,
  /** Four-eyes: a second, different analyst confirms a proposal; the decision goes to the outbox. */
  confirmProposal: z.strictObject({ id, confirmUnreviewedHits: z.boolean().default(false) }),
  /** Four-eyes: the proposer takes an open proposal back. */
  withdrawProposal: byId,
  addNote: z.strictObject({ sessionId: id, text: z.string().trim().min(1).max(5000) }),
  /** The profile's analyst (null until first set) and a suggestion from the OS user for the first-start prompt. */
  getAnalyst: empty,
  setAnalyst: analystSchema,
  redeemToken: redeemInputSchema,
  listShareableSessions: z.strictObject({ connectionId: id, search: z.string().max(200).optional() }),
  mintToken: mintInputSchema,
  listMintedTokens: empty,
  listPartners: empty,
  savePartner: partnerInputSchema,
  removePartner: byId,
  syncNow: z.strictObject({ connectionId: id.optional() }),
  getSettings: empty,
  updateSettings: settingsSchema.partial(),
  listAudit: z.strictObject({
    ...auditFilterFields,
    /** `desc`: newest first (the Settings view). */
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  verifyAudit: empty,
  purgeExpired: empty,
  exportCaseReport: byId,
  exportDossier: byId,
  disposeAmlHit: disposeAmlHitInputSchema,
  acknowledgeDisposition: byId,
  exportAudit: z.strictObject({ ...auditFilterFields, format: z.literal('csv').default('csv') }),
  listAuditActors: empty,
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
  retractDecision: Decision;
  proposeDecision: Proposal;
  confirmProposal: Decision;
  withdrawProposal: Proposal;
  addNote: Note;
  getAnalyst: { analyst: Analyst | null; suggested: Analyst };
  setAnalyst: Analyst;
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
  /**
   * The sealed dossier: a zip (base64) of the case report, session JSON, media and audit-chain slice with a manifest
   * signed by the profile's Ed25519 key, and that key's fingerprint (`sha256:<hex>`; `npm run verify-dossier`).
   */
  exportDossier: { fileName: string; zipBase64: string; fingerprint: string };
  disposeAmlHit: AmlDisposition;
  acknowledgeDisposition: AmlDisposition;
  /** The filtered audit trail as CSV (UTF-8), and a suggested file name. */
  exportAudit: { fileName: string; csv: string; entries: number };
  /** Everyone named as actor in the audit trail (for the filter). */
  listAuditActors: string[];
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
 * - `partners.changed`: a partner was registered, edited or removed (by any window or API client): views showing the
 *   registry list it again.
 */
export type ReviewerEvent =
  | { type: 'sync.progress'; progress: SyncProgress }
  | { type: 'connection.state'; connectionId: string; online: boolean; error: string | null }
  | { type: 'sessions.changed'; sessionIds: string[] }
  | { type: 'imports.arrived'; connectionId: string; count: number; inReview: number }
  | { type: 'outbox.changed'; pending: number; conflicts: number; sessionIds: string[] }
  | { type: 'partners.changed' };

/** What the renderer finds on `window.countersign`, whichever host it runs in. */
export interface CountersignBridge {
  api: ReviewerApi;
  /** A URL the renderer can put in `<img src>` for a cached media item (app:// in Electron, loopback in the browser). */
  mediaUrl(sessionId: string, locator: string): string;
  onEvent(listener: (event: ReviewerEvent) => void): () => void;
  host: 'electron' | 'browser';
}
