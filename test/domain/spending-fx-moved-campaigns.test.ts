/**
 * Foreign currency sold (R17) after its campaign's money was moved on: the VND the ledger moved was
 * the gift's provisional value, so the gain or loss of the sale belongs with that money where it
 * went (R19: a campaign's leftovers are one sum, moved by one decision), never in the campaign it
 * left. A campaign that still holds money of its own to absorb the difference keeps it; the money
 * a transfer took to another chapter is gone from the fund, so a loss falls on the component's
 * unrestricted money it was sent from, while a gain stays under the gift's purpose, to be sent on.
 */
import type { ReallocateSurplus, SettleFx } from '../../src/domain/spending/spending.commands';
import type { SpendingEvent, TransferRequested } from '../../src/domain/spending/spending.events';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import { campaignAvailableFrom } from '../../src/domain/spending/spending.rules';
import type { DonationRecorded } from '../../src/domain/donation/donation.events';
import { ACCOUNTANT, campaignClosed, campaignCreated, donationRecorded, FLOOD, FUND_ID, fundOpened, plusDays } from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const afterDeadline = plusDays(FLOOD.receiveUntil, 21);
const saleDay = plusDays(FLOOD.receiveUntil, 25);
const next = campaignCreated({ campaignId: 'bao-so-10', receiveFrom: FLOOD.receiveFrom });
const NEXT_POOL = 'general#campaign:bao-so-10';
const FLOOD_POOL = `general#${FLOOD.pool}`;

/** 100 USD for the flood at a provisional 25,000: 2,500,000 VND in the campaign's pool. */
const floodDollars = donationRecorded({
  sequence: 1, currency: 'USD', amount: '100.00', fxRate: '25000', amountVnd: '2500000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt,
});
const sale = (donation: DonationRecorded, vndAmount: string): SettleFx => ({
  type: 'SettleFx', donationId: donation.data.donationId, vndAmount, settledAt: saleDay, reference: 'Chứng từ bán 0112/VCB', donation: donation.data,
  actor: { userId: ACCOUNTANT }, now: saleDay,
});
const leftovers = (amount: string, overrides: Partial<Omit<ReallocateSurplus, 'type'>> = {}): ReallocateSurplus => ({
  type: 'ReallocateSurplus', campaignId: FLOOD.campaignId, amount, component: null, to: { campaignId: 'bao-so-10' },
  basis: 'Chuyển sang đợt thiên tai kế tiếp', decisionRef: 'QĐ 45/UBND', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterDeadline, ...overrides,
});
const moved = (command: ReallocateSurplus, ...donations: DonationRecorded[]): SpendingEvent =>
  SpendingDecider.given().withFund(fund, campaignCreated(), next).withDonations(...donations).when(command).events[0];

describe('FX sold after a disaster campaign\'s leftovers were reallocated (R17, R19)', () => {
  const reallocated = moved(leftovers('2500000'), floodDollars);

  it('a loss is booked to the pool the leftovers went to, not refused for the emptied campaign pool', () => {
    const outcome = SpendingDecider.given(reallocated).withFund(fund, campaignCreated(), next).withDonations(floodDollars).when(sale(floodDollars, '2400000'));
    outcome.thenMatches({ type: 'FxSettled', data: { difference: '-100000', component: 'general', restrictionId: 'campaign:bao-so-10', campaignId: 'bao-so-10' } });
    const after = spendingStateOf(reallocated, ...outcome.events);
    const inflows = inflowsOf(floodDollars);
    expect(availableInPool(after, inflows, NEXT_POOL).toFixed()).toBe('2400000');
    expect(availableInPool(after, inflows, FLOOD_POOL).toFixed()).toBe('0');
    expect(campaignAvailableFrom(after, inflows, FLOOD.campaignId, saleDay).amount.toFixed()).toBe('0');
  });

  it('a gain follows the leftovers too: no spendable money appears in the campaign that ended', () => {
    const outcome = SpendingDecider.given(reallocated).withFund(fund, campaignCreated(), next).withDonations(floodDollars).when(sale(floodDollars, '2600000'));
    outcome.thenMatches({ type: 'FxSettled', data: { difference: '100000', restrictionId: 'campaign:bao-so-10', campaignId: 'bao-so-10' } });
    const after = spendingStateOf(reallocated, ...outcome.events);
    expect(availableInPool(after, inflowsOf(floodDollars), FLOOD_POOL).toFixed()).toBe('0');
    expect(campaignAvailableFrom(after, inflowsOf(floodDollars), 'bao-so-10', saleDay).amount.toFixed()).toBe('2600000');
  });

  it('a campaign that still holds money of its own keeps the difference: only part of its leftovers moved', () => {
    const part = moved(leftovers('1000000'), floodDollars);
    SpendingDecider.given(part).withFund(fund, campaignCreated(), next).withDonations(floodDollars).when(sale(floodDollars, '2400000'))
      .thenMatches({ type: 'FxSettled', data: { difference: '-100000', restrictionId: FLOOD.pool, campaignId: FLOOD.campaignId } });
  });
});

describe('FX sold after the leftovers of a campaign without a pool of its own were moved (R17, R19)', () => {
  const TET = 'tet-nhan-ai-2024';
  const tet = campaignCreated({ campaignId: TET, name: 'Tết Nhân ái 2024', kind: 'tet', receiveFrom: '2024-09-01T00:00:00+07:00', receiveUntil: '2024-10-31T00:00:00+07:00' });
  const closed = campaignClosed(TET, '2024-11-01T17:00:00+07:00');
  const tetDollars = donationRecorded({ sequence: 1, currency: 'USD', amount: '100.00', fxRate: '25000', amountVnd: '2500000', campaignId: TET, receivedAt: FLOOD.receivedAt });
  const general = donationRecorded({ sequence: 2, amountVnd: '9000000', receivedAt: FLOOD.receivedAt });
  const toHumanitarian = SpendingDecider.given().withFund(fund, tet, closed).withDonations(tetDollars, general)
    .when(leftovers('2500000', { campaignId: TET, component: 'general', to: { component: 'humanitarian' } })).events[0];

  it('a loss is the humanitarian money\'s, where the leftovers went: the campaign never reads below nothing of its own', () => {
    const outcome = SpendingDecider.given(toHumanitarian).withFund(fund, tet, closed).withDonations(tetDollars, general).when(sale(tetDollars, '2400000'));
    outcome.thenMatches({ type: 'FxSettled', data: { difference: '-100000', component: 'humanitarian', restrictionId: null, campaignId: null } });
    const after = spendingStateOf(toHumanitarian, ...outcome.events);
    const inflows = inflowsOf(tetDollars, general);
    expect(campaignAvailableFrom(after, inflows, TET, saleDay).amount.toFixed()).toBe('0');
    expect(availableInPool(after, inflows, 'humanitarian').toFixed()).toBe('2400000');
    expect(availableInPool(after, inflows, 'general').toFixed()).toBe('9000000');
  });

  it('a gain is the humanitarian money\'s: the closed campaign gets no money to spend', () => {
    const outcome = SpendingDecider.given(toHumanitarian).withFund(fund, tet, closed).withDonations(tetDollars, general).when(sale(tetDollars, '2600000'));
    outcome.thenMatches({ type: 'FxSettled', data: { difference: '100000', component: 'humanitarian', campaignId: null } });
    expect(campaignAvailableFrom(spendingStateOf(toHumanitarian, ...outcome.events), inflowsOf(tetDollars, general), TET, saleDay).amount.toFixed()).toBe('0');
  });
});

describe('FX sold after the campaign\'s money was sent to another chapter (R16, R17)', () => {
  const sentAll: TransferRequested = {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId: `TR-${FUND_ID}-000001`, toFundId: 'ctd-tinh', external: false, amount: '2500000', component: 'general', campaignId: FLOOD.campaignId,
      restrictionId: FLOOD.pool, restrictionPurpose: 'Đợt vận động: bão Yagi', restrictionBeneficiary: null, purpose: 'Chuyển lên tỉnh', note: null,
      approvalsRequired: 0, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: FLOOD.now,
    },
  };

  it('the money left the fund: the loss falls on the unrestricted money of the component it was sent from, not refused for the empty pool', () => {
    const general = donationRecorded({ sequence: 2, amountVnd: '1000000', receivedAt: FLOOD.receivedAt });
    const outcome = SpendingDecider.given(sentAll).withFund(fund, campaignCreated()).withDonations(floodDollars, general).when(sale(floodDollars, '2400000'));
    outcome.thenMatches({ type: 'FxSettled', data: { difference: '-100000', component: 'general', restrictionId: null, campaignId: null } });
    const after = spendingStateOf(sentAll, ...outcome.events);
    expect(availableInPool(after, inflowsOf(floodDollars, general), 'general').toFixed()).toBe('900000');
    expect(availableInPool(after, inflowsOf(floodDollars, general), FLOOD_POOL).toFixed()).toBe('0');
  });

  it('a gain stays the campaign\'s, in its pool, to be sent on or moved as its leftovers', () => {
    SpendingDecider.given(sentAll).withFund(fund, campaignCreated()).withDonations(floodDollars).when(sale(floodDollars, '2600000'))
      .thenMatches({ type: 'FxSettled', data: { difference: '100000', restrictionId: FLOOD.pool, campaignId: FLOOD.campaignId } });
  });
});

describe('FX sold after a designated gift\'s pool was sent whole to another chapter (R5, R16, R17)', () => {
  const designated = donationRecorded({
    sequence: 1, currency: 'USD', amount: '100.00', fxRate: '25000', amountVnd: '2500000', receivedAt: FLOOD.receivedAt, restriction: { purpose: 'Chữa bệnh', beneficiary: 'Nguyễn Thị M' },
  });
  const general = donationRecorded({ sequence: 2, amountVnd: '1000000', receivedAt: FLOOD.receivedAt });
  const POOL = `general#${designated.data.donationId}`;
  const sentAll: TransferRequested = {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId: `TR-${FUND_ID}-000001`, toFundId: 'ctd-tinh', external: false, amount: '2500000', component: 'general', campaignId: null,
      restrictionId: designated.data.donationId, restrictionPurpose: 'Chữa bệnh', restrictionBeneficiary: 'Nguyễn Thị M', purpose: 'Chuyển lên tỉnh', note: null,
      approvalsRequired: 0, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: FLOOD.now,
    },
  };

  it('a loss falls on the component\'s unrestricted money, not refused for the empty pool; a gain stays designated, in the gift\'s pool, to be sent on', () => {
    const loss = SpendingDecider.given(sentAll).withFund(fund).withDonations(designated, general).when(sale(designated, '2400000'));
    loss.thenMatches({ type: 'FxSettled', data: { difference: '-100000', component: 'general', restrictionId: null, campaignId: null } });
    expect(availableInPool(spendingStateOf(sentAll, ...loss.events), inflowsOf(designated, general), 'general').toFixed()).toBe('900000');
    const gain = SpendingDecider.given(sentAll).withFund(fund).withDonations(designated, general).when(sale(designated, '2600000'));
    gain.thenMatches({ type: 'FxSettled', data: { difference: '100000', component: 'general', restrictionId: designated.data.donationId } });
    expect(availableInPool(spendingStateOf(sentAll, ...gain.events), inflowsOf(designated, general), POOL).toFixed()).toBe('100000');
  });

  it('a pool that still holds money keeps the difference', () => {
    const half = { ...sentAll, data: { ...sentAll.data, amount: '1000000' } };
    SpendingDecider.given(half).withFund(fund).withDonations(designated, general).when(sale(designated, '2400000'))
      .thenMatches({ type: 'FxSettled', data: { restrictionId: designated.data.donationId } });
  });
});
