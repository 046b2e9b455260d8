import type { TableRunnerState } from './table-runner-view';

/** What the projection worker is started with (workerData). */
export interface ProjectionWorkerData {
  /** The read-model file the worker writes. */
  readModelsFile: string;
  /** The SQLite event store's file the worker reads the log from. */
  eventStoreFile: string;
  /** How often the shared reader looks for commits it was not told of (other processes' writes). */
  pollIntervalMs: number;
  /** Events per page the shared reader reads. */
  pageSize: number;
}

/** Main thread → worker. */
export type ToProjectionWorker =
  | { type: 'committed' }
  | { type: 'stop'; name: string }
  | { type: 'close' };

/** Worker → main thread. */
export type FromProjectionWorker =
  | { type: 'ready'; states: TableRunnerState[]; threadId: number }
  | { type: 'progress'; states: TableRunnerState[] }
  | { type: 'stopped'; name: string; states: TableRunnerState[] }
  | { type: 'closed'; states: TableRunnerState[] }
  | { type: 'log'; level: 'error' | 'log'; message: string; context: Record<string, unknown> }
  | { type: 'failed'; message: string };
