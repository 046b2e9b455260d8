import { EventStoreUnavailableError } from '../event-store.errors';

/** An event id that is already in the log (or twice in one append). Nothing of the append was written. */
export class DuplicateEventIdError extends Error {
  readonly type = 'duplicate-event-id' as const;

  constructor(
    readonly streamId: string,
    readonly eventId: string | undefined,
  ) {
    super(`Event id ${eventId ?? '(unknown)'} appended to ${streamId} is already in the log`);
    this.name = 'DuplicateEventIdError';
  }
}

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
