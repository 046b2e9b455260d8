/**
 * The management-cost cap of api-v2.md "Policy, legal basis, periods" (R6): the base is the
 * fiscal year's eligible revenue by business date, unused budget carries forward, the board's
 * share warns and the cap stops; periods closed by the board refuse entries dated in them.
 */
import { MoneyDecimal } from '../../src/domain/money';
import { managementCostFigures, type ManagementCostYearFacts } from '../../src/domain/spending/management-cost';
import { managementCostFiguresAt } from '../../src/domain/spending/spending.decide';
import {
  disbursementApproved, disbursementRejected, disbursementRequested, donationRecorded, donationReversed, fundOpened, pay, periodClosed, policyChanged,
  recordDonation, releaseEmergency, requestDisbursement, reverseEntry,
} from './builders';
import { DonationDecider, fundStateOf, inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const JANUARY_2025 = '2025-01-06T09:00:00+07:00';
const salary = (amount: string, now: string) => requestDisbursement({ kind: 'management_cost', amount, purpose: 'Lương kế toán tháng 1', now });
const donation2024 = (sequence: number, amountVnd: string, receivedAt = '2024-06-01T09:00:00+07:00') =>
  donationRecorded({ sequence, amountVnd, receivedAt, fiscalYear: 2024 });
const donation2025 = (sequence: number, amountVnd: string, receivedAt = '2025-01-02T09:00:00+07:00') =>
  donationRecorded({ sequence, amountVnd, receivedAt, fiscalYear: 2025 });
const openFund = () => {
  const state = fundStateOf(fund);
  if (state.status !== 'open') throw new Error('fund is not open');
  return state;
};
const facts = (eligibleRevenue: string, used: string, warnPercent = '5', capPercent = '10'): ManagementCostYearFacts => ({
  eligibleRevenue: new MoneyDecimal(eligibleRevenue), used: new MoneyDecimal(used), warnPercent, capPercent,
});

describe('R6 management-cost cap: base by business date, budget carried forward', () => {
  it("R6: in January a 1,000,000 VND salary is accepted while last year's budget went unused", () => {
    // 2024: 1,000,000,000 eligible, 5 % budget 50,000,000, nothing used. 2025 has received nothing yet.
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(donation2024(1, '1000000000'))
      .when(salary('1000000', JANUARY_2025))
      .thenMatches({ data: { kind: 'management_cost', amount: '1000000', fiscalYear: 2025 } });
    const figures = managementCostFiguresAt(spendingStateOf(), inflowsOf(donation2024(1, '1000000000')), openFund(), JANUARY_2025);
    expect(figures).toEqual({
      year: 2025, base: '0', warnPercent: '5', capPercent: '10', budget: '0', carriedForward: '50000000', used: '0', remaining: '50000000',
      warning: false, limit: '50000000', overCap: false,
    });
  });

  it('R6: the year is the business date in Vietnam time, not the server clock: 31 Dec 23:30 +07:00 is still last year', () => {
    const figures = managementCostFiguresAt(spendingStateOf(), inflowsOf(donation2024(1, '1000000000')), openFund(), '2024-12-31T16:30:00Z');
    expect(figures).toMatchObject({ year: 2024, base: '1000000000', budget: '50000000', carriedForward: '0' });
  });

  it("R6: past budget + carriedForward a cost succeeds flagged managementCostWarning; within it, unflagged", () => {
    const given = () => SpendingDecider.given().withFund(fund).withDonations(donation2025(1, '100000000'));
    given().when(salary('5000000', JANUARY_2025)).thenMatches({ data: { amount: '5000000' } });
    const outcome = given().when(salary('5000000', JANUARY_2025));
    expect(outcome.decision.ok && outcome.decision.events[0].type === 'DisbursementRequested' && outcome.decision.events[0].data.managementCostWarning).toBeFalsy();
    given().when(salary('5000001', JANUARY_2025)).thenMatches({ data: { amount: '5000001', managementCostWarning: true } });
  });

  it('R6: a request of December rejected in January was never a cost: it leaves its own year, and makes no room in the next', () => {
    const december = disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '9000000', fiscalYear: 2024, requestedAt: '2024-12-20T09:00:00+07:00' });
    const rejectedInJanuary = { ...disbursementRejected(1), data: { ...disbursementRejected(1).data, rejectedAt: '2025-01-03T09:00:00+07:00' } };
    const given = () => SpendingDecider.given(december, rejectedInJanuary).withFund(fund)
      .withDonations(donation2024(1, '100000000', '2024-03-01T09:00:00+07:00'), donation2025(2, '100000000'));
    // 2024 used nothing: its 5,000,000 budget carries. 2025: 10 % of 100,000,000 + 5,000,000 = 15,000,000.
    given().when(salary('15000000', JANUARY_2025)).thenMatches({ data: { amount: '15000000', fiscalYear: 2025, managementCostWarning: true } });
    given().when(salary('15000001', JANUARY_2025)).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { fiscalYear: 2025, cap: '15000000', used: '0', requested: '15000001' });
  });

  it('R6: past base × capPercent + carriedForward is MANAGEMENT_COST_CAP_EXCEEDED naming the figures', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '9000000', fiscalYear: 2025, requestedAt: JANUARY_2025 }))
      .withFund(fund)
      .withDonations(donation2024(1, '20000000'), donation2025(1, '100000000'))
      .when(salary('2000001', JANUARY_2025))
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', {
        fiscalYear: 2025, base: '100000000', capPercent: '10', carriedForward: '1000000', cap: '11000000', used: '9000000', requested: '2000001',
      });
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '9000000', fiscalYear: 2025, requestedAt: JANUARY_2025 }))
      .withFund(fund)
      .withDonations(donation2024(1, '20000000'), donation2025(1, '100000000'))
      .when(salary('2000000', JANUARY_2025))
      .thenMatches({ data: { managementCostWarning: true } });
  });

  it('R6: a donation reversal counts in its own business year, not the donation year', () => {
    const gift = donation2024(1, '100000000');
    const reversedIn2025 = { ...donationReversed(gift), data: { ...donationReversed(gift).data, reversedAt: '2025-02-01T09:00:00+07:00' } };
    const state = spendingStateOf(reversedIn2025);
    const inflows = inflowsOf(gift, donation2025(1, '300000000'));
    expect(managementCostFiguresAt(state, inflows, openFund(), '2024-12-31T12:00:00+07:00')).toMatchObject({ year: 2024, base: '100000000', budget: '5000000' });
    expect(managementCostFiguresAt(state, inflows, openFund(), '2025-03-01T12:00:00+07:00')).toMatchObject({
      year: 2025, base: '200000000', budget: '10000000', carriedForward: '5000000',
    });
  });

  it('R6: each year is figured with the percentages of the policy in force for it', () => {
    const changed = fundStateOf(fund, policyChanged({ managementCostWarnPercent: '8' }, '2024-12-20T09:00:00+07:00', { effectiveFrom: '2025-01-01' }));
    if (changed.status !== 'open') throw new Error('fund is not open');
    const inflows = inflowsOf(donation2024(1, '100000000'), donation2025(1, '100000000'));
    expect(managementCostFiguresAt(spendingStateOf(), inflows, changed, '2024-12-31T12:00:00+07:00')).toMatchObject({ warnPercent: '5', budget: '5000000' });
    expect(managementCostFiguresAt(spendingStateOf(), inflows, changed, JANUARY_2025)).toMatchObject({
      warnPercent: '8', budget: '8000000', carriedForward: '5000000',
    });
  });

  it('R6: unused budget carries on from year to year, and what a year draws from its carry is not carried again', () => {
    const years = new Map([
      [2022, facts('100000000', '1000000')], // budget 5,000,000: 4,000,000 left
      [2023, facts('100000000', '7000000')], // budget 5,000,000 + 4,000,000 carried − 7,000,000: 2,000,000 left
      [2024, facts('10000001', '0')], // budget 500,000 (rounded down) + 2,000,000 carried, nothing used
      [2025, facts('0', '0')],
    ]);
    expect(managementCostFigures(years, 2023)).toMatchObject({ budget: '5000000', carriedForward: '4000000', used: '7000000', remaining: '2000000', warning: false });
    expect(managementCostFigures(years, 2025)).toMatchObject({ carriedForward: '2500000', remaining: '2500000', limit: '2500000' });
    // Summing each earlier year's own budget less its use would carry 2022's 4,000,000 again, after 2023 spent it.
    expect(managementCostFigures(years, 2025).carriedForward).not.toBe('4500000');
  });

  it('R6: a year past its budget and carry passes nothing on, and takes nothing from later years', () => {
    const years = new Map([[2022, facts('100000000', '1000000')], [2023, facts('100000000', '9500000')], [2024, facts('100000000', '0')]]);
    expect(managementCostFigures(years, 2023)).toMatchObject({ carriedForward: '4000000', remaining: '-500000', warning: true });
    expect(managementCostFigures(years, 2024)).toMatchObject({ carriedForward: '0', budget: '5000000', remaining: '5000000' });
  });

  it('R6: a cost dated in an earlier year may not take a later year past its cap by carrying it less (MANAGEMENT_COST_CAP_EXCEEDED naming the later year)', () => {
    // 2024: 100,000,000 eligible, 5 % budget 5,000,000 unused, carried into 2025, which has no base and used all of it.
    const usedIn2025 = disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '5000000', fiscalYear: 2025, requestedAt: JANUARY_2025 });
    const given = () => SpendingDecider.given(usedIn2025).withFund(fund).withDonations(donation2024(1, '100000000', '2024-01-10T09:00:00+07:00'));
    given().when({ ...salary('1000000', JANUARY_2025), requestedAt: '2024-12-15T09:00:00+07:00' })
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { fiscalYear: 2025, cap: '4000000', used: '5000000', requested: '1000000' });
    // Dated in 2024 within what 2025 does not need, or in 2025 itself, the rules are the year's own.
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '3000000', fiscalYear: 2025, requestedAt: JANUARY_2025 }))
      .withFund(fund).withDonations(donation2024(1, '100000000', '2024-01-10T09:00:00+07:00'))
      .when({ ...salary('2000000', JANUARY_2025), requestedAt: '2024-12-15T09:00:00+07:00' })
      .thenMatches({ data: { amount: '2000000', fiscalYear: 2024 } });
    given().when(salary('1', JANUARY_2025)).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { fiscalYear: 2025, cap: '5000000', used: '5000000' });
  });

  it('R6: a cost entered after its year ended, dated before a mid-year policy change, is checked against the year as it closed (the working\'s and the report\'s cap)', () => {
    // 2024: 100,000,000 eligible; the board lowered the cap from 10 % to 6 % (share 3 %) from 1 September 2024.
    const lowered = policyChanged({ managementCostWarnPercent: '3', managementCostCapPercent: '6' }, '2024-08-20T09:00:00+07:00', { effectiveFrom: '2024-09-01' });
    const juneSalary = { ...salary('9000000', JANUARY_2025), requestedAt: '2024-06-28T09:00:00+07:00' };
    const given = () => SpendingDecider.given().withFund(fund, lowered).withDonations(donation2024(1, '100000000', '2024-01-10T09:00:00+07:00'));
    // Entered in January 2025, 2024 is a past year: the working and the 2024 report use 6 %, a limit of 6,000,000.
    given().when(juneSalary).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { fiscalYear: 2024, capPercent: '6', cap: '6000000', used: '0', requested: '9000000' });
    given().when({ ...juneSalary, amount: '6000000' }).thenMatches({ data: { amount: '6000000', fiscalYear: 2024, managementCostWarning: true } });
    // Entered in June 2024 itself, the policy of that day governed the year as it then stood.
    given().when({ ...juneSalary, now: '2024-06-28T10:00:00+07:00' }).thenMatches({ data: { amount: '9000000', fiscalYear: 2024 } });
  });

  it('R6: a management cost approved before revenue was reversed past its cap is not paid while the year is over it (MANAGEMENT_COST_CAP_EXCEEDED), and is once it is back within', () => {
    // 2025: 130,000,000 eligible, cap 13,000,000; 12,000,000 of salaries requested and approved.
    // Then the 30,000,000 gift is reversed: base 100,000,000, cap 10,000,000, used 12,000,000.
    const kept = donation2025(1, '100000000');
    const wrong = donation2025(2, '30000000');
    const reversed = { ...donationReversed(wrong), data: { ...donationReversed(wrong).data, reversedAt: '2025-02-01T09:00:00+07:00' } };
    const approved = [
      disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '12000000', fiscalYear: 2025, requestedAt: JANUARY_2025 }),
      disbursementApproved(1),
    ];
    const payment = { ...pay('DB-000001'), paidAt: '2025-02-03T09:00:00+07:00', now: '2025-02-03T09:00:00+07:00' };
    SpendingDecider.given(...approved).withFund(fund).withDonations(kept, wrong).when(payment).thenMatches({ type: 'DisbursementPaid' });
    SpendingDecider.given(...approved, reversed).withFund(fund).withDonations(kept, wrong).when(payment)
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', {
        fiscalYear: 2025, base: '100000000', capPercent: '10', carriedForward: '0', cap: '10000000', used: '12000000', disbursementId: 'DB-000001',
      });
    expect(managementCostFiguresAt(spendingStateOf(...approved, reversed), inflowsOf(kept, wrong), openFund(), '2025-02-03T09:00:00+07:00'))
      .toMatchObject({ used: '12000000', limit: '10000000', overCap: true });
    // A new gift brings the year back within its cap: the payment goes through.
    SpendingDecider.given(...approved, reversed).withFund(fund).withDonations(kept, wrong, donation2025(3, '20000000', '2025-02-02T09:00:00+07:00'))
      .when(payment).thenMatches({ type: 'DisbursementPaid' });
  });

  it('R6: a payment of another kind is not held back by a year over its management-cost cap', () => {
    const kept = donation2025(1, '100000000');
    const wrong = donation2025(2, '30000000');
    const reversed = { ...donationReversed(wrong), data: { ...donationReversed(wrong).data, reversedAt: '2025-02-01T09:00:00+07:00' } };
    SpendingDecider.given(
      disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '12000000', fiscalYear: 2025, requestedAt: JANUARY_2025 }),
      disbursementRequested({ sequence: 2, kind: 'relief', amount: '5000000', fiscalYear: 2025, requestedAt: JANUARY_2025 }),
      disbursementApproved(2),
      reversed,
    ).withFund(fund).withDonations(kept, wrong)
      .when({ ...pay('DB-000002'), paidAt: '2025-02-03T09:00:00+07:00', now: '2025-02-03T09:00:00+07:00' })
      .thenMatches({ type: 'DisbursementPaid' });
  });

  it('R6: a year whose reversals exceed its receipts has no budget, never a negative one', () => {
    expect(managementCostFigures(new Map([[2025, facts('-5000000', '0')]]), 2025)).toMatchObject({ base: '0', budget: '0', limit: '0' });
  });
});

describe('PERIOD_CLOSED: entries dated in a closed period are refused', () => {
  const closed2024 = periodClosed('2024', '2024-01-01', '2024-12-31', '2025-01-15T09:00:00+07:00');

  it('PERIOD_CLOSED: a donation received in a closed year, naming the period', () => {
    DonationDecider.given().withFund(fund, closed2024).when(recordDonation({ receivedAt: '2024-12-31T23:00:00+07:00' }))
      .thenRejects('PERIOD_CLOSED', { period: '2024' });
    DonationDecider.given().withFund(fund, closed2024).when(recordDonation({ receivedAt: '2024-12-31T17:00:00Z' })).thenMatches({ type: 'DonationRecorded' });
  });

  it('PERIOD_CLOSED: a payment dated in a closed period', () => {
    const approved = [disbursementRequested({ sequence: 1 }), disbursementApproved(1)];
    SpendingDecider.given(...approved).withFund(fund, closed2024).withDonations(donation2024(1, '5000000'))
      .when(pay('DB-000001'))
      .thenRejects('PERIOD_CLOSED', { period: '2024' });
    SpendingDecider.given(...approved).withFund(fund, closed2024).withDonations(donation2024(1, '5000000'))
      .when({ ...pay('DB-000001'), paidAt: '2025-01-16T09:00:00+07:00', now: '2025-01-16T10:00:00+07:00' })
      .thenMatches({ type: 'DisbursementPaid' });
  });
});

describe('policyInForce: rules read the policy of the business date', () => {
  const scheduled = policyChanged({ emergencyReleaseCap: '10000000', approvals: [{ above: '0', approvers: 2 }] }, '2024-05-01T09:00:00+07:00', { effectiveFrom: '2024-06-01' });

  it('a version scheduled for later does not govern a release or a request made before it takes effect', () => {
    // The money came in before every date the commands are made on, so only the policy decides.
    const earlyMoney = donation2024(1, '100000000', '2024-05-02T09:00:00+07:00');
    SpendingDecider.given().withFund(fund, scheduled).withDonations(earlyMoney)
      .when(releaseEmergency({ amount: '20000000', component: 'general', now: '2024-05-31T23:00:00+07:00' }))
      .thenMatches({ type: 'EmergencyReleased' });
    SpendingDecider.given().withFund(fund, scheduled).withDonations(earlyMoney)
      .when(releaseEmergency({ amount: '20000000', component: 'general', now: '2024-06-01T00:00:00+07:00' }))
      .thenRejects('EMERGENCY_CAP_EXCEEDED', { cap: '10000000' });
    SpendingDecider.given().withFund(fund, scheduled).withDonations(earlyMoney)
      .when(requestDisbursement({ amount: '1000000', now: '2024-05-31T23:00:00+07:00' }))
      .thenMatches({ data: { approvalsRequired: 1 } });
    SpendingDecider.given().withFund(fund, scheduled).withDonations(earlyMoney)
      .when(requestDisbursement({ amount: '1000000', now: '2024-06-01T08:00:00+07:00' }))
      .thenMatches({ data: { approvalsRequired: 2 } });
  });
});

describe('PERIOD_CLOSED: requests, releases, settlements and reversals dated in a closed period', () => {
  const closedQ1 = periodClosed('2024-Q1', '2024-01-01', '2024-03-31', '2024-04-10T09:00:00+07:00');
  const given = () => SpendingDecider.given().withFund(fund, closedQ1).withDonations(donation2024(1, '100000000', '2024-02-01T09:00:00+07:00'));

  it('PERIOD_CLOSED: each entry dated in the closed quarter is refused, naming it; dated after, it is booked', () => {
    given().when(requestDisbursement({ requestedAt: '2024-03-31T10:00:00+07:00' })).thenRejects('PERIOD_CLOSED', { period: '2024-Q1' });
    given().when(releaseEmergency({ component: 'general', releasedAt: '2024-03-02T10:00:00+07:00' })).thenRejects('PERIOD_CLOSED', { period: '2024-Q1' });
    given().when(requestDisbursement({ requestedAt: '2024-04-01T00:00:00+07:00' })).thenMatches({ type: 'DisbursementRequested' });
  });

  it('PERIOD_CLOSED: a correction of a gift received in the closed quarter is dated in an open period and goes through', () => {
    const gift = donation2024(1, '100000000', '2024-02-01T09:00:00+07:00');
    given().when({ ...reverseEntry(gift.data.donationId, gift, 'Ngân hàng hoàn trả'), reversedAt: '2024-03-15T09:00:00+07:00' })
      .thenRejects('PERIOD_CLOSED', { period: '2024-Q1' });
    given().when({ ...reverseEntry(gift.data.donationId, gift, 'Ngân hàng hoàn trả'), reversedAt: '2024-04-15T09:00:00+07:00', now: '2024-04-15T10:00:00+07:00' })
      .thenMatches({ type: 'DonationReversed', data: { donationId: gift.data.donationId } });
  });
});
