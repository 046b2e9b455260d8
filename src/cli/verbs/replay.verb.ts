import { replayProjections, type ReplayBound, type ReplayReport } from '../../audit/replay';
import { configFromEnv } from '../../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { type CliIo, ExitCode, integerOption, parseVerbArgs, UsageError, type Verb, withLedgerContext } from '../cli-support';
import { createProgress } from '../progress';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function boundOf(values: { 'as-of'?: string; 'to-position'?: string }): ReplayBound {
  const asOf = values['as-of'];
  const toPosition = integerOption('to-position', values['to-position']);
  if (asOf !== undefined && toPosition !== undefined) throw new UsageError('give --as-of or --to-position, not both');
  if (asOf !== undefined && (!ISO_WITH_OFFSET.test(asOf) || Number.isNaN(Date.parse(asOf)))) {
    throw new UsageError(`--as-of must be an ISO 8601 timestamp with an offset, e.g. 2024-12-31T23:59:59+07:00, not "${asOf}"`);
  }
  return asOf !== undefined ? { asOf } : toPosition !== undefined ? { toPosition } : {};
}

function describeBound(bound: ReplayBound): string {
  if (bound.asOf !== undefined) return `as of ${bound.asOf}`;
  if (bound.toPosition !== undefined) return `to position ${bound.toPosition}`;
  return 'to the head of the log';
}

export function formatReplayReport(report: ReplayReport): string {
  const lines = [`Replayed ${report.eventsApplied} events ${describeBound(report.bound)}: position ${report.position} reached.`, ''];
  const nameWidth = Math.max(10, ...report.projections.map((p) => p.name.length));
  lines.push(`${'projection'.padEnd(nameWidth)}  kind    version  position  sha256`);
  for (const p of report.projections) {
    lines.push(`${p.name.padEnd(nameWidth)}  ${p.kind.padEnd(6)}  ${String(p.version).padEnd(7)}  ${String(p.position).padEnd(8)}  ${p.sha256}`);
  }
  for (const fund of report.funds) {
    lines.push('', `Fund ${fund.fundId} (VND)`);
    const figures: [string, string][] = [
      ['received', fund.received], ['disbursed', fund.disbursed], ['held', fund.held],
      ['outstanding emergency', fund.outstandingEmergency], ['available', fund.available], ['in kind received', fund.inKindReceived],
    ];
    for (const [label, value] of figures) lines.push(`  ${label.padEnd(22)} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

export const replayVerb: Verb = {
  name: 'replay',
  summary: 'rebuild every projection from the log into scratch state; print state hashes and fund totals',
  help: `Usage: ledger replay [--as-of ISO | --to-position N] [--json] [--quiet]

Rebuilds every projection from the log into scratch state (JSON states in memory, tables in a
temporary file), never touching the live read models, and prints for each projection the
position reached and the sha256 of its canonical state, then each fund's totals.
The same log always prints the same hashes; a replay to a read model's position prints that
read model's hash.

Options:
  --as-of ISO        stop before the first event recorded after this instant
                     (ISO 8601 with an offset, e.g. 2024-12-31T23:59:59+07:00)
  --to-position N    apply events up to and including position N
  --json             print the report as JSON
  --quiet            no progress on stderr
  -h, --help         show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, {
      'as-of': { type: 'string' }, 'to-position': { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
    });
    const bound = boundOf(values);
    const config = configFromEnv(io.env);
    const report = await withLedgerContext(config, io, async (app) => {
      const store = app.get<EventStore>(EVENT_STORE);
      const head = await store.headPosition();
      const progress = createProgress(io.stderr, 'replay', 0, Math.min(head, bound.toPosition ?? head), values.quiet === true);
      try {
        return await replayProjections(store, bound, { onEvent: (position) => progress.update(position) });
      } finally {
        progress.finish();
      }
    });
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplayReport(report));
    return ExitCode.ok;
  },
};
