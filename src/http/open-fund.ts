import type { LedgerWriter } from '../command-handling/ledger-write.providers';
import { FundModel } from '../command-handling/stream-models';
import type { OpenFundState } from '../domain/fund/fund.state';
import { Streams } from '../domain/streams';
import { FundNotFound } from './errors';

/** The fund as its own stream holds it now (as the write side folds it); 404 for a fund not open. */
export async function openFundOr404(writer: LedgerWriter, fundId: string): Promise<OpenFundState> {
  const fund = await writer.writePath.lookup(Streams.fund(fundId), FundModel);
  if (fund.status !== 'open') throw new FundNotFound(fundId);
  return fund;
}
