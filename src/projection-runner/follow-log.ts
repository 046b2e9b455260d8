import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port';
import { batchesOf } from './subscription-batches';

/** What following the log needs of a runner. */
export interface LogFollower {
  readonly stopped: () => boolean;
  /** The position a new subscription follows the log after (once the runner recovered, its last commit). */
  readonly followFrom: () => number;
  /** The subscription now followed, for the runner to close (to stop, or to start again). */
  readonly subscribed: (subscription: Subscription) => void;
  /** One event, in log order; a throw ends the subscription and goes to `recover`. */
  readonly take: (stored: StoredEvent) => void;
  /** The subscription or an event failed: the runner goes back to its last commit. */
  readonly recover: (error: unknown) => void;
  /** Whether the runner's last attempt failed (it closes its subscription to start again from its commit). */
  readonly failing: () => boolean;
}

/**
 * Follows the log for a runner until it stops: subscribes after its position and hands it each
 * event in order. A failure closes the subscription, lets the runner recover and follows the log
 * again after `retryDelayMs`; so does a subscription the runner closed because it was failing.
 */
export async function followLog(store: EventStore, retryDelayMs: number, runner: LogFollower): Promise<void> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  while (!runner.stopped()) {
    let subscription: Subscription | undefined;
    try {
      subscription = store.subscribe(runner.followFrom());
      runner.subscribed(subscription);
      pages: for await (const batch of batchesOf(subscription)) {
        for (const stored of batch) {
          if (runner.stopped()) break pages;
          runner.take(stored);
        }
      }
      if (runner.failing() && !runner.stopped()) await pause();
    } catch (error) {
      if (runner.stopped()) break;
      await subscription?.close().catch(() => undefined);
      runner.recover(error);
      await pause();
    }
  }
}
