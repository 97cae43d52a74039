/**
 * At engine start, the connections that fill the review queue sync first: an issue-only connection (the outbound
 * picker's cache) starts its first pass only once the receivers' first pass is over, so the inbox the analyst waits
 * for is not slowed by sessions nobody reviews.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewerEvent } from '../../shared/reviewer-api.js';
import { createSession, importToken, mintToken } from './helpers/sandbox.js';
import { waitFor } from './helpers/basics.js';
import { connectionInput, engineTestBed, testKeychain } from './helpers/engine.js';

describe('engine start', () => {
  const bed = engineTestBed('start-order');

  beforeAll(async () => {
    const { apps } = bed;
    // Work for both: sessions the issuer could share, and imports waiting in the receiver's inbox.
    for (let i = 0; i < 6; i++) {
      await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
      await createSession(apps.baseUrl, apps.receiver.apiKey, { session_kind: 'user', status: 'In Review' });
    }
    // An import made outside the app (another client of the receiving application): its original is the issuer's.
    const original = await createSession(apps.baseUrl, apps.issuer.apiKey, {
      session_kind: 'user',
      status: 'Approved',
    });
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, original.session_id, apps.receiver.id);
    const workflowId = apps.receiver.workflows.find((w) => w.session_kind === 'user')!.id;
    const imported = await importToken(apps.baseUrl, apps.receiver.apiKey, {
      share_token: token,
      workflow_id: workflowId,
    });
    expect(imported.status).toBe(201);
  });

  it('starts the issuer after the receiver has finished its first pass', async () => {
    const { apps } = bed;
    const secrets = await testKeychain();
    const seedConnections = [
      connectionInput(apps.baseUrl, apps.receiver, 'receiver'),
      connectionInput(apps.baseUrl, apps.issuer, 'issuer'),
    ];
    // First open: the connections are created; then again with background sync, as a later start of the app.
    await (await bed.openEngine({ secrets, seedConnections })).close();
    const engine = await bed.openEngine({ secrets, autoSync: true });
    const events: ReviewerEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const connections = await engine.listConnections();
    const receiverId = connections.find((c) => c.role === 'receiver')!.id;
    const issuerId = connections.find((c) => c.role === 'issuer')!.id;
    const progress = () => events.flatMap((e, at) => (e.type === 'sync.progress' ? [{ at, ...e.progress }] : []));
    await waitFor(
      () =>
        progress().some((p) => p.connectionId === issuerId && !p.running && p.sessionsDone > 0) ? true : undefined,
      "the issuer's first pass",
    );
    const receiverDone = progress().find((p) => p.connectionId === receiverId && !p.running && p.sessionsDone > 0)!;
    const issuerStarted = progress().find((p) => p.connectionId === issuerId && p.running)!;
    expect(receiverDone, 'the receiver finished a pass').toBeDefined();
    expect(issuerStarted.at).toBeGreaterThan(receiverDone.at);
    expect((await engine.listSessions({ view: 'inbox' })).total).toBeGreaterThanOrEqual(7);
    // The originals arrived last, with no session of the queue changing: the import is attributed all the same.
    await waitFor(async () => {
      const fromIssuer = await engine.listSessions({ view: 'inbox', sourceApplicationId: apps.issuer.id });
      return fromIssuer.total === 1 ? true : undefined;
    }, 'the import attributed to the issuer');
  });
});
