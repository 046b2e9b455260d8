import { hash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';
import type { EventToAppend } from './event-store.port';

/** The previous hash of the first event of a stream (and of the first event of the log). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The part of an event that its hash covers. Everything in it is known before the append, so
 * every backend can compute the hash the same way; the global position is not in it because
 * EventStoreDB assigns it only after the write.
 */
export function hashedContent(streamId: string, revision: number, event: EventToAppend) {
  return {
    streamId,
    revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** Canonical JSON (RFC 8785) of what the hash covers. */
export function canonicalEventJson(streamId: string, revision: number, event: EventToAppend): string {
  return canonicalJson(hashedContent(streamId, revision, event));
}

/**
 * hash = hex(sha256(utf8(previousHash) || utf8(canonicalJson))): the previous hash as its 64
 * lowercase hex characters, immediately followed by the canonical JSON, no separator.
 */
export function chainHash(previousHash: string, canonicalJson: string): string {
  // One-shot hash of the concatenation: the same bytes as two updates, without a Hash object.
  return hash('sha256', previousHash + canonicalJson, 'hex');
}

export function eventHash(previousHash: string, streamId: string, revision: number, event: EventToAppend): string {
  return chainHash(previousHash, canonicalEventJson(streamId, revision, event));
}

/** An event's data and metadata as canonical JSON, and its hash, computed over the same texts. */
export interface HashedEventJson {
  data: string;
  metadata: string;
  hash: string;
}

/**
 * eventHash, with the canonical JSON of the event's data and metadata kept: a store can save
 * those texts (valid JSON that parses to the same values) instead of serialising the event a
 * second time. The hashed text is assembled from them in RFC 8785 member order (data, eventId,
 * metadata, revision, streamId, type), which is byte for byte canonicalEventJson: the canonical
 * form of an object is its members' canonical forms in sorted key order.
 */
export function hashedEventJson(previousHash: string, streamId: string, revision: number, event: EventToAppend): HashedEventJson {
  if (event.data === undefined || event.metadata === undefined || !Number.isFinite(revision)) {
    // A member the canonical form drops, or a revision it refuses: the whole object decides.
    return { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), hash: eventHash(previousHash, streamId, revision, event) };
  }
  const data = canonicalJson(event.data);
  const metadata = canonicalJson(event.metadata);
  const hashed = `{"data":${data},"eventId":${JSON.stringify(event.eventId)},"metadata":${metadata},"revision":${JSON.stringify(revision)},`
    + `"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(event.type)}}`;
  return { data, metadata, hash: chainHash(previousHash, hashed) };
}
