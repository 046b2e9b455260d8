import { randomUUID } from 'node:crypto';
import type { KeyedStatementImport } from '../../command-handling/handlers/statement-import.handlers';
import { requestHashOf } from '../../command-handling/command-metadata';
import { SLUG_PATTERN } from '../../domain/streams';
import { acceptedHeadings, isProfileName, PROFILE_NAMES } from '../../import/statement-layout';
import { ForeignCurrencyStatementError, type ImportMetadata, type ImportRequest, StatementBalanceError } from '../../import/statement-import';
import { UnknownLayoutError } from '../../import/statement-rows';
import { type FieldProblem, validationFailed } from '../api-error';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { BANK_ACCOUNT, bankAccountMessage } from '../dto/validators';
import { ForeignCurrencyStatement, StatementUnbalanced, UnknownLayout } from '../errors';
import { IMPORTS_ROUTE, unreadableUploadError } from '../file-upload';

/** What a statement import asks, from its query and headers: each parsed, or refused with 400 naming the field and the reason. */

const QUERY_FIELDS = new Set(['bankAccount', 'campaignId', 'component', 'profile']);
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;
const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationFailed([{ field: name, reason: 'must be given once' }]);
  return value;
}

/** The query of an import: every problem of it at once, an unknown field among them. */
export function importRequestOf(fundId: string, query: Record<string, unknown>): ImportRequest {
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

/** Who imports, and the ids that tie the import's events together in the journal. */
export function importMetadataOf(request: AuthenticatedRequest): ImportMetadata {
  const user = request.user;
  if (!user) throw new Error('The import route ran without an authenticated user');
  const correlation = request.headers['x-correlation-id'];
  return {
    actor: { userId: user.userId, roles: [...user.roles] },
    correlationId: typeof correlation === 'string' && CORRELATION_ID.test(correlation) ? correlation : randomUUID(),
    causationId: String(request.id ?? randomUUID()),
  };
}

/** The Idempotency-Key an import was sent with, when it was sent once; 1–200 printable ASCII characters. */
export function importIdempotencyKeyOf(request: AuthenticatedRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) throw validationFailed([{ field: 'Idempotency-Key', reason: 'must be 1–200 printable ASCII characters' }]);
  return key;
}

/** A keyed import: the key scoped to its user, and what it asked (the parameters and the file's sha256), to know it when it comes again. */
export function keyedImportOf(key: string | undefined, userId: string, importRequest: ImportRequest, fileSha256: string): KeyedStatementImport | undefined {
  if (key === undefined) return undefined;
  const requestHash = requestHashOf({ method: 'POST', route: IMPORTS_ROUTE, params: { fundId: importRequest.fundId }, query: importRequest, body: fileSha256 });
  return { key, idempotencyKey: `${userId}/${key}`, requestHash };
}

/** A statement that cannot be imported as it is, as the typed error the answer is made of; other errors go on as they are. */
export function unimportableStatementError(error: unknown): unknown {
  if (error instanceof UnknownLayoutError) return new UnknownLayout(error.headingsSeen, acceptedHeadings(), error.line);
  if (error instanceof StatementBalanceError) return new StatementUnbalanced(error.balanceCheck);
  if (error instanceof ForeignCurrencyStatementError) return new ForeignCurrencyStatement(error.currency, error.line);
  return unreadableUploadError(error, 'statement');
}
