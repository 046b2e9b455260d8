import { createHash, generateKeyPairSync } from 'node:crypto';
import { type SignedCheckpoint, signCheckpoint } from '../../src/proofs/checkpoint';
import {
  CompactMerkleTree, consistencyProof, eventLeafHash, inclusionProof, InMemoryPerfectSubtrees, type TreeHashSource,
} from '../../src/proofs/merkle-tree';
import {
  consistencyProofJson, hashesFromHex, inclusionProofJson, proofFile, verifyCheckpointConsistency, verifyEventInclusion, verifyProofFile,
} from '../../src/proofs/proof-json';
import { ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import { verifyInclusion } from '../../src/proofs/verify';

const ORIGIN = 'ctd-fund-ledger.example/quang-nam';
const ledgerKey = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');
const ledgerPublic = ed25519PublicKeyRaw(ledgerKey.publicKey);

/** A journal of `count` events, its tree kept as the store would keep it, and checkpoints signed at chosen sizes. */
function journal(count: number, rewrite?: { position: number }) {
  const eventHashes = Array.from({ length: count }, (_, i) => {
    const label = rewrite?.position === i + 1 ? `rewritten event ${i + 1}` : `event ${i + 1}`;
    return createHash('sha256').update(label).digest('hex');
  });
  const stored = new InMemoryPerfectSubtrees();
  const tree = CompactMerkleTree.empty();
  const roots = [tree.root()];
  for (const eventHash of eventHashes) {
    tree.append(eventLeafHash(eventHash)).forEach((subtree) => stored.put(subtree));
    roots.push(tree.root());
  }
  const source: TreeHashSource = { leafHash: (index) => eventLeafHash(eventHashes[index]), perfectSubtrees: stored };
  const checkpointAt = (treeSize: number, key = ledgerKey.privateKey): SignedCheckpoint =>
    signCheckpoint({ origin: ORIGIN, treeSize, rootHash: roots[treeSize], timestamp: `2024-09-15T08:${String(treeSize % 60).padStart(2, '0')}:00Z` }, key);
  return { eventHashes, source, roots, checkpointAt };
}

const log = journal(100);
const latest = log.checkpointAt(100);

/** What `ledger prove <position>` would print, read back from disk as untrusted JSON. */
function provedFile(position: number, checkpoint = latest): Record<string, unknown> {
  const leafIndex = position - 1;
  const file = proofFile(log.eventHashes[leafIndex], leafIndex, inclusionProof(log.source, leafIndex, checkpoint.treeSize), checkpoint);
  return JSON.parse(JSON.stringify(file)) as Record<string, unknown>;
}

describe('a donation proof checked offline', () => {
  it('verifies for every event of the log against the signed checkpoint', () => {
    const failures = log.eventHashes.map((_, i) => verifyProofFile(provedFile(i + 1), ledgerPublic, ORIGIN)).filter((check) => !check.valid);
    expect(failures).toEqual([]);
  });

  it('verifies in the shape of the donation proof route, leafHash included', () => {
    const proof = inclusionProofJson(41, 100, eventLeafHash(log.eventHashes[41]), inclusionProof(log.source, 41, 100));
    expect(proof).toEqual({ leafIndex: 41, treeSize: 100, leafHash: eventLeafHash(log.eventHashes[41]).toString('hex'), auditPath: expect.any(Array) });
    expect(verifyEventInclusion(log.eventHashes[41], proof, latest, ledgerPublic)).toEqual({ valid: true, checkpoint: latest });
  });

  it('says which part failed for each forgery', () => {
    const file = provedFile(42);
    const path = file.auditPath as string[];
    const flipped = `${path[2].slice(0, 10)}${path[2][10] === '0' ? '1' : '0'}${path[2].slice(11)}`;
    const forgeries: [Record<string, unknown>, object][] = [
      [{ ...file, auditPath: [...path.slice(0, 2), flipped, ...path.slice(3)] }, { failed: 'path', reason: 'ROOT_MISMATCH' }],
      [{ ...file, auditPath: path.slice(0, -1) }, { failed: 'path', reason: 'PATH_TOO_SHORT' }],
      [{ ...file, auditPath: [...path, path[0]] }, { failed: 'path', reason: 'PATH_TOO_LONG' }],
      [{ ...file, leafIndex: 42 }, { failed: 'path', reason: 'ROOT_MISMATCH' }],
      [{ ...file, leafIndex: 100 }, { failed: 'path', reason: 'INDEX_OUT_OF_RANGE' }],
      [{ ...file, leaf: log.eventHashes[42] }, { failed: 'path', reason: 'ROOT_MISMATCH' }],
      [{ ...file, treeSize: 99 }, { failed: 'proof', reason: 'TREE_SIZE_NOT_THE_CHECKPOINTS' }],
      [{ ...file, leaf: (file.leaf as string).toUpperCase() }, { failed: 'proof', reason: 'MALFORMED_PROOF' }],
      [{ ...file, auditPath: path.map((h) => h.toUpperCase()) }, { failed: 'proof', reason: 'MALFORMED_PROOF' }],
      [{ ...file, checkpoint: log.checkpointAt(100, otherKey.privateKey) }, { failed: 'checkpoint', reason: 'NO_SIGNATURE_BY_KEY' }],
      [{ ...file, checkpoint: { ...latest, rootHash: log.roots[99].toString('base64') } }, { failed: 'checkpoint', reason: 'FIELDS_DISAGREE_WITH_NOTE' }],
      [{ ...file, checkpoint: undefined }, { failed: 'proof', reason: 'MALFORMED_PROOF' }],
    ];
    for (const [forged, expected] of forgeries) {
      expect(verifyProofFile(forged, ledgerPublic, ORIGIN)).toEqual({ valid: false, ...expected });
    }
    const wrongLeafHash = { ...inclusionProofJson(41, 100, eventLeafHash(log.eventHashes[40]), inclusionProof(log.source, 41, 100)) };
    expect(verifyEventInclusion(log.eventHashes[41], wrongLeafHash, latest, ledgerPublic)).toEqual({ valid: false, failed: 'proof', reason: 'LEAF_HASH_MISMATCH' });
  });

  it('rejects a proof made for another tree size, however it is presented', () => {
    const older = log.checkpointAt(99);
    const madeFor99 = provedFile(42, older);
    expect(verifyProofFile({ ...madeFor99, checkpoint: latest }, ledgerPublic)).toEqual({ valid: false, failed: 'proof', reason: 'TREE_SIZE_NOT_THE_CHECKPOINTS' });
    expect(verifyProofFile({ ...madeFor99, checkpoint: latest, treeSize: 100 }, ledgerPublic)).toMatchObject({ valid: false, failed: 'path' });
  });

  it('takes the tree size from the signed checkpoint, because an RFC 9162 root does not commit to it', () => {
    // The path of leaf 0 in a tree of 6 leaves also "fits" size 7 with the same root: the verifier
    // hashes the same nodes in the same order. Only a signature over size and root together stops that.
    const six = journal(6);
    const path = inclusionProof(six.source, 0, 6);
    expect(verifyInclusion(eventLeafHash(six.eventHashes[0]), 0, 7, path, six.roots[6])).toBe(true);
    const file = proofFile(six.eventHashes[0], 0, path, six.checkpointAt(6));
    expect(verifyProofFile({ ...file, treeSize: 7 }, ledgerPublic)).toEqual({ valid: false, failed: 'proof', reason: 'TREE_SIZE_NOT_THE_CHECKPOINTS' });
    const claimsSeven = { ...file.checkpoint, treeSize: 7, note: file.checkpoint.note.replace(`${ORIGIN}\n6\n`, `${ORIGIN}\n7\n`) };
    expect(verifyProofFile({ ...file, treeSize: 7, checkpoint: claimsSeven }, ledgerPublic)).toEqual({ valid: false, failed: 'checkpoint', reason: 'BAD_SIGNATURE' });
  });

  it('parses only lowercase hex hashes of 32 bytes', () => {
    expect(hashesFromHex([log.eventHashes[0]])?.[0].toString('hex')).toBe(log.eventHashes[0]);
    expect(hashesFromHex([log.eventHashes[0].slice(2)])).toBeUndefined();
    expect(hashesFromHex(['zz'.repeat(32)])).toBeUndefined();
    expect(hashesFromHex('not an array')).toBeUndefined();
  });
});

describe('consistency between two published checkpoints', () => {
  const older = log.checkpointAt(57);
  const proof = consistencyProofJson(57, 100, consistencyProof(log.source, 57, 100));

  it('shows that the log only grew', () => {
    expect(proof).toEqual({ from: 57, to: 100, path: expect.any(Array) });
    expect(verifyCheckpointConsistency(older, latest, proof, ledgerPublic, ORIGIN)).toEqual({ valid: true });
  });

  it('catches a rewritten history, even one signed with the ledger key', () => {
    const rewritten = journal(100, { position: 10 });
    const rewrittenProof = consistencyProofJson(57, 100, consistencyProof(rewritten.source, 57, 100));
    expect(verifyCheckpointConsistency(older, rewritten.checkpointAt(100), rewrittenProof, ledgerPublic))
      .toEqual({ valid: false, failed: 'path', reason: 'FIRST_ROOT_MISMATCH' });
    expect(verifyCheckpointConsistency(older, rewritten.checkpointAt(100), proof, ledgerPublic))
      .toEqual({ valid: false, failed: 'path', reason: 'SECOND_ROOT_MISMATCH' });
  });

  it('rejects proofs between other sizes, swapped checkpoints and checkpoints of another key', () => {
    expect(verifyCheckpointConsistency(older, latest, { ...proof, from: 56 }, ledgerPublic)).toEqual({ valid: false, failed: 'proof', reason: 'SIZES_NOT_THE_CHECKPOINTS' });
    expect(verifyCheckpointConsistency(latest, older, { ...proof, from: 100, to: 57 }, ledgerPublic)).toEqual({ valid: false, failed: 'path', reason: 'SIZES_OUT_OF_ORDER' });
    expect(verifyCheckpointConsistency(older, log.checkpointAt(100, otherKey.privateKey), proof, ledgerPublic))
      .toEqual({ valid: false, failed: 'newer checkpoint', reason: 'NO_SIGNATURE_BY_KEY' });
    expect(verifyCheckpointConsistency(older, latest, { ...proof, path: proof.path.slice(1) }, ledgerPublic)).toMatchObject({ valid: false, failed: 'path' });
  });
});
