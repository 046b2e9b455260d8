import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchContext, ResultRow } from '../lib/context';
import { DISBURSEMENT_BODY, DONATION_BODY } from '../lib/data';
import { LocalHttp } from '../lib/http';
import { probeSamples } from '../lib/probe';
import { setUpLedger } from '../lib/setup';
import { summarize } from '../lib/stats';
import type { Child } from '../lib/children';

/** Disbursement requests before W3's counted ones alone, so that they meet code V8 has optimised (as in W5). */
const W3_WARMUP = 1_000;

interface FloodResult {
  durationS: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  latency: { p50: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, { count: number }>;
}

function floodOptions(port: number, fundId: string, token: string | undefined, seconds: number) {
  return {
    url: `http://127.0.0.1:${port}/v1/funds/${fundId}/donations`,
    connections: 50,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(DONATION_BODY),
    timeout: 30,
  };
}

async function cpuMs(child: Child): Promise<number> {
  return Number((await child.request({ type: 'cpu' }, 10_000)).cpuMs);
}

interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * A load of `seconds` on `server`; also answers the server's CPU time per answered request and
 * how late its event loop ran meanwhile (a long synchronous task shows as a large max).
 */
async function flood(loader: Child, server: Child, port: number, fundId: string, token: string | undefined, seconds: number): Promise<FloodResult & { serverCpuMsPerRequest: number; serverLoopDelay: LoopDelay }> {
  await server.request({ type: 'loopDelay' }, 10_000);
  const cpuBefore = await cpuMs(server);
  const answer = (await loader.request({ type: 'run', options: floodOptions(port, fundId, token, seconds) }, (seconds + 60) * 1000)) as unknown as FloodResult;
  const cpu = (await cpuMs(server)) - cpuBefore;
  const serverLoopDelay = (await server.request({ type: 'loopDelay' }, 10_000)) as unknown as LoopDelay;
  return { ...answer, serverCpuMsPerRequest: cpu / Math.max(1, answer.ok2xx), serverLoopDelay };
}

function assertClean(name: string, result: FloodResult): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.ok2xx === 0) {
    throw new Error(`${name}: ${result.ok2xx} ok, ${result.non2xx} non-2xx ${JSON.stringify(result.statusCodes)}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
}

/**
 * W2: durable POST /v1/funds/:fundId/donations at 50 connections against the bare Nest endpoint
 * on the same adapter, alternating ledger and bare (ABBA in the full run) after a warm-up of each.
 * W3: disbursement request latency, one request at a time, alone and then during a flood of
 * donations at 50 connections (the W2 load, from its own process).
 */
export async function runHttpWorkloads(context: BenchContext, want: { w2: boolean; w3: boolean }): Promise<ResultRow[]> {
  const { sizes } = context;
  const ledger = await context.startLedger(context.dataDir('http-ledger'), 'http', 'w2-ledger');
  const loader = context.spawn('flood', 'w2-autocannon');
  await loader.ready;
  const rows: ResultRow[] = [];
  try {
    const books = await setUpLedger(ledger.admin);
    const accountant = ledger.admin.withToken(books.accountantToken);
    if (want.w2) {
      const bare = context.spawn('bare', 'w2-bare', { profile: context.options.profile });
      const bareReady = await bare.ready;
      const barePort = Number(bareReady.port);
      const durable = context.spawn('bare', 'w2-durable-floor', { env: { BENCH_BARE_DURABLE_FILE: join(context.dataDir('w2-durable-floor'), 'events.db') } });
      try {
        const durablePort = Number((await durable.ready).port);
        context.log(`W2: warming up (${sizes.w2WarmupSeconds} s each)…`);
        await flood(loader, bare, barePort, books.fundId, books.accountantToken, sizes.w2WarmupSeconds);
        await flood(loader, durable, durablePort, books.fundId, books.accountantToken, sizes.w2WarmupSeconds);
        assertClean('W2 ledger warm-up', await flood(loader, ledger.child, ledger.port, books.fundId, books.accountantToken, sizes.w2WarmupSeconds));
        type Run = FloodResult & { serverCpuMsPerRequest: number; serverLoopDelay: LoopDelay };
        const runs: Record<'ledger' | 'bare' | 'durable', Run[]> = { ledger: [], bare: [], durable: [] };
        const servers = { ledger: { child: ledger.child, port: ledger.port }, bare: { child: bare, port: barePort }, durable: { child: durable, port: durablePort } };
        // Round 1: ledger, bare, durable floor; round 2 the other way round, so a drifting machine favours none.
        for (let round = 0; round < sizes.w2Rounds; round++) {
          const order = round % 2 === 0 ? (['ledger', 'bare', 'durable'] as const) : (['durable', 'bare', 'ledger'] as const);
          for (const side of order) {
            const result = await flood(loader, servers[side].child, servers[side].port, books.fundId, books.accountantToken, sizes.w2Seconds);
            assertClean(`W2 ${side}`, result);
            runs[side].push(result);
            context.log(`W2 ${side}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, server CPU ${(result.serverCpuMsPerRequest * 1000).toFixed(0)} µs/request, server event-loop delay p99 ${result.serverLoopDelay.p99Ms} ms, max ${result.serverLoopDelay.maxMs} ms`);
          }
        }
        const { ledger: ledgerRuns, bare: bareRuns, durable: durableRuns } = runs;
        const mean = (runs: Run[], figure: (run: Run) => number) => runs.reduce((sum, run) => sum + figure(run), 0) / runs.length;
        const ledgerCpuUs = mean(ledgerRuns, (run) => run.serverCpuMsPerRequest) * 1000;
        const bareCpuUs = mean(bareRuns, (run) => run.serverCpuMsPerRequest) * 1000;
        const value = mean(ledgerRuns, (run) => run.requestsPerSecond);
        const ceiling = mean(bareRuns, (run) => run.requestsPerSecond);
        const durableRate = mean(durableRuns, (run) => run.requestsPerSecond);
        const durableCpuUs = mean(durableRuns, (run) => run.serverCpuMsPerRequest) * 1000;
        rows.push({
          id: 'W2', workload: 'POST donations, durable, 50 connections', unit: 'req/s', value, ceiling, ceilingLabel: 'bare Nest + Fastify endpoint',
          ratio: value / ceiling, target: '≥ 0.80 of bare', met: value / ceiling >= 0.8,
          detail: {
            ledgerRuns: ledgerRuns.map((run) => ({ rps: run.requestsPerSecond, p50Ms: run.latency.p50, p99Ms: run.latency.p99, serverCpuUsPerRequest: run.serverCpuMsPerRequest * 1000, serverLoopDelay: run.serverLoopDelay })),
            bareRuns: bareRuns.map((run) => ({ rps: run.requestsPerSecond, p50Ms: run.latency.p50, p99Ms: run.latency.p99, serverCpuUsPerRequest: run.serverCpuMsPerRequest * 1000, serverLoopDelay: run.serverLoopDelay })),
            durableFloorRuns: durableRuns.map((run) => ({ rps: run.requestsPerSecond, p50Ms: run.latency.p50, p99Ms: run.latency.p99, serverCpuUsPerRequest: run.serverCpuMsPerRequest * 1000, serverLoopDelay: run.serverLoopDelay })),
            durableFloorRatio: durableRate / ceiling,
            secondsPerRun: sizes.w2Seconds,
            bodyBytes: Buffer.byteLength(JSON.stringify(DONATION_BODY)),
          },
          notes: [
            `W2: server CPU per request ${ledgerCpuUs.toFixed(0)} µs for the ledger, ${bareCpuUs.toFixed(0)} µs for the bare endpoint; request p99 ${ledgerRuns[0].latency.p99} ms vs ${bareRuns[0].latency.p99} ms; the ledger's event loop ran up to ${Math.max(...ledgerRuns.map((run) => run.serverLoopDelay.maxMs))} ms late (p99 ${ledgerRuns[0].serverLoopDelay.p99Ms} ms).`,
            `W2 durable floor: the bare endpoint that also writes each donation as a row of the store's events table and answers after the commit (WAL, synchronous=FULL, one transaction per turn of its event loop; no validation, auth, decision, hash chain or projection) did ${durableRate.toFixed(0)} req/s in the same rounds, ${(durableRate / ceiling).toFixed(2)}× the bare endpoint, at ${durableCpuUs.toFixed(0)} µs of server CPU per request: on one event loop, the insert and the fsync alone leave ${(durableRate / ceiling).toFixed(2)}× of the bare rate to any durable endpoint, and the ledger is at ${(value / durableRate).toFixed(2)}× of that floor.`,
          ],
        });
      } finally {
        await bare.stop();
        await durable.stop();
      }
    }
    if (want.w3) rows.push(await runW3(context, ledger.child, ledger.port, books.fundId, books.accountantToken, accountant, loader));
    return rows;
  } finally {
    await loader.stop();
    await ledger.child.stop();
    ledger.admin.close();
  }
}

async function runW3(context: BenchContext, server: Child, port: number, fundId: string, token: string, accountant: LocalHttp, loader: Child): Promise<ResultRow> {
  const { sizes } = context;
  // Money to disburse from, whether or not W2 ran first.
  await accountant.expect(201, 'POST', `/v1/funds/${fundId}/donations`, { ...DONATION_BODY, amount: '1000000000000' });
  const probe = context.spawn('probe', 'w3-probe');
  await probe.ready;
  const requests = [{ method: 'POST', path: `/v1/funds/${fundId}/disbursements`, body: DISBURSEMENT_BODY }];
  try {
    context.log(`W3: ${sizes.w3Requests} disbursement requests alone…`);
    const alone = summarize(await probeSamples(probe, { port, token, count: sizes.w3Requests, warmup: W3_WARMUP, expectStatus: 201, requests }));
    context.log(`W3 alone: p50 ${alone.p50.toFixed(2)} ms, p99 ${alone.p99.toFixed(2)} ms`);
    context.log(`W3: disbursement requests during a ${sizes.w3FloodSeconds} s donation flood at 50 connections…`);
    const flooding = flood(loader, server, port, fundId, token, sizes.w3FloodSeconds);
    // Let the flood reach its pace, then probe until a second before it ends.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const duringSamples = await probeSamples(probe, { port, token, count: sizes.w3Requests, warmup: 0, forMs: (sizes.w3FloodSeconds - 2) * 1000, expectStatus: 201, requests });
    const floodResult = await flooding;
    assertClean('W3 flood', floodResult);
    const during = summarize(duringSamples);
    context.log(`W3 during flood: p50 ${during.p50.toFixed(2)} ms, p99 ${during.p99.toFixed(2)} ms (${during.count} requests; flood ${floodResult.requestsPerSecond.toFixed(0)} req/s)`);
    const ratio = during.p99 / alone.p99;
    const floor = await bareFloor(context, loader, probe, fundId, token, requests);
    context.log(`W3 floor, the bare endpoint: p50 ${floor.alone.p50.toFixed(2)} ms, p99 ${floor.alone.p99.toFixed(2)} ms alone; p50 ${floor.during.p50.toFixed(2)} ms, p99 ${floor.during.p99.toFixed(2)} ms during its own flood (${floor.requestsPerSecond.toFixed(0)} req/s)`);
    const floorRatio = floor.during.p99 / floor.alone.p99;
    return {
      id: 'W3', workload: 'disbursement request p99 during a W2 flood', unit: 'ms', value: during.p99, ceiling: alone.p99, ceilingLabel: 'same, alone',
      ratio, target: '≤ 1.5× alone', met: ratio <= 1.5,
      detail: {
        alone: round(alone), duringFlood: round(during),
        flood: { requestsPerSecond: floodResult.requestsPerSecond, p50Ms: floodResult.latency.p50, p99Ms: floodResult.latency.p99, serverLoopDelay: floodResult.serverLoopDelay },
        bareFloor: { alone: round(floor.alone), duringFlood: round(floor.during), ratio: floorRatio, floodRequestsPerSecond: floor.requestsPerSecond },
      },
      notes: [
        `W3 p50: ${alone.p50.toFixed(2)} ms alone, ${during.p50.toFixed(2)} ms during the flood (${floodResult.requestsPerSecond.toFixed(0)} donations/s).`,
        `W3 floor: the bare endpoint's disbursement route (no auth, no decision, no store), probed the same way alone and during a flood of bare donations at 50 connections: p99 ${floor.alone.p99.toFixed(2)} ms alone, ${floor.during.p99.toFixed(2)} ms during (${floorRatio.toFixed(2)}×; p50 ${floor.alone.p50.toFixed(2)} and ${floor.during.p50.toFixed(2)} ms; ${floor.requestsPerSecond.toFixed(0)} req/s). The flood's generator, the server and the probe share two cores: what a request waits for there, the ledger's requests wait for too.`,
      ],
    };
  } finally {
    await probe.stop();
  }
}

/**
 * W3's floor: the same probe against the bare endpoint, alone and during a flood of the bare
 * endpoint's donations from the same generator. What it shows is what the machine (two cores for
 * the generator, the server and the probe) and one Node event loop cost a request, with no ledger.
 */
async function bareFloor(context: BenchContext, loader: Child, probe: Child, fundId: string, token: string, requests: { method: string; path: string; body: unknown }[]) {
  const { sizes } = context;
  const bare = context.spawn('bare', 'w3-bare');
  const port = Number((await bare.ready).port);
  try {
    const alone = summarize(await probeSamples(probe, { port, token, count: sizes.w3Requests, warmup: W3_WARMUP, expectStatus: 201, requests }));
    const flooding = flood(loader, bare, port, fundId, token, sizes.w3FloodSeconds);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const during = summarize(await probeSamples(probe, { port, token, count: sizes.w3Requests, warmup: 0, forMs: (sizes.w3FloodSeconds - 2) * 1000, expectStatus: 201, requests }));
    const floodResult = await flooding;
    assertClean('W3 bare flood', floodResult);
    return { alone, during, requestsPerSecond: floodResult.requestsPerSecond };
  } finally {
    await bare.stop();
  }
}

function round(summary: ReturnType<typeof summarize>) {
  return { count: summary.count, p50Ms: +summary.p50.toFixed(3), p99Ms: +summary.p99.toFixed(3), maxMs: +summary.max.toFixed(3), meanMs: +summary.mean.toFixed(3) };
}
