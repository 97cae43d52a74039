/**
 * First start on an empty data dir: two applications (issuer, receiver), each with a KYC and a KYB workflow.
 * With `demo`, the generator's plan fills them: every issuer session stored, then the plan's imports performed
 * through the same mint + import code as the API, so the receiver already holds imported sessions.
 * Runs in one transaction: a crash half-way leaves an empty database, which the next start treats as fresh.
 */
import type { SandboxCore } from './sandbox-state.js';
import { storeSession } from './sessions-service.js';
import { importSharedSession, mintShareToken } from './share-import.js';
import type { Application, Workflow } from './store/applications.js';
import type { SessionKind } from '../shared/didit/statuses.js';
import { demoPlan } from './synthetic/index.js';

const DEFAULT_APPLICATION_NAMES = ['Sandbox issuer', 'Sandbox receiver'];
const HOUR_MS = 3_600_000;
/** Demo captures are spread back in time so age filters and sorting have something to show. */
const CAPTURE_SPACING_MS = 7 * HOUR_MS;
const IMPORT_DELAY_MS = 3 * HOUR_MS;

/** Returns the API keys created (by application id); empty when the data dir already held applications. */
export async function initializeDataDir(core: SandboxCore, demo: boolean): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  if (core.apps.list().length > 0) return keys;
  core.db.exec('BEGIN IMMEDIATE');
  try {
    const names = demo ? demoPlan().applications.map((a) => a.name) : DEFAULT_APPLICATION_NAMES;
    const created = names.map((name) => core.apps.create(name));
    for (const c of created) keys.set(c.application.id, c.apiKey);
    if (demo) await loadDemo(core, created);
    core.db.exec('COMMIT');
  } catch (err) {
    core.db.exec('ROLLBACK');
    throw err;
  }
  return keys;
}

interface CreatedApplication {
  application: Application;
  workflows: Workflow[];
}

const workflowFor = (app: CreatedApplication, kind: SessionKind): Workflow => {
  const workflow = app.workflows.find((w) => w.session_kind === kind);
  if (!workflow) throw new Error(`Application ${app.application.name} has no ${kind} workflow`);
  return workflow;
};

async function loadDemo(core: SandboxCore, created: CreatedApplication[]): Promise<void> {
  const plan = demoPlan();
  const [issuer, receiver] = created;
  if (!issuer || !receiver) throw new Error('The demo plan needs two applications');
  const now = core.clock.nowMs();
  const count = plan.issuerSessions.length;
  const captureTime = (index: number) => now - (count - index) * CAPTURE_SPACING_MS;
  const stored = plan.issuerSessions.map((synthetic, index) =>
    storeSession(core, issuer.application, workflowFor(issuer, synthetic.kind), synthetic, {
      createdAt: new Date(captureTime(index)).toISOString(),
      // Its media are filled in at their first download (synthetic-media-store.ts).
      demoIndex: index,
    }),
  );
  for (const planned of plan.imports) {
    const source = stored[planned.issuerSessionIndex];
    if (!source) throw new Error(`The demo plan imports unknown issuer session ${planned.issuerSessionIndex}`);
    const { share_token } = await mintShareToken(core, issuer.application, source.id, {
      for_application_id: receiver.application.id,
    });
    const importedAt = Math.min(now, captureTime(planned.issuerSessionIndex) + IMPORT_DELAY_MS);
    await importSharedSession(
      core,
      receiver.application,
      {
        share_token,
        workflow_id: workflowFor(receiver, source.session_kind).id,
        vendor_data: planned.vendorData,
        trust_review: planned.trustReview,
      },
      { createdAt: new Date(importedAt).toISOString() },
    );
  }
}
