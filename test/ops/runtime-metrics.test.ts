import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { RuntimeMetrics } from '../../src/ops/runtime-metrics';

/**
 * The process's own figures: prom-client's default names, and nothing left running once the
 * application closes (an event-loop histogram or a GC observer left behind keeps sampling, and
 * keeps every module of the application that started it).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe('RuntimeMetrics', () => {
  it('exposes the process figures under prom-client\'s default names, with the prefix', async () => {
    const registry = new Registry();
    const runtime = new RuntimeMetrics(registry, 'ledger_');
    try {
      const text = await registry.metrics();
      for (const name of [
        'ledger_process_cpu_user_seconds_total', 'ledger_process_start_time_seconds', 'ledger_process_resident_memory_bytes',
        'ledger_nodejs_eventloop_lag_seconds', 'ledger_nodejs_eventloop_lag_p99_seconds', 'ledger_nodejs_gc_duration_seconds',
        'ledger_nodejs_heap_size_used_bytes', 'ledger_nodejs_active_handles_total', 'ledger_nodejs_version_info',
      ]) expect(text).toContain(`# TYPE ${name} `);
    } finally {
      runtime.close();
    }
  });

  it('records event-loop delays and garbage collections until closed, and nothing after', async () => {
    const registry = new Registry();
    const runtime = new RuntimeMetrics(registry, 't_');
    let closed = false;
    try {
      const maxDelay = async () => {
        await registry.metrics();
        return (await registry.getSingleMetric('t_nodejs_eventloop_lag_max_seconds')?.get())?.values[0]?.value ?? 0;
      };
      const collections = async () => {
        const values = (await registry.getSingleMetric('t_nodejs_gc_duration_seconds')?.get())?.values ?? [];
        return values.filter((value) => (value as { metricName?: string }).metricName === 't_nodejs_gc_duration_seconds_count').reduce((sum, value) => sum + value.value, 0);
      };
      // Each scrape starts a new interval; the histogram samples the loop every 10 ms meanwhile.
      await maxDelay();
      await pause(50);
      expect(await maxDelay()).toBeGreaterThan(0);
      collectGarbage();
      await pause(30);
      const collected = await collections();
      expect(collected).toBeGreaterThan(0);

      runtime.close();
      closed = true;
      // The scrape takes what was sampled before the close; nothing is sampled after it.
      await maxDelay();
      await pause(50);
      expect(await maxDelay()).toBe(0);
      // An interval without a sample has no minimum: 0, as for the others, not the histogram's empty value (2^63).
      expect((await registry.getSingleMetric('t_nodejs_eventloop_lag_min_seconds')?.get())?.values[0]?.value).toBe(0);
      collectGarbage();
      await pause(30);
      expect(await collections()).toBe(collected);
    } finally {
      if (!closed) runtime.close();
    }
  });
});
