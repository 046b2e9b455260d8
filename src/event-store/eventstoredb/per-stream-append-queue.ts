import { exactRevision } from '../append-rules';
import type { ExpectedRevision } from '../event-store.port';

interface QueuedAppend {
  /** The revision the stream will be at if this append succeeds; unknown for 'any'/'stream_exists'. */
  readonly produces: number | undefined;
  failed: boolean;
}

interface StreamQueue {
  tail: Promise<void>;
  readonly pending: Set<QueuedAppend>;
}

/**
 * Runs the appends of one stream one after the other, in call order, so that a caller may issue
 * an append expecting the revision an earlier, still pending append will produce (the port's
 * pipelining promise). Appends to different streams run concurrently.
 *
 * It also tells an append whether it depends on a predecessor that failed: one queued while that
 * predecessor was pending and expecting exactly the revision it would have produced. Such an
 * append must fail even if another writer has since brought the stream to that revision, since
 * it was decided on events that never landed.
 */
export class PerStreamAppendQueue {
  private readonly queues = new Map<string, StreamQueue>();

  run<T>(
    streamId: string,
    expectedRevision: ExpectedRevision,
    eventCount: number,
    append: (dependsOnFailedAppend: boolean) => Promise<T>,
  ): Promise<T> {
    const queue = this.queues.get(streamId) ?? { tail: Promise.resolve(), pending: new Set<QueuedAppend>() };
    this.queues.set(streamId, queue);
    const expected = exactRevision(expectedRevision);
    const entry: QueuedAppend = { produces: expected === undefined ? undefined : expected + eventCount, failed: false };
    const predecessors = [...queue.pending];
    queue.pending.add(entry);

    const outcome = queue.tail.then(async () => {
      try {
        const dependsOnFailed = predecessors.some((before) => before.failed && before.produces === expected);
        return await append(dependsOnFailed);
      } catch (error) {
        // Set before this append settles, so the next one in the queue sees it when it starts.
        entry.failed = true;
        throw error;
      } finally {
        queue.pending.delete(entry);
        if (queue.pending.size === 0 && this.queues.get(streamId) === queue) this.queues.delete(streamId);
      }
    });
    queue.tail = outcome.then(
      () => undefined,
      () => undefined,
    );
    return outcome;
  }
}
