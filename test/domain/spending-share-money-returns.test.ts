import { MoneyDecimal, ZERO } from '../../src/domain/money';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import type { DisbursementPaid, DisbursementRequested, HandoverRecorded, ShareMoneyReturned, SpendingEvent } from '../../src/domain/spending/spending.events';
import type { ReturnShareMoney } from '../../src/domain/spending/spending.commands';
import { poolKeyOf } from '../../src/domain/spending/pools';
import type { SpendingState } from '../../src/domain/spending/spending.state';
import {
  ACCOUNTANT, COORDINATOR, disbursementApproved, disbursementId, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded, fundOpened, NOW,
  paymentReversed, periodClosed, plusDays, plusMs, requestDisbursement, reverseEntry,
} from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const money = donationRecorded({ sequence: 1, amountVnd: '100000000' });
const DB1 = disbursementId(1);
const GENERAL = poolKeyOf('general', null);
const AN = { name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', matchKey: 'nguyen van an|xa tan phu|ap 3' };
const HOA = { name: 'Lê Thị Hoa', commune: 'Xã Tân Phú', matchKey: 'le thi hoa|xa tan phu|ap 5' };
const HOUR_MS = 60 * 60 * 1000;

/** The Tết list: 500 000 VND to An and to Hoa, 1 000 000 VND in all. */
const tet: DisbursementRequested = disbursementRequested({
  sequence: 1, requestedAt: plusDays(NOW, -2), needCategory: 'tet-gift',
  distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: '500000', items: null }, { beneficiaryId: 'BF-000002', ...HOA, amount: '500000', items: null }],
});
const paidOn = (paidAt: string): DisbursementPaid => ({ ...disbursementPaid(1), data: { ...disbursementPaid(1).data, paidAt } });
/** Paid the day before the hand-overs: the commune officer carried the 1 000 000 VND. */
const paid = [tet, disbursementApproved(1), paidOn(plusDays(NOW, -1))];

function recorded(status: 'received' | 'absent' | 'refused', overrides: Partial<HandoverRecorded['data']> = {}): HandoverRecorded {
  return {
    type: 'HandoverRecorded',
    data: {
      fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', status, handedOverAt: NOW, evidenceRef: 'Biên bản vắng mặt 01/BB',
      recordedBy: COORDINATOR, recordedAt: NOW, ...overrides,
    },
  };
}
const anClosed = recorded('absent', { closed: true });

const returnMoney = (overrides: Partial<Omit<ReturnShareMoney, 'type'>> = {}): ReturnShareMoney => ({
  type: 'ReturnShareMoney', disbursementId: DB1, beneficiaryId: 'BF-000001', returnedAt: null, evidenceRef: 'Phiếu thu PT-0042',
  actor: { userId: ACCOUNTANT }, now: NOW, ...overrides,
});

function returnedEvent(history: readonly SpendingEvent[], command = returnMoney()): ShareMoneyReturned {
  const [event] = SpendingDecider.given(...history).withFund(fund).withDonations(money).when(command).events;
  return event as ShareMoneyReturned;
}

const available = (state: SpendingState) => availableInPool(state, inflowsOf(money), GENERAL).toFixed();
const datedTotal = (nets: SpendingState['datedByCampaign'], key: string) =>
  [...(nets.get(key)?.byDay.values() ?? [])].reduce((total: MoneyDecimal, change) => total.plus(change), ZERO).toFixed();

describe('The money of a cash share closed as not delivered comes back to the fund (nộp lại quỹ)', () => {
  it('records An\'s 500 000 VND returned by the commune officer, with the receipt, who and when', () => {
    SpendingDecider.given(...paid, anClosed).withFund(fund).withDonations(money)
      .when(returnMoney())
      .then({
        type: 'ShareMoneyReturned',
        data: {
          fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', amount: '500000', component: 'general', restrictionId: null, campaignId: null,
          returnedAt: NOW, evidenceRef: 'Phiếu thu PT-0042', recordedBy: ACCOUNTANT, recordedAt: NOW,
        },
      });
  });

  it('gives the pool its 500 000 VND back: 99 500 000 available, not 99 000 000 for ever', () => {
    const history = [...paid, anClosed];
    expect(available(spendingStateOf(...history))).toBe('99000000');
    const after = spendingStateOf(...history, returnedEvent(history));
    expect(available(after)).toBe('99500000');
    expect(after.pools.get(GENERAL)?.paid.toFixed()).toBe('500000');
    const spendAll = requestDisbursement({ amount: '99500000', requestedAt: plusMs(NOW, HOUR_MS), now: plusMs(NOW, HOUR_MS) });
    SpendingDecider.given(...history).withFund(fund).withDonations(money).when(spendAll).thenRejects('INSUFFICIENT_FUNDS');
    SpendingDecider.given(...history, returnedEvent(history)).withFund(fund).withDonations(money).when(spendAll).thenMatches({ type: 'DisbursementRequested' });
  });

  it('dates the money back on its return day, in the pool and in the campaign the payment drew on', () => {
    const campaignTet = disbursementRequested({ ...tet.data, sequence: 1, campaignId: 'tet-2025' });
    const history = [campaignTet, disbursementApproved(1), paidOn(plusDays(NOW, -1)), anClosed];
    const before = spendingStateOf(...history);
    const event = returnedEvent(history);
    expect(event.data.campaignId).toBe('tet-2025');
    const after = spendingStateOf(...history, event);
    expect(new MoneyDecimal(datedTotal(after.datedByCampaign, 'tet-2025')).minus(datedTotal(before.datedByCampaign, 'tet-2025')).toFixed()).toBe('500000');
    expect(new MoneyDecimal(datedTotal(after.datedByPool, GENERAL)).minus(datedTotal(before.datedByPool, GENERAL)).toFixed()).toBe('500000');
  });

  it('takes a returned share out of the management cost of its year, as a reversal does', () => {
    const cost = disbursementRequested({ ...tet.data, sequence: 1, kind: 'management_cost' });
    const history = [cost, disbursementApproved(1), paidOn(plusDays(NOW, -1)), anClosed];
    expect(spendingStateOf(...history).managementCostByYear.get(2024)?.toFixed()).toBe('1000000');
    expect(spendingStateOf(...history, returnedEvent(history)).managementCostByYear.get(2024)?.toFixed()).toBe('500000');
  });
});

describe('A share\'s money comes back only once, from a paid request, for a closed cash share', () => {
  it('refuses it on an approved request not paid yet: nothing went out (INVALID_STATE share-money-not-paid)', () => {
    SpendingDecider.given(tet, disbursementApproved(1), anClosed).withFund(fund).withDonations(money)
      .when(returnMoney())
      .thenRejects('INVALID_STATE', { status: 'approved' });
    expect(SpendingDecider.given(tet, disbursementApproved(1), anClosed).withFund(fund).withDonations(money).when(returnMoney()).rejection.reason)
      .toBe('share-money-not-paid');
  });

  it('refuses it on a rejected or reversed request: its money never went out, or came back whole', () => {
    SpendingDecider.given(tet, disbursementApproved(1), anClosed, disbursementRejected(1)).withFund(fund).withDonations(money)
      .when(returnMoney())
      .thenRejects('INVALID_STATE', { status: 'rejected' });
    SpendingDecider.given(...paid, anClosed, paymentReversed(tet)).withFund(fund).withDonations(money)
      .when(returnMoney({ returnedAt: plusDays(NOW, 1), now: plusDays(NOW, 1) }))
      .thenRejects('INVALID_STATE', { status: 'reversed' });
  });

  it('refuses a share not closed (absent, received, or with no hand-over): its money may still reach the household', () => {
    for (const history of [[...paid, recorded('absent')], [...paid, recorded('received')], paid]) {
      const outcome = SpendingDecider.given(...history).withFund(fund).withDonations(money).when(returnMoney());
      outcome.thenRejects('INVALID_STATE');
      expect(outcome.rejection.reason).toBe('share-not-closed');
    }
  });

  it('refuses a share of goods only: no money to give back (INVALID_STATE share-no-cash)', () => {
    const goods = disbursementRequested({
      sequence: 1, requestedAt: plusDays(NOW, -2), amount: '0', needCategory: 'food-water-medicine',
      distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: null, items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] }],
    });
    const outcome = SpendingDecider.given(goods, disbursementApproved(1), paidOn(plusDays(NOW, -1)), anClosed).withFund(fund).withDonations(money).when(returnMoney());
    outcome.thenRejects('INVALID_STATE');
    expect(outcome.rejection.reason).toBe('share-no-cash');
  });

  it('refuses the same share\'s money twice (409 ALREADY_EXISTS), naming the earlier return; Hoa\'s share is another', () => {
    const history = [...paid, anClosed, recorded('absent', { beneficiaryId: 'BF-000002', closed: true })];
    const first = returnedEvent(history);
    SpendingDecider.given(...history, first).withFund(fund).withDonations(money)
      .when(returnMoney())
      .thenRejects('ALREADY_EXISTS', { beneficiaryId: 'BF-000001', returnedAt: NOW, evidenceRef: 'Phiếu thu PT-0042', amount: '500000' });
    SpendingDecider.given(...history, first).withFund(fund).withDonations(money)
      .when(returnMoney({ beneficiaryId: 'BF-000002' }))
      .thenMatches({ type: 'ShareMoneyReturned', data: { beneficiaryId: 'BF-000002', amount: '500000' } });
  });

  it('refuses a return dated before the closing hand-over or before the payment (DATE_BEFORE_REQUEST)', () => {
    SpendingDecider.given(...paid, anClosed).withFund(fund).withDonations(money)
      .when(returnMoney({ returnedAt: plusMs(NOW, -HOUR_MS) }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'returnedAt', handedOverAt: NOW });
    const closedEarly = recorded('absent', { closed: true, handedOverAt: plusDays(NOW, -2) });
    SpendingDecider.given(tet, disbursementApproved(1), closedEarly, paidOn(NOW)).withFund(fund).withDonations(money)
      .when(returnMoney({ returnedAt: plusMs(NOW, -HOUR_MS) }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'returnedAt', paidAt: NOW });
  });

  it('refuses a return dated in a closed period (PERIOD_CLOSED), a future one, a blank receipt, an unknown request or line', () => {
    SpendingDecider.given(...paid, anClosed).withFund(fund, periodClosed('2024-Q2', '2024-04-01', '2024-06-30')).withDonations(money)
      .when(returnMoney())
      .thenRejects('PERIOD_CLOSED', { period: '2024-Q2' });
    SpendingDecider.given(...paid, anClosed).withFund(fund).withDonations(money)
      .when(returnMoney({ returnedAt: plusDays(NOW, 3) }))
      .thenRejects('FUTURE_DATE');
    SpendingDecider.given(...paid, anClosed).withFund(fund).withDonations(money)
      .when(returnMoney({ evidenceRef: '  ' }))
      .thenRejects('VALIDATION_FAILED', { field: 'evidenceRef' });
    SpendingDecider.given(...paid, anClosed).withFund(fund).withDonations(money)
      .when(returnMoney({ disbursementId: disbursementId(9) }))
      .thenRejects('NOT_FOUND', { entity: 'disbursement' });
    SpendingDecider.given(...paid, anClosed).withFund(fund).withDonations(money)
      .when(returnMoney({ beneficiaryId: 'BF-000009' }))
      .thenRejects('NOT_FOUND', { entity: 'distribution-line' });
  });
});

describe('Once a share\'s money came back, the closing and the payment stand', () => {
  const history = [...paid, anClosed];

  it('refuses to correct the closing (INVALID_STATE share-money-returned): the household would be owed money the fund took back', () => {
    const correct = {
      type: 'CorrectHandover' as const, disbursementId: DB1, beneficiaryId: 'BF-000001', reason: 'Ghi nhầm', correctedAt: null, actor: { userId: COORDINATOR }, now: NOW,
    };
    SpendingDecider.given(...history).withFund(fund).withDonations(money).when(correct).thenMatches({ type: 'HandoverCorrected' });
    const outcome = SpendingDecider.given(...history, returnedEvent(history)).withFund(fund).withDonations(money).when(correct);
    outcome.thenRejects('INVALID_STATE', { returnedAt: NOW, amount: '500000' });
    expect(outcome.rejection.reason).toBe('share-money-returned');
  });

  it('refuses a reversal dated before the share\'s money came back (DATE_BEFORE_REQUEST): it would give it back before it was back', () => {
    const back = returnedEvent(history, returnMoney({ returnedAt: plusMs(NOW, HOUR_MS), now: plusMs(NOW, HOUR_MS) }));
    SpendingDecider.given(...history, back).withFund(fund).withDonations(money)
      .when({ ...reverseEntry(DB1), reversedAt: NOW, now: plusMs(NOW, 2 * HOUR_MS) })
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', returnedAt: plusMs(NOW, HOUR_MS) });
  });
});

describe('A payment paid in error is reversed after a share\'s money came back: it gives back the rest, once', () => {
  const history = [...paid, anClosed];

  it('reverses it, giving back the 500 000 VND still out: the share\'s 500 000 came back on its own', () => {
    SpendingDecider.given(...history, returnedEvent(history)).withFund(fund).withDonations(money)
      .when({ ...reverseEntry(DB1), now: plusMs(NOW, HOUR_MS) })
      .thenMatches({ type: 'PaymentReversed', data: { disbursementId: DB1, amount: '1000000', givenBack: '500000' } });
  });

  it('leaves the pool with every dong of the donation, no more: 100 000 000 available, nothing paid', () => {
    const back = returnedEvent(history);
    const [reversal] = SpendingDecider.given(...history, back).withFund(fund).withDonations(money).when({ ...reverseEntry(DB1), now: plusMs(NOW, HOUR_MS) }).events;
    const after = spendingStateOf(...history, back, reversal);
    expect(available(after)).toBe('100000000');
    expect(after.pools.get(GENERAL)?.paid.toFixed()).toBe('0');
    expect(datedTotal(after.datedByPool, GENERAL)).toBe('0');
  });

  it('takes the management cost back to nothing, not below', () => {
    const cost = disbursementRequested({ ...tet.data, sequence: 1, kind: 'management_cost' });
    const costHistory = [cost, disbursementApproved(1), paidOn(plusDays(NOW, -1)), anClosed];
    const back = returnedEvent(costHistory);
    const [reversal] = SpendingDecider.given(...costHistory, back).withFund(fund).withDonations(money).when({ ...reverseEntry(DB1), now: plusMs(NOW, HOUR_MS) }).events;
    expect(spendingStateOf(...costHistory, back, reversal).managementCostByYear.get(2024)?.toFixed()).toBe('0');
  });

  it('writes no givenBack on a reversal that gives the whole amount back', () => {
    const [reversal] = SpendingDecider.given(...history).withFund(fund).withDonations(money).when(reverseEntry(DB1)).events;
    expect(reversal.data).not.toHaveProperty('givenBack');
  });
});

describe('A cash share closed as not delivered before the payment is not paid out', () => {
  const approved = [tet, disbursementApproved(1)];
  const closedFirst = recorded('refused', { closed: true, handedOverAt: plusDays(NOW, -1) });
  const pay = {
    type: 'PayDisbursement' as const, disbursementId: DB1, paidAt: NOW, reference: 'UNC-1', certificationRef: null, actor: { userId: 'accountant-2' }, now: NOW,
  };
  const paidEvent = (history: readonly SpendingEvent[]) => SpendingDecider.given(...history).withFund(fund).withDonations(money).when(pay).events[0] as DisbursementPaid;

  it('pays the list less An\'s closed 500 000 VND share, and says which share it left out', () => {
    SpendingDecider.given(...approved, closedFirst).withFund(fund).withDonations(money)
      .when(pay)
      .thenMatches({ type: 'DisbursementPaid', data: { disbursementId: DB1, withheld: [{ beneficiaryId: 'BF-000001', amount: '500000' }] } });
  });

  it('never shows that money as spent: 500 000 paid, 99 500 000 available from the payment\'s day', () => {
    const history = [...approved, closedFirst];
    const after = spendingStateOf(...history, paidEvent(history));
    expect(after.pools.get(GENERAL)?.paid.toFixed()).toBe('500000');
    expect(after.pools.get(GENERAL)?.held.toFixed()).toBe('0');
    expect(available(after)).toBe('99500000');
    expect(datedTotal(after.datedByPool, GENERAL)).toBe('-500000');
  });

  it('writes no withheld on a payment of the whole list', () => {
    expect(paidEvent(approved).data).not.toHaveProperty('withheld');
  });

  it('pays a share closed and then corrected before the payment: it may still be handed over', () => {
    const correction = SpendingDecider.given(...approved, closedFirst).withFund(fund).withDonations(money).when({
      type: 'CorrectHandover', disbursementId: DB1, beneficiaryId: 'BF-000001', reason: 'Ghi nhầm', correctedAt: null, actor: { userId: COORDINATOR }, now: NOW,
    }).events;
    expect(paidEvent([...approved, closedFirst, ...correction]).data).not.toHaveProperty('withheld');
  });

  it('takes no money back for the share left out, and keeps its closing (INVALID_STATE share-not-paid)', () => {
    const history = [...approved, closedFirst];
    const after = [...history, paidEvent(history)];
    const back = SpendingDecider.given(...after).withFund(fund).withDonations(money).when(returnMoney());
    back.thenRejects('INVALID_STATE', { withheld: true });
    expect(back.rejection.reason).toBe('share-not-paid');
    const correct = SpendingDecider.given(...after).withFund(fund).withDonations(money).when({
      type: 'CorrectHandover', disbursementId: DB1, beneficiaryId: 'BF-000001', reason: 'Ghi nhầm', correctedAt: null, actor: { userId: COORDINATOR }, now: NOW,
    });
    correct.thenRejects('INVALID_STATE');
    expect(correct.rejection.reason).toBe('share-not-paid');
  });

  it('a reversal of that payment gives back what it paid, 500 000 VND, and leaves the pool whole', () => {
    const history = [...approved, closedFirst];
    const after = [...history, paidEvent(history)];
    const [reversal] = SpendingDecider.given(...after).withFund(fund).withDonations(money).when({ ...reverseEntry(DB1), now: plusMs(NOW, HOUR_MS) }).events;
    expect(reversal.data).toMatchObject({ amount: '1000000', givenBack: '500000' });
    const state = spendingStateOf(...after, reversal);
    expect(available(state)).toBe('100000000');
    expect(state.pools.get(GENERAL)?.paid.toFixed()).toBe('0');
  });

  it('refuses to pay a list whose every share was closed before the payment: nothing would go out (INVALID_STATE nothing-to-pay)', () => {
    const bothClosed = [...approved, closedFirst, recorded('absent', { beneficiaryId: 'BF-000002', closed: true, handedOverAt: plusDays(NOW, -1) })];
    const payment = SpendingDecider.given(...bothClosed).withFund(fund).withDonations(money).when(pay);
    payment.thenRejects('INVALID_STATE', { status: 'approved', reason: 'nothing-to-pay', withheld: '1000000' });
    expect(payment.rejection.reason).toBe('nothing-to-pay');
    // The request may still be rejected: its 1 000 000 VND held are available again.
    SpendingDecider.given(...bothClosed).withFund(fund).withDonations(money)
      .when({ type: 'RejectDisbursement', disbursementId: DB1, reason: 'Không hộ nào nhận', byApprover: true, actor: { userId: 'accountant-2' }, now: NOW })
      .thenMatches({ type: 'DisbursementRejected' });
  });

  it('refuses to pay a list whose closed shares withhold more than its amount, as a request once let through could: a payment below zero (INVALID_STATE nothing-to-pay)', () => {
    // Lines of 500 000 + 500 000 under a request of 700 000: a request written "700000.0" once passed the line-total check.
    const over = disbursementRequested({ ...tet.data, sequence: 1, amount: '700000' });
    const history = [over, disbursementApproved(1), closedFirst, recorded('absent', { beneficiaryId: 'BF-000002', closed: true, handedOverAt: plusDays(NOW, -1) })];
    SpendingDecider.given(...history).withFund(fund).withDonations(money).when(pay)
      .thenRejects('INVALID_STATE', { reason: 'nothing-to-pay', withheld: '1000000' });
    // With only one share closed, 200 000 of the request is still paid.
    expect(paidEvent([over, disbursementApproved(1), closedFirst]).data.withheld).toEqual([{ beneficiaryId: 'BF-000001', amount: '500000' }]);
  });

  it('pays what a list holds beyond its shares when every share was closed: money still goes out', () => {
    const larger = disbursementRequested({ ...tet.data, sequence: 1, amount: '1200000' });
    const history = [larger, disbursementApproved(1), closedFirst, recorded('absent', { beneficiaryId: 'BF-000002', closed: true, handedOverAt: plusDays(NOW, -1) })];
    expect(paidEvent(history).data.withheld).toHaveLength(2);
  });

  it('pays a list of goods and cash whose cash shares were all closed while its goods are still to hand out', () => {
    const mixed = disbursementRequested({
      ...tet.data, sequence: 1, amount: '500000',
      distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: '500000', items: null }, { beneficiaryId: 'BF-000002', ...HOA, amount: null, items: [{ description: 'Gạo', quantity: '10', unit: 'kg' }] }],
    });
    expect(paidEvent([mixed, disbursementApproved(1), closedFirst]).data.withheld).toEqual([{ beneficiaryId: 'BF-000001', amount: '500000' }]);
  });

  it('takes a management cost\'s closed share out of its year\'s cost at the payment', () => {
    const cost = disbursementRequested({ ...tet.data, sequence: 1, kind: 'management_cost' });
    const history = [cost, disbursementApproved(1), closedFirst];
    expect(spendingStateOf(...history, paidEvent(history)).managementCostByYear.get(2024)?.toFixed()).toBe('500000');
  });
});
