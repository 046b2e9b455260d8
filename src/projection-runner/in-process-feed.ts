import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port';
import type { RunnerLogger } from './projection-runner';
import { FEED_PAGE_SIZE, FEED_POLL_INTERVAL_MS, SharedLogFeed } from './shared-log-feed';
import { batchesOf } from './subscription-batches';
import type { TableProjectionRunner } from './table-projection-runner';

/** After the wake-up subscription failed: when it is opened again. */
const RESUBSCRIBE_DELAY_MS = 1_000;
/** The poll where a subscription announces every write: a safety net, and when a runner that failed takes events again. */
const ANNOUNCED_POLL_INTERVAL_MS = 1_000;

async function pageAfter(store: EventStore, afterPosition: number, limit: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll({ afterPosition, maxCount: limit })) events.push(event);
  return events;
}

/**
 * The table projections on this thread (the EventStoreDB backend, or a configuration that keeps
 * them here), fed by one reader of the log as in the worker: each page of the log is read once,
 * from the lowest position a runner wants, and offered to every runner behind it, so that a
 * rebuild of every register reads the log once, not once per register. A write is heard of at
 * once: from the store's commits when it reports them (SQLite, polled as the worker polls for
 * other processes' writes), else from one subscription to the log's new events (EventStoreDB:
 * other nodes' writes too), which only wakes the feed; there the poll is only a safety net and
 * a runner's retry after a failure, once a second.
 */
export class InProcessTableFeed {
  private readonly feed: SharedLogFeed;
  private subscription: Subscription | undefined;
  private stopped = false;
  private listening: Promise<void> | undefined;
  private resubscribe: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  private constructor(private readonly store: EventStore, runners: readonly TableProjectionRunner[], private readonly logger: RunnerLogger, pollIntervalMs: number) {
    this.feed = new SharedLogFeed(runners, (after, limit) => pageAfter(store, after, limit), FEED_PAGE_SIZE, pollIntervalMs, (error) => {
      logger.error('The table projections could not read the log; trying again', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  /** Prepares every runner's tables, then feeds them. */
  static async start(store: EventStore, runners: readonly TableProjectionRunner[], logger: RunnerLogger): Promise<InProcessTableFeed> {
    for (const runner of runners) await runner.startFed();
    if (store.observeCommits) {
      const host = new InProcessTableFeed(store, runners, logger, FEED_POLL_INTERVAL_MS);
      store.observeCommits((observation) => {
        if (observation.events > 0 && !host.stopped) host.feed.wake();
      });
      host.feed.start();
      return host;
    }
    const host = new InProcessTableFeed(store, runners, logger, ANNOUNCED_POLL_INTERVAL_MS);
    host.listening = host.listen(await store.headPosition());
    host.feed.start();
    return host;
  }

  /** Wakes the feed at each batch of new events the log announces; the events themselves are read by the feed. */
  private async listen(fromPosition: number): Promise<void> {
    let after = fromPosition;
    while (!this.stopped) {
      try {
        this.subscription = this.store.subscribe(after);
        for await (const batch of batchesOf(this.subscription)) {
          after = batch[batch.length - 1].position;
          this.feed.wake();
        }
      } catch (error) {
        if (this.stopped) return;
        this.logger.error('The table projections lost the log\'s announcements; polling until they are back', { error: error instanceof Error ? error.message : String(error) });
        await this.subscription?.close().catch(() => undefined);
      }
      if (!this.stopped) {
        await new Promise<void>((resolve) => {
          this.resubscribe = { timer: setTimeout(resolve, RESUBSCRIBE_DELAY_MS), resolve };
        });
        this.resubscribe = undefined;
      }
    }
  }

  /** Stops reading; the runners are stopped (and commit) by their owner. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resubscribe) {
      clearTimeout(this.resubscribe.timer);
      this.resubscribe.resolve();
    }
    await this.subscription?.close().catch(() => undefined);
    await this.feed.stop();
    await this.listening;
  }
}
