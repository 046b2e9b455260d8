/**
 * A bank-statement import skips the HTTP edge: the batch decider holds the same rules as a single
 * donation, so a row dated later than tomorrow or with a blank donor name is refused on its own
 * and takes no receipt number, while the rows around it are recorded.
 */
import { decideDonationBatch, type RecordDonationBatch } from '../../src/domain/donation/donation-batch.decide';
import type { RecordDonation } from '../../src/domain/donation/donation.commands';
import { DONOR, FUND_ID, fundOpened, NOW, recordDonation } from './builders';
import { donationStreamStateOf, fundStateOf } from './given-when-then';

const fund = fundStateOf(fundOpened());

function row(rowId: string, overrides: Partial<Omit<RecordDonation, 'type'>> = {}): RecordDonation {
  return recordDonation({
    amount: '10000',
    reference: null,
    source: { rowId, fileSha256: 'f'.repeat(64), line: Number(rowId.replace(/\D/g, '')), raw: `raw ${rowId}`, bankAccount: null },
    now: NOW,
    ...overrides,
  }) as RecordDonation;
}

const batchOf = (...donations: RecordDonation[]): RecordDonationBatch => ({ type: 'RecordDonationBatch', fundId: FUND_ID, fiscalYear: 2024, donations });

describe('Imported rows follow the single donation\'s rules', () => {
  it('refuses a row dated later than tomorrow (FUTURE_DATE) without a receipt number', () => {
    const decision = decideDonationBatch(batchOf(row('r1'), row('r2', { receivedAt: '2024-12-30T09:00:00+07:00' }), row('r3')), donationStreamStateOf(), fund, new Set());
    expect(decision.outcomes.map((outcome) => (outcome.kind === 'rejected' ? outcome.rejection.code : outcome.kind))).toEqual(['recorded', 'FUTURE_DATE', 'recorded']);
    expect(decision.events.map((event) => event.data.receiptNo)).toEqual(['2024-000001', '2024-000002']);
  });

  it('refuses a row whose donor name is blank (VALIDATION_FAILED naming donor.name)', () => {
    const decision = decideDonationBatch(batchOf(row('r1', { donor: { ...DONOR, name: '  ' } }), row('r2')), donationStreamStateOf(), fund, new Set());
    expect(decision.outcomes[0]).toMatchObject({ kind: 'rejected', rejection: { code: 'VALIDATION_FAILED', details: { field: 'donor.name' } } });
    expect(decision.events.map((event) => event.data.receiptNo)).toEqual(['2024-000001']);
  });
});
