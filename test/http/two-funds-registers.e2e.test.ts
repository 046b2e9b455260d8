import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, disbursementBody, donationBody, expectStatus, openFund, releaseBody, vnTimestamp } from './support/http-helpers';

/**
 * Two funds in one ledger number their entries alike: each fund's first donation of the year is
 * DN-<year>-000001, its first disbursement DB-000001, its first emergency release the same id as
 * the other fund's. Each fund's registers, reports and public lookup show exactly its own entries,
 * through the real HTTP stack on a real SQLite file (the registers are keyed by fund and id).
 */
let ledger: TestLedger;
let accountant: string;
let approver: string;
let coordinator: string;
let auditor: string;
let head = 0;

const NORTH = 'quy-bac-so-trung';
const SOUTH = 'quy-nam-so-trung';
type Row = Record<string, unknown>;

/** What each fund records: distinct amounts and names, so a row of the other fund cannot pass for its own. */
const ENTRIES = {
  [NORTH]: { donation: '1100000', donor: 'Phạm Thị Bắc', disbursement: '300000', beneficiary: 'UBND xã Bắc Sơn', release: '500000', incident: 'Lũ quét xã Bắc Sơn' },
  [SOUTH]: { donation: '2200000', donor: 'Lê Văn Nam', disbursement: '400000', beneficiary: 'UBND xã Nam Sơn', release: '600000', incident: 'Sạt lở xã Nam Sơn' },
} as const;
const FUNDS = [NORTH, SOUTH] as const;

const post = (token: string, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const get = (token: string | null, path: string) => call(ledger, 'get', path, undefined, { token });
const track = <T extends { body: Row }>(response: T): T => {
  head = Math.max(head, Number(response.body.position));
  return response;
};

const ids: Record<string, { donationId: string; disbursementId: string; releaseId: string }> = {};

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  coordinator = (await ledger.user('Điều phối', ['coordinator'])).token;
  auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
  await openFund(ledger, NORTH, { name: 'Quỹ Bắc Sơn' });
  await openFund(ledger, SOUTH, { name: 'Quỹ Nam Sơn' });
  // Interleaved: the south fund's entries come after the north fund's with the same ids.
  for (const fundId of FUNDS) {
    const entry = ENTRIES[fundId];
    const donation = track(await post(accountant, `/v1/funds/${fundId}/donations`, donationBody({
      amount: entry.donation, donor: { name: entry.donor, kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
      component: 'emergency-relief', reference: `REF-${fundId}`,
    })));
    expectStatus(donation, 201);
    ids[fundId] = { donationId: String(donation.body.donationId), disbursementId: '', releaseId: '' };
  }
  for (const fundId of FUNDS) {
    const entry = ENTRIES[fundId];
    const requested = track(await post(accountant, `/v1/funds/${fundId}/disbursements`, disbursementBody({
      amount: entry.disbursement, component: 'emergency-relief', beneficiary: entry.beneficiary,
    })));
    expectStatus(requested, 201);
    const disbursementId = String(requested.body.disbursementId);
    expectStatus(track(await post(approver, `/v1/funds/${fundId}/disbursements/${disbursementId}/approve`, {})), 200);
    expectStatus(track(await post(approver, `/v1/funds/${fundId}/disbursements/${disbursementId}/pay`, { paidAt: vnTimestamp(0), reference: `UNC-${fundId}` })), 200);
    ids[fundId].disbursementId = disbursementId;
  }
  for (const fundId of FUNDS) {
    const entry = ENTRIES[fundId];
    const released = track(await post(coordinator, `/v1/funds/${fundId}/emergency-releases`, releaseBody({ amount: entry.release, incident: entry.incident })));
    expectStatus(released, 201);
    ids[fundId].releaseId = String(released.body.releaseId);
  }
});

afterAll(async () => {
  await ledger?.close();
});

describe('two funds whose entries share ids', () => {
  it('the ids really are the same in both funds (the case under test)', () => {
    expect(ids[NORTH]).toEqual(ids[SOUTH]);
    expect(ids[NORTH].donationId).toMatch(/^DN-\d{4}-000001$/);
    expect(ids[NORTH].disbursementId).toBe('DB-000001');
  });

  it.each(FUNDS)('%s: the donation register lists exactly its own donation', async (fundId) => {
    const response = await get(accountant, `/v1/funds/${fundId}/donations?minPosition=${head}`);
    expectStatus(response, 200);
    const items = response.body.items as Row[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ donationId: ids[fundId].donationId, amountVnd: ENTRIES[fundId].donation, reference: `REF-${fundId}` });
  });

  it.each(FUNDS)('%s: the disbursement register lists exactly its own disbursement, paid', async (fundId) => {
    const response = await get(accountant, `/v1/funds/${fundId}/disbursements?minPosition=${head}`);
    expectStatus(response, 200);
    const items = response.body.items as Row[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ disbursementId: ids[fundId].disbursementId, amount: ENTRIES[fundId].disbursement, beneficiary: ENTRIES[fundId].beneficiary, status: 'paid' });
  });

  it.each(FUNDS)('%s: the emergency register lists exactly its own release', async (fundId) => {
    const response = await get(accountant, `/v1/funds/${fundId}/emergency-releases?minPosition=${head}`);
    expectStatus(response, 200);
    const items = response.body.items as Row[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ releaseId: ids[fundId].releaseId, amount: ENTRIES[fundId].release, incident: ENTRIES[fundId].incident, status: 'open' });
  });

  it.each(FUNDS)('%s: the public lookup finds its own donation, by name and by reference, and never the other fund\'s', async (fundId) => {
    const other = fundId === NORTH ? SOUTH : NORTH;
    const all = await get(null, `/v1/public/funds/${fundId}/donations?minPosition=${head}`);
    expectStatus(all, 200);
    expect((all.body.items as Row[]).map((d) => [d.donationId, d.amountVnd])).toEqual([[ids[fundId].donationId, ENTRIES[fundId].donation]]);
    const ownName = await get(null, `/v1/public/funds/${fundId}/donations?q=${encodeURIComponent(ENTRIES[fundId].donor)}&minPosition=${head}`);
    expect((ownName.body.items as Row[]).map((d) => d.amountVnd)).toEqual([ENTRIES[fundId].donation]);
    const otherName = await get(null, `/v1/public/funds/${fundId}/donations?q=${encodeURIComponent(ENTRIES[other].donor)}&minPosition=${head}`);
    expect(otherName.body.items).toEqual([]);
    const ownReference = await get(null, `/v1/public/funds/${fundId}/donations?reference=REF-${fundId}&minPosition=${head}`);
    expect((ownReference.body.items as Row[]).map((d) => d.amountVnd)).toEqual([ENTRIES[fundId].donation]);
  });

  it.each(FUNDS)('%s: the financial report counts its own donation and payment only', async (fundId) => {
    const response = await get(auditor, `/v1/funds/${fundId}/reports/financial?minPosition=${head}`);
    expectStatus(response, 200);
    const line = (code: string) => (response.body.rows as Row[]).find((row) => row.line === code)?.amount;
    const entry = ENTRIES[fundId];
    expect(line('receipts.voluntary_contribution')).toBe(entry.donation);
    expect(line('receipts.total')).toBe(entry.donation);
    // The release is still open, an advance not yet spent: only the paid disbursement is a payment.
    expect(line('payments.total')).toBe(entry.disbursement);
    expect(line('closing')).toBe((BigInt(entry.donation) - BigInt(entry.disbursement)).toString());
  });

  it.each(FUNDS)('%s: the disclosure report shows its own donation, disbursement and release only', async (fundId) => {
    const response = await get(auditor, `/v1/funds/${fundId}/reports/disclosure?minPosition=${head}`);
    expectStatus(response, 200);
    const text = JSON.stringify(response.body);
    const entry = ENTRIES[fundId];
    const other = ENTRIES[fundId === NORTH ? SOUTH : NORTH];
    for (const own of [entry.donation, entry.beneficiary]) expect(text).toContain(own);
    for (const foreign of [other.donation, other.beneficiary, other.donor, other.incident]) expect(text).not.toContain(foreign);
  });
});
