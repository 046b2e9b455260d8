import { hash } from 'node:crypto';

/**
 * The two verifiers of RFC 9162 §2.1.3.2 and §2.1.4.2, step by step as the RFC writes them. This
 * file depends on nothing but SHA-256 on purpose: it is what the offline CLI runs and what the
 * browser verifier is ported from, so it must not share a bug with the code that builds proofs.
 */

const HASH_BYTES = 32;

export type InclusionFailure =
  | 'MALFORMED_HASH'
  | 'INDEX_OUT_OF_RANGE'
  | 'PATH_TOO_LONG'
  | 'PATH_TOO_SHORT'
  | 'ROOT_MISMATCH';

export type ConsistencyFailure =
  | 'MALFORMED_HASH'
  | 'SIZES_OUT_OF_ORDER'
  | 'PROOF_NOT_EMPTY'
  | 'PROOF_EMPTY'
  | 'PATH_TOO_LONG'
  | 'PATH_TOO_SHORT'
  | 'FIRST_ROOT_MISMATCH'
  | 'SECOND_ROOT_MISMATCH';

/** Valid, or the first step of the RFC's algorithm that failed, so a CLI can say which. */
export type ProofCheck<Failure extends string> = { valid: true } | { valid: false; reason: Failure };

const VALID = { valid: true } as const;
function failed<Failure extends string>(reason: Failure): ProofCheck<Failure> {
  return { valid: false, reason };
}

const NODE_PREFIX = Uint8Array.of(0x01);

/** RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** "Right-shift by one", exact beyond 32 bits (the RFC's integers are 64-bit). */
function half(value: number): number {
  return Math.floor(value / 2);
}

function isOdd(value: number): boolean {
  return value % 2 === 1;
}

/**
 * RFC 9162 §2.1.3.2: is `leafHash` the leaf at `leafIndex` of the tree of size `treeSize` whose
 * root is `rootHash`, by the audit path `auditPath`? Every argument is checked, never trusted:
 * they come from a file or a server the verifier does not trust.
 */
export function checkInclusion(
  leafHash: Uint8Array, leafIndex: number, treeSize: number, auditPath: readonly Uint8Array[], rootHash: Uint8Array,
): ProofCheck<InclusionFailure> {
  if (!isHash(leafHash) || !isHash(rootHash) || !Array.isArray(auditPath) || !auditPath.every(isHash)) return failed('MALFORMED_HASH');
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return failed('INDEX_OUT_OF_RANGE');
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of auditPath) {
    if (sn === 0) return failed('PATH_TOO_LONG');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Past the right edge of the tree the path has no sibling, so those levels are skipped.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return failed('PATH_TOO_SHORT');
  return sameHash(r, rootHash) ? VALID : failed('ROOT_MISMATCH');
}

export function verifyInclusion(
  leafHash: Uint8Array, leafIndex: number, treeSize: number, auditPath: readonly Uint8Array[], rootHash: Uint8Array,
): boolean {
  return checkInclusion(leafHash, leafIndex, treeSize, auditPath, rootHash).valid;
}

const EMPTY_TREE_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');

/**
 * RFC 9162 §2.1.4.2: is the tree of size `firstSize` with root `firstRoot` a prefix of the tree of
 * size `secondSize` with root `secondRoot`? The RFC covers 0 < first < second; the two cases it
 * leaves out are decided as the proof generator produces them: equal sizes need an empty proof and
 * equal roots, and the empty tree (whose root must be SHA-256 of nothing) is a prefix of every tree.
 */
export function checkConsistency(
  firstSize: number, secondSize: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[],
): ProofCheck<ConsistencyFailure> {
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(proof) || !proof.every(isHash)) return failed('MALFORMED_HASH');
  if (!isSize(firstSize) || !isSize(secondSize) || firstSize > secondSize) return failed('SIZES_OUT_OF_ORDER');
  if (firstSize === secondSize || firstSize === 0) {
    if (proof.length !== 0) return failed('PROOF_NOT_EMPTY');
    if (firstSize === 0) return sameHash(firstRoot, EMPTY_TREE_ROOT) ? VALID : failed('FIRST_ROOT_MISMATCH');
    return sameHash(firstRoot, secondRoot) ? VALID : failed('SECOND_ROOT_MISMATCH');
  }
  if (proof.length === 0) return failed('PROOF_EMPTY');
  return walkConsistencyPath(firstSize, secondSize, firstRoot, secondRoot, proof);
}

/** Steps 2–7 of §2.1.4.2, for 0 < firstSize < secondSize and a non-empty proof. */
function walkConsistencyPath(
  firstSize: number, secondSize: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[],
): ProofCheck<ConsistencyFailure> {
  // A first tree that is a perfect subtree is itself a node of the second tree, so the proof omits it.
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return failed('PATH_TOO_LONG');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return failed('PATH_TOO_SHORT');
  if (!sameHash(fr, firstRoot)) return failed('FIRST_ROOT_MISMATCH');
  return sameHash(sr, secondRoot) ? VALID : failed('SECOND_ROOT_MISMATCH');
}

export function verifyConsistency(
  firstSize: number, secondSize: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[],
): boolean {
  return checkConsistency(firstSize, secondSize, firstRoot, secondRoot, proof).valid;
}

function isPowerOfTwo(value: number): boolean {
  let remaining = value;
  while (remaining > 1 && remaining % 2 === 0) remaining /= 2;
  return remaining === 1;
}
