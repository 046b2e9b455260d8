import { registerUpcaster } from '../../src/domain/upcasters';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Upcasters on every read of stored data, the command handlers' answers included: a retried
 * request is answered from the events stored the first time, which a newer build reads in the
 * current shape of their type. A test-only version 2 of DonationRecorded writes receipt numbers
 * with the chapter's prefix; a donation stored at version 1 answers its retry with the prefix.
 */
describe('upcasters on every read: a replayed request answers from the upcast events', () => {
  let ledger: TestLedger;
  let unregister: (() => void) | undefined;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    unregister?.();
    await ledger?.close();
  });

  it('answers a retried donation with the receipt number as the current version reads it', async () => {
    const accountant = await ledger.user('Kế toán Lan', ['accountant']);
    const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: 'ctd-upcast', name: 'Quỹ thử' });
    expect(opened.status).toBe(201);
    const record = () => ledger.http().post('/v1/funds/ctd-upcast/donations')
      .set('Authorization', `Bearer ${accountant.token}`)
      .set('Idempotency-Key', 'donation-upcast-1')
      .send({ amount: '500000', channel: 'bank_transfer', receivedAt: '2024-05-12T09:30:00+07:00', reference: 'FT-UP', donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: null } });
    const first = await record();
    expect(first.status).toBe(201);

    unregister = registerUpcaster('DonationRecorded', 1, (data) => ({ ...data, receiptNo: `CTD-${String(data.receiptNo)}` }));
    const retried = await record();

    expect(retried.status).toBeLessThan(300);
    expect(retried.body).toMatchObject({ donationId: first.body.donationId, receiptNo: `CTD-${first.body.receiptNo}`, position: first.body.position });
  });
});
