import { verifyEventInclusion } from '../../src/proofs';
import { LogTree } from '../../src/transparency/log-tree';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { type Client, client, donationBody, expectStatus, openFund } from './support/http-helpers';

/**
 * The public side as a donor meets it: the proof route their receipt's QR code opens, checked
 * against what the public search shows.
 */
const FUND = 'quy-cong-khai';
const ORIGIN = 'quy.example.vn/ledger';
let ledger: TestLedger;
let accountant: Client;
let publicKeyRaw: Buffer;

beforeAll(async () => {
  // An hour between automatic checkpoints: every checkpoint here is one the test asked for.
  ledger = await startTestLedger({ proofs: { checkpointIntervalSeconds: 3600, checkpointOrigin: ORIGIN } });
  accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
  await openFund(ledger, FUND);
  publicKeyRaw = Buffer.from((await ledger.http().get('/v1/public/keys').expect(200)).body[0].publicKey, 'base64');
});
afterAll(() => ledger.close());

const donate = async (overrides: Record<string, unknown>) => {
  const response = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody(overrides));
  expectStatus(response, 201);
  return response.body as { donationId: string; position: number };
};

describe('the proof of a donation the fund took back', () => {
  it('says it was reversed, when and where the reversal is in the log, and the reversal is provable too', async () => {
    const kept = await donate({ reference: 'FT-KEPT', amount: '500000' });
    const gift = await donate({ reference: 'FT-REV', amount: '888000' });
    const reversal = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: gift.donationId, reason: 'Ghi trùng: Lê Văn B gọi 0909123456' });
    expectStatus(reversal, 201);
    await ledger.app.get(LogTree).signNow();

    // The search no longer shows it...
    expect((await ledger.http().get(`/v1/public/funds/${FUND}/donations?reference=ft-rev`).expect(200)).body.items).toEqual([]);
    // ...and the proof its receipt links to says why, not only that it was once recorded.
    const proof = await ledger.http().get(`/v1/public/funds/${FUND}/donations/${gift.donationId}/proof`).expect(200);
    expect(proof.body.reversal).toEqual({ reversalId: reversal.body.reversalId, reversedAt: expect.any(String), position: reversal.body.position });
    // The staff's reason may name people: it is not published.
    expect(JSON.stringify(proof.body)).not.toMatch(/0909123456|Ghi trùng/u);
    expect(verifyEventInclusion(proof.body.eventHash, proof.body.proof, proof.body.checkpoint, publicKeyRaw, ORIGIN).valid).toBe(true);
    // The reversal's own event is in the same signed tree.
    const reversalProof = await ledger.http().get(`/v1/public/proofs/inclusion?position=${proof.body.reversal.position}&treeSize=${proof.body.checkpoint.treeSize}`).expect(200);
    expect(reversalProof.body.leafIndex).toBeLessThan(proof.body.checkpoint.treeSize);

    const standing = await ledger.http().get(`/v1/public/funds/${FUND}/donations/${kept.donationId}/proof`).expect(200);
    expect(standing.body.reversal).toBeNull();
  });
});

describe('what a cache between the public and the ledger may keep', () => {
  it('every public answer is revalidated: no proxy serves an old search, list or checkpoint to a donor looking for a transfer just made', async () => {
    await donate({ reference: 'FT-CACHE', amount: '123000' });
    await ledger.app.get(LogTree).signNow();
    for (const path of [
      `/v1/public/funds/${FUND}`, `/v1/public/funds/${FUND}/donations?reference=FT-CACHE`, `/v1/public/funds/${FUND}/publications`,
      `/v1/public/funds/${FUND}/campaigns`, `/v1/public/funds/${FUND}/daily`, `/v1/public/funds/${FUND}/reports/disclosure?format=csv`,
      '/v1/public/checkpoint', '/v1/public/keys', '/v1/public/proofs/consistency?from=1', `/v1/public/funds/${FUND}/donations?limit=0`,
    ]) {
      const response = await ledger.http().get(path);
      expect({ path, status: response.status < 500, cacheControl: response.headers['cache-control'] }).toEqual({ path, status: true, cacheControl: 'no-cache' });
    }
  });
});
