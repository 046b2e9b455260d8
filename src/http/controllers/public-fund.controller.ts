import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  PUBLIC_ANSWER_MAX_AGE_MS, PUBLIC_DISCLOSURE_MAX_ROWS, PUBLIC_FUND_READS, PublicFundFacts, RecentAnswers, type PublicCampaign, type PublicDay,
} from '../../read-side/public-fund-facts';
import { LogPositions } from '../../read-side/log-positions';
import { ReportQueries } from '../../read-side/register-report-facts';
import { REPORT_FORMATS } from '../../reports';
import { validationFailed } from '../api-error';
import { Public } from '../auth/roles.decorator';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiPublicCampaignsRoute, ApiPublicDailyRoute, ApiPublicReportRoute } from '../openapi/public-fund.routes';
import { campaignParam, enumParam } from '../query-params';
import { reportStand } from '../look-back';
import { positionParam, RegisterReads } from '../read-consistency';
import { NotFound } from '../errors';
import { fundParam } from './params';
import { reportAnswer } from './reports.controller';

/** The reports anyone may download: the campaigns' figures and the disclosure of donations (published names only). */
export const PUBLIC_REPORTS = ['campaigns', 'disclosure'] as const;

/**
 * What the public site (/cong-khai/:fundId) shows beyond the totals and the donation search: each
 * campaign with its official account and deadline, money per day for the charts, and the reports
 * the fund publishes, all without signing in.
 */
@ApiTags('public transparency')
@ApiFundIdParam()
@Controller('v1/public/funds/:fundId')
export class PublicFundController {
  private readonly recentCampaigns = new RecentAnswers<PublicCampaign[]>(PUBLIC_ANSWER_MAX_AGE_MS);
  private readonly recentDays = new RecentAnswers<PublicDay[]>(PUBLIC_ANSWER_MAX_AGE_MS);

  constructor(
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(PublicFundFacts) private readonly facts: PublicFundFacts,
    @Inject(ReportQueries) private readonly reports: ReportQueries,
    private readonly positions: LogPositions,
  ) {}

  @Get('campaigns')
  @Public()
  @ApiPublicCampaignsRoute()
  async campaigns(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const minPosition = positionParam('minPosition', query.minPosition);
    const aligned = await this.reads.ofFund(fundId, PUBLIC_FUND_READS, minPosition);
    const now = Date.now();
    const { value, position } = this.recentCampaigns.get(fundId, aligned, minPosition, now, () => this.facts.campaigns(fundId, aligned, now));
    return { fundId, campaigns: value, position };
  }

  @Get('daily')
  @Public()
  @ApiPublicDailyRoute()
  async daily(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const campaignId = campaignParam(query.campaignId);
    const minPosition = positionParam('minPosition', query.minPosition);
    const aligned = await this.reads.ofFund(fundId, PUBLIC_FUND_READS, minPosition);
    if (campaignId !== undefined && !this.facts.campaignKnown(fundId, campaignId, aligned)) throw new NotFound('campaign', campaignId);
    const { value, position } = this.recentDays.get(`${fundId}\n${campaignId ?? ''}`, aligned, minPosition, Date.now(), () => this.facts.daily(fundId, campaignId, aligned));
    return { fundId, campaignId: campaignId ?? null, days: value, position };
  }

  @Get('reports/:report')
  @Public()
  @ApiPublicReportRoute(PUBLIC_REPORTS)
  async report(@Param('fundId') fundIdRaw: string, @Param('report') reportRaw: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const fundId = fundParam(fundIdRaw);
    const report = enumParam('report', reportRaw, PUBLIC_REPORTS);
    if (report === undefined) throw validationFailed([{ field: 'report', reason: `must be one of ${PUBLIC_REPORTS.join(', ')}` }]);
    const format = enumParam('format', query.format, REPORT_FORMATS) ?? 'json';
    const { period, atPosition, minPosition } = await reportStand(this.positions, report, query);
    const aligned = await this.reads.ofFund(fundId, PUBLIC_FUND_READS, Math.max(minPosition ?? 0, atPosition ?? 0) || undefined, atPosition);
    const position = atPosition ?? aligned;
    const rows = report === 'disclosure' ? this.facts.donationsIn(fundId, period.fromMs, period.toMs, position) : 0;
    if (rows > PUBLIC_DISCLOSURE_MAX_ROWS) {
      throw validationFailed([{ field: 'to', reason: `the period holds ${rows} donations, more than ${PUBLIC_DISCLOSURE_MAX_ROWS} in one download: choose a shorter period (from, to)` }]);
    }
    return reportAnswer(this.reports.build({ fundId, report, period }, position), format, reply, { fundOpenedAt: this.reports.fundOpenedAt(fundId) });
  }
}
