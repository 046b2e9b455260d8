import type { CommitObservation } from '../event-store.port';

/** What the commit observer is told of one group commit, whose appends were answered just now. */
export function commitObservation(batch: readonly { queuedAtMs: number }[], events: number, commitMs: number, failed: boolean): CommitObservation {
  const answeredAtMs = performance.now();
  return {
    appends: batch.length, events, appendSeconds: batch.map((append) => (answeredAtMs - append.queuedAtMs) / 1000), commitSeconds: commitMs / 1000, failed,
  };
}
