import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import type { StoredEvent, Subscription } from '../event-store.port';

export interface ResubscribeSettings {
  /** Failed (re)subscriptions in a row before the error reaches the consumer. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface SubscriptionSource {
  /** Opens a server subscription delivering the events after the port position `after`. */
  open(after: number): Promise<AllStreamSubscription>;
  /** The ledger event a delivered event is, or undefined when it is not one. */
  toLedgerEvent(resolved: AllStreamResolvedEvent): StoredEvent | undefined;
  /** Turns a client error into the port's. */
  translate(error: unknown): unknown;
  onClosed(subscription: ResumingSubscription): void;
}

const CLOSED = Symbol('closed');

/**
 * The port's catch-up subscription over a filtered subscribeToAll. It remembers the position of
 * the last event it delivered and, when the connection drops (the server restarts, a node goes
 * away, the subscription is cancelled), subscribes again from there after a growing delay, so the
 * consumer sees every event once and in order. Errors that are not about the connection, or a
 * connection that stays down for `attempts` tries, end the iteration with the port's error.
 *
 * Events are pulled with the stream's async iterator, one at a time, so the server's flow control
 * applies and nothing is handled out of order.
 */
export class ResumingSubscription implements Subscription, AsyncIterator<StoredEvent> {
  private lastDelivered: number;
  private feed: { subscription: AllStreamSubscription; events: AsyncIterator<AllStreamResolvedEvent> } | undefined;
  private closed = false;
  private failuresInARow = 0;
  private readonly closedSignal: Promise<typeof CLOSED>;
  private signalClosed: () => void = () => undefined;
  private pulls: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    afterPosition: number,
    private readonly resubscribe: ResubscribeSettings,
  ) {
    this.lastDelivered = afterPosition;
    this.closedSignal = new Promise((resolve) => (this.signalClosed = () => resolve(CLOSED)));
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this;
  }

  /** Calls are served one at a time, in order. */
  next(): Promise<IteratorResult<StoredEvent>> {
    const pull = this.pulls.then(() => this.pull());
    this.pulls = pull.catch(() => undefined);
    return pull;
  }

  async return(): Promise<IteratorResult<StoredEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    await this.dropFeed();
    this.source.onClosed(this);
  }

  private async pull(): Promise<IteratorResult<StoredEvent>> {
    while (!this.closed) {
      try {
        const event = await this.nextLedgerEvent();
        if (event === CLOSED) break;
        if (event === undefined) continue;
        this.lastDelivered = event.position;
        return { done: false, value: event };
      } catch (error) {
        if (this.closed) break;
        await this.dropFeed();
        await this.waitBeforeResubscribing(error);
      }
    }
    return { done: true, value: undefined };
  }

  /** The next event of the feed if it is a ledger event not yet delivered; undefined to keep going. */
  private async nextLedgerEvent(): Promise<StoredEvent | undefined | typeof CLOSED> {
    if (this.feed === undefined) {
      const subscription = await this.untilClosed(this.source.open(this.lastDelivered));
      if (subscription === CLOSED) return CLOSED;
      this.feed = { subscription, events: subscription[Symbol.asyncIterator]() };
    }
    const next = await this.untilClosed(this.feed.events.next());
    if (next === CLOSED) return CLOSED;
    if (next.done) throw new UnavailableError(undefined, 'The server ended the subscription');
    this.failuresInARow = 0;
    const event = this.source.toLedgerEvent(next.value);
    // A resumed or rounded-down start may replay events already delivered: skip them.
    return event !== undefined && event.position > this.lastDelivered ? event : undefined;
  }

  private async waitBeforeResubscribing(error: unknown): Promise<void> {
    this.failuresInARow += 1;
    if (!isConnectionError(error) || this.failuresInARow > this.resubscribe.attempts) {
      await this.close();
      throw this.source.translate(error);
    }
    const { initialDelayMs, maxDelayMs } = this.resubscribe;
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (this.failuresInARow - 1));
    let timer: NodeJS.Timeout | undefined;
    await this.untilClosed(new Promise((resolve) => (timer = setTimeout(resolve, delayMs))));
    clearTimeout(timer);
  }

  private async dropFeed(): Promise<void> {
    const feed = this.feed;
    this.feed = undefined;
    if (feed === undefined) return;
    // Cancelling is best effort: the connection it ran on may already be gone.
    await feed.subscription.unsubscribe().catch(() => undefined);
  }

  private untilClosed<T>(promise: Promise<T>): Promise<T | typeof CLOSED> {
    return Promise.race([promise, this.closedSignal]);
  }
}

function isConnectionError(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  );
}
