import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchContext, FULL, QUICK, type BenchOptions, type ResultRow } from './lib/context';
import { ensureEmmettPeer } from './lib/peer';
import { machineFacts, table, writeResults } from './lib/report';
import { runAppendWorkload } from './workloads/appends';
import { runBeneficiariesWorkload } from './workloads/beneficiaries';
import { runHttpWorkloads } from './workloads/http-load';
import { runImportWorkload } from './workloads/import';
import { runLogWorkloads } from './workloads/log-workloads';
import { runProofsWorkload } from './workloads/proofs';

const USAGE = `Usage: npm run bench [-- --quick] [-- --seed N] [-- --only W2,W3] [-- --profile] [-- --keep]

  --quick      100k statement rows and log events, shorter HTTP runs (under two minutes)
  --seed N     the seed of all generated data (default 20240907, printed either way)
  --only LIST  run only these workloads (W1..W7, proofs, beneficiaries); bench/RESULTS.md and results.json are then not written
  --profile    run the ledger's processes with --cpu-prof; profiles stay in the temporary folder
  --keep       keep the temporary folder (data, logs, profiles)
`;

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      seed: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const seed = values.seed === undefined ? 20240907 : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be an integer in [0, 2^32), not ${values.seed}`);
  const only = values.only ? new Set(values.only.split(',').map((id) => id.trim().toUpperCase())) : null;
  for (const id of only ?? []) if (!/^(W[1-7]|PROOFS|BENEFICIARIES)$/.test(id)) throw new Error(`--only takes W1..W7, proofs and beneficiaries, not ${id}`);
  return { quick: values.quick, seed, only, profile: values.profile, keep: values.keep || values.profile };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sizes = options.quick ? QUICK : FULL;
  const workDir = mkdtempSync(join(tmpdir(), 'ctd-bench-'));
  const started = performance.now();
  const log = (line: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const context = new BenchContext(options, sizes, workDir, log);
  const wants = (id: string) => options.only === null || options.only.has(id);
  const machine = machineFacts();
  log(`ctd-fund-ledger bench: ${options.quick ? 'quick' : 'full'} run, seed ${options.seed}`);
  log(`machine: ${machine.cpuModel}, ${machine.nproc} cores, ${machine.memoryGiB} GiB, node ${machine.node}, load average ${machine.loadAverageAtStart}; working in ${workDir}`);
  const cleanUp = () => context.children.killAll();
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  const rows: ResultRow[] = [];
  let failures = 0;
  /** A workload that fails is reported as such in the table; the others still run. */
  const attempt = async (ids: string[], work: () => Promise<ResultRow[]>) => {
    try {
      rows.push(...(await work()));
    } catch (error) {
      failures += 1;
      context.children.killAll();
      const message = error instanceof Error ? error.message : String(error);
      log(`${ids.join('/')} failed: ${message}`);
      for (const id of ids) {
        rows.push({ id, workload: '(failed)', unit: '', value: null, ceiling: null, ceilingLabel: '—', ratio: null, target: '—', met: null,
          status: 'error', detail: { error: message }, notes: [`${id}: error: ${message.split('\n')[0]}`] });
      }
    }
  };
  if (wants('W6')) {
    // Before any measurement: the one-time install compiles sqlite3, which must not overlap a workload.
    const peer = ensureEmmettPeer(log);
    if (!peer.available) log(`W6 peer unavailable: ${peer.reason}`);
  }
  const http = ['W2', 'W3'].filter(wants);
  if (http.length > 0) await attempt(http, () => runHttpWorkloads(context, { w2: wants('W2'), w3: wants('W3') }));
  const logIds = ['W4', 'W5', 'W7'].filter(wants);
  if (logIds.length > 0) await attempt(logIds, () => runLogWorkloads(context, { w4: wants('W4'), w5: wants('W5'), w7: wants('W7') }));
  if (wants('W6')) await attempt(['W6'], async () => [await runAppendWorkload(context)]);
  if (wants('W1')) await attempt(['W1'], async () => [await runImportWorkload(context)]);
  // After W2, whose server CPU per donation it is compared with.
  if (wants('PROOFS')) await attempt(['proofs'], () => runProofsWorkload(context, rows));
  // Issue 17's B1-B3: 1.5M beneficiaries (100k with --quick), last, in a process of its own.
  if (wants('BENEFICIARIES')) await attempt(['B1', 'B2', 'B3'], () => runBeneficiariesWorkload(context));
  rows.sort((a, b) => a.id.localeCompare(b.id));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\nSeed ${options.seed} · ${options.quick ? 'quick' : 'full'} run · ${seconds.toFixed(0)} s\n\n${table(rows)}\n\n`);
  for (const note of rows.flatMap((row) => row.notes ?? [])) process.stdout.write(`- ${note}\n`);
  if (options.only === null) {
    writeResults({ mode: options.quick ? 'quick' : 'full', seed: options.seed, seconds, machine, rows });
    process.stdout.write('\nWritten: bench/RESULTS.md, bench/results.json\n');
  }
  if (options.keep || failures > 0) process.stdout.write(`Kept: ${workDir}${context.profileDir ? ` (CPU profiles in ${context.profileDir})` : ''}${failures > 0 ? ' (a workload failed: see logs/)' : ''}\n`);
  else rmSync(workDir, { recursive: true, force: true });
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
