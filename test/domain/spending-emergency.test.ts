import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  campaignCreated, COORDINATOR, disbursementRequested, donationRecorded, emergencyReleased, emergencyReleaseSettled, FLOOD, FUND_ID,
  fundOpened, policyChanged, releaseEmergency, releaseId, requestDisbursement, settleEmergency,
} from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const reliefMoney = donationRecorded({ sequence: 1, component: 'emergency-relief', amountVnd: '60000000' });
const ER1 = releaseId(1);
const NOW_HANOI = '2024-09-08T10:00:00+07:00';

describe('Emergency releases: money handed out at once (R11, R13)', () => {
  it('releases up to exactly the policy cap, settling by now + the policy days', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '50000000', now: NOW_HANOI, note: 'Bão số 3' }))
      .then({
        type: 'EmergencyReleased',
        data: {
          fundId: FUND_ID,
          releaseId: 'ER-000001',
          amount: '50000000',
          component: 'emergency-relief',
          campaignId: null,
          restrictionId: null,
          incident: 'Sạt lở đất xã Trà Leng',
          recipient: 'Ban chỉ huy PCTT xã Trà Leng',
          note: 'Bão số 3',
          releasedBy: COORDINATOR,
          releasedAt: NOW_HANOI,
          // In the clock the release was dated in (Vietnam time here), as releasedAt reads.
          settleBy: '2024-10-08T10:00:00+07:00',
        },
      });
  });

  it('refuses one dong over the cap (EMERGENCY_CAP_EXCEEDED)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '50000001' }))
      .thenRejects('EMERGENCY_CAP_EXCEEDED', { cap: '50000000', requested: '50000001' });
  });

  it('tells the settlement deadline in Vietnam time when the release was dated in UTC (the server\'s clock)', () => {
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '1000000', now: '2024-09-08T03:00:00Z' }))
      .thenMatches({ data: { releasedAt: '2024-09-08T03:00:00Z', settleBy: '2024-10-08T10:00:00+07:00' } });
  });

  it("follows the policy's cap and settlement days", () => {
    const policy = policyChanged({ emergencyReleaseCap: '20000000', emergencySettlementDays: 7 });
    SpendingDecider.given().withFund(fund, policy).withDonations(reliefMoney).when(releaseEmergency({ amount: '20000000', now: NOW_HANOI })).thenMatches({ data: { settleBy: '2024-09-15T10:00:00+07:00' } });
    SpendingDecider.given().withFund(fund, policy).withDonations(reliefMoney).when(releaseEmergency({ amount: '20000001' })).thenRejects('EMERGENCY_CAP_EXCEEDED', { cap: '20000000' });
  });

  it('applies the cap to each release, not to their sum', () => {
    SpendingDecider.given(emergencyReleased({ sequence: 1, amount: '50000000' }))
      .withFund(fund)
      .withDonations(donationRecorded({ sequence: 1, component: 'emergency-relief', amountVnd: '100000000' }))
      .when(releaseEmergency({ amount: '50000000' }))
      .thenMatches({ data: { releaseId: 'ER-000002' } });
  });

  it('releases the whole available balance, and refuses one dong beyond it (INSUFFICIENT_FUNDS)', () => {
    const small = donationRecorded({ sequence: 1, component: 'emergency-relief', amountVnd: '10000000' });
    SpendingDecider.given().withFund(fund).withDonations(small).when(releaseEmergency({ amount: '10000000' })).thenMatches({ data: { amount: '10000000' } });
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(small)
      .when(releaseEmergency({ amount: '10000001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'emergency-relief', requested: '10000001', available: '10000000' });
  });

  it('counts held disbursements and open releases against what it may release', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, component: 'emergency-relief', amount: '30000000' }), emergencyReleased({ sequence: 1, amount: '20000000' }))
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '10000001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '10000000' });
  });

  it('takes released money out of what disbursements may request', () => {
    SpendingDecider.given(emergencyReleased({ sequence: 1, amount: '50000000' }))
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(requestDisbursement({ component: 'emergency-relief', amount: '10000001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '10000000' });
  });

  it("draws on a disaster campaign's pool when the campaign is named", () => {
    const toFlood = donationRecorded({ sequence: 1, component: 'emergency-relief', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, amountVnd: '30000000', receivedAt: FLOOD.receivedAt });
    SpendingDecider.given()
      .withFund(fund, campaignCreated())
      .withDonations(toFlood)
      .when(releaseEmergency({ campaignId: FLOOD.campaignId, amount: '30000000', now: FLOOD.now }))
      .thenMatches({ data: { campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, amount: '30000000' } });
    SpendingDecider.given().withFund(fund, campaignCreated()).withDonations(toFlood).when(releaseEmergency({ amount: '1', now: FLOOD.now })).thenRejects('INSUFFICIENT_FUNDS', { pool: 'emergency-relief' });
  });

  it('refuses an unknown component (UNKNOWN_COMPONENT), campaign or fund (NOT_FOUND)', () => {
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney).when(releaseEmergency({ component: 'khong-co' })).thenRejects('UNKNOWN_COMPONENT');
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney).when(releaseEmergency({ campaignId: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'campaign' });
    SpendingDecider.given().withDonations(reliefMoney).when(releaseEmergency()).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it.each(['0', '-1', '1e6', '1.5', '1000000000000001'])('refuses the amount %p (VALIDATION_FAILED)', (amount) => {
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney).when(releaseEmergency({ amount })).thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('precedence: over the cap and over the balance is EMERGENCY_CAP_EXCEEDED', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(donationRecorded({ sequence: 1, component: 'emergency-relief', amountVnd: '1000' }))
      .when(releaseEmergency({ amount: '50000001' }))
      .thenRejects('EMERGENCY_CAP_EXCEEDED');
  });

  it('precedence: VALIDATION_FAILED comes before UNKNOWN_COMPONENT', () => {
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney).when(releaseEmergency({ amount: '0', component: 'khong-co' })).thenRejects('VALIDATION_FAILED');
  });

  it('precedence: VALIDATION_FAILED comes before NOT_FOUND (fund)', () => {
    SpendingDecider.given().when(releaseEmergency({ amount: '0' })).thenRejects('VALIDATION_FAILED');
  });

  it('precedence: UNKNOWN_COMPONENT comes before NOT_FOUND (campaign)', () => {
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney).when(releaseEmergency({ component: 'khong-co', campaignId: 'khong-co' })).thenRejects('UNKNOWN_COMPONENT');
  });
});

describe('Emergency releases: settlement (R11: evidence may come afterwards)', () => {
  const released = emergencyReleased({ sequence: 1, amount: '50000000' });

  it('settles with spent + returned equal to the amount released', () => {
    SpendingDecider.given(released)
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(settleEmergency(ER1, '20000000', '30000000', ['bien-ban-ban-giao.pdf', 'danh-sach-nhan.xlsx']))
      .then({
        type: 'EmergencyReleaseSettled',
        data: {
          fundId: FUND_ID,
          releaseId: ER1,
          spent: '20000000',
          returned: '30000000',
          evidence: ['bien-ban-ban-giao.pdf', 'danh-sach-nhan.xlsx'],
          settledBy: COORDINATOR,
          settledAt: '2024-05-12T09:30:00+07:00',
          daysOverdue: 0,
        },
      });
  });

  it.each([
    ['20000000', '29999999'],
    ['20000000', '30000001'],
    ['50000001', '0'],
    ['0', '0'],
  ])('refuses spent %s + returned %s ≠ 50000000 (SETTLEMENT_MISMATCH)', (spent, returned) => {
    SpendingDecider.given(released)
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(settleEmergency(ER1, spent, returned))
      .thenRejects('SETTLEMENT_MISMATCH', { released: '50000000', spent, returned });
  });

  it('settles all spent or all returned, "0" being allowed for the other', () => {
    SpendingDecider.given(released).withFund(fund).withDonations(reliefMoney).when(settleEmergency(ER1, '50000000', '0')).thenMatches({ data: { spent: '50000000', returned: '0' } });
    SpendingDecider.given(released).withFund(fund).withDonations(reliefMoney).when(settleEmergency(ER1, '0', '50000000', [])).thenMatches({ data: { spent: '0', returned: '50000000', evidence: [] } });
  });

  it('needs evidence for money spent (EVIDENCE_REQUIRED)', () => {
    SpendingDecider.given(released).withFund(fund).withDonations(reliefMoney).when(settleEmergency(ER1, '1', '49999999', [])).thenRejects('EVIDENCE_REQUIRED', { field: 'evidence', spent: '1' });
  });

  it('refuses to settle twice (INVALID_STATE)', () => {
    SpendingDecider.given(released, emergencyReleaseSettled(1, '20000000', '30000000'))
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(settleEmergency(ER1, '20000000', '30000000'))
      .thenRejects('INVALID_STATE');
  });

  it('refuses an unknown release (NOT_FOUND)', () => {
    SpendingDecider.given().withFund(fund).withDonations(reliefMoney).when(settleEmergency(ER1, '1', '0')).thenRejects('NOT_FOUND', { entity: 'emergency release' });
  });

  it.each([
    ['-1', '0', 'spent'],
    ['1.5', '0', 'spent'],
    ['1e6', '0', 'spent'],
    ['', '0', 'spent'],
    ['0', '-1', 'returned'],
    ['0', '00', 'returned'],
  ])('refuses spent %p, returned %p (VALIDATION_FAILED on %s)', (spent, returned, field) => {
    SpendingDecider.given(released).withFund(fund).withDonations(reliefMoney).when(settleEmergency(ER1, spent, returned)).thenRejects('VALIDATION_FAILED', { field });
  });

  it('makes returned money available again; spent money stays out', () => {
    const settled = emergencyReleaseSettled(1, '20000000', '30000000');
    expect(availableInPool(spendingStateOf(released), inflowsOf(reliefMoney), 'emergency-relief').toFixed()).toBe('10000000');
    expect(availableInPool(spendingStateOf(released, settled), inflowsOf(reliefMoney), 'emergency-relief').toFixed()).toBe('40000000');
    SpendingDecider.given(released, settled).withFund(fund).withDonations(reliefMoney).when(requestDisbursement({ component: 'emergency-relief', amount: '40000000' })).thenMatches({ data: { amount: '40000000' } });
    SpendingDecider.given(released, settled)
      .withFund(fund)
      .withDonations(reliefMoney)
      .when(requestDisbursement({ component: 'emergency-relief', amount: '40000001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '40000000' });
  });

  it('precedence: VALIDATION_FAILED → NOT_FOUND → INVALID_STATE → SETTLEMENT_MISMATCH → EVIDENCE_REQUIRED', () => {
    const given = (...events: Parameters<typeof SpendingDecider.given>) => SpendingDecider.given(...events).withFund(fund).withDonations(reliefMoney);
    given().when(settleEmergency('ER-000404', '-1', '0')).thenRejects('VALIDATION_FAILED');
    given().when(settleEmergency('ER-000404', '1', '0', [])).thenRejects('NOT_FOUND');
    given(released, emergencyReleaseSettled(1, '0', '50000000')).when(settleEmergency(ER1, '1', '0', [])).thenRejects('INVALID_STATE');
    given(released).when(settleEmergency(ER1, '1', '0', [])).thenRejects('SETTLEMENT_MISMATCH');
    given(released).when(settleEmergency(ER1, '50000000', '0', [])).thenRejects('EVIDENCE_REQUIRED');
  });

  it('precedence: VALIDATION_FAILED comes before NOT_FOUND (fund)', () => {
    SpendingDecider.given(released).when(settleEmergency(ER1, '-1', '0')).thenRejects('VALIDATION_FAILED');
  });
});
