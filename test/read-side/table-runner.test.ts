import './esm-interop';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DonationRegisterProjection } from '../../projections/donation-register.projection';
import { EmergencyRegisterProjection } from '../../projections/emergency-register.projection';
import type { TableProjection } from '../../projections/table-projection';
import { TableProjectionRunner, tableDdl } from '../../src/projection-runner/table-projection-runner';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { type History, writeHistory } from './scripted-history';

let ledger: TestLedger;
let history: History;
const logged: string[] = [];
const logger = { error: (m: string) => logged.push(`error ${m}`), log: (m: string) => logged.push(m) };

beforeAll(async () => {
  ledger = await startTestLedger();
  history = await writeHistory(ledger);
});
afterAll(async () => ledger?.close());

async function runTo(projection: TableProjection, db: Database.Database, position: number): Promise<TableProjectionRunner> {
  const runner = new TableProjectionRunner(projection, ledger.store, db, logger);
  runner.start();
  expect(await runner.waitFor(position, 10000)).toBe(true);
  await runner.stop();
  return runner;
}

describe('table projection runner', () => {
  it('commits rows and checkpoint together, resumes from the checkpoint, and rebuilds only the projection whose version changed', async () => {
    const db = new Database(join(ledger.dataDir, 'runner-test.db'));
    await runTo(DonationRegisterProjection, db, history.lastPosition);
    await runTo(EmergencyRegisterProjection, db, history.lastPosition);
    const checkpoint = (name: string) => db.prepare('SELECT version, position FROM table_projection_checkpoints WHERE name = ?').get(name);
    expect(checkpoint('donation-register')).toEqual({ version: DonationRegisterProjection.version, position: history.lastPosition });
    expect(db.prepare('SELECT COUNT(*) AS n FROM register_donations').get()).toEqual({ n: 8 });

    // A marker row in each projection's table tells a rebuild (marker gone) from a resume (marker kept).
    db.prepare("UPDATE register_donations SET note = 'marker' WHERE donation_id = ?").run(history.ids.d1);
    db.prepare("UPDATE register_emergency_releases SET note = 'marker' WHERE release_id = ?").run(history.ids.e1);
    await runTo(DonationRegisterProjection, db, history.lastPosition);
    expect(db.prepare('SELECT note FROM register_donations WHERE donation_id = ?').get(history.ids.d1)).toEqual({ note: 'marker' });

    const bumped = DonationRegisterProjection.version + 1;
    await runTo({ ...DonationRegisterProjection, version: bumped }, db, history.lastPosition);
    expect(checkpoint('donation-register')).toEqual({ version: bumped, position: history.lastPosition });
    expect(db.prepare('SELECT note FROM register_donations WHERE donation_id = ?').get(history.ids.d1)).toEqual({ note: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM register_donations').get()).toEqual({ n: 8 });
    expect(db.prepare('SELECT note FROM register_emergency_releases WHERE release_id = ?').get(history.ids.e1)).toEqual({ note: 'marker' });
    expect(logged).toContain('Table projection version changed: rebuilding from the start of the log');
    db.close();
  });

  it('the word tables are stored in their key order (one B-tree each) and hold the rows a rowid table would', async () => {
    const wordTables = DonationRegisterProjection.tables.filter((table) => table.storedInKeyOrder).map((table) => table.name);
    expect(wordTables).toEqual(['register_donation_name_tokens', 'register_donation_name_pairs', 'register_donation_donor_tokens', 'register_donation_sender_references']);
    const clustered = new Database(join(ledger.dataDir, 'runner-key-order.db'));
    const rowid = new Database(join(ledger.dataDir, 'runner-rowid.db'));
    await runTo(DonationRegisterProjection, clustered, history.lastPosition);
    await runTo({ ...DonationRegisterProjection, tables: DonationRegisterProjection.tables.map((table) => ({ ...table, storedInKeyOrder: false })) }, rowid, history.lastPosition);
    const withoutRowid = (db: Database.Database, table: string) => (db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table) as { wr: number }).wr;
    for (const table of DonationRegisterProjection.tables) {
      expect(withoutRowid(clustered, table.name)).toBe(table.storedInKeyOrder ? 1 : 0);
      expect(withoutRowid(rowid, table.name)).toBe(0);
      const rows = (db: Database.Database) => db.prepare(`SELECT * FROM "${table.name}" ORDER BY ${table.primaryKey.join(', ')}`).all();
      expect(rows(clustered)).toEqual(rows(rowid));
    }
    expect((clustered.prepare('SELECT COUNT(*) AS n FROM register_donation_name_tokens').get() as { n: number }).n).toBeGreaterThan(0);
    // Only the donations table keeps a separate index for its key; a word table is its key.
    const keyIndexes = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'sqlite_autoindex_register_donation%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    expect(keyIndexes(clustered)).toEqual(['sqlite_autoindex_register_donations_1']);
    expect(keyIndexes(rowid)).toHaveLength(5);
    clustered.close();
    rowid.close();
  });

  it('refuses to store a table in key order when a key column may be NULL (WITHOUT ROWID would refuse rows a rowid table takes)', () => {
    const table = { name: 'words', columns: { fund_id: 'TEXT NOT NULL', token: 'TEXT' }, primaryKey: ['fund_id', 'token'], indexes: [], storedInKeyOrder: true };
    expect(() => tableDdl(table)).toThrow('words: stored in key order needs NOT NULL key columns, not token');
    expect(tableDdl({ ...table, columns: { fund_id: 'TEXT NOT NULL', token: 'TEXT NOT NULL' } })[0]).toMatch(/\) WITHOUT ROWID$/);
    expect(tableDdl({ ...table, storedInKeyOrder: false })[0]).not.toMatch(/WITHOUT ROWID/);
  });

  it('a projection that throws is retried from its checkpoint and never skips the event', async () => {
    const db = new Database(join(ledger.dataDir, 'runner-failing.db'));
    let failures = 0;
    const flaky: TableProjection = {
      ...EmergencyRegisterProjection,
      name: 'flaky',
      apply(event) {
        if (event.event.type === 'EmergencyReleaseSettled' && failures < 1) {
          failures += 1;
          throw new Error('boom');
        }
        return EmergencyRegisterProjection.apply(event);
      },
    };
    await runTo(flaky, db, history.lastPosition);
    expect(failures).toBe(1);
    expect(db.prepare('SELECT status FROM register_emergency_releases WHERE release_id = ?').get(history.ids.e1)).toEqual({ status: 'settled' });
    db.close();
  });
  it('prepares its tables while another connection holds the write lock, waiting for it instead of failing', async () => {
    // The projection worker prepares its tables while the main thread writes checkpoints to the
    // same file. Another thread takes the write lock and commits a while later; the runner must
    // wait for it (busy timeout), not fail with "database is locked" after a first read.
    const file = join(ledger.dataDir, 'runner-locked.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS table_projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL)`);
    db.exec('CREATE TABLE other_writer (n INTEGER)');
    const writer = new Worker(
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const { parentPort } = require('node:worker_threads');
      const db = new Database(${JSON.stringify(file)});
      db.exec('BEGIN IMMEDIATE');
      db.exec('INSERT INTO other_writer VALUES (1)');
      parentPort.postMessage('locked');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      db.exec('COMMIT');
      db.close();`,
      { eval: true },
    );
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    await new Promise((resolve) => writer.once('message', resolve));
    const runner = new TableProjectionRunner(DonationRegisterProjection, ledger.store, db, logger);
    await runner.startFed();
    await exited;
    for (const table of DonationRegisterProjection.tables) {
      expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(table.name)).toEqual({ n: 1 });
    }
    expect(db.prepare('SELECT n FROM other_writer').all()).toEqual([{ n: 1 }]);
    await runner.stop();
    db.close();
  });
});
