import { type KeyObject, sign } from 'node:crypto';
import { verifyEd25519 } from '../../proofs/signed-note';
import { canonicalJson } from '../../shared/canonical-json';
import { KEY_ID_PATTERN, type FieldProblem } from './transfer-note';

/**
 * A signed delivery receipt: the receiving ledger's word that it booked a transfer note (R16),
 * which closes the transfer at the sender. The receiving ledger signs, with its own Ed25519 key
 * (the one its `GET /v1/public/keys` publishes), the canonical JSON (RFC 8785,
 * src/shared/canonical-json.ts) of every member but `signature`; the sending fund, having
 * registered that key as trusted, checks it and takes the money out of `inTransitOut`.
 */
export const DELIVERY_RECEIPT_FORMAT = 'ctd-transfer-receipt/1';

export interface DeliveryReceiptBody {
  format: typeof DELIVERY_RECEIPT_FORMAT;
  /** The receiving ledger's checkpoint origin (its name). */
  ledger: string;
  /** The keyId of the receiving ledger's key, as its `/v1/public/keys` names it. */
  keyId: string;
  /** The fund that booked the note, and its chapter (its name when it names none). */
  toFundId: string;
  toChapter: string;
  /** The note's transfer, sending ledger and sending fund, as the note named them. */
  transferId: string;
  fromLedger: string;
  fromFundId: string;
  /** VND, a decimal string: the amount booked. */
  amount: string;
  currency: 'VND';
  /** The business date of the booking at the receiver. */
  businessDate: string;
  /** The log position of the booking (`TransferNoteImported`) in the receiving ledger. */
  position: number;
}

export interface DeliveryReceipt extends DeliveryReceiptBody {
  /** base64 of the Ed25519 signature over canonicalJson(the receipt without `signature`). */
  signature: string;
}

const STRING_FIELDS = ['ledger', 'keyId', 'toFundId', 'toChapter', 'transferId', 'fromLedger', 'fromFundId', 'amount', 'businessDate'] as const;
const RECEIPT_FIELDS = new Set<string>(['format', 'currency', 'position', 'signature', ...STRING_FIELDS]);
const MAX_TEXT = 2_000;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ED25519_SIGNATURE_BYTES = 64;

/** The text a receipt's signature covers: the canonical JSON of the receipt without its signature. */
export function deliveryReceiptSignedText(receipt: DeliveryReceiptBody | DeliveryReceipt): string {
  const { signature: _signature, ...body } = receipt as DeliveryReceipt;
  return canonicalJson(body);
}

export function signDeliveryReceipt(body: DeliveryReceiptBody, privateKey: KeyObject): DeliveryReceipt {
  const signature = sign(null, Buffer.from(deliveryReceiptSignedText(body), 'utf8'), privateKey).toString('base64');
  return { ...body, signature };
}

/** Reads a receipt as a request carries it: every member present with its type, nothing else. */
export function parseDeliveryReceipt(raw: unknown): { ok: true; receipt: DeliveryReceipt } | { ok: false; problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ field: 'receipt', reason: 'must be a JSON object' }] };
  const record = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(record)) if (!RECEIPT_FIELDS.has(key)) problems.push({ field: key, reason: 'is not a member of a delivery receipt' });
  if (record.format !== DELIVERY_RECEIPT_FORMAT) problems.push({ field: 'format', reason: `must be "${DELIVERY_RECEIPT_FORMAT}"` });
  if (record.currency !== 'VND') problems.push({ field: 'currency', reason: 'must be "VND"' });
  for (const field of STRING_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) problems.push({ field, reason: 'must be a non-blank string' });
  }
  if (typeof record.keyId === 'string' && !KEY_ID_PATTERN.test(record.keyId)) problems.push({ field: 'keyId', reason: 'must be 8 lowercase hex digits' });
  if (!Number.isSafeInteger(record.position) || (record.position as number) < 1) problems.push({ field: 'position', reason: 'must be a positive integer' });
  const signature = record.signature;
  if (typeof signature !== 'string' || !STRICT_BASE64.test(signature) || Buffer.from(signature, 'base64').length !== ED25519_SIGNATURE_BYTES) {
    problems.push({ field: 'signature', reason: 'must be the base64 of a 64-byte Ed25519 signature' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, receipt: record as unknown as DeliveryReceipt };
}

/** Whether a receipt's signature holds under `publicKey` (base64). */
export function deliveryReceiptVerifies(receipt: DeliveryReceipt, publicKey: string): boolean {
  const message = Buffer.from(deliveryReceiptSignedText(receipt), 'utf8');
  return verifyEd25519(Buffer.from(publicKey, 'base64'), message, Buffer.from(receipt.signature, 'base64'));
}
