import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { LogProgress } from '../../ops/log-progress';
import { LedgerMetrics } from '../../ops/metrics';
import { Unauthenticated } from '../errors';
import { Public } from '../auth/roles.decorator';
import { ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ROUTE_ERRORS } from '../openapi/route-errors';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: LedgerMetrics,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    /** What a scrape reads of the log, the projections and the registers (public for tests that scrape at another time). */
    readonly source: LogProgress,
  ) {}

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
