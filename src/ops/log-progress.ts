import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionsService } from '../projection-runner/projections.service';
import { RegisterQueries } from '../read-side/register-queries';
import type { LogProgressSource, ProjectionProgress } from './metrics';

/** What a metrics scrape reads of the log, the projections and the emergency register, at scrape time only. */
@Injectable()
export class LogProgress implements LogProgressSource {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runners: ProjectionsService,
    private readonly registers: RegisterQueries,
  ) {}

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  projections(): ProjectionProgress[] {
    return [...this.runners.all(), ...this.runners.allTables()].map((runner) => ({ name: runner.projection.name, appliedPosition: runner.appliedPosition }));
  }

  async recordedAtAfter(position: number): Promise<string | undefined> {
    for await (const event of this.store.readAll({ afterPosition: position, maxCount: 1 })) return event.metadata.recordedAt;
    return undefined;
  }

  overdueReleases(nowMs: number): { fundId: string; count: number }[] {
    return this.registers.overdueReleasesByFund(nowMs);
  }
}
