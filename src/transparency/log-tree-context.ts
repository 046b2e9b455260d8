import { type LedgerConfig, checkpointIntervalOf } from '../config/ledger-config';
import { LEDGER_STREAM_PREFIX } from '../domain/streams';
import { openEventStore } from '../event-store/event-store.factory';
import type { EventStore } from '../event-store/event-store.port';
import { LogTree } from './log-tree';
import { merkleTreeFileOf, MerkleTreeStore } from './merkle-tree-store';
import { loadLedgerSigningKey } from './signing-key';

/**
 * The log, its tree and the signing key opened for one command, without the rest of the ledger
 * (no projections, no HTTP): what `ledger checkpoint` and `ledger prove` need. The server may run
 * meanwhile: both read the log and share the tree file, each resuming from what the other wrote.
 */
export async function withLogTree<T>(config: LedgerConfig, work: (logTree: LogTree, store: EventStore) => Promise<T>): Promise<T> {
  const key = loadLedgerSigningKey(config);
  const store = await openEventStore(config, { ledgerStreamPrefix: LEDGER_STREAM_PREFIX });
  let tree: MerkleTreeStore | undefined;
  try {
    tree = new MerkleTreeStore(merkleTreeFileOf(config));
    const logTree = new LogTree(store, tree, key, checkpointIntervalOf(config));
    await logTree.reconcile();
    return await work(logTree, store);
  } finally {
    tree?.close();
    await store.close();
  }
}
