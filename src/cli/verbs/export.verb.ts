import { JOURNAL_FORMATS, type JournalFormat, journalText } from '../../audit/journal';
import { configFromEnv } from '../../config/ledger-config';
import { type CliIo, ExitCode, integerOption, parseVerbArgs, requireEventLog, UsageError, type Verb, withEventStore, writeOut } from '../cli-support';
import { createProgress } from '../progress';

function formatOf(raw: string | undefined): JournalFormat {
  if (raw === undefined) return 'ndjson';
  if (!JOURNAL_FORMATS.includes(raw as JournalFormat)) throw new UsageError('format-one-of', { formats: JOURNAL_FORMATS.join(' or '), raw });
  return raw as JournalFormat;
}

export const exportVerb: Verb = {
  name: 'export',
  summary: 'write the journal (every stored event with its hashes) to stdout',
  help: `Usage: ledger export [--from-position N] [--format ndjson|csv] [--limit N] [--quiet]

Writes every stored event, in log order, to stdout: position, streamId, revision, eventId, type,
data, metadata, previousHash, hash, and on SQLite globalPreviousHash and globalHash. Streamed:
memory stays flat whatever the size of the log. The output can be re-hashed offline (see the
README, "Checking the journal offline").

  ndjson  one JSON object a line (the default; the same lines as GET /v1/journal)
  csv     RFC 4180, a header row, data and metadata as canonical JSON (RFC 8785)

Options:
  --from-position N  start at position N (inclusive); default the start of the log
  --format F         ndjson or csv
  --limit N          at most N events
  --quiet            no progress on stderr
  -h, --help         show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, {
      'from-position': { type: 'string' }, format: { type: 'string' }, limit: { type: 'string' }, quiet: { type: 'boolean' },
    });
    const fromPosition = integerOption('from-position', values['from-position']);
    const limit = integerOption('limit', values.limit, 1);
    const format = formatOf(values.format);
    const config = configFromEnv(io.env);
    requireEventLog(config);
    await withEventStore(config, async (store) => {
      const progress = createProgress(io.stderr, 'export', Math.max(0, (fromPosition ?? 0) - 1), await store.headPosition(), values.quiet === true);
      try {
        for await (const chunk of journalText(store, format, { fromPosition, limit }, (entry) => progress.update(entry.position))) {
          await writeOut(io.stdout, chunk);
        }
      } finally {
        progress.finish();
      }
    });
    return ExitCode.ok;
  },
};
