/**
 * `ledger report` spawned as a user runs it: the real bin script in a child process, on a data
 * folder written through the real HTTP API (the read-side scripted history, whose figures the
 * read-side tests work out by hand). Every report must equal, byte for byte in JSON and CSV, what
 * GET /v1/funds/:fundId/reports/:report answered for the same log position; XLSX is read back with
 * exceljs (under its title block) and compared to the JSON.
 *
 * The CLI is compiled as `npm run build` does (tsc -p tsconfig.build.json), once per test run for
 * every suite that runs it (test/support/ledger-build.ts), into a folder of its own beside a copy
 * of bin/ledger.js: a process must never load a file a compiler is rewriting.
 */
import '../read-side/esm-interop';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XLSX_HEADER_ROW } from '../../src/reports';
import { startTestLedger } from '../support/ledger-app';
import { buildLedgerOnce } from '../support/ledger-build';
import { FUND, type History, writeHistory, YEAR } from '../read-side/scripted-history';
import { jsonWithInstants, loadWorkbook, sheetTexts, tableAsJson } from '../read-side/xlsx-reading';

const ROOT = resolve(__dirname, '..', '..');
const REPORTS = ['designations', 'campaigns', 'donors', 'disclosure', 'financial'] as const;
const PERIOD = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
const PERIOD_ARGS = ['--from', `${YEAR}-01-01`, '--to', `${YEAR}-12-31`];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let build: string;
let dataDir: string;
let history: History;
const folders: string[] = [];
/** What the HTTP API answered at the history's last position: JSON documents and CSV texts. */
const http: Record<string, { json: Record<string, unknown> & { sha256: string; position: number; columns: { key: string; heading: string; money?: boolean }[]; rows: Record<string, unknown>[] }; csv: string }> = {};
/** The financial report the HTTP API gave at an earlier position (`?atPosition=`). */
let earlierFinancial: { position: number; body: Record<string, unknown> };
/** A business instant halfway through the history, and the financial report the HTTP API gave as of it (`?asOf=`). */
let midHistory: string;
let asOfFinancial: Record<string, unknown> & { position: number; to: number };
/** A recording instant and the financial report the HTTP API gave as recorded by then (`?recordedBefore=`). */
let recordedMid: string;
let recordedFinancial: Record<string, unknown> & { position: number };

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['LEDGER_STORE', 'LEDGER_DATA_DIR', 'LEDGER_ADMIN_TOKEN', 'EVENTSTORE_CONNECTION_STRING', 'PORT', 'HOST', 'LEDGER_LOG_LEVEL', 'LEDGER_TEST_STORE']) delete env[name];
  return { ...env, ...extra };
}

/** `ledger …` as a user types it. */
function ledger(args: string[], folder = dataDir, extraEnv: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [join(build, 'bin', 'ledger.js'), ...args], {
    cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: folder, ...extraEnv }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-report-'));
  folders.push(folder);
  return folder;
}

beforeAll(async () => {
  build = await buildLedgerOnce();
  const app = await startTestLedger();
  dataDir = app.dataDir;
  folders.push(dataDir);
  try {
    history = await writeHistory(app);
    for (const report of REPORTS) {
      const get = (format: string) => app.http().get(`/v1/funds/${FUND}/reports/${report}?${PERIOD}&format=${format}&minPosition=${history.lastPosition}`)
        .set('Authorization', `Bearer ${history.actors.auditor}`);
      const json = await get('json');
      const csv = await get('csv');
      if (json.status !== 200 || csv.status !== 200) throw new Error(`GET ${report}: ${json.status} ${csv.status}`);
      http[report] = { json: json.body, csv: csv.text };
    }
    const earlier = history.lastPosition - 6;
    const atEarlier = await app.http().get(`/v1/funds/${FUND}/reports/financial?${PERIOD}&atPosition=${earlier}`).set('Authorization', `Bearer ${history.actors.auditor}`);
    if (atEarlier.status !== 200) throw new Error(`GET financial at ${earlier}: ${atEarlier.status}`);
    earlierFinancial = { position: earlier, body: atEarlier.body };
    midHistory = new Date(history.startMs + 4.5 * history.hourMs).toISOString();
    const asOf = await app.http().get(`/v1/funds/${FUND}/reports/financial?asOf=${encodeURIComponent(midHistory)}`).set('Authorization', `Bearer ${history.actors.auditor}`);
    if (asOf.status !== 200) throw new Error(`GET financial as of ${midHistory}: ${asOf.status}`);
    asOfFinancial = asOf.body;
    for await (const stored of app.store.readAll()) {
      if (stored.position > earlier) break;
      recordedMid = stored.metadata.recordedAt;
    }
    const recorded = await app.http().get(`/v1/funds/${FUND}/reports/financial?${PERIOD}&recordedBefore=${encodeURIComponent(recordedMid)}`).set('Authorization', `Bearer ${history.actors.auditor}`);
    if (recorded.status !== 200) throw new Error(`GET financial recorded before ${recordedMid}: ${recorded.status}`);
    recordedFinancial = recorded.body;
  } finally {
    // app.close() rather than close(), which would delete the folder the CLI is about to read.
    await app.app.close();
  }
}, 600_000); // the build may wait for another worker's tsc, minutes on a busy machine

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('ledger report', () => {
  it('is a verb of `ledger --help` and has its own --help', () => {
    expect(ledger(['--help']).stdout).toMatch(/^  report +build a report/m);
    const help = ledger(['report', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.startsWith('Usage: ledger report <name> --fund F [--from D] [--to D] [--format json|csv|xlsx] [--out FILE]')).toBe(true);
    expect(ledger(['help', 'report']).stdout).toBe(help.stdout);
  });

  it.each(REPORTS)('%s as JSON is the document the HTTP API gave for the same position', (report) => {
    const run = ledger(['report', report, '--fund', FUND, ...PERIOD_ARGS, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as typeof http[string]['json'];
    expect(document.position).toBe(history.lastPosition);
    expect(document).toEqual(http[report].json);
  });

  it('prints the figures worked out by hand', () => {
    const financial = JSON.parse(ledger(['report', 'financial', '--fund', FUND, '--from', `${YEAR}-01-01`, '--quiet']).stdout) as { rows: { line: string; amount: string }[] };
    expect(Object.fromEntries(financial.rows.map((row) => [row.line, row.amount]))).toMatchObject({
      opening: '5000000', 'receipts.total': '6812500', 'payments.total': '1900000', closing: '9912500',
    });
  });

  it.each(REPORTS)('%s as CSV is byte for byte the CSV of the HTTP API', (report) => {
    const run = ledger(['report', report, '--fund', FUND, ...PERIOD_ARGS, '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(http[report].csv);
  });

  it('writes XLSX to --out whole, with the position and sha256 on stderr and in the workbook', async () => {
    const out = join(scratch(), 'bao-cao.xlsx');
    const run = ledger(['report', 'donors', '--fund', FUND, ...PERIOD_ARGS, '--format', 'xlsx', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const json = http.donors.json;
    expect(run.stderr).toContain(`report donors of ${FUND} at log position ${json.position}, sha256 ${json.sha256}: written to ${out}`);
    const workbook = await loadWorkbook(readFileSync(out));
    const [table, info] = workbook.worksheets;
    expect(json.columns.map((_c, i) => table.getRow(XLSX_HEADER_ROW).getCell(i + 1).value)).toEqual(json.columns.map((c) => c.heading));
    expect(tableAsJson(table, { ...json, summary: {} }, 'donors')).toEqual(jsonWithInstants({ ...json, summary: {} }, 'donors'));
    expect(sheetTexts(table)).toEqual(expect.arrayContaining([`SHA-256: ${json.sha256}`, `Số liệu tại vị trí nhật ký (log position): ${json.position}`]));
    const facts = new Map<string, unknown>();
    info.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('SHA-256')).toBe(json.sha256);
    expect(facts.get('Vị trí nhật ký (position)')).toBe(json.position);
  });

  it('writes XLSX to stdout when it is redirected to a file, and JSON to --out', async () => {
    const folder = scratch();
    const out = join(folder, 'financial.xlsx');
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${join(build, 'bin', 'ledger.js')}" report financial --fund ${FUND} --format xlsx --quiet > "${out}"`], {
      cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: dataDir }), encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const workbook = await loadWorkbook(readFileSync(out));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Báo cáo tài chính', 'Thông tin']);
    // All the time of a fund opened after 1 March 2026: under Decree 03/2026 alone.
    expect(sheetTexts(workbook.worksheets[0]).filter((text) => text.startsWith('Chi phí quản lý ('))).toEqual([
      'Chi phí quản lý (Nghị định 03/2026; tỷ lệ theo mức của Nghị định 93/2019, Điều 37)',
    ]);

    const jsonOut = join(folder, 'designations.json');
    const json = ledger(['report', 'designations', '--fund', FUND, ...PERIOD_ARGS, '--out', jsonOut]);
    expect(json.status).toBe(0);
    expect(json.stdout).toBe('');
    expect(JSON.parse(readFileSync(jsonOut, 'utf8'))).toEqual(http.designations.json);
  });

  it('builds the registers from the log itself when the read models are gone, with progress on stderr', () => {
    const folder = scratch();
    cpSync(join(dataDir, 'ledger.db'), join(folder, 'ledger.db'));
    for (const suffix of ['-wal', '-shm']) if (existsSync(join(dataDir, `ledger.db${suffix}`))) cpSync(join(dataDir, `ledger.db${suffix}`), join(folder, `ledger.db${suffix}`));
    const run = ledger(['report', 'disclosure', '--fund', FUND, ...PERIOD_ARGS], folder);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^report: 100% \(position \d+ of \d+\), done$/m);
    expect(JSON.parse(run.stdout)).toEqual(http.disclosure.json);
  });

  it.each([
    [['report']],
    [['report', 'secret', '--fund', FUND]],
    [['report', 'financial']],
    [['report', 'financial', 'donors', '--fund', FUND]],
    [['report', 'financial', '--fund', 'Quỹ Đức Phổ']],
    [['report', 'financial', '--fund', FUND, '--from', 'yesterday']],
    [['report', 'financial', '--fund', FUND, '--from', '2025-02-30']],
    [['report', 'financial', '--fund', FUND, '--from', '2025-02-01', '--to', '2025-01-01']],
    [['report', 'financial', '--fund', FUND, '--format', 'pdf']],
    [['report', 'financial', '--fund', FUND, '--bogus']],
  ])('exits 2 on a usage error: %j', (args) => {
    const run = ledger(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.length).toBeGreaterThan(0);
  });

  it('R8 --at-position N is the report the HTTP API gives with ?atPosition=N; beyond the head of the log is exit 2', () => {
    const run = ledger(['report', 'financial', '--fund', FUND, ...PERIOD_ARGS, '--at-position', String(earlierFinancial.position), '--quiet']);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(document.position).toBe(earlierFinancial.position);
    expect(document).toEqual(earlierFinancial.body);
    expect(document.sha256).not.toBe(http.financial.json.sha256);
    const beyond = ledger(['report', 'financial', '--fund', FUND, '--at-position', String(history.lastPosition + 1000), '--quiet']);
    expect(beyond.status).toBe(2);
    expect(beyond.stderr).toContain('--at-position');
  });

  it('--as-of D is the report the HTTP API gives with ?asOf=D: the period ends there, and the output states its position', () => {
    const run = ledger(['report', 'financial', '--fund', FUND, '--as-of', midHistory, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as typeof asOfFinancial;
    expect(document).toEqual(asOfFinancial);
    expect(document.to).toBe(Date.parse(midHistory));
    expect(document.position).toBe(history.lastPosition);
    // A later asOf than --to changes nothing; the CSV states the position on its last line.
    const later = ledger(['report', 'financial', '--fund', FUND, ...PERIOD_ARGS, '--as-of', `${YEAR + 1}-06-30`, '--format', 'csv', '--quiet']);
    expect(later.status).toBe(0);
    expect(later.stdout).toBe(http.financial.csv);
    expect(later.stdout).toContain(`# position=${history.lastPosition} sha256=`);
  });

  it('--recorded-before T is the report the HTTP API gives with ?recordedBefore=T; with --at-position, the earlier of the two', () => {
    const run = ledger(['report', 'financial', '--fund', FUND, ...PERIOD_ARGS, '--recorded-before', recordedMid, '--quiet']);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as typeof recordedFinancial;
    expect(document).toEqual(recordedFinancial);
    expect(document.position).toBeLessThanOrEqual(earlierFinancial.position);
    const both = ledger(['report', 'financial', '--fund', FUND, ...PERIOD_ARGS, '--recorded-before', new Date().toISOString(), '--at-position', String(earlierFinancial.position), '--quiet']);
    expect(both.status).toBe(0);
    expect(JSON.parse(both.stdout)).toEqual(earlierFinancial.body);
  });

  it.each([
    [['--as-of', '31/03/2026'], '--as-of'],
    [['--as-of', `${YEAR}-02-30`], '--as-of'],
    [['--from', `${YEAR + 1}-01-01`, '--as-of', `${YEAR}-12-31`], '--as-of'],
    [['--recorded-before', `${YEAR}-03-31`], '--recorded-before'],
    [['--recorded-before', `${YEAR}-03-31T10:00:00`], '--recorded-before'],
  ])('refuses %j with exit 2 naming %s, printing nothing on stdout', (options, named) => {
    const run = ledger(['report', 'financial', '--fund', FUND, ...options, '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(named);
  });

  it('a position before the fund existed is exit 2 naming the fund and the position, as the HTTP API answers 404', () => {
    const english = { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    const before = ledger(['report', 'financial', '--fund', FUND, '--recorded-before', '2000-01-01T00:00:00+07:00', '--quiet'], dataDir, english);
    expect(before.status).toBe(2);
    expect(before.stdout).toBe('');
    expect(before.stderr).toContain(`no fund "${FUND}"`);
    expect(before.stderr).toContain('log position 0');
    const atZero = ledger(['report', 'donors', '--fund', FUND, '--at-position', '0', '--quiet'], dataDir, english);
    expect(atZero.status).toBe(2);
    expect(atZero.stderr).toContain(`no fund "${FUND}"`);
  });

  it('exits 2 naming an unknown fund, and writes no file', () => {
    const out = join(scratch(), 'none.csv');
    const run = ledger(['report', 'financial', '--fund', 'khong-co', '--format', 'csv', '--out', out, '--quiet'], dataDir, { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no fund "khong-co"');
    expect(existsSync(out)).toBe(false);
  });
});
