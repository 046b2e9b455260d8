import { join } from 'node:path';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections';
import type { Projection } from '../../projections/projection';
import type { TableProjection } from '../../projections/table-projection';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import type { LedgerConfig } from '../config/ledger-config';
import { LEDGER_CONFIG } from '../config/ledger.tokens';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { CheckpointStore } from './checkpoint-store';
import { InProcessTableFeed } from './in-process-feed';
import { openReadModelsForWriting } from './read-models-file';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';
import { TableProjectionRunner } from './table-projection-runner';
import type { TableRunnerView } from './table-runner-view';
import { TableProjectionsWorker } from './table-projections-worker';
import { READ_MODELS_FILE } from '../config/data-files';

export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

/**
 * Starts one runner per projection and answers "has projection X reached position N?".
 *
 * The JSON-state projections (the balance) run on this thread: they are cheap and their state is
 * read in memory. The table projections run in a worker thread (TableProjectionsWorker) on the
 * SQLite backend: the worker owns the writing connection to the read-model file and reads the
 * log itself, so applying events and committing registers never takes a turn of the request
 * loop. On the EventStoreDB backend (and with a store that is not the SQLite adapter itself, such
 * as a test's wrapper) they stay on this thread, fed by one reader of the log as in the worker
 * (InProcessTableFeed): the worker would need its own gRPC client and subscription, and one store
 * per process is what that backend's tests and connection settings assume. A configuration may also keep them here
 * (`tableProjectionsOnMainThread`): upcasters registered at run time exist only in the thread
 * that registered them.
 */
@Injectable()
export class ProjectionsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runners = new Map<string, ProjectionRunner<unknown>>();
  private readonly tableRunners = new Map<string, TableRunnerView>();
  private worker: TableProjectionsWorker | undefined;
  private inProcess: { db: ReturnType<typeof openReadModelsForWriting>; runners: TableProjectionRunner[]; feed: InProcessTableFeed } | undefined;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const logger: RunnerLogger = {
      error: (message, context) => this.logger.error({ msg: message, ...context }),
      log: (message, context) => this.logger.log({ msg: message, ...context }),
    };
    for (const projection of ALL_PROJECTIONS) {
      const runner = new ProjectionRunner(projection, this.store, this.checkpoints, logger);
      this.runners.set(projection.name, runner);
      runner.start();
    }
    if (this.store instanceof SqliteEventStore && this.config.tableProjectionsOnMainThread !== true) {
      this.worker = await TableProjectionsWorker.start(ALL_TABLE_PROJECTIONS, this.readModelsFile, this.store, logger);
      for (const proxy of this.worker.proxies) this.tableRunners.set(proxy.projection.name, proxy);
    } else {
      await this.startTableProjectionsHere(logger);
    }
  }

  /**
   * On this thread, the table projections share one connection to the read-model file (each
   * commit is one synchronous transaction between two turns of the event loop) and one reader of
   * the log (InProcessTableFeed).
   */
  private async startTableProjectionsHere(logger: RunnerLogger): Promise<void> {
    const db = openReadModelsForWriting(this.readModelsFile);
    const runners = ALL_TABLE_PROJECTIONS.map((projection) => new TableProjectionRunner(projection, this.store, db, logger));
    for (const runner of runners) this.tableRunners.set(runner.projection.name, runner);
    this.inProcess = { db, runners, feed: await InProcessTableFeed.start(this.store, runners, logger) };
  }

  /** Before the store closes: every runner commits what it applied (the worker's too, before it exits). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.inProcess?.feed.stop();
    await Promise.all([
      ...[...this.runners.values()].map((runner) => runner.stop()),
      ...(this.inProcess?.runners ?? []).map((runner) => runner.stop()),
      this.worker?.close(),
    ]);
    this.checkpoints.close();
    if (this.inProcess?.db.open) this.inProcess.db.close();
  }

  /** The read-model file; readers open their own read-only connection to it (src/read-side/read-models.ts). */
  get readModelsFile(): string {
    return join(this.config.dataDir, READ_MODELS_FILE);
  }

  /**
   * Whether the table projections commit on another thread: a read of several registers then
   * checks, inside its own read transaction, that they stand at one position (ReadModels.align).
   */
  get tablesOffThread(): boolean {
    return this.worker !== undefined;
  }

  /** The thread the table projections run on (worker_threads threadId; 0 is the main thread). */
  get tablesThreadId(): number {
    return this.worker?.threadId ?? 0;
  }

  /** Resolves at the worker's next report of its runners, or after `timeoutMs` (at once on this thread). */
  nextTableReport(timeoutMs: number): Promise<void> {
    return this.worker?.nextReport(timeoutMs) ?? Promise.resolve();
  }

  tableRunner(projection: TableProjection): TableRunnerView {
    const runner = this.tableRunners.get(projection.name);
    if (!runner) throw new Error(`Table projection ${projection.name} is not running`);
    return runner;
  }

  allTables(): TableRunnerView[] {
    return [...this.tableRunners.values()];
  }

  runner<State>(projection: Projection<State>): ProjectionRunner<State> {
    const runner = this.runners.get(projection.name);
    if (!runner) throw new Error(`Projection ${projection.name} is not running`);
    return runner as ProjectionRunner<State>;
  }

  all(): ProjectionRunner<unknown>[] {
    return [...this.runners.values()];
  }
}
