import type { StoredEvent, Subscription } from '../event-store/event-store.port';

/**
 * The events of a subscription a batch at a time: the one awaited, then whatever the adapter has
 * already read behind it (Subscription.takeBuffered). Catching up a long log, a runner then
 * awaits once per page instead of once per event; every event still arrives once, in order.
 */
export async function* batchesOf(subscription: Subscription): AsyncGenerator<StoredEvent[]> {
  for await (const first of subscription) {
    const rest = subscription.takeBuffered?.() ?? [];
    if (rest.length === 0) {
      yield [first];
      continue;
    }
    rest.unshift(first);
    yield rest;
  }
}
