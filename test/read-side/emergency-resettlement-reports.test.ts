/**
 * api-v2.md "Corrections": reversing an emergency settlement re-opens the release for a new
 * settlement, and reversing an open release cancels it. A release can so be settled, reversed
 * and settled again, or settled, reversed and cancelled. Reports of past periods must still see
 * the first settlement on its date and its reversal on its own, as the balance at those dates
 * does: the financial report's opening and closing equal the balance at the period's bounds,
 * and the disclosure's payments to recipients equal the financial report's payments.
 */
import type { FundBalance } from '../../projections/balance.projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import { MoneyDecimal } from '../../src/domain/money';
import { replayBalance } from '../../src/projection-runner/replay';
import { useHistoryBooks } from './support/history-books';
import { buildRegisterReport, RegisterReportFacts } from '../../src/read-side/register-report-facts';
import type { ReportName, ReportPeriod } from '../../src/reports';
import { dailyFigures } from '../../src/reports/daily-figures';
import { NO_MOVEMENTS } from '../../src/reports/report-facts';
import { donationRecorded, emergencyReleaseCancelled, emergencyReleased, emergencyReleaseSettled, emergencySettlementReversed, FUND_ID, fundOpened } from '../domain/builders';

const VN = (date: string) => `${date}T10:00:00+07:00`;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+07:00`);
const dayEnd = (date: string) => dayStart(date) + 86_400_000 - 1;

/** ER-1: settled (10,000,000), reversed, settled again (8,000,000). ER-2: settled (5,000,000), reversed, cancelled. */
function history(): LedgerEvent[] {
  const gift = donationRecorded({ sequence: 1, receivedAt: VN('2024-01-10'), amountVnd: '100000000' });
  const one = emergencyReleased({ sequence: 1, amount: '10000000', releasedAt: VN('2024-02-01'), settleBy: VN('2024-03-02') });
  const two = emergencyReleased({ sequence: 2, amount: '5000000', releasedAt: VN('2024-02-02'), settleBy: VN('2024-03-03') });
  const at = <E extends LedgerEvent>(event: E, field: string, date: string): E => ({ ...event, data: { ...event.data, [field]: VN(date) } });
  return [
    fundOpened(),
    { ...gift, data: { ...gift.data, component: 'emergency-relief' } },
    one,
    two,
    at(emergencyReleaseSettled(1, '10000000', '0'), 'settledAt', '2024-02-10'),
    at(emergencyReleaseSettled(2, '5000000', '0'), 'settledAt', '2024-02-12'),
    at(emergencySettlementReversed(one, '10000000', '0', 1), 'reversedAt', '2024-04-05'),
    at(emergencySettlementReversed(two, '5000000', '0', 2), 'reversedAt', '2024-04-06'),
    at(emergencyReleaseSettled(1, '8000000', '2000000'), 'settledAt', '2024-04-20'),
    at(emergencyReleaseCancelled(two, 3), 'reversedAt', '2024-07-10'),
  ];
}

describe('Reports of past periods see every settlement of a release and every reversal, each on its own date', () => {
  const events = history();
  const { store, scratch } = useHistoryBooks('ctd.resettle', events);

  const report = (name: ReportName, period: ReportPeriod) => buildRegisterReport(scratch.db, { fundId: FUND_ID, report: name, period }, events.length);
  const cashAt = async (ms: number): Promise<string> => {
    const { state } = await replayBalance(store, { asOf: new Date(ms).toISOString(), toPosition: events.length });
    const fund: FundBalance | undefined = state.funds[FUND_ID];
    return new MoneyDecimal(fund?.received ?? '0').minus(fund?.disbursed ?? '0').toFixed();
  };

  it.each([
    // Q1: both first settlements spent (15,000,000); Q2: both reversed (−15,000,000) and ER-1 settled again (8,000,000); Q3: the cancellation moves no cash.
    { quarter: 'Q1', from: '2024-01-01', to: '2024-03-31', opening: '0', emergency: '15000000', closing: '85000000' },
    { quarter: 'Q2', from: '2024-04-01', to: '2024-06-30', opening: '85000000', emergency: '-7000000', closing: '92000000' },
    { quarter: 'Q3', from: '2024-07-01', to: '2024-09-30', opening: '92000000', emergency: '0', closing: '92000000' },
  ])('$quarter: the financial report agrees with the balance at its bounds, the disclosure with the financial report', async ({ from, to, opening, emergency, closing }) => {
    const period = { fromMs: dayStart(from), toMs: dayEnd(to) };
    const financial = report('financial', period);
    const line = (name: string) => financial.rows.find((row) => row.line === name)?.amount;
    // The balance replayed by business date says what the fund held at each bound.
    expect([await cashAt(period.fromMs - 1), await cashAt(period.toMs)]).toEqual([opening, closing]);
    expect({ opening: line('opening'), emergency: line('payments.emergency'), closing: line('closing') }).toEqual({ opening, emergency, closing });
    const disclosure = report('disclosure', period);
    expect(disclosure.summary.paidToRecipients).toBe(line('payments.total'));
  });

  it('the public site\'s days count every settlement on its day and every reversal on its own: each day closes at the balance of its end', async () => {
    const facts = new RegisterReportFacts(scratch.db, FUND_ID, { fromMs: null, toMs: null }, events.length);
    const days = dailyFigures({
      keptReceived: new Map([['2024-01-10', '100000000']]), otherChanges: new Map([['2024-01-10', '100000000']]),
      spending: facts.spending(), movements: NO_MOVEMENTS, campaignId: undefined, clampAtZero: false,
    });
    const closings = days.map((day) => [day.day, day.distributed, day.closing]);
    expect(closings).toEqual([
      ['2024-01-10', '0', '100000000'],
      ['2024-02-10', '10000000', '90000000'],
      ['2024-02-12', '5000000', '85000000'],
      ['2024-04-05', '-10000000', '95000000'],
      ['2024-04-06', '-5000000', '100000000'],
      ['2024-04-20', '8000000', '92000000'],
    ]);
    for (const [day, , closing] of closings) expect([day, await cashAt(dayEnd(String(day)))]).toEqual([day, closing]);
  });

  it('the disclosure of Q2 lists the reversals of settlements made in Q1 and the new settlement', () => {
    const disclosure = report('disclosure', { fromMs: dayStart('2024-04-01'), toMs: dayEnd('2024-06-30') });
    const lines = disclosure.rows.filter((row) => row.section === 'recipient' || row.section === 'recipient-reversal')
      .map((row) => [row.section, row.reference, row.cash]);
    expect(lines).toEqual([
      ['recipient', 'ER-000001', '8000000'],
      ['recipient-reversal', 'ER-000001', '-10000000'],
      ['recipient-reversal', 'ER-000002', '-5000000'],
    ]);
  });
});
