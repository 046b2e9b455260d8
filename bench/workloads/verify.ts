import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, ResultRow } from '../lib/context';
import { LEDGER_BIN } from '../lib/paths';
import { runTimed } from '../lib/run-timed';
import { BENCH_ADMIN_TOKEN } from '../lib/setup';

/** The result `ledger verify --json` prints, as far as W7 reads it. */
interface VerifyOutput {
  ok: boolean;
  eventsChecked: number;
  lastPosition: number;
  reason?: string;
  message?: string;
  projections: { name: string; kind: string; comparedAtPosition: number; matches: boolean | null }[];
}

/**
 * W7: `ledger verify --json` on a log whose read models are current (every projection is replayed
 * and compared at the head), timed from the start of the command to its exit, against one
 * better-sqlite3 scan of the same rows with a sha256 of each row's stored hash input (the
 * previous hash, data and metadata as stored), in the same run.
 */
export async function runVerifyWorkload(context: BenchContext, dataDir: string, head: number, label: string, registerInsertSeconds?: number): Promise<ResultRow> {
  const scanner = context.spawn('raw-scan', 'w7-raw-scan');
  await scanner.ready;
  const raw = (await scanner.request({ type: 'scanAndHash', file: join(dataDir, 'ledger.db') }, 30 * 60_000)) as unknown as { rows: number; seconds: number };
  await scanner.stop();
  context.log(`W7 raw scan + sha256: ${raw.rows.toLocaleString('en')} rows in ${raw.seconds.toFixed(2)} s`);

  context.log('W7: ledger verify over the whole log and every projection…');
  const profileArgs = context.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${context.profileDir}`, `--cpu-prof-name=w7-verify.${Date.now()}.cpuprofile`] : [];
  const stdoutFile = join(context.logDir, 'w7-verify.stdout.json');
  const env = { LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, LEDGER_LOG_LEVEL: 'warn' };
  const cli = await runTimed(process.execPath, [...profileArgs, LEDGER_BIN, 'verify', '--json', '--quiet'], env, join(context.logDir, 'w7-verify.log'), stdoutFile, 2 * 60 * 60_000);
  const output = JSON.parse(readFileSync(stdoutFile, 'utf8')) as VerifyOutput;
  if (cli.code !== 0 || !output.ok || output.eventsChecked !== head) {
    throw new Error(`ledger verify exited ${String(cli.code)}: ${output.eventsChecked} of ${head} events, ${output.reason ?? 'ok'} ${output.message ?? ''}`);
  }
  const compared = output.projections.filter((check) => check.matches === true && check.comparedAtPosition === head).map((check) => check.name);
  if (compared.length !== output.projections.length) {
    throw new Error(`ledger verify compared ${compared.length} of ${output.projections.length} projections at the head: ${JSON.stringify(output.projections)}`);
  }
  const value = head / cli.seconds;
  const ceiling = raw.rows / raw.seconds;
  const ratio = value / ceiling;
  context.log(`W7 verify: ${cli.seconds.toFixed(2)} s (${value.toFixed(0)} events/s), peak RSS ${cli.peakRssMiB.toFixed(0)} MiB, ${compared.length} projections compared`);
  // The replay writes every register row again (into its scratch file): W4's measure of those writes alone bounds it.
  const bound = registerInsertSeconds === undefined ? undefined : raw.seconds / (raw.seconds + registerInsertSeconds);
  const binds = bound === undefined ? [] : [
    `W7 what binds: the replay inserts the registers' rows again, which SQLite alone did in ${registerInsertSeconds?.toFixed(1)} s (W4), against ${raw.seconds.toFixed(1)} s for the whole reference: at most ${bound.toFixed(2)}× of it on one thread, before hashing, decoding, projection logic and reading both copies back for the comparison.`,
  ];
  return {
    id: 'W7', workload: `ledger verify (chains + every projection), ${label} events`, unit: 'events/s', value, ceiling,
    ceilingLabel: 'raw scan + sha256', ratio, target: '≥ 0.30 of raw', met: ratio >= 0.3,
    detail: { events: head, verifySeconds: cli.seconds, rawSeconds: raw.seconds, peakRssMiB: cli.peakRssMiB, projectionsCompared: compared, registerInsertSeconds, oneThreadBound: bound },
    notes: [
      `W7: ledger verify took ${cli.seconds.toFixed(1)} s from the command's start to its exit (boot included; peak RSS ${cli.peakRssMiB.toFixed(0)} MiB), replaying and comparing ${compared.join(', ')} at position ${head.toLocaleString('en')}.`,
      ...binds,
    ],
  };
}

