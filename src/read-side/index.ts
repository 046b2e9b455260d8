/**
 * The read side: one read-only connection to the read models (ReadModels), one SQL toolkit
 * (sql/: the where-builder, the keyset pager, the cursor codec, rows with money as decimal
 * strings), one token-search planner, and the queries: the registers, the public search, the
 * reports' facts. It reads; nothing here writes to the log or to a read model.
 */
import { BalanceLookBack } from './balance-look-back';
import { BeneficiaryQueries } from './beneficiary-queries';
import { DonationReads } from './donation-reads';
import { FoldedStreams } from './folded-streams';
import { FundActivity } from './fund-activity';
import { LogPositions } from './log-positions';
import { PeriodPublications } from './period-publications';
import { PublicationQueries } from './publication-queries';
import { PublicFundFacts } from './public-fund-facts';
import { PublicQueries } from './public-queries';
import { RecentActivity } from './recent-activity';
import { ReadModels } from './read-models';
import { RegisterQueries } from './register-queries';
import { ReportQueries } from './register-report-facts';
import { StatementQueries } from './statement-queries';
import { TransferReads } from './transfer-reads';

/** The read side's providers, for the core module. */
export const READ_SIDE_PROVIDERS = [
  ReadModels, RegisterQueries, PublicQueries, ReportQueries, PublicationQueries, FundActivity, PublicFundFacts, StatementQueries, FoldedStreams, BeneficiaryQueries,
  PeriodPublications,
  DonationReads, RecentActivity, LogPositions, BalanceLookBack, TransferReads,
];
