import { configFromEnv } from '../../config/ledger-config';
import type { SignedCheckpoint } from '../../proofs/checkpoint';
import { type CliIo, ExitCode, parseVerbArgs, requireEventLog, type Verb } from '../cli-support';

function summaryOf(checkpoint: SignedCheckpoint, signedNow: boolean): string {
  const head = signedNow ? 'Signed a checkpoint' : 'The latest checkpoint already covers the whole log';
  return `${head}: ${checkpoint.treeSize} events, root ${checkpoint.rootHash}, signed ${checkpoint.timestamp} by ${checkpoint.origin} (key ${checkpoint.keyId}).\n\n${checkpoint.note}`;
}

export const checkpointVerb: Verb = {
  name: 'checkpoint',
  summary: 'checkpoint: sign a checkpoint of the log now and keep it beside the log',
  help: `Usage: ledger checkpoint [--json]

Brings the Merkle tree (LEDGER_DATA_DIR/merkle-tree.db) up to the head of the log, then signs a
checkpoint of it with the ledger's Ed25519 key: a C2SP signed note of the origin, the tree size,
the RFC 9162 root (base64) and a \`time\` line. It is kept beside the log (it is not an event)
and served at GET /v1/public/checkpoint. When the latest checkpoint already covers the whole log,
that one is printed and nothing is signed. Safe while \`ledger serve\` runs.

The server also signs one by itself when the log has grown and the latest is older than
LEDGER_CHECKPOINT_INTERVAL (default 10 s), and before every publication.

Options:
  --json      print the checkpoint as GET /v1/public/checkpoint answers it
  -h, --help  show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, { json: { type: 'boolean' } });
    const config = configFromEnv(io.env);
    requireEventLog(config);
    // Loaded here, not at the command's start: every other verb starts without the log tree's modules.
    const { withLogTree } = await import('../../transparency/log-tree-context');
    const { checkpoint, signedNow } = await withLogTree(config, async (logTree) => {
      const before = logTree.tree.latestCheckpoint();
      const signed = await logTree.signNow();
      return { checkpoint: signed, signedNow: before === undefined || before.note !== signed.note };
    });
    io.stdout.write(values.json ? `${JSON.stringify(checkpoint, null, 2)}\n` : summaryOf(checkpoint, signedNow));
    return ExitCode.ok;
  },
};
