import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { configFromEnv } from '../../config/ledger-config';
import { SLUG_PATTERN } from '../../domain/streams';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import type { TableRunnerView } from '../../projection-runner/table-runner-view';
import {
  ReadArgumentError, REPORT_FORMATS, REPORT_REGISTERS, type ReportDocument, type ReportFormat, type XlsxDocument,
  type ReportName, type ReportPeriod, periodAsOf, reportPeriod, ALL_REPORTS, toCsv, toXlsx,
} from '../../reports';
import {
  asOfOption, type CliIo, integerOption, ExitCode, parseVerbArgs, recordedBeforeOption, requireEventLog, UsageError, type Verb, withLedgerContext, writeOut,
} from '../cli-support';
import { createProgress, type Progress } from '../progress';

/** How often catching up the registers is checked at most, and how long one failing register may stall it. */
const POLL_MS = 100;
const STALLED_FAILURE_MS = 30_000;

interface ReportArgs {
  report: ReportName;
  fundId: string;
  period: ReportPeriod;
  format: ReportFormat;
  out: string | undefined;
  quiet: boolean;
  /** The log position the report is computed at; the head when absent. */
  atPosition: number | undefined;
  /** The recording clock: the log as recorded by this instant (the earlier of it and atPosition). */
  recordedBefore: string | undefined;
}

/** The option a period bound came from, as the user typed it. */
const OPTION_OF_FIELD: Record<string, string> = { from: 'from', to: 'to', asOf: 'as-of' };

function argsOf(args: string[]): ReportArgs {
  const { values, positionals } = parseVerbArgs(args, {
    fund: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' },
    'at-position': { type: 'string' }, 'as-of': { type: 'string' }, 'recorded-before': { type: 'string' },
  }, true);
  if (positionals.length !== 1) throw new UsageError('one-report', { reports: [...ALL_REPORTS] });
  const report = positionals[0];
  if (!(ALL_REPORTS as readonly string[]).includes(report)) throw new UsageError('unknown-report', { report, reports: [...ALL_REPORTS] });
  if (values.fund === undefined) throw new UsageError('fund-required');
  if (!SLUG_PATTERN.test(values.fund)) throw new UsageError('fund-slug', { raw: values.fund });
  const format = values.format ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError('format-one-of', { formats: REPORT_FORMATS.join(', '), raw: format });
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('out-needs-file');
  const asOfMs = asOfOption(values['as-of']);
  let period: ReportPeriod;
  try {
    // As ?asOf= on the HTTP route: the report stands at its period's end, so an earlier asOf ends the period there.
    period = periodAsOf(reportPeriod(values.from, values.to), asOfMs);
  } catch (error) {
    if (error instanceof ReadArgumentError) {
      const option = OPTION_OF_FIELD[error.field] ?? error.field;
      throw new UsageError('period-bound', { field: option, reason: error.reason, raw: values[option as 'from' | 'to' | 'as-of'] });
    }
    throw error;
  }
  return {
    report: report as ReportName, fundId: values.fund, period, format: format as ReportFormat, out: values.out, quiet: values.quiet === true,
    atPosition: integerOption('at-position', values['at-position']), recordedBefore: recordedBeforeOption(values['recorded-before']),
  };
}

/**
 * Waits until every register has applied the log up to `head`, showing progress: on a first run
 * over a large log the registers are built here. A register that keeps failing at one position
 * for 30 s stops the wait with its error rather than hanging.
 */
async function catchUp(runners: TableRunnerView[], head: number, progress: Progress): Promise<void> {
  let stalledSince: number | undefined;
  let lastLowest = -1;
  for (;;) {
    const lowest = Math.min(...runners.map((runner) => runner.appliedPosition));
    progress.update(lowest);
    if (lowest >= head) return;
    const failing = runners.find((runner) => runner.lastError !== undefined && runner.appliedPosition < head);
    if (failing && lowest === lastLowest) {
      stalledSince ??= Date.now();
      if (Date.now() - stalledSince > STALLED_FAILURE_MS) {
        throw new Error(`the ${failing.projection.name} register fails at position ${failing.lastError?.position}: ${failing.lastError?.message}`);
      }
    } else {
      stalledSince = undefined;
    }
    lastLowest = lowest;
    // Woken as soon as the register furthest behind reaches the head; otherwise after POLL_MS,
    // to redraw the progress and look for a stalled register.
    const behind = runners.reduce((last, runner) => (runner.appliedPosition < last.appliedPosition ? runner : last));
    await behind.waitFor(head, POLL_MS);
  }
}

/** Writes the file whole or not at all: to a temporary name beside it, then renamed over it. */
function writeFileAtomically(file: string, bytes: Buffer): void {
  const temporary = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** `workbook`: what the XLSX states beside the hashed document (when the fund opened). */
async function render(document: ReportDocument, format: ReportFormat, workbook: Pick<XlsxDocument, 'fundOpenedAt'>): Promise<Buffer> {
  if (format === 'xlsx') return toXlsx({ ...document, ...workbook });
  if (format === 'csv') return Buffer.from(toCsv(document), 'utf8');
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
}

export const reportVerb: Verb = {
  name: 'report',
  summary: 'build a report (designations, campaigns, donors, disclosure, financial) as JSON, CSV or XLSX',
  help: `Usage: ledger report <name> --fund F [--from D] [--to D] [--format json|csv|xlsx] [--out FILE] [--quiet]
                    [--as-of DATE] [--recorded-before ISO] [--at-position N]

Builds a report of fund F from the registers, once they have caught up with the whole log: the
same report, with the same figures, position and sha256, as
GET /v1/funds/F/reports/<name>?from=D&to=D&asOf=DATE&recordedBefore=ISO&atPosition=N&format=…
Every figure is as of the period's end (business dates up to --to) as the log stood at N, and
the report states that position ("position" in JSON, the last line of CSV, the title block of
XLSX, and on stderr with --out).

Reports:
  designations  each restricted pool: received, paid, held, outstanding emergency money, available
  campaigns     each campaign: received, in kind, distributed, people reached, remaining, and
                whether the Decree 93/2021 deadlines (90 days receiving, +20 days) are met
  donors        the honour list by total given in the period; anonymous donors stay anonymous
  disclosure    the Decree 93/2019 Art. 38(4) disclosure of the period: donors by published
                name, amounts, in kind with value, recipients, result per restricted pool
  financial     opening balance, receipts by revenue category, payments by kind, management
                cost against its cap, closing balance

Formats:
  json  (default) decimal strings, with "position" (the log position every figure reflects)
        and "sha256" (hex sha256 of the RFC 8785 canonical JSON of the report without "sha256")
  csv   for programs: UTF-8 with BOM, Vietnamese headings, the JSON values (plain digits,
        ISO timestamps, codes, true/false), then a comment line "# position=N sha256=HEX"
  xlsx  for the finance office: title block (chapter, fund, report, period, unit, position,
        sha256), money as numbers with thousands separators, dates in Vietnam time,
        Vietnamese labels, totals and signatures; provenance and summary in "Thông tin"

Options:
  --fund F        the fund id (required)
  --from D        start of the period, inclusive: YYYY-MM-DD (a Vietnam day) or ISO 8601 with offset
  --to D          end of the period, inclusive: YYYY-MM-DD (the whole day) or ISO 8601 with offset
  --as-of DATE    business date (YYYY-MM-DD = the end of that day in Vietnam time, or ISO 8601
                  with an offset): the report stands at its period's end, so an --as-of before
                  --to ends the period there (stated as "to"); before --from is exit 2
  --recorded-before ISO
                  the recording clock (ISO 8601 with an offset): the log as recorded by then,
                  that is the last position recorded at or before it; with --at-position, the
                  earlier of the two
  --at-position N the log position the report is computed at (default: the head of the log);
                  beyond the head is exit 2; before the fund was opened, no such fund (exit 2)
  --format F      json, csv or xlsx
  --out FILE      write to FILE (whole or not at all) instead of stdout; the position and sha256
                  are then printed on stderr
  --quiet         no progress on stderr
  -h, --help      show this help

Exit codes: 0 written · 2 bad arguments, unknown fund (or one not yet opened at the position), or xlsx to a terminal · 3 the store or
the registers could not be read, or the file could not be written.
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const request = argsOf(args);
    if (request.format === 'xlsx' && request.out === undefined && io.stdout.isTTY) {
      throw new UsageError('xlsx-needs-out');
    }
    const config = configFromEnv(io.env);
    requireEventLog(config);
    // The core's providers load with the core, after the arguments are read.
    const [{ ProjectionsService }, { ReadModels }, { RegisterQueries }, { ReportQueries }, { positionRecordedBefore, recordedAtOf }] = await Promise.all([
      import('../../projection-runner/projections.service'), import('../../read-side/read-models'),
      import('../../read-side/register-queries'), import('../../read-side/register-report-facts'), import('../../projection-runner/replay'),
    ]);
    const { document, fundOpenedAt } = await withLedgerContext(config, io, async (app) => {
      const store = app.get<EventStore>(EVENT_STORE);
      const projections = app.get(ProjectionsService);
      const runners = REPORT_REGISTERS.map((projection) => projections.tableRunner(projection));
      const head = await store.headPosition();
      if (request.atPosition !== undefined && request.atPosition > head) {
        throw new UsageError('at-position-beyond-head', { atPosition: request.atPosition, head });
      }
      const start = Math.min(...runners.map((runner) => runner.appliedPosition));
      const progress = createProgress(io.stderr, 'report', start, head, request.quiet || start >= head);
      try {
        await catchUp(runners, head, progress);
      } finally {
        progress.finish();
      }
      // The recording clock is a position of the log; with --at-position, the earlier of the two.
      const recorded = request.recordedBefore === undefined ? undefined : await positionRecordedBefore(store, request.recordedBefore);
      let atPosition = recorded === undefined ? request.atPosition : Math.min(recorded, request.atPosition ?? recorded);
      // A campaigns report with no end asks whether each distribution deadline has come, a
      // financial report of a period not ended which policy sets the year's cap: by the instant
      // its position was recorded, as the HTTP API answers it (openPeriodStand).
      let period = request.period;
      if ((request.report === 'campaigns' && period.toMs === null) || request.report === 'financial') {
        const at = atPosition ?? head;
        const booksAtMs = await recordedAtOf(store, at);
        if (booksAtMs !== undefined && (request.report === 'campaigns' || period.toMs === null || period.toMs > booksAtMs)) {
          period = { ...period, booksAtMs };
          atPosition = at;
        }
      }
      const aligned = await app.get(ReadModels).align(REPORT_REGISTERS, head, STALLED_FAILURE_MS);
      const position = atPosition ?? aligned;
      // Synchronous from here to the document: the registers stay at `aligned` while they are read.
      // A fund not yet opened at the position asked for is no fund of the log as it stood then.
      if (!app.get(RegisterQueries).fundOpenedBy(request.fundId, position)) {
        throw new UsageError('no-fund', { fundId: request.fundId, position });
      }
      const reports = app.get(ReportQueries);
      return { document: reports.build({ fundId: request.fundId, report: request.report, period }, position), fundOpenedAt: reports.fundOpenedAt(request.fundId) };
    });
    const bytes = await render(document, request.format, { fundOpenedAt });
    if (request.out !== undefined) {
      writeFileAtomically(request.out, bytes);
      io.stderr.write(`report ${document.report} of ${document.fundId} at log position ${document.position}, sha256 ${document.sha256}: written to ${request.out}\n`);
      return ExitCode.ok;
    }
    if (request.format === 'xlsx') {
      // stdout is a file or a pipe here (a terminal was refused above); it takes bytes.
      (io.stdout as unknown as NodeJS.WritableStream).write(bytes);
      return ExitCode.ok;
    }
    await writeOut(io.stdout, bytes.toString('utf8'));
    return ExitCode.ok;
  },
};
