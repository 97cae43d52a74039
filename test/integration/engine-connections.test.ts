/**
 * Connections as the status bar and the settings page show them: never contacted is unknown (null), not online; the
 * first failed call marks an unreachable server offline, whatever the connection's role, while a server that refuses
 * the key answered, so its connection is online and shows the refusal. And the in-memory demo
 * profile refuses a connection of one's own at once, saying how to get an OS keychain, while its seeded demo
 * connections keep syncing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewerEvent } from '../../shared/reviewer-api.js';
import { MemoryKeychain, type Engine } from '../../electron/core/index.js';
import {
  call,
  connectionInput,
  createSession,
  deadServerUrl,
  engineTestBed,
  testKeychain,
  type SandboxApps,
} from './helpers/engine.js';

describe('connection state', () => {
  const bed = engineTestBed('state');
  let apps: SandboxApps;
  let deadUrl: string;
  let engine: Engine;

  beforeAll(async () => {
    apps = bed.apps;
    deadUrl = await deadServerUrl();
  });

  it('is unknown until contacted, then online or offline after the first call, for every role', async () => {
    // A refused key is not offline: the server answered (errors.ts, isOffline).
    engine = await bed.openEngine({
      secrets: await testKeychain(),
      seedConnections: [
        connectionInput(apps.baseUrl, apps.receiver, 'receiver', { name: 'Live receiver' }),
        connectionInput(deadUrl, apps.receiver, 'receiver', { name: 'Dead receiver' }),
        connectionInput(deadUrl, apps.issuer, 'issuer', { name: 'Dead issuer' }),
        connectionInput(apps.baseUrl, apps.issuer, 'issuer', { name: 'Refused issuer', apiKey: 'wrong-key' }),
      ],
    });
    const events: ReviewerEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const onlineByName = async () =>
      Object.fromEntries((await engine.getStatus({})).connections.map((c) => [c.name, c.online]));
    expect(await onlineByName()).toEqual({
      'Live receiver': null,
      'Dead receiver': null,
      'Dead issuer': null,
      'Refused issuer': null,
    });
    expect((await engine.listConnections({})).map((c) => [c.online, c.lastError])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);

    await engine.syncAndWait();
    const after = await engine.listConnections({});
    const byName = new Map(after.map((c) => [c.name, c]));
    expect(byName.get('Live receiver')).toMatchObject({ online: true, lastError: null });
    for (const name of ['Dead receiver', 'Dead issuer']) {
      expect(byName.get(name)?.online).toBe(false);
      expect(byName.get(name)?.lastError).toMatch(/Could not reach/);
    }
    expect(byName.get('Refused issuer')).toMatchObject({ online: true });
    expect(byName.get('Refused issuer')?.lastError).toMatch(/refused the API key/);
    expect(await onlineByName()).toEqual({
      'Live receiver': true,
      'Dead receiver': false,
      'Dead issuer': false,
      'Refused issuer': true,
    });
    const states = events.flatMap((e) => (e.type === 'connection.state' ? [[e.connectionId, e.online]] : []));
    expect(states).toHaveLength(4);
    expect(states.filter(([, online]) => online === false)).toHaveLength(2);

    // A one-off call refused the same way says so, and leaves the connection online with the refusal shown.
    const refusedId = byName.get('Refused issuer')!.id;
    const refusal = await engine.listShareableSessions({ connectionId: refusedId }).catch((e: { code?: string }) => e);
    expect(refusal).toMatchObject({ code: 'auth_failed' });
    const refused = (await engine.listConnections({})).find((c) => c.id === refusedId);
    expect(refused).toMatchObject({ online: true });
    expect(refused?.lastError).toMatch(/refused the API key/);
  });
});

describe('demo profile in memory', () => {
  const bed = engineTestBed('mem');
  let apps: SandboxApps;
  let engine: Engine;

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({
      secrets: new MemoryKeychain(),
      demo: true,
      seedConnections: [
        connectionInput(apps.baseUrl, apps.receiver, 'receiver'),
        connectionInput(apps.baseUrl, apps.issuer, 'issuer'),
      ],
    });
  });

  it("refuses a connection of one's own before any network call, and says how to get a keychain", async () => {
    expect((await engine.getStatus({})).keychain).toBe('memory');
    // An address that does not resolve: a network attempt would have said dns_failed.
    const nowhere = await engine
      .addConnection(
        connectionInput('https://countersign-no-such-host.invalid', apps.issuer, 'issuer', {
          name: 'My bank',
          applicationId: crypto.randomUUID(),
        }),
      )
      .catch((e: { code?: string; message?: string }) => e);
    expect(nowhere).toMatchObject({ code: 'keychain_unavailable' });
    expect((nowhere as Error).message).toMatch(/memory only/);
    expect((nowhere as Error).message).toMatch(/GNOME Keyring or KWallet/);
    expect((nowhere as Error).message).toMatch(/macOS and Windows/);

    // A real, reachable application with a valid key is refused the same way.
    const third = await call<{ id: string; api_key: string }>(apps.baseUrl, 'POST', '/sandbox/applications/', {
      key: apps.issuer.apiKey,
      body: { name: 'Third party' },
    });
    expect(third.status).toBe(201);
    const real = await engine
      .addConnection({
        name: 'Third',
        baseUrl: apps.baseUrl,
        applicationId: third.body.id,
        role: 'receiver',
        apiKey: third.body.api_key,
      })
      .catch((e: { code?: string }) => e);
    expect(real).toMatchObject({ code: 'keychain_unavailable' });
    expect((await engine.listConnections({})).map((c) => c.role).sort()).toEqual(['issuer', 'receiver']);
  });

  it('keeps the seeded demo connections working', async () => {
    const review = await createSession(apps.baseUrl, apps.receiver.apiKey, {
      session_kind: 'user',
      status: 'In Review',
    });
    const shareable = await createSession(apps.baseUrl, apps.issuer.apiKey, {
      session_kind: 'user',
      status: 'Approved',
    });
    await engine.syncAndWait();
    expect((await engine.listSessions({ view: 'inbox' })).rows.map((r) => r.id)).toEqual([review.session_id]);
    const connections = await engine.listConnections({});
    const issuer = connections.find((c) => c.role === 'issuer')!;
    expect((await engine.listShareableSessions({ connectionId: issuer.id })).map((r) => r.id)).toContain(
      shareable.session_id,
    );
    expect(connections.map((c) => c.online)).toEqual([true, true]);
  });
});
