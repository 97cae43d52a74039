/**
 * The webhook receiver against real deliveries: the sandbox signs and posts status.updated to the engine's receiver,
 * which answers 2xx and fetches the session (the poller is off, so only the webhook can bring it in). Bodies as Didit
 * documents them (optional fields missing, any of the three signatures) are accepted; data.updated refetches; other
 * documented event types are acknowledged and ignored; forged, stale (by the signed body's timestamp) and replayed
 * deliveries are refused.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  asciiEscapeJson,
  hmacHex,
  signWebhook,
  simpleSignatureInput,
  v2CanonicalJson,
} from '../../shared/didit/webhook-signing.js';
import type { Engine } from '../../electron/core/index.js';
import {
  call,
  connectionInput,
  createSession,
  engineTestBed,
  importToken,
  mintToken,
  testKeychain,
  waitFor,
  workflowOf,
  type SandboxApps,
} from './helpers/engine.js';

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe('engine webhook receiver', () => {
  const bed = engineTestBed('wh', { webhookRetryDelaysMs: [200, 400] });
  let apps: SandboxApps;
  let engine: Engine;
  let keychain: Awaited<ReturnType<typeof testKeychain>>;
  let hookUrl: string;
  let secret: string;
  let connectionId: string;

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({
      secrets: (keychain = await testKeychain()),
      seedConnections: [connectionInput(apps.baseUrl, apps.receiver, 'receiver')],
    });
    connectionId = (await engine.listConnections({}))[0].id;
    await engine.updateSettings({ webhook: { enabled: true, host: '127.0.0.1', port: 0 } });
    const status = await engine.getStatus({});
    expect(status.webhook.listening).toBe(true);
    hookUrl = status.webhook.url!;
    const dest = await call<{ secret_shared_key: string }>(apps.baseUrl, 'POST', '/v3/webhook/destinations/', {
      key: apps.receiver.apiKey,
      body: {
        url: hookUrl,
        subscribed_events: ['status.updated'],
      },
    });
    expect(dest.status).toBe(201);
    secret = dest.body.secret_shared_key;
    await engine.updateConnection({ id: connectionId, webhookSecret: secret });
  });

  it('accepts a real signed delivery and fetches the session it names', async () => {
    const source = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, source.session_id, apps.receiver.id);
    const arrived: string[] = [];
    const off = engine.onEvent((e) => {
      if (e.type === 'imports.arrived') arrived.push(e.connectionId);
    });
    // Imported outside the app (e.g. by a colleague's script): only the webhook tells the engine.
    const imported = await importToken(apps.baseUrl, apps.receiver.apiKey, {
      share_token: token,
      workflow_id: workflowOf(apps.receiver, 'user'),
    });
    expect(imported.status).toBe(201);
    const clone = imported.body;
    const detail = await waitFor(
      () => engine.getSession({ id: clone.session_id }).catch(() => undefined),
      'the webhook-triggered fetch',
    );
    off();
    expect(detail.row.status).toBe('In Review');
    expect(detail.media.length).toBeGreaterThanOrEqual(4);
    expect(arrived).toEqual([connectionId]);
  });

  const delivery = (overrides: Record<string, unknown> = {}) => ({
    event_id: randomUUID(),
    webhook_type: 'status.updated',
    session_id: randomUUID(),
    session_kind: 'user',
    status: 'In Review',
    vendor_data: 'wh-test',
    workflow_id: null,
    timestamp: Math.floor(Date.now() / 1000),
    created_at: Math.floor(Date.now() / 1000),
    ...overrides,
  });

  it('refuses a bad signature, a stale timestamp and a replayed event id', async () => {
    const forged = await signWebhook('not-the-secret', delivery());
    expect((await post(hookUrl, forged.body, { ...forged.headers })).status).toBe(401);

    const unsigned = delivery();
    expect((await post(hookUrl, JSON.stringify(unsigned), {})).status).toBe(401);

    const stalePayload = delivery({ timestamp: Math.floor(Date.now() / 1000) - 301 });
    const stale = await signWebhook(secret, stalePayload);
    const staleAnswer = await post(hookUrl, stale.body, { ...stale.headers });
    expect(staleAnswer.status).toBe(401);
    expect(String(staleAnswer.body.detail)).toMatch(/stale/i);

    const fresh = delivery();
    const first = await signWebhook(secret, fresh);
    expect((await post(hookUrl, first.body, { ...first.headers })).status).toBe(200);
    // The same event again, re-stamped and re-signed as a retry would be: a replay.
    const again = await signWebhook(secret, { ...fresh, timestamp: fresh.timestamp + 1 });
    const replay = await post(hookUrl, again.body, { ...again.headers });
    expect(replay.status).toBe(409);

    // A tampered body under a valid signature of another body.
    const tampered = await signWebhook(secret, delivery());
    const body = tampered.body.replace('In Review', 'Approved');
    expect((await post(hookUrl, body, { ...tampered.headers })).status).toBe(401);

    // Not JSON at all.
    expect((await post(hookUrl, 'not json', { 'x-signature-v2': 'ab', 'x-timestamp': '1' })).status).toBe(400);
    // The receiver is still serving after all that.
    const ok = await signWebhook(secret, delivery());
    expect((await post(hookUrl, ok.body, { ...ok.headers })).status).toBe(200);
  });

  /** A session of the receiver's application, already fetched once (through the sandbox's own webhook). */
  async function receiverSession(kind: 'user' | 'business' = 'user'): Promise<string> {
    const changed = new Set<string>();
    const off = engine.onEvent((e) => {
      if (e.type === 'sessions.changed') for (const id of e.sessionIds ?? []) changed.add(id);
    });
    try {
      const s = await createSession(apps.baseUrl, apps.receiver.apiKey, { session_kind: kind, status: 'In Review' });
      await waitFor(() => engine.getSession({ id: s.session_id }).catch(() => undefined), 'the sandbox webhook fetch');
      // The fetch that brought it in has finished its events once it announced the change.
      await waitFor(() => changed.has(s.session_id), 'the fetch to announce the session');
      return s.session_id;
    } finally {
      off();
    }
  }

  /** Resolves true when the engine reports `id` changed within `ms`, false otherwise. */
  function refetched(id: string, ms = 5_000): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => (off(), resolve(false)), ms);
      const off = engine.onEvent((e) => {
        if (e.type === 'sessions.changed' && e.sessionIds?.includes(id)) {
          clearTimeout(timer);
          off();
          resolve(true);
        }
      });
    });
  }

  const now = () => Math.floor(Date.now() / 1000);

  it('fetches a KYB session the sandbox notifies (session_kind "business", business_session_id)', async () => {
    const id = await receiverSession('business');
    expect((await engine.getSession({ id })).row.kind).toBe('business');
  });

  it('accepts a KYC body with only the documented fields (no vendor_data, workflow_id, kind or event_id)', async () => {
    const id = await receiverSession();
    const body = {
      session_id: id,
      status: 'In Review',
      webhook_type: 'status.updated',
      created_at: now(),
      timestamp: now(),
    };
    const signed = await signWebhook(secret, body);
    const seen = refetched(id);
    expect((await post(hookUrl, signed.body, { ...signed.headers })).status).toBe(200);
    expect(await seen).toBe(true);
  });

  it('refetches on data.updated (and the user./business. variants)', async () => {
    const id = await receiverSession();
    for (const webhook_type of ['data.updated', 'user.data.updated', 'business.status.updated']) {
      const signed = await signWebhook(secret, { session_id: id, status: 'In Review', webhook_type, timestamp: now() });
      const seen = refetched(id);
      expect((await post(hookUrl, signed.body, { ...signed.headers })).status, webhook_type).toBe(200);
      expect(await seen, webhook_type).toBe(true);
    }
  });

  it('acknowledges other documented event types and ignores them', async () => {
    const id = await receiverSession();
    for (const webhook_type of ['activity.created', 'transaction.created', 'transaction.status.updated']) {
      const body = { session_id: id, status: 'In Review', webhook_type, timestamp: now() };
      const signed = await signWebhook(secret, body);
      const seen = refetched(id, 700);
      const answer = await post(hookUrl, signed.body, { ...signed.headers });
      expect(answer, webhook_type).toEqual({ status: 200, body: { received: true } });
      expect(await seen, webhook_type).toBe(false);
    }
    // A transaction event names no session at all.
    const tx = await signWebhook(secret, {
      webhook_type: 'transaction.created',
      transaction_id: 't1',
      timestamp: now(),
    });
    expect((await post(hookUrl, tx.body, { ...tx.headers })).status).toBe(200);
    // Forged, it is refused like any other delivery.
    const forged = await signWebhook('not-the-secret', { webhook_type: 'activity.created', timestamp: now() });
    expect((await post(hookUrl, forged.body, { ...forged.headers })).status).toBe(401);
  });

  it('accepts each signature on its own: raw body, V2 plain and ASCII-escaped, Simple', async () => {
    const id = await receiverSession();
    const variants: [string, (b: Record<string, unknown>, raw: string) => Promise<Record<string, string>>][] = [
      ['raw', async (_b, raw) => ({ 'x-signature': await hmacHex(secret, raw) })],
      ['v2', async (b) => ({ 'x-signature-v2': await hmacHex(secret, v2CanonicalJson(b)) })],
      ['v2-ascii', async (b) => ({ 'x-signature-v2': await hmacHex(secret, asciiEscapeJson(v2CanonicalJson(b))) })],
      ['simple', async (b) => ({ 'x-signature-simple': await hmacHex(secret, simpleSignatureInput(b)) })],
    ];
    for (const [name, sign] of variants) {
      const body = {
        session_id: id,
        status: 'In Review',
        webhook_type: 'data.updated',
        timestamp: now(),
        vendor_data: `Española ${name}`,
        event_id: randomUUID(),
        score: 97.5,
      };
      // Written as a Python sender would, with non-ASCII escaped and spaces after separators.
      const raw = asciiEscapeJson(JSON.stringify(body)).replaceAll('","', '", "');
      const seen = refetched(id);
      const answer = await post(hookUrl, raw, await sign(body, raw));
      expect(answer.status, name).toBe(200);
      expect(await seen, name).toBe(true);
      // Wait for the next second so the Simple variant's fields differ from the previous one's.
      const second = now();
      await waitFor(() => now() > second, 'the next second');
    }
  });

  it('refuses a stale signed timestamp even under a fresh X-Timestamp header', async () => {
    const id = await receiverSession();
    const body = { session_id: id, status: 'In Review', webhook_type: 'status.updated', timestamp: now() - 400 };
    const signed = await signWebhook(secret, body);
    const freshHeader = await post(hookUrl, signed.body, { ...signed.headers, 'x-timestamp': String(now()) });
    expect(freshHeader.status).toBe(401);
    expect(String(freshHeader.body.detail)).toMatch(/X-Timestamp disagrees/);
    const { 'x-timestamp': _dropped, ...noHeader } = signed.headers;
    const stale = await post(hookUrl, signed.body, noHeader);
    expect(stale.status).toBe(401);
    expect(String(stale.body.detail)).toMatch(/stale/i);
  });

  it('refuses replays without an event_id, and replays under another of the signatures', async () => {
    const id = await receiverSession();
    const body = { session_id: id, status: 'In Review', webhook_type: 'status.updated', timestamp: now() };
    const signed = await signWebhook(secret, body);
    expect((await post(hookUrl, signed.body, { ...signed.headers })).status).toBe(200);
    expect((await post(hookUrl, signed.body, { ...signed.headers })).status).toBe(409);
    // Re-serialised (other whitespace) under V2 only: the same delivery.
    const spaced = JSON.stringify(body, null, 2);
    expect((await post(hookUrl, spaced, { 'x-signature-v2': signed.headers['x-signature-v2'] })).status).toBe(409);
    // Under Simple only, with an event_id added (Simple does not sign it): still the same signed fields.
    const withId = JSON.stringify({ ...body, event_id: randomUUID() });
    expect((await post(hookUrl, withId, { 'x-signature-simple': signed.headers['x-signature-simple'] })).status).toBe(
      409,
    );
    // Two different changes to the session in the same second both get through when fully signed.
    const a = await signWebhook(secret, { ...body, webhook_type: 'data.updated', change: 1 });
    const b = await signWebhook(secret, { ...body, webhook_type: 'data.updated', change: 2 });
    expect((await post(hookUrl, a.body, { ...a.headers })).status).toBe(200);
    expect((await post(hookUrl, b.body, { ...b.headers })).status).toBe(200);
  });

  it('remembers event ids across a restart', async () => {
    const event = delivery();
    const signed = await signWebhook(secret, event);
    expect((await post(hookUrl, signed.body, { ...signed.headers })).status).toBe(200);
    await engine.close();
    engine = await bed.openEngine({ secrets: keychain });
    const url = (await engine.getStatus({})).webhook.url!;
    const again = await signWebhook(secret, { ...event, timestamp: Math.floor(Date.now() / 1000) });
    expect((await post(url, again.body, { ...again.headers })).status).toBe(409);
  });
});
