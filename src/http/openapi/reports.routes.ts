import { applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { REPORTS } from '../../reports';
import { ApiReportAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiEnumParam, ApiReportQueries } from './parameters';
import { ROUTE_ERRORS } from './route-errors';

/*
 * How /docs describes the routes of ReportsController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/funds/:fundId/reports/network */
export const ApiNetworkReportRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The network report (R16): per fund that sent money to this one (a lower chapter) and per fund this one sent to, what was sent, '
        + 'what arrived and what was returned in the period, and what is still in transit at its end, with the days since the oldest such '
        + 'transfer was sent (counted to `to`; null without it); then each transfer still in transit on its own line. Like every report: '
        + '`atPosition`, `position` and `sha256`, JSON, CSV or XLSX.',
    }),
    ApiReportQueries(),
    ApiReportAnswer(
      'The network report at its position',
      'Phần,Mã quỹ\r\nincoming,quy-xa-an-phu\r\n# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
      'title block, the parts (received, sent, in transit) with totals, signatures',
    ),
    ApiErrors(...ROUTE_ERRORS.report),
  );

/** GET /v1/funds/:fundId/reports/:report */
export const ApiReportRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Reports: designations, campaigns, donors, disclosure, financial. JSON carries decimal strings, the log `position` and a '
        + 'sha256 of the canonical content. CSV is for programs: Vietnamese headings, the JSON values (plain digits, ISO timestamps, codes), '
        + 'and a trailing comment line `# position=N sha256=HEX`. XLSX is the document for the finance office: a title block (chapter, fund, '
        + 'report, period, "Đơn vị tính: đồng", position, sha256), money as numbers in a thousands format, dates as dates in Vietnam time, '
        + 'Vietnamese labels for every code, total rows and the signature block; the financial report as a receipts-and-payments statement. '
        + 'CSV and XLSX also carry the position and sha256 in the X-Report-Position and X-Report-Sha256 headers. Every report is '
        + 'computed at a log position (`atPosition`, default the head) and as of its period end: figures use business dates (receivedAt, '
        + 'paidAt; settlement date for emergency money), a transition dated after `to` has not happened yet, a reversal counts on its own date.',
    }),
    ApiReportQueries(),
    ApiEnumParam('report', REPORTS, 'The report', 'financial'),
    ApiReportAnswer(
      'The report at its position',
      'Mã chỉ tiêu,Chỉ tiêu,Số tiền\r\nclosing,Số dư cuối kỳ,9912500\r\n# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
      'title block, the table with numbers, dates and labels, totals, signatures; a "Thông tin" sheet with the provenance and the summary',
    ),
    ApiErrors(...ROUTE_ERRORS.report),
  );
