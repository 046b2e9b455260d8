import { configFromEnv, type LedgerConfig } from '../../config/ledger-config';
import { backupSqliteStore, BackupRefusedError, type BackupManifest } from '../../ops/sqlite-backup';
import { languageOfLocale } from '../../config/locale';
import { type CliIo, ExitCode, parseVerbArgs, UsageError, type Verb } from '../cli-support';
import { cliMessage } from '../cli-messages';

/** One positional argument, the directory; shared by backup and restore. */
export function directoryArgument(positionals: string[], verb: string): string {
  if (positionals.length !== 1 || positionals[0].trim() === '') throw new UsageError('one-directory', { verb });
  return positionals[0];
}

/**
 * On EventStoreDB the log is not in LEDGER_DATA_DIR: a backup of that directory would hold only
 * read models, which the log rebuilds, and would look like a backup while being none.
 */
export function refuseEventStoreDb(io: CliIo, config: LedgerConfig, verb: string): number | undefined {
  if (config.store !== 'eventstoredb') return undefined;
  io.stderr.write(`ledger ${verb}: ${cliMessage(languageOfLocale(io.env), 'eventstoredb-not-backed-up', { verb })}\n`);
  return ExitCode.usage;
}

function summaryOf(manifest: BackupManifest, dir: string): string {
  const files = manifest.files.map((file) => `  ${file.name}  ${file.bytes} bytes  sha256 ${file.sha256}`).join('\n');
  return `Backed up the event log up to position ${manifest.headPosition} (head hash ${manifest.headHash}) into ${dir}:\n${files}\n  manifest.json\n`;
}

export const backupVerb: Verb = {
  name: 'backup',
  summary: 'backup <dir>: copy the event log, consistently, while the server runs',
  help: `Usage: ledger backup <dir> [--json]

Copies the event log (LEDGER_DATA_DIR/ledger.db) and its Merkle tree into <dir> with SQLite's online backup API:
safe while \`ledger serve\` writes, and consistent (the log exactly as of one commit). <dir> is
created (0700), or must be an empty directory; the files in it are 0600. manifest.json is written
last: {headPosition, headHash, createdAt, files: [{name, sha256, bytes}]}, where headPosition and
headHash are the position and global chain hash of the last copied event. A directory without a
manifest.json is not a backup.

The Merkle tree (merkle-tree.db) is copied too, before the log, because the checkpoints signed
and published are kept in it; a backup without it restores, and the tree is then rebuilt from the
log on the first start. The read models (read-models.db) are not copied: they are rebuilt from the
log when the restored ledger starts.

The ledger's secrets are copied too (0600, listed in the manifest by their sha256 only): the
ledger's secret (beneficiary-secret: the funds' id-number keys and the seal of password hashes
derive from it; without it the restored registry could never match an id number to its beneficiary
again, and nobody could sign in with their password) and the signing key (signing-key.pem of
the data directory, or the file LEDGER_SIGNING_KEY_FILE names, copied as signing-key.pem). A key
given by LEDGER_SIGNING_KEY_SEED lives in the environment only: keep the seed apart. Keep the
backup as secret as the data directory. With LEDGER_STORE=eventstoredb nothing is done (exit 2):
back up EventStoreDB with its own procedure.

Restore with \`ledger restore <dir>\`. Exits 0 when the backup is whole, 2 when <dir> is not empty
or there is no log at LEDGER_DATA_DIR, 3 when the copy failed (what was written is removed).

Options:
  --json      print manifest.json on stdout
  -h, --help  show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseVerbArgs(args, { json: { type: 'boolean' } }, true);
    const dir = directoryArgument(positionals, 'backup');
    const config = configFromEnv(io.env);
    const refused = refuseEventStoreDb(io, config, 'backup');
    if (refused !== undefined) return refused;
    let manifest: BackupManifest;
    try {
      manifest = await backupSqliteStore(config.dataDir, dir, new Date(), { signingKeyFile: config.proofs?.signingKeyFile });
    } catch (error) {
      if (error instanceof BackupRefusedError) throw new UsageError('backup-refused', { detail: error.message });
      throw error;
    }
    io.stdout.write(values.json ? `${JSON.stringify(manifest, null, 2)}\n` : summaryOf(manifest, dir));
    if (config.proofs?.signingKeySeed !== undefined) {
      io.stderr.write('ledger backup: the signing key is LEDGER_SIGNING_KEY_SEED, which lives in the environment only and is not in the backup: keep the seed apart.\n');
    }
    return ExitCode.ok;
  },
};
