import type { components } from '../api/schema';
import { formatDate } from '../format';

/**
 * "Xác minh": checks, in the donor's own browser, that a donation is in the log the ledger signed
 * (api-v2 "Checkpoints and proofs"). Pure: it depends on nothing but WebCrypto (SHA-256 and
 * Ed25519), takes the answer of `GET /v1/public/funds/:fundId/donations/:donationId/proof` and the
 * key of `GET /v1/public/keys`, and trusts neither: every byte of the answer is checked here.
 *
 * The order of the checks follows the argument a donor is asked to accept:
 * 1. the checkpoint's note is signed by the published key (C2SP signed-note, Ed25519);
 * 2. the JSON beside the note says what the note says (size, root, time, key id);
 * 3. the proof is for exactly the checkpoint's tree size (an RFC 9162 root does not commit to its
 *    size, so a path may fit a size it was not made for);
 * 4. the leaf hash is SHA-256(0x00 ‖ UTF-8 of the event's hex hash);
 * 5. the audit path leads from that leaf to the signed root (RFC 9162 §2.1.3.2).
 */

type Schemas = components['schemas'];

/** An entry of `GET /v1/public/keys`, as far as the check reads it: whatever else it says is not trusted. */
export interface PublicKeyInfo {
  keyId?: string;
  algorithm?: string;
  /** Raw 32-byte Ed25519 public key, standard base64. */
  publicKey: string;
}
export type SignedCheckpointJson = Schemas['CheckpointResponse'];
export type InclusionProofJson = Schemas['InclusionProofResponse'];

/** The answer of the donation proof route; the donation is shown, not checked, so its shape is the caller's. */
export type DonationProofAnswer<Donation = unknown> = Omit<Schemas['DonationProofResponse'], 'donation'> & { donation: Donation };

export type ProofFailure =
  | 'CRYPTO_UNAVAILABLE'
  | 'MALFORMED_ANSWER'
  | 'INVALID_PUBLIC_KEY'
  | 'MALFORMED_CHECKPOINT'
  | 'NOT_SIGNED_BY_KEY'
  | 'BAD_SIGNATURE'
  | 'CHECKPOINT_FIELDS_DISAGREE'
  | 'TREE_SIZE_NOT_THE_CHECKPOINTS'
  | 'LEAF_HASH_MISMATCH'
  | 'INDEX_OUT_OF_RANGE'
  | 'PATH_TOO_LONG'
  | 'PATH_TOO_SHORT'
  | 'ROOT_MISMATCH';

export interface ProofVerified {
  ok: true;
  origin: string;
  position: number;
  leafIndex: number;
  treeSize: number;
  /** Base64, as in the checkpoint. */
  rootHash: string;
  /** When the checkpoint was signed. */
  timestamp: string;
  keyId: string;
}

export type ProofVerification = ProofVerified | { ok: false; reason: ProofFailure };

/** What the site says for each failure, in plain Vietnamese: what failed and what it means for the donor. */
export const PROOF_FAILURE_MESSAGES_VI: Readonly<Record<ProofFailure, string>> = {
  CRYPTO_UNAVAILABLE:
    'Trình duyệt này không hỗ trợ chữ ký Ed25519 nên không thể tự xác minh. Hãy thử trình duyệt mới hơn, hoặc xác minh ngoại tuyến bằng lệnh ledger verify-proof.',
  MALFORMED_ANSWER: 'Dữ liệu bằng chứng nhận được không đúng định dạng, nên không thể xác minh khoản ủng hộ này.',
  INVALID_PUBLIC_KEY: 'Khóa công khai của sổ quỹ không hợp lệ, nên không thể kiểm tra chữ ký.',
  MALFORMED_CHECKPOINT: 'Bản chốt sổ (checkpoint) kèm theo không đúng định dạng, nên không thể xác minh.',
  NOT_SIGNED_BY_KEY: 'Bản chốt sổ không được ký bằng khóa công khai của sổ quỹ: đây không phải bản chốt do quỹ công bố.',
  BAD_SIGNATURE: 'Chữ ký trên bản chốt sổ không đúng: bản chốt đã bị sửa sau khi ký, hoặc không phải do quỹ ký.',
  CHECKPOINT_FIELDS_DISAGREE: 'Các số liệu đi kèm không khớp với bản chốt sổ đã ký: có phần dữ liệu không được ký.',
  TREE_SIZE_NOT_THE_CHECKPOINTS: 'Bằng chứng được lập cho một cỡ sổ khác với bản chốt sổ đã ký, nên không chứng minh được gì.',
  LEAF_HASH_MISMATCH: 'Mã băm của giao dịch không khớp với bằng chứng: giao dịch hoặc bằng chứng đã bị thay đổi.',
  INDEX_OUT_OF_RANGE: 'Vị trí của giao dịch nằm ngoài sổ đã chốt: bằng chứng không hợp lệ.',
  PATH_TOO_LONG: 'Đường chứng minh dài hơn cần thiết: bằng chứng đã bị thay đổi.',
  PATH_TOO_SHORT: 'Đường chứng minh thiếu mắt xích: bằng chứng đã bị thay đổi.',
  ROOT_MISMATCH: 'Bằng chứng không dẫn tới gốc của sổ đã ký: khoản ủng hộ này KHÔNG được chứng minh là có trong sổ.',
};

/** What the site says when the check succeeded. */
export function proofVerifiedMessageVi(verified: ProofVerified): string {
  return `Đã xác minh: giao dịch ở vị trí ${verified.position} có trong sổ quỹ gồm ${verified.treeSize} giao dịch, được quỹ ký lúc ${verified.timestamp}.`;
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ROOT_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const DECIMAL_SIZE = /^(?:0|[1-9][0-9]*)$/;
const SIGNATURE_LINE_PREFIX = '\u2014 ';
const ED25519_SIGNATURE_TYPE = 0x01;
const encoder = new TextEncoder();

type Failure = { ok: false; reason: ProofFailure };
const fail = (reason: ProofFailure): Failure => ({ ok: false, reason });

/** The part of WebCrypto used here, typed alike in a browser and in Node (where the tests run it). */
interface WebCryptoSubtle {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: { name: 'Ed25519' }, extractable: false, usages: ['verify']): Promise<unknown>;
  verify(algorithm: { name: 'Ed25519' }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

function subtle(): WebCryptoSubtle | undefined {
  return (globalThis as { crypto?: { subtle?: unknown } }).crypto?.subtle as WebCryptoSubtle | undefined;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const input = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    input.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await (subtle() as WebCryptoSubtle).digest('SHA-256', input));
}

function fromBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !STRICT_BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromHex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

interface ParsedCheckpoint {
  text: string;
  origin: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signatures: { keyName: string; keyHash: Uint8Array; signature: Uint8Array }[];
}

/** The note split at its last blank line (as Go's note.Open), and its checkpoint body read. */
function parseCheckpointNote(note: string): ParsedCheckpoint | undefined {
  if (typeof note !== 'string' || !note.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f]/u.test(note)) return undefined;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const text = note.slice(0, split + 1);
  const signatures: ParsedCheckpoint['signatures'] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith(SIGNATURE_LINE_PREFIX)) return undefined;
    const fields = line.slice(SIGNATURE_LINE_PREFIX.length).split(' ');
    const decoded = fields.length === 2 ? fromBase64(fields[1]) : undefined;
    if (decoded === undefined || decoded.length <= 4) return undefined;
    signatures.push({ keyName: fields[0], keyHash: decoded.subarray(0, 4), signature: decoded.subarray(4) });
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((line) => line.length === 0)) return undefined;
  const [origin, size, rootHash, ...extensions] = lines;
  if (/[\s+]/u.test(origin) || !DECIMAL_SIZE.test(size) || !ROOT_BASE64.test(rootHash)) return undefined;
  const times = extensions.filter((line) => line.startsWith('time ')).map((line) => line.slice('time '.length));
  const treeSize = Number(size);
  if (times.length !== 1 || !Number.isSafeInteger(treeSize)) return undefined;
  return { text, origin, treeSize, rootHash, timestamp: times[0], signatures };
}

async function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean | undefined> {
  let key: unknown;
  try {
    key = await (subtle() as WebCryptoSubtle).importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return undefined;
  }
  try {
    return await (subtle() as WebCryptoSubtle).verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    return false;
  }
}

async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0x01), left, right);
}

/** RFC 9162 §2.1.3.2, step by step; null when the path leads to `rootHash`. */
async function checkAuditPath(
  leafHash: Uint8Array, leafIndex: number, treeSize: number, auditPath: Uint8Array[], rootHash: Uint8Array,
): Promise<ProofFailure | null> {
  if (leafIndex >= treeSize) return 'INDEX_OUT_OF_RANGE';
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of auditPath) {
    if (sn === 0) return 'PATH_TOO_LONG';
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return 'PATH_TOO_SHORT';
  return equalBytes(r, rootHash) ? null : 'ROOT_MISMATCH';
}

function readAnswer(answer: unknown): DonationProofAnswer | undefined {
  if (!isObject(answer) || !isObject(answer.proof) || !isObject(answer.checkpoint)) return undefined;
  const { proof, checkpoint } = answer;
  const wellFormed =
    isSize(answer.position) &&
    typeof answer.eventHash === 'string' && HEX_HASH.test(answer.eventHash) &&
    isSize(proof.leafIndex) && isSize(proof.treeSize) &&
    typeof proof.leafHash === 'string' && HEX_HASH.test(proof.leafHash) &&
    Array.isArray(proof.auditPath) && proof.auditPath.every((step) => typeof step === 'string' && HEX_HASH.test(step)) &&
    typeof checkpoint.note === 'string';
  return wellFormed ? (answer as unknown as DonationProofAnswer) : undefined;
}

/**
 * Is the donation of `answer` in the tree that `publicKeyInfo` signed? Never throws: whatever the
 * server or a forger hands over, the answer is verified or a reason from {@link ProofFailure}.
 * `expectedOrigin`, when the page knows which log it speaks for, pins the checkpoint's origin.
 */
export async function verifyDonationProof(
  answer: unknown, publicKeyInfo: PublicKeyInfo, expectedOrigin?: string,
): Promise<ProofVerification> {
  if (subtle() === undefined) return fail('CRYPTO_UNAVAILABLE');
  const given = readAnswer(answer);
  if (given === undefined) return fail('MALFORMED_ANSWER');
  const publicKey = isObject(publicKeyInfo) ? fromBase64(publicKeyInfo.publicKey) : undefined;
  if (publicKey === undefined || publicKey.length !== 32 || (publicKeyInfo.algorithm !== undefined && publicKeyInfo.algorithm !== 'ed25519')) {
    return fail('INVALID_PUBLIC_KEY');
  }

  const note = parseCheckpointNote(given.checkpoint.note);
  if (note === undefined) return fail('MALFORMED_CHECKPOINT');
  if (expectedOrigin !== undefined && note.origin !== expectedOrigin) return fail('NOT_SIGNED_BY_KEY');
  const keyHash = (await sha256(encoder.encode(`${note.origin}\n`), Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey)).subarray(0, 4);
  const ours = note.signatures.filter((line) => line.keyName === note.origin && equalBytes(line.keyHash, keyHash));
  if (ours.length === 0) return fail('NOT_SIGNED_BY_KEY');
  const text = encoder.encode(note.text);
  let signature: Uint8Array | undefined;
  for (const line of ours) {
    const verified = await verifyEd25519(publicKey, text, line.signature);
    if (verified === undefined) return fail('CRYPTO_UNAVAILABLE');
    if (verified) {
      signature = line.signature;
      break;
    }
  }
  if (signature === undefined) return fail('BAD_SIGNATURE');

  const keyId = toHex(keyHash);
  const { checkpoint, proof } = given;
  const fieldsAgree =
    checkpoint.origin === note.origin && checkpoint.treeSize === note.treeSize && checkpoint.rootHash === note.rootHash &&
    checkpoint.timestamp === note.timestamp && checkpoint.keyId === keyId && checkpoint.signature === toBase64(signature) &&
    (publicKeyInfo.keyId === undefined || publicKeyInfo.keyId === keyId);
  if (!fieldsAgree) return fail('CHECKPOINT_FIELDS_DISAGREE');
  if (proof.treeSize !== note.treeSize) return fail('TREE_SIZE_NOT_THE_CHECKPOINTS');

  const leafHash = await sha256(Uint8Array.of(0x00), encoder.encode(given.eventHash));
  if (toHex(leafHash) !== proof.leafHash) return fail('LEAF_HASH_MISMATCH');
  const rootHash = fromBase64(note.rootHash) as Uint8Array;
  const failure = await checkAuditPath(leafHash, proof.leafIndex, note.treeSize, proof.auditPath.map(fromHex), rootHash);
  if (failure !== null) return fail(failure);
  return {
    ok: true, origin: note.origin, position: given.position, leafIndex: proof.leafIndex, treeSize: note.treeSize,
    rootHash: note.rootHash, timestamp: note.timestamp, keyId,
  };
}

/**
 * A gift the fund took back is still in the log (nothing is erased): the proof says it was
 * recorded, and the answer names the reversal, whose own event the donor can prove the same way.
 */
export function reversalNote(answer: unknown): string {
  const reversal = (answer as { reversal?: { reversedAt?: unknown; position?: unknown } | null } | null)?.reversal;
  if (!reversal || typeof reversal.reversedAt !== 'string' || typeof reversal.position !== 'number') return '';
  return ` Lưu ý: quỹ đã đảo (hủy) khoản ủng hộ này ngày ${formatDate(reversal.reversedAt)} (bút toán đảo ở vị trí ${reversal.position} trong sổ), `
    + 'nên khoản này không còn được tính vào số tiền của quỹ.';
}
