import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionsService } from '../projection-runner/projections.service';
import { Public } from './auth/roles.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'The event store answers; each projection and register, and how far it has read' })
  check() {
    return this.health.check([
      async (): Promise<HealthIndicatorResult> => ({ eventStore: { status: 'up', headPosition: await this.store.headPosition() } }),
      async (): Promise<HealthIndicatorResult> => {
        const result: HealthIndicatorResult = {};
        for (const runner of [...this.projections.all(), ...this.projections.allTables()]) {
          result[`projection:${runner.projection.name}`] = {
            status: 'up', position: runner.appliedPosition, ...(runner.lastError ? { lastError: runner.lastError } : {}),
          };
        }
        return result;
      },
    ]);
  }
}
