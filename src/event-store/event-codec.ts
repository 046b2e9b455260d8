import type { LedgerEvent } from '../domain/ledger-events';
import { upcast } from '../domain/upcasters';
import type { StoredEvent } from './event-store.port';

/** The domain event a stored event carries, upcast to the current schema version. */
export function decodeEvent(stored: StoredEvent): LedgerEvent {
  return upcast(stored.type, stored.metadata.schemaVersion, stored.data);
}
