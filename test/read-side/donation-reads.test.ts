import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_SCHEMA_VERSIONS, type LedgerEvent } from '../../src/domain/ledger-events';
import type { ReceiptIssued } from '../../src/domain/receipts/receipts.events';
import { Streams } from '../../src/domain/streams';
import type { JsonObject } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { ProjectionsService } from '../../src/projection-runner/projections.service';
import { BeneficiaryQueries } from '../../src/read-side/beneficiary-queries';
import { DonationReads } from '../../src/read-side/donation-reads';
import { FoldedStreams } from '../../src/read-side/folded-streams';
import { ReadModels } from '../../src/read-side/read-models';
import { donationId, donationRecorded, donationReversed, FUND_ID, fundOpened, NOW } from '../domain/builders';

/**
 * Donations as receipts and the staff's view of one gift read them (read-side/donation-reads.ts),
 * on a real SQLite log: each donation where its id says it is, its receipt's first print, its
 * reversal, and the donations of a period; every read as current as the log.
 */
let dir: string;
let store: SqliteEventStore;
let reads: DonationReads;

function receiptIssued(sequence: number, issuedAt: string): ReceiptIssued {
  return { type: 'ReceiptIssued', data: { fundId: FUND_ID, donationId: donationId(sequence), receiptNo: `2024-${String(sequence).padStart(6, '0')}`, fiscalYear: 2024, issuedAt } };
}

async function given(streamId: string, events: LedgerEvent[]): Promise<void> {
  const stored = events.map((event) => ({
    eventId: randomUUID(), type: event.type, data: event.data as unknown as JsonObject,
    metadata: {
      actor: { userId: 'accountant-1', roles: ['accountant'] }, correlationId: randomUUID(), causationId: randomUUID(),
      recordedAt: NOW, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    },
  }));
  await store.append(streamId, stored, 'any');
}

const first = donationRecorded({ sequence: 1, receivedAt: '2024-05-01T09:00:00+07:00' });
const second = donationRecorded({ sequence: 2, receivedAt: '2024-05-10T09:00:00+07:00' });
const third = donationRecorded({ sequence: 3, receivedAt: '2024-05-20T09:00:00+07:00' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ctd-donation-reads-'));
  store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const streams = new FoldedStreams(store);
  // The spending fold reads the log only: no read model is opened.
  reads = new DonationReads(store, streams, new BeneficiaryQueries(streams, new ReadModels(undefined as unknown as ProjectionsService)));
  await given(Streams.fund(FUND_ID), [fundOpened()]);
  await given(Streams.donations(FUND_ID, 2024), [first, second, third]);
  await given(Streams.receipts(FUND_ID, 2024), [receiptIssued(1, '2024-05-02T10:00:00.000Z')]);
  await given(Streams.spending(FUND_ID), [donationReversed(second)]);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a donation read by its id', () => {
  it('is the donation its DonationRecorded holds, at that event\'s log position', async () => {
    const read = await reads.recorded(FUND_ID, donationId(3));
    expect(read?.donation).toEqual(third.data);
    const [stored] = await store.readStream(Streams.donations(FUND_ID, 2024), { fromRevision: 2, maxCount: 1 });
    expect(read?.position).toBe(stored.position);
  });

  it('is no donation for an id past the stream\'s end, of a year without donations, or of another fund', async () => {
    expect(await reads.recorded(FUND_ID, donationId(4))).toBeUndefined();
    expect(await reads.recorded(FUND_ID, donationId(1, 2023))).toBeUndefined();
    expect(await reads.recorded('another-fund', donationId(1))).toBeUndefined();
    expect(await reads.recorded(FUND_ID, 'DN-2024-000000')).toBeUndefined();
  });
});

describe('what later entries said of a donation', () => {
  it('says when its receipt was first printed, and null for one never printed', async () => {
    expect((await reads.standing(FUND_ID, donationId(1)))?.receiptIssuedAt).toBe('2024-05-02T10:00:00.000Z');
    expect((await reads.standing(FUND_ID, donationId(3)))?.receiptIssuedAt).toBeNull();
    expect(await reads.receiptIssuedAt(FUND_ID, third.data)).toBeNull();
  });

  it('names the reversal that took a gift back, and none for a gift that stands', async () => {
    expect((await reads.standing(FUND_ID, donationId(2)))?.reversal).toEqual({ reversalId: 'RV-000001', reversedAt: NOW, reason: 'Giao dịch bị hoàn trả' });
    expect(await reads.reversalOf(FUND_ID, donationId(2))).toEqual(expect.objectContaining({ reversalId: 'RV-000001' }));
    expect((await reads.standing(FUND_ID, donationId(1)))?.reversal).toBeNull();
    expect(await reads.reversalOf(FUND_ID, donationId(1))).toBeUndefined();
  });

  it('is as current as the log: a receipt printed since the last read shows on the next', async () => {
    expect(await reads.receiptIssuedAt(FUND_ID, third.data)).toBeNull();
    await given(Streams.receipts(FUND_ID, 2024), [receiptIssued(3, '2024-05-21T10:00:00.000Z')]);
    expect((await reads.standing(FUND_ID, donationId(3)))?.receiptIssuedAt).toBe('2024-05-21T10:00:00.000Z');
  });
});

describe('the donations of a period', () => {
  it('are those received from its start to its end, both included, in receipt-number order', async () => {
    const from = Date.parse('2024-05-01T09:00:00+07:00');
    const to = Date.parse('2024-05-10T09:00:00+07:00');
    expect((await reads.receivedIn(FUND_ID, 2024, from, to)).map((d) => d.donationId)).toEqual([donationId(1), donationId(2)]);
    expect(await reads.receivedIn(FUND_ID, 2023, from, to)).toEqual([]);
  });
});

describe('the fund', () => {
  it('is the fund its own stream opened, and none for a fund never opened', async () => {
    expect((await reads.fund(FUND_ID))?.fundId).toBe(FUND_ID);
    expect(await reads.fund('another-fund')).toBeUndefined();
  });
});
