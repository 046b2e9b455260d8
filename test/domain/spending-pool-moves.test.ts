/**
 * Money that changes purpose inside a fund: a restriction released with the donor's consent and
 * the policy's approvers (R5), a campaign's leftovers reallocated after its distribution deadline
 * by a decision (R19). Both are decided in the spending stream, against the same pools.
 */
import type { ApproveRestrictionRelease, ReallocateSurplus, RequestRestrictionRelease, SettleFx } from '../../src/domain/spending/spending.commands';
import type { RestrictionReleaseRequested } from '../../src/domain/spending/spending.events';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  ACCOUNTANT, APPROVER_A, APPROVER_B, campaignClosed, campaignCreated, disbursementRequested, donationRecorded, donationReversed, FLOOD, FUND_ID, fundOpened, NOW, plusDays,
  requestDisbursement,
} from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const gift = donationRecorded({ sequence: 1, amountVnd: '3000000', restriction: { purpose: 'Học bổng', beneficiary: null } });
const GIFT_POOL = `general#${gift.data.donationId}`;

const releaseCommand = (overrides: Partial<Omit<RequestRestrictionRelease, 'type'>> = {}): RequestRestrictionRelease => ({
  type: 'RequestRestrictionRelease', restrictionId: gift.data.donationId, consentRef: 'Thư đồng ý của nhà tài trợ 12/2024', newPurpose: 'Hỗ trợ hộ nghèo',
  newComponent: null, actor: { userId: ACCOUNTANT }, now: NOW, ...overrides,
});
const approveRelease = (userId = APPROVER_A): ApproveRestrictionRelease => ({ type: 'ApproveRestrictionRelease', releaseRequestId: 'RR-000001', actor: { userId }, now: NOW });
const releaseRequested = (overrides: Partial<RestrictionReleaseRequested['data']> = {}): RestrictionReleaseRequested => ({
  type: 'RestrictionReleaseRequested',
  data: {
    fundId: FUND_ID, releaseRequestId: 'RR-000001', restrictionId: gift.data.donationId, component: 'general', campaignId: null, amount: '3000000',
    newComponent: 'general', newPurpose: 'Hỗ trợ hộ nghèo', consentRef: 'Thư đồng ý của nhà tài trợ 12/2024', approvalsRequired: 1,
    requestedBy: ACCOUNTANT, requestedAt: NOW, ...overrides,
  },
});

describe('Released restrictions (R5; api-v2 "Campaign money and restrictions")', () => {
  it('holds the pool\'s whole available money from the request, with the donor\'s consent and the approvals its amount needs', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '500000', restrictionId: gift.data.donationId })).withFund(fund).withDonations(gift)
      .when(releaseCommand())
      .then(releaseRequested({ amount: '2500000' }));
  });

  it('the approval that completes the policy\'s number releases it into the component\'s unrestricted money', () => {
    const outcome = SpendingDecider.given(releaseRequested()).withFund(fund).withDonations(gift).when(approveRelease());
    const events = (outcome.decision as { ok: true; events: { type: string }[] }).events;
    expect(events.map((e) => e.type)).toEqual(['RestrictionReleaseApproved', 'RestrictionReleased']);
    const state = spendingStateOf(releaseRequested(), ...(events as never[]));
    const inflows = inflowsOf(gift);
    expect(availableInPool(state, inflows, GIFT_POOL).toFixed()).toBe('0');
    expect(availableInPool(state, inflows, 'general').toFixed()).toBe('3000000');
  });

  it('two approvers when the amount needs two: the first approval releases nothing yet', () => {
    SpendingDecider.given(releaseRequested({ approvalsRequired: 2 })).withFund(fund).withDonations(gift)
      .when(approveRelease())
      .then({ type: 'RestrictionReleaseApproved', data: { fundId: FUND_ID, releaseRequestId: 'RR-000001', approvedBy: APPROVER_A, approvalsCount: 1, approvalsRequired: 2, approvedAt: NOW } });
  });

  it('never approved by its requester, nor twice by one approver, nor after it was released', () => {
    SpendingDecider.given(releaseRequested()).withFund(fund).when(approveRelease(ACCOUNTANT)).thenRejects('SELF_APPROVAL_FORBIDDEN');
    const first = { type: 'RestrictionReleaseApproved' as const, data: { fundId: FUND_ID, releaseRequestId: 'RR-000001', approvedBy: APPROVER_A, approvalsCount: 1, approvalsRequired: 2, approvedAt: NOW } };
    SpendingDecider.given(releaseRequested({ approvalsRequired: 2 }), first).withFund(fund).when(approveRelease()).thenRejects('DUPLICATE_APPROVAL');
    const released = {
      type: 'RestrictionReleased' as const,
      data: {
        fundId: FUND_ID, releaseRequestId: 'RR-000001', restrictionId: gift.data.donationId, component: 'general', campaignId: null, amount: '3000000',
        newComponent: 'general', newPurpose: 'x', consentRef: 'y', approvedBy: [APPROVER_A], releasedAt: NOW,
      },
    };
    SpendingDecider.given(releaseRequested(), { ...first, data: { ...first.data, approvalsRequired: 1 } }, released).withFund(fund).when(approveRelease(APPROVER_B))
      .thenRejects('INVALID_STATE', { status: 'released' });
  });

  it('a held release leaves a disbursement nothing of the pool', () => {
    SpendingDecider.given(releaseRequested()).withFund(fund).withDonations(gift)
      .when(requestDisbursement({ restrictionId: gift.data.donationId, amount: '1' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '0' });
  });

  it('an unknown restriction is NOT_FOUND; an empty pool has nothing to release (INSUFFICIENT_FUNDS)', () => {
    SpendingDecider.given().withFund(fund).withDonations(gift).when(releaseCommand({ restrictionId: 'DN-2024-000099' })).thenRejects('NOT_FOUND', { entity: 'restriction' });
    SpendingDecider.given(releaseRequested()).withFund(fund).withDonations(gift).when(releaseCommand()).thenRejects('INSUFFICIENT_FUNDS', { available: '0' });
  });
});

describe('Leftovers reallocated (R19; api-v2 "Between chapters")', () => {
  const flood = donationRecorded({ sequence: 1, amountVnd: '5000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt, component: 'emergency-relief' });
  const next = campaignCreated({ campaignId: 'bao-so-10', receiveFrom: FLOOD.receiveFrom });
  const afterDeadline = plusDays(FLOOD.receiveUntil, 21);
  const surplus = (overrides: Partial<Omit<ReallocateSurplus, 'type'>> = {}): ReallocateSurplus => ({
    type: 'ReallocateSurplus', campaignId: FLOOD.campaignId, amount: '2000000', component: null, to: { campaignId: 'bao-so-10' },
    basis: 'Chuyển sang đợt thiên tai kế tiếp', decisionRef: 'QĐ 45/UBND', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterDeadline, ...overrides,
  });

  it('after the distribution deadline, moves the campaign\'s money to the next disaster\'s pool with its decision', () => {
    SpendingDecider.given().withFund(fund, campaignCreated(), next).withDonations(flood)
      .when(surplus())
      .then({
        type: 'SurplusReallocated',
        data: {
          fundId: FUND_ID, reallocationId: 'SR-000001', campaignId: FLOOD.campaignId, component: 'emergency-relief', restrictionId: FLOOD.pool, amount: '2000000',
          toComponent: 'emergency-relief', toCampaignId: 'bao-so-10', toRestrictionId: 'campaign:bao-so-10', basis: 'Chuyển sang đợt thiên tai kế tiếp',
          decisionRef: 'QĐ 45/UBND', reallocatedBy: ACCOUNTANT, reallocatedAt: afterDeadline,
        },
      });
  });

  it('or to a component\'s unrestricted money; never more than the campaign has left', () => {
    SpendingDecider.given().withFund(fund, campaignCreated(), next).withDonations(flood)
      .when(surplus({ to: { component: 'general' } }))
      .thenMatches({ data: { toComponent: 'general', toRestrictionId: null, toCampaignId: null } });
    SpendingDecider.given().withFund(fund, campaignCreated(), next).withDonations(flood)
      .when(surplus({ amount: '5000001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '5000000' });
  });

  it('before the deadline the campaign is still distributing (INVALID_STATE)', () => {
    SpendingDecider.given().withFund(fund, campaignCreated(), next).withDonations(flood)
      .when(surplus({ now: plusDays(FLOOD.receiveUntil, 5) }))
      .thenRejects('INVALID_STATE', { status: 'distributing' });
  });

  it('an unknown campaign is NOT_FOUND; a blank decision is refused', () => {
    SpendingDecider.given().withFund(fund, campaignCreated()).withDonations(flood).when(surplus({ campaignId: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'campaign' });
    SpendingDecider.given().withFund(fund, campaignCreated()).withDonations(flood).when(surplus({ decisionRef: '  ' })).thenRejects('VALIDATION_FAILED', { field: 'decisionRef' });
  });
});

describe('Leftovers of a campaign without a pool of its own (R19): what the campaign holds, not its component', () => {
  const TET = { campaignId: 'tet-nhan-ai-2025', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2025-01-20T00:00:00+07:00' };
  const tet = campaignCreated({ campaignId: TET.campaignId, name: 'Tết Nhân ái 2025', kind: 'tet', receiveFrom: TET.receiveFrom, receiveUntil: TET.receiveUntil });
  const closedAt = '2025-02-10T17:00:00+07:00';
  const closed = campaignClosed(TET.campaignId, closedAt);
  const afterClose = plusDays(closedAt, 1);
  const tetGift = donationRecorded({ sequence: 1, fiscalYear: 2025, amountVnd: '1000000', campaignId: TET.campaignId, receivedAt: '2024-12-20T10:00:00+07:00' });
  const general = donationRecorded({ sequence: 2, fiscalYear: 2025, amountVnd: '9000000', receivedAt: '2024-12-20T10:00:00+07:00' });
  const leftovers = (amount: string, overrides: Partial<Omit<ReallocateSurplus, 'type'>> = {}): ReallocateSurplus => ({
    type: 'ReallocateSurplus', campaignId: TET.campaignId, amount, component: 'general', to: { component: 'humanitarian' },
    basis: 'Chuyển phần còn lại sang quỹ trợ giúp nhân đạo', decisionRef: 'QĐ 12/CTĐ', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterClose, ...overrides,
  });

  it('5,000,000 of a campaign that received 1,000,000 is INSUFFICIENT_FUNDS, however much its component holds', () => {
    SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(leftovers('5000000'))
      .thenRejects('INSUFFICIENT_FUNDS', { requested: '5000000', available: '1000000' });
  });

  it('what it received less what it spent is moved, to the dong', () => {
    const spent = disbursementRequested({ sequence: 1, amount: '400000', campaignId: TET.campaignId, fiscalYear: 2025, requestedAt: '2025-01-05T09:00:00+07:00' });
    SpendingDecider.given(spent).withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(leftovers('600000'))
      .thenMatches({ type: 'SurplusReallocated', data: { amount: '600000', campaignId: TET.campaignId, component: 'general', restrictionId: null } });
    SpendingDecider.given(spent).withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(leftovers('600001'))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '600000' });
  });

  it('counts what the campaign holds at the close of every day from the move\'s business date on', () => {
    const returned = { ...donationReversed(tetGift), data: { ...donationReversed(tetGift).data, reversedAt: plusDays(closedAt, 3) } };
    const partly = donationRecorded({ sequence: 3, fiscalYear: 2025, amountVnd: '600000', campaignId: TET.campaignId, receivedAt: '2024-12-21T10:00:00+07:00' });
    SpendingDecider.given(returned).withFund(fund, tet, closed).withDonations(tetGift, partly, general)
      .when(leftovers('1600000', { reallocatedAt: afterClose, now: plusDays(closedAt, 4) }))
      .thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET.campaignId, requested: '1600000', available: '600000' });
  });

  it('leftovers moved once are not there to move again', () => {
    const first = SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, general).when(leftovers('1000000')).events[0];
    SpendingDecider.given(first).withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(leftovers('1'))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '0' });
  });
});

describe('Foreign currency sold (R17; api-v2 "Between chapters")', () => {
  const dollars = donationRecorded({ sequence: 1, currency: 'USD', amount: '1000.50', fxRate: '25000', amountVnd: '25012500' });
  const sale = (vndAmount: string, overrides: Partial<Omit<SettleFx, 'type'>> = {}): SettleFx => ({
    type: 'SettleFx', donationId: dollars.data.donationId, vndAmount, settledAt: NOW, reference: 'Chứng từ bán 0512/VCB', donation: dollars.data,
    actor: { userId: ACCOUNTANT }, now: NOW, ...overrides,
  });

  it('keeps the currency, its scale and the provisional rate; books the realised difference as a gain', () => {
    SpendingDecider.given().withFund(fund).withDonations(dollars)
      .when(sale('25362675'))
      .then({
        type: 'FxSettled',
        data: {
          fundId: FUND_ID, settlementId: 'FX-000001', donationId: dollars.data.donationId, currency: 'USD', originalAmount: '1000.50', provisionalRate: '25000',
          provisionalVnd: '25012500', settledVnd: '25362675', difference: '350175', realisedRate: '25350', component: 'general', restrictionId: null,
          campaignId: null, reference: 'Chứng từ bán 0512/VCB', settledBy: ACCOUNTANT, settledAt: NOW,
        },
      });
    const decision = SpendingDecider.given().withFund(fund).withDonations(dollars).when(sale('25362675')).decision;
    const gained = spendingStateOf(...(decision.ok ? decision.events : []));
    expect(availableInPool(gained, inflowsOf(dollars), 'general').toFixed()).toBe('25362675');
  });

  it('a loss the pool can still cover is booked; one it cannot is INSUFFICIENT_FUNDS', () => {
    SpendingDecider.given().withFund(fund).withDonations(dollars).when(sale('24000000')).thenMatches({ data: { difference: '-1012500' } });
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '24500000' })).withFund(fund).withDonations(dollars)
      .when(sale('24000000'))
      .thenRejects('INSUFFICIENT_FUNDS', { requested: '1012500', available: '512500' });
  });

  it('is sold once; never a VND donation; never dated before it was received', () => {
    const first = { type: 'FxSettled' as const, data: {
      fundId: FUND_ID, settlementId: 'FX-000001', donationId: dollars.data.donationId, currency: 'USD', originalAmount: '1000.50', provisionalRate: '25000',
      provisionalVnd: '25012500', settledVnd: '25362675', difference: '350175', realisedRate: '25350', component: 'general', restrictionId: null,
      campaignId: null, reference: 'x', settledBy: ACCOUNTANT, settledAt: NOW,
    } };
    SpendingDecider.given(first).withFund(fund).withDonations(dollars).when(sale('25000000')).thenRejects('INVALID_STATE', { status: 'settled' });
    const dong = donationRecorded({ sequence: 2 });
    SpendingDecider.given().withFund(fund).withDonations(dong).when(sale('1', { donationId: dong.data.donationId, donation: dong.data })).thenRejects('INVALID_STATE', { status: 'vnd' });
    SpendingDecider.given().withFund(fund).withDonations(dollars).when(sale('25000000', { settledAt: '2024-05-01T09:00:00+07:00' })).thenRejects('DATE_BEFORE_REQUEST');
    SpendingDecider.given().withFund(fund).withDonations(dollars).when(sale('25000000', { donation: null })).thenRejects('NOT_FOUND', { entity: 'donation' });
  });
});
