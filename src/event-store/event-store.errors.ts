import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the append expected. */
export class WrongExpectedRevisionError extends Error {
  readonly type = 'wrong-expected-revision' as const;

  constructor(
    readonly streamId: string,
    readonly expectedRevision: ExpectedRevision,
    /** -1 when the stream has no events; undefined when the backend does not say. */
    readonly actualRevision: number | undefined,
  ) {
    super(
      `Stream ${streamId} expected at revision ${String(expectedRevision)}, ` +
        `actual ${actualRevision === undefined ? 'unknown' : actualRevision}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store could not be reached or failed; the operation may be retried by the caller. */
export class EventStoreUnavailableError extends Error {
  readonly type = 'event-store-unavailable' as const;

  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * The events are more than one append of the backend may carry (EventStoreDB refuses an append
 * over its `MaxAppendSize`, 1 MiB unless the server is told otherwise). Retrying never helps:
 * the caller appends fewer events at a time, or the entry is too large for the store.
 */
export class AppendTooLargeError extends Error {
  readonly type = 'append-too-large' as const;

  constructor(
    readonly streamId: string,
    /** What the append would carry, counted as appendBytes counts it; undefined when only the server knows. */
    readonly bytes: number | undefined,
    readonly maxAppendBytes: number,
  ) {
    super(`An append ${bytes === undefined ? '' : `of ${bytes} bytes `}to stream ${streamId} is over the store's limit of ${maxAppendBytes} bytes`);
    this.name = 'AppendTooLargeError';
  }
}

/**
 * An event id that is already in the log (or twice in one append). Nothing of the append was
 * written. Event ids derive from a command's idempotency key, so another process's write under
 * the same key, to another stream, is told this way (SQLite keeps event_id unique).
 */
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
