/**
 * Reading, listing, deciding and deleting sessions, auth and signed media URLs, and raw (documented) payloads,
 * against the real sandbox over loopback HTTP (docs/didit-api.md §1, §5-§8).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ERROR_DETAIL, WRONG_STATUS_DETAIL, listResponseSchema } from '../../shared/didit/api.js';
import { mediaReferences, sessionPayloadSchema } from '../../shared/didit/session.js';
import {
  addApplication,
  advanceClock,
  call,
  createRawSession,
  createSession,
  withSandbox,
  type Json,
  type SandboxApp,
  type TestSandbox,
} from './helpers/sandbox.js';
import { diditFixture as fixture } from './helpers/basics.js';

let sbx: TestSandbox;

beforeAll(async () => {
  sbx = await withSandbox();
});
afterAll(() => sbx.close());

const decision = (id: string, key: string) => call(sbx.baseUrl, 'GET', `/v3/session/${id}/decision/`, { key });
/** The registry company, nested as Didit sends it (older synthetic records were flat with legal_name). */
const companyOf = (payload: Json): Json => payload.registry_checks[0].company ?? payload.registry_checks[0];
const KYC_ROW_KEYS = [
  'additional_details',
  'country',
  'created_at',
  'didit_internal_id',
  'document_type',
  'email_address',
  'features',
  'full_name',
  'phone_number',
  'portrait_image',
  'session_id',
  'session_kind',
  'session_number',
  'session_url',
  'status',
  'vendor_data',
  'workflow_label',
];
const KYB_ROW_KEYS = [
  'company_name',
  'country',
  'created_at',
  'registration_number',
  'session_id',
  'session_kind',
  'session_number',
  'status',
  'vendor_data',
  'workflow_label',
  'workflow_type',
];

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
      session_kind: 'user',
      status: 'In Review',
      vendor_data: 'u-1',
      shared_from_session: null,
      reviews: [],
      callback: null,
      expected_details: null,
      contact_details: {
        email: res.body.email_verifications[0].email,
        email_lang: 'en',
        send_notification_emails: false,
        phone: res.body.phone_verifications[0].full_number,
      },
    });
    // Every documented block is there: an array, or null when the workflow did not run it.
    for (const block of ['nfc_verifications', 'questionnaire_responses', 'ip_analyses', 'database_validations']) {
      expect(res.body[block] === null || Array.isArray(res.body[block]), block).toBe(true);
    }
    expect(res.body.session_url).toMatch(new RegExp(`^${sbx.baseUrl}/`));
    expect(res.body.environment).toEqual(expect.any(String));
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.parse(res.body.created_at));
    // The decision names the POA block as the docs do; the seed's name is for the import answer only.
    expect(res.body.poa_verifications.length).toBeGreaterThan(0);
    expect(res.body).not.toHaveProperty('proof_of_address');
    const refs = mediaReferences(res.body);
    const locators = refs.map((r) => r.locator);
    for (const expected of [
      'id_verifications[0].front_image',
      'id_verifications[0].back_image',
      'id_verifications[0].portrait_image',
      'liveness_checks[0].reference_image',
      'face_matches[0].source_image',
      'face_matches[0].target_image',
      'proof_of_address[0].document_file', // the block's name in the app, whatever Didit calls it
    ]) {
      expect(locators).toContain(expected);
    }
    for (const { url } of refs) {
      if (url === null) throw new Error('a served payload holds URLs, not locators');
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
      'questionnaire_responses',
    ]) {
      expect(res.body[array].length, array).toBeGreaterThan(0);
    }
    expect(res.body).not.toHaveProperty('questionnaires');
    for (const block of ['phone_verifications', 'email_verifications', 'ip_analyses']) {
      expect(res.body[block] === null || Array.isArray(res.body[block]), block).toBe(true);
    }
    expect(res.body.contact_details).toEqual(expect.any(Object));
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.parse(res.body.created_at));
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
  const users = () => created.filter((c) => c.session_kind === 'user');

  it('lists KYC sessions by default, newest first, with absolute next and previous links', async () => {
    const first = await list('?limit=3');
    expect(first.status).toBe(200);
    expect(listResponseSchema.safeParse(first.body).success).toBe(true);
    expect(first.body.count).toBe(7);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(new RegExp(`^${sbx.baseUrl}/v3/sessions/\\?`));
    const seen: Json[] = [];
    let page = first;
    let pages = 0;
    while (true) {
      pages += 1;
      seen.push(...page.body.results);
      if (!page.body.next) break;
      page = await call(sbx.baseUrl, 'GET', page.body.next, { key: app.apiKey });
    }
    expect(pages).toBe(3);
    expect(seen.map((r) => r.session_kind)).toEqual(Array(7).fill('user'));
    expect(seen.map((r) => r.session_id)).toEqual(
      users()
        .map((c) => c.session_id)
        .reverse(),
    );
    const back = await call(sbx.baseUrl, 'GET', page.body.previous, { key: app.apiKey });
    expect(back.body.results.map((r: Json) => r.session_id)).toEqual(seen.slice(3, 6).map((r) => r.session_id));
    // Didit's default page is 50 rows.
    expect((await list('')).body.results).toHaveLength(7);
  });

  it('gives KYC rows the documented fields, from the session itself, and no workflow_id', async () => {
    const newest = created[9];
    const row = (await list('?limit=1')).body.results[0];
    expect(Object.keys(row).sort()).toEqual(KYC_ROW_KEYS);
    const id = newest.id_verifications[0];
    expect(row).toMatchObject({
      session_id: newest.session_id,
      session_kind: 'user',
      session_number: newest.session_number,
      session_url: newest.session_url,
      status: 'Declined',
      vendor_data: 'repeat',
      created_at: newest.created_at,
      document_type: id.document_type,
      full_name: id.full_name,
      country: id.issuing_state,
      workflow_label: expect.any(String),
      didit_internal_id: expect.any(String),
      phone_number: { number: newest.phone_verifications[0].full_number, is_verified: expect.any(Boolean) },
      email_address: { email: newest.email_verifications[0].email, is_verified: expect.any(Boolean) },
      additional_details: {
        aml: { total_hits: expect.any(Number), entity_type: 'person', is_adverse_media_fetched: false },
        liveness: { method: newest.liveness_checks[0].method, score: expect.any(Number) },
        face_match: { score: expect.any(Number) },
      },
    });
    expect(row.features).toContainEqual({ feature: 'LIVENESS', status: newest.liveness_checks[0].status });
    expect(row.features.map((f: Json) => f.feature)).toEqual(newest.features);
    expect((await fetch(row.portrait_image)).status).toBe(200);
  });

  it('lists KYB rows with the company from the registry check, and caps nothing below 100', async () => {
    const res = await list('?session_kind=business');
    expect(res.body.count).toBe(3);
    expect(res.body.next).toBeNull();
    const kyb = created.filter((c) => c.session_kind === 'business').reverse();
    expect(res.body.results.map((r: Json) => r.session_id)).toEqual(kyb.map((c) => c.session_id));
    const row = res.body.results[0];
    expect(Object.keys(row).sort()).toEqual(KYB_ROW_KEYS);
    const company = companyOf(kyb[0]);
    expect(row).toMatchObject({
      status: 'IN_REVIEW',
      workflow_type: expect.any(String),
      workflow_label: expect.any(String),
      company_name: company.company_name ?? company.legal_name,
      registration_number: company.registration_number,
      country: company.country_code ?? company.jurisdiction,
    });
  });

  it('lists all: the KYC page, then the KYB page, count summed', async () => {
    const res = await list('?session_kind=all');
    expect(res.body.count).toBe(10);
    expect(res.body.results.map((r: Json) => r.session_kind)).toEqual([
      ...Array(7).fill('user'),
      'business',
      'business',
      'business',
    ]);
    const twoEach = await list('?session_kind=all&limit=2&offset=2');
    expect(twoEach.body.results.map((r: Json) => r.session_kind)).toEqual(['user', 'user', 'business']);
  });

  it('filters by status (either spelling, comma-separated), kind, vendor_data, workflow, country, search and dates', async () => {
    const ids = async (query: string) => ((await list(query)).body.results as Json[]).map((r) => r.session_id).sort();
    const idsOf = (pred: (c: Json) => boolean) =>
      created
        .filter(pred)
        .map((c) => c.session_id)
        .sort();
    const isKyb = (c: Json) => c.session_kind === 'business';
    expect(await ids('?session_kind=all&status=In%20Review')).toEqual(idsOf(isKyb));
    expect(await ids('?session_kind=business&status=IN_REVIEW')).toEqual(idsOf(isKyb));
    expect(await ids('?session_kind=business&status=Approved')).toEqual([]);
    expect(await ids('?status=Approved,DECLINED')).toEqual(idsOf((c) => !isKyb(c)));
    expect(await ids('?session_kind=business')).toEqual(idsOf(isKyb));
    expect(await ids('?session_kind=all&limit=100')).toEqual(idsOf(() => true));
    expect(await ids('?vendor_data=repeat')).toEqual(idsOf((c) => c.vendor_data === 'repeat'));
    expect(await ids(`?session_kind=all&workflow_id=${app.kybWorkflowId}`)).toEqual(idsOf(isKyb));
    const sample = created[0];
    const country = sample.id_verifications[0].issuing_state;
    expect(await ids(`?country=${country}`)).toEqual(
      idsOf((c) => !isKyb(c) && c.id_verifications[0].issuing_state === country),
    );
    const surname = sample.id_verifications[0].last_name as string;
    expect(await ids(`?search=${encodeURIComponent(surname.toLowerCase())}`)).toContain(sample.session_id);
    const kybSample = created.find(isKyb);
    const companyName = companyOf(kybSample).company_name ?? companyOf(kybSample).legal_name;
    expect(await ids(`?session_kind=business&search=${encodeURIComponent(companyName)}`)).toContain(
      kybSample.session_id,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids(`?session_kind=all&date_from=${today}&date_to=${today}`)).toEqual(idsOf(() => true));
    expect(await ids('?session_kind=all&date_to=2000-01-01')).toEqual([]);
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
      ['?date_from=yesterday', 'date_from'],
      ['?date_to=2026-13-45', 'date_to'],
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.body[field], query).toEqual([expect.any(String)]);
    }
  });
});

describe('list paging with more than 100 sessions of each kind', () => {
  const KYC_COUNT = 130;
  const KYB_COUNT = 160;
  let app: SandboxApp;
  const kycIds: string[] = [];
  const kybIds: string[] = [];
  const kybApproved: string[] = [];

  beforeAll(async () => {
    app = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'Paging test');
    const kyc = fixture('kyc-decision.json');
    const kyb = fixture('kyb-decision.json');
    // Interleaved, so the two kinds' session numbers mix.
    for (let i = 0; i < Math.max(KYC_COUNT, KYB_COUNT); i++) {
      if (i < KYC_COUNT) {
        const status = i % 2 === 0 ? 'Approved' : 'Declined';
        kycIds.push((await createRawSession(sbx.baseUrl, app.apiKey, { ...kyc, status })).session_id);
      }
      if (i < KYB_COUNT) {
        const status = i % 4 === 0 ? 'DECLINED' : 'APPROVED';
        const id = (await createRawSession(sbx.baseUrl, app.apiKey, { ...kyb, status })).session_id as string;
        kybIds.push(id);
        if (status === 'APPROVED') kybApproved.push(id);
      }
    }
    kycIds.reverse();
    kybIds.reverse();
    kybApproved.reverse();
  });

  const get = (pathOrUrl: string) => call(sbx.baseUrl, 'GET', pathOrUrl, { key: app.apiKey });
  async function follow(path: string): Promise<{ ids: string[]; counts: number[]; pages: number }> {
    const ids: string[] = [];
    const counts: number[] = [];
    let next: string | null = path;
    let pages = 0;
    while (next) {
      const page = await get(next);
      expect(page.status).toBe(200);
      ids.push(...page.body.results.map((r: Json) => r.session_id));
      counts.push(page.body.count);
      next = page.body.next;
      pages += 1;
    }
    return { ids, counts, pages };
  }

  it('pages KYC with the default limit of 50 and an exact count', async () => {
    const { ids, counts, pages } = await follow('/v3/sessions/');
    expect(pages).toBe(3);
    expect(counts).toEqual([KYC_COUNT, KYC_COUNT, KYC_COUNT]);
    expect(ids).toEqual(kycIds);
  });

  it('caps the KYB count at 100 but keeps giving next until every row is listed', async () => {
    const first = await get('/v3/sessions/?session_kind=business&limit=50');
    expect(first.body.count).toBe(100);
    expect(first.body.results).toHaveLength(50);
    const { ids, counts, pages } = await follow('/v3/sessions/?session_kind=business&limit=50');
    expect(pages).toBe(4);
    expect(counts).toEqual([100, 100, 100, 100]);
    expect(ids).toEqual(kybIds);
    // With a filter too: 120 approved, counted as 100.
    const approved = await follow('/v3/sessions/?session_kind=business&status=APPROVED&limit=100');
    expect(approved.counts).toEqual([100, 100]);
    expect(approved.ids).toEqual(kybApproved);
  });

  it('concatenates the KYC and KYB pages for the same limit/offset under all, links following the KYC side', async () => {
    const first = await get('/v3/sessions/?session_kind=all&limit=50');
    expect(first.body.count).toBe(KYC_COUNT + 100);
    expect(first.body.results.map((r: Json) => r.session_id)).toEqual([...kycIds.slice(0, 50), ...kybIds.slice(0, 50)]);
    expect(new URL(first.body.next).searchParams.get('offset')).toBe('50');
    const third = await get('/v3/sessions/?session_kind=all&limit=50&offset=100');
    expect(third.body.results.map((r: Json) => r.session_id)).toEqual([
      ...kycIds.slice(100),
      ...kybIds.slice(100, 150),
    ]);
    expect(third.body.next).toBeNull();
    expect(new URL(third.body.previous).searchParams.get('offset')).toBe('50');
    // Following next under `all` stops with the KYC side: the last KYB rows are never reached (the documented
    // reason to list each kind on its own).
    const all = await follow('/v3/sessions/?session_kind=all&limit=50');
    expect(all.ids.filter((id) => kycIds.includes(id))).toEqual(kycIds);
    expect(all.ids.filter((id) => kybIds.includes(id))).toEqual(kybIds.slice(0, 150));
  });
});

describe('raw sessions (POST /sandbox/sessions/raw/)', () => {
  const HEADER_OWNED = ['session_id', 'session_number', 'session_url', 'workflow_id'];

  it('serves a documented KYC payload back verbatim under a fresh id and number, and lists it', async () => {
    const payload = fixture('kyc-decision.json');
    const res = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/raw/', {
      key: sbx.issuer.apiKey,
      body: { payload },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['session_id', 'session_number']);
    expect(res.body.session_id).not.toBe(payload.session_id);
    const read = await decision(res.body.session_id, sbx.issuer.apiKey);
    expect(read.status).toBe(200);
    for (const [key, value] of Object.entries(payload)) {
      if (!HEADER_OWNED.includes(key)) expect(read.body[key], key).toEqual(value);
    }
    expect(read.body).toMatchObject({
      session_id: res.body.session_id,
      session_number: res.body.session_number,
      workflow_id: sbx.issuer.kycWorkflowId,
    });
    // Media URLs are kept as given.
    expect(read.body.id_verifications[0].front_image).toBe(payload.id_verifications[0].front_image);
    const row = (await call(sbx.baseUrl, 'GET', '/v3/sessions/?limit=1', { key: sbx.issuer.apiKey })).body.results[0];
    expect(row).toMatchObject({
      session_id: res.body.session_id,
      status: 'In Review',
      full_name: payload.id_verifications[0].full_name,
      document_type: payload.id_verifications[0].document_type,
      country: payload.id_verifications[0].issuing_state,
      portrait_image: payload.id_verifications[0].portrait_image,
      features: payload.features.map((feature: string) => ({ feature, status: expect.any(String) })),
    });
  });

  it('takes the kind from the payload (or the body) and lists a KYB payload with its company', async () => {
    const payload = fixture('kyb-decision.json');
    const created = await createRawSession(sbx.baseUrl, sbx.issuer.apiKey, payload);
    const read = await decision(created.session_id, sbx.issuer.apiKey);
    for (const [key, value] of Object.entries(payload)) {
      if (!HEADER_OWNED.includes(key)) expect(read.body[key], key).toEqual(value);
    }
    expect(read.body.workflow_id).toBe(sbx.issuer.kybWorkflowId);
    const list = await call(sbx.baseUrl, 'GET', '/v3/sessions/?session_kind=business&limit=1', {
      key: sbx.issuer.apiKey,
    });
    expect(list.body.results[0]).toMatchObject({
      session_id: created.session_id,
      status: 'APPROVED',
      company_name: payload.registry_checks[0].company.company_name,
      registration_number: payload.registry_checks[0].company.registration_number,
      country: payload.registry_checks[0].company.country_code,
    });
    const { session_kind: _omitted, ...withoutKind } = payload;
    const asBusiness = await createRawSession(sbx.baseUrl, sbx.issuer.apiKey, withoutKind, 'business');
    expect((await decision(asBusiness.session_id, sbx.issuer.apiKey)).body.session_kind).toBe('business');
  });

  it('can be decided, with nodes to resubmit named as strings or objects', async () => {
    const payload = fixture('kyc-decision.json');
    const created = await createRawSession(sbx.baseUrl, sbx.issuer.apiKey, payload);
    const update = (body: unknown) =>
      call(sbx.baseUrl, 'PATCH', `/v3/session/${created.session_id}/update-status/`, { key: sbx.issuer.apiKey, body });
    const unknown = await update({ new_status: 'Resubmitted', nodes_to_resubmit: ['no_such_node'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.nodes_to_resubmit).toEqual([expect.any(String)]);
    const resubmitted = await update({
      new_status: 'Resubmitted',
      nodes_to_resubmit: ['feature_ocr_1', { node_id: 'feature_liveness_1' }],
      send_email: true,
      email_address: 'carmen@example.com',
      email_language: 'es',
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toEqual({ session_id: created.session_id });
    expect((await decision(created.session_id, sbx.issuer.apiKey)).body.status).toBe('Resubmitted');
  });

  it('refuses a payload without a status of its kind, or not an object', async () => {
    const kyc = fixture('kyc-decision.json');
    for (const [body, field] of [
      [{}, 'payload'],
      [{ payload: [] }, 'payload'],
      [{ payload: { ...kyc, status: 'Sleeping' } }, 'payload.status'],
      [{ payload: { ...kyc, status: undefined } }, 'payload.status'],
      [{ payload: { ...kyc, status: 'Kyc Expired' }, session_kind: 'business' }, 'payload.status'],
      [{ payload: { ...kyc, vendor_data: 7 } }, 'payload.vendor_data'],
      [{ payload: kyc, session_kind: 'robot' }, 'session_kind'],
      [{ payload: kyc, extra: 1 }, 'extra'],
    ] as const) {
      const res = await call(sbx.baseUrl, 'POST', '/sandbox/sessions/raw/', { key: sbx.issuer.apiKey, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body[field], field).toEqual([expect.any(String)]);
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
    // The current status is checked before the body.
    const badBody = await update(s.session_id, { new_status: 'Maybe' });
    expect(badBody.body.detail).toBe(WRONG_STATUS_DETAIL);
    const inReview = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    for (const new_status of ['In Review', 'approved', 'Expired', 42]) {
      const bad = await update(inReview.session_id, { new_status });
      expect(bad.status).toBe(400);
      expect(bad.body.new_status).toEqual([expect.any(String)]);
    }
    expect((await decision(inReview.session_id, sbx.issuer.apiKey)).body.reviews).toEqual([]);
  });

  it('decides Abandoned and Kyc Expired sessions too (the documented eligible statuses)', async () => {
    for (const status of ['Abandoned', 'Kyc Expired']) {
      const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status });
      expect((await update(s.session_id, { new_status: 'Approved' })).status, status).toBe(200);
    }
    const kyb = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'ABANDONED' });
    expect((await update(kyb.session_id, { new_status: 'Declined' })).status).toBe(200);
  });

  it('takes the documented optional fields and checks them', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    for (const [body, field] of [
      [{ new_status: 'Approved', send_email: true }, 'email_address'],
      [{ new_status: 'Approved', send_email: 'yes', email_address: 'a@example.com' }, 'send_email'],
      [{ new_status: 'Approved', send_email: true, email_address: 'not-an-email' }, 'email_address'],
      [{ new_status: 'Resubmitted', nodes_to_resubmit: 'feature_ocr' }, 'nodes_to_resubmit'],
      [{ new_status: 'Resubmitted', nodes_to_resubmit: [{ id: 'x' }] }, 'nodes_to_resubmit.0'],
      [{ new_status: 'Resubmitted', nodes_to_resubmit: ['no_such_node'] }, 'nodes_to_resubmit'],
    ] as const) {
      const res = await update(s.session_id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body[field], JSON.stringify(body)).toEqual([expect.any(String)]);
    }
    const nodes = [s.id_verifications[0].node_id, { node_id: s.liveness_checks[0].node_id }];
    const ok = await update(s.session_id, {
      new_status: 'Resubmitted',
      comment: 'retake the selfie',
      send_email: true,
      email_address: 'user@example.com',
      email_language: 'es',
      nodes_to_resubmit: nodes,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ session_id: s.session_id });
  });

  it('does not resubmit the KYB registry or key-people steps', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'IN_REVIEW' });
    for (const block of ['registry_checks', 'key_people_checks']) {
      const res = await update(s.session_id, { new_status: 'Resubmitted', nodes_to_resubmit: [s[block][0].node_id] });
      expect(res.status, block).toBe(400);
      expect(res.body.nodes_to_resubmit).toEqual([expect.any(String)]);
    }
    const docs = s.document_verifications[0].node_id;
    expect((await update(s.session_id, { new_status: 'Resubmitted', nodes_to_resubmit: [docs] })).status).toBe(200);
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
