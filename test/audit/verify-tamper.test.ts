import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import {
  type ClosedLedger, copyLedger, eventRows, rehashFrom, verifyInContext, withEventFile, writeClosedLedger,
} from './ledger-fixture';

/**
 * Tamper tests on a real SQLite file: the ledger is written through the HTTP API, closed, then
 * edited with better-sqlite3 as someone with access to the file could. Each time `verify` must
 * name exactly the position that was touched.
 */
describe('verify on a tampered SQLite log', () => {
  let ledger: ClosedLedger;
  const copies: string[] = [];

  beforeAll(async () => {
    ledger = await writeClosedLedger();
  });

  afterAll(() => {
    ledger?.cleanup();
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });

  /** Tampers with a fresh copy of the ledger and verifies it. */
  async function verifyAfter(tamper: (db: Database.Database) => void) {
    const copy = copyLedger(ledger.dataDir);
    copies.push(copy);
    withEventFile(copy, tamper);
    return verifyInContext(copy);
  }

  /** Positions of donations, which carry amounts: the interesting place to tamper. */
  function donationPositions(): number[] {
    return withEventFile(ledger.dataDir, (db) => eventRows(db).filter((row) => row.type === 'DonationRecorded').map((row) => row.position));
  }

  it('passes an untouched log, naming every projection as equal to a fresh replay', async () => {
    const copy = copyLedger(ledger.dataDir);
    copies.push(copy);
    const result = await verifyInContext(copy);
    const head = withEventFile(ledger.dataDir, (db) => eventRows(db).length);
    expect(result).toMatchObject({ ok: true, eventsChecked: head, lastPosition: head });
    expect(result.firstBadPosition).toBeUndefined();
    expect(result.globalHeadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.projections.length).toBeGreaterThan(1);
    for (const check of result.projections) expect(check).toMatchObject({ matches: true, comparedAtPosition: head });
  });

  it('finds one changed byte of one event\'s data at that position: hash_mismatch', async () => {
    const [, target] = donationPositions();
    const result = await verifyAfter((db) => {
      const { data } = db.prepare('SELECT data FROM events WHERE position = ?').get(target) as { data: string };
      const bytes = Buffer.from(data, 'utf8');
      const at = bytes.indexOf('"amountVnd":"2') + '"amountVnd":"'.length;
      bytes[at] = '9'.charCodeAt(0);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(bytes.toString('utf8'), target);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: target, reason: 'hash_mismatch', eventsChecked: target - 1 });
    expect(result.details).toMatchObject({ chain: 'stream' });
  });

  it('finds a deleted event at its position: position_gap', async () => {
    const [, target] = donationPositions();
    const result = await verifyAfter((db) => db.prepare('DELETE FROM events WHERE position = ?').run(target));
    expect(result).toMatchObject({ ok: false, firstBadPosition: target, reason: 'position_gap' });
    expect(result.details).toMatchObject({ previousPosition: target - 1, nextPosition: target + 1 });
  });

  it('finds the last event deleted, through the read models that had seen it: position_gap', async () => {
    const head = withEventFile(ledger.dataDir, (db) => eventRows(db).length);
    const result = await verifyAfter((db) => db.prepare('DELETE FROM events WHERE position = ?').run(head));
    expect(result).toMatchObject({ ok: false, firstBadPosition: head, reason: 'position_gap', eventsChecked: head - 1 });
  });

  it('finds two events\' data swapped at the first of them: hash_mismatch', async () => {
    const [first, second] = donationPositions();
    const result = await verifyAfter((db) => {
      const read = db.prepare('SELECT data FROM events WHERE position = ?');
      const a = (read.get(first) as { data: string }).data;
      const b = (read.get(second) as { data: string }).data;
      const write = db.prepare('UPDATE events SET data = ? WHERE position = ?');
      write.run(b, first);
      write.run(a, second);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: first, reason: 'hash_mismatch' });
  });

  it('finds two whole events swapped in the log at the first of them: chain_broken', async () => {
    const [first, second] = donationPositions();
    const result = await verifyAfter((db) => {
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, first);
        move.run(first, second);
        move.run(second, -1);
      })();
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: first, reason: 'chain_broken' });
  });

  it('finds an edited hash at its position: hash_mismatch', async () => {
    const target = donationPositions()[2];
    const result = await verifyAfter((db) => {
      const { hash } = db.prepare('SELECT hash FROM events WHERE position = ?').get(target) as { hash: string };
      const edited = `${hash[0] === 'a' ? 'b' : 'a'}${hash.slice(1)}`;
      db.prepare('UPDATE events SET hash = ? WHERE position = ?').run(edited, target);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: target, reason: 'hash_mismatch' });
  });

  it('finds an edited previous hash at its position: chain_broken', async () => {
    const target = donationPositions()[1];
    const result = await verifyAfter((db) => db.prepare("UPDATE events SET previous_hash = ? WHERE position = ?").run('f'.repeat(64), target));
    expect(result).toMatchObject({ ok: false, firstBadPosition: target, reason: 'chain_broken', details: { chain: 'stream' } });
  });

  it('finds an event whose data is no longer JSON at its position: unreadable_event', async () => {
    const target = donationPositions()[0];
    const result = await verifyAfter((db) => db.prepare("UPDATE events SET data = substr(data, 2) WHERE position = ?").run(target));
    expect(result).toMatchObject({ ok: false, firstBadPosition: target, reason: 'unreadable_event', eventsChecked: target - 1 });
  });

  it('finds a forgery with every hash recomputed by comparing with the live read models: projection_differs', async () => {
    const target = donationPositions()[1];
    const head = withEventFile(ledger.dataDir, (db) => eventRows(db).length);
    const result = await verifyAfter((db) => {
      const { data } = db.prepare('SELECT data FROM events WHERE position = ?').get(target) as { data: string };
      const forged = data.replace('"amountVnd":"2750000"', '"amountVnd":"2050000"');
      expect(forged).not.toBe(data);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(forged, target);
      rehashFrom(db, target);
    });
    expect(result).toMatchObject({ ok: false, reason: 'projection_differs', firstBadPosition: head, eventsChecked: head });
    // The balance projection is compared first; its fund total is the shallowest figure that moved.
    expect(result.details).toMatchObject({ projection: 'balance', path: '/funds/ctd-audit/available' });
    expect(Number((result.details as { live: string }).live) - Number((result.details as { replayed: string }).replayed)).toBe(700000);
  });
});
