/**
 * Session operations shared by the HTTP routes and the demo loader: create a synthetic session, store a raw
 * Didit payload, decide (update-status with its rules), delete, the session's decision with its own activity laid
 * over the shared record, activity entries, and the webhook events (status.updated on every status change,
 * data.updated on data changes).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WRONG_STATUS_DETAIL, updateStatusRequestSchema, uuidSchema } from '../shared/didit/api.js';
import {
  canonicalStatus,
  isStatusOfKind,
  sessionKindSchema,
  statusForKind,
  type KycStatus,
  type SessionKind,
} from '../shared/didit/statuses.js';
import type { SandboxCore } from './sandbox-state.js';
import { detailError, fieldError, notFound, parseOrThrow } from './errors.js';
import { storeSyntheticMedia } from './synthetic-media-store.js';
import { RAW_CONTENT_MARK, decisionPayload, type PayloadContext, type SessionCase } from './payload.js';
import type { Application, Workflow } from './store/applications.js';
import { mentionedEmails, type ActivityEntry } from './store/case-records.js';
import type { SessionWithContent } from './store/sessions.js';
import { createRng, syntheticSession } from './synthetic/index.js';
import type { SyntheticSession } from './synthetic/types.js';

const METADATA_MAX_BYTES = 16 * 1024;

/** Stored as JSON text; absurdly deep nesting makes JSON.stringify throw, which must be a 400, not a 500. */
function fitsMetadataLimit(metadata: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(metadata).length <= METADATA_MAX_BYTES;
  } catch {
    return false;
  }
}

/** Body of the sandbox-only `POST /sandbox/sessions/`. */
export const sandboxSessionRequestSchema = z.strictObject({
  session_kind: sessionKindSchema,
  status: z.string().max(40).optional(),
  vendor_data: z.string().max(1000).optional(),
  workflow_id: uuidSchema.optional(),
  metadata: z
    .record(z.string(), z.unknown())
    .refine(fitsMetadataLimit, { message: `Metadata must be JSON of at most ${METADATA_MAX_BYTES} bytes.` })
    .optional(),
  /** Seeds the generator, for reproducible content. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type SandboxSessionRequest = z.output<typeof sandboxSessionRequestSchema>;

/**
 * update-status (docs/didit-api.md §8): the current status must be one of these, checked before the body, and
 * differ from the new one; otherwise 400 "Wrong Current Status".
 */
export const DECIDABLE_STATUSES: readonly KycStatus[] = [
  'Approved',
  'Declined',
  'In Review',
  'Kyc Expired',
  'Abandoned',
  'Resubmitted',
];
/** KYB steps Didit does not resubmit (registry and key people). */
const NOT_RESUBMITTABLE_KYB_BLOCKS = ['registry_checks', 'key_people_checks'];

export const wrongCurrentStatus = () => detailError(400, 'wrong_current_status', WRONG_STATUS_DETAIL);

export function resolveWorkflow(core: SandboxCore, app: Application, kind: 'user' | 'business', id?: string): Workflow {
  const workflow = id
    ? core.apps.workflow(id, app.id)
    : core.apps.workflows(app.id).find((w) => w.session_kind === kind);
  if (!workflow) throw detailError(404, 'workflow_not_found', 'Workflow not found in your application.');
  if (workflow.session_kind !== kind) {
    throw fieldError(
      'workflow_id',
      `This workflow takes ${workflow.session_kind} sessions, not ${kind} sessions.`,
      'workflow_kind_mismatch',
    );
  }
  return workflow;
}

export function createSandboxSession(
  core: SandboxCore,
  app: Application,
  input: SandboxSessionRequest,
): SessionWithContent {
  if (input.status !== undefined && !isStatusOfKind(input.status, input.session_kind)) {
    throw fieldError('status', `Not a status of ${input.session_kind} sessions.`);
  }
  const workflow = resolveWorkflow(core, app, input.session_kind, input.workflow_id);
  const synthetic = syntheticSession({
    kind: input.session_kind,
    status: input.status,
    vendorData: input.vendor_data,
    rng: createRng(input.seed ?? randomInt(2 ** 31 - 1)),
  });
  return storeSession(core, app, workflow, synthetic, { metadata: input.metadata });
}

/**
 * Stores a generated session as a fresh capture of `app` and fires status.updated. `demoIndex`: it is the demo plan's
 * session at that index, whose media are stored undrawn (synthetic-media-store.ts).
 */
export function storeSession(
  core: SandboxCore,
  app: Application,
  workflow: Workflow,
  synthetic: SyntheticSession,
  opts: { metadata?: Record<string, unknown>; createdAt?: string; demoIndex?: number } = {},
): SessionWithContent {
  const status = canonicalStatus(synthetic.status);
  if (status === null) throw new Error(`Generator produced unknown status ${synthetic.status}`);
  const row = core.db.transaction((): SessionWithContent => {
    const { featuresJson, mediaShas } = storeSyntheticMedia(core, synthetic, opts.demoIndex);
    const featureNames = JSON.stringify(synthetic.featureNames);
    const created: SessionWithContent = {
      id: randomUUID(),
      application_id: app.id,
      session_number: core.apps.nextSessionNumber(app.id),
      session_kind: synthetic.kind,
      status,
      workflow_id: workflow.id,
      vendor_data: synthetic.vendorData,
      metadata: opts.metadata ? JSON.stringify(opts.metadata) : null,
      content_sha256: core.sessions.putContent(featureNames, featuresJson, mediaShas),
      created_at: opts.createdAt ?? core.clock.isoNow(),
      shared_from_session: null,
      reviews: '[]',
      feature_names: featureNames,
      features: featuresJson,
    };
    core.sessions.insert(created);
    if (created.vendor_data) {
      core.sessions.ensureEntity(app.id, created.session_kind, created.vendor_data, created.created_at);
    }
    return created;
  })();
  emitSessionEvent(core, row, 'status.updated');
  return row;
}

/** Body of the sandbox-only `POST /sandbox/sessions/raw/`: a decision payload as Didit documents it. */
export const rawSessionRequestSchema = z.strictObject({
  payload: z.record(z.string(), z.unknown()),
  session_kind: sessionKindSchema.optional(),
});
export type RawSessionRequest = z.output<typeof rawSessionRequestSchema>;

/** Header fields the sandbox assigns or keeps in its own columns; the rest of a raw payload is stored as given. */
const RAW_OWNED_FIELDS = [
  'session_id',
  'session_number',
  'session_kind',
  'session_url',
  'status',
  'workflow_id',
  'vendor_data',
  'metadata',
  'created_at',
  'reviews',
  'shared_from_session',
];

/**
 * Stores a decision payload as a session of `app` (conformance tests): a fresh id and number, the status, vendor
 * data, metadata, reviews and created_at taken from the payload, the caller's workflow of that kind (the payload's
 * own when it names one of the caller's), every other field served verbatim (media URLs included).
 */
export function createRawSession(core: SandboxCore, app: Application, input: RawSessionRequest): SessionWithContent {
  const payload = input.payload;
  const kind = input.session_kind ?? (payload.session_kind === 'business' ? 'business' : 'user');
  const statusText = payload.status;
  if (typeof statusText !== 'string' || !isStatusOfKind(statusText, kind)) {
    throw fieldError('payload.status', `Expected a status of ${kind} sessions, in either spelling.`);
  }
  const status = canonicalStatus(statusText) as KycStatus;
  const vendorData = payload.vendor_data ?? null;
  if (vendorData !== null && (typeof vendorData !== 'string' || vendorData.length > 1000)) {
    throw fieldError('payload.vendor_data', 'Expected a string of at most 1000 characters, or null.');
  }
  const metadata = payload.metadata ?? null;
  if (
    metadata !== null &&
    (typeof metadata !== 'object' || Array.isArray(metadata) || !fitsMetadataLimit(metadata as Record<string, unknown>))
  ) {
    throw fieldError('payload.metadata', `Expected an object of at most ${METADATA_MAX_BYTES} bytes of JSON, or null.`);
  }
  const reviews = payload.reviews ?? [];
  if (!Array.isArray(reviews)) throw fieldError('payload.reviews', 'Expected a list.');
  const named = typeof payload.workflow_id === 'string' ? core.apps.workflow(payload.workflow_id, app.id) : undefined;
  const workflow = named?.session_kind === kind ? named : resolveWorkflow(core, app, kind);
  const createdMs = typeof payload.created_at === 'string' ? Date.parse(payload.created_at) : NaN;
  const record: Record<string, unknown> = { [RAW_CONTENT_MARK]: true };
  for (const [key, value] of Object.entries(payload)) if (!RAW_OWNED_FIELDS.includes(key)) record[key] = value;
  let recordJson: string;
  try {
    recordJson = JSON.stringify(record);
  } catch {
    throw fieldError('payload', 'Not serialisable JSON.');
  }
  const featureNames = JSON.stringify(Array.isArray(payload.features) ? payload.features : []);
  const row = core.db.transaction((): SessionWithContent => {
    const created: SessionWithContent = {
      id: randomUUID(),
      application_id: app.id,
      session_number: core.apps.nextSessionNumber(app.id),
      session_kind: kind,
      status,
      workflow_id: workflow.id,
      vendor_data: vendorData,
      metadata: metadata === null ? null : JSON.stringify(metadata),
      content_sha256: core.sessions.putContent(featureNames, recordJson, []),
      created_at: Number.isNaN(createdMs) ? core.clock.isoNow() : (payload.created_at as string),
      shared_from_session: typeof payload.shared_from_session === 'string' ? payload.shared_from_session : null,
      reviews: JSON.stringify(reviews),
      feature_names: featureNames,
      features: recordJson,
    };
    core.sessions.insert(created);
    if (created.vendor_data) {
      core.sessions.ensureEntity(app.id, kind, created.vendor_data, created.created_at);
    }
    return created;
  })();
  emitSessionEvent(core, row, 'status.updated');
  return row;
}

/** The node ids of a stored record's feature items, by block. */
function nodeIdsByBlock(features: string): Map<string, string> {
  const blockOf = new Map<string, string>();
  const record = JSON.parse(features) as Record<string, unknown>;
  for (const [block, items] of Object.entries(record)) {
    if (!Array.isArray(items)) continue;
    for (const item of items as unknown[]) {
      const nodeId = (item as { node_id?: unknown } | null)?.node_id;
      if (typeof nodeId === 'string') blockOf.set(nodeId, block);
    }
  }
  return blockOf;
}

export function updateSessionStatus(
  core: SandboxCore,
  app: Application,
  id: string,
  rawBody: unknown,
): SessionWithContent {
  const updated = core.db.transaction(() => {
    const row = core.sessions.get(id, app.id);
    if (!row) throw notFound('Session not found.');
    if (!DECIDABLE_STATUSES.includes(row.status)) throw wrongCurrentStatus();
    const body = parseOrThrow(updateStatusRequestSchema, rawBody);
    if (body.new_status === row.status) throw wrongCurrentStatus();
    const nodes = (body.nodes_to_resubmit ?? []).map((n) => (typeof n === 'string' ? n : n.node_id));
    if (body.new_status === 'Resubmitted' && nodes.length > 0) {
      const blockOf = nodeIdsByBlock(row.features);
      for (const node of nodes) {
        const block = blockOf.get(node);
        if (block === undefined) throw fieldError('nodes_to_resubmit', `Unknown node: ${node}.`);
        if (row.session_kind === 'business' && NOT_RESUBMITTABLE_KYB_BLOCKS.includes(block)) {
          throw fieldError('nodes_to_resubmit', `Node ${node} cannot be resubmitted.`);
        }
      }
    }
    // update-status records previous_status → new_status (management-api/sessions/list-reviews).
    recordActivity(core, app, row.id, {
      activity_type: 'STATUS_UPDATED',
      previous_status: row.status,
      new_status: body.new_status,
      comment: body.comment ?? null,
      previous_value: { status: row.status },
      new_value: { status: body.new_status },
      changed_fields: ['status'],
    });
    core.sessions.updateStatus(id, body.new_status);
    return { ...row, status: body.new_status };
  })();
  emitSessionEvent(core, updated, 'status.updated');
  return updated;
}

/** The feed's actor for a call made with an application's API key. */
function apiActor(app: Application): Pick<ActivityEntry, 'actor_display' | 'actor_email' | 'actor_type'> {
  return { actor_display: `API (${app.name})`, actor_email: null, actor_type: 'API_KEY' };
}

/** Appends an activity entry by `app`'s API key to the session's feed, now; call inside the write's transaction. */
export function recordActivity(
  core: SandboxCore,
  app: Application,
  sessionId: string,
  entry: Pick<ActivityEntry, 'activity_type' | 'changed_fields'> &
    Partial<Pick<ActivityEntry, 'new_status' | 'previous_status' | 'comment' | 'previous_value' | 'new_value'>>,
): ActivityEntry {
  const full: ActivityEntry = {
    uuid: randomUUID(),
    session_id: sessionId,
    ...apiActor(app),
    new_status: null,
    previous_status: null,
    comment: null,
    mentioned_emails: [],
    previous_value: null,
    new_value: null,
    metadata: null,
    created_at: core.clock.isoNow(),
    ...entry,
  };
  full.mentioned_emails = mentionedEmails(full.comment);
  core.cases.append(full);
  return full;
}

/** The decision's `reviews` item of a status-setting activity entry, in the session kind's spelling. */
export function decisionReview(entry: ActivityEntry, kind: SessionKind) {
  return {
    user: entry.actor_display,
    new_status: statusForKind(entry.new_status ?? '', kind),
    comment: entry.comment,
    created_at: entry.created_at,
  };
}

/** The session's own activity and dispositions, to lay over its (possibly shared) record. */
export function sessionCase(core: SandboxCore, row: SessionWithContent): SessionCase {
  return {
    reviews: core.cases.statusEntries(row.id).map((entry) => decisionReview(entry, row.session_kind)),
    hitReviews: core.cases.hitReviews(row.id),
  };
}

/** The session's decision (or the full import answer) as this session sees it. */
export function sessionDecision(
  core: SandboxCore,
  row: SessionWithContent,
  ctx: PayloadContext,
  answer: 'decision' | 'import' = 'decision',
): Record<string, unknown> {
  return decisionPayload(row, ctx, sessionCase(core, row), answer);
}

export function deleteSession(core: SandboxCore, app: Application, id: string): void {
  if (!core.sessions.delete(id, app.id)) throw notFound('Session not found.');
}

/** Session events the sandbox fires: a status change, or a data change without one (e.g. an AML hit disposition). */
export type SessionEventType = 'status.updated' | 'data.updated';

/** Queues a delivery of `type` to every enabled destination of the session's application subscribed to it. */
export function emitSessionEvent(core: SandboxCore, row: SessionWithContent, type: SessionEventType): void {
  const destinations = core.webhooks.subscribers(row.application_id, type);
  if (destinations.length === 0) return;
  const decision = sessionDecision(core, row, {
    mediaUrl: core.media.urlFactory(core.publicBaseUrl),
    origin: core.publicBaseUrl,
  });
  const event = {
    event_id: randomUUID(),
    webhook_type: type,
    session_id: row.id,
    session_kind: row.session_kind,
    status: statusForKind(row.status, row.session_kind),
    vendor_data: row.vendor_data,
    workflow_id: row.workflow_id,
    created_at: Math.floor(Date.now() / 1000),
    decision,
  };
  for (const d of destinations) core.dispatcher.deliver({ id: d.id, url: d.url, secret: d.secret }, event);
}
