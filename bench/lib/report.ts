import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ResultRow } from './context';
import { BENCH_DIR, PROJECT_ROOT } from './paths';

export interface MachineFacts {
  nproc: number;
  memoryGiB: number;
  node: string;
  cpuModel: string;
  sqlite: string;
  date: string;
  commit: string;
  /** 1-minute load average when the run started: the machine is shared, and other work skews figures. */
  loadAverageAtStart: number;
}

export function machineFacts(): MachineFacts {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? 'unknown';
  } catch {
    // Not Linux.
  }
  let commit = 'unknown';
  try {
    // Read-only git plumbing only: nothing here writes the index.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    commit = git('rev-parse', '--short', 'HEAD');
    const changed = [git('diff-index', '--name-only', 'HEAD', '--', 'src', 'projections', 'bin'), git('ls-files', '--others', '--exclude-standard', '--', 'src', 'projections', 'bin')]
      .join('\n').split('\n').filter(Boolean);
    if (changed.length > 0) commit += ` + uncommitted changes to ${changed.length} file(s) of src/, projections/ or bin/`;
  } catch {
    // Not a git checkout.
  }
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    nproc: availableParallelism(),
    memoryGiB: +(totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    cpuModel,
    sqlite,
    date: new Date().toISOString(),
    commit,
    loadAverageAtStart: +loadavg()[0].toFixed(2),
  };
}

function number(value: number, unit: string): string {
  if (unit.startsWith('ms')) return `${value.toFixed(2)} ms`;
  return `${Math.round(value).toLocaleString('en')} ${unit}`;
}

function resultOf(row: ResultRow): string {
  if (row.status) return row.status;
  return row.met ? 'met' : 'missed';
}

/** The one table of the run, in Markdown (it reads as well in a terminal). */
export function table(rows: ResultRow[]): string {
  const lines = [
    '| | Workload | Ledger | Reference, same run | Ratio | Target | Result |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const row of rows) {
    const value = row.value === null ? '—' : number(row.value, row.unit);
    const ceiling = row.ceiling === null ? row.ceilingLabel : `${number(row.ceiling, row.unit)} (${row.ceilingLabel})`;
    const ratio = row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`;
    lines.push(`| ${row.id} | ${row.workload} | ${value} | ${ceiling} | ${ratio} | ${row.target} | ${resultOf(row)} |`);
  }
  return lines.join('\n');
}

export interface RunSummary {
  mode: 'full' | 'quick';
  seed: number;
  seconds: number;
  machine: MachineFacts;
  rows: ResultRow[];
}

export function writeResults(summary: RunSummary): { markdown: string; json: string } {
  const notes = summary.rows.flatMap((row) => row.notes ?? []);
  const { machine } = summary;
  const markdown = `# Benchmark results

\`npm run bench${summary.mode === 'quick' ? ' -- --quick' : ''}\` · seed ${summary.seed} · ${summary.mode} run · ${summary.seconds.toFixed(0)} s · ${machine.date} · commit ${machine.commit}

Each ratio compares two figures measured side by side in this run (the machine drifts between
runs: compare ratios, not absolute figures across runs). How each workload is measured:
bench/README.md.

${table(summary.rows)}

${notes.map((note) => `- ${note}`).join('\n')}

## Machine

| | |
|---|---|
| CPU | ${machine.cpuModel} |
| nproc | ${machine.nproc} |
| memory | ${machine.memoryGiB} GiB |
| node | ${machine.node} |
| SQLite (better-sqlite3) | ${machine.sqlite} |
| date | ${machine.date} |
| load average (1 min) at start, end | ${machine.loadAverageAtStart}, ${loadavg()[0].toFixed(2)} |
`;
  const results: Record<string, unknown> = {};
  for (const row of summary.rows) {
    results[row.id] = {
      value: row.value, ceiling: row.ceiling, ratio: row.ratio, target: row.target, met: row.met,
      unit: row.unit, workload: row.workload, reference: row.ceilingLabel, ...(row.status ? { status: row.status } : {}), detail: row.detail,
    };
  }
  const json = `${JSON.stringify({ ...results, meta: { mode: summary.mode, seed: summary.seed, seconds: summary.seconds, machine } }, null, 2)}\n`;
  writeFileSync(join(BENCH_DIR, 'RESULTS.md'), markdown);
  writeFileSync(join(BENCH_DIR, 'results.json'), json);
  return { markdown, json };
}
