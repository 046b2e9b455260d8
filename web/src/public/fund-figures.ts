import type { components } from '../api/schema';

type Totals = components['schemas']['PublicTotalsResponse'];

/** Whole dong, as the ledger writes them: a decimal string of digits, maybe signed. */
const dong = (value: string): bigint => (/^-?\d+$/.test(value) ? BigInt(value) : 0n);

/**
 * What the fund still holds, as its financial report's closing balance counts it: cash received
 * (interest included, reversed gifts left out) and money received from other funds, less what
 * was paid out (emergency money once settled as spent, bank fees) and what was sent to other
 * funds (from the day it went in transit), plus FX differences. Money approved and not yet paid,
 * and emergency money not yet settled, are still the fund's.
 */
export function fundRemaining(totals: Pick<Totals, 'received' | 'transferredIn' | 'fxDifference' | 'disbursed' | 'transferredOut' | 'inTransitOut'>): string {
  return (dong(totals.received) + dong(totals.transferredIn) + dong(totals.fxDifference)
    - dong(totals.disbursed) - dong(totals.transferredOut) - dong(totals.inTransitOut)).toString();
}

/** Money sent to other funds: arrived there, or on its way. */
export function sentToOtherFunds(totals: Pick<Totals, 'transferredOut' | 'inTransitOut'>): string {
  return (dong(totals.transferredOut) + dong(totals.inTransitOut)).toString();
}
