import { hash } from 'node:crypto';

/**
 * The log as a Merkle tree in the manner of RFC 9162 §2.1 (SHA-256). Leaf i (0-based) is the UTF-8
 * bytes of the `hash` hex string of the event at position i + 1, so anyone holding the journal can
 * rebuild the tree without knowing how events themselves are hashed.
 *
 * Sizes and indexes are plain numbers: every arithmetic step below uses division and remainder,
 * never 32-bit bit operators, so they stay exact up to Number.MAX_SAFE_INTEGER.
 */

export const HASH_BYTES = 32;

/** The hash of the leaf at this 0-based index (RFC 9162 leaf hash, not the raw leaf). */
export type LeafHashSource = (leafIndex: number) => Buffer;

/**
 * A perfect subtree: 2^level leaves starting at leaf index × 2^level. Level 0 is a single leaf.
 * Once a perfect subtree is complete its hash never changes (the log only grows), which is what
 * makes it safe to store: the same (level, index) → hash holds for every later tree size.
 */
export interface PerfectSubtree {
  level: number;
  index: number;
  hash: Buffer;
}

/** Hashes of perfect subtrees the caller has kept (in memory, in SQLite…); undefined when not kept. */
export interface PerfectSubtreeCache {
  get(level: number, index: number): Buffer | undefined;
}

/** Where proofs read the tree from: leaf hashes always, stored interior hashes when the caller has them. */
export interface TreeHashSource {
  leafHash: LeafHashSource;
  perfectSubtrees?: PerfectSubtreeCache;
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * One scratch buffer for interior nodes: 0x01 ‖ left ‖ right. Hashing is synchronous, so no other
 * call can interleave between filling it and hashing it; this saves an allocation per node, which
 * is most of the cost of appending at a million events.
 */
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES);
nodeInput[0] = NODE_PREFIX;

/** RFC 9162 §2.1.1: SHA-256(0x00 ‖ leaf). */
export function hashLeaf(leaf: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + leaf.length);
  input[0] = LEAF_PREFIX;
  input.set(leaf, 1);
  return hash('sha256', input, 'buffer');
}

/** RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  assertHashLength(left, 'left child');
  assertHashLength(right, 'right child');
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

/** RFC 9162 §2.1.1: the hash of an empty tree is the hash of the empty string. */
export function emptyTreeRoot(): Buffer {
  return hash('sha256', Buffer.alloc(0), 'buffer');
}

const EVENT_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Leaf bytes of an event: the UTF-8 (here ASCII) bytes of its lowercase hex `hash`, as api-v2 says. */
export function eventLeaf(eventHash: string): Buffer {
  // A Buffer or an uppercase string would hash to a different, equally plausible leaf: refuse it.
  if (!EVENT_HASH_PATTERN.test(eventHash)) throw new TypeError(`An event hash is 64 lowercase hex characters, got ${JSON.stringify(eventHash)}`);
  return Buffer.from(eventHash, 'utf8');
}

export function eventLeafHash(eventHash: string): Buffer {
  return hashLeaf(eventLeaf(eventHash));
}

function assertHashLength(value: Uint8Array, what: string): void {
  if (value.length !== HASH_BYTES) throw new TypeError(`The ${what} is ${value.length} bytes, a SHA-256 hash is ${HASH_BYTES}`);
}

function assertTreeSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`The ${what} must be a whole number ≥ 0, got ${size}`);
}

/** RFC 9162 §2.1.1: k, the largest power of two smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The level of a perfect subtree of this many leaves, or undefined when the width is no power of two. */
function perfectLevel(width: number): number | undefined {
  let level = 0;
  let remaining = width;
  while (remaining % 2 === 0) {
    remaining /= 2;
    level += 1;
  }
  return remaining === 1 ? level : undefined;
}

/**
 * MTH(D[start:end]) of RFC 9162 §2.1.1, for 0 ≤ start < end. A stored perfect subtree is used
 * whenever the range is one (the RFC's splits only ever produce aligned ones), so with every
 * perfect subtree stored a range costs O(log n) look-ups; without, it costs end − start leaves.
 */
export function subtreeRoot(source: TreeHashSource, start: number, end: number): Buffer {
  const width = end - start;
  if (width === 1) return source.leafHash(start);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || width < 1) {
    throw new RangeError(`No subtree spans leaves [${start}, ${end})`);
  }
  const level = perfectLevel(width);
  if (level !== undefined && start % width === 0) {
    const stored = source.perfectSubtrees?.get(level, start / width);
    if (stored !== undefined) return stored;
  }
  const split = start + largestPowerOfTwoBelow(width);
  return hashChildren(subtreeRoot(source, start, split), subtreeRoot(source, split, end));
}

/** The root of the tree of the first `treeSize` leaves: any size the log has reached, not only the latest. */
export function treeRoot(source: TreeHashSource, treeSize: number): Buffer {
  assertTreeSize(treeSize, 'tree size');
  return treeSize === 0 ? emptyTreeRoot() : subtreeRoot(source, 0, treeSize);
}

/**
 * PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf `leafIndex` in the tree of size
 * `treeSize`, ordered from the leaf's sibling up to the child of the root.
 */
export function inclusionProof(source: TreeHashSource, leafIndex: number, treeSize: number): Buffer[] {
  assertTreeSize(treeSize, 'tree size');
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`Leaf index ${leafIndex} is not in a tree of size ${treeSize}`);
  }
  const path: Buffer[] = [];
  appendAuditPath(source, leafIndex, 0, treeSize, path);
  return path;
}

function appendAuditPath(source: TreeHashSource, leafIndex: number, start: number, end: number, path: Buffer[]): void {
  if (end - start === 1) return;
  const split = start + largestPowerOfTwoBelow(end - start);
  if (leafIndex < split) {
    appendAuditPath(source, leafIndex, start, split, path);
    path.push(subtreeRoot(source, split, end));
  } else {
    appendAuditPath(source, leafIndex, split, end, path);
    path.push(subtreeRoot(source, start, split));
  }
}

/**
 * PROOF(m, D[n]) of RFC 9162 §2.1.4.1: the consistency proof that the tree of size `fromSize` is a
 * prefix of the tree of size `toSize`. Empty when the sizes are equal or the first tree is empty:
 * the RFC defines proofs only for 0 < m < n, and in those two cases there is nothing to prove.
 */
export function consistencyProof(source: TreeHashSource, fromSize: number, toSize: number): Buffer[] {
  assertTreeSize(fromSize, 'first tree size');
  assertTreeSize(toSize, 'second tree size');
  if (fromSize > toSize) throw new RangeError(`A tree of size ${fromSize} cannot be a prefix of one of size ${toSize}`);
  const proof: Buffer[] = [];
  if (fromSize === 0 || fromSize === toSize) return proof;
  appendSubproof(source, fromSize, 0, toSize, true, proof);
  return proof;
}

/**
 * SUBPROOF(m, D[start:end], b), with m given as the absolute end of the first tree. `isWholeOldTree`
 * is the RFC's b: true while the range still starts where the first tree's own root does, so the
 * verifier already knows that root and it is left out of the proof.
 */
function appendSubproof(
  source: TreeHashSource, fromSize: number, start: number, end: number, isWholeOldTree: boolean, proof: Buffer[],
): void {
  if (fromSize === end) {
    if (!isWholeOldTree) proof.push(subtreeRoot(source, start, end));
    return;
  }
  const split = start + largestPowerOfTwoBelow(end - start);
  if (fromSize <= split) {
    appendSubproof(source, fromSize, start, split, isWholeOldTree, proof);
    proof.push(subtreeRoot(source, split, end));
  } else {
    appendSubproof(source, fromSize, split, end, false, proof);
    proof.push(subtreeRoot(source, start, split));
  }
}

/** Perfect subtrees kept in memory, keyed by level then index: the shape a persistent store would mirror. */
export class InMemoryPerfectSubtrees implements PerfectSubtreeCache {
  private readonly levels: Map<number, Buffer>[] = [];

  get(level: number, index: number): Buffer | undefined {
    return this.levels[level]?.get(index);
  }

  put(subtree: PerfectSubtree): void {
    let level = this.levels[subtree.level];
    if (level === undefined) {
      level = new Map();
      this.levels[subtree.level] = level;
    }
    level.set(subtree.index, subtree.hash);
  }

  /** How many hashes are kept: a caller sizing its store can compare this with the tree size. */
  get count(): number {
    return this.levels.reduce((total, level) => total + (level?.size ?? 0), 0);
  }
}

/**
 * The tree as it grows, kept as its compact range: the roots of the perfect subtrees that the
 * current size decomposes into (one per set bit of the size), largest and leftmost first. An
 * append merges equal-sized neighbours, so it costs at most log2(n) hashes and memory stays
 * O(log n) however long the log gets.
 */
export class CompactMerkleTree {
  private constructor(
    private leafCount: number,
    private readonly frontierHashes: Buffer[],
  ) {}

  static empty(): CompactMerkleTree {
    return new CompactMerkleTree(0, []);
  }

  /**
   * The compact range of an existing tree of `treeSize` leaves, rebuilt from its source: O(log n)
   * look-ups with every perfect subtree stored, O(n) leaf reads without. This is how a process
   * resumes the tree at start without replaying every append.
   */
  static restore(source: TreeHashSource, treeSize: number): CompactMerkleTree {
    return CompactMerkleTree.fromFrontier(
      treeSize,
      frontierRanges(treeSize).map(({ start, end }) => subtreeRoot(source, start, end)),
    );
  }

  /** The tree from a frontier the caller persisted (the hashes of `frontier()`, in its order). */
  static fromFrontier(treeSize: number, hashes: readonly Buffer[]): CompactMerkleTree {
    assertTreeSize(treeSize, 'tree size');
    const expected = frontierRanges(treeSize).length;
    if (hashes.length !== expected) throw new RangeError(`A tree of size ${treeSize} has ${expected} frontier hashes, got ${hashes.length}`);
    hashes.forEach((frontierHash) => assertHashLength(frontierHash, 'frontier hash'));
    return new CompactMerkleTree(treeSize, hashes.map((frontierHash) => Buffer.from(frontierHash)));
  }

  get size(): number {
    return this.leafCount;
  }

  /**
   * Adds the next leaf (its RFC leaf hash) and returns the perfect subtrees of level ≥ 1 that it
   * completed, lowest first: exactly the interior hashes a caller stores to make later proofs
   * O(log n). Level-0 entries are left out because they are the leaf hashes the caller already has.
   */
  append(leafHash: Buffer): PerfectSubtree[] {
    assertHashLength(leafHash, 'leaf hash');
    const completed: PerfectSubtree[] = [];
    let subtreeHash: Buffer = Buffer.from(leafHash);
    let level = 0;
    let index = this.leafCount;
    // An odd index means a left sibling of the same width is waiting on the frontier.
    while (index % 2 === 1) {
      const leftSibling = this.frontierHashes.pop() as Buffer;
      subtreeHash = hashChildren(leftSibling, subtreeHash);
      level += 1;
      index = (index - 1) / 2;
      completed.push({ level, index, hash: subtreeHash });
    }
    this.frontierHashes.push(subtreeHash);
    this.leafCount += 1;
    return completed;
  }

  /** MTH of the whole tree: the frontier folded from the right, as RFC 9162's splits nest. */
  root(): Buffer {
    if (this.frontierHashes.length === 0) return emptyTreeRoot();
    let root = this.frontierHashes[this.frontierHashes.length - 1];
    for (let i = this.frontierHashes.length - 2; i >= 0; i -= 1) root = hashChildren(this.frontierHashes[i], root);
    return root;
  }

  /** The compact range as perfect subtrees, leftmost first: what a caller persists to resume with fromFrontier. */
  frontier(): PerfectSubtree[] {
    return frontierRanges(this.leafCount).map(({ start, end }, i) => ({
      level: perfectLevel(end - start) as number,
      index: start / (end - start),
      hash: Buffer.from(this.frontierHashes[i]),
    }));
  }
}

/** The perfect subtrees a tree of this size splits into, leftmost (largest) first. */
function frontierRanges(treeSize: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  let width = 1;
  while (width * 2 <= treeSize) width *= 2;
  for (; width >= 1 && start < treeSize; width /= 2) {
    if (treeSize - start >= width) {
      ranges.push({ start, end: start + width });
      start += width;
    }
  }
  return ranges;
}
