import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { ftsMatchExpression } from '../../electron/core/cache/fts-query.js';

// The same FTS5 table definition as the cache (tokenizer and prefix index), in memory.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(name, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`);
const rows = ['José Muñoz', 'Near Orbit Ltd', 'Ola OR Berg', 'Chloé Dubois', 'AND Logistics', 'P-1234567'];
rows.forEach((name, i) => db.prepare('INSERT INTO t (rowid, name) VALUES (?, ?)').run(i + 1, name));
afterAll(() => db.close());

function search(input: string): string[] {
  const match = ftsMatchExpression(input);
  if (match === null) return [];
  return db
    .prepare<[string], { rowid: number }>('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid')
    .all(match)
    .map((r) => rows[r.rowid - 1]);
}

describe('search input to FTS5', () => {
  it('matches word prefixes, in any order, ignoring case and accents', () => {
    expect(search('muñ')).toEqual(['José Muñoz']);
    expect(search('munoz jo')).toEqual(['José Muñoz']);
    expect(search('CHLOE')).toEqual(['Chloé Dubois']);
    expect(search('Mun\u0303oz')).toEqual(['José Muñoz']); // decomposed ñ, as some keyboards send it
  });

  it('finds document numbers typed with or without separators', () => {
    expect(search('P-1234')).toEqual(['P-1234567']);
    expect(search('1234567')).toEqual(['P-1234567']);
  });

  it('treats FTS operators as plain words and never throws on syntax', () => {
    expect(search('OR')).toEqual(['Near Orbit Ltd', 'Ola OR Berg']); // a word prefix, not an operator
    expect(search('NEAR(')).toEqual(['Near Orbit Ltd']);
    expect(search('AND')).toEqual(['AND Logistics']);
    expect(search('muñoz OR dubois')).toEqual([]); // OR is a word here, and no row has all three
    for (const hostile of [
      '"',
      '*',
      '"muñoz',
      'name:muñoz',
      '^chloé',
      '(',
      ')',
      '-',
      'NOT',
      'a"b*c',
      '{name}: x',
      "'; DROP TABLE t; --",
    ]) {
      expect(() => search(hostile), hostile).not.toThrow();
    }
    expect(search('name:muñoz')).toEqual([]); // "name" is a word to find, not a column filter
  });

  it('gives no filter at all for input without letters or digits', () => {
    for (const empty of ['', '   ', '"', '*', '()', '-+^:']) expect(ftsMatchExpression(empty)).toBeNull();
  });
});
