import { FundNotFound } from './errors';

/** The fund a read of the fund's own stream found open; 404 FUND_NOT_FOUND when it found none. */
export function fundOr404<Fund>(fund: Fund | undefined, fundId: string): Fund {
  if (fund === undefined) throw new FundNotFound(fundId);
  return fund;
}
