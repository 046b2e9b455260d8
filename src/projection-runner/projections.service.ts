import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections';
import type { Projection } from '../../projections/projection';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { CheckpointStore } from './checkpoint-store';
import { ProjectionRunner } from './projection-runner';

export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

/** Starts one runner per projection and answers "has projection X reached position N?". */
@Injectable()
export class ProjectionsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runners = new Map<string, ProjectionRunner<unknown>>();

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
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
  }

  /** Before the store closes: every runner commits what it applied. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.checkpoints.close();
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
