/**
 * Bad input never crashes, hangs or 500s the sandbox: each case is a 4xx with a JSON error body, and the server
 * keeps serving afterwards. Also the opt-in rate limit (429 + Retry-After).
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetail } from '../../shared/didit/api.js';
import { call, createSession, mintToken, withSandbox, type ApiResponse, type TestSandbox } from './helpers/sandbox.js';

let sbx: TestSandbox;
let sessionId: string;

beforeAll(async () => {
  sbx = await withSandbox();
  sessionId = (await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' }))
    .session_id;
});
afterAll(() => sbx.close());

async function expectClientError(res: ApiResponse, label: string, status?: number) {
  if (status !== undefined) expect(res.status, label).toBe(status);
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  expect(String(res.headers['content-type']), label).toMatch(/application\/json/);
  expect(errorDetail(res.body), label).toEqual(expect.any(String));
  expect(res.body.code, label).toEqual(expect.any(String));
  const health = await call(sbx.baseUrl, 'GET', '/sandbox/health/');
  expect(health.status, `still serving after ${label}`).toBe(200);
}

type Method = 'POST' | 'PATCH';
const bodyRoutes = (): [Method, string][] => [
  ['POST', `/v3/session/${sessionId}/share/`],
  ['POST', '/v3/session/import-shared/'],
  ['PATCH', `/v3/session/${sessionId}/update-status/`],
  ['POST', '/v3/webhook/destinations/'],
  ['POST', '/sandbox/sessions/'],
  ['POST', '/sandbox/sessions/raw/'],
];

describe('bad bodies', () => {
  it('answers malformed JSON with 400 on every route that takes a body', async () => {
    for (const [method, path] of bodyRoutes()) {
      for (const raw of ['{"for_application_id": ', '{not json}', "{'single': 'quotes'}", '\u0000\u0001']) {
        const res = await call(sbx.baseUrl, method, path, {
          key: sbx.issuer.apiKey,
          raw,
          headers: { 'content-type': 'application/json' },
        });
        await expectClientError(res, `${method} ${path} ${JSON.stringify(raw)}`, 400);
      }
    }
  });

  it('answers bodies that are not objects, or missing, with 400', async () => {
    for (const [method, path] of bodyRoutes()) {
      for (const body of [null, [], 'text', 42, true]) {
        await expectClientError(
          await call(sbx.baseUrl, method, path, { key: sbx.issuer.apiKey, body }),
          `${path} ${JSON.stringify(body)}`,
          400,
        );
      }
      await expectClientError(
        await call(sbx.baseUrl, method, path, { key: sbx.issuer.apiKey }),
        `${path} without body`,
        400,
      );
    }
  });

  it('names the field for wrong types, missing fields, unknown enums and unknown fields', async () => {
    const token = await mintToken(
      sbx.baseUrl,
      sbx.issuer.apiKey,
      (await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'Approved' })).session_id,
      sbx.receiver.id,
    );
    const cases: [Method, string, unknown, string][] = [
      [
        'POST',
        `/v3/session/${sessionId}/share/`,
        { for_application_id: sbx.receiver.id, ttl_in_seconds: '60' },
        'ttl_in_seconds',
      ],
      ['POST', `/v3/session/${sessionId}/share/`, { for_application_id: 12 }, 'for_application_id'],
      ['POST', `/v3/session/${sessionId}/share/`, { for_application_id: sbx.receiver.id, colour: 'blue' }, 'colour'],
      ['POST', '/v3/session/import-shared/', {}, 'share_token'],
      ['POST', '/v3/session/import-shared/', { share_token: token }, 'workflow_id'],
      ['POST', '/v3/session/import-shared/', { share_token: token, workflow_id: 'wf-1' }, 'workflow_id'],
      [
        'POST',
        '/v3/session/import-shared/',
        { share_token: token, workflow_id: sbx.receiver.kycWorkflowId, trust_review: 'yes' },
        'trust_review',
      ],
      [
        'POST',
        '/v3/session/import-shared/',
        { share_token: token, workflow_id: sbx.receiver.kycWorkflowId, vendor_data: 7 },
        'vendor_data',
      ],
      [
        'POST',
        '/v3/session/import-shared/',
        { share_token: 42, workflow_id: sbx.receiver.kycWorkflowId },
        'share_token',
      ],
      ['PATCH', `/v3/session/${sessionId}/update-status/`, {}, 'new_status'],
      ['PATCH', `/v3/session/${sessionId}/update-status/`, { new_status: 'Maybe' }, 'new_status'],
      ['PATCH', `/v3/session/${sessionId}/update-status/`, { new_status: 'Approved', comment: 5 }, 'comment'],
      [
        'PATCH',
        `/v3/session/${sessionId}/update-status/`,
        { new_status: 'Approved', send_email: true },
        'email_address',
      ],
      [
        'PATCH',
        `/v3/session/${sessionId}/update-status/`,
        { new_status: 'Resubmitted', nodes_to_resubmit: [42] },
        'nodes_to_resubmit.0',
      ],
      ['PATCH', `/v3/session/${sessionId}/update-status/`, { new_status: 'Approved', colour: 'blue' }, 'colour'],
      [
        'POST',
        '/v3/webhook/destinations/',
        { url: 'http://127.0.0.1:9/', subscribed_events: 'status.updated' },
        'subscribed_events',
      ],
      ['POST', '/sandbox/sessions/', { session_kind: 'robot' }, 'session_kind'],
      ['POST', '/sandbox/sessions/', { session_kind: 'business', status: 'Kyc Expired' }, 'status'],
      ['POST', '/sandbox/sessions/', { session_kind: 'user', status: 'Sleeping' }, 'status'],
      ['POST', '/sandbox/sessions/raw/', {}, 'payload'],
      ['POST', '/sandbox/sessions/raw/', { payload: 'x' }, 'payload'],
      ['POST', '/sandbox/sessions/raw/', { payload: { status: 'Sleeping' } }, 'payload.status'],
      ['POST', '/sandbox/sessions/raw/', { payload: { status: 'Approved' }, session_kind: 'robot' }, 'session_kind'],
      ['POST', '/sandbox/sessions/raw/', { payload: { status: 'Approved', metadata: [] } }, 'payload.metadata'],
      ['POST', '/sandbox/sessions/raw/', { payload: { status: 'Approved', reviews: {} } }, 'payload.reviews'],
    ];
    for (const [method, path, body, field] of cases) {
      const key = path.includes('import-shared') ? sbx.receiver.apiKey : sbx.issuer.apiKey;
      const res = await call(sbx.baseUrl, method, path, { key, body });
      await expectClientError(res, `${path} ${field}`, 400);
      expect(res.body[field], `${path} ${JSON.stringify(body).slice(0, 80)}`).toEqual([expect.any(String)]);
    }
    const deep = `{"session_kind":"user","metadata":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const deepRes = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
      key: sbx.issuer.apiKey,
      raw: deep,
      headers: { 'content-type': 'application/json' },
    });
    await expectClientError(deepRes, 'deeply nested metadata', 400);
    expect(deepRes.body.metadata).toEqual([expect.any(String)]);
    // None of these consumed the token.
    const ok = await call(sbx.baseUrl, 'POST', '/v3/session/import-shared/', {
      key: sbx.receiver.apiKey,
      body: { share_token: token, workflow_id: sbx.receiver.kycWorkflowId },
    });
    expect(ok.status).toBe(201);
  });

  it('answers a body over 1 MB with 413 JSON after reading it, with and without Content-Length', async () => {
    const big = JSON.stringify({ share_token: 'x'.repeat(2 * 1024 * 1024), workflow_id: randomUUID() });
    const withLength = await call(sbx.baseUrl, 'POST', '/v3/session/import-shared/', {
      key: sbx.receiver.apiKey,
      raw: big,
      headers: { 'content-type': 'application/json' },
    });
    await expectClientError(withLength, 'content-length body', 413);
    async function* chunks() {
      for (let i = 0; i < 32; i++) yield Buffer.alloc(64 * 1024, 0x20);
    }
    const res = await request(`${sbx.baseUrl}/sandbox/sessions/`, {
      method: 'POST',
      headers: { 'x-api-key': sbx.issuer.apiKey, 'content-type': 'application/json' },
      body: Readable.from(chunks()),
    });
    const body = (await res.body.json()) as Record<string, unknown>;
    await expectClientError({ status: res.statusCode, headers: res.headers, body }, 'chunked body', 413);
    // Just under the limit is parsed normally (and here rejected for its content, not its size).
    const near = JSON.stringify({ session_kind: 'user', vendor_data: 'y'.repeat(1024 * 1024 - 100) });
    const nearRes = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
      key: sbx.issuer.apiKey,
      raw: near,
      headers: { 'content-type': 'application/json' },
    });
    await expectClientError(nearRes, 'near-limit body', 400);
    expect(nearRes.body.vendor_data).toEqual([expect.any(String)]);
  });

  it('parses JSON whatever the Content-Type, and rejects an invalid Content-Type header', async () => {
    const plain = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
      key: sbx.issuer.apiKey,
      raw: JSON.stringify({ session_kind: 'user' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(201);
    const invalid = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
      key: sbx.issuer.apiKey,
      raw: '{}',
      headers: { 'content-type': '/;;' },
    });
    await expectClientError(invalid, 'invalid content-type', 415);
  });
});

describe('bad paths', () => {
  it('answers non-UUID path ids with 404 JSON on every route', async () => {
    for (const id of ['123', 'not-a-uuid', `${randomUUID()}x`, '%00', "'; DROP TABLE sessions; --"]) {
      const enc = encodeURIComponent(id);
      const routes: [string, string, unknown?][] = [
        ['GET', `/v3/session/${enc}/decision/`],
        ['POST', `/v3/session/${enc}/share/`, { for_application_id: sbx.receiver.id }],
        ['PATCH', `/v3/session/${enc}/update-status/`, { new_status: 'Approved' }],
        ['DELETE', `/v3/session/${enc}/delete/`],
        ['DELETE', `/v3/webhook/destinations/${enc}/`],
        ['GET', `/sandbox/media/${enc}?exp=1&sig=00`],
      ];
      for (const [method, path, body] of routes) {
        const res = await call(sbx.baseUrl, method as 'GET', path, { key: sbx.issuer.apiKey, body });
        await expectClientError(res, `${method} ${path}`, 404);
      }
    }
  });

  it('answers unknown routes and methods, and paths without the trailing slash, with 404 JSON', async () => {
    const cases: [string, string][] = [
      ['GET', '/'],
      ['GET', '/v3/unknown/'],
      ['GET', '/v3/sessions'],
      ['PUT', `/v3/session/${sessionId}/decision/`],
      ['DELETE', '/v3/sessions/'],
      ['GET', `/v3/session/${sessionId}/decision/../../../etc/passwd`],
    ];
    for (const [method, path] of cases) {
      await expectClientError(
        await call(sbx.baseUrl, method as 'GET', path, { key: sbx.issuer.apiKey }),
        `${method} ${path}`,
        404,
      );
    }
  });

  it('builds absolute URLs from its own address when the Host header is malformed', async () => {
    await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user' });
    const port = Number(new URL(sbx.baseUrl).port);
    const raw = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `GET /v3/sessions/?limit=1 HTTP/1.1\r\nHost: evil host/x\r\nx-api-key: ${sbx.issuer.apiKey}\r\n` +
            'connection: close\r\n\r\n',
        );
      });
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 200')).toBe(true);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body.next.startsWith(`${sbx.baseUrl}/`)).toBe(true);
    expect((await call(sbx.baseUrl, 'GET', '/sandbox/health/')).status).toBe(200);
  });

  it('survives a client that sends half a body and disconnects', async () => {
    const port = Number(new URL(sbx.baseUrl).port);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /sandbox/sessions/ HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${sbx.issuer.apiKey}\r\n` +
            'content-type: application/json\r\ncontent-length: 1000\r\n\r\n{"session_kind":',
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    expect((await call(sbx.baseUrl, 'GET', '/sandbox/health/')).status).toBe(200);
    expect((await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user' })).session_id).toEqual(
      expect.any(String),
    );
  });
});

describe('rate limiting', () => {
  it('is off by default', async () => {
    const results = await Promise.all(
      Array.from({ length: 80 }, () => call(sbx.baseUrl, 'GET', '/v3/sessions/?limit=1', { key: sbx.issuer.apiKey })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it('answers 429 with Retry-After per API key when turned on', async () => {
    const limited = await withSandbox({ rateLimit: { max: 3, windowSeconds: 60 } });
    try {
      const statuses: number[] = [];
      let throttled: ApiResponse | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await call(limited.baseUrl, 'GET', '/v3/sessions/', { key: limited.issuer.apiKey });
        statuses.push(res.status);
        if (res.status === 429) throttled ??= res;
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(throttled!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(throttled!.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(throttled!.body.detail).toEqual(expect.any(String));
      expect((await call(limited.baseUrl, 'GET', '/v3/sessions/', { key: limited.receiver.apiKey })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
