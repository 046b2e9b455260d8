import { status as GrpcStatus, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import { checkpointEvery, filterFromOptions, type EventFilter } from './event-filter';
import { InvalidPositionError, type AllReadStart, type InMemoryTransactionLog } from './in-memory-transaction-log';
import { eventResponse, invalidArgument, rpcError, streamIdentifier, streamNameOf, unimplemented } from './protocol-messages';

/**
 * `Streams.Read`: stream reads, $all reads and $all subscriptions (catch-up then live), the
 * combinations the client's readStream / readAll / subscribeToAll produce.
 */

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

export function handleRead(log: InMemoryTransactionLog, liveCalls: Set<ReadCall>) {
  return (call: ReadCall) => {
    void serveRead(call, log, liveCalls).catch((error: unknown) => {
      if (!call.cancelled) call.emit('error', toServiceError(error));
    });
  };
}

async function serveRead(call: ReadCall, log: InMemoryTransactionLog, liveCalls: Set<ReadCall>): Promise<void> {
  const options = call.request.getOptions();
  if (options === undefined) throw invalidArgument('options are required');
  if (!options.hasUuidOption()) throw invalidArgument('uuid_option is required');
  if (options.hasStream() && options.hasCount()) return readStream(call, log, options);
  if (options.hasAll() && options.hasCount()) return readAll(call, log, options);
  if (options.hasAll() && options.hasSubscription()) return new AllSubscription(call, log, options, liveCalls).start();
  throw unimplemented('Subscriptions to a single stream');
}

async function readStream(call: ReadCall, log: InMemoryTransactionLog, options: ReadReq.Options): Promise<void> {
  const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
  const streamName = streamNameOf(streamOptions.getStreamIdentifier());
  const start = streamOptions.hasRevision() ? BigInt(streamOptions.getRevision()) : streamOptions.hasEnd() ? 'end' : 'start';
  const events = log.readStream(streamName, start, direction(options), BigInt(options.getCount()));
  if (events === 'stream_not_found') {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName));
    await send(call, new ReadResp().setStreamNotFound(notFound));
  } else {
    for (const event of events) await send(call, eventResponse(event));
  }
  call.end();
}

async function readAll(call: ReadCall, log: InMemoryTransactionLog, options: ReadReq.Options): Promise<void> {
  const start = allReadStart(options.getAll() as ReadReq.Options.AllOptions);
  const filter = filterFromOptions(options);
  const maxCount = BigInt(options.getCount());
  const forwards = direction(options) === 'forwards';
  let index = forwards ? log.forwardsStartIndex(start) : log.backwardsStartIndex(start);
  for (let sent = 0n; sent < maxCount && index >= 0 && index < log.length; index += forwards ? 1 : -1) {
    const event = log.at(index);
    if (!filter(event)) continue;
    await send(call, eventResponse(event));
    sent += 1n;
  }
  call.end();
}

/**
 * One $all subscription: confirmation, the historical events after the start position
 * (exclusive, as ESDB skips events at or before the checkpoint it resumes from), a caught-up
 * message, then every new event as it is appended. Filtered subscriptions also receive a
 * checkpoint every `checkpointIntervalMultiplier × maxSearchWindow` events considered.
 */
class AllSubscription {
  private nextIndex: number;
  private readonly filter: EventFilter;
  private readonly checkpointEvery: number | undefined;
  private considered = 0;
  private pumping = false;
  private appendedWhilePumping = false;
  private caughtUpSent = false;

  constructor(
    private readonly call: ReadCall,
    private readonly log: InMemoryTransactionLog,
    options: ReadReq.Options,
    private readonly liveCalls: Set<ReadCall>,
  ) {
    const start = allReadStart(options.getAll() as ReadReq.Options.AllOptions);
    this.nextIndex = start === 'start' ? 0 : start === 'end' ? log.length : startAfter(log, start);
    this.filter = filterFromOptions(options);
    this.checkpointEvery = checkpointEvery(options);
  }

  async start(): Promise<void> {
    const unsubscribe = this.log.onAppended(() => void this.pump());
    this.liveCalls.add(this.call);
    const stop = () => {
      unsubscribe();
      this.liveCalls.delete(this.call);
    };
    for (const ending of ['cancelled', 'finish', 'close'] as const) this.call.once(ending, stop);
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    await send(this.call, new ReadResp().setConfirmation(confirmation));
    await this.pump();
  }

  /** Sends everything not sent yet; appends arriving meanwhile are picked up by the same loop. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.appendedWhilePumping = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.appendedWhilePumping = false;
        await this.sendPending();
      } while (this.appendedWhilePumping && !this.call.cancelled);
    } catch (error) {
      if (!this.call.cancelled) this.call.emit('error', toServiceError(error));
    } finally {
      this.pumping = false;
    }
  }

  private async sendPending(): Promise<void> {
    while (this.nextIndex < this.log.length && !this.call.cancelled && this.call.writable) {
      const event = this.log.at(this.nextIndex++);
      this.considered += 1;
      if (this.filter(event)) await send(this.call, eventResponse(event));
      if (this.checkpointEvery !== undefined && this.considered % this.checkpointEvery === 0) {
        const position = event.position.toString();
        await send(this.call, new ReadResp().setCheckpoint(
          new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position),
        ));
      }
    }
    if (!this.caughtUpSent && this.call.writable) {
      this.caughtUpSent = true;
      await send(this.call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    }
  }
}

/** Index of the first event strictly after `position` (which must be a record boundary). */
function startAfter(log: InMemoryTransactionLog, position: bigint): number {
  const index = log.indexAtOrAfter(position);
  return index < log.length && log.at(index).position === position ? index + 1 : index;
}

function allReadStart(all: ReadReq.Options.AllOptions): AllReadStart {
  if (all.hasEnd()) return 'end';
  if (!all.hasPosition()) return 'start';
  const position = all.getPosition() as ReadReq.Options.Position;
  const commit = BigInt(position.getCommitPosition());
  // The log holds only implicit transactions: a position names a record when commit == prepare.
  if (commit !== BigInt(position.getPreparePosition())) throw new InvalidPositionError(commit);
  return commit;
}

function direction(options: ReadReq.Options): 'forwards' | 'backwards' {
  return options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
}

/** Writes with backpressure: waits for 'drain' when grpc-js's buffer is full. */
async function send(call: ReadCall, response: ReadResp): Promise<void> {
  if (call.cancelled || !call.writable) return;
  if (call.write(response)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const name of ['drain', 'cancelled', 'close'] as const) call.off(name, done);
      resolve();
    };
    for (const name of ['drain', 'cancelled', 'close'] as const) call.once(name, done);
  });
}

function toServiceError(error: unknown) {
  if (error instanceof InvalidPositionError) return rpcError(GrpcStatus.INVALID_ARGUMENT, 'Invalid position.');
  if (typeof error === 'object' && error !== null && 'code' in error) return error;
  return rpcError(GrpcStatus.INTERNAL, error instanceof Error ? error.message : String(error));
}
