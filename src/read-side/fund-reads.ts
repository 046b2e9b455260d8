import type { FundEvent } from '../domain/fund/fund.events';
import { evolveFund, initialFundState, type FundState, type OpenFundState } from '../domain/fund/fund.state';
import { Streams } from '../domain/streams';
import type { Fold, FoldedStreams } from './folded-streams';

/**
 * The fund's stream as the read side holds it: the fund folded as the domain folds it, the log
 * position of each policy version's event (the opening policy first) and of the stream's last event.
 */
interface FundStream {
  fund: FundState;
  policyVersionPositions: number[];
  position: number;
}

/** The fund's own stream, folded as the domain folds it: one fold for every read of it. */
const FUND: Fold<FundStream, FundEvent> = {
  initialState: () => ({ fund: initialFundState(), policyVersionPositions: [], position: 0 }),
  evolve: (read, event, position) => ({
    fund: evolveFund(read.fund, event),
    // Opening the fund made version 1 and each change makes the next one, in this order.
    policyVersionPositions: event.type === 'FundOpened' || event.type === 'PolicyChanged' ? [...read.policyVersionPositions, position] : read.policyVersionPositions,
    position,
  }),
};

/** The fund as its own stream holds it now; undefined for a fund not open. */
export async function openFund(streams: FoldedStreams, fundId: string): Promise<OpenFundState | undefined> {
  const { fund } = await streams.current(Streams.fund(fundId), FUND);
  return fund.status === 'open' ? fund : undefined;
}

/** The open fund and the log position it was read at (see FoldedStreams.atOnePosition); undefined for a fund not open. */
export function openFundAtOnePosition(streams: FoldedStreams, fundId: string): Promise<{ value: OpenFundState; position: number } | undefined> {
  return streams.atOnePosition([Streams.fund(fundId)], () => openFund(streams, fundId), (fund) => fund);
}

/**
 * The open fund with the log position of each of its policy versions' events (`versionPositions`,
 * by index of `fund.policyVersions`) and of its stream's last event (`position`), all of one fold;
 * undefined for a fund not open.
 */
export async function fundPolicyHistory(
  streams: FoldedStreams, fundId: string,
): Promise<{ fund: OpenFundState; versionPositions: readonly number[]; position: number } | undefined> {
  const { fund, policyVersionPositions, position } = await streams.current(Streams.fund(fundId), FUND);
  return fund.status === 'open' ? { fund, versionPositions: policyVersionPositions, position } : undefined;
}
