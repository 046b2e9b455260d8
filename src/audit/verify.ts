import { setImmediate } from 'node:timers/promises';
import type { ProjectedEvent } from '../../projections/projection';
import { UnknownEventError } from '../domain/upcasters';
import type { EventStore, StoredEvent } from '../event-store/event-store.port';
import { chainHash, eventHash, GENESIS_HASH } from '../event-store/hash-chain';
import { checkpointKeyId, parseCheckpointBody, type SignedCheckpoint, verifySignedCheckpoint } from '../proofs/checkpoint';
import { CompactMerkleTree, eventLeafHash } from '../proofs/merkle-tree';
import { parseNote } from '../proofs/signed-note';
import type { ProjectionRunner } from '../projection-runner/projection-runner';
import { toProjectedEvent } from '../projection-runner/projected-event';
import type { TableRunnerView } from '../projection-runner/table-runner-view';
import { canonicalJson } from '../shared/canonical-json';
import { globalChainOf, type GloballyChainedEvent, hasGlobalLink, readLog } from './global-chain';
import {
  type LiveProjectionSnapshot, type ProjectionCheck, type ProjectionDifference, type ProjectionReplay, StateReplay, TableReplay,
} from './projection-replays';
import { type LiveTablesSnapshot, ScratchTables, snapshotTableRunners } from './table-state';

export type { LiveProjectionSnapshot, ProjectionCheck } from './projection-replays';

/**
 * Why a log failed verification, checked in this order at each position: the position itself,
 * the global chain link, the stream revision and link, the event's own hash, the global hash,
 * decoding, the projections.
 */
export type VerifyReason =
  | 'position_order' // a position not greater than the one before it
  | 'position_gap' // a position missing from a backend whose positions are dense (SQLite)
  | 'chain_broken' // previousHash (or globalPreviousHash) is not the hash of the event before
  | 'revision_gap' // a stream's revisions do not run 0, 1, 2… in log order
  | 'hash_mismatch' // a stored hash is not the hash of what is stored
  | 'unreadable_event' // the store could not parse a stored event at all
  | 'unknown_event' // an event type or schema version this program cannot decode
  | 'projection_failed' // replaying an event broke a projection's invariant
  | 'projection_differs' // a fresh replay does not equal the live read model
  | 'checkpoint_unsigned'; // a kept checkpoint is not what the ledger's key signed (its note does not verify, or its fields are not its note's)

export interface VerifyResult {
  ok: boolean;
  /** Events that passed every check, in log order. */
  eventsChecked: number;
  /** Position of the last event that passed; 0 for an empty log. */
  lastPosition: number;
  /** The global chain's last hash, on backends that keep one: record it to detect a truncated tail later. */
  globalHeadHash?: string;
  /** Signed checkpoint sizes whose root the log was found to make (0 when the ledger has signed none). */
  checkpointsChecked: number;
  projections: ProjectionCheck[];
  firstBadPosition?: number;
  reason?: VerifyReason;
  message?: string;
  details?: Record<string, unknown>;
}

/** The live read models, frozen before the walk starts. */
export interface LiveReadModels {
  states: LiveProjectionSnapshot[];
  tables?: LiveTablesSnapshot;
}

export interface VerifyOptions {
  /** Called after each event that passed, with its position: for progress. */
  onEvent?: (position: number) => void;
  /**
   * The checkpoints the ledger signed, as kept. The chains alone cannot tell a log rewritten with
   * every hash recomputed, or cut short, from a sound one; a signed checkpoint can: the log's first
   * treeSize events must still make its root, and the log must still hold treeSize events. The
   * size and root held are the ones its signed note says, never the fields beside the note.
   */
  checkpoints?: Iterable<SignedCheckpoint>;
  /**
   * The ledger's public key (raw 32 bytes). A checkpoint of this key whose note does not verify,
   * or whose fields are not its note's, was not signed as kept: verify fails. A checkpoint of
   * another key (one signed before the key changed) is held by its note unchecked.
   */
  checkpointKey?: Uint8Array;
}

interface Failure {
  position: number | undefined;
  reason: VerifyReason;
  message: string;
  details?: Record<string, unknown>;
}

/** The state of one walk through the log: what each check needs to know about the events before. */
class LogWalk {
  private readonly streams = new Map<string, { revision: number; hash: string }>();
  private lastGlobalHash = GENESIS_HASH;
  lastPosition = 0;
  eventsChecked = 0;
  checkpointsChecked = 0;
  /** The log's Merkle tree (api-v2 "Checkpoints and proofs"), grown only when there are signed roots to hold it against. */
  private readonly tree = CompactMerkleTree.empty();
  /** Leaves vouched for by the last signed root that matched, and the position of the first event after them. */
  private vouchedLeaves = 0;
  private firstUnvouchedPosition = 0;

  constructor(readonly denseChain: boolean, readonly replays: ProjectionReplay[], private readonly signedRoots: ReadonlyMap<number, readonly string[]> = new Map()) {}

  get globalHeadHash(): string | undefined {
    return this.denseChain ? this.lastGlobalHash : undefined;
  }

  visit(event: StoredEvent | GloballyChainedEvent): Failure | undefined {
    const order = this.checkOrder(event);
    const differs = this.compareBefore(order?.position ?? event.position);
    if (differs ?? order) return differs ?? order;
    const failure =
      this.checkGlobalLink(event) ?? this.checkStreamLink(event) ?? this.checkOwnHash(event) ?? this.checkGlobalHash(event) ?? this.replay(event)
      ?? this.checkSignedRoot(event);
    if (failure) return failure;
    this.streams.set(event.streamId, { revision: event.revision, hash: event.hash });
    if (hasGlobalLink(event)) this.lastGlobalHash = event.globalHash;
    this.lastPosition = event.position;
    this.eventsChecked += 1;
    return undefined;
  }

  /** After the last event: the remaining comparisons, and read models that saw events the log no longer has. */
  finish(): Failure | undefined {
    for (const replay of this.replays) {
      if (replay.check.matches !== null) continue;
      if (replay.livePosition > this.lastPosition) {
        const missing = this.denseChain ? this.lastPosition + 1 : replay.livePosition;
        const message = `the log ends at position ${this.lastPosition} but projection ${replay.check.name} has applied position ${replay.livePosition}: events are missing from the end`;
        return fail(missing, 'position_gap', message, { logEndsAt: this.lastPosition, projection: replay.check.name, projectionPosition: replay.livePosition });
      }
      const differs = compareReplay(replay);
      if (differs) return differs;
    }
    return this.checkSignedSize();
  }

  /** Comparisons due before `position`: every replay whose live position lies below it. */
  private compareBefore(position: number): Failure | undefined {
    for (const replay of this.replays) {
      if (replay.check.matches !== null || replay.livePosition >= position) continue;
      const differs = compareReplay(replay);
      if (differs) return differs;
    }
    return undefined;
  }

  private checkOrder(event: StoredEvent): Failure | undefined {
    if (!Number.isSafeInteger(event.position) || event.position <= this.lastPosition) {
      // On a dense log the event after lastPosition is the one that is wrong, whatever position it reads as.
      return fail(this.denseChain ? this.lastPosition + 1 : event.position, 'position_order', `position ${event.position} follows position ${this.lastPosition}`, { previousPosition: this.lastPosition });
    }
    const expected = this.lastPosition + 1;
    if (this.denseChain && event.position !== expected) {
      return fail(expected, 'position_gap', `position ${expected} is missing: the log goes from ${this.lastPosition} to ${event.position}`, {
        previousPosition: this.lastPosition, nextPosition: event.position,
      });
    }
    return undefined;
  }

  private checkGlobalLink(event: StoredEvent | GloballyChainedEvent): Failure | undefined {
    if (!this.denseChain) return undefined;
    if (!hasGlobalLink(event)) return fail(event.position, 'chain_broken', 'the event has no link in the global chain', { chain: 'global' });
    if (event.globalPreviousHash === this.lastGlobalHash) return undefined;
    return fail(event.position, 'chain_broken', 'globalPreviousHash is not the global hash of the previous position', {
      chain: 'global', expected: this.lastGlobalHash, stored: event.globalPreviousHash,
    });
  }

  private checkStreamLink(event: StoredEvent): Failure | undefined {
    const previous = this.streams.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.revision !== previous.revision + 1) {
      return fail(event.position, 'revision_gap', `stream ${event.streamId} goes from revision ${previous.revision} to ${event.revision}`, {
        streamId: event.streamId, expectedRevision: previous.revision + 1, revision: event.revision,
      });
    }
    if (event.previousHash === previous.hash) return undefined;
    return fail(event.position, 'chain_broken', `previousHash is not the hash of revision ${previous.revision} of ${event.streamId}`, {
      chain: 'stream', streamId: event.streamId, expected: previous.hash, stored: event.previousHash,
    });
  }

  private checkOwnHash(event: StoredEvent): Failure | undefined {
    let recomputed: string;
    try {
      recomputed = eventHash(event.previousHash, event.streamId, event.revision, event);
    } catch (error) {
      return fail(event.position, 'hash_mismatch', `the event cannot be hashed: ${messageOf(error)}`, { chain: 'stream' });
    }
    if (recomputed === event.hash) return undefined;
    return fail(event.position, 'hash_mismatch', 'the stored hash is not the hash of the stored event', {
      chain: 'stream', stored: event.hash, recomputed,
    });
  }

  private checkGlobalHash(event: StoredEvent | GloballyChainedEvent): Failure | undefined {
    if (!this.denseChain || !hasGlobalLink(event)) return undefined;
    const recomputed = chainHash(event.globalPreviousHash, event.hash);
    if (recomputed === event.globalHash) return undefined;
    return fail(event.position, 'hash_mismatch', 'the stored global hash is not chainHash(globalPreviousHash, hash)', {
      chain: 'global', stored: event.globalHash, recomputed,
    });
  }

  /** Adds the event's leaf; when the tree reaches the size of a signed checkpoint, its root must be the signed one. */
  private checkSignedRoot(event: StoredEvent): Failure | undefined {
    if (this.signedRoots.size === 0) return undefined;
    if (this.tree.size === this.vouchedLeaves) this.firstUnvouchedPosition = event.position;
    this.tree.append(eventLeafHash(event.hash));
    const signed = this.signedRoots.get(this.tree.size);
    if (signed === undefined) return undefined;
    const recomputed = this.tree.root().toString('base64');
    const contradicted = signed.find((root) => root !== recomputed);
    if (contradicted === undefined) {
      this.vouchedLeaves = this.tree.size;
      this.checkpointsChecked += 1;
      return undefined;
    }
    const from = this.firstUnvouchedPosition;
    const message = `the first ${this.tree.size} events are not those the ledger signed a checkpoint of: an event from position ${from} to ${event.position} was rewritten`;
    return fail(from, 'hash_mismatch', message, {
      chain: 'checkpoint', checkpointTreeSize: this.tree.size, signedRootHash: contradicted, recomputedRootHash: recomputed, fromPosition: from, toPosition: event.position,
    });
  }

  /** After the last event: the log still holds every event a checkpoint signed. */
  private checkSignedSize(): Failure | undefined {
    let largest = 0;
    for (const size of this.signedRoots.keys()) largest = Math.max(largest, size);
    if (largest <= this.tree.size) return undefined;
    const message = `the log ends at position ${this.lastPosition} after ${this.tree.size} events but the ledger signed a checkpoint of ${largest}: events are missing from the end`;
    return fail(this.denseChain ? this.lastPosition + 1 : undefined, 'position_gap', message, {
      logEndsAt: this.lastPosition, eventsInLog: this.tree.size, checkpointTreeSize: largest,
    });
  }

  private replay(event: StoredEvent): Failure | undefined {
    let projected: ProjectedEvent;
    try {
      projected = toProjectedEvent(event);
    } catch (error) {
      const known = error instanceof UnknownEventError;
      return fail(event.position, 'unknown_event', known ? messageOf(error) : `${event.type} does not decode: ${messageOf(error)}`, {
        type: event.type, schemaVersion: event.metadata?.schemaVersion ?? null,
      });
    }
    for (const replay of this.replays) {
      try {
        replay.apply(projected);
      } catch (error) {
        return fail(event.position, 'projection_failed', `projection ${replay.check.name} cannot apply ${event.type}: ${messageOf(error)}`, {
          projection: replay.check.name, type: event.type,
        });
      }
    }
    return undefined;
  }
}

function compareReplay(replay: ProjectionReplay): Failure | undefined {
  const difference: ProjectionDifference | undefined = replay.compare();
  if (!difference) return undefined;
  const where = difference.path || 'its root';
  return fail(replay.livePosition, 'projection_differs', `projection ${difference.projection} differs from a fresh replay at ${where}`, { ...difference });
}

function fail(position: number | undefined, reason: VerifyReason, message: string, details?: Record<string, unknown>): Failure {
  return { position, reason, message, details };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Walks the whole log once and checks what api.md promises of `verify`. Memory holds one entry
 * per stream and the replayed JSON states; replayed tables go to a temporary file. Stops at the
 * first failure: what follows a broken link cannot be trusted to say anything more.
 * @throws EventStoreUnavailableError and other runtime errors: the log could not be read, which
 *   is not a verdict on it.
 */
export async function verifyLedger(store: EventStore, live: LiveReadModels, options: VerifyOptions = {}): Promise<VerifyResult> {
  const tables = live.tables;
  const scratch = tables && tables.projections.length > 0 ? new ScratchTables(tables.projections.map((entry) => entry.projection)) : undefined;
  const replays: ProjectionReplay[] = live.states.map((snapshot) => new StateReplay(snapshot));
  if (tables && scratch) for (const entry of tables.projections) replays.push(new TableReplay(entry.projection, entry.position, tables, scratch));
  try {
    const signed = signedRootsOf(options.checkpoints ?? [], options.checkpointKey);
    const walk = new LogWalk(globalChainOf(store) !== undefined, replays, signed.roots);
    // What the log itself fails names its position; a checkpoint kept altered is told when the log holds.
    return resultOf(walk, (await walkLog(store, walk, options)) ?? signed.unsigned);
  } finally {
    scratch?.close();
  }
}

/** The roots the kept checkpoints' notes sign, by tree size, and the first checkpoint that is not what the key signed. */
interface SignedRoots {
  roots: Map<number, string[]>;
  unsigned: Failure | undefined;
}

/** Signed roots by tree size (several checkpoints may sign one size: each must hold), read from each checkpoint's signed note. */
function signedRootsOf(checkpoints: Iterable<SignedCheckpoint>, key: Uint8Array | undefined): SignedRoots {
  const roots = new Map<number, string[]>();
  let unsigned: Failure | undefined;
  const notSigned = (signed: SignedCheckpoint, why: string): Failure => fail(undefined, 'checkpoint_unsigned',
    `the checkpoint kept for tree size ${String(signed?.treeSize)} is not one the ledger signed: ${why}`, { chain: 'checkpoint', checkpointTreeSize: signed?.treeSize, keyId: signed?.keyId });
  for (const signed of checkpoints) {
    const parsed = typeof signed?.note === 'string' ? parseNote(signed.note) : undefined;
    const body = parsed === undefined ? undefined : parseCheckpointBody(parsed.text);
    if (body === undefined) {
      unsigned ??= notSigned(signed, 'its note is not a signed checkpoint');
      continue;
    }
    if (key !== undefined && signed.keyId === checkpointKeyId(body.origin, key)) {
      const check = verifySignedCheckpoint(signed, key);
      if (!check.valid) unsigned ??= notSigned(signed, check.reason === 'FIELDS_DISAGREE_WITH_NOTE' ? 'its size or root is not what its note signs' : 'its signature does not verify with the ledger\'s key');
    }
    // A checkpoint of the empty tree vouches for nothing.
    if (body.treeSize <= 0) continue;
    const rootHash = body.rootHash.toString('base64');
    const known = roots.get(body.treeSize) ?? [];
    if (!known.includes(rootHash)) known.push(rootHash);
    roots.set(body.treeSize, known);
  }
  return { roots, unsigned };
}

/** Events checked between two turns of the event loop, so a server verifying a long log still answers requests. */
const EVENTS_PER_TURN = 500;

async function walkLog(store: EventStore, walk: LogWalk, options: VerifyOptions): Promise<Failure | undefined> {
  try {
    for await (const event of readLog(store)) {
      const failure = walk.visit(event);
      if (failure) return failure;
      options.onEvent?.(event.position);
      // The SQLite reader resolves in microtasks only; without this the walk would hold the loop.
      if (walk.eventsChecked % EVENTS_PER_TURN === 0) await setImmediate();
    }
  } catch (error) {
    // The adapter parses each row as it yields it, so a row that is not JSON any more surfaces here,
    // and SQLite's own word on a damaged page (SQLITE_CORRUPT) where the walk reached it.
    const corrupt = /^SQLITE_CORRUPT/.test(String((error as { code?: unknown } | null)?.code));
    if (!(error instanceof SyntaxError) && !corrupt) throw error;
    const message = `the event after position ${walk.lastPosition} cannot be ${corrupt ? 'read' : 'parsed'}: ${(error as Error).message}`;
    return fail(walk.denseChain ? walk.lastPosition + 1 : undefined, 'unreadable_event', message, { afterPosition: walk.lastPosition });
  }
  return walk.finish();
}

function resultOf(walk: LogWalk, failure: Failure | undefined): VerifyResult {
  const result: VerifyResult = {
    ok: failure === undefined,
    eventsChecked: walk.eventsChecked,
    lastPosition: walk.lastPosition,
    checkpointsChecked: walk.checkpointsChecked,
    projections: walk.replays.map((replay) => replay.check),
  };
  if (walk.globalHeadHash !== undefined) result.globalHeadHash = walk.globalHeadHash;
  if (failure) {
    if (failure.position !== undefined) result.firstBadPosition = failure.position;
    result.reason = failure.reason;
    result.message = failure.message;
    if (failure.details) result.details = failure.details;
  }
  return result;
}

/** What verify needs of the running projections (ProjectionsService provides it). */
export interface RunningProjections {
  all(): ProjectionRunner<unknown>[];
  allTables(): TableRunnerView[];
  /** The file the table projections write, which the snapshot reads on a connection of its own. */
  readonly readModelsFile: string;
}

/** Freezes each JSON-state runner at its applied position. */
export function snapshotRunners(runners: ProjectionRunner<unknown>[]): LiveProjectionSnapshot[] {
  return runners.map((runner) => ({ projection: runner.projection, position: runner.appliedPosition, canonicalState: canonicalJson(runner.current) }));
}

/** Verifies the log against the running read models, frozen as they stand when it starts. */
export async function verifyAgainstRunners(store: EventStore, running: RunningProjections, options: VerifyOptions = {}): Promise<VerifyResult> {
  // Both snapshots in one synchronous step, before the first await: no runner moves in between.
  const states = snapshotRunners(running.all());
  const tables = snapshotTableRunners(running.allTables(), running.readModelsFile);
  try {
    return await verifyLedger(store, { states, tables }, options);
  } finally {
    tables?.close();
  }
}
