import { hash } from 'node:crypto';
import type { EventMetadata, EventToAppend, JsonObject } from '../event-store/event-store.port';
import { EVENT_SCHEMA_VERSIONS, type LedgerEvent } from '../domain/ledger-events';
import { canonicalJsonSha256 } from '../shared/canonical-json';

/** Who sent a command, when, and how to recognise a retry of it. */
export interface CommandMetadata {
  actor: { userId: string; roles: string[] };
  /** The server's recording time; business dates travel in the command itself. */
  now: string;
  correlationId: string;
  causationId: string;
  /** As the client sent it; scoped to the actor before it is stored. */
  idempotencyKey: string | null;
  /** sha256 of the canonical JSON of what the command asked (route and body); '' without a key. */
  requestHash: string;
}

export function requestHashOf(request: unknown): string {
  return canonicalJsonSha256(request);
}

/** Keys are per user: two users may pick the same key without colliding. */
export function scopedIdempotencyKey(meta: CommandMetadata): string | null {
  return meta.idempotencyKey === null ? null : userScopedKey(meta.actor.userId, meta.idempotencyKey);
}

/** The key as the store indexes it: the user's own. */
export function userScopedKey(userId: string, idempotencyKey: string): string {
  return `${userId}/${idempotencyKey}`;
}

/**
 * Event ids derive from the idempotency key, so an append retried after a lost answer carries
 * the same ids and a store that de-duplicates by id (EventStoreDB) writes it once.
 */
export function eventIdFor(scopedKey: string | null, index: number, random: () => string): string {
  if (scopedKey === null) return random();
  // One-shot: the same digest as a Hash object's, without one per event of a bulk append.
  const hex = hash('sha256', `${scopedKey}\n${index}`, 'hex');
  // Name-based UUID (version 8, RFC 9562 variant) from the first 128 bits of the digest.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function envelope(event: LedgerEvent, meta: CommandMetadata, index: number, random: () => string): EventToAppend {
  const idempotencyKey = scopedIdempotencyKey(meta);
  const metadata = metadataOf(event, meta);
  if (idempotencyKey !== null) {
    metadata.idempotencyKey = idempotencyKey;
    metadata.requestHash = meta.requestHash;
  }
  return { eventId: eventIdFor(idempotencyKey, index, random), type: event.type, data: event.data as unknown as JsonObject, metadata };
}

/**
 * An event of a batch whose items carry keys of their own (a statement line's, scoped to the fund
 * by the caller). The key is itself the hash of what the item asks for: no separate request hash.
 */
export function itemEnvelope(event: LedgerEvent, meta: CommandMetadata, itemKey: string): EventToAppend {
  const metadata = metadataOf(event, meta);
  metadata.idempotencyKey = itemKey;
  return { eventId: eventIdFor(itemKey, 0, noRandom), type: event.type, data: event.data as unknown as JsonObject, metadata };
}

function metadataOf(event: LedgerEvent, meta: CommandMetadata): EventMetadata {
  return {
    actor: { userId: meta.actor.userId, roles: [...meta.actor.roles] },
    correlationId: meta.correlationId,
    causationId: meta.causationId,
    recordedAt: meta.now,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
  };
}

/** eventIdFor draws no random value when it has a key. */
function noRandom(): string {
  throw new Error('An item with a key needs no random event id');
}
