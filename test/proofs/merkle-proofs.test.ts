import { createHash } from 'node:crypto';
import {
  CompactMerkleTree, consistencyProof, emptyTreeRoot, eventLeaf, eventLeafHash, hashLeaf, inclusionProof,
  InMemoryPerfectSubtrees, largestPowerOfTwoBelow, type PerfectSubtreeCache, subtreeRoot, treeRoot, type TreeHashSource,
} from '../../src/proofs/merkle-tree';
import { checkConsistency, checkInclusion, verifyConsistency, verifyInclusion } from '../../src/proofs/verify';

/*
 * A naive RFC 9162 §2.1 written from the RFC's definitions, independent of src/proofs: MTH, PATH
 * and PROOF/SUBPROOF over D[start:end] with offsets relative to the subtree, as the RFC writes them.
 * The only concession to speed is a memo of MTH by range, which cannot change its answers because
 * every tree in these tests is a prefix of the same leaves.
 */
const sha256 = (...parts: Uint8Array[]): Buffer => {
  const digest = createHash('sha256');
  parts.forEach((part) => digest.update(part));
  return digest.digest();
};
const referenceLeafHash = (leaf: Uint8Array): Buffer => sha256(Uint8Array.of(0), leaf);
const referenceNodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Uint8Array.of(1), left, right);
/** k: the largest power of two smaller than n, found by doubling until the next one would reach n. */
function referenceSplit(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const MAX_SIZE = 300;
/** Leaf i is what api-v2 says: the UTF-8 bytes of the hex hash of event i + 1. */
const EVENT_HASHES = Array.from({ length: MAX_SIZE }, (_, i) => sha256(Buffer.from(`event ${i + 1}`)).toString('hex'));
const LEAF_HASHES = EVENT_HASHES.map((eventHash) => referenceLeafHash(Buffer.from(eventHash, 'utf8')));

const mthMemo = new Map<number, Buffer>();
function referenceMth(start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return sha256();
  if (n === 1) return LEAF_HASHES[start];
  const key = start * (MAX_SIZE + 1) + end;
  let memoised = mthMemo.get(key);
  if (memoised === undefined) {
    const k = referenceSplit(n);
    memoised = referenceNodeHash(referenceMth(start, start + k), referenceMth(start + k, end));
    mthMemo.set(key, memoised);
  }
  return memoised;
}

/** PATH(m, D[start:end]) with m relative to start. */
function referencePath(m: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = referenceSplit(n);
  if (m < k) return [...referencePath(m, start, start + k), referenceMth(start + k, end)];
  return [...referencePath(m - k, start + k, end), referenceMth(start, start + k)];
}

/** SUBPROOF(m, D[start:end], b) with m relative to start; PROOF(m, D[n]) = SUBPROOF(m, D[0:n], true). */
function referenceSubproof(m: number, start: number, end: number, b: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return b ? [] : [referenceMth(start, end)];
  const k = referenceSplit(n);
  if (m <= k) return [...referenceSubproof(m, start, start + k, b), referenceMth(start + k, end)];
  return [...referenceSubproof(m - k, start + k, end, false), referenceMth(start, start + k)];
}
const referenceProof = (m: number, n: number): Buffer[] => (m === 0 || m === n ? [] : referenceSubproof(m, 0, n, true));

const hex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));
const sameHashes = (a: Buffer[], b: Buffer[]): boolean => a.length === b.length && a.every((h, i) => h.equals(b[i]));

/** The tree under test, grown leaf by leaf with every completed perfect subtree stored. */
const storedSubtrees = new InMemoryPerfectSubtrees();
const rootsBySize: Buffer[] = [emptyTreeRoot()];
const growingTree = CompactMerkleTree.empty();
for (const eventHash of EVENT_HASHES) {
  growingTree.append(eventLeafHash(eventHash)).forEach((subtree) => storedSubtrees.put(subtree));
  rootsBySize.push(growingTree.root());
}
const leafHash = (index: number): Buffer => LEAF_HASHES[index];
const withStore: TreeHashSource = { leafHash, perfectSubtrees: storedSubtrees };
const leavesOnly: TreeHashSource = { leafHash };

/** Sizes 65..300 are checked on these first sizes only, so the suite stays within seconds. */
function sampledFirstSizes(n: number): number[] {
  const sizes = new Set([1, 2, 3, n - 1, n - 2, Math.floor(n / 2), Math.floor(n / 3) + 1, (n * 7919) % n || 1]);
  for (let power = 1; power < n; power *= 2) sizes.add(power).add(n - power);
  return [...sizes].filter((m) => m >= 1 && m < n);
}

describe('RFC 9162 hashing', () => {
  // The RFC 6962 reference vectors of the Certificate Transparency test suites (data only): they
  // would catch a wrong prefix, split or empty-tree hash that a reference written here might share.
  const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
    .map((leaf) => hashLeaf(Buffer.from(leaf, 'hex')));
  const CT_ROOTS = [
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const ct: TreeHashSource = { leafHash: (index) => CT_LEAVES[index] };

  it('gives the published root for every size 0..8, grown or computed', () => {
    const tree = CompactMerkleTree.empty();
    expect(tree.root().toString('hex')).toBe(CT_ROOTS[0]);
    CT_LEAVES.forEach((leaf, i) => {
      tree.append(leaf);
      expect(tree.root().toString('hex')).toBe(CT_ROOTS[i + 1]);
      expect(treeRoot(ct, i + 1).toString('hex')).toBe(CT_ROOTS[i + 1]);
    });
    expect(treeRoot(ct, 0).toString('hex')).toBe(CT_ROOTS[0]);
  });

  it('gives the published inclusion and consistency proofs', () => {
    expect(hex(inclusionProof(ct, 0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(inclusionProof(ct, 5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(ct, 2, 8))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(ct, 6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(ct, 2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    const root = (size: number) => Buffer.from(CT_ROOTS[size], 'hex');
    expect(verifyInclusion(CT_LEAVES[5], 5, 8, inclusionProof(ct, 5, 8), root(8))).toBe(true);
    expect(verifyConsistency(6, 8, root(6), root(8), consistencyProof(ct, 6, 8))).toBe(true);
  });

  it('takes as leaf the UTF-8 bytes of the lowercase hex event hash, and refuses anything else', () => {
    const eventHash = EVENT_HASHES[0];
    expect(eventLeaf(eventHash).equals(Buffer.from(eventHash, 'ascii'))).toBe(true);
    expect(eventLeafHash(eventHash).equals(sha256(Uint8Array.of(0), Buffer.from(eventHash)))).toBe(true);
    expect(() => eventLeaf(eventHash.toUpperCase())).toThrow(TypeError);
    expect(() => eventLeaf(eventHash.slice(1))).toThrow(TypeError);
  });

  it('splits at the largest power of two below n, not at the middle', () => {
    const splits = [2, 3, 4, 5, 6, 8, 9, 1000, 2 ** 40, 2 ** 40 + 1].map(largestPowerOfTwoBelow);
    expect(splits).toEqual([1, 2, 2, 4, 4, 4, 8, 512, 2 ** 39, 2 ** 40]);
  });
});

describe('the tree kept incrementally', () => {
  it('has the reference root at every size 0..300', () => {
    const wrong = rootsBySize.map((root, n) => (root.equals(referenceMth(0, n)) ? undefined : n)).filter((n) => n !== undefined);
    expect(wrong).toEqual([]);
  });

  it('computes the root of any earlier size, from the stored subtrees or from the leaves alone', () => {
    for (let n = 0; n <= MAX_SIZE; n += 1) {
      expect(treeRoot(withStore, n).equals(rootsBySize[n])).toBe(true);
      if (n <= 64 || n % 17 === 0) expect(treeRoot(leavesOnly, n).equals(rootsBySize[n])).toBe(true);
    }
  });

  it('stores exactly the n − popcount(n) interior perfect subtrees, each the reference hash of its leaves', () => {
    let count = 0;
    for (let level = 1; 2 ** level <= MAX_SIZE; level += 1) {
      for (let index = 0; (index + 1) * 2 ** level <= MAX_SIZE; index += 1) {
        const stored = storedSubtrees.get(level, index);
        expect(stored?.equals(referenceMth(index * 2 ** level, (index + 1) * 2 ** level))).toBe(true);
        count += 1;
      }
    }
    expect(storedSubtrees.count).toBe(count);
    expect(count).toBe(MAX_SIZE - MAX_SIZE.toString(2).replace(/0/g, '').length);
  });

  it('resumes at any size from its store or from a persisted frontier, and grows on exactly as before', () => {
    for (let n = 0; n <= MAX_SIZE; n += 1) {
      const restored = CompactMerkleTree.restore(withStore, n);
      const resumed = CompactMerkleTree.fromFrontier(n, restored.frontier().map((subtree) => subtree.hash));
      expect(restored.size).toBe(n);
      expect(resumed.root().equals(rootsBySize[n])).toBe(true);
      if (n < MAX_SIZE) {
        restored.append(LEAF_HASHES[n]);
        expect(restored.root().equals(rootsBySize[n + 1])).toBe(true);
      }
    }
    expect(CompactMerkleTree.restore(withStore, 13).frontier().map(({ level, index }) => [level, index])).toEqual([[3, 0], [2, 2], [0, 12]]);
    expect(() => CompactMerkleTree.fromFrontier(13, [LEAF_HASHES[0]])).toThrow(RangeError);
  });

  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => CompactMerkleTree.empty().append(Buffer.from(EVENT_HASHES[0], 'utf8'))).toThrow(TypeError);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('equal the reference PATH for every leaf of every tree size 1..300, and verify', () => {
    const mismatched: string[] = [];
    for (let n = 1; n <= MAX_SIZE; n += 1) {
      for (let i = 0; i < n; i += 1) {
        const proof = inclusionProof(withStore, i, n);
        if (!sameHashes(proof, referencePath(i, 0, n))) mismatched.push(`${i}/${n}`);
        if (!verifyInclusion(LEAF_HASHES[i], i, n, proof, rootsBySize[n])) mismatched.push(`${i}/${n} not verified`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('are the same from the leaves alone or from a store that keeps only the upper levels', () => {
    const upperLevels = new InMemoryPerfectSubtrees();
    const partial: TreeHashSource = { leafHash, perfectSubtrees: { get: (level, index) => (level >= 3 ? storedSubtrees.get(level, index) : undefined) } };
    expect(upperLevels.count).toBe(0);
    const mismatched: string[] = [];
    for (let n = 1; n <= MAX_SIZE; n += 1) {
      const leaves = n <= 64 ? Array.from({ length: n }, (_, i) => i) : [0, n - 1, Math.floor(n / 2), (n * 31) % n];
      for (const i of leaves) {
        const expected = referencePath(i, 0, n);
        if (!sameHashes(inclusionProof(leavesOnly, i, n), expected)) mismatched.push(`leaves only ${i}/${n}`);
        if (!sameHashes(inclusionProof(partial, i, n), expected)) mismatched.push(`upper levels ${i}/${n}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('are refused for a leaf outside the tree', () => {
    expect(() => inclusionProof(withStore, 5, 5)).toThrow(RangeError);
    expect(() => inclusionProof(withStore, -1, 5)).toThrow(RangeError);
    expect(() => inclusionProof(withStore, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(withStore, 0.5, 5)).toThrow(RangeError);
    expect(() => subtreeRoot(withStore, 3, 3)).toThrow(RangeError);
    expect(() => subtreeRoot(withStore, 4, 2)).toThrow(RangeError);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('equal the reference PROOF for every pair m ≤ n up to 64 and sampled pairs up to 300, and verify', () => {
    const mismatched: string[] = [];
    const check = (m: number, n: number) => {
      const proof = consistencyProof(withStore, m, n);
      if (!sameHashes(proof, referenceProof(m, n))) mismatched.push(`${m}→${n}`);
      if (!verifyConsistency(m, n, rootsBySize[m], rootsBySize[n], proof)) mismatched.push(`${m}→${n} not verified`);
      if (n <= 64 && !sameHashes(consistencyProof(leavesOnly, m, n), proof)) mismatched.push(`${m}→${n} from leaves`);
    };
    for (let n = 1; n <= 64; n += 1) for (let m = 0; m <= n; m += 1) check(m, n);
    for (let n = 65; n <= MAX_SIZE; n += 1) [0, n, ...sampledFirstSizes(n)].forEach((m) => check(m, n));
    expect(mismatched).toEqual([]);
  });

  it('are refused when the first tree is larger than the second', () => {
    expect(() => consistencyProof(withStore, 6, 5)).toThrow(RangeError);
    expect(() => consistencyProof(withStore, -1, 5)).toThrow(RangeError);
  });
});

/** Every way of forging an inclusion proof that the task names, for one genuine proof. */
function forgedInclusions(i: number, n: number, proof: Buffer[]): { name: string; accepted: boolean }[] {
  const leaf = LEAF_HASHES[i];
  const root = rootsBySize[n];
  const forged: { name: string; accepted: boolean }[] = [];
  const attempt = (name: string, accepted: boolean) => forged.push({ name: `${name} (leaf ${i} of ${n})`, accepted });
  proof.forEach((_, position) => {
    const changed = proof.map((h) => Buffer.from(h));
    changed[position][position % 32] ^= 0x01;
    attempt(`hash ${position} changed`, verifyInclusion(leaf, i, n, changed, root));
  });
  attempt('changed leaf', verifyInclusion(LEAF_HASHES[(i + 1) % MAX_SIZE], i, n, proof, root));
  attempt('changed root', verifyInclusion(leaf, i, n, proof, rootsBySize[n - 1]));
  if (proof.length > 0) attempt('one element short', verifyInclusion(leaf, i, n, proof.slice(0, -1), root));
  attempt('one element long', verifyInclusion(leaf, i, n, [...proof, root], root));
  attempt('one element long, at the front', verifyInclusion(leaf, i, n, [leaf, ...proof], root));
  for (const wrongIndex of [i - 1, i + 1, i ^ 1, i ^ 2, n - 1 - i, n, n + 1]) {
    if (wrongIndex !== i && wrongIndex >= 0) attempt(`index ${wrongIndex}`, verifyInclusion(leaf, wrongIndex, n, proof, root));
  }
  for (const otherSize of [n - 1, n + 1, 2 * n]) {
    if (otherSize > i && otherSize <= MAX_SIZE && otherSize !== n) {
      attempt(`claimed for size ${otherSize}`, verifyInclusion(leaf, i, otherSize, proof, rootsBySize[otherSize]));
    }
  }
  return forged;
}

describe('the inclusion verifier rejects every forgery', () => {
  it('a changed hash, a path one short or long, a wrong index, another tree size: for every leaf up to 64, sampled up to 300', () => {
    const accepted: string[] = [];
    for (let n = 1; n <= MAX_SIZE; n += n < 64 ? 1 : 3) {
      const leaves = n <= 64 ? Array.from({ length: n }, (_, i) => i) : [0, 1, n - 2, n - 1, Math.floor(n / 2)];
      for (const i of leaves) {
        forgedInclusions(i, n, inclusionProof(withStore, i, n)).filter((f) => f.accepted).forEach((f) => accepted.push(f.name));
      }
    }
    expect(accepted).toEqual([]);
  });

  it('says which step failed, and never throws on malformed input', () => {
    const proof = inclusionProof(withStore, 5, 13);
    const root = rootsBySize[13];
    expect(checkInclusion(LEAF_HASHES[5], 5, 13, proof, root)).toEqual({ valid: true });
    expect(checkInclusion(LEAF_HASHES[5], 5, 13, proof.slice(0, -1), root)).toEqual({ valid: false, reason: 'PATH_TOO_SHORT' });
    expect(checkInclusion(LEAF_HASHES[5], 5, 13, [...proof, root], root)).toEqual({ valid: false, reason: 'PATH_TOO_LONG' });
    expect(checkInclusion(LEAF_HASHES[5], 13, 13, proof, root)).toEqual({ valid: false, reason: 'INDEX_OUT_OF_RANGE' });
    expect(checkInclusion(LEAF_HASHES[5], -1, 13, proof, root)).toEqual({ valid: false, reason: 'INDEX_OUT_OF_RANGE' });
    expect(checkInclusion(LEAF_HASHES[5], 5.5, 13, proof, root)).toEqual({ valid: false, reason: 'INDEX_OUT_OF_RANGE' });
    expect(checkInclusion(LEAF_HASHES[6], 5, 13, proof, root)).toEqual({ valid: false, reason: 'ROOT_MISMATCH' });
    expect(checkInclusion(LEAF_HASHES[5].subarray(1), 5, 13, proof, root)).toEqual({ valid: false, reason: 'MALFORMED_HASH' });
    expect(checkInclusion(LEAF_HASHES[5], 5, 13, [proof[0].subarray(0, 31), ...proof.slice(1)], root))
      .toEqual({ valid: false, reason: 'MALFORMED_HASH' });
    expect(checkInclusion(LEAF_HASHES[5], 5, 13, 'not a path' as unknown as Buffer[], root)).toEqual({ valid: false, reason: 'MALFORMED_HASH' });
  });
});

/** Every way of forging a consistency proof, for one genuine proof between 0 < m < n. */
function forgedConsistencies(m: number, n: number, proof: Buffer[]): { name: string; accepted: boolean }[] {
  const [first, second] = [rootsBySize[m], rootsBySize[n]];
  const forged: { name: string; accepted: boolean }[] = [];
  const attempt = (name: string, accepted: boolean) => forged.push({ name: `${name} (${m}→${n})`, accepted });
  proof.forEach((_, position) => {
    const changed = proof.map((h) => Buffer.from(h));
    changed[position][(position * 7) % 32] ^= 0x80;
    attempt(`hash ${position} changed`, verifyConsistency(m, n, first, second, changed));
  });
  attempt('one element short', verifyConsistency(m, n, first, second, proof.slice(0, -1)));
  attempt('one element long', verifyConsistency(m, n, first, second, [...proof, second]));
  attempt('one element long, at the front', verifyConsistency(m, n, first, second, [first, ...proof]));
  attempt('first root of another size', verifyConsistency(m, n, rootsBySize[m - 1], second, proof));
  attempt('second root of another size', verifyConsistency(m, n, first, rootsBySize[n - 1], proof));
  attempt('roots swapped', verifyConsistency(m, n, second, first, proof));
  for (const [otherFirst, otherSecond] of [[m - 1, n], [m + 1, n], [m, n - 1], [m, n + 1]]) {
    if (otherFirst >= 1 && otherFirst < otherSecond && otherSecond <= MAX_SIZE) {
      attempt(`claimed for ${otherFirst}→${otherSecond}`, verifyConsistency(otherFirst, otherSecond, rootsBySize[otherFirst], rootsBySize[otherSecond], proof));
    }
  }
  return forged;
}

describe('the consistency verifier rejects every forgery', () => {
  it('a changed hash, a path one short or long, other roots, other sizes: for every pair up to 64, sampled up to 300', () => {
    const accepted: string[] = [];
    // Beyond 64, every fourth size: the shapes repeat and each forgery costs a whole verification.
    for (let n = 2; n <= MAX_SIZE; n += n < 64 ? 1 : 4) {
      const firstSizes = n <= 64 ? Array.from({ length: n - 1 }, (_, i) => i + 1) : sampledFirstSizes(n);
      for (const m of firstSizes) {
        forgedConsistencies(m, n, consistencyProof(withStore, m, n)).filter((f) => f.accepted).forEach((f) => accepted.push(f.name));
      }
    }
    expect(accepted).toEqual([]);
  });

  it('decides the cases the RFC leaves out: equal sizes and the empty first tree', () => {
    const root = rootsBySize[9];
    expect(checkConsistency(9, 9, root, root, [])).toEqual({ valid: true });
    expect(checkConsistency(9, 9, root, rootsBySize[10], [])).toEqual({ valid: false, reason: 'SECOND_ROOT_MISMATCH' });
    expect(checkConsistency(9, 9, root, root, [root])).toEqual({ valid: false, reason: 'PROOF_NOT_EMPTY' });
    expect(checkConsistency(0, 9, emptyTreeRoot(), root, [])).toEqual({ valid: true });
    expect(checkConsistency(0, 9, rootsBySize[1], root, [])).toEqual({ valid: false, reason: 'FIRST_ROOT_MISMATCH' });
    expect(checkConsistency(0, 9, emptyTreeRoot(), root, [root])).toEqual({ valid: false, reason: 'PROOF_NOT_EMPTY' });
    expect(checkConsistency(5, 9, rootsBySize[5], root, [])).toEqual({ valid: false, reason: 'PROOF_EMPTY' });
    expect(checkConsistency(9, 5, root, rootsBySize[5], consistencyProof(withStore, 5, 9))).toEqual({ valid: false, reason: 'SIZES_OUT_OF_ORDER' });
    expect(checkConsistency(5, 9, rootsBySize[5].subarray(2), root, consistencyProof(withStore, 5, 9))).toEqual({ valid: false, reason: 'MALFORMED_HASH' });
  });
});

describe('proof cost at a million events', () => {
  /**
   * A source that counts look-ups. Its hashes are not a real tree (building one would take longer
   * than the suite may): what is measured is how many leaves and stored subtrees a proof reads.
   */
  function countingSource(lowestStoredLevel: number): { source: TreeHashSource; lookups: () => number } {
    let lookups = 0;
    const fake = (label: string) => createHash('sha256').update(label).digest();
    const perfectSubtrees: PerfectSubtreeCache = {
      get(level, index) {
        lookups += 1;
        return level >= lowestStoredLevel ? fake(`${level}/${index}`) : undefined;
      },
    };
    const source: TreeHashSource = {
      leafHash: (index) => {
        lookups += 1;
        return fake(`leaf ${index}`);
      },
      perfectSubtrees,
    };
    return { source, lookups: () => lookups };
  }

  it('reads O(log n) hashes per proof when every perfect subtree is stored', () => {
    const treeSize = 1_000_003;
    const counted = countingSource(1);
    let worst = 0;
    for (let sample = 0; sample < 200; sample += 1) {
      const before = counted.lookups();
      inclusionProof(counted.source, (sample * 7_777_777) % treeSize, treeSize);
      consistencyProof(counted.source, 1 + ((sample * 3_333_331) % (treeSize - 1)), treeSize);
      worst = Math.max(worst, counted.lookups() - before);
    }
    // log2(1M) ≈ 20: each proof reads at most about two hashes per level.
    expect(worst).toBeLessThanOrEqual(4 * 21);
  });

  it('reads O(2^L + log n) hashes per proof when only levels ≥ L are stored', () => {
    const treeSize = 1_000_003;
    const counted = countingSource(8);
    let worst = 0;
    for (let sample = 0; sample < 50; sample += 1) {
      const before = counted.lookups();
      inclusionProof(counted.source, (sample * 7_777_777) % treeSize, treeSize);
      worst = Math.max(worst, counted.lookups() - before);
    }
    // Below level L a sibling is rebuilt from its leaves: 2^L leaves and as many misses, twice at most
    // (the left siblings together, and the pieces of the one sibling on the tree's right edge).
    expect(worst).toBeLessThanOrEqual(4 * 2 ** 8 + 4 * 21);
  });
});
