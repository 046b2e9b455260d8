import type { StoredEvent } from '../event-store.port';

/**
 * Pages of the log read and decoded once for every subscription that reads through them.
 * When the ledger starts behind the log (a rebuild, a restart after an import), every projection
 * runner reads the same positions at about the same time; and while another process appends (a
 * `ledger import` beside a running server), every runner polls the same new events. Without
 * sharing, each of them would read and parse every row.
 *
 * Page k holds the events at positions k·size+1 … (k+1)·size. What is kept of a page is its
 * gapless beginning: the events from k·size+1 up to the highest position read so far. Positions
 * are given in commit order under the write lock, each one above the last, so once a position is
 * visible every position below it is committed and none can be added: what is kept is final, and
 * a later read only extends it. A page with a gap is read directly every time, as the end of the
 * log past what is kept. The most recently used pages are kept, so the memory is bounded by
 * `pagesKept` × `size` events.
 *
 * Subscribers share the event objects: events are immutable (see SqliteEventStore).
 */
export class SharedLogPages {
  /** Page index → its events from the page's first position on, without a gap. */
  private readonly pages = new Map<number, StoredEvent[]>();

  constructor(
    readonly size: number,
    private readonly pagesKept: number,
    /** Events with positions in (after, upTo], in position order, at most `limit`. */
    private readonly read: (after: number, upTo: number, limit: number) => StoredEvent[],
    /** Whether what `read` answers now is committed, so may be kept; otherwise it is read directly. */
    private readonly readsAreCommitted: () => boolean = () => true,
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, got ${size}`);
  }

  /**
   * The events after `position`, in order, never past the end of its page, so a reader that
   * starts in the middle of a page reads page-aligned from its next read on and shares from then.
   * From a kept page it answers what is kept; the next read, after that, reads the rest.
   */
  readAfter(position: number, limit: number): StoredEvent[] {
    const index = Math.floor(position / this.size);
    const first = index * this.size;
    const end = first + this.size;
    const kept = this.pages.get(index);
    const keptUpTo = first + (kept?.length ?? 0);
    if (kept !== undefined) {
      // Most recently used last, so the first entry is the one to drop.
      this.pages.delete(index);
      this.pages.set(index, kept);
      if (position < keptUpTo) return kept.slice(position - first, position - first + limit);
    }
    const events = this.read(position, end, Math.min(limit, end - position));
    // A gap up to the end of the page: read on past it.
    if (events.length === 0) return this.read(position, Number.MAX_SAFE_INTEGER, limit);
    // Strictly increasing positions, as many as the distance covered: no gap after `position`.
    const gapless = events[events.length - 1].position === position + events.length;
    if (position === keptUpTo && gapless && this.readsAreCommitted()) {
      // The caller owns the array it gets (a subscription appends to its buffer): never the kept one.
      if (kept === undefined) {
        this.pages.set(index, events.slice());
        if (this.pages.size > this.pagesKept) this.pages.delete(this.pages.keys().next().value as number);
      } else {
        for (const event of events) kept.push(event);
      }
    }
    return events;
  }
}
