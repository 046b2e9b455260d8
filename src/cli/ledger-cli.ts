import 'reflect-metadata';
import { ConfigError, configFromEnv, debugOutputWanted } from '../config/ledger-config';
import { keepHeapNearLiveSet } from '../ops/heap-growth';
import { keepCreatedFilesPrivate } from '../ops/private-files';
import { ledgerVersion } from '../ops/version';
import { type CliIo, damagedDataFiles, ExitCode, UsageError, type Verb, wantsHelp } from './cli-support';
import { cliMessage } from './cli-messages';
import { languageOfLocale } from '../config/locale';
import { backupVerb } from './verbs/backup.verb';
import { checkpointVerb } from './verbs/checkpoint.verb';
import { proveVerb } from './verbs/prove.verb';
import { verifyProofVerb } from './verbs/verify-proof.verb';
import { configVerb } from './verbs/config.verb';
import { exportVerb } from './verbs/export.verb';
import { importVerb } from './verbs/import.verb';
import { replayVerb } from './verbs/replay.verb';
import { reportVerb } from './verbs/report.verb';
import { restoreVerb } from './verbs/restore.verb';
import { serveVerb } from './verbs/serve.verb';
import { usersVerb } from './verbs/users.verb';
import { verifyVerb } from './verbs/verify.verb';

/** Every verb of `ledger`. `import` and `report` join when their modules land. */
export const VERBS: readonly Verb[] = [serveVerb, usersVerb, importVerb, replayVerb, verifyVerb, exportVerb, reportVerb, backupVerb, restoreVerb, configVerb, checkpointVerb, proveVerb, verifyProofVerb];

export function mainHelp(): string {
  const width = Math.max(...VERBS.map((verb) => verb.name.length));
  return `Usage: ledger <verb> [options]

The ctd-fund-ledger command line: the same store and configuration as the server.

Verbs:
${VERBS.map((verb) => `  ${verb.name.padEnd(width)}  ${verb.summary}`).join('\n')}

Run \`ledger <verb> --help\` for a verb's options; \`ledger --version\` prints the version.

Configuration (environment, as for the server):
  LEDGER_STORE=sqlite|eventstoredb (default sqlite), LEDGER_DATA_DIR (default ./data),
  EVENTSTORE_CONNECTION_STRING, EVENTSTORE_MAX_APPEND_SIZE, PORT, HOST, LEDGER_ADMIN_TOKEN,
  LEDGER_LOG_LEVEL (silent hides warnings and errors of the core on stderr), LEDGER_TRUST_PROXY,
  LEDGER_METRICS_TOKEN, LEDGER_PUBLIC_RATE_LIMIT, LEDGER_AUTH_FAILURE_LIMIT, LEDGER_BULK_REQUESTS_PER_TURN,
  LEDGER_IMPORT_BODY_LIMIT_MB, LEDGER_PUBLIC_URL, LEDGER_SIGNING_KEY_FILE or LEDGER_SIGNING_KEY_SEED,
  LEDGER_CHECKPOINT_ORIGIN, LEDGER_CHECKPOINT_INTERVAL; \`ledger config\` prints the values in force

Exit codes:
  0  success (verify: the log and the read models are whole)
  1  verify found a problem (the first bad position and the reason are printed); restore found the backup damaged
  2  usage error: unknown verb or option, bad value, bad configuration; nothing was done
  3  runtime error: the store could not be opened or read, or the work failed
`;
}

/** Runs one command line and answers its exit code; never exits the process itself. */
export async function runLedgerCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    const { name: packageName, version } = ledgerVersion();
    io.stdout.write(`${packageName} ${version}\n`);
    return ExitCode.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) {
      io.stderr.write(mainHelp());
      return ExitCode.usage;
    }
    const verb = name === 'help' ? VERBS.find((candidate) => candidate.name === args[0]) : undefined;
    io.stdout.write(verb ? verb.help : mainHelp());
    return ExitCode.ok;
  }
  const verb = VERBS.find((candidate) => candidate.name === name);
  if (!verb) {
    io.stderr.write(`ledger: ${cliMessage(languageOfLocale(io.env), 'unknown-verb', { verb: name })}\n\n${mainHelp()}`);
    return ExitCode.usage;
  }
  if (wantsHelp(args)) {
    io.stdout.write(verb.help);
    return ExitCode.ok;
  }
  try {
    return await verb.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      const language = languageOfLocale(io.env);
      const message = error instanceof UsageError ? error.in(language) : error.message;
      io.stderr.write(`ledger ${verb.name}: ${message}\n${cliMessage(language, 'see-help', { verb: verb.name })}\n`);
      return ExitCode.usage;
    }
    const debug = debugOutputWanted(io.env);
    const message = error instanceof Error ? (debug ? error.stack ?? error.message : error.message) : String(error);
    io.stderr.write(`ledger ${verb.name}: ${message}\n${damagedDataFiles(error, dataDirOf(io.env), languageOfLocale(io.env)).map((line) => `${line}\n`).join('')}`);
    return ExitCode.runtime;
  }
}

/** LEDGER_DATA_DIR as the verb read it, for naming its files in an error; the configuration was good, or the verb could not have failed at its work. */
function dataDirOf(env: NodeJS.ProcessEnv): string {
  try {
    return configFromEnv(env).dataDir;
  } catch {
    return '';
  }
}

/** Waits until everything written to the stream has been handed to the OS (pipes are asynchronous). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

export async function main(): Promise<void> {
  // The reader of stdout went away (`ledger export | head`): stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    process.stderr.write(`ledger: ${cliMessage(languageOfLocale(process.env), 'cannot-write-stdout', { detail: error.message })}\n`);
    process.exit(ExitCode.runtime);
  });
  keepCreatedFilesPrivate();
  keepHeapNearLiveSet();
  const code = await runLedgerCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

if (require.main === module) void main();
