import type { LedgerEvent } from '../domain/ledger-events';
import { upcast } from '../domain/upcasters';
import type { StoredEvent } from '../event-store/event-store.port';

/**
 * The domain event a stored event carries, upcast to the current schema version.
 *
 * The store keeps events as they were written and knows nothing of their meaning; whoever hands
 * stored data to the domain or to a projection (the write path's stream loading, the projection
 * runner's feed, the inflow view, the command handlers' answers, imports) reads it through here,
 * so an event written at an older schema version is never seen in its old shape.
 */
export function decodeEvent(stored: StoredEvent): LedgerEvent {
  return upcast(stored.type, stored.metadata.schemaVersion, stored.data);
}
