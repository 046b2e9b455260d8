import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommandMetadata } from '../command-handling/command-metadata';
import { type LedgerConfig, limitsOf } from '../config/ledger-config';
import { StatementFormatError } from '../import/statement-reader';
import { spoolUpload, type SpooledUpload, UploadInterruptedError, UploadTooLargeError } from '../import/upload-spool';
import { validationFailed } from './api-error';
import type { AuthenticatedRequest } from './auth/auth.guard';
import { commandMetadataOf } from './command-context';
import { ContentTypeUnsupported, StatementMediaTypeUnsupported, StatementTooLarge, type UploadKind, ValidationFailed } from './errors';

/**
 * The routes whose body is a file (a bank statement, a commune's list of beneficiaries): the body
 * reaches the route as the stream it arrives as, is written to a scratch file while it is hashed,
 * and is read from there in one streaming pass. Nothing here holds a file in memory.
 */

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

/** How a refusal names the file each upload route takes. */
const FILE_NAMED: Record<UploadKind, string> = { statement: 'the statement file', 'beneficiary-list': 'the list file' };

/**
 * The file a request carries, as the stream it arrives as: refused without a body (400), with a
 * body of another media type, which was parsed as something else (415), and when the length it
 * declares is over `limitBytes` (413), before a byte of it is read.
 */
export function uploadedBodyOf(request: AuthenticatedRequest, limitBytes: number, upload: UploadKind): Readable {
  const body = request.body;
  if (!(body instanceof Readable)) {
    if (body === undefined || body === null) throw validationFailed([{ field: '(body)', reason: `${FILE_NAMED[upload]} is required` }]);
    throw new StatementMediaTypeUnsupported(XLSX_CONTENT_TYPE, upload);
  }
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) throw new StatementTooLarge(limitBytes, upload);
  return body;
}

/** The upload written to `scratchDir` as it streams in: 413 once it goes over `limitBytes`, 400 when it is cut off. */
export function spooledUpload(body: Readable, scratchDir: string, limitBytes: number, upload: UploadKind): Promise<SpooledUpload> {
  return spoolUpload(body, scratchDir, limitBytes).catch((error: unknown) => {
    if (error instanceof UploadTooLargeError) throw new StatementTooLarge(error.limitBytes, upload);
    if (error instanceof UploadInterruptedError) throw validationFailed([{ field: '(body)', reason: error.message }]);
    throw error;
  });
}

/** 400 for an upload of no bytes at all. */
export function refuseEmptyUpload(spooled: SpooledUpload, upload: UploadKind): void {
  if (spooled.bytes === 0) throw validationFailed([{ field: '(body)', reason: `${FILE_NAMED[upload]} is empty` }]);
}

/** A file that cannot be read as the route's file is 400 VALIDATION_FAILED with its line; other errors go on as they are. */
export function unreadableUploadError(error: unknown, upload: UploadKind): unknown {
  if (error instanceof StatementFormatError) {
    return new ValidationFailed([{ field: '(body)', reason: error.message }], { reason: upload, detail: error.message, line: error.line });
  }
  return error;
}

/**
 * The metadata of a command that a file route records. The body is the upload's stream, which a
 * request hash cannot walk: the route hashes what it asks itself once the file is read (its sha256).
 */
export function fileRouteMetadataOf(request: AuthenticatedRequest): CommandMetadata {
  return commandMetadataOf(Object.assign(Object.create(request) as AuthenticatedRequest, { body: undefined }));
}
