import { join } from 'node:path';
import { Readable } from 'node:stream';
import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UsersDirectory } from '../../access/users-directory';
import { requestHashOf, type CommandMetadata } from '../../command-handling/command-metadata';
import { ImportBeneficiaryListCommand, RegisterBeneficiaryCommand } from '../../command-handling/handlers/beneficiaries.handlers';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { type LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { BENEFICIARY_LIST_KINDS } from '../../domain/beneficiaries/beneficiaries.events';
import { isCalendarDate } from '../../domain/shared/calendar';
import { NEED_CATEGORIES } from '../../domain/spending/spending.events';
import { SLUG_PATTERN } from '../../domain/streams';
import { lineReasonIn } from '../../i18n/field-reasons';
import { languageOfAcceptLanguage } from '../../i18n/language';
import { beneficiaryListWarnings, readBeneficiaryList } from '../../import/beneficiary-list';
import { StatementFormatError } from '../../import/statement-reader';
import { spoolUpload, UploadInterruptedError, UploadTooLargeError } from '../../import/upload-spool';
import { BeneficiaryQueries } from '../../read-side/beneficiary-queries';
import { type FieldProblem, validationFailed } from '../api-error';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Public, Roles } from '../auth/roles.decorator';
import { commandMetadataOf, Meta } from '../command-context';
import { CorrectHandoverRequestDto, RecordHandoverRequestDto, RegisterBeneficiaryRequestDto, ReturnShareMoneyRequestDto } from '../dto/beneficiary.request.dto';
import { FundNotFound, NotFound, StatementMediaTypeUnsupported, StatementTooLarge, ValidationFailed } from '../errors';
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
import { DEFAULT_PAGE_LIMIT, enumParam, limitParam, MAX_PAGE_LIMIT, rowKeyCursorParam, textParam } from '../query-params';
import { encodeRowKeyCursor } from '../../read-side/sql/cursor';
import { coverageDocument } from '../../reports/coverage-report';
import { canonicalJsonSha256 } from '../../shared/canonical-json';
import { importBodyLimitBytes, XLSX_CONTENT_TYPE } from './imports.controller';
import { reportAnswer } from './reports.controller';
import { entryParam, fundParam } from './params';

const LIST_QUERY_FIELDS = new Set(['commune', 'listKind', 'certificationRef']);
const LIST_ID = /^DS-\d{4,}$/;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationFailed([{ field: name, reason: 'must be given once' }]);
  return value;
}

function listOf(query: Record<string, unknown>) {
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(query)) if (!LIST_QUERY_FIELDS.has(name)) problems.push({ field: name, reason: 'unknown field' });
  const commune = single(query, 'commune')?.trim() ?? '';
  const listKind = single(query, 'listKind') ?? '';
  const certificationRef = single(query, 'certificationRef')?.trim() ?? '';
  if (commune === '' || commune.length > 200) problems.push({ field: 'commune', reason: 'is required (at most 200 characters)' });
  if (!(BENEFICIARY_LIST_KINDS as readonly string[]).includes(listKind)) problems.push({ field: 'listKind', reason: `must be one of ${BENEFICIARY_LIST_KINDS.join(', ')}` });
  if (certificationRef === '' || certificationRef.length > 200) problems.push({ field: 'certificationRef', reason: 'is required: the commune People\'s Committee certification of the list (R11)' });
  if (problems.length > 0) throw validationFailed(problems);
  return { commune, listKind, certificationRef };
}

function pageParam(name: string, raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw) || Number(raw) > max) throw validationFailed([{ field: name, reason: `must be a whole number from 0 to ${max}` }]);
  return Number(raw);
}

function dayParam(name: string, raw: unknown): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !isCalendarDate(raw)) throw validationFailed([{ field: name, reason: 'must be a date YYYY-MM-DD (Vietnam time)' }]);
  return raw;
}

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
    const listId = textParam('listId', query.listId, 40);
    const page = await this.queries.beneficiaries(fundId, {
      listId, q: textParam('q', query.q, 200), offset: pageParam('offset', query.offset, 0, 10_000_000), limit: pageParam('limit', query.limit, 200, 1000),
    });
    if (!page) throw new NotFound('beneficiary-list', String(listId));
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
    const list = listOf(query);
    const body = request.body;
    if (!(body instanceof Readable)) {
      if (body === undefined || body === null) throw validationFailed([{ field: '(body)', reason: 'the list file is required' }]);
      throw new StatementMediaTypeUnsupported(XLSX_CONTENT_TYPE, 'beneficiary-list');
    }
    const limit = importBodyLimitBytes(this.config);
    if (Number(request.headers['content-length'] ?? 0) > limit) throw new StatementTooLarge(limit, 'beneficiary-list');
    await this.openFund(fundId);
    const meta = { ...commandMetadataOf(Object.assign(Object.create(request) as AuthenticatedRequest, { body: undefined })) };
    const upload = await spoolUpload(body, join(this.config.dataDir, 'import-scratch'), limit).catch((error: unknown) => {
      if (error instanceof UploadTooLargeError) throw new StatementTooLarge(error.limitBytes, 'beneficiary-list');
      if (error instanceof UploadInterruptedError) throw validationFailed([{ field: '(body)', reason: error.message }]);
      throw error;
    });
    try {
      if (upload.bytes === 0) throw validationFailed([{ field: '(body)', reason: 'the list file is empty' }]);
      const file = await readBeneficiaryList(upload.path);
      const keyed: CommandMetadata = meta.idempotencyKey === null ? meta
        : { ...meta, requestHash: requestHashOf({ route: 'beneficiary-lists', fundId, list, sha256: upload.sha256 }) };
      const outcome = await this.commandBus.execute(new ImportBeneficiaryListCommand(fundId, list, file, keyed));
      const language = languageOfAcceptLanguage(request.headers['accept-language']);
      const warnings = beneficiaryListWarnings(file, list.commune);
      // A repeated line the list took as its earlier line's household: neither of the two was refused.
      const refused = new Set(outcome.result.rejected.map((line) => line.line));
      const repeated = warnings.filter((warning) => warning.earlierLine !== undefined && !refused.has(warning.line) && !refused.has(warning.earlierLine)).length;
      return {
        ...outcome.result,
        repeated,
        rejected: outcome.result.rejected.map((line) => ({ ...line, message: lineReasonIn(language, line.message) })),
        warnings: warnings.map(({ line, code, message }) => ({ line, code, message: lineReasonIn(language, message) })),
      };
    } catch (error) {
      if (error instanceof StatementFormatError) {
        throw new ValidationFailed([{ field: '(body)', reason: error.message }], { reason: 'beneficiary-list', detail: error.message, line: error.line });
      }
      throw error;
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
    return { disbursementId: outcome.result.id, status: outcome.result.status, position: outcome.result.position };
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
    const beneficiaryId = textParam('beneficiaryId', beneficiaryIdRaw, 64) as string;
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), {
      type: 'CorrectHandover', disbursementId: entryParam('id', id), beneficiaryId, reason: body.reason, correctedAt: body.correctedAt ?? null,
      actor: meta.actor, now: meta.now,
    }, meta));
    const data = outcome.result.event as { corrected: { status: string }; restored: { status: string } | null };
    return { disbursementId: outcome.result.id, beneficiaryId, corrected: data.corrected.status, restored: data.restored?.status ?? null, position: outcome.result.position };
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
    const beneficiaryId = textParam('beneficiaryId', beneficiaryIdRaw, 64) as string;
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), {
      type: 'ReturnShareMoney', disbursementId: entryParam('id', id), beneficiaryId, evidenceRef: body.evidenceRef, returnedAt: body.returnedAt ?? null,
      actor: meta.actor, now: meta.now,
    }, meta));
    const data = outcome.result.event as { amount: string; returnedAt: string };
    return { disbursementId: outcome.result.id, beneficiaryId, amount: data.amount, returnedAt: data.returnedAt, position: outcome.result.position };
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
    const listId = textParam('listId', query.listId, 40);
    if (listId === undefined || !LIST_ID.test(listId)) throw validationFailed([{ field: 'listId', reason: 'is required: a list such as DS-0001' }]);
    const need = enumParam('need', query.need, NEED_CATEGORIES);
    if (need === undefined) throw validationFailed([{ field: 'need', reason: `is required: one of ${NEED_CATEGORIES.join(', ')}` }]);
    const format = enumParam('format', query.format, ['json', 'csv', 'xlsx'] as const) ?? 'json';
    const coverage = await this.queries.coverage(fundId, listId, need, dayParam('from', query.from), dayParam('to', query.to));
    if (!coverage) throw new NotFound('beneficiary-list', listId);
    const answer = { ...coverage, sha256: canonicalJsonSha256(coverage) };
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
    // The log holds minPosition once the register has reached it; the spending is then read at one
    // position past it, and the register's gifts are counted as they stood at that same position.
    await this.reads.align([DonationRegisterProjection], positionParam('minPosition', query.minPosition));
    const { value: spending, position } = await this.queries.spendingAtOnePosition(fundId);
    await this.reads.align([DonationRegisterProjection], position);
    return { fundId, ...this.queries.stock(fundId, spending, position), position };
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
    const { overrides, position } = await this.queries.overrides(fundId);
    const names = new Map((await this.users.all()).map((user) => [user.userId, user.name]));
    return {
      fundId, position,
      overrides: overrides.map((row) => ({ ...row, approvers: row.approvedBy.map((userId) => ({ userId, name: names.get(userId) ?? null })) })),
    };
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
    const campaignId = textParam('campaignId', query.campaignId, 64) ?? null;
    if (campaignId !== null && !SLUG_PATTERN.test(campaignId)) throw validationFailed([{ field: 'campaignId', reason: 'must be a campaign slug' }]);
    return this.answer(fundIdRaw, campaignId, query);
  }

  @Get('campaigns/:campaignId/beneficiaries')
  @Public()
  @ApiOperation({ summary: 'The beneficiaries and support levels of one campaign (name, commune, level); never an id number, address or contact' })
  @ApiCampaignIdParam()
  @ApiPublicBeneficiaryQueries()
  @ApiAnswer(200, PublicBeneficiariesResponse, 'The campaign\'s beneficiaries')
  @ApiErrors(...ROUTE_ERRORS.publicBeneficiaries)
  async ofCampaign(@Param('fundId') fundIdRaw: string, @Param('campaignId') campaignIdRaw: string, @Query() query: Record<string, unknown>) {
    if (!SLUG_PATTERN.test(campaignIdRaw)) throw validationFailed([{ field: 'campaignId', reason: 'must be a campaign slug' }]);
    return this.answer(fundIdRaw, campaignIdRaw, query);
  }

  private async answer(fundIdRaw: string, campaignId: string | null, query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const commune = textParam('commune', query.commune) ?? null;
    const after = rowKeyCursorParam(query.cursor, BENEFICIARY_CURSOR);
    const read = await this.queries.publicBeneficiaries(fundId, campaignId, { commune, limit, after });
    if (!read) throw new FundNotFound(fundId);
    if (campaignId !== null && !Object.prototype.hasOwnProperty.call(read.fund.campaigns, campaignId)) throw new NotFound('campaign', campaignId);
    return {
      fundId, campaignId, commune, beneficiaries: read.rows, total: read.total, communes: read.communes,
      nextCursor: read.next === null ? null : encodeRowKeyCursor(BENEFICIARY_CURSOR, read.next), limit, position: read.position,
    };
  }
}

/** Tags the public list's cursors, so a cursor of another list is refused rather than misread. */
const BENEFICIARY_CURSOR = 'beneficiaries';

/** `commune`, `limit` and `cursor` of the public list of beneficiaries. */
function ApiPublicBeneficiaryQueries() {
  return applyDecorators(
    ApiQuery({ name: 'commune', required: false, type: String, description: 'Only the beneficiaries of this commune, as `communes` names it', example: 'Xã Trà Leng' }),
    ApiQuery({ name: 'limit', required: false, type: String, description: `Lines per page: default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}`, example: '100' }),
    ApiQuery({ name: 'cursor', required: false, type: String, description: 'Opaque: the `nextCursor` of the previous page; absent for the first page', example: 'WyJiZW5lZmljaWFyaWVzIiwzLDFd' }),
  );
}

