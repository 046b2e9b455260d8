import {
  campaignClosed, campaignCreated, DONOR, donationRecorded, FLOOD, FUND_ID, fundOpened, NOW, plusMs, RECEIVED_AT, recordDonation, RICE,
} from './builders';
import { DonationDecider, donationStreamStateOf } from './given-when-then';

const fund = fundOpened();
const floodFund = [fundOpened(), campaignCreated()] as const;

describe('Donations: recording (R2, R3, R21)', () => {
  it('records a VND bank transfer as an unrestricted voluntary contribution with receipt 1 of its year', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation())
      .then({
        type: 'DonationRecorded',
        data: {
          fundId: FUND_ID,
          donationId: 'DN-2024-000001',
          receiptNo: '2024-000001',
          fiscalYear: 2024,
          component: 'general',
          campaignId: null,
          restrictionId: null,
          restriction: null,
          channel: 'bank_transfer',
          currency: 'VND',
          amount: '1500000',
          fxRate: null,
          amountVnd: '1500000',
          cash: true,
          revenueCategory: 'voluntary_contribution',
          inManagementCostBase: true,
          receivedAt: RECEIVED_AT,
          donor: DONOR,
          reference: 'FT24133XYZ',
          inKind: null,
          note: null,
          source: null,
        },
      });
  });

  it('numbers receipts one after another in the fiscal year, without gaps', () => {
    DonationDecider.given(donationRecorded({ sequence: 1 }), donationRecorded({ sequence: 2 }))
      .withFund(fund)
      .when(recordDonation())
      .thenMatches({ data: { donationId: 'DN-2024-000003', receiptNo: '2024-000003', fiscalYear: 2024 } });
  });

  it('counts the stream as it folds: n donations recorded means the next receipt is n + 1', () => {
    const events = Array.from({ length: 12 }, (_, index) => donationRecorded({ sequence: index + 1 }));
    expect(donationStreamStateOf(...events)).toEqual({ recorded: 12, fileAccounts: new Map(), byHand: new Map() });
    DonationDecider.given(...events).withFund(fund).when(recordDonation()).thenMatches({ data: { receiptNo: '2024-000013' } });
  });

  it('dates the fiscal year in Vietnam time: 2024-12-31T20:00:00Z is 2025, receipt 1', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ receivedAt: '2024-12-31T20:00:00Z' }))
      .thenMatches({ data: { fiscalYear: 2025, receiptNo: '2025-000001', donationId: 'DN-2025-000001' } });
  });

  it('keeps Vietnamese text with its diacritics', () => {
    const donor = { ...DONOR, name: 'Công ty TNHH Thương mại Đức Hạnh', kind: 'organization' as const, publicName: null };
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ donor, note: 'Ủng hộ đồng bào lũ lụt' }))
      .thenMatches({ data: { donor, note: 'Ủng hộ đồng bào lũ lụt' } });
  });

  it('records cash given to another component fund in that component (R1)', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ component: 'humanitarian', channel: 'cash' })).thenMatches({ data: { component: 'humanitarian', cash: true } });
  });

  it('refuses a component the fund does not have (UNKNOWN_COMPONENT)', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ component: 'khong-co' }))
      .thenRejects('UNKNOWN_COMPONENT', { component: 'khong-co', known: ['general', 'emergency-relief', 'humanitarian'] });
  });

  it('refuses a fund that is not open (NOT_FOUND)', () => {
    DonationDecider.given().when(recordDonation()).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it('refuses a receivedAt that is not a timestamp (VALIDATION_FAILED)', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ receivedAt: 'hôm qua' })).thenRejects('VALIDATION_FAILED', { field: 'receivedAt' });
  });

  it('refuses a receivedAt later than tomorrow in Vietnam time (FUTURE_DATE): no receipt 2999-000001', () => {
    DonationDecider.given().withFund(fund)
      .when(recordDonation({ receivedAt: '2999-01-01T09:00:00+07:00', now: NOW }))
      .thenRejects('FUTURE_DATE', { field: 'receivedAt' });
    DonationDecider.given().withFund(fund)
      .when(recordDonation({ receivedAt: plusMs(NOW, 24 * 60 * 60 * 1000 + 1), now: NOW }))
      .thenRejects('FUTURE_DATE', { field: 'receivedAt' });
  });

  it('accepts a receivedAt up to 24 hours after now', () => {
    DonationDecider.given().withFund(fund)
      .when(recordDonation({ receivedAt: plusMs(NOW, 24 * 60 * 60 * 1000), now: NOW }))
      .thenMatches({ type: 'DonationRecorded' });
  });

  it('precedence: VALIDATION_FAILED before FUTURE_DATE before NOT_FOUND (fund)', () => {
    DonationDecider.given().when(recordDonation({ amount: '0', receivedAt: '2999-01-01T09:00:00+07:00', now: NOW })).thenRejects('VALIDATION_FAILED');
    DonationDecider.given().when(recordDonation({ receivedAt: '2999-01-01T09:00:00+07:00', now: NOW })).thenRejects('FUTURE_DATE');
  });
});

describe('Donations: designated money (R5) and the management-cost base (R6)', () => {
  it('gives a donation with an explicit restriction its own pool', () => {
    const restriction = { purpose: 'Hỗ trợ học sinh nghèo', beneficiary: null };
    DonationDecider.given(donationRecorded({ sequence: 1 }))
      .withFund(fund)
      .when(recordDonation({ restriction }))
      .thenMatches({ data: { donationId: 'DN-2024-000002', restrictionId: 'DN-2024-000002', restriction, inManagementCostBase: true } });
  });

  it('leaves money for a named beneficiary outside the management-cost base', () => {
    const restriction = { purpose: 'Chữa bệnh', beneficiary: 'Em Lê Văn C, xã Tân Phú' };
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ restriction }))
      .thenMatches({ data: { restrictionId: 'DN-2024-000001', cash: true, inManagementCostBase: false } });
  });

  it('records state budget money under its own category, outside the management-cost base (R2, R6)', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ revenueCategory: 'state_budget', donor: { ...DONOR, name: 'UBND tỉnh Yên Bái', kind: 'organization' } }))
      .thenMatches({ data: { revenueCategory: 'state_budget', cash: true, inManagementCostBase: false } });
  });

  it('keeps service income and other lawful income in the management-cost base (R2, R6)', () => {
    for (const revenueCategory of ['service_income', 'other'] as const) {
      DonationDecider.given()
        .withFund(fund)
        .when(recordDonation({ revenueCategory }))
        .thenMatches({ data: { revenueCategory, inManagementCostBase: true } });
    }
  });

  it('refuses interest as a donation\'s category: interest is the bank\'s, booked from the statement (VALIDATION_FAILED)', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ revenueCategory: 'interest' as never }))
      .thenRejects('VALIDATION_FAILED', { field: 'revenueCategory' });
  });

  it('records in-kind gifts at their value, not as cash, outside the management-cost base (R18)', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ channel: 'in_kind', amount: '50000000', inKind: RICE, reference: null }))
      .thenMatches({ data: { channel: 'in_kind', amountVnd: '50000000', cash: false, inManagementCostBase: false, inKind: RICE } });
  });

  it('needs the in-kind details for an in-kind gift, and refuses them on money (VALIDATION_FAILED)', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ channel: 'in_kind', inKind: null })).thenRejects('VALIDATION_FAILED', { field: 'inKind' });
    DonationDecider.given().withFund(fund).when(recordDonation({ channel: 'cash', inKind: RICE })).thenRejects('VALIDATION_FAILED', { field: 'inKind' });
  });
});

describe('Donations to campaigns (R14, R15; api.md "A donation to a disaster campaign is restricted to it")', () => {
  it('restricts a donation to a disaster campaign to campaign:<id> even without a restriction', () => {
    DonationDecider.given()
      .withFund(...floodFund)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: FLOOD.receivedAt }))
      .thenMatches({ data: { campaignId: FLOOD.campaignId, restrictionId: 'campaign:bao-yagi-2024', restriction: null, inManagementCostBase: true } });
  });

  it('gives an explicit restriction inside a disaster campaign its own pool, tied to the campaign', () => {
    const restriction = { purpose: 'Dựng lại trường mầm non Làng Nủ', beneficiary: null };
    DonationDecider.given()
      .withFund(...floodFund)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: FLOOD.receivedAt, restriction }))
      .thenMatches({ data: { campaignId: FLOOD.campaignId, restrictionId: 'DN-2024-000001', restriction } });
  });

  it('leaves a donation to another kind of campaign unrestricted', () => {
    const month = campaignCreated({ campaignId: 'thang-nhan-dao-2024', kind: 'humanitarian_month', receiveFrom: '2024-05-01T00:00:00+07:00', receiveUntil: '2024-06-01T00:00:00+07:00' });
    DonationDecider.given()
      .withFund(fund, month)
      .when(recordDonation({ campaignId: 'thang-nhan-dao-2024' }))
      .thenMatches({ data: { campaignId: 'thang-nhan-dao-2024', restrictionId: null } });
  });

  it('receives from the first instant of the window to the last, both included', () => {
    DonationDecider.given().withFund(...floodFund).when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: FLOOD.receiveFrom })).thenMatches({ type: 'DonationRecorded' });
    DonationDecider.given().withFund(...floodFund).when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: FLOOD.receiveUntil })).thenMatches({ type: 'DonationRecorded' });
  });

  it('refuses money received before the window opens (CAMPAIGN_NOT_OPEN)', () => {
    DonationDecider.given()
      .withFund(...floodFund)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: plusMs(FLOOD.receiveFrom, -1) }))
      .thenRejects('CAMPAIGN_NOT_OPEN', { campaignId: FLOOD.campaignId, receiveFrom: FLOOD.receiveFrom });
  });

  it('refuses money received after receiveUntil (CAMPAIGN_CLOSED)', () => {
    DonationDecider.given()
      .withFund(...floodFund)
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: plusMs(FLOOD.receiveUntil, 1) }))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId, receivingEnded: FLOOD.receiveUntil });
  });

  it('refuses money received after the campaign was closed early (CAMPAIGN_CLOSED)', () => {
    const closedAt = '2024-10-01T17:00:00+07:00';
    DonationDecider.given()
      .withFund(...floodFund, campaignClosed(FLOOD.campaignId, closedAt))
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: plusMs(closedAt, 1) }))
      .thenRejects('CAMPAIGN_CLOSED', { receivingEnded: closedAt });
  });

  it('still books, after the close, a transfer that was received before it', () => {
    DonationDecider.given()
      .withFund(...floodFund, campaignClosed(FLOOD.campaignId, '2024-10-01T17:00:00+07:00'))
      .when(recordDonation({ campaignId: FLOOD.campaignId, receivedAt: '2024-10-01T16:00:00+07:00' }))
      .thenMatches({ data: { restrictionId: FLOOD.pool } });
  });

  it('refuses an unknown campaign (NOT_FOUND)', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ campaignId: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'campaign' });
  });
});

describe('Donations: rejection precedence (donation.rejections.ts)', () => {
  it('VALIDATION_FAILED comes before NOT_FOUND (fund)', () => {
    DonationDecider.given().when(recordDonation({ amount: '1.5' })).thenRejects('VALIDATION_FAILED');
  });

  it('NOT_FOUND (fund) comes before UNKNOWN_COMPONENT', () => {
    DonationDecider.given().when(recordDonation({ component: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it('UNKNOWN_COMPONENT comes before NOT_FOUND (campaign)', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ component: 'khong-co', campaignId: 'khong-co' })).thenRejects('UNKNOWN_COMPONENT');
  });

  it('VALIDATION_FAILED comes before the campaign checks', () => {
    DonationDecider.given()
      .withFund(...floodFund)
      .when(recordDonation({ amount: '0', campaignId: FLOOD.campaignId, receivedAt: plusMs(FLOOD.receiveUntil, 1) }))
      .thenRejects('VALIDATION_FAILED');
  });
});
