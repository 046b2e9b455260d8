import autocannon from 'autocannon';
import { failed, ready, serveRequests } from '../lib/child-side';

/**
 * Load generator in a process of its own (autocannon, programmatic): it must not share an event
 * loop with the server it loads, nor with the latency probe of W3. `run` takes autocannon's
 * options and answers with the figures the bench reads.
 */
serveRequests(
  {
    run: async (message) => {
      const options = message.options as autocannon.Options;
      const result = await autocannon(options);
      const seconds = result.duration;
      return {
        durationS: seconds,
        ok2xx: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        requestsPerSecond: result['2xx'] / seconds,
        latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
        statusCodes: result.statusCodeStats,
      };
    },
  },
  async () => undefined,
);
try {
  ready();
} catch (error) {
  failed(error);
}
