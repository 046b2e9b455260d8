/**
 * Every money entry has a correction path (finding 11, api-v2 "Corrections"): an emergency entry
 * `ER-…` is reversed by what it is now. A settled release has its settlement reversed and is open
 * for a new settlement; an open release is cancelled and its money returns to its pool.
 */
import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  ACCOUNTANT, disbursementRequested, donationRecorded, emergencyReleaseCancelled, emergencyReleased, emergencyReleaseSettled,
  emergencySettlementReversed, FUND_ID, fundOpened, NOW, releaseEmergency, releaseId, reverseEntry, reversalId, settleEmergency,
} from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const reliefMoney = donationRecorded({ sequence: 1, component: 'emergency-relief', amountVnd: '60000000' });
const ER1 = releaseId(1);
const released = emergencyReleased({ sequence: 1, amount: '50000000' });
const settled = emergencyReleaseSettled(1, '20000000', '30000000');
const given = (...events: Parameters<typeof SpendingDecider.given>) => SpendingDecider.given(...events).withFund(fund).withDonations(reliefMoney);
const available = (...events: Parameters<typeof spendingStateOf>) =>
  availableInPool(spendingStateOf(...events), inflowsOf(reliefMoney), 'emergency-relief').toFixed();

describe('Reversing an emergency settlement (EmergencySettlementReversed)', () => {
  it('reverses the settlement of a settled release, naming its figures', () => {
    given(released, settled).when(reverseEntry(ER1)).then({
      type: 'EmergencySettlementReversed',
      data: {
        fundId: FUND_ID, reversalId: reversalId(1), releaseId: ER1, amount: '50000000', spent: '20000000', returned: '30000000',
        component: 'emergency-relief', restrictionId: null, campaignId: null, reason: 'Nhập nhầm', reversedBy: ACCOUNTANT, reversedAt: NOW,
      },
    });
  });

  it('puts the whole release outstanding again, so the pool has what it had before the settlement', () => {
    expect(available(released)).toBe('10000000');
    expect(available(released, settled)).toBe('40000000');
    expect(available(released, settled, emergencySettlementReversed(released, '20000000', '30000000'))).toBe('10000000');
  });

  it('re-opens the release for a new settlement', () => {
    given(released, settled, emergencySettlementReversed(released, '20000000', '30000000'))
      .when(settleEmergency(ER1, '45000000', '5000000'))
      .thenMatches({ type: 'EmergencyReleaseSettled', data: { spent: '45000000', returned: '5000000' } });
  });

  it('refuses when the returned money was spent since (INSUFFICIENT_FUNDS)', () => {
    const spentSince = disbursementRequested({ sequence: 1, component: 'emergency-relief', amount: '35000000' });
    given(released, settled, spentSince).when(reverseEntry(ER1)).thenRejects('INSUFFICIENT_FUNDS', { requested: '30000000', available: '5000000' });
  });
});

describe('Reversing an unsettled emergency release (EmergencyReleaseCancelled)', () => {
  it('cancels an open release', () => {
    given(released).when(reverseEntry(ER1)).then(emergencyReleaseCancelled(released));
  });

  it('returns its money to the pool and frees the open limit', () => {
    expect(available(released, emergencyReleaseCancelled(released))).toBe('60000000');
    const three = [1, 2, 3].map((sequence) => emergencyReleased({ sequence, amount: '50000000' }));
    const richer = donationRecorded({ sequence: 2, component: 'emergency-relief', amountVnd: '500000000' });
    SpendingDecider.given(...three, emergencyReleaseCancelled(three[0])).withFund(fund).withDonations(richer)
      .when(releaseEmergency({ amount: '50000000' }))
      .thenMatches({ type: 'EmergencyReleased', data: { releaseId: releaseId(4) } });
  });

  it('refuses settling a cancelled release (INVALID_STATE) and cancelling it twice (ALREADY_REVERSED)', () => {
    given(released, emergencyReleaseCancelled(released)).when(settleEmergency(ER1, '50000000', '0')).thenRejects('INVALID_STATE', { status: 'cancelled' });
    given(released, emergencyReleaseCancelled(released)).when(reverseEntry(ER1)).thenRejects('ALREADY_REVERSED');
  });

  it('numbers emergency corrections in the one reversal sequence', () => {
    given(released, settled, emergencySettlementReversed(released, '20000000', '30000000', 1))
      .when(reverseEntry(ER1))
      .thenMatches({ type: 'EmergencyReleaseCancelled', data: { reversalId: reversalId(2) } });
  });
});
