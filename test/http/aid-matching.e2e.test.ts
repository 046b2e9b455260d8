/**
 * Beneficiaries and aid through the real app (api-v2.md "Beneficiaries and distributions", the
 * README's section of the same name): a commune written "Thị  trấn" with two spaces or a no-break
 * space is the same commune to the duplicate-aid rule and to the registry, and a request's lines
 * add up to at most its amount however the amount is written.
 */
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  client, disbursementBody, donationBody, expectRejected, expectStatus, openFund, vnTimestamp, type Client,
} from './support/http-helpers';

const A = 'quy-khop-a';
const B = 'quy-khop-b';
const HOUR = 3_600_000;

describe('beneficiaries and aid: matching and line totals', () => {
  let ledger: TestLedger;
  let accountant: Client;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    await openFund(ledger, A);
    await openFund(ledger, B);
    for (const fund of [A, B]) expectStatus(await accountant.post(`/v1/funds/${fund}/donations`, donationBody({ amount: '90000000', receivedAt: vnTimestamp(-3) })), 201);
  }, 60_000);
  afterAll(async () => ledger?.close());

  async function register(fund: string, body: Record<string, unknown>): Promise<string> {
    const response = await accountant.post(`/v1/funds/${fund}/beneficiaries`, { kind: 'household', categories: ['poor'], ...body });
    expectStatus(response, 201);
    return response.body.beneficiaryId as string;
  }

  it.each([
    ['two spaces', 'Thị  trấn Mường Tè'],
    ['a no-break space, as pasted from a document', 'Thị\u00a0trấn Mường Tè'],
  ])('catches the same household helped again in another fund when "Thị trấn" of its commune has %s in one of them', async (_how, spelled) => {
    // api-v2.md: same beneficiary, same need, inside the window, "across campaigns and funds of this
    // ledger" → 409 DUPLICATE_AID. README "Matching": name, commune and address compared with no
    // case, diacritics or punctuation, "the commune without the word for its unit"; the fold reads
    // every run of spaces as one everywhere else (a name typed with two spaces is the same name).
    const name = spelled.includes('\u00a0') ? 'Lò Văn Tươi' : 'Lò Văn Sáng';
    const inA = await register(A, { name, commune: 'Thị trấn Mường Tè', address: 'Bản Nậm Củm' });
    const inB = await register(B, { name, commune: spelled, address: 'Bản Nậm Củm' });
    const gift = (fund: string, beneficiaryId: string) => accountant.post(`/v1/funds/${fund}/disbursements`, disbursementBody({
      amount: '500000', needCategory: 'tet-gift', purpose: 'Quà Tết', requestedAt: new Date(Date.now() - HOUR).toISOString(),
      distribution: [{ beneficiaryId, amount: '500000' }],
    }));
    expectStatus(await gift(A, inA), 201);
    const again = await expectRejected(ledger, () => gift(B, inB), 409, 'DUPLICATE_AID');
    expect(again.body.error.details).toMatchObject({ earlierFundId: A, need: 'tet-gift' });
  });

  it('registers the household once in a fund whatever the spaces of "Thị trấn" (the second registration is 409 ALREADY_EXISTS)', async () => {
    // README, Beneficiaries and distributions: "the same person again is 409 ALREADY_EXISTS naming
    // who has it"; "Thị trấn Mường Tè" and "Mường Tè" are one commune, so "Thị  trấn Mường Tè" is too.
    const first = await register(A, { name: 'Lò Thị Xuân', commune: 'Thị trấn Mường Tè', address: 'Bản Nậm Củm' });
    const twice = await expectRejected(ledger, () => accountant.post(`/v1/funds/${A}/beneficiaries`, {
      kind: 'household', categories: ['poor'], name: 'Lò Thị Xuân', commune: 'Thị  trấn Mường Tè', address: 'Bản Nậm Củm',
    }), 409, 'ALREADY_EXISTS');
    expect(twice.body.error.details).toMatchObject({ beneficiaryId: first });
  });

  it('refuses a distribution whose line amounts add up to more than the request when the amount is written "500000.0"', async () => {
    // api-v2.md / README "Distributions": "line amounts add up to at most the request's amount".
    // "500000.0" is accepted as the amount 500000 (a VND amount without a fraction), so lines of
    // 500 000 + 400 000 = 900 000 must be 400 VALIDATION_FAILED, appending nothing.
    const one = await register(B, { name: 'Tạ Văn Ba', commune: 'Xã Hòa Bình', address: 'Thôn 7' });
    const two = await register(B, { name: 'Tạ Văn Bốn', commune: 'Xã Hòa Bình', address: 'Thôn 7' });
    const response = await expectRejected(ledger, () => accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({
      amount: '500000.0', needCategory: 'housing-repair', purpose: 'Sửa nhà',
      distribution: [{ beneficiaryId: one, amount: '500000' }, { beneficiaryId: two, amount: '400000' }],
    })), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(response.body.error.details)).toContain('distribution');
  });

});
