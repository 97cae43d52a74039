/**
 * The queue's signals in the encrypted cache: failed and warned checks and the risk weight computed at ingest,
 * possible duplicates across sessions and connections, infix accent-folded search, the recompute of sessions
 * stored before these columns existed, and query plans that stay on indexes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProfileCache, type CacheStore } from '../../electron/core/cache/index.js';
import { QUEUE_ROW_COLUMNS, buildQueueSql } from '../../electron/core/cache/queue-query.js';
import { MemoryKeychain } from '../../electron/core/keychain/index.js';
import { rawProfileDatabase, testConnection } from './helpers/cache.js';
import type { QueueQuery } from '../../shared/reviewer-api.js';
import type { SessionPayload } from '../../shared/didit/session.js';

const root = mkdtempSync(join(tmpdir(), 'countersign-signals-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Kyc {
  id: string;
  name: string;
  dob?: string;
  doc?: string;
  hits?: { sanction?: boolean; adverse?: boolean; review?: string }[];
  liveness?: string;
  vpn?: boolean;
}
function kyc({ id, name, dob = '1990-01-01', doc = `D${id}00000`, hits = [], liveness = 'Approved', vpn }: Kyc) {
  return {
    session_id: id,
    session_kind: 'user',
    status: 'In Review',
    vendor_data: `v-${id}`,
    created_at: new Date(Date.now() - 86_400_000).toISOString(),
    id_verifications: [{ status: 'Approved', full_name: name, date_of_birth: dob, document_number: doc }],
    liveness_checks: [{ status: liveness, score: liveness === 'Declined' ? 20 : 95 }],
    ip_analyses: [{ status: 'Approved', is_vpn_or_tor: vpn === true }],
    aml_screenings: [
      {
        status: hits.some((h) => h.review !== 'False Positive') ? 'In Review' : 'Approved',
        hits: hits.map((h, i) => ({
          id: `${id}-h${i}`,
          review_status: h.review ?? 'Unreviewed',
          risk_score: 0.5,
          sanction_matches: h.sanction ? [{}] : [],
          adverse_media_matches: h.adverse ? [{}] : [],
        })),
      },
    ],
  } as unknown as SessionPayload;
}

let secrets: MemoryKeychain;
let profileDir: string;
let cache: CacheStore;
const put = (payload: SessionPayload, connectionId = 'c1') => cache.upsertSession({ connectionId, payload });
const ids = (q: QueueQuery) => cache.querySessions(q).rows.map((r) => r.id);

const rawDatabase = () => rawProfileDatabase(profileDir, secrets);

beforeEach(async () => {
  secrets = new MemoryKeychain();
  profileDir = mkdtempSync(join(root, 'profile-'));
  cache = await openProfileCache({ profileDir, secrets });
  cache.upsertConnection(testConnection('c1'));
  cache.upsertConnection(testConnection('c2'));
  put(kyc({ id: 'odin', name: 'Óðinn Þórsson', dob: '1980-02-03', doc: 'IS1234567' }));
  put(kyc({ id: 'odin2', name: 'ODINN THORSSON', dob: '1980-02-03', doc: 'IS7654321', liveness: 'Declined' }), 'c2');
  put(kyc({ id: 'jess', name: 'Jessica Ejemplo', doc: 'ES-555 666', hits: [{ adverse: true }, { adverse: true }] }));
  put(kyc({ id: 'jess2', name: 'Jessie Muestra', doc: 'es555666', vpn: true }), 'c2');
  put(kyc({ id: 'sanc', name: 'Anna Probe', hits: [{ sanction: true }] }));
  put(kyc({ id: 'fp', name: 'Bert Muster', hits: [{ sanction: true, review: 'False Positive' }] }));
});
afterEach(() => cache.close());

describe('queue signals', () => {
  it('stores failed and warned checks per row', () => {
    const rows = new Map(cache.querySessions({ view: 'inbox', limit: 50 }).rows.map((r) => [r.id, r]));
    expect(rows.get('odin2')).toMatchObject({ failedChecks: 1, checkFlags: 'liveness:failed' });
    expect(rows.get('jess2')).toMatchObject({ failedChecks: 0, warnedChecks: 1, checkFlags: 'ip:warned' });
    expect(rows.get('fp')).toMatchObject({ failedChecks: 0, warnedChecks: 0, amlHits: 0 });
  });

  it('sorts by risk: a sanctions match above two adverse-media hits; False Positive hits do not count', () => {
    const order = ids({ view: 'inbox', sort: 'risk' });
    expect(order.indexOf('sanc')).toBeLessThan(order.indexOf('jess'));
    expect(order.indexOf('jess')).toBeLessThan(order.indexOf('fp'));
    const risk = new Map(cache.querySessions({ view: 'inbox' }).rows.map((r) => [r.id, r.riskScore]));
    expect(risk.get('fp')).toBe(risk.get('odin')); // a sanctions hit cleared as False Positive weighs nothing
    expect(risk.get('odin')).toBe(0);
  });

  it('keeps a hit dismissed here but not sent yet out of the signals when a sync stores the session again', () => {
    const risk = () => cache.querySessions({ view: 'inbox' }).rows.find((r) => r.id === 'sanc')!;
    const before = risk();
    expect(before.amlHits).toBe(1);
    cache.enqueueDisposition({
      sessionId: 'sanc',
      nodeId: null,
      hitId: 'sanc-h0',
      reviewStatus: 'False Positive',
      baseStatus: 'Unreviewed',
      rationale: 'Different date of birth',
      analyst: 'Ana Ruiz',
      evidenceHash: 'e',
    });
    const dismissed = risk();
    expect(dismissed.amlHits).toBe(0);
    expect(dismissed.riskScore).toBeLessThan(before.riskScore);
    put(kyc({ id: 'sanc', name: 'Anna Probe', hits: [{ sanction: true }] })); // the server's copy, hit unreviewed
    expect(risk(), 'the sync kept the local dismissal').toMatchObject({ amlHits: 0, riskScore: dismissed.riskScore });
    const sent = cache.listDispositions(['queued'], 'sanc')[0]!;
    cache.updateDisposition(sent.id, { state: 'conflict' });
    expect(risk(), 'a disposition that will not reach the server stops counting').toMatchObject({
      amlHits: 1,
      riskScore: before.riskScore,
    });
  });

  it('flags possible duplicates across connections: the same document number, or the same name and birth date', () => {
    const rows = new Map(cache.querySessions({ view: 'all', limit: 50 }).rows.map((r) => [r.id, r]));
    expect(rows.get('odin')!.possibleDuplicates).toBe(1);
    expect(rows.get('odin2')!.possibleDuplicates).toBe(1);
    expect(rows.get('jess')!.possibleDuplicates).toBe(1);
    expect(rows.get('sanc')!.possibleDuplicates).toBe(0);
    expect(ids({ view: 'all', duplicateOf: 'odin' })).toEqual(['odin2']);
    expect(ids({ view: 'all', duplicateOf: 'jess2' })).toEqual(['jess']);
    expect(ids({ view: 'all', duplicateOf: 'sanc' })).toEqual([]);
    expect(cache.getSession('odin2')!.row.possibleDuplicates).toBe(1);
  });
});

describe('infix, accent-folded search', () => {
  it('finds names without their accents and from inside words', () => {
    expect(ids({ view: 'all', search: 'Odinn' }).sort()).toEqual(['odin', 'odin2']);
    expect(ids({ view: 'all', search: 'thors' }).sort()).toEqual(['odin', 'odin2']);
    expect(ids({ view: 'all', search: 'ica' })).toEqual(['jess']);
    expect(ids({ view: 'all', search: 'ica ejem' })).toEqual(['jess']);
    expect(ids({ view: 'all', search: '555' }).sort()).toEqual(['jess', 'jess2']);
    // Short words still use the prefix index.
    expect(ids({ view: 'all', search: 'an' })).toEqual(['sanc']);
    expect(cache.querySessions({ view: 'all', search: 'ica' }).total).toBe(1);
  });

  it('keeps the infix index in step with updates and deletes', () => {
    put(kyc({ id: 'jess', name: 'Jane Sample' }));
    expect(ids({ view: 'all', search: 'ica' })).toEqual([]);
    expect(ids({ view: 'all', search: 'ampl' })).toEqual(['jess']);
    cache.deleteSession('jess');
    expect(ids({ view: 'all', search: 'ampl' })).toEqual([]);
  });
});

describe('an older cache', () => {
  it('recomputes signals and the infix index of sessions stored before them, once, on open', async () => {
    cache.close();
    const db = await rawDatabase();
    db.exec(`UPDATE sessions SET failed_checks = 0, check_flags = '', duplicate_doc_key = NULL,
      duplicate_person_key = NULL, signals_version = 0; DELETE FROM sessions_infix;`);
    db.close();
    cache = await openProfileCache({ profileDir, secrets });
    expect(cache.getSession('odin2')!.row).toMatchObject({ failedChecks: 1, possibleDuplicates: 1 });
    expect(ids({ view: 'all', search: 'Odinn' }).sort()).toEqual(['odin', 'odin2']);
  });
});

describe('query plans', () => {
  it('reads duplicates and infix matches through indexes, never a scan of the sessions table', async () => {
    cache.close();
    const db = await rawDatabase();
    const plan = (q: QueueQuery) => {
      const sql = buildQueueSql(q, Date.now());
      const text = `EXPLAIN QUERY PLAN SELECT ${QUEUE_ROW_COLUMNS}
        FROM ${sql.from} ${sql.where} ${sql.orderBy} LIMIT 100`;
      return (db.prepare(text).all(...sql.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    };
    const inbox = plan({ view: 'inbox' });
    expect(inbox).toMatch(/sessions_duplicate_doc/);
    expect(inbox).toMatch(/sessions_duplicate_person/);
    expect(inbox).not.toMatch(/SCAN d\b/);
    const search = plan({ view: 'all', search: 'ica' });
    expect(search).toMatch(/VIRTUAL TABLE INDEX .*sessions_infix|SCAN sessions_infix VIRTUAL TABLE/);
    expect(search).not.toMatch(/SCAN s\b/);
    const dups = plan({ view: 'all', duplicateOf: 'odin' });
    expect(dups).not.toMatch(/SCAN s\b/);
    db.close();
    cache = await openProfileCache({ profileDir, secrets });
  });
});
