/**
 * Money a decision moves into a campaign (late money assigned out of suspense, R14; a campaign's
 * leftovers, R19) can be spent for that campaign afterwards, whatever the campaign's kind: a
 * campaign that keeps no restricted pool of its own (a Tết or humanitarian-month campaign) holds
 * its money as its component's money marked with the campaign, as its donations are booked.
 */
import type { AssignSuspense, ReallocateSurplus } from '../../src/domain/spending/spending.commands';
import type { SpendingEvent } from '../../src/domain/spending/spending.events';
import { ACCOUNTANT, campaignCreated, donationRecorded, FLOOD, fundOpened, plusDays, requestDisbursement } from './builders';
import { SpendingDecider } from './given-when-then';

const fund = fundOpened();
const TET = { campaignId: 'tet-nhan-ai-2025', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2025-01-20T00:00:00+07:00' };
const tet = campaignCreated({ campaignId: TET.campaignId, kind: 'tet', receiveFrom: TET.receiveFrom, receiveUntil: TET.receiveUntil });
const LATE_AT = plusDays(TET.receiveUntil, 3);
const AFTER = plusDays(LATE_AT, 1);
const late = donationRecorded({
  sequence: 1, fiscalYear: 2025, amountVnd: '700000', campaignId: TET.campaignId, restrictionId: `suspense:${TET.campaignId}`, receivedAt: LATE_AT,
});

function assignedEvent(): SpendingEvent {
  const assign: AssignSuspense = {
    type: 'AssignSuspense', donationId: late.data.donationId, to: { campaignId: TET.campaignId }, decisionRef: '12/QĐ-CTĐ', note: null, donation: late.data,
    actor: { userId: ACCOUNTANT }, now: AFTER,
  };
  const outcome = SpendingDecider.given().withFund(fund, tet).withDonations(late).when(assign);
  return outcome.events[0];
}

describe('Late money assigned to a campaign without a pool of its own (R14)', () => {
  it('is spent for that campaign, to the dong', () => {
    SpendingDecider.given(assignedEvent()).withFund(fund, tet).withDonations(late)
      .when(requestDisbursement({ amount: '700000', campaignId: TET.campaignId, requestedAt: AFTER, now: AFTER }))
      .thenMatches({ type: 'DisbursementRequested', data: { amount: '700000', campaignId: TET.campaignId } });
  });
});

describe('Leftovers moved to a campaign without a pool of its own (R19)', () => {
  const flood = donationRecorded({ sequence: 1, amountVnd: '5000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
  const month = campaignCreated({ campaignId: 'thang-nhan-dao-2025', kind: 'humanitarian_month', receiveFrom: FLOOD.receiveFrom, receiveUntil: '2025-06-30T00:00:00+07:00' });
  const afterDeadline = plusDays(FLOOD.receiveUntil, 21);
  const surplus: ReallocateSurplus = {
    type: 'ReallocateSurplus', campaignId: FLOOD.campaignId, amount: '2000000', component: null, to: { campaignId: 'thang-nhan-dao-2025' },
    basis: 'Chuyển sang Tháng Nhân đạo', decisionRef: 'QĐ 45/UBND', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterDeadline,
  };

  it('is spent for that campaign, to the dong', () => {
    const moved = SpendingDecider.given().withFund(fund, campaignCreated(), month).withDonations(flood).when(surplus).events[0];
    SpendingDecider.given(moved).withFund(fund, campaignCreated(), month).withDonations(flood)
      .when(requestDisbursement({ amount: '2000000', campaignId: 'thang-nhan-dao-2025', requestedAt: afterDeadline, now: afterDeadline }))
      .thenMatches({ type: 'DisbursementRequested', data: { amount: '2000000', campaignId: 'thang-nhan-dao-2025' } });
  });
});
