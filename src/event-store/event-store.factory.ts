import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../config/ledger-config';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** Opens the configured backend. Only this file and the adapters know which one it is. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  if (config.store === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString as string);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return SqliteEventStore.open(join(config.dataDir, 'ledger.db'));
}
