import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import { BENEFICIARY_LIST_KINDS } from '../../domain/beneficiaries/beneficiaries.events';
import { NEED_CATEGORIES } from '../../domain/spending/spending.events';
import { XLSX_CONTENT_TYPE } from '../file-upload';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../query-params';
import { ApiAnswer, ApiMediaAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import {
  BeneficiaryListImportedResponse, BeneficiaryListsResponse, BeneficiaryPageResponse, BeneficiaryRegisteredResponse, CoverageResponse,
  DistributionSheetResponse, DuplicateOverridesResponse, HandoverCorrectedResponse, HandoverRecordedResponse, PublicBeneficiariesResponse, ShareMoneyReturnedResponse,
  StockResponse,
} from './beneficiaries.responses';
import { ApiAtPositionQuery, ApiCampaignIdParam, ApiDisbursementIdParam, ApiEnumQuery, ApiIdempotencyKeyHeader, ApiMinPositionQuery } from './parameters';
import { ROUTE_ERRORS } from './route-errors';

/**
 * What the OpenAPI document says of each route of the beneficiaries' controllers
 * (src/http/controllers/beneficiaries.controller.ts): one decorator per route. Parameters stand in the
 * document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** POST /v1/funds/:fundId/beneficiaries */
export const ApiRegisterBeneficiaryRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Register a beneficiary (household, person, organisation) of the fund',
    description: 'The id number is kept only as an HMAC under the fund\'s secret and its last four digits. The same id number, or without one the same '
      + 'name, commune and address (no diacritics, case or punctuation; the commune without its unit word xã, phường, thị trấn or đặc khu), is 409 ALREADY_EXISTS naming the beneficiary already registered.',
  }),
  ApiIdempotencyKeyHeader(),
  ApiAnswer(201, BeneficiaryRegisteredResponse, 'The beneficiary is registered'),
  ApiErrors(...ROUTE_ERRORS.registerBeneficiary),
);

/** GET /v1/funds/:fundId/beneficiaries */
export const ApiBeneficiariesRoute = () => applyDecorators(
  ApiOperation({
    summary: 'The registry, or one commune list of it, found by a name fragment without diacritics; never an id number',
    description: 'Read from the log itself, so it is current at once; `position` is the log position it was read at (the head when it was read).',
  }),
  ApiQuery({ name: 'limit', required: false, type: String, description: 'At most this many (default 200, at most 1000)', example: '200' }),
  ApiQuery({ name: 'offset', required: false, type: String, description: 'Skip this many (default 0)', example: '0' }),
  ApiQuery({ name: 'q', required: false, type: String, description: 'A fragment of the name, with or without diacritics', example: 'nguyen van' }),
  ApiQuery({ name: 'listId', required: false, type: String, description: 'Only the beneficiaries on this list', example: 'DS-0001' }),
  ApiAnswer(200, BeneficiaryPageResponse, 'A page of the registry'),
  ApiErrors(...ROUTE_ERRORS.readBeneficiaries),
);

/** POST /v1/funds/:fundId/beneficiary-lists */
export const ApiImportBeneficiaryListRoute = () => applyDecorators(
  ApiOperation({
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
  }),
  ApiIdempotencyKeyHeader('A retry with the same key and the same file gets the first answer and records nothing; the same key with another file or query is 409 IDEMPOTENCY_KEY_REUSED'),
  ApiQuery({ name: 'certificationRef', required: true, type: String, description: 'The commune People\'s Committee\'s certification of the list', example: '12/QĐ-UBND' }),
  ApiEnumQuery('listKind', BENEFICIARY_LIST_KINDS, 'What the list is: poor, near_poor, affected or other', 'poor'),
  ApiQuery({ name: 'commune', required: true, type: String, description: 'The commune the list is of', example: 'Xã Tân Phú' }),
  ApiBody({ schema: { type: 'string', format: 'binary', description: 'The list file itself', example: 'STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Loại hộ\n1,Nguyễn Văn An,079123456789,Ấp 3,Ấp 3,Hộ nghèo' } }),
  ApiConsumes('text/csv', XLSX_CONTENT_TYPE),
  ApiAnswer(201, BeneficiaryListImportedResponse, 'The list is recorded'),
  ApiErrors(...ROUTE_ERRORS.importBeneficiaryList),
);

/** GET /v1/funds/:fundId/beneficiary-lists */
export const ApiBeneficiaryListsRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Every commune list imported, with its certification and counts',
    description: 'Read from the log itself, so it is current at once; `position` is the log position it was read at (the head when it was read).',
  }),
  ApiAnswer(200, BeneficiaryListsResponse, 'The lists'),
  ApiErrors(...ROUTE_ERRORS.readBeneficiaries),
);

/** POST /v1/funds/:fundId/disbursements/:id/handovers */
export const ApiRecordHandoverRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Record a hand-over of one beneficiary\'s share of an approved or paid distribution: received, absent or refused, with its evidence',
    description: 'A share once received stays received (422 INVALID_STATE, details.reason handed-over); an absent or refused one may later be received. '
      + 'A request not approved or paid (rejected, reversed) hands nothing out (422 INVALID_STATE, details.reason disbursement), nor does a share closed '
      + 'as not delivered (details.reason share-closed): a phone sending a hand-over late tells its person which it was.',
  }),
  ApiIdempotencyKeyHeader(),
  ApiDisbursementIdParam(),
  ApiAnswer(201, HandoverRecordedResponse, 'The hand-over is recorded'),
  ApiErrors(...ROUTE_ERRORS.recordHandover),
);

/** POST /v1/funds/:fundId/disbursements/:id/handovers/:beneficiaryId/correct */
export const ApiCorrectHandoverRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Correct the last hand-over of one beneficiary\'s share, recorded in error: the share is again as it stood before it',
    description: 'Appends HandoverCorrected with the reason; the hand-over corrected stays in the log. Its items are promised again and no longer handed out; '
      + 'a cash share no longer blocks the payment\'s reversal. Refused when the hand-over or the correction is dated in a closed period (PERIOD_CLOSED), '
      + 'and for a share whose last hand-over was already corrected (422 INVALID_STATE, reason handover-corrected).',
  }),
  ApiIdempotencyKeyHeader(),
  ApiParam({ name: 'beneficiaryId', description: 'The beneficiary on the distribution', example: 'BF-000001' }),
  ApiDisbursementIdParam(),
  ApiAnswer(201, HandoverCorrectedResponse, 'The hand-over is corrected'),
  ApiErrors(...ROUTE_ERRORS.correctHandover),
);

/** POST /v1/funds/:fundId/disbursements/:id/handovers/:beneficiaryId/money-returned */
export const ApiReturnShareMoneyRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Record the money of a cash share closed as not delivered, given back to the fund by whoever carried it (nộp lại quỹ)',
    description: 'Appends ShareMoneyReturned: the share\'s amount goes back to the pool and the campaign the payment drew on, on returnedAt, and the payment '
      + 'counts net of it in the balance, the reports and the recipients. Only for a closed share with an amount on a paid request (422 INVALID_STATE: '
      + 'share-money-not-paid, share-no-cash, share-not-closed; share-not-paid for a share closed before the payment, which left it out), once per '
      + 'share (409 ALREADY_EXISTS), not before the payment or the closing hand-over (DATE_BEFORE_REQUEST), not in a closed period (PERIOD_CLOSED). '
      + 'The closing is then no longer corrected; a reversal of the payment gives back only what is still out, dated no earlier than this return.',
  }),
  ApiIdempotencyKeyHeader(),
  ApiParam({ name: 'beneficiaryId', description: 'The beneficiary whose share was closed', example: 'BF-000001' }),
  ApiDisbursementIdParam(),
  ApiAnswer(201, ShareMoneyReturnedResponse, 'The money is back in the fund'),
  ApiErrors(...ROUTE_ERRORS.returnShareMoney),
);

/** GET /v1/funds/:fundId/disbursements/:id/distribution */
export const ApiDistributionSheetRoute = () => applyDecorators(
  ApiOperation({ summary: 'A disbursement\'s distribution sheet: every line with its last hand-over, and the duplicate-aid override it carries' }),
  ApiDisbursementIdParam(),
  ApiAnswer(200, DistributionSheetResponse, 'The sheet'),
  ApiErrors(...ROUTE_ERRORS.readBeneficiaries),
);

/** GET /v1/funds/:fundId/reports/coverage */
export const ApiCoverageRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Coverage of a commune list for a need: who received and who did not (the Tết report), in JSON, CSV or XLSX',
    description: 'Received: a hand-over recorded as received on a request for the need (also when the request was rejected or its payment reversed '
      + 'since: goods handed over stay handed out), dated from `from` to `to` (Vietnam days) when given. The others carry the last word on them: absent, refused, planned (on a distribution, not handed over) or none. '
      + 'Like every report, it states the log `position` it was computed at (the head when it was read) and the `sha256` of its canonical JSON '
      + 'without it; dates are in Vietnam time (+07:00). CSV is for programs: Vietnamese headings, the JSON values (codes, ISO dates) and a trailing '
      + 'comment line `# position=N sha256=HEX`. XLSX is the document for people, laid out by the report writer: title block with the list and need, '
      + 'Vietnamese labels, dates as dates, who received and who did not with their counts, signatures, and a "Thông tin" sheet. CSV and XLSX also '
      + 'carry the position and sha256 in the X-Report-Position and X-Report-Sha256 headers, and are named `<fund>-coverage-<position>.<format>`.',
  }),
  ApiEnumQuery('format', ['json', 'csv', 'xlsx'], 'json (default), csv or xlsx', 'json'),
  ApiQuery({ name: 'to', required: false, type: String, description: 'To this day, included', example: '2026-02-20' }),
  ApiQuery({ name: 'from', required: false, type: String, description: 'From this day (YYYY-MM-DD, Vietnam time)', example: '2026-01-15' }),
  ApiEnumQuery('need', NEED_CATEGORIES, 'The need', 'tet-gift'),
  ApiQuery({ name: 'listId', required: true, type: String, description: 'The list', example: 'DS-0001' }),
  ApiMediaAnswer(200, 'The coverage', {
    'application/json': { description: 'format=json', model: CoverageResponse },
    'text/csv': {
      description: 'format=csv: one line per beneficiary, received first, Vietnamese headings, the JSON values, then the position and sha256',
      example: 'Mã đối tượng,Họ và tên,Xã,Thôn/Xóm,Địa chỉ,Tình trạng,Khoản chi,Ngày nhận,Chứng từ\r\nBF-000001,Nguyễn Văn An,Xã Tân Phú,Ấp 3,Ấp 3,received,DB-000004,2026-02-10T09:00:00+07:00,DS ký nhận 3\r\n'
        + '# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
    },
    [XLSX_CONTENT_TYPE]: { description: 'format=xlsx: title block, who received and who did not with their counts, signatures; a "Thông tin" sheet', example: '(binary XLSX workbook)' },
  }),
  ApiErrors(...ROUTE_ERRORS.readBeneficiaries),
);

/** GET /v1/funds/:fundId/stock */
export const ApiStockRoute = () => applyDecorators(
  ApiOperation({
    summary: 'In-kind stock (R12, R18): each item received in kind, promised on distributions, handed out, on hand and free to promise',
    description: 'Items are counted by description and unit without case or diacritics. Received counts in-kind donations not reversed; '
      + 'a distribution may never promise more than is free in the pool it draws on (422 INSUFFICIENT_STOCK), so on hand never goes below zero. '
      + '`items` totals the fund; `pools` gives the same figures per pool (a component\'s unrestricted stock, a gift\'s purpose, a disaster campaign): '
      + 'items given for a purpose or a campaign are handed out only from that pool (R5). An item with nothing received, promised or handed out at the '
      + 'position read (its only gift reversed, no promise holding it) has no line, and a pool without a line is not listed; the donation register '
      + 'keeps the gift and its reversal.',
  }),
  ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the stock as the log was recorded by then', example: '2025-01-05T17:00:00+07:00' }),
  ApiAtPositionQuery('The stock as the log stood after this position (at most the head of the log). Before the fund was opened: 404 NOT_FOUND (details.atPosition). '
    + 'Goods are counted by the log\'s clocks only: there is no `asOf`'),
  ApiMinPositionQuery('the donation register'),
  ApiAnswer(200, StockResponse, 'The stock'),
  ApiErrors(...ROUTE_ERRORS.readStock),
);

/** GET /v1/funds/:fundId/reports/duplicate-overrides */
export const ApiDuplicateOverridesRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Every request resent past DUPLICATE_AID: its reason, the earlier aid and the approvers whose approvals recorded the override',
    description: 'Read from the log itself, so it is current at once; like every report, it states the log `position` it was computed at (the head when it was read).',
  }),
  ApiAnswer(200, DuplicateOverridesResponse, 'The overrides, in request order'),
  ApiErrors(...ROUTE_ERRORS.readBeneficiaries),
);

/** GET /v1/public/funds/:fundId/beneficiaries */
export const ApiPublicBeneficiariesRoute = () => applyDecorators(
  ApiOperation({
    summary: 'Who received aid: the lines of every approved or paid distribution with name, commune, need and amount or items, a page at a time, of one commune or all',
    description: 'Never an id number, address, phone or any contact. Read from the log itself, so it is current at once; `position` is the log '
      + 'position it was read at (the head when it was read).',
  }),
  ApiPublicBeneficiaryQueries(),
  ApiQuery({ name: 'campaignId', required: false, type: String, description: 'Only the distributions of this campaign', example: 'tet-2026' }),
  ApiAnswer(200, PublicBeneficiariesResponse, 'The beneficiaries'),
  ApiErrors(...ROUTE_ERRORS.publicBeneficiaries),
);

/** GET /v1/public/funds/:fundId/campaigns/:campaignId/beneficiaries */
export const ApiPublicCampaignBeneficiariesRoute = () => applyDecorators(
  ApiOperation({ summary: 'The beneficiaries and support levels of one campaign (name, commune, level); never an id number, address or contact' }),
  ApiPublicBeneficiaryQueries(),
  ApiCampaignIdParam(),
  ApiAnswer(200, PublicBeneficiariesResponse, 'The campaign\'s beneficiaries'),
  ApiErrors(...ROUTE_ERRORS.publicBeneficiaries),
);

/** `commune`, `limit` and `cursor` of the public list of beneficiaries. */
function ApiPublicBeneficiaryQueries() {
  return applyDecorators(
    ApiQuery({ name: 'commune', required: false, type: String, description: 'Only the beneficiaries of this commune, as `communes` names it', example: 'Xã Trà Leng' }),
    ApiQuery({ name: 'limit', required: false, type: String, description: `Lines per page: default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}`, example: '100' }),
    ApiQuery({ name: 'cursor', required: false, type: String, description: 'Opaque: the `nextCursor` of the previous page; absent for the first page', example: 'WyJiZW5lZmljaWFyaWVzIiwzLDFd' }),
  );
}
