import { MoneyDecimal, ZERO } from '../money';
import { vietnamDayNumber } from '../shared/calendar';

/**
 * A pool's money over business days: by how much each Vietnam calendar day changed what the pool
 * has available (money in is positive, money out or promised is negative), folded from the
 * business dates the entries carry. A movement dated on a day must leave every day's closing
 * available, from that day on, at zero or above: money that arrived later never paid for what is
 * dated earlier, so no look-back by business date (`balance?asOf=`, a report of a past period)
 * shows a pool below zero. Days, not instants, are the grain: the look-backs, the reports and the
 * banks' value dates all count by day.
 */
export interface DatedNets {
  byDay: Map<number, MoneyDecimal>;
  /** The latest day with an entry: a movement dated on or after it changes no earlier day. */
  lastDay: number;
}

export type DatedNetsByPool = Map<string, DatedNets>;


/** Books `change` (signed, in VND) on the pool's day of `businessDate`. */
export function recordDated(byPool: DatedNetsByPool, pool: string, businessDate: string, change: MoneyDecimal): void {
  const day = vietnamDayNumber(businessDate);
  const nets = byPool.get(pool);
  if (!nets) {
    byPool.set(pool, { byDay: new Map([[day, change]]), lastDay: day });
    return;
  }
  nets.byDay.set(day, (nets.byDay.get(day) ?? ZERO).plus(change));
  if (day > nets.lastDay) nets.lastDay = day;
}

/** The lowest closing available of a pool from a day on, and the day it falls on (null: today's figure, nothing dated later). */
export interface LowestAvailable {
  amount: MoneyDecimal;
  day: number | null;
}

/**
 * The least a pool holds at the close of any day from `fromDay` on, given what it holds now
 * (`now`, every entry counted) and its dated changes, split between sources (the money that came
 * in, the movements out). Money counted in `now` without a dated change counts from the start.
 */
export function lowestAvailableFrom(now: MoneyDecimal, sources: readonly (DatedNets | undefined)[], fromDay: number): LowestAvailable {
  if (sources.every((nets) => nets === undefined || nets.lastDay <= fromDay)) return { amount: now, day: null };
  const later = new Map<number, MoneyDecimal>();
  let closingOfFromDay = now;
  for (const nets of sources) {
    if (nets === undefined || nets.lastDay <= fromDay) continue;
    for (const [day, change] of nets.byDay) {
      if (day <= fromDay) continue;
      later.set(day, (later.get(day) ?? ZERO).plus(change));
      closingOfFromDay = closingOfFromDay.minus(change);
    }
  }
  let lowest: LowestAvailable = { amount: closingOfFromDay, day: fromDay };
  let closing = closingOfFromDay;
  for (const day of [...later.keys()].sort((a, b) => a - b)) {
    closing = closing.plus(later.get(day) as MoneyDecimal);
    if (closing.lt(lowest.amount)) lowest = { amount: closing, day };
  }
  // When no day falls below today's figure, today's figure is the answer, as it always was.
  return lowest.amount.lt(now) ? lowest : { amount: now, day: null };
}
