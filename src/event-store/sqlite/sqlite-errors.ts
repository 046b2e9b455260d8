import { EventStoreUnavailableError } from '../event-store.errors';

export { DuplicateEventIdError } from '../event-store.errors';

/**
 * The native addon keeps the SqliteError class of the first copy of better-sqlite3 loaded in the
 * process, so a module registry that loads it again (jest does, per test file) would fail an
 * `instanceof`: the error is recognised by its name and code instead.
 */
export function sqliteErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'SqliteError') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqliteErrorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Disk full, I/O errors and the like: they doom the whole transaction, not one append. */
export function isFatalSqliteError(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code !== undefined && !code.startsWith('SQLITE_CONSTRAINT');
}

export function closedError(): EventStoreUnavailableError {
  return new EventStoreUnavailableError('The SQLite event store is closed');
}
