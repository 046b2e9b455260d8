import Database from 'better-sqlite3';
import { decodeCursor, decodeCursorKeys, encodeCursor } from '../../src/read-side/sql/cursor';
import { SqlWhere } from '../../src/read-side/sql/where';
import { RANGE_COUNT_CAPS, shortestRange, tokensBegunBy, WORD_TOKENS_MAX } from '../../src/read-side/token-search';
import { ReadArgumentError } from '../../src/reports/report-period';

describe('the where-builder', () => {
  it('joins conditions with AND and keeps parameters in placeholder order, a period and a keyset cursor included', () => {
    const where = new SqlWhere().add('fund_id = ?', 'quy').period('at_ms', 10, 20).add('kind = ?', 'x').after(['at_ms', 'position'], [15, 7]);
    expect(where.sql).toBe('fund_id = ? AND at_ms >= ? AND at_ms <= ? AND kind = ? AND (at_ms, position) > (?, ?)');
    expect(where.params).toEqual(['quy', 10, 20, 'x', 15, 7]);
  });

  it('adds nothing for an absent bound or cursor, and refuses a cursor of another length than its columns', () => {
    expect(new SqlWhere().add('1').period('at_ms', undefined, undefined).after(['a'], undefined).sql).toBe('1');
    expect(() => new SqlWhere().after(['a', 'b'], [1])).toThrow(/cursor of 1 keys for 2 columns/);
  });

  it('walks rows after a cursor in key order, as SQLite compares row values', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a INTEGER, b INTEGER); INSERT INTO t VALUES (1, 1), (1, 2), (2, 0), (2, 5), (3, 1)');
    const where = new SqlWhere().after(['a', 'b'], [1, 2]);
    expect(db.prepare(`SELECT a, b FROM t WHERE ${where.sql} ORDER BY a, b`).raw().all(...where.params)).toEqual([[2, 0], [2, 5], [3, 1]]);
  });
});

describe('the cursor codec', () => {
  it('gives back the keys it encoded', () => {
    const keys = ['name:nguyen', 1_700_000_000_000, 42];
    expect(decodeCursorKeys(encodeCursor(keys))).toEqual(keys);
    expect(decodeCursor(encodeCursor([5, 6]), ['number', 'number'])).toEqual([5, 6]);
    expect(decodeCursor(undefined, ['number'])).toBeUndefined();
  });

  it.each([
    ['not a text', 5], ['too long', 'A'.repeat(601)], ['not base64url', '!bad'], ['not JSON', 'e30x'], ['not an array', 'e30'],
  ])('refuses a cursor that is %s, naming the field', (_case, raw) => {
    expect(() => decodeCursorKeys(raw, 'cursor')).toThrow(ReadArgumentError);
    try {
      decodeCursorKeys(raw, 'cursor');
    } catch (error) {
      expect(error).toMatchObject({ field: 'cursor', reason: 'is not a cursor this list gave out' });
    }
  });

  it('refuses a cursor of another shape than the list gives out', () => {
    expect(() => decodeCursor(encodeCursor(['x', 1]), ['number', 'number'])).toThrow(ReadArgumentError);
    expect(() => decodeCursor(encodeCursor([1, 2, 3]), ['number', 'number'])).toThrow(ReadArgumentError);
  });
});

describe('the token-search planner', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE tokens (fund_id TEXT, token TEXT); CREATE INDEX tokens_by_token ON tokens (fund_id, token)');
  const insert = db.prepare('INSERT INTO tokens VALUES (?, ?)');
  for (const token of ['nga', 'ngan', 'nguyen', 'nhung', 'an']) insert.run('f', token);
  insert.run('other', 'ngoc');
  const index = ['tokens t INDEXED BY tokens_by_token'];

  it('lists the fund\'s tokens a word begins, in order, the word itself among them only when asked', () => {
    expect(tokensBegunBy(db, index, 'f', 'ng', WORD_TOKENS_MAX, false)).toEqual(['nga', 'ngan', 'nguyen']);
    expect(tokensBegunBy(db, index, 'f', 'ng', WORD_TOKENS_MAX, true)).toEqual(['ng', 'nga', 'ngan', 'nguyen']);
    expect(tokensBegunBy(db, index, 'f', 'x', WORD_TOKENS_MAX, false)).toEqual([]);
  });

  it('gives up (null) on a word that begins more tokens than the cap', () => {
    expect(tokensBegunBy(db, index, 'f', 'n', 3, false)).toBeNull();
    expect(tokensBegunBy(db, index, 'f', 'ng', 3, false)).toEqual(['nga', 'ngan', 'nguyen']);
    expect(tokensBegunBy(db, index, 'f', 'ng', 3, true)).toBeNull();
  });

  it('picks the shortest range, counting each no further than the shortest so far', () => {
    const sizes: Record<string, number> = { a: 900, b: 300, c: 500 };
    const asked: [string, number][] = [];
    const shortest = shortestRange(['a', 'b', 'c'], (candidate, cap) => {
      asked.push([candidate, cap]);
      return Math.min(sizes[candidate], cap);
    });
    expect(shortest).toEqual({ candidate: 'b', count: 300 });
    expect(asked).toEqual([['a', 1000], ['b', 900], ['c', 300]]);
  });

  it('raises the cap until one range stays under it, stops at an empty range, and falls back to the first candidate', () => {
    const count = (sizes: Record<string, number>) => (candidate: string, cap: number) => Math.min(sizes[candidate], cap);
    expect(shortestRange(['a', 'b'], count({ a: 9_000, b: 3_000 }))).toEqual({ candidate: 'b', count: 3_000 });
    expect(shortestRange(['a', 'b', 'c'], count({ a: 5, b: 0, c: 0 }))).toEqual({ candidate: 'b', count: 0 });
    const last = RANGE_COUNT_CAPS[RANGE_COUNT_CAPS.length - 1];
    expect(shortestRange(['a', 'b'], count({ a: 10 ** 6, b: 10 ** 6 }))).toEqual({ candidate: 'a', count: last });
    expect(shortestRange([], count({}))).toBeUndefined();
  });
});
