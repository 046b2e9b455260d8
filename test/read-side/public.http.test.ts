import './esm-interop';
import Database from 'better-sqlite3';
import { DonationRegisterProjection } from '../../projections/donation-register.projection';
import { tableDdl } from '../../src/projection-runner/table-projection-runner';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { nameTokens } from '../../projections/table-projection';
import {
  candidateDrivers, nameWordTokens, publicCursorKeys, publicDonationQuery, type PublicDonationFilters, type PublicDriver,
} from '../../src/read-side/public-queries';
import { ReadModels } from '../../src/read-side/read-models';
import { registerRows } from '../../src/read-side/sql/register-rows';
import { planProblems, publicSearchPlans, usesIndexes } from './query-plans';
import { FUND, type History, writeHistory, YEAR } from './scripted-history';

let ledger: TestLedger;
let history: History;

beforeAll(async () => {
  ledger = await startTestLedger();
  history = await writeHistory(ledger);
});
afterAll(async () => ledger?.close());

/** No token at all: these routes are public. */
const get = (path: string) => ledger.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${history.lastPosition}`);
const PRIVATE_TEXTS = ['0909123456', '0312345678', '12 Lê Lợi', 'lienhe@donga.vn', 'bimat@example.vn', 'Lê Bí Mật', 'Nguyễn Văn An'];

describe('public transparency', () => {
  it('gives fund totals without a token', async () => {
    const response = await get(`/v1/public/funds/${FUND}`);
    expect(response.status).toBe(200);
    // Cash: 5,000,000 + 1,500,000 + 2,000,000 + 2,512,500 + 500,000 + 700,000 − 700,000 + 300,000 = 11,812,500.
    // Out: 1,000,000 + 100,000 paid, 800,000 spent in an emergency; 400,000 held; 500,000 outstanding.
    expect(response.body).toMatchObject({
      fundId: FUND, name: 'Quỹ hoạt động Chữ thập đỏ huyện Đức Phổ', currency: 'VND',
      received: '11812500', disbursed: '1900000', held: '400000', outstandingEmergency: '500000', available: '9012500', inKindReceived: '3000000',
    });
    expect((await get('/v1/public/funds/khong-co')).status).toBe(404);
  });

  it('lists donations with the names donors chose, anonymous as "Ẩn danh", a reversed one listed, marked with its reversal\'s date, without its name', async () => {
    const response = await get(`/v1/public/funds/${FUND}/donations`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((d: { reference: string; donorName: string; reversedAt: string | null }) => [d.reference, d.donorName, d.reversedAt !== null])).toEqual([
      ['FT000', 'Phạm Minh Tuấn', false], ['FT001', 'Nguyễn V. A.', false], ['FT002', 'Công ty TNHH Đông Á', false], ['FT003', 'Trần Thị Bích', false],
      ['FT004', 'Ẩn danh', false], ['PN005', 'Hợp tác xã Tân Phú', false], ['FT006', '—', true], ['FT007', 'Nguyễn V. A.', false],
    ]);
    const reversed = response.body.items.find((d: { reference: string }) => d.reference === 'FT006');
    expect(reversed.reversedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(reversed.purpose).toBeNull();
    // Found by its reference (and amount, date), as the donor would look for it, never by a name: its reversal may have corrected that name.
    expect((await get(`/v1/public/funds/${FUND}/donations?reference=FT006`)).body.items.map((d: { reversedAt: string | null }) => d.reversedAt !== null)).toEqual([true]);
    expect((await get(`/v1/public/funds/${FUND}/donations?q=nguyen%20v`)).body.items.map((d: { reference: string }) => d.reference)).toEqual(['FT001', 'FT007']);
  });

  it('never leaks contact, tax code, address or an anonymous donor\'s name, whatever is asked', async () => {
    const queries = ['', '?q=bi%20mat', '?q=le', '?reference=FT004', '?amount=500000', '?q=nguyen', `?date=${YEAR - 1}-12-15`, '?q=dong'];
    for (const query of queries) {
      const response = await get(`/v1/public/funds/${FUND}/donations${query}`);
      expect(response.status).toBe(200);
      const text = JSON.stringify(response.body);
      for (const secret of PRIVATE_TEXTS) expect({ query, leaked: text.includes(secret) ? secret : null }).toEqual({ query, leaked: null });
      for (const item of response.body.items) {
        expect(Object.keys(item).sort()).toEqual([
          'amount', 'amountVnd', 'campaignId', 'channel', 'currency', 'donationId', 'donorName', 'inKind', 'position', 'purpose', 'receiptNo', 'receivedAt', 'reference', 'reversedAt',
        ]);
      }
    }
    const anonymousByName = await get(`/v1/public/funds/${FUND}/donations?q=bi%20mat`);
    expect(anonymousByName.body.items).toEqual([]);
  });

  it('finds a transfer by reference, amount, date and a name fragment with or without diacritics', async () => {
    const refs = async (query: string) => (await get(`/v1/public/funds/${FUND}/donations?${query}`)).body.items.map((d: { reference: string }) => d.reference);
    expect(await refs('reference=ft002')).toEqual(['FT002']);
    expect(await refs('amount=2512500')).toEqual(['FT003']);
    expect(await refs(`date=${YEAR - 1}-12-15`)).toEqual(['FT000']);
    // FT006, reversed, is found by its reference only, never by a name.
    expect(await refs('q=nguyen%20v')).toEqual(['FT001', 'FT007']);
    expect(await refs(`q=${encodeURIComponent('Nguyễn V. A.')}`)).toEqual(['FT001', 'FT007']);
    expect(await refs('q=dong%20a&amount=2000000')).toEqual(['FT002']);
    expect(await refs(`q=${encodeURIComponent('đông á')}`)).toEqual(['FT002']);
    expect(await refs('q=tra')).toEqual(['FT003']);
    // The donor's own name is not what they chose to publish: it does not find them.
    expect(await refs('q=nguyen%20van%20an')).toEqual([]);
  });

  it('refuses a date that is no calendar day naming the date parameter, in the visitor\'s language', async () => {
    for (const date of ['2024-02-30', '2024-13-01', '15-12-2024']) {
      const response = await get(`/v1/public/funds/${FUND}/donations?date=${date}`).set('Accept-Language', 'vi');
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields).toEqual([{ field: 'date', reason: 'must be a date YYYY-MM-DD' }]);
      expect(response.body.error.message).toContain('date: phải là ngày dạng YYYY-MM-DD');
    }
  });

  it('finds a donor by two words whichever two, in any order, one of them a long name\'s', async () => {
    const refs = async (query: string) => (await get(`/v1/public/funds/${FUND}/donations?${query}`)).body.items.map((d: { reference: string }) => d.reference);
    expect(await refs('q=a%20nguyen')).toEqual(['FT001', 'FT007']);
    expect(await refs('q=v%20a')).toEqual(['FT001', 'FT007']);
    // Five words: too long for pairs, found by each word's own row and a check of the other.
    expect(await refs('q=tnhh%20a')).toEqual(['FT002']);
    expect(await refs(`q=${encodeURIComponent('Công ty TNHH Đông Á')}`)).toEqual(['FT002']);
    expect(await refs('q=tran%20nguyen')).toEqual([]);
    expect(await refs('q=thi%20bich%20tran')).toEqual(['FT003']);
  });

  it('pages a two-word search with a cursor that visits each donation once', async () => {
    const first = await get(`/v1/public/funds/${FUND}/donations?q=nguyen%20v&limit=1`);
    expect(first.body.items).toHaveLength(1);
    const seen: string[] = [first.body.items[0].reference];
    for (let cursor = first.body.nextCursor; cursor !== null;) {
      const next = await get(`/v1/public/funds/${FUND}/donations?q=nguyen%20v&limit=1&cursor=${cursor}`);
      seen.push(...next.body.items.map((d: { reference: string }) => d.reference));
      cursor = next.body.nextCursor;
    }
    expect(seen).toEqual(['FT001', 'FT007']);
    // The same pair, named by the query in the other order, continues; a search without one of its words refuses it.
    expect((await get(`/v1/public/funds/${FUND}/donations?q=v%20nguyen&limit=1&cursor=${first.body.nextCursor}`)).status).toBe(200);
    expect((await get(`/v1/public/funds/${FUND}/donations?q=nguyen&limit=1&cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('pages a name search with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await get(`/v1/public/funds/${FUND}/donations?q=nguyen&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items).toHaveLength(1);
      seen.push(page.body.items[0].reference);
      cursor = page.body.nextCursor;
    }
    // Each once, page by page.
    expect([...seen].sort()).toEqual(['FT001', 'FT007']);
  });
});

describe('public search query plans', () => {
  const db = new Database(':memory:');
  for (const table of DonationRegisterProjection.tables) for (const statement of tableDdl(table)) db.exec(statement);

  it.each([
    ['name', { nameWords: ['nguyen', 'v'] }],
    ['two common words', { nameWords: ['thi', 'van'] }],
    ['three words', { nameWords: ['nguyen', 'van', 'an'] }],
    ['three words and a date', { nameWords: ['tran', 'thi', 'b'], fromMs: 1, toMs: 2 }],
    ['two words and an amount', { nameWords: ['le', 'van'], amountVnd: 1500000n }],
    ['name and amount', { nameWords: ['tran'], amountVnd: 1500000n }],
    ['name and date', { nameWords: ['le', 'van'], fromMs: 1, toMs: 2 }],
    ['reference', { nameWords: [], reference: 'FT001' }],
    ['reference and name', { nameWords: ['an'], reference: 'FT001' }],
    ['amount', { nameWords: [], amountVnd: 1500000n }],
    ['amount and date', { nameWords: [], amountVnd: 1500000n, fromMs: 1, toMs: 2 }],
    ['date', { nameWords: [], fromMs: 1, toMs: 2 }],
    ['nothing', { nameWords: [] }],
  ])('a search by %s walks an index whichever driver it takes, never a table scan or a sort', (_name, filters) => {
    const searched = publicSearchPlans(db, { fundId: FUND, limit: 100, ...filters });
    for (const plans of searched) {
      for (const plan of [plans.count, plans.firstPage, plans.nextPage]) {
        expect({ driver: plans.driver, plan, problems: planProblems(plan) }).toEqual({ driver: plans.driver, plan, problems: [] });
        expect(usesIndexes(plan)).toBe(true);
      }
    }
    // Every search of two or more words can walk a pair of them: those plans are checked above.
    if (filters.nameWords.length >= 2) expect(searched.some((plans) => plans.driver.startsWith('pair:'))).toBe(true);
  });
});

describe('public search candidates', () => {
  it('a query of many words counts at most 6 pairs, of its longest words', () => {
    const nameWords = nameTokens('an binh cuong dung giang hai hanh hieu hoa hung huong khanh');
    const wordTokens = Object.fromEntries(nameWords.map((word) => [word, [word]]));
    const pairs = candidateDrivers({ fundId: FUND, nameWords, limit: 100, wordTokens }).filter((driver) => driver.kind === 'pair');
    expect(pairs).toHaveLength(6);
    expect(new Set(pairs.flatMap((driver) => (driver.kind === 'pair' ? driver.words : [])))).toEqual(new Set(['khanh', 'cuong', 'giang', 'huong']));
  });
});

describe('public search drivers', () => {
  const registerDb = () => ledger.app.get(ReadModels).db;
  const receipts = (filters: PublicDonationFilters, driver: PublicDriver): string[] => {
    const db = registerDb();
    const found = new Set<string>();
    let cursor: (string | number)[] | undefined;
    for (let page = 0; page < 50; page += 1) {
      const built = publicDonationQuery({ ...filters, limit: 2 }, driver, cursor);
      const rows = registerRows<{ receipt_no: string; token: string; other: string; received_at_ms: number; position: number }>(db, built.sql, built.params);
      for (const row of rows.slice(0, 2)) found.add(row.receipt_no);
      if (rows.length <= 2) break;
      cursor = publicCursorKeys(driver, rows[1]);
    }
    return [...found].sort();
  };

  it.each([
    ['nguyen'], ['nguyen v'], ['ng'], ['dong a'], ['tran thi'], ['a'], ['a nguyen v'], ['cong ty tnhh dong a'], ['t b'], ['hop tac tan'],
  ])('q=%s finds the same donations whichever index drives the search', (q) => {
    const base = { fundId: FUND, nameWords: nameTokens(q), limit: 2, wordTokens: nameWordTokens(registerDb(), FUND, nameTokens(q)) };
    if (base.nameWords.length >= 2) expect(candidateDrivers(base).some((driver) => driver.kind === 'pair')).toBe(true);
    for (const extra of [{}, { amountVnd: 300000n }, { reference: 'FT001' }, { fromMs: Date.now() - 86400_000 * 2, toMs: Date.now() }]) {
      const filters = { ...base, ...extra };
      const answers = candidateDrivers(filters).map((driver) => receipts(filters, driver));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      if (Object.keys(extra).length === 0) expect(answers[0].length).toBeGreaterThan(0);
    }
  });

  it('refuses a cursor of another search', async () => {
    const byName = await get(`/v1/public/funds/${FUND}/donations?q=nguyen&limit=1`);
    expect(byName.body.nextCursor).not.toBeNull();
    const elsewhere = await get(`/v1/public/funds/${FUND}/donations?q=tran&limit=1&cursor=${byName.body.nextCursor}`);
    expect(elsewhere.status).toBe(400);
    const byDate = await get(`/v1/public/funds/${FUND}/donations?limit=1`);
    const fine = await get(`/v1/public/funds/${FUND}/donations?q=nguyen&limit=1&cursor=${byDate.body.nextCursor}`);
    expect(fine.status).toBe(200);
    expect((await get(`/v1/public/funds/${FUND}/donations?cursor=bm90LWEtY3Vyc29y`)).status).toBe(400);
  });
});
