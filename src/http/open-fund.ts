import type { OpenFundState } from '../domain/fund/fund.state';
import type { FoldedStreams } from '../read-side/folded-streams';
import { openFund } from '../read-side/fund-reads';
import { FundNotFound } from './errors';

/** What a read of the fund found; 404 FUND_NOT_FOUND when it found nothing (the fund is not open). */
export function orFundNotFound<Found>(found: Found | undefined, fundId: string): Found {
  if (found === undefined) throw new FundNotFound(fundId);
  return found;
}

/** The fund as its own stream holds it now (folded on the read side); 404 for a fund not open. */
export async function openFundOr404(streams: FoldedStreams, fundId: string): Promise<OpenFundState> {
  return orFundNotFound(await openFund(streams, fundId), fundId);
}
