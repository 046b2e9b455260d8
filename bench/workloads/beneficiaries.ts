import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, ResultRow } from '../lib/context';
import { PROJECT_ROOT } from '../lib/paths';

/** Issue 17's size: Tết Nhân ái 2026 aims at 1.5 million gifts. */
const FULL_HOUSEHOLDS = 1_500_000;
const QUICK_HOUSEHOLDS = 100_000;
/**
 * The write side keeps a keyed index of the registry in memory, but the import still holds the whole list, its events
 * and their stored rows at once, and B3 folds the staff's whole registry: room for 1.5M.
 */
const HEAP_MIB = 12_000;

interface ScaleAnswer {
  imported: {
    households: number; ledgerSeconds: number; rawSeconds: number; rows: number; ratio: number; ledgerCpuSeconds: number; rawCpuSeconds: number; cpuRatio: number;
    /** What the process held right after the import, in MiB. */
    heapMiB: number; rssMiB: number;
  };
  duplicate: {
    households: number; lines: number; baseP99: number; uncheckedP99: number; checkedP99: number; lookupP99: number; checkedP50: number;
    /** What the check adds to the same 500-line request with the check off (the figure). */
    addedP99: number; addedP50: number;
    /** What the distribution and its check add to a request without a distribution. */
    distributionAddedP99: number; distributionAddedP50: number;
    cpu: { baseP99: number; uncheckedP99: number; checkedP99: number; addedP99: number; distributionAddedP99: number };
  };
  coverage: { listSize: number; worstMs: number; bestMs: number };
  loadAverages: number[];
}

/**
 * The load at which a figure stops being the ledger's: more runnable processes than cores means
 * the workload waits for a CPU, and its wall-clock times (a p99 above all) measure the queue.
 */
function contention(load: number): string | null {
  const cores = availableParallelism();
  return load > cores ? `load average ${load} on ${cores} cores: the CPU was shared, so the wall-clock figure includes waiting for it` : null;
}

/**
 * B1–B3 (issue 17): beneficiaries-scale.ts in a process of its own (its heap holds the folded
 * registry), seeded like the rest of the bench; see that file for what each part measures.
 */
export async function runBeneficiariesWorkload(context: BenchContext): Promise<ResultRow[]> {
  const households = context.options.quick ? QUICK_HOUSEHOLDS : FULL_HOUSEHOLDS;
  context.log(`B1-B3: ${households} beneficiaries (import, duplicate-aid check, coverage) in a child process`);
  const script = join(PROJECT_ROOT, 'dist', 'bench', 'workloads', 'beneficiaries-scale.js');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MIB}`, script, '--households', String(households), '--seed', String(context.options.seed), '--json'], {
      cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n')) if (/^B\d /.test(line)) context.log(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`beneficiaries-scale exited ${code}: ${err.slice(-2000)}`))));
  });
  const line = output.split('\n').find((text) => text.startsWith('BENEFICIARIES_JSON '));
  if (!line) throw new Error('beneficiaries-scale printed no result line');
  const answer = JSON.parse(line.slice('BENEFICIARIES_JSON '.length)) as ScaleAnswer;
  const [, afterImport, afterCheck, afterCoverage] = answer.loadAverages;
  const { imported, duplicate, coverage } = answer;
  const notes = (id: string, load: number, cpu: string) => {
    const busy = contention(load);
    return busy ? [`${id}: ${busy}; ${cpu}`] : [];
  };
  return [
    {
      id: 'B1', workload: `import a commune list of ${imported.households} beneficiaries (rows/s)`, unit: 'rows/s',
      value: imported.rows / imported.ledgerSeconds, ceiling: imported.rows / imported.rawSeconds, ceilingLabel: 'raw batched insert of the same rows',
      ratio: imported.ratio, target: '≥ 0.5 × raw', met: imported.ratio >= 0.5, detail: { ...imported, loadAverage: afterImport },
      notes: notes('B1', afterImport, `by CPU time the ledger took ${imported.ledgerCpuSeconds.toFixed(1)} s against ${imported.rawCpuSeconds.toFixed(1)} s raw (${imported.cpuRatio.toFixed(2)} ×)`),
    },
    {
      id: 'B2', workload: `duplicate-aid check of a ${duplicate.lines}-line distribution at ${duplicate.households} beneficiaries (added p99)`, unit: 'ms',
      value: duplicate.addedP99, ceiling: null, ceilingLabel: '—', ratio: null, target: '≤ 2 ms added at p99', met: duplicate.addedP99 <= 2,
      detail: { ...duplicate, loadAverage: afterCheck },
      notes: [
        `B2: the same ${duplicate.lines}-line request with the check off (the policy's window at 0 days) took ${duplicate.uncheckedP99.toFixed(2)} ms at p99, `
          + `with the check and its look-ups ${duplicate.checkedP99.toFixed(2)} ms; by CPU time the check added ${duplicate.cpu.addedP99.toFixed(2)} ms at p99, `
          + `${duplicate.addedP50.toFixed(2)} ms at p50 in wall time. Over a request without a distribution (p99 ${duplicate.baseP99.toFixed(2)} ms), `
          + `the distribution and its check added ${duplicate.distributionAddedP99.toFixed(2)} ms at p99 (${duplicate.cpu.distributionAddedP99.toFixed(2)} ms of CPU)`,
        ...notes('B2', afterCheck, `by CPU time the check added ${duplicate.cpu.addedP99.toFixed(2)} ms at p99`),
      ],
    },
    {
      id: 'B3', workload: `coverage report of a ${coverage.listSize}-household list (worst of 5)`, unit: 'ms',
      value: coverage.worstMs, ceiling: null, ceilingLabel: '—', ratio: null, target: '< 1000 ms', met: coverage.worstMs < 1000,
      detail: { ...coverage, loadAverage: afterCoverage }, notes: notes('B3', afterCoverage, `best of 5 ${coverage.bestMs.toFixed(0)} ms`),
    },
  ];
}
