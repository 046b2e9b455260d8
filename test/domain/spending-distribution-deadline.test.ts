/**
 * A campaign distributes until its `distributeUntil` (Decree 93/2021 Art. 8: at most 20 days
 * after receiving ends, R15). After it, what the campaign still holds is leftovers (R19): it leaves
 * the campaign only by a decision (SurplusReallocated), never by a new request for the campaign.
 */
import {
  approve, APPROVER_A, campaignCreated, COORDINATOR, disbursementApproved, disbursementRequested, donationRecorded, FLOOD, fundOpened, pay, plusDays, releaseEmergency, requestDisbursement,
} from './builders';
import { SpendingDecider } from './given-when-then';

const fund = fundOpened();
const flood = campaignCreated(); // distributes until 20 days after 2024-11-07, at 2024-11-27T00:00:00+07:00
const DISTRIBUTE_UNTIL = plusDays(FLOOD.receiveUntil, 20);
const AFTER = plusDays(DISTRIBUTE_UNTIL, 1);
const floodMoney = donationRecorded({ sequence: 1, amountVnd: '5000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
const floodRice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
const HOA = { name: 'Lê Thị Hoa', commune: 'Xã Tân Phú', matchKey: 'le thi hoa|xa tan phu|ap 5' };

const forFlood = (requestedAt: string, overrides: Parameters<typeof requestDisbursement>[0] = {}) =>
  requestDisbursement({ amount: '1000000', campaignId: FLOOD.campaignId, requestedAt, now: AFTER, ...overrides });

describe("A campaign's distribution ends at its distributeUntil (R15, R19)", () => {
  it('refuses a request for the flood campaign dated the day after its distributeUntil (CAMPAIGN_CLOSED)', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(forFlood(AFTER))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId, distributionEnded: DISTRIBUTE_UNTIL });
  });

  it('refuses it however the pool is named: by its restriction id alone', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(forFlood(AFTER, { campaignId: null, restrictionId: FLOOD.pool }))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId });
  });

  it("refuses a hand-out of the campaign's rice after it, too", () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney, floodRice)
      .when(forFlood(AFTER, {
        amount: '0', needCategory: 'food-water-medicine', aidFacts: { beneficiaries: { 'BF-000002': HOA }, elsewhere: [] },
        distribution: [{ beneficiaryId: 'BF-000002', items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] }],
      }))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId });
  });

  it('accepts a request dated at the deadline itself, and pays a request of the window after it', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(forFlood(DISTRIBUTE_UNTIL))
      .thenMatches({ type: 'DisbursementRequested', data: { campaignId: FLOOD.campaignId, requestedAt: DISTRIBUTE_UNTIL } });
    const requested = disbursementRequested({ sequence: 1, campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, requestedAt: DISTRIBUTE_UNTIL });
    SpendingDecider.given(requested, disbursementApproved(1)).withFund(fund, flood).withDonations(floodMoney)
      .when(pay(requested.data.disbursementId, { paidAt: AFTER, now: AFTER }))
      .thenMatches({ type: 'DisbursementPaid', data: { paidAt: AFTER } });
    SpendingDecider.given(requested).withFund(fund, flood).withDonations(floodMoney)
      .when(approve(requested.data.disbursementId, APPROVER_A))
      .thenMatches({ type: 'DisbursementApproved' });
  });

  it("still sends the campaign's money on to another chapter after it (R16: forwarding is not distributing)", () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(forFlood(AFTER, { kind: 'transfer' }))
      .thenMatches({ type: 'DisbursementRequested', data: { kind: 'transfer', campaignId: FLOOD.campaignId } });
  });

  it('refuses a "transfer" that hands the money out to households all the same', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(forFlood(AFTER, {
        kind: 'transfer', needCategory: 'food-water-medicine', aidFacts: { beneficiaries: { 'BF-000002': HOA }, elsewhere: [] },
        distribution: [{ beneficiaryId: 'BF-000002', amount: '1000000' }],
      }))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId });
  });

  it('applies to any campaign that names a distributeUntil; one without it has no end', () => {
    const tet = campaignCreated({
      campaignId: 'tet-2025', kind: 'tet', receiveFrom: FLOOD.receiveFrom, receiveUntil: FLOOD.receiveUntil, distributeUntil: DISTRIBUTE_UNTIL,
    });
    const open = campaignCreated({ campaignId: 'tet-mo', kind: 'tet', receiveFrom: FLOOD.receiveFrom, receiveUntil: FLOOD.receiveUntil, distributeUntil: null });
    const general = donationRecorded({ sequence: 3, amountVnd: '5000000' });
    const given = SpendingDecider.given().withFund(fund, tet, open).withDonations(general);
    given.when(forFlood(AFTER, { campaignId: 'tet-2025' })).thenRejects('CAMPAIGN_CLOSED', { campaignId: 'tet-2025' });
    given.when(forFlood(AFTER, { campaignId: 'tet-mo' })).thenMatches({ type: 'DisbursementRequested', data: { campaignId: 'tet-mo' } });
    given.when(forFlood(AFTER, { campaignId: null })).thenMatches({ type: 'DisbursementRequested', data: { campaignId: null } });
  });
});

describe("An emergency release for a campaign after its distributeUntil (R15, R19)", () => {
  const advance = (releasedAt: string) => releaseEmergency({
    amount: '1000000', component: 'general', campaignId: FLOOD.campaignId, releasedAt, actor: { userId: COORDINATOR }, now: AFTER,
  });

  it('is refused as distribution is (CAMPAIGN_CLOSED): cash handed out for the campaign after it is distributing', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(advance(AFTER))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId, distributionEnded: DISTRIBUTE_UNTIL });
  });

  it('is accepted dated at the deadline itself', () => {
    SpendingDecider.given().withFund(fund, flood).withDonations(floodMoney)
      .when(advance(DISTRIBUTE_UNTIL))
      .thenMatches({ type: 'EmergencyReleased', data: { campaignId: FLOOD.campaignId } });
  });
});
