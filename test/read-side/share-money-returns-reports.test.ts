/**
 * A Tết list paid in cash in one quarter, a household's share closed as not delivered and its money
 * given back to the fund in the next: the financial report, the disclosure, the campaigns report,
 * the management-cost working and the public site's days each count the payment net of it from
 * the day it came back, and agree with the balance replayed by business date at each bound.
 */
import type { FundBalance } from '../../projections/balance.projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import { MoneyDecimal } from '../../src/domain/money';
import type { DisbursementPaid, DisbursementRequested, HandoverRecorded, PaymentReversed, ShareMoneyReturned } from '../../src/domain/spending/spending.events';
import { replayBalance } from '../../src/projection-runner/replay';
import { useHistoryBooks } from './support/history-books';
import { buildRegisterReport, RegisterReportFacts } from '../../src/read-side/register-report-facts';
import type { ReportName, ReportPeriod } from '../../src/reports';
import { dailyFigures } from '../../src/reports/daily-figures';
import { NO_MOVEMENTS } from '../../src/reports/report-facts';
import {
  campaignCreated, disbursementApproved, disbursementPaid, disbursementRequested, donationRecorded, FUND_ID, fundOpened, paymentReversed,
} from '../domain/builders';

const VN = (date: string) => `${date}T10:00:00+07:00`;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+07:00`);
const dayEnd = (date: string) => dayStart(date) + 86_400_000 - 1;
const TET = 'tet-2024';

/**
 * 100 000 000 VND received for the Tết campaign on 10 January; DB-1, 3 000 000 VND to six
 * households, paid on 1 February; Bình's 500 000 VND share closed and given back on 5 April.
 * DB-2, a management cost of 2 000 000 VND with one 400 000 VND share given back on 6 April.
 */
function history(): LedgerEvent[] {
  const at = <E extends LedgerEvent>(event: E, field: string, date: string): E => ({ ...event, data: { ...event.data, [field]: VN(date) } });
  const gift = donationRecorded({ sequence: 1, receivedAt: VN('2024-01-10'), amountVnd: '100000000', campaignId: TET });
  const line = (n: number, amount: string) => ({ beneficiaryId: `BF-00000${n}`, name: `Hộ ${n}`, commune: 'Xã Tân Phú', matchKey: `ho ${n}`, amount, items: null });
  const tet = disbursementRequested({
    sequence: 1, amount: '3000000', campaignId: TET, requestedAt: VN('2024-01-20'), needCategory: 'tet-gift', purpose: 'Quà Tết',
    beneficiary: 'UBND xã Tân Phú', distribution: [1, 2, 3, 4, 5, 6].map((n) => line(n, '500000')),
  });
  const cost = disbursementRequested({
    sequence: 2, amount: '2000000', kind: 'management_cost', requestedAt: VN('2024-01-21'), needCategory: 'other', purpose: 'Chi phí vận chuyển quà',
    distribution: [line(7, '400000')],
  });
  const returned = (disbursementId: string, beneficiaryId: string, amount: string, date: string, campaignId: string | null): ShareMoneyReturned => ({
    type: 'ShareMoneyReturned',
    data: {
      fundId: FUND_ID, disbursementId, beneficiaryId, amount, component: 'general', restrictionId: null, campaignId, returnedAt: VN(date),
      evidenceRef: `PT-${beneficiaryId}`, recordedBy: 'accountant-1', recordedAt: VN(date),
    },
  });
  return [
    fundOpened(),
    campaignCreated({ campaignId: TET, name: 'Tết 2024', kind: 'other', receiveFrom: VN('2024-01-01'), receiveUntil: VN('2024-01-31'), restrictionId: null }),
    gift,
    tet, at(disbursementApproved(1), 'approvedAt', '2024-01-20'), at(disbursementPaid(1), 'paidAt', '2024-02-01'),
    cost, at(disbursementApproved(2), 'approvedAt', '2024-01-21'), at(disbursementPaid(2), 'paidAt', '2024-02-02'),
    returned('DB-000001', 'BF-000003', '500000', '2024-04-05', TET),
    returned('DB-000002', 'BF-000007', '400000', '2024-04-06', null),
  ];
}

describe('The money of a closed cash share given back counts in every report from the day it came back', () => {
  const events = history();
  const { store, scratch } = useHistoryBooks('ctd.share-returns', events);

  const report = (name: ReportName, period: ReportPeriod, position = events.length) => buildRegisterReport(scratch.db, { fundId: FUND_ID, report: name, period }, position);
  const cashAt = async (ms: number): Promise<string> => {
    const { state } = await replayBalance(store, { asOf: new Date(ms).toISOString(), toPosition: events.length });
    const fund: FundBalance | undefined = state.funds[FUND_ID];
    return new MoneyDecimal(fund?.received ?? '0').minus(fund?.disbursed ?? '0').toFixed();
  };

  it.each([
    // Q1: both payments (3 000 000 relief, 2 000 000 management cost); Q2: 500 000 and 400 000 back, netting each kind's payments.
    { quarter: 'Q1', from: '2024-01-01', to: '2024-03-31', opening: '0', relief: '3000000', cost: '2000000', closing: '95000000' },
    { quarter: 'Q2', from: '2024-04-01', to: '2024-06-30', opening: '95000000', relief: '-500000', cost: '-400000', closing: '95900000' },
  ])('$quarter: the financial report nets each kind\'s payments and agrees with the balance at its bounds', async ({ from, to, opening, relief, cost, closing }) => {
    const period = { fromMs: dayStart(from), toMs: dayEnd(to) };
    const financial = report('financial', period);
    const line = (name: string) => financial.rows.find((row) => row.line === name)?.amount;
    expect([await cashAt(period.fromMs - 1), await cashAt(period.toMs)]).toEqual([opening, closing]);
    expect({ opening: line('opening'), relief: line('payments.relief'), cost: line('payments.management_cost'), closing: line('closing') })
      .toEqual({ opening, relief, cost, closing });
    expect(report('disclosure', period).summary.paidToRecipients).toBe(line('payments.total'));
  });

  it('lists in the Q2 disclosure each share given back as "Điều chỉnh giảm phân phối", on its day, of its request', () => {
    const disclosure = report('disclosure', { fromMs: dayStart('2024-04-01'), toMs: dayEnd('2024-06-30') });
    const lines = disclosure.rows.filter((row) => row.section === 'recipient' || row.section === 'recipient-reversal')
      .map((row) => [row.section, row.reference, row.cash, row.description]);
    expect(lines).toEqual([
      ['recipient-reversal', 'DB-000001', '-500000', 'Quà Tết: tiền chi trả không phát được, nộp lại quỹ'],
      ['recipient-reversal', 'DB-000002', '-400000', 'Chi phí vận chuyển quà: tiền chi trả không phát được, nộp lại quỹ'],
    ]);
  });

  it('counts the campaign\'s distributed net of Bình\'s share, and leaves Q1 as it was closed', () => {
    const campaign = (from: string, to: string) => (report('campaigns', { fromMs: dayStart(from), toMs: dayEnd(to) }).rows as Array<Record<string, unknown>>)
      .find((row) => row.campaignId === TET);
    expect(campaign('2024-01-01', '2024-03-31')).toMatchObject({ distributed: '3000000', remaining: '97000000' });
    expect(campaign('2024-04-01', '2024-06-30')).toMatchObject({ distributed: '-500000', remaining: '97500000' });
    expect(campaign('2024-01-01', '2024-12-31')).toMatchObject({ distributed: '2500000', remaining: '97500000' });
  });

  it('takes the 400 000 VND back out of the year\'s management cost used', () => {
    const year = report('financial', { fromMs: dayStart('2024-01-01'), toMs: dayEnd('2024-12-31') });
    expect(year.summary.managementCostUsed).toBe('1600000');
    const beforeReturn = report('financial', { fromMs: dayStart('2024-01-01'), toMs: dayEnd('2024-12-31') }, events.length - 1);
    expect(beforeReturn.summary.managementCostUsed).toBe('2000000');
  });

  it('the public site\'s days show each share back on its own day: each day closes at the balance of its end', async () => {
    const facts = new RegisterReportFacts(scratch.db, FUND_ID, { fromMs: null, toMs: null }, events.length);
    const days = dailyFigures({
      keptReceived: new Map([['2024-01-10', '100000000']]), otherChanges: new Map([['2024-01-10', '100000000']]),
      spending: facts.spending(), movements: NO_MOVEMENTS, campaignId: undefined, clampAtZero: false,
    });
    const closings = days.map((day) => [day.day, day.distributed, day.closing]);
    expect(closings).toEqual([
      ['2024-01-10', '0', '100000000'],
      ['2024-02-01', '3000000', '97000000'],
      ['2024-02-02', '2000000', '95000000'],
      ['2024-04-05', '-500000', '95500000'],
      ['2024-04-06', '-400000', '95900000'],
    ]);
    for (const [day, , closing] of closings) expect([day, await cashAt(dayEnd(String(day)))]).toEqual([day, closing]);
  });
});

/**
 * Shares closed before their list was paid, and payments reversed after a share's money came back:
 * 100 000 000 VND for Tết on 10 January. DB-1 (Tết, 3 000 000 to six households) paid on 1
 * February without household 2's 500 000 share, closed on 25 January; DB-2 (management cost,
 * 2 000 000) paid on 2 February without its 400 000 share, closed before. DB-3 (Tết, 1 000 000 to
 * two households) paid on 3 February, household 8's 500 000 share closed and given back on 5
 * April, the payment reversed on 10 April; DB-4 (management cost, 1 000 000) paid on 4 February,
 * 300 000 given back on 6 April, reversed on 11 April.
 */
function withheldAndReversedHistory(): LedgerEvent[] {
  const at = <E extends LedgerEvent>(event: E, field: string, date: string): E => ({ ...event, data: { ...event.data, [field]: VN(date) } });
  const line = (n: number, amount: string) => ({ beneficiaryId: `BF-${String(n).padStart(6, '0')}`, name: `Hộ ${n}`, commune: 'Xã Tân Phú', matchKey: `ho ${n}`, amount, items: null });
  const request = (sequence: number, amount: string, lines: ReturnType<typeof line>[], date: string, kind: 'relief' | 'management_cost') => disbursementRequested({
    sequence, amount, kind, campaignId: kind === 'relief' ? TET : null, requestedAt: VN(date), needCategory: kind === 'relief' ? 'tet-gift' : 'other',
    purpose: kind === 'relief' ? 'Quà Tết' : 'Chi phí vận chuyển quà', beneficiary: 'UBND xã Tân Phú', distribution: lines,
  });
  const closed = (disbursementId: string, beneficiaryId: string, date: string): HandoverRecorded => ({
    type: 'HandoverRecorded',
    data: {
      fundId: FUND_ID, disbursementId, beneficiaryId, status: 'refused', handedOverAt: VN(date), evidenceRef: `BB-${beneficiaryId}`, recordedBy: 'coordinator-1',
      recordedAt: VN(date), closed: true,
    },
  });
  const paid = (sequence: number, date: string, withheld?: { beneficiaryId: string; amount: string }[]): DisbursementPaid => {
    const event = at(disbursementPaid(sequence), 'paidAt', date);
    return withheld ? { ...event, data: { ...event.data, withheld } } : event;
  };
  const returned = (disbursementId: string, beneficiaryId: string, amount: string, date: string, campaignId: string | null): ShareMoneyReturned => ({
    type: 'ShareMoneyReturned',
    data: {
      fundId: FUND_ID, disbursementId, beneficiaryId, amount, component: 'general', restrictionId: null, campaignId, returnedAt: VN(date),
      evidenceRef: `PT-${beneficiaryId}`, recordedBy: 'accountant-1', recordedAt: VN(date),
    },
  });
  const reversed = (requested: DisbursementRequested, sequence: number, date: string, givenBack: string): PaymentReversed =>
    ({ ...paymentReversed(requested, sequence), data: { ...paymentReversed(requested, sequence).data, reversedAt: VN(date), givenBack } });
  const db1 = request(1, '3000000', [1, 2, 3, 4, 5, 6].map((n) => line(n, '500000')), '2024-01-20', 'relief');
  const db2 = request(2, '2000000', [line(7, '400000')], '2024-01-21', 'management_cost');
  const db3 = request(3, '1000000', [line(8, '500000'), line(9, '500000')], '2024-01-22', 'relief');
  const db4 = request(4, '1000000', [line(10, '300000')], '2024-01-23', 'management_cost');
  return [
    fundOpened(),
    campaignCreated({ campaignId: TET, name: 'Tết 2024', kind: 'other', receiveFrom: VN('2024-01-01'), receiveUntil: VN('2024-01-31'), restrictionId: null }),
    donationRecorded({ sequence: 1, receivedAt: VN('2024-01-10'), amountVnd: '100000000', campaignId: TET }),
    db1, at(disbursementApproved(1), 'approvedAt', '2024-01-20'), closed('DB-000001', 'BF-000002', '2024-01-25'),
    paid(1, '2024-02-01', [{ beneficiaryId: 'BF-000002', amount: '500000' }]),
    db2, at(disbursementApproved(2), 'approvedAt', '2024-01-21'), closed('DB-000002', 'BF-000007', '2024-01-25'),
    paid(2, '2024-02-02', [{ beneficiaryId: 'BF-000007', amount: '400000' }]),
    db3, at(disbursementApproved(3), 'approvedAt', '2024-01-22'), paid(3, '2024-02-03'),
    db4, at(disbursementApproved(4), 'approvedAt', '2024-01-23'), paid(4, '2024-02-04'),
    closed('DB-000003', 'BF-000008', '2024-04-01'), returned('DB-000003', 'BF-000008', '500000', '2024-04-05', TET),
    closed('DB-000004', 'BF-000010', '2024-04-01'), returned('DB-000004', 'BF-000010', '300000', '2024-04-06', null),
    reversed(db3, 1, '2024-04-10', '500000'), reversed(db4, 2, '2024-04-11', '700000'),
  ];
}

describe('A share closed before the payment is never paid out, and a payment reversed after a share came back is given back once', () => {
  const events = withheldAndReversedHistory();
  const { store, scratch } = useHistoryBooks('ctd.share-withheld', events);

  const report = (name: ReportName, period: ReportPeriod) => buildRegisterReport(scratch.db, { fundId: FUND_ID, report: name, period }, events.length);
  const cashAt = async (ms: number): Promise<string> => {
    const { state } = await replayBalance(store, { asOf: new Date(ms).toISOString(), toPosition: events.length });
    const fund: FundBalance | undefined = state.funds[FUND_ID];
    return new MoneyDecimal(fund?.received ?? '0').minus(fund?.disbursed ?? '0').toFixed();
  };

  it.each([
    // Q1: 2 500 000 + 1 000 000 relief and 1 600 000 + 1 000 000 management cost paid; Q2: the shares back and the reversals of the rest.
    { quarter: 'Q1', from: '2024-01-01', to: '2024-03-31', opening: '0', relief: '3500000', cost: '2600000', closing: '93900000' },
    { quarter: 'Q2', from: '2024-04-01', to: '2024-06-30', opening: '93900000', relief: '-1000000', cost: '-1000000', closing: '95900000' },
    { quarter: 'the year', from: '2024-01-01', to: '2024-12-31', opening: '0', relief: '2500000', cost: '1600000', closing: '95900000' },
  ])('$quarter: the financial report and the disclosure agree with the balance at its bounds', async ({ from, to, opening, relief, cost, closing }) => {
    const period = { fromMs: dayStart(from), toMs: dayEnd(to) };
    const financial = report('financial', period);
    const line = (name: string) => financial.rows.find((row) => row.line === name)?.amount;
    expect([await cashAt(period.fromMs - 1), await cashAt(period.toMs)]).toEqual([opening, closing]);
    expect({ opening: line('opening'), relief: line('payments.relief'), cost: line('payments.management_cost'), closing: line('closing') })
      .toEqual({ opening, relief, cost, closing });
    const disclosure = report('disclosure', period);
    expect(disclosure.summary.paidToRecipients).toBe(line('payments.total'));
    const listed = disclosure.rows.filter((row) => row.section === 'recipient' || row.section === 'recipient-reversal')
      .reduce((total, row) => total.plus(String(row.cash)), new MoneyDecimal(0));
    expect(listed.toFixed()).toBe(line('payments.total'));
  });

  it('lists in Q1 each payment at what it paid, and in Q2 the shares back and the reversals of what was still out', () => {
    const lines = (from: string, to: string) => report('disclosure', { fromMs: dayStart(from), toMs: dayEnd(to) }).rows
      .filter((row) => row.section === 'recipient' || row.section === 'recipient-reversal').map((row) => [row.section, row.reference, row.cash]);
    expect(lines('2024-01-01', '2024-03-31')).toEqual([
      ['recipient', 'DB-000001', '2500000'], ['recipient', 'DB-000002', '1600000'], ['recipient', 'DB-000003', '1000000'], ['recipient', 'DB-000004', '1000000'],
    ]);
    expect(lines('2024-04-01', '2024-06-30')).toEqual([
      ['recipient-reversal', 'DB-000003', '-500000'], ['recipient-reversal', 'DB-000004', '-300000'],
      ['recipient-reversal', 'DB-000003', '-500000'], ['recipient-reversal', 'DB-000004', '-700000'],
    ]);
  });

  it('counts the campaign\'s distributed as paid and taken back, never the share left out', () => {
    const campaign = (from: string, to: string) => (report('campaigns', { fromMs: dayStart(from), toMs: dayEnd(to) }).rows as Array<Record<string, unknown>>)
      .find((row) => row.campaignId === TET);
    expect(campaign('2024-01-01', '2024-03-31')).toMatchObject({ distributed: '3500000', remaining: '96500000' });
    expect(campaign('2024-04-01', '2024-06-30')).toMatchObject({ distributed: '-1000000', remaining: '97500000' });
    expect(campaign('2024-01-01', '2024-12-31')).toMatchObject({ distributed: '2500000', remaining: '97500000' });
  });

  it('uses 1 600 000 VND of the year\'s management cost: DB-2 less its share left out, DB-4 reversed', () => {
    expect(report('financial', { fromMs: dayStart('2024-01-01'), toMs: dayEnd('2024-12-31') }).summary.managementCostUsed).toBe('1600000');
  });

  it('the public site\'s days close at the balance of each day\'s end', async () => {
    const facts = new RegisterReportFacts(scratch.db, FUND_ID, { fromMs: null, toMs: null }, events.length);
    const days = dailyFigures({
      keptReceived: new Map([['2024-01-10', '100000000']]), otherChanges: new Map([['2024-01-10', '100000000']]),
      spending: facts.spending(), movements: NO_MOVEMENTS, campaignId: undefined, clampAtZero: false,
    });
    const closings = days.map((day) => [day.day, day.distributed, day.closing]);
    expect(closings).toEqual([
      ['2024-01-10', '0', '100000000'],
      ['2024-02-01', '2500000', '97500000'],
      ['2024-02-02', '1600000', '95900000'],
      ['2024-02-03', '1000000', '94900000'],
      ['2024-02-04', '1000000', '93900000'],
      ['2024-04-05', '-500000', '94400000'],
      ['2024-04-06', '-300000', '94700000'],
      ['2024-04-10', '-500000', '95200000'],
      ['2024-04-11', '-700000', '95900000'],
    ]);
    for (const [day, , closing] of closings) expect([day, await cashAt(dayEnd(String(day)))]).toEqual([day, closing]);
  });
});
