import type { StoredEvent } from '../event-store/event-store.port';

/** A runner the feed offers the log to (TableProjectionRunner in fed mode). */
export interface FedRunner {
  /** The last position it gathered: it wants the events after it. */
  readonly gatheredPosition: number;
  /** Whether it takes events now (not stopped, not waiting to retry a failure). */
  wantsEvents(nowMs: number): boolean;
  /** Gathers the events after its gathered position; skips those at or below it. */
  offer(events: readonly StoredEvent[]): void;
  /** The feed could not read the log (the message), or reads it again (undefined): what the runner reports of itself says so. */
  readFailing?(message: string | undefined): void;
}

/** Events a page of the shared read holds. */
export const FEED_PAGE_SIZE = 1_000;
/** How often a feed looks at the log when nothing told it of a write (another process's, a runner's retry). */
export const FEED_POLL_INTERVAL_MS = 250;
/** After a read of the log failed, the next is tried after this, doubled at each failure in a row up to FEED_RETRY_MAX_MS. */
const FEED_RETRY_FIRST_MS = 100;
const FEED_RETRY_MAX_MS = 5_000;

/**
 * One reader of the log for every table projection runner. Each page is read (and its events
 * decoded) once, from the lowest position any runner wants, and offered to every runner behind
 * its end: a rebuild of seven registers reads the log once, not seven times, and a runner that
 * is already further on skips what it has. After a full page the next one is read on the next
 * turn of the event loop (the runners commit in between); once caught up, the feed waits for
 * `wake` (a commit announced by the writer) or its poll timer (writes of other processes, and a
 * runner's retry after a failure), whichever comes first.
 */
export class SharedLogFeed {
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  /** A write was announced while the feed was reading: it reads again at once rather than waiting for the poll. */
  private woken = false;
  private loop: Promise<void> | undefined;
  private failuresInARow = 0;

  constructor(
    private readonly runners: readonly FedRunner[],
    /** At most `limit` events after `afterPosition`, in position order (read at once from a file, or awaited from a server). */
    private readonly readAfter: (afterPosition: number, limit: number) => StoredEvent[] | Promise<StoredEvent[]>,
    private readonly pageSize: number,
    private readonly pollIntervalMs: number,
    private readonly onReadFailure: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** New events were committed: read them now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let full = false;
      try {
        this.woken = false;
        full = await this.step();
        if (this.failuresInARow > 0) this.readRecovered();
      } catch (error) {
        this.readFailed(error);
        await this.idle(Math.min(FEED_RETRY_FIRST_MS * 2 ** (this.failuresInARow - 1), FEED_RETRY_MAX_MS), false);
        continue;
      }
      if (full) await new Promise<void>((resolve) => setImmediate(resolve));
      else await this.idle(this.pollIntervalMs, true);
    }
  }

  /**
   * Reads one page after the lowest runner that wants events and offers it; true if the page was
   * full. A runner takes the page only if it still wants events after the read and has gathered
   * every event before the page: one that went back to its checkpoint while the page was read
   * (a commit that failed meanwhile) is offered the log again from there, never past a gap.
   */
  private async step(): Promise<boolean> {
    const now = Date.now();
    const wanting = this.runners.filter((runner) => runner.wantsEvents(now));
    if (wanting.length === 0) return false;
    let from = Number.MAX_SAFE_INTEGER;
    for (const runner of wanting) from = Math.min(from, runner.gatheredPosition);
    const events = await this.readAfter(from, this.pageSize);
    if (events.length === 0 || this.stopped) return false;
    const last = events[events.length - 1].position;
    const taking = Date.now();
    for (const runner of wanting) {
      const gathered = runner.gatheredPosition;
      if (gathered >= from && gathered < last && runner.wantsEvents(taking)) runner.offer(events);
    }
    return events.length === this.pageSize;
  }

  private readFailed(error: unknown): void {
    this.failuresInARow += 1;
    this.onReadFailure(error);
    const message = error instanceof Error ? error.message : String(error);
    for (const runner of this.runners) runner.readFailing?.(message);
  }

  private readRecovered(): void {
    this.failuresInARow = 0;
    for (const runner of this.runners) runner.readFailing?.(undefined);
  }

  /** Waits `ms`, or less if the feed stops or (when `wakeable`) a write is announced, even one announced during the last read. */
  private idle(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopped || (wakeable && this.woken)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeUp = wakeable ? finish : () => {
        if (this.stopped) finish();
      };
    });
  }
}
