/**
 * An id number reaches the log only as its keyed hash (per-fund secret) and last four digits: the
 * idempotency metadata of a registration or a list import must not let anyone who holds the log,
 * or a backup of it, test a guessed number either.
 */
import { createHash } from 'node:crypto';
import { requestHashOf } from '../../src/command-handling/command-metadata';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { client, donationBody, expectError, expectStatus, openFund, type Client } from './support/http-helpers';

const FUND = 'quy-rieng-tu';
const ID_NUMBER = '079123456789';

async function metadataOf(ledger: TestLedger, type: string, position: number): Promise<Record<string, unknown>> {
  for await (const event of ledger.store.readAll({ afterPosition: position - 1 })) {
    if (event.position === position && event.type === type) return event.metadata as unknown as Record<string, unknown>;
    if (event.position > position) break;
  }
  throw new Error(`no ${type} at ${position}`);
}

describe('Id numbers never reach the log through a request hash', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let accountantToken: string;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountantToken = (await ledger.user('Kế toán', ['accountant'])).token;
    accountant = client(ledger, accountantToken);
    await openFund(ledger, FUND);
  }, 60_000);
  afterAll(async () => ledger?.close());

  it('hashes a keyed request as the route, its parameters and its body (the guess an attacker would make)', async () => {
    const body = donationBody({ amount: '1000000' });
    const response = await accountant.post(`/v1/funds/${FUND}/donations`, body, { idempotencyKey: 'don-1' });
    expectStatus(response, 201);
    const metadata = await metadataOf(ledger, 'DonationRecorded', response.body.position);
    expect(metadata.requestHash).toBe(requestHashOf({ method: 'POST', route: '/v1/funds/:fundId/donations', params: { fundId: FUND }, body }));
  });

  it('keeps a registration\'s id number out of its request hash, and still answers a retry and refuses another body', async () => {
    const body = { kind: 'household', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', address: 'Ấp 3', idNumber: ID_NUMBER, categories: ['poor'] };
    const response = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, body, { idempotencyKey: 'reg-1' });
    expectStatus(response, 201);
    const metadata = await metadataOf(ledger, 'BeneficiaryRegistered', response.body.position);
    // Everything but the number is in the event (and idLast4 narrows it to 10^8 guesses): the plain hash of the body would confirm a guess.
    expect(metadata.requestHash).not.toBe(requestHashOf({ method: 'POST', route: '/v1/funds/:fundId/beneficiaries', params: { fundId: FUND }, body }));
    expect(JSON.stringify(metadata)).not.toContain(ID_NUMBER);

    const retry = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, body, { idempotencyKey: 'reg-1' });
    expectStatus(retry, 201);
    expect(retry.body).toEqual(response.body);
    expectError(await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { ...body, idNumber: '079123456788' }, { idempotencyKey: 'reg-1' }), 409, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps a list\'s id numbers out of its request hash: a one-line file is guessed as easily as a body', async () => {
    const file = `Họ và tên,Số CCCD,Địa chỉ\nLê Thị Hoa,001234567890,Ấp 5\n`;
    const list = { commune: 'Xã Tân Phú', listKind: 'poor', certificationRef: '12/QĐ-UBND' };
    const send = (text: string) => ledger.http().post(`/v1/funds/${FUND}/beneficiary-lists?commune=Xã Tân Phú&listKind=poor&certificationRef=12/QĐ-UBND`)
      .set('Authorization', `Bearer ${accountantToken}`).set('content-type', 'text/csv').set('Idempotency-Key', 'list-1').send(Buffer.from(text, 'utf8'));
    const response = await send(file);
    expectStatus(response, 201);
    const metadata = await metadataOf(ledger, 'BeneficiaryListImported', response.body.position);
    const sha256 = createHash('sha256').update(file, 'utf8').digest('hex');
    expect(metadata.requestHash).not.toBe(requestHashOf({ route: 'beneficiary-lists', fundId: FUND, list, sha256 }));

    const retry = await send(file);
    expectStatus(retry, 201);
    expect(retry.body).toEqual(response.body);
    expectError(await send(file.replace('001234567890', '001234567891')), 409, 'IDEMPOTENCY_KEY_REUSED');
  });
});
