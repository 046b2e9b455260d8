import type { EventToAppend, ExpectedRevision, StoredEvent } from './event-store.port';

/**
 * The rules of an append that the port states and every adapter applies alike: what a valid
 * append is, when an expected revision holds, and when an append is a retry of one already
 * stored. The adapters differ only in how they find the facts (a row read under SQLite's write
 * lock, a read or an error from EventStoreDB), never in what the facts mean.
 */

/** The last event of a stream: what an expected revision is checked against, and what an append follows. */
export interface StreamHead {
  /** -1 when the stream has no events. */
  revision: number;
  hash: string;
  position: number;
}

/** The exact revision an expectation names: -1 for 'no_stream', none for 'any' and 'stream_exists'. */
export function exactRevision(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return -1;
  return typeof expected === 'number' ? expected : undefined;
}

/** Whether a stream whose last event has revision `actual` (-1: no events) meets the expectation. */
export function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return expected === actual;
  }
}

/**
 * A retry of an append that was already written, as EventStoreDB recognises one: the same event
 * ids, in the same order, stored in the same stream. Only ids are compared: telling a retry from a
 * reuse of an idempotency key with another payload is the command layer's job (metadata.requestHash).
 */
export function sameEventIds(appended: readonly EventToAppend[], stored: readonly StoredEvent[]): boolean {
  return stored.length === appended.length && stored.every((event, index) => event.eventId === appended[index].eventId);
}

/**
 * Where a retry's first event must be stored to count as the same append: right after the
 * revision it expected, or anywhere in the stream for 'any' and 'stream_exists' (undefined).
 */
export function retryFirstRevision(expected: ExpectedRevision): number | undefined {
  const exact = exactRevision(expected);
  return exact === undefined ? undefined : exact + 1;
}

/**
 * Programming errors thrown before anything is queued or sent: without a stream id, an expected
 * revision and an array of events, no later append can be pipelined on the append. An append
 * refused for anything else (a malformed event, assertAppendEvents; one too large for the backend)
 * still takes its turn on its stream as a failed append, so that an append pipelined on it fails
 * too (the port's promise).
 */
export function assertAppendTarget(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  assertExpectedRevision(streamId, expected);
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
}

/** Each event has an id, a type, and JSON objects for data and metadata. */
export function assertAppendEvents(streamId: string, events: readonly EventToAppend[]): void {
  for (const event of events) {
    const valid =
      typeof event?.eventId === 'string' &&
      event.eventId.length > 0 &&
      typeof event.type === 'string' &&
      event.type.length > 0 &&
      isJsonObject(event.data) &&
      isJsonObject(event.metadata);
    if (!valid) throw new TypeError(`Malformed event ${String(event?.eventId)} for ${streamId}`);
  }
}

function assertExpectedRevision(streamId: string, expected: ExpectedRevision): void {
  const named = expected === 'any' || expected === 'no_stream' || expected === 'stream_exists';
  if (!named && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`Invalid expectedRevision ${String(expected)} for ${streamId}`);
  }
}

/** Positions and revisions the port takes in: non-negative safe integers. */
export function assertPosition(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer, not ${String(value)}`);
}

/** An object that serialises as a JSON object: not null, not an array, not raw bytes. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * What an event weighs against an append's size limit, as EventStoreDB counts it against
 * `MaxAppendSize` (Event.SizeOnDisk: data, metadata and the type in UTF-16): its data and metadata
 * as sent, with room for the hash chain the adapter adds to the metadata (two 64-character hashes
 * and their names, 156 bytes).
 */
export function appendBytesOf(event: EventToAppend): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)) + event.type.length * 2 + HASH_CHAIN_BYTES;
}

/** `,"previousHash":"…","hash":"…"` with two 64-character hashes is 156 bytes; a little more. */
const HASH_CHAIN_BYTES = 192;

/**
 * Consecutive runs of `events`, each of at most `maxAppendBytes` (an event heavier than that alone
 * makes a run of its own, which the store refuses): how a batch of independent items is appended
 * to a store that limits one append's size.
 */
export function appendRuns<Event extends EventToAppend>(events: readonly Event[], maxAppendBytes: number | undefined): Event[][] {
  if (maxAppendBytes === undefined) return [events.slice()];
  const runs: Event[][] = [];
  let run: Event[] = [];
  let bytes = 0;
  for (const event of events) {
    const weight = appendBytesOf(event);
    if (run.length > 0 && bytes + weight > maxAppendBytes) {
      runs.push(run);
      run = [];
      bytes = 0;
    }
    run.push(event);
    bytes += weight;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
