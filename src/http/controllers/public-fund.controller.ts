import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  PUBLIC_ANSWER_MAX_AGE_MS, PUBLIC_DISCLOSURE_MAX_ROWS, PUBLIC_FUND_READS, PublicFundFacts, RecentAnswers, type PublicCampaign, type PublicDay,
} from '../../read-side/public-fund-facts';
import { LogPositions } from '../../read-side/log-positions';
import { ReportQueries } from '../../read-side/register-report-facts';
import { REPORT_FORMATS } from '../../reports';
import { validationFailed } from '../api-error';
import { Public } from '../auth/roles.decorator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiAnswer, ApiReportAnswer } from '../openapi/answers';
import { ApiEnumParam, ApiFundIdParam, ApiMinPositionQuery, ApiReportQueries } from '../openapi/parameters';
import { PublicCampaignListResponse, PublicDailyResponse } from '../openapi/public.responses';
import { ROUTE_ERRORS } from '../openapi/route-errors';
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
  @ApiOperation({
    summary: 'Every campaign of the fund: received, distributed, remaining, its official bank account, and whether its distribution deadline was met',
    description: 'The figures of the campaigns report over the whole life of each campaign. The deadline is judged today: pending while it is ahead, '
      + 'met when every dong received had been paid out by it (Decree 93/2021 Art. 8), missed otherwise. An answer of the last 5 s may be given '
      + 'again (its `position` says where it stands); with ?minPosition= it stands at or past that position.',
  })
  @ApiMinPositionQuery('the campaigns')
  @ApiAnswer(200, PublicCampaignListResponse, 'The campaigns, by receiving start')
  @ApiErrors(...ROUTE_ERRORS.publicRead)
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
  @ApiOperation({
    summary: 'Money received and distributed per day (Vietnam time), of the fund or one campaign: the public site\'s charts',
    description: 'Only days when money moved. Received: cash gifts by the day received, those reversed since left out. Distributed: payments on their '
      + 'payment day (a reversal on its own day), emergency money on the day its settlement records it spent. Transfers between funds, each once: '
      + 'out of the sender the day it went in transit, back the day it was returned, into the receiver the day it arrived. Closing: what was held at '
      + 'the day\'s end as the reports count it (a gift reversed later counts until its reversal\'s day; the fund\'s interest and bank fees, and a reversal of either on its own day; FX '
      + 'differences; for a campaign, moves between the fund\'s pools). An answer of the last 5 s may be '
      + 'given again (its `position` says where it stands); with ?minPosition= it stands at or past that position.',
  })
  @ApiQuery({ name: 'campaignId', required: false, type: String, description: 'Only this campaign (default: the whole fund)', example: 'bao-yagi-2024' })
  @ApiMinPositionQuery('the figures')
  @ApiAnswer(200, PublicDailyResponse, 'The days, oldest first')
  @ApiErrors(...ROUTE_ERRORS.publicRead)
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
  @ApiOperation({
    summary: 'The reports the fund publishes, for anyone to download: campaigns (figures and deadlines) and disclosure (each donation, published names only)',
    description: 'The same documents as the staff\'s reports route, by the same three clocks (default the head of the log): JSON with the position and '
      + 'the sha256 of its canonical content, CSV for programs, XLSX for people. Hash the CSV or XLSX you downloaded: the X-Report-Sha256 header is the '
      + 'sha256 of the JSON content. A publication names the checkpoint it was made at: the report at that position is the one published then.',
  })
  @ApiEnumParam('report', PUBLIC_REPORTS, 'The report', 'disclosure')
  @ApiReportQueries()
  @ApiReportAnswer(
    'The report at its position',
    'Mã đợt vận động,Tên đợt vận động\r\nbao-yagi,Bão Yagi\r\n# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
    'title block, the table, totals and signatures',
  )
  @ApiErrors(...ROUTE_ERRORS.publicRead)
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
