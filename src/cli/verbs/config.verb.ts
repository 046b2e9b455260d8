import { configFromEnv } from '../../config/ledger-config';
import { effectiveConfiguration, formatConfiguration } from '../../config/effective-config';
import { type CliIo, ExitCode, parseVerbArgs, type Verb } from '../cli-support';

export const configVerb: Verb = {
  name: 'config',
  summary: 'print the configuration in force, secrets hidden',
  help: `Usage: ledger config [--json]

Checks every configuration variable as the server does at start and prints the values in force,
defaults included, one NAME=value line each. Tokens are shown only as set or unset, and the
password of EVENTSTORE_CONNECTION_STRING is replaced by asterisks, so the output can be shared.
Exits 2 naming the first bad variable and what it accepts.

Options:
  --json      print [{"variable","value","note"}] on stdout instead
  -h, --help  show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, { json: { type: 'boolean' } });
    const entries = effectiveConfiguration(configFromEnv(io.env));
    io.stdout.write(values.json ? `${JSON.stringify(entries)}\n` : formatConfiguration(entries));
    return ExitCode.ok;
  },
};
