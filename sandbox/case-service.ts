/**
 * Case management as Didit documents it: AML hit dispositions (docs/didit-api.md §9,
 * sessions-api/update-aml-hit-status) and the reviews feed with its POST (§10, management-api/sessions/list-reviews,
 * management-api/sessions/create-review). Dispositions and feed entries are the session's own rows
 * (store/case-records.ts), never written into the record a source shares with its clones.
 */
import {
  amlBulkUpdateRequestSchema,
  amlHitUpdateQuerySchema,
  amlHitUpdateRequestSchema,
  createReviewRequestSchema,
  reviewsQuerySchema,
  type AmlHitUpdateRequest,
} from '../shared/didit/api.js';
import type { SandboxCore } from './sandbox-state.js';
import { fieldError, notFound, parseOrThrow } from './errors.js';
import { storedScreenings, type DecisionReview } from './payload.js';
import {
  DECIDABLE_STATUSES,
  decisionReview,
  emitSessionEvent,
  recordActivity,
  wrongCurrentStatus,
} from './sessions-service.js';
import type { Application } from './store/applications.js';
import type { ActivityEntry, HitReview } from './store/case-records.js';
import type { SessionWithContent } from './store/sessions.js';

/** The feed's activity_type of a hit update (not documented by Didit; the sandbox's name). */
export const AML_HIT_ACTIVITY = 'AML_HIT_UPDATED';

/** One applied hit update, as the answers and the activity entry report it. */
interface AppliedHitUpdate {
  /** The screening's node id, null when it has none. */
  node_id: string | null;
  hit_id: string;
  previous: string | null;
  review_status: string;
}

/**
 * Applies hit updates all-or-nothing: every target is resolved before anything is written, so one unknown hit is a
 * 404 with nothing changed. A hit is looked up in the screening its `node_id` names (else `?node_id=`, else the
 * session's first AML screening). One activity entry covers the call, and one data.updated goes out after it.
 */
function applyHitUpdates(
  core: SandboxCore,
  app: Application,
  sessionId: string,
  readUpdates: () => readonly AmlHitUpdateRequest[],
  rawQuery: unknown,
): AppliedHitUpdate[] {
  const { row, applied } = core.db.transaction(() => {
    const row = core.sessions.get(sessionId, app.id);
    if (!row) throw notFound('Session not found.');
    const updates = readUpdates();
    const query = parseOrThrow(amlHitUpdateQuerySchema, rawQuery);
    const screenings = storedScreenings(row);
    const current = new Map(core.cases.hitReviews(row.id).map((r) => [`${r.node_id}\u0000${r.hit_id}`, r]));
    const seen = new Set<string>();
    const applied = updates.map((update): AppliedHitUpdate => {
      const nodeId = update.node_id ?? query.node_id;
      const screening = nodeId === undefined ? screenings[0] : screenings.find((s) => s.nodeId === nodeId);
      if (!screening) throw notFound(nodeId === undefined ? 'Session has no AML screening.' : 'AML check not found.');
      if (!screening.hits.has(update.hit_id)) throw notFound(`Hit not found: ${update.hit_id}.`);
      const key = `${screening.nodeId}\u0000${update.hit_id}`;
      if (seen.has(key)) throw fieldError('hit_updates', `Hit ${update.hit_id} is listed more than once.`);
      seen.add(key);
      return {
        node_id: screening.nodeId === '' ? null : screening.nodeId,
        hit_id: update.hit_id,
        previous: current.get(key)?.review_status ?? screening.hits.get(update.hit_id) ?? null,
        review_status: update.review_status,
      };
    });
    const now = core.clock.isoNow();
    for (const u of applied) {
      const review: HitReview = {
        node_id: u.node_id ?? '',
        hit_id: u.hit_id,
        review_status: u.review_status,
        updated_at: now,
      };
      core.cases.setHitReview(row.id, review);
    }
    const hitsWith = (status: (u: AppliedHitUpdate) => string | null) => ({
      hits: applied.map((u) => ({ node_id: u.node_id, hit_id: u.hit_id, review_status: status(u) })),
    });
    recordActivity(core, app, row.id, {
      activity_type: AML_HIT_ACTIVITY,
      previous_value: hitsWith((u) => u.previous),
      new_value: hitsWith((u) => u.review_status),
      changed_fields: ['review_status'],
    });
    return { row, applied };
  })();
  // Neither the session nor the AML step status changes (sessions-api/update-aml-hit-status).
  emitSessionEvent(core, row, 'data.updated');
  return applied;
}

/** `PATCH /v3/session/{id}/update-aml-hit-status/` → Didit's documented answer. */
export function updateAmlHitStatus(
  core: SandboxCore,
  app: Application,
  sessionId: string,
  rawBody: unknown,
  rawQuery: unknown,
) {
  const [applied] = applyHitUpdates(
    core,
    app,
    sessionId,
    () => [parseOrThrow(amlHitUpdateRequestSchema, rawBody)],
    rawQuery,
  );
  return { message: 'Hit status updated successfully', hit_id: applied.hit_id, review_status: applied.review_status };
}

/**
 * `PATCH /v3/session/{id}/bulk-update-aml-hit-status/`. Didit's answer body is not readable in its docs; the sandbox
 * answers the single route's message with the updates made.
 */
export function bulkUpdateAmlHitStatus(
  core: SandboxCore,
  app: Application,
  sessionId: string,
  rawBody: unknown,
  rawQuery: unknown,
) {
  const applied = applyHitUpdates(
    core,
    app,
    sessionId,
    () => parseOrThrow(amlBulkUpdateRequestSchema, rawBody).hit_updates,
    rawQuery,
  );
  return {
    message: 'Hit statuses updated successfully',
    hit_updates: applied.map((u) => ({ hit_id: u.hit_id, review_status: u.review_status, node_id: u.node_id })),
  };
}

/** The reviews routes address User Verification (KYC) sessions only: KYB, foreign and deleted ids are 404. */
function kycSession(core: SandboxCore, app: Application, sessionId: string): SessionWithContent {
  const row = core.sessions.get(sessionId, app.id);
  if (!row || row.session_kind !== 'user') throw notFound('Session not found.');
  return row;
}

/** A feed row as management-api/sessions/list-reviews shows it (KYC spelling, the only kind with a feed). */
function feedRow(e: ActivityEntry) {
  return {
    uuid: e.uuid,
    activity_type: e.activity_type,
    actor_display: e.actor_display,
    actor_email: e.actor_email,
    actor_type: e.actor_type,
    new_status: e.new_status,
    previous_status: e.previous_status,
    comment: e.comment,
    mentioned_emails: e.mentioned_emails,
    previous_value: e.previous_value,
    new_value: e.new_value,
    changed_fields: e.changed_fields,
    metadata: e.metadata,
    created_at: e.created_at,
  };
}

/**
 * `GET /v3/sessions/{id}/reviews/`: the feed, newest first, `{count, next, previous, results}`; `pageUrl` builds the
 * absolute link of another offset.
 */
export function listReviews(
  core: SandboxCore,
  app: Application,
  sessionId: string,
  rawQuery: unknown,
  pageUrl: (limit: number, offset: number) => string,
) {
  const row = kycSession(core, app, sessionId);
  const { limit, offset } = parseOrThrow(reviewsQuerySchema, rawQuery);
  const { count, entries } = core.cases.activityPage(row.id, limit, offset);
  return {
    count,
    next: offset + limit < count ? pageUrl(limit, offset + limit) : null,
    previous: offset > 0 ? pageUrl(limit, Math.max(0, offset - limit)) : null,
    results: entries.map(feedRow),
  };
}

/**
 * `POST /v3/sessions/{id}/reviews/`: sets the session's status, appends the entry, and fires status.updated when the
 * status changed. Like update-status, the current status must be one a decision can be made on (checked before the
 * body); unlike it, the same status again is allowed ("each call writes a new row").
 */
export function createReview(core: SandboxCore, app: Application, sessionId: string, rawBody: unknown): DecisionReview {
  const { row, entry, changed } = core.db.transaction(() => {
    const row = kycSession(core, app, sessionId);
    if (!DECIDABLE_STATUSES.includes(row.status)) throw wrongCurrentStatus();
    const body = parseOrThrow(createReviewRequestSchema, rawBody);
    // A review row as the feed shows reviews: the status it set, no previous status or value diff.
    const entry = recordActivity(core, app, row.id, {
      activity_type: 'STATUS_UPDATED',
      new_status: body.new_status,
      comment: body.comment ?? null,
      changed_fields: [],
    });
    const changed = body.new_status !== row.status;
    if (changed) core.sessions.updateStatus(row.id, body.new_status);
    return { row: { ...row, status: body.new_status }, entry, changed };
  })();
  if (changed) emitSessionEvent(core, row, 'status.updated');
  return decisionReview(entry, 'user');
}
