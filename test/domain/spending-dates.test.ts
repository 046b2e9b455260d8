/**
 * Business dates of spending (api-v2 "Dates"): requestedAt, paidAt, releasedAt, settledAt and
 * reversedAt are when money moved, supplied by the caller or defaulting to the command's now.
 * The fiscal year follows them; none may lie later than tomorrow (FUTURE_DATE); a payment or a
 * settlement is never dated before what it completes (DATE_BEFORE_REQUEST).
 */
import { isFutureBusinessDate, wholeDaysLate } from '../../src/domain/shared/calendar';
import {
  disbursementApproved, disbursementPaid, disbursementRequested, donationRecorded, emergencyReleased, emergencyReleaseSettled, emergencySettlementReversed,
  fundOpened, NOW, pay,
  plusDays, plusMs, releaseEmergency, releaseId, requestDisbursement, reverseEntry, settleEmergency, disbursementId,
} from './builders';
import { SpendingDecider } from './given-when-then';

const fund = fundOpened();
// The money came in before every business date these tests give, so only the dates' own rules decide.
const money = donationRecorded({ sequence: 1, amountVnd: '100000000', receivedAt: '2023-01-02T09:00:00+07:00', fiscalYear: 2023 });
const reliefMoney = donationRecorded({ sequence: 2, component: 'emergency-relief', amountVnd: '100000000', receivedAt: '2023-01-02T09:00:00+07:00', fiscalYear: 2023 });
const DB1 = disbursementId(1);
const ER1 = releaseId(1);
const HOUR_MS = 60 * 60 * 1000;
const given = (...events: Parameters<typeof SpendingDecider.given>) => SpendingDecider.given(...events).withFund(fund).withDonations(money, reliefMoney);

describe('isFutureBusinessDate: later than tomorrow in Vietnam time', () => {
  it('accepts a timestamp up to now + 24 h and refuses one millisecond more', () => {
    expect(isFutureBusinessDate(plusMs(NOW, 24 * HOUR_MS), NOW)).toBe(false);
    expect(isFutureBusinessDate(plusMs(NOW, 24 * HOUR_MS + 1), NOW)).toBe(true);
  });

  it('accepts a date-only value up to tomorrow\'s Vietnam date and refuses the day after', () => {
    // 2024-05-12T20:00Z is already 13 May in Vietnam: tomorrow is the 14th.
    const lateEvening = '2024-05-12T20:00:00Z';
    expect(isFutureBusinessDate('2024-05-14', lateEvening)).toBe(false);
    expect(isFutureBusinessDate('2024-05-15', lateEvening)).toBe(true);
  });

  it('counts whole days late on Vietnam calendar dates', () => {
    expect(wholeDaysLate('2024-06-11T09:30:00+07:00', '2024-06-11T23:59:00+07:00')).toBe(0);
    expect(wholeDaysLate('2024-06-11T09:30:00+07:00', '2024-06-12T00:01:00+07:00')).toBe(1);
    expect(wholeDaysLate('2024-06-11T09:30:00+07:00', '2024-06-01T00:00:00+07:00')).toBe(0);
  });
});

describe('Business date of a disbursement request (requestedAt)', () => {
  it('defaults to the command\'s now', () => {
    given().when(requestDisbursement()).thenMatches({ data: { requestedAt: NOW, fiscalYear: 2024 } });
  });

  it('sets the fiscal year from the business date, not from the recording clock (finding 14)', () => {
    given()
      .when(requestDisbursement({ requestedAt: '2023-12-31T23:30:00+07:00', now: '2026-01-05T09:00:00+07:00' }))
      .thenMatches({ data: { requestedAt: '2023-12-31T23:30:00+07:00', fiscalYear: 2023 } });
  });

  it('refuses a requestedAt later than tomorrow (FUTURE_DATE)', () => {
    given().when(requestDisbursement({ requestedAt: plusMs(NOW, 24 * HOUR_MS + 1000) })).thenRejects('FUTURE_DATE', { field: 'requestedAt' });
  });

  it('refuses an unparseable requestedAt from a path that skips the edge (VALIDATION_FAILED)', () => {
    given().when(requestDisbursement({ requestedAt: 'hôm qua' })).thenRejects('VALIDATION_FAILED', { field: 'requestedAt' });
  });
});

describe('Business date of a payment (paidAt)', () => {
  const requested = disbursementRequested({ sequence: 1, requestedAt: '2026-03-02T09:00:00+07:00', fiscalYear: 2026 });
  const approved = disbursementApproved(1);

  it('refuses a payment dated before its request (DATE_BEFORE_REQUEST)', () => {
    given(requested, approved)
      .when(pay(DB1, { paidAt: '2024-01-01T09:00:00+07:00', now: '2026-03-03T09:00:00+07:00' }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'paidAt', requestedAt: '2026-03-02T09:00:00+07:00' });
  });

  it('compares as instants: 08:00 in Hanoi is after 00:30 UTC the same morning', () => {
    const requestedUtc = disbursementRequested({ sequence: 1, requestedAt: '2026-03-02T00:30:00Z', fiscalYear: 2026 });
    given(requestedUtc, approved)
      .when(pay(DB1, { paidAt: '2026-03-02T08:00:00+07:00', now: '2026-03-02T08:00:00+07:00' }))
      .thenMatches({ type: 'DisbursementPaid', data: { paidAt: '2026-03-02T08:00:00+07:00' } });
  });

  it('refuses a paidAt later than tomorrow (FUTURE_DATE), before looking the request up', () => {
    given().when(pay('DB-000404', { paidAt: '2999-01-01T00:00:00+07:00', now: NOW })).thenRejects('FUTURE_DATE', { field: 'paidAt' });
  });

  it('compares to the whole second: a payment typed in the second of a request recorded at .600 is not before it', () => {
    const requestedNow = disbursementRequested({ sequence: 1, requestedAt: '2024-05-12T02:30:00.600Z' });
    given(requestedNow, approved).when(pay(DB1, { paidAt: '2024-05-12T09:30:00+07:00', now: NOW })).thenMatches({ type: 'DisbursementPaid' });
    given(requestedNow, approved).when(pay(DB1, { paidAt: '2024-05-12T09:29:59+07:00', now: NOW })).thenRejects('DATE_BEFORE_REQUEST');
  });

  it('accepts a payment dated the moment of the request', () => {
    given(disbursementRequested({ sequence: 1 }), approved).when(pay(DB1, { paidAt: NOW, now: NOW })).thenMatches({ type: 'DisbursementPaid' });
  });
});

describe('Business dates of emergency money (releasedAt, settledAt)', () => {
  it('counts settleBy from the release\'s business date', () => {
    const releasedAt = '2024-05-01T08:00:00+07:00';
    given().when(releaseEmergency({ releasedAt })).thenMatches({ data: { releasedAt, settleBy: '2024-05-31T08:00:00+07:00' } });
  });

  it('refuses a releasedAt later than tomorrow (FUTURE_DATE)', () => {
    given().when(releaseEmergency({ releasedAt: plusDays(NOW, 2) })).thenRejects('FUTURE_DATE', { field: 'releasedAt' });
  });

  it('refuses a settlement dated before its release (DATE_BEFORE_REQUEST)', () => {
    given(emergencyReleased({ sequence: 1 }))
      .when({ ...settleEmergency(ER1, '10000000', '0'), settledAt: plusDays(NOW, -1) })
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'settledAt' });
  });

  it('refuses a settledAt later than tomorrow (FUTURE_DATE)', () => {
    given(emergencyReleased({ sequence: 1 }))
      .when({ ...settleEmergency(ER1, '10000000', '0'), settledAt: plusDays(NOW, 3) })
      .thenRejects('FUTURE_DATE', { field: 'settledAt' });
  });

  it('stores the settlement\'s business date, defaulting to now', () => {
    given(emergencyReleased({ sequence: 1 })).when(settleEmergency(ER1, '10000000', '0')).thenMatches({ data: { settledAt: NOW } });
  });

  describe('a release re-opened by the reversal of its settlement', () => {
    // Released ten days ago, settled five days ago, the settlement reversed today.
    const released = emergencyReleased({ sequence: 1, releasedAt: plusDays(NOW, -10), settleBy: plusDays(NOW, 20) });
    const settled = emergencyReleaseSettled(1, '6000000', '4000000');
    const reopened = [released, { ...settled, data: { ...settled.data, settledAt: plusDays(NOW, -5) } }, emergencySettlementReversed(released, '6000000', '4000000')];

    it('is settled again no earlier than the reversal: dated between, a look-back would count it settled twice (DATE_BEFORE_REQUEST)', () => {
      given(...reopened)
        .when({ ...settleEmergency(ER1, '10000000', '0'), settledAt: plusDays(NOW, -4) })
        .thenRejects('DATE_BEFORE_REQUEST', { field: 'settledAt', reopenedAt: NOW });
      given(...reopened).when(settleEmergency(ER1, '10000000', '0')).thenMatches({ type: 'EmergencyReleaseSettled', data: { settledAt: NOW } });
    });

    it('is cancelled no earlier than the reversal: dated between, a look-back would count its money given back twice (DATE_BEFORE_REQUEST)', () => {
      given(...reopened)
        .when({ ...reverseEntry(ER1), reversedAt: plusDays(NOW, -8) })
        .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', reopenedAt: NOW });
      given(...reopened).when(reverseEntry(ER1)).thenMatches({ type: 'EmergencyReleaseCancelled', data: { reversedAt: NOW } });
    });
  });
});

describe('Business date of a reversal (reversedAt)', () => {
  const requested = disbursementRequested({ sequence: 1 });
  const paid = [requested, disbursementApproved(1), disbursementPaid(1)];

  it('stores the given reversedAt, defaulting to now', () => {
    given(...paid).when(reverseEntry(DB1)).thenMatches({ data: { reversedAt: NOW } });
    given(...paid).when({ ...reverseEntry(DB1), reversedAt: '2024-05-12T10:00:00+07:00' }).thenMatches({ data: { reversedAt: '2024-05-12T10:00:00+07:00' } });
  });

  it('refuses a reversedAt later than tomorrow (FUTURE_DATE)', () => {
    given(...paid).when({ ...reverseEntry(DB1), reversedAt: plusDays(NOW, 2) }).thenRejects('FUTURE_DATE', { field: 'reversedAt' });
  });
});
