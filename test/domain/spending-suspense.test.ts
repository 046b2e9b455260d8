/**
 * Late money (R14; api-v2 "Campaign money and restrictions"): a bank transfer for a campaign that
 * stopped receiving is booked to the campaign's suspense pool, spent by no one, until a decision
 * assigns it or its reversal returns it to the donor.
 */
import type { AssignSuspense, ReallocateSurplus } from '../../src/domain/spending/spending.commands';
import type { SuspenseAssigned } from '../../src/domain/spending/spending.events';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  ACCOUNTANT, campaignClosed, campaignCreated, donationRecorded, donationReversed, FLOOD, FUND_ID, fundOpened, NOW, plusDays, recordDonation, requestDisbursement,
  reverseEntry,
} from './builders';
import { DonationDecider, inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const flood = campaignCreated();
const LATE_AT = plusDays(FLOOD.receiveUntil, 3);
const AFTER = plusDays(LATE_AT, 1);
const SUSPENSE = `suspense:${FLOOD.campaignId}`;
const onTime = donationRecorded({ sequence: 1, amountVnd: '2000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
const late = donationRecorded({ sequence: 2, amountVnd: '700000', campaignId: FLOOD.campaignId, restrictionId: SUSPENSE, receivedAt: LATE_AT });
const general = donationRecorded({ sequence: 3, amountVnd: '100000' });

function assign(to: AssignSuspense['to'], donation = late): AssignSuspense {
  return { type: 'AssignSuspense', donationId: donation.data.donationId, to, decisionRef: '12/QĐ-CTĐ', note: null, donation: donation.data, actor: { userId: ACCOUNTANT }, now: AFTER };
}

function assigned(overrides: Partial<SuspenseAssigned['data']> = {}): SuspenseAssigned {
  return {
    type: 'SuspenseAssigned',
    data: {
      fundId: FUND_ID, assignmentId: 'SA-000001', donationId: late.data.donationId, campaignId: FLOOD.campaignId, component: 'general', restrictionId: SUSPENSE,
      amount: '700000', toComponent: 'general', toCampaignId: null, toRestrictionId: null, decisionRef: '12/QĐ-CTĐ', note: null, assignedBy: ACCOUNTANT,
      assignedAt: AFTER, ...overrides,
    },
  };
}

describe('Late money: recording (R14)', () => {
  it('books a statement line after the window to the campaign\'s suspense pool', () => {
    DonationDecider.given().withFund(fund, flood)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: LATE_AT, lateToSuspense: true, now: AFTER }))
      .thenMatches({ type: 'DonationRecorded', data: { campaignId: FLOOD.campaignId, restrictionId: SUSPENSE, amountVnd: '1500000' } });
  });

  it('still refuses a single donation recorded by hand after the window (CAMPAIGN_CLOSED)', () => {
    DonationDecider.given().withFund(fund, flood)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: LATE_AT, now: AFTER }))
      .thenRejects('CAMPAIGN_CLOSED');
  });

  it('books a statement line inside the window to the campaign\'s own pool as before', () => {
    DonationDecider.given().withFund(fund, flood)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: FLOOD.receivedAt, lateToSuspense: true, now: FLOOD.now }))
      .thenMatches({ data: { restrictionId: FLOOD.pool } });
  });
});

describe('Late money: nobody spends it until assigned', () => {
  it('refuses a disbursement drawn on the suspense pool (RESTRICTION_MISMATCH)', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late)
      .when(requestDisbursement({ amount: '1', restrictionId: SUSPENSE, requestedAt: AFTER, now: AFTER }))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: SUSPENSE });
  });

  it('refuses to release the suspense pool as a restriction', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late)
      .when({ type: 'RequestRestrictionRelease', restrictionId: SUSPENSE, consentRef: 'x', newPurpose: 'y', newComponent: null, actor: { userId: ACCOUNTANT }, now: AFTER })
      .thenRejects('RESTRICTION_MISMATCH');
  });

  it('keeps the campaign\'s own pool as it was: the late money is not in it', () => {
    const state = spendingStateOf();
    expect(availableInPool(state, inflowsOf(onTime, late), `general#${FLOOD.pool}`).toFixed()).toBe('2000000');
    expect(availableInPool(state, inflowsOf(onTime, late), `general#${SUSPENSE}`).toFixed()).toBe('700000');
  });
});

describe('Late money: assigning it by a decision', () => {
  it('moves the whole donation to a component\'s unrestricted money', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late, general).when(assign({ component: 'general' })).then(assigned());
    const state = spendingStateOf(assigned());
    const inflows = inflowsOf(onTime, late, general);
    expect(availableInPool(state, inflows, `general#${SUSPENSE}`).toFixed()).toBe('0');
    expect(availableInPool(state, inflows, 'general').toFixed()).toBe('800000');
  });

  it('moves it into a campaign\'s pool (the late campaign\'s own, when the board accepts it there)', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late)
      .when(assign({ campaignId: FLOOD.campaignId }))
      .then(assigned({ toCampaignId: FLOOD.campaignId, toRestrictionId: FLOOD.pool }));
  });

  it('assigns a donation once (INVALID_STATE)', () => {
    SpendingDecider.given(assigned()).withFund(fund, flood).withDonations(onTime, late).when(assign({ component: 'general' }))
      .thenRejects('INVALID_STATE', { status: 'assigned' });
  });

  it('refuses a donation that is not late money (NOT_FOUND), an unknown component or campaign', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late).when(assign({ component: 'general' }, onTime)).thenRejects('NOT_FOUND');
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late).when(assign({ component: 'nowhere' })).thenRejects('UNKNOWN_COMPONENT');
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late).when(assign({ campaignId: 'no-such' })).thenRejects('NOT_FOUND', { entity: 'campaign', id: 'no-such' });
  });

  it('needs the decision\'s reference', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late).when({ ...assign({ component: 'general' }), decisionRef: '  ' }).thenRejects('VALIDATION_FAILED');
  });
});

describe('Late money: returned to the donor by the donation\'s reversal', () => {
  it('reverses it out of the suspense pool, and it can no longer be assigned', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late)
      .when({ ...reverseEntry(late.data.donationId, late, 'Trả lại người ủng hộ'), now: AFTER })
      .thenMatches({ type: 'DonationReversed', data: { restrictionId: SUSPENSE, amountVnd: '700000' } });
    SpendingDecider.given(donationReversed(late)).withFund(fund, flood).withDonations(onTime, late).when(assign({ component: 'general' }))
      .thenRejects('INVALID_STATE', { status: 'returned' });
  });

  it('reverses an assigned donation from the pool it was assigned to, naming the suspense pool it moves back to first', () => {
    SpendingDecider.given(assigned()).withFund(fund, flood).withDonations(onTime, late, general)
      .when({ ...reverseEntry(late.data.donationId, late), now: AFTER })
      .thenMatches({ data: { component: 'general', restrictionId: null, campaignId: null, lateMoney: { component: late.data.component, restrictionId: SUSPENSE } } });
  });

  it('names no suspense pool for late money given back before it was assigned', () => {
    const outcome = SpendingDecider.given().withFund(fund, flood).withDonations(onTime, late).when({ ...reverseEntry(late.data.donationId, late), now: AFTER });
    outcome.thenMatches({ type: 'DonationReversed', data: { restrictionId: SUSPENSE } });
    expect(outcome.events[0].data).not.toHaveProperty('lateMoney');
  });

  it('gives an assigned donation back no earlier than its assignment: dated between, a look-back would find it back with its donor and still in suspense (DATE_BEFORE_REQUEST)', () => {
    const between = plusDays(LATE_AT, 0.5);
    SpendingDecider.given(assigned()).withFund(fund, flood).withDonations(onTime, late, general)
      .when({ ...reverseEntry(late.data.donationId, late), reversedAt: between, now: AFTER })
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', assignedAt: AFTER });
  });
});

describe('Late money assigned to a campaign without a pool of its own: its leftovers', () => {
  const tet = campaignCreated({ campaignId: 'tet-nhan-ai', name: 'Tết Nhân ái', kind: 'tet', receiveFrom: FLOOD.receiveFrom, receiveUntil: plusDays(AFTER, 30) });
  const closedTet = campaignClosed('tet-nhan-ai', plusDays(AFTER, 1));
  const leftovers = (overrides: Partial<Omit<ReallocateSurplus, 'type'>> = {}): ReallocateSurplus => ({
    type: 'ReallocateSurplus', campaignId: 'tet-nhan-ai', amount: '700000', component: null, to: { component: 'general' },
    basis: 'Chuyển phần còn lại về quỹ chung', decisionRef: 'QĐ 14/CTĐ', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: plusDays(AFTER, 2), ...overrides,
  });

  it('move from the component the late money was assigned into, unnamed, as leftovers of a transfer assigned to it do', () => {
    SpendingDecider.given(assigned({ toCampaignId: 'tet-nhan-ai', toRestrictionId: null })).withFund(fund, flood, tet, closedTet).withDonations(onTime, late)
      .when(leftovers())
      .thenMatches({ type: 'SurplusReallocated', data: { campaignId: 'tet-nhan-ai', component: 'general', restrictionId: null, amount: '700000' } });
  });

  it('and of a campaign with a pool of its own whose money came only by late money assigned to it: from that pool, unnamed', () => {
    const storm = campaignCreated({ campaignId: 'bao-2', name: 'Bão số 2', receiveFrom: FLOOD.receiveFrom, receiveUntil: plusDays(AFTER, -1), distributeUntil: plusDays(AFTER, 1) });
    SpendingDecider.given(assigned({ toCampaignId: 'bao-2', toRestrictionId: 'campaign:bao-2' })).withFund(fund, flood, storm).withDonations(onTime, late)
      .when(leftovers({ campaignId: 'bao-2' }))
      .thenMatches({ type: 'SurplusReallocated', data: { campaignId: 'bao-2', component: 'general', restrictionId: 'campaign:bao-2', amount: '700000' } });
  });
});
