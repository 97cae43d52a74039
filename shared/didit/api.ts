/**
 * Request and response bodies of the share/import API (docs/didit-api.md §1, §3, §4, §7-§11) and its error bodies.
 * The sandbox parses requests with these; the engine parses responses with them.
 */
import { z } from 'zod';
import { sessionKindSchema, DECISION_STATUSES } from './statuses.js';
import { sessionPayloadSchema } from './session.js';

export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 86_400;
export const TTL_DEFAULT_SECONDS = 3_600;
/** List sessions: `limit` defaults to 50 (docs/didit-api.md §7); no maximum is documented, the sandbox keeps 100. */
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 50;
/** Webhook freshness: the signed body's `timestamp` may be at most this far from the receiver's clock. */
export const WEBHOOK_MAX_SKEW_SECONDS = 300;

export const uuidSchema = z.uuid();

export const shareRequestSchema = z.strictObject({
  for_application_id: uuidSchema,
  ttl_in_seconds: z.number().int().min(TTL_MIN_SECONDS).max(TTL_MAX_SECONDS).default(TTL_DEFAULT_SECONDS),
});
export type ShareRequest = z.input<typeof shareRequestSchema>;

export const shareResponseSchema = z.object({
  share_token: z.string().min(1),
  for_application_id: z.string(),
  session_kind: sessionKindSchema,
});
export type ShareResponse = z.infer<typeof shareResponseSchema>;

/**
 * Claims of the HS256 share token (docs/didit-api.md §3): no `jti`. The seed says the token carries `session_kind`;
 * the docs' example token does not, so a missing one reads as `user` (what import does).
 */
export const shareTokenClaimsSchema = z.object({
  session_id: z.string(),
  from_application_id: z.string(),
  for_application_id: z.string(),
  session_kind: sessionKindSchema.optional().transform((kind) => kind ?? 'user'),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type ShareTokenClaims = z.infer<typeof shareTokenClaimsSchema>;

export const importRequestSchema = z.strictObject({
  share_token: z.string().min(1),
  workflow_id: uuidSchema,
  vendor_data: z.string().max(1000).optional(),
  trust_review: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

/** A list date filter: `YYYY-MM-DD` or a full ISO date-time. */
const LIST_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const listDateSchema = z
  .string()
  .refine((v) => LIST_DATE.test(v) && !Number.isNaN(Date.parse(v)), 'Expected YYYY-MM-DD or an ISO date-time.');

/** Query of `GET /v3/sessions/` (docs/didit-api.md §7): `session_kind` defaults to `user`, `limit` to 50. */
export const listQuerySchema = z.object({
  status: z.string().optional(),
  session_kind: z.enum(['user', 'business', 'all']).default('user'),
  vendor_data: z.string().optional(),
  workflow_id: z.string().optional(),
  country: z.string().max(3).optional(),
  date_from: listDateSchema.optional(),
  date_to: listDateSchema.optional(),
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Didit counts KYB rows with a bounded scan: a KYB `count` never exceeds this (iterate with `next`). */
export const KYB_LIST_COUNT_CAP = 100;

/** A list row. Rows differ by kind and grow fields; only the id is needed to fetch the session. */
export const sessionSummarySchema = z.looseObject({
  session_id: z.string().min(1),
  session_number: z.number().int().nullish().catch(null),
  session_kind: sessionKindSchema.nullish().catch(null),
  status: z.string().nullish().catch(null),
  vendor_data: z.string().nullish().catch(null),
  workflow_id: z.string().nullish().catch(null),
  created_at: z.string().nullish().catch(null),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const listResponseSchema = z.looseObject({
  count: z.number().int().nullish(),
  next: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  previous: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  /** A row without a session id cannot be fetched: it is left out rather than fail the page. */
  results: z.array(z.unknown()).transform((rows) =>
    rows.flatMap((row) => {
      const parsed = sessionSummarySchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    }),
  ),
});
export type ListResponse = z.infer<typeof listResponseSchema>;

/** A step to resubmit: its node id, or an object naming it (the item shape is not documented). */
const nodeToResubmitSchema = z.union([
  z.string().min(1).max(200),
  z.looseObject({ node_id: z.string().min(1).max(200) }),
]);

/**
 * Body of `PATCH /v3/session/{id}/update-status/` (docs/didit-api.md §8). `send_email` defaults to false and then
 * needs `email_address`; `email_language` defaults to `en`; `nodes_to_resubmit` is for Resubmitted.
 */
export const updateStatusRequestSchema = z
  .strictObject({
    new_status: z.enum(DECISION_STATUSES),
    comment: z.string().max(5000).optional(),
    send_email: z.boolean().optional(),
    email_address: z.email().max(320).optional(),
    email_language: z.string().min(2).max(10).optional(),
    nodes_to_resubmit: z.array(nodeToResubmitSchema).max(50).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.send_email && body.email_address === undefined) {
      ctx.addIssue({ code: 'custom', path: ['email_address'], message: 'Required when send_email is true.' });
    }
  });
export type UpdateStatusRequest = z.infer<typeof updateStatusRequestSchema>;

/** An AML hit's disposition (docs/didit-api.md §9, sessions-api/update-aml-hit-status). */
export const AML_HIT_REVIEW_STATUSES = ['Unreviewed', 'Confirmed Match', 'False Positive', 'Inconclusive'] as const;
export type AmlHitReviewStatus = (typeof AML_HIT_REVIEW_STATUSES)[number];

/** A screening's node id (e.g. `feature_aml_1`), for sessions with several AML checks. */
const amlNodeIdSchema = z.string().min(1).max(200);

/** One hit's update: the body of `PATCH /v3/session/{id}/update-aml-hit-status/` and an item of the bulk body. */
export const amlHitUpdateRequestSchema = z.strictObject({
  hit_id: z.string().min(1).max(200),
  review_status: z.enum(AML_HIT_REVIEW_STATUSES),
  node_id: amlNodeIdSchema.optional(),
});
export type AmlHitUpdateRequest = z.infer<typeof amlHitUpdateRequestSchema>;

/** Query of the hit-status routes: `?node_id=` names the screening, as the body's `node_id` does. */
export const amlHitUpdateQuerySchema = z.object({ node_id: amlNodeIdSchema.optional() });

/** Most hit updates one bulk call takes (not documented; the sandbox's bound). */
export const AML_BULK_MAX_UPDATES = 500;

/** Body of `PATCH /v3/session/{id}/bulk-update-aml-hit-status/`: all-or-nothing. */
export const amlBulkUpdateRequestSchema = z.strictObject({
  hit_updates: z.array(amlHitUpdateRequestSchema).min(1).max(AML_BULK_MAX_UPDATES),
});
export type AmlBulkUpdateRequest = z.infer<typeof amlBulkUpdateRequestSchema>;

/** Statuses `POST /v3/sessions/{id}/reviews/` sets (management-api/sessions/create-review). */
export const REVIEW_STATUSES = ['Approved', 'Declined', 'In Review'] as const;
export const REVIEW_COMMENT_MAX = 10_000;

/** Body of `POST /v3/sessions/{id}/reviews/` (docs/didit-api.md §10): `new_status` is required. */
export const createReviewRequestSchema = z.strictObject({
  new_status: z.enum(REVIEW_STATUSES),
  comment: z.string().max(REVIEW_COMMENT_MAX).optional(),
});
export type CreateReviewRequest = z.infer<typeof createReviewRequestSchema>;

/** Query of `GET /v3/sessions/{id}/reviews/`: `limit` defaults to 50 like the session list. */
export const reviewsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Events that mean "this session changed": a receiver refetches the session. */
export const SESSION_CHANGE_EVENTS = [
  'status.updated',
  'data.updated',
  'user.status.updated',
  'user.data.updated',
  'business.status.updated',
  'business.data.updated',
] as const;
/** Every event a destination may subscribe to (management-api/webhook/create-destination). */
export const WEBHOOK_EVENTS = [
  ...SESSION_CHANGE_EVENTS,
  'activity.created',
  'transaction.created',
  'transaction.status.updated',
] as const;
export const WEBHOOK_VERSIONS = ['v1', 'v2', 'v3'] as const;
export const webhookDestinationRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** An explicit empty list is a 400; omitted, the destination is subscribed to nothing (as documented). */
  subscribed_events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
  label: z.string().max(200).optional(),
  enabled: z.boolean().default(true),
  /** Payload schema version; v3 is Didit's current one. The sandbox sends the same body for every version. */
  webhook_version: z.enum(WEBHOOK_VERSIONS).default('v3'),
});
export const webhookDestinationSchema = z.object({
  uuid: z.string(),
  url: z.string(),
  subscribed_events: z.array(z.string()),
  label: z.string().nullish(),
  enabled: z.boolean(),
  secret_shared_key: z.string().optional(),
});
export type WebhookDestination = z.infer<typeof webhookDestinationSchema>;

/**
 * A delivery body as the receiver reads it (integration/webhooks, reference/webhooks): only `webhook_type` and
 * `session_id` are needed; everything else may be missing (KYC bodies carry vendor_data/workflow_id/metadata only
 * when set, `decision` only for finished statuses, `session_kind` only for KYB) or of an unexpected shape. The
 * session itself is always refetched, so the embedded decision is never trusted.
 */
export const webhookPayloadSchema = z.looseObject({
  webhook_type: z.string().min(1),
  session_id: z.string().min(1).max(200),
  /** Not documented by Didit; the sandbox sends it and the receiver uses it against replays when present. */
  event_id: z.string().nullish().catch(null),
  session_kind: sessionKindSchema.nullish().catch(null),
  business_session_id: z.string().nullish().catch(null),
  status: z.string().nullish().catch(null),
  vendor_data: z.string().nullish().catch(null),
  workflow_id: z.string().nullish().catch(null),
  timestamp: z.number().nullish().catch(null),
  created_at: z.number().nullish().catch(null),
  decision: sessionPayloadSchema.nullish().catch(null),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/**
 * Error bodies: `{detail}` or per-field `{field: [messages]}`. The sandbox adds `code`; clients must not rely on it.
 */
export const errorBodySchema = z.union([
  z.looseObject({ detail: z.string(), code: z.string().optional() }),
  z.record(z.string(), z.union([z.array(z.string()), z.string()])),
]);
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One readable line from any error body, for messages shown to analysts. */
export function errorDetail(body: unknown): string | null {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const value = parsed.data;
  if (typeof value.detail === 'string') return value.detail;
  const parts = Object.entries(value)
    .filter(([k]) => k !== 'code')
    .map(([field, msgs]) => `${field}: ${Array.isArray(msgs) ? msgs.join(' ') : msgs}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

export const AUTH_ERROR_DETAIL = 'Authentication credentials were not provided or are invalid.';
export const NOT_FINISHED_DETAIL = 'Only finished sessions (Approved, Declined, In Review) can be shared.';
export const WRONG_STATUS_DETAIL = 'Wrong Current Status';
