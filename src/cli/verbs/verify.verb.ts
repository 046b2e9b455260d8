import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyResult } from '../../audit/verify';
import { configFromEnv, type LedgerConfig } from '../../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { type CliIo, ExitCode, parseVerbArgs, requireEventLog, type Verb, withLedgerContext } from '../cli-support';
import { createProgress } from '../progress';

export function formatVerifyResult(result: VerifyResult): string {
  const lines: string[] = [];
  if (result.ok) {
    lines.push(`OK: ${result.eventsChecked} events verified (positions up to ${result.lastPosition}): hashes, chains, revisions, positions and decoding are whole.`);
    lines.push(`signed checkpoints: the log makes the root of each of ${result.checkpointsChecked} checkpoint size(s) the ledger signed.`);
  } else if (result.reason === 'checkpoint_unsigned') {
    lines.push(`FAILED: ${result.reason}: ${result.message}`);
    lines.push(`${result.eventsChecked} events verified; the log makes the root each checkpoint's signed note says, but the checkpoint file was altered.`);
    if (result.details) lines.push(`details: ${JSON.stringify(result.details)}`);
  } else {
    lines.push(`FAILED at position ${result.firstBadPosition ?? 'unknown'}: ${result.reason}: ${result.message}`);
    lines.push(`${result.eventsChecked} events before it verified.`);
    if (result.details) lines.push(`details: ${JSON.stringify(result.details)}`);
  }
  for (const check of result.projections) {
    // A read model that has read none of a log holding events (a restored backup before the
    // ledger's first start) equals an empty replay, which says nothing of it.
    const unbuilt = check.comparedAtPosition === 0 && result.eventsChecked > 0 && check.matches === true;
    const state = unbuilt ? 'not built yet, nothing compared (the ledger builds it when it starts)'
      : check.matches === null ? 'not compared' : check.matches ? 'equals a fresh replay' : 'DIFFERS from a fresh replay';
    lines.push(`projection ${check.name} (${check.kind}, v${check.version}) at position ${check.comparedAtPosition}: ${state}${check.sha256 ? `, sha256 ${check.sha256}` : ''}`);
  }
  // Only of a whole log: a head computed over an altered event is not one to keep.
  if (result.ok && result.globalHeadHash) lines.push(`global chain head: ${result.globalHeadHash} (keep it: a later verify must extend it)`);
  return `${lines.join('\n')}\n`;
}

export const verifyVerb: Verb = {
  name: 'verify',
  summary: 'check the hash chains, revisions, positions, decoding, and projections against a fresh replay',
  help: `Usage: ledger verify [--json] [--quiet]

Walks the whole log and checks, at each position in this order: positions strictly increasing
(and, on SQLite, dense and linked by the global chain), stream revisions contiguous from 0,
previousHash equal to the hash of the stream's previous event, each event's hash recomputed
from its content, every event decoding to a known type and schema version; the log's Merkle
root at the size of every checkpoint the ledger signed equal to the signed root, and the log
holding every event a checkpoint signed; then replays every projection and compares it with the
live read model at the read model's position.

A backup folder (one holding manifest.json, as \`ledger backup\` writes it) is left exactly as
it is: its files are checked against the manifest, restored into a temporary folder, verified
there, and the copy removed. A file that is not its manifest's fails the verification.

Exits 0 with a summary when the log is whole, 1 naming the first bad position and the reason:
position_order, position_gap, chain_broken, revision_gap, hash_mismatch, unreadable_event,
unknown_event, projection_failed, projection_differs (with the differing figure and both values),
checkpoint_unsigned (a checkpoint kept in merkle-tree.db is not what the ledger's key signed).

Options:
  --json      print the result as JSON (the body of GET /v1/audit/verify)
  --quiet     no progress on stderr
  -h, --help  show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, { json: { type: 'boolean' }, quiet: { type: 'boolean' } });
    const given = configFromEnv(io.env);
    const { MANIFEST_FILE } = await import('../../ops/sqlite-backup');
    if (given.store === 'sqlite' && existsSync(join(given.dataDir, MANIFEST_FILE))) return verifyBackup(given, values, io);
    return verifyDataFolder(given, values, io);
  },
};

/**
 * Evidence is not changed by checking it: opening a SQLite log switches it to WAL and the ledger
 * builds its read models beside it, so a backup is verified on a restored copy, which also checks
 * every file against the manifest (and the log's head against the manifest's).
 */
async function verifyBackup(config: LedgerConfig, values: { json?: boolean; quiet?: boolean }, io: CliIo): Promise<number> {
  const { BackupDamagedError, restoreSqliteStore } = await import('../../ops/sqlite-backup');
  const scratch = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  const copy = join(scratch, 'data');
  try {
    try {
      await restoreSqliteStore(config.dataDir, copy);
    } catch (error) {
      if (!(error instanceof BackupDamagedError)) throw error;
      io.stdout.write(`FAILED: the backup in ${config.dataDir} is not what its manifest.json says: ${error.message}\n`);
      return ExitCode.verificationFailed;
    }
    if (!values.json) io.stdout.write(`Backup ${config.dataDir}: every file is its manifest's; verified on a copy, the backup left as it was.\n`);
    return await verifyDataFolder({ ...config, dataDir: copy }, values, io);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function verifyDataFolder(config: LedgerConfig, values: { json?: boolean; quiet?: boolean }, io: CliIo): Promise<number> {
  requireEventLog(config);
  // Loaded with the core, after the arguments are read: `--help` and usage errors load no Nest.
  const [{ verifyAgainstRunners }, { ProjectionsService }, { merkleTreeFileOf, readSignedCheckpoints }, { existingLedgerSigningKey }] = await Promise.all([
    import('../../audit/verify'), import('../../projection-runner/projections.service'), import('../../transparency/merkle-tree-store'),
    import('../../transparency/signing-key'),
  ]);
  // The checkpoints the ledger signed, read before the core opens the tree file: on a log that
  // no longer agrees with the tree, the core rebuilds the tree from the log at start.
  const checkpoints = readSignedCheckpoints(merkleTreeFileOf(config));
  // The key that signs them: a kept checkpoint is held by what its note signs, and one that the key did not sign as kept fails.
  const checkpointKey = existingLedgerSigningKey(config)?.publicKeyRaw;
  const result = await withLedgerContext(config, io, async (app) => {
    const store = app.get<EventStore>(EVENT_STORE);
    const progress = createProgress(io.stderr, 'verify', 0, await store.headPosition(), values.quiet === true);
    try {
      return await verifyAgainstRunners(store, app.get(ProjectionsService), { checkpoints, checkpointKey, onEvent: (position) => progress.update(position) });
    } finally {
      progress.finish();
    }
  });
  io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyResult(result));
  return result.ok ? ExitCode.ok : ExitCode.verificationFailed;
}
