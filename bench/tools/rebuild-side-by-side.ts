/**
 * W4's rebuild, one build beside another on copies of one log: each run copies the log into a
 * fresh folder (no read models, no Merkle tree: both are built from the log, as in W4 where the
 * tree holds only the setup's events), starts the bench's ledger child of that build in core mode
 * and times it until every projection has applied the head and every register has its deferred
 * indexes, as W4 does. Runs alternate between the builds, so both see the same load.
 *
 *   npm run build:server && npx tsc -p bench/tsconfig.json && node dist/bench/tools/rebuild-side-by-side.js \
 *     --log FOLDER [--before OTHER/dist] [--rounds 2]
 *
 * FOLDER holds a generated log: the `log-ledger` folder a W4 run leaves with `--keep`
 * (`node dist/bench/run.js --only W4 --keep`, `--quick` for 100k events). OTHER/dist is another
 * build with its bench compiled (say, a worktree of main: `npm run build:server && npx tsc -p
 * bench/tsconfig.json`). Printed per run: wall seconds, the child's CPU seconds (which the
 * machine's load does not inflate as it does wall time), its peak RSS (getrusage, as W4 reports
 * it) and the peak of its main thread's V8 heap.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Child } from '../lib/children';
import { BENCH_ADMIN_TOKEN } from '../lib/setup';

/** The log and the key that signs its checkpoints; everything else is rebuilt from them. */
const LOG_FILES = ['ledger.db', 'signing-key.pem'];

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

interface Figures {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  mainHeapMiB: number;
}

async function rebuildOnce(dist: string, log: string, label: string): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctd-rebuild-'));
  try {
    for (const file of LOG_FILES) if (existsSync(join(log, file))) copyFileSync(join(log, file), join(dataDir, file));
    const child = Child.spawn(join(dist, 'bench', 'children', 'ledger.js'), {
      name: `rebuild-${label}`,
      logDir: dataDir,
      env: { BENCH_LEDGER_MODE: 'core', BENCH_DATA_DIR: dataDir, BENCH_ADMIN_TOKEN },
    });
    try {
      try {
        await child.ready;
      } catch (error) {
        throw new StartFailure(error instanceof Error ? error.message.split('\n')[0] : String(error));
      }
      const caught = (await child.request({ type: 'caughtUp', indexed: true, timeoutMs: 3_600_000 }, 3_700_000)) as unknown as {
        sinceStartMs: number; cpuMs: number; peakRssMiB: number; peakMemory: { heapTotalMiB: number };
      };
      return { seconds: caught.sinceStartMs / 1000, cpuSeconds: caught.cpuMs / 1000, peakRssMiB: caught.peakRssMiB, mainHeapMiB: caught.peakMemory.heapTotalMiB };
    } finally {
      await child.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The child failed before it was ready: builds before 60eb657 could lose a race for the read-model file at start. */
class StartFailure extends Error {}

/** A run whose child fails at start is started again, at most three times in all. */
async function rebuild(dist: string, log: string, label: string): Promise<Figures> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rebuildOnce(dist, log, label);
    } catch (error) {
      if (!(error instanceof StartFailure) || attempt === 3) throw error;
      process.stdout.write(`(${label}: the child failed at start, started again: ${error.message})\n`);
    }
  }
}

async function main(): Promise<void> {
  const log = argument('log');
  if (!log || !existsSync(join(log, 'ledger.db'))) throw new Error('--log FOLDER must hold a ledger.db (a kept W4 log-ledger folder)');
  const rounds = Number(argument('rounds') ?? 2);
  const builds: [string, string][] = [];
  const before = argument('before');
  if (before) builds.push(['before', resolve(before)]);
  builds.push(['this build', resolve(__dirname, '..', '..')]);
  for (let round = 1; round <= rounds; round++) {
    for (const [label, dist] of builds) {
      const load = loadavg()[0].toFixed(1);
      const figures = await rebuild(dist, resolve(log), label.replace(' ', '-'));
      process.stdout.write(`round ${round} ${label.padEnd(10)} ${figures.seconds.toFixed(1).padStart(6)} s, CPU ${figures.cpuSeconds.toFixed(1).padStart(6)} s, ` +
        `peak RSS ${figures.peakRssMiB.toFixed(0)} MiB, main-thread heap ${figures.mainHeapMiB.toFixed(0)} MiB (load average ${load} at the start)\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
