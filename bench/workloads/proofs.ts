import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { eventLeafHash } from '../../src/proofs/merkle-tree';
import { checkInclusion } from '../../src/proofs/verify';
import { MERKLE_TREE_FILE } from '../../src/config/data-files';
import { MerkleTreeStore } from '../../src/transparency/merkle-tree-store';
import type { BenchContext, ResultRow } from '../lib/context';
import { BENCH_DIR } from '../lib/paths';
import { Prng } from '../lib/prng';
import { percentile } from '../lib/stats';

/** Leaves per transaction while the tree follows a busy log: what the follower's batches hold under W2's load. */
const FOLLOWER_BATCH = 32;
const PROOFS = 20_000;
const RESULTS_FILE = join(BENCH_DIR, 'results.json');

/** The server CPU per W2 donation request: this run's W2 if it ran, else the last written results. */
function w2CpuUsPerRequest(rows: readonly ResultRow[]): { us: number; source: string } | undefined {
  const mean = (runs: Array<{ serverCpuUsPerRequest: number }>) => runs.reduce((sum, run) => sum + run.serverCpuUsPerRequest, 0) / runs.length;
  const here = rows.find((row) => row.id === 'W2')?.detail.ledgerRuns as Array<{ serverCpuUsPerRequest: number }> | undefined;
  if (here?.length) return { us: mean(here), source: 'this run' };
  try {
    const last = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { W2?: { detail?: { ledgerRuns?: Array<{ serverCpuUsPerRequest: number }> } }; meta?: { date?: string } };
    const runs = last.W2?.detail?.ledgerRuns;
    return runs?.length ? { us: mean(runs), source: `bench/results.json${last.meta?.date ? ` of ${last.meta.date}` : ''}` } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * proofs: the cost of keeping the Merkle tree beside the log, and of an inclusion proof at a
 * million events. The tree follows the log in the server's process, off the append path, so what
 * it adds to a donation is the CPU it spends per event: a leaf hash, on average one interior hash,
 * and a leaf row and on average one subtree row written in the follower's batches. That CPU per
 * event (process.cpuUsage around the appends) is set against the server CPU per W2 request.
 * Leaves are the seeded hashes of synthetic events, as the log's own hex hashes would be.
 */
export async function runProofsWorkload(context: BenchContext, rowsSoFar: readonly ResultRow[]): Promise<ResultRow[]> {
  const leaves = context.options.quick ? 100_000 : 1_000_000;
  const prng = new Prng(context.options.seed);
  const tree = new MerkleTreeStore(join(context.dataDir('proofs'), MERKLE_TREE_FILE));
  try {
    context.log(`proofs: building a tree of ${leaves} leaves in batches of ${FOLLOWER_BATCH}`);
    const eventHashOf = (i: number) => createHash('sha256').update(`${context.options.seed}:${i}`).digest('hex');
    let cpuUs = 0;
    let wallMs = 0;
    for (let start = 0; start < leaves; start += FOLLOWER_BATCH) {
      const hashes = Array.from({ length: Math.min(FOLLOWER_BATCH, leaves - start) }, (_, i) => eventHashOf(start + i));
      const cpu = process.cpuUsage();
      const began = performance.now();
      tree.append(hashes.map((hash, i) => ({ position: start + i + 1, leafHash: eventLeafHash(hash) })));
      wallMs += performance.now() - began;
      const used = process.cpuUsage(cpu);
      cpuUs += used.user + used.system;
    }
    const cpuUsPerEvent = cpuUs / leaves;
    const w2 = w2CpuUsPerRequest(rowsSoFar);
    const overheadPercent = w2 === undefined ? null : (cpuUsPerEvent / w2.us) * 100;

    context.log(`proofs: ${PROOFS} inclusion proofs at tree size ${leaves}`);
    const root = tree.root(leaves);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    let invalid = 0;
    for (let i = 0; i < PROOFS; i++) {
      const leafIndex = prng.next() % leaves;
      const cpu = process.cpuUsage();
      const began = performance.now();
      const path = tree.inclusionProof(leafIndex, leaves);
      samples.push(performance.now() - began);
      const used = process.cpuUsage(cpu);
      cpuSamples.push((used.user + used.system) / 1000);
      if (i % 1000 === 0 && !checkInclusion(eventLeafHash(eventHashOf(leafIndex)), leafIndex, leaves, path, root).valid) invalid += 1;
    }
    samples.sort((a, b) => a - b);
    cpuSamples.sort((a, b) => a - b);
    const p99 = percentile(samples, 99);
    // On a shared machine a proof's wall time also holds the time the process was not running.
    const cpuP99 = percentile(cpuSamples, 99);
    const loadAverage = loadavg()[0];
    const size = leaves === 1_000_000 ? '1M' : `${leaves / 1000}k`;
    return [
      {
        id: 'proofs/append', workload: `append with the Merkle tree kept, ${size} events, batches of ${FOLLOWER_BATCH}`, unit: '% of W2 CPU',
        value: overheadPercent, ceiling: null, ceilingLabel: 'server CPU per W2 donation', ratio: null, target: '≤ 5 % of W2',
        met: overheadPercent === null ? null : overheadPercent <= 5, status: w2 === undefined ? 'W2 unknown: run W2 first' : undefined,
        detail: { leaves, batch: FOLLOWER_BATCH, cpuUsPerEvent, wallUsPerEvent: (wallMs * 1000) / leaves, w2CpuUsPerRequest: w2?.us ?? null, w2Source: w2?.source ?? null },
        notes: [`proofs/append: ${cpuUsPerEvent.toFixed(1)} µs CPU per event for the tree (leaf hash, interior hashes, rows), against ${w2 ? `${w2.us.toFixed(0)} µs server CPU per W2 donation (${w2.source})` : 'no W2 figure'}.`],
      },
      {
        id: 'proofs/inclusion', workload: `inclusion proof at ${size} events, ${PROOFS} random leaves`, unit: 'ms p99',
        value: p99, ceiling: null, ceilingLabel: '—', ratio: null, target: '< 5 ms', met: p99 < 5 && invalid === 0,
        detail: { leaves, proofs: PROOFS, p50Ms: percentile(samples, 50), p99Ms: p99, maxMs: samples[samples.length - 1], cpuP99Ms: cpuP99, loadAverage, pathLength: tree.inclusionProof(0, leaves).length, invalid },
        notes: [`proofs/inclusion: p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${samples[samples.length - 1].toFixed(2)} ms (CPU p99 ${cpuP99.toFixed(3)} ms; load average ${loadAverage.toFixed(1)} on ${cpus().length} cores); every 1000th proof verified (${invalid} failed).`],
      },
    ];
  } finally {
    tree.close();
  }
}
