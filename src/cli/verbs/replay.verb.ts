import { replayProjections, type ReplayBound, type ReplayReport } from '../../audit/replay';
import { configFromEnv } from '../../config/ledger-config';
import { asOfOption, type CliIo, ExitCode, integerOption, parseVerbArgs, recordedBeforeOption, requireEventLog, UsageError, type Verb, withEventStore } from '../cli-support';
import { createProgress } from '../progress';

type BoundOptions = { 'as-of'?: string; 'at-position'?: string; 'to-position'?: string; 'recorded-before'?: string };

/** The three clocks of api-v2 "Dates", as the HTTP look-back reads them: a business date, a log position, a recording instant. */
function boundOf(values: BoundOptions): ReplayBound {
  if (values['at-position'] !== undefined && values['to-position'] !== undefined) throw new UsageError('at-position-once');
  const positionName = values['to-position'] !== undefined ? 'to-position' : 'at-position';
  const toPosition = integerOption(positionName, values[positionName]);
  const asOfMs = asOfOption(values['as-of']);
  const asOf = asOfMs === undefined ? undefined : new Date(asOfMs).toISOString();
  const recordedBefore = recordedBeforeOption(values['recorded-before']);
  return {
    ...(asOf === undefined ? {} : { asOf }), ...(toPosition === undefined ? {} : { toPosition }), ...(recordedBefore === undefined ? {} : { recordedBefore }),
  };
}

function describeBound(bound: ReplayBound): string {
  const parts = [
    bound.asOf === undefined ? '' : `dated by ${bound.asOf}`,
    bound.toPosition === undefined ? '' : `to position ${bound.toPosition}`,
    bound.recordedBefore === undefined ? '' : `recorded by ${bound.recordedBefore}`,
  ].filter(Boolean);
  return parts.length === 0 ? 'to the head of the log' : parts.join(', ');
}

export function formatReplayReport(report: ReplayReport): string {
  const lines = [`Replayed ${report.eventsApplied} events ${describeBound(report.bound)}: computed at log position ${report.position}.`, ''];
  const nameWidth = Math.max(10, ...report.projections.map((p) => p.name.length));
  lines.push(`${'projection'.padEnd(nameWidth)}  kind    version  position  sha256`);
  for (const p of report.projections) {
    lines.push(`${p.name.padEnd(nameWidth)}  ${p.kind.padEnd(6)}  ${String(p.version).padEnd(7)}  ${String(p.position).padEnd(8)}  ${p.sha256}`);
  }
  for (const fund of report.funds) {
    lines.push('', `Fund ${fund.fundId} (VND)`);
    // Every term of available, so the printed figures add up to it.
    const figures: [string, string][] = [
      ['received', fund.received], ['+ transferred in', fund.transferredIn], ['+ moved in', fund.movedIn], ['+ FX difference', fund.fxDifference],
      ['- disbursed', fund.disbursed], ['- held', fund.held], ['- outstanding emergency', fund.outstandingEmergency],
      ['- in transit out', fund.inTransitOut], ['- transferred out', fund.transferredOut], ['- moved out', fund.movedOut],
      ['- late money (suspense)', fund.suspense], ['= available', fund.available], ['in kind received', fund.inKindReceived],
    ];
    for (const [label, value] of figures) lines.push(`  ${label.padEnd(25)} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

export const replayVerb: Verb = {
  name: 'replay',
  summary: 'rebuild every projection from the log into scratch state; print state hashes and fund totals',
  help: `Usage: ledger replay [--as-of DATE] [--at-position N] [--recorded-before ISO] [--json] [--quiet]

Rebuilds every projection from the log into scratch state (JSON states in memory, tables in a
temporary file), never touching the live read models, and prints for each projection the
position reached and the sha256 of its canonical state, then each fund's totals.
The same log always prints the same hashes; a replay to a read model's position prints that
read model's hash.

Options (they combine: entries dated by --as-of, as the log stood at --at-position):
  --as-of DATE          business date: keep the entries dated at or before it
                        (YYYY-MM-DD = the end of that day in Vietnam time, or ISO 8601
                        with an offset); a payment of a request dated later is left out too
  --at-position N       apply events up to and including position N (--to-position: same);
                        beyond the head of the log is a usage error (exit 2)
  --recorded-before ISO stop before the first event recorded after this instant
                        (the recording clock, ISO 8601 with an offset)
  --json             print the report as JSON
  --quiet            no progress on stderr
  -h, --help         show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, {
      'as-of': { type: 'string' }, 'at-position': { type: 'string' }, 'to-position': { type: 'string' }, 'recorded-before': { type: 'string' },
      json: { type: 'boolean' }, quiet: { type: 'boolean' },
    });
    const bound = boundOf(values);
    const config = configFromEnv(io.env);
    requireEventLog(config);
    const report = await withEventStore(config, async (store) => {
      const head = await store.headPosition();
      // As ?atPosition= is refused there: a replay "to" a position the log has not reached would
      // print the figures at the head under the position asked for.
      if (bound.toPosition !== undefined && bound.toPosition > head) throw new UsageError('at-position-beyond-head', { atPosition: bound.toPosition, head });
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
