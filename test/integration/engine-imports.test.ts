/**
 * Every error of the share/import contract reaches the analyst as its own ReviewerError code; connection checks
 * report bad keys, dead servers and unknown hosts in words; a decision someone else made first is kept as a
 * conflict and never overwritten.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/index.js';
import {
  call,
  connectionInput,
  createSession,
  deadServerUrl,
  engineTestBed,
  errorCode,
  markerReviews,
  mintToken,
  serverSession,
  testKeychain,
  workflowOf,
  type SandboxApps,
} from './helpers/engine.js';

describe('engine imports, connection checks and conflicts', () => {
  const bed = engineTestBed('imp');
  let apps: SandboxApps;
  let engine: Engine;
  let receiverId: string;
  let issuerId: string;
  let kycWorkflow: string;

  const finished = () => createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
  const redeem = (shareToken: string, workflowId = kycWorkflow) =>
    engine.redeemToken({ connectionId: receiverId, shareToken, workflowId });

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({ secrets: await testKeychain() });
    receiverId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.receiver, 'receiver'))).id;
    issuerId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.issuer, 'issuer'))).id;
    kycWorkflow = workflowOf(apps.receiver, 'user');
  });

  it('gives each import error of the contract its own code', async () => {
    // 401: not a token at all, a tampered one, and one past its expiry.
    expect(await errorCode(redeem('not-a-jwt'))).toBe('token_expired_or_invalid');
    const good = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await finished()).session_id, apps.receiver.id, 60);
    const [h, p, s] = good.split('.');
    expect(await errorCode(redeem(`${h}.${p}.${s.slice(0, -4)}AAAA`))).toBe('token_expired_or_invalid');
    const clock = await call(apps.baseUrl, 'POST', '/sandbox/clock/', {
      key: apps.issuer.apiKey,
      body: {
        advance_seconds: 120,
      },
    });
    expect(clock.status).toBe(200);
    try {
      const err = await redeem(good).catch((e: Error) => e);
      expect((err as { code?: string }).code).toBe('token_expired_or_invalid');
      expect((err as Error).message).toMatch(/ask the partner for a new token/i);
    } finally {
      await call(apps.baseUrl, 'POST', '/sandbox/clock/', { key: apps.issuer.apiKey, body: { offset_seconds: 0 } });
    }

    // 403: issued for a third application.
    const third = await call<{ id: string }>(apps.baseUrl, 'POST', '/sandbox/applications/', {
      key: apps.issuer.apiKey,
      body: {
        name: 'Third party',
      },
    });
    expect(third.status).toBe(201);
    const forThird = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await finished()).session_id, third.body.id);
    expect(await errorCode(redeem(forThird))).toBe('token_not_for_application');

    // 403: redeemed twice.
    const once = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await finished()).session_id, apps.receiver.id);
    expect((await redeem(once)).status).toBe('In Review');
    expect(await errorCode(redeem(once))).toBe('token_already_imported');

    // 404: the workflow is not the receiver's.
    const wf = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await finished()).session_id, apps.receiver.id);
    expect(await errorCode(redeem(wf, workflowOf(apps.issuer, 'user')))).toBe('workflow_not_found');

    // 404: the issuer deleted the source after minting.
    const doomed = await finished();
    const orphan = await mintToken(apps.baseUrl, apps.issuer.apiKey, doomed.session_id, apps.receiver.id);
    expect(
      (await call(apps.baseUrl, 'DELETE', `/v3/session/${doomed.session_id}/delete/`, { key: apps.issuer.apiKey }))
        .status,
    ).toBe(204);
    expect(await errorCode(redeem(orphan))).toBe('source_session_deleted');

    // 400: the source went back to an unfinished status after the token was minted.
    const reopened = await finished();
    const late = await mintToken(apps.baseUrl, apps.issuer.apiKey, reopened.session_id, apps.receiver.id);
    const patched = await call(apps.baseUrl, 'PATCH', `/v3/session/${reopened.session_id}/update-status/`, {
      key: apps.issuer.apiKey,
      body: {
        new_status: 'Resubmitted',
      },
    });
    expect(patched.status).toBe(200);
    expect(await errorCode(redeem(late))).toBe('session_not_finished');

    // Input the schema refuses never reaches the server.
    expect(
      await errorCode(engine.redeemToken({ connectionId: receiverId, shareToken: '', workflowId: kycWorkflow })),
    ).toBe('validation');
    expect(await errorCode(redeem(once, 'not-a-uuid'))).toBe('validation');
  });

  it('refuses to mint for unfinished sessions and logs minted tokens without the token', async () => {
    await engine.savePartner({ name: 'Harbor partner', applicationId: apps.receiver.id, agreementReference: 'DSA-1' });
    const open = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'In Progress' });
    expect(
      await errorCode(
        engine.mintToken({
          connectionId: issuerId,
          sessionId: open.session_id,
          partnerApplicationId: apps.receiver.id,
        }),
      ),
    ).toBe('session_not_finished');
    const shareable = await engine.listShareableSessions({ connectionId: issuerId });
    expect(shareable.map((r) => r.id)).not.toContain(open.session_id);
    await engine.savePartner({ name: 'Harbor partner', applicationId: apps.receiver.id });
    const session = await finished();
    const minted = await engine.mintToken({
      connectionId: issuerId,
      sessionId: session.session_id,
      partnerApplicationId: apps.receiver.id,
      ttlSeconds: 120,
    });
    expect(minted.partnerName).toBe('Harbor partner');
    expect(Date.parse(minted.expiresAt) - Date.parse(minted.mintedAt)).toBeGreaterThan(100_000);
    const audit = await engine.listAudit({ limit: 500 });
    const entry = audit.entries.find((e) => e.type === 'token.minted' && e.sessionId === session.session_id);
    expect(entry).toBeDefined();
    expect(JSON.stringify(audit.entries)).not.toContain(minted.shareToken!);
    expect(
      await errorCode(
        engine.mintToken({
          connectionId: receiverId,
          sessionId: session.session_id,
          partnerApplicationId: apps.issuer.id,
        }),
      ),
    ).toBe('validation');
  });

  it('reports bad keys, dead servers and unknown hosts when a connection is added', async () => {
    const bad = await engine
      .addConnection(
        connectionInput(apps.baseUrl, apps.receiver, 'receiver', {
          apiKey: 'wrong-key',
          name: 'Bad key',
          applicationId: crypto.randomUUID(),
        }),
      )
      .catch((e: Error & { code: string }) => e);
    expect((bad as { code: string }).code).toBe('auth_failed');
    expect((bad as Error).message).toContain('Authentication credentials were not provided or are invalid.');

    const deadUrl = await deadServerUrl();
    expect(
      await errorCode(
        engine.addConnection(
          connectionInput(deadUrl, apps.issuer, 'issuer', { name: 'Dead', applicationId: crypto.randomUUID() }),
        ),
      ),
    ).toBe('unreachable');
    expect(
      await errorCode(
        engine.addConnection(
          connectionInput('https://countersign-no-such-host.invalid', apps.issuer, 'issuer', {
            name: 'Nowhere',
            applicationId: crypto.randomUUID(),
          }),
        ),
      ),
    ).toBe('dns_failed');
    // Nothing was stored for the refused ones.
    expect((await engine.listConnections({})).map((c) => c.name).sort()).toEqual(
      [`issuer ${apps.issuer.name}`, `receiver ${apps.receiver.name}`].sort(),
    );
    expect((await engine.testConnection({ id: receiverId })).ok).toBe(true);
  });

  it('keeps a conflict when someone else decided first, and never overwrites it', async () => {
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await finished()).session_id, apps.receiver.id);
    const { sessionId } = await redeem(token);
    // A colleague declines it straight on the server while our analyst approves it offline-first.
    const theirs = await call(apps.baseUrl, 'PATCH', `/v3/session/${sessionId}/update-status/`, {
      key: apps.receiver.apiKey,
      body: {
        new_status: 'Declined',
        comment: 'Declined by a colleague',
      },
    });
    expect(theirs.status).toBe(200);
    const ours = await engine.decide({ sessionId, newStatus: 'Approved', comment: 'Looks fine to me' });
    expect((await engine.getSession({ id: sessionId })).row.status).toBe('Approved');
    await engine.syncAndWait();

    const [conflict] = await engine.listDecisions({ states: ['conflict'] });
    expect(conflict.id).toBe(ours.id);
    expect(conflict.serverStatus).toBe('Declined');
    expect(conflict.serverComment).toBe('Declined by a colleague');
    const server = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(server.status).toBe('Declined');
    expect(markerReviews(server, ours.marker)).toBe(0);
    expect(server.reviews).toHaveLength(1);
    const detail = await engine.getSession({ id: sessionId });
    expect(detail.row.status).toBe('Declined');
    expect(detail.audit.map((e) => e.type)).toContain('decision.conflict');
    expect((await engine.getStatus({})).outbox).toEqual({ pending: 0, conflicts: 1 });
    // It cannot be decided again over the colleague's decision.
    expect(await errorCode(engine.decide({ sessionId, newStatus: 'Approved' }))).toBe('validation');

    // More passes never send it.
    await engine.syncAndWait();
    expect(markerReviews(await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId), ours.marker)).toBe(0);

    expect(conflict.acknowledgedAt).toBeNull();
    const acknowledged = await engine.acknowledgeConflict({ id: conflict.id });
    expect(acknowledged.acknowledgedAt).toEqual(expect.any(String));
    expect(Date.parse(acknowledged.acknowledgedAt!)).not.toBeNaN();
    expect((await engine.getStatus({})).outbox).toEqual({ pending: 0, conflicts: 0 });
    const [kept] = await engine.listDecisions({ states: ['conflict'] });
    expect(kept).toMatchObject({ id: conflict.id, state: 'conflict', acknowledgedAt: acknowledged.acknowledgedAt });
    // Acknowledging again changes nothing: same time, one audit entry, and the entry's time is the stored one.
    expect((await engine.acknowledgeConflict({ id: conflict.id })).acknowledgedAt).toBe(acknowledged.acknowledgedAt);
    const acks = (await engine.listAudit({ sessionId, limit: 500 })).entries.filter(
      (e) => e.type === 'decision.conflict_acknowledged',
    );
    expect(acks.map((e) => [e.details.decisionId, e.at])).toEqual([[conflict.id, acknowledged.acknowledgedAt]]);
    expect((await engine.verifyAudit({})).ok).toBe(true);
  });

  it('requires a comment to decline and refuses unknown sessions', async () => {
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await finished()).session_id, apps.receiver.id);
    const { sessionId } = await redeem(token);
    expect(await errorCode(engine.decide({ sessionId, newStatus: 'Declined', comment: '   ' }))).toBe('validation');
    expect(await errorCode(engine.decide({ sessionId: 'nope', newStatus: 'Approved' }))).toBe('not_found');
    expect(await errorCode(engine.decide({ sessionId, newStatus: 'Resubmitted' as 'Approved' }))).toBe('validation');
    expect(await errorCode(engine.getSession({ id: 'nope' }))).toBe('not_found');
    expect(await errorCode(engine.syncNow({ connectionId: 'nope' }))).toBe('not_found');
  });
});
