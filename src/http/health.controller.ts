import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionsService } from '../projection-runner/projections.service';
import { Public } from './auth/roles.decorator';
import { ApiAnswer } from './openapi/answers';
import { ApiErrors } from './openapi/api-errors.decorator';
import { HealthResponse } from './openapi/operations.responses';
import { ROUTE_ERRORS } from './openapi/route-errors';

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
  // The answers are declared below: terminus's own (without descriptions, not the error shape) are left out.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'The event store answers; each projection and register, and how far it has read' })
  @ApiAnswer(200, HealthResponse, 'Healthy')
  @ApiErrors(...ROUTE_ERRORS.health)
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
