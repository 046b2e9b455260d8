import type { StoredEvent } from '../event-store.port';

/**
 * Pages of the log read and decoded once for every subscription that catches up through them.
 * When the ledger starts behind the log (a rebuild, a restart after an import), every projection
 * runner reads the same positions at about the same time; without sharing, each of them would
 * read and parse every row.
 *
 * Page k holds the events at positions k·size+1 … (k+1)·size. Only a complete page is kept: one
 * that holds its last position. Positions are given in commit order under the write lock, so
 * once that position is visible no commit can add an event to the page: a kept page is final.
 * The page at the head of the log, or one with a gap, is read directly every time, as before.
 * The most recently used pages are kept, so the memory is bounded by `pagesKept` × `size` events.
 *
 * Subscribers share the event objects: events are immutable (see SqliteEventStore).
 */
export class SharedLogPages {
  private readonly pages = new Map<number, StoredEvent[]>();

  constructor(
    readonly size: number,
    private readonly pagesKept: number,
    /** Events with positions in (after, upTo], in position order, at most `limit`. */
    private readonly read: (after: number, upTo: number, limit: number) => StoredEvent[],
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, got ${size}`);
  }

  /**
   * The events after `position`, in order, never past the end of its page, so a reader that
   * starts in the middle of a page reads page-aligned from its next read on and shares from then.
   */
  readAfter(position: number, limit: number): StoredEvent[] {
    const index = Math.floor(position / this.size);
    const first = index * this.size;
    const end = first + this.size;
    const kept = this.pages.get(index);
    if (kept !== undefined) {
      // Most recently used last, so the first entry is the one to drop.
      this.pages.delete(index);
      this.pages.set(index, kept);
      return kept.slice(position - first, position - first + limit);
    }
    const events = this.read(position, end, Math.min(limit, end - position));
    // A gap up to the end of the page: read on past it.
    if (events.length === 0) return this.read(position, Number.MAX_SAFE_INTEGER, limit);
    if (position === first && events.length === this.size && events[events.length - 1].position === end) {
      this.pages.set(index, events);
      if (this.pages.size > this.pagesKept) this.pages.delete(this.pages.keys().next().value as number);
      // The caller owns the array it gets (a subscription appends to its buffer): never the kept one.
      return events.slice();
    }
    return events;
  }
}
