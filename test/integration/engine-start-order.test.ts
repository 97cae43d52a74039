/**
 * At engine start, the connections that fill the review queue sync first: an issue-only connection (the outbound
 * picker's cache) starts its first pass only once the receivers' first pass is over, so the inbox the analyst waits
 * for is not slowed by sessions nobody reviews. An import made outside the app is still attributed to its partner
 * when the originals arrive last, with no queued session changing.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewerEvent } from '../../shared/reviewer-api.js';
import { createSession, importToken, mintToken } from './helpers/sandbox.js';
import { waitFor } from './helpers/basics.js';
import { connectionInput, engineTestBed, testKeychain, type EngineTestBed } from './helpers/engine.js';

/** Sessions the issuer could share, In Review sessions of the receiver, and one import of an issuer's session. */
async function fillSandbox({ apps }: EngineTestBed): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    await createSession(apps.baseUrl, apps.receiver.apiKey, { session_kind: 'user', status: 'In Review' });
  }
  // Made outside the app (another client of the receiving application): its original is the issuer's.
  const original = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
  const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, original.session_id, apps.receiver.id);
  const workflowId = apps.receiver.workflows.find((w) => w.session_kind === 'user')!.id;
  const imported = await importToken(apps.baseUrl, apps.receiver.apiKey, {
    share_token: token,
    workflow_id: workflowId,
  });
  expect(imported.status).toBe(201);
}

/**
 * A profile with both connections (the receiver synced once when `receiverCached`), then opened again with background
 * sync, as the app starts.
 */
async function startAgain(bed: EngineTestBed, opts: { receiverCached: boolean }) {
  const { apps } = bed;
  const secrets = await testKeychain();
  const seedConnections = [
    connectionInput(apps.baseUrl, apps.receiver, 'receiver'),
    connectionInput(apps.baseUrl, apps.issuer, 'issuer'),
  ];
  const first = await bed.openEngine({ secrets, seedConnections });
  const ids = async (engine: typeof first) => {
    const connections = await engine.listConnections();
    return {
      receiverId: connections.find((c) => c.role === 'receiver')!.id,
      issuerId: connections.find((c) => c.role === 'issuer')!.id,
    };
  };
  if (opts.receiverCached) await first.syncAndWait((await ids(first)).receiverId);
  await first.close();
  const engine = await bed.openEngine({ secrets, autoSync: true });
  const events: ReviewerEvent[] = [];
  engine.onEvent((e) => events.push(e));
  return { engine, events, ...(await ids(engine)) };
}

describe('engine start: the review queue first', () => {
  const bed = engineTestBed('start-order');

  it('starts the issuer after the receiver has finished its first pass', async () => {
    await fillSandbox(bed);
    const { engine, events, receiverId, issuerId } = await startAgain(bed, { receiverCached: false });
    const progress = () => events.flatMap((e, at) => (e.type === 'sync.progress' ? [{ at, ...e.progress }] : []));
    await waitFor(
      () =>
        progress().some((p) => p.connectionId === issuerId && !p.running && p.sessionsDone > 0) ? true : undefined,
      "the issuer's first pass",
    );
    const receiverDone = progress().find((p) => p.connectionId === receiverId && !p.running && p.sessionsDone > 0);
    const issuerStarted = progress().find((p) => p.connectionId === issuerId && p.running)!;
    expect(receiverDone, 'the receiver finished a pass').toBeDefined();
    expect(issuerStarted.at).toBeGreaterThan(receiverDone!.at);
    expect((await engine.listSessions({ view: 'inbox' })).total).toBe(7);
  });
});

describe('engine start: originals that arrive last', () => {
  const bed = engineTestBed('start-attribution');

  it('attributes an outside import to its partner once the issuer has listed its original', async () => {
    await fillSandbox(bed);
    // The receiver's sessions are cached already: at this start only the issuer's pass brings anything new.
    const { engine } = await startAgain(bed, { receiverCached: true });
    const fromIssuer = () => engine.listSessions({ view: 'inbox', sourceApplicationId: bed.apps.issuer.id });
    await waitFor(
      async () => ((await fromIssuer()).total === 1 ? true : undefined),
      'the import attributed to the issuer',
    );
  });
});
