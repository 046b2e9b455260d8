import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiNetworkReportRoute, ApiReportRoute } from '../openapi/reports.routes';

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
  @ApiNetworkReportRoute()
  network(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(fundIdRaw, NETWORK_REPORT, query, reply);
  }

  @Get(':report')
  @Roles('any')
  @ApiReportRoute()
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
    const published = format === 'json' ? await this.periodPublications.of(fundId, report, period) : [];
    const aligned = await this.reads.ofFund(fundId, REPORT_REGISTERS, Math.max(minPosition ?? 0, atPosition ?? 0) || undefined, atPosition);
    // Synchronous from here to the document: every register stays at `aligned` (at or past the
    // position asked for) while it is read, and what it holds from later positions is left out.
    const document = this.reports.build({ fundId, report, period }, atPosition ?? aligned);
    // Beside the hashed content, as sha256 is: what was published of this period, and whether its figures changed since.
    if (published.length > 0) return { ...document, published: this.periodPublications.publishedThen(document, report, period, published) };
    return reportAnswer(document, format, reply, { fundOpenedAt: this.reports.fundOpenedAt(fundId) });
  }
}
