/**
 * The ledger's files hold donors' names, contacts and tax codes: nobody but the account that
 * runs the ledger may read them. Every file and folder a ledger process creates (the log, the
 * read models, their WAL and shared-memory files, import spools, reports written with --out) is
 * private, whatever the shell's umask.
 */
export const PRIVATE_UMASK = 0o077;

export function keepCreatedFilesPrivate(): void {
  process.umask(PRIVATE_UMASK);
}
