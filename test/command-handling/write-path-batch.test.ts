/**
 * WritePath.executeBatch, as a statement import uses it (recordDonationBatch): many lines of one
 * fund and fiscal year decided on the stream's state and appended at once, each line under its
 * own key. On a real SQLite store in a temporary folder; a second connection to the same file
 * stands for another process (`ledger import` beside the server).
 */
import { randomUUID } from 'node:crypto';
import { eventIdFor } from '../../src/command-handling/command-metadata';
import { RecordDonationCommand, RecordDonationHandler } from '../../src/command-handling/handlers/donation.handlers';
import { recordDonationBatch } from '../../src/command-handling/handlers/donation-batch.handler';
import { LedgerWriter } from '../../src/command-handling/ledger-write.providers';
import { WritePath } from '../../src/command-handling/write-path';
import type { RecordDonationBatch } from '../../src/domain/donation/donation-batch.decide';
import type { RecordDonation } from '../../src/domain/donation/donation.commands';
import { Streams } from '../../src/domain/streams';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.port';
import { rowIdempotencyKey } from '../../src/import/row-identity';
import { ACCOUNTANT, FUND_ID, NOW, RECEIVED_AT, recordDonation } from '../domain/builders';
import { importMeta, openedFundLogPerTest } from './support/opened-fund-log';

const STREAM = Streams.donations(FUND_ID, 2024);
const meta = importMeta;
const { openStore } = openedFundLogPerTest('ctd-write-path-batch-');

function line(rowId: string): RecordDonation {
  const source = { rowId, fileSha256: 'f'.repeat(64), line: Number(rowId.replace(/\D/g, '')), raw: `raw ${rowId}`, bankAccount: '0011001932418' };
  return recordDonation({ amount: '10000', reference: null, source }) as RecordDonation;
}

const batchOf = (...rowIds: string[]): RecordDonationBatch => ({ type: 'RecordDonationBatch', fundId: FUND_ID, fiscalYear: 2024, donations: rowIds.map(line) });
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `r${from + index}`);
const kinds = (outcomes: { kind: string }[]) => outcomes.map((outcome) => outcome.kind);

async function booked(store: EventStore): Promise<{ receipt: number; rowId: string | undefined }[]> {
  const events = await store.readStream(STREAM);
  return events.map((event) => ({ receipt: Number(String(event.data.receiptNo).split('-')[1]), rowId: (event.data.source as { rowId: string } | null)?.rowId }));
}

/** The store, with one method replaced; the replacement gets the store itself to call on. */
function withMethod<Name extends keyof EventStore>(store: EventStore, name: Name, replacement: (target: EventStore) => EventStore[Name]): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === name) return replacement(target);
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The store, with `hook` run after the first idempotencyKeysUsed call has answered. */
function interruptedAtFirstLookUp(store: EventStore, hook: () => Promise<void>): EventStore {
  let first = true;
  return withMethod(store, 'idempotencyKeysUsed', (target) => async (keys) => {
    const used = await target.idempotencyKeysUsed(keys);
    if (first) {
      first = false;
      await hook();
    }
    return used;
  });
}

describe('a statement batch through the write path', () => {
  it('is one append: each line under its own key and the event id it derives, recorded at the command\'s time, no request hash', async () => {
    const store = openStore();
    const written = await recordDonationBatch(new WritePath(store), batchOf('r1', 'r2', 'r3'), meta);
    const events: StoredEvent[] = await store.readStream(STREAM);
    expect(kinds(written.result)).toEqual(['recorded', 'recorded', 'recorded']);
    expect(written.lastPosition).toBe(events[2].position);
    expect(new Set(events.map((event) => event.position - event.revision)).size).toBe(1);
    events.forEach((event, index) => {
      const key = rowIdempotencyKey(FUND_ID, RECEIVED_AT, `r${index + 1}`);
      expect(event.eventId).toBe(eventIdFor(key, 0, randomUUID));
      expect(event.metadata).toEqual({
        actor: { userId: ACCOUNTANT, roles: ['accountant'] }, correlationId: 'import-1', causationId: 'request-1', recordedAt: NOW, schemaVersion: 1, idempotencyKey: key,
      });
    });
  });

  it('sent again, appends nothing and finds every line a duplicate', async () => {
    const store = openStore();
    await recordDonationBatch(new WritePath(store), batchOf('r1', 'r2'), meta);
    const again = await recordDonationBatch(new WritePath(store), batchOf('r1', 'r2'), meta);
    expect(again).toEqual({ result: [{ kind: 'duplicate' }, { kind: 'duplicate' }], lastPosition: null });
    expect(await booked(store)).toEqual([{ receipt: 1, rowId: 'r1' }, { receipt: 2, rowId: 'r2' }]);
  });

  it('overlapping batches sent at once take turns: each line is booked once, and a single donation among them keeps the receipts without gaps', async () => {
    const store = openStore();
    const writer = new LedgerWriter(store);
    const [first, second, single] = await Promise.all([
      recordDonationBatch(writer.writePath, batchOf(...rows(1, 4)), meta),
      recordDonationBatch(writer.writePath, batchOf(...rows(3, 6)), meta),
      new RecordDonationHandler(writer).execute(new RecordDonationCommand(recordDonation({ reference: 'FT-SINGLE' }) as RecordDonation, meta)),
    ]);
    expect(kinds(first.result)).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);
    expect(kinds(second.result)).toEqual(['duplicate', 'duplicate', 'recorded', 'recorded']);
    const all = await booked(store);
    expect(all.map((event) => event.receipt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(all.map((event) => event.rowId).filter((rowId) => rowId !== undefined).sort()).toEqual(rows(1, 6));
    expect(single.result.receiptNo).toMatch(/^2024-00000[1-7]$/);
  });

  it('when another process books lines between the look-up and the append, the batch is decided again and its lines looked up again', async () => {
    const server = new WritePath(openStore());
    const otherStore = openStore();
    const interrupted = new WritePath(interruptedAtFirstLookUp(otherStore, async () => {
      await recordDonationBatch(server, batchOf(...rows(1, 3)), meta);
    }));
    const written = await recordDonationBatch(interrupted, batchOf(...rows(2, 5)), meta);
    expect(kinds(written.result)).toEqual(['duplicate', 'duplicate', 'recorded', 'recorded']);
    expect(await booked(otherStore)).toEqual(rows(1, 5).map((rowId, index) => ({ receipt: index + 1, rowId })));
  });

  it('a batch the store takes in several appends keeps its receipts: a single donation decided between two of them takes the number after the batch', async () => {
    const store = openStore();
    let writer: LedgerWriter | undefined;
    let single: Promise<unknown> | undefined;
    // A store that takes one event per append (as EventStoreDB takes a limited size), and a
    // single donation that arrives while the batch's first append is on its way.
    const limited = new Proxy(store, {
      get(target, property) {
        if (property === 'maxAppendBytes') return 1;
        if (property === 'append') {
          return async (...args: Parameters<EventStore['append']>) => {
            const appended = await target.append(...args);
            if (args[0] === STREAM && single === undefined && writer !== undefined) {
              single = new RecordDonationHandler(writer).execute(new RecordDonationCommand(recordDonation({ reference: 'FT-SINGLE' }) as RecordDonation, meta));
              // The single donation runs on promises alone up to its decision: one turn of the
              // event loop lets it decide (or wait) before this first append answers.
              await new Promise((resolve) => setImmediate(resolve));
            }
            return appended;
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as EventStore;
    writer = new LedgerWriter(limited);
    const written = await recordDonationBatch(writer.writePath, batchOf(...rows(1, 3)), meta);
    expect(kinds(written.result)).toEqual(['recorded', 'recorded', 'recorded']);
    const singleResult = (await single) as { result: { receiptNo: string } };
    const events = await store.readStream(STREAM);
    expect(events.map((event) => event.data.receiptNo)).toEqual(['2024-000001', '2024-000002', '2024-000003', '2024-000004']);
    // Each donation id names the revision it is stored at: a reversal or a receipt finds it by its id.
    events.forEach((event) => expect(event.data.donationId).toBe(`DN-2024-${String(event.revision + 1).padStart(6, '0')}`));
    expect(singleResult.result.receiptNo).toBe('2024-000004');
  });

  it('a write path new to a stream longer than a page folds it a page at a time, and numbers on', async () => {
    const store = openStore();
    await recordDonationBatch(new WritePath(store), batchOf(...rows(1, 2_500)), meta);
    const pages: (number | undefined)[] = [];
    const counting = withMethod(store, 'readStream', (target) => (streamId, options) => {
      if (streamId === STREAM) pages.push(options?.maxCount);
      return target.readStream(streamId, options);
    });
    const written = await recordDonationBatch(new WritePath(counting), batchOf('r2501'), meta);
    expect(written.result).toEqual([expect.objectContaining({ kind: 'recorded', event: expect.objectContaining({ data: expect.objectContaining({ receiptNo: '2024-002501' }) }) })]);
    expect(pages).toEqual([1_000, 1_000, 1_000]);
  });
});
