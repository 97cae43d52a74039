/**
 * Session operations shared by the HTTP routes and the demo loader: create a synthetic session, store a raw
 * Didit payload, decide (update-status with its rules), delete, and the status.updated event every status change
 * fires.
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
} from '../shared/didit/statuses.js';
import type { SandboxCore } from './sandbox-state.js';
import { detailError, fieldError, notFound, parseOrThrow } from './errors.js';
import { storeSyntheticMedia } from './synthetic-media-store.js';
import { RAW_CONTENT_MARK, decisionPayload } from './payload.js';
import type { Application, Workflow } from './store/applications.js';
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
const DECIDABLE_STATUSES: readonly KycStatus[] = [
  'Approved',
  'Declined',
  'In Review',
  'Kyc Expired',
  'Abandoned',
  'Resubmitted',
];
/** KYB steps Didit does not resubmit (registry and key people). */
const NOT_RESUBMITTABLE_KYB_BLOCKS = ['registry_checks', 'key_people_checks'];

const wrongCurrentStatus = () => detailError(400, 'wrong_current_status', WRONG_STATUS_DETAIL);

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

/** Stores a generated session as a fresh capture of `app` and fires status.updated. */
export function storeSession(
  core: SandboxCore,
  app: Application,
  workflow: Workflow,
  synthetic: SyntheticSession,
  opts: { metadata?: Record<string, unknown>; createdAt?: string } = {},
): SessionWithContent {
  const status = canonicalStatus(synthetic.status);
  if (status === null) throw new Error(`Generator produced unknown status ${synthetic.status}`);
  const row = core.db.transaction((): SessionWithContent => {
    const { featuresJson, mediaShas } = storeSyntheticMedia(core.sessions, synthetic);
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
  emitStatusUpdated(core, row);
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
  emitStatusUpdated(core, row);
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
    const reviews = JSON.parse(row.reviews) as unknown[];
    reviews.push({
      user: `API (${app.name})`,
      new_status: statusForKind(body.new_status, row.session_kind),
      comment: body.comment ?? null,
      created_at: core.clock.isoNow(),
    });
    const next: SessionWithContent = { ...row, status: body.new_status, reviews: JSON.stringify(reviews) };
    core.sessions.updateStatus(id, next.status, next.reviews);
    return next;
  })();
  emitStatusUpdated(core, updated);
  return updated;
}

export function deleteSession(core: SandboxCore, app: Application, id: string): void {
  if (!core.sessions.delete(id, app.id)) throw notFound('Session not found.');
}

/** Queues a status.updated delivery to every subscribed destination of the session's application. */
export function emitStatusUpdated(core: SandboxCore, row: SessionWithContent): void {
  const destinations = core.webhooks.subscribers(row.application_id, 'status.updated');
  if (destinations.length === 0) return;
  const decision = decisionPayload(row, {
    mediaUrl: core.media.urlFactory(core.publicBaseUrl),
    origin: core.publicBaseUrl,
  });
  const event = {
    event_id: randomUUID(),
    webhook_type: 'status.updated',
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
