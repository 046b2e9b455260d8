import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/** api-v2.md "People and sessions": GET /v1/funds (any staff role), the staff app's fund picker. */
describe('GET /v1/funds: every fund, for any staff role', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('lists every fund by name with its chapter and the position it was read at; an auditor may read it; a stranger may not', async () => {
    const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    await ledger.http().post('/v1/funds').set(admin).send({ fundId: 'ctd-quan-3', name: 'Quỹ Quận 3', chapter: 'Hội CTĐ Quận 3' }).expect(201);
    const opened = await ledger.http().post('/v1/funds').set(admin).send({ fundId: 'ctd-quan-1', name: 'Quỹ Quận 1' }).expect(201);
    const auditor = await ledger.user('Kiểm toán', ['auditor']);
    const answer = await ledger.http().get(`/v1/funds?minPosition=${opened.body.position as number}`).set('Authorization', `Bearer ${auditor.token}`).expect(200);
    expect(answer.body.items).toEqual([
      { fundId: 'ctd-quan-1', name: 'Quỹ Quận 1', chapter: null },
      { fundId: 'ctd-quan-3', name: 'Quỹ Quận 3', chapter: 'Hội CTĐ Quận 3' },
    ]);
    expect(answer.body.position).toBeGreaterThanOrEqual(opened.body.position as number);
    expect((await ledger.http().get('/v1/funds').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });
});
