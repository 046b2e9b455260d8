import type { KeyObject } from 'node:crypto';
import { type FieldProblem, readSignedDocument, type SignedDocumentShape, signatureHolds, signDocument, signedTextOf } from './signed-document';

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

const RECEIPT_SHAPE: SignedDocumentShape = {
  field: 'receipt',
  described: 'a delivery receipt',
  format: DELIVERY_RECEIPT_FORMAT,
  strings: ['ledger', 'keyId', 'toFundId', 'toChapter', 'transferId', 'fromLedger', 'fromFundId', 'amount', 'businessDate'],
  timestamps: ['businessDate'],
};

/** The text a receipt's signature covers: the canonical JSON of the receipt without its signature. */
export function deliveryReceiptSignedText(receipt: DeliveryReceiptBody | DeliveryReceipt): string {
  return signedTextOf(receipt);
}

export function signDeliveryReceipt(body: DeliveryReceiptBody, privateKey: KeyObject): DeliveryReceipt {
  return signDocument(body, privateKey);
}

/** Reads a receipt as a request carries it: every member present with its type, nothing else. */
export function parseDeliveryReceipt(raw: unknown): { ok: true; receipt: DeliveryReceipt } | { ok: false; problems: FieldProblem[] } {
  const read = readSignedDocument<DeliveryReceipt>(raw, RECEIPT_SHAPE);
  return read.ok ? { ok: true, receipt: read.document } : read;
}

/** Whether a receipt's signature holds under `publicKey` (base64). */
export function deliveryReceiptVerifies(receipt: DeliveryReceipt, publicKey: string): boolean {
  return signatureHolds(receipt, publicKey);
}
