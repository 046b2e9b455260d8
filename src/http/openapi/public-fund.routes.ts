import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiAnswer, ApiReportAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiEnumParam, ApiMinPositionQuery, ApiReportQueries } from './parameters';
import { PublicCampaignListResponse, PublicDailyResponse } from './public.responses';
import { ROUTE_ERRORS } from './route-errors';

/*
 * How /docs describes the routes of PublicFundController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/public/funds/:fundId/campaigns */
export const ApiPublicCampaignsRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Every campaign of the fund: received, distributed, remaining, its official bank account, and whether its distribution deadline was met',
      description: 'The figures of the campaigns report over the whole life of each campaign. The deadline is judged today: pending while it is ahead, '
        + 'met when every dong received had been paid out by it (Decree 93/2021 Art. 8), missed otherwise. An answer of the last 5 s may be given '
        + 'again (its `position` says where it stands); with ?minPosition= it stands at or past that position.',
    }),
    ApiMinPositionQuery('the campaigns'),
    ApiAnswer(200, PublicCampaignListResponse, 'The campaigns, by receiving start'),
    ApiErrors(...ROUTE_ERRORS.publicRead),
  );

/** GET /v1/public/funds/:fundId/daily */
export const ApiPublicDailyRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Money received and distributed per day (Vietnam time), of the fund or one campaign: the public site\'s charts',
      description: 'Only days when money moved. Received: cash gifts by the day received, those reversed since left out. Distributed: payments on their '
        + 'payment day (a reversal on its own day), emergency money on the day its settlement records it spent. Transfers between funds, each once: '
        + 'out of the sender the day it went in transit, back the day it was returned, into the receiver the day it arrived. Closing: what was held at '
        + 'the day\'s end as the reports count it (a gift reversed later counts until its reversal\'s day; the fund\'s interest and bank fees, and a reversal of either on its own day; FX '
        + 'differences; for a campaign, moves between the fund\'s pools). An answer of the last 5 s may be '
        + 'given again (its `position` says where it stands); with ?minPosition= it stands at or past that position.',
    }),
    ApiMinPositionQuery('the figures'),
    ApiQuery({ name: 'campaignId', required: false, type: String, description: 'Only this campaign (default: the whole fund)', example: 'bao-yagi-2024' }),
    ApiAnswer(200, PublicDailyResponse, 'The days, oldest first'),
    ApiErrors(...ROUTE_ERRORS.publicRead),
  );

/** GET /v1/public/funds/:fundId/reports/:report, of the `reports` the controller serves (PUBLIC_REPORTS) */
export const ApiPublicReportRoute = (reports: readonly string[]) =>
  applyDecorators(
    ApiOperation({
      summary: 'The reports the fund publishes, for anyone to download: campaigns (figures and deadlines) and disclosure (each donation, published names only)',
      description: 'The same documents as the staff\'s reports route, by the same three clocks (default the head of the log): JSON with the position and '
        + 'the sha256 of its canonical content, CSV for programs, XLSX for people. Hash the CSV or XLSX you downloaded: the X-Report-Sha256 header is the '
        + 'sha256 of the JSON content. A publication names the checkpoint it was made at: the report at that position is the one published then.',
    }),
    ApiReportQueries(),
    ApiEnumParam('report', reports, 'The report', 'disclosure'),
    ApiReportAnswer(
      'The report at its position',
      'Mã đợt vận động,Tên đợt vận động\r\nbao-yagi,Bão Yagi\r\n# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
      'title block, the table, totals and signatures',
    ),
    ApiErrors(...ROUTE_ERRORS.publicRead),
  );
