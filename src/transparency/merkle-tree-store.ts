import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerConfig } from '../config/ledger-config';
import type { SignedCheckpoint } from '../proofs/checkpoint';
import {
  CompactMerkleTree, consistencyProof, inclusionProof, type PerfectSubtree, treeRoot, type TreeHashSource,
} from '../proofs/merkle-tree';
import { MERKLE_TREE_FILE } from '../config/data-files';

/** The tree's path for a configuration: in the data directory on either backend. */
export function merkleTreeFileOf(config: Pick<LedgerConfig, 'dataDir'>): string {
  return join(config.dataDir, MERKLE_TREE_FILE);
}

/**
 * Every checkpoint a tree file holds, oldest first, the withdrawn ones after them, read without
 * writing the file (no tables created, no mode changed); none when there is no file or no
 * checkpoint yet. For `ledger verify`, which reads them before anything else opens the file.
 */
export function readSignedCheckpoints(filePath: string): SignedCheckpoint[] {
  if (!existsSync(filePath)) return [];
  const db = new Database(filePath, { readonly: true, fileMustExist: true });
  try {
    const checkpoints: SignedCheckpoint[] = [];
    for (const table of ['checkpoints', WITHDRAWN_CHECKPOINTS]) {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) === undefined) continue;
      for (const json of db.prepare(`SELECT signed_json FROM ${table} ORDER BY id`).pluck().iterate() as IterableIterator<string>) {
        checkpoints.push(JSON.parse(json) as SignedCheckpoint);
      }
    }
    return checkpoints;
  } finally {
    db.close();
  }
}

/**
 * Checkpoints of a tree the log no longer makes (the log cut short, or an event in it rewritten),
 * taken out of `checkpoints` when the tree was rebuilt from the log. They were signed and may have
 * been published: they stay, so that `verify` holds the log against them for good.
 */
const WITHDRAWN_CHECKPOINTS = 'withdrawn_checkpoints';

/**
 * Interior subtrees below this level are not stored: a level-3 subtree is 8 leaves away, so a
 * proof recomputes at most 15 hashes from at most 15 leaf rows for the lowest levels of its path,
 * and an append writes one subtree row per 16 leaves instead of one per leaf.
 */
const STORED_MIN_LEVEL = 4;

/** A leaf to add: the event's global position and its RFC 9162 leaf hash. */
export interface LeafToAppend {
  position: number;
  leafHash: Buffer;
}

/**
 * The log's Merkle tree kept on disk, beside the log (api-v2 "Checkpoints and proofs"): every leaf
 * hash with the position of its event, every interior perfect subtree of 16 leaves or more once it
 * is complete (so a proof reads O(log n) rows), and the signed checkpoints. An append adds one leaf
 * row and, on average, a sixteenth of a subtree row: it never rereads the tree. Positions are only
 * indexed where they are not leaf index + 1 (the SQLite log's positions are dense; EventStoreDB's
 * are not), so on SQLite the index stays empty.
 *
 * The file is derived from the log and can be rebuilt from it, so it runs with synchronous=NORMAL.
 * Several processes may open it (the server and `ledger checkpoint`): each write transaction reads
 * the size on disk first and resumes from the stored frontier when another process has grown it.
 */
export class MerkleTreeStore {
  private readonly db: Database.Database;
  private tree: CompactMerkleTree;
  private readonly statements: ReturnType<MerkleTreeStore['prepare']>;
  readonly source: TreeHashSource;

  constructor(readonly filePath: string) {
    this.db = new Database(filePath, { timeout: 5_000 });
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL, leaf_hash BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS leaves_by_sparse_position ON leaves (position) WHERE position != leaf_index + 1;
        CREATE TABLE IF NOT EXISTS subtrees (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, tree_size INTEGER NOT NULL, signed_json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS checkpoints_by_size ON checkpoints (tree_size, id);
        CREATE TABLE IF NOT EXISTS ${WITHDRAWN_CHECKPOINTS} (
          id INTEGER PRIMARY KEY AUTOINCREMENT, tree_size INTEGER NOT NULL, signed_json TEXT NOT NULL, withdrawn_at TEXT NOT NULL);`);
      this.statements = this.prepare();
    } catch (error) {
      this.db.close();
      throw error;
    }
    const statements = this.statements;
    this.source = {
      leafHash: (leafIndex) => {
        const row = statements.leafHash.get(leafIndex) as { leaf_hash: Buffer } | undefined;
        if (row === undefined) throw new RangeError(`The tree has no leaf ${leafIndex}`);
        return row.leaf_hash;
      },
      perfectSubtrees: { get: (level, index) => (statements.subtree.get(level, index) as { hash: Buffer } | undefined)?.hash },
    };
    this.tree = CompactMerkleTree.restore(this.source, this.sizeOnDisk());
  }

  private prepare() {
    return {
      size: this.db.prepare('SELECT COALESCE(MAX(leaf_index) + 1, 0) AS size FROM leaves'),
      lastPosition: this.db.prepare('SELECT position FROM leaves ORDER BY leaf_index DESC LIMIT 1'),
      leafHash: this.db.prepare('SELECT leaf_hash FROM leaves WHERE leaf_index = ?'),
      leafAtDense: this.db.prepare('SELECT leaf_index AS leafIndex, leaf_hash AS leafHash FROM leaves WHERE leaf_index = ? AND position = ?'),
      leafAtSparse: this.db.prepare('SELECT leaf_index AS leafIndex, leaf_hash AS leafHash FROM leaves WHERE position = ? AND position != leaf_index + 1'),
      positionOf: this.db.prepare('SELECT position FROM leaves WHERE leaf_index = ?'),
      subtree: this.db.prepare('SELECT hash FROM subtrees WHERE level = ? AND idx = ?'),
      insertLeaf: this.db.prepare('INSERT INTO leaves (leaf_index, position, leaf_hash) VALUES (?, ?, ?)'),
      insertSubtree: this.db.prepare('INSERT OR REPLACE INTO subtrees (level, idx, hash) VALUES (?, ?, ?)'),
      deleteLeavesAfter: this.db.prepare('DELETE FROM leaves WHERE position > ?'),
      deleteSubtreesBeyond: this.db.prepare('DELETE FROM subtrees WHERE (idx + 1) * (1 << level) > ?'),
      withdrawCheckpointsBeyond: this.db.prepare(`INSERT INTO ${WITHDRAWN_CHECKPOINTS} (tree_size, signed_json, withdrawn_at)
        SELECT tree_size, signed_json, ? FROM checkpoints WHERE tree_size > ? ORDER BY id`),
      deleteCheckpointsBeyond: this.db.prepare('DELETE FROM checkpoints WHERE tree_size > ?'),
      insertCheckpoint: this.db.prepare('INSERT INTO checkpoints (tree_size, signed_json) VALUES (?, ?)'),
      latestCheckpoint: this.db.prepare('SELECT signed_json FROM checkpoints ORDER BY id DESC LIMIT 1'),
      latestCheckpointSize: this.db.prepare('SELECT tree_size FROM checkpoints ORDER BY id DESC LIMIT 1'),
      checkpointsOfSize: this.db.prepare('SELECT signed_json FROM checkpoints WHERE tree_size = ? ORDER BY id DESC'),
      checkpointsFrom: this.db.prepare('SELECT id, signed_json FROM checkpoints WHERE id > ? ORDER BY id LIMIT ?'),
      withdrawnFrom: this.db.prepare(`SELECT id, signed_json FROM ${WITHDRAWN_CHECKPOINTS} WHERE id > ? ORDER BY id LIMIT ?`),
    };
  }

  private sizeOnDisk(): number {
    return (this.statements.size.get() as { size: number }).size;
  }

  /** How many leaves the tree holds, as of the last write or read of this process. */
  get size(): number {
    this.refresh();
    return this.tree.size;
  }

  /** The position of the last event in the tree, 0 when it is empty. */
  get lastPosition(): number {
    return (this.statements.lastPosition.get() as { position: number } | undefined)?.position ?? 0;
  }

  /** Another process may have grown the file: resume from its frontier (O(log n) reads). */
  private refresh(): void {
    const onDisk = this.sizeOnDisk();
    if (onDisk !== this.tree.size) this.tree = CompactMerkleTree.restore(this.source, onDisk);
  }

  /**
   * Adds leaves in log order, in one transaction. Leaves at or before the last position already in
   * the tree are skipped (two followers of the log may both offer them); positions must increase.
   * Returns the tree size after the append.
   */
  append(leaves: readonly LeafToAppend[]): number {
    const write = this.db.transaction(() => {
      this.refresh();
      let last = this.lastPosition;
      for (const { position, leafHash } of leaves) {
        if (position <= last) continue;
        const leafIndex = this.tree.size;
        const completed: PerfectSubtree[] = this.tree.append(leafHash);
        this.statements.insertLeaf.run(leafIndex, position, leafHash);
        for (const subtree of completed) {
          if (subtree.level >= STORED_MIN_LEVEL) this.statements.insertSubtree.run(subtree.level, subtree.index, subtree.hash);
        }
        last = position;
      }
      return this.tree.size;
    });
    try {
      return write.immediate();
    } catch (error) {
      // The transaction rolled back; what this process holds in memory may be ahead of the file.
      this.tree = CompactMerkleTree.restore(this.source, this.sizeOnDisk());
      throw error;
    }
  }

  /**
   * Forgets every leaf after this position and the subtrees that covered them, and withdraws the
   * checkpoints of larger trees (kept in their own table, for `verify`): for a tree file found
   * ahead of the log it sits beside, or not matching it. Returns the tree size left.
   */
  truncateAfter(position: number, withdrawnAt = new Date().toISOString()): number {
    this.db.transaction(() => {
      this.statements.deleteLeavesAfter.run(position);
      const size = this.sizeOnDisk();
      this.statements.deleteSubtreesBeyond.run(size);
      this.statements.withdrawCheckpointsBeyond.run(withdrawnAt, size);
      this.statements.deleteCheckpointsBeyond.run(size);
    }).immediate();
    this.tree = CompactMerkleTree.restore(this.source, this.sizeOnDisk());
    return this.tree.size;
  }

  /** The root of the tree of this size (any size up to the current one), 32 bytes. */
  root(treeSize = this.size): Buffer {
    this.assertKnownSize(treeSize);
    return treeSize === this.tree.size ? this.tree.root() : treeRoot(this.source, treeSize);
  }

  /** The leaf of the event at this position, if the tree holds it. */
  leafAtPosition(position: number): { leafIndex: number; leafHash: Buffer } | undefined {
    type Leaf = { leafIndex: number; leafHash: Buffer } | undefined;
    return (this.statements.leafAtDense.get(position - 1, position) as Leaf) ?? (this.statements.leafAtSparse.get(position) as Leaf);
  }

  positionOfLeaf(leafIndex: number): number | undefined {
    return (this.statements.positionOf.get(leafIndex) as { position: number } | undefined)?.position;
  }

  /** RFC 9162 §2.1.3.1 audit path of a leaf in the tree of `treeSize` leaves. */
  inclusionProof(leafIndex: number, treeSize: number): Buffer[] {
    this.assertKnownSize(treeSize);
    return this.db.transaction(() => inclusionProof(this.source, leafIndex, treeSize))();
  }

  /** RFC 9162 §2.1.4.1 proof that the tree of `fromSize` is a prefix of the tree of `toSize`. */
  consistencyProof(fromSize: number, toSize: number): Buffer[] {
    this.assertKnownSize(toSize);
    return this.db.transaction(() => consistencyProof(this.source, fromSize, toSize))();
  }

  private assertKnownSize(treeSize: number): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.size) {
      throw new RangeError(`The tree has ${this.tree.size} leaves, not ${treeSize}`);
    }
  }

  /**
   * Keeps a signed checkpoint as the latest, unless the latest already names a larger tree: another
   * process (the server, `ledger checkpoint`) may have signed one between this one's reading the
   * size and saving, and the latest checkpoint never goes back. Returns whether it was kept.
   */
  saveCheckpoint(checkpoint: SignedCheckpoint): boolean {
    return this.db.transaction(() => {
      const latest = this.statements.latestCheckpointSize.get() as { tree_size: number } | undefined;
      if (latest !== undefined && latest.tree_size > checkpoint.treeSize) return false;
      this.statements.insertCheckpoint.run(checkpoint.treeSize, JSON.stringify(checkpoint));
      return true;
    }).immediate();
  }

  latestCheckpoint(): SignedCheckpoint | undefined {
    const row = this.statements.latestCheckpoint.get() as { signed_json: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.signed_json) as SignedCheckpoint);
  }

  /** The checkpoints signed of the tree at this size, latest first (a size is signed again only under another key). */
  checkpointsOfSize(treeSize: number): SignedCheckpoint[] {
    return (this.statements.checkpointsOfSize.all(treeSize) as { signed_json: string }[]).map((row) => JSON.parse(row.signed_json) as SignedCheckpoint);
  }

  /** Every checkpoint signed of the tree as it stands, oldest first. */
  checkpoints(pageSize = 500): Generator<SignedCheckpoint> {
    return this.pagedCheckpoints(this.statements.checkpointsFrom, pageSize);
  }

  /** Every checkpoint signed, oldest first, then those withdrawn (see WITHDRAWN_CHECKPOINTS): what `verify` holds the log against. */
  *everySignedCheckpoint(pageSize = 500): Generator<SignedCheckpoint> {
    yield* this.checkpoints(pageSize);
    yield* this.pagedCheckpoints(this.statements.withdrawnFrom, pageSize);
  }

  private *pagedCheckpoints(page: Database.Statement, pageSize: number): Generator<SignedCheckpoint> {
    let after = 0;
    for (;;) {
      const rows = page.all(after, pageSize) as { id: number; signed_json: string }[];
      for (const row of rows) yield JSON.parse(row.signed_json) as SignedCheckpoint;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
