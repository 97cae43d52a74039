/**
 * The webhook receiver against real deliveries: the sandbox signs and posts status.updated to the engine's receiver,
 * which answers 2xx and fetches the session (the poller is off, so only the webhook can bring it in). Forged,
 * stale and replayed deliveries are refused.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../shared/webhook-signing.js';
import type { Engine } from '../../electron/core/index.js';
import {
  connectionInput,
  createSession,
  engineTestBed,
  importDirect,
  mint,
  sandboxCall,
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
    const dest = await sandboxCall<{ secret_shared_key: string }>(
      apps.baseUrl,
      apps.receiver.apiKey,
      'POST',
      '/v3/webhook/destinations/',
      {
        url: hookUrl,
        subscribed_events: ['status.updated'],
      },
    );
    expect(dest.status).toBe(201);
    secret = dest.body.secret_shared_key;
    await engine.updateConnection({ id: connectionId, webhookSecret: secret });
  });

  it('accepts a real signed delivery and fetches the session it names', async () => {
    const source = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    const token = await mint(apps.baseUrl, apps.issuer.apiKey, source.session_id, apps.receiver.id);
    const arrived: string[] = [];
    const off = engine.onEvent((e) => {
      if (e.type === 'imports.arrived') arrived.push(e.connectionId);
    });
    // Imported outside the app (e.g. by a colleague's script): only the webhook tells the engine.
    const clone = await importDirect(apps.baseUrl, apps.receiver.apiKey, token, workflowOf(apps.receiver, 'user'));
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
