/**
 * The newest log position this tab wrote (through the typed client or the field outbox): reads
 * of the registers wait for it, so a screen never shows the state before its own write.
 */
let lastWrittenPosition = 0;

export function noteWrittenPosition(position: unknown): void {
  if (typeof position === 'number' && position > lastWrittenPosition) lastWrittenPosition = position;
}

export function writtenPosition(): number {
  return lastWrittenPosition;
}

/**
 * Reads of a fund, staff or public: each takes `?minPosition=` (a route that reads the log itself
 * waits for every read model), so once the tab wrote, every one of them shows its own write.
 */
const WAITING_READS = /^\/v1\/(public\/)?funds(\/|$)/;

/** `url` with the tab's last written position as minPosition, when it is a read that waits for it. */
export function waitingForOwnWrites(url: URL): URL | undefined {
  if (writtenPosition() === 0 || !WAITING_READS.test(url.pathname) || url.searchParams.has('minPosition')) return undefined;
  const waiting = new URL(url);
  waiting.searchParams.set('minPosition', String(writtenPosition()));
  return waiting;
}
