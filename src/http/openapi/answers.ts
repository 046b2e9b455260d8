import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ReportResponse } from './audit.responses';

/** The success answer of a route: its status, what it means and the schema of its JSON body. */
export const ApiAnswer = (status: number, type: Type<unknown>, description: string) =>
  ApiResponse({ status, type, description });

/** A success answer without a body (204). */
export const ApiEmptyAnswer = (description: string) => ApiResponse({ status: 204, description });

/** A success answer that is not JSON (or not only): one schema and example per media type. */
export const ApiMediaAnswer = (
  status: number,
  description: string,
  media: Record<string, { description: string; example?: unknown; model?: Type<unknown> }>,
) =>
  applyDecorators(
    ...Object.values(media).flatMap(({ model }) => (model ? [ApiExtraModels(model)] : [])),
    ApiResponse({
      status,
      description,
      content: Object.fromEntries(Object.entries(media).map(([type, { description: what, example, model }]) => [
        type,
        { schema: model ? { $ref: getSchemaPath(model), description: what } : { type: 'string', description: what, example } },
      ])),
    }),
  );

/** The answer of a report route (see reportAnswer in reports.controller.ts): the document as JSON, or a CSV or XLSX download of it. */
export const ApiReportAnswer = (description: string, csvExample: string, xlsxContent: string) =>
  ApiMediaAnswer(200, description, {
    'application/json': { description: 'format=json: the report document', model: ReportResponse },
    'text/csv': { description: 'format=csv: Vietnamese headings, the JSON values, a trailing comment line with position and sha256', example: csvExample },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { description: `format=xlsx: ${xlsxContent}`, example: '(binary XLSX workbook)' },
  });
