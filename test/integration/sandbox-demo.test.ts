/**
 * `demo: true` on a fresh data dir: the generator's plan stored and imported through the API's own code path,
 * identical from one fresh start to the next apart from ids, URLs and timestamps; its media drawn at their first
 * download, or read from the file a build writes, byte for byte what the generator draws.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../sandbox/index.js';
import { isInReview } from '../../shared/didit/statuses.js';
import { demoPlan } from '../../sandbox/synthetic/index.js';
import { writeDemoMediaFile } from '../../sandbox/demo-media.js';
import { call, removeDir, tempDir, withSandbox, type Json, type TestSandbox } from './helpers/sandbox.js';

let a: TestSandbox;
let b: TestSandbox;

/** The demo media a build writes (b reads its images from it; a draws them). */
const mediaDir = tempDir('demo-media');
const mediaFile = join(mediaDir, 'demo-media.bin');

beforeAll(async () => {
  writeDemoMediaFile(mediaFile);
  a = await withSandbox({ demo: true });
  b = await withSandbox({ demo: true, demoMediaFile: mediaFile });
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  removeDir(mediaDir);
});

/** Every session of both kinds, each kind listed on its own and followed to its last page (as Didit advises). */
async function allSessions(sbx: TestSandbox, key: string): Promise<Json[]> {
  const out: Json[] = [];
  for (const kind of ['user', 'business']) {
    let url: string | null = `/v3/sessions/?limit=100&session_kind=${kind}`;
    while (url) {
      const page: Json = await call(sbx.baseUrl, 'GET', url, { key });
      out.push(...page.body.results);
      url = page.body.next;
    }
  }
  return out.sort((x, y) => x.session_number - y.session_number);
}

/** Every signed media URL in a payload. */
const mediaUrls = (payload: Json): string[] =>
  JSON.stringify(payload).match(/https?:\/\/[^"]*\/sandbox\/media\/[0-9a-f]{64}\?[^"]*/g) ?? [];

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A payload with everything that legitimately differs between two demo starts blanked out. */
function comparable(payload: Json): Json {
  const text = JSON.stringify({
    ...payload,
    session_id: null,
    session_url: null,
    workflow_id: null,
    created_at: null,
    expires_at: null,
    shared_from_session: !!payload.shared_from_session,
  });
  return JSON.parse(text.replace(/"https?:\/\/[^"]*\/sandbox\/media\/([0-9a-f]{64})\?[^"]*"/g, '"media:$1"'));
}

describe('demo world', () => {
  it('stores every planned issuer session and imports the planned ones into the receiver', async () => {
    const plan = demoPlan();
    const issued = await allSessions(a, a.issuer.apiKey);
    const received = await allSessions(a, a.receiver.apiKey);
    expect(a.issuer.name).toBe(plan.applications[0].name);
    expect(a.receiver.name).toBe(plan.applications[1].name);
    expect(issued).toHaveLength(plan.issuerSessions.length);
    expect(received).toHaveLength(plan.imports.length);
    expect(received.map((r) => r.vendor_data)).toEqual(plan.imports.map((i) => i.vendorData));
    const trusted = plan.imports.filter((i) => i.trustReview).length;
    const inReview = received.filter((r) => isInReview(r.status)).length;
    expect(inReview).toBeGreaterThanOrEqual(plan.imports.length - trusted);
    const first = await call(a.baseUrl, 'GET', `/v3/session/${received[0].session_id}/decision/`, {
      key: a.receiver.apiKey,
    });
    const source = issued[plan.imports[0].issuerSessionIndex];
    expect(first.body.shared_from_session).toBe(source.session_id);
    const entities = (await call(a.baseUrl, 'GET', '/sandbox/entities/', { key: a.receiver.apiKey })).body
      .results as Json[];
    expect(new Set(entities.map((e) => e.vendor_data))).toEqual(new Set(plan.imports.map((i) => i.vendorData)));
  });

  it('is the same from one fresh start to the next apart from ids, URLs and timestamps', async () => {
    for (const who of ['issuer', 'receiver'] as const) {
      const left = await allSessions(a, a[who].apiKey);
      const right = await allSessions(b, b[who].apiKey);
      const strip = (rows: Json[]) => rows.map((r) => [r.session_number, r.session_kind, r.status, r.vendor_data]);
      expect(strip(left)).toEqual(strip(right));
      for (const index of [0, Math.floor(left.length / 2), left.length - 1]) {
        const l = await call(a.baseUrl, 'GET', `/v3/session/${left[index].session_id}/decision/`, {
          key: a[who].apiKey,
        });
        const r = await call(b.baseUrl, 'GET', `/v3/session/${right[index].session_id}/decision/`, {
          key: b[who].apiKey,
        });
        expect(comparable(l.body)).toEqual(comparable(r.body));
      }
    }
  });

  it("serves a session's media at their first download, drawn or from the build's file: the generator's bytes", async () => {
    const plan = demoPlan();
    // A KYC session and the first KYB one (whose media are documents, not photos), in both sandboxes.
    const indexes = [0, plan.issuerSessions.findIndex((s) => s.kind === 'business')];
    for (const [sbx, index] of [a, b].flatMap((sbx) => indexes.map((i) => [sbx, i] as const))) {
      const issued = await allSessions(sbx, sbx.issuer.apiKey);
      const decision = await call(sbx.baseUrl, 'GET', `/v3/session/${issued[index].session_id}/decision/`, {
        key: sbx.issuer.apiKey,
      });
      const downloaded = new Set<string>();
      for (const url of new Set(mediaUrls(decision.body))) {
        const res = await request(url);
        expect(res.statusCode, url).toBe(200);
        downloaded.add(digest(new Uint8Array(await res.body.arrayBuffer())));
      }
      const generated = Object.values(plan.issuerSessions[index].media).map((m) => digest(m.bytes));
      expect(downloaded).toEqual(new Set(generated));
    }
  });

  it('leaves a medium unavailable when the demo plan no longer generates its session as stored', async () => {
    const issued = await allSessions(a, a.issuer.apiKey);
    const decision = await call(a.baseUrl, 'GET', `/v3/session/${issued.at(-1).session_id}/decision/`, {
      key: a.issuer.apiKey,
    });
    const url = mediaUrls(decision.body)[0]!;
    const id = /\/sandbox\/media\/([0-9a-f]{64})/.exec(url)![1];
    // As if this build's plan had another session at that place.
    const db = new Database(join(a.dataDir, DB_FILE));
    db.prepare('UPDATE demo_media SET demo_index = 0 WHERE sha256 = ?').run(id);
    db.close();
    expect((await request(url)).statusCode).toBe(404);
  });
});
