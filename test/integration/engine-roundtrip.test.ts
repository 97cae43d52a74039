/**
 * The round trip of the issue: the issuer mints, the receiver redeems, the poller caches the session with its media,
 * the analyst decides while the sandbox is down, the engine restarts, the sandbox comes back on the same port and
 * data, and the decision reaches the server exactly once, with local status and audit in agreement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mediaReferences } from '../../shared/didit/session.js';
import { startSandbox } from '../../sandbox/index.js';
import type { Engine } from '../../electron/core/index.js';
import type { OsKeychain } from '../../electron/core/keychain/index.js';
import {
  connectionInput,
  createSession,
  engineTestBed,
  markerReviews,
  serverSession,
  testKeychain,
  waitFor,
  workflowOf,
  type SandboxApps,
} from './helpers/engine.js';

describe('engine round trip: mint, import, sync, offline decision, restart, exactly-once delivery', () => {
  const bed = engineTestBed('rt');
  let apps: SandboxApps;
  let keychain: OsKeychain;
  let engine: Engine;

  beforeAll(async () => {
    apps = bed.apps;
    keychain = await testKeychain();
  });

  it('delivers a decision made offline exactly once after a restart', async () => {
    engine = await bed.openEngine({
      secrets: keychain,
      autoSync: true,
      seedConnections: [
        connectionInput(apps.baseUrl, apps.receiver, 'receiver'),
        connectionInput(apps.baseUrl, apps.issuer, 'issuer'),
      ],
    });
    const connections = await engine.listConnections({});
    const receiverConn = connections.find((c) => c.role === 'receiver')!;
    const issuerConn = connections.find((c) => c.role === 'issuer')!;

    // The issuer's finished session, shared from the sidebar.
    const source = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    const shareable = await engine.listShareableSessions({ connectionId: issuerConn.id });
    expect(shareable.map((r) => r.id)).toContain(source.session_id);
    await engine.savePartner({ name: 'Receiver', applicationId: apps.receiver.id, agreementReference: 'DSA-1' });
    const minted = await engine.mintToken({
      connectionId: issuerConn.id,
      sessionId: source.session_id,
      partnerApplicationId: apps.receiver.id,
      ttlSeconds: 600,
    });
    expect(minted.shareToken).toBeTruthy();
    const log = await engine.listMintedTokens({});
    expect(log).toHaveLength(1);
    expect(log[0].shareToken).toBeUndefined();

    // The receiver redeems it: the clone lands In Review with every media item cached.
    const redeemed = await engine.redeemToken({
      connectionId: receiverConn.id,
      shareToken: minted.shareToken!,
      workflowId: workflowOf(apps.receiver, 'user'),
    });
    expect(redeemed.status).toBe('In Review');
    expect(redeemed.sharedFromSession).toBe(source.session_id);
    const sessionId = redeemed.sessionId;
    const detail = await engine.getSession({ id: sessionId });
    const serverCopy = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    const expectedLocators = mediaReferences(serverCopy)
      .map((r) => r.locator)
      .sort();
    expect(expectedLocators.length).toBeGreaterThanOrEqual(4);
    expect(detail.media.map((m) => m.locator).sort()).toEqual(expectedLocators);
    for (const locator of expectedLocators) {
      const media = engine.getMedia(sessionId, locator);
      expect(media?.bytes.length).toBeGreaterThan(100);
      expect(['image/png', 'image/jpeg', 'image/webp', 'application/pdf']).toContain(media?.contentType);
    }
    expect(detail.importInfo?.sourceApplicationId).toBe(apps.issuer.id);

    // A second session arrives on the server side only; the poller brings it in with its media.
    const other = await createSession(apps.baseUrl, apps.receiver.apiKey, {
      session_kind: 'business',
      status: 'In Review',
    });
    await engine.syncAndWait(receiverConn.id);
    const polled = await engine.getSession({ id: other.session_id });
    expect(polled.media.length).toBe(mediaReferences(other).length);

    // The sandbox goes away; the analyst approves anyway.
    const port = new URL(apps.baseUrl).port;
    await bed.sandbox!.close();
    bed.sandbox = null;
    const decision = await engine.decide({ sessionId, newStatus: 'Approved', comment: 'Documents consistent.' });
    expect(decision.state).toBe('queued');
    expect((await engine.getSession({ id: sessionId })).row.status).toBe('Approved');
    await engine.syncAndWait();
    const offline = await engine.listDecisions({});
    expect(offline.map((d) => d.state)).toEqual(['queued']);
    expect((await engine.getStatus({})).outbox.pending).toBe(1);
    expect((await engine.listConnections({})).find((c) => c.id === receiverConn.id)?.online).toBe(false);

    // The app restarts while still offline, then the sandbox comes back with the same data on the same port.
    await engine.close();
    engine = await bed.openEngine({ secrets: keychain, autoSync: true });
    expect((await engine.listDecisions({ states: ['queued', 'sending'] })).map((d) => d.id)).toEqual([decision.id]);
    bed.sandbox = await startSandbox({ dataDir: bed.sandboxDir, port: Number(port) });
    await engine.syncAndWait();
    await waitFor(
      async () => (await engine.listDecisions({ states: ['synced'] })).length === 1,
      'the decision to sync',
    );

    const onServer = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(onServer.status).toBe('Approved');
    expect(markerReviews(onServer, decision.marker)).toBe(1);
    expect(onServer.reviews).toHaveLength(1);
    expect(onServer.reviews![0].comment).toContain('Documents consistent.');

    // Another pass changes nothing on the server: still exactly once.
    await engine.syncAndWait();
    expect(markerReviews(await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId), decision.marker)).toBe(1);

    const after = await engine.getSession({ id: sessionId });
    expect(after.row.status).toBe('Approved');
    expect(after.decisions.map((d) => d.state)).toEqual(['synced']);
    const types = after.audit.map((e) => e.type);
    expect(types).toContain('import.redeemed');
    expect(types.filter((t) => t === 'decision.made')).toHaveLength(1);
    expect(types.filter((t) => t === 'decision.synced')).toHaveLength(1);
    expect(await engine.verifyAudit({})).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect((await engine.getStatus({})).outbox).toEqual({ pending: 0, conflicts: 0 });
  });
});
