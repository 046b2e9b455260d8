import type { StoredEvent } from '../event-store/event-store.port';

/** A runner the feed offers the log to (TableProjectionRunner in fed mode). */
export interface FedRunner {
  /** The last position it gathered: it wants the events after it. */
  readonly gatheredPosition: number;
  /** Whether it takes events now (not stopped, not waiting to retry a failure). */
  wantsEvents(nowMs: number): boolean;
  /** Gathers the events after its gathered position; skips those at or below it. */
  offer(events: readonly StoredEvent[]): void;
}

/** Events a page of the shared read holds. */
export const FEED_PAGE_SIZE = 1_000;
/** How often a feed looks at the log when nothing told it of a write (another process's, a runner's retry). */
export const FEED_POLL_INTERVAL_MS = 250;

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
  private loop: Promise<void> | undefined;

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
        full = await this.step();
      } catch (error) {
        this.onReadFailure(error);
      }
      if (full) await new Promise<void>((resolve) => setImmediate(resolve));
      else await this.idle();
    }
  }

  /** Reads one page after the lowest runner that wants events and offers it; true if the page was full. */
  private async step(): Promise<boolean> {
    const now = Date.now();
    const wanting = this.runners.filter((runner) => runner.wantsEvents(now));
    if (wanting.length === 0) return false;
    let from = Number.MAX_SAFE_INTEGER;
    for (const runner of wanting) from = Math.min(from, runner.gatheredPosition);
    const events = await this.readAfter(from, this.pageSize);
    if (events.length === 0 || this.stopped) return false;
    const last = events[events.length - 1].position;
    // A runner that stopped or failed while the page was read takes nothing of it.
    const taking = Date.now();
    for (const runner of wanting) if (runner.gatheredPosition < last && runner.wantsEvents(taking)) runner.offer(events);
    return events.length === this.pageSize;
  }

  private idle(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.pollIntervalMs);
      this.wakeUp = finish;
    });
  }
}
