import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parsePublicAmount, parsePublicDate, searchQuery } from '../../web/src/public/search-input';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { ensureWebBuilt, WEB } from './support/web-harness';

/** The JavaScript files the public page loads at first: its entry and what it preloads. */
function publicScripts(): string[] {
  const html = readFileSync(join(WEB, 'dist', 'cong-khai.html'), 'utf8');
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]);
}

/** Issue 15: the public site is light enough for a cheap phone, and served without sign-in. */
describe('public site: build', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
  });

  it('loads at most 100 KB of JavaScript gzipped, and none of the staff app\'s React', () => {
    const scripts = publicScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const sources = scripts.map((file) => readFileSync(join(WEB, 'dist', file)));
    const gzipped = sources.reduce((sum, source) => sum + gzipSync(source).length, 0);
    process.stdout.write(`public site: ${scripts.length} scripts, ${gzipped} bytes of JavaScript gzipped\n`);
    expect(gzipped).toBeLessThanOrEqual(100 * 1024);
    const staffEntry = /src="\/(assets\/[^"]+\.js)"/.exec(readFileSync(join(WEB, 'dist', 'index.html'), 'utf8'))?.[1];
    expect(scripts).not.toContain(staffEntry);
    for (const source of sources) expect(source.toString('utf8')).not.toMatch(/react\.transitional\.element|__REACT_DEVTOOLS_GLOBAL_HOOK__/);
  });
});

describe('public site: served by the ledger at /cong-khai/:fundId', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    await ensureWebBuilt();
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('answers its own page without a token, never the staff app, and 404 under it', async () => {
    const page = await ledger.http().get('/cong-khai/ctd-quan-1').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="vi">');
    expect(page.text).toContain('id="noi-dung"');
    expect(page.text).not.toContain('<div id="root"></div>');
    for (const file of publicScripts()) await ledger.http().get(`/${file}`).expect(200);
    await ledger.http().get('/cong-khai/ctd-quan-1/khac').expect(404);
    expect((await ledger.http().get('/').expect(200)).text).toContain('<div id="root"></div>');
  });
});

describe('public site: the search reads what donors type', () => {
  it('reads amounts written with dots, plain, or in words (tr, triệu, k, nghìn)', () => {
    const cases: [string, string | null][] = [
      ['3.000.000', '3000000'], ['3000000', '3000000'], ['3tr', '3000000'], ['3 tr', '3000000'], ['3 triệu', '3000000'], ['3,5tr', '3500000'],
      ['500k', '500000'], ['500 nghìn', '500000'], ['1,2 tỷ', '1200000000'], ['3.000.000 đ', '3000000'], ['3.000.000₫', '3000000'], ['2 TR', '2000000'],
      ['abc', null], ['0', null], ['3,5', null], ['3xyz', null], ['', null], ['-3000000', null], ['1,2345k', null],
      // As a bank's app prints the transfer: whole dong with commas between thousands.
      ['50,000', '50000'], ['50,000 VND', '50000'], ['1,500,000 đ', '1500000'],
    ];
    expect(cases.map(([typed]) => [typed, parsePublicAmount(typed)])).toEqual(cases);
  });

  it('reads dates as dd/mm/yyyy (or d-m-yyyy, d.m.yyyy, yyyy-mm-dd); refuses days that do not exist', () => {
    expect(parsePublicDate('15/05/2024')).toBe('2024-05-15');
    expect(parsePublicDate('15-5-2024')).toBe('2024-05-15');
    expect(parsePublicDate('15.05.2024')).toBe('2024-05-15');
    expect(parsePublicDate('2024-05-15')).toBe('2024-05-15');
    expect(parsePublicDate('31/02/2024')).toBeNull();
    expect(parsePublicDate('05/15/2024')).toBeNull();
    expect(parsePublicDate('hôm qua')).toBeNull();
  });

  it('builds the lookup\'s query, or says what is wrong field by field', () => {
    const query = searchQuery({ name: ' Nguyễn Văn ', amount: '3.000.000', date: '15/05/2024', reference: ' FT24136 ' });
    expect(query.ok && Object.fromEntries(query.params)).toEqual({ q: 'Nguyễn Văn', amount: '3000000', date: '2024-05-15', reference: 'FT24136' });
    expect(searchQuery({ name: '', amount: '3 trieu', date: '', reference: '' })).toMatchObject({ ok: true });
    const wrong = searchQuery({ name: '!!', amount: 'ba triệu', date: '32/01/2024', reference: '' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && Object.keys(wrong.problems).sort()).toEqual(['amount', 'date', 'name']);
    expect(searchQuery({ name: ' ', amount: '', date: '', reference: '' })).toMatchObject({ ok: false, problems: { form: expect.stringContaining('ít nhất một') } });
  });
});
