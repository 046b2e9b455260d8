import { verifyEventInclusion } from '../../src/proofs';
import { verifyCheckpointConsistency } from '../../src/proofs/proof-json';
import { reversalNote, type DonationProofAnswer, verifyDonationProof } from '../../web/src/public/verify-proof';
import { LogTree } from '../../src/transparency/log-tree';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { campaignBody, type Client, client, donationBody, expectError, expectStatus, openFund, validationFields } from './support/http-helpers';

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

    // The search still finds it, marked with its reversal's date (a correction is shown, never erased)...
    const after = `minPosition=${String(reversal.body.position)}`;
    expect((await ledger.http().get(`/v1/public/funds/${FUND}/donations?reference=ft-rev&${after}`).expect(200)).body.items)
      .toEqual([expect.objectContaining({ donationId: gift.donationId, reversedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) })]);
    // ...and the proof its receipt links to says why, not only that it was once recorded.
    const proof = await ledger.http().get(`/v1/public/funds/${FUND}/donations/${gift.donationId}/proof?${after}`).expect(200);
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

describe('the site\'s "Xác minh" of a donation the fund took back', () => {
  it('verifies the recording and says, beside it, that the gift was reversed and where', async () => {
    const gift = await donate({ reference: 'FT-REV-SITE', amount: '321000' });
    const reversal = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: gift.donationId, reason: 'Ghi nhầm quỹ' });
    expectStatus(reversal, 201);
    await ledger.app.get(LogTree).signNow();
    const answer = (await ledger.http().get(`/v1/public/funds/${FUND}/donations/${gift.donationId}/proof?minPosition=${String(reversal.body.position)}`).expect(200)).body as DonationProofAnswer;
    expect(await verifyDonationProof(answer, { publicKey: publicKeyRaw.toString('base64') }, ORIGIN)).toMatchObject({ ok: true });
    const note = reversalNote(answer);
    expect(note).toContain('Lưu ý: quỹ đã đảo (hủy) khoản ủng hộ này ngày ');
    expect(note).toContain(`bút toán đảo ở vị trí ${String(reversal.body.position)}`);
    const kept = await donate({ reference: 'FT-KEPT-SITE', amount: '123000' });
    await ledger.app.get(LogTree).signNow();
    expect(reversalNote((await ledger.http().get(`/v1/public/funds/${FUND}/donations/${kept.donationId}/proof?minPosition=${String(kept.position)}`).expect(200)).body)).toBe('');
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

describe('the checkpoints publications name, signed, for anyone to check', () => {
  const annual = (year: number) => ({ kind: 'annual-contributions', period: String(year), channel: 'website', url: 'https://quy.example.vn/cong-khai', publishedAt: `${year + 1}-03-01`, contentSha256: 'cd'.repeat(32) });

  it('gives the signed checkpoint of a publication\'s tree size, so the log\'s growth between two publications is checked with the key alone', async () => {
    const first = await accountant.post(`/v1/funds/${FUND}/publications`, annual(2023));
    expectStatus(first, 201);
    const gift = await donate({ reference: 'FT-BETWEEN', amount: '654000' });
    const second = await accountant.post(`/v1/funds/${FUND}/publications`, annual(2024));
    expectStatus(second, 201);
    const listed = (await ledger.http().get(`/v1/public/funds/${FUND}/publications`).expect(200)).body.publications as Array<{ checkpoint: { treeSize: number; rootHash: string; timestamp: string } }>;
    const [older, newer] = listed.slice(-2).map((publication) => publication.checkpoint);

    const olderSigned = (await ledger.http().get(`/v1/public/checkpoint?treeSize=${older.treeSize}`).expect(200)).body;
    const newerSigned = (await ledger.http().get(`/v1/public/checkpoint?treeSize=${newer.treeSize}`).expect(200)).body;
    expect(olderSigned).toMatchObject(older);
    expect(newerSigned).toMatchObject(newer);
    const consistency = (await ledger.http().get(`/v1/public/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`).expect(200)).body;
    expect(verifyCheckpointConsistency(olderSigned, newerSigned, consistency, publicKeyRaw, ORIGIN)).toEqual({ valid: true });

    // The gift between them is in the newer tree, not the older: its proof fails against the checkpoint signed before it.
    const proof = (await ledger.http().get(`/v1/public/funds/${FUND}/donations/${gift.donationId}/proof?minPosition=${String(gift.position)}`).expect(200)).body;
    expect(verifyEventInclusion(proof.eventHash, proof.proof, newerSigned, publicKeyRaw, ORIGIN).valid).toBe(true);
    expect(verifyEventInclusion(proof.eventHash, proof.proof, olderSigned, publicKeyRaw, ORIGIN)).toEqual({ valid: false, failed: 'proof', reason: 'TREE_SIZE_NOT_THE_CHECKPOINTS' });
    expect(verifyEventInclusion(proof.eventHash, { ...proof.proof, treeSize: older.treeSize }, olderSigned, publicKeyRaw, ORIGIN)).toMatchObject({ valid: false, failed: 'path', reason: 'INDEX_OUT_OF_RANGE' });
    expectError(await ledger.http().get(`/v1/public/proofs/inclusion?position=${gift.position}&treeSize=${older.treeSize}`), 422, 'TREE_SIZE_UNKNOWN');

    // A size no checkpoint was signed at is not found; a malformed one is 400 naming it.
    expectError(await ledger.http().get(`/v1/public/checkpoint?treeSize=${older.treeSize + 1}`), 404, 'NOT_FOUND');
    for (const bad of ['0', '-1', 'abc', '1.5']) expect(validationFields(await ledger.http().get(`/v1/public/checkpoint?treeSize=${bad}`))).toEqual(['treeSize']);
  });
});

describe('paging the public search while donations arrive', () => {
  const person = (name: string) => ({ name, kind: 'individual', publicName: null, taxCode: null, address: null, contact: null });
  const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T09:00:00+07:00`;

  it.each([
    ['every donation of the fund, by date', '', 'PG-ALL'],
    ['a name word', 'q=hoang', 'PG-W'],
    ['a pair of name words', `q=${encodeURIComponent('hoàng v')}`, 'PG-P'],
  ])('%s: each donation there before the first page is shown once, and none twice, whatever arrives between pages', async (_name, query, tag) => {
    const before: string[] = [];
    let lastBefore = 0;
    for (const [i, name] of ['Hoàng Văn Một', 'Hoàng Vũ Hai', 'Hoàng Văn Ba', 'Hoàng Việt Bốn'].entries()) {
      const gift = await donate({ reference: `${tag}-${i}`, amount: '10000', receivedAt: day(2 + i * 3), donor: person(name) });
      before.push(gift.donationId);
      lastBefore = gift.position;
    }
    const shown: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 60; page += 1) {
      const response = await ledger.http().get(`/v1/public/funds/${FUND}/donations?${query}${query ? '&' : ''}limit=1&minPosition=${lastBefore}${cursor === null ? '' : `&cursor=${cursor}`}`);
      expectStatus(response, 200);
      shown.push(...response.body.items.map((item: { donationId: string }) => item.donationId));
      cursor = response.body.nextCursor;
      if (cursor === null) break;
      if (page >= 3) continue;
      // Between the first pages: one gift dated before everything, one after, one whose name brings new words ("hoa", "va").
      await donate({ reference: `${tag}-early-${page}`, amount: '20000', receivedAt: day(1), donor: person('Hoàng Văn Sớm') });
      await donate({ reference: `${tag}-late-${page}`, amount: '20000', receivedAt: day(28), donor: person('Hoàng Vân Muộn') });
      if (page === 0) await donate({ reference: `${tag}-new-${page}`, amount: '20000', receivedAt: day(15), donor: person('Hoa Va') });
    }
    expect(cursor).toBeNull();
    expect(new Set(shown).size).toBe(shown.length);
    for (const id of before) expect(shown).toContain(id);
  });
});

describe('a donor looking up a transfer made around midnight', () => {
  it('finds it under the day of its Vietnam receipt, not the UTC day, by date and amount; the reference in any case and spacing; the name in any case', async () => {
    const person = (name: string) => ({ name, kind: 'individual', publicName: null, taxCode: null, address: null, contact: null });
    const late = await donate({ reference: 'FT25319ABCD', amount: '2500000', receivedAt: '2025-11-15T23:30:00+07:00', donor: person('Đặng Thùy Dương') });
    // 17:30 UTC on the 15th is 00:30 on the 16th in Vietnam.
    const early = await donate({ reference: 'FT25320WXYZ', amount: '2500000', receivedAt: '2025-11-15T17:30:00Z', donor: person('Đặng Thùy Dương') });
    const ids = async (query: string) => (await ledger.http().get(`/v1/public/funds/${FUND}/donations?${query}&minPosition=${String(early.position)}`).expect(200)).body.items.map((d: { donationId: string }) => d.donationId);
    expect(await ids('date=2025-11-15&amount=2500000')).toEqual([late.donationId]);
    expect(await ids('date=2025-11-16&amount=2500000')).toEqual([early.donationId]);
    expect(await ids(`reference=${encodeURIComponent('  ft25319abcd ')}`)).toEqual([late.donationId]);
    expect(await ids(`q=${encodeURIComponent('ĐẶNG thùy DUONG')}&date=2025-11-16`)).toEqual([early.donationId]);
    expect(await ids(`q=${encodeURIComponent('dang thuy duong')}`)).toEqual([late.donationId, early.donationId]);
  });
});

describe('a deadline kept or missed by minutes around Vietnam midnight', () => {
  it('a receipts total published at 23:59 Vietnam time on its last day is on time, at 00:00 the next day late, however the instant is written', async () => {
    const ended = { kind: 'disaster', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-10-07T23:59:59+07:00' };
    for (const campaignId of ['lu-som', 'lu-muon']) expectStatus(await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId, ...ended })), 201);
    const publish = (campaignId: string, publishedAt: string) => accountant.post(`/v1/funds/${FUND}/publications`, {
      kind: 'campaign-receipts', campaignId, channel: 'posting', publishedAt, contentSha256: 'ef'.repeat(32),
    });
    // Due by 2024-10-22 (15 days after receiving ends): 16:59 UTC on the 22nd is 23:59 in Vietnam, 17:00 UTC is the 23rd.
    expectStatus(await publish('lu-som', '2024-10-22T16:59:00Z'), 201);
    expectStatus(await publish('lu-muon', '2024-10-22T17:00:00Z'), 201);
    const obligations = (await accountant.get(`/v1/funds/${FUND}/obligations?year=2024`).expect(200)).body.obligations as Array<{ kind: string; campaignId: string; dueBy: string; status: string }>;
    const receiptsOf = (campaignId: string) => obligations.find((o) => o.kind === 'campaign-receipts' && o.campaignId === campaignId);
    expect(receiptsOf('lu-som')).toMatchObject({ dueBy: '2024-10-22', status: 'met' });
    expect(receiptsOf('lu-muon')).toMatchObject({ dueBy: '2024-10-22', status: 'met_late' });
    // Judged on the 22nd, the later one was not published yet: still due, not overdue; on the 23rd, overdue.
    const on = async (day: string) => ((await accountant.get(`/v1/funds/${FUND}/obligations?year=2024&asOf=${day}`).expect(200)).body.obligations as typeof obligations)
      .find((o) => o.kind === 'campaign-receipts' && o.campaignId === 'lu-muon')?.status;
    expect(await on('2024-10-22')).toBe('due');
    expect(await on('2024-10-23')).toBe('met_late');
    const listed = (await ledger.http().get(`/v1/public/funds/${FUND}/publications`).expect(200)).body.publications as Array<{ campaignId: string; deadline: unknown }>;
    expect(listed.find((p) => p.campaignId === 'lu-som')?.deadline).toEqual({ dueBy: '2024-10-22', onTime: true });
    expect(listed.find((p) => p.campaignId === 'lu-muon')?.deadline).toEqual({ dueBy: '2024-10-22', onTime: false });
  });
});
