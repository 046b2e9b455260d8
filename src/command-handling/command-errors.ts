import type { Rejection } from '../domain/shared/decision';

/** A decider refused the command. Nothing was appended. */
export class CommandRejectedError extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
    this.name = 'CommandRejectedError';
  }
}

/** The idempotency key was used before for a different request. Nothing was appended. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly idempotencyKey: string) {
    super('This Idempotency-Key was already used with a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The stream kept moving under the command through every retry. Nothing was appended. */
export class ConcurrencyConflictError extends Error {
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`Stream ${streamId} changed concurrently ${attempts} times; try again`);
    this.name = 'ConcurrencyConflictError';
  }
}

/**
 * One entry is larger than the event store takes in one append (EventStoreDB's MaxAppendSize: a
 * distribution of thousands of lines). Nothing was appended; retrying never helps.
 */
export class EntryTooLargeError extends Error {
  constructor(readonly streamId: string, readonly maxAppendBytes: number) {
    super(`The entry is larger than the event store takes in one append (${maxAppendBytes} bytes)`);
    this.name = 'EntryTooLargeError';
  }
}
