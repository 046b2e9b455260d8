import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TableProjection } from '../../projections/table-projection';
import type { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { PositionWaiters } from './position-waiters';
import type { RunnerLogger } from './projection-runner';
import { FEED_PAGE_SIZE, FEED_POLL_INTERVAL_MS } from './shared-log-feed';
import type { FromProjectionWorker, ProjectionWorkerData, ToProjectionWorker } from './projection-worker-protocol';
import type { TableRunnerState, TableRunnerView } from './table-runner-view';

/** How long a closing worker may take to commit and exit before it is terminated. */
const CLOSE_TIMEOUT_MS = 30_000;
/**
 * The worker's young generation, in MiB (two semi-spaces of 4 MiB and room for young large
 * objects). V8's default lets it grow to 48 MiB (16 MiB semi-spaces) as soon as a long run keeps
 * some of what it allocates, and a rebuild does (a page of the log, each register's gathered row
 * changes), and those pages stay resident. At 12 MiB the rebuilding process's peak RSS fell by
 * about 34 MiB, the rebuild no slower (100k-event rebuilds side by side; bench/README.md, W4).
 * Applying events allocates much that dies within a page, so small semi-spaces cost little.
 */
export const WORKER_YOUNG_GENERATION_MIB = 12;

/**
 * The main thread's view of one table projection running in the projection worker: the state the
 * worker last reported, and waiters released on each report. The worker reports a position only
 * after committing it, so the tables hold at least what this says.
 */
export class TableRunnerProxy implements TableRunnerView {
  appliedPosition = 0;
  indexed = false;
  lastError: { position: number; message: string } | undefined;
  private readonly waiters = new PositionWaiters(() => this.appliedPosition);
  private readonly indexWaiters = new PositionWaiters(() => (this.indexed ? 1 : 0));

  constructor(
    readonly projection: TableProjection,
    private readonly stopInWorker: (name: string) => Promise<void>,
  ) {}

  update(state: TableRunnerState): void {
    this.appliedPosition = state.appliedPosition;
    this.indexed = state.indexed;
    this.lastError = state.lastError;
    this.waiters.release();
    this.indexWaiters.release();
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  waitForIndexes(timeoutMs: number): Promise<boolean> {
    return this.indexWaiters.waitFor(1, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.stopInWorker(this.projection.name);
    this.releaseAll();
  }

  releaseAll(): void {
    this.waiters.releaseAll();
    this.indexWaiters.releaseAll();
  }
}

/**
 * Compiled (npm start, the CLI, tests that spawn the build), the worker's compiled file sits
 * beside this one. Run from source (jest with ts-jest), this module is a .ts file and the worker
 * starts through a small bootstrap that transpiles the sources as it requires them.
 */
function workerScript(): string {
  return __filename.endsWith('.ts') ? join(__dirname, 'projection-worker.bootstrap.js') : join(__dirname, 'projection-worker.js');
}

/**
 * The table projections in a worker thread (projection-worker.ts), so that applying events and
 * committing the read models never takes a turn of the request loop. The main thread tells the
 * worker of each commit of its store and keeps one TableRunnerProxy per projection.
 */
export class TableProjectionsWorker {
  readonly proxies: TableRunnerProxy[];
  /** The worker's thread id, as it reported it. */
  threadId = -1;
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private ready: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private readonly stopping = new Map<string, () => void>();
  private closing = false;
  private readonly reportListeners = new Set<() => void>();

  private constructor(projections: readonly TableProjection[], data: ProjectionWorkerData, private readonly logger: RunnerLogger) {
    this.proxies = projections.map((projection) => new TableRunnerProxy(projection, (name) => this.stopOne(name)));
    this.worker = new Worker(workerScript(), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MIB } });
    this.worker.on('message', (message: FromProjectionWorker) => this.onMessage(message));
    this.exited = new Promise<void>((resolve) => {
      this.worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.logger.error('The projection worker exited', { exitCode: code });
        this.ready?.reject(new Error(`The projection worker exited with code ${code} before it was ready`));
        for (const proxy of this.proxies) proxy.releaseAll();
        for (const stopped of this.stopping.values()) stopped();
        this.stopping.clear();
        resolve();
      });
    });
    this.worker.on('error', (error) => {
      this.logger.error('The projection worker failed', { error: error.message });
      this.ready?.reject(error);
    });
  }

  /** Starts the worker and resolves once its runners have prepared their tables and reported. */
  static async start(projections: readonly TableProjection[], readModelsFile: string, store: SqliteEventStore, logger: RunnerLogger): Promise<TableProjectionsWorker> {
    const host = new TableProjectionsWorker(projections, { readModelsFile, eventStoreFile: store.file, pollIntervalMs: FEED_POLL_INTERVAL_MS, pageSize: FEED_PAGE_SIZE }, logger);
    try {
      await new Promise<void>((resolve, reject) => (host.ready = { resolve, reject }));
    } catch (error) {
      await host.worker.terminate();
      throw error;
    }
    store.observeCommits((observation) => {
      if (observation.events > 0 && !host.closing) host.post({ type: 'committed' });
    });
    return host;
  }

  /** Resolves at the worker's next report (or after `timeoutMs`): a reader that found the registers apart waits for it. */
  nextReport(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.reportListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs).unref();
      this.reportListeners.add(done);
    });
  }

  /** Every runner commits what it gathered, then the worker exits. */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.post({ type: 'close' });
    }
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private post(message: ToProjectionWorker): void {
    this.worker.postMessage(message);
  }

  private stopOne(name: string): Promise<void> {
    return new Promise<void>((resolve) => {
      this.stopping.set(name, resolve);
      this.post({ type: 'stop', name });
    });
  }

  private onMessage(message: FromProjectionWorker): void {
    if (message.type === 'log') {
      if (message.level === 'error') this.logger.error(message.message, message.context);
      else this.logger.log(message.message, message.context);
      return;
    }
    if (message.type === 'failed') {
      this.logger.error('The projection worker failed', { error: message.message });
      this.ready?.reject(new Error(message.message));
      return;
    }
    for (const state of message.states) this.proxies.find((proxy) => proxy.projection.name === state.name)?.update(state);
    for (const listener of [...this.reportListeners]) listener();
    if (message.type === 'ready') {
      this.threadId = message.threadId;
      this.ready?.resolve();
      this.ready = undefined;
    } else if (message.type === 'stopped') {
      this.stopping.get(message.name)?.();
      this.stopping.delete(message.name);
    }
  }
}
