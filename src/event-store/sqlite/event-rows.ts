import type { EventMetadata, EventToAppend, JsonObject, StoredEvent } from '../event-store.port';

/** A row of the events table as the reading statements select it. */
export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
}

export interface GlobalEventRow extends EventRow {
  global_previous_hash: string;
  global_hash: string;
}

/**
 * A stored event with its link in the global chain, which runs through the whole log in position
 * order: globalHash = chainHash(globalPreviousHash, hash), and globalPreviousHash is the globalHash
 * of the event at the previous position (GENESIS_HASH for the first event of the log). The stream
 * chain (previousHash/hash) cannot see an event deleted from the end of a stream or two streams'
 * events reordered; the global chain can, so the auditor verifies both.
 */
export interface GloballyChainedEvent extends StoredEvent {
  globalPreviousHash: string;
  globalHash: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

export function toGloballyChainedEvent(row: GlobalEventRow): GloballyChainedEvent {
  return { ...toStoredEvent(row), globalPreviousHash: row.global_previous_hash, globalHash: row.global_hash };
}

/** The stored event of an append just written, sharing the caller's data and metadata objects. */
export function storedEvent(
  event: EventToAppend,
  streamId: string,
  revision: number,
  position: number,
  previousHash: string,
  hash: string,
): StoredEvent {
  const { eventId, type, data, metadata } = event;
  return { eventId, type, data, metadata, streamId, revision, position, previousHash, hash };
}
