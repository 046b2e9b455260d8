import { constants, monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { Gauge, Histogram, type Registry } from 'prom-client';

/** One of prom-client's default metrics, as its own module registers it. */
type DefaultMetric = (registry: Registry, config: { prefix: string }) => void;

/**
 * prom-client's default metrics that keep nothing running: each reads the process when scraped.
 * Its event-loop delay and GC metrics are not among them (see RuntimeMetrics).
 */
const SCRAPED_DEFAULT_METRICS = [
  'processCpuTotal', 'processStartTime', 'osMemoryHeap', 'processOpenFileDescriptors', 'processMaxFileDescriptors',
  ...(typeof process.getActiveResourcesInfo === 'function' ? ['processResources'] : []),
  'processHandles', 'processRequests', 'heapSizeAndUsed', 'heapSpacesSizeAndUsed', 'version',
];

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/**
 * The process's own figures on /metrics under prom-client's default names (`<prefix>process_…`,
 * `<prefix>nodejs_…`), with what they keep running released by close(). prom-client's
 * collectDefaultMetrics starts an event-loop delay histogram (sampling every 10 ms) and a GC
 * observer and gives no way to stop them (prometheus/client_js issues 494 and 500): each ledger
 * application started and closed in one process (a test file starts dozens; `ledger serve` once)
 * left them running, and with them every module the application had loaded. Here the two are
 * made as that function makes them, and stopped when the application closes.
 */
export class RuntimeMetrics {
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private readonly gcObserver: PerformanceObserver;

  constructor(registry: Registry, prefix: string) {
    for (const name of SCRAPED_DEFAULT_METRICS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- prom-client's per-metric modules have no typings.
      (require(`prom-client/lib/metrics/${name}`) as DefaultMetric)(registry, { prefix });
    }
    this.loopDelay.enable();
    const loopDelay = this.loopDelay;
    const gauge = (suffix: string, help: string) => new Gauge({ name: `${prefix}nodejs_eventloop_lag${suffix}_seconds`, help, registers: [registry] });
    // Registered first: a scrape reads it first, and its collect sets the figures of the interval since the last scrape.
    new Gauge({
      name: `${prefix}nodejs_eventloop_lag_seconds`, help: 'Lag of event loop in seconds.', registers: [registry],
      async collect() {
        const started = process.hrtime.bigint();
        await new Promise((resolve) => setImmediate(resolve));
        this.set(Number(process.hrtime.bigint() - started) / 1e9);
        // An interval without a sample reads 0: the empty histogram's minimum is 2^63 ns.
        const sampled = loopDelay.count > 0;
        for (const [figure, read] of figures) figure.set(sampled && Number.isFinite(read()) ? read() / 1e9 : 0);
        loopDelay.reset();
      },
    });
    const figures: [Gauge, () => number][] = [
      [gauge('_min', 'The minimum recorded event loop delay.'), () => loopDelay.min],
      [gauge('_max', 'The maximum recorded event loop delay.'), () => loopDelay.max],
      [gauge('_mean', 'The mean of the recorded event loop delays.'), () => loopDelay.mean],
      [gauge('_stddev', 'The standard deviation of the recorded event loop delays.'), () => loopDelay.stddev],
      [gauge('_p50', 'The 50th percentile of the recorded event loop delays.'), () => loopDelay.percentile(50)],
      [gauge('_p90', 'The 90th percentile of the recorded event loop delays.'), () => loopDelay.percentile(90)],
      [gauge('_p99', 'The 99th percentile of the recorded event loop delays.'), () => loopDelay.percentile(99)],
    ];
    const gcSeconds = new Histogram({
      name: `${prefix}nodejs_gc_duration_seconds`, help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
      labelNames: ['kind'], buckets: [0.001, 0.01, 0.1, 1, 2, 5], registers: [registry],
    });
    this.gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = GC_KINDS[(entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'unknown';
        gcSeconds.observe({ kind }, entry.duration / 1000);
      }
    });
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  close(): void {
    this.loopDelay.disable();
    this.gcObserver.disconnect();
  }
}
