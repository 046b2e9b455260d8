import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { TableProjection } from '../../projections/table-projection';
import { hashReplayedComparingLive, tableProjectionHash } from '../../src/audit/table-state';
import { canonicalJson } from '../../src/shared/canonical-json';

/**
 * tableProjectionHash writes each row's canonical JSON from the row's values without building the
 * row object: its text must stay exactly the canonical JSON of {table: [row, …]} with rows as
 * objects in primary-key order, whatever the column order, the values or their types.
 */
const projection: TableProjection = {
  name: 'probe',
  version: 1,
  tables: [
    { name: 'zeta_rows', columns: { id: 'TEXT NOT NULL', b: 'INTEGER', a: 'TEXT', 'é': 'TEXT', Z: 'REAL', blob: 'BLOB' }, primaryKey: ['id'], indexes: [] },
    { name: 'alpha_rows', columns: { k2: 'INTEGER NOT NULL', k1: 'TEXT NOT NULL', v: 'TEXT' }, primaryKey: ['k1', 'k2'], indexes: [] },
  ],
  apply: () => [],
};

function naiveHash(db: Database.Database): string {
  const tables = [...projection.tables].sort((x, y) => (x.name < y.name ? -1 : 1));
  const body = Object.fromEntries(tables.map((table) => [table.name, db.prepare(`SELECT * FROM "${table.name}" ORDER BY ${table.primaryKey.map((k) => `"${k}"`).join(', ')}`).all()]));
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

describe('tableProjectionHash', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE zeta_rows (id TEXT NOT NULL, b INTEGER, a TEXT, "é" TEXT, Z REAL, blob BLOB, PRIMARY KEY (id))');
    db.exec('CREATE TABLE alpha_rows (k2 INTEGER NOT NULL, k1 TEXT NOT NULL, v TEXT, PRIMARY KEY (k1, k2))');
  });
  afterEach(() => db.close());

  it('is the sha256 of the canonical JSON of the rows as objects, for strings, numbers and nulls', () => {
    const insert = db.prepare('INSERT INTO zeta_rows VALUES (?, ?, ?, ?, ?, NULL)');
    insert.run('b-2', 1_000_000_000_000_000, 'Nguyễn "Văn" \\ A\n', null, 0.1);
    insert.run('a-1', -5, '', 'đ', -0);
    insert.run('c-3', null, '\u2028\u0001', 'x', 1e21);
    db.prepare('INSERT INTO alpha_rows VALUES (?, ?, ?)').run(2, 'x', 'two');
    db.prepare('INSERT INTO alpha_rows VALUES (?, ?, ?)').run(1, 'x', null);
    db.prepare('INSERT INTO alpha_rows VALUES (?, ?, ?)').run(3, 'a', 'z');
    expect(tableProjectionHash(db, projection)).toBe(naiveHash(db));
  });

  it('writes a row holding another kind of value exactly as canonicalJson writes the row', () => {
    db.prepare('INSERT INTO zeta_rows VALUES (?, ?, ?, ?, ?, ?)').run('a', 1, 'x', null, null, Buffer.from([1, 2, 3]));
    db.prepare('INSERT INTO zeta_rows VALUES (?, ?, ?, ?, ?, ?)').run('b', 2, 'y', null, null, null);
    expect(tableProjectionHash(db, projection)).toBe(naiveHash(db));
  });

  it('is the hash of empty tables too', () => {
    expect(tableProjectionHash(db, projection)).toBe(createHash('sha256').update('{"alpha_rows":[],"zeta_rows":[]}').digest('hex'));
  });
});

describe('hashReplayedComparingLive', () => {
  const open = () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE zeta_rows (id TEXT NOT NULL, b INTEGER, a TEXT, "é" TEXT, Z REAL, blob BLOB, PRIMARY KEY (id))');
    db.exec('CREATE TABLE alpha_rows (k2 INTEGER NOT NULL, k1 TEXT NOT NULL, v TEXT, PRIMARY KEY (k1, k2))');
    const insert = db.prepare('INSERT INTO zeta_rows VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('a', 1, 'x', null, 0.5, Buffer.from([1]));
    insert.run('b', 2, 'Đức', 'y', null, null);
    db.prepare('INSERT INTO alpha_rows VALUES (?, ?, ?)').run(1, 'k', 'v');
    return db;
  };
  let live: Database.Database;
  let replayed: Database.Database;
  beforeEach(() => {
    live = open();
    replayed = open();
  });
  afterEach(() => {
    live.close();
    replayed.close();
  });

  it('answers the replayed tables\' hash and same rows when both hold the same rows', () => {
    expect(hashReplayedComparingLive(live, replayed, projection)).toEqual({ replayedSha256: tableProjectionHash(replayed, projection), sameRows: true });
  });

  it.each([
    ['a changed value', 'UPDATE zeta_rows SET a = \'z\' WHERE id = \'b\'', ''],
    // The BLOB column has no affinity: it keeps text as text where the replay wrote a number.
    ['a number stored as text', 'UPDATE zeta_rows SET blob = \'1\' WHERE id = \'b\'', 'UPDATE zeta_rows SET blob = 1 WHERE id = \'b\''],
    ['a changed BLOB', 'UPDATE zeta_rows SET blob = x\'02\' WHERE id = \'a\'', ''],
    ['an extra row', 'INSERT INTO alpha_rows VALUES (2, \'k\', NULL)', ''],
    ['a missing row', 'DELETE FROM zeta_rows WHERE id = \'a\'', ''],
    ['a null for a value', 'UPDATE alpha_rows SET v = NULL', ''],
  ])('says the rows are not the same for %s in the live tables, and still hashes the replayed ones', (_, sql: string, replayedSql: string) => {
    live.exec(sql);
    if (replayedSql !== '') replayed.exec(replayedSql);
    const walked = hashReplayedComparingLive(live, replayed, projection);
    expect(walked).toEqual({ replayedSha256: tableProjectionHash(replayed, projection), sameRows: false });
    expect(tableProjectionHash(live, projection)).not.toBe(walked.replayedSha256);
  });
});
