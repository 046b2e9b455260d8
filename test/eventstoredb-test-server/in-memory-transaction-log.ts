/**
 * The storage half of EsdbProtocolTestServer: an in-memory transaction log with EventStoreDB's
 * write and read rules, independent of gRPC.
 *
 * What it reproduces, and where the rule comes from (EventStoreDB server source, `IndexWriter
 * .CheckCommit`, `AllReader`, and the gRPC `Streams.Append` / `Streams.Read` handlers):
 * - stream revisions start at 0; a stream with no events is at -1 ("no stream");
 * - expected revision `exact n` succeeds only when the stream is at n, `no_stream` only when it
 *   has no events, `stream_exists` only when it has some, `any` always;
 * - idempotency: with an exact (or no_stream) expectation older than the stream, the append is a
 *   no-op success when the events already stored right after the expected revision carry the same
 *   ids; if only the first matches it is a wrong-expected-version. With `any`/`stream_exists` the
 *   server looks the ids up in the stream instead (ESDB only remembers recent ids there, which is
 *   why only exact expectations guarantee de-duplication);
 * - the reply to a de-duplicated append is a success carrying the original last revision and
 *   the original log position;
 * - every event of an append is its own log record (an implicit transaction), so its commit and
 *   prepare positions are equal: the byte offset of the record. Offsets grow by the record's
 *   size, so positions are increasing but not contiguous, as in a real log;
 * - $all reads forwards include the given position, backwards exclude it; a position that is not
 *   the start of a record is refused (ESDB answers InvalidPosition).
 */

export interface LoggedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Lowercase canonical UUID. */
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as ESDB sends `created`. */
  readonly createdTicks: bigint;
  /** Commit and prepare position: equal for events written outside explicit transactions. */
  readonly position: bigint;
}

export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export type ExpectedStreamState =
  | { readonly kind: 'revision'; readonly revision: bigint }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'any' };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint; readonly position: bigint | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint };

export type ReadDirection = 'forwards' | 'backwards';
export type StreamReadStart = bigint | 'start' | 'end';
export type AllReadStart = bigint | 'start' | 'end';

export class InvalidPositionError extends Error {
  constructor(readonly position: bigint) {
    super(`Position ${position} is not the start of a record in the transaction log`);
  }
}

export const NO_STREAM_REVISION = -1n;

/** ESDB writes an epoch record at 0 before any event; events therefore never sit at position 0. */
const FIRST_EVENT_POSITION = 128n;
/** Fixed part of a prepare record (header, ids, flags, timestamps): an approximation. */
const PREPARE_RECORD_OVERHEAD_BYTES = 100;

export class InMemoryTransactionLog {
  private readonly events: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly positions = new Set<bigint>();
  private writerCheckpoint = FIRST_EVENT_POSITION;
  private readonly appendListeners = new Set<() => void>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  get length(): number {
    return this.events.length;
  }

  /** The position the next record will be written at: the end of the log. */
  get endPosition(): bigint {
    return this.writerCheckpoint;
  }

  at(index: number): LoggedEvent {
    const event = this.events[index];
    if (event === undefined) throw new Error(`No event at index ${index}`);
    return event;
  }

  onAppended(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  streamRevision(streamName: string): bigint {
    const stream = this.streams.get(streamName);
    return stream === undefined ? NO_STREAM_REVISION : BigInt(stream.length - 1);
  }

  append(streamName: string, expected: ExpectedStreamState, proposed: readonly ProposedEvent[]): AppendOutcome {
    const currentRevision = this.streamRevision(streamName);
    if (expected.kind === 'stream_exists' && currentRevision === NO_STREAM_REVISION) {
      return { kind: 'wrong_expected_version', currentRevision };
    }
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const duplicate = this.findIdempotentById(streamName, proposed);
      if (duplicate !== 'none') return duplicate === 'corrupted' ? wrongVersion(currentRevision) : duplicate;
      return this.write(streamName, proposed);
    }
    const expectedRevision = expected.kind === 'no_stream' ? NO_STREAM_REVISION : expected.revision;
    if (expectedRevision === currentRevision) return this.write(streamName, proposed);
    if (expectedRevision > currentRevision) return wrongVersion(currentRevision);
    return this.checkIdempotentAtRevision(streamName, expectedRevision, proposed) ?? wrongVersion(currentRevision);
  }

  readStream(
    streamName: string,
    start: StreamReadStart,
    direction: ReadDirection,
    maxCount: bigint,
  ): LoggedEvent[] | 'stream_not_found' {
    const stream = this.streams.get(streamName);
    if (stream === undefined) return 'stream_not_found';
    const count = clampCount(maxCount);
    if (direction === 'forwards') {
      const from = start === 'start' ? 0 : start === 'end' ? stream.length : Number(start);
      return stream.slice(from, from + count);
    }
    const from = start === 'end' ? stream.length - 1 : start === 'start' ? 0 : Math.min(Number(start), stream.length - 1);
    return stream.slice(Math.max(0, from - count + 1), from + 1).reverse();
  }

  /** Index in the log of the first event at or after `position` (the log's length if none). */
  indexAtOrAfter(position: bigint): number {
    this.assertRecordBoundary(position);
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle).position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index where a forwards read starts: inclusive of `position`. */
  forwardsStartIndex(start: AllReadStart): number {
    if (start === 'start') return 0;
    if (start === 'end') return this.events.length;
    return this.indexAtOrAfter(start);
  }

  /** Index of the first event a backwards read returns: strictly before `position`. */
  backwardsStartIndex(start: AllReadStart): number {
    if (start === 'end') return this.events.length - 1;
    if (start === 'start') return -1;
    return this.indexAtOrAfter(start) - 1;
  }

  private assertRecordBoundary(position: bigint): void {
    if (position === 0n || position === this.writerCheckpoint || this.positions.has(position)) return;
    throw new InvalidPositionError(position);
  }

  /** `any` / `stream_exists`: ESDB looks each id up among the stream's events. */
  private findIdempotentById(
    streamName: string,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome | 'none' | 'corrupted' {
    const stream = this.streams.get(streamName) ?? [];
    let last: LoggedEvent | undefined;
    for (const [index, event] of proposed.entries()) {
      const stored = stream.find((candidate) => candidate.eventId === event.eventId);
      if (stored === undefined) return index === 0 ? 'none' : 'corrupted';
      last = stored;
    }
    if (last === undefined) return 'none';
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** Exact / no_stream older than the stream: a retry of events already stored right after it. */
  private checkIdempotentAtRevision(
    streamName: string,
    expectedRevision: bigint,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    const stream = this.streams.get(streamName) ?? [];
    let last: LoggedEvent | undefined;
    for (const [offset, event] of proposed.entries()) {
      const stored = stream[Number(expectedRevision) + 1 + offset];
      if (stored === undefined || stored.eventId !== event.eventId) return undefined;
      last = stored;
    }
    if (last === undefined) return undefined;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  private write(streamName: string, proposed: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const createdTicks = BigInt(this.clock().getTime()) * 10_000n;
    let last: LoggedEvent | undefined;
    for (const event of proposed) {
      last = { ...event, streamName, revision: BigInt(stream.length), createdTicks, position: this.writerCheckpoint };
      stream.push(last);
      this.events.push(last);
      this.positions.add(last.position);
      this.writerCheckpoint += BigInt(recordSize(last));
    }
    if (last === undefined) {
      return { kind: 'success', currentRevision: this.streamRevision(streamName), position: undefined };
    }
    this.streams.set(streamName, stream);
    for (const listener of this.appendListeners) listener();
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }
}

function wrongVersion(currentRevision: bigint): AppendOutcome {
  return { kind: 'wrong_expected_version', currentRevision };
}

function clampCount(maxCount: bigint): number {
  return maxCount > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(maxCount);
}

function recordSize(event: LoggedEvent): number {
  const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
  return (
    PREPARE_RECORD_OVERHEAD_BYTES +
    utf8(event.streamName) +
    utf8(event.type) +
    event.data.byteLength +
    event.customMetadata.byteLength
  );
}
