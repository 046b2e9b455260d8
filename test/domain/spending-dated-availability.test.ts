/**
 * Money that came in later never pays for what is dated earlier. A movement out of a pool dated on
 * a business day must leave the pool's closing available at zero or above on that day and on every
 * day after it, so that no look-back by business date (a balance as of a date, a report of a past
 * period) shows a pool below zero. Days in Vietnam time are the grain, as in the look-backs.
 */
import { vietnamDayNumber } from '../../src/domain/shared/calendar';
import { lowestAvailableFrom, recordDated, type DatedNetsByPool } from '../../src/domain/spending/dated-nets';
import { MoneyDecimal } from '../../src/domain/money';
import {
  disbursementId, disbursementRejected, disbursementRequested, donationRecorded, donationReversed, emergencyReleased, fundOpened, NOW,
  releaseEmergency, requestDisbursement, reverseEntry,
} from './builders';
import { SpendingDecider } from './given-when-then';

const fund = fundOpened();
const day = (date: string, time = '10:00:00') => `${date}T${time}+07:00`;
/** 100M arrives on 2 May, 50M more on 12 May (the builders' NOW is 12 May 09:30). */
const first = donationRecorded({ sequence: 1, amountVnd: '100000000', receivedAt: day('2024-05-02') });
const later = donationRecorded({ sequence: 2, amountVnd: '50000000', receivedAt: day('2024-05-12', '08:00:00') });
const relief = donationRecorded({ sequence: 3, component: 'emergency-relief', amountVnd: '60000000', receivedAt: day('2024-05-06', '15:00:00') });

describe('A movement is paid only by money the pool held on its business date', () => {
  it('refuses an emergency release dated before the money arrived, naming the day and what the pool held then', () => {
    SpendingDecider.given().withFund(fund).withDonations(relief)
      .when(releaseEmergency({ amount: '10000000', releasedAt: day('2024-05-05') }))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'emergency-relief', requested: '10000000', available: '0', asOf: '2024-05-05' });
  });

  it('accepts the same release dated on the day the money arrived, earlier in the day included (days are the grain)', () => {
    SpendingDecider.given().withFund(fund).withDonations(relief)
      .when(releaseEmergency({ amount: '10000000', releasedAt: day('2024-05-06', '09:00:00') }))
      .thenMatches({ type: 'EmergencyReleased', data: { releasedAt: day('2024-05-06', '09:00:00') } });
  });

  it('keeps what is already dated later paid for: a backdated request may not take money a later payment relied on', () => {
    const paidOn10May = disbursementRequested({ sequence: 1, amount: '80000000', requestedAt: day('2024-05-10') });
    const given = () => SpendingDecider.given(paidOn10May).withFund(fund).withDonations(first, later);
    // Today the pool holds 70M; at the close of 10 May it held 20M, before the later gift came.
    given().when(requestDisbursement({ amount: '40000000', requestedAt: day('2024-05-05') }))
      .thenRejects('INSUFFICIENT_FUNDS', { requested: '40000000', available: '20000000', asOf: '2024-05-10' });
    given().when(requestDisbursement({ amount: '20000000', requestedAt: day('2024-05-05') }))
      .thenMatches({ type: 'DisbursementRequested', data: { disbursementId: disbursementId(2), amount: '20000000' } });
    given().when(requestDisbursement({ amount: '40000000', requestedAt: day('2024-05-12') }))
      .thenMatches({ type: 'DisbursementRequested', data: { amount: '40000000' } });
  });

  it('gives a rejected request\'s money back from the day of the rejection, not before', () => {
    const held = disbursementRequested({ sequence: 1, amount: '80000000', requestedAt: day('2024-05-05') });
    const rejected = disbursementRejected(1); // rejected on NOW, 12 May
    const given = () => SpendingDecider.given(held, rejected).withFund(fund).withDonations(first);
    given().when(requestDisbursement({ amount: '50000000', requestedAt: day('2024-05-08') }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '20000000', asOf: '2024-05-08' });
    given().when(requestDisbursement({ amount: '50000000' }))
      .thenMatches({ type: 'DisbursementRequested', data: { amount: '50000000', requestedAt: NOW } });
  });

  it('refuses a backdated donation reversal that would leave spending dated after it unpaid', () => {
    const spent = disbursementRequested({ sequence: 1, amount: '40000000', requestedAt: day('2024-05-03') });
    const reversal = { ...reverseEntry(first.data.donationId, first), reversedAt: day('2024-05-04') };
    // Today: 150M in, 40M out, so 110M would remain; at the close of 4 May only 60M was there.
    SpendingDecider.given(spent).withFund(fund).withDonations(first, later).when(reversal)
      .thenRejects('INSUFFICIENT_FUNDS', { requested: '100000000', available: '60000000', asOf: '2024-05-04' });
    SpendingDecider.given(spent).withFund(fund).withDonations(first, later).when({ ...reversal, reversedAt: day('2024-05-12') })
      .thenMatches({ type: 'DonationReversed' });
  });

  it('says today\'s figure, as before, when no later day holds less', () => {
    const given = () => SpendingDecider.given(donationReversed(later, 1)).withFund(fund).withDonations(first, later);
    given().when(requestDisbursement({ amount: '150000000', requestedAt: day('2024-05-03') }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '100000000' });
    given().when(releaseEmergency({ component: 'general', amount: '1000', releasedAt: day('2024-05-03') }))
      .thenMatches({ type: 'EmergencyReleased' });
  });

  it('counts a release from its own day: money a later gift brought does not cover a day before it', () => {
    const out = emergencyReleased({ sequence: 1, amount: '50000000', releasedAt: day('2024-05-07') });
    const more = donationRecorded({ sequence: 4, component: 'emergency-relief', amountVnd: '40000000', receivedAt: day('2024-05-09') });
    // Today 50M remain; at the close of 7 May only 10M did.
    SpendingDecider.given(out).withFund(fund).withDonations(relief, more)
      .when(releaseEmergency({ amount: '20000000', releasedAt: day('2024-05-06', '18:00:00') }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '10000000', asOf: '2024-05-07' });
    SpendingDecider.given(out).withFund(fund).withDonations(relief, more)
      .when(releaseEmergency({ amount: '20000000', releasedAt: day('2024-05-09') }))
      .thenMatches({ type: 'EmergencyReleased' });
  });
});

describe('lowestAvailableFrom: the least closing available from a day on', () => {
  const dated = (...entries: [string, string][]): DatedNetsByPool => {
    const byPool: DatedNetsByPool = new Map();
    for (const [date, change] of entries) recordDated(byPool, 'general', day(date), new MoneyDecimal(change));
    return byPool;
  };

  it('is today\'s figure when nothing is dated after the day', () => {
    const nets = dated(['2024-05-01', '100'], ['2024-05-03', '-30']).get('general');
    expect(lowestAvailableFrom(new MoneyDecimal('70'), [nets], vietnamDayNumber(day('2024-05-03')))).toEqual({ amount: new MoneyDecimal('70'), day: null });
  });

  it('walks the later days from the closing of the day, and names the lowest', () => {
    const inflows = dated(['2024-05-01', '100'], ['2024-05-09', '50']).get('general');
    const outflows = dated(['2024-05-05', '-80'], ['2024-05-10', '-10']).get('general');
    const lowest = lowestAvailableFrom(new MoneyDecimal('60'), [inflows, outflows], vietnamDayNumber(day('2024-05-02')));
    expect(lowest.amount.toFixed()).toBe('20');
    expect(lowest.day).toBe(vietnamDayNumber(day('2024-05-05')));
  });

  it('counts money without a dated change from the start (what the figures hold beyond the dated entries)', () => {
    const outflows = dated(['2024-05-05', '-80']).get('general');
    expect(lowestAvailableFrom(new MoneyDecimal('20'), [undefined, outflows], vietnamDayNumber(day('2024-05-01'))).amount.toFixed()).toBe('20');
  });

  it('reads the day in Vietnam time: 23:30 UTC is the next day', () => {
    expect(vietnamDayNumber('2024-05-04T23:30:00Z')).toBe(vietnamDayNumber('2024-05-05T08:00:00+07:00'));
  });
});
