import type { KeyObject } from 'node:crypto';
import {
  type FieldProblem, readSignedDocument, type SignedDocumentShape, signatureHolds, signDocument, signedTextOf, STRICT_BASE64,
} from './signed-document';

export { type FieldProblem, KEY_ID_PATTERN } from './signed-document';

/**
 * A signed transfer note: how money sent to a fund of a ledger elsewhere (R16) travels. The
 * sending ledger signs, with its Ed25519 key (the one `GET /v1/public/keys` publishes), the
 * canonical JSON (RFC 8785, src/shared/canonical-json.ts) of every member of the note but
 * `signature`; the receiving ledger, having registered the sender's public key under its keyId,
 * checks that signature and books the money once, with its restriction or campaign purpose.
 */
export const TRANSFER_NOTE_FORMAT = 'ctd-transfer-note/1';

export interface TransferNoteBody {
  format: typeof TRANSFER_NOTE_FORMAT;
  /** The sending ledger's checkpoint origin (its name). */
  ledger: string;
  /** The keyId of the sending ledger's key, as its `/v1/public/keys` names it. */
  keyId: string;
  fromFundId: string;
  /** The sending fund's chapter (or its name when it names no chapter). */
  fromChapter: string;
  transferId: string;
  toFundId: string;
  /** VND, a decimal string. */
  amount: string;
  currency: 'VND';
  component: string;
  campaignId: string | null;
  /** The sender's pool the money left: null for unrestricted money. */
  restrictionId: string | null;
  restrictionPurpose: string | null;
  restrictionBeneficiary: string | null;
  purpose: string;
  /** The transfer's business date at the sender. */
  businessDate: string;
  /** The log position of the transfer's request in the sending ledger. */
  position: number;
}

export interface TransferNote extends TransferNoteBody {
  /** base64 of the Ed25519 signature over canonicalJson(the note without `signature`). */
  signature: string;
}

const NOTE_SHAPE: SignedDocumentShape = {
  field: 'note',
  described: 'a transfer note',
  format: TRANSFER_NOTE_FORMAT,
  strings: ['ledger', 'keyId', 'fromFundId', 'fromChapter', 'transferId', 'toFundId', 'amount', 'component', 'purpose', 'businessDate'],
  nullable: ['campaignId', 'restrictionId', 'restrictionPurpose', 'restrictionBeneficiary'],
  timestamps: ['businessDate'],
};
const ED25519_PUBLIC_KEY_BYTES = 32;

/** The text a note's signature covers: the canonical JSON of the note without its signature. */
export function transferNoteSignedText(note: TransferNoteBody | TransferNote): string {
  return signedTextOf(note);
}

/** Signs a note's body with the ledger's Ed25519 key. */
export function signTransferNote(body: TransferNoteBody, privateKey: KeyObject): TransferNote {
  return signDocument(body, privateKey);
}

/**
 * Reads a note as a request carries it: every member present with its type, nothing else. The
 * signature is not checked here (see {@link transferNoteSignatureProblem}).
 */
export function parseTransferNote(raw: unknown): { ok: true; note: TransferNote } | { ok: false; problems: FieldProblem[] } {
  const read = readSignedDocument<TransferNote>(raw, NOTE_SHAPE);
  return read.ok ? { ok: true, note: read.document } : read;
}

/** A trusted public key is the standard base64 of 32 raw Ed25519 bytes. */
export function publicKeyProblem(publicKey: unknown): string | undefined {
  if (typeof publicKey !== 'string' || !STRICT_BASE64.test(publicKey) || Buffer.from(publicKey, 'base64').length !== ED25519_PUBLIC_KEY_BYTES) {
    return 'must be the standard base64 of a 32-byte Ed25519 public key';
  }
  return undefined;
}

/** Why a note's signature does not hold under `publicKey` (base64), or undefined when it does. */
export function transferNoteSignatureProblem(note: TransferNote, publicKey: string): 'BAD_SIGNATURE' | undefined {
  return signatureHolds(note, publicKey) ? undefined : 'BAD_SIGNATURE';
}

/** The one identity of a note, whichever key signed it: a transfer of a ledger is booked once. */
export function transferNoteKey(note: Pick<TransferNoteBody, 'ledger' | 'transferId'>): string {
  return `${note.ledger}\u0000${note.transferId}`;
}

/**
 * The receiver's pool the money enters: restricted money (a campaign's pool, a donation's
 * designation) becomes a restricted pool named by the note (`note:<keyId>:<transferId>`) with the
 * purpose it left with, unrestricted money stays unrestricted. A campaign of the sending ledger is
 * none of the receiver's: its pool never enters the receiver's pool of the same name.
 */
export function importedRestrictionId(note: Pick<TransferNoteBody, 'restrictionId' | 'keyId' | 'transferId'>): string | null {
  if (note.restrictionId === null) return null;
  return `note:${note.keyId}:${note.transferId}`;
}
