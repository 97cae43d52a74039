/**
 * Queue totals on a real SQLCipher file: pages of a search read only their own rows and the totals of recent queries
 * are kept while nothing changes (sessions.ts), so every write, from this connection or another one, must show in
 * the next total and page.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheFile, type CacheStore } from '../../electron/core/cache/index.js';
import type { SessionPayload } from '../../shared/didit/session.js';

const dir = mkdtempSync(join(tmpdir(), 'countersign-queue-totals-'));
const file = join(dir, 'cache.db');
const key = randomBytes(32).toString('hex');
let cache: CacheStore;

const person = (n: number, last: string, status = 'In Review'): SessionPayload =>
  ({
    session_id: `s-${last}-${n}`,
    session_number: n,
    session_kind: 'user',
    status,
    vendor_data: `v-${n}`,
    created_at: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
    reviews: [],
    id_verifications: [{ full_name: `Ana ${last}`, first_name: 'Ana', last_name: last, document_number: `D${n}` }],
    aml_screenings: [],
  }) as SessionPayload;

const store = (payload: SessionPayload) => cache.upsertSession({ connectionId: 'conn', payload });

beforeAll(() => {
  cache = openCacheFile({ file, key, encrypted: true });
  cache.upsertConnection({
    id: 'conn',
    name: 'conn',
    baseUrl: 'http://127.0.0.1:1',
    applicationId: 'conn',
    role: 'receiver',
    workflows: [],
    hasWebhookSecret: false,
    createdAt: new Date().toISOString(),
  });
  cache.transaction(() => {
    for (let n = 0; n < 70; n++) store(person(n, 'Kaspersen'));
    for (let n = 0; n < 5; n++) store(person(n, 'Olsen'));
  });
});
afterAll(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('queue totals and search pages', () => {
  it('pages through a search in order, every page with the same total', () => {
    const first = cache.querySessions({ view: 'inbox', search: 'ka', sort: 'age', limit: 50 });
    const second = cache.querySessions({ view: 'inbox', search: 'ka', sort: 'age', limit: 50, offset: 50 });
    expect([first.total, second.total]).toEqual([70, 70]);
    expect(first.rows.length + second.rows.length).toBe(70);
    const numbers = [...first.rows, ...second.rows].map((r) => r.sessionNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => a! - b!));
    expect(first.rows[0]).toMatchObject({ id: 's-Kaspersen-0', subjectName: 'Ana Kaspersen', connectionId: 'conn' });
  });

  it('counts a new session, a status change and a deletion at once', () => {
    const total = (search?: string) => cache.querySessions({ view: 'inbox', search, limit: 10 }).total;
    expect([total('ka'), total()]).toEqual([70, 75]);
    store(person(100, 'Kaspersen'));
    expect([total('ka'), total()]).toEqual([71, 76]);
    cache.setLocalStatus('s-Kaspersen-100', 'Approved');
    expect([total('ka'), total()]).toEqual([70, 75]);
    cache.deleteSession('s-Kaspersen-0');
    expect([total('ka'), total()]).toEqual([69, 74]);
  });

  it('counts what another connection to the same file wrote', () => {
    const total = () => cache.querySessions({ view: 'inbox', search: 'kasp', limit: 10 }).total;
    const before = total();
    const other = new Database(file);
    try {
      other.pragma(`cipher = 'sqlcipher'`);
      other.pragma('legacy = 4');
      other.pragma(`key = "x'${key}'"`);
      other.prepare(`UPDATE sessions SET queue_view = 'decided' WHERE id = 's-Kaspersen-1'`).run();
    } finally {
      other.close();
    }
    expect(total()).toBe(before - 1);
  });
});

describe('a short prefix with thousands of matches', () => {
  // Past 2,000 matches the page is read by walking the sort's index (sessions.ts): the same rows, in the same order.
  it('pages through every match in order, by age and by risk', () => {
    cache.transaction(() => {
      for (let n = 0; n < 2_100; n++) {
        const payload = person(1_000 + n, 'Zubiri', n % 3 === 0 ? 'Approved' : 'In Review');
        payload.aml_screenings = [{ total_hits: 1, hits: [{ id: 'h', risk_score: (n * 37) % 100 }] }] as never;
        store(payload);
      }
    });
    const inbox = (sort: 'age' | 'risk', offset: number) =>
      cache.querySessions({ view: 'inbox', search: 'zu', sort, limit: 50, offset });
    const expected = cache.querySessions({ view: 'inbox', kind: 'user', sort: 'age', limit: 500 }).rows;
    const walked = [...inbox('age', 0).rows, ...inbox('age', 50).rows];
    expect(inbox('age', 0).total).toBe(1_400);
    expect(walked.map((r) => r.id)).toEqual(
      expected
        .filter((r) => /Zubiri/.test(r.subjectName ?? ''))
        .slice(0, 100)
        .map((r) => r.id),
    );
    const byRisk = cache.querySessions({ view: 'inbox', kind: 'user', sort: 'risk', limit: 500 }).rows;
    expect(inbox('risk', 0).rows.map((r) => r.id)).toEqual(
      byRisk
        .filter((r) => /Zubiri/.test(r.subjectName ?? ''))
        .slice(0, 50)
        .map((r) => r.id),
    );
    expect(inbox('age', 1_380).rows).toHaveLength(20);
  });
});
