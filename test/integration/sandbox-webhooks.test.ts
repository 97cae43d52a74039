/**
 * Webhook destinations and deliveries (docs/didit-api.md §11) from the real sandbox to a loopback receiver: the
 * documented body fields, all three signatures (verified with shared/didit/webhook-signing.ts and recomputed by hand),
 * Didit's User-Agent, retries as the contract says, and delivery never blocks a request.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHex, simpleSignatureInput, v2CanonicalJson, verifyWebhook } from '../../shared/didit/webhook-signing.js';
import {
  call,
  createSession,
  importToken,
  mintToken,
  startWebhookReceiver,
  waitFor,
  withSandbox,
  type TestSandbox,
  type WebhookReceiver,
} from './helpers/sandbox.js';

let sbx: TestSandbox;

beforeAll(async () => {
  sbx = await withSandbox();
});
afterAll(() => sbx.close());

async function register(target: TestSandbox, key: string, url: string, extra: Record<string, unknown> = {}) {
  const res = await call(target.baseUrl, 'POST', '/v3/webhook/destinations/', {
    key,
    body: { url, subscribed_events: ['status.updated'], ...extra },
  });
  expect(res.status).toBe(201);
  return res.body as { uuid: string; secret_shared_key: string };
}

async function unregister(target: TestSandbox, key: string, uuid: string) {
  expect((await call(target.baseUrl, 'DELETE', `/v3/webhook/destinations/${uuid}/`, { key })).status).toBe(204);
}

/** Waits until the sandbox has no delivery in flight and no retry pending: whatever it would send has been sent. */
const settle = () => sbx.sandbox.webhooksIdle();

describe('destinations', () => {
  it('creates, lists without the secret, and deletes destinations', async () => {
    const created = await register(sbx, sbx.issuer.apiKey, 'http://127.0.0.1:9/hook', { label: 'ops' });
    expect(created).toMatchObject({
      uuid: expect.any(String),
      subscribed_events: ['status.updated'],
      label: 'ops',
      enabled: true,
      webhook_version: 'v3',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      summary: { total_deliveries: 0, failed_deliveries: 0 },
    });
    // Didit's secrets are 43-character URL-safe tokens.
    expect(created.secret_shared_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The list is a bare array, oldest first (management-api/webhook/list-destinations).
    const listed = await call(sbx.baseUrl, 'GET', '/v3/webhook/destinations/', { key: sbx.issuer.apiKey });
    expect(Array.isArray(listed.body)).toBe(true);
    const mine = listed.body.find((d: { uuid: string }) => d.uuid === created.uuid);
    expect(mine).toMatchObject({ url: 'http://127.0.0.1:9/hook', enabled: true, webhook_version: 'v3' });
    expect(mine.secret_shared_key).toBeUndefined();
    const other = await call(sbx.baseUrl, 'GET', '/v3/webhook/destinations/', { key: sbx.receiver.apiKey });
    expect(other.body.map((d: { uuid: string }) => d.uuid)).not.toContain(created.uuid);
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/webhook/destinations/${created.uuid}/`, { key: sbx.receiver.apiKey }))
        .status,
    ).toBe(404);
    await unregister(sbx, sbx.issuer.apiKey, created.uuid);
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/webhook/destinations/${created.uuid}/`, { key: sbx.issuer.apiKey }))
        .status,
    ).toBe(404);
  });

  it('accepts every documented event and webhook_version; omitted events subscribe to nothing; urls are unique', async () => {
    const events = [
      'status.updated',
      'data.updated',
      'user.status.updated',
      'user.data.updated',
      'business.status.updated',
      'business.data.updated',
      'activity.created',
      'transaction.created',
      'transaction.status.updated',
    ];
    const all = await register(sbx, sbx.issuer.apiKey, 'http://127.0.0.1:9/all', {
      subscribed_events: events,
      webhook_version: 'v2',
    });
    expect(all).toMatchObject({ subscribed_events: events, webhook_version: 'v2' });
    const dup = await call(sbx.baseUrl, 'POST', '/v3/webhook/destinations/', {
      key: sbx.issuer.apiKey,
      body: { url: 'http://127.0.0.1:9/all', subscribed_events: ['status.updated'] },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.url).toEqual([expect.any(String)]);
    const none = await call(sbx.baseUrl, 'POST', '/v3/webhook/destinations/', {
      key: sbx.issuer.apiKey,
      body: { url: 'http://127.0.0.1:9/none', webhook_version: 'v1' },
    });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ subscribed_events: [], webhook_version: 'v1' });
    const badVersion = await call(sbx.baseUrl, 'POST', '/v3/webhook/destinations/', {
      key: sbx.issuer.apiKey,
      body: { url: 'http://127.0.0.1:9/v9', subscribed_events: ['status.updated'], webhook_version: 'v9' },
    });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.webhook_version).toEqual([expect.any(String)]);
    await unregister(sbx, sbx.issuer.apiKey, all.uuid);
    await unregister(sbx, sbx.issuer.apiKey, none.body.uuid);
  });

  it('rejects empty or unknown subscribed_events and bad URLs with field errors', async () => {
    const bodies = [
      [{ url: 'http://127.0.0.1:9/', subscribed_events: [] }, 'subscribed_events'],
      [{ url: 'http://127.0.0.1:9/', subscribed_events: ['session.deleted'] }, 'subscribed_events.0'],
      [{ url: 'not a url', subscribed_events: ['status.updated'] }, 'url'],
      [{ url: 'ftp://127.0.0.1/', subscribed_events: ['status.updated'] }, 'url'],
      [{ subscribed_events: ['status.updated'] }, 'url'],
    ] as const;
    for (const [body, field] of bodies) {
      const res = await call(sbx.baseUrl, 'POST', '/v3/webhook/destinations/', { key: sbx.issuer.apiKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body[field], JSON.stringify(body)).toEqual([expect.any(String)]);
    }
  });
});

describe('deliveries', () => {
  let receiver: WebhookReceiver;
  afterAll(() => receiver?.close());

  it('delivers a signed, flat status.updated for an import and for a decision', async () => {
    receiver = await startWebhookReceiver();
    const dest = await register(sbx, sbx.receiver.apiKey, receiver.url);
    const source = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const clone = (
      await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
        share_token: token,
        workflow_id: sbx.receiver.kycWorkflowId,
        vendor_data: 'hook-user',
      })
    ).body;
    const [first] = await receiver.waitFor(1);

    const verified = await verifyWebhook(
      dest.secret_shared_key,
      first.rawBody,
      first.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ ok: true, method: 'raw' });
    expect((await verifyWebhook('wrong-secret', first.rawBody, first.headers as Record<string, string>)).ok).toBe(
      false,
    );
    // The three signatures recomputed by hand: raw bytes, the seed's V2 text, the four fields.
    expect(first.headers['x-signature']).toBe(await hmacHex(dest.secret_shared_key, first.rawBody));
    expect(first.headers['x-signature-v2']).toBe(await hmacHex(dest.secret_shared_key, v2CanonicalJson(first.body)));
    expect(first.headers['x-signature-simple']).toBe(
      await hmacHex(
        dest.secret_shared_key,
        `${first.body.timestamp}:${first.body.session_id}:${first.body.status}:${first.body.webhook_type}`,
      ),
    );
    expect(simpleSignatureInput(first.body)).toBe(
      `${first.body.timestamp}:${first.body.session_id}:In Review:status.updated`,
    );
    expect(first.headers['x-timestamp']).toBe(String(first.body.timestamp));
    expect(first.headers['user-agent']).toBe('DiditWebhook/2.0 +https://didit.me');
    expect(first.body).toMatchObject({
      event_id: expect.any(String),
      webhook_type: 'status.updated',
      session_id: clone.session_id,
      status: 'In Review',
      vendor_data: 'hook-user',
      workflow_id: sbx.receiver.kycWorkflowId,
      timestamp: expect.any(Number),
      created_at: expect.any(Number),
    });
    expect(Math.abs(first.body.timestamp - Date.now() / 1000)).toBeLessThan(60);
    // KYC deliveries carry no session_kind / business_session_id, and no metadata when none is set.
    expect(first.body).not.toHaveProperty('session_kind');
    expect(first.body).not.toHaveProperty('business_session_id');
    expect(first.body).not.toHaveProperty('metadata');
    expect(first.body.decision).toMatchObject({ session_id: clone.session_id, shared_from_session: source.session_id });

    await call(sbx.baseUrl, 'PATCH', `/v3/session/${clone.session_id}/update-status/`, {
      key: sbx.receiver.apiKey,
      body: { new_status: 'Approved' },
    });
    const [, second] = await receiver.waitFor(2);
    expect(second.body).toMatchObject({ session_id: clone.session_id, status: 'Approved' });
    expect(second.body.event_id).not.toBe(first.body.event_id);
    expect(
      (await verifyWebhook(dest.secret_shared_key, second.rawBody, second.headers as Record<string, string>)).ok,
    ).toBe(true);
    // The issuer's own events never reach the receiver's destination.
    await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user' });
    await settle();
    expect(receiver.received.length).toBe(2);
    await unregister(sbx, sbx.receiver.apiKey, dest.uuid);
  });

  it('sends the documented optional fields: KYB kind and id, metadata and the decision only when set', async () => {
    const hooks = await startWebhookReceiver();
    try {
      const dest = await register(sbx, sbx.issuer.apiKey, hooks.url);
      const created = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
        key: sbx.issuer.apiKey,
        body: {
          session_kind: 'business',
          status: 'Approved',
          vendor_data: 'biz-1',
          metadata: { account_id: 'ABC123' },
        },
      });
      expect(created.status).toBe(201);
      const kyb = created.body as { session_id: string };
      const [k] = await hooks.waitFor(1);
      expect(k.body).toMatchObject({
        session_id: kyb.session_id,
        session_kind: 'business',
        business_session_id: kyb.session_id,
        status: 'APPROVED',
        vendor_data: 'biz-1',
        metadata: { account_id: 'ABC123' },
        decision: { session_id: kyb.session_id },
      });
      expect((await verifyWebhook(dest.secret_shared_key, k.rawBody, k.headers as Record<string, string>)).ok).toBe(
        true,
      );
      // Not finished: no decision, no metadata when none is set (nulls left out: test/unit/webhook-delivery-body).
      const started = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
        session_kind: 'user',
        status: 'In Progress',
      });
      const [, u] = await hooks.waitFor(2);
      expect(u.body).toMatchObject({ session_id: started.session_id, status: 'In Progress' });
      expect(u.body).not.toHaveProperty('decision');
      expect(u.body).not.toHaveProperty('metadata');
      // Abandoned carries the decision.
      const abandoned = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
        session_kind: 'user',
        status: 'Abandoned',
      });
      const [, , a] = await hooks.waitFor(3);
      expect(a.body).toMatchObject({ session_id: abandoned.session_id, status: 'Abandoned' });
      expect(a.body.decision).toMatchObject({ session_id: abandoned.session_id });
      await unregister(sbx, sbx.issuer.apiKey, dest.uuid);
    } finally {
      await hooks.close();
    }
  });

  it('sends nothing to a disabled destination', async () => {
    const quiet = await startWebhookReceiver();
    try {
      const dest = await register(sbx, sbx.issuer.apiKey, quiet.url, { enabled: false });
      await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user' });
      await settle();
      expect(quiet.received.length).toBe(0);
      await unregister(sbx, sbx.issuer.apiKey, dest.uuid);
    } finally {
      await quiet.close();
    }
  });

  it('retries after a 500 with the same event_id, re-stamped and re-signed', async () => {
    const slow = await withSandbox({ webhookRetryDelaysMs: [1_100, 1_100] });
    const flaky = await startWebhookReceiver((n) => (n === 0 ? 500 : 200));
    try {
      const dest = await register(slow, slow.issuer.apiKey, flaky.url);
      const s = await createSession(slow.baseUrl, slow.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
      const [a, b] = await flaky.waitFor(2);
      expect(a.body.event_id).toBe(b.body.event_id);
      expect(b.body.session_id).toBe(s.session_id);
      expect(b.body.timestamp).toBeGreaterThan(a.body.timestamp);
      expect(b.headers['x-signature-v2']).not.toBe(a.headers['x-signature-v2']);
      for (const d of [a, b])
        expect((await verifyWebhook(dest.secret_shared_key, d.rawBody, d.headers as Record<string, string>)).ok).toBe(
          true,
        );
      await slow.sandbox.webhooksIdle();
      expect(flaky.received.length).toBe(2);
    } finally {
      await flaky.close();
      await slow.close();
    }
  });

  it('makes the first attempt plus two retries on 5xx and 404, and does not retry other 4xx', async () => {
    for (const [status, attempts] of [
      [503, 3],
      [404, 3],
      [400, 1],
      [410, 1],
    ] as const) {
      const failing = await startWebhookReceiver(() => status);
      try {
        const dest = await register(sbx, sbx.issuer.apiKey, failing.url);
        await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business' });
        await failing.waitFor(attempts);
        await settle();
        expect(failing.received.length, `status ${status}`).toBe(attempts);
        expect(new Set(failing.received.map((d) => d.body.event_id)).size).toBe(1);
        await unregister(sbx, sbx.issuer.apiKey, dest.uuid);
      } finally {
        await failing.close();
      }
    }
  });

  it('answers the request that caused an event before the receiver answers, and survives an unreachable receiver', async () => {
    const held: ServerResponse[] = [];
    const hanging = createServer((req, res) => {
      req.resume();
      held.push(res);
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
    const dest = await register(sbx, sbx.issuer.apiKey, url);
    const unreachable = await register(sbx, sbx.issuer.apiKey, 'http://127.0.0.1:9/unreachable');
    try {
      const created = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
        key: sbx.issuer.apiKey,
        body: { session_kind: 'user' },
      });
      expect(created.status).toBe(201);
      await waitFor(() => held.length > 0, 'the delivery to reach the hanging receiver', 5_000).catch(() => undefined);
      expect(held.length).toBe(1);
      expect(held[0].headersSent).toBe(false);
      expect((await call(sbx.baseUrl, 'GET', '/sandbox/health/')).status).toBe(200);
    } finally {
      for (const res of held) res.end();
      await unregister(sbx, sbx.issuer.apiKey, dest.uuid);
      await unregister(sbx, sbx.issuer.apiKey, unreachable.uuid);
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
    }
  });
});
