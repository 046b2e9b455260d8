import type { EventStore } from '../event-store/event-store.port';
import type { SignedCheckpoint } from '../proofs/checkpoint';
import { type ConsistencyProofJson, consistencyProofJson, type InclusionProofJson, inclusionProofJson } from '../proofs/proof-json';
import type { MerkleTreeStore } from './merkle-tree-store';

/**
 * The answers of api-v2 "Checkpoints and proofs" read from the tree beside the log, shared by the
 * HTTP routes and the CLI. Proofs are given only within signed trees: a size past the latest
 * checkpoint, or a position that is not an event of the tree asked about, is refused.
 */
export class BeyondSignedTree extends Error {
  constructor(readonly reason: 'tree-size' | 'position', readonly requested: number, readonly signedTreeSize: number) {
    super(reason === 'tree-size'
      ? `Tree size ${requested} is past the latest signed checkpoint (${signedTreeSize})`
      : `Position ${requested} is not an event of the signed tree of size ${signedTreeSize}`);
    this.name = 'BeyondSignedTree';
  }
}

function assertSigned(treeSize: number, latest: SignedCheckpoint): void {
  if (treeSize > latest.treeSize) throw new BeyondSignedTree('tree-size', treeSize, latest.treeSize);
}

/** The inclusion proof of the event at `position` in the tree of `treeSize` (≤ the latest checkpoint's size). */
export function inclusionAtPosition(tree: MerkleTreeStore, latest: SignedCheckpoint, position: number, treeSize = latest.treeSize): InclusionProofJson {
  assertSigned(treeSize, latest);
  const leaf = tree.leafAtPosition(position);
  if (leaf === undefined || leaf.leafIndex >= treeSize) throw new BeyondSignedTree('position', position, treeSize);
  return inclusionProofJson(leaf.leafIndex, treeSize, leaf.leafHash, tree.inclusionProof(leaf.leafIndex, treeSize));
}

/** The consistency proof between two tree sizes, both within the latest checkpoint. */
export function consistencyBetween(tree: MerkleTreeStore, latest: SignedCheckpoint, from: number, to = latest.treeSize): ConsistencyProofJson {
  assertSigned(to, latest);
  return consistencyProofJson(from, to, tree.consistencyProof(from, to));
}

/** The `hash` of the event at this position, read from the log itself. */
export async function eventHashAt(store: EventStore, position: number): Promise<string | undefined> {
  for await (const event of store.readAll({ afterPosition: position - 1, maxCount: 1 })) {
    return event.position === position ? event.hash : undefined;
  }
  return undefined;
}
