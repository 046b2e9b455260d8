import type { FundEvent } from '../domain/fund/fund.events';
import { evolveFund, initialFundState, type FundState, type OpenFundState } from '../domain/fund/fund.state';
import { Streams } from '../domain/streams';
import type { Fold, FoldedStreams } from './folded-streams';

/** The fund's own stream, folded as the domain folds it: one fold for every read of it. */
const FUND: Fold<FundState, FundEvent> = { initialState: initialFundState, evolve: evolveFund };

/** The fund as its own stream holds it now; undefined for a fund not open. */
export async function openFund(streams: FoldedStreams, fundId: string): Promise<OpenFundState | undefined> {
  const fund = await streams.current(Streams.fund(fundId), FUND);
  return fund.status === 'open' ? fund : undefined;
}

/** The open fund and the log position it was read at (see FoldedStreams.atOnePosition); undefined for a fund not open. */
export function openFundAtOnePosition(streams: FoldedStreams, fundId: string): Promise<{ value: OpenFundState; position: number } | undefined> {
  return streams.atOnePosition([Streams.fund(fundId)], () => openFund(streams, fundId), (fund) => fund);
}
