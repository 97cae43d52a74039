/**
 * Session operations shared by the HTTP routes and the demo loader: create a synthetic session, decide
 * (update-status with its transition rules), delete, and the status.updated event every status change fires.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WRONG_STATUS_DETAIL, uuidSchema, type UpdateStatusRequest } from '../shared/api.js';
import {
  canonicalStatus,
  isStatusOfKind,
  sessionKindSchema,
  statusForKind,
  type DecisionStatus,
  type KycStatus,
} from '../shared/statuses.js';
import type { SandboxCore } from './core.js';
import { detailError, fieldError, notFound } from './errors.js';
import { storeSyntheticMedia } from './ingest.js';
import { decisionPayload } from './payload.js';
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

/** Which decisions each current status allows; anything else (including the same status) is "Wrong Current Status". */
const TRANSITIONS: Partial<Record<KycStatus, readonly DecisionStatus[]>> = {
  'In Review': ['Approved', 'Declined', 'Resubmitted'],
  Approved: ['Declined', 'Resubmitted'],
  Declined: ['Approved', 'Resubmitted'],
  Resubmitted: ['Approved', 'Declined'],
};

function isAllowedTransition(from: KycStatus, to: DecisionStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

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

export function updateSessionStatus(
  core: SandboxCore,
  app: Application,
  id: string,
  body: UpdateStatusRequest,
): SessionWithContent {
  const updated = core.db.transaction(() => {
    const row = core.sessions.get(id, app.id);
    if (!row) throw notFound('Session not found.');
    if (!isAllowedTransition(row.status, body.new_status))
      throw detailError(400, 'wrong_current_status', WRONG_STATUS_DETAIL);
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
  const decision = decisionPayload(row, core.media.urlFactory(core.publicBaseUrl));
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
