import type { TableProjection } from '../../projections/table-projection';

/** What a table projection runner reports of itself: the worker sends it to the main thread. */
export interface TableRunnerState {
  name: string;
  /** The log position its tables reflect, committed. */
  appliedPosition: number;
  /** False while its secondary indexes are deferred or being created. */
  indexed: boolean;
  /** The failure it is retrying from its checkpoint, if any. */
  lastError: { position: number; message: string } | undefined;
}

/**
 * A running table projection as the rest of the ledger sees it (the read side, verify, the
 * report verb, metrics, health): a TableProjectionRunner on this thread, or the main thread's
 * proxy of one running in the projection worker (table-projections-worker.ts).
 */
export interface TableRunnerView {
  readonly projection: TableProjection;
  readonly appliedPosition: number;
  readonly indexed: boolean;
  readonly lastError: { position: number; message: string } | undefined;
  /** Resolves true once the tables reflect `position`, or false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /** Resolves true once the register is indexed (at once if it is), or false after `timeoutMs`. */
  waitForIndexes(timeoutMs: number): Promise<boolean>;
  /** Stops following the log after committing what was gathered. */
  stop(): Promise<void>;
}
