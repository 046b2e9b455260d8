import type { Inflows } from '../domain/spending/inflows';
import type { EventLocation } from '../event-store/event-store.port';

/**
 * What the log says of the money that came into each fund, where a read needs it exact and current:
 * the earliest fiscal year of a fund's donations (a backdated gift lands in an earlier year's
 * stream) and where the transfers it received or returned are, in log order. The write side
 * folds these from the log in global order for its decisions (its inflows); a register may not
 * have applied a donation recorded a moment ago, so the read side asks the same fold. The
 * composition root (ledger-core.module.ts) binds it: read-side/ never imports command-handling/.
 */
export abstract class FundInflows {
  /** Folds everything appended before the call. */
  abstract catchUp(): Promise<void>;
  abstract of(fundId: string): Pick<Inflows, 'earliestDonationYear'>;
  /** The receipts and returns of transfers sent to the fund, in log order. */
  abstract arrivals(fundId: string): readonly EventLocation[];
}
