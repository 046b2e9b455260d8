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
 * The reads answered from read models, which follow the log a moment behind it: the funds, the
 * registers, balance and transfers, the statements and their reconciliation, the reports, and the
 * public totals, search, campaigns and days. Once the tab wrote, each waits for its write. Reads
 * of the log itself (a fund's policy, publications, obligations, beneficiaries, one donation) are
 * current at once and are left alone: given minPosition they would wait for every read model.
 */
const WAITING_READS = [
  /^\/v1\/funds$/,
  /^\/v1\/public\/funds\/[^/]+$/,
  /^\/v1\/(public\/)?funds\/[^/]+\/(balance|transfers|donations|disbursements|emergency-releases|statement-lines|statements|suspense|campaigns|daily)$/,
  /^\/v1\/(public\/)?funds\/[^/]+\/reports\/[^/]+$/,
  /^\/v1\/funds\/[^/]+\/bank-accounts\/[^/]+\/reconciliation$/,
];

/** `url` with the tab's last written position as minPosition, when it is a read that waits for it. */
export function waitingForOwnWrites(url: URL): URL | undefined {
  if (writtenPosition() === 0 || !WAITING_READS.some((read) => read.test(url.pathname)) || url.searchParams.has('minPosition')) return undefined;
  const waiting = new URL(url);
  waiting.searchParams.set('minPosition', String(writtenPosition()));
  return waiting;
}
