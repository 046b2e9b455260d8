/**
 * The running balance of a statement as the importer checks it (api-v2.md "Bank statements"):
 * each printed balance is the previous one + credit − debit, and the closing balance the last;
 * the statement's closing balance is the balance it ends on.
 */
import { readStatement, scratchFolder } from './support/statements';

const scratch = scratchFolder();
afterAll(() => scratch.remove());

/** Reads a statement's rows, money and balances, as the importer does. */
async function check(name: string, lines: readonly string[]) {
  const { rows, facts, days } = await readStatement(scratch.file(name, lines.join('\n')), { scratchDir: scratch.dir });
  return { kinds: rows.map((row) => `${row.line}:${row.kind}`), facts, days };
}

describe('a closing balance printed above the header', () => {
  const preamble = ['Số tài khoản: 0011001932418', 'Số dư đầu kỳ: 1.000.000', 'Số dư cuối kỳ: 1.300.000'];

  it('without a balance column: a missing last line breaks at the closing balance', async () => {
    const header = 'Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Nội dung';
    const whole = await check('stated-whole.csv', [...preamble, header, '01/09/2024,,100.000,a', '02/09/2024,,200.000,b']);
    expect(whole.facts.balanceCheck).toEqual({ ok: true, checkedLines: 1 });
    expect(whole.facts.closingBalance).toBe('1300000');
    const cut = await check('stated-cut.csv', [...preamble, header, '01/09/2024,,100.000,a']);
    expect(cut.facts.balanceCheck).toEqual({ ok: false, checkedLines: 1, firstBreakLine: 3, expected: '1100000', printed: '1300000' });
  });

  it('with a balance column: a missing last line breaks at the closing balance', async () => {
    const header = 'Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung';
    const cut = await check('stated-balance-cut.csv', [...preamble, header, '01/09/2024,,100.000,1.100.000,a', '02/09/2024,,100.000,1.200.000,b']);
    expect(cut.facts.balanceCheck).toEqual({ ok: false, checkedLines: 3, firstBreakLine: 3, expected: '1200000', printed: '1300000' });
    const whole = await check('stated-balance-whole.csv', [
      ...preamble, header, '01/09/2024,,100.000,1.100.000,a', '02/09/2024,,100.000,1.200.000,b', '03/09/2024,,100.000,1.300.000,c',
    ]);
    expect(whole.facts.balanceCheck).toEqual({ ok: true, checkedLines: 4 });
  });
});

describe('a balance printed at the end of each day', () => {
  it('is no closing balance when the statement goes on: the balance after its last line is', async () => {
    const { kinds, facts } = await check('end-of-day.csv', [
      'Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung',
      '01/09/2024,,100.000,,a',
      '01/09/2024,,100.000,1.200.000,b',
      ',,,1.200.000,Số dư cuối ngày',
      '02/09/2024,,100.000,1.300.000,c',
    ]);
    expect(kinds).toEqual(['2:credit', '3:credit', '4:skipped', '5:credit']);
    expect(facts).toMatchObject({ openingBalance: '1000000', closingBalance: '1300000', balanceCheck: { ok: true } });
  });
});

describe('a statement printed newest first', () => {
  const header = 'Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung';
  const sound = [
    'Số dư đầu kỳ: 1.000.000',
    header,
    '03/09/2024,,100.000,1.300.000,c',
    '02/09/2024,50.000,,1.200.000,b',
    '02/09/2024,,100.000,,b2',
    '01/09/2024,,150.000,1.150.000,a',
  ];

  it('adds up read from its last line: opening and closing balances, each day closed by its newest line', async () => {
    const { facts, days } = await check('newest-first.csv', sound);
    expect(facts).toMatchObject({ from: '2024-09-01', to: '2024-09-03', openingBalance: '1000000', closingBalance: '1300000', balanceCheck: { ok: true, checkedLines: 3 } });
    expect(days.map((day) => [day.day, day.closingBalance])).toEqual([['2024-09-01', '1150000'], ['2024-09-02', '1200000'], ['2024-09-03', '1300000']]);
  });

  it('with a line missing, breaks at the first balance that no longer adds up', async () => {
    const cut = await check('newest-first-cut.csv', sound.filter((line) => !line.endsWith(',b2')));
    // Line 4 no longer adds up: the line below it (1.150.000) − its debit (50.000) is 1.100.000, not the 1.200.000 printed.
    expect(cut.facts.balanceCheck).toMatchObject({ ok: false, firstBreakLine: 4, expected: '1100000', printed: '1200000' });
  });

  it('with its opening balance altered, breaks at the opening balance', async () => {
    const altered = await check('newest-first-opening.csv', ['Số dư đầu kỳ: 900.000', ...sound.slice(1)]);
    expect(altered.facts.balanceCheck).toMatchObject({ ok: false, firstBreakLine: 1, expected: '1000000', printed: '900000' });
  });
});

describe('opening and closing balance lines dated, their label in the memo column', () => {
  it('are balances, no rejected lines: the opening starts the sum and the closing ends it', async () => {
    const lines = [
      'Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung',
      '01/09/2024,,,1.000.000,Số dư đầu kỳ',
      '01/09/2024,,100.000,1.100.000,a',
      '02/09/2024,,100.000,1.200.000,b',
      '02/09/2024,,,1.200.000,Số dư cuối kỳ',
    ];
    const { kinds, facts } = await check('dated-balances.csv', lines);
    expect(kinds).toEqual(['2:skipped', '3:credit', '4:credit', '5:skipped']);
    expect(facts).toMatchObject({ lines: 2, openingBalance: '1000000', closingBalance: '1200000', balanceCheck: { ok: true, checkedLines: 3 } });
    const altered = await check('dated-balances-altered.csv', lines.map((line) => line.replace('01/09/2024,,,1.000.000', '01/09/2024,,,900.000')));
    expect(altered.facts.balanceCheck).toMatchObject({ ok: false, firstBreakLine: 3, expected: '1000000', printed: '1100000' });
  });
});
