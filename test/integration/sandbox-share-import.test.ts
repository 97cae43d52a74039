/**
 * Share and import against the real sandbox over loopback HTTP: every rule of docs/didit-api.md §3 and §4 and of
 * the seed's error table, both import answers (the seed's full clone, Didit's documented short answer).
 */
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FINISHED_DETAIL, shareTokenClaimsSchema } from '../../shared/didit/api.js';
import {
  addApplication,
  advanceClock,
  call,
  createRawSession,
  createSession,
  importToken,
  mintToken,
  spawnSandbox,
  withSandbox,
  type Json,
  type SandboxApp,
  type TestSandbox,
} from './helpers/sandbox.js';
import { diditFixture as fixture } from './helpers/basics.js';

let sbx: TestSandbox;
let third: SandboxApp;

beforeAll(async () => {
  sbx = await withSandbox();
  third = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'Third party');
});
afterAll(() => sbx.close());

const base64urlJson = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const encodeJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The seed's import answer names these two blocks differently from the decision (docs/didit-api.md §4). */
const IMPORT_NAMES: Record<string, string> = {
  poa_verifications: 'proof_of_address',
  questionnaire_responses: 'questionnaires',
};
const toImportNames = (payload: Json): Json =>
  Object.fromEntries(Object.entries(payload).map(([k, v]) => [IMPORT_NAMES[k] ?? k, v]));
/** Fields of a session that are its own, not cloned. */
const OWN_FIELDS = [
  'session_id',
  'session_number',
  'session_url',
  'status',
  'workflow_id',
  'vendor_data',
  'created_at',
  'expires_at',
  'shared_from_session',
  'reviews',
];
/** The seed's import answer blocks per kind. */
const SEED_KYC_BLOCKS = [
  'id_verifications',
  'liveness_checks',
  'face_matches',
  'aml_screenings',
  'database_validations',
  'proof_of_address',
  'phone_verifications',
  'email_verifications',
];
const SEED_KYB_BLOCKS = [
  'registry_checks',
  'key_people_checks',
  'document_verifications',
  'aml_screenings',
  'questionnaires',
];
/** Media URLs differ between source and clone (fresh signatures); the digest they point at must not. */
function withoutUrls(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value).replace(/"https?:\/\/[^"]*\/sandbox\/media\/([0-9a-f]{64})\?[^"]*"/g, '"media:$1"'),
  );
}

async function approvedKyc(vendorData = `issuer-${randomUUID()}`): Promise<Json> {
  return createSession(sbx.baseUrl, sbx.issuer.apiKey, {
    session_kind: 'user',
    status: 'Approved',
    vendor_data: vendorData,
  });
}

async function share(sessionId: string, body: unknown) {
  return call(sbx.baseUrl, 'POST', `/v3/session/${sessionId}/share/`, { key: sbx.issuer.apiKey, body });
}

/** Service Y imports a token into its KYC workflow. */
function importAsReceiver(shareToken: string) {
  return importToken(sbx.baseUrl, sbx.receiver.apiKey, {
    share_token: shareToken,
    workflow_id: sbx.receiver.kycWorkflowId,
  });
}

describe('share', () => {
  it('mints an HS256 token for the named partner with the contract claims and a one-hour default lifetime', async () => {
    const session = await approvedKyc();
    const res = await share(session.session_id, { for_application_id: sbx.receiver.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ for_application_id: sbx.receiver.id, session_kind: 'user' });
    const [header, payload, signature] = (res.body.share_token as string).split('.');
    expect(base64urlJson(header)).toMatchObject({ alg: 'HS256' });
    expect(signature.length).toBeGreaterThan(0);
    const claims = base64urlJson(payload);
    // The documented claims plus the seed's session_kind, and no jti.
    expect(Object.keys(claims).sort()).toEqual([
      'exp',
      'for_application_id',
      'from_application_id',
      'iat',
      'session_id',
      'session_kind',
    ]);
    expect(claims).toMatchObject({
      session_id: session.session_id,
      from_application_id: sbx.issuer.id,
      for_application_id: sbx.receiver.id,
      session_kind: 'user',
    });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('reads claims without session_kind (the docs example token) as a user token', () => {
    const example = fixture('share-token-claims.json');
    expect(shareTokenClaimsSchema.parse(example)).toEqual({ ...example, session_kind: 'user' });
    const documented = fixture('share-answer.json').share_token as string;
    expect(shareTokenClaimsSchema.parse(base64urlJson(documented.split('.')[1]))).toMatchObject({
      session_kind: 'user',
    });
  });

  it('mints a KYB token with session_kind business', async () => {
    const kyb = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'APPROVED' });
    const res = await share(kyb.session_id, { for_application_id: sbx.receiver.id });
    expect(res.body.session_kind).toBe('business');
    expect(base64urlJson(res.body.share_token.split('.')[1]).session_kind).toBe('business');
  });

  it('accepts ttl_in_seconds 60 and 86400 and carries it into exp', async () => {
    const session = await approvedKyc();
    for (const ttl of [60, 86_400]) {
      const res = await share(session.session_id, { for_application_id: sbx.receiver.id, ttl_in_seconds: ttl });
      expect(res.status).toBe(201);
      const claims = base64urlJson(res.body.share_token.split('.')[1]);
      expect(claims.exp - claims.iat).toBe(ttl);
    }
  });

  it('rejects ttl_in_seconds out of bounds or not an integer with a field error', async () => {
    const session = await approvedKyc();
    for (const ttl of [59, 86_401, 3600.5, '3600', null, 0, -60]) {
      const res = await share(session.session_id, { for_application_id: sbx.receiver.id, ttl_in_seconds: ttl });
      expect(res.status, `ttl ${JSON.stringify(ttl)}`).toBe(400);
      expect(res.body.ttl_in_seconds).toEqual([expect.any(String)]);
    }
  });

  it('rejects a missing, malformed, own or unknown for_application_id with a field error', async () => {
    const session = await approvedKyc();
    for (const body of [
      {},
      { for_application_id: 'not-a-uuid' },
      { for_application_id: sbx.issuer.id },
      { for_application_id: randomUUID() },
    ]) {
      const res = await share(session.session_id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.for_application_id).toEqual([expect.any(String)]);
    }
  });

  it('shares In Review and Declined sessions but refuses unfinished ones with the contract detail', async () => {
    for (const status of ['In Review', 'Declined']) {
      const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status });
      expect((await share(s.session_id, { for_application_id: sbx.receiver.id })).status).toBe(201);
    }
    for (const status of ['In Progress', 'Not Started', 'Resubmitted', 'Expired']) {
      const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status });
      const res = await share(s.session_id, { for_application_id: sbx.receiver.id });
      expect(res.status, status).toBe(400);
      expect(res.body.detail).toBe(NOT_FINISHED_DETAIL);
    }
    const kyb = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
      session_kind: 'business',
      status: 'IN_PROGRESS',
    });
    expect((await share(kyb.session_id, { for_application_id: sbx.receiver.id })).body.detail).toBe(
      NOT_FINISHED_DETAIL,
    );
  });

  it('answers 404 alike for an unknown session and for a session of another application', async () => {
    const foreign = await createSession(sbx.baseUrl, sbx.receiver.apiKey, { session_kind: 'user', status: 'Approved' });
    const unknown = await share(randomUUID(), { for_application_id: sbx.receiver.id });
    const notMine = await share(foreign.session_id, { for_application_id: third.id });
    expect(unknown.status).toBe(404);
    expect(notMine.status).toBe(404);
    expect(notMine.body).toEqual(unknown.body);
  });
});

describe('import', () => {
  it('clones every KYC feature array into a new In Review session of the receiver by default', async () => {
    const source = await approvedKyc();
    const before = await call(sbx.baseUrl, 'GET', '/v3/sessions/?limit=1', { key: sbx.receiver.apiKey });
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const res = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: token,
      workflow_id: sbx.receiver.kycWorkflowId,
      vendor_data: 'receiver-user-77',
    });
    expect(res.status).toBe(201);
    const clone = res.body;
    expect(clone).toMatchObject({
      session_kind: 'user',
      status: 'In Review',
      shared_from_session: source.session_id,
      vendor_data: 'receiver-user-77',
      workflow_id: sbx.receiver.kycWorkflowId,
      session_url: null,
      reviews: [],
    });
    expect(clone.session_id).not.toBe(source.session_id);
    const previousNumber = before.body.results[0]?.session_number ?? 0;
    expect(clone.session_number).toBe(previousNumber + 1);
    // The seed's full clone: its block names, every block of the source.
    for (const array of SEED_KYC_BLOCKS) expect(clone[array].length, array).toBeGreaterThan(0);
    expect(clone).not.toHaveProperty('poa_verifications');
    const sourceAsImport = toImportNames(source);
    for (const [key, value] of Object.entries(sourceAsImport)) {
      if (!OWN_FIELDS.includes(key)) expect(withoutUrls(clone[key]), key).toEqual(withoutUrls(value));
    }
    expect(Object.keys(clone).sort()).toEqual(Object.keys(sourceAsImport).sort());
    expect(clone.aml_screenings[0].hits.length).toBe(source.aml_screenings[0].hits.length);
    // The clone is readable by the receiver (under the decision's block names) and not by the issuer.
    const read = await call(sbx.baseUrl, 'GET', `/v3/session/${clone.session_id}/decision/`, {
      key: sbx.receiver.apiKey,
    });
    expect(read.status).toBe(200);
    expect(withoutUrls(toImportNames(read.body))).toEqual(withoutUrls(clone));
    expect(
      (await call(sbx.baseUrl, 'GET', `/v3/session/${clone.session_id}/decision/`, { key: sbx.issuer.apiKey })).status,
    ).toBe(404);
  });

  it('clones every KYB feature array and uses IN_REVIEW without trust_review', async () => {
    const source = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
      session_kind: 'business',
      status: 'APPROVED',
    });
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const res = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: token,
      workflow_id: sbx.receiver.kybWorkflowId,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      session_kind: 'business',
      status: 'IN_REVIEW',
      shared_from_session: source.session_id,
    });
    expect(res.body.vendor_data).toBe(source.vendor_data);
    for (const array of SEED_KYB_BLOCKS) expect(res.body[array].length, array).toBeGreaterThan(0);
    expect(res.body).not.toHaveProperty('questionnaire_responses');
    for (const [key, value] of Object.entries(toImportNames(source))) {
      if (!OWN_FIELDS.includes(key)) expect(withoutUrls(res.body[key]), key).toEqual(withoutUrls(value));
    }
  });

  it('keeps the source status with trust_review true, for KYC and KYB', async () => {
    const cases = [
      { kind: 'user', status: 'Declined', workflow: sbx.receiver.kycWorkflowId },
      { kind: 'user', status: 'Approved', workflow: sbx.receiver.kycWorkflowId },
      { kind: 'business', status: 'APPROVED', workflow: sbx.receiver.kybWorkflowId },
      { kind: 'business', status: 'DECLINED', workflow: sbx.receiver.kybWorkflowId },
    ] as const;
    for (const c of cases) {
      const source = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: c.kind, status: c.status });
      const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
      const trusted = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
        share_token: token,
        workflow_id: c.workflow,
        trust_review: true,
      });
      expect(trusted.status).toBe(201);
      expect(trusted.body.status).toBe(c.status);
      // Another lifetime: a token minted in the same second with the same claims is the same token (no jti).
      const token2 = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id, 1800);
      const untrusted = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
        share_token: token2,
        workflow_id: c.workflow,
        trust_review: false,
      });
      expect(untrusted.body.status).toBe(c.kind === 'user' ? 'In Review' : 'IN_REVIEW');
    }
  });

  it('creates the receiver-side user or business entity for a new vendor_data, once', async () => {
    const entities = async () =>
      (await call(sbx.baseUrl, 'GET', '/sandbox/entities/', { key: sbx.receiver.apiKey })).body.results as Json[];
    const vendorData = `entity-${randomUUID()}`;
    expect((await entities()).filter((e) => e.vendor_data === vendorData)).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const source = await approvedKyc();
      const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
      const res = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
        share_token: token,
        workflow_id: sbx.receiver.kycWorkflowId,
        vendor_data: vendorData,
      });
      expect(res.status).toBe(201);
    }
    const kyb = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'APPROVED' });
    const kybToken = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, kyb.session_id, sbx.receiver.id);
    await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: kybToken,
      workflow_id: sbx.receiver.kybWorkflowId,
      vendor_data: vendorData,
    });
    const mine = (await entities()).filter((e) => e.vendor_data === vendorData);
    expect(mine.map((e) => e.kind).sort()).toEqual(['business', 'user']);
  });

  it('imports a token once per receiving application: the second import is 403', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const body = { share_token: token, workflow_id: sbx.receiver.kycWorkflowId };
    expect((await importToken(sbx.baseUrl, sbx.receiver.apiKey, body)).status).toBe(201);
    const again = await importToken(sbx.baseUrl, sbx.receiver.apiKey, body);
    expect(again.status).toBe(403);
    expect(again.body.detail).toMatch(/already been imported/);
    // The check is on the token itself: re-encoding the spare bits of its signature does not make it new.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const reencoded = token.slice(0, -1) + alphabet[alphabet.indexOf(token.slice(-1)) ^ 1];
    const sneaky = await importToken(sbx.baseUrl, sbx.receiver.apiKey, { ...body, share_token: reencoded });
    expect(sneaky.status).toBe(403);
    expect(sneaky.body.detail).toMatch(/already been imported/);
  });

  it('imports a token minted the same second for the same session and partner only once (same claims, same token)', async () => {
    const source = await approvedKyc();
    const [a, b] = await Promise.all([
      mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id),
      mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id),
    ]);
    const first = await importAsReceiver(a);
    expect(first.status).toBe(201);
    // Across a second boundary the two differ in iat/exp and are two tokens; otherwise the second is spent.
    const second = await importAsReceiver(b);
    expect(second.status).toBe(a === b ? 403 : 201);
  });

  it('refuses a token redeemed by an application other than its named partner with 403', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const res = await importToken(sbx.baseUrl, third.apiKey, { share_token: token, workflow_id: third.kycWorkflowId });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/not issued for your application/);
    // The issuer cannot redeem its own token either, and the partner still can.
    expect(
      (await importToken(sbx.baseUrl, sbx.issuer.apiKey, { share_token: token, workflow_id: sbx.issuer.kycWorkflowId }))
        .status,
    ).toBe(403);
    expect((await importAsReceiver(token)).status).toBe(201);
  });

  it('answers 401 for a token past its exp', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id, 60);
    await advanceClock(sbx.baseUrl, sbx.issuer.apiKey, 61);
    const res = await importAsReceiver(token);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('answers 401 for a tampered signature, modified claims, alg none, a foreign key and garbage', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const [header, payload, signature] = token.split('.');
    const claims = base64urlJson(payload);
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-the-server-key-0123456789abcdef'));
    const variants = {
      tamperedSignature: `${header}.${payload}.${flipped}`,
      modifiedClaims: `${header}.${encodeJson({ ...claims, exp: claims.exp + 86_400 })}.${signature}`,
      otherSession: `${header}.${encodeJson({ ...claims, session_id: randomUUID() })}.${signature}`,
      algNone: `${encodeJson({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      foreignKey: forged,
      garbage: 'not-a-jwt',
    };
    for (const [name, shareToken] of Object.entries(variants)) {
      const res = await importAsReceiver(shareToken);
      expect(res.status, name).toBe(401);
      expect(res.body.detail, name).toEqual(expect.any(String));
    }
    // The untouched token still works: none of the above consumed it.
    expect((await importAsReceiver(token)).status).toBe(201);
  });

  it('answers 404 when the source session was deleted after the token was minted', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/session/${source.session_id}/delete/`, { key: sbx.issuer.apiKey }))
        .status,
    ).toBe(204);
    const res = await importAsReceiver(token);
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/no longer exists/);
  });

  it('answers 404 for a workflow unknown in the caller application and 400 for a workflow of the wrong kind', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    for (const workflow of [randomUUID(), sbx.issuer.kycWorkflowId]) {
      const res = await importToken(sbx.baseUrl, sbx.receiver.apiKey, { share_token: token, workflow_id: workflow });
      expect(res.status).toBe(404);
      expect(res.body.detail).toMatch(/[Ww]orkflow/);
    }
    const wrongKind = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: token,
      workflow_id: sbx.receiver.kybWorkflowId,
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.workflow_id).toEqual([expect.any(String)]);
    // None of the failures consumed the token.
    expect((await importAsReceiver(token)).status).toBe(201);
  });

  it('keeps the clone and its media when the source is deleted', async () => {
    const source = await approvedKyc();
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source.session_id, sbx.receiver.id);
    const clone = (await importAsReceiver(token)).body;
    const frontBefore = Buffer.from(await (await fetch(clone.id_verifications[0].front_image)).arrayBuffer());
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/session/${source.session_id}/delete/`, { key: sbx.issuer.apiKey }))
        .status,
    ).toBe(204);
    const read = await call(sbx.baseUrl, 'GET', `/v3/session/${clone.session_id}/decision/`, {
      key: sbx.receiver.apiKey,
    });
    expect(read.status).toBe(200);
    expect(read.body.shared_from_session).toBe(source.session_id);
    for (const url of [read.body.id_verifications[0].front_image, clone.id_verifications[0].front_image]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(frontBefore)).toBe(true);
    }
  });

  it('deletes media once no session references them', async () => {
    const source = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
      session_kind: 'user',
      status: 'Approved',
      seed: 987_654,
    });
    const url = source.id_verifications[0].front_image as string;
    expect((await fetch(url)).status).toBe(200);
    await call(sbx.baseUrl, 'DELETE', `/v3/session/${source.session_id}/delete/`, { key: sbx.issuer.apiKey });
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ detail: expect.any(String) });
  });
});

describe("the seed's walkthrough", () => {
  it('mints as Service X and imports as Service Y with trust_review true', async () => {
    const session = await approvedKyc();
    // Step 2: POST /v3/session/{sessionId}/share/ with Service X's key.
    const minted = await call(sbx.baseUrl, 'POST', `/v3/session/${session.session_id}/share/`, {
      key: sbx.issuer.apiKey,
      body: { for_application_id: sbx.receiver.id, ttl_in_seconds: 3600 },
    });
    expect(minted.status).toBe(201);
    expect(Object.keys(minted.body).sort()).toEqual(['for_application_id', 'session_kind', 'share_token']);
    expect(minted.body.share_token).toMatch(/^eyJ/);
    // Step 4: POST /v3/session/import-shared/ with Service Y's key.
    const imported = await call(sbx.baseUrl, 'POST', '/v3/session/import-shared/', {
      key: sbx.receiver.apiKey,
      body: {
        share_token: minted.body.share_token,
        workflow_id: sbx.receiver.kycWorkflowId,
        vendor_data: 'service-y-user-1',
        trust_review: true,
      },
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      session_id: expect.any(String),
      session_number: expect.any(Number),
      session_kind: 'user',
      status: 'Approved',
      shared_from_session: session.session_id,
      vendor_data: 'service-y-user-1',
    });
    for (const array of SEED_KYC_BLOCKS) expect(Array.isArray(imported.body[array]), array).toBe(true);
  });
});

describe('raw (documented) sessions', () => {
  it("shares and imports Didit's KYC example: the clone carries its blocks under the seed's names", async () => {
    const payload = fixture('kyc-decision.json');
    const { session_id } = await createRawSession(sbx.baseUrl, sbx.issuer.apiKey, payload);
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, session_id, sbx.receiver.id);
    const res = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: token,
      workflow_id: sbx.receiver.kycWorkflowId,
      trust_review: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'In Review', shared_from_session: session_id, session_kind: 'user' });
    expect(res.body.proof_of_address).toEqual(payload.poa_verifications);
    expect(res.body.id_verifications).toEqual(payload.id_verifications);
    const read = await call(sbx.baseUrl, 'GET', `/v3/session/${res.body.session_id}/decision/`, {
      key: sbx.receiver.apiKey,
    });
    expect(read.body.poa_verifications).toEqual(payload.poa_verifications);
    expect(read.body.contact_details).toEqual(payload.contact_details);
  });

  it("shares and imports Didit's KYB example with a business token", async () => {
    const payload = fixture('kyb-decision.json');
    const { session_id } = await createRawSession(sbx.baseUrl, sbx.issuer.apiKey, payload);
    const minted = await call(sbx.baseUrl, 'POST', `/v3/session/${session_id}/share/`, {
      key: sbx.issuer.apiKey,
      body: { for_application_id: sbx.receiver.id },
    });
    expect(minted.body.session_kind).toBe('business');
    const res = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: minted.body.share_token,
      workflow_id: sbx.receiver.kybWorkflowId,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'IN_REVIEW', session_kind: 'business' });
    expect(res.body.registry_checks).toEqual(payload.registry_checks);
    expect(res.body.key_people_checks).toEqual(payload.key_people_checks);
    expect(res.body.questionnaires).toBeNull();
  });
});

describe("Didit's documented short import answer", () => {
  const SHORT_KEYS = [
    'created_at',
    'expires_at',
    'session_id',
    'session_number',
    'session_url',
    'status',
    'vendor_data',
    'workflow_id',
  ];

  it('answers only the documented fields with importAnswer short; the decision is fetched separately', async () => {
    const short = await withSandbox({ importAnswer: 'short' });
    try {
      const source = await createSession(short.baseUrl, short.issuer.apiKey, {
        session_kind: 'business',
        status: 'APPROVED',
      });
      const token = await mintToken(short.baseUrl, short.issuer.apiKey, source.session_id, short.receiver.id);
      const res = await importToken(short.baseUrl, short.receiver.apiKey, {
        share_token: token,
        workflow_id: short.receiver.kybWorkflowId,
        vendor_data: 'biz-1',
        trust_review: true,
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(SHORT_KEYS);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(fixture('import-short-answer.json')).sort());
      expect(res.body).toMatchObject({
        session_url: null,
        status: 'APPROVED',
        workflow_id: short.receiver.kybWorkflowId,
        vendor_data: 'biz-1',
      });
      expect(Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)).toBe(7 * 86_400_000);
      const read = await call(short.baseUrl, 'GET', `/v3/session/${res.body.session_id}/decision/`, {
        key: short.receiver.apiKey,
      });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        session_number: res.body.session_number,
        shared_from_session: source.session_id,
      });
      expect(
        (
          await importToken(short.baseUrl, short.receiver.apiKey, {
            share_token: token,
            workflow_id: short.receiver.kybWorkflowId,
          })
        ).status,
      ).toBe(403);
    } finally {
      await short.close();
    }
  });

  it('is chosen on the command line with --import-answer short', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-short-'));
    const proc = await spawnSandbox({ dataDir, extra: ['--import-answer', 'short', '--log-level', 'warn'] });
    try {
      const base = proc.ready.base_url;
      const [issuer, receiver] = proc.ready.applications;
      const source = await createSession(base, issuer.api_key!, { session_kind: 'user', status: 'Approved' });
      const token = await mintToken(base, issuer.api_key!, source.session_id, receiver.id);
      const workflow = receiver.workflows.find((w) => w.session_kind === 'user')!.id;
      const res = await importToken(base, receiver.api_key!, { share_token: token, workflow_id: workflow });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(SHORT_KEYS);
      expect(res.body.status).toBe('In Review');
    } finally {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
