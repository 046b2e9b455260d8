import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ModulesContainer } from '@nestjs/core';
import helmet from 'helmet';
import { LedgerMetrics } from '../ops/metrics';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ShutdownAnnouncer } from '../ops/shutdown-announcer';
import { DEFAULT_BULK_REQUESTS_PER_TURN, type LedgerConfig } from '../config/ledger-config';
import { registerStatementBodyParser } from './controllers/imports.controller';
import type { Logger as PinoLogger } from 'pino';
import { logAccess, writeLogSynchronously } from './logger';
import { routerErrorResponse } from './error-mapping';
import { ledgerOpenApiConfig, SHARED_MODELS } from './openapi/document';
import { addRequestConstraints } from './openapi/request-constraints';
import { registerPublicRateLimit } from './rate-limits';
import { IntakeLanes, registerIntakeLanes } from './intake-lanes';
import { parseStrictJson } from './strict-json';
import { registerWebApp } from './web-app';

/** Largest JSON body accepted; larger ones are answered 413 before they are parsed. */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export const OPENAPI_DESCRIPTION = [
  'Event-sourced ledger of a Red Cross chapter activity fund (Decree 93/2019/NĐ-CP until 2026-03-01, Decree 03/2026/NĐ-CP from then).',
  'Money is a decimal string; VND has no fraction. Every command accepts an Idempotency-Key.',
  'Every command answer carries `position`; every read accepts `?minPosition=` and waits up to 5 s for it (else 503 PROJECTION_LAGGING).',
  'Errors: `{"error": {"code", "message", "details"}}`; 400 VALIDATION_FAILED lists each bad field.',
].join('\n\n');

const helmetMiddlewares = new Map<boolean, ReturnType<typeof helmet>>();

/**
 * Helmet's middleware, built once: building it per request (as the @fastify/helmet plugin does,
 * re-parsing the CSP) costs ~25 µs of CPU per request under load. The CSP asks the browser to
 * upgrade the page's requests to https only when the ledger is served over https
 * (LEDGER_PUBLIC_URL): a ledger on the chapter's network over plain http would otherwise load
 * its scripts from an https:// that nothing answers, a blank page.
 */
function securityHeaders(config: Pick<LedgerConfig, 'publicUrl'>): ReturnType<typeof helmet> {
  const https = config.publicUrl?.startsWith('https://') === true;
  let middleware = helmetMiddlewares.get(https);
  if (middleware === undefined) {
    middleware = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
          upgradeInsecureRequests: https ? [] : null,
        },
      },
    });
    helmetMiddlewares.set(https, middleware);
  }
  return middleware;
}

/** The Fastify server under the Nest application: body limits, proxy trust, request ids, router errors. */
export function createFastifyAdapter(config: LedgerConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // Parsed as plain own keys, then refused with the field named by the validation pipe.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    trustProxy: config.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    // Errors the router raises before Nest sees the request (an undecodable path, an oversized
    // parameter) answer in the API's one error shape too, with the security headers of every
    // answer: no onRequest hook runs for them.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const [status, body] = routerErrorResponse(error, request.headers['accept-language']);
      securityHeaders(config)(request.raw, reply.raw, () => void reply.code(status).send(body));
    },
    clientErrorHandler: answerClientError,
  });
}

/**
 * What Node's parser refuses before Fastify has a request (headers over its limit, a malformed
 * request line, a request that took too long) is answered in the API's one error shape too, not in
 * Fastify's own: 431, 408 or 400, then the connection is closed, as Node does.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail = status === 431 ? 'the request headers exceed the size the server reads' : status === 408 ? 'the request took too long to arrive' : 'the request is not well-formed HTTP';
  const [, body] = routerErrorResponse({ statusCode: status, code: error.code ?? 'HPE_INVALID', message: detail }, undefined);
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(error);
}

/**
 * Everything HTTP about the application, configured as in production (tests use it unchanged):
 * security headers, the OpenAPI document, strict JSON and statement bodies, the access log.
 */
export async function configureHttpApp(app: NestFastifyApplication, config: LedgerConfig, pinoLogger: PinoLogger): Promise<void> {
  app.enableShutdownHooks();
  // Security headers on every answer. CORS stays closed: no origin is allowed unless configured.
  const headers = securityHeaders(config);
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => headers(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  // Donations recorded one by one start a slice a turn, after the turn's appends are committed:
  // an approval or a release arriving during a flood waits for one slice, not for the flood.
  const store = app.get<EventStore>(EVENT_STORE);
  const lanes = new IntakeLanes(config.bulkRequestsPerTurn ?? DEFAULT_BULK_REQUESTS_PER_TURN, () => store.commitQueued?.());
  registerIntakeLanes(app.getHttpAdapter().getInstance(), lanes);
  app.get(LedgerMetrics).watchBulkLane(() => lanes.counts());
  // The document is built on the first request for it, then kept: building it walks every route
  // and DTO (a third of a start's CPU), which a start, a restart after a crash and every test
  // server would otherwise pay for a page few ever open.
  SwaggerModule.setup('docs', app, () => {
    const document = SwaggerModule.createDocument(app, ledgerOpenApiConfig(OPENAPI_DESCRIPTION), { extraModels: SHARED_MODELS });
    addRequestConstraints(document, controllersOf(app));
    return document;
  }, { jsonDocumentUrl: 'docs-json' });
  await registerPublicRateLimit(app, config, app.get(LedgerMetrics));
  await app.init();
  // Commands take JSON only: any other body is 415, not a string handed to validation.
  const fastify = app.getHttpAdapter().getInstance();
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json']) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
  }
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT_BYTES }, (_request, body, done) => {
    try {
      done(null, parseStrictJson(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Bank statements (CSV, XLSX) reach the import route as a stream with its own size limit.
  registerStatementBodyParser(fastify);
  registerWebApp(fastify);
  app.get(ShutdownAnnouncer).flushWith(() => writeLogSynchronously(pinoLogger));
  const metrics = app.get(LedgerMetrics);
  const accessLog = config.logLevel === 'silent' ? undefined : pinoLogger.child({ log: 'access' });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const code = (request as { ledgerErrorCode?: string }).ledgerErrorCode;
    metrics.requestAnswered(request.method, route, reply.statusCode, reply.elapsedTime / 1000, code);
    if (accessLog) {
      const userId = (request as { user?: { userId: string } }).user?.userId ?? null;
      const url = request.url.split('?')[0];
      logAccess(accessLog, { reqId: request.id, userId, method: request.method, route, url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ...(code ? { code } : {}) });
    }
    done();
  });
}

/** The controllers of every module of the application. */
function controllersOf(app: NestFastifyApplication): Function[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Function));
}
