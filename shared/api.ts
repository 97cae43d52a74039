/**
 * Request and response bodies of the share/import API (didit-api.md sections 1, 2, 4, 5) and its error bodies.
 * The sandbox parses requests with these; the engine parses responses with them.
 */
import { z } from 'zod';
import { sessionKindSchema, DECISION_STATUSES } from './statuses.js';
import { sessionPayloadSchema } from './session.js';

export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 86_400;
export const TTL_DEFAULT_SECONDS = 3_600;
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;
/** Webhook X-Timestamp tolerance. */
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

/** Claims of the HS256 share token. */
export const shareTokenClaimsSchema = z.object({
  session_id: z.string(),
  from_application_id: z.string(),
  for_application_id: z.string(),
  session_kind: sessionKindSchema,
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
});
export type ShareTokenClaims = z.infer<typeof shareTokenClaimsSchema>;

export const importRequestSchema = z.strictObject({
  share_token: z.string().min(1),
  workflow_id: uuidSchema,
  vendor_data: z.string().max(1000).optional(),
  trust_review: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const listQuerySchema = z.object({
  status: z.string().optional(),
  session_kind: z.enum(['user', 'business', 'all']).default('all'),
  vendor_data: z.string().optional(),
  workflow_id: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

export const sessionSummarySchema = z.looseObject({
  session_id: z.string(),
  session_number: z.number().int().nullish(),
  session_kind: sessionKindSchema,
  status: z.string(),
  vendor_data: z.string().nullish(),
  workflow_id: z.string().nullish(),
  created_at: z.string().nullish(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const listResponseSchema = z.object({
  count: z.number().int(),
  next: z.string().nullable(),
  previous: z.string().nullable(),
  results: z.array(sessionSummarySchema),
});
export type ListResponse = z.infer<typeof listResponseSchema>;

export const updateStatusRequestSchema = z.strictObject({
  new_status: z.enum(DECISION_STATUSES),
  comment: z.string().max(5000).optional(),
});
export type UpdateStatusRequest = z.infer<typeof updateStatusRequestSchema>;

export const WEBHOOK_EVENTS = ['status.updated'] as const;
export const webhookDestinationRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  subscribed_events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
  label: z.string().max(200).optional(),
  enabled: z.boolean().default(true),
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

export const webhookPayloadSchema = z.looseObject({
  event_id: z.string(),
  webhook_type: z.literal('status.updated'),
  session_id: z.string(),
  session_kind: sessionKindSchema,
  status: z.string(),
  vendor_data: z.string().nullish(),
  workflow_id: z.string().nullish(),
  timestamp: z.number().int(),
  created_at: z.number().int(),
  decision: sessionPayloadSchema.nullish(),
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
