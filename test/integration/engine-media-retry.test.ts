/**
 * Media that could not be downloaded when a session arrived is fetched later: the next sync reads the session again
 * (fresh URLs) and downloads what is missing. The engine talks to the real sandbox through a loopback forwarder that
 * can take the media downloads down, or hold them while the sandbox clock moves past their expiry; API calls always
 * pass through untouched.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaReferences } from '../../shared/didit/session.js';
import type { Engine } from '../../electron/core/index.js';
import {
  call,
  connectionInput,
  createSession,
  engineTestBed,
  mintToken,
  serverSession,
  testKeychain,
  waitFor,
  workflowOf,
  type SandboxApps,
} from './helpers/engine.js';

type GateMode = 'open' | 'down' | 'hold';

/**
 * A forwarder in front of the sandbox. The sandbox builds media URLs from the Host header, so the engine downloads
 * media through it too. 'down': media requests have their connection cut, like a server that went away; 'hold':
 * they wait until the gate opens again.
 */
class MediaGate {
  mode: GateMode = 'open';
  held = 0;
  url = '';
  private readonly waiting: (() => void)[] = [];
  private readonly server: Server;

  constructor(private readonly upstream: URL) {
    this.server = createServer((req, res) => {
      const forward = () => {
        const up = httpRequest(
          {
            host: this.upstream.hostname,
            port: this.upstream.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        up.on('error', () => res.destroy());
        req.pipe(up);
      };
      const media = (req.url ?? '').startsWith('/sandbox/media/');
      if (media && this.mode === 'down') return void req.socket.destroy();
      if (media && this.mode === 'hold') {
        this.held++;
        this.waiting.push(forward);
        return;
      }
      forward();
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  open(): void {
    this.mode = 'open';
    for (const forward of this.waiting.splice(0)) forward();
  }

  close(): Promise<void> {
    this.open();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('media missing after an import or a sync', () => {
  const bed = engineTestBed('mr');
  let apps: SandboxApps;
  let gate: MediaGate;
  let engine: Engine;
  let receiverId: string;

  const locators = (payload: Parameters<typeof mediaReferences>[0]) =>
    mediaReferences(payload)
      .map((r) => r.locator)
      .sort();

  beforeAll(async () => {
    apps = bed.apps;
    gate = new MediaGate(new URL(apps.baseUrl));
    await gate.listen();
    engine = await bed.openEngine({ secrets: await testKeychain() });
    receiverId = (await engine.addConnection(connectionInput(gate.url, apps.receiver, 'receiver'))).id;
  });

  afterAll(async () => {
    await engine?.close();
    await gate?.close();
  });

  it('keeps an import whose media host was down, and downloads its media at the next sync', async () => {
    const source = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, source.session_id, apps.receiver.id);
    gate.mode = 'down';
    const { sessionId, status, detailsPending } = await engine.redeemToken({
      connectionId: receiverId,
      shareToken: token,
      workflowId: workflowOf(apps.receiver, 'user'),
    });
    expect(status).toBe('In Review');
    expect(detailsPending).toBe(true);
    const bare = await engine.getSession({ id: sessionId });
    expect(bare.media).toEqual([]);
    expect(bare.audit.map((e) => e.type)).toEqual(expect.arrayContaining(['import.redeemed', 'import.fetch_deferred']));

    // Still down: the sync keeps the session as it is and tries again later.
    await engine.syncAndWait(receiverId);
    expect((await engine.getSession({ id: sessionId })).media).toEqual([]);

    gate.open();
    await engine.syncAndWait(receiverId);
    const expected = locators(await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId));
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const detail = await engine.getSession({ id: sessionId });
    expect(detail.media.map((m) => m.locator).sort()).toEqual(expected);
    for (const locator of expected) expect(engine.getMedia(sessionId, locator)?.bytes.length).toBeGreaterThan(100);
    expect(detail.audit.map((e) => e.type)).toContain('media.recovered');
    expect(detail.importInfo?.sourceApplicationId).toBe(apps.issuer.id);
  });

  it('reads a session again for fresh URLs when its media URLs expired before the download', async () => {
    const arriving = await createSession(apps.baseUrl, apps.receiver.apiKey, {
      session_kind: 'business',
      status: 'IN_REVIEW',
    });
    gate.mode = 'hold';
    gate.held = 0;
    const pass = engine.syncAndWait(receiverId);
    try {
      await waitFor(() => gate.held > 0, 'the first media download');
      // Two hours later, as far as the sandbox is concerned: the URLs it handed out have expired.
      const moved = await call(apps.baseUrl, 'POST', '/sandbox/clock/', {
        key: apps.receiver.apiKey,
        body: {
          advance_seconds: 7200,
        },
      });
      expect(moved.status).toBe(200);
      gate.open();
      await pass;
      const bare = await engine.getSession({ id: arriving.session_id });
      expect(bare.media).toEqual([]);
      const gone = bare.audit.filter((e) => e.type === 'media.unavailable');
      expect(gone.length).toBe(locators(arriving).length);
      expect(gone.every((e) => e.details.reason === 'HTTP 410')).toBe(true);

      await engine.syncAndWait(receiverId);
      const detail = await engine.getSession({ id: arriving.session_id });
      expect(detail.media.map((m) => m.locator).sort()).toEqual(locators(arriving));
      expect(detail.row.status).toBe('IN_REVIEW');
    } finally {
      gate.open();
      await pass;
      await call(apps.baseUrl, 'POST', '/sandbox/clock/', { key: apps.receiver.apiKey, body: { offset_seconds: 0 } });
    }
  });
});
