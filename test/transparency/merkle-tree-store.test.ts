import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { verifySignedCheckpoint } from '../../src/proofs/checkpoint';
import { eventLeafHash } from '../../src/proofs/merkle-tree';
import { checkConsistency, checkInclusion } from '../../src/proofs/verify';
import { LogTree } from '../../src/transparency/log-tree';
import { MERKLE_TREE_FILE } from '../../src/config/data-files';
import { MerkleTreeStore, readSignedCheckpoints } from '../../src/transparency/merkle-tree-store';
import { ledgerSigningKeyOf } from '../../src/transparency/signing-key';

/*
 * A naive RFC 9162 §2.1, written here from the RFC's definitions and sharing nothing with src/:
 * MTH(D[start:end]), PATH and PROOF / SUBPROOF over ranges of one fixed list of leaf hashes. MTH is
 * memoised by range, which cannot change an answer: every tree here is a prefix of the same leaves.
 */
const sha = (...parts: Uint8Array[]): Buffer => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part);
  return digest.digest();
};
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const MAX = 300;
const eventHashes = Array.from({ length: MAX + 10 }, (_, i) => sha(Buffer.from(`donation ${i + 1}`)).toString('hex'));
/** The reference leaf hash: SHA-256(0x00 ‖ UTF-8 of the hex event hash). */
const leaves = eventHashes.map((eventHash) => sha(Uint8Array.of(0), Buffer.from(eventHash, 'utf8')));
/** Positions with gaps, as on EventStoreDB, where positions are opaque. */
const positionOf = (leafIndex: number) => 3 * leafIndex + 7;

const memo = new Map<string, Buffer>();
function mth(start: number, end: number): Buffer {
  if (end === start) return sha();
  if (end - start === 1) return leaves[start];
  const key = `${start}:${end}`;
  let hash = memo.get(key);
  if (hash === undefined) {
    const k = split(end - start);
    hash = sha(Uint8Array.of(1), mth(start, start + k), mth(start + k, end));
    memo.set(key, hash);
  }
  return hash;
}
/** PATH(m, D[start:end]), m relative to start. */
function path(m: number, start: number, end: number): Buffer[] {
  if (end - start === 1) return [];
  const k = split(end - start);
  return m < k ? [...path(m, start, start + k), mth(start + k, end)] : [...path(m - k, start + k, end), mth(start, start + k)];
}
/** SUBPROOF(m, D[start:end], b), m relative to start. */
function subproof(m: number, start: number, end: number, b: boolean): Buffer[] {
  if (m === end - start) return b ? [] : [mth(start, end)];
  const k = split(end - start);
  return m <= k
    ? [...subproof(m, start, start + k, b), mth(start + k, end)]
    : [...subproof(m - k, start + k, end, false), mth(start, start + k)];
}
const proof = (m: number, n: number): Buffer[] => (m === 0 || m === n ? [] : subproof(m, 0, n, true));
const rootOf = (n: number) => mth(0, n);
/** MTH of any list of leaf hashes, unmemoised: for the leaves of a real log. */
function mthOf(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return d[0];
  const k = split(d.length);
  return sha(Uint8Array.of(1), mthOf(d.slice(0, k)), mthOf(d.slice(k)));
}

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ctd-tree-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the Merkle tree kept in SQLite beside the log', () => {
  it('has the reference root after every append, for every size 1..300, and for every earlier size', () => {
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    const wrong: string[] = [];
    for (let i = 0; i < MAX; i += 1) {
      expect(tree.append([{ position: positionOf(i), leafHash: leaves[i] }])).toBe(i + 1);
      if (!tree.root().equals(rootOf(i + 1))) wrong.push(`root at ${i + 1}`);
    }
    for (let n = 0; n <= MAX; n += 1) if (!tree.root(n).equals(rootOf(n))) wrong.push(`root of ${n} read back`);
    expect(wrong).toEqual([]);
    tree.close();
  });

  it('gives the reference inclusion proof of every leaf in every tree size 1..300, and each verifies', () => {
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    tree.append(leaves.slice(0, MAX).map((leafHash, i) => ({ position: positionOf(i), leafHash })));
    const wrong: string[] = [];
    for (let n = 1; n <= MAX; n += 1) {
      const root = rootOf(n);
      for (let m = 0; m < n; m += 1) {
        const got = tree.inclusionProof(m, n);
        if (hex(got).join() !== hex(path(m, 0, n)).join()) wrong.push(`PATH(${m}, ${n})`);
        else if (!checkInclusion(leaves[m], m, n, got, root).valid) wrong.push(`verify PATH(${m}, ${n})`);
      }
    }
    expect(wrong).toEqual([]);
    tree.close();
  });

  it('gives the reference consistency proof between every two sizes 0 ≤ m ≤ n ≤ 300, and each verifies', () => {
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    tree.append(leaves.slice(0, MAX).map((leafHash, i) => ({ position: positionOf(i), leafHash })));
    const roots = Array.from({ length: MAX + 1 }, (_, n) => rootOf(n));
    const wrong: string[] = [];
    for (let n = 1; n <= MAX; n += 1) {
      for (let m = 0; m <= n; m += 1) {
        const got = tree.consistencyProof(m, n);
        if (hex(got).join() !== hex(proof(m, n)).join()) wrong.push(`PROOF(${m}, ${n})`);
        else if (!checkConsistency(m, n, roots[m], roots[n], got).valid) wrong.push(`verify PROOF(${m}, ${n})`);
      }
    }
    expect(wrong).toEqual([]);
    tree.close();
  });

  it('maps positions to leaves, skips leaves it already holds, and refuses sizes it has not reached', () => {
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    tree.append(leaves.slice(0, 10).map((leafHash, i) => ({ position: positionOf(i), leafHash })));
    expect(tree.append(leaves.slice(0, 12).map((leafHash, i) => ({ position: positionOf(i), leafHash })))).toBe(12);
    expect(tree.leafAtPosition(positionOf(11))).toEqual({ leafIndex: 11, leafHash: leaves[11] });
    expect(tree.leafAtPosition(positionOf(11) + 1)).toBeUndefined();
    expect(tree.positionOfLeaf(11)).toBe(positionOf(11));
    expect(tree.lastPosition).toBe(positionOf(11));
    expect(() => tree.inclusionProof(3, 13)).toThrow(RangeError);
    expect(() => tree.consistencyProof(3, 13)).toThrow(RangeError);
    expect(() => tree.inclusionProof(12, 12)).toThrow(RangeError);
    tree.close();
  });

  it('is shared by two processes: each resumes from what the other wrote', () => {
    const server = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    const cli = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    for (let i = 0; i < 100; i += 1) (i % 3 === 0 ? cli : server).append([{ position: positionOf(i), leafHash: leaves[i] }]);
    expect(server.root()).toEqual(rootOf(100));
    expect(cli.root()).toEqual(rootOf(100));
    server.close();
    const reopened = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    reopened.append([{ position: positionOf(100), leafHash: leaves[100] }]);
    expect(reopened.root()).toEqual(rootOf(101));
    reopened.close();
    cli.close();
  });

  it('drops the leaves after a position, with the subtrees over them, and grows back to the same roots', () => {
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    tree.append(leaves.slice(0, 200).map((leafHash, i) => ({ position: positionOf(i), leafHash })));
    expect(tree.truncateAfter(positionOf(76))).toBe(77);
    expect(tree.root()).toEqual(rootOf(77));
    tree.append(leaves.slice(77, 130).map((leafHash, i) => ({ position: positionOf(77 + i), leafHash })));
    expect(tree.root()).toEqual(rootOf(130));
    expect(hex(tree.inclusionProof(120, 130))).toEqual(hex(path(120, 0, 130)));
    tree.close();
  });
});

describe('the tree kept in SQLite, against the RFC 6962 reference vectors', () => {
  // The Certificate Transparency test suites' leaves and published answers (data only), through the file store.
  const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
    .map((leaf) => sha(Uint8Array.of(0), Buffer.from(leaf, 'hex')));
  const CT_ROOTS = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4', '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c', '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('gives the published roots, audit paths and consistency proofs', () => {
    const store = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    CT_LEAVES.forEach((leafHash, i) => {
      store.append([{ position: i + 1, leafHash }]);
      expect(store.root().toString('hex')).toBe(CT_ROOTS[i]);
    });
    CT_ROOTS.forEach((root, i) => expect(store.root(i + 1).toString('hex')).toBe(root));
    expect(hex(store.inclusionProof(0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(store.inclusionProof(5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(store.consistencyProof(1, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(store.consistencyProof(6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(store.consistencyProof(2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    for (let m = 0; m <= 8; m += 1) {
      for (let n = m; n <= 8; n += 1) {
        const first = m === 0 ? sha() : Buffer.from(CT_ROOTS[m - 1], 'hex');
        expect(checkConsistency(m, n, first, n === 0 ? sha() : Buffer.from(CT_ROOTS[n - 1], 'hex'), store.consistencyProof(m, n))).toEqual({ valid: true });
      }
    }
    store.close();
  });
});

describe('the tree following a real SQLite log, and its checkpoints', () => {
  const key = ledgerSigningKeyOf(generateKeyPairSync('ed25519').privateKey, 'quy.example.vn/ledger');
  const metadata = { actor: { userId: 'u', roles: [] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2026-05-01T00:00:00.000Z', schemaVersion: 1 };
  const append = (store: SqliteEventStore, stream: string, count: number) =>
    store.append(stream, Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'UserDeactivated', data: { userId: `${stream}-${i}`, deactivatedBy: 'admin' }, metadata })), 'any');
  async function eventHashesOf(store: SqliteEventStore): Promise<string[]> {
    const hashes: string[] = [];
    for await (const event of store.readAll()) hashes.push(event.hash);
    return hashes;
  }

  it('catches up with the log, signs a checkpoint of its root, and signs again only when the log grew', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    let clock = new Date('2026-05-01T08:00:00Z');
    const logTree = new LogTree(store, new MerkleTreeStore(join(dir, MERKLE_TREE_FILE)), key, 10, undefined, () => clock);
    await append(store, 'a', 25);
    const first = await logTree.signNow();
    const hashes = await eventHashesOf(store);
    expect(first.treeSize).toBe(25);
    expect(first.rootHash).toBe(mthOf(hashes.map((h) => eventLeafHash(h))).toString('base64'));
    expect(verifySignedCheckpoint(first, key.publicKeyRaw, key.origin).valid).toBe(true);
    expect(await logTree.signNow()).toEqual(first);

    expect(await logTree.checkpointDue()).toBe(false);
    await append(store, 'b', 3);
    expect(await logTree.checkpointDue()).toBe(false); // grown, but the latest is not yet ten seconds old
    clock = new Date('2026-05-01T08:00:10Z');
    expect(await logTree.checkpointDue()).toBe(true);
    const second = await logTree.signNow();
    expect(second.treeSize).toBe(28);
    expect(second.timestamp).toBe('2026-05-01T08:00:10.000Z');
    clock = new Date('2026-05-01T08:01:00Z');
    expect(await logTree.checkpointDue()).toBe(false); // old, but the log has not grown
    expect([...logTree.tree.checkpoints()].map((c) => c.treeSize)).toEqual([25, 28]);
    logTree.tree.close();
    await store.close();
  });

  it('follows the log as it is appended to, off the append path', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    const logTree = new LogTree(store, new MerkleTreeStore(join(dir, MERKLE_TREE_FILE)), key, 3600);
    logTree.start();
    await append(store, 'a', 2500);
    for (let i = 0; i < 400 && logTree.tree.size < 2500; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(logTree.tree.size).toBe(2500);
    await logTree.stop();
    expect(logTree.tree.root()).toEqual(mthOf((await eventHashesOf(store)).map((h) => eventLeafHash(h))));
    logTree.tree.close();
    await store.close();
  });

  it('withdraws the checkpoints of a tree the log no longer makes, and keeps them for verify', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    let clock = new Date('2026-05-01T08:00:00Z');
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    const logTree = new LogTree(store, tree, key, 10, undefined, () => clock);
    await append(store, 'a', 12);
    const first = await logTree.signNow();
    // A tree ahead of the log: two leaves the log does not hold, and a checkpoint of them.
    tree.append(eventHashes.slice(0, 2).map((h, i) => ({ position: 13 + i, leafHash: eventLeafHash(h) })));
    clock = new Date('2026-05-01T08:00:20Z');
    const ahead = await logTree.signNow();
    expect(ahead.treeSize).toBe(14);
    await logTree.reconcile();
    expect(tree.size).toBe(12);
    expect([...tree.checkpoints()]).toEqual([first]);
    expect([...tree.everySignedCheckpoint()]).toEqual([first, ahead]);
    // A tree that describes another log: every checkpoint is withdrawn, none is lost.
    tree.truncateAfter(0);
    tree.append(eventHashes.slice(0, 12).map((h, i) => ({ position: i + 1, leafHash: eventLeafHash(h) })));
    await logTree.reconcile();
    expect([...tree.checkpoints()]).toEqual([]);
    // In the order they were withdrawn.
    expect([...tree.everySignedCheckpoint()]).toEqual([ahead, first]);
    expect(readSignedCheckpoints(join(dir, MERKLE_TREE_FILE))).toEqual([ahead, first]);
    tree.close();
    await store.close();
  });

  it('drops what the log does not have, and rebuilds a tree that describes another log', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    await append(store, 'a', 10);
    const tree = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    const hashes = await eventHashesOf(store);
    // A tree ahead of the log, as after the log was restored from an older backup than the tree.
    tree.append([...hashes, ...eventHashes.slice(0, 5)].map((h, i) => ({ position: i + 1, leafHash: eventLeafHash(h) })));
    const logTree = new LogTree(store, tree, key, 10);
    await logTree.reconcile();
    expect(tree.size).toBe(10);
    expect(tree.root()).toEqual(mthOf(hashes.map((h) => eventLeafHash(h))));

    tree.truncateAfter(0);
    tree.append(eventHashes.slice(0, 10).map((h, i) => ({ position: i + 1, leafHash: eventLeafHash(h) })));
    await logTree.reconcile();
    expect(tree.size).toBe(0);
    expect(await logTree.catchUp()).toBe(10);
    expect(tree.root()).toEqual(mthOf(hashes.map((h) => eventLeafHash(h))));
    tree.close();
    await store.close();
  });
});
