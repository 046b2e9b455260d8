/**
 * Money per Vietnam day, of a fund or one campaign, counted as the reports count it, so the
 * public site's days agree with the financial report and the campaigns report: a payment on its
 * payment day and its reversal on the reversal's; emergency money on the day its settlement was
 * recorded as spent; a transfer out of the sender on the day it went in transit, back on the day
 * it was returned, into the receiver on the day it arrived (movement-figures.ts), each once; a
 * move between the fund's pools only in a campaign's figures; an FX difference on its settlement
 * day. A day's closing is the running sum of every change up to its end: the financial report's
 * closing balance for the fund, the campaigns report's `remaining` for a campaign.
 * Pure functions of the facts, like the builders.
 */
import { MoneyDecimal } from '../domain/money';
import { campaignFilter, FUND_FILTER, movementsAsOf, type MovementFilter } from './movement-figures';
import { givenBackOf, type MovementFacts, paidAmountOf, settlementsOfRelease, type SpendingFacts } from './report-facts';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ZERO = new MoneyDecimal(0);

/** The Vietnam calendar day (YYYY-MM-DD) of an instant. */
export const vietnamDayOf = (ms: number): string => new Date(Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** One day's figures, whole dong as decimal strings. */
export interface DayFigures {
  day: string;
  /** Cash gifts received that day and not reversed since. */
  received: string;
  /** Paid out that day (disbursements, emergency money spent on its settlement day), less payments reversed that day. */
  distributed: string;
  /** Received from other funds that day. */
  transferredIn: string;
  /** Sent to other funds that day (gone in transit), less transfers of this fund returned to it that day. */
  transferredOut: string;
  /**
   * Every other change of that day, so that closing = the day before's closing + received −
   * distributed + transferredIn − transferredOut + adjustments: a gift reversed since counts until
   * its reversal's day and is taken off on it; interest and bank fees, and their reversals; FX
   * differences; for a campaign, moves between the fund's pools, and for a campaign without a pool
   * of its own, what keeps its closing from going below zero.
   */
  adjustments: string;
  /** What the fund (or the campaign) held at the day's end: the reports' closing balance up to that day. */
  closing: string;
}

/** What the caller reads for the days besides the movements and the spending, per Vietnam day. */
export interface DailyInputs {
  /** Cash gifts received per day and not reversed since (the chart's bars). */
  keptReceived: Map<string, string>;
  /** Every change of the balance a gift, its reversal, interest or a bank fee made, per day (+ in, − out). */
  otherChanges: Map<string, string>;
  spending: SpendingFacts;
  movements: MovementFacts;
  /** The campaign asked for (undefined: the whole fund). */
  campaignId: string | undefined;
  /** A campaign without a pool of its own never has less than nothing left (as the campaigns report). */
  clampAtZero: boolean;
}

class DayMoney {
  received = ZERO;
  distributed = ZERO;
  transferredIn = ZERO;
  transferredOut = ZERO;
  change = ZERO;
}

class Days {
  readonly byDay = new Map<string, DayMoney>();

  on(ms: number | null): DayMoney | null {
    return ms === null ? null : this.of(vietnamDayOf(ms));
  }

  of(day: string): DayMoney {
    let money = this.byDay.get(day);
    if (!money) this.byDay.set(day, (money = new DayMoney()));
    return money;
  }
}

/** Payments and emergency money spent, on their days, out of the balance. */
function addSpending(days: Days, spending: SpendingFacts, campaignId: string | undefined): void {
  const mine = (item: { campaignId: string | null }) => campaignId === undefined || item.campaignId === campaignId;
  const paid = (ms: number | null, amount: string | null, sign: 1 | -1) => {
    const day = amount === null ? null : days.on(ms);
    if (day === null) return;
    const value = new MoneyDecimal(amount as string).times(sign);
    day.distributed = day.distributed.plus(value);
    day.change = day.change.minus(value);
  };
  for (const payment of spending.disbursements.filter(mine)) {
    paid(payment.paidAtMs, paidAmountOf(payment).toFixed(), 1);
    if (payment.status === 'reversed' && payment.paidAtMs !== null) paid(payment.reversedAtMs, givenBackOf(payment).toFixed(), -1);
    // A closed share's money given back, on its own day, as a reversal is.
    for (const returned of payment.paidAtMs === null ? [] : payment.returns ?? []) paid(returned.returnedAtMs, returned.amount, -1);
  }
  for (const settlement of spending.releases.filter(mine).flatMap(settlementsOfRelease)) {
    paid(settlement.settledAtMs, settlement.spent, 1);
    paid(settlement.reversedAtMs, settlement.spent, -1);
  }
}

/** Transfers, moves between pools (a campaign's only) and FX differences, each once, on its day. */
function addMovements(days: Days, movementsRead: MovementFacts, filter: MovementFilter): void {
  const movements = movementsAsOf(movementsRead, null);
  const change = (ms: number | null, amount: MoneyDecimal, figure?: 'transferredIn' | 'transferredOut') => {
    const day = days.on(ms);
    if (day === null) return;
    day.change = day.change.plus(amount);
    if (figure === 'transferredIn') day.transferredIn = day.transferredIn.plus(amount);
    if (figure === 'transferredOut') day.transferredOut = day.transferredOut.minus(amount);
  };
  for (const t of movements.transfersOut.filter((x) => filter.sender(x))) {
    change(t.sentAtMs, new MoneyDecimal(t.amount).negated(), 'transferredOut');
    if (t.closedStatus === 'returned') change(t.closedAtMs, new MoneyDecimal(t.amount), 'transferredOut');
  }
  for (const t of movements.transfersIn.filter((x) => filter.receiver(x))) {
    if (t.closedStatus === 'received') change(t.closedAtMs, new MoneyDecimal(t.amount), 'transferredIn');
  }
  for (const m of movements.poolMoves) {
    if (m.movedAtMs === null) continue;
    if (filter.moveOut(m)) change(m.movedAtMs, new MoneyDecimal(m.amount).negated());
    if (filter.moveIn(m)) change(m.movedAtMs, new MoneyDecimal(m.amount));
  }
  for (const f of movements.fx.filter((x) => filter.fx(x))) {
    change(f.settledAtMs, new MoneyDecimal(f.settledVnd).minus(f.provisionalVnd));
    // The gift's reversal took the difference back on its own day.
    if (f.reversedAtMs !== undefined) change(f.reversedAtMs, new MoneyDecimal(f.provisionalVnd).minus(f.settledVnd));
  }
}

/** The days money moved, oldest first, each with its figures and the closing at its end. */
export function dailyFigures(inputs: DailyInputs): DayFigures[] {
  const days = new Days();
  for (const [day, amount] of inputs.keptReceived) days.of(day).received = days.of(day).received.plus(amount);
  for (const [day, amount] of inputs.otherChanges) days.of(day).change = days.of(day).change.plus(amount);
  addSpending(days, inputs.spending, inputs.campaignId);
  addMovements(days, inputs.movements, inputs.campaignId === undefined ? FUND_FILTER : campaignFilter(inputs.campaignId));
  let running = ZERO;
  let closedBefore = ZERO;
  const figures: DayFigures[] = [];
  for (const day of [...days.byDay.keys()].sort()) {
    const money = days.byDay.get(day) as DayMoney;
    running = running.plus(money.change);
    const moved = [money.received, money.distributed, money.transferredIn, money.transferredOut, money.change].some((value) => !value.isZero());
    if (!moved) continue;
    const closing = inputs.clampAtZero && running.isNegative() ? ZERO : running;
    const named = money.received.minus(money.distributed).plus(money.transferredIn).minus(money.transferredOut);
    figures.push({
      day, received: money.received.toFixed(0), distributed: money.distributed.toFixed(0), transferredIn: money.transferredIn.toFixed(0),
      transferredOut: money.transferredOut.toFixed(0), adjustments: closing.minus(closedBefore).minus(named).toFixed(0), closing: closing.toFixed(0),
    });
    closedBefore = closing;
  }
  return figures;
}
