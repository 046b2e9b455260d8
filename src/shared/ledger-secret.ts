import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file of the ledger's own secret, made at first use (32 random bytes as hex, mode 0600) and
 * kept in every backup. The keys that must never be in the log derive from it, each under its own
 * label: the funds' id-number keys and the key that seals password hashes. Its name is the one the
 * first of them gave it; renaming it would leave existing data folders and backups without it.
 */
export const LEDGER_SECRET_FILE = 'beneficiary-secret';

/** The ledger's secret of this data folder, made now if the folder has none. */
export function readLedgerSecret(dataDir: string): Buffer {
  const path = join(dataDir, LEDGER_SECRET_FILE);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
    } catch (error) {
      // Another process of the same data folder made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'utf8');
}

