import { registerUpcaster } from '../../src/domain/upcasters';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Upcasters on every read: GET /v1/funds/:fundId/donations/:donationId answers the donation in
 * the current shape of its type, as the registers, the journal's replays and the command answers
 * do. A test-only version 2 of DonationRecorded writes receipt numbers with the chapter's prefix;
 * a donation stored at version 1 reads with the prefix.
 */
describe('one donation read by id, stored at an older schema version', () => {
  let ledger: TestLedger;
  let unregister: (() => void) | undefined;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    unregister?.();
    await ledger?.close();
  });

  it('answers it upcast to the current version, with its position', async () => {
    const accountant = await ledger.user('Kế toán Lan', ['accountant']);
    expect((await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: 'ctd-upcast', name: 'Quỹ thử' })).status).toBe(201);
    const recorded = await ledger.http().post('/v1/funds/ctd-upcast/donations').set('Authorization', `Bearer ${accountant.token}`)
      .send({ amount: '500000', channel: 'bank_transfer', receivedAt: '2024-05-12T09:30:00+07:00', reference: 'FT-UP', donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: null } });
    expect(recorded.status).toBe(201);
    const read = () => ledger.http().get(`/v1/funds/ctd-upcast/donations/${recorded.body.donationId}`).set('Authorization', `Bearer ${accountant.token}`);
    expect((await read()).body).toMatchObject({ receiptNo: recorded.body.receiptNo, position: recorded.body.position });

    unregister = registerUpcaster('DonationRecorded', 1, (data) => ({ ...data, receiptNo: `CTD-${String(data.receiptNo)}` }));
    const upcast = await read();

    expect(upcast.status).toBe(200);
    expect(upcast.body).toMatchObject({ donationId: recorded.body.donationId, receiptNo: `CTD-${recorded.body.receiptNo}`, position: recorded.body.position });
  });

  it('shows it upcast in the fund\'s activity too', async () => {
    const activity = await ledger.http().get('/v1/funds/ctd-upcast/activity').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(activity.status).toBe(200);
    const line = (activity.body.items as { type: string; receiptNo: string | null }[]).find((item) => item.type === 'DonationRecorded');
    expect(line?.receiptNo).toMatch(/^CTD-/);
  });
});
