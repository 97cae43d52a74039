/**
 * Reading, listing, deciding and deleting sessions, auth and signed media URLs, against the real sandbox over
 * loopback HTTP (didit-api.md sections 3 and 4, Conventions).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ERROR_DETAIL, WRONG_STATUS_DETAIL, listResponseSchema } from '../../shared/api.js';
import { mediaReferences, sessionPayloadSchema } from '../../shared/session.js';
import {
  addApplication,
  advanceClock,
  call,
  createSession,
  withSandbox,
  type Json,
  type SandboxApp,
  type TestSandbox,
} from './helpers/sandbox.js';

let sbx: TestSandbox;

beforeAll(async () => {
  sbx = await withSandbox();
});
afterAll(() => sbx.close());

const decision = (id: string, key: string) => call(sbx.baseUrl, 'GET', `/v3/session/${id}/decision/`, { key });

function magicType(bytes: Buffer): string {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return 'unknown';
}

describe('authentication', () => {
  it('answers 403 with the contract detail for a missing or unknown x-api-key', async () => {
    for (const key of [undefined, '', 'sbx_unknown-key']) {
      const res = await call(sbx.baseUrl, 'GET', '/v3/sessions/', { key });
      expect(res.status).toBe(403);
      expect(res.body.detail).toBe(AUTH_ERROR_DETAIL);
    }
  });

  it('answers 403 to a key without the needed privilege', async () => {
    const reader = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'Read only', ['read:sessions']);
    expect((await call(sbx.baseUrl, 'GET', '/v3/sessions/', { key: reader.apiKey })).status).toBe(200);
    const write = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/', {
      key: reader.apiKey,
      body: { session_kind: 'user' },
    });
    expect(write.status).toBe(403);
    expect(write.body.detail).toEqual(expect.any(String));
  });
});

describe('decision', () => {
  it('returns the section 3 payload with every KYC media field as an absolute signed URL of the right type', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
      session_kind: 'user',
      status: 'In Review',
      vendor_data: 'u-1',
    });
    const res = await decision(s.session_id, sbx.issuer.apiKey);
    expect(res.status).toBe(200);
    expect(sessionPayloadSchema.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({
      session_id: s.session_id,
      status: 'In Review',
      vendor_data: 'u-1',
      shared_from_session: null,
      reviews: [],
    });
    const refs = mediaReferences(res.body);
    const locators = refs.map((r) => r.locator);
    for (const expected of [
      'id_verifications[0].front_image',
      'id_verifications[0].back_image',
      'id_verifications[0].portrait_image',
      'liveness_checks[0].reference_image',
      'face_matches[0].source_image',
      'face_matches[0].target_image',
      'proof_of_address[0].document_file',
    ]) {
      expect(locators).toContain(expected);
    }
    for (const { url } of refs) {
      expect(url.startsWith(`${sbx.baseUrl}/`)).toBe(true);
      expect(new URL(url).searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
      const media = await fetch(url); // no API key
      expect(media.status).toBe(200);
      const bytes = Buffer.from(await media.arrayBuffer());
      expect(media.headers.get('content-type')).toBe(magicType(bytes));
    }
  });

  it('emits KYB statuses in UPPER_SNAKE_CASE with the KYB arrays', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'In Review' });
    const res = await decision(s.session_id, sbx.issuer.apiKey);
    expect(res.body.status).toBe('IN_REVIEW');
    expect(res.body.session_kind).toBe('business');
    for (const array of [
      'registry_checks',
      'key_people_checks',
      'document_verifications',
      'aml_screenings',
      'questionnaires',
    ]) {
      expect(res.body[array].length, array).toBeGreaterThan(0);
    }
    expect(sessionPayloadSchema.safeParse(res.body).success).toBe(true);
  });

  it('answers 404 alike for unknown, foreign and non-UUID session ids', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user' });
    for (const [id, key] of [
      [randomUUID(), sbx.issuer.apiKey],
      [s.session_id, sbx.receiver.apiKey],
      ['12345', sbx.issuer.apiKey],
    ]) {
      const res = await decision(id, key);
      expect(res.status).toBe(404);
      expect(res.body.detail).toEqual(expect.any(String));
    }
  });

  it('refuses tampered media URLs with 403 and expired ones with 410, and a fresh read gives working URLs', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    const url = new URL(s.id_verifications[0].front_image);
    const tampered = [
      (u: URL) => u.searchParams.set('sig', '0'.repeat(64)),
      (u: URL) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600)),
      (u: URL) => u.searchParams.delete('sig'),
      (u: URL) => (u.pathname = u.pathname.replace(/[0-9a-f]{64}$/, 'a'.repeat(64))),
    ];
    for (const change of tampered) {
      const u = new URL(url);
      change(u);
      const res = await fetch(u);
      expect(res.status, u.toString()).toBe(403);
      expect((await res.json()).detail).toEqual(expect.any(String));
    }
    await advanceClock(sbx.baseUrl, sbx.issuer.apiKey, 3601);
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    expect((await expired.json()).detail).toMatch(/expired/);
    const fresh = await decision(s.session_id, sbx.issuer.apiKey);
    expect((await fetch(fresh.body.id_verifications[0].front_image)).status).toBe(200);
  });

  it('signs media URLs for the configured lifetime', async () => {
    const short = await withSandbox({ mediaTtlSeconds: 120 });
    try {
      const s = await createSession(short.baseUrl, short.issuer.apiKey, { session_kind: 'user' });
      const clock = await call(short.baseUrl, 'GET', '/sandbox/clock/', { key: short.issuer.apiKey });
      const exp = Number(new URL(s.id_verifications[0].front_image).searchParams.get('exp'));
      const lifetime = exp - Date.parse(clock.body.now) / 1000;
      expect(lifetime).toBeGreaterThan(100);
      expect(lifetime).toBeLessThanOrEqual(120);
    } finally {
      await short.close();
    }
  });
});

describe('list', () => {
  let app: SandboxApp;
  const created: Json[] = [];

  beforeAll(async () => {
    app = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'List test');
    const specs = [
      ...Array.from({ length: 5 }, (_, i) => ({
        session_kind: 'user' as const,
        status: 'Approved',
        vendor_data: `user-${i}`,
      })),
      ...Array.from({ length: 3 }, (_, i) => ({
        session_kind: 'business' as const,
        status: 'IN_REVIEW',
        vendor_data: `biz-${i}`,
      })),
      ...Array.from({ length: 2 }, () => ({
        session_kind: 'user' as const,
        status: 'Declined',
        vendor_data: 'repeat',
      })),
    ];
    for (const spec of specs) created.push(await createSession(sbx.baseUrl, app.apiKey, spec));
  });

  const list = (query: string) => call(sbx.baseUrl, 'GET', `/v3/sessions/${query}`, { key: app.apiKey });

  it('pages through every session with absolute next and previous links', async () => {
    const first = await list('?limit=3');
    expect(first.status).toBe(200);
    expect(listResponseSchema.safeParse(first.body).success).toBe(true);
    expect(first.body.count).toBe(10);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(new RegExp(`^${sbx.baseUrl}/v3/sessions/\\?`));
    const seen: string[] = [];
    let page = first;
    let pages = 0;
    while (true) {
      pages += 1;
      seen.push(...page.body.results.map((r: Json) => r.session_id));
      if (!page.body.next) break;
      page = await call(sbx.baseUrl, 'GET', page.body.next, { key: app.apiKey });
    }
    expect(pages).toBe(4);
    expect(new Set(seen)).toEqual(new Set(created.map((c) => c.session_id)));
    const back = await call(sbx.baseUrl, 'GET', page.body.previous, { key: app.apiKey });
    expect(back.body.results.map((r: Json) => r.session_id)).toEqual(seen.slice(6, 9));
    expect(first.body.results[0]).toEqual({
      session_id: created[9].session_id,
      session_number: created[9].session_number,
      session_kind: 'user',
      status: 'Declined',
      vendor_data: 'repeat',
      workflow_id: created[9].workflow_id,
      created_at: created[9].created_at,
    });
  });

  it('filters by status (either spelling, comma-separated), kind, vendor_data and workflow', async () => {
    const ids = async (query: string) => ((await list(query)).body.results as Json[]).map((r) => r.session_id).sort();
    const idsOf = (pred: (c: Json) => boolean) =>
      created
        .filter(pred)
        .map((c) => c.session_id)
        .sort();
    expect(await ids('?status=In%20Review')).toEqual(idsOf((c) => c.session_kind === 'business'));
    expect(await ids('?status=IN_REVIEW')).toEqual(idsOf((c) => c.session_kind === 'business'));
    expect(await ids('?status=Approved,Declined')).toEqual(idsOf((c) => c.session_kind === 'user'));
    expect(await ids('?session_kind=business')).toEqual(idsOf((c) => c.session_kind === 'business'));
    expect(await ids('?session_kind=all&limit=100')).toEqual(idsOf(() => true));
    expect(await ids('?vendor_data=repeat')).toEqual(idsOf((c) => c.vendor_data === 'repeat'));
    expect(await ids(`?workflow_id=${app.kybWorkflowId}`)).toEqual(idsOf((c) => c.session_kind === 'business'));
    const filtered = await list('?status=Approved&limit=2');
    expect(filtered.body.count).toBe(5);
    expect(new URL(filtered.body.next).searchParams.get('status')).toBe('Approved');
  });

  it('rejects bad list parameters with 400 field errors', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?offset=-1', 'offset'],
      ['?limit=abc', 'limit'],
      ['?session_kind=robot', 'session_kind'],
      ['?status=Bogus', 'status'],
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.body[field], query).toEqual([expect.any(String)]);
    }
  });
});

describe('update-status', () => {
  const update = (id: string, body: unknown, key = sbx.issuer.apiKey) =>
    call(sbx.baseUrl, 'PATCH', `/v3/session/${id}/update-status/`, { key, body });

  it('decides an In Review session, records each review, and refuses the same status with Wrong Current Status', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    const approved = await update(s.session_id, { new_status: 'Approved', comment: 'documents check out' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ session_id: s.session_id });
    const again = await update(s.session_id, { new_status: 'Approved' });
    expect(again.status).toBe(400);
    expect(again.body.detail).toBe(WRONG_STATUS_DETAIL);
    expect((await update(s.session_id, { new_status: 'Declined', comment: 'second look' })).status).toBe(200);
    const read = await decision(s.session_id, sbx.issuer.apiKey);
    expect(read.body.status).toBe('Declined');
    expect(read.body.reviews).toEqual([
      {
        user: expect.any(String),
        new_status: 'Approved',
        comment: 'documents check out',
        created_at: expect.any(String),
      },
      { user: expect.any(String), new_status: 'Declined', comment: 'second look', created_at: expect.any(String) },
    ]);
  });

  it('uses the KYB spelling for business sessions', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'IN_REVIEW' });
    expect((await update(s.session_id, { new_status: 'Resubmitted' })).status).toBe(200);
    const read = await decision(s.session_id, sbx.issuer.apiKey);
    expect(read.body.status).toBe('RESUBMITTED');
    expect(read.body.reviews[0].new_status).toBe('RESUBMITTED');
  });

  it('refuses decisions on unfinished sessions and statuses outside Approved / Declined / Resubmitted', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Progress' });
    const res = await update(s.session_id, { new_status: 'Approved' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe(WRONG_STATUS_DETAIL);
    const inReview = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    for (const new_status of ['In Review', 'approved', 'Expired', 42]) {
      const bad = await update(inReview.session_id, { new_status });
      expect(bad.status).toBe(400);
      expect(bad.body.new_status).toEqual([expect.any(String)]);
    }
    expect((await decision(inReview.session_id, sbx.issuer.apiKey)).body.reviews).toEqual([]);
  });

  it('answers 404 for unknown and foreign sessions', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    expect((await update(randomUUID(), { new_status: 'Approved' })).status).toBe(404);
    expect((await update(s.session_id, { new_status: 'Approved' }, sbx.receiver.apiKey)).status).toBe(404);
    expect((await decision(s.session_id, sbx.issuer.apiKey)).body.status).toBe('In Review');
  });
});

describe('delete', () => {
  it('deletes with 204, after which the session is gone for every route', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'Approved' });
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/session/${s.session_id}/delete/`, { key: sbx.receiver.apiKey })).status,
    ).toBe(404);
    const res = await call(sbx.baseUrl, 'DELETE', `/v3/session/${s.session_id}/delete/`, { key: sbx.issuer.apiKey });
    expect(res.status).toBe(204);
    expect((await decision(s.session_id, sbx.issuer.apiKey)).status).toBe(404);
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/session/${s.session_id}/delete/`, { key: sbx.issuer.apiKey })).status,
    ).toBe(404);
    const all = await call(sbx.baseUrl, 'GET', '/v3/sessions/?limit=100', { key: sbx.issuer.apiKey });
    expect(all.body.results.map((r: Json) => r.session_id)).not.toContain(s.session_id);
  });
});
