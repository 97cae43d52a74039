// Group commit (electron/core/sync/group-commit.ts) on a real SQLite database: writes queued together share one
// transaction, a write that throws loses only its own rows and rejects only its own promise, and a lone write is
// committed without waiting for others.
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../electron/core/sync/group-commit.js';

let db: Database.Database;
let commits: number;
const transaction = <T>(fn: () => T): T => {
  if (!db.inTransaction) commits++;
  return db.transaction(fn)();
};
const names = () => db.prepare<[], string>('SELECT name FROM t ORDER BY name').pluck().all();

beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (name TEXT PRIMARY KEY)');
  commits = 0;
});
afterEach(() => db.close());

describe('group commit', () => {
  it('commits writes queued together in one transaction, in order', async () => {
    const commit = groupCommit(transaction, 3);
    const insert = (name: string) => () => void db.prepare('INSERT INTO t (name) VALUES (?)').run(name);
    await Promise.all([commit(insert('a')), commit(insert('b')), commit(insert('c'))]);
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(commits).toBe(1);
  });

  it('rolls back and rejects only the write that throws', async () => {
    const commit = groupCommit(transaction, 3);
    const results = await Promise.allSettled([
      commit(() => void db.prepare('INSERT INTO t (name) VALUES (?)').run('kept-1')),
      commit(() => {
        db.prepare('INSERT INTO t (name) VALUES (?)').run('lost');
        throw new Error('unreadable session');
      }),
      commit(() => void db.prepare('INSERT INTO t (name) VALUES (?)').run('kept-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('unreadable session'));
    expect(names()).toEqual(['kept-1', 'kept-2']);
    expect(commits).toBe(1);
  });

  it('commits a lone write without a full batch', async () => {
    const commit = groupCommit(transaction, 6);
    await commit(() => void db.prepare('INSERT INTO t (name) VALUES (?)').run('alone'));
    expect(names()).toEqual(['alone']);
  });
});
