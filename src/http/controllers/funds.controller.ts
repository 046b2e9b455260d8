import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteFundCommand } from '../../command-handling/handlers/fund.handlers';
import type { Policy } from '../../domain/fund/fund.events';
import { fiscalYearOf, vietnamDateOf } from '../../domain/shared/calendar';
import { ownEntry } from '../../domain/shared/records';
import { REPORT_REGISTERS } from '../../reports';
import { BalanceLookBack } from '../../read-side/balance-look-back';
import { FoldedStreams } from '../../read-side/folded-streams';
import { fundPolicyHistory, openFundAtOnePosition } from '../../read-side/fund-reads';
import { REGISTER_READS, RegisterQueries } from '../../read-side/register-queries';
import { ReportQueries } from '../../read-side/register-report-facts';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ChangePolicyRequestDto, ClosePeriodRequestDto, CreateCampaignRequestDto, OpenFundRequestDto } from '../dto/fund.request.dto';
import { FundNotFound } from '../errors';
import { openFundOr404 } from '../open-fund';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import {
  BalanceResponse, CampaignClosedResponse, CampaignCreatedResponse, FundOpenedResponse, FundPageResponse, FundResponse, ManagementCostResponse, PeriodClosedResponse,
  PolicyChangedResponse, PolicyHistoryResponse,
} from '../openapi/fund.responses';
import {
  ApiAtPositionQuery, ApiCampaignIdParam, ApiFundIdParam, ApiIdempotencyKeyHeader, ApiMinPositionQuery, ApiPageQueries, ApiPeriodParam,
} from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { presentBalance, presentFund, presentFundRow, presentPolicyHistory } from '../presenters/fund.presenters';
import { presentPage } from '../presenters/register.presenters';
import { cursorParam, limitParam } from '../query-params';
import { LogPositions } from '../../read-side/log-positions';
import { lookBackParams } from '../look-back';
import { awaitBalances, positionParam, RegisterReads } from '../read-consistency';
import { fundParam, slugParam } from './params';

/** The balance presenter, where the projection's tests have always found it. */
export { presentBalance } from '../presenters/fund.presenters';

@ApiTags('funds')
@ApiSignedIn()
@Controller('v1/funds')
export class FundsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly positions: LogPositions,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(RegisterQueries) private readonly registers: RegisterQueries,
    @Inject(ReportQueries) private readonly reports: ReportQueries,
    @Inject(FoldedStreams) private readonly folded: FoldedStreams,
    @Inject(BalanceLookBack) private readonly balances: BalanceLookBack,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Open a fund with its component funds and policy' })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, FundOpenedResponse, 'The fund is open')
  @ApiErrors(...ROUTE_ERRORS.openFund)
  async open(@Body() body: OpenFundRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(
      new ExecuteFundCommand(body.fundId, {
        type: 'OpenFund', fundId: body.fundId, name: body.name, chapter: body.chapter ?? null, legalBasis: body.legalBasis ?? null,
        components: body.components ?? null, policy: body.policy ?? null, now: meta.now,
      }, meta),
    );
    return outcome.result;
  }

  @Get()
  @Roles('any')
  @ApiOperation({ summary: 'Every fund of the ledger, by fundId: name, chapter, component funds and when it was opened (GET /v1/funds/:fundId gives its policy)' })
  @ApiPageQueries()
  @ApiAnswer(200, FundPageResponse, 'A page of the funds')
  @ApiErrors(...ROUTE_ERRORS.listFunds)
  async list(@Query() query: Record<string, unknown>) {
    const limit = limitParam(query.limit);
    const cursor = cursorParam(query.cursor, ['string']);
    const position = await this.reads.align(REGISTER_READS.funds, positionParam('minPosition', query.minPosition));
    return presentPage(this.registers.funds({ limit, cursor }, position), presentFundRow);
  }

  @Get(':fundId')
  @Roles('any')
  @ApiOperation({
    summary: 'The fund, its components, the policy in force today (Vietnam time), its closed periods and campaigns',
    description: 'Read from the log itself, so it is current at once; `position` is the log position it was read at (the head when it was read).',
  })
  @ApiFundIdParam()
  @ApiAnswer(200, FundResponse, 'The fund')
  @ApiErrors(...ROUTE_ERRORS.readFund)
  async get(@Param('fundId') fundIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const read = await openFundAtOnePosition(this.folded, fundId);
    if (!read) throw new FundNotFound(fundId);
    return presentFund(read.value, read.position, vietnamDateOf(new Date().toISOString()));
  }

  @Put(':fundId/policy')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'A new policy version from effectiveFrom (today or later, Vietnam time) on, by the board\'s decision',
    description: 'Past dates are 422 EFFECTIVE_DATE_IN_PAST (a change never rewrites the past); a date before a version already scheduled is 422 EFFECTIVE_DATE_BEFORE_SCHEDULED; an unusable policy, or legalBasis decree-93-2019 for a version effective from 2026-03-01 (Decree 03/2026 replaced it), is 422 INVALID_POLICY.',
  })
  @ApiFundIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, PolicyChangedResponse, 'The new version is recorded')
  @ApiErrors(...ROUTE_ERRORS.changePolicy)
  async changePolicy(@Param('fundId') fundIdRaw: string, @Body() body: ChangePolicyRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(
      new ExecuteFundCommand(fundId, {
        type: 'ChangePolicy', policy: definedFields(body.policy), effectiveFrom: body.effectiveFrom, decisionRef: body.decisionRef,
        legalBasis: body.legalBasis ?? null, changedBy: meta.actor.userId, now: meta.now,
      }, meta),
    );
    return { version: outcome.result.version, position: outcome.result.position };
  }

  @Get(':fundId/policy/history')
  @Roles('any')
  @ApiOperation({ summary: 'Every policy version, the opening policy being version 1, with the position of the event that made it' })
  @ApiFundIdParam()
  @ApiAnswer(200, PolicyHistoryResponse, 'The policy versions, oldest first')
  @ApiErrors(...ROUTE_ERRORS.readFund)
  async policyHistory(@Param('fundId') fundIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const history = await fundPolicyHistory(this.folded, fundId);
    if (!history) throw new FundNotFound(fundId);
    return presentPolicyHistory(fundId, history.fund, history.versionPositions, history.position);
  }

  @Post(':fundId/periods/:period/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Close a fiscal year (2025) or quarter (2025-Q3) that has ended: entries dated in it are then 422 PERIOD_CLOSED',
    description: 'A period not yet over (Vietnam time) is 422 PERIOD_NOT_ENDED; one already closed, or a quarter of a closed year, is 422 INVALID_STATE.',
  })
  @ApiFundIdParam()
  @ApiPeriodParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, PeriodClosedResponse, 'The period is closed')
  @ApiErrors(...ROUTE_ERRORS.closePeriod)
  async closePeriod(@Param('fundId') fundIdRaw: string, @Param('period') period: string, @Body() body: ClosePeriodRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(
      new ExecuteFundCommand(fundId, { type: 'ClosePeriod', period, decisionRef: body.decisionRef, closedBy: meta.actor.userId, now: meta.now }, meta),
    );
    return { ...outcome.result, status: 'closed' };
  }

  @Get(':fundId/management-cost')
  @Roles('any')
  @ApiOperation({
    summary: 'The management-cost working of a fiscal year (R6): base, budget, carried forward, used, remaining',
    description: 'From the registers by the same function as the financial report, at a log position (`atPosition`, default the head; '
      + 'stated as `position`): each entry in the year of its business date, and a reversal (of a donation, a payment, a bank fee or interest) '
      + 'in the year of its own date. A past year uses the policy in force on its last day; the current year the policy in force today. '
      + 'With `asOf` (a business date) the working is the year as it stood then: what was received, charged and requested by that date, '
      + 'with the policy in force on it (the year defaults to the year of `asOf`); `recordedBefore` reads the log as recorded by then.',
  })
  @ApiFundIdParam()
  @ApiQuery({ name: 'year', required: false, type: String, description: 'A fiscal year (Vietnam time); default the current one', example: '2025' })
  @ApiMinPositionQuery('the registers')
  @ApiAtPositionQuery('The log position the working is computed at (default: the head); stated as `position`. Before the fund was opened: 404 NOT_FOUND (details.atPosition)')
  @ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: the year as it stood then', example: '2025-06-30' })
  @ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)', example: '2025-07-05T17:00:00+07:00' })
  @ApiAnswer(200, ManagementCostResponse, 'The working of the year')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  async managementCost(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    // "Today" is the asOf asked for: the year as it stood on that business date (api-v2 "Dates").
    const lookBack = await lookBackParams(this.positions, query);
    const today = lookBack.asOf ?? new Date().toISOString();
    const year = yearParam(query.year) ?? fiscalYearOf(today);
    const atPosition = await this.positions.positionOf(lookBack);
    const minPosition = positionParam('minPosition', query.minPosition);
    // Without a position asked for, the head: what the spending decider would check a request against now.
    const wanted = atPosition ?? Math.max(minPosition ?? 0, await this.positions.headPosition());
    const aligned = await this.reads.ofFund(fundId, REPORT_REGISTERS, wanted || undefined, atPosition);
    const position = atPosition ?? aligned;
    // A past year as it closed; the current one as of today; a later one as it would open.
    const thisYear = fiscalYearOf(today);
    const asOfDay = year < thisYear ? `${year}-12-31` : year === thisYear ? vietnamDateOf(today) : `${year}-01-01`;
    const figures = this.reports.managementCost(fundId, year, asOfDay, position, lookBack.asOf === undefined ? undefined : Date.parse(lookBack.asOf));
    if (figures === null) throw new FundNotFound(fundId);
    return { fundId, ...figures, position };
  }

  @Post(':fundId/campaigns')
  @Roles('admin', 'accountant')
  @ApiOperation({ summary: 'Create a campaign; disaster windows follow Decree 93/2021 (≤ 90 days receiving, ≤ 20 days more distributing)' })
  @ApiFundIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, CampaignCreatedResponse, 'The campaign is created')
  @ApiErrors(...ROUTE_ERRORS.createCampaign)
  async createCampaign(@Param('fundId') fundIdRaw: string, @Body() body: CreateCampaignRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(
      new ExecuteFundCommand(fundId, {
        type: 'CreateCampaign', campaignId: body.campaignId, name: body.name, kind: body.kind, receiveFrom: body.receiveFrom,
        receiveUntil: body.receiveUntil, distributeUntil: body.distributeUntil ?? null, bankAccount: body.bankAccount ?? null, now: meta.now,
      }, meta),
    );
    return outcome.result;
  }

  @Post(':fundId/campaigns/:campaignId/close')
  @HttpCode(200)
  @Roles('admin', 'accountant')
  @ApiOperation({ summary: 'Close a campaign: donations received after now are refused' })
  @ApiFundIdParam()
  @ApiCampaignIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, CampaignClosedResponse, 'The campaign is closed')
  @ApiErrors(...ROUTE_ERRORS.closeCampaign)
  async closeCampaign(@Param('fundId') fundIdRaw: string, @Param('campaignId') campaignIdRaw: string, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const campaignId = slugParam('campaignId', campaignIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteFundCommand(fundId, { type: 'CloseCampaign', campaignId, now: meta.now }, meta));
    return { ...outcome.result, status: 'closed' };
  }

  @Get(':fundId/balance')
  @Roles('any')
  @ApiOperation({
    summary: 'Balances by component, restricted pool and campaign; now, or looking back by business date, log position or recording time '
      + '(combined: entries dated by asOf, as the log stood at atPosition). `asOfPosition` is the log position the answer was computed at.',
  })
  @ApiFundIdParam()
  @ApiMinPositionQuery('the balance')
  @ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset', example: '2024-12-31' })
  @ApiAtPositionQuery('The log as it stood after this position (at most the head of the log). Before the fund was opened (by atPosition or recordedBefore): 404 NOT_FOUND (details.atPosition)')
  @ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then (v1 asOf)', example: '2025-01-05T17:00:00+07:00' })
  @ApiAnswer(200, BalanceResponse, 'The balances')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  async balance(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    await awaitBalances(this.balances, positionParam('minPosition', query.minPosition));
    const lookBack = await lookBackParams(this.positions, query);
    const { state, position } = await this.balances.at(lookBack);
    const known = await openFundOr404(this.folded, fundId);
    // Looking back by the log's clocks to before the fund was opened: the log then had no such fund.
    const byLogClocks = lookBack.atPosition !== undefined || lookBack.recordedBefore !== undefined;
    if (byLogClocks && !(await this.balances.fundOpenedBy(fundId, position))) throw new FundNotFound(fundId, position);
    return presentBalance(fundId, known.components, ownEntry(state.funds, fundId), position, (campaignId) => ownEntry(known.campaigns, campaignId)?.name);
  }
}

/** A policy of the request without the fields it did not send, so they stay as in force. */
function definedFields(policy: object): Partial<Policy> {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined)) as Partial<Policy>;
}

function yearParam(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw) || Number(raw) < 1900) {
    throw validationFailed([{ field: 'year', reason: 'must be a fiscal year such as 2025' }]);
  }
  return Number(raw);
}
