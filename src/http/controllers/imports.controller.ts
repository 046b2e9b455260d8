import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdempotencyKeyReusedError } from '../../command-handling/command-errors';
import { requestHashOf } from '../../command-handling/command-metadata';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { type LedgerConfig, limitsOf } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { SLUG_PATTERN } from '../../domain/streams';
import { isProfileName, PROFILE_NAMES } from '../../import/statement-layout';
import { ImportLog } from '../../import/import-log';
import { acceptedHeadings } from '../../import/statement-layout';
import { ForeignCurrencyStatementError, type ImportRequest, StatementBalanceError, StatementImporter } from '../../import/statement-import';
import { StatementFormatError } from '../../import/statement-reader';
import { UnknownLayoutError } from '../../import/statement-rows';
import { spoolUpload, UploadInterruptedError, UploadTooLargeError } from '../../import/upload-spool';
import { LedgerMetrics } from '../../ops/metrics';
import { type FieldProblem, validationFailed } from '../api-error';
import { ContentTypeUnsupported, ForeignCurrencyStatement, StatementMediaTypeUnsupported, StatementTooLarge, StatementUnbalanced, UnknownLayout, ValidationFailed } from '../errors';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { fundParam } from './params';
import { BANK_ACCOUNT, bankAccountMessage } from '../dto/validators';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ImportResultResponse } from '../openapi/audit.responses';
import { ApiCampaignIdQuery, ApiEnumQuery, ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bodies handed to the import route as a stream. Browsers label .csv files `text/csv`,
 * `application/vnd.ms-excel` (Windows) or nothing more precise than `application/octet-stream`:
 * the file's own bytes decide between CSV and XLSX.
 */
export const STATEMENT_CONTENT_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', XLSX_CONTENT_TYPE, 'application/octet-stream'];

export const IMPORTS_ROUTE = '/v1/funds/:fundId/imports';
/** A commune's list of beneficiaries, uploaded as statements are (CSV or XLSX). */
export const BENEFICIARY_LISTS_ROUTE = '/v1/funds/:fundId/beneficiary-lists';
const FILE_ROUTES = new Set([IMPORTS_ROUTE, BENEFICIARY_LISTS_ROUTE]);

/** Largest statement accepted: LEDGER_IMPORT_BODY_LIMIT_MB, default 200 MB (about 1.5M lines). */
export function importBodyLimitBytes(config: Pick<LedgerConfig, 'limits'>): number {
  return limitsOf(config).importBodyMegabytes * 1024 * 1024;
}

/**
 * Registers the statement content types on the Fastify instance: the import route receives the
 * raw body as a stream (its own limit, see importBodyLimitBytes); every other route still answers
 * such a body 415, as it did before, and JSON routes keep their 2 MB limit.
 */
export function registerStatementBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(STATEMENT_CONTENT_TYPES, (request: FastifyRequest, payload, done) => {
    if (!FILE_ROUTES.has(request.routeOptions.url ?? '')) {
      done(new ContentTypeUnsupported(String(request.headers['content-type'])), undefined);
      return;
    }
    done(null, payload);
  });
}

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
  if (bankAccount !== undefined && !BANK_ACCOUNT.test(bankAccount)) problems.push({ field: 'bankAccount', reason: bankAccountMessage('bankAccount').replace(/^bankAccount /, '') });
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
@ApiSignedIn()
@ApiIdempotencyKeyHeader('The same key with the same file and parameters answers the first import\'s answer again and books nothing; with another file or other parameters, 409 IDEMPOTENCY_KEY_REUSED. Without a key an import is still idempotent by row identity: a retry books nothing twice and reports the rows as duplicates')
@ApiFundIdParam()
@Controller('v1/funds/:fundId/imports')
export class ImportsController {
  private readonly importer: StatementImporter;

  constructor(
    private readonly writer: LedgerWriter,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly metrics: LedgerMetrics,
    @Inject(ImportLog) private readonly importLog: ImportLog,
  ) {
    this.importer = new StatementImporter(writer.store, writer.writePath, writer.inflows);
  }

  /** Imports sent with one Idempotency-Key take turns: the second finds the first's answer. */
  private readonly keyedImports = new Map<string, Promise<unknown>>();

  private async afterSameKey<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return work();
    const previous = this.keyedImports.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.keyedImports.set(key, current);
    try {
      return await current;
    } finally {
      if (this.keyedImports.get(key) === current) this.keyedImports.delete(key);
    }
  }

  @Post()
  @HttpCode(200)
  @Roles('accountant')
  @ApiOperation({
    summary: 'Import a bank statement (CSV or XLSX): each credit line becomes a bank_transfer donation',
    description: [
      'The body is the statement file itself: `text/csv` (UTF-8, BOM allowed, `,` or `;`, the generic format of the API contract) or XLSX (first sheet, same columns).',
      'Lines above the header (bank name, account, period) are skipped and tell the bank. `profile` reads a bank\'s layout: vietcombank (`1.000.000`, document numbers such as `5213.45946`), agribank (`50,000`), vietinbank (separate time column, "CT nhanh 247" memos), bidv (one signed amount column, "thoi gian GD" in the memo); default: detected.',
      'Each line\'s identity is sha256(bank account, date, reference, amount, normalised memo, occurrence among identical lines): the same statement twice, or overlapping statements, book each transfer once; repeats are counted as `duplicates`. Bank fees and interest are booked (`BankFeeCharged`, `InterestCredited`); other debit lines and money the bank gives back are listed for the accountant to decide, never booked as donations. A bad line is listed in `rejected` with its line number, code and reason; the others are booked.',
      'Lines are appended in batches of 1,000, each atomically: an interrupted import keeps what it booked and a re-run completes it.',
      `Largest body: LEDGER_IMPORT_BODY_LIMIT_MB (default 200 MB), else 413. Dates without a time are 00:00 Vietnam time.`,
    ].join('\n\n'),
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary', description: 'The statement file itself', example: 'Ngày,Số CT,Ghi có,Ghi nợ,Nội dung\n12/05/2024,FT24133XYZ,1.500.000,,NGUYEN VAN AN UNG HO' } })
  @ApiQuery({ name: 'bankAccount', required: false, type: String, description: 'The fund\'s account the statement is of (default: the campaign\'s); part of each line\'s identity, so give it the same way every time', example: '0011001932418' })
  @ApiCampaignIdQuery('The campaign every line is a donation to')
  @ApiQuery({ name: 'component', required: false, type: String, description: 'The component fund every line goes to; default general', example: 'general' })
  @ApiEnumQuery('profile', ['auto', ...PROFILE_NAMES], 'The bank\'s layout; default auto (detected)', 'vietcombank')
  @ApiAnswer(200, ImportResultResponse, 'What was booked; `rejected` lists at most 1,000 lines, `rejectedCount` counts all')
  @ApiErrors(...ROUTE_ERRORS.importStatement)
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
      throw new StatementMediaTypeUnsupported(XLSX_CONTENT_TYPE);
    }
    const limit = importBodyLimitBytes(this.config);
    if (Number(request.headers['content-length'] ?? 0) > limit) throw new StatementTooLarge(limit);
    // Before the upload is read: an unknown fund, campaign or component refuses every line.
    await this.importer.preflight(importRequest);
    const scratchDir = join(this.config.dataDir, 'import-scratch');
    const upload = await spoolUpload(body, scratchDir, limit).catch((error: unknown) => {
      if (error instanceof UploadTooLargeError) throw new StatementTooLarge(error.limitBytes);
      if (error instanceof UploadInterruptedError) throw validationFailed([{ field: '(body)', reason: error.message }]);
      throw error;
    });
    const counted = this.metrics.importStarted();
    try {
      if (upload.bytes === 0) throw validationFailed([{ field: '(body)', reason: 'the statement file is empty' }]);
      // The same key with the same file and parameters answers the first answer again (api.md).
      const keyed = typeof key === 'string'
        ? { idempotencyKey: `${user.userId}/${key}`, requestHash: requestHashOf({ method: 'POST', route: IMPORTS_ROUTE, params: { fundId }, query: importRequest, body: upload.sha256 }) }
        : undefined;
      return await this.afterSameKey(keyed?.idempotencyKey, async () => {
        if (keyed !== undefined) {
          const earlier = this.importLog.keyed(keyed.idempotencyKey);
          if (earlier?.answer !== undefined) {
            if (earlier.requestHash !== keyed.requestHash) throw new IdempotencyKeyReusedError(String(key));
            return earlier.answer;
          }
          // The key of a command of another route.
          if ((await this.writer.store.readByIdempotencyKey(keyed.idempotencyKey)).length > 0) throw new IdempotencyKeyReusedError(String(key));
        }
        const correlation = request.headers['x-correlation-id'];
        const result = await this.importer.importFile(upload.path, upload.sha256, importRequest, {
          onProgress: (progress) => counted.linesRead(progress.rows),
          meta: {
            actor: { userId: user.userId, roles: [...user.roles] },
            correlationId: typeof correlation === 'string' && /^[\x21-\x7e]{1,128}$/.test(correlation) ? correlation : randomUUID(),
            causationId: String(request.id ?? randomUUID()),
          },
          scratchDir,
        });
        counted.linesRead(result.rows);
        this.importLog.record(fundId, user.userId, new Date().toISOString(), result, keyed);
        return result;
      });
    } catch (error) {
      if (error instanceof UnknownLayoutError) throw new UnknownLayout(error.headingsSeen, acceptedHeadings(), error.line);
      if (error instanceof StatementBalanceError) throw new StatementUnbalanced(error.balanceCheck);
      if (error instanceof ForeignCurrencyStatementError) throw new ForeignCurrencyStatement(error.currency, error.line);
      if (error instanceof StatementFormatError) {
        throw new ValidationFailed([{ field: '(body)', reason: error.message }], { reason: 'statement', detail: error.message, line: error.line });
      }
      throw error;
    } finally {
      counted.finished();
      upload.remove();
    }
  }
}
