import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import type { LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { SLUG_PATTERN } from '../../domain/streams';
import { isProfileName, PROFILE_NAMES } from '../../import/statement-layout';
import { type ImportRequest, StatementImporter } from '../../import/statement-import';
import { StatementFormatError } from '../../import/statement-reader';
import { spoolUpload, UploadInterruptedError, UploadTooLargeError } from '../../import/upload-spool';
import { ApiError, type FieldProblem, validationFailed } from '../api-error';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { positiveIntegerFromEnv } from '../auth/rate-limiter';
import { Roles } from '../auth/roles.decorator';
import { fundParam } from './params';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bodies handed to the import route as a stream. Browsers label .csv files `text/csv`,
 * `application/vnd.ms-excel` (Windows) or nothing more precise than `application/octet-stream`:
 * the file's own bytes decide between CSV and XLSX.
 */
export const STATEMENT_CONTENT_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', XLSX_CONTENT_TYPE, 'application/octet-stream'];

export const IMPORTS_ROUTE = '/v1/funds/:fundId/imports';

/** Largest statement accepted: LEDGER_IMPORT_BODY_LIMIT_MB, default 200 MB (about 1.5M lines). */
export function importBodyLimitBytes(): number {
  return positiveIntegerFromEnv('LEDGER_IMPORT_BODY_LIMIT_MB', 200) * 1024 * 1024;
}

/**
 * Registers the statement content types on the Fastify instance: the import route receives the
 * raw body as a stream (its own limit, see importBodyLimitBytes); every other route still answers
 * such a body 415, as it did before, and JSON routes keep their 2 MB limit.
 */
export function registerStatementBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(STATEMENT_CONTENT_TYPES, (request: FastifyRequest, payload, done) => {
    if (request.routeOptions.url !== IMPORTS_ROUTE) {
      done(Object.assign(new Error(`Unsupported Media Type: ${String(request.headers['content-type'])}`), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
      return;
    }
    done(null, payload);
  });
}

const BANK_ACCOUNT = /^[0-9A-Za-z][0-9A-Za-z .-]{0,62}[0-9A-Za-z]$|^[0-9A-Za-z]$/;
const QUERY_FIELDS = new Set(['bankAccount', 'campaignId', 'component', 'profile']);
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationFailed([{ field: name, reason: 'must be given once' }]);
  return value;
}

function importRequestOf(fundId: string, query: Record<string, unknown>): ImportRequest {
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(query)) if (!QUERY_FIELDS.has(name)) problems.push({ field: name, reason: 'unknown field' });
  const bankAccount = single(query, 'bankAccount');
  const campaignId = single(query, 'campaignId');
  const component = single(query, 'component');
  const profile = single(query, 'profile');
  if (bankAccount !== undefined && !BANK_ACCOUNT.test(bankAccount)) problems.push({ field: 'bankAccount', reason: 'must be an account number (letters, digits, spaces, dots, dashes; at most 64)' });
  if (campaignId !== undefined && !SLUG_PATTERN.test(campaignId)) problems.push({ field: 'campaignId', reason: 'must be a campaign slug' });
  if (component !== undefined && !SLUG_PATTERN.test(component)) problems.push({ field: 'component', reason: 'must be a component slug' });
  if (profile !== undefined && profile !== 'auto' && !isProfileName(profile)) problems.push({ field: 'profile', reason: `must be auto or one of ${PROFILE_NAMES.join(', ')}` });
  if (problems.length > 0) throw validationFailed(problems);
  return {
    fundId,
    bankAccount: bankAccount ?? null,
    campaignId: campaignId ?? null,
    component: component ?? 'general',
    profile: profile === undefined || profile === 'auto' ? null : (profile as ImportRequest['profile']),
  };
}

@ApiTags('imports')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Accepted for uniformity; an import is idempotent by row identity whatever the key: a retry books nothing twice and reports the rows as duplicates' })
@Controller('v1/funds/:fundId/imports')
export class ImportsController {
  private readonly importer: StatementImporter;

  constructor(
    private readonly writer: LedgerWriter,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    this.importer = new StatementImporter(writer.store, writer.writePath);
  }

  @Post()
  @HttpCode(200)
  @Roles('accountant')
  @ApiOperation({
    summary: 'Import a bank statement (CSV or XLSX): each credit line becomes a bank_transfer donation',
    description: [
      'The body is the statement file itself: `text/csv` (UTF-8, BOM allowed, `,` or `;`, the generic format of the API contract) or XLSX (first sheet, same columns).',
      'Lines above the header (bank name, account, period) are skipped and tell the bank. `profile` reads a bank\'s layout: vietcombank (`1.000.000`, document numbers such as `5213.45946`), agribank (`50,000`), vietinbank (separate time column, "CT nhanh 247" memos), bidv (one signed amount column, "thoi gian GD" in the memo); default: detected.',
      'Each line\'s identity is sha256(bank account, date, reference, amount, normalised memo, occurrence among identical lines): the same statement twice, or overlapping statements, book each transfer once; repeats are counted as `duplicates`. Debit lines are counted, never booked. A bad line is listed in `rejected` with its line number, code and reason; the others are booked.',
      'Lines are appended in batches of 1,000, each atomically: an interrupted import keeps what it booked and a re-run completes it.',
      `Largest body: LEDGER_IMPORT_BODY_LIMIT_MB (default 200 MB), else 413. Dates without a time are 00:00 Vietnam time.`,
    ].join('\n\n'),
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'bankAccount', required: false, description: 'The fund\'s account the statement is of (default: the campaign\'s); part of each line\'s identity, so give it the same way every time' })
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiQuery({ name: 'component', required: false, description: 'Default general' })
  @ApiQuery({ name: 'profile', required: false, enum: ['auto', ...PROFILE_NAMES] })
  @ApiOkResponse({ description: '`{imported, duplicates, debits, skipped, rejected: [{line, code, message, field?}], rejectedCount, position, fileSha256, format, profile, bankAccount, rows, complete}`; `rejected` lists at most 1,000 lines, `rejectedCount` counts all' })
  async import(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest) {
    const fundId = fundParam(fundIdRaw);
    const importRequest = importRequestOf(fundId, query);
    const user = request.user;
    if (!user) throw new Error('The import route ran without an authenticated user');
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && !IDEMPOTENCY_KEY.test(key)) {
      throw validationFailed([{ field: 'Idempotency-Key', reason: 'must be 1–200 printable ASCII characters' }]);
    }
    const body = request.body;
    if (!(body instanceof Readable)) {
      if (body === undefined || body === null) throw validationFailed([{ field: '(body)', reason: 'the statement file is required' }]);
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the statement itself as text/csv or ${XLSX_CONTENT_TYPE}`);
    }
    const limit = importBodyLimitBytes();
    if (Number(request.headers['content-length'] ?? 0) > limit) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The statement is larger than the limit of ${limit} bytes`);
    // Before the upload is read: an unknown fund, campaign or component refuses every line.
    await this.importer.preflight(importRequest);
    const scratchDir = join(this.config.dataDir, 'import-scratch');
    const upload = await spoolUpload(body, scratchDir, limit).catch((error: unknown) => {
      if (error instanceof UploadTooLargeError) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', error.message);
      if (error instanceof UploadInterruptedError) throw validationFailed([{ field: '(body)', reason: error.message }]);
      throw error;
    });
    try {
      if (upload.bytes === 0) throw validationFailed([{ field: '(body)', reason: 'the statement file is empty' }]);
      const correlation = request.headers['x-correlation-id'];
      return await this.importer.importFile(upload.path, upload.sha256, importRequest, {
        meta: {
          actor: { userId: user.userId, roles: [...user.roles] },
          correlationId: typeof correlation === 'string' && /^[\x21-\x7e]{1,128}$/.test(correlation) ? correlation : randomUUID(),
          causationId: String(request.id ?? randomUUID()),
        },
        scratchDir,
      });
    } catch (error) {
      if (error instanceof StatementFormatError) {
        throw new ApiError(400, 'VALIDATION_FAILED', `Invalid statement: ${error.message}`, {
          fields: [{ field: '(body)', reason: error.message }], ...(error.line === undefined ? {} : { line: error.line }),
        });
      }
      throw error;
    } finally {
      upload.remove();
    }
  }
}
