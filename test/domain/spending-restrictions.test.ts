/**
 * Campaign money and restrictions (api-v2): a movement drawn from a campaign's pool belongs to the
 * campaign however the pool was named, and a restriction naming a beneficiary pays only them.
 */
import {
  campaignCreated, donationRecorded, FLOOD, fundOpened, releaseEmergency, requestDisbursement,
} from './builders';
import { SpendingDecider } from './given-when-then';

const fund = fundOpened();
const flood = campaignCreated();
const tet = campaignCreated({ campaignId: 'tet-2024', kind: 'tet' });
const floodMoney = donationRecorded({
  sequence: 1, amountVnd: '100000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt,
});
const floodRelief = donationRecorded({
  sequence: 2, amountVnd: '100000000', component: 'emergency-relief', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt,
});
const given = () => SpendingDecider.given().withFund(fund, flood, tet).withDonations(floodMoney, floodRelief);

describe('A campaign pool named only by restrictionId belongs to its campaign (finding 1)', () => {
  it('stores the campaign on a disbursement that names only restrictionId "campaign:X"', () => {
    given()
      .when(requestDisbursement({ restrictionId: FLOOD.pool, amount: '60000000', now: FLOOD.now }))
      .thenMatches({ type: 'DisbursementRequested', data: { campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool } });
  });

  it('stores the campaign on an emergency release that names only restrictionId "campaign:X"', () => {
    given()
      .when(releaseEmergency({ restrictionId: FLOOD.pool, amount: '30000000', now: FLOOD.now }))
      .thenMatches({ type: 'EmergencyReleased', data: { campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool } });
  });

  it('names the same pool and campaign when the request names the campaign instead', () => {
    given()
      .when(requestDisbursement({ campaignId: FLOOD.campaignId, amount: '60000000', now: FLOOD.now }))
      .thenMatches({ data: { campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool } });
  });

  it('refuses a campaignId that contradicts the pool named (RESTRICTION_MISMATCH)', () => {
    given()
      .when(requestDisbursement({ campaignId: 'tet-2024', restrictionId: FLOOD.pool, now: FLOOD.now }))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: FLOOD.pool });
    given()
      .when(releaseEmergency({ campaignId: 'tet-2024', restrictionId: FLOOD.pool, now: FLOOD.now }))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: FLOOD.pool });
  });

  it('keeps the campaign of a designated gift to a campaign on what its pool pays', () => {
    const designated = donationRecorded({
      sequence: 3, amountVnd: '5000000', campaignId: 'tet-2024', restriction: { purpose: 'Quà Tết hộ nghèo', beneficiary: null }, receivedAt: FLOOD.receivedAt,
    });
    SpendingDecider.given().withFund(fund, flood, tet).withDonations(designated)
      .when(requestDisbursement({ restrictionId: designated.data.donationId, amount: '5000000', now: FLOOD.now }))
      .thenMatches({ data: { campaignId: 'tet-2024', restrictionId: designated.data.donationId } });
  });
});

describe('A restriction naming a beneficiary is drawn only for that beneficiary (finding 9)', () => {
  const gift = donationRecorded({ sequence: 1, amountVnd: '20000000', restriction: { purpose: 'Chữa bệnh', beneficiary: 'Nguyễn Thị M' } });
  const givenGift = () => SpendingDecider.given().withFund(fund).withDonations(gift);

  it('refuses a disbursement for anyone else (RESTRICTION_MISMATCH)', () => {
    givenGift()
      .when(requestDisbursement({ restrictionId: gift.data.donationId, beneficiary: 'Trần Văn K', amount: '20000000' }))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: gift.data.donationId, beneficiary: 'Nguyễn Thị M' });
  });

  it('pays the beneficiary named without regard to case, spacing or diacritics', () => {
    for (const beneficiary of ['Nguyễn Thị M', 'nguyen thi m', '  NGUYỄN  THỊ   M ', 'NguyenThiM']) {
      givenGift()
        .when(requestDisbursement({ restrictionId: gift.data.donationId, beneficiary, amount: '20000000' }))
        .thenMatches({ type: 'DisbursementRequested', data: { beneficiary } });
    }
  });

  it('tells đ from d only as the letter it is: "Đặng" and "Dang" are the same name', () => {
    const dang = donationRecorded({ sequence: 1, amountVnd: '1000000', restriction: { purpose: 'Học bổng', beneficiary: 'Đặng Văn Long' } });
    SpendingDecider.given().withFund(fund).withDonations(dang)
      .when(requestDisbursement({ restrictionId: dang.data.donationId, beneficiary: 'Dang Van Long' }))
      .thenMatches({ type: 'DisbursementRequested' });
  });

  it('refuses an emergency release from it to another recipient (RESTRICTION_MISMATCH)', () => {
    givenGift()
      .when(releaseEmergency({ component: 'general', restrictionId: gift.data.donationId, recipient: 'Ban chỉ huy PCTT xã', amount: '1000000' }))
      .thenRejects('RESTRICTION_MISMATCH');
  });
});
