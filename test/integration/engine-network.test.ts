/**
 * The network edges of sync: a rate-limited sandbox (429 + Retry-After) is backed off from and caught up with, and
 * only JPEG, PNG, WebP and PDF media under the size limit are stored, judged by their bytes whatever the server
 * claims (served here by a plain loopback file host, as a partner's media host would).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionPayload } from '../../shared/didit/session.js';
import { openProfileCache } from '../../electron/core/cache/index.js';
import { EventHub } from '../../electron/core/events.js';
import { MemoryKeychain } from '../../electron/core/index.js';
import { ingestSession } from '../../electron/core/sync/ingest.js';
import {
  connectionInput,
  createSession,
  engineTestBed,
  removeDir,
  tempDir,
  testKeychain,
  waitFor,
} from './helpers/engine.js';

describe('engine against a rate-limited server', () => {
  const bed = engineTestBed('rl', { rateLimit: { max: 4, windowSeconds: 2 } });

  it('reports rate limiting with the wait the server asked for, backs off, then catches up', async () => {
    const apps = bed.apps;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        (await createSession(apps.baseUrl, apps.receiver.apiKey, { session_kind: 'user', status: 'In Review' }))
          .session_id,
      );
    }
    const secrets = await testKeychain();
    let engine = await bed.openEngine({ secrets });
    const { id } = await engine.addConnection(connectionInput(apps.baseUrl, apps.receiver, 'receiver'));
    // Use up the window, so the next call is refused with Retry-After.
    let refused: { code?: string; message?: string } | null = null;
    for (let i = 0; i < 6 && refused === null; i++) {
      refused = await engine.testConnection({ id }).then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
    }
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.message).toMatch(/Retrying in \d+ s/);
    const state = (await engine.listConnections({}))[0];
    expect(state.online).toBe(true);

    // The background poller (interval 5 s, the minimum) keeps going through 429s until everything is in.
    await engine.updateSettings({ pollIntervalSeconds: 5 });
    await engine.close();
    engine = await bed.openEngine({ secrets, autoSync: true });
    await waitFor(
      async () => (await engine.listSessions({ view: 'all' })).total === ids.length,
      'every session despite the rate limit',
      60_000,
    );
  });
});

describe('engine media acceptance', () => {
  const profile = tempDir('media-profile');
  let server: Server;
  let base: string;
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
  const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.alloc(64, 3)]);
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const HTML = Buffer.from('<html><body>hi</body></html>');

  beforeAll(async () => {
    server = createServer((req, res) => {
      const files: Record<string, [string, Buffer]> = {
        '/front.png': ['image/png', PNG],
        // Lies about its type: the bytes are what count.
        '/back.bin': ['application/octet-stream', JPEG],
        '/portrait.webp': ['image/webp', WEBP],
        '/poa.pdf': ['application/pdf', PDF],
        '/selfie.svg': ['image/png', SVG],
        '/source.html': ['image/jpeg', HTML],
      };
      if (req.url === '/huge.png') {
        // Over the 15 MB limit, announced honestly.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 16 * 1024 * 1024 });
        res.write(PNG);
        res.end(Buffer.alloc(16 * 1024 * 1024 - PNG.length));
        return;
      }
      const file = files[req.url ?? ''];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    removeDir(profile);
  });

  it('stores accepted types by magic bytes and records the rest as refused, never stored', async () => {
    const cache = await openProfileCache({ profileDir: profile, secrets: new MemoryKeychain() });
    const agent = new Agent();
    try {
      cache.upsertConnection({
        id: 'c1',
        name: 'media host test',
        baseUrl: base,
        applicationId: '00000000-0000-4000-8000-000000000001',
        role: 'receiver',
        workflows: [],
        hasWebhookSecret: false,
        createdAt: new Date().toISOString(),
      });
      const payload = {
        session_id: 'media-session',
        session_kind: 'user',
        status: 'In Review',
        id_verifications: [
          { front_image: `${base}/front.png`, back_image: `${base}/back.bin`, portrait_image: `${base}/portrait.webp` },
        ],
        liveness_checks: [{ reference_image: `${base}/selfie.svg`, video_url: `${base}/huge.png` }],
        face_matches: [{ source_image: `${base}/source.html`, target_image: `${base}/gone.png` }],
        proof_of_address: [{ document_file: `${base}/poa.pdf` }],
        document_verifications: [{ file: 'file:///etc/passwd' }],
      } as unknown as SessionPayload;
      const ctx = { cache, events: new EventHub(), dispatcher: agent, signal: new AbortController().signal };
      const result = await ingestSession(ctx, 'c1', payload);
      expect(result.mediaStored).toBe(4);
      const stored = Object.fromEntries(cache.listMedia('media-session').map((m) => [m.locator, m.contentType]));
      expect(stored).toEqual({
        'id_verifications[0].front_image': 'image/png',
        'id_verifications[0].back_image': 'image/jpeg',
        'id_verifications[0].portrait_image': 'image/webp',
        'proof_of_address[0].document_file': 'application/pdf',
      });
      const audit = cache.listAudit({ sessionId: 'media-session', offset: 0, limit: 50 }).entries;
      const refused = Object.fromEntries(audit.map((e) => [e.details.locator, e.type]));
      expect(refused).toEqual({
        'liveness_checks[0].reference_image': 'media.rejected',
        'liveness_checks[0].video_url': 'media.rejected',
        'face_matches[0].source_image': 'media.rejected',
        'face_matches[0].target_image': 'media.unavailable',
        'document_verifications[0].file': 'media.rejected',
      });
      // The stored payload holds locators, never the (expiring, possibly hostile) URLs.
      const kept = cache.getSession('media-session')!;
      expect(JSON.stringify(kept.payload)).not.toContain(base);
      expect(
        (kept.payload as { liveness_checks: { reference_image: string }[] }).liveness_checks[0].reference_image,
      ).toBe('liveness_checks[0].reference_image');
    } finally {
      cache.close();
      await agent.close();
    }
  });
});
