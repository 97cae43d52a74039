import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, entryHash, verifyChain, type StoredAuditRow } from '../../electron/core/cache/audit-chain.js';

function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      type: seq % 2 ? 'decision.made' : 'decision.synced',
      sessionId: `s-${seq}`,
      connectionId: 'c-1',
      details: { newStatus: 'Approved', attempt: seq, nested: { b: 1, a: [1, 2] } },
    };
    const hash = entryHash(prev, fields);
    rows.push({
      seq,
      at: fields.at,
      type: fields.type,
      session_id: fields.sessionId,
      connection_id: fields.connectionId,
      details_json: JSON.stringify(fields.details),
      prev_hash: prev,
      hash,
    });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(10))).toEqual({ entries: 10, firstBrokenSeq: null });
    expect(verifyChain([])).toEqual({ entries: 0, firstBrokenSeq: null });
  });

  it('does not depend on the key order of stored details', () => {
    const rows = chain(3);
    rows[1].details_json = JSON.stringify({ nested: { a: [1, 2], b: 1 }, attempt: 2, newStatus: 'Approved' });
    expect(verifyChain(rows).firstBrokenSeq).toBeNull();
  });

  it('reports the seq of an edited entry', () => {
    for (const edit of [
      (r: StoredAuditRow) => (r.details_json = r.details_json.replace('Approved', 'Declined')),
      (r: StoredAuditRow) => (r.type = 'decision.synced'),
      (r: StoredAuditRow) => (r.at = '2020-01-01T00:00:00.000Z'),
      (r: StoredAuditRow) => (r.session_id = 'someone-else'),
      (r: StoredAuditRow) => (r.details_json = 'not json'),
    ]) {
      const rows = chain(8);
      edit(rows[4]);
      expect(verifyChain(rows)).toEqual({ entries: 8, firstBrokenSeq: 5 });
    }
  });

  it('reports a re-hashed entry at the next one, whose prev hash no longer matches', () => {
    const rows = chain(6);
    rows[2].details_json = JSON.stringify({ forged: true });
    rows[2].hash = entryHash(rows[2].prev_hash, {
      seq: 3,
      at: rows[2].at,
      type: rows[2].type,
      sessionId: rows[2].session_id,
      connectionId: rows[2].connection_id,
      details: { forged: true },
    });
    expect(verifyChain(rows).firstBrokenSeq).toBe(4);
  });

  it('reports the first missing seq when an entry is removed', () => {
    const rows = chain(6);
    rows.splice(3, 1);
    expect(verifyChain(rows)).toEqual({ entries: 5, firstBrokenSeq: 4 });
  });
});
