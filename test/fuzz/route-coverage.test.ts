import request from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { commandRoutes, FUZZED_ELSEWHERE, NOT_YET_FUZZED, type RouteTargets } from './command-routes';

/**
 * The hostile-input fuzz (hostile-input.test.ts) reaches every route that changes the ledger: each
 * POST, PUT and DELETE operation of the API's own description (/docs-json) is one of its command
 * routes, or is named in FUZZED_ELSEWHERE with the test that throws hostile input at it instead,
 * or in NOT_YET_FUZZED, the gap still open. A route added to none of them fails here, so none is
 * forgotten; a name no route answers to fails too.
 */
let ledger: TestLedger;

beforeAll(async () => {
  ledger = await startTestLedger();
});

afterAll(async () => {
  await ledger?.close();
});

/** `POST /v1/funds/{fundId}/x` and `POST /v1/funds/:fundId/x` alike, whatever the parameters are called. */
const shape = (name: string) => name.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');

describe('the hostile-input fuzz covers every command route of the API', () => {
  it('each POST, PUT and DELETE of /docs-json is fuzzed there or named with the test that fuzzes it', async () => {
    const answer = await request(ledger.app.getHttpServer()).get('/docs-json');
    expect(answer.status).toBe(200);
    const operations = Object.entries(answer.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).filter((method) => ['post', 'put', 'delete', 'patch'].includes(method)).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(30);
    const id = 'x';
    const targets: RouteTargets = {
      fund: id, campaign: id, requested: id, approved: id, release: id, donation: id, victimUserId: id, staff: id, approver: id, admin: id, receivedAt: id, newFundId: id,
      partner: id, transfers: { toApprove: id, toReject: id, toReceive: id, toReturn: id, toAssign: id, external: id }, note: () => ({}), receipt: () => ({}),
      newKey: { keyId: id, publicKey: id }, statementLine: id, importToReview: { importedAt: id, fileSha256: id }, suspenseDonation: id, designated: id, releaseRequest: id, closedCampaign: id, euroDonation: id,
      tokenUserId: id, distribution: { disbursementId: id, beneficiaryId: id }, closedShare: { disbursementId: id, beneficiaryId: id },
    };
    const routes = commandRoutes(targets).map((route) => shape(route.name));
    expect(new Set(routes).size).toBe(routes.length);
    const named = [...routes, ...Object.keys(FUZZED_ELSEWHERE).map(shape), ...NOT_YET_FUZZED.map(shape)];
    expect(operations.filter((operation) => !named.includes(shape(operation)))).toEqual([]);
    // Every route named exists: a list that names a route the API no longer has is out of date.
    const described = new Set(operations.map(shape));
    expect(named.filter((name) => !described.has(name))).toEqual([]);
    for (const where of Object.values(FUZZED_ELSEWHERE)) expect(where).toMatch(/test\/.+\.test\.ts/);
  });
});
