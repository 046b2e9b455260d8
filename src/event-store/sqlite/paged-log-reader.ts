import { assertPosition } from '../append-rules';
import type { ReadAllOptions } from '../event-store.port';

/**
 * Reads the log page by page in position order: `readPage` answers the rows with positions in
 * (afterPosition, toPosition], at most `limit` of them. `beforeEachPage` runs before every query,
 * so a store closed between pages stops the iteration.
 */
export async function* pageThroughLog<Row extends { position: number }, Event>(
  options: ReadAllOptions,
  pageSize: number,
  beforeEachPage: () => void,
  readPage: (afterPosition: number, toPosition: number, limit: number) => Row[],
  toEvent: (row: Row) => Event,
): AsyncGenerator<Event> {
  let afterPosition = options.afterPosition ?? 0;
  const toPosition = options.toPosition ?? Number.MAX_SAFE_INTEGER;
  // Refused on the first read, as the EventStoreDB adapter does: a negative bound is a programming error.
  assertPosition('afterPosition', afterPosition);
  assertPosition('toPosition', toPosition);
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  // Page by position rather than holding one cursor open: memory stays at one page whatever
  // the size of the log, and the connection stays free for appends between pages.
  while (remaining > 0) {
    beforeEachPage();
    const limit = Math.min(remaining, pageSize);
    const rows = readPage(afterPosition, toPosition, limit);
    for (const row of rows) yield toEvent(row);
    if (rows.length < limit) return;
    remaining -= rows.length;
    afterPosition = rows[rows.length - 1].position;
  }
}
