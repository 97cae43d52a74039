/**
 * Case management against the real sandbox over loopback HTTP (docs/didit-api.md §9, §10): AML hit dispositions,
 * single and bulk (all-or-nothing), laid over the decision with the screening's score recomputed and kept apart
 * between a source and its imported clone; the reviews feed (KYC only, paginated, rows shaped like Didit's example)
 * and its POST; data.updated deliveries verified with the shared signing module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRONG_STATUS_DETAIL } from '../../shared/didit/api.js';
import { verifyWebhook } from '../../shared/didit/webhook-signing.js';
import {
  addApplication,
  call,
  createRawSession,
  createSession,
  importToken,
  mintToken,
  startWebhookReceiver,
  withSandbox,
  type Json,
  type SandboxApp,
  type TestSandbox,
  type WebhookReceiver,
} from './helpers/sandbox.js';
import { diditFixture as fixture } from './helpers/basics.js';
import { amlHit as hit } from './helpers/aml.js';

let sbx: TestSandbox;

beforeAll(async () => {
  sbx = await withSandbox();
});
afterAll(() => sbx.close());

/**
 * A KYC session from Didit's documented decision with two AML checks (a graph workflow): `feature_aml_1` holds the
 * documented hit `abc123` plus `def456` and a cleared `ghi789`; `feature_aml_2` holds another `abc123`.
 */
async function kycWithHits(key: string, status = 'In Review'): Promise<string> {
  const [documented] = fixture('kyc-decision.json').aml_screenings;
  const payload = {
    ...fixture('kyc-decision.json'),
    status,
    aml_screenings: [
      {
        ...documented,
        total_hits: 3,
        score: 85,
        hits: [hit('abc123', 85), hit('def456', 60), hit('ghi789', 95, 'False Positive')],
      },
      { ...documented, node_id: 'feature_aml_2', total_hits: 1, score: 40, hits: [hit('abc123', 40)] },
    ],
  };
  return (await createRawSession(sbx.baseUrl, key, payload, 'user')).session_id as string;
}

const decision = async (id: string, key: string): Promise<Json> => {
  const res = await call(sbx.baseUrl, 'GET', `/v3/session/${id}/decision/`, { key });
  expect(res.status).toBe(200);
  return res.body;
};
const updateHit = (id: string, body: unknown, key = sbx.issuer.apiKey, query = '') =>
  call(sbx.baseUrl, 'PATCH', `/v3/session/${id}/update-aml-hit-status/${query}`, { key, body });
const bulkUpdate = (id: string, body: unknown, key = sbx.issuer.apiKey) =>
  call(sbx.baseUrl, 'PATCH', `/v3/session/${id}/bulk-update-aml-hit-status/`, { key, body });
const feed = (id: string, key = sbx.issuer.apiKey, query = '') =>
  call(sbx.baseUrl, 'GET', `/v3/sessions/${id}/reviews/${query}`, { key });
const review = (id: string, body: unknown, key = sbx.issuer.apiKey) =>
  call(sbx.baseUrl, 'POST', `/v3/sessions/${id}/reviews/`, { key, body });

/** `[node_id, hit_id, review_status]` of every hit, and `[node_id, score, total_hits, status]` of every screening. */
function amlState(payload: Json) {
  const screenings = payload.aml_screenings as Json[];
  return {
    hits: screenings.flatMap((s) => (s.hits as Json[]).map((h) => [s.node_id, h.id, h.review_status])),
    screenings: screenings.map((s) => [s.node_id, s.score, s.total_hits, s.status]),
  };
}

describe('AML hit status', () => {
  it('updates one hit as documented, recomputes the score, and changes neither the session nor the AML step status', async () => {
    const id = await kycWithHits(sbx.issuer.apiKey);
    const before = await decision(id, sbx.issuer.apiKey);
    const res = await updateHit(id, fixture('aml-hit-update-request.json'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(fixture('aml-hit-update-answer.json'));

    const after = await decision(id, sbx.issuer.apiKey);
    // Without node_id the session's first AML check is meant; the other check's abc123 is untouched.
    expect(amlState(after).hits).toEqual([
      ['feature_aml_1', 'abc123', 'False Positive'],
      ['feature_aml_1', 'def456', 'Unreviewed'],
      ['feature_aml_1', 'ghi789', 'False Positive'],
      ['feature_aml_2', 'abc123', 'Unreviewed'],
    ]);
    // Score = max risk_score of hits not False Positive (60, def456); total_hits unchanged; step status unchanged.
    expect(amlState(after).screenings).toEqual([
      ['feature_aml_1', 60, 3, before.aml_screenings[0].status],
      ['feature_aml_2', 40, 1, before.aml_screenings[1].status],
    ]);
    expect(after.status).toBe('In Review');
    // Everything but the disposition and the score is as stored.
    const { hits: _a, score: _b, ...restAfter } = after.aml_screenings[0];
    const { hits: _c, score: _d, ...restBefore } = before.aml_screenings[0];
    expect(restAfter).toEqual(restBefore);

    // The second check is addressed by ?node_id= or by node_id in the body.
    const byQuery = await updateHit(
      id,
      { hit_id: 'abc123', review_status: 'Confirmed Match' },
      undefined,
      '?node_id=feature_aml_2',
    );
    expect(byQuery.body).toEqual({
      message: 'Hit status updated successfully',
      hit_id: 'abc123',
      review_status: 'Confirmed Match',
    });
    expect(
      (await updateHit(id, { hit_id: 'abc123', review_status: 'Inconclusive', node_id: 'feature_aml_1' })).status,
    ).toBe(200);
    expect(amlState(await decision(id, sbx.issuer.apiKey))).toEqual({
      hits: [
        ['feature_aml_1', 'abc123', 'Inconclusive'],
        ['feature_aml_1', 'def456', 'Unreviewed'],
        ['feature_aml_1', 'ghi789', 'False Positive'],
        ['feature_aml_2', 'abc123', 'Confirmed Match'],
      ],
      screenings: [
        ['feature_aml_1', 85, 3, before.aml_screenings[0].status],
        ['feature_aml_2', 40, 1, before.aml_screenings[1].status],
      ],
    });
  });

  it('bulk-updates all hits of a call together, as one activity entry', async () => {
    const id = await kycWithHits(sbx.issuer.apiKey);
    const res = await bulkUpdate(id, fixture('aml-bulk-update-request.json'));
    expect(res.status).toBe(200);
    expect(res.body.message).toEqual(expect.any(String));
    expect(amlState(await decision(id, sbx.issuer.apiKey))).toEqual({
      hits: [
        ['feature_aml_1', 'abc123', 'False Positive'],
        ['feature_aml_1', 'def456', 'Confirmed Match'],
        ['feature_aml_1', 'ghi789', 'False Positive'],
        ['feature_aml_2', 'abc123', 'Unreviewed'],
      ],
      screenings: [
        ['feature_aml_1', 60, 3, 'In Review'],
        ['feature_aml_2', 40, 1, 'In Review'],
      ],
    });
    // Clearing every live hit leaves a score of 0; per-item node_id reaches the second check.
    await bulkUpdate(id, {
      hit_updates: [
        { hit_id: 'def456', review_status: 'False Positive' },
        { hit_id: 'abc123', review_status: 'False Positive', node_id: 'feature_aml_2' },
      ],
    });
    expect(amlState(await decision(id, sbx.issuer.apiKey)).screenings).toEqual([
      ['feature_aml_1', 0, 3, 'In Review'],
      ['feature_aml_2', 0, 1, 'In Review'],
    ]);
    const entries = (await feed(id)).body.results as Json[];
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      activity_type: 'AML_HIT_UPDATED',
      actor_type: 'API_KEY',
      new_status: null,
      previous_status: null,
      changed_fields: ['review_status'],
      previous_value: {
        hits: [
          { node_id: 'feature_aml_1', hit_id: 'abc123', review_status: 'Unreviewed' },
          { node_id: 'feature_aml_1', hit_id: 'def456', review_status: 'Unreviewed' },
        ],
      },
      new_value: {
        hits: [
          { node_id: 'feature_aml_1', hit_id: 'abc123', review_status: 'False Positive' },
          { node_id: 'feature_aml_1', hit_id: 'def456', review_status: 'Confirmed Match' },
        ],
      },
    });
    expect(entries[0].previous_value.hits[0]).toEqual({
      node_id: 'feature_aml_1',
      hit_id: 'def456',
      review_status: 'Confirmed Match',
    });
  });

  it('is all-or-nothing: one unknown hit or check is a 404 and nothing changes', async () => {
    const id = await kycWithHits(sbx.issuer.apiKey);
    const before = await decision(id, sbx.issuer.apiKey);
    const failing = [
      {
        hit_updates: [
          { hit_id: 'abc123', review_status: 'False Positive' },
          { hit_id: 'nope', review_status: 'False Positive' },
        ],
      },
      {
        hit_updates: [
          { hit_id: 'abc123', review_status: 'False Positive' },
          { hit_id: 'def456', review_status: 'False Positive', node_id: 'feature_aml_2' },
        ],
      },
      { hit_updates: [{ hit_id: 'abc123', review_status: 'False Positive', node_id: 'feature_aml_9' }] },
    ];
    for (const body of failing) {
      const res = await bulkUpdate(id, body);
      expect(res.status, JSON.stringify(body)).toBe(404);
    }
    expect((await updateHit(id, { hit_id: 'nope', review_status: 'False Positive' })).status).toBe(404);
    expect(
      (await updateHit(id, { hit_id: 'def456', review_status: 'False Positive' }, undefined, '?node_id=feature_aml_2'))
        .status,
    ).toBe(404);
    expect(await decision(id, sbx.issuer.apiKey)).toEqual(before);
    expect((await feed(id)).body.count).toBe(0);

    // Foreign and unknown sessions are 404 too; a read-only key is refused.
    expect((await updateHit(id, fixture('aml-hit-update-request.json'), sbx.receiver.apiKey)).status).toBe(404);
    expect(
      (await bulkUpdate('00000000-0000-4000-8000-000000000000', fixture('aml-bulk-update-request.json'))).status,
    ).toBe(404);
    const reader = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'Reader', ['read:sessions']);
    const readOnly = await updateHit(id, fixture('aml-hit-update-request.json'), reader.apiKey);
    expect(readOnly.status).toBe(403);
    // A session without AML screening has no hit to find.
    const noAml = await createRawSession(
      sbx.baseUrl,
      sbx.issuer.apiKey,
      { ...fixture('kyc-decision.json'), status: 'In Review', aml_screenings: null },
      'user',
    );
    expect((await updateHit(noAml.session_id, fixture('aml-hit-update-request.json'))).status).toBe(404);
  });

  it('validates review_status and the body (400, nothing changed)', async () => {
    const id = await kycWithHits(sbx.issuer.apiKey);
    for (const review_status of ['false positive', 'Confirmed', 'Approved', 42, null]) {
      const res = await updateHit(id, { hit_id: 'abc123', review_status });
      expect(res.status, String(review_status)).toBe(400);
      expect(res.body.review_status).toEqual([expect.any(String)]);
    }
    const missing = await updateHit(id, { hit_id: 'abc123' });
    expect(missing.body.review_status).toEqual([expect.any(String)]);
    expect((await updateHit(id, { review_status: 'False Positive' })).body.hit_id).toEqual([expect.any(String)]);
    const badItem = await bulkUpdate(id, { hit_updates: [{ hit_id: 'abc123', review_status: 'Maybe' }] });
    expect(badItem.status).toBe(400);
    expect(badItem.body['hit_updates.0.review_status']).toEqual([expect.any(String)]);
    expect((await bulkUpdate(id, { hit_updates: [] })).status).toBe(400);
    expect((await bulkUpdate(id, {})).body.hit_updates).toEqual(['This field is required.']);
    const twice = await bulkUpdate(id, {
      hit_updates: [
        { hit_id: 'abc123', review_status: 'False Positive' },
        { hit_id: 'abc123', review_status: 'Confirmed Match' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.hit_updates).toEqual([expect.any(String)]);
    expect(amlState(await decision(id, sbx.issuer.apiKey)).hits.map(([, , s]) => s)).toEqual([
      'Unreviewed',
      'Unreviewed',
      'False Positive',
      'Unreviewed',
    ]);
  });

  it("keeps a clone's dispositions apart from its source's: the import copies them, then each goes its own way", async () => {
    const source = await kycWithHits(sbx.issuer.apiKey);
    await updateHit(source, { hit_id: 'abc123', review_status: 'False Positive' });
    const token = await mintToken(sbx.baseUrl, sbx.issuer.apiKey, source, sbx.receiver.id);
    const imported = await importToken(sbx.baseUrl, sbx.receiver.apiKey, {
      share_token: token,
      workflow_id: sbx.receiver.kycWorkflowId,
    });
    expect(imported.status).toBe(201);
    const clone = imported.body.session_id as string;
    // The full import answer and the clone's decision both carry the source's dispositions at import time.
    expect(amlState(imported.body).hits[0]).toEqual(['feature_aml_1', 'abc123', 'False Positive']);
    expect(amlState(await decision(clone, sbx.receiver.apiKey)).screenings[0]).toEqual([
      'feature_aml_1',
      60,
      3,
      'In Review',
    ]);

    expect(
      (await updateHit(clone, { hit_id: 'abc123', review_status: 'Confirmed Match' }, sbx.receiver.apiKey)).status,
    ).toBe(200);
    expect((await updateHit(source, { hit_id: 'def456', review_status: 'Inconclusive' })).status).toBe(200);
    expect(amlState(await decision(clone, sbx.receiver.apiKey)).hits.slice(0, 2)).toEqual([
      ['feature_aml_1', 'abc123', 'Confirmed Match'],
      ['feature_aml_1', 'def456', 'Unreviewed'],
    ]);
    expect(amlState(await decision(source, sbx.issuer.apiKey)).hits.slice(0, 2)).toEqual([
      ['feature_aml_1', 'abc123', 'False Positive'],
      ['feature_aml_1', 'def456', 'Inconclusive'],
    ]);
    expect(amlState(await decision(clone, sbx.receiver.apiKey)).screenings[0][1]).toBe(85);
    // The clone's feed starts empty: the source's activity belongs to the issuer.
    expect((await feed(clone, sbx.receiver.apiKey)).body.results.map((e: Json) => e.activity_type)).toEqual([
      'AML_HIT_UPDATED',
    ]);
    // Deleting the source leaves the clone's dispositions.
    expect(
      (await call(sbx.baseUrl, 'DELETE', `/v3/session/${source}/delete/`, { key: sbx.issuer.apiKey })).status,
    ).toBe(204);
    expect(amlState(await decision(clone, sbx.receiver.apiKey)).hits[0]).toEqual([
      'feature_aml_1',
      'abc123',
      'Confirmed Match',
    ]);
  });

  it('works on KYB sessions too (their company AML screening)', async () => {
    const kyb = fixture('kyb-decision.json');
    const payload = {
      ...kyb,
      status: 'IN_REVIEW',
      aml_screenings: [
        {
          node_id: 'feature_kyb_aml',
          status: 'In Review',
          entity_type: 'company',
          total_hits: 1,
          score: 70,
          hits: [hit('co1', 70)],
        },
      ],
    };
    const { session_id } = await createRawSession(sbx.baseUrl, sbx.issuer.apiKey, payload, 'business');
    expect((await updateHit(session_id, { hit_id: 'co1', review_status: 'False Positive' })).status).toBe(200);
    const read = await decision(session_id, sbx.issuer.apiKey);
    expect(read.status).toBe('IN_REVIEW');
    expect(amlState(read)).toEqual({
      hits: [['feature_kyb_aml', 'co1', 'False Positive']],
      screenings: [['feature_kyb_aml', 0, 1, 'In Review']],
    });
  });
});

describe('reviews feed', () => {
  const FEED_KEYS = Object.keys(fixture('reviews-page.json').results[0]);

  it("lists update-status calls, created reviews and hit updates, newest first, shaped like Didit's rows", async () => {
    const id = await kycWithHits(sbx.issuer.apiKey);
    const empty = await feed(id);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ count: 0, next: null, previous: null, results: [] });

    await call(sbx.baseUrl, 'PATCH', `/v3/session/${id}/update-status/`, {
      key: sbx.issuer.apiKey,
      body: { new_status: 'Approved', comment: 'Document re-checked manually; address matches.' },
    });
    await review(id, { new_status: 'In Review', comment: 'Second look, @ana.ruiz@example.com please check.' });
    await updateHit(id, fixture('aml-hit-update-request.json'));

    const page = await feed(id);
    expect(Object.keys(page.body)).toEqual(Object.keys(fixture('reviews-page.json')));
    expect(page.body.count).toBe(3);
    const [aml, created, decided] = page.body.results as Json[];
    for (const row of page.body.results as Json[]) expect(Object.keys(row)).toEqual(FEED_KEYS);
    const actor = {
      actor_display: `API (${sbx.issuer.name})`,
      actor_email: null,
      actor_type: 'API_KEY',
      metadata: null,
    };
    expect(decided).toEqual({
      ...actor,
      uuid: expect.any(String),
      activity_type: 'STATUS_UPDATED',
      new_status: 'Approved',
      previous_status: 'In Review',
      comment: 'Document re-checked manually; address matches.',
      mentioned_emails: [],
      previous_value: { status: 'In Review' },
      new_value: { status: 'Approved' },
      changed_fields: ['status'],
      created_at: expect.any(String),
    });
    expect(created).toEqual({
      ...actor,
      uuid: expect.any(String),
      activity_type: 'STATUS_UPDATED',
      new_status: 'In Review',
      previous_status: null,
      comment: 'Second look, @ana.ruiz@example.com please check.',
      mentioned_emails: ['ana.ruiz@example.com'],
      previous_value: null,
      new_value: null,
      changed_fields: [],
      created_at: expect.any(String),
    });
    expect(aml).toMatchObject({
      ...actor,
      activity_type: 'AML_HIT_UPDATED',
      new_status: null,
      comment: null,
      new_value: { hits: [{ node_id: 'feature_aml_1', hit_id: 'abc123', review_status: 'False Positive' }] },
    });
    const times = (page.body.results as Json[]).map((r) => Date.parse(r.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set((page.body.results as Json[]).map((r) => r.uuid)).size).toBe(3);

    // Both status entries are the decision's reviews, oldest first, in the documented shape.
    expect((await decision(id, sbx.issuer.apiKey)).reviews).toEqual([
      { user: actor.actor_display, new_status: 'Approved', comment: decided.comment, created_at: decided.created_at },
      { user: actor.actor_display, new_status: 'In Review', comment: created.comment, created_at: created.created_at },
    ]);
  });

  it('pages with limit/offset and absolute next/previous links (default limit 50)', async () => {
    const id = await kycWithHits(sbx.issuer.apiKey);
    for (let i = 0; i < 52; i++) {
      const status = i % 2 === 0 ? 'Inconclusive' : 'Unreviewed';
      expect((await updateHit(id, { hit_id: 'def456', review_status: status })).status).toBe(200);
    }
    const first = await feed(id);
    expect(first.body.count).toBe(52);
    expect(first.body.results).toHaveLength(50);
    expect(first.body.previous).toBeNull();
    const next = new URL(first.body.next);
    expect(next.origin).toBe(sbx.baseUrl);
    expect(next.pathname).toBe(`/v3/sessions/${id}/reviews/`);
    expect(Object.fromEntries(next.searchParams)).toEqual({ limit: '50', offset: '50' });
    const second = await call(sbx.baseUrl, 'GET', first.body.next, { key: sbx.issuer.apiKey });
    expect(second.body.results).toHaveLength(2);
    expect(second.body.next).toBeNull();
    expect(Object.fromEntries(new URL(second.body.previous).searchParams)).toEqual({ limit: '50', offset: '0' });
    // The oldest entry is last: it set def456 from Unreviewed to Inconclusive.
    expect(second.body.results[1].new_value.hits[0].review_status).toBe('Inconclusive');
    expect(second.body.results[1].previous_value.hits[0].review_status).toBe('Unreviewed');

    const small = await feed(id, undefined, '?limit=20&offset=20');
    expect(small.body.results.map((r: Json) => r.uuid)).toEqual(
      first.body.results.slice(20, 40).map((r: Json) => r.uuid),
    );
    expect(Object.fromEntries(new URL(small.body.next).searchParams)).toEqual({ limit: '20', offset: '40' });
    expect(Object.fromEntries(new URL(small.body.previous).searchParams)).toEqual({ limit: '20', offset: '0' });
    for (const query of ['?limit=0', '?limit=abc', '?offset=-1', '?limit=101']) {
      expect((await feed(id, undefined, query)).status, query).toBe(400);
    }
  });

  it('addresses KYC sessions only: KYB, foreign and unknown ids are 404 for GET and POST', async () => {
    const kyb = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'business', status: 'IN_REVIEW' });
    const kyc = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    expect((await feed(kyb.session_id)).status).toBe(404);
    expect((await review(kyb.session_id, { new_status: 'Approved' })).status).toBe(404);
    expect((await decision(kyb.session_id, sbx.issuer.apiKey)).status).toBe('IN_REVIEW');
    expect((await feed(kyc.session_id, sbx.receiver.apiKey)).status).toBe(404);
    expect((await review(kyc.session_id, { new_status: 'Approved' }, sbx.receiver.apiKey)).status).toBe(404);
    expect((await feed('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await feed('not-a-uuid')).status).toBe(404);
  });
});

describe('create review', () => {
  it('sets the status and answers the documented shape; the entry is in the feed and in the decision', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    const res = await review(s.session_id, fixture('create-review-request.json'));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(Object.keys(fixture('create-review-answer.json')));
    expect(res.body).toEqual({
      user: `API (${sbx.issuer.name})`,
      new_status: 'Approved',
      comment: fixture('create-review-request.json').comment,
      created_at: expect.any(String),
    });
    const read = await decision(s.session_id, sbx.issuer.apiKey);
    expect(read.status).toBe('Approved');
    expect(read.reviews).toEqual([res.body]);
    const [entry] = (await feed(s.session_id)).body.results;
    expect(entry).toMatchObject({ new_status: 'Approved', comment: res.body.comment, created_at: res.body.created_at });

    // No comment → null; the same status again writes another row (and leaves the status).
    const again = await review(s.session_id, { new_status: 'Approved' });
    expect(again.status).toBe(201);
    expect(again.body.comment).toBeNull();
    expect((await decision(s.session_id, sbx.issuer.apiKey)).reviews).toHaveLength(2);
    // Re-opened and declined through reviews; update-status keeps its own rule (not the same status twice).
    expect((await review(s.session_id, { new_status: 'In Review' })).status).toBe(201);
    expect((await review(s.session_id, { new_status: 'Declined', comment: 'x'.repeat(10_000) })).status).toBe(201);
    expect((await decision(s.session_id, sbx.issuer.apiKey)).status).toBe('Declined');
    expect((await feed(s.session_id)).body.count).toBe(4);
  });

  it('requires new_status among Approved / Declined / In Review, a comment of at most 10,000 characters, and a decidable session', async () => {
    const s = await createSession(sbx.baseUrl, sbx.issuer.apiKey, { session_kind: 'user', status: 'In Review' });
    // Didit documents no way to leave a comment without a status here: new_status is required.
    for (const body of [
      { comment: 'Note without status.' },
      { new_status: null, comment: 'x' },
      { new_status: 'Resubmitted' },
      { new_status: 'approved' },
    ]) {
      const res = await review(s.session_id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.new_status).toEqual([expect.any(String)]);
    }
    const long = await review(s.session_id, { new_status: 'Approved', comment: 'x'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect(long.body.comment).toEqual([expect.any(String)]);
    expect((await review(s.session_id, { new_status: 'Approved', extra: 1 })).status).toBe(400);
    expect((await feed(s.session_id)).body.count).toBe(0);
    expect((await decision(s.session_id, sbx.issuer.apiKey)).status).toBe('In Review');

    const running = await createSession(sbx.baseUrl, sbx.issuer.apiKey, {
      session_kind: 'user',
      status: 'In Progress',
    });
    const refused = await review(running.session_id, { new_status: 'Approved' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe(WRONG_STATUS_DETAIL);
    const reader = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'Feed reader', ['read:sessions']);
    expect((await review(s.session_id, { new_status: 'Approved' }, reader.apiKey)).status).toBe(403);
  });
});

describe('webhooks', () => {
  let app: SandboxApp;
  let dataHooks: WebhookReceiver;
  let statusHooks: WebhookReceiver;
  let dataSecret: string;

  beforeAll(async () => {
    app = await addApplication(sbx.baseUrl, sbx.issuer.apiKey, 'Hooked');
    dataHooks = await startWebhookReceiver();
    statusHooks = await startWebhookReceiver();
    const register = async (url: string, events: string[]) => {
      const res = await call(sbx.baseUrl, 'POST', '/v3/webhook/destinations/', {
        key: app.apiKey,
        body: { url, subscribed_events: events },
      });
      expect(res.status).toBe(201);
      return res.body.secret_shared_key as string;
    };
    dataSecret = await register(dataHooks.url, ['data.updated']);
    await register(statusHooks.url, ['status.updated']);
  });
  afterAll(async () => {
    await dataHooks?.close();
    await statusHooks?.close();
  });

  /** Until the sandbox has no delivery in flight and no retry pending: whatever it would send has been sent. */
  const settle = () => sbx.sandbox.webhooksIdle();

  it('sends one signed data.updated per hit update (single or bulk), only to its subscribers, none for a failed call', async () => {
    const id = await kycWithHits(app.apiKey);
    await statusHooks.waitFor(1); // the raw session's creation
    expect((await updateHit(id, fixture('aml-hit-update-request.json'), app.apiKey)).status).toBe(200);
    const [single] = await dataHooks.waitFor(1);
    const verified = await verifyWebhook(dataSecret, single.rawBody, single.headers as Record<string, string>);
    expect(verified).toMatchObject({ ok: true });
    expect(single.body).toMatchObject({
      webhook_type: 'data.updated',
      session_id: id,
      status: 'In Review',
      workflow_id: app.kycWorkflowId,
      timestamp: expect.any(Number),
    });
    // The delivered decision already carries the disposition.
    expect(amlState(single.body.decision).hits[0]).toEqual(['feature_aml_1', 'abc123', 'False Positive']);

    expect((await bulkUpdate(id, fixture('aml-bulk-update-request.json'), app.apiKey)).status).toBe(200);
    const [, bulk] = await dataHooks.waitFor(2);
    expect(bulk.body).toMatchObject({ webhook_type: 'data.updated', session_id: id });
    expect(bulk.body.event_id).not.toBe(single.body.event_id);
    expect((await verifyWebhook(dataSecret, bulk.rawBody, bulk.headers as Record<string, string>)).ok).toBe(true);

    expect(
      (await bulkUpdate(id, { hit_updates: [{ hit_id: 'nope', review_status: 'Inconclusive' }] }, app.apiKey)).status,
    ).toBe(404);
    await settle();
    expect(dataHooks.received).toHaveLength(2);
    expect(statusHooks.received).toHaveLength(1);
  });

  it('sends status.updated when a created review changes the status, and nothing when it does not', async () => {
    const start = statusHooks.received.length + 1;
    const s = await createSession(sbx.baseUrl, app.apiKey, { session_kind: 'user', status: 'In Review' });
    await statusHooks.waitFor(start); // the creation's
    expect((await review(s.session_id, { new_status: 'Declined', comment: 'Mismatch.' }, app.apiKey)).status).toBe(201);
    const delivered = await statusHooks.waitFor(start + 1);
    expect(delivered[start].body).toMatchObject({
      webhook_type: 'status.updated',
      session_id: s.session_id,
      status: 'Declined',
    });
    expect(delivered[start].body.decision.reviews).toEqual([
      expect.objectContaining({ new_status: 'Declined', comment: 'Mismatch.' }),
    ]);
    expect((await review(s.session_id, { new_status: 'Declined' }, app.apiKey)).status).toBe(201);
    await settle();
    expect(statusHooks.received).toHaveLength(start + 1);
    expect(dataHooks.received.every((d) => d.body.webhook_type === 'data.updated')).toBe(true);
  });
});
