import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelope, type CommandMetadata } from '../../../src/command-handling/command-metadata';
import { Streams } from '../../../src/domain/streams';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { ACCOUNTANT, FUND_ID, fundOpened, NOW } from '../../domain/builders';

/** An accountant's statement import, as its batches are written. */
export const importMeta: CommandMetadata = {
  actor: { userId: ACCOUNTANT, roles: ['accountant'] },
  now: NOW,
  correlationId: 'import-1',
  causationId: 'request-1',
  idempotencyKey: null,
  requestHash: '',
};

/**
 * For each test of the file: a real SQLite log in a temporary folder, holding the fund opened.
 * `openStore()` opens a connection to it (a second one stands for another process); every store
 * opened is closed, and the folder removed, after the test.
 */
export function openedFundLogPerTest(prefix: string): { openStore(): SqliteEventStore } {
  let directory = '';
  let opened: SqliteEventStore[] = [];
  const openStore = (): SqliteEventStore => {
    const store = SqliteEventStore.open(join(directory, 'ledger.db'));
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    opened = [];
    await openStore().append(Streams.fund(FUND_ID), [envelope(fundOpened(), importMeta, 0, randomUUID)], 'no_stream');
  });
  afterEach(async () => {
    for (const store of opened) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
  return { openStore };
}
