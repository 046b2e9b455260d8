import type { KeyObject } from 'node:crypto';
import {
  ed25519PublicKeyRaw, formatSignatureLine, isValidKeyName, noteKeyHash, type NoteFailure, openNote, parseNote, signNoteText,
} from './signed-note';

/**
 * Signed checkpoints (api-v2 "Checkpoints and proofs"): a C2SP tlog-checkpoint body
 * `<origin>\n<size>\n<base64 root>\n` with one extension line `time <RFC 3339>\n`, carried in a
 * C2SP signed note whose key name is the origin. Root hashes are padded standard base64 here,
 * because that is what the checkpoint format says; every other hash of the API is hex.
 */

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  /** When the ledger signed it (recording time, RFC 3339): it says nothing about business dates. */
  timestamp: string;
}

/** The JSON of `GET /v1/public/checkpoint`. */
export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  /** Standard padded base64, as in the note. */
  rootHash: string;
  timestamp: string;
  /** The note's 4-byte key hash, hex. */
  keyId: string;
  /** Base64 of the 64-byte Ed25519 signature alone (without the key hash). */
  signature: string;
  note: string;
}

export type CheckpointFailure = NoteFailure | 'MALFORMED_CHECKPOINT' | 'ORIGIN_MISMATCH' | 'FIELDS_DISAGREE_WITH_NOTE';
/** A valid check carries the checkpoint that was signed and the Ed25519 signature that verified. */
export type CheckpointCheck =
  | { valid: true; checkpoint: Checkpoint; signature: Buffer }
  | { valid: false; reason: CheckpointFailure };

const TIME_EXTENSION = 'time ';
const DECIMAL_SIZE = /^(?:0|[1-9][0-9]*)$/;
const ROOT_HASH_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The key id of api-v2: keyHash = SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ public key)[:4], in hex. */
export function checkpointKeyId(origin: string, publicKeyRaw: Uint8Array): string {
  return noteKeyHash(origin, publicKeyRaw).toString('hex');
}

function isRfc3339(timestamp: string): boolean {
  return RFC_3339.test(timestamp) && !Number.isNaN(Date.parse(timestamp));
}

/** The note text that gets signed. Throws on a checkpoint that could not be read back the same way. */
export function checkpointBody(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, timestamp } = checkpoint;
  if (!isValidKeyName(origin)) throw new TypeError(`A checkpoint origin is a key name: no spaces, no '+', got ${JSON.stringify(origin)}`);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new RangeError(`A tree size is a whole number ≥ 0, got ${treeSize}`);
  if (rootHash.length !== 32) throw new TypeError(`A root hash is 32 bytes, got ${rootHash.length}`);
  if (!isRfc3339(timestamp)) throw new TypeError(`A checkpoint time is RFC 3339, got ${JSON.stringify(timestamp)}`);
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n${TIME_EXTENSION}${timestamp}\n`;
}

/**
 * Reads a checkpoint body back. Other extension lines are allowed and ignored (the C2SP format lets
 * a log add them), but exactly one `time` line is required, because the API promises it.
 */
export function parseCheckpointBody(text: string): Checkpoint | undefined {
  if (!text.endsWith('\n')) return undefined;
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((line) => line.length === 0)) return undefined;
  const [origin, size, root, ...extensions] = lines;
  if (!isValidKeyName(origin) || !DECIMAL_SIZE.test(size) || !ROOT_HASH_BASE64.test(root)) return undefined;
  const treeSize = Number(size);
  const rootHash = Buffer.from(root, 'base64');
  // The last base64 character may carry unused bits; only the canonical spelling of the root is accepted.
  if (!Number.isSafeInteger(treeSize) || rootHash.toString('base64') !== root) return undefined;
  const times = extensions.filter((line) => line.startsWith(TIME_EXTENSION)).map((line) => line.slice(TIME_EXTENSION.length));
  if (times.length !== 1 || !isRfc3339(times[0])) return undefined;
  return { origin, treeSize, rootHash, timestamp: times[0] };
}

/** Signs a checkpoint with the ledger's Ed25519 private key; the origin is the note's key name. */
export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const body = checkpointBody(checkpoint);
  const signed = signNoteText(body, checkpoint.origin, privateKey);
  return {
    origin: checkpoint.origin,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash.toString('base64'),
    timestamp: checkpoint.timestamp,
    keyId: signed.keyHash.toString('hex'),
    signature: signed.signature.toString('base64'),
    note: `${body}\n${formatSignatureLine(signed)}`,
  };
}

/**
 * Checks a signed note against the ledger's public key (raw 32 bytes) and returns the checkpoint it
 * signs. The key name is the origin written in the note unless the caller pins one: a verifier that
 * knows which log it expects should say so, or a note of another log with the same key would pass.
 */
export function openCheckpoint(note: string, publicKeyRaw: Uint8Array, expectedOrigin?: string): CheckpointCheck {
  const parsed = parseNote(note);
  if (parsed === undefined) return { valid: false, reason: 'MALFORMED_NOTE' };
  const checkpoint = parseCheckpointBody(parsed.text);
  if (checkpoint === undefined) return { valid: false, reason: 'MALFORMED_CHECKPOINT' };
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) return { valid: false, reason: 'ORIGIN_MISMATCH' };
  const opened = openNote(note, checkpoint.origin, publicKeyRaw);
  return opened.valid ? { valid: true, checkpoint, signature: opened.signature.signature } : { valid: false, reason: opened.reason };
}

/**
 * Checks the JSON form: the note must verify, and every field beside it must say what the note
 * says. Otherwise a reader trusting `treeSize` or `rootHash` would trust bytes nobody signed.
 */
export function verifySignedCheckpoint(signed: SignedCheckpoint, publicKeyRaw: Uint8Array, expectedOrigin?: string): CheckpointCheck {
  if (typeof signed?.note !== 'string') return { valid: false, reason: 'MALFORMED_NOTE' };
  const opened = openCheckpoint(signed.note, publicKeyRaw, expectedOrigin);
  if (!opened.valid) return opened;
  const { checkpoint } = opened;
  const agrees =
    signed.origin === checkpoint.origin &&
    signed.treeSize === checkpoint.treeSize &&
    signed.rootHash === checkpoint.rootHash.toString('base64') &&
    signed.timestamp === checkpoint.timestamp &&
    signed.keyId === checkpointKeyId(checkpoint.origin, publicKeyRaw) &&
    signed.signature === opened.signature.toString('base64');
  return agrees ? opened : { valid: false, reason: 'FIELDS_DISAGREE_WITH_NOTE' };
}

/** The entry of `GET /v1/public/keys` for the signing key. */
export function publicKeyEntry(origin: string, key: KeyObject): { keyId: string; algorithm: 'ed25519'; publicKey: string } {
  const publicKeyRaw = ed25519PublicKeyRaw(key);
  return { keyId: checkpointKeyId(origin, publicKeyRaw), algorithm: 'ed25519', publicKey: publicKeyRaw.toString('base64') };
}
