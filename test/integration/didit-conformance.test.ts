/**
 * Didit's documented payloads through the real engine, served by the real sandbox: each example lands whole, a
 * part with an unexpected shape costs only that part, listing never skips a session whatever the paging, and an
 * import answered in Didit's short documented form is stored at once and completed by the engine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/index.js';
import { DiditClient } from '../../electron/core/didit-client.js';
import { Agent } from 'undici';
import {
  call,
  connectionInput,
  createSession,
  engineTestBed,
  mintToken,
  testKeychain,
  workflowOf,
  type SandboxApps,
} from './helpers/engine.js';
import { diditFixture as fixture } from './helpers/basics.js';

/** Stores a payload verbatim on the sandbox (as the receiving application's) and answers its new id. */
async function storeRaw(apps: SandboxApps, payload: Record<string, unknown>): Promise<string> {
  const res = await call<{ session_id: string }>(apps.baseUrl, 'POST', '/sandbox/sessions/raw/', {
    key: apps.receiver.apiKey,
    body: { payload },
  });
  if (res.status !== 201) throw new Error(`raw session: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.session_id;
}

describe("Didit's documented payloads through the engine", () => {
  const bed = engineTestBed('conf');
  let apps: SandboxApps;
  let engine: Engine;
  let receiverId: string;

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({ secrets: await testKeychain() });
    receiverId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.receiver, 'receiver'))).id;
  });

  it("lands Didit's KYC and KYB examples whole: named, searchable, decidable", async () => {
    const kycId = await storeRaw(apps, { ...fixture('kyc-decision.json'), status: 'In Review' });
    const kybId = await storeRaw(apps, { ...fixture('kyb-decision.json'), status: 'IN_REVIEW' });
    await engine.syncAndWait(receiverId);

    const kyc = await engine.getSession({ id: kycId });
    expect(kyc.unreadable).toEqual([]);
    expect(kyc.row.subjectName).toBeTruthy();
    const kyb = await engine.getSession({ id: kybId });
    expect(kyb.unreadable).toEqual([]);
    expect(kyb.row.subjectName).toBe('Acme Example SL');
    expect(kyb.row.status).toBe('IN_REVIEW');

    const found = await engine.listSessions({ view: 'all', search: 'Acme', limit: 10 });
    expect(found.rows.map((r) => r.id)).toContain(kybId);

    const decision = await engine.decide({ sessionId: kybId, newStatus: 'Approved', comment: '' });
    expect(decision.state).toMatch(/queued|sending|synced/);
  });

  it('keeps a session whose parts have unexpected shapes, and says which parts', async () => {
    const broken = {
      ...fixture('kyc-decision.json'),
      status: 'In Review',
      phone_verifications: [{ carrier: 42, full_number: '+34600000000' }],
      email_verifications: 'not a list',
    };
    const id = await storeRaw(apps, broken);
    await engine.syncAndWait(receiverId);

    const detail = await engine.getSession({ id });
    expect(detail.unreadable.map((p) => p.block)).toEqual(['phone_verifications', 'email_verifications']);
    expect(detail.unreadable[0].raw).toEqual({ carrier: 42, full_number: '+34600000000' });
    expect(detail.row.subjectName).toBeTruthy();
    expect(detail.row.status).toBe('In Review');
    // Still searchable by the person's name and decidable.
    const name = detail.row.subjectName!.split(' ')[0];
    const found = await engine.listSessions({ view: 'all', search: name, limit: 50 });
    expect(found.rows.map((r) => r.id)).toContain(id);
    const audit = await engine.listAudit({ sessionId: id, offset: 0, limit: 50 });
    expect(audit.entries.some((e) => e.type === 'session.partly_read')).toBe(true);
  });

  it('lists every session of both kinds past 100 each, with and without a filter', async () => {
    const kyc = fixture('kyc-decision.json');
    const kyb = fixture('kyb-decision.json');
    const created = new Set<string>();
    for (let i = 0; i < 105; i++) {
      created.add(await storeRaw(apps, { ...kyc, status: i % 2 ? 'Approved' : 'In Review' }));
      created.add(await storeRaw(apps, { ...kyb, status: i % 2 ? 'APPROVED' : 'IN_REVIEW' }));
    }
    const dispatcher = new Agent();
    try {
      const client = new DiditClient({ baseUrl: apps.baseUrl, apiKey: apps.receiver.apiKey, dispatcher });
      const all = await client.listAllSessions();
      const ids = new Set(all.map((s) => s.session_id));
      for (const id of created) expect(ids.has(id)).toBe(true);
      expect(all.filter((s) => s.session_kind === 'business').length).toBeGreaterThan(105);

      const inReview = await client.listAllSessions({ status: 'In Review' });
      expect(inReview.filter((s) => created.has(s.session_id))).toHaveLength(106);
    } finally {
      await dispatcher.close();
    }
  }, 120_000);
});

describe("Didit's short import answer", () => {
  const bed = engineTestBed('short', { importAnswer: 'short' });
  let apps: SandboxApps;
  let engine: Engine;
  let receiverId: string;
  /** A proxy to the sandbox whose decision route fails while `decisionDown` is set. */
  let decisionDown = false;
  let proxy: ReturnType<typeof createServer>;
  let proxyUrl: string;

  beforeAll(async () => {
    apps = bed.apps;
    proxy = createServer((req, res) => {
      if (decisionDown && /\/decision\/$/.test(req.url ?? '')) {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"detail":"Service unavailable"}');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const h of ['x-api-key', 'content-type', 'accept']) {
          const v = req.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        void fetch(new URL(req.url ?? '/', apps.baseUrl), {
          method: req.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        }).then(async (up) => {
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await up.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    engine = await bed.openEngine({ secrets: await testKeychain() });
    receiverId = (await engine.addConnection(connectionInput(proxyUrl, apps.receiver, 'receiver'))).id;
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  const token = async (kind: 'user' | 'business') => {
    const source = await createSession(apps.baseUrl, apps.issuer.apiKey, {
      session_kind: kind,
      status: kind === 'user' ? 'Approved' : 'APPROVED',
    });
    return {
      source,
      shareToken: await mintToken(apps.baseUrl, apps.issuer.apiKey, source.session_id, apps.receiver.id),
    };
  };

  it('stores the session from the short answer and fetches it in full at once', async () => {
    const { source, shareToken } = await token('business');
    const result = await engine.redeemToken({
      connectionId: receiverId,
      shareToken,
      workflowId: workflowOf(apps.receiver, 'business'),
    });
    expect(result.detailsPending).toBe(false);
    const detail = await engine.getSession({ id: result.sessionId });
    expect(detail.detailsPending).toBe(false);
    expect(detail.row.kind).toBe('business');
    expect(detail.row.subjectName).toBeTruthy();
    expect(detail.row.sharedFromSession).toBe(source.session_id);
    expect(detail.importInfo?.sourceApplicationId).toBe(apps.issuer.id);
    expect(detail.media.length).toBeGreaterThan(0);
  });

  it('never reports a spent token as a failed import: the next sync completes the session', async () => {
    const { source, shareToken } = await token('user');
    decisionDown = true;
    let result;
    try {
      result = await engine.redeemToken({
        connectionId: receiverId,
        shareToken,
        workflowId: workflowOf(apps.receiver, 'user'),
      });
    } finally {
      decisionDown = false;
    }
    expect(result.detailsPending).toBe(true);
    const stub = await engine.getSession({ id: result.sessionId });
    expect(stub.detailsPending).toBe(true);
    expect(stub.row.status).toBe('In Review');
    expect(stub.importInfo?.sourceApplicationId).toBe(apps.issuer.id);
    const audit = await engine.listAudit({ sessionId: result.sessionId, offset: 0, limit: 20 });
    expect(audit.entries.map((e) => e.type)).toEqual(
      expect.arrayContaining(['import.redeemed', 'import.fetch_deferred']),
    );

    await engine.syncAndWait(receiverId);
    const full = await engine.getSession({ id: result.sessionId });
    expect(full.detailsPending).toBe(false);
    expect(full.row.subjectName).toBeTruthy();
    expect(full.row.sharedFromSession).toBe(source.session_id);
    expect(full.media.length).toBeGreaterThan(0);
    expect(full.importInfo?.trustReview).toBe(false);
  });
});
