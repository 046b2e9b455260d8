import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, onSendHookHandler, RouteOptions } from 'fastify';
import { type LedgerConfig, limitsOf } from '../config/ledger-config';
import type { LedgerMetrics } from '../ops/metrics';
import { PUBLIC_ROUTE_CONFIG } from './auth/roles.decorator';
import { RateLimited } from './errors';

/** The public limit counts requests per client address over one minute (LEDGER_PUBLIC_RATE_LIMIT is per minute). */
const PUBLIC_WINDOW_MS = 60_000;

/**
 * A public answer is the log as it stands (a search, a list, the latest checkpoint): a cache
 * between the public and the ledger may keep it, but asks again before serving it, so a donor
 * never gets an old answer that lacks the transfer they just made. A route that says otherwise
 * (no-store) keeps its own.
 */
const revalidated: onSendHookHandler = (_request, reply, payload, done) => {
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-cache');
  done(null, payload);
};

/**
 * The public routes (those marked @Public()) are limited per client address by @fastify/rate-limit:
 * every answer carries the IETF RateLimit-Limit, -Remaining and -Reset fields, a refusal also
 * Retry-After, and the refusal is the typed RateLimited error, so the one error map gives it its
 * status, body and language. Staff routes are never counted, so a bulk import is not throttled.
 * Registered before the routes are: the plugin's hook is attached as each route is added.
 */
export async function registerPublicRateLimit(app: NestFastifyApplication, config: LedgerConfig, metrics: LedgerMetrics): Promise<void> {
  await app.register(rateLimit, {
    // Only the routes attached below are counted, all of them in one bucket per address.
    global: false,
    enableDraftSpec: true,
    max: limitsOf(config).publicRequestsPerMinute,
    timeWindow: PUBLIC_WINDOW_MS,
    // request.ip honours LEDGER_TRUST_PROXY: behind a named proxy it is the client the proxy names.
    keyGenerator: (request) => request.ip ?? 'unknown',
    onExceeded: () => metrics.callerRefused('public'),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new RateLimited('address', seconds, { 'ratelimit-limit': String(context.max), 'ratelimit-remaining': '0', 'ratelimit-reset': String(seconds) });
    },
  });
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  // Without options the limiter shares the plugin's store, so every public route draws on the same count.
  const countPublicRequest = fastify.rateLimit();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if ((route.config as Record<string, unknown> | undefined)?.[PUBLIC_ROUTE_CONFIG] !== true) return;
    const hooks = route.onRequest;
    route.onRequest = hooks === undefined ? [countPublicRequest] : [...(Array.isArray(hooks) ? hooks : [hooks]), countPublicRequest];
    const sends = route.onSend;
    route.onSend = sends === undefined ? [revalidated] : [...(Array.isArray(sends) ? sends : [sends]), revalidated];
  });
}
