/**
 * R17 error shape: every error answer is `{"error": {"code", "message", "details"?}}`, a 503 as
 * much as a 400. A read that cannot be served because a read model lags answers 503
 * PROJECTION_LAGGING in that shape; an unavailable service (a failing health check) too.
 */
import { ServiceUnavailableException } from '@nestjs/common';
import { toErrorResponse } from '../../src/http/error-mapping';
import { ReadArgumentError } from '../../src/reports/report-period';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

let ledger: TestLedger;
beforeAll(async () => {
  ledger = await startTestLedger();
});
afterAll(async () => ledger?.close());

const errorShape = (code: string) => ({ error: { code, message: expect.any(String), details: expect.anything() } });

describe('R17 every error response has the error shape, 503 included', () => {
  it('a register read waiting for a position the log has not reached answers 503 PROJECTION_LAGGING in the error shape', async () => {
    const head = await ledger.store.headPosition();
    const read = await ledger.http().get(`/v1/public/funds/quy-hoat-dong/donations?minPosition=${head + 1000}`);
    expect(read.status).toBe(503);
    expect(read.headers['content-type']).toMatch(/application\/json/);
    expect(read.body).toEqual(errorShape('PROJECTION_LAGGING'));
    expect(read.body.error.details).toMatchObject({ minPosition: head + 1000 });
    expect(read.headers['retry-after']).toBe('1');
  }, 20_000);

  it('the balance read waiting for a position answers 503 in the same shape', async () => {
    const head = await ledger.store.headPosition();
    const read = await ledger.http().get(`/v1/funds/quy-hoat-dong/balance?minPosition=${head + 1000}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(read.status).toBe(503);
    expect(read.body).toEqual(errorShape('PROJECTION_LAGGING'));
    expect(read.headers['retry-after']).toBe('1');
  }, 20_000);

  it('a 503 raised by the framework (a failing health check) keeps its status and gets the error shape, not a bare 500', () => {
    const [status, body] = toErrorResponse(new ServiceUnavailableException({ status: 'error', info: {}, error: { eventStore: { status: 'down' } } }));
    expect(status).toBe(503);
    expect(body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String), details: { status: 'error', info: {}, error: { eventStore: { status: 'down' } } } } });
  });

  it('a read argument the read side refuses (ReadArgumentError) is 400 VALIDATION_FAILED naming its field and reason, mapped in error-mapping.ts alone', () => {
    const [status, body] = toErrorResponse(new ReadArgumentError('cursor', 'is not a cursor this list gave out'), 'vi');
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('cursor'), details: { fields: [{ field: 'cursor', reason: 'is not a cursor this list gave out' }] } },
    });
  });

  it('a cursor no list gave out, sent to a register, is answered by that map: 400 naming cursor', async () => {
    const read = await ledger.http().get('/v1/funds/quy-hoat-dong/donations?cursor=not-a-cursor').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(read.status).toBe(400);
    expect(read.body.error.code).toBe('VALIDATION_FAILED');
    expect(read.body.error.details.fields).toEqual([{ field: 'cursor', reason: expect.any(String) }]);
  });
});
