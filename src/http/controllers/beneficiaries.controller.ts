import { join } from 'node:path';
import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UsersDirectory } from '../../access/users-directory';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ImportBeneficiaryListCommand, RegisterBeneficiaryCommand } from '../../command-handling/handlers/beneficiaries.handlers';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { type LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { BENEFICIARY_LIST_KINDS } from '../../domain/beneficiaries/beneficiaries.events';
import { NEED_CATEGORIES } from '../../domain/spending/spending.events';
import { languageOfAcceptLanguage } from '../../i18n/language';
import { beneficiaryListWarnings, readBeneficiaryList } from '../../import/beneficiary-list';
import { BeneficiaryQueries } from '../../read-side/beneficiary-queries';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Public, Roles } from '../auth/roles.decorator';
import {
  beneficiaryIdParam, beneficiaryListOf, campaignSlugParam, coverageQueryOf, listImportMetadata, publicBeneficiaryPageOf, publicCampaignParam, registryPageOf,
} from './beneficiary-params';
import { Meta } from '../command-context';
import { CorrectHandoverRequestDto, RecordHandoverRequestDto, RegisterBeneficiaryRequestDto, ReturnShareMoneyRequestDto } from '../dto/beneficiary.request.dto';
import { FundNotFound, NotFound } from '../errors';
import {
  fileRouteMetadataOf, importBodyLimitBytes, refuseEmptyUpload, spooledUpload, unreadableUploadError, uploadedBodyOf, XLSX_CONTENT_TYPE,
} from '../file-upload';
import { ApiAnswer, ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import {
  BeneficiaryListImportedResponse, BeneficiaryListsResponse, BeneficiaryPageResponse, BeneficiaryRegisteredResponse, CoverageResponse,
  DistributionSheetResponse, DuplicateOverridesResponse, HandoverCorrectedResponse, HandoverRecordedResponse, PublicBeneficiariesResponse, ShareMoneyReturnedResponse,
  StockResponse,
} from '../openapi/beneficiaries.responses';
import { DonationRegisterProjection } from '../../../projections/donation-register.projection';
import { positionParam, RegisterReads } from '../read-consistency';
import { ApiSignedIn } from '../openapi/document';
import { ApiCampaignIdParam, ApiDisbursementIdParam, ApiEnumQuery, ApiFundIdParam, ApiIdempotencyKeyHeader, ApiMinPositionQuery } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import {
  presentBeneficiaryListImported, presentCoverage, presentDuplicateOverrides, presentHandoverCorrected, presentHandoverRecorded,
  presentPublicBeneficiaries, presentShareMoneyReturned,
} from '../presenters/beneficiaries.presenter';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../query-params';
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
  ) {}

  @Post('beneficiaries')
  @Roles('accountant', 'coordinator')
  @ApiOperation({
    summary: 'Register a beneficiary (household, person, organisation) of the fund',
    description: 'The id number is kept only as an HMAC under the fund\'s secret and its last four digits. The same id number, or without one the same '
      + 'name, commune and address (no diacritics, case or punctuation; the commune without its unit word xã, phường, thị trấn or đặc khu), is 409 ALREADY_EXISTS naming the beneficiary already registered.',
  })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, BeneficiaryRegisteredResponse, 'The beneficiary is registered')
  @ApiErrors(...ROUTE_ERRORS.registerBeneficiary)
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
  @ApiOperation({
    summary: 'The registry, or one commune list of it, found by a name fragment without diacritics; never an id number',
    description: 'Read from the log itself, so it is current at once; `position` is the log position it was read at (the head when it was read).',
  })
  @ApiQuery({ name: 'listId', required: false, type: String, description: 'Only the beneficiaries on this list', example: 'DS-0001' })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'A fragment of the name, with or without diacritics', example: 'nguyen van' })
  @ApiQuery({ name: 'offset', required: false, type: String, description: 'Skip this many (default 0)', example: '0' })
  @ApiQuery({ name: 'limit', required: false, type: String, description: 'At most this many (default 200, at most 1000)', example: '200' })
  @ApiAnswer(200, BeneficiaryPageResponse, 'A page of the registry')
  @ApiErrors(...ROUTE_ERRORS.readBeneficiaries)
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
  @ApiOperation({
    summary: 'Import a commune\'s list (danh sách hộ nghèo, affected households): CSV or XLSX, with its certification (R11)',
    description: [
      'The body is the file itself (`text/csv` UTF-8, `,` or `;`; or XLSX, first sheet). Lines above the heading row are skipped. Headings: '
        + '`Họ và tên`/`Họ tên`/`name` (required), `Địa chỉ`/`address`, `Số CCCD`/`CCCD`/`CMND`/`idNumber`, `Loại hộ`/`category`, `Thôn`/`Xóm`/`Ấp`, `STT`.',
      'Each line is matched to a beneficiary already registered (same id number; else same name, commune and address, the commune without its unit word xã, phường, thị trấn or đặc khu) or to an earlier line '
        + 'instead of being added twice. A line without a name, with an id number that is not 9 or 12 digits (the leading zeros a spreadsheet\'s '
        + 'number lost are put back; spaces, dashes or dots between digits are read as nothing) or an unknown category is listed in `rejected` with its line number and its reason in the answer\'s language '
        + '(Accept-Language); the others are taken. A file of headings alone, or whose every line is rejected, is 400 VALIDATION_FAILED and records '
        + 'nothing. The list is one event: all or nothing.',
      'When a title line above the heading row names a commune (`UBND xã Trà Leng`, `Phường Phúc Xá`, `Thị trấn …`) other than `commune` (compared '
        + 'without case, diacritics or the words xã, phường, thị trấn), the list is recorded all the same and `warnings` names both, in the answer\'s '
        + 'language (COMMUNE_DIFFERS, with the title\'s line). A line naming the household of an earlier line of the file (matched as above) is '
        + 'listed once and warned of (REPEATED_LINE, the later line, naming the earlier).',
    ].join('\n\n'),
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary', description: 'The list file itself', example: 'STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Loại hộ\n1,Nguyễn Văn An,079123456789,Ấp 3,Ấp 3,Hộ nghèo' } })
  @ApiQuery({ name: 'commune', required: true, type: String, description: 'The commune the list is of', example: 'Xã Tân Phú' })
  @ApiEnumQuery('listKind', BENEFICIARY_LIST_KINDS, 'What the list is: poor, near_poor, affected or other', 'poor')
  @ApiQuery({ name: 'certificationRef', required: true, type: String, description: 'The commune People\'s Committee\'s certification of the list', example: '12/QĐ-UBND' })
  @ApiIdempotencyKeyHeader('A retry with the same key and the same file gets the first answer and records nothing; the same key with another file or query is 409 IDEMPOTENCY_KEY_REUSED')
  @ApiAnswer(201, BeneficiaryListImportedResponse, 'The list is recorded')
  @ApiErrors(...ROUTE_ERRORS.importBeneficiaryList)
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
  @ApiOperation({
    summary: 'Every commune list imported, with its certification and counts',
    description: 'Read from the log itself, so it is current at once; `position` is the log position it was read at (the head when it was read).',
  })
  @ApiAnswer(200, BeneficiaryListsResponse, 'The lists')
  @ApiErrors(...ROUTE_ERRORS.readBeneficiaries)
  async lists(@Param('fundId') fundIdRaw: string) {
    const fundId = await this.openFund(fundIdRaw);
    return { fundId, ...(await this.queries.lists(fundId)) };
  }

  @Post('disbursements/:id/handovers')
  @Roles('accountant', 'coordinator')
  @ApiOperation({
    summary: 'Record a hand-over of one beneficiary\'s share of an approved or paid distribution: received, absent or refused, with its evidence',
    description: 'A share once received stays received (422 INVALID_STATE, details.reason handed-over); an absent or refused one may later be received. '
      + 'A request not approved or paid (rejected, reversed) hands nothing out (422 INVALID_STATE, details.reason disbursement), nor does a share closed '
      + 'as not delivered (details.reason share-closed): a phone sending a hand-over late tells its person which it was.',
  })
  @ApiDisbursementIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, HandoverRecordedResponse, 'The hand-over is recorded')
  @ApiErrors(...ROUTE_ERRORS.recordHandover)
  async handover(@Param('fundId') fundIdRaw: string, @Param('id') id: string, @Body() body: RecordHandoverRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), {
      type: 'RecordHandover', disbursementId: entryParam('id', id), beneficiaryId: body.beneficiaryId, status: body.status, handedOverAt: body.handedOverAt,
      evidenceRef: body.evidenceRef ?? null, closed: body.closed === true, actor: meta.actor, now: meta.now,
    }, meta));
    return presentHandoverRecorded(outcome.result);
  }

  @Post('disbursements/:id/handovers/:beneficiaryId/correct')
  @Roles('accountant', 'coordinator')
  @ApiOperation({
    summary: 'Correct the last hand-over of one beneficiary\'s share, recorded in error: the share is again as it stood before it',
    description: 'Appends HandoverCorrected with the reason; the hand-over corrected stays in the log. Its items are promised again and no longer handed out; '
      + 'a cash share no longer blocks the payment\'s reversal. Refused when the hand-over or the correction is dated in a closed period (PERIOD_CLOSED), '
      + 'and for a share whose last hand-over was already corrected (422 INVALID_STATE, reason handover-corrected).',
  })
  @ApiDisbursementIdParam()
  @ApiParam({ name: 'beneficiaryId', description: 'The beneficiary on the distribution', example: 'BF-000001' })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, HandoverCorrectedResponse, 'The hand-over is corrected')
  @ApiErrors(...ROUTE_ERRORS.correctHandover)
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
  @ApiOperation({
    summary: 'Record the money of a cash share closed as not delivered, given back to the fund by whoever carried it (nộp lại quỹ)',
    description: 'Appends ShareMoneyReturned: the share\'s amount goes back to the pool and the campaign the payment drew on, on returnedAt, and the payment '
      + 'counts net of it in the balance, the reports and the recipients. Only for a closed share with an amount on a paid request (422 INVALID_STATE: '
      + 'share-money-not-paid, share-no-cash, share-not-closed; share-not-paid for a share closed before the payment, which left it out), once per '
      + 'share (409 ALREADY_EXISTS), not before the payment or the closing hand-over (DATE_BEFORE_REQUEST), not in a closed period (PERIOD_CLOSED). '
      + 'The closing is then no longer corrected; a reversal of the payment gives back only what is still out, dated no earlier than this return.',
  })
  @ApiDisbursementIdParam()
  @ApiParam({ name: 'beneficiaryId', description: 'The beneficiary whose share was closed', example: 'BF-000001' })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, ShareMoneyReturnedResponse, 'The money is back in the fund')
  @ApiErrors(...ROUTE_ERRORS.returnShareMoney)
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
  @ApiOperation({ summary: 'A disbursement\'s distribution sheet: every line with its last hand-over, and the duplicate-aid override it carries' })
  @ApiDisbursementIdParam()
  @ApiAnswer(200, DistributionSheetResponse, 'The sheet')
  @ApiErrors(...ROUTE_ERRORS.readBeneficiaries)
  async distribution(@Param('fundId') fundIdRaw: string, @Param('id') id: string) {
    const fundId = await this.openFund(fundIdRaw);
    const disbursementId = entryParam('id', id);
    const sheet = await this.queries.distribution(fundId, disbursementId);
    if (!sheet) throw new NotFound('disbursement', disbursementId);
    return sheet;
  }

  @Get('reports/coverage')
  @Roles('any')
  @ApiOperation({
    summary: 'Coverage of a commune list for a need: who received and who did not (the Tết report), in JSON, CSV or XLSX',
    description: 'Received: a hand-over recorded as received on a request for the need (also when the request was rejected or its payment reversed '
      + 'since: goods handed over stay handed out), dated from `from` to `to` (Vietnam days) when given. The others carry the last word on them: absent, refused, planned (on a distribution, not handed over) or none. '
      + 'Like every report, it states the log `position` it was computed at (the head when it was read) and the `sha256` of its canonical JSON '
      + 'without it; dates are in Vietnam time (+07:00). CSV is for programs: Vietnamese headings, the JSON values (codes, ISO dates) and a trailing '
      + 'comment line `# position=N sha256=HEX`. XLSX is the document for people, laid out by the report writer: title block with the list and need, '
      + 'Vietnamese labels, dates as dates, who received and who did not with their counts, signatures, and a "Thông tin" sheet. CSV and XLSX also '
      + 'carry the position and sha256 in the X-Report-Position and X-Report-Sha256 headers, and are named `<fund>-coverage-<position>.<format>`.',
  })
  @ApiQuery({ name: 'listId', required: true, type: String, description: 'The list', example: 'DS-0001' })
  @ApiEnumQuery('need', NEED_CATEGORIES, 'The need', 'tet-gift')
  @ApiQuery({ name: 'from', required: false, type: String, description: 'From this day (YYYY-MM-DD, Vietnam time)', example: '2026-01-15' })
  @ApiQuery({ name: 'to', required: false, type: String, description: 'To this day, included', example: '2026-02-20' })
  @ApiEnumQuery('format', ['json', 'csv', 'xlsx'], 'json (default), csv or xlsx', 'json')
  @ApiMediaAnswer(200, 'The coverage', {
    'application/json': { description: 'format=json', model: CoverageResponse },
    'text/csv': {
      description: 'format=csv: one line per beneficiary, received first, Vietnamese headings, the JSON values, then the position and sha256',
      example: 'Mã đối tượng,Họ và tên,Xã,Thôn/Xóm,Địa chỉ,Tình trạng,Khoản chi,Ngày nhận,Chứng từ\r\nBF-000001,Nguyễn Văn An,Xã Tân Phú,Ấp 3,Ấp 3,received,DB-000004,2026-02-10T09:00:00+07:00,DS ký nhận 3\r\n'
        + '# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
    },
    [XLSX_CONTENT_TYPE]: { description: 'format=xlsx: title block, who received and who did not with their counts, signatures; a "Thông tin" sheet', example: '(binary XLSX workbook)' },
  })
  @ApiErrors(...ROUTE_ERRORS.readBeneficiaries)
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
  @ApiOperation({
    summary: 'In-kind stock (R12, R18): each item received in kind, promised on distributions, handed out, on hand and free to promise',
    description: 'Items are counted by description and unit without case or diacritics. Received counts in-kind donations not reversed; '
      + 'a distribution may never promise more than is free in the pool it draws on (422 INSUFFICIENT_STOCK), so on hand never goes below zero. '
      + '`items` totals the fund; `pools` gives the same figures per pool (a component\'s unrestricted stock, a gift\'s purpose, a disaster campaign): '
      + 'items given for a purpose or a campaign are handed out only from that pool (R5). An item with nothing received, promised or handed out at the '
      + 'position read (its only gift reversed, no promise holding it) has no line, and a pool without a line is not listed; the donation register '
      + 'keeps the gift and its reversal.',
  })
  @ApiMinPositionQuery('the donation register')
  @ApiAnswer(200, StockResponse, 'The stock')
  @ApiErrors(...ROUTE_ERRORS.readStock)
  async stock(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = await this.openFund(fundIdRaw);
    const alignRegister = (position: number | undefined) => this.reads.align([DonationRegisterProjection], position);
    return { fundId, ...(await this.queries.stockAtOnePosition(fundId, positionParam('minPosition', query.minPosition), alignRegister)) };
  }

  @Get('reports/duplicate-overrides')
  @Roles('any')
  @ApiOperation({
    summary: 'Every request resent past DUPLICATE_AID: its reason, the earlier aid and the approvers whose approvals recorded the override',
    description: 'Read from the log itself, so it is current at once; like every report, it states the log `position` it was computed at (the head when it was read).',
  })
  @ApiAnswer(200, DuplicateOverridesResponse, 'The overrides, in request order')
  @ApiErrors(...ROUTE_ERRORS.readBeneficiaries)
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
  @ApiOperation({
    summary: 'Who received aid: the lines of every approved or paid distribution with name, commune, need and amount or items, a page at a time, of one commune or all',
    description: 'Never an id number, address, phone or any contact. Read from the log itself, so it is current at once; `position` is the log '
      + 'position it was read at (the head when it was read).',
  })
  @ApiQuery({ name: 'campaignId', required: false, type: String, description: 'Only the distributions of this campaign', example: 'tet-2026' })
  @ApiPublicBeneficiaryQueries()
  @ApiAnswer(200, PublicBeneficiariesResponse, 'The beneficiaries')
  @ApiErrors(...ROUTE_ERRORS.publicBeneficiaries)
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    return this.answer(fundIdRaw, publicCampaignParam(query.campaignId), query);
  }

  @Get('campaigns/:campaignId/beneficiaries')
  @Public()
  @ApiOperation({ summary: 'The beneficiaries and support levels of one campaign (name, commune, level); never an id number, address or contact' })
  @ApiCampaignIdParam()
  @ApiPublicBeneficiaryQueries()
  @ApiAnswer(200, PublicBeneficiariesResponse, 'The campaign\'s beneficiaries')
  @ApiErrors(...ROUTE_ERRORS.publicBeneficiaries)
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

/** `commune`, `limit` and `cursor` of the public list of beneficiaries. */
function ApiPublicBeneficiaryQueries() {
  return applyDecorators(
    ApiQuery({ name: 'commune', required: false, type: String, description: 'Only the beneficiaries of this commune, as `communes` names it', example: 'Xã Trà Leng' }),
    ApiQuery({ name: 'limit', required: false, type: String, description: `Lines per page: default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}`, example: '100' }),
    ApiQuery({ name: 'cursor', required: false, type: String, description: 'Opaque: the `nextCursor` of the previous page; absent for the first page', example: 'WyJiZW5lZmljaWFyaWVzIiwzLDFd' }),
  );
}

