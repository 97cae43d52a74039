/**
 * Four-eyes (issue 9, item 5) with two engines on two profiles (two keychain services, two profile folders) against
 * one sandbox: a KYC proposal is published on the reviews feed (POST reviews, In Review → In Review) and nothing
 * reaches update-status; the other workstation reads it with the proposer's name; the proposer cannot confirm; the
 * second analyst's confirmation sends exactly one status update; a proposal whose evidence changed on the server
 * (an AML hit updated) is voided and cannot be confirmed; proposals made offline are published later; KYB four-eyes
 * works between two analysts of one profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../electron/core/index.js';
import { stripMarker } from '../../shared/decision-text.js';
import {
  call,
  connectionInput,
  createRawSession,
  engineTestBed,
  errorCode,
  removeDir,
  serverSession,
  tempDir,
  testKeychain,
  type SandboxApps,
} from './helpers/engine.js';
import { diditFixture as fixture } from './helpers/basics.js';
import { amlHit, kycSessionWithHits, reviewsFeed as feed } from './helpers/aml.js';
import { takeSandboxOffline } from './helpers/offline.js';

/** An In Review KYC session of the receiver with two Unreviewed hits. */
const kycInReview = (apps: SandboxApps): Promise<string> => kycSessionWithHits(apps, [amlHit('h1'), amlHit('h2')]);

/** Feed rows that set a decided status: what update-status (or a deciding review) wrote. */
const statusUpdates = async (apps: SandboxApps, id: string) =>
  (await feed(apps, id)).filter((r) => r.new_status === 'Approved' || r.new_status === 'Declined').length;

describe('four-eyes across two profiles', () => {
  const bed = engineTestBed('four-eyes');
  const profileB = tempDir('four-eyes-b');
  let apps: SandboxApps;
  let a: Engine;
  let b: Engine;

  beforeAll(async () => {
    apps = bed.apps;
    const seed = [connectionInput(apps.baseUrl, apps.receiver, 'receiver')];
    a = await bed.openEngine({ secrets: await testKeychain(), seedConnections: seed });
    b = await openEngine({
      profileDir: profileB,
      secrets: await testKeychain(),
      seedConnections: seed,
      autoSync: false,
    });
    await a.setAnalyst({ name: 'Ana Ruiz', email: 'ana@example.com' });
    await b.setAnalyst({ name: 'Ben Ortiz', email: 'ben@example.com' });
    for (const e of [a, b]) {
      const [conn] = await e.listConnections({});
      await e.updateSettings({ fourEyes: { [conn.id]: 'all' } });
    }
  });

  afterAll(async () => {
    await b?.close();
    removeDir(profileB);
  });

  it('publishes a proposal made offline, B confirms it, exactly one status update goes out', async () => {
    const id = await kycInReview(apps);
    await a.syncAndWait();
    await b.syncAndWait();
    const detail = await a.getSession({ id });
    expect(detail.fourEyes).toMatchObject({ policy: 'all', required: true, shared: true, proposals: [] });

    // Deciding directly is refused under the policy.
    expect(await errorCode(a.decide({ sessionId: id, newStatus: 'Approved', confirmUnreviewedHits: true }))).toBe(
      'validation',
    );

    // Offline: the proposal queues.
    const backOnline = await takeSandboxOffline(bed);
    const proposal = await a.proposeDecision({
      sessionId: id,
      newStatus: 'Approved',
      comment: 'Documents and selfie check out.',
      confirmUnreviewedHits: true,
    });
    expect(proposal).toMatchObject({ state: 'open', publication: 'pending', origin: 'local' });
    await a.syncAndWait().catch(() => undefined);
    await backOnline();
    await a.syncAndWait();
    expect((await a.getSession({ id })).fourEyes.proposals[0]).toMatchObject({ publication: 'published' });

    // On the server: one In Review review with the marker, the status untouched, nothing decided.
    const rows = await feed(apps, id);
    const published = rows.filter((r) => String(r.comment ?? '').includes(`[cs-propose:${proposal.id}:Approved:`));
    expect(published).toHaveLength(1);
    expect(published[0].new_status).toBe('In Review');
    expect(stripMarker(String(published[0].comment))).toMatch(/^Ana Ruiz proposes to approve: Documents/);
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('In Review');
    expect(await statusUpdates(apps, id)).toBe(0);
    // Publishing again (another pass) writes nothing more.
    await a.syncAndWait();
    expect((await feed(apps, id)).filter((r) => String(r.comment ?? '').includes(proposal.id))).toHaveLength(1);

    // The proposer cannot confirm their own proposal.
    expect(await errorCode(a.confirmProposal({ id: proposal.id, confirmUnreviewedHits: true }))).toBe('validation');

    // B sees it after its next sync, with A's name.
    await b.syncAndWait();
    const seen = (await b.getSession({ id })).fourEyes.proposals;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: proposal.id,
      origin: 'remote',
      state: 'open',
      newStatus: 'Approved',
      proposer: { name: 'Ana Ruiz' },
      comment: 'Documents and selfie check out.',
    });

    // B confirms: the decision goes out once.
    const decision = await b.confirmProposal({ id: proposal.id, confirmUnreviewedHits: true });
    expect(decision).toMatchObject({ state: 'queued', newStatus: 'Approved', analyst: { name: 'Ben Ortiz' } });
    expect(await statusUpdates(apps, id)).toBe(0);
    await b.syncAndWait();
    await b.syncAndWait();
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('Approved');
    expect(await statusUpdates(apps, id)).toBe(1);
    expect((await b.getSession({ id })).fourEyes.proposals[0]).toMatchObject({ state: 'confirmed' });
    expect(await errorCode(b.confirmProposal({ id: proposal.id, confirmUnreviewedHits: true }))).toBe('validation');

    // A learns it was confirmed.
    await a.syncAndWait();
    expect((await a.getSession({ id })).fourEyes.proposals[0]).toMatchObject({ state: 'confirmed' });
    expect(await statusUpdates(apps, id)).toBe(1);
  });

  it('voids a proposal whose evidence changed on the server; it cannot be confirmed', async () => {
    const id = await kycInReview(apps);
    await a.syncAndWait();
    const proposal = await a.proposeDecision({ sessionId: id, newStatus: 'Declined', comment: 'Face mismatch.' });
    await a.syncAndWait();
    await b.syncAndWait();
    expect((await b.getSession({ id })).fourEyes.proposals[0]).toMatchObject({ state: 'open', newStatus: 'Declined' });

    // Someone else changes an AML hit on the server.
    const res = await call(apps.baseUrl, 'PATCH', `/v3/session/${id}/update-aml-hit-status/`, {
      key: apps.receiver.apiKey,
      body: { hit_id: 'h1', review_status: 'Confirmed Match' },
    });
    expect(res.status).toBe(200);

    await b.syncAndWait();
    const voided = (await b.getSession({ id })).fourEyes.proposals[0];
    expect(voided).toMatchObject({ id: proposal.id, state: 'voided' });
    expect(await errorCode(b.confirmProposal({ id: proposal.id }))).toBe('validation');
    await b.syncAndWait();
    expect(await statusUpdates(apps, id)).toBe(0);
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('In Review');

    // The proposer's side voids it too, and a fresh proposal can be made on the new evidence.
    await a.syncAndWait();
    expect((await a.getSession({ id })).fourEyes.proposals[0]).toMatchObject({ state: 'voided' });
    const again = await a.proposeDecision({ sessionId: id, newStatus: 'Declined', comment: 'Confirmed match.' });
    expect(again.state).toBe('open');
  });

  it('KYB: four-eyes between two analysts of one profile', async () => {
    const created = await createRawSession(
      apps.baseUrl,
      apps.receiver.apiKey,
      { ...fixture('kyb-decision.json'), status: 'IN_REVIEW', reviews: [] },
      'business',
    );
    const id = created.session_id as string;
    await a.setAnalyst({ name: 'Ana Ruiz', email: 'ana@example.com' });
    await a.syncAndWait();
    const detail = await a.getSession({ id });
    expect(detail.fourEyes).toMatchObject({ required: true, shared: false });
    const proposal = await a.proposeDecision({
      sessionId: id,
      newStatus: 'Approved',
      comment: 'Registry and owners verified.',
      confirmUnreviewedHits: true,
    });
    expect(proposal.publication).toBe('local');
    await a.syncAndWait();
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('IN_REVIEW');
    expect(await errorCode(a.confirmProposal({ id: proposal.id, confirmUnreviewedHits: true }))).toBe('validation');

    // The second analyst takes over the profile and confirms.
    await a.setAnalyst({ name: 'Carla Gómez', email: 'carla@example.com' });
    const decision = await a.confirmProposal({ id: proposal.id, confirmUnreviewedHits: true });
    expect(decision.analyst.name).toBe('Carla Gómez');
    await a.syncAndWait();
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, id)).status).toBe('APPROVED');
    await a.setAnalyst({ name: 'Ana Ruiz', email: 'ana@example.com' });
  });
});
