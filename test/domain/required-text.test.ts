/**
 * Required strings are non-blank after trimming, everywhere (finding 5). The HTTP edge refuses
 * them with 400; the deciders hold the same rule for paths that skip the edge (bulk import),
 * and a certification reference of spaces is no certification at all.
 */
import {
  disbursementApproved, disbursementId, disbursementRequested, DONOR, donationRecorded, emergencyReleased, fundOpened, pay,
  recordDonation, rejectDisbursement, releaseEmergency, releaseId, requestDisbursement, reverseEntry, RICE, settleEmergency,
} from './builders';
import { DonationDecider, SpendingDecider } from './given-when-then';

const fund = fundOpened();
const money = donationRecorded({ sequence: 1, amountVnd: '100000000' });
const reliefMoney = donationRecorded({ sequence: 2, component: 'emergency-relief', amountVnd: '100000000' });
const DB1 = disbursementId(1);
const BLANKS = ['', '   ', '\t\n '];
const given = (...events: Parameters<typeof SpendingDecider.given>) => SpendingDecider.given(...events).withFund(fund).withDonations(money, reliefMoney);

describe('Required text of spending commands is non-blank (VALIDATION_FAILED naming the field)', () => {
  it.each(BLANKS)('refuses purpose and beneficiary %j', (blank) => {
    given().when(requestDisbursement({ purpose: blank })).thenRejects('VALIDATION_FAILED', { field: 'purpose' });
    given().when(requestDisbursement({ beneficiary: blank })).thenRejects('VALIDATION_FAILED', { field: 'beneficiary' });
  });

  it.each(BLANKS)('refuses incident and recipient %j', (blank) => {
    given().when(releaseEmergency({ incident: blank })).thenRejects('VALIDATION_FAILED', { field: 'incident' });
    given().when(releaseEmergency({ recipient: blank })).thenRejects('VALIDATION_FAILED', { field: 'recipient' });
  });

  it.each(BLANKS)('refuses a payment reference, a rejection reason and a reversal reason %j', (blank) => {
    const approved = [disbursementRequested({ sequence: 1 }), disbursementApproved(1)];
    given(...approved).when(pay(DB1, { reference: blank })).thenRejects('VALIDATION_FAILED', { field: 'reference' });
    given(...approved).when(rejectDisbursement(DB1, undefined, blank)).thenRejects('VALIDATION_FAILED', { field: 'reason' });
    given(...approved).when(reverseEntry(DB1, null, blank)).thenRejects('VALIDATION_FAILED', { field: 'reason' });
  });

  it('refuses a blank evidence item, naming it', () => {
    given(emergencyReleased({ sequence: 1 }))
      .when(settleEmergency(releaseId(1), '10000000', '0', ['bien-ban.pdf', '  ']))
      .thenRejects('VALIDATION_FAILED', { field: 'evidence.1' });
  });
});

describe('A certification reference of spaces is missing (CERTIFICATION_REQUIRED)', () => {
  const humanitarian = disbursementRequested({ sequence: 1, kind: 'humanitarian', component: 'general' });

  it('refuses paying a humanitarian disbursement against certificationRef "   "', () => {
    given(humanitarian, disbursementApproved(1)).when(pay(DB1, { certificationRef: '   ' })).thenRejects('CERTIFICATION_REQUIRED');
  });

  it('stores a blank certificationRef on a request as none', () => {
    given().when(requestDisbursement({ kind: 'humanitarian', certificationRef: '  ' })).thenMatches({ data: { certificationRef: null } });
  });

  it('keeps the certification given with the request when the payment sends spaces', () => {
    const certified = disbursementRequested({ sequence: 1, kind: 'humanitarian', certificationRef: 'UBND-xa-12/QD' });
    given(certified, disbursementApproved(1)).when(pay(DB1, { certificationRef: ' ' })).thenMatches({ data: { certificationRef: 'UBND-xa-12/QD' } });
  });
});

describe('Required text of a donation is non-blank, for imports too (VALIDATION_FAILED naming the field)', () => {
  it.each(BLANKS)('refuses donor.name %j', (blank) => {
    DonationDecider.given().withFund(fund).when(recordDonation({ donor: { ...DONOR, name: blank } })).thenRejects('VALIDATION_FAILED', { field: 'donor.name' });
  });

  it('refuses a blank restriction purpose or beneficiary, and blank in-kind details', () => {
    const when = (overrides: Parameters<typeof recordDonation>[0]) => DonationDecider.given().withFund(fund).when(recordDonation(overrides));
    when({ restriction: { purpose: ' ', beneficiary: null } }).thenRejects('VALIDATION_FAILED', { field: 'restriction.purpose' });
    when({ restriction: { purpose: 'Chữa bệnh', beneficiary: '  ' } }).thenRejects('VALIDATION_FAILED', { field: 'restriction.beneficiary' });
    when({ channel: 'in_kind', inKind: { ...RICE, unit: ' ' } }).thenRejects('VALIDATION_FAILED', { field: 'inKind.unit' });
  });
});
