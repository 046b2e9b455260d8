import { createHash, generateKeyPairSync } from 'node:crypto';
import { type SignedCheckpoint, signCheckpoint } from '../../src/proofs/checkpoint';
import { CompactMerkleTree, eventLeafHash, inclusionProof, InMemoryPerfectSubtrees, type TreeHashSource } from '../../src/proofs/merkle-tree';
import { inclusionProofJson } from '../../src/proofs/proof-json';
import { ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import {
  type DonationProofAnswer, PROOF_FAILURE_MESSAGES_VI, type PublicKeyInfo, type ProofFailure, proofVerifiedMessageVi, verifyDonationProof,
} from '../../web/src/public/verify-proof';

/**
 * The browser's "Xác minh" (web/src/public/verify-proof.ts) runs here on Node's WebCrypto, the same
 * SHA-256 and Ed25519 a browser offers. Answers are built by the ledger's own code, then forged.
 */

const ORIGIN = 'quy.chuthapdo.example.vn/ledger';
const ledgerKey = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');
const publicKeyInfo = { keyId: '', algorithm: 'ed25519', publicKey: ed25519PublicKeyRaw(ledgerKey.publicKey).toString('base64') };

const COUNT = 37;
const eventHashes = Array.from({ length: COUNT }, (_, i) => createHash('sha256').update(`event ${i + 1}`).digest('hex'));
const stored = new InMemoryPerfectSubtrees();
const tree = CompactMerkleTree.empty();
const roots = [tree.root()];
for (const eventHash of eventHashes) {
  tree.append(eventLeafHash(eventHash)).forEach((subtree) => stored.put(subtree));
  roots.push(tree.root());
}
const source: TreeHashSource = { leafHash: (index) => eventLeafHash(eventHashes[index]), perfectSubtrees: stored };

function checkpointAt(treeSize: number, key = ledgerKey.privateKey): SignedCheckpoint {
  return signCheckpoint({ origin: ORIGIN, treeSize, rootHash: roots[treeSize], timestamp: '2024-09-15T08:30:00Z' }, key);
}
publicKeyInfo.keyId = checkpointAt(1).keyId;

/** The donation proof route's answer for the event at `position`, as JSON that went over the wire. */
function answerFor(position: number, treeSize = COUNT, checkpoint = checkpointAt(treeSize)): DonationProofAnswer {
  const leafIndex = position - 1;
  const proof = inclusionProofJson(leafIndex, treeSize, eventLeafHash(eventHashes[leafIndex]), inclusionProof(source, leafIndex, treeSize));
  const answer = { donation: { receiptNumber: `PT-${position}` }, position, eventHash: eventHashes[leafIndex], proof, checkpoint };
  return JSON.parse(JSON.stringify(answer)) as DonationProofAnswer;
}

function flip(hex: string): string {
  return `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
}

async function reasonOf(answer: unknown, key: PublicKeyInfo = publicKeyInfo): Promise<ProofFailure | 'verified'> {
  const result = await verifyDonationProof(answer, key);
  return result.ok ? 'verified' : result.reason;
}

describe('the browser verifier of a donation proof', () => {
  it('verifies every position of every tree size from 1 to 37 against its signed checkpoint', async () => {
    const failures: string[] = [];
    for (let size = 1; size <= COUNT; size += 1) {
      const checkpoint = checkpointAt(size);
      for (let position = 1; position <= size; position += 1) {
        const result = await verifyDonationProof(answerFor(position, size, checkpoint), publicKeyInfo, ORIGIN);
        if (!result.ok) failures.push(`${position}/${size}: ${result.reason}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers what a donor is told: the position, the tree size and when it was signed', async () => {
    const result = await verifyDonationProof(answerFor(12), publicKeyInfo);
    expect(result).toEqual({
      ok: true, origin: ORIGIN, position: 12, leafIndex: 11, treeSize: COUNT, rootHash: roots[COUNT].toString('base64'),
      timestamp: '2024-09-15T08:30:00Z', keyId: publicKeyInfo.keyId,
    });
    if (result.ok) expect(proofVerifiedMessageVi(result)).toContain('Đã xác minh');
  });

  it('rejects a changed event hash, a changed leaf hash and a changed step of the path', async () => {
    const changedEvent = answerFor(12);
    changedEvent.eventHash = flip(changedEvent.eventHash);
    expect(await reasonOf(changedEvent)).toBe('LEAF_HASH_MISMATCH');

    // A forger who also recomputes the leaf hash of the changed event is stopped by the root.
    const consistentForgery = answerFor(12);
    consistentForgery.eventHash = flip(consistentForgery.eventHash);
    consistentForgery.proof.leafHash = eventLeafHash(consistentForgery.eventHash).toString('hex');
    expect(await reasonOf(consistentForgery)).toBe('ROOT_MISMATCH');

    const changedStep = answerFor(12);
    changedStep.proof.auditPath[2] = flip(changedStep.proof.auditPath[2]);
    expect(await reasonOf(changedStep)).toBe('ROOT_MISMATCH');
  });

  it('rejects a path one element short or one element long', async () => {
    const short = answerFor(12);
    short.proof.auditPath.pop();
    expect(await reasonOf(short)).toBe('PATH_TOO_SHORT');
    const long = answerFor(12);
    long.proof.auditPath.push(long.proof.auditPath[0]);
    expect(await reasonOf(long)).toBe('PATH_TOO_LONG');
  });

  it('rejects a proof given for a wrong index, at every other index of the tree', async () => {
    const reasons = new Set<string>();
    for (let wrong = 0; wrong < COUNT; wrong += 1) {
      if (wrong === 11) continue;
      const answer = answerFor(12);
      answer.proof.leafIndex = wrong;
      reasons.add(await reasonOf(answer));
    }
    expect(reasons.has('verified')).toBe(false);
    const beyond = answerFor(12);
    beyond.proof.leafIndex = COUNT;
    expect(await reasonOf(beyond)).toBe('INDEX_OUT_OF_RANGE');
  });

  it('rejects a proof made for another tree size, whether or not it claims the checkpoint\'s size', async () => {
    const forOtherSize = answerFor(12, 20, checkpointAt(COUNT));
    expect(await reasonOf(forOtherSize)).toBe('TREE_SIZE_NOT_THE_CHECKPOINTS');
    forOtherSize.proof.treeSize = COUNT;
    expect(['ROOT_MISMATCH', 'PATH_TOO_SHORT', 'PATH_TOO_LONG']).toContain(await reasonOf(forOtherSize));
  });

  it('rejects a checkpoint signed by another key, a changed note, and fields the note does not sign', async () => {
    expect(await reasonOf(answerFor(12, COUNT, checkpointAt(COUNT, otherKey.privateKey)))).toBe('NOT_SIGNED_BY_KEY');
    const otherKeyInfo = { publicKey: ed25519PublicKeyRaw(otherKey.publicKey).toString('base64') };
    expect(await reasonOf(answerFor(12), otherKeyInfo)).toBe('NOT_SIGNED_BY_KEY');

    // The note claims a larger tree than was signed, its signature line kept.
    const changedNote = answerFor(12);
    changedNote.checkpoint.note = changedNote.checkpoint.note.replace(`\n${COUNT}\n`, `\n${COUNT + 1}\n`);
    expect(await reasonOf(changedNote)).toBe('BAD_SIGNATURE');

    const changedField = answerFor(12);
    changedField.checkpoint.rootHash = roots[COUNT - 1].toString('base64');
    expect(await reasonOf(changedField)).toBe('CHECKPOINT_FIELDS_DISAGREE');

    expect((await verifyDonationProof(answerFor(12), publicKeyInfo, 'another.example/ledger')).ok).toBe(false);
  });

  it('rejects what is not an answer or not a key, without throwing', async () => {
    for (const bad of [null, 'x', [], {}, { ...answerFor(1), proof: { ...answerFor(1).proof, auditPath: ['zz'] } }, { ...answerFor(1), eventHash: 7 }]) {
      expect(await reasonOf(bad)).toBe('MALFORMED_ANSWER');
    }
    expect(await reasonOf(answerFor(1), { publicKey: 'not base64!' })).toBe('INVALID_PUBLIC_KEY');
    expect(await reasonOf(answerFor(1), { publicKey: Buffer.alloc(31).toString('base64') })).toBe('INVALID_PUBLIC_KEY');
    const garbledNote = answerFor(1);
    garbledNote.checkpoint.note = 'no blank line\n';
    expect(await reasonOf(garbledNote)).toBe('MALFORMED_CHECKPOINT');
  });

  it('rejects an answer edited in any one field it checks, naming a reason, without throwing', async () => {
    const answer = answerFor(12);
    const { proof, checkpoint } = answer;
    const path = proof.auditPath;
    const withProof = (fields: Record<string, unknown>) => ({ ...answer, proof: { ...proof, ...fields } });
    const withCheckpoint = (fields: Record<string, unknown>) => ({ ...answer, checkpoint: { ...checkpoint, ...fields } });
    const without = (object: object, field: string) => Object.fromEntries(Object.entries(object).filter(([name]) => name !== field));
    const edits: Array<[string, unknown]> = [
      ['eventHash changed', { ...answer, eventHash: flip(answer.eventHash) }],
      ['eventHash in capitals', { ...answer, eventHash: answer.eventHash.toUpperCase() }],
      ['eventHash removed', without(answer, 'eventHash')],
      ['leafHash changed', withProof({ leafHash: flip(proof.leafHash) })],
      ['leafHash removed', { ...answer, proof: without(proof, 'leafHash') }],
      ['leafIndex + 1', withProof({ leafIndex: proof.leafIndex + 1 })],
      ['leafIndex − 1', withProof({ leafIndex: proof.leafIndex - 1 })],
      ['leafIndex as text', withProof({ leafIndex: String(proof.leafIndex) })],
      ['leafIndex fractional', withProof({ leafIndex: proof.leafIndex + 0.5 })],
      ['leafIndex past the tree', withProof({ leafIndex: COUNT })],
      ['leafIndex huge', withProof({ leafIndex: 2 ** 60 })],
      ['treeSize − 1', withProof({ treeSize: COUNT - 1 })],
      ['treeSize as text', withProof({ treeSize: String(COUNT) })],
      ['a step changed', withProof({ auditPath: [path[0], flip(path[1]), ...path.slice(2)] })],
      ['steps swapped', withProof({ auditPath: [...path].reverse() })],
      ['a step dropped', withProof({ auditPath: path.slice(1) })],
      ['a step added', withProof({ auditPath: [...path, path[0]] })],
      ['path removed', { ...answer, proof: without(proof, 'auditPath') }],
      ['proof null', { ...answer, proof: null }],
      ['checkpoint origin', withCheckpoint({ origin: 'another.example/ledger' })],
      ['checkpoint treeSize', withCheckpoint({ treeSize: COUNT + 1 })],
      ['checkpoint timestamp', withCheckpoint({ timestamp: '2020-01-01T00:00:00Z' })],
      ['checkpoint keyId', withCheckpoint({ keyId: '00000000' })],
      ['checkpoint signature', withCheckpoint({ signature: Buffer.alloc(64, 1).toString('base64') })],
      ['note time line', withCheckpoint({ note: checkpoint.note.replace('time 2024', 'time 2023') })],
      ['note root line', withCheckpoint({ note: checkpoint.note.replace(checkpoint.rootHash, roots[COUNT - 1].toString('base64')) })],
      ['note signature line', withCheckpoint({ note: checkpoint.note.replace(/ (\S)(\S+)\n$/u, (_, first: string, rest: string) => ` ${first === 'A' ? 'B' : 'A'}${rest}\n`) })],
      ['note unsigned', withCheckpoint({ note: checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1) })],
      ['note a number', withCheckpoint({ note: 4 })],
      ['checkpoint removed', without(answer, 'checkpoint')],
    ];
    expect(await reasonOf(answer)).toBe('verified');
    const accepted: string[] = [];
    for (const [name, edited] of edits) {
      const reason = await reasonOf(JSON.parse(JSON.stringify(edited)));
      if (reason === 'verified' || PROOF_FAILURE_MESSAGES_VI[reason] === undefined) accepted.push(`${name}: ${reason}`);
    }
    expect(accepted).toEqual([]);
  });

  it('has a plain Vietnamese sentence for every failure', () => {
    const reasons: ProofFailure[] = [
      'CRYPTO_UNAVAILABLE', 'MALFORMED_ANSWER', 'INVALID_PUBLIC_KEY', 'MALFORMED_CHECKPOINT', 'NOT_SIGNED_BY_KEY', 'BAD_SIGNATURE',
      'CHECKPOINT_FIELDS_DISAGREE', 'TREE_SIZE_NOT_THE_CHECKPOINTS', 'LEAF_HASH_MISMATCH', 'INDEX_OUT_OF_RANGE', 'PATH_TOO_LONG',
      'PATH_TOO_SHORT', 'ROOT_MISMATCH',
    ];
    expect(Object.keys(PROOF_FAILURE_MESSAGES_VI).sort()).toEqual([...reasons].sort());
    for (const reason of reasons) expect(PROOF_FAILURE_MESSAGES_VI[reason]).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/u);
  });
});
