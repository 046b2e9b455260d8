import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BalanceProjection, type BalanceState, type FundBalance } from '../../../projections/balance.projection';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteFundCommand } from '../../command-handling/handlers/fund.handlers';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { FundModel } from '../../command-handling/stream-models';
import { ownEntry } from '../../domain/shared/records';
import { Streams } from '../../domain/streams';
import { replayBalance } from '../../projection-runner/replay';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { ApiError } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { CreateCampaignRequestDto, OpenFundRequestDto } from '../dto/fund.request.dto';
import { awaitPosition, lookBackParams, positionParam } from '../read-consistency';
import { fundParam, slugParam } from './params';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('v1/funds')
export class FundsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly writer: LedgerWriter,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Open a fund with its component funds and policy' })
  async open(@Body() body: OpenFundRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(
      new ExecuteFundCommand(body.fundId, {
        type: 'OpenFund', fundId: body.fundId, name: body.name, chapter: body.chapter ?? null, legalBasis: body.legalBasis ?? null,
        components: body.components ?? null, policy: body.policy ?? null, now: meta.now,
      }, meta),
    );
    return outcome.result;
  }

  @Get(':fundId')
  @Roles('any')
  @ApiOperation({ summary: 'The fund, its components, policy and campaigns' })
  async get(@Param('fundId') fundIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const fund = await this.writer.writePath.lookup(Streams.fund(fundId), FundModel);
    if (fund.status !== 'open') throw new ApiError(404, 'NOT_FOUND', `No fund ${fundId}`, { entity: 'fund' });
    const { status: _status, campaigns, ...rest } = fund;
    return { ...rest, campaigns: Object.values(campaigns) };
  }

  @Post(':fundId/campaigns')
  @Roles('admin', 'accountant')
  @ApiOperation({ summary: 'Create a campaign; disaster windows follow Decree 93/2021 (≤ 90 days receiving, ≤ 20 days more distributing)' })
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
  @ApiQuery({ name: 'minPosition', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'The log as it stood after this position' })
  @ApiQuery({ name: 'recordedBefore', required: false, description: 'ISO 8601 with offset: the log as it was recorded by then (v1 asOf)' })
  async balance(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const runner = this.projections.runner(BalanceProjection);
    await awaitPosition(runner, positionParam('minPosition', query.minPosition));
    const lookBack = await lookBackParams(this.writer, query);
    let state: BalanceState = runner.current;
    let position = runner.appliedPosition;
    if (lookBack.asOf !== undefined || lookBack.atPosition !== undefined || lookBack.recordedBefore !== undefined) {
      ({ state, position } = await replayBalance(this.writer.store, { asOf: lookBack.asOf, toPosition: lookBack.atPosition, recordedBefore: lookBack.recordedBefore }));
    }
    const known = await this.writer.writePath.lookup(Streams.fund(fundId), FundModel);
    if (known.status !== 'open') throw new ApiError(404, 'NOT_FOUND', `No fund ${fundId}`, { entity: 'fund' });
    return presentBalance(fundId, known.components, ownEntry(state.funds, fundId), position);
  }
}

export function presentBalance(fundId: string, components: string[], fund: FundBalance | undefined, position: number) {
  const zero = { received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', available: '0' };
  const pools = Object.values(fund?.pools ?? {});
  const byComponent: Record<string, typeof zero> = {};
  for (const component of components) byComponent[component] = { ...zero };
  for (const pool of pools.filter((p) => p.restrictionId === null)) {
    const { received, disbursed, held, outstandingEmergency, available } = pool;
    byComponent[pool.component] = { received, disbursed, held, outstandingEmergency, available };
  }
  return {
    fundId,
    asOfPosition: position,
    currency: 'VND',
    received: fund?.received ?? '0',
    inKindReceived: fund?.inKindReceived ?? '0',
    disbursed: fund?.disbursed ?? '0',
    held: fund?.held ?? '0',
    outstandingEmergency: fund?.outstandingEmergency ?? '0',
    available: fund?.available ?? '0',
    byComponent,
    restricted: pools
      .filter((p) => p.restrictionId !== null)
      .map((p) => ({
        restrictionId: p.restrictionId, component: p.component, purpose: p.purpose, campaignId: p.campaignId,
        received: p.received, disbursed: p.disbursed, held: p.held, outstandingEmergency: p.outstandingEmergency, available: p.available,
      })),
    byCampaign: fund?.campaigns ?? {},
  };
}
