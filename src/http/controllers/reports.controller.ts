import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LogPositions } from '../../read-side/log-positions';
import { PeriodPublications } from '../../read-side/period-publications';
import { ReportQueries } from '../../read-side/register-report-facts';
import { NETWORK_REPORT, REPORT_FORMATS, REPORT_REGISTERS, REPORTS, type ReportName } from '../../reports';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { reportAnswer } from '../presenters/report.presenter';
import { enumParam } from '../query-params';
import { RegisterReads } from '../read-consistency';
import { reportStand } from '../look-back';
import { fundParam } from './params';
import { ApiReportAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ApiEnumParam, ApiFundIdParam, ApiReportQueries } from '../openapi/parameters';

/** The report answer is shared with the public site's reports and the coverage report, which take it from here. */
export { reportAnswer };

@ApiTags('reports')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/reports')
export class ReportsController {
  constructor(
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(ReportQueries) private readonly reports: ReportQueries,
    @Inject(PeriodPublications) private readonly periodPublications: PeriodPublications,
    @Inject(LogPositions) private readonly positions: LogPositions,
  ) {}

  @Get('network')
  @Roles('accountant', 'approver', 'auditor')
  @ApiOperation({
    summary: 'The network report (R16): per fund that sent money to this one (a lower chapter) and per fund this one sent to, what was sent, '
      + 'what arrived and what was returned in the period, and what is still in transit at its end, with the days since the oldest such '
      + 'transfer was sent (counted to `to`; null without it); then each transfer still in transit on its own line. Like every report: '
      + '`atPosition`, `position` and `sha256`, JSON, CSV or XLSX.',
  })
  @ApiReportQueries()
  @ApiReportAnswer(
    'The network report at its position',
    'Phần,Mã quỹ\r\nincoming,quy-xa-an-phu\r\n# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
    'title block, the parts (received, sent, in transit) with totals, signatures',
  )
  @ApiErrors(...ROUTE_ERRORS.report)
  network(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(fundIdRaw, NETWORK_REPORT, query, reply);
  }

  @Get(':report')
  @Roles('any')
  @ApiOperation({
    summary: 'Reports: designations, campaigns, donors, disclosure, financial. JSON carries decimal strings, the log `position` and a '
      + 'sha256 of the canonical content. CSV is for programs: Vietnamese headings, the JSON values (plain digits, ISO timestamps, codes), '
      + 'and a trailing comment line `# position=N sha256=HEX`. XLSX is the document for the finance office: a title block (chapter, fund, '
      + 'report, period, "Đơn vị tính: đồng", position, sha256), money as numbers in a thousands format, dates as dates in Vietnam time, '
      + 'Vietnamese labels for every code, total rows and the signature block; the financial report as a receipts-and-payments statement. '
      + 'CSV and XLSX also carry the position and sha256 in the X-Report-Position and X-Report-Sha256 headers. Every report is '
      + 'computed at a log position (`atPosition`, default the head) and as of its period end: figures use business dates (receivedAt, '
      + 'paidAt; settlement date for emergency money), a transition dated after `to` has not happened yet, a reversal counts on its own date.',
  })
  @ApiEnumParam('report', REPORTS, 'The report', 'financial')
  @ApiReportQueries()
  @ApiReportAnswer(
    'The report at its position',
    'Mã chỉ tiêu,Chỉ tiêu,Số tiền\r\nclosing,Số dư cuối kỳ,9912500\r\n# position=42 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n',
    'title block, the table with numbers, dates and labels, totals, signatures; a "Thông tin" sheet with the provenance and the summary',
  )
  @ApiErrors(...ROUTE_ERRORS.report)
  async report(@Param('fundId') fundIdRaw: string, @Param('report') reportRaw: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    fundParam(fundIdRaw);
    const report = enumParam('report', reportRaw, REPORTS);
    if (report === undefined) throw validationFailed([{ field: 'report', reason: `must be one of ${REPORTS.join(', ')}` }]);
    return this.answer(fundIdRaw, report, query, reply);
  }

  private async answer(fundIdRaw: string, report: ReportName, query: Record<string, unknown>, reply: FastifyReply) {
    const fundId = fundParam(fundIdRaw);
    const format = enumParam('format', query.format, REPORT_FORMATS) ?? 'json';
    const { period, atPosition, minPosition } = await reportStand(this.positions, report, query);
    const published = format === 'json' ? await this.periodPublications.of(fundId, period) : [];
    const aligned = await this.reads.ofFund(fundId, REPORT_REGISTERS, Math.max(minPosition ?? 0, atPosition ?? 0) || undefined, atPosition);
    // Synchronous from here to the document: every register stays at `aligned` (at or past the
    // position asked for) while it is read, and what it holds from later positions is left out.
    const document = this.reports.build({ fundId, report, period }, atPosition ?? aligned);
    // Beside the hashed content, as sha256 is: what was published of this period, and whether its figures changed since.
    if (published.length > 0) return { ...document, published: this.periodPublications.publishedThen(document, report, period, published) };
    return reportAnswer(document, format, reply, { fundOpenedAt: this.reports.fundOpenedAt(fundId) });
  }
}
