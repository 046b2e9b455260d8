import { jsonEvent, type EventData, type RecordedEvent } from '@eventstore/db-client';
import { isJsonObject } from '../append-rules';
import type { EventMetadata, EventToAppend, JsonObject, StoredEvent } from '../event-store.port';
import { eventHash } from '../hash-chain';
import { toPortPosition } from './esdb-positions';

/**
 * How a ledger event is laid out in EventStoreDB: a JSON event whose id, type and data are the
 * port's, and whose metadata is the port's metadata with the event's link in its stream's hash
 * chain added (`previousHash`, `hash`). Reads take the two fields back out, so data and metadata
 * round-trip exactly.
 */

const CHAIN_FIELDS = ['previousHash', 'hash'] as const;
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ChainedEvent {
  event: EventToAppend;
  revision: number;
  previousHash: string;
  hash: string;
}

/**
 * Links events into their stream's chain from `previousHash`, the first one at `firstRevision`.
 * Everything hashed is known before the append (see hash-chain.ts): the exact revision comes from
 * the expected revision the append is sent with, never from the server's answer.
 */
export function chainEvents(streamId: string, firstRevision: number, previousHash: string, events: EventToAppend[]): ChainedEvent[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const revision = firstRevision + index;
    const hash = eventHash(previous, streamId, revision, event);
    const chained = { event, revision, previousHash: previous, hash };
    previous = hash;
    return chained;
  });
}

export function toEventData({ event, previousHash, hash }: ChainedEvent): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, previousHash, hash },
  });
}

export function toStoredEvent(recorded: RecordedEvent, streamId: string): StoredEvent {
  const what = `Event ${recorded.id} of ${recorded.streamId}`;
  if (!recorded.isJson || !isJsonObject(recorded.data) || !isJsonObject(recorded.metadata)) {
    throw new Error(`${what} is not a ledger event: its data or metadata is not a JSON object`);
  }
  const { previousHash, hash, ...metadata } = recorded.metadata as Record<string, unknown>;
  if (typeof previousHash !== 'string' || typeof hash !== 'string') {
    throw new Error(`${what} carries no hash chain in its metadata`);
  }
  return {
    eventId: recorded.id,
    type: recorded.type,
    data: recorded.data as JsonObject,
    metadata: metadata as unknown as EventMetadata,
    streamId,
    revision: Number(recorded.revision),
    position: toPortPosition(recorded.position, what),
    previousHash,
    hash,
  };
}

/**
 * What EventStoreDB would store differently from what it was given, refused before the append;
 * the port's own rules (append-rules.ts) are checked first.
 */
export function assertStorable(streamId: string, event: EventToAppend): void {
  if (typeof event?.eventId !== 'string' || !LOWERCASE_UUID.test(event.eventId)) {
    // ESDB keeps ids as UUIDs and returns them lowercase: anything else would not round-trip.
    throw new TypeError(`Event id ${String(event?.eventId)} for ${streamId} must be a lowercase UUID`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
    throw new TypeError(`Event type ${String(event.type)} for ${streamId} must be non-empty and not start with $`);
  }
  const clash = CHAIN_FIELDS.find((field) => field in event.metadata);
  if (clash !== undefined) throw new TypeError(`Event ${event.eventId} metadata must not carry ${clash}`);
}
