import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { ChildMessage } from './children';

type Handler = (message: ChildMessage) => Promise<Record<string, unknown>> | Record<string, unknown>;

/**
 * The child's end of the IPC protocol: answers requests by type, says when it is ready, and
 * exits when the bench disconnects, so no child outlives the run.
 */
export function serveRequests(handlers: Record<string, Handler>, onStop: () => Promise<void>): void {
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'stop') {
      void onStop().finally(() => process.exit(0));
      return;
    }
    const handler = message.type === 'cpu' ? cpuUsage : message.type === 'loopDelay' ? loopDelay : handlers[message.type];
    if (!handler) {
      send({ type: 'error', id: message.id, error: `unknown request ${message.type}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message))
      .then(
        (answer) => send({ ...answer, type: `${message.type}:done`, id: message.id }),
        (error: unknown) => send({ type: 'error', id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
      );
  });
  process.on('disconnect', () => {
    void onStop().finally(() => process.exit(0));
  });
}

/** CPU time this process has used so far (user + system), in ms: every child answers `cpu`. */
function cpuUsage(): Record<string, unknown> {
  const { user, system } = process.cpuUsage();
  return { cpuMs: (user + system) / 1000 };
}

let loopHistogram: IntervalHistogram | undefined;

/**
 * How late this process's event loop ran since the previous `loopDelay` request (the first one
 * starts the measurement): long synchronous tasks (fsync inside a commit, a big JSON.stringify)
 * show here, whatever the profiler attributes them to.
 */
function loopDelay(): Record<string, unknown> {
  if (!loopHistogram) {
    loopHistogram = monitorEventLoopDelay({ resolution: 10 });
    loopHistogram.enable();
    return {};
  }
  const ms = (ns: number) => +(ns / 1e6).toFixed(2);
  const answer = { p50Ms: ms(loopHistogram.percentile(50)), p99Ms: ms(loopHistogram.percentile(99)), maxMs: ms(loopHistogram.max) };
  loopHistogram.reset();
  return answer;
}

export function send(message: ChildMessage): void {
  if (process.send && process.connected) process.send(message);
}

export function ready(payload: Record<string, unknown> = {}): void {
  send({ type: 'ready', ...payload });
}

/** Reports a failure to start, then exits. */
export function failed(error: unknown): never {
  const text = error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`${text}\n`);
  send({ type: 'failed', error: text });
  process.exit(1);
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
