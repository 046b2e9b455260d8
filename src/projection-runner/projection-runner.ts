import type { Projection } from '../../projections/projection';
import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port';
import type { CheckpointStore } from './checkpoint-store';
import { followLog } from './follow-log';
import { PositionWaiters } from './position-waiters';
import { toProjectedEvent } from './projected-event';

export interface RunnerLogger {
  error(message: string, context: Record<string, unknown>): void;
  log(message: string, context: Record<string, unknown>): void;
}

/** Events applied between two commits, at most. */
const BATCH_EVENTS = 1000;
/**
 * Longest time applied events wait for a checkpoint. The state serves reads from memory as soon
 * as an event is applied; the checkpoint only shortens the next start, so writing the whole
 * state after every turn of the event loop would be wasted work under a steady flow of commands.
 */
const CHECKPOINT_INTERVAL_MS = 1000;
const RETRY_DELAY_MS = 1000;
/** On stopping, how long the last checkpoint waits for another writer of the read-model file. */
const STOP_SAVE_WAIT_MS = 5_000;

/**
 * Runs one projection: follows the log from its checkpoint, applies events in order and saves
 * state and position together as its checkpoint. A failing event is logged with its position and
 * retried from the last checkpoint, never skipped. A checkpoint that cannot be saved (the
 * read-model file busy with the projection worker's commit, or failing) is no failure of the
 * projection: its state in memory is right and stays served, and the next commit saves it. Each
 * projection runs alone, so one that rebuilds or fails does not hold the others back.
 */
export class ProjectionRunner<State> {
  private state: State;
  private position = 0;
  private committedPosition = 0;
  private subscription: Subscription | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly waiters = new PositionWaiters(() => this.position);
  /** Events applied since the last attempt to save a checkpoint. */
  private uncommitted = 0;
  private flushScheduled = false;
  lastError: { position: number; message: string } | undefined;

  constructor(
    readonly projection: Projection<State>,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly logger: RunnerLogger,
  ) {
    this.state = projection.initialState();
  }

  /** The state as of `appliedPosition`; callers must not modify it. */
  get current(): State {
    return this.state;
  }

  get appliedPosition(): number {
    return this.position;
  }

  start(): void {
    this.loadCheckpoint();
    this.running = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
    this.commit(STOP_SAVE_WAIT_MS);
    this.waiters.releaseAll();
  }

  /** Resolves once the projection has applied `position`, or false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  private loadCheckpoint(): void {
    const saved = this.checkpoints.load(this.projection.name);
    if (saved && saved.version === this.projection.version) {
      this.state = JSON.parse(saved.stateJson) as State;
      this.position = this.committedPosition = saved.position;
      return;
    }
    if (saved) this.logger.log('Projection version changed: rebuilding from the start of the log', { projection: this.projection.name, from: saved.version, to: this.projection.version });
    this.state = this.projection.initialState();
    this.position = this.committedPosition = 0;
  }

  private follow(): Promise<void> {
    return followLog(this.store, RETRY_DELAY_MS, {
      stopped: () => this.stopped, followFrom: () => this.position, failing: () => this.lastError !== undefined,
      subscribed: (subscription) => { this.subscription = subscription; },
      take: (stored) => this.applyOne(stored), recover: (error) => this.recoverFrom(error),
    });
  }

  private applyOne(stored: StoredEvent): void {
    if (stored.position <= this.position) return;
    try {
      this.state = this.projection.apply(this.state, toProjectedEvent(stored));
    } catch (error) {
      throw new ProjectionFailure(stored.position, error);
    }
    this.position = stored.position;
    this.lastError = undefined;
    this.uncommitted += 1;
    if (this.uncommitted >= BATCH_EVENTS) this.commit();
    else this.scheduleCommit();
    this.waiters.release();
  }

  private scheduleCommit(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      this.commit();
    }, CHECKPOINT_INTERVAL_MS).unref();
  }

  /** Saves the state as the checkpoint, waiting at most `waitMs` for the file; on failure, later. */
  private commit(waitMs = 0): void {
    if (this.position === this.committedPosition) return;
    this.uncommitted = 0;
    const checkpoint = { name: this.projection.name, version: this.projection.version, position: this.position, stateJson: JSON.stringify(this.state) };
    let saved = false;
    try {
      saved = this.checkpoints.save(checkpoint, waitMs);
    } catch (error) {
      this.logger.error('Projection checkpoint not saved; its state stands and the next commit saves it', {
        projection: this.projection.name, position: checkpoint.position, error: error instanceof Error ? error.message : String(error),
      });
    }
    if (saved) this.committedPosition = checkpoint.position;
    else if (!this.stopped) this.scheduleCommit();
    else this.logger.log('Projection stopped without saving its checkpoint; its next start replays from the last one', { projection: this.projection.name, position: checkpoint.position });
  }


  /** The state may hold part of a failed event: go back to the last commit and try again. */
  private recoverFrom(error: unknown): void {
    const position = error instanceof ProjectionFailure ? error.position : this.position + 1;
    const cause = error instanceof ProjectionFailure ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    this.lastError = { position, message };
    this.logger.error('Projection failed; retrying from its last checkpoint', { projection: this.projection.name, position, error: message });
    this.loadCheckpoint();
  }
}

class ProjectionFailure extends Error {
  constructor(readonly position: number, override readonly cause: unknown) {
    super(`Projection failed at position ${position}`);
  }
}
