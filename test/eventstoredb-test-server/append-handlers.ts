import type { ServerDuplexStream, ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { AllStreamPosition, BadRequest, Empty, MaximumAppendSizeExceeded, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as WellKnownEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  NO_STREAM_REVISION,
  type AppendOutcome,
  type ExpectedStreamState,
  type InMemoryTransactionLog,
  type ProposedEvent,
} from './in-memory-transaction-log';
import { invalidArgument, maxAppendSizeExceeded, proposedEvent, sizeOnDisk, streamIdentifier, streamNameOf, uuidToString } from './protocol-messages';

/** The server's default MaxAppendSize (EVENTSTORE_MAX_APPEND_SIZE): 1 MiB. */
export const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

/** Whether the proposed events, counted as the server counts them, are more than one append may carry. */
function overMaxAppendSize(proposed: readonly ProposedEvent[], maxAppendSize: number): boolean {
  return proposed.reduce((size, event) => size + sizeOnDisk(event), 0) > maxAppendSize;
}

/**
 * `Streams.Append` (one append per call: options first, then the proposed messages) and
 * `Streams.BatchAppend` (one long-lived call multiplexing appends by correlation id, each
 * finished by a message with `is_final`). The client uses BatchAppend when the server lists it
 * in ServerFeatures (ESDB >= 21.10), Append otherwise.
 */

export function handleAppend(log: InMemoryTransactionLog, maxAppendSize = DEFAULT_MAX_APPEND_SIZE) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => {
    let target: { streamName: string; expected: ExpectedStreamState } | undefined;
    let failure: Error | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      try {
        if (target === undefined) target = appendTarget(request);
        else proposed.push(proposedEvent(request.getProposedMessage() as AppendReq.ProposedMessage));
      } catch (error) {
        failure ??= error as Error;
      }
    });
    call.on('end', () => {
      if (failure !== undefined) return callback(failure);
      if (target === undefined) return callback(invalidArgument('Append without options'));
      if (overMaxAppendSize(proposed, maxAppendSize)) return callback(maxAppendSizeExceeded(maxAppendSize));
      const outcome = log.append(target.streamName, target.expected, proposed);
      callback(null, appendResponse(outcome, target.expected));
    });
  };
}

export function handleBatchAppend(log: InMemoryTransactionLog, maxAppendSize = DEFAULT_MAX_APPEND_SIZE) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, { options: BatchAppendReq.Options; proposed: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidToString(request.getCorrelationId());
      const options = request.getOptions();
      if (options !== undefined) pending.set(correlationId, { options, proposed: [] });
      const write = pending.get(correlationId);
      if (write === undefined) return;
      try {
        write.proposed.push(...request.getProposedMessagesList().map(proposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(correlationId);
        if (overMaxAppendSize(write.proposed, maxAppendSize)) {
          call.write(tooLarge(request.getCorrelationId() as UUID, write.options, maxAppendSize));
          return;
        }
        call.write(batchAppend(log, request.getCorrelationId() as UUID, write.options, write.proposed));
      } catch (error) {
        pending.delete(correlationId);
        call.write(badRequest(request.getCorrelationId() as UUID, write.options, error as Error));
      }
    });
    call.on('end', () => call.end());
  };
}

function appendTarget(request: AppendReq): { streamName: string; expected: ExpectedStreamState } {
  const options = request.getOptions();
  if (options === undefined) throw invalidArgument('The first message of Append must carry options');
  const streamName = streamNameOf(options.getStreamIdentifier());
  if (options.hasRevision()) return { streamName, expected: { kind: 'revision', revision: BigInt(options.getRevision()) } };
  if (options.hasNoStream()) return { streamName, expected: { kind: 'no_stream' } };
  if (options.hasStreamExists()) return { streamName, expected: { kind: 'stream_exists' } };
  if (options.hasAny()) return { streamName, expected: { kind: 'any' } };
  throw invalidArgument('expected_stream_revision is required');
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedStreamState): AppendResp {
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.currentRevision === NO_STREAM_REVISION) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new Empty());
    else {
      const position = outcome.position.toString();
      success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    }
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === NO_STREAM_REVISION) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  if (expected.kind === 'any') wrong.setExpectedAny(new Empty());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function batchAppend(
  log: InMemoryTransactionLog,
  correlationId: UUID,
  options: BatchAppendReq.Options,
  proposed: ProposedEvent[],
): BatchAppendResp {
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = batchExpectation(options);
  const outcome = log.append(streamName, expected, proposed);
  const response = new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(streamIdentifier(streamName));
  if (outcome.kind === 'wrong_expected_version') return response.setError(wrongExpectedVersionStatus(outcome, expected));
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision === NO_STREAM_REVISION) success.setNoStream(new WellKnownEmpty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new WellKnownEmpty());
  else {
    const position = outcome.position.toString();
    success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
  }
  return response.setSuccess(success);
}

/** ESDB answers a malformed batch with a BadRequest status for that correlation id. */
function badRequest(correlationId: UUID, options: BatchAppendReq.Options, error: Error): BatchAppendResp {
  const details = new Any();
  details.pack(new BadRequest().setMessage(error.message).serializeBinary(), 'event_store.client.BadRequest');
  return new BatchAppendResp()
    .setCorrelationId(correlationId)
    .setStreamIdentifier(options.getStreamIdentifier())
    .setError(new Status().setCode(Code.INVALID_ARGUMENT).setMessage(error.message).setDetails(details));
}

/** BatchAppend reports an append over MaxAppendSize as a status whose details pack MaximumAppendSizeExceeded. */
function tooLarge(correlationId: UUID, options: BatchAppendReq.Options, maxAppendSize: number): BatchAppendResp {
  const details = new Any();
  details.pack(new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded');
  return new BatchAppendResp()
    .setCorrelationId(correlationId)
    .setStreamIdentifier(options.getStreamIdentifier())
    .setError(new Status().setCode(Code.INVALID_ARGUMENT).setMessage(`Maximum Append Size of ${maxAppendSize} Exceeded.`).setDetails(details));
}

function batchExpectation(options: BatchAppendReq.Options): ExpectedStreamState {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

/** BatchAppend reports a conflict as a google.rpc.Status whose details pack a WrongExpectedVersion. */
function wrongExpectedVersionStatus(
  outcome: Extract<AppendOutcome, { kind: 'wrong_expected_version' }>,
  expected: ExpectedStreamState,
): Status {
  const details = new WrongExpectedVersion();
  if (outcome.currentRevision === NO_STREAM_REVISION) details.setCurrentNoStream(new WellKnownEmpty());
  else details.setCurrentStreamRevision(outcome.currentRevision.toString());
  if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
  if (expected.kind === 'no_stream') details.setExpectedNoStream(new WellKnownEmpty());
  if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new WellKnownEmpty());
  if (expected.kind === 'any') details.setExpectedAny(new WellKnownEmpty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status().setCode(Code.FAILED_PRECONDITION).setMessage('Wrong expected version.').setDetails(packed);
}
