/**
 * What a coordinator's phone sends from its outbox (web/src/offline/outbox.ts) after a day in the
 * field without a network: each hand-over with the Idempotency-Key drawn when it was ticked and the
 * business date the phone's clock gave it (`handedOverAt`), arriving hours later at a ledger where
 * the office has gone on working. The outbox lists each refusal with what to do, chosen by the
 * answer's code and `details.reason`; the ledger records the business date as sent and its own
 * recording time beside it.
 */
import { countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { client, disbursementBody, donationBody, expectError, expectStatus, openFund, vnTimestamp, type Client } from './support/http-helpers';

const FUND = 'quy-lu-lut';
const HOUR = 3_600_000;

describe('hand-overs sent late from a phone\'s outbox', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let coordinator: Client;
  let teammate: Client;
  let approver: Client;
  const households: string[] = [];

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    coordinator = client(ledger, (await ledger.user('Điều phối xã', ['coordinator'])).token);
    teammate = client(ledger, (await ledger.user('Điều phối thôn', ['coordinator'])).token);
    approver = client(ledger, (await ledger.user('Duyệt', ['approver'])).token);
    await openFund(ledger, FUND);
    // Received two days ago: a list dated an hour ago falls on the day before today in Vietnam from 00:00 to 01:00, and money received later cannot pay it.
    expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '50000000', receivedAt: vnTimestamp(-2) })), 201);
    for (const name of ['Hà Văn Một', 'Hà Thị Hai', 'Hà Văn Ba', 'Hà Thị Bốn']) {
      const registered = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name, commune: 'Xã Vĩnh Lợi', categories: ['disaster_affected'] });
      expectStatus(registered, 201);
      households.push(registered.body.beneficiaryId as string);
    }
  }, 60_000);
  afterAll(async () => ledger?.close());

  /** An approved flood relief list of the given households, 500 000 VND each; its business date an hour ago. */
  async function approvedList(beneficiaries: string[]): Promise<string> {
    const requested = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: String(500_000 * beneficiaries.length), needCategory: 'food-water-medicine', purpose: 'Hỗ trợ hộ ngập lụt',
      requestedAt: new Date(Date.now() - HOUR).toISOString(), distribution: beneficiaries.map((beneficiaryId) => ({ beneficiaryId, amount: '500000' })),
    }));
    expectStatus(requested, 201);
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${requested.body.disbursementId}/approve`, {}), 200);
    return requested.body.disbursementId as string;
  }

  /** A hand-over as the outbox sends it: its key, the phone's business date, Vietnamese answers. */
  function sendFromPhone(phone: Client, id: string, key: string, body: Record<string, unknown>) {
    return phone.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, body, { headers: { 'Idempotency-Key': key, 'Accept-Language': 'vi' } });
  }

  it('refuses a hand-over of a request rejected meanwhile, saying why in details.reason, and appends nothing', async () => {
    const id = await approvedList([households[0]]);
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/reject`, { reason: 'Trùng danh sách xã' }), 200);
    const before = await countEvents(ledger.store);
    const late = await sendFromPhone(coordinator, id, 'phone-a-rejected-1', {
      beneficiaryId: households[0], status: 'received', handedOverAt: new Date(Date.now() - 30 * 60_000).toISOString(), evidenceRef: 'Danh sách ký nhận 1',
    });
    expectError(late, 422, 'INVALID_STATE');
    expect(late.body.error.details).toEqual({ status: 'rejected', reason: 'disbursement' });
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('refuses a hand-over of a share the office closed meanwhile with details.reason share-closed, and one a team-mate recorded first with handed-over', async () => {
    const id = await approvedList([households[1], households[2]]);
    expectStatus(await accountant.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
      beneficiaryId: households[1], status: 'absent', closed: true, handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản vắng 02',
    }), 201);
    expectStatus(await sendFromPhone(teammate, id, 'phone-b-1', {
      beneficiaryId: households[2], status: 'received', handedOverAt: new Date(Date.now() - 20 * 60_000).toISOString(), evidenceRef: 'Ký nhận máy B',
    }), 201);
    const before = await countEvents(ledger.store);
    const closed = await sendFromPhone(coordinator, id, 'phone-a-closed-1', {
      beneficiaryId: households[1], status: 'received', handedOverAt: new Date(Date.now() - 40 * 60_000).toISOString(), evidenceRef: 'Ký nhận máy A',
    });
    expectError(closed, 422, 'INVALID_STATE');
    expect(closed.body.error.details).toMatchObject({ reason: 'share-closed', closed: true, status: 'absent' });
    const twice = await sendFromPhone(coordinator, id, 'phone-a-twice-1', {
      beneficiaryId: households[2], status: 'received', handedOverAt: new Date(Date.now() - 10 * 60_000).toISOString(), evidenceRef: 'Ký nhận máy A',
    });
    expectError(twice, 422, 'INVALID_STATE');
    expect(twice.body.error.details).toMatchObject({ reason: 'handed-over', status: 'received' });
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('records a hand-over sent again after a lost answer once, with the phone\'s business date and the ledger\'s own recording time', async () => {
    const id = await approvedList([households[3]]);
    // The phone's clock is two hours fast: the business date is the phone's, however wrong; the recording time is the ledger's.
    const handedOverAt = new Date(Date.now() + 2 * HOUR).toISOString();
    const body = { beneficiaryId: households[3], status: 'received', handedOverAt, evidenceRef: 'Ký nhận 4' };
    const first = await sendFromPhone(coordinator, id, 'phone-a-once-1', body);
    expectStatus(first, 201);
    const before = await countEvents(ledger.store);
    const again = await sendFromPhone(coordinator, id, 'phone-a-once-1', body);
    expect(again.status).toBeLessThan(300);
    expect(again.body.position).toBe(first.body.position);
    expect(await countEvents(ledger.store)).toBe(before);
    const written: Array<{ type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }> = [];
    for await (const event of ledger.store.readAll({ afterPosition: first.body.position - 1 })) written.push(event as never);
    expect(written[0]).toMatchObject({ type: 'HandoverRecorded', data: { handedOverAt } });
    const recordedAt = Date.parse(String(written[0].metadata.recordedAt));
    expect(Math.abs(recordedAt - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a hand-over dated by a phone a day and more fast (FUTURE_DATE) or slow before its request (DATE_BEFORE_REQUEST), appending nothing', async () => {
    const id = await approvedList([households[0]]);
    const before = await countEvents(ledger.store);
    const fast = await sendFromPhone(coordinator, id, 'phone-a-fast-1', {
      beneficiaryId: households[0], status: 'received', handedOverAt: new Date(Date.now() + 25 * HOUR).toISOString(), evidenceRef: 'Ký nhận 5',
    });
    expectError(fast, 422, 'FUTURE_DATE');
    const slow = await sendFromPhone(coordinator, id, 'phone-a-slow-1', {
      beneficiaryId: households[0], status: 'received', handedOverAt: new Date(Date.now() - 25 * HOUR).toISOString(), evidenceRef: 'Ký nhận 5',
    });
    expectError(slow, 422, 'DATE_BEFORE_REQUEST');
    expect(await countEvents(ledger.store)).toBe(before);
  });
});
