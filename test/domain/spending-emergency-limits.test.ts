/**
 * Emergency money out at once (finding 10): the open limit per component, no new releases for a
 * coordinator with an overdue one, and a late settlement stays marked late with its days overdue.
 */
import { completePolicy, DEFAULT_POLICY } from '../../src/domain/fund/fund.policy';
import type { FundOpened, Policy } from '../../src/domain/fund/fund.events';
import {
  COORDINATOR, donationRecorded, emergencyReleased, emergencyReleaseSettled, fundOpened, NOW, plusDays, policyChanged, releaseEmergency,
  releaseId, settleEmergency,
} from './builders';
import { fundStateOf, SpendingDecider } from './given-when-then';

const fund = fundOpened();
// Received before every business date these tests give, so only the limits decide.
const reliefMoney = donationRecorded({ sequence: 1, component: 'emergency-relief', amountVnd: '500000000', receivedAt: '2024-04-01T09:00:00+07:00' });
const generalMoney = donationRecorded({ sequence: 2, component: 'general', amountVnd: '500000000' });
const released = (sequence: number, overrides: Parameters<typeof emergencyReleased>[0] = {}) =>
  emergencyReleased({ sequence, amount: '50000000', ...overrides });

describe('emergencyOpenLimit: unsettled emergency money per component (EMERGENCY_OPEN_LIMIT_EXCEEDED)', () => {
  it('defaults to three times the release cap', () => {
    expect(DEFAULT_POLICY.emergencyOpenLimit).toBe('150000000');
    expect(completePolicy({ emergencyReleaseCap: '20000000' }).emergencyOpenLimit).toBe('60000000');
  });

  it('releases up to the limit exactly and refuses one dong more', () => {
    const given = SpendingDecider.given(released(1), released(2)).withFund(fund).withDonations(reliefMoney);
    given.when(releaseEmergency({ amount: '50000000' })).thenMatches({ type: 'EmergencyReleased' });
    SpendingDecider.given(released(1), released(2), released(3, { amount: '1' })).withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '50000000' }))
      .thenRejects('EMERGENCY_OPEN_LIMIT_EXCEEDED', { component: 'emergency-relief', limit: '150000000', open: '100000001', requested: '50000000' });
  });

  it('counts every coordinator and every pool of the component, but not other components', () => {
    const others = [released(1, { releasedBy: 'coordinator-2' }), released(2, { restrictionId: 'campaign:x' }), released(3, { component: 'general' })];
    SpendingDecider.given(...others, released(4)).withFund(fund).withDonations(reliefMoney, generalMoney)
      .when(releaseEmergency({ amount: '50000000' }))
      .thenRejects('EMERGENCY_OPEN_LIMIT_EXCEEDED', { open: '150000000' });
    SpendingDecider.given(...others).withFund(fund).withDonations(reliefMoney, generalMoney)
      .when(releaseEmergency({ amount: '50000000', component: 'general' }))
      .thenMatches({ type: 'EmergencyReleased' });
  });

  it('frees the limit when a release is settled', () => {
    SpendingDecider.given(released(1), released(2), released(3), emergencyReleaseSettled(3, '50000000', '0'))
      .withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '50000000' }))
      .thenMatches({ type: 'EmergencyReleased' });
  });

  it('follows the policy\'s limit', () => {
    SpendingDecider.given(released(1)).withFund(fund, policyChanged({ emergencyOpenLimit: '60000000' })).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '10000001' }))
      .thenRejects('EMERGENCY_OPEN_LIMIT_EXCEEDED', { limit: '60000000' });
  });
});

describe('blockReleasesWhenOverdue: a coordinator with an overdue release (SETTLEMENT_OVERDUE)', () => {
  const old = released(1, { releasedAt: plusDays(NOW, -40), settleBy: plusDays(NOW, -10) });

  it('refuses a new release while an earlier one is past settleBy and unsettled', () => {
    SpendingDecider.given(old).withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '1000000' }))
      .thenRejects('SETTLEMENT_OVERDUE', { releaseIds: [releaseId(1)] });
  });

  it('compares settleBy with the new release\'s business date, not the recording clock', () => {
    SpendingDecider.given(old).withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '1000000', releasedAt: plusDays(NOW, -20) }))
      .thenMatches({ type: 'EmergencyReleased' });
  });

  it('does not hold one coordinator\'s overdue release against another', () => {
    SpendingDecider.given(old).withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '1000000', actor: { userId: 'coordinator-2' } }))
      .thenMatches({ type: 'EmergencyReleased', data: { releasedBy: 'coordinator-2' } });
  });

  it('releases again once the overdue release is settled', () => {
    SpendingDecider.given(old, emergencyReleaseSettled(1, '50000000', '0')).withFund(fund).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '1000000' }))
      .thenMatches({ type: 'EmergencyReleased', data: { releasedBy: COORDINATOR } });
  });

  it('lets the board turn the block off', () => {
    SpendingDecider.given(old).withFund(fund, policyChanged({ blockReleasesWhenOverdue: false })).withDonations(reliefMoney)
      .when(releaseEmergency({ amount: '1000000' }))
      .thenMatches({ type: 'EmergencyReleased' });
  });
});

describe('A late settlement is stored with its whole days overdue', () => {
  const release = released(1, { releasedAt: '2024-04-01T10:00:00+07:00', settleBy: '2024-05-01T10:00:00+07:00' });

  it('stores daysOverdue by Vietnam calendar date of the business dates', () => {
    SpendingDecider.given(release).withFund(fund).withDonations(reliefMoney)
      .when({ ...settleEmergency(releaseId(1), '50000000', '0'), settledAt: '2024-05-11T08:00:00+07:00' })
      .thenMatches({ data: { settledAt: '2024-05-11T08:00:00+07:00', daysOverdue: 10 } });
  });

  it('stores 0 for a settlement on the deadline\'s date', () => {
    SpendingDecider.given(release).withFund(fund).withDonations(reliefMoney)
      .when({ ...settleEmergency(releaseId(1), '50000000', '0'), settledAt: '2024-05-01T23:00:00+07:00' })
      .thenMatches({ data: { daysOverdue: 0 } });
  });
});

describe('Policies stored before the new fields existed', () => {
  it('fold with the new fields at their defaults', () => {
    const opened = fundOpened();
    const { emergencyOpenLimit: _limit, blockReleasesWhenOverdue: _block, payerMayBeRequester: _payer, ...oldPolicy } = opened.data.policy;
    const oldEvent = { ...opened, data: { ...opened.data, policy: { ...oldPolicy, emergencyReleaseCap: '40000000' } as Policy } } as FundOpened;
    const state = fundStateOf(oldEvent);
    expect(state.status === 'open' && state.policy).toMatchObject({ emergencyOpenLimit: '120000000', blockReleasesWhenOverdue: true, payerMayBeRequester: false });
  });
});
