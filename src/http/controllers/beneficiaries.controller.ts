import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UsersDirectory } from '../../access/users-directory';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ImportBeneficiaryListCommand, RegisterBeneficiaryCommand } from '../../command-handling/handlers/beneficiaries.handlers';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { type LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { languageOfAcceptLanguage } from '../../i18n/language';
import { beneficiaryListWarnings, readBeneficiaryList } from '../../import/beneficiary-list';
import { BeneficiaryQueries } from '../../read-side/beneficiary-queries';
import { LogPositions } from '../../read-side/log-positions';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Public, Roles } from '../auth/roles.decorator';
import {
  beneficiaryIdParam, beneficiaryListOf, campaignSlugParam, coverageQueryOf, listImportMetadata, publicBeneficiaryPageOf, publicCampaignParam, registryPageOf,
} from './beneficiary-params';
import { Meta } from '../command-context';
import { CorrectHandoverRequestDto, RecordHandoverRequestDto, RegisterBeneficiaryRequestDto, ReturnShareMoneyRequestDto } from '../dto/beneficiary.request.dto';
import { FundNotFound, NotFound } from '../errors';
import { fileRouteMetadataOf, importBodyLimitBytes, refuseEmptyUpload, spooledUpload, unreadableUploadError, uploadedBodyOf } from '../file-upload';
import {
  ApiBeneficiariesRoute, ApiBeneficiaryListsRoute, ApiCorrectHandoverRoute, ApiCoverageRoute, ApiDistributionSheetRoute, ApiDuplicateOverridesRoute,
  ApiImportBeneficiaryListRoute, ApiPublicBeneficiariesRoute, ApiPublicCampaignBeneficiariesRoute, ApiRecordHandoverRoute, ApiRegisterBeneficiaryRoute,
  ApiReturnShareMoneyRoute, ApiStockRoute,
} from '../openapi/beneficiaries.routes';
import { DonationRegisterProjection } from '../../../projections/donation-register.projection';
import { FundRegisterProjection } from '../../../projections/fund-register.projection';
import { lookBackParams } from '../look-back';
import { positionParam, RegisterReads } from '../read-consistency';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import {
  presentBeneficiaryListImported, presentCoverage, presentDuplicateOverrides, presentHandoverCorrected, presentHandoverRecorded,
  presentPublicBeneficiaries, presentShareMoneyReturned,
} from '../presenters/beneficiaries.presenter';
import { coverageDocument } from '../../reports/coverage-report';
import { reportAnswer } from './reports.controller';
import { entryParam, fundParam } from './params';

/** The registry, commune lists, distribution sheets, hand-overs and coverage of a fund's beneficiaries (issue 17). */
@ApiTags('beneficiaries')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class BeneficiariesController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(BeneficiaryQueries) private readonly queries: BeneficiaryQueries,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    @Inject(LogPositions) private readonly positions: LogPositions,
  ) {}

  @Post('beneficiaries')
  @Roles('accountant', 'coordinator')
  @ApiRegisterBeneficiaryRoute()
  async register(@Param('fundId') fundIdRaw: string, @Body() body: RegisterBeneficiaryRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(new RegisterBeneficiaryCommand(fundId, {
      beneficiaryId: body.beneficiaryId ?? null, kind: body.kind, name: body.name, commune: body.commune, address: body.address ?? null,
      village: body.village ?? null, idNumber: body.idNumber ?? null, categories: body.categories,
    }, meta));
    return outcome.result;
  }

  @Get('beneficiaries')
  @Roles('any')
  @ApiBeneficiariesRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = await this.openFund(fundIdRaw);
    const filter = registryPageOf(query);
    const page = await this.queries.beneficiaries(fundId, filter);
    if (!page) throw new NotFound('beneficiary-list', String(filter.listId));
    return { fundId, ...page };
  }

  @Post('beneficiary-lists')
  @HttpCode(201)
  @Roles('accountant', 'coordinator')
  @ApiImportBeneficiaryListRoute()
  async importList(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest) {
    const fundId = fundParam(fundIdRaw);
    const list = beneficiaryListOf(query);
    const limit = importBodyLimitBytes(this.config);
    const body = uploadedBodyOf(request, limit, 'beneficiary-list');
    await this.openFund(fundId);
    const meta = fileRouteMetadataOf(request);
    const upload = await spooledUpload(body, join(this.config.dataDir, 'import-scratch'), limit, 'beneficiary-list');
    try {
      refuseEmptyUpload(upload, 'beneficiary-list');
      const file = await readBeneficiaryList(upload.path);
      const outcome = await this.commandBus.execute(new ImportBeneficiaryListCommand(fundId, list, file, listImportMetadata(meta, fundId, list, upload.sha256)));
      return presentBeneficiaryListImported(outcome.result, beneficiaryListWarnings(file, list.commune), languageOfAcceptLanguage(request.headers['accept-language']));
    } catch (error) {
      throw unreadableUploadError(error, 'beneficiary-list');
    } finally {
      upload.remove();
    }
  }

  @Get('beneficiary-lists')
  @Roles('any')
  @ApiBeneficiaryListsRoute()
  async lists(@Param('fundId') fundIdRaw: string) {
    const fundId = await this.openFund(fundIdRaw);
    return { fundId, ...(await this.queries.lists(fundId)) };
  }

  @Post('disbursements/:id/handovers')
  @Roles('accountant', 'coordinator')
  @ApiRecordHandoverRoute()
  async handover(@Param('fundId') fundIdRaw: string, @Param('id') id: string, @Body() body: RecordHandoverRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), {
      type: 'RecordHandover', disbursementId: entryParam('id', id), beneficiaryId: body.beneficiaryId, status: body.status, handedOverAt: body.handedOverAt,
      evidenceRef: body.evidenceRef ?? null, closed: body.closed === true, actor: meta.actor, now: meta.now,
    }, meta));
    return presentHandoverRecorded(outcome.result);
  }

  @Post('disbursements/:id/handovers/:beneficiaryId/correct')
  @Roles('accountant', 'coordinator')
  @ApiCorrectHandoverRoute()
  async correctHandover(
    @Param('fundId') fundIdRaw: string, @Param('id') id: string, @Param('beneficiaryId') beneficiaryIdRaw: string, @Body() body: CorrectHandoverRequestDto,
    @Meta() meta: CommandMetadata,
  ) {
    const beneficiaryId = beneficiaryIdParam(beneficiaryIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), {
      type: 'CorrectHandover', disbursementId: entryParam('id', id), beneficiaryId, reason: body.reason, correctedAt: body.correctedAt ?? null,
      actor: meta.actor, now: meta.now,
    }, meta));
    return presentHandoverCorrected(outcome.result, beneficiaryId);
  }

  @Post('disbursements/:id/handovers/:beneficiaryId/money-returned')
  @Roles('accountant')
  @ApiReturnShareMoneyRoute()
  async returnShareMoney(
    @Param('fundId') fundIdRaw: string, @Param('id') id: string, @Param('beneficiaryId') beneficiaryIdRaw: string, @Body() body: ReturnShareMoneyRequestDto,
    @Meta() meta: CommandMetadata,
  ) {
    const beneficiaryId = beneficiaryIdParam(beneficiaryIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), {
      type: 'ReturnShareMoney', disbursementId: entryParam('id', id), beneficiaryId, evidenceRef: body.evidenceRef, returnedAt: body.returnedAt ?? null,
      actor: meta.actor, now: meta.now,
    }, meta));
    return presentShareMoneyReturned(outcome.result, beneficiaryId);
  }

  @Get('disbursements/:id/distribution')
  @Roles('any')
  @ApiDistributionSheetRoute()
  async distribution(@Param('fundId') fundIdRaw: string, @Param('id') id: string) {
    const fundId = await this.openFund(fundIdRaw);
    const disbursementId = entryParam('id', id);
    const sheet = await this.queries.distribution(fundId, disbursementId);
    if (!sheet) throw new NotFound('disbursement', disbursementId);
    return sheet;
  }

  @Get('reports/coverage')
  @Roles('any')
  @ApiCoverageRoute()
  async coverage(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const fundId = await this.openFund(fundIdRaw);
    const { listId, need, format, from, to } = coverageQueryOf(query);
    const coverage = await this.queries.coverage(fundId, listId, need, from, to);
    if (!coverage) throw new NotFound('beneficiary-list', listId);
    const answer = presentCoverage(coverage);
    if (format === 'json') return answer;
    return reportAnswer(coverageDocument(answer, await this.queries.fund(fundId)), format, reply);
  }

  @Get('stock')
  @Roles('any')
  @ApiStockRoute()
  async stock(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = await this.openFund(fundIdRaw);
    const alignRegister = (position: number | undefined) => this.reads.align([DonationRegisterProjection], position);
    // Goods are counted by the log's clocks (atPosition, recordedBefore): the route declares no asOf.
    const atPosition = await this.positions.positionOf(await lookBackParams(this.positions, query));
    if (atPosition === undefined) return { fundId, ...(await this.queries.stockAtOnePosition(fundId, positionParam('minPosition', query.minPosition), alignRegister)) };
    // 404 when the fund was opened after the position: the log as it stood then has no such fund.
    await this.reads.ofFund(fundId, [DonationRegisterProjection, FundRegisterProjection], atPosition, atPosition);
    return { fundId, ...(await this.queries.stockAt(fundId, atPosition)) };
  }

  @Get('reports/duplicate-overrides')
  @Roles('any')
  @ApiDuplicateOverridesRoute()
  async overrides(@Param('fundId') fundIdRaw: string) {
    const fundId = await this.openFund(fundIdRaw);
    const read = await this.queries.overrides(fundId);
    return presentDuplicateOverrides(fundId, read, await this.users.all());
  }

  private async openFund(fundIdRaw: string): Promise<string> {
    const fundId = fundParam(fundIdRaw);
    if (!(await this.queries.fund(fundId))) throw new FundNotFound(fundId);
    return fundId;
  }
}

/** Who received aid, as Decree 93/2021 asks it published: name, commune, need and support level; nothing else of anyone. */
@ApiTags('public transparency')
@ApiFundIdParam()
@Controller('v1/public/funds/:fundId')
export class PublicBeneficiariesController {
  constructor(@Inject(BeneficiaryQueries) private readonly queries: BeneficiaryQueries) {}

  @Get('beneficiaries')
  @Public()
  @ApiPublicBeneficiariesRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    return this.answer(fundIdRaw, publicCampaignParam(query.campaignId), query);
  }

  @Get('campaigns/:campaignId/beneficiaries')
  @Public()
  @ApiPublicCampaignBeneficiariesRoute()
  async ofCampaign(@Param('fundId') fundIdRaw: string, @Param('campaignId') campaignIdRaw: string, @Query() query: Record<string, unknown>) {
    return this.answer(fundIdRaw, campaignSlugParam(campaignIdRaw), query);
  }

  private async answer(fundIdRaw: string, campaignId: string | null, query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const page = publicBeneficiaryPageOf(query);
    const read = await this.queries.publicBeneficiaries(fundId, campaignId, page);
    if (!read) throw new FundNotFound(fundId);
    if (campaignId !== null && !Object.prototype.hasOwnProperty.call(read.fund.campaigns, campaignId)) throw new NotFound('campaign', campaignId);
    return presentPublicBeneficiaries(fundId, campaignId, page, read);
  }
}
