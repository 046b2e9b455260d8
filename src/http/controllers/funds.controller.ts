import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
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
import { ApiSignedIn } from '../openapi/document';
import {
  ApiBalanceRoute, ApiChangePolicyRoute, ApiCloseCampaignRoute, ApiClosePeriodRoute, ApiCreateCampaignRoute, ApiListFundsRoute, ApiManagementCostRoute,
  ApiOpenFundRoute, ApiPolicyHistoryRoute, ApiReadFundRoute,
} from '../openapi/funds.routes';
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
  @ApiOpenFundRoute()
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
  @ApiListFundsRoute()
  async list(@Query() query: Record<string, unknown>) {
    const limit = limitParam(query.limit);
    const cursor = cursorParam(query.cursor, ['string']);
    const position = await this.reads.align(REGISTER_READS.funds, positionParam('minPosition', query.minPosition));
    return presentPage(this.registers.funds({ limit, cursor }, position), presentFundRow);
  }

  @Get(':fundId')
  @Roles('any')
  @ApiReadFundRoute()
  async get(@Param('fundId') fundIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const read = await openFundAtOnePosition(this.folded, fundId);
    if (!read) throw new FundNotFound(fundId);
    return presentFund(read.value, read.position, vietnamDateOf(new Date().toISOString()));
  }

  @Put(':fundId/policy')
  @HttpCode(200)
  @Roles('admin')
  @ApiChangePolicyRoute()
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
  @ApiPolicyHistoryRoute()
  async policyHistory(@Param('fundId') fundIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const history = await fundPolicyHistory(this.folded, fundId);
    if (!history) throw new FundNotFound(fundId);
    return presentPolicyHistory(fundId, history.fund, history.versionPositions, history.position);
  }

  @Post(':fundId/periods/:period/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiClosePeriodRoute()
  async closePeriod(@Param('fundId') fundIdRaw: string, @Param('period') period: string, @Body() body: ClosePeriodRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(
      new ExecuteFundCommand(fundId, { type: 'ClosePeriod', period, decisionRef: body.decisionRef, closedBy: meta.actor.userId, now: meta.now }, meta),
    );
    return { ...outcome.result, status: 'closed' };
  }

  @Get(':fundId/management-cost')
  @Roles('any')
  @ApiManagementCostRoute()
  async managementCost(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    // "Today" is the asOf asked for: the year as it stood on that business date (api-v2 "Dates").
    const lookBack = await lookBackParams(this.positions, query);
    const atPosition = await this.positions.positionOf(lookBack);
    // By the log's clocks alone, "today" is the day that position was recorded: the year as the
    // decider saw it then, the same at every later reading of that position.
    const booksAt = lookBack.asOf === undefined && atPosition !== undefined ? await this.positions.recordedAt(atPosition) : undefined;
    const today = lookBack.asOf ?? new Date(booksAt ?? Date.now()).toISOString();
    const year = yearParam(query.year) ?? fiscalYearOf(today);
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
  @ApiCreateCampaignRoute()
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
  @ApiCloseCampaignRoute()
  async closeCampaign(@Param('fundId') fundIdRaw: string, @Param('campaignId') campaignIdRaw: string, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const campaignId = slugParam('campaignId', campaignIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteFundCommand(fundId, { type: 'CloseCampaign', campaignId, now: meta.now }, meta));
    return { ...outcome.result, status: 'closed' };
  }

  @Get(':fundId/balance')
  @Roles('any')
  @ApiBalanceRoute()
  async balance(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    await awaitBalances(this.balances, positionParam('minPosition', query.minPosition));
    const lookBack = await lookBackParams(this.positions, query);
    const { state, position: replayedTo } = await this.balances.at(lookBack);
    // By the log's clocks the answer stands where a report's does: at the position asked (or the
    // last event recorded by recordedBefore), an event there or not (EventStoreDB's positions fall between events).
    const position = (await this.positions.positionOf(lookBack)) ?? replayedTo;
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
