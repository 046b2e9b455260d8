import type { OpenFundState } from '../domain/fund/fund.state';
import type { FoldedStreams } from '../read-side/folded-streams';
import { openFund } from '../read-side/fund-reads';
import { FundNotFound } from './errors';

/** The fund a read found open; 404 FUND_NOT_FOUND when it found none. */
export function fundOr404<Fund>(fund: Fund | undefined, fundId: string): Fund {
  if (fund === undefined) throw new FundNotFound(fundId);
  return fund;
}

/** The fund as its own stream holds it now (folded on the read side); 404 for a fund not open. */
export async function openFundOr404(streams: FoldedStreams, fundId: string): Promise<OpenFundState> {
  return fundOr404(await openFund(streams, fundId), fundId);
}
