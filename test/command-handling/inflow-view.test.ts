/**
 * The write side's view of the money that came into each fund (InflowView), on a real SQLite
 * store in a temporary folder. What this process's write path commits is folded at once when it
 * continues the view; anything else (a second connection standing for another process, a gap)
 * is read from the log at the next catch-up. Either way the view holds exactly what a view read
 * from the whole log holds: every donation once.
 */
import { recordDonationBatch } from '../../src/command-handling/handlers/donation-batch.handler';
import { InflowView } from '../../src/command-handling/inflow-view';
import { LedgerWriter } from '../../src/command-handling/ledger-write.providers';
import type { RecordDonationBatch } from '../../src/domain/donation/donation-batch.decide';
import type { RecordDonation } from '../../src/domain/donation/donation.commands';
import type { Inflows } from '../../src/domain/spending/inflows';
import { Streams } from '../../src/domain/streams';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { FUND_ID, recordDonation } from '../domain/builders';
import { importMeta, openedFundLogPerTest } from './support/opened-fund-log';

const meta = importMeta;
const { openStore } = openedFundLogPerTest('ctd-inflow-view-');

/** Lines r<from>..r<to> of a statement, line n of n × 1,000 VND. */
function batchOf(from: number, to: number): RecordDonationBatch {
  const donations = Array.from({ length: to - from + 1 }, (_, index) => {
    const n = from + index;
    const source = { rowId: `r${n}`, fileSha256: 'f'.repeat(64), line: n, raw: `raw r${n}`, bankAccount: '0011001932418' };
    return recordDonation({ amount: String(n * 1000), reference: null, source }) as RecordDonation;
  });
  return { type: 'RecordDonationBatch', fundId: FUND_ID, fiscalYear: 2024, donations };
}

/** What a view holds of the fund, in plain values. */
function figures(inflows: Inflows) {
  return {
    cash: Object.fromEntries([...inflows.cashByPool].map(([pool, amount]) => [pool, amount.toFixed()])),
    base: Object.fromEntries([...inflows.managementBaseByYear].map(([year, amount]) => [year, amount.toFixed()])),
    dated: Object.fromEntries([...inflows.datedByPool].map(([pool, nets]) => [pool, [...nets.byDay].map(([day, amount]) => `${day}:${amount.toFixed()}`)])),
    earliest: inflows.earliestDonationYear,
  };
}

/** A view read from the whole log: what every other view must hold. */
async function readFromTheLog(store: EventStore) {
  const view = new InflowView(store);
  await view.catchUp();
  return { position: view.checkpoint, figures: figures(view.of(FUND_ID)) };
}

/** Counts the events the store hands out through readAll. */
function countingReads(store: SqliteEventStore): { read: number } {
  const counter = { read: 0 };
  const readAll = store.readAll.bind(store);
  store.readAll = (options) => {
    const events = readAll(options);
    return (async function* counted() {
      for await (const event of events) {
        counter.read += 1;
        yield event;
      }
    })();
  };
  return counter;
}

describe('the inflow view of the write path', () => {
  it('folds what its write path commits without reading it back from the log', async () => {
    const store = openStore();
    const reads = countingReads(store);
    const writer = new LedgerWriter(store);
    await writer.inflows.catchUp();
    expect(reads.read).toBe(1);

    await recordDonationBatch(writer.writePath, batchOf(1, 300), meta);
    await recordDonationBatch(writer.writePath, batchOf(301, 500), meta);
    expect(writer.inflows.checkpoint).toBe(await store.headPosition());
    await writer.inflows.catchUp();
    expect(reads.read).toBe(1);

    const oracle = await readFromTheLog(openStore());
    expect(oracle.position).toBe(501);
    expect(figures(writer.inflows.of(FUND_ID))).toEqual(oracle.figures);
    // 1 + 2 + … + 500 thousand VND.
    expect(oracle.figures.cash).toEqual({ general: '125250000' });
  });

  it('leaves what another process wrote in between to the catch-up, and counts every donation once', async () => {
    const store = openStore();
    const writer = new LedgerWriter(store);
    await writer.inflows.catchUp();
    await recordDonationBatch(writer.writePath, batchOf(1, 100), meta);
    const followed = writer.inflows.checkpoint;

    // Another process (a second connection to the file) books lines the view has not seen.
    const other = new LedgerWriter(openStore());
    await recordDonationBatch(other.writePath, batchOf(101, 150), meta);
    // The next append of this process does not continue the view: it is left to the catch-up.
    await recordDonationBatch(writer.writePath, batchOf(151, 200), meta);
    expect(writer.inflows.checkpoint).toBe(followed);

    await writer.inflows.catchUp();
    const oracle = await readFromTheLog(openStore());
    expect(writer.inflows.checkpoint).toBe(oracle.position);
    expect(figures(writer.inflows.of(FUND_ID))).toEqual(oracle.figures);
    expect(oracle.figures.cash).toEqual({ general: String((200 * 201 / 2) * 1000) });
  });

  it('folds nothing while it has never read the log, and reads it all at its first catch-up', async () => {
    const store = openStore();
    const writer = new LedgerWriter(store);
    await recordDonationBatch(writer.writePath, batchOf(1, 50), meta);
    expect(writer.inflows.checkpoint).toBe(0);
    await writer.inflows.catchUp();
    expect(figures(writer.inflows.of(FUND_ID))).toEqual((await readFromTheLog(openStore())).figures);
  });

  it('counts every donation once when its write path commits while a read of the log is running', async () => {
    const store = openStore();
    const writer = new LedgerWriter(store);
    await writer.inflows.catchUp();
    const head = await store.headPosition();
    // The next read stops before its first event until the append below has committed.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const readAll = store.readAll.bind(store);
    store.readAll = (options) => (async function* gated() {
      await gate;
      yield* readAll(options);
    })();
    const reading = writer.inflows.catchUp();
    await recordDonationBatch(writer.writePath, batchOf(1, 20), meta);
    release();
    await reading;
    await writer.inflows.catchUp();
    expect(writer.inflows.checkpoint).toBe(head + 20);
    expect(figures(writer.inflows.of(FUND_ID))).toEqual((await readFromTheLog(openStore())).figures);
    expect(figures(writer.inflows.of(FUND_ID)).cash).toEqual({ general: String((20 * 21 / 2) * 1000) });
  });

  it('leaves an event it cannot decode to the catch-up, without throwing into the command that wrote it', async () => {
    const store = openStore();
    const writer = new LedgerWriter(store);
    await recordDonationBatch(writer.writePath, batchOf(1, 10), meta);
    await writer.inflows.catchUp();
    const position = writer.inflows.checkpoint;
    const before = figures(writer.inflows.of(FUND_ID));
    const [stored] = await store.readStream(Streams.donations(FUND_ID, 2024));
    const unknownVersion = { ...stored, position: position + 1, metadata: { ...stored.metadata, schemaVersion: 999 } };
    expect(() => writer.inflows.follow([unknownVersion])).not.toThrow();
    expect(writer.inflows.checkpoint).toBe(position);
    expect(figures(writer.inflows.of(FUND_ID))).toEqual(before);
  });
});
