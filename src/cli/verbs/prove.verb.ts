import { configFromEnv } from '../../config/ledger-config';
import { type ProofFile, proofFile } from '../../proofs/proof-json';
import { withLogTree } from '../../transparency/log-tree-context';
import { BeyondSignedTree, eventHashAt, inclusionAtPosition } from '../../transparency/proof-answers';
import { type CliIo, ExitCode, integerOption, parseVerbArgs, requireEventLog, UsageError, type Verb } from '../cli-support';

export const proveVerb: Verb = {
  name: 'prove',
  summary: 'prove <position> [--tree-size N]: print the proof that an event is in a signed checkpoint',
  help: `Usage: ledger prove <position> [--tree-size N]

Prints, as JSON, the proof that the event at <position> of the log is in the tree a signed
checkpoint commits to: {leaf, leafIndex, treeSize, auditPath, checkpoint}. \`leaf\` is the event's
hash (hex): its UTF-8 bytes are the RFC 9162 leaf. The proof is made against the latest signed
checkpoint, or with --tree-size against the signed checkpoint of that size, of the key the ledger
signs with now (the key of GET /v1/public/keys). Anyone can check the
file offline with \`ledger verify-proof <file> --key <public key>\`.

Nothing is signed: an event newer than the latest checkpoint needs \`ledger checkpoint\` first.
Exits 0 with the proof, 2 when the position or size is not in a signed checkpoint.

Options:
  --tree-size N  prove against the signed checkpoint of N events
  -h, --help     show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseVerbArgs(args, { 'tree-size': { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('one-position');
    const position = integerOption('position', positionals[0], 1) as number;
    const treeSize = integerOption('tree-size', values['tree-size'], 1);
    const config = configFromEnv(io.env);
    requireEventLog(config);
    const file: ProofFile = await withLogTree(config, async (logTree, store) => {
      // Only checkpoints of the key the ledger signs with now: one of an earlier key fails under the key of /v1/public/keys.
      const checkpoint = treeSize === undefined ? logTree.latestOwnCheckpoint() : logTree.checkpointOfSize(treeSize);
      if (checkpoint === undefined) throw new UsageError('no-checkpoint-of-size', { treeSize: treeSize ?? 0 });
      try {
        const proof = inclusionAtPosition(logTree.tree, checkpoint, position);
        const eventHash = await eventHashAt(store, position);
        if (eventHash === undefined) throw new BeyondSignedTree('position', position, checkpoint.treeSize);
        return proofFile(eventHash, proof.leafIndex, proof.auditPath.map((step) => Buffer.from(step, 'hex')), checkpoint);
      } catch (error) {
        if (error instanceof BeyondSignedTree) throw new UsageError('position-not-signed', { position, treeSize: checkpoint.treeSize });
        throw error;
      }
    });
    io.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
    return ExitCode.ok;
  },
};
