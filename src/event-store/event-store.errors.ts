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
