import { type KeyObject, sign } from 'node:crypto';
import { verifyEd25519 } from '../../proofs/signed-note';
import { canonicalJson } from '../../shared/canonical-json';

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

const STRING_FIELDS = ['ledger', 'keyId', 'fromFundId', 'fromChapter', 'transferId', 'toFundId', 'amount', 'component', 'purpose', 'businessDate'] as const;
const NULLABLE_FIELDS = ['campaignId', 'restrictionId', 'restrictionPurpose', 'restrictionBeneficiary'] as const;
const NOTE_FIELDS = new Set<string>(['format', 'currency', 'position', 'signature', ...STRING_FIELDS, ...NULLABLE_FIELDS]);
const MAX_TEXT = 2_000;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

export interface FieldProblem {
  field: string;
  reason: string;
}

/** The text a note's signature covers: the canonical JSON of the note without its signature. */
export function transferNoteSignedText(note: TransferNoteBody | TransferNote): string {
  const { signature: _signature, ...body } = note as TransferNote;
  return canonicalJson(body);
}

/** Signs a note's body with the ledger's Ed25519 key. */
export function signTransferNote(body: TransferNoteBody, privateKey: KeyObject): TransferNote {
  const signature = sign(null, Buffer.from(transferNoteSignedText(body), 'utf8'), privateKey).toString('base64');
  return { ...body, signature };
}

/**
 * Reads a note as a request carries it: every member present with its type, nothing else. The
 * signature is not checked here (see {@link transferNoteSignatureProblem}).
 */
export function parseTransferNote(raw: unknown): { ok: true; note: TransferNote } | { ok: false; problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ field: 'note', reason: 'must be a JSON object' }] };
  const record = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(record)) if (!NOTE_FIELDS.has(key)) problems.push({ field: key, reason: 'is not a member of a transfer note' });
  if (record.format !== TRANSFER_NOTE_FORMAT) problems.push({ field: 'format', reason: `must be "${TRANSFER_NOTE_FORMAT}"` });
  if (record.currency !== 'VND') problems.push({ field: 'currency', reason: 'must be "VND"' });
  for (const field of STRING_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) problems.push({ field, reason: 'must be a non-blank string' });
  }
  for (const field of NULLABLE_FIELDS) {
    const value = record[field];
    if (value !== null && (typeof value !== 'string' || value.length > MAX_TEXT)) problems.push({ field, reason: 'must be a string or null' });
  }
  if (typeof record.keyId === 'string' && !KEY_ID_PATTERN.test(record.keyId)) problems.push({ field: 'keyId', reason: 'must be 8 lowercase hex digits' });
  if (!Number.isSafeInteger(record.position) || (record.position as number) < 1) problems.push({ field: 'position', reason: 'must be a positive integer' });
  const signature = record.signature;
  if (typeof signature !== 'string' || !STRICT_BASE64.test(signature) || Buffer.from(signature, 'base64').length !== ED25519_SIGNATURE_BYTES) {
    problems.push({ field: 'signature', reason: 'must be the base64 of a 64-byte Ed25519 signature' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, note: record as unknown as TransferNote };
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
  const message = Buffer.from(transferNoteSignedText(note), 'utf8');
  return verifyEd25519(Buffer.from(publicKey, 'base64'), message, Buffer.from(note.signature, 'base64')) ? undefined : 'BAD_SIGNATURE';
}

/** The one identity of a note, whichever key signed it: a transfer of a ledger is booked once. */
export function transferNoteKey(note: Pick<TransferNoteBody, 'ledger' | 'transferId'>): string {
  return `${note.ledger}\u0000${note.transferId}`;
}

/**
 * The receiver's pool the money enters: a campaign's pool keeps its name across the network
 * (`campaign:<id>`), money designated by a donation becomes a restricted pool named by the note
 * (`note:<keyId>:<transferId>`) with the donation's purpose, unrestricted money stays unrestricted.
 */
export function importedRestrictionId(note: Pick<TransferNoteBody, 'restrictionId' | 'keyId' | 'transferId'>): string | null {
  if (note.restrictionId === null) return null;
  if (note.restrictionId.startsWith('campaign:')) return note.restrictionId;
  return `note:${note.keyId}:${note.transferId}`;
}
