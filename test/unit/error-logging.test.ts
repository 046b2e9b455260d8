import { Writable } from 'node:stream';
import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { ApiExceptionFilter } from '../../src/http/error-mapping';
import { ReadModelLagging } from '../../src/http/errors';
import { logAccess } from '../../src/http/logger';

/**
 * What an operator reads in the log: a 503 is an answer the ledger means (a register still
 * catching up after an import or a rebuild, a checkpoint not signed yet: retry later), so it is a
 * warning in the access log and nothing more; an internal error is an error, with its stack.
 */
describe('the log of failed requests', () => {
  function captured() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    return { logger: pino({ level: 'info' }, sink), lines };
  }

  it('writes the access line of a 503 at warn, of any other 5xx at error, of the rest at info', async () => {
    const { logger, lines } = captured();
    const line = (status: number, code?: string) => ({ reqId: 'r', userId: null, method: 'GET', route: '/v1/x', url: '/v1/x', status, ms: 1, code });
    logAccess(logger, line(200));
    logAccess(logger, line(404, 'NOT_FOUND'));
    logAccess(logger, line(503, 'PROJECTION_LAGGING'));
    logAccess(logger, line(500, 'INTERNAL'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((entry) => [entry.status, entry.level])).toEqual([[200, 30], [404, 30], [503, 40], [500, 50]]);
  });

  describe('the exception filter', () => {
    const logged: { level: string; message: string }[] = [];
    beforeAll(() => {
      Logger.overrideLogger({
        log: (message: string) => logged.push({ level: 'log', message }),
        error: (message: string) => logged.push({ level: 'error', message }),
        warn: (message: string) => logged.push({ level: 'warn', message }),
      });
    });
    afterAll(() => Logger.overrideLogger(true));
    beforeEach(() => {
      logged.length = 0;
    });

    function answer(error: unknown): { status: number; body: { error: { code: string } } } {
      const sent = { status: 0, body: undefined as unknown };
      const reply = {
        headers: () => reply,
        getHeader: () => undefined,
        header: () => reply,
        status: (status: number) => {
          sent.status = status;
          return reply;
        },
        send: (body: unknown) => {
          sent.body = body;
          return reply;
        },
      };
      const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ headers: {} }) }) } as unknown as ArgumentsHost;
      new ApiExceptionFilter().catch(error, host);
      return sent as { status: number; body: { error: { code: string } } };
    }

    it('logs nothing of a register still catching up beyond its 503 answer', () => {
      const sent = answer(new ReadModelLagging({ projection: 'donation-register', reached: 10, minPosition: 20 }));
      expect(sent.status).toBe(503);
      expect(sent.body.error.code).toBe('PROJECTION_LAGGING');
      expect(logged).toEqual([]);
    });

    it('logs an internal error at error level with its stack', () => {
      const sent = answer(new Error('the disk is on fire'));
      expect(sent.status).toBe(500);
      expect(logged).toEqual([{ level: 'error', message: expect.stringMatching(/^Error: the disk is on fire\n\s+at /) }]);
    });
  });
});
