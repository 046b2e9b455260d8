import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DEFAULT_LIMITS } from '../../src/config/ledger-config';
import { PUBLIC_KEY } from '../../src/http/auth/roles.decorator';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

/** Every route the controllers declare, with whether it is marked @Public(). */
function declaredRoutes(ledger: TestLedger): { method: string; path: string; isPublic: boolean }[] {
  const routes: { method: string; path: string; isPublic: boolean }[] = [];
  for (const module of ledger.app.get(ModulesContainer, { strict: false }).values()) {
    for (const controller of module.controllers.values()) {
      const type = controller.metatype as unknown as { prototype: Record<string, unknown> };
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) === true || Reflect.getMetadata(PUBLIC_KEY, type) === true;
        routes.push({ method, path, isPublic });
      }
    }
  }
  return routes;
}

/**
 * api-v2.md "Operations": the public routes are limited per client address by a maintained
 * limiter (@fastify/rate-limit), with Retry-After and the RateLimit fields, answered in the API's
 * one error shape and language, counted in /metrics; staff routes are never counted.
 * The client is the one a trusted proxy names, so each test picks its own address.
 */
describe('the public rate limit (@fastify/rate-limit)', () => {
  const LIMIT = 3;
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ trustProxy: '127.0.0.1,::1,::ffff:127.0.0.1', limits: { ...DEFAULT_LIMITS, publicRequestsPerMinute: LIMIT } });
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('counts exactly the routes marked @Public(): each answers with the RateLimit fields, no other route does', async () => {
    const routes = declaredRoutes(ledger);
    expect(routes.filter((route) => route.isPublic).length).toBeGreaterThanOrEqual(8);
    expect(routes.filter((route) => !route.isPublic).length).toBeGreaterThanOrEqual(20);
    const wrong: string[] = [];
    for (const [index, route] of routes.entries()) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'khong-co');
      const answer = await ledger.http()[route.method.toLowerCase() as 'get'](path).set('X-Forwarded-For', `198.51.100.${index + 1}`);
      const limited = answer.headers['ratelimit-limit'] !== undefined;
      if (limited !== route.isPublic) wrong.push(`${route.method} ${route.path} (public: ${route.isPublic}, status ${answer.status}): ratelimit-limit ${String(answer.headers['ratelimit-limit'])}`);
      else if (limited && answer.headers['ratelimit-limit'] !== String(LIMIT)) wrong.push(`${route.method} ${route.path}: ratelimit-limit ${String(answer.headers['ratelimit-limit'])}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses call number LIMIT + 1 with 429 RATE_LIMITED in the language asked for, Retry-After and RateLimit fields, and counts it in /metrics', async () => {
    const visit = (language?: string) => {
      const call = ledger.http().get('/health').set('X-Forwarded-For', '203.0.113.50');
      return language === undefined ? call : call.set('Accept-Language', language);
    };
    for (let call = 1; call <= LIMIT; call++) {
      const answer = await visit();
      expect({ call, status: answer.status, remaining: answer.headers['ratelimit-remaining'] }).toEqual({ call, status: 200, remaining: String(LIMIT - call) });
    }
    const vi = await visit();
    const en = await visit('en');
    for (const refused of [vi, en]) {
      expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(refused.body.error.details).toEqual({ retryAfterSeconds: retryAfter });
      expect({ limit: refused.headers['ratelimit-limit'], remaining: refused.headers['ratelimit-remaining'], reset: refused.headers['ratelimit-reset'] })
        .toEqual({ limit: String(LIMIT), remaining: '0', reset: String(retryAfter) });
    }
    expect(vi.headers['content-language']).toBe('vi');
    expect(vi.body.error.message).toMatch(/^Địa chỉ này gửi quá nhiều yêu cầu; thử lại sau \d+ giây$/);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.error.message).toMatch(/^Too many requests from this address; try again in \d+ s$/);

    const scraped = await ledger.http().get('/metrics').set('X-Forwarded-For', '203.0.113.51').expect(200);
    expect(scraped.text).toMatch(/^ledger_rate_limited_total\{limiter="public"\} 2$/m);
  });
});
