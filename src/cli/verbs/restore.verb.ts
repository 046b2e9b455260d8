import { configFromEnv } from '../../config/ledger-config';
import { BackupDamagedError, BackupRefusedError, type BackupManifest, restoreSqliteStore } from '../../ops/sqlite-backup';
import { languageOfLocale } from '../../config/locale';
import { type CliIo, ExitCode, parseVerbArgs, UsageError, type Verb } from '../cli-support';
import { cliMessage } from '../cli-messages';
import { directoryArgument, refuseEventStoreDb } from './backup.verb';

export const restoreVerb: Verb = {
  name: 'restore',
  summary: 'restore <dir>: check a backup and copy it into an empty LEDGER_DATA_DIR',
  help: `Usage: ledger restore <dir>

Restores a backup written by \`ledger backup <dir>\` into LEDGER_DATA_DIR, which must be empty or
absent (it is created 0700; files are 0600): a restore never writes over a ledger. Before
anything is written, every file's sha256 is checked against manifest.json, and the log's last
event (position and global chain hash) against the manifest's head. The read models are rebuilt
from the log when the ledger next starts. Run \`ledger verify\` on the restored directory. The
secrets a backup holds (beneficiary-secret, signing-key.pem) are restored 0600 into
LEDGER_DATA_DIR: the restored ledger matches id numbers to the same beneficiaries as before,
checks the same passwords and signs with the same key (unless LEDGER_SIGNING_KEY_FILE or _SEED names another).

Exits 0 when restored; 1 when the backup is damaged (a file's sha256 or the log's head differs
from the manifest, a file is missing, the manifest is unreadable; the message names the file),
and nothing is restored; 2 when LEDGER_DATA_DIR is not empty or <dir> has no manifest.json;
3 when the copy failed (what was written is removed).

Options:
  -h, --help  show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { positionals } = parseVerbArgs(args, {}, true);
    const dir = directoryArgument(positionals, 'restore');
    const config = configFromEnv(io.env);
    const refused = refuseEventStoreDb(io, config, 'restore');
    if (refused !== undefined) return refused;
    let manifest: BackupManifest;
    try {
      manifest = await restoreSqliteStore(dir, config.dataDir);
    } catch (error) {
      if (error instanceof BackupRefusedError) throw new UsageError('backup-refused', { detail: error.message });
      if (!(error instanceof BackupDamagedError)) throw error;
      io.stderr.write(`ledger restore: ${cliMessage(languageOfLocale(io.env), 'backup-damaged', { dir, detail: error.message })}\n`);
      return ExitCode.verificationFailed;
    }
    io.stdout.write(`Restored the event log up to position ${manifest.headPosition} (head hash ${manifest.headHash}, backed up at ${manifest.createdAt}) into ${config.dataDir}.\n`
      + 'The read models are rebuilt from the log when the ledger next starts. Check the copy with `ledger verify`.\n');
    return ExitCode.ok;
  },
};
