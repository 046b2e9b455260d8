import { type KeyObject, sign } from 'node:crypto';
import { verifyEd25519 } from '../../proofs/signed-note';
import { canonicalJson } from '../../shared/canonical-json';
import { isCalendarDate } from '../shared/calendar';

/**
 * What the documents ledgers hand each other (transfer notes, delivery receipts) share: the
 * signer signs, with its Ed25519 key (the one its `GET /v1/public/keys` publishes), the canonical
 * JSON (RFC 8785, src/shared/canonical-json.ts) of every member but `signature`; a request carries
 * the document as JSON, read member by member before its signature is checked.
 */
export interface FieldProblem {
  field: string;
  reason: string;
}

export const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;
export const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ED25519_SIGNATURE_BYTES = 64;
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 2_000;

/** The members of one kind of document, and how a request names it. */
export interface SignedDocumentShape {
  /** The field a body that is no object at all is reported under (`note`, `receipt`). */
  field: string;
  /** For "is not a member of …" (`a transfer note`). */
  described: string;
  format: string;
  strings: readonly string[];
  nullable?: readonly string[];
  /** Members among `strings` that are business dates: an ISO 8601 timestamp with offset, a real calendar day. */
  timestamps?: readonly string[];
}

/** The text a document's signature covers: its canonical JSON without `signature`. */
export function signedTextOf(document: object): string {
  const { signature: _signature, ...body } = document as { signature?: unknown };
  return canonicalJson(body);
}

export function signDocument<Body extends object>(body: Body, privateKey: KeyObject): Body & { signature: string } {
  const signature = sign(null, Buffer.from(signedTextOf(body), 'utf8'), privateKey).toString('base64');
  return { ...body, signature };
}

/** Whether a document's signature holds under `publicKey` (base64 of 32 raw bytes). */
export function signatureHolds(document: { signature: string }, publicKey: string): boolean {
  const message = Buffer.from(signedTextOf(document), 'utf8');
  return verifyEd25519(Buffer.from(publicKey, 'base64'), message, Buffer.from(document.signature, 'base64'));
}

/**
 * Reads a document as a request carries it: every member present with its type, nothing else.
 * The signature's form is checked here, not whether it holds (see {@link signatureHolds}).
 */
export function readSignedDocument<Document>(raw: unknown, shape: SignedDocumentShape): { ok: true; document: Document } | { ok: false; problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ field: shape.field, reason: 'must be a JSON object' }] };
  const record = raw as Record<string, unknown>;
  const nullable = shape.nullable ?? [];
  const members = new Set<string>(['format', 'currency', 'position', 'signature', ...shape.strings, ...nullable]);
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(record)) if (!members.has(key)) problems.push({ field: key, reason: `is not a member of ${shape.described}` });
  if (record.format !== shape.format) problems.push({ field: 'format', reason: `must be "${shape.format}"` });
  if (record.currency !== 'VND') problems.push({ field: 'currency', reason: 'must be "VND"' });
  for (const field of shape.strings) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) problems.push({ field, reason: 'must be a non-blank string' });
  }
  for (const field of nullable) {
    const value = record[field];
    if (value !== null && (typeof value !== 'string' || value.length > MAX_TEXT)) problems.push({ field, reason: 'must be a string or null' });
  }
  for (const field of shape.timestamps ?? []) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '' && !isTimestampWithOffset(value)) {
      problems.push({ field, reason: 'must be an ISO 8601 timestamp with an offset, e.g. 2024-05-12T09:30:00+07:00' });
    }
  }
  if (typeof record.keyId === 'string' && !KEY_ID_PATTERN.test(record.keyId)) problems.push({ field: 'keyId', reason: 'must be 8 lowercase hex digits' });
  if (!Number.isSafeInteger(record.position) || (record.position as number) < 1) problems.push({ field: 'position', reason: 'must be a positive integer' });
  const signature = record.signature;
  if (typeof signature !== 'string' || !STRICT_BASE64.test(signature) || Buffer.from(signature, 'base64').length !== ED25519_SIGNATURE_BYTES) {
    problems.push({ field: 'signature', reason: 'must be the base64 of a 64-byte Ed25519 signature' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document: record as unknown as Document };
}

/** A real instant written with its offset: a date such as 2024-02-30 or a bare day dates nothing. */
function isTimestampWithOffset(value: string): boolean {
  return TIMESTAMP_WITH_OFFSET.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}
