import type { Position } from '@eventstore/db-client';

/**
 * The port's `position` is a JS number; EventStoreDB's is a pair of 64-bit byte offsets in its
 * transaction log, {commit, prepare}. The mapping keeps the commit position:
 *
 * - Every event the ledger appends goes through a gRPC append, which ESDB writes as an implicit
 *   transaction: each event is its own prepare record flagged as committed, and both its commit
 *   and its prepare position are that record's offset (ESDB >= 20.6.1, kurrent-io/KurrentDB#2522).
 *   So for ledger events prepare == commit and the commit position alone orders them strictly.
 *   An event written in an explicit transaction (the legacy TCP API) has commit != prepare; one
 *   in a ledger stream is refused loudly rather than mapped to a position that is not unique.
 * - Offsets fit a safe integer until the log reaches 8 PiB; beyond that the mapping refuses.
 * - Back to the server, a port position p names {commit: p, prepare: p}, the event's own record.
 */

export function toPortPosition(position: Position | undefined, what: string): number {
  if (position === undefined) {
    throw new Error(`EventStoreDB returned ${what} without its $all position (stream reads carry it from server 22.10 on)`);
  }
  if (position.commit !== position.prepare) {
    throw new Error(`${what} has commit ${position.commit} != prepare ${position.prepare}: written in an explicit transaction`);
  }
  if (position.commit <= 0n || position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${what} has a position the port cannot represent: ${position.commit}`);
  }
  return Number(position.commit);
}

export function toServerPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/** ESDB's order on positions: by commit, then by prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
