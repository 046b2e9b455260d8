import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../config/ledger-config';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { LOG_FILE } from '../config/data-files';

/** What the composition tells the store about the ledger; the store knows no domain of its own. */
export interface LedgerStoreOptions {
  /** Every ledger stream id starts with it (the domain's LEDGER_STREAM_PREFIX). */
  ledgerStreamPrefix: string;
}

/** Opens the configured backend. Only this file and the adapters know which one it is. */
export async function openEventStore(config: LedgerConfig, options: LedgerStoreOptions): Promise<EventStore> {
  if (config.store === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString as string, {
      ledgerStreamPrefix: options.ledgerStreamPrefix, maxAppendBytes: config.eventStoreMaxAppendSize,
    });
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return SqliteEventStore.open(join(config.dataDir, LOG_FILE));
}
