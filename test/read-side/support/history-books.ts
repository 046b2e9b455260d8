import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectedEvent } from '../../../projections/projection';
import { ALL_TABLE_PROJECTIONS } from '../../../projections/table-projections';
import { ScratchTables } from '../../../src/audit/table-state';
import { EVENT_SCHEMA_VERSIONS, type LedgerEvent } from '../../../src/domain/ledger-events';
import type { JsonObject } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';

/**
 * A scripted history as both sides of the books hold it: every table projection applied to it in
 * scratch tables (what the reports read), and the same events appended to one stream of a real
 * SQLite log on a temporary file (what the balance replays). Appended before the file's tests,
 * closed and removed after them.
 */
export function useHistoryBooks(stream: string, events: LedgerEvent[]): { store: SqliteEventStore; scratch: ScratchTables } {
  const dir = mkdtempSync(join(tmpdir(), `${stream}-`));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
  events.forEach((event, index) => {
    const projected: ProjectedEvent = { position: index + 1, streamId: stream, revision: index, recordedAt: '2024-08-01T00:00:00Z', actorUserId: 'u', event };
    for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(projected));
  });

  beforeAll(async () => {
    const metadata = (type: string) => ({
      actor: { userId: 'u', roles: ['accountant'] }, correlationId: randomUUID(), causationId: stream,
      recordedAt: '2024-08-01T00:00:00.000Z', schemaVersion: EVENT_SCHEMA_VERSIONS[type as keyof typeof EVENT_SCHEMA_VERSIONS],
    });
    await store.append(stream, events.map((e) => ({
      eventId: randomUUID(), type: e.type, data: e.data as unknown as JsonObject, metadata: metadata(e.type),
    })), 'no_stream');
  });
  afterAll(async () => {
    scratch.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, scratch };
}
