import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CommandRejectedError } from '../../command-handling/command-errors';
import { configFromEnv } from '../../config/ledger-config';
import { LEDGER_STREAM_PREFIX, SLUG_PATTERN } from '../../domain/streams';
import { acceptedHeadings, isProfileName, PROFILE_NAMES, type ProfileName } from '../../import/statement-layout';
import type { ImportProgress, ImportRequest } from '../../import/statement-import';
import { type CliIo, ExitCode, integerOption, type OutputStream, parseVerbArgs, UsageError, type Verb } from '../cli-support';

const BAR_WIDTH = 30;
const REDRAW_EVERY_MS = 100;

/**
 * Progress of an import on stderr, measured in bytes of the file: a bar redrawn in place on a
 * terminal, a plain line at each 10 % elsewhere.
 */
function importProgress(stream: OutputStream, totalBytes: number, quiet: boolean) {
  const started = Date.now();
  let drawnAt = 0;
  let reportedStep = 0;
  let last: ImportProgress = { rows: 0, bytesRead: 0, imported: 0 };
  const fraction = (bytes: number) => (totalBytes <= 0 ? 1 : Math.min(1, bytes / totalBytes));
  const rate = () => Math.round(last.rows / Math.max(0.001, (Date.now() - started) / 1000));
  const line = () => `${last.rows} lines read, ${last.imported} imported (${rate()} lines/s)`;
  const draw = () => {
    const filled = Math.round(fraction(last.bytesRead) * BAR_WIDTH);
    stream.write(`\rimport ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(fraction(last.bytesRead) * 100)}% ${line()}`);
  };
  return {
    update(progress: ImportProgress) {
      last = progress;
      if (quiet) return;
      if (stream.isTTY) {
        if (Date.now() - drawnAt < REDRAW_EVERY_MS) return;
        drawnAt = Date.now();
        draw();
        return;
      }
      const step = Math.floor(fraction(progress.bytesRead) * 10);
      if (step <= reportedStep || step >= 10) return;
      reportedStep = step;
      stream.write(`import: ${step * 10}% of the file, ${line()}\n`);
    },
    finish(done: boolean) {
      if (quiet) return;
      if (stream.isTTY) {
        draw();
        stream.write('\n');
        return;
      }
      stream.write(`import: ${done ? 'done' : 'stopped'}, ${line()}\n`);
    },
  };
}

function slugOption(name: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && !SLUG_PATTERN.test(raw)) throw new UsageError('slug-option', { name, raw });
  return raw;
}

function requestOf(values: Record<string, string | boolean | undefined>): ImportRequest {
  const fundId = slugOption('fund', values.fund as string | undefined);
  if (fundId === undefined) throw new UsageError('fund-option-required');
  const profile = values.profile as string | undefined;
  if (profile !== undefined && profile !== 'auto' && !isProfileName(profile)) {
    throw new UsageError('profile-one-of', { profiles: [...PROFILE_NAMES], raw: profile });
  }
  const bankAccount = values['bank-account'] as string | undefined;
  if (bankAccount !== undefined && !/^[0-9A-Za-z .-]{1,64}$/.test(bankAccount)) throw new UsageError('bank-account');
  return {
    fundId,
    bankAccount: bankAccount ?? null,
    campaignId: slugOption('campaign', values.campaign as string | undefined) ?? null,
    component: slugOption('component', values.component as string | undefined) ?? 'general',
    profile: profile === undefined || profile === 'auto' ? null : (profile as ProfileName),
  };
}

export const importVerb: Verb = {
  name: 'import',
  summary: 'import a bank statement (CSV or XLSX): each credit line becomes a donation',
  help: `Usage: ledger import <file> --fund F [--bank-account A] [--campaign C] [--component X]
                     [--profile auto|${PROFILE_NAMES.join('|')}] [--batch-size N] [--quiet]

Reads a bank statement, CSV (UTF-8, "," or ";") or XLSX (first sheet), in one streaming pass and
books each credit line as a bank_transfer donation of the fund, in batches of 5,000 lines, each
appended atomically. Bank fees are booked as BankFeeCharged, interest as InterestCredited; other
debit lines, and money the bank gives back (a fee refunded, a transfer returned), are listed for
review (StatementLineUnclassified); a bad line is reported with its line
number and the rest still import. A statement with a balance column (or an opening balance above
its header) is read once more first and refused, nothing booked, when its running balance breaks.
The statement's own account number, printed above the header, is the account of every line; the
same file (by sha256) imported again books nothing. Each line's identity is a hash of the bank account, date,
reference, amount, memo and its occurrence among identical lines, so running the same file again,
or an overlapping statement, books each transfer once. An interrupted import keeps what it
booked; run it again to complete it. The import writes the log only: the read models (balances,
registers, reports) catch up wherever the ledger's core runs, at once in a running
\`ledger serve\`, else when it next starts; \`ledger report\` waits for them.

Prints the result as JSON on stdout:
  {imported, duplicates, suspense, debits: {fees, interest, unclassified}, warnings, statement, balanceCheck,
   alreadyImported, skipped, rejected: [{line, code, message}], rejectedCount,
   position, fileSha256, format, profile, bankAccount, rows, complete}
Progress goes to stderr: a bar on a terminal, a line every 10 % otherwise.

Options:
  --fund F           the fund (required)
  --bank-account A   the fund's account the statement is of, when the statement does not
                     print it (default: the campaign's); part of each line's identity
  --campaign C       book the donations to this campaign
  --component X      the component fund (default general)
  --profile P        the bank's layout (default auto: detected from the lines above and the header)
  --batch-size N     lines per atomic append, 100 to 10000 (default 5000); larger batches
                     write faster, and an interrupted import loses at most one batch in progress
  --quiet            no progress on stderr
  -h, --help         show this help

Exit codes: 0 imported (rejected lines are in the JSON), 2 usage error or a statement that
cannot be read, or an unknown fund, campaign or component (nothing imported), 3 runtime error.
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseVerbArgs(args, {
      fund: { type: 'string' }, 'bank-account': { type: 'string' }, campaign: { type: 'string' }, component: { type: 'string' },
      profile: { type: 'string' }, 'batch-size': { type: 'string' }, quiet: { type: 'boolean' },
    }, true);
    if (positionals.length !== 1) throw new UsageError('import-one-file');
    const request = requestOf(values);
    const requestedBatchSize = integerOption('batch-size', values['batch-size'], 100);
    if (requestedBatchSize !== undefined && requestedBatchSize > 10_000) throw new UsageError('batch-size-max');
    const path = resolve(positionals[0]);
    const size = statSync(path, { throwIfNoEntry: false });
    if (!size?.isFile()) throw new UsageError('not-a-file', { path: positionals[0] });
    const config = configFromEnv(io.env);
    // Loaded once the arguments are known good: the importer, the write path and the store are
    // most of the verb's start, which a usage error should not pay (exceljs comes only with an
    // XLSX statement).
    const [
      { CLI_BATCH_SIZE, ForeignCurrencyStatementError, sha256OfFile, StatementBalanceError, StatementImporter }, { StatementFormatError }, { UnknownLayoutError },
      { WritePath }, { InflowView }, { openEventStore },
    ] = await Promise.all([
      import('../../import/statement-import'), import('../../import/statement-reader'), import('../../import/statement-rows'),
      import('../../command-handling/write-path'), import('../../command-handling/inflow-view'), import('../../event-store/event-store.factory'),
    ]);
    const batchSize = requestedBatchSize ?? CLI_BATCH_SIZE;
    const progress = importProgress(io.stderr, size.size, values.quiet === true);
    const id = randomUUID();
    try {
      // The store alone, not the ledger's core: the core would run every projection in this
      // process, on the same event loop as the import, for a third of its CPU. The read models
      // follow the log wherever the core runs (`ledger serve`, or the next start), and
      // `ledger report` waits for them to catch up, so nothing here needs them.
      const store = await openEventStore(config, { ledgerStreamPrefix: LEDGER_STREAM_PREFIX });
      let result;
      try {
        const writePath = new WritePath(store);
        const inflows = new InflowView(store);
        writePath.onCommitted((events) => inflows.follow(events));
        const importer = new StatementImporter(store, writePath, inflows);
        await importer.preflight(request);
        const fileSha256 = await sha256OfFile(path);
        result = await importer.importFile(path, fileSha256, request, {
          // The CLI acts as the system: whoever runs it can already write the data directory.
          meta: { actor: { userId: 'system', roles: ['system'] }, correlationId: id, causationId: `cli:${id}` },
          scratchDir: join(config.dataDir, 'import-scratch'),
          batchSize,
          onProgress: (update) => progress.update(update),
        });
      } finally {
        await store.close();
      }
      progress.finish(true);
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return ExitCode.ok;
    } catch (error) {
      progress.finish(false);
      if (error instanceof CommandRejectedError) throw new UsageError('command-rejected', { code: error.rejection.code, rejection: error.rejection });
      // A header not recognised: what each column may be headed, as the HTTP answer's details.accepted.
      if (error instanceof UnknownLayoutError) {
        const accepted = Object.entries(acceptedHeadings()).map(([column, headings]) => `  ${column}: ${headings.join(', ')}`).join('\n');
        throw new UsageError('statement-unknown-layout', { headingsSeen: error.headingsSeen, accepted });
      }
      if (error instanceof StatementFormatError) throw new UsageError('statement-unreadable', { detail: error.message });
      if (error instanceof StatementBalanceError) throw new UsageError('statement-unreadable', { detail: error.message });
      if (error instanceof ForeignCurrencyStatementError) throw new UsageError('statement-foreign-currency', { currency: error.currency, line: error.line });
      throw error;
    }
  },
};
