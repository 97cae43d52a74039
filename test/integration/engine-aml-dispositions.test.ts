/**
 * AML hit dispositions and evidence stamps (issue 9, items 2 and 6) against the real sandbox: dispositions made
 * offline reach the server exactly once (single and bulk route, recognised by reading review_status back), a hit
 * someone else changed first is a conflict, False Positive hits leave the queue's AML count and risk as soon as they
 * are recorded, the approve policy asks for a confirmation (or refuses), and a decision whose evidence changed on the
 * server is held, not sent (and the hold never overwrites a retraction).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/index.js';
import type { OsKeychain } from '../../electron/core/keychain/index.js';
import {
  call,
  connectionInput,
  engineTestBed,
  errorCode,
  serverSession,
  testKeychain,
  waitFor,
  type Json,
  type SandboxApps,
} from './helpers/engine.js';
import { amlHit, kycSessionWithHits, reviewsFeed } from './helpers/aml.js';
import { takeSandboxOffline } from './helpers/offline.js';
import { startMediaHost, type MediaHost } from './helpers/media-host.js';

/** An In Review KYC session of the receiver with three Unreviewed hits on one screening. */
const sessionWithHits = (apps: SandboxApps, adjust?: (payload: Json) => Json): Promise<string> =>
  kycSessionWithHits(apps, [amlHit('h1', 90), amlHit('h2', 70), amlHit('h3', 40)], adjust);

const hitsOf = (payload: Json): Record<string, string> =>
  Object.fromEntries((payload.aml_screenings[0].hits as Json[]).map((h) => [h.id, h.review_status]));

const feedCount = async (apps: SandboxApps, id: string): Promise<number> =>
  (await reviewsFeed(apps, id)).filter((r) => r.activity_type === 'AML_HIT_UPDATED').length;

describe('AML dispositions and evidence stamps', () => {
  const bed = engineTestBed('aml');
  let apps: SandboxApps;
  let keychain: OsKeychain;
  let engine: Engine;
  let media: MediaHost;

  beforeAll(async () => {
    apps = bed.apps;
    keychain = await testKeychain();
    engine = await bed.openEngine({
      secrets: keychain,
      seedConnections: [connectionInput(apps.baseUrl, apps.receiver, 'receiver')],
    });
    media = await startMediaHost();
  });

  afterAll(async () => {
    await media?.close();
  });

  /** The session's queue row as the inbox lists it (riskiest first). */
  const queueRow = async (id: string) =>
    (await engine.listSessions({ view: 'inbox', sort: 'risk', limit: 500 })).rows.find((r) => r.id === id);

  it('sends dispositions made offline exactly once (bulk), and False Positives leave the AML count', async () => {
    const id = await sessionWithHits(apps);
    await engine.syncAndWait();
    expect((await engine.getSession({ id })).row.amlHits).toBe(3);

    // Rationale is required for Confirmed Match and False Positive.
    expect(await errorCode(engine.disposeAmlHit({ sessionId: id, hitId: 'h1', reviewStatus: 'Confirmed Match' }))).toBe(
      'validation',
    );

    const backOnline = await takeSandboxOffline(bed);
    const confirmed = await engine.disposeAmlHit({
      sessionId: id,
      hitId: 'h1',
      reviewStatus: 'Confirmed Match',
      rationale: 'Same date of birth and nationality as the listing.',
    });
    await engine.disposeAmlHit({ sessionId: id, hitId: 'h2', reviewStatus: 'Inconclusive' });
    // Changed mind before it was sent: the queued one is superseded, only the latest goes out.
    const fp = await engine.disposeAmlHit({
      sessionId: id,
      hitId: 'h2',
      reviewStatus: 'False Positive',
      rationale: 'Different birth year.',
    });
    expect(confirmed.state).toBe('queued');
    expect(confirmed.analyst).toBeTruthy();
    const offline = await engine.getSession({ id });
    expect(hitsOf(offline.payload)).toEqual({ h1: 'Confirmed Match', h2: 'False Positive', h3: 'Unreviewed' });
    expect(offline.dispositions.map((d) => d.state)).toEqual(['queued', 'superseded', 'queued']);
    await engine.syncAndWait();
    expect((await engine.getStatus({})).outbox.pending).toBe(2);

    await backOnline();
    await engine.syncAndWait();
    const synced = await engine.getSession({ id });
    expect(synced.dispositions.filter((d) => d.state === 'synced').map((d) => d.id)).toEqual([confirmed.id, fp.id]);
    expect(hitsOf(await serverSession(apps.baseUrl, apps.receiver.apiKey, id))).toEqual({
      h1: 'Confirmed Match',
      h2: 'False Positive',
      h3: 'Unreviewed',
    });
    // One bulk call: one feed entry. Another pass sends nothing.
    expect(await feedCount(apps, id)).toBe(1);
    await engine.syncAndWait();
    expect(await feedCount(apps, id)).toBe(1);
    // The False Positive no longer counts in the queue; the confirmed match does.
    expect(synced.row.amlHits).toBe(2);
    const audit = await engine.listAudit({ sessionId: id, types: ['aml.*'] });
    expect(audit.entries.map((e) => e.type)).toContain('aml.disposition_synced');
    expect(audit.entries.find((e) => e.type === 'aml.disposition_made')?.actor).toBeTruthy();
  });

  it('recognises a disposition already applied (a lost answer) and keeps a conflict when someone else changed the hit', async () => {
    const id = await sessionWithHits(apps);
    await engine.syncAndWait();
    const d1 = await engine.disposeAmlHit({ sessionId: id, hitId: 'h1', reviewStatus: 'Inconclusive' });
    const d3 = await engine.disposeAmlHit({
      sessionId: id,
      hitId: 'h3',
      reviewStatus: 'False Positive',
      rationale: 'Namesake.',
    });
    // h1 reached the server already (as if the answer was lost); h3 was set by another analyst meanwhile.
    const patch = (body: Json) =>
      call(apps.baseUrl, 'PATCH', `/v3/session/${id}/update-aml-hit-status/`, { key: apps.receiver.apiKey, body });
    expect((await patch({ hit_id: 'h1', review_status: 'Inconclusive' })).status).toBe(200);
    expect((await patch({ hit_id: 'h3', review_status: 'Confirmed Match' })).status).toBe(200);
    const before = await feedCount(apps, id);
    await engine.syncAndWait();
    const after = await engine.getSession({ id });
    const byId = new Map(after.dispositions.map((d) => [d.id, d]));
    expect(byId.get(d1.id)?.state).toBe('synced');
    expect(byId.get(d3.id)?.state).toBe('conflict');
    expect(byId.get(d3.id)?.conflictReason).toBe('changed_elsewhere');
    expect(byId.get(d3.id)?.serverStatus).toBe('Confirmed Match');
    expect(await feedCount(apps, id)).toBe(before);
    expect(hitsOf(after.payload).h3).toBe('Confirmed Match');
    expect((await engine.getStatus({})).outbox.conflicts).toBeGreaterThanOrEqual(1);
    const acked = await engine.acknowledgeDisposition({ id: d3.id });
    expect(acked.acknowledgedAt).toBeTruthy();
  });

  it('asks for a confirmation before approving with Unreviewed hits, or refuses under the block policy', async () => {
    const id = await sessionWithHits(apps);
    await engine.syncAndWait();
    expect(await errorCode(engine.decide({ sessionId: id, newStatus: 'Approved' }))).toBe('validation');
    await engine.updateSettings({ unreviewedHitsOnApprove: 'block' });
    expect(await errorCode(engine.decide({ sessionId: id, newStatus: 'Approved', confirmUnreviewedHits: true }))).toBe(
      'validation',
    );
    const settingsEntry = (await engine.listAudit({ types: ['settings.changed'], order: 'desc' })).entries[0];
    expect(settingsEntry?.details.old).toEqual({ unreviewedHitsOnApprove: 'confirm' });
    expect(settingsEntry?.details.new).toEqual({ unreviewedHitsOnApprove: 'block' });
    await engine.updateSettings({ unreviewedHitsOnApprove: 'confirm' });
    const decision = await engine.decide({ sessionId: id, newStatus: 'Approved', confirmUnreviewedHits: true });
    expect(decision.state).toBe('queued');
    await engine.syncAndWait();
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('Approved');
  });

  it('holds a decision whose evidence changed on the server instead of sending it', async () => {
    const id = await sessionWithHits(apps);
    await engine.syncAndWait();
    await engine.disposeAmlHit({ sessionId: id, hitId: 'h1', reviewStatus: 'False Positive', rationale: 'Namesake.' });
    await engine.disposeAmlHit({ sessionId: id, hitId: 'h2', reviewStatus: 'False Positive', rationale: 'Namesake.' });
    await engine.disposeAmlHit({ sessionId: id, hitId: 'h3', reviewStatus: 'Inconclusive' });
    // Our own dispositions, sent first, are part of the evidence the decision was made on: it is not held for them.
    const ok = await engine.decide({ sessionId: id, newStatus: 'Declined', comment: 'Inconclusive listing.' });
    await engine.syncAndWait();
    expect((await engine.getSession({ id })).decisions.find((d) => d.id === ok.id)?.state).toBe('synced');

    const other = await sessionWithHits(apps);
    await engine.syncAndWait();
    await engine.disposeAmlHit({ sessionId: other, hitId: 'h1', reviewStatus: 'False Positive', rationale: 'No.' });
    await engine.disposeAmlHit({ sessionId: other, hitId: 'h2', reviewStatus: 'False Positive', rationale: 'No.' });
    await engine.disposeAmlHit({ sessionId: other, hitId: 'h3', reviewStatus: 'False Positive', rationale: 'No.' });
    await engine.syncAndWait();
    const decision = await engine.decide({ sessionId: other, newStatus: 'Approved', comment: 'All hits cleared.' });
    // Meanwhile an analyst elsewhere re-opens a hit: the evidence changed.
    const res = await call(apps.baseUrl, 'PATCH', `/v3/session/${other}/update-aml-hit-status/`, {
      key: apps.receiver.apiKey,
      body: { hit_id: 'h1', review_status: 'Unreviewed' },
    });
    expect(res.status).toBe(200);
    await engine.syncAndWait();
    const held = await engine.getSession({ id: other });
    expect(held.decisions.find((d) => d.id === decision.id)?.state).toBe('conflict');
    expect(held.heldDecisionIds).toEqual([decision.id]);
    expect(held.row.status).toBe('In Review');
    expect(hitsOf(held.payload).h1).toBe('Unreviewed');
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, other)).status).toBe('In Review');
    const audit = await engine.listAudit({ sessionId: other, types: ['decision.held'] });
    expect(audit.total).toBe(1);
  });

  it('counts a hit dismissed locally out of the queue at once, before the disposition is sent', async () => {
    const id = await sessionWithHits(apps);
    await engine.syncAndWait();
    const synced = (await queueRow(id))!;
    expect(synced.amlHits).toBe(3);

    const backOnline = await takeSandboxOffline(bed);
    const dismiss = (hitId: string) =>
      engine.disposeAmlHit({ sessionId: id, hitId, reviewStatus: 'False Positive', rationale: 'Another person.' });
    await dismiss('h1');
    const oneDismissed = (await queueRow(id))!;
    expect(oneDismissed.amlHits).toBe(2);
    expect(oneDismissed.riskScore).toBeLessThan(synced.riskScore);
    // The case and the queue say the same.
    expect((await engine.getSession({ id })).row).toMatchObject({ amlHits: 2, riskScore: oneDismissed.riskScore });

    // Every hit dismissed: the session leaves the "has AML hits" filter.
    await dismiss('h2');
    await dismiss('h3');
    expect((await queueRow(id))!.amlHits).toBe(0);
    const withHits = await engine.listSessions({ view: 'inbox', hasAmlHits: true, limit: 500 });
    expect(withHits.rows.map((r) => r.id)).not.toContain(id);

    // A change of mind before it is sent (the queued False Positive is superseded) counts again at once.
    await engine.disposeAmlHit({ sessionId: id, hitId: 'h3', reviewStatus: 'Unreviewed' });
    const offline = (await queueRow(id))!;
    expect(offline.amlHits).toBe(1);

    // Once sent, the server's copy gives the same figures.
    await backOnline();
    await engine.syncAndWait();
    expect(hitsOf(await serverSession(apps.baseUrl, apps.receiver.apiKey, id))).toEqual({
      h1: 'False Positive',
      h2: 'False Positive',
      h3: 'Unreviewed',
    });
    expect(await queueRow(id)).toMatchObject({ amlHits: 1, riskScore: offline.riskScore });
  });

  it('records an evidence hold before it refreshes the session, so a retraction meanwhile is never overwritten', async () => {
    // A media URL on a host the test holds: refreshing the session waits for it.
    const id = await sessionWithHits(apps, (payload) => {
      payload.id_verifications[0].portrait_image = `${media.url}/portrait.jpg`;
      return payload;
    });
    await engine.syncAndWait();
    const decision = await engine.decide({ sessionId: id, newStatus: 'Approved', confirmUnreviewedHits: true });
    // Meanwhile an analyst elsewhere confirms a hit: the evidence changed.
    const res = await call(apps.baseUrl, 'PATCH', `/v3/session/${id}/update-aml-hit-status/`, {
      key: apps.receiver.apiKey,
      body: { hit_id: 'h1', review_status: 'Confirmed Match' },
    });
    expect(res.status).toBe(200);

    media.hold();
    const pass = engine.syncAndWait();
    await waitFor(() => media.held > 0, 'the sender to refresh the session');
    // The hold is recorded already: the decision is no longer queued, so it cannot be retracted any more.
    expect(await errorCode(engine.retractDecision({ id: decision.id }))).toBe('validation');
    media.release();
    await pass;

    const after = await engine.getSession({ id });
    expect(after.decisions.find((d) => d.id === decision.id)?.state).toBe('conflict');
    expect(after.heldDecisionIds).toEqual([decision.id]);
    expect(after.row.status).toBe('In Review');
    expect(hitsOf(after.payload).h1).toBe('Confirmed Match');
    const audit = await engine.listAudit({ sessionId: id, types: ['decision.*'] });
    expect(audit.entries.map((e) => e.type).sort()).toEqual(['decision.held', 'decision.made']);
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('In Review');
  });

  it('filters the audit trail by analyst, action and date, exports CSV, and the chain still verifies', async () => {
    const actors = await engine.listAuditActors({});
    expect(actors).toContain('system');
    const analyst = actors.find((a) => a !== 'system')!;
    const mine = await engine.listAudit({ actor: analyst, limit: 500 });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actor === analyst)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const made = await engine.listAudit({ types: ['aml.disposition_made'], from: today, to: today, limit: 500 });
    expect(made.total).toBeGreaterThanOrEqual(10);
    expect(made.entries[0].subject).toBeTruthy();
    expect((await engine.listAudit({ from: '2000-01-01', to: '2000-01-02' })).total).toBe(0);
    const csv = await engine.exportAudit({ types: ['aml.disposition_made'] });
    const lines = csv.csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,subject,session_id,outcome,changes,hash');
    expect(lines).toHaveLength(made.total + 1);
    expect(lines[1]).toContain('Unreviewed → ');
    expect((await engine.verifyAudit({})).ok).toBe(true);
  });
});
