/**
 * Money that changes purpose inside a fund: a restriction released with the donor's consent and
 * the policy's approvers (R5), a campaign's leftovers reallocated after its distribution deadline
 * by a decision (R19). Both are decided in the spending stream, against the same pools.
 */
import type { ApproveRestrictionRelease, ReallocateSurplus, RequestRestrictionRelease, SettleFx } from '../../src/domain/spending/spending.commands';
import type { RestrictionReleaseRequested } from '../../src/domain/spending/spending.events';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  ACCOUNTANT, APPROVER_A, APPROVER_B, campaignClosed, campaignCreated, disbursementRequested, donationRecorded, donationReversed, FLOOD, FUND_ID, fundOpened, NOW,
  plusDays, requestDisbursement, reverseEntry,
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

  it('a gift in foreign currency sold at a gain and then returned to its donor leaves nothing of the campaign behind, gain included', () => {
    const dollars = donationRecorded({
      sequence: 4, fiscalYear: 2025, currency: 'USD', amount: '100.00', fxRate: '25000', amountVnd: '2500000', campaignId: TET.campaignId, receivedAt: '2024-12-22T10:00:00+07:00',
    });
    const sale: SettleFx = {
      type: 'SettleFx', donationId: dollars.data.donationId, vndAmount: '2530000', settledAt: '2024-12-23T10:00:00+07:00', reference: 'Chứng từ bán 0512/VCB',
      donation: dollars.data, actor: { userId: ACCOUNTANT }, now: '2024-12-23T10:00:00+07:00',
    };
    const sold = SpendingDecider.given().withFund(fund, tet).withDonations(dollars, general).when(sale).events[0];
    expect(sold).toMatchObject({ type: 'FxSettled', data: { difference: '30000', campaignId: TET.campaignId } });
    const returned = SpendingDecider.given(sold).withFund(fund, tet, closed).withDonations(dollars, general)
      .when({ ...reverseEntry(dollars.data.donationId, dollars), reversedAt: afterClose, now: afterClose }).events[0];
    expect(returned).toMatchObject({ type: 'DonationReversed', data: { fxSettlement: { difference: '30000' } } });
    SpendingDecider.given(sold, returned).withFund(fund, tet, closed).withDonations(dollars, general)
      .when(leftovers('30000'))
      .thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET.campaignId, available: '0' });
  });

  it('without a component, moves from the one component the campaign\'s money came into', () => {
    SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(leftovers('1000000', { component: null }))
      .thenMatches({ type: 'SurplusReallocated', data: { amount: '1000000', campaignId: TET.campaignId, component: 'general', restrictionId: null } });
  });

  it('without a component, a campaign whose money came into two components asks which (VALIDATION_FAILED on component)', () => {
    const elsewhere = donationRecorded({ sequence: 3, fiscalYear: 2025, amountVnd: '500000', campaignId: TET.campaignId, component: 'humanitarian', receivedAt: '2024-12-21T10:00:00+07:00' });
    SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, elsewhere, general)
      .when(leftovers('1000000', { component: null, to: { component: 'emergency-relief' } }))
      .thenRejects('VALIDATION_FAILED', { field: 'component' });
  });

  it('leftovers moved once are not there to move again', () => {
    const first = SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, general).when(leftovers('1000000')).events[0];
    SpendingDecider.given(first).withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(leftovers('1'))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '0' });
  });

  it("a gift whose money left as the campaign's leftovers is not given back out of the component's other money", () => {
    const moved = SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, general).when(leftovers('1000000')).events[0];
    const giveBack = { ...reverseEntry(tetGift.data.donationId, tetGift), reversedAt: plusDays(afterClose, 1), now: plusDays(afterClose, 1) };
    SpendingDecider.given(moved).withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(giveBack)
      .thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET.campaignId, requested: '1000000', available: '0' });
    SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetGift, general)
      .when(giveBack)
      .thenMatches({ type: 'DonationReversed', data: { amountVnd: '1000000', campaignId: TET.campaignId } });
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

  describe('a gift reversed after the bank bought its currency takes back the VND the bank paid', () => {
    const settledAt = (vnd: string, difference: string) => ({ type: 'FxSettled' as const, data: {
      fundId: FUND_ID, settlementId: 'FX-000001', donationId: dollars.data.donationId, currency: 'USD', originalAmount: '1000.50', provisionalRate: '25000',
      provisionalVnd: '25012500', settledVnd: vnd, difference, realisedRate: '0', component: 'general', restrictionId: null,
      campaignId: null, reference: 'x', settledBy: ACCOUNTANT, settledAt: NOW,
    } });
    const fxTakenBack = (vnd: string, difference: string) => ({ settlementId: 'FX-000001', settledVnd: vnd, difference, component: 'general', restrictionId: null, campaignId: null });

    it('sold at a loss, it is reversed, loss and all: the pool is back at zero', () => {
      const loss = settledAt('24000000', '-1012500');
      const decision = SpendingDecider.given(loss).withFund(fund).withDonations(dollars).when(reverseEntry(dollars.data.donationId, dollars)).decision;
      expect(decision).toMatchObject({ ok: true, events: [{ type: 'DonationReversed', data: { amountVnd: '25012500', fxSettlement: fxTakenBack('24000000', '-1012500') } }] });
      const after = spendingStateOf(loss, ...(decision.ok ? decision.events : []));
      expect(availableInPool(after, inflowsOf(dollars), 'general').toFixed()).toBe('0');
    });

    it('sold at a gain, the gain leaves with it; a pool that spent the gain cannot give the gift back', () => {
      const gain = settledAt('25362675', '350175');
      const decision = SpendingDecider.given(gain).withFund(fund).withDonations(dollars).when(reverseEntry(dollars.data.donationId, dollars)).decision;
      expect(decision).toMatchObject({ ok: true, events: [{ data: { fxSettlement: fxTakenBack('25362675', '350175') } }] });
      const after = spendingStateOf(gain, ...(decision.ok ? decision.events : []));
      expect(availableInPool(after, inflowsOf(dollars), 'general').toFixed()).toBe('0');
      SpendingDecider.given(gain, disbursementRequested({ sequence: 1, amount: '350175' })).withFund(fund).withDonations(dollars)
        .when(reverseEntry(dollars.data.donationId, dollars))
        .thenRejects('INSUFFICIENT_FUNDS', { requested: '25362675', available: '25012500' });
    });

    it('is never dated before the sale: the VND it takes back was not there yet (DATE_BEFORE_REQUEST)', () => {
      const soldLater = { ...settledAt('25362675', '350175'), data: { ...settledAt('25362675', '350175').data, settledAt: '2024-05-12T15:00:00+07:00' } };
      SpendingDecider.given(soldLater).withFund(fund).withDonations(dollars)
        .when({ ...reverseEntry(dollars.data.donationId, dollars), reversedAt: '2024-05-12T11:00:00+07:00', now: '2024-05-12T16:00:00+07:00' })
        .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', settledAt: '2024-05-12T15:00:00+07:00' });
      SpendingDecider.given(soldLater).withFund(fund).withDonations(dollars)
        .when({ ...reverseEntry(dollars.data.donationId, dollars), reversedAt: '2024-05-12T15:00:00+07:00', now: '2024-05-12T16:00:00+07:00' })
        .thenMatches({ data: { fxSettlement: { settlementId: 'FX-000001' } } });
    });
  });

  describe('a designated gift whose restriction the donor released before the sale', () => {
    const designated = donationRecorded({ sequence: 1, currency: 'USD', amount: '100.00', fxRate: '25000', amountVnd: '2500000', restriction: { purpose: 'Học bổng', beneficiary: null } });
    const requested = releaseRequested({ restrictionId: designated.data.donationId, amount: '2500000', newComponent: 'humanitarian' });
    const released = { type: 'RestrictionReleased' as const, data: {
      fundId: FUND_ID, releaseRequestId: 'RR-000001', restrictionId: designated.data.donationId, component: 'general', campaignId: null, amount: '2500000',
      newComponent: 'humanitarian', newPurpose: 'Hỗ trợ hộ nghèo', consentRef: 'Thư đồng ý', approvedBy: [APPROVER_A], releasedAt: NOW,
    } };
    const sell = (vndAmount: string): SettleFx => ({ ...sale(vndAmount), donationId: designated.data.donationId, donation: designated.data });

    it('books its gain or loss where its money went: the sale at a loss is not refused for the empty pool it left', () => {
      const decision = SpendingDecider.given(requested, released).withFund(fund).withDonations(designated).when(sell('2400000')).decision;
      expect(decision).toMatchObject({ ok: true, events: [{ type: 'FxSettled', data: { difference: '-100000', component: 'humanitarian', restrictionId: null, campaignId: null } }] });
      const after = spendingStateOf(requested, released, ...(decision.ok ? decision.events : []));
      expect(availableInPool(after, inflowsOf(designated), 'humanitarian').toFixed()).toBe('2400000');
      expect(availableInPool(after, inflowsOf(designated), `general#${designated.data.donationId}`).toFixed()).toBe('0');
    });
  });
});

describe("A campaign's leftover goods reallocated with its money (R19, R5)", () => {
  const floodRice = donationRecorded({
    sequence: 1, channel: 'in_kind', amountVnd: '50000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt,
  }); // 2000 kg of Gạo tẻ for the flood
  const afterDeadline = plusDays(FLOOD.receiveUntil, 21);
  const goods = (kg: string, overrides: Partial<Omit<ReallocateSurplus, 'type'>> = {}): ReallocateSurplus => ({
    type: 'ReallocateSurplus', campaignId: FLOOD.campaignId, amount: '0', component: 'general', to: { component: 'general' },
    items: [{ description: 'gạo tẻ', quantity: kg, unit: 'KG' }],
    basis: 'Gạo còn lại chuyển về quỹ chung', decisionRef: 'QĐ 46/UBND', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterDeadline, ...overrides,
  });
  const AN = { name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', matchKey: 'nguyen van an|xa tan phu|ap 3' };
  const riceFromGeneral = (kg: string) => requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', aidFacts: { beneficiaries: { 'BF-000001': AN }, elsewhere: [] }, now: afterDeadline,
    distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }],
  });

  it('moves 500 kg of the flood rice to the general stock on the decision: the general pool hands out 500 kg and no more', () => {
    const moved = SpendingDecider.given().withFund(fund, campaignCreated()).withDonations(floodRice).when(goods('500'));
    moved.thenMatches({ type: 'SurplusReallocated', data: { amount: '0', items: [{ description: 'gạo tẻ', quantity: '500', unit: 'KG' }], toComponent: 'general' } });
    SpendingDecider.given(...moved.events).withFund(fund, campaignCreated()).withDonations(floodRice)
      .when(riceFromGeneral('500'))
      .thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(...moved.events).withFund(fund, campaignCreated()).withDonations(floodRice)
      .when(riceFromGeneral('500.001'))
      .thenRejects('INSUFFICIENT_STOCK', { pool: 'general', available: '500' });
    SpendingDecider.given(...moved.events).withFund(fund, campaignCreated()).withDonations(floodRice)
      .when(goods('1500.001'))
      .thenRejects('INSUFFICIENT_STOCK', { pool: `general#${FLOOD.pool}`, available: '1500' });
  });

  it('never more than the campaign holds, never before its deadline, never 0 VND without goods', () => {
    const given = SpendingDecider.given().withFund(fund, campaignCreated()).withDonations(floodRice);
    given.when(goods('2000.5')).thenRejects('INSUFFICIENT_STOCK', { available: '2000', requested: '2000.5' });
    given.when(goods('10', { now: plusDays(FLOOD.receiveUntil, 5) })).thenRejects('INVALID_STATE', { status: 'distributing' });
    given.when(goods('10', { items: null })).thenRejects('VALIDATION_FAILED', { field: 'amount' });
    given.when(goods('0')).thenRejects('VALIDATION_FAILED', { field: 'items.0.quantity' });
  });
});

describe("A designated gift of goods released with the donor's consent (R5)", () => {
  const books = donationRecorded({
    sequence: 2, channel: 'in_kind', amountVnd: '6000000', restriction: { purpose: 'Sách cho học sinh trường Tân Phú', beneficiary: null },
    inKind: { description: 'Bộ sách giáo khoa lớp 1', quantity: '120', unit: 'bộ', valuationMethod: 'giá bìa' },
  });
  const BOOKS_POOL = `general#${books.data.donationId}`;
  const AN = { name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', matchKey: 'nguyen van an|xa tan phu|ap 3' };
  const booksFromGeneral = (sets: string) => requestDisbursement({
    amount: '0', needCategory: 'other', aidFacts: { beneficiaries: { 'BF-000001': AN }, elsewhere: [] },
    distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Bộ sách giáo khoa lớp 1', quantity: sets, unit: 'bộ' }] }],
  });
  const promisedTen = disbursementRequested({
    sequence: 1, amount: '0', needCategory: 'other', restrictionId: books.data.donationId,
    distribution: [{ beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Bộ sách giáo khoa lớp 1', quantity: '10', unit: 'bộ' }] }],
  });

  it('asks to release the 110 sets still free of a gift of goods alone, holding them; one approval releases them to the general stock', () => {
    const asked = SpendingDecider.given(promisedTen).withFund(fund).withDonations(gift, books)
      .when(releaseCommand({ restrictionId: books.data.donationId }));
    asked.thenMatches({
      type: 'RestrictionReleaseRequested',
      data: { restrictionId: books.data.donationId, amount: '0', approvalsRequired: 1, items: [{ description: 'Bộ sách giáo khoa lớp 1', quantity: '110', unit: 'bộ' }] },
    });
    const history = [promisedTen, ...asked.events];
    SpendingDecider.given(...history).withFund(fund).withDonations(gift, books).when(booksFromGeneral('1')).thenRejects('INSUFFICIENT_STOCK', { pool: 'general' });
    const released = SpendingDecider.given(...history).withFund(fund).withDonations(gift, books).when(approveRelease());
    released.thenMatches(
      { type: 'RestrictionReleaseApproved' },
      { type: 'RestrictionReleased', data: { items: [{ description: 'Bộ sách giáo khoa lớp 1', quantity: '110', unit: 'bộ' }] } },
    );
    const after = [...history, ...released.events];
    SpendingDecider.given(...after).withFund(fund).withDonations(gift, books).when(booksFromGeneral('110')).thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(...after).withFund(fund).withDonations(gift, books).when(booksFromGeneral('111')).thenRejects('INSUFFICIENT_STOCK', { available: '110' });
    SpendingDecider.given(...after).withFund(fund).withDonations(gift, books)
      .when(requestDisbursement({ ...booksFromGeneral('1'), restrictionId: books.data.donationId }))
      .thenRejects('INSUFFICIENT_STOCK', { pool: BOOKS_POOL, available: '0' });
  });
});

describe("Leftover goods of a campaign without a pool of its own (R19, R5): what the campaign holds, not its component's stock", () => {
  const TET = { campaignId: 'tet-nhan-ai-2025', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2025-01-20T00:00:00+07:00' };
  const tet = campaignCreated({ campaignId: TET.campaignId, name: 'Tết Nhân ái 2025', kind: 'tet', receiveFrom: TET.receiveFrom, receiveUntil: TET.receiveUntil });
  const closedAt = '2025-02-10T17:00:00+07:00';
  const closed = campaignClosed(TET.campaignId, closedAt);
  const afterClose = plusDays(closedAt, 1);
  // 2000 kg of Gạo tẻ given to the general fund, none of it for the Tết campaign.
  const generalRice = donationRecorded({ sequence: 1, fiscalYear: 2025, channel: 'in_kind', amountVnd: '50000000', receivedAt: '2024-12-20T10:00:00+07:00' });
  const goods = (kg: string): ReallocateSurplus => ({
    type: 'ReallocateSurplus', campaignId: TET.campaignId, amount: '0', component: 'general', to: { campaignId: FLOOD.campaignId },
    items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }],
    basis: 'Gạo còn lại chuyển sang đợt lũ', decisionRef: 'QĐ 12/CTĐ', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterClose,
  });

  it('500 kg of the general stock are no leftovers of a campaign that received no rice: INSUFFICIENT_STOCK', () => {
    SpendingDecider.given().withFund(fund, campaignCreated(), tet, closed).withDonations(generalRice)
      .when(goods('500'))
      .thenRejects('INSUFFICIENT_STOCK', { campaignId: 'tet-nhan-ai-2025', requested: '500', available: '0' });
  });

  it('the rice given for the campaign, less what its distributions promised, moves on', () => {
    const tetRice = donationRecorded({
      sequence: 2, fiscalYear: 2025, channel: 'in_kind', amountVnd: '50000000', campaignId: TET.campaignId, receivedAt: '2024-12-21T10:00:00+07:00',
    });
    const promised = disbursementRequested({
      sequence: 1, amount: '0', campaignId: TET.campaignId, fiscalYear: 2025, requestedAt: '2025-01-05T09:00:00+07:00',
      distribution: [{ beneficiaryId: 'BF-000001', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', matchKey: 'nguyen van an|xa tan phu|ap 3', amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] }],
    });
    SpendingDecider.given(promised).withFund(fund, campaignCreated(), tet, closed).withDonations(generalRice, tetRice)
      .when(goods('500'))
      .thenMatches({ type: 'SurplusReallocated', data: { items: [{ quantity: '500' }] } });
    SpendingDecider.given(promised).withFund(fund, campaignCreated(), tet, closed).withDonations(generalRice, tetRice)
      .when(goods('500.5'))
      .thenRejects('INSUFFICIENT_STOCK', { requested: '500.5', available: '500' });
  });

  it("a gift of rice moved on as the campaign's leftovers is not given back out of the component's other rice", () => {
    const tetRice = donationRecorded({
      sequence: 2, fiscalYear: 2025, channel: 'in_kind', amountVnd: '50000000', campaignId: TET.campaignId, receivedAt: '2024-12-21T10:00:00+07:00',
    });
    const moved = SpendingDecider.given().withFund(fund, campaignCreated(), tet, closed).withDonations(generalRice, tetRice).when(goods('500')).events[0];
    SpendingDecider.given(moved).withFund(fund, campaignCreated(), tet, closed).withDonations(generalRice, tetRice)
      .when({ ...reverseEntry(tetRice.data.donationId, tetRice), reversedAt: afterClose, now: afterClose })
      .thenRejects('INSUFFICIENT_STOCK', { campaignId: TET.campaignId, requested: '2000', available: '1500' });
  });
});
