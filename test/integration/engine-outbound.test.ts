/**
 * The outbound picker: the issuer's finished sessions show who they are about (subject name) and their AML figures,
 * can be searched by name, never enter the review queue, and are still listed from the cache when the server is
 * unreachable.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { amlHitCount, maxRiskScore, subjectName, type SessionPayload } from '../../shared/didit/session.js';
import type { Engine } from '../../electron/core/index.js';
import {
  call,
  connectionInput,
  createSession,
  engineTestBed,
  testKeychain,
  type SandboxApps,
} from './helpers/engine.js';

/** What an analyst would type: part of the name, in lower case, without accents. */
function typed(name: string): string {
  return name.split(' ').at(-1)!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

describe('outbound picker', () => {
  const bed = engineTestBed('out');
  let apps: SandboxApps;
  let engine: Engine;
  let issuerId: string;
  let bothId: string;
  let person: SessionPayload;
  let company: SessionPayload;

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({ secrets: await testKeychain() });
    issuerId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.issuer, 'issuer'))).id;
    bothId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.receiver, 'both'))).id;
    // Seed 4 draws a subject with AML hits; In Review counts as finished, so it can be shared.
    const screened = await call<SessionPayload>(apps.baseUrl, 'POST', '/sandbox/sessions/', {
      key: apps.issuer.apiKey,
      body: {
        session_kind: 'user',
        status: 'In Review',
        seed: 4,
      },
    });
    expect(screened.status).toBe(201);
    person = screened.body;
    company = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'business', status: 'APPROVED' });
  });

  it("shows the issuer's finished sessions with subject name and AML figures, found by name", async () => {
    const unfinished = await createSession(apps.baseUrl, apps.issuer.apiKey, {
      session_kind: 'user',
      status: 'In Progress',
    });
    await engine.syncAndWait(issuerId);
    const rows = await engine.listShareableSessions({ connectionId: issuerId });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(subjectName(person)).toBeTruthy();
    expect(amlHitCount(person)).toBeGreaterThan(0);
    expect(byId.get(person.session_id)).toMatchObject({
      subjectName: subjectName(person),
      amlHits: amlHitCount(person),
      riskScore: maxRiskScore(person),
      status: 'In Review',
      kind: 'user',
    });
    expect(byId.get(company.session_id)?.subjectName).toBe(subjectName(company));
    expect(byId.has(unfinished.session_id)).toBe(false);

    const found = await engine.listShareableSessions({ connectionId: issuerId, search: typed(subjectName(person)!) });
    expect(found.map((r) => r.id)).toContain(person.session_id);
    expect(found.map((r) => r.id)).not.toContain(company.session_id);

    // The issuer's own sessions are not review work: the queue holds none of them.
    expect((await engine.listSessions({ view: 'all', connectionId: issuerId })).total).toBe(0);
  });

  it('names the sessions of a connection that also receives, from the review cache', async () => {
    const own = await createSession(apps.baseUrl, apps.receiver.apiKey, { session_kind: 'user', status: 'Declined' });
    await engine.syncAndWait(bothId);
    const rows = await engine.listShareableSessions({ connectionId: bothId, search: typed(subjectName(own)!) });
    expect(rows.find((r) => r.id === own.session_id)).toMatchObject({
      subjectName: subjectName(own),
      amlHits: amlHitCount(own),
      status: 'Declined',
    });
  });

  it('drops a session deleted on the server at the next sync', async () => {
    const doomed = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Declined' });
    await engine.syncAndWait(issuerId);
    expect((await engine.listShareableSessions({ connectionId: issuerId })).map((r) => r.id)).toContain(
      doomed.session_id,
    );
    const deleted = await call(apps.baseUrl, 'DELETE', `/v3/session/${doomed.session_id}/delete/`, {
      key: apps.issuer.apiKey,
    });
    expect(deleted.status).toBe(204);
    await engine.syncAndWait(issuerId);
    expect((await engine.listShareableSessions({ connectionId: issuerId })).map((r) => r.id)).not.toContain(
      doomed.session_id,
    );
  });

  it('lists the cached sessions, names included, while the server is unreachable', async () => {
    await bed.sandbox!.close();
    bed.sandbox = null;
    const rows = await engine.listShareableSessions({ connectionId: issuerId });
    expect(rows.find((r) => r.id === person.session_id)?.subjectName).toBe(subjectName(person));
    expect(rows.map((r) => r.id)).toContain(company.session_id);
    const found = await engine.listShareableSessions({ connectionId: issuerId, search: typed(subjectName(person)!) });
    expect(found.map((r) => r.id)).toContain(person.session_id);
    expect((await engine.listConnections({})).find((c) => c.id === issuerId)?.online).toBe(false);
  });
});
