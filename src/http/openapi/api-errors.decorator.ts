import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { statusOfErrorCode } from '../error-mapping';
import { ERROR_CODE_DOCS, type ErrorCode } from './error-codes';

export class ApiErrorDto {
  @ApiProperty({ description: 'A stable code to act on; the answer\'s description lists the codes this route gives under this status', example: 'INSUFFICIENT_FUNDS' })
  code: string;

  @ApiProperty({ description: 'A sentence for people; it may change between versions, the code does not', example: 'Available in general is 15000000, asked 20000000' })
  message: string;

  @ApiPropertyOptional({
    description: 'What the caller needs to act: for VALIDATION_FAILED `fields: [{field, reason}]`; for a 429 `retryAfterSeconds`',
    type: 'object',
    additionalProperties: true,
    example: { fields: [{ field: 'amount', reason: 'amount must be a decimal string such as "1500000" (no exponent, sign or spaces)' }] },
  })
  details?: Record<string, unknown>;
}

/** The one error body of the API: `{"error": {"code", "message", "details"}}`. */
export class ApiErrorBodyDto {
  @ApiProperty({ type: ApiErrorDto, description: 'The error: its code, a message and details' })
  error: ApiErrorDto;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthenticated', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 413: 'Payload too large',
  415: 'Unsupported media type', 422: 'Business rule refused', 429: 'Too many requests', 503: 'Unavailable',
};

/**
 * Declares the error answers of a route: for each status the codes it can give under it (grouped
 * by the status src/http/error-mapping.ts gives each code), the error shape with those codes as
 * the enum of `error.code`, and one example body per code.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = statusOfErrorCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, group]) =>
    ApiResponse({
      status,
      description: `${STATUS_NAMES[status] ?? 'Error'}. ${group.map((code) => `\`${code}\`: ${ERROR_CODE_DOCS[code].meaning}`).join('; ')}.`,
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: getSchemaPath(ApiErrorBodyDto) },
              {
                type: 'object',
                properties: {
                  error: {
                    type: 'object',
                    description: 'The error of this status',
                    properties: { code: { type: 'string', enum: group, description: 'The codes this route answers with this status', example: group[0] } },
                  },
                },
              },
            ],
          },
          examples: Object.fromEntries(group.map((code) => [code, {
            summary: ERROR_CODE_DOCS[code].meaning,
            value: { error: { code, message: ERROR_CODE_DOCS[code].message, ...(ERROR_CODE_DOCS[code].details ? { details: ERROR_CODE_DOCS[code].details } : {}) } },
          }])),
        },
      },
    }),
  );
  return applyDecorators(ApiExtraModels(ApiErrorBodyDto, ApiErrorDto), ...responses);
}
