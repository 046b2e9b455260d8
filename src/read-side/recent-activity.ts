import { Inject, Injectable } from '@nestjs/common';
import { fiscalYearOf } from '../domain/shared/calendar';
import { BeneficiaryQueries } from './beneficiary-queries';
import { FoldedStreams } from './folded-streams';
import { FundActivity, type ActivityLine } from './fund-activity';
import { FundInflows } from './fund-inflows';
import { openFund } from './fund-reads';

/** The dashboard's latest events of one fund, and the head of the log read before them. */
export interface RecentLines {
  lines: ActivityLine[];
  position: number;
}

const DAY_MS = 86_400_000;

/**
 * A fund's recent activity as the staff's dashboard shows it (see FundActivity): the fund's own
 * stream says since when, the inflows of the log say from which year its donations and where the
 * transfers it received are, and its spending (folded on the read side, by BeneficiaryQueries)
 * gives the amount each payment's line counts from.
 */
@Injectable()
export class RecentActivity {
  constructor(
    @Inject(FundActivity) private readonly activity: FundActivity,
    @Inject(FoldedStreams) private readonly streams: FoldedStreams,
    @Inject(BeneficiaryQueries) private readonly spendingReads: BeneficiaryQueries,
    @Inject(FundInflows) private readonly inflows: FundInflows,
  ) {}

  /** The fund's latest `limit` events, newest first, with the head of the log read first; undefined for a fund not open. */
  async latest(fundId: string, limit: number): Promise<RecentLines | undefined> {
    const position = await this.streams.headPosition();
    const fund = await openFund(this.streams, fundId);
    if (fund === undefined) return undefined;
    // A donation may be dated up to tomorrow (Vietnam time): the year of tomorrow is the last one read.
    const lastYear = fiscalYearOf(new Date(Date.now() + DAY_MS).toISOString());
    await this.inflows.catchUp();
    // A payment's line is counted from its request's amount, as the fund's spending stream holds it.
    const spending = await this.spendingReads.spending(fundId);
    const requested = (disbursementId: string) => spending.disbursements.get(disbursementId)?.amount.toFixed() ?? null;
    const earliestDonationYear = this.inflows.of(fundId).earliestDonationYear;
    const lines = await this.activity.latest(fundId, fund.openedAt, earliestDonationYear, lastYear, limit, this.inflows.arrivals(fundId), requested);
    return { lines, position };
  }
}
