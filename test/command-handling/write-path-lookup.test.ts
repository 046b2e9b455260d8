/**
 * WritePath.lookup, as every read of a stream's state uses it (the balance route's fund, a
 * command's fund): the folded state is kept between calls and the log is read again only when
 * another connection may have appended. On a real SQLite log in a temporary folder; the
 * connection that opened the fund stands for another process (`ledger import`, a second server).
 */
import { randomUUID } from 'node:crypto';
import { envelope } from '../../src/command-handling/command-metadata';
import { FundModel } from '../../src/command-handling/stream-models';
import { WritePath } from '../../src/command-handling/write-path';
import { Streams } from '../../src/domain/streams';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { campaignCreated, FUND_ID } from '../domain/builders';
import { importMeta, openedFundLogPerTest } from './support/opened-fund-log';

const { openStore } = openedFundLogPerTest('ctd-write-path-lookup-');
const FUND = Streams.fund(FUND_ID);

/** The store, counting the stream reads it answers. */
function countingReads(store: SqliteEventStore): { store: SqliteEventStore; reads: () => number } {
  let reads = 0;
  const readStream = store.readStream.bind(store);
  store.readStream = (...args) => {
    reads += 1;
    return readStream(...args);
  };
  return { store, reads: () => reads };
}

describe('looking a stream up through the write path', () => {
  it('reads a stream another process wrote once, then answers from what it folded until that process appends again', async () => {
    const otherProcess = openStore();
    const { store, reads } = countingReads(openStore());
    const writePath = new WritePath(store);

    const first = await writePath.lookup(FUND, FundModel);
    expect(first).toMatchObject({ status: 'open', fundId: FUND_ID });
    const readsToFold = reads();
    expect(readsToFold).toBeGreaterThan(0);

    for (let lookup = 0; lookup < 5; lookup++) expect(await writePath.lookup(FUND, FundModel)).toBe(first);
    expect(reads()).toBe(readsToFold);

    await otherProcess.append(FUND, [envelope(campaignCreated(), importMeta, 1, randomUUID)], 0);
    const after = await writePath.lookup(FUND, FundModel);
    expect(reads()).toBeGreaterThan(readsToFold);
    expect(Object.keys((after as { campaigns: object }).campaigns)).toEqual([campaignCreated().data.campaignId]);
  });
});
