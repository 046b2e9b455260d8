import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection found alive, in percent: the
 * next full collection comes when the old generation reaches (1 + p/100) × that live set.
 */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = 'heap-growing-percent';

/**
 * Keeps the heap within about twice its live set (HEAP_GROWING_PERCENT), unless the process was
 * started with its own `--heap-growing-percent` on node's command line.
 *
 * With memory plentiful V8 lets the old generation grow to four times what survived the last
 * full collection before collecting again. The ledger's long runs keep little alive and allocate
 * much that dies young but outlives a scavenge (a batch of statement lines, a page of the log):
 * measured on `ledger import` of 1M lines, full collections found 12–34 MB alive while the heap
 * reached 150–160 MB, and the rebuild's two threads likewise (19 MB alive on the main thread
 * behind a 113 MB heap). At twice the live set the heap stays near 2 × 30 MB plus the young
 * generation, for 5–9 % more CPU (100k-line imports side by side, under load).
 *
 * The flag is read at every full collection, so setting it once at start covers the process and
 * its worker threads. Called by the entry points (the server's main and the CLI), before any work.
 */
export function keepHeapNearLiveSet(): void {
  // Node refuses this V8 flag in NODE_OPTIONS, so only the command line can have given it.
  if (process.execArgv.some((argument) => argument.replace(/_/g, '-').startsWith(`--${FLAG}`))) return;
  setFlagsFromString(`--${FLAG}=${HEAP_GROWING_PERCENT}`);
}
