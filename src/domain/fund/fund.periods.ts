import { addDaysInOffsetOf, instantOf, vietnamDateOf } from '../shared/calendar';
import { reject, type Decision } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { ClosedPeriod, FundState } from './fund.state';

/** A period the board can close: a fiscal year (`2025`) or one of its quarters (`2025-Q3`). */
export interface PeriodSpan {
  period: string;
  /** First and last Vietnam calendar day, YYYY-MM-DD. */
  from: string;
  to: string;
}

const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4]))?$/;
const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** The days a period name covers, or undefined when it names no period. */
export function parsePeriod(period: string): PeriodSpan | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const year = match[1];
  if (Number(year) < 1900) return undefined;
  if (match[2] === undefined) return { period, from: `${year}-01-01`, to: `${year}-12-31` };
  const quarter = Number(match[2]);
  const startMonth = String((quarter - 1) * 3 + 1).padStart(2, '0');
  return { period, from: `${year}-${startMonth}-01`, to: `${year}-${QUARTER_ENDS[quarter - 1]}` };
}

/**
 * The closed period that holds the Vietnam calendar day of `businessDate`. Undefined when the
 * date is in no closed period, is no timestamp or the fund is not open.
 */
export function closedPeriodHolding(fund: FundState, businessDate: string): ClosedPeriod | undefined {
  if (fund.status !== 'open' || fund.closedPeriods.length === 0) return undefined;
  if (Number.isNaN(instantOf(businessDate))) return undefined;
  const day = vietnamDateOf(businessDate);
  return fund.closedPeriods.find((period) => period.from <= day && day <= period.to);
}

/**
 * Why an entry dated `businessDate` may not be booked: the closed period that holds its Vietnam
 * calendar day. Corrections of entries in a closed period are dated in an open one. Undefined
 * when the date is in no closed period, is no timestamp (the caller refuses it on its own
 * terms) or the fund is not open.
 */
export function periodClosedRejection(fund: FundState, businessDate: string): Decision<never> | undefined {
  const closed = closedPeriodHolding(fund, businessDate);
  if (!closed) return undefined;
  const day = vietnamDateOf(businessDate);
  return reject(
    RejectionCode.PERIOD_CLOSED,
    `Period ${closed.period} is closed (decision ${closed.decisionRef}): nothing may be dated ${day}; date a correction in an open period`,
    { period: closed.period, businessDate, decisionRef: closed.decisionRef },
    { params: { day } },
  );
}

/**
 * `businessDate`, or, when it falls in closed periods, the first moment after them (the start of
 * the next Vietnam day, `YYYY-MM-DDT00:00:00+07:00`): where something another party dated in a
 * period this fund has closed since counts in this fund's books. A period is closed only once it
 * has ended, so that moment is never ahead of today.
 */
export function openFrom(fund: FundState, businessDate: string): string {
  let at = businessDate;
  for (let closed = closedPeriodHolding(fund, at); closed; closed = closedPeriodHolding(fund, at)) {
    at = addDaysInOffsetOf(`${closed.to}T00:00:00+07:00`, 1);
  }
  return at;
}
