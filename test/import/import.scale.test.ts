/**
 * A 200,000-line statement through `ledger import`, spawned as a user runs it: it streams in
 * bounded memory. The peak resident set size is measured in the child (report-peak-rss.js) and
 * printed with the throughput; only memory is asserted, never time.
 *
 * The data folder goes to /dev/shm when the machine has one: what is measured here is the
 * importer's memory, and a tmpfs keeps the test from waiting on a shared disk's fsyncs. Crash
 * durability on a real disk is import.cli.test.ts's business.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, dataDirWithFund, spawnLedger } from './support/cli';
import { scratchFolder, writeGeneratedStatement } from './support/statements';

const LINES = 200_000;
/** Far above what the import needs (about 300–400 MB with the server's projections in the process), far below what holding the file would take. */
const PEAK_RSS_LIMIT_MIB = 640;

const scratch = scratchFolder('ctd-import-scale-');
const fastDisk = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/ctd-import-scale-') : scratch.dir;
const dataDir = join(fastDisk, 'data');

beforeAll(async () => {
  await buildCli();
  mkdirSync(dataDir, { recursive: true });
  await dataDirWithFund(dataDir, 'ctd-vn');
}, 600_000); // the build may wait for another worker's tsc, minutes on a busy machine

afterAll(() => {
  scratch.remove();
  if (fastDisk !== scratch.dir) rmSync(fastDisk, { recursive: true, force: true });
});

it(`imports ${LINES.toLocaleString('en')} generated lines in bounded memory`, async () => {
  const path = join(scratch.dir, 'statement-200k.csv');
  const { credits, debits } = await writeGeneratedStatement(path, LINES);
  const started = Date.now();
  const child = spawnLedger(['import', path, '--fund', 'ctd-vn', '--quiet'], dataDir, {
    NODE_OPTIONS: `--require ${join(__dirname, 'support', 'report-peak-rss.js')}`,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const seconds = (Date.now() - started) / 1000;
  expect({ status, stderr: stderr.replace(/\s*peak-rss-kib=\d+\s*/, '') }).toEqual({ status: 0, stderr: '' });
  expect(JSON.parse(stdout)).toEqual(expect.objectContaining({ imported: credits, debits: { fees: debits, interest: 0, unclassified: 0 }, duplicates: 0, rejectedCount: 0, rows: LINES }));
  const peakRssMiB = Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1]) / 1024;
  // Reported, not asserted: the machine is shared and its speed varies.
  console.log(`ledger import, ${LINES} lines (${credits} credits): ${seconds.toFixed(1)} s, ${Math.round(LINES / seconds)} lines/s, peak RSS ${peakRssMiB.toFixed(0)} MiB`);
  expect(peakRssMiB).toBeGreaterThan(0);
  expect(peakRssMiB).toBeLessThan(PEAK_RSS_LIMIT_MIB);
}, 300_000);
