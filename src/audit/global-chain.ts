import type { EventStore, ReadAllOptions, StoredEvent } from '../event-store/event-store.port';
import type { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';

/** A stored event with its link in the chain that runs through the whole log in position order. */
export interface GloballyChainedEvent extends StoredEvent {
  globalPreviousHash: string;
  globalHash: string;
}

/**
 * A backend that keeps a global chain (the SQLite adapter does; EventStoreDB does not). Its
 * positions are also dense: 1, 2, 3… with no gaps, so a missing position is a deleted event.
 * Typed from the adapter so that renaming the method there breaks this build, not the audit.
 */
export type GlobalChainReader = Pick<SqliteEventStore, 'readAllWithGlobalHashes'>;

/** The store's global chain, or undefined when the backend keeps none. Duck-typed on purpose:
 * the audit code must not depend on which adapter it was given. */
export function globalChainOf(store: EventStore): GlobalChainReader | undefined {
  const candidate = store as Partial<GlobalChainReader>;
  return typeof candidate.readAllWithGlobalHashes === 'function' ? (candidate as GlobalChainReader) : undefined;
}

/** The log in position order, with global hashes when the backend has them. */
export function readLog(store: EventStore, options: ReadAllOptions = {}): AsyncIterable<StoredEvent | GloballyChainedEvent> {
  const chain = globalChainOf(store);
  return chain ? chain.readAllWithGlobalHashes(options) : store.readAll(options);
}

export function hasGlobalLink(event: StoredEvent | GloballyChainedEvent): event is GloballyChainedEvent {
  return typeof (event as Partial<GloballyChainedEvent>).globalHash === 'string';
}
