import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import type { LoggedEvent, ProposedEvent } from './in-memory-transaction-log';

/**
 * Conversions between the protocol messages the client package ships (generated from
 * EventStoreDB's .proto files) and the test server's log records.
 */

type ProposedMessage = {
  hasId(): boolean;
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
};

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  if (identifier === undefined) throw invalidArgument('stream_identifier is required');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

export function uuidToString(uuid: UUID | undefined): string {
  if (uuid === undefined) throw invalidArgument('id is required');
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  if (structured === undefined) throw invalidArgument('id has no value');
  const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const digits = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return [digits.slice(0, 8), digits.slice(8, 12), digits.slice(12, 16), digits.slice(16, 20), digits.slice(20)].join('-');
}

/** ESDB requires `type` and `content-type` on every proposed message. */
export function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined) throw requiredMetadataMissing('type');
  if (contentType === undefined) throw requiredMetadataMissing('content-type');
  return {
    eventId: uuidToString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** A ReadResp carrying one event, with its $all position (also on stream reads, as ESDB >= 22.10). */
export function eventResponse(event: LoggedEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.eventId))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
  return new ReadResp().setEvent(readEvent);
}

export function rpcError(code: GrpcStatus, details: string, exception?: Record<string, string>): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(exception ?? {})) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
}

export function invalidArgument(details: string): ServiceError {
  return rpcError(GrpcStatus.INVALID_ARGUMENT, details);
}

/** What ESDB 24.10 counts of an event against MaxAppendSize (Event.SizeOnDisk): data, custom metadata, the type in UTF-16. */
export function sizeOnDisk(event: { type: string; data: Uint8Array; customMetadata: Uint8Array }): number {
  return event.data.length + event.customMetadata.length + event.type.length * 2;
}

/** The unary Append's answer to an append over the server's MaxAppendSize. */
export function maxAppendSizeExceeded(maxAppendSize: number): ServiceError {
  return rpcError(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

export function unimplemented(what: string): ServiceError {
  return rpcError(GrpcStatus.UNIMPLEMENTED, `${what} is not implemented by EsdbProtocolTestServer`);
}

function requiredMetadataMissing(property: string): ServiceError {
  return rpcError(GrpcStatus.INVALID_ARGUMENT, `Required metadata property ${property} is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': property,
  });
}
