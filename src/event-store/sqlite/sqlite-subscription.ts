import type { StoredEvent, Subscription } from '../event-store.port';

/** Where a subscription reads the log from, and how it leaves the store. */
export interface SubscriptionSource {
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  readAfter(position: number, limit: number): StoredEvent[];
  forget(subscription: SqliteSubscription): void;
}

/**
 * Catch-up then live. The subscription always continues from the last position it queued, so
 * nothing is skipped or repeated at the catch-up/live boundary: it reads pages from the file
 * until it is caught up, then waits for either a commit of this process (which may hand its
 * events over directly) or the poll timer (which finds events written by other processes).
 *
 * Once a read has found the end of the log, the file is read again only when events may have
 * been missed: a commit it could not take whole (its buffer full, or events of another process
 * before it), or the poll timer. A commit handed over whole costs no read.
 */
export class SqliteSubscription implements Subscription {
  private buffer: StoredEvent[] = [];
  private bufferStart = 0;
  private lastQueuedPosition: number;
  private closed = false;
  private wake: (() => void) | undefined;
  private previousPull: Promise<unknown> = Promise.resolve();
  private pageReadSinceYield = false;
  /** False from a read that found nothing after the last queued event until events may exist that were not handed over. */
  private mayBeBehind = true;

  constructor(
    afterPosition: number,
    private readonly source: SubscriptionSource,
  ) {
    this.lastQueuedPosition = afterPosition;
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return {
      next: () => this.next(),
      // Called by `break` in a for-await loop.
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  next(): Promise<IteratorResult<StoredEvent>> {
    // One pull at a time, so concurrent next() calls receive events in order.
    const result = this.previousPull.then(() => this.pull());
    this.previousPull = result.catch(() => undefined);
    return result;
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.buffer = [];
      this.bufferStart = 0;
      this.source.forget(this);
      this.wake?.();
    }
    return Promise.resolve();
  }

  /** See Subscription.takeBuffered: what the last page read (or commit) left, without a promise per event. */
  takeBuffered(): StoredEvent[] {
    if (this.closed || this.bufferedCount() === 0) return [];
    const events = this.bufferStart === 0 ? this.buffer : this.buffer.slice(this.bufferStart);
    this.buffer = [];
    this.bufferStart = 0;
    return events;
  }

  /** Called by the store after each commit with the events written, in position order. */
  onCommitted(events: StoredEvent[]): void {
    if (this.closed) return;
    // Take the events straight from the commit only when they follow the last queued one and
    // the buffer has room; otherwise the next pull reads them from the file, which is always
    // right, only slower. This keeps a slow consumer's memory bounded.
    const follows = events[0].position === this.lastQueuedPosition + 1;
    if (follows && this.bufferedCount() < this.source.pageSize) {
      for (const event of events) this.buffer.push(event);
      this.lastQueuedPosition = events[events.length - 1].position;
    } else {
      this.mayBeBehind = true;
    }
    this.wake?.();
  }

  private async pull(): Promise<IteratorResult<StoredEvent>> {
    while (!this.closed) {
      if (this.bufferedCount() === 0) {
        // A subscriber consumes in promise callbacks only, which run before any timer or I/O: a
        // catch-up of a long log read page after page would hold the event loop to its end (a
        // server restarted after a big import would not even accept a connection). After each
        // page read from the log, the next one waits for a turn of the event loop.
        if (this.pageReadSinceYield) {
          this.pageReadSinceYield = false;
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (this.mayBeBehind) this.fillFromLog();
      }
      const event = this.takeOne();
      if (event !== undefined) return { value: event, done: false };
      await this.waitForCommitOrPoll();
    }
    return { value: undefined, done: true };
  }

  private fillFromLog(): void {
    const events = this.source.readAfter(this.lastQueuedPosition, this.source.pageSize);
    if (events.length === 0) {
      // The end of the log as it stands (a shorter page may only be the end of a shared page).
      this.mayBeBehind = false;
      return;
    }
    this.pageReadSinceYield = true;
    this.buffer = events;
    this.bufferStart = 0;
    this.lastQueuedPosition = events[events.length - 1].position;
  }

  private bufferedCount(): number {
    return this.buffer.length - this.bufferStart;
  }

  /** An index into the buffer rather than Array.shift, which is linear in the buffer's length. */
  private takeOne(): StoredEvent | undefined {
    if (this.bufferStart >= this.buffer.length) return undefined;
    const event = this.buffer[this.bufferStart];
    this.bufferStart += 1;
    if (this.bufferStart === this.buffer.length) {
      this.buffer = [];
      this.bufferStart = 0;
    }
    return event;
  }

  private waitForCommitOrPoll(): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        // Another process may have committed since the last read: only the file can say.
        this.mayBeBehind = true;
        finish();
      }, this.source.pollIntervalMs);
      this.wake = finish;
    });
  }
}
