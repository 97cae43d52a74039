/**
 * The encrypted cache as the engine uses it, on real SQLCipher files: queue views, filters, sorts and paging,
 * full-text search, the decision outbox, media, the audit chain, retention and the small tables.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProfileCache, PROFILE_FILE, DB_FILE, type CacheStore } from '../../electron/core/cache/index.js';
import { MemoryKeychain } from '../../electron/core/keychain/index.js';
import { mediaFileOf } from '../../electron/core/cache/media-store.js';
import { rawMediaDatabase, rawProfileDatabase, testConnection } from './helpers/cache.js';
import { DEFAULT_SETTINGS, type QueueQuery } from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import type { SessionPayload } from '../../shared/didit/session.js';
import { queueSignals } from '../../shared/case-signals.js';

const root = mkdtempSync(join(tmpdir(), 'countersign-cache-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const APP_A = '11111111-1111-4111-8111-111111111111';
const APP_B = '22222222-2222-4222-8222-222222222222';

interface Person {
  id: string;
  name: string;
  status?: string;
  age?: number;
  risk?: number[];
  doc?: string;
  vendor?: string;
}
function kyc({ id, name, status = 'In Review', age = 1, risk = [], doc = 'X0000000', vendor = `v-${id}` }: Person) {
  const [first, ...rest] = name.split(' ');
  return {
    session_id: id,
    session_number: 1,
    session_kind: 'user',
    status,
    vendor_data: vendor,
    created_at: daysAgo(age),
    reviews: [],
    id_verifications: [{ full_name: name, first_name: first, last_name: rest.join(' '), document_number: doc }],
    aml_screenings: [{ total_hits: risk.length, hits: risk.map((r, i) => ({ id: `h${i}`, risk_score: r })) }],
  } as SessionPayload;
}
function kyb(id: string, legalName: string, status = 'IN_REVIEW', age = 1, registration = `HRB ${id}`) {
  return {
    session_id: id,
    session_kind: 'business',
    status,
    vendor_data: `v-${id}`,
    created_at: daysAgo(age),
    // Didit's documented nested KYB: one registry check and one key-people check per company of the chain.
    registry_checks: [
      { company: { company_name: legalName, registration_number: registration } },
      { company: { company_name: 'Vesper Holding AB', registration_number: '556000-0000' } },
    ],
    key_people_checks: [
      {
        submitted: {
          parties: [
            {
              name: 'Vesper Holding AB',
              entity_type: 'company',
              registration_number: '556000-0000',
              roles: [{ role: 'shareholder', ownership_percent: 100, voting_percent: 100 }],
            },
          ],
        },
      },
      {
        registry: {
          beneficial_owners: [
            {
              name: 'Greta Lindqvist',
              entity_type: 'person',
              roles: [{ role: 'ubo', ownership_percent: 100, voting_percent: 100 }],
            },
          ],
        },
      },
    ],
  } as SessionPayload;
}

let secrets: MemoryKeychain;
let profileDir: string;
let cache: CacheStore;
const connection = testConnection;

beforeEach(async () => {
  secrets = new MemoryKeychain();
  profileDir = mkdtempSync(join(root, 'profile-'));
  cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection(connection('c1'));
  cache.upsertConnection(connection('c2'));
});
afterEach(() => cache.close());

const rawDatabase = () => rawProfileDatabase(profileDir, secrets);

const ids = (q: QueueQuery) => cache.querySessions(q).rows.map((r) => r.id);
const expectCode = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ReviewerError);
    expect((err as ReviewerError).code).toBe(code);
    return;
  }
  throw new Error(`expected ReviewerError ${code}`);
};

describe('queue', () => {
  beforeEach(() => {
    const put = (payload: SessionPayload, connectionId = 'c1', source: string | null = null) =>
      cache.upsertSession({
        connectionId,
        payload,
        importInfo: source ? { trustReview: false, sourceApplicationId: source, importedAt: daysAgo(0) } : undefined,
      });
    put(kyc({ id: 'k-old', name: 'José Muñoz', age: 40, risk: [30, 85] }), 'c1', APP_A);
    put(kyc({ id: 'k-mid', name: 'Ana Okafor', age: 10, risk: [95] }), 'c2', APP_B);
    put(kyc({ id: 'k-new', name: 'Hiro Nakamura', age: 2 }), 'c1', APP_A);
    put(kyb('b-rev', 'Nordwind Logistik GmbH', 'IN_REVIEW', 20), 'c2');
    put(kyc({ id: 'k-ok', name: 'Inès Dubois', status: 'Approved', age: 5, doc: 'ZX9876543' }));
    put(kyb('b-no', 'Ironbark Ltd', 'DECLINED', 7, 'HRB 4711'));
    put(kyc({ id: 'k-re', name: 'Farid Haddad', status: 'Resubmitted', age: 8 }));
    put(kyc({ id: 'k-exp', name: 'Elif Silva', status: 'Expired', age: 60 }));
  });

  it('splits sessions into inbox (In Review, either spelling), decided and all', () => {
    expect(ids({ view: 'inbox' })).toEqual(['k-old', 'b-rev', 'k-mid', 'k-new']);
    expect(ids({ view: 'decided' })).toEqual(['k-re', 'b-no', 'k-ok']);
    expect(cache.querySessions({ view: 'all' }).total).toBe(8);
  });

  it('sorts by age (oldest first) or by risk (highest first), and pages consistently', () => {
    // Risk weighs every open hit by its list (shared/case-signals.ts): two unlisted hits outweigh one.
    expect(ids({ view: 'inbox', sort: 'risk' })).toEqual(['k-old', 'k-mid', 'b-rev', 'k-new']);
    const all = ids({ view: 'all', sort: 'age' });
    expect(all[0]).toBe('k-exp');
    const paged = [0, 3, 6].flatMap((offset) => ids({ view: 'all', sort: 'age', offset, limit: 3 }));
    expect(paged).toEqual(all);
    expect(cache.querySessions({ view: 'all', offset: 6, limit: 3 }).total).toBe(8);
  });

  it('filters by status, kind, connection, partner application, AML hits and age', () => {
    expect(ids({ view: 'all', statuses: ['Declined'] })).toEqual(['b-no']);
    expect(ids({ view: 'all', statuses: ['IN_REVIEW', 'Approved'] })).toEqual([
      'k-old',
      'b-rev',
      'k-mid',
      'k-ok',
      'k-new',
    ]);
    expect(ids({ view: 'inbox', kind: 'business' })).toEqual(['b-rev']);
    expect(ids({ view: 'inbox', connectionId: 'c2' })).toEqual(['b-rev', 'k-mid']);
    expect(ids({ view: 'inbox', sourceApplicationId: APP_A })).toEqual(['k-old', 'k-new']);
    expect(ids({ view: 'inbox', hasAmlHits: true })).toEqual(['k-old', 'k-mid']);
    expect(ids({ view: 'inbox', hasAmlHits: false })).toEqual(['b-rev', 'k-new']);
    expect(ids({ view: 'inbox', minAgeDays: 15 })).toEqual(['k-old', 'b-rev']);
    expect(ids({ view: 'inbox', maxAgeDays: 15 })).toEqual(['k-mid', 'k-new']);
    expect(ids({ view: 'inbox', minAgeDays: 5, maxAgeDays: 30, kind: 'user' })).toEqual(['k-mid']);
  });

  it('fills queue rows from the payload', () => {
    const row = cache.querySessions({ view: 'inbox', search: 'muñoz' }).rows[0];
    expect(row).toMatchObject({
      id: 'k-old',
      connectionId: 'c1',
      kind: 'user',
      status: 'In Review',
      subjectName: 'José Muñoz',
      vendorData: 'v-k-old',
      sourceApplicationId: APP_A,
      amlHits: 2,
      riskScore: queueSignals(kyc({ id: 'k-old', name: 'José Muñoz', risk: [30, 85] })).risk,
      decision: null,
    });
    expect(cache.querySessions({ search: 'nordwind' }).rows[0].subjectName).toBe('Nordwind Logistik GmbH');
  });

  it('searches names with accents either way, documents, vendor data and ownership names', () => {
    expect(ids({ search: 'munoz' })).toEqual(['k-old']);
    expect(ids({ search: 'MUÑ' })).toEqual(['k-old']);
    expect(ids({ search: 'okafor ana' })).toEqual(['k-mid']);
    expect(ids({ view: 'all', search: 'dubo' })).toEqual(['k-ok']);
    expect(ids({ view: 'all', search: 'zx98765' })).toEqual(['k-ok']);
    expect(ids({ view: 'all', search: '4711' })).toEqual(['b-no']);
    expect(ids({ search: 'v-k-new' })).toEqual(['k-new']);
    expect(ids({ view: 'all', search: 'lindqvist' })).toEqual(['b-rev', 'b-no']); // a UBO two levels down
    expect(ids({ view: 'all', search: 'vesper holding' })).toEqual(['b-rev', 'b-no']);
    expect(cache.querySessions({ search: 'munoz', hasAmlHits: false }).total).toBe(0);
  });

  it('takes hostile search input as text, never as FTS syntax', () => {
    const inbox = ids({ view: 'inbox' });
    for (const input of ['"', '*', '"*"', '()', '-']) expect(ids({ search: input })).toEqual(inbox);
    for (const input of ['OR', 'NEAR(', 'munoz OR okafor', 'munoz NOT x', 'subject_name:munoz', '"munoz', 'munoz*"']) {
      expect(() => cache.querySessions({ view: 'all', search: input }), input).not.toThrow();
    }
    expect(ids({ search: 'munoz OR okafor' })).toEqual([]); // three words, all required
    expect(ids({ search: '"munoz' })).toEqual(['k-old']);
    expect(ids({ search: "'); DROP TABLE sessions; --" })).toEqual([]);
    expect(cache.querySessions({ view: 'all' }).total).toBe(8);
  });

  it('keeps the search index in step with updates and deletes', () => {
    cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 'k-new', name: 'Hiro Tanaka', age: 2 }) });
    expect(ids({ search: 'nakamura' })).toEqual([]);
    expect(ids({ search: 'tanaka' })).toEqual(['k-new']);
    cache.deleteSession('k-new');
    expect(ids({ search: 'tanaka' })).toEqual([]);
    cache.deleteConnection('c2');
    expect(ids({ search: 'okafor' })).toEqual([]);
    expect(ids({ view: 'all', search: 'lindqvist' })).toEqual(['b-no']);
  });

  it('answers a bad query with a validation error', () => {
    expectCode(() => cache.querySessions({ limit: 0 }), 'validation');
    expectCode(() => cache.querySessions({ view: 'everything' } as never), 'validation');
    expectCode(() => cache.querySessions({ search: 'x'.repeat(201) }), 'validation');
  });
});

describe('sessions and the outbox', () => {
  beforeEach(() => cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's1', name: 'José Muñoz' }) }));

  it('keeps the analyst status while a decision is not yet on the server', () => {
    const decision = cache.enqueueDecision({ sessionId: 's1', newStatus: 'Approved', comment: 'ok', marker: '[cs:1]' });
    cache.setLocalStatus('s1', 'Approved');
    expect(ids({ view: 'decided' })).toEqual(['s1']);
    cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's1', name: 'José Muñoz' }) }); // sync: still In Review
    let stored = cache.getSession('s1')!;
    expect(stored.row.status).toBe('Approved');
    expect(stored.row.decision).toBe('queued');
    expect(stored.serverStatus).toBe('In Review');

    cache.updateDecision(decision.id, { state: 'conflict', serverStatus: 'Declined', serverComment: 'fraud' });
    cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's1', name: 'José Muñoz', status: 'Declined' }) });
    stored = cache.getSession('s1')!;
    expect(stored.row.status).toBe('Declined'); // someone else decided first: the server's word stands
    expect(stored.row.decision).toBe('conflict');
  });

  it('keeps import info when sync updates a session', () => {
    cache.upsertSession({
      connectionId: 'c1',
      payload: kyc({ id: 's2', name: 'Ana Okafor' }),
      importInfo: { trustReview: true, sourceApplicationId: APP_B, importedAt: '2026-01-02T03:04:05.000Z' },
    });
    cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's2', name: 'Ana Okafor', status: 'Approved' }) });
    expect(cache.getSession('s2')!.importInfo).toEqual({
      trustReview: true,
      sourceApplicationId: APP_B,
      importedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(cache.getSession('s1')!.importInfo).toBeNull();
    expect(cache.getSession('nope')).toBeNull();
  });

  it('reports what sync needs to tell changed sessions from unchanged ones', () => {
    const payload = {
      ...kyc({ id: 's1', name: 'José Muñoz' }),
      reviews: [{ new_status: 'In Review', created_at: daysAgo(0) }],
    };
    cache.upsertSession({ connectionId: 'c1', payload });
    expect(cache.sessionHeaders('c1')).toEqual(
      new Map([['s1', { status: 'In Review', reviewCount: 1, needsFetch: false }]]),
    );
    expect(cache.sessionHeaders('c2').size).toBe(0);
  });

  it('runs the decision outbox: queue, patch, list by state, not found', () => {
    const a = cache.enqueueDecision({
      sessionId: 's1',
      newStatus: 'Declined',
      comment: 'doc forged',
      marker: '[cs:a]',
    });
    expect(a).toMatchObject({ sessionId: 's1', state: 'queued', attempts: 0, lastError: null, syncedAt: null });
    const sending = cache.updateDecision(a.id, { state: 'sending', attempts: 1, lastError: 'timeout' });
    expect(sending).toMatchObject({ state: 'sending', attempts: 1, lastError: 'timeout', comment: 'doc forged' });
    expect(cache.listDecisions(['queued'])).toEqual([]);
    expect(cache.listDecisions(['sending', 'queued']).map((d) => d.id)).toEqual([a.id]);
    expect(cache.listDecisions(undefined, 's1')).toHaveLength(1);
    cache.updateDecision(a.id, { state: 'synced', syncedAt: daysAgo(0), lastError: null });
    expect(cache.getDecision(a.id)).toMatchObject({ state: 'synced', lastError: null });
    expect(cache.querySessions({ view: 'all' }).rows[0].decision).toBe('synced');
    expectCode(
      () => cache.enqueueDecision({ sessionId: 'nope', newStatus: 'Approved', comment: '', marker: 'm' }),
      'not_found',
    );
    expectCode(() => cache.updateDecision('nope', { state: 'synced' }), 'not_found');
    expectCode(() => cache.setLocalStatus('nope', 'Approved'), 'not_found');
  });

  it('keeps media bytes in the encrypted media file, and drops them with the session', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    cache.putMedia('s1', 'id_verifications[0].front_image', { contentType: 'image/png', bytes: png });
    cache.putMedia('s1', 'id_verifications[0].back_image', { contentType: 'image/png', bytes: png.subarray(0, 8) });
    expect(cache.getMedia('s1', 'id_verifications[0].front_image')).toEqual({ contentType: 'image/png', bytes: png });
    expect(cache.listMedia('s1')).toEqual([
      { locator: 'id_verifications[0].back_image', contentType: 'image/png', size: 8 },
      { locator: 'id_verifications[0].front_image', contentType: 'image/png', size: 11 },
    ]);
    const mediaFile = basename(mediaFileOf(DB_FILE));
    expect(readdirSync(profileDir).sort()).toEqual(
      [
        DB_FILE,
        `${DB_FILE}-shm`,
        `${DB_FILE}-wal`,
        mediaFile,
        `${mediaFile}-shm`,
        `${mediaFile}-wal`,
        PROFILE_FILE,
      ].sort(),
    );
    const media = await rawMediaDatabase(profileDir, secrets);
    const blobCount = () =>
      (media.prepare(`SELECT count(*) AS n FROM blobs WHERE session_id = 's1'`).get() as { n: number }).n;
    expect(blobCount()).toBe(2);
    cache.deleteSession('s1');
    expect(cache.getMedia('s1', 'id_verifications[0].front_image')).toBeNull();
    expect(blobCount(), 'the bytes go with the session').toBe(0);
    media.close();
    expectCode(() => cache.putMedia('s1', 'x', { contentType: 'image/png', bytes: png }), 'not_found');
  });

  it('stores a session and its media in one transaction, or nothing', () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    expect(() =>
      cache.transaction(() => {
        cache.putMedia('s9', 'a', { contentType: 'image/png', bytes: png }); // before its session: allowed
        cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's9', name: 'Kofi Mensah' }) });
        throw new Error('network dropped');
      }),
    ).toThrow('network dropped');
    expect(cache.getSession('s9')).toBeNull();
    expect(cache.getMedia('s9', 'a')).toBeNull();
    cache.transaction(() => {
      cache.putMedia('s9', 'a', { contentType: 'image/png', bytes: png });
      cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's9', name: 'Kofi Mensah' }) });
    });
    expect(cache.getMedia('s9', 'a')?.bytes).toEqual(png);
  });

  it('refuses only payloads with no session id; an odd header is read, not refused', () => {
    for (const payload of [{}, { session_id: 42, status: 'In Review' }, { session_id: '' }, null]) {
      expectCode(() => cache.upsertSession({ connectionId: 'c1', payload: payload as never }), 'validation');
    }
    const odd = { session_id: 'odd', session_kind: 'robot', status: 'In Review' };
    expect(cache.upsertSession({ connectionId: 'c1', payload: odd }).status).toBe('In Review');
    expect(cache.getSession('odd')?.row.kind).toBe('user');
    cache.deleteSession('odd');
    expectCode(
      () => cache.upsertSession({ connectionId: 'nope', payload: kyc({ id: 's3', name: 'A B' }) }),
      'not_found',
    );
  });
});

describe('audit log', () => {
  it('chains entries, verifies them and lists them per session', () => {
    for (let i = 0; i < 5; i++) {
      cache.appendAudit({ type: 'decision.made', sessionId: i % 2 ? 's1' : 's2', details: { i, note: 'Muñoz' } });
    }
    expect(cache.verifyAudit()).toEqual({ ok: true, entries: 5, firstBrokenSeq: null });
    const s1 = cache.listAudit({ sessionId: 's1', offset: 0, limit: 10 });
    expect(s1.total).toBe(2);
    expect(s1.entries.map((e) => e.seq)).toEqual([2, 4]);
    expect(s1.entries[1].prevHash).toBe(cache.listAudit({ offset: 2, limit: 1 }).entries[0].hash);
    expect(cache.listAudit({ offset: 0, limit: 2, order: 'desc' }).entries.map((e) => e.seq)).toEqual([5, 4]);
  });

  it('refuses UPDATE and DELETE, and finds an edit made around that at the right seq', async () => {
    for (let i = 1; i <= 6; i++) cache.appendAudit({ type: 'decision.made', sessionId: 's1', details: { n: i } });
    const db = await rawDatabase();
    try {
      expect(() => db.prepare(`UPDATE audit_log SET type = 'x' WHERE seq = 3`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM audit_log WHERE seq = 6`).run()).toThrow(/append-only/);
      expect(cache.verifyAudit().ok).toBe(true);
      db.exec(`DROP TRIGGER audit_log_no_update`);
      db.prepare(`UPDATE audit_log SET details_json = '{"n":99}' WHERE seq = 4`).run();
    } finally {
      db.close();
    }
    expect(cache.verifyAudit()).toEqual({ ok: false, entries: 6, firstBrokenSeq: 4 });
    cache.appendAudit({ type: 'after.tamper' });
    expect(cache.verifyAudit().firstBrokenSeq).toBe(4);
  });

  it('finds a deleted entry at its seq', async () => {
    for (let i = 1; i <= 4; i++) cache.appendAudit({ type: 'sync', details: { n: i } });
    const db = await rawDatabase();
    db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;`);
    db.close();
    expect(cache.verifyAudit()).toEqual({ ok: false, entries: 3, firstBrokenSeq: 2 });
  });

  it('refuses entries it could not verify later', () => {
    expectCode(() => cache.appendAudit({ type: '' }), 'validation');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expectCode(() => cache.appendAudit({ type: 'x', details: circular }), 'validation');
    expect(cache.verifyAudit()).toEqual({ ok: true, entries: 0, firstBrokenSeq: null });
  });
});

describe('retention', () => {
  it('purges decided sessions whose decision is synced and old, with their media, and never fetches them again', () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const decide = (id: string, state: 'synced' | 'queued') => {
      const d = cache.enqueueDecision({ sessionId: id, newStatus: 'Approved', comment: '', marker: `[cs:${id}]` });
      cache.setLocalStatus(id, 'Approved');
      cache.updateDecision(d.id, { state });
    };
    for (const id of ['old-synced', 'old-queued', 'undecided', 'decided-elsewhere']) {
      cache.upsertSession({ connectionId: 'c1', payload: kyc({ id, name: 'Petra Novak', age: 200 }) });
      cache.putMedia(id, 'id_verifications[0].front_image', { contentType: 'image/png', bytes: png });
    }
    cache.upsertSession({
      connectionId: 'c1',
      payload: kyc({ id: 'decided-elsewhere', name: 'P N', status: 'Approved' }),
    });
    decide('old-synced', 'synced');
    decide('old-queued', 'queued');

    expect(cache.purgeDecidedOlderThan(90)).toBe(0); // decisions made today
    const later = new Date(Date.now() + 91 * DAY);
    expect(cache.purgeDecidedOlderThan(90, later)).toBe(1);
    expect(cache.getSession('old-synced')).toBeNull();
    expect(cache.getMedia('old-synced', 'id_verifications[0].front_image')).toBeNull();
    expect(cache.listDecisions(undefined, 'old-synced')).toEqual([]);
    for (const id of ['old-queued', 'undecided', 'decided-elsewhere']) expect(cache.getSession(id)).not.toBeNull();
    // Sync still knows the purged session (unchanged on the server), so it does not download it again.
    expect(cache.sessionHeaders('c1').get('old-synced')).toEqual({
      status: 'In Review',
      reviewCount: 0,
      needsFetch: false,
    });
    expect(cache.purgeDecidedOlderThan(90, later)).toBe(0);
    expectCode(() => cache.purgeDecidedOlderThan(-1), 'validation');
  });
});

describe('connections, settings, sync state, webhooks, partners, minted tokens', () => {
  it('removes a connection with everything under it, and nothing else', () => {
    cache.upsertSession({ connectionId: 'c1', payload: kyc({ id: 's1', name: 'A B' }) });
    cache.upsertSession({ connectionId: 'c2', payload: kyc({ id: 's2', name: 'C D' }) });
    cache.putMedia('s1', 'x', { contentType: 'image/png', bytes: Buffer.from('png') });
    cache.enqueueDecision({ sessionId: 's1', newStatus: 'Approved', comment: '', marker: 'm1' });
    cache.saveSyncState({ connectionId: 'c1', lastSyncAt: daysAgo(0), lastError: null, cursor: '42' });
    cache.deleteConnection('c1');
    expect(cache.getConnection('c1')).toBeNull();
    expect(cache.listConnections().map((c) => c.id)).toEqual(['c2']);
    expect(cache.getSession('s1')).toBeNull();
    expect(cache.getMedia('s1', 'x')).toBeNull();
    expect(cache.listDecisions()).toEqual([]);
    expect(cache.getSyncState('c1')).toEqual({ connectionId: 'c1', lastSyncAt: null, lastError: null, cursor: null });
    expect(cache.getSession('s2')).not.toBeNull();
  });

  it('stores connections without secrets and reads them back', () => {
    const c = { ...connection('c3'), workflows: [{ id: randomUUID(), session_kind: 'user' as const, label: 'KYC' }] };
    cache.upsertConnection(c);
    expect(cache.getConnection('c3')).toEqual(c);
    cache.upsertConnection({ ...c, name: 'Renamed', hasWebhookSecret: true });
    expect(cache.getConnection('c3')).toMatchObject({
      name: 'Renamed',
      hasWebhookSecret: true,
      createdAt: c.createdAt,
    });
  });

  it('starts from the default settings and keeps what is saved', () => {
    expect(cache.getSettings()).toEqual(DEFAULT_SETTINGS);
    const changed = { ...DEFAULT_SETTINGS, retentionDays: 30, webhook: { ...DEFAULT_SETTINGS.webhook, enabled: true } };
    cache.saveSettings(changed);
    expect(cache.getSettings()).toEqual(changed);
    expectCode(() => cache.saveSettings({ ...changed, pollIntervalSeconds: 1 }), 'validation');
    expect(cache.getSettings()).toEqual(changed);
  });

  it('remembers webhook event ids across restarts', async () => {
    expect(cache.rememberWebhookEvent('evt-1')).toBe(true);
    expect(cache.rememberWebhookEvent('evt-1')).toBe(false);
    cache.close();
    cache = await openProfileCache({ profileDir, secrets });
    expect(cache.rememberWebhookEvent('evt-1')).toBe(false);
    expect(cache.rememberWebhookEvent('evt-2')).toBe(true);
    expectCode(() => cache.rememberWebhookEvent(''), 'validation');
  });

  it('keeps sync state per connection', () => {
    const state = { connectionId: 'c2', lastSyncAt: daysAgo(0), lastError: 'timeout', cursor: 'abc' };
    cache.saveSyncState(state);
    expect(cache.getSyncState('c2')).toEqual(state);
    expectCode(() => cache.saveSyncState({ ...state, connectionId: 'nope' }), 'not_found');
  });

  it('logs minted tokens without the token, and keeps a partner registry', () => {
    const token = {
      id: 't1',
      connectionId: 'c1',
      sessionId: 's1',
      sessionKind: 'user' as const,
      partnerApplicationId: APP_B,
      partnerName: 'Partner B',
      subjectName: 'Ana Okafor',
      mintedAt: daysAgo(0),
      expiresAt: daysAgo(-1),
    };
    cache.logMintedToken({ ...token, shareToken: 'eyJhbGciOiJIUzI1NiJ9.secret.sig' } as never);
    // Nobody in this profile imported it: "redeemed" is not known.
    expect(cache.listMintedTokens()).toEqual([{ ...token, redeemedAt: null }]);
    const partner = (id: string, name: string, applicationId: string) => ({
      id,
      name,
      applicationId,
      trustReview: false,
      workflows: { user: null, business: null },
      agreementReference: null,
      agreementExpiresOn: null,
      notes: '',
      createdAt: daysAgo(0),
      updatedAt: daysAgo(0),
    });
    cache.savePartner(partner('p2', 'zeta bank', APP_B));
    cache.savePartner({ ...partner('p1', 'Alpha Pay', APP_A), trustReview: true, agreementReference: 'DSA-9' });
    expect(cache.listPartners().map((p) => p.name)).toEqual(['Alpha Pay', 'zeta bank']);
    expect(cache.listPartners()[0]).toMatchObject({ trustReview: true, agreementReference: 'DSA-9' });
    // One entry per application.
    expectCode(() => cache.savePartner(partner('p3', 'Twin', APP_A)), 'validation');
    cache.removePartner('p2');
    expect(cache.listPartners().map((p) => p.id)).toEqual(['p1']);
    expectCode(() => cache.removePartner('p2'), 'not_found');
  });

  it('gives a clear error after close instead of crashing', () => {
    cache.close();
    expectCode(() => cache.listConnections(), 'internal');
    cache.close(); // closing twice is harmless
  });
});

describe('the outbound picker cache', () => {
  it('lists finished sessions by their server status, forgets dropped ones, and goes with the connection', () => {
    cache.upsertIssuedSession('c1', kyc({ id: 'i1', name: 'Ana Okafor', status: 'Approved', risk: [0.7, 0.2] }));
    cache.upsertIssuedSession('c1', kyb('i2', 'Vesper Trading AB', 'DECLINED'));
    cache.upsertIssuedSession('c1', kyc({ id: 'i3', name: 'Not Finished', status: 'In Progress' }));
    // A receiving connection's own session counts by what the server says, not the analyst's pending decision.
    cache.upsertSession({ connectionId: 'c2', payload: kyc({ id: 'r1', name: 'José Muñoz' }) });
    cache.enqueueDecision({ sessionId: 'r1', newStatus: 'Approved', comment: '', marker: '[cs:r1]' });
    cache.setLocalStatus('r1', 'Approved');

    const rows = new Map(cache.shareableSessions('c1').map((r) => [r.id, r]));
    expect([...rows.keys()].sort()).toEqual(['i1', 'i2']);
    expect(rows.get('i1')).toMatchObject({ subjectName: 'Ana Okafor', amlHits: 2, riskScore: 0.7, status: 'Approved' });
    expect(rows.get('i2')).toMatchObject({ subjectName: 'Vesper Trading AB', kind: 'business', status: 'DECLINED' });
    expect(cache.shareableSessions('c2').map((r) => [r.id, r.status, r.subjectName])).toEqual([
      ['r1', 'In Review', 'José Muñoz'],
    ]);
    // Issued sessions never reach the review queue.
    expect(ids({ view: 'all' })).toEqual(['r1']);

    expect(cache.issuedSessionStatuses('c1')).toEqual(
      new Map([
        ['i1', 'Approved'],
        ['i2', 'DECLINED'],
        ['i3', 'In Progress'],
      ]),
    );
    cache.keepIssuedSessions('c1', new Set(['i1']));
    expect([...cache.issuedSessionStatuses('c1').keys()]).toEqual(['i1']);
    cache.deleteConnection('c1');
    expect(cache.issuedSessionStatuses('c1').size).toBe(0);
    expectCode(() => cache.upsertIssuedSession('c2', { session_kind: 'user' } as SessionPayload), 'validation');
  });
});
