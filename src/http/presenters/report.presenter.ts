import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { CONTENT_TYPES, reportFileName, toCsv, writeXlsx, type ReportDocument, type ReportFormat, type XlsxDocument } from '../../reports';

/**
 * A report as the format asks: the document itself for JSON; for CSV and XLSX a download named
 * after it, with its position and sha256 in headers. Shared with the public site's reports.
 * `workbook`: what the XLSX states beside the hashed document (when the fund opened).
 */
export function reportAnswer(
  document: ReportDocument, format: ReportFormat, reply: FastifyReply, workbook: Pick<XlsxDocument, 'fundOpenedAt'> = {},
): ReportDocument | string | PassThrough {
  if (format === 'json') return document;
  void reply.header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${reportFileName(document, format)}"`)
    .header('x-report-position', String(document.position)).header('x-report-sha256', document.sha256);
  if (format === 'csv') return toCsv(document);
  // The workbook goes out as it is written, row by row: a large disclosure is never whole in memory.
  const body = new PassThrough();
  writeXlsx({ ...document, ...workbook }, body).catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
  return body;
}
