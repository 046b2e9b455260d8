import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LedgerCoreModule } from '../../src/ledger-core.module';
import { type LedgerConfig, limitsFromEnv } from '../../src/config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { keepHeapNearLiveSet } from '../../src/ops/heap-growth';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { failed, peakRssMiB, ready, serveRequests } from '../lib/child-side';

/**
 * The ledger in a process of its own, on the bench's data folder:
 * - BENCH_LEDGER_MODE=http: the HTTP application exactly as `npm start` builds it
 *   (createLedgerApp), listening on 127.0.0.1 on a free port;
 * - BENCH_LEDGER_MODE=core: the ledger's core without HTTP (store, write side, projection
 *   runners), as the CLI runs it; for timing projection catch-up (W1, W4).
 * It answers `status` (head of the log, each projection's position, peak RSS) and
 * `caughtUp` (resolves once every projection has applied the head of the log).
 */
const mode = process.env.BENCH_LEDGER_MODE === 'core' ? 'core' : 'http';
const config: LedgerConfig = {
  store: 'sqlite',
  dataDir: required('BENCH_DATA_DIR'),
  eventStoreConnectionString: null,
  port: 0,
  adminToken: required('BENCH_ADMIN_TOKEN'),
  logLevel: 'warn',
  // LEDGER_PUBLIC_RATE_LIMIT from bench/lib/context.ts: W5's thousands of public reads come from one address.
  limits: limitsFromEnv(process.env),
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) failed(new Error(`${name} is not set`));
  return value;
}

async function main(): Promise<void> {
  // The heap policy of the ledger's entry points (src/main.ts, the CLI), so the peak RSS measured
  // here is the one `npm start` and `ledger serve` have.
  keepHeapNearLiveSet();
  const startedAt = performance.now();
  let app: INestApplicationContext;
  let port: number | undefined;
  if (mode === 'http') {
    // Loaded in this mode only: the HTTP application's modules (Fastify, the controllers, the
    // OpenAPI description) are about 45 MiB resident, which the core alone, as the CLI runs it,
    // never loads, and W4 measures this process's peak RSS.
    const { createLedgerApp } = await import('../../src/ledger-app');
    const http = await createLedgerApp(config);
    await http.listen({ port: 0, host: '127.0.0.1' });
    const address = http.getHttpServer().address();
    port = typeof address === 'object' && address ? address.port : undefined;
    app = http;
  } else {
    app = await NestFactory.createApplicationContext(LedgerCoreModule.register(config), { logger: ['error', 'warn'], abortOnError: false });
  }
  const bootMs = performance.now() - startedAt;
  const store = app.get<EventStore>(EVENT_STORE);
  const projections = app.get(ProjectionsService);

  /** CPU time of this process so far (its event loop, SQLite in it, V8's helper threads), in ms. */
  const cpuMs = (): number => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const positions = (): Record<string, number> => {
    const result: Record<string, number> = {};
    for (const runner of projections.all()) result[runner.projection.name] = runner.appliedPosition;
    for (const runner of projections.allTables()) result[runner.projection.name] = runner.appliedPosition;
    return result;
  };
  const errors = (): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const runner of [...projections.all(), ...projections.allTables()]) if (runner.lastError) result[runner.projection.name] = runner.lastError;
    return result;
  };

  serveRequests(
    {
      status: async () => ({ head: await store.headPosition(), positions: positions(), errors: errors(), peakRssMiB: peakRssMiB(), sinceStartMs: performance.now() - startedAt, cpuMs: cpuMs() }),
      /** Polls its own runners every 5 ms, so the time is exact to a few ms; bounded by timeoutMs. */
      caughtUp: async (message) => {
        const head = typeof message.head === 'number' ? message.head : await store.headPosition();
        const deadline = performance.now() + Number(message.timeoutMs ?? 3_600_000);
        const reachedAt: Record<string, number> = {};
        let caughtUpAtMs: number | undefined;
        // Where the memory goes while catching up: the V8 heap, or native (SQLite page caches, buffers).
        const peak = { heapUsedMiB: 0, heapTotalMiB: 0, externalMiB: 0, rssMiB: 0 };
        for (;;) {
          const now = performance.now();
          const memory = process.memoryUsage();
          peak.heapUsedMiB = Math.max(peak.heapUsedMiB, memory.heapUsed / 1048576);
          peak.heapTotalMiB = Math.max(peak.heapTotalMiB, memory.heapTotal / 1048576);
          peak.externalMiB = Math.max(peak.externalMiB, memory.external / 1048576);
          peak.rssMiB = Math.max(peak.rssMiB, memory.rss / 1048576);
          for (const [name, position] of Object.entries(positions())) if (position >= head && reachedAt[name] === undefined) reachedAt[name] = now - startedAt;
          // With `indexed`, a register counts as caught up once its deferred indexes exist too: it cannot be read before.
          const applied = Object.values(positions()).every((position) => position >= head);
          if (applied && caughtUpAtMs === undefined) caughtUpAtMs = now - startedAt;
          const indexed = message.indexed !== true || projections.allTables().every((runner) => runner.indexed);
          if (applied && indexed) {
            return { head, sinceStartMs: now - startedAt, bootMs, reachedAtMs: reachedAt, appliedHeadAtMs: caughtUpAtMs ?? now - startedAt, peakRssMiB: peakRssMiB(), peakMemory: peak, cpuMs: cpuMs() };
          }
          if (now > deadline) throw new Error(`projections not caught up with ${head} in time: ${JSON.stringify(positions())} ${JSON.stringify(errors())}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
    },
    () => app.close(),
  );
  ready({ port, bootMs });
}

main().catch(failed);
