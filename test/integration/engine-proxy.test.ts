/**
 * Corporate proxies: the engine's HTTP client (API calls and media downloads, one dispatcher) goes through the proxy
 * it is given, or by default the one HTTPS_PROXY / HTTP_PROXY name in process.env, and straight to the hosts
 * NO_PROXY names (loopback always, by default). The proxy is a small CONNECT + plain-forward proxy written here on
 * 127.0.0.1 that reads the requests passing through its tunnels; it refuses every destination but loopback, so no
 * traffic ever leaves the machine.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../electron/core/index.js';
import { LOOPBACK_NO_PROXY, proxyFromEnv } from '../../electron/core/http-dispatcher.js';
import { connectionInput, engineTestBed, removeDir, tempDir, testKeychain } from './helpers/engine.js';

/** 127.0.0.0/8 only; the proxy maps any of it to 127.0.0.1, where the sandbox listens. */
const isLoopback = (host: string) => /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost';

interface TestProxy {
  url: string;
  /** `METHOD path` of every request seen, tunnelled or forwarded. */
  requests(): string[];
  /** CONNECT targets (host:port). */
  tunnels: string[];
  reset(): void;
  close(): Promise<void>;
}

async function startProxy(): Promise<TestProxy> {
  const forwarded: string[] = [];
  const tunnels: string[] = [];
  // What clients sent into each tunnel (client → server only: request lines, headers, small JSON bodies).
  let tunnelled: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    // A plain forward: `GET http://host:port/path HTTP/1.1`.
    const target = new URL(req.url ?? '');
    if (!isLoopback(target.hostname)) return void res.writeHead(403).end();
    forwarded.push(`${req.method} ${target.pathname}`);
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: target.pathname + target.search,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    tunnels.push(req.url ?? '');
    if (!isLoopback(host) || !port) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const index = tunnelled.push(head.toString('latin1')) - 1;
    const generation = tunnelled;
    const upstream = connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.on('data', (chunk: Buffer) => {
        if (generation === tunnelled) tunnelled[index] += chunk.toString('latin1');
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    requests: () => [
      ...forwarded,
      ...tunnelled.flatMap((t) =>
        [...t.matchAll(/(?:^|\r\n)(GET|POST|PUT|PATCH|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g)].map(
          (m) => `${m[1]} ${m[2]}`,
        ),
      ),
    ],
    reset() {
      forwarded.length = 0;
      tunnels.length = 0;
      tunnelled = [];
    },
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}

describe('engine behind a proxy', () => {
  const bed = engineTestBed('proxy', { demo: true });
  let proxy: TestProxy;
  const engines: Engine[] = [];
  const profiles: string[] = [];

  beforeAll(async () => {
    proxy = await startProxy();
  });
  afterAll(async () => {
    for (const e of engines) await e.close();
    await proxy.close();
    profiles.forEach(removeDir);
  });

  async function engineWith(opts: { proxy?: Parameters<typeof openEngine>[0]['proxy']; host?: string }) {
    const profileDir = tempDir('proxy-profile');
    profiles.push(profileDir);
    const baseUrl = opts.host ? bed.apps.baseUrl.replace('127.0.0.1', opts.host) : bed.apps.baseUrl;
    const engine = await openEngine({
      profileDir,
      secrets: await testKeychain(),
      autoSync: false,
      seedConnections: [connectionInput(baseUrl, bed.apps.receiver, 'receiver')],
      ...(opts.proxy ? { proxy: opts.proxy } : {}),
    });
    engines.push(engine);
    return engine;
  }

  /** Syncs and returns how many sessions and media items arrived. */
  async function syncAll(engine: Engine): Promise<{ sessions: number; media: number }> {
    await engine.syncAndWait();
    const page = await engine.listSessions({ view: 'all', limit: 500 });
    let media = 0;
    for (const row of page.rows) media += (await engine.getSession({ id: row.id })).media.length;
    return { sessions: page.total, media };
  }

  const apiCalls = () => proxy.requests().filter((r) => / \/v3\//.test(r));
  const mediaDownloads = () => proxy.requests().filter((r) => r.startsWith('GET /sandbox/media/'));

  it('sends the API calls and the media downloads through the proxy it is given', async () => {
    proxy.reset();
    const engine = await engineWith({ proxy: { httpProxy: proxy.url, httpsProxy: '', noProxy: '' } });
    const { sessions, media } = await syncAll(engine);
    expect(sessions).toBeGreaterThan(5);
    expect(media).toBeGreaterThan(sessions);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(proxy.tunnels.every((t) => t === new URL(bed.apps.baseUrl).host)).toBe(true);
    expect(apiCalls().some((r) => r.startsWith('GET /v3/sessions/'))).toBe(true);
    expect(mediaDownloads().length).toBeGreaterThanOrEqual(media);
  });

  it('goes straight to the hosts NO_PROXY names', async () => {
    proxy.reset();
    const engine = await engineWith({ proxy: { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: '127.0.0.1' } });
    const { sessions, media } = await syncAll(engine);
    expect(sessions).toBeGreaterThan(5);
    expect(media).toBeGreaterThan(sessions);
    expect(proxy.tunnels).toEqual([]);
    expect(proxy.requests()).toEqual([]);
  });

  it('reads HTTP_PROXY and NO_PROXY from process.env by default, loopback names always direct', async () => {
    const saved = { ...process.env };
    try {
      for (const name of ['http_proxy', 'https_proxy', 'no_proxy', 'HTTPS_PROXY', 'NO_PROXY']) delete process.env[name];
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = 'intranet.example';
      expect(proxyFromEnv()).toEqual({
        httpProxy: proxy.url,
        httpsProxy: '',
        noProxy: `intranet.example,${LOOPBACK_NO_PROXY}`,
      });

      // 127.0.0.1 is in the default bypass list: direct.
      proxy.reset();
      expect((await syncAll(await engineWith({}))).sessions).toBeGreaterThan(5);
      expect(proxy.tunnels).toEqual([]);

      // 127.0.0.2 (also this machine, not in the list) goes through the proxy named by HTTP_PROXY.
      proxy.reset();
      const { sessions } = await syncAll(await engineWith({ host: '127.0.0.2' }));
      expect(sessions).toBeGreaterThan(5);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(proxy.tunnels.every((t) => t.startsWith('127.0.0.2:'))).toBe(true);
      expect(apiCalls().length).toBeGreaterThan(0);
      expect(mediaDownloads().length).toBeGreaterThan(0);
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('takes a proxy given without a scheme as http://, and NO_PROXY=* as everything direct', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: 'proxy.corp.example:3128', NO_PROXY: '*' })).toEqual({
      httpProxy: '',
      httpsProxy: 'http://proxy.corp.example:3128',
      noProxy: '*',
    });
    expect(proxyFromEnv({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' }).httpsProxy).toBe('http://a:1');
  });
});
