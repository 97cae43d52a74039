/**
 * Upgrading a profile written by the first schema, on a real SQLCipher file: conflicts acknowledged back then (known
 * only from the audit log) come out acknowledged, the others do not, nothing else changes, and the new tables work.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { auditMethods } from '../../electron/core/cache/audit-log.js';
import { openCacheFile } from '../../electron/core/cache/index.js';
import { MIGRATIONS } from '../../electron/core/cache/migrations.js';
import type { SessionPayload } from '../../shared/didit/session.js';
import { removeDir, tempDir } from './helpers/basics.js';

const dir = tempDir('migrate');
afterAll(() => removeDir(dir));

/** A database exactly as the first release left it: schema 1 only, written with the profile's raw key. */
function firstReleaseDatabase(file: string, key: string): { ackedAt: string } {
  const db = new Database(file);
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key}'"`);
    db.exec(MIGRATIONS[0]);
    db.pragma('user_version = 1');
    db.prepare(
      `INSERT INTO connections VALUES ('c1', 'Harbor', 'http://127.0.0.1:9', '11111111-1111-4111-8111-111111111111',
        'receiver', '[]', 0, '2026-01-01T00:00:00.000Z')`,
    ).run();
    const session = db
      .prepare(
        `INSERT INTO sessions (id, connection_id, kind, status, status_canon, server_status, review_count, sort_ms,
          aml_hits, risk_score, fetched_at, queue_view)
        VALUES (?, 'c1', 'user', 'Declined', 'Declined', 'Declined', 1, 0, 0, 0, '2026-01-01T00:00:00.000Z', 'decided')`,
      )
      .run('s1');
    db.prepare(`INSERT INTO session_payloads VALUES (?, ?)`).run(
      session.lastInsertRowid,
      JSON.stringify({ session_id: 's1', session_kind: 'user', status: 'Declined' }),
    );
    const decision = db.prepare(`INSERT INTO decisions (id, session_id, new_status, comment, marker, state, attempts,
      created_at, server_status, server_comment) VALUES (?, 's1', 'Approved', '', ?, 'conflict', 1, ?, 'Declined', 'no')`);
    decision.run('d-acked', '[cs:1]', '2026-01-02T00:00:00.000Z');
    decision.run('d-open', '[cs:2]', '2026-01-03T00:00:00.000Z');
    const audit = auditMethods(db);
    audit.appendAudit({ type: 'decision.conflict', sessionId: 's1', details: { decisionId: 'd-acked' } });
    const ack = audit.appendAudit({
      type: 'decision.conflict_acknowledged',
      sessionId: 's1',
      details: { decisionId: 'd-acked', serverStatus: 'Declined' },
    });
    return { ackedAt: ack.at };
  } finally {
    db.close();
  }
}

describe('cache migrations', () => {
  it('upgrades a first-release profile: earlier acknowledgements are kept, the chain stays intact', () => {
    const file = join(dir, 'first.db');
    const key = randomBytes(32).toString('hex');
    const { ackedAt } = firstReleaseDatabase(file, key);

    let cache = openCacheFile({ file, key, encrypted: true });
    try {
      const byId = new Map(cache.listDecisions(['conflict']).map((d) => [d.id, d]));
      expect(byId.get('d-acked')?.acknowledgedAt).toBe(ackedAt);
      expect(byId.get('d-open')?.acknowledgedAt).toBeNull();
      expect(byId.get('d-open')).toMatchObject({ serverStatus: 'Declined', serverComment: 'no', attempts: 1 });
      expect(cache.verifyAudit()).toEqual({ ok: true, entries: 2, firstBrokenSeq: null });
      // The new tables are there and empty.
      expect(cache.listMissingMedia('s1')).toEqual([]);
      expect(cache.shareableSessions('c1').map((r) => r.id)).toEqual(['s1']);
      cache.updateDecision('d-open', { acknowledgedAt: '2026-02-01T00:00:00.000Z' });
    } finally {
      cache.close();
    }

    // Opening again runs nothing twice and keeps what was written after the upgrade.
    cache = openCacheFile({ file, key, encrypted: true });
    try {
      expect(cache.getDecision('d-open')?.acknowledgedAt).toBe('2026-02-01T00:00:00.000Z');
      expect(cache.getDecision('d-acked')?.acknowledgedAt).toBe(ackedAt);
      expect(cache.integrityCheck()).toEqual(['ok']);
    } finally {
      cache.close();
    }
  });

  it('keeps the missing-media record with its session, and drops it with the session', () => {
    const file = join(dir, 'missing.db');
    const cache = openCacheFile({ file, key: randomBytes(32).toString('hex'), encrypted: true });
    try {
      cache.upsertConnection({
        id: 'c1',
        name: 'Harbor',
        baseUrl: 'http://127.0.0.1:9',
        applicationId: '11111111-1111-4111-8111-111111111111',
        role: 'receiver',
        workflows: [],
        hasWebhookSecret: false,
        createdAt: new Date().toISOString(),
      });
      const payload = { session_id: 's1', session_kind: 'user', status: 'In Review' } as SessionPayload;
      cache.upsertSession({ connectionId: 'c1', payload });
      cache.setMissingMedia('s1', [
        { locator: 'id_verifications[0].front_image', attempts: 0 },
        { locator: 'face_matches[0].source_image', attempts: 5 },
      ]);
      expect(cache.listMissingMedia('s1')).toEqual([
        { locator: 'face_matches[0].source_image', attempts: 5 },
        { locator: 'id_verifications[0].front_image', attempts: 0 },
      ]);
      // Only items not yet given up on make the session worth reading again.
      expect([...cache.sessionsMissingMedia('c1', 5)]).toEqual(['s1']);
      cache.setMissingMedia('s1', [{ locator: 'face_matches[0].source_image', attempts: 5 }]);
      expect(cache.sessionsMissingMedia('c1', 5).size).toBe(0);
      expect(() => cache.setMissingMedia('nope', [{ locator: 'x', attempts: 0 }])).toThrow(
        expect.objectContaining({ code: 'not_found' }),
      );
      expect(() => cache.setMissingMedia('s1', [{ locator: 'x', attempts: -1 }])).toThrow(
        expect.objectContaining({ code: 'validation' }),
      );
      cache.deleteSession('s1');
      expect(cache.listMissingMedia('s1')).toEqual([]);
    } finally {
      cache.close();
    }
  });
});
