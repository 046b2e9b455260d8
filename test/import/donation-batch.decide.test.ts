/**
 * decideDonationBatch: the single-donation decider folded over a statement batch. Given the
 * stream's events and the fund's, when a batch, then the events and each row's outcome.
 */
import { decideDonationBatch, type RecordDonationBatch } from '../../src/domain/donation/donation-batch.decide';
import type { RecordDonation } from '../../src/domain/donation/donation.commands';
import { decideRecordDonation } from '../../src/domain/donation/donation.decide';
import {
  campaignClosed, campaignCreated, donationRecorded, FLOOD, FUND_ID, fundOpened, recordDonation,
} from '../domain/builders';
import { donationStreamStateOf, fundStateOf, snapshot } from '../domain/given-when-then';

const fund = fundStateOf(fundOpened(), campaignCreated(), campaignClosed(FLOOD.campaignId, '2024-09-20T12:00:00+07:00'));

function row(rowId: string, overrides: Partial<Omit<RecordDonation, 'type'>> = {}): RecordDonation {
  return recordDonation({
    amount: '10000',
    receivedAt: FLOOD.receivedAt,
    campaignId: FLOOD.campaignId,
    reference: null,
    source: { rowId, fileSha256: 'f'.repeat(64), line: Number(rowId.replace(/\D/g, '')) || 1, raw: `raw ${rowId}`, bankAccount: '0011001932418' },
    ...overrides,
  }) as RecordDonation;
}

const batchOf = (...donations: RecordDonation[]): RecordDonationBatch => ({ type: 'RecordDonationBatch', fundId: FUND_ID, fiscalYear: 2024, donations });

describe('decideDonationBatch', () => {
  it('given 2 donations in the stream, when 3 rows, then receipts 3, 4, 5 in file order', () => {
    const stream = donationStreamStateOf(donationRecorded({ sequence: 1 }), donationRecorded({ sequence: 2 }));
    const decision = decideDonationBatch(batchOf(row('r1'), row('r2'), row('r3')), stream, fund, new Set());
    expect(decision.events.map((event) => [event.data.donationId, event.data.receiptNo, event.data.source?.rowId])).toEqual([
      ['DN-2024-000003', '2024-000003', 'r1'],
      ['DN-2024-000004', '2024-000004', 'r2'],
      ['DN-2024-000005', '2024-000005', 'r3'],
    ]);
    expect(decision.outcomes.map((outcome) => outcome.kind)).toEqual(['recorded', 'recorded', 'recorded']);
  });

  it('decides each row exactly as the single-donation decider would on the state before it', () => {
    const stream = donationStreamStateOf(donationRecorded({ sequence: 1 }));
    const decision = decideDonationBatch(batchOf(row('r1'), row('r2')), stream, fund, new Set());
    const alone = decideRecordDonation(row('r1'), stream, fund);
    expect(alone.ok && alone.events[0]).toEqual(decision.events[0]);
    expect(decision.events[0].data.restrictionId).toBe(FLOOD.pool);
  });

  it('rejects rows before the window and after the close, and gives their numbers to the next rows', () => {
    const decision = decideDonationBatch(
      batchOf(
        row('r1', { receivedAt: '2024-09-07T23:59:59+07:00' }),
        row('r2'),
        row('r3', { receivedAt: '2024-09-20T12:00:01+07:00' }),
        row('r4', { amount: '1000.5' }),
        row('r5', { receivedAt: '2024-09-20T12:00:00+07:00' }),
      ),
      donationStreamStateOf(),
      fund,
      new Set(),
    );
    expect(decision.outcomes.map((outcome) => (outcome.kind === 'rejected' ? outcome.rejection.code : outcome.kind))).toEqual([
      'CAMPAIGN_NOT_OPEN', 'recorded', 'CAMPAIGN_CLOSED', 'VALIDATION_FAILED', 'recorded',
    ]);
    expect(decision.events.map((event) => event.data.receiptNo)).toEqual(['2024-000001', '2024-000002']);
  });

  it('counts rows already recorded, or repeated in the batch, as duplicates before any other rule', () => {
    const decision = decideDonationBatch(
      batchOf(row('r1'), row('r2', { receivedAt: '2024-12-01T00:00:00+07:00' }), row('r3'), row('r3')),
      donationStreamStateOf(),
      fund,
      new Set(['r1', 'r2']),
    );
    expect(decision.outcomes.map((outcome) => outcome.kind)).toEqual(['duplicate', 'duplicate', 'recorded', 'duplicate']);
    expect(decision.events).toHaveLength(1);
    expect(decision.events[0].data.receiptNo).toBe('2024-000001');
  });

  it('is pure: the stream state, the fund and the batch are left as they were', () => {
    const stream = donationStreamStateOf(donationRecorded({ sequence: 1 }));
    const batch = batchOf(row('r1'), row('r2', { receivedAt: '2024-01-01T00:00:00+07:00' }));
    const before = snapshot({ stream, fund, batch });
    const first = decideDonationBatch(batch, stream, fund, new Set());
    const second = decideDonationBatch(batch, stream, fund, new Set());
    expect(snapshot({ stream, fund, batch })).toEqual(before);
    expect(snapshot(second)).toEqual(snapshot(first));
  });

  it('given a transfer recorded by hand, when its statement line comes, then it is that donation, not a second one', () => {
    const byHand = donationRecorded({ sequence: 1, amountVnd: '500000' });
    const typed = { ...byHand, data: { ...byHand.data, reference: 'ft24259000111', source: null } };
    const stream = donationStreamStateOf(typed);
    const line = (rowId: string, reference: string, amount = '500000') => row(rowId, { reference, amount, campaignId: null });
    const decision = decideDonationBatch(batchOf(line('r1', 'FT24259000111'), line('r2', 'FT24259000111', '500001'), line('r3', 'FT24259000999')), stream, fund, new Set());
    expect(decision.outcomes.map((outcome) => outcome.kind)).toEqual(['recorded-by-hand', 'recorded', 'recorded']);
    expect(decision.outcomes[0]).toEqual({ kind: 'recorded-by-hand', donationId: byHand.data.donationId });
    // Reversed, the hand-typed record no longer stands for the transfer: the line is booked.
    const afterReversal = decideDonationBatch(batchOf(line('r1', 'FT24259000111')), stream, fund, new Set(), new Set([byHand.data.donationId]));
    expect(afterReversal.outcomes.map((outcome) => outcome.kind)).toEqual(['recorded']);
    // A statement's own line (with a source) is found by its row's identity, never by this.
    const imported = { ...byHand, data: { ...byHand.data, reference: 'FT24259000111', source: row('r9').source } };
    expect(decideDonationBatch(batchOf(line('r1', 'FT24259000111')), donationStreamStateOf(imported), fund, new Set()).outcomes[0].kind).toBe('recorded');
  });

  it('refuses, as a bug, a row of another fiscal year in the batch', () => {
    expect(() => decideDonationBatch(batchOf(row('r1', { receivedAt: '2025-01-01T00:00:00+07:00', campaignId: null })), donationStreamStateOf(), fund, new Set())).toThrow(/Invariant/);
  });
});
