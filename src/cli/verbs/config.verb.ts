import { configFromEnv } from '../../config/ledger-config';
import { existingLedgerSigningKey } from '../../transparency/signing-key';
import { effectiveConfiguration, formatConfiguration } from '../../config/effective-config';
import { type CliIo, ExitCode, parseVerbArgs, type Verb } from '../cli-support';

export const configVerb: Verb = {
  name: 'config',
  summary: 'print the configuration in force, secrets hidden',
  help: `Usage: ledger config [--json]

Checks every configuration variable as the server does at start (the signing key it names is
read, as the server reads it) and prints the values in force,
defaults included, one NAME=value line each. Tokens are shown only as set or unset, and the
password of EVENTSTORE_CONNECTION_STRING is replaced by asterisks, so the output can be shared.
Exits 2 naming the first bad variable and what it accepts.

Options:
  --json      print [{"variable","value","note"}] on stdout instead
  -h, --help  show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, { json: { type: 'boolean' } });
    const config = configFromEnv(io.env);
    // A signing key named by LEDGER_SIGNING_KEY_FILE (or the data folder's) is read as the server reads it: a missing or
    // unreadable key is a configuration error here, not at the server's start.
    existingLedgerSigningKey(config);
    const entries = effectiveConfiguration(config);
    io.stdout.write(values.json ? `${JSON.stringify(entries)}\n` : formatConfiguration(entries));
    return ExitCode.ok;
  },
};
