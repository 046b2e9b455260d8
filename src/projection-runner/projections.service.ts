import { join } from 'node:path';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../projections';
import type { Projection } from '../../projections/projection';
import type { TableProjection } from '../../projections/table-projection';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import type { LedgerConfig } from '../config/ledger-config';
import { LEDGER_CONFIG } from '../config/ledger.tokens';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { CheckpointStore } from './checkpoint-store';
import { ProjectionRunner } from './projection-runner';
import { TableProjectionRunner } from './table-projection-runner';

/** The read-model file: JSON-state checkpoints and the tables of table projections live side by side. */
export const READ_MODELS_FILE = 'read-models.db';

export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

/** Starts one runner per projection and answers "has projection X reached position N?". */
@Injectable()
export class ProjectionsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runners = new Map<string, ProjectionRunner<unknown>>();
  private readonly tableRunners = new Map<string, TableProjectionRunner>();
  private tablesDb: Database.Database | undefined;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  onModuleInit(): void {
    const logger = {
      error: (message: string, context: Record<string, unknown>) => this.logger.error({ msg: message, ...context }),
      log: (message: string, context: Record<string, unknown>) => this.logger.log({ msg: message, ...context }),
    };
    for (const projection of ALL_PROJECTIONS) {
      const runner = new ProjectionRunner(projection, this.store, this.checkpoints, logger);
      this.runners.set(projection.name, runner);
      runner.start();
    }
    this.startTableProjections(logger);
  }

  /**
   * Table projections share one connection to the read-model file: each commit is one
   * synchronous transaction, and a query that reads several registers between two commits sees
   * each of them exactly at its runner's applied position.
   */
  private startTableProjections(logger: ConstructorParameters<typeof TableProjectionRunner>[3]): void {
    const db = new Database(this.readModelsFile);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    this.tablesDb = db;
    for (const projection of ALL_TABLE_PROJECTIONS) {
      const runner = new TableProjectionRunner(projection, this.store, db, logger);
      this.tableRunners.set(projection.name, runner);
      runner.start();
    }
  }

  /** Before the store closes: every runner commits what it applied. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values(), ...this.tableRunners.values()].map((runner) => runner.stop()));
    this.checkpoints.close();
    if (this.tablesDb?.open) this.tablesDb.close();
  }

  /** The read-model file; readers open their own read-only connection to it (src/read-side/read-models.ts). */
  get readModelsFile(): string {
    return join(this.config.dataDir, READ_MODELS_FILE);
  }

  tableRunner(projection: TableProjection): TableProjectionRunner {
    const runner = this.tableRunners.get(projection.name);
    if (!runner) throw new Error(`Table projection ${projection.name} is not running`);
    return runner;
  }

  allTables(): TableProjectionRunner[] {
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
