import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { LedgerMetrics, type LogProgressSource } from '../../ops/metrics';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { RegisterQueries } from '../../read-side/register-queries';
import { Unauthenticated } from '../errors';
import { Public } from '../auth/roles.decorator';
import { ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ROUTE_ERRORS } from '../openapi/route-errors';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  /** What a scrape reads of the log, the projections and the registers (public for tests that scrape at another time). */
  readonly source: LogProgressSource;

  constructor(
    private readonly metrics: LedgerMetrics,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) store: EventStore,
    projections: ProjectionsService,
    registers: RegisterQueries,
  ) {
    this.source = {
      headPosition: () => store.headPosition(),
      projections: () => [...projections.all(), ...projections.allTables()].map((runner) => ({ name: runner.projection.name, appliedPosition: runner.appliedPosition })),
      recordedAtAfter: async (position) => {
        for await (const event of store.readAll({ afterPosition: position, maxCount: 1 })) return event.metadata.recordedAt;
        return undefined;
      },
      overdueReleases: (nowMs) => registers.overdueReleasesByFund(nowMs),
    };
  }

  @Get()
  @Public()
  @ApiProduces('text/plain')
  @ApiMediaAnswer(200, 'The metrics in the Prometheus text format', {
    'text/plain': { description: 'Prometheus exposition format 0.0.4', example: '# TYPE ledger_projection_lag_events gauge\nledger_projection_lag_events{projection="balance"} 0\n' },
  })
  @ApiErrors(...ROUTE_ERRORS.metrics)
  @ApiOperation({
    summary: 'Prometheus metrics: request latency per route, commands by outcome, rate-limit refusals, projection lag in events and seconds, '
      + 'append and fsync latency and group-commit sizes, import lines, verifications, overdue emergency releases',
    description: 'When LEDGER_METRICS_TOKEN is set, it is needed as a bearer token (a user token does not open this route).',
  })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (this.config.metricsToken !== undefined && !sameToken(authorization, this.config.metricsToken)) {
      throw new Unauthenticated('metrics-token');
    }
    const text = await this.metrics.exposition(this.source);
    await reply.header('content-type', this.metrics.contentType).send(text);
  }
}

function sameToken(authorization: string | undefined, expected: string): boolean {
  const given = Buffer.from(/^bearer +(\S+)$/i.exec(authorization ?? '')?.[1] ?? '', 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
