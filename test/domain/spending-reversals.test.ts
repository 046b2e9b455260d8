import { availableInPool, managementCostFiguresAt } from '../../src/domain/spending/spending.decide';
import type { FxSettled, SurplusReallocated } from '../../src/domain/spending/spending.events';
import {
  ACCOUNTANT, disbursementApproved, disbursementId, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded,
  donationReversed, emergencyReleased, FUND_ID, fundOpened, NOW, paymentReversed, requestDisbursement, reverseEntry, reversalId,
} from './builders';
import { fundStateOf, inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const first = donationRecorded({ sequence: 1, amountVnd: '1000000' });
const second = donationRecorded({ sequence: 2, amountVnd: '500000' });
const DB1 = disbursementId(1);

describe('Reversals of donations (R29: corrections are new entries that point at the original)', () => {
  it('reverses a donation once, linked to it', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(first, second)
      .when(reverseEntry(second.data.donationId, second, 'Giao dịch bị ngân hàng hoàn trả'))
      .then({
        type: 'DonationReversed',
        data: {
          fundId: FUND_ID,
          reversalId: 'RV-000001',
          donationId: 'DN-2024-000002',
          amountVnd: '500000',
          campaignId: null,
          component: 'general',
          restrictionId: null,
          cash: true,
          inManagementCostBase: true,
          fiscalYear: 2024,
          reason: 'Giao dịch bị ngân hàng hoàn trả',
          reversedBy: ACCOUNTANT,
          reversedAt: NOW,
        },
      });
  });

  it('refuses to reverse it twice (ALREADY_REVERSED)', () => {
    SpendingDecider.given(donationReversed(second)).withFund(fund).withDonations(first, second).when(reverseEntry(second.data.donationId, second)).thenRejects('ALREADY_REVERSED');
  });

  it('takes the reversed money out of the pool', () => {
    expect(availableInPool(spendingStateOf(donationReversed(second)), inflowsOf(first, second), 'general').toFixed()).toBe('1000000');
    SpendingDecider.given(donationReversed(second)).withFund(fund).withDonations(first, second).when(requestDisbursement({ amount: '1000001' })).thenRejects('INSUFFICIENT_FUNDS', { available: '1000000' });
  });

  it('refuses to reverse a donation whose money is already held (INSUFFICIENT_FUNDS)', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '600000' }))
      .withFund(fund)
      .withDonations(first)
      .when(reverseEntry(first.data.donationId, first))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'general', requested: '1000000', available: '400000' });
  });

  it('reverses a donation when exactly its amount is still available', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '1000000' }))
      .withFund(fund)
      .withDonations(first, second)
      .when(reverseEntry(second.data.donationId, second))
      .thenMatches({ data: { donationId: second.data.donationId } });
  });

  it('reverses a donation from its own restricted pool', () => {
    const designated = donationRecorded({ sequence: 3, amountVnd: '300000', restriction: { purpose: 'Học bổng', beneficiary: 'Em Lê Văn C' } });
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(first, designated)
      .when(reverseEntry(designated.data.donationId, designated))
      .thenMatches({ data: { restrictionId: designated.data.donationId, inManagementCostBase: false } });
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '1', restrictionId: designated.data.donationId }))
      .withFund(fund)
      .withDonations(first, designated)
      .when(reverseEntry(designated.data.donationId, designated))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: `general#${designated.data.donationId}` });
  });

  it('reverses an in-kind gift without touching any money', () => {
    const rice = donationRecorded({ sequence: 3, channel: 'in_kind', amountVnd: '50000000' });
    SpendingDecider.given().withFund(fund).withDonations(rice).when(reverseEntry(rice.data.donationId, rice)).thenMatches({ data: { cash: false, amountVnd: '50000000' } });
    const state = spendingStateOf(donationReversed(rice));
    expect(availableInPool(state, inflowsOf(rice, first), 'general').toFixed()).toBe('1000000');
  });

  it('shrinks the management-cost base of the year the reversal is dated in (R6)', () => {
    const big = donationRecorded({ sequence: 3, amountVnd: '100000000' });
    const fivePercent = fundOpened({ policy: { managementCostWarnPercent: '5', managementCostCapPercent: '5' } });
    const fundState = fundStateOf(fivePercent);
    if (fundState.status !== 'open') throw new Error('fund is not open');
    expect(managementCostFiguresAt(spendingStateOf(), inflowsOf(first, big), fundState, NOW).limit).toBe('5050000');
    expect(managementCostFiguresAt(spendingStateOf(donationReversed(big)), inflowsOf(first, big), fundState, NOW).limit).toBe('50000');
    SpendingDecider.given(donationReversed(big))
      .withFund(fivePercent)
      .withDonations(first, big)
      .when(requestDisbursement({ kind: 'management_cost', amount: '50001' }))
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { cap: '50000' });
  });

  it('refuses a donation it was not given, or given under another id (NOT_FOUND)', () => {
    SpendingDecider.given().withFund(fund).withDonations(first).when(reverseEntry('DN-2024-000001', null)).thenRejects('NOT_FOUND', { entity: 'entry', id: 'DN-2024-000001' });
    SpendingDecider.given().withFund(fund).withDonations(first, second).when(reverseEntry('DN-2024-000002', first)).thenRejects('NOT_FOUND');
  });

  it('precedence: reversing again when the money is gone is ALREADY_REVERSED, not INSUFFICIENT_FUNDS', () => {
    SpendingDecider.given(donationReversed(first), disbursementRequested({ sequence: 1, amount: '500000' }))
      .withFund(fund)
      .withDonations(first, second)
      .when(reverseEntry(first.data.donationId, first))
      .thenRejects('ALREADY_REVERSED');
  });
});

describe('Reversals of payments (bounced transfers)', () => {
  const requested = disbursementRequested({ sequence: 1, amount: '600000' });
  const paid = [requested, disbursementApproved(1), disbursementPaid(1)];

  it('reverses a paid disbursement, linked to it', () => {
    SpendingDecider.given(...paid)
      .withFund(fund)
      .withDonations(first)
      .when(reverseEntry(DB1, null, 'Tài khoản người nhận không tồn tại'))
      .then({
        type: 'PaymentReversed',
        data: {
          fundId: FUND_ID,
          reversalId: 'RV-000001',
          disbursementId: DB1,
          amount: '600000',
          component: 'general',
          restrictionId: null,
          reason: 'Tài khoản người nhận không tồn tại',
          reversedBy: ACCOUNTANT,
          reversedAt: NOW,
        },
      });
  });

  it('returns the money to its pool', () => {
    expect(availableInPool(spendingStateOf(...paid), inflowsOf(first), 'general').toFixed()).toBe('400000');
    expect(availableInPool(spendingStateOf(...paid, paymentReversed(requested)), inflowsOf(first), 'general').toFixed()).toBe('1000000');
    SpendingDecider.given(...paid, paymentReversed(requested)).withFund(fund).withDonations(first).when(requestDisbursement({ amount: '1000000' })).thenMatches({ data: { disbursementId: 'DB-000002' } });
  });

  it('refuses to reverse it twice (ALREADY_REVERSED)', () => {
    SpendingDecider.given(...paid, paymentReversed(requested)).withFund(fund).withDonations(first).when(reverseEntry(DB1)).thenRejects('ALREADY_REVERSED');
  });

  it('reverses only paid disbursements (INVALID_STATE)', () => {
    SpendingDecider.given(requested).withFund(fund).withDonations(first).when(reverseEntry(DB1)).thenRejects('INVALID_STATE', { status: 'requested' });
    SpendingDecider.given(requested, disbursementApproved(1)).withFund(fund).withDonations(first).when(reverseEntry(DB1)).thenRejects('INVALID_STATE', { status: 'approved' });
    SpendingDecider.given(requested, disbursementRejected(1)).withFund(fund).withDonations(first).when(reverseEntry(DB1)).thenRejects('INVALID_STATE', { status: 'rejected' });
  });

  it('frees the management-cost cap a reversed management-cost payment used', () => {
    const fund = fundOpened({ policy: { managementCostWarnPercent: '5', managementCostCapPercent: '5' } });
    const base = donationRecorded({ sequence: 1, amountVnd: '100000000' });
    const cost = disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '5000000' });
    const history = [cost, disbursementApproved(1), disbursementPaid(1)];
    SpendingDecider.given(...history).withFund(fund).withDonations(base).when(requestDisbursement({ kind: 'management_cost', amount: '1' })).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED');
    SpendingDecider.given(...history, paymentReversed(cost))
      .withFund(fund)
      .withDonations(base)
      .when(requestDisbursement({ kind: 'management_cost', amount: '5000000' }))
      .thenMatches({ data: { amount: '5000000' } });
  });

  it('takes a management cost paid and refunded the next year off that year, leaving the closed year as it was (R6, R29); a request rejected the next year leaves its own year, never having been a cost', () => {
    const base = donationRecorded({ sequence: 1, amountVnd: '100000000', receivedAt: '2024-03-01T09:00:00+07:00' });
    const paidCost = disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '800000', requestedAt: '2024-11-04T09:00:00+07:00', fiscalYear: 2024 });
    const pendingCost = disbursementRequested({ sequence: 2, kind: 'management_cost', amount: '300000', requestedAt: '2024-12-15T09:00:00+07:00', fiscalYear: 2024 });
    const paid = { ...disbursementPaid(1), data: { ...disbursementPaid(1).data, paidAt: '2024-11-05T09:00:00+07:00' } };
    const reversed = { ...paymentReversed(paidCost), data: { ...paymentReversed(paidCost).data, reversedAt: '2025-01-15T09:00:00+07:00' } };
    const rejected = { ...disbursementRejected(2), data: { ...disbursementRejected(2).data, rejectedAt: '2025-01-20T09:00:00+07:00' } };
    const state = spendingStateOf(paidCost, disbursementApproved(1), paid, pendingCost, reversed, rejected);
    const inflows = inflowsOf(base);
    const opened = fundStateOf(fund);
    if (opened.status !== 'open') throw new Error('fund is not open');
    expect(managementCostFiguresAt(state, inflows, opened, '2024-12-31T12:00:00+07:00')).toMatchObject({ year: 2024, used: '800000', remaining: '4200000' });
    expect(managementCostFiguresAt(state, inflows, opened, '2025-02-01T12:00:00+07:00')).toMatchObject({ year: 2025, carriedForward: '4200000', used: '-800000' });
  });

  it('numbers reversals of donations and payments in one sequence', () => {
    SpendingDecider.given(...paid, donationReversed(second, 1))
      .withFund(fund)
      .withDonations(first, second)
      .when(reverseEntry(DB1))
      .thenMatches({ data: { reversalId: reversalId(2) } });
  });

  it.each(['DB-000404', 'ER-000404', 'XX-1', ''])('refuses the unknown entry %p (NOT_FOUND)', (entryId) => {
    SpendingDecider.given(...paid, emergencyReleased({ sequence: 1 })).withFund(fund).withDonations(first).when(reverseEntry(entryId)).thenRejects('NOT_FOUND', { entity: 'entry' });
  });

  it('needs an open fund (NOT_FOUND)', () => {
    SpendingDecider.given(...paid).withDonations(first).when(reverseEntry(DB1)).thenRejects('NOT_FOUND', { entity: 'fund' });
  });
});

describe('A correction is never dated before the entry it corrects (DATE_BEFORE_REQUEST)', () => {
  // Dated earlier, a reversal counts in a period before its entry: a report would show a payment
  // taken back before it was made, or a year's receipts less a gift received the next year.
  const dated = (command: ReturnType<typeof reverseEntry>, reversedAt: string) => ({ ...command, reversedAt });
  const requested = disbursementRequested({ sequence: 1, amount: '600000' });
  const paid = [requested, disbursementApproved(1), disbursementPaid(1)];

  it('a donation is reversed on or after the day it was received', () => {
    SpendingDecider.given().withFund(fund).withDonations(first)
      .when(dated(reverseEntry(first.data.donationId, first), '2024-05-10T13:59:59+07:00'))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', value: '2024-05-10T13:59:59+07:00', receivedAt: first.data.receivedAt });
    SpendingDecider.given().withFund(fund).withDonations(first)
      .when(dated(reverseEntry(first.data.donationId, first), first.data.receivedAt))
      .thenMatches({ type: 'DonationReversed', data: { reversedAt: first.data.receivedAt } });
  });

  it('a payment is reversed on or after the day it was paid', () => {
    SpendingDecider.given(...paid).withFund(fund).withDonations(first)
      .when(dated(reverseEntry(DB1), '2024-05-11T09:30:00+07:00'))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', paidAt: NOW });
  });

  it('an emergency release is cancelled, and a settlement reversed, on or after their own dates', () => {
    const released = emergencyReleased({ sequence: 1 });
    SpendingDecider.given(released).withFund(fund).withDonations(first)
      .when(dated(reverseEntry(released.data.releaseId), '2024-05-11T09:30:00+07:00'))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', releasedAt: NOW });
  });
});

describe('Entries with no reversing entry yet: a campaign\'s leftovers moved (SR-) and a foreign-currency sale (FX-)', () => {
  const money = donationRecorded({ sequence: 1, amountVnd: '10000000' });
  const moved: SurplusReallocated = {
    type: 'SurplusReallocated',
    data: {
      fundId: FUND_ID, reallocationId: 'SR-000001', campaignId: 'tet-cu', component: 'general', restrictionId: null, amount: '400000', toComponent: 'humanitarian',
      toCampaignId: null, toRestrictionId: null, basis: 'Chương trình an sinh', decisionRef: 'QĐ 7/UBND', reallocatedBy: ACCOUNTANT, reallocatedAt: NOW,
    },
  };
  const sold: FxSettled = {
    type: 'FxSettled',
    data: {
      fundId: FUND_ID, settlementId: 'FX-000001', donationId: money.data.donationId, currency: 'USD', originalAmount: '100.00', provisionalRate: '25000',
      provisionalVnd: '2500000', settledVnd: '2450000', difference: '-50000', realisedRate: '24500', component: 'general', restrictionId: null, campaignId: null,
      reference: 'BNT-1', settledBy: ACCOUNTANT, settledAt: NOW,
    },
  };

  it('refuses them as entries that exist (INVALID_STATE, not-reversible), naming what they are', () => {
    SpendingDecider.given(moved, sold).withFund(fundOpened()).withDonations(money)
      .when(reverseEntry('SR-000001')).thenRejects('INVALID_STATE', { entryId: 'SR-000001', kind: 'surplus', reason: 'not-reversible' });
    SpendingDecider.given(moved, sold).withFund(fundOpened()).withDonations(money)
      .when(reverseEntry('FX-000001')).thenRejects('INVALID_STATE', { entryId: 'FX-000001', kind: 'fx-settlement', reason: 'not-reversible' });
  });

  it('answers NOT_FOUND for such an id that names no entry', () => {
    SpendingDecider.given(moved, sold).withFund(fundOpened()).withDonations(money).when(reverseEntry('SR-000002')).thenRejects('NOT_FOUND', { id: 'SR-000002' });
    SpendingDecider.given().withFund(fundOpened()).withDonations(money).when(reverseEntry('FX-000001')).thenRejects('NOT_FOUND', { id: 'FX-000001' });
  });
});
