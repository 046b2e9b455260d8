import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { type Client, client, donationBody, expectStatus, openFund } from '../http/support/http-helpers';

/**
 * Paging the public donation search one row at a time: a word may begin two words of one name
 * ("ng" begins both "ngân" and "nga"), so the index walked holds that donation once per word, and
 * a page must still show every donation once, whichever page the walk reaches it on.
 */
const FUND = 'quy-trang-cong-khai';
let ledger: TestLedger;
let accountant: Client;
let lastPosition = 0;

const NAMES = ['Ngô Ngân Nga', 'Nguyễn Ngọc Ánh', 'Trần Văn Nam', 'Công ty TNHH Nông sản An Ngãi'];
/**
 * Words whose order differs between JavaScript strings (UTF-16 units) and SQLite text (UTF-8
 * bytes): a full-width letter (U+FF41) sorts after a Nôm character of CJK Extension B (U+20000) in
 * UTF-16, before it in UTF-8.
 */
const WIDE_NAMES = ['Lý K\u{20000}', 'Lý K\uFF41'];

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
  await openFund(ledger, FUND);
  for (const [i, name] of [...NAMES, ...WIDE_NAMES].entries()) {
    const response = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
      reference: `FT${i}`, donor: { name, kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
    }));
    expectStatus(response, 201);
    lastPosition = response.body.position;
  }
});
afterAll(() => ledger.close());

/** Every page of a search, `limit` rows a page: the names shown, in order, and how many pages. */
async function allPages(q: string, limit: number): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= 20; pages += 1) {
    const response = await ledger.http()
      .get(`/v1/public/funds/${FUND}/donations?q=${encodeURIComponent(q)}&limit=${limit}&minPosition=${lastPosition}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expectStatus(response, 200);
    names.push(...response.body.items.map((item: { donorName: string }) => item.donorName));
    cursor = response.body.nextCursor;
    if (cursor === null) return { names, pages };
  }
  throw new Error(`the search "${q}" did not end in 20 pages`);
}

describe('public search pages', () => {
  it.each([
    // One word walked token by token: "ng" begins ngo, ngan, nga, nguyen, ngoc, ngai.
    ['ng', ['Ngô Ngân Nga', 'Nguyễn Ngọc Ánh', 'Công ty TNHH Nông sản An Ngãi']],
    ['n', NAMES],
    ['k', WIDE_NAMES],
    // Two words walked as a pair: "ng" and "a" pair up twice in "Nguyễn Ngọc Ánh".
    ['ng a', ['Nguyễn Ngọc Ánh', 'Công ty TNHH Nông sản An Ngãi']],
    ['a ng', ['Nguyễn Ngọc Ánh', 'Công ty TNHH Nông sản An Ngãi']],
  ])('q=%s shows each donation once over all its pages, as one page of all of them does', async (q, expected) => {
    const whole = await allPages(q, 100);
    expect(whole.pages).toBe(1);
    expect([...whole.names].sort()).toEqual([...expected].sort());
    for (const limit of [1, 2]) {
      const paged = await allPages(q, limit);
      expect({ limit, names: paged.names }).toEqual({ limit, names: whole.names });
    }
  });
});
