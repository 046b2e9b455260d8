import { type CheckpointFailure, type SignedCheckpoint, verifySignedCheckpoint } from './checkpoint';
import { eventLeafHash } from './merkle-tree';
import { checkConsistency, checkInclusion, type ConsistencyFailure, type InclusionFailure } from './verify';

/**
 * The JSON shapes of api-v2 "Checkpoints and proofs" (hashes in lowercase hex), and the one check
 * a donor's verifier needs: this event hash is in the tree that this key signed. Whoever reads a
 * proof must take the tree size and root from the signed checkpoint, never from beside it: an RFC
 * 9162 root does not commit to its size, so a path can also fit a size it was not made for.
 */

/** `GET /v1/public/proofs/inclusion` and the `proof` of the donation proof route. */
export interface InclusionProofJson {
  leafIndex: number;
  treeSize: number;
  /** SHA-256(0x00 ‖ leaf), the leaf being the UTF-8 bytes of the event's hex hash. */
  leafHash: string;
  auditPath: string[];
}

/** `GET /v1/public/proofs/consistency`. */
export interface ConsistencyProofJson {
  from: number;
  to: number;
  path: string[];
}

/** What `ledger prove` prints and `ledger verify-proof` reads. */
export interface ProofFile {
  /** The leaf as text: the event's `hash` (hex), whose UTF-8 bytes are the leaf. */
  leaf: string;
  leafIndex: number;
  treeSize: number;
  auditPath: string[];
  checkpoint: SignedCheckpoint;
}

/** What a verifier receives: `leafHash` is optional because it recomputes it from the event hash anyway. */
export type InclusionProofToCheck = Omit<InclusionProofJson, 'leafHash'> & { leafHash?: string };

export type EventInclusionFailure =
  | { failed: 'proof'; reason: 'MALFORMED_PROOF' | 'LEAF_HASH_MISMATCH' | 'TREE_SIZE_NOT_THE_CHECKPOINTS' }
  | { failed: 'checkpoint'; reason: CheckpointFailure }
  | { failed: 'path'; reason: InclusionFailure };

export type EventInclusionCheck = { valid: true; checkpoint: SignedCheckpoint } | ({ valid: false } & EventInclusionFailure);

const HEX_HASH = /^[0-9a-f]{64}$/;

const toHex = (hash: Buffer): string => hash.toString('hex');

export function inclusionProofJson(leafIndex: number, treeSize: number, leafHash: Buffer, auditPath: Buffer[]): InclusionProofJson {
  return { leafIndex, treeSize, leafHash: toHex(leafHash), auditPath: auditPath.map(toHex) };
}

export function consistencyProofJson(from: number, to: number, path: Buffer[]): ConsistencyProofJson {
  return { from, to, path: path.map(toHex) };
}

/** The file of `ledger prove`: the proof is made against the checkpoint's size, which it repeats. */
export function proofFile(eventHash: string, leafIndex: number, auditPath: Buffer[], checkpoint: SignedCheckpoint): ProofFile {
  return { leaf: eventHash, leafIndex, treeSize: checkpoint.treeSize, auditPath: auditPath.map(toHex), checkpoint };
}

/** Lowercase hex hashes to bytes, or undefined if any is not one: a proof's bytes are never guessed. */
export function hashesFromHex(hashes: unknown): Buffer[] | undefined {
  if (!Array.isArray(hashes) || !hashes.every((value) => typeof value === 'string' && HEX_HASH.test(value))) return undefined;
  return hashes.map((value: string) => Buffer.from(value, 'hex'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Is the event with this hash in the tree the key signed? Checks, in order, the checkpoint's
 * signature (and that its JSON says what its note says), that the proof is for the checkpoint's
 * size, that `leafHash` is the hash of this event's leaf, and the audit path (RFC 9162 §2.1.3.2).
 */
export function verifyEventInclusion(
  eventHash: string, proof: InclusionProofToCheck, checkpoint: SignedCheckpoint, publicKeyRaw: Uint8Array, expectedOrigin?: string,
): EventInclusionCheck {
  const auditPath = isObject(proof) ? hashesFromHex(proof.auditPath) : undefined;
  if (typeof eventHash !== 'string' || !HEX_HASH.test(eventHash) || auditPath === undefined || !isObject(checkpoint)) {
    return { valid: false, failed: 'proof', reason: 'MALFORMED_PROOF' };
  }
  const signed = verifySignedCheckpoint(checkpoint, publicKeyRaw, expectedOrigin);
  if (!signed.valid) return { valid: false, failed: 'checkpoint', reason: signed.reason };
  if (proof.treeSize !== signed.checkpoint.treeSize) return { valid: false, failed: 'proof', reason: 'TREE_SIZE_NOT_THE_CHECKPOINTS' };
  const leafHash = eventLeafHash(eventHash);
  if (proof.leafHash !== undefined && proof.leafHash !== toHex(leafHash)) return { valid: false, failed: 'proof', reason: 'LEAF_HASH_MISMATCH' };
  const path = checkInclusion(leafHash, proof.leafIndex, signed.checkpoint.treeSize, auditPath, signed.checkpoint.rootHash);
  return path.valid ? { valid: true, checkpoint } : { valid: false, failed: 'path', reason: path.reason };
}

/** `ledger verify-proof`: the file as parsed JSON (untrusted), against the ledger's public key. */
export function verifyProofFile(file: unknown, publicKeyRaw: Uint8Array, expectedOrigin?: string): EventInclusionCheck {
  if (!isObject(file) || !isObject(file.checkpoint)) return { valid: false, failed: 'proof', reason: 'MALFORMED_PROOF' };
  const proof = { leafIndex: file.leafIndex, treeSize: file.treeSize, auditPath: file.auditPath } as InclusionProofToCheck;
  return verifyEventInclusion(file.leaf as string, proof, file.checkpoint as unknown as SignedCheckpoint, publicKeyRaw, expectedOrigin);
}

export type CheckpointConsistencyCheck =
  | { valid: true }
  | { valid: false; failed: 'proof'; reason: 'MALFORMED_PROOF' | 'SIZES_NOT_THE_CHECKPOINTS' }
  | { valid: false; failed: 'older checkpoint' | 'newer checkpoint'; reason: CheckpointFailure }
  | { valid: false; failed: 'path'; reason: ConsistencyFailure };

/**
 * Did the log only grow between two signed checkpoints? Both must verify under the key, and the
 * proof must be between exactly their sizes (RFC 9162 §2.1.4.2 on their roots). This is what shows
 * that no published history was rewritten between two publications.
 */
export function verifyCheckpointConsistency(
  older: SignedCheckpoint, newer: SignedCheckpoint, proof: ConsistencyProofJson, publicKeyRaw: Uint8Array, expectedOrigin?: string,
): CheckpointConsistencyCheck {
  const path = isObject(proof) ? hashesFromHex(proof.path) : undefined;
  if (path === undefined || !isObject(older) || !isObject(newer)) return { valid: false, failed: 'proof', reason: 'MALFORMED_PROOF' };
  const first = verifySignedCheckpoint(older, publicKeyRaw, expectedOrigin);
  if (!first.valid) return { valid: false, failed: 'older checkpoint', reason: first.reason };
  const second = verifySignedCheckpoint(newer, publicKeyRaw, expectedOrigin ?? first.checkpoint.origin);
  if (!second.valid) return { valid: false, failed: 'newer checkpoint', reason: second.reason };
  if (proof.from !== first.checkpoint.treeSize || proof.to !== second.checkpoint.treeSize) {
    return { valid: false, failed: 'proof', reason: 'SIZES_NOT_THE_CHECKPOINTS' };
  }
  const checked = checkConsistency(proof.from, proof.to, first.checkpoint.rootHash, second.checkpoint.rootHash, path);
  return checked.valid ? { valid: true } : { valid: false, failed: 'path', reason: checked.reason };
}
