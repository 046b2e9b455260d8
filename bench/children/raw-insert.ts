import { failed, peakRssMiB, ready, serveRequests } from '../lib/child-side';
import { insertEventRows } from '../lib/raw-event-insert';

/** The ceiling of W1 in a process of its own: see insertEventRows. */
serveRequests(
  {
    insert: (message) => ({
      ...insertEventRows(String(message.source), String(message.target), Number(message.afterPosition ?? 0)),
      peakRssMiB: peakRssMiB(),
    }),
  },
  async () => undefined,
);
try {
  ready();
} catch (error) {
  failed(error);
}
