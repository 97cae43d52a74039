/**
 * The browser host's door: every route refuses a request without this launch's token; the launch link trades the
 * token for an HttpOnly SameSite=Strict cookie; foreign Host headers (DNS rebinding) and cross-origin calls are
 * refused; bad input gets a clear 4xx JSON and the host keeps serving; media come out with their real type, nosniff
 * and a CSP; events stream as server-sent events.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, removeDir, startHost, type RunningHost } from './helpers/host.js';

let host: RunningHost;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: it lets a test send any Host or Origin header. */
function raw(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(path, host.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const bearer = () => ({ authorization: `Bearer ${host.ready.token}` });
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  host = await startHost();
  // The demo's first sync fills the cache, so the media route has something to serve.
  await waitFor(async () => (await host.api('listSessions', { view: 'all', limit: 1 })).total > 0, 'the demo sync');
});

afterAll(async () => {
  const code = await host?.stop();
  if (host) removeDir(host.profileDir);
  expect(code).toBe(0);
});

describe('without the launch token', () => {
  it.each([
    ['POST', '/api/getStatus'],
    ['GET', '/api/events'],
    ['GET', '/'],
    ['GET', '/index.html'],
    ['GET', '/media?session=x&locator=y'],
  ])('%s %s is refused with 401', async (method, path) => {
    const res = await raw(method, path, {
      headers: method === 'POST' ? json : {},
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('<div id="root">');
  });

  it('a wrong bearer token or cookie is refused too', async () => {
    const port = new URL(host.origin).port;
    const wrong = host.ready.token.slice(0, -2) + (host.ready.token.endsWith('AA') ? 'BB' : 'AA');
    const attempts: Record<string, string>[] = [
      { authorization: `Bearer ${wrong}` },
      { cookie: `countersign_${port}=${wrong}` },
    ];
    for (const headers of attempts) {
      const res = await raw('POST', '/api/getStatus', { headers: { ...json, ...headers }, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'forbidden' });
    }
    expect((await raw('GET', `/?token=${wrong}`)).status).toBe(401);
  });
});

describe('with the token', () => {
  it('the launch link sets an HttpOnly SameSite=Strict cookie, drops the token from the URL, and the cookie works', async () => {
    const launch = await raw('GET', new URL(host.ready.url).pathname + new URL(host.ready.url).search);
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe('/');
    const cookie = String(launch.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw('GET', '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<div id="root">');
  });

  it('answers the ReviewerApi with a bearer token', async () => {
    const status = await host.api('getStatus');
    expect(status.demo).toBe(true);
    expect(status.connections.map((c) => c.name).sort()).toEqual(['Harbor Pay (receiver)', 'Northwind Bank (issuer)']);
  });

  it('refuses a foreign Host header (DNS rebinding) and a cross-origin call', async () => {
    const rebound = await raw('GET', '/', {
      headers: { ...bearer(), host: `evil.example:${new URL(host.origin).port}` },
    });
    expect(rebound.status).toBe(421);
    const cross = await raw('POST', '/api/getStatus', {
      headers: { ...bearer(), ...json, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
  });

  it('answers bad input with a clear 4xx JSON and keeps serving', async () => {
    const cases: [string, Record<string, string>, string | Buffer, number, string][] = [
      ['/api/noSuchMethod', json, '{}', 404, 'not_found'],
      ['/api/__proto__', json, '{}', 404, 'not_found'],
      ['/api/getSession', json, '{"id":', 400, 'validation'],
      ['/api/getSession', json, '{"id": 42}', 400, 'validation'],
      ['/api/decide', json, '{"sessionId":"x","newStatus":"Declined","comment":""}', 400, 'validation'],
      ['/api/getSession', json, '{"id":"no-such-session"}', 404, 'not_found'],
      ['/api/getStatus', { 'content-type': 'text/plain' }, 'hello', 415, 'validation'],
      ['/api/getStatus', json, Buffer.alloc(1_100_000, 0x20), 413, 'validation'],
    ];
    for (const [path, headers, body, status, code] of cases) {
      const res = await raw('POST', path, { headers: { ...bearer(), ...headers }, body });
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(JSON.parse(res.body)).toMatchObject({ code });
    }
    const declined = await raw('POST', '/api/decide', {
      headers: { ...bearer(), ...json },
      body: '{"sessionId":"x","newStatus":"Declined","comment":""}',
    });
    expect(JSON.parse(declined.body).field).toBe('comment');
    expect((await raw('GET', '/api/getStatus', { headers: bearer() })).status).toBe(405);
    expect((await host.api('getStatus')).demo).toBe(true);
  });

  it('serves cached media with their real type, nosniff and a CSP, and nothing outside the build', async () => {
    const [row] = (await host.api('listSessions', { view: 'all', kind: 'user', limit: 1 })).rows;
    const detail = await host.api('getSession', { id: row!.id });
    const image = detail.media.find((m) => m.contentType === 'image/png' || m.contentType === 'image/jpeg');
    expect(image).toBeDefined();
    const res = await fetch(
      `${host.origin}/media?session=${encodeURIComponent(row!.id)}&locator=${encodeURIComponent(image!.locator)}`,
      { headers: bearer() },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(image!.contentType);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect((await res.arrayBuffer()).byteLength).toBe(image!.size);

    const missing = await raw('GET', `/media?session=${row!.id}&locator=nope`, { headers: bearer() });
    expect(missing.status).toBe(404);
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../package.json']) {
      expect((await raw('GET', path, { headers: bearer() })).status).toBe(404);
    }
  });

  it('streams engine events as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.origin}/api/events`, { headers: bearer(), signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await host.api('syncNow', {});
    let text = '';
    const decoder = new TextDecoder();
    while (!/data: .*"type":"sync\.progress"/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const event = JSON.parse(/data: (.*"type":"sync\.progress".*)/.exec(text)![1]!);
    expect(event.progress.connectionId).toBeTypeOf('string');
  });
});

describe('wiping the profile', () => {
  it('starts afresh on the demo without restarting the host', async () => {
    const before = await host.api('listConnections');
    await host.api('decide', {
      sessionId: (await host.api('listSessions', { view: 'inbox', limit: 1 })).rows[0]!.id,
      newStatus: 'Approved',
    });
    expect((await host.api('listAudit', {})).total).toBeGreaterThan(0);

    expect(await host.api('wipeProfile', { confirm: true })).toEqual({ wiped: true });

    const after = await host.api('listConnections');
    expect(after.map((c) => c.name).sort()).toEqual(before.map((c) => c.name).sort());
    expect(after.map((c) => c.id)).not.toContain(before[0]!.id);
    expect(await host.api('listDecisions', {})).toEqual([]);
    await waitFor(async () => (await host.api('listSessions', { view: 'inbox' })).total > 0, 'the fresh demo sync');
    expect((await host.api('verifyAudit')).ok).toBe(true);
  });
});
