/**
 * The management-cost cap (R6, api-v2.md "Policy, legal basis, periods"): one pure function that
 * both the spending decider and the financial report call, so the two can never disagree.
 *
 * Per fiscal year (Vietnam time, by business date): `base` is the eligible revenue received in
 * the year less eligible revenue reversed in the year (a reversal counts in its own year),
 * never below zero; `budget` is base × warnPercent rounded down to the dong; `carriedForward` is
 * what the year before left unused of its budget and of what it was carried, when positive (so
 * unused budget of every earlier year carries on, and is spent only once); `used` is the
 * management cost requested in the year and not rejected (a rejected request was never a cost, in
 * any year), less what a reversal, a payment leaving shares out or a share's money given back
 * dated in the year took off a cost (of that year or an earlier one): a closed year keeps the
 * figure of the money it spent, as with a refunded bank fee.
 * Past budget + carriedForward a cost is flagged; past base × capPercent (rounded down) +
 * carriedForward it is refused.
 */
import type { Policy } from '../fund/fund.events';
import { policyVersionInForce } from '../fund/fund.state';
import { MoneyDecimal, ZERO } from '../money';

/** What the figures need of a policy version: when it governs from, and its two percentages. */
export interface PercentagesVersion {
  /** YYYY-MM-DD, Vietnam time; null for the opening policy. */
  effectiveFrom: string | null;
  policy: Pick<Policy, 'managementCostWarnPercent' | 'managementCostCapPercent'>;
}

/** What the figures of a year are computed from: sums of whole dong, and the percentages that governed it. */
export interface ManagementCostYearFacts {
  eligibleRevenue: MoneyDecimal;
  used: MoneyDecimal;
  warnPercent: string;
  capPercent: string;
}

export interface ManagementCostFigures {
  year: number;
  base: string;
  warnPercent: string;
  capPercent: string;
  budget: string;
  carriedForward: string;
  used: string;
  remaining: string;
  /** Used has gone past budget + carriedForward. */
  warning: boolean;
  /** base × capPercent, rounded down, + carriedForward: no cost may take `used` past it. */
  limit: string;
  /**
   * Used has gone past the limit: not by a cost (it would have been refused) but by revenue
   * reversed after the costs were requested, or bank fees booked from a statement. Nothing more
   * of the year's management cost is paid until it is back within.
   */
  overCap: boolean;
}

const percentOf = (amount: MoneyDecimal, percent: string): MoneyDecimal =>
  amount.times(percent).dividedBy(100).toDecimalPlaces(0, MoneyDecimal.ROUND_DOWN);

const baseOf = (facts: ManagementCostYearFacts | undefined): MoneyDecimal =>
  facts === undefined ? ZERO : MoneyDecimal.max(ZERO, facts.eligibleRevenue);

/** The working of `year` from the facts of every year (years without facts count as nothing). */
export function managementCostFigures(facts: ReadonlyMap<number, ManagementCostYearFacts>, year: number): ManagementCostFigures {
  // Carried money is spent once: each year passes on what is left of its budget and of what it
  // was carried, when positive, so a cost drawn from the carry is not carried again.
  let carriedForward = ZERO;
  for (const earlier of [...facts.keys()].filter((each) => each < year).sort((a, b) => a - b)) {
    const earlierFacts = facts.get(earlier) as ManagementCostYearFacts;
    const left = percentOf(baseOf(earlierFacts), earlierFacts.warnPercent).plus(carriedForward).minus(earlierFacts.used);
    carriedForward = left.gt(0) ? left : ZERO;
  }
  const own = facts.get(year);
  const base = baseOf(own);
  const warnPercent = own?.warnPercent ?? '0';
  const capPercent = own?.capPercent ?? '0';
  const budget = percentOf(base, warnPercent);
  const used = own?.used ?? ZERO;
  const remaining = budget.plus(carriedForward).minus(used);
  const limit = percentOf(base, capPercent).plus(carriedForward);
  return {
    year, base: base.toFixed(), warnPercent, capPercent, budget: budget.toFixed(), carriedForward: carriedForward.toFixed(),
    used: used.toFixed(), remaining: remaining.toFixed(), warning: remaining.lt(0),
    limit: limit.toFixed(), overCap: used.gt(limit),
  };
}

/** The last Vietnam calendar day of a fiscal year. */
const yearEnd = (year: number): string => `${String(year).padStart(4, '0')}-12-31`;

/**
 * The percentages that govern `year` as seen on `asOfDay` (YYYY-MM-DD, Vietnam time): those of
 * the policy in force on the year's last day, or on `asOfDay` when that comes first, so a
 * version scheduled for later never governs money dated before it.
 */
export function yearPercentages(versions: readonly PercentagesVersion[], year: number, asOfDay: string): Pick<Policy, 'managementCostWarnPercent' | 'managementCostCapPercent'> {
  const end = yearEnd(year);
  const policy = policyVersionInForce(versions, asOfDay < end ? asOfDay : end).policy;
  return { managementCostWarnPercent: policy.managementCostWarnPercent, managementCostCapPercent: policy.managementCostCapPercent };
}

/** Facts of every year with revenue or use, and of `year` itself, from sums per year and the policy versions. */
export function managementCostFacts(
  eligibleByYear: ReadonlyMap<number, MoneyDecimal>, usedByYear: ReadonlyMap<number, MoneyDecimal>,
  versions: readonly PercentagesVersion[], year: number, asOfDay: string,
): Map<number, ManagementCostYearFacts> {
  const years = new Set([...eligibleByYear.keys(), ...usedByYear.keys(), year]);
  const facts = new Map<number, ManagementCostYearFacts>();
  for (const each of [...years].sort((a, b) => a - b)) {
    const percentages = yearPercentages(versions, each, asOfDay);
    facts.set(each, {
      eligibleRevenue: eligibleByYear.get(each) ?? ZERO, used: usedByYear.get(each) ?? ZERO,
      warnPercent: percentages.managementCostWarnPercent, capPercent: percentages.managementCostCapPercent,
    });
  }
  return facts;
}

/** Whether a cost of `amount` fits the year: over `limit` refused, over budget + carriedForward flagged. */
export function managementCostCheck(figures: ManagementCostFigures, amount: MoneyDecimal): { exceeds: boolean; warning: boolean; usedAfter: MoneyDecimal } {
  const usedAfter = new MoneyDecimal(figures.used).plus(amount);
  return {
    exceeds: usedAfter.gt(figures.limit),
    warning: usedAfter.gt(new MoneyDecimal(figures.budget).plus(figures.carriedForward)),
    usedAfter,
  };
}
