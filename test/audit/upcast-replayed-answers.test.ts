import { registerUpcaster } from '../../src/domain/upcasters';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Upcasters on every read of stored data: the command handlers' answers to a retried request
 * (answered from the events stored the first time), one donation read by id, and the fund's
 * activity all read them in the current shape of their type. A test-only version 2 of
 * DonationRecorded writes receipt numbers with the chapter's prefix; a donation stored at
 * version 1 reads with the prefix everywhere.
 */
describe('upcasters on every read of a donation stored at an older schema version', () => {
  let ledger: TestLedger;
  let accountant: { userId: string; token: string };
  let unregister: (() => void) | undefined;
  let first: { donationId: string; receiptNo: string; position: number };
  const record = () => ledger.http().post('/v1/funds/ctd-upcast/donations')
    .set('Authorization', `Bearer ${accountant.token}`)
    .set('Idempotency-Key', 'donation-upcast-1')
    .send({ amount: '500000', channel: 'bank_transfer', receivedAt: '2024-05-12T09:30:00+07:00', reference: 'FT-UP', donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: null } });
  const read = () => ledger.http().get(`/v1/funds/ctd-upcast/donations/${first.donationId}`).set('Authorization', `Bearer ${accountant.token}`);

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = await ledger.user('Kế toán Lan', ['accountant']);
    const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: 'ctd-upcast', name: 'Quỹ thử' });
    expect(opened.status).toBe(201);
    const recorded = await record();
    expect(recorded.status).toBe(201);
    first = recorded.body;
    expect((await read()).body).toMatchObject({ receiptNo: first.receiptNo, position: first.position });
    unregister = registerUpcaster('DonationRecorded', 1, (data) => ({ ...data, receiptNo: `CTD-${String(data.receiptNo)}` }));
  });

  afterAll(async () => {
    unregister?.();
    await ledger?.close();
  });

  it('answers a retried donation with the receipt number as the current version reads it', async () => {
    const retried = await record();
    expect(retried.status).toBeLessThan(300);
    expect(retried.body).toMatchObject({ donationId: first.donationId, receiptNo: `CTD-${first.receiptNo}`, position: first.position });
  });

  it('answers one donation read by id upcast to the current version, with its position', async () => {
    const upcast = await read();
    expect(upcast.status).toBe(200);
    expect(upcast.body).toMatchObject({ donationId: first.donationId, receiptNo: `CTD-${first.receiptNo}`, position: first.position });
  });

  it('shows it upcast in the fund\'s activity too', async () => {
    const activity = await ledger.http().get('/v1/funds/ctd-upcast/activity').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(activity.status).toBe(200);
    const line = (activity.body.items as { type: string; receiptNo: string | null }[]).find((item) => item.type === 'DonationRecorded');
    expect(line?.receiptNo).toMatch(/^CTD-/);
  });
});
