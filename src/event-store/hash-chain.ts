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
