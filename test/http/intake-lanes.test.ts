import type { LightMyRequestResponse } from 'fastify';
import { IntakeLanes } from '../../src/http/intake-lanes';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { disbursementBody, donationBody } from './support/http-helpers';

/** Resolves in the next turn of the event loop, after that turn's immediates. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('IntakeLanes', () => {
  it('starts no bulk request in the turn it arrives, then at most perTurn a turn, in arrival order', async () => {
    const lanes = new IntakeLanes(3);
    const started: number[] = [];
    for (let i = 0; i < 7; i++) lanes.admitBulk(() => started.push(i));
    expect(started).toEqual([]);
    expect(lanes.counts()).toEqual({ waiting: 7, admitted: 7 });

    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(lanes.counts()).toEqual({ waiting: 0, admitted: 7 });
  });

  it('a request admitted while others wait queues behind them', async () => {
    const lanes = new IntakeLanes(2);
    const started: string[] = [];
    for (const name of ['a', 'b', 'c']) lanes.admitBulk(() => started.push(name));
    await nextTurn();
    lanes.admitBulk(() => started.push('d'));
    await nextTurn();
    await nextTurn();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('runs beforeSlice (the store commits what the turn queued) before each slice starts', async () => {
    const calls: string[] = [];
    const lanes = new IntakeLanes(1, () => calls.push('commit'));
    lanes.admitBulk(() => calls.push('first'));
    lanes.admitBulk(() => calls.push('second'));
    await nextTurn();
    await nextTurn();
    expect(calls).toEqual(['commit', 'first', 'commit', 'second']);
  });

  it('refuses a slice that is not a positive whole number', () => {
    expect(() => new IntakeLanes(0)).toThrow(RangeError);
    expect(() => new IntakeLanes(1.5)).toThrow(RangeError);
  });
});

/**
 * Through the real application on SQLite, whose group commit the lanes commit before each slice
 * (the EventStoreDB adapter sends each append as it comes, in an order its server decides).
 */
describe('the lanes in the application', () => {
  const FUND = 'quy-hai-lan';
  let ledger: TestLedger;
  let accountant: string;

  beforeAll(async () => {
    ledger = await startTestLedger({ bulkRequestsPerTurn: 1 });
    accountant = (await ledger.user('Kế toán', ['accountant'])).token;
    await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ hai làn' }).expect(201);
    await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${accountant}`).send(donationBody({ amount: '500000000' })).expect(201);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('answers a disbursement request sent after twenty donations before most of them, and records every one', async () => {
    const fastify = ledger.app.getHttpAdapter().getInstance();
    const headers = { authorization: `Bearer ${accountant}`, 'content-type': 'application/json' };
    const answered: string[] = [];
    const send = (name: string, url: string, body: unknown): Promise<LightMyRequestResponse> =>
      fastify.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) }).then((response) => {
        answered.push(name);
        return response;
      });
    // All sent in one turn, the donations first: in arrival order the disbursement would be answered last.
    const donations = Array.from({ length: 20 }, (_, i) => send(`donation ${i}`, `/v1/funds/${FUND}/donations`, donationBody({ reference: `FT-LAN-${i}` })));
    const disbursement = send('disbursement', `/v1/funds/${FUND}/disbursements`, disbursementBody());
    const responses = await Promise.all([...donations, disbursement]);

    for (const response of responses) expect(response.statusCode).toBe(201);
    // One donation starts a turn; the disbursement starts as it arrives and is committed before the second slice.
    expect(answered.indexOf('disbursement')).toBeLessThan(3);
    // The donations keep their order of arrival, each with its own receipt number.
    expect(answered.filter((name) => name !== 'disbursement')).toEqual(Array.from({ length: 20 }, (_, i) => `donation ${i}`));
    const receipts = responses.slice(0, 20).map((response) => JSON.parse(response.body).receiptNo as string);
    expect(new Set(receipts).size).toBe(20);
  });
});
