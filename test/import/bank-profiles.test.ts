/**
 * The statements of the main Vietnamese banks, as each exports them (hand-made samples in
 * fixtures/banks, anonymised): each is recognised by its headings and the bank's name above them,
 * its account, period and balances are read, every line sorts into a donation, interest, a fee,
 * a line left for review, or a total, and its running balance adds up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { OccurrenceCounter } from '../../src/import/row-identity';
import { openStatement } from '../../src/import/statement-reader';
import { StatementInterpreter, type StatementRow, UnknownLayoutError, classifyCredit, classifyDebit } from '../../src/import/statement-rows';
import { normaliseMemo } from '../../src/import/statement-values';
import { scratchFolder } from './support/statements';

const FIXTURES = join(__dirname, 'fixtures', 'banks');
const scratch = scratchFolder('ctd-banks-');
afterAll(() => scratch.remove());

async function read(path: string, bankAccount: string | null = null) {
  const occurrences = new OccurrenceCounter(tmpdir());
  const interpreter = new StatementInterpreter({ profile: null, bankAccount, occurrences });
  const source = openStatement(path);
  const rows: StatementRow[] = [];
  try {
    for await (const record of source.records) {
      const row = interpreter.interpret(record);
      if (row) rows.push(row);
    }
    interpreter.finish();
  } finally {
    source.close();
    occurrences.close();
  }
  return { rows, interpreter, layout: interpreter.layout!, facts: interpreter.facts() };
}

const kinds = (rows: StatementRow[]) => rows.map((row) => `${row.line}:${row.kind}${'amountVnd' in row ? `:${row.amountVnd}` : ''}`);

interface Expected {
  file: string;
  profile: string;
  account: string;
  from: string;
  to: string;
  opening: string;
  closing: string;
  rows: string[];
  checkedLines: number;
  unread?: string[];
}

const BANKS: Expected[] = [
  {
    file: 'vietcombank.csv', profile: 'vietcombank', account: '0011001932418', from: '2024-09-01', to: '2024-09-02', opening: '1000000000', closing: '996714340',
    rows: ['10:credit:500000', '11:credit:200000', '12:fee:11000', '13:credit:1000000', '15:unclassified:5000000', '16:interest:25340', '17:skipped', '18:skipped'],
    checkedLines: 4,
  },
  {
    file: 'vietcombank.xlsx', profile: 'vietcombank', account: '0011001932418', from: '2024-09-01', to: '2024-09-02', opening: '1000000000', closing: '996714340',
    // The spreadsheet has one row per line: the memo's line break is inside its cell.
    rows: ['10:credit:500000', '11:credit:200000', '12:fee:11000', '13:credit:1000000', '14:unclassified:5000000', '15:interest:25340', '16:skipped', '17:skipped'],
    checkedLines: 4,
  },
  {
    file: 'vietinbank.csv', profile: 'vietinbank', account: '113000012345', from: '2024-09-01', to: '2024-09-02', opening: '50000000', closing: '44428000',
    rows: ['7:credit:300000', '8:credit:150000', '9:fee:22000', '10:credit:2000000', '11:unclassified:8000000'],
    checkedLines: 4,
  },
  {
    file: 'vietinbank.xlsx', profile: 'vietinbank', account: '113000012345', from: '2024-09-01', to: '2024-09-02', opening: '50000000', closing: '44428000',
    rows: ['7:credit:300000', '8:credit:150000', '9:fee:22000', '10:credit:2000000', '11:unclassified:8000000'],
    checkedLines: 4,
  },
  {
    file: 'bidv.csv', profile: 'bidv', account: '12010000123456', from: '2024-09-01', to: '2024-09-02', opening: '50000000', closing: '51791200',
    rows: ['8:credit:200000', '9:credit:1500000', '10:fee:8800', '11:credit:100000'],
    checkedLines: 4,
  },
  {
    file: 'bidv.xlsx', profile: 'bidv', account: '12010000123456', from: '2024-09-01', to: '2024-09-02', opening: '50000000', closing: '51791200',
    rows: ['8:credit:200000', '9:credit:1500000', '10:fee:8800', '11:credit:100000'],
    checkedLines: 4,
  },
  {
    file: 'agribank.csv', profile: 'agribank', account: '1500201123456', from: '2024-09-01', to: '2024-09-02', opening: '12000000', closing: '15564500',
    rows: ['7:skipped', '8:credit:50000', '9:credit:20000', '10:fee:5500', '11:credit:3500000', '12:skipped', '13:skipped'],
    checkedLines: 5,
  },
  {
    file: 'agribank.xlsx', profile: 'agribank', account: '1500201123456', from: '2024-09-01', to: '2024-09-02', opening: '12000000', closing: '15564500',
    rows: ['7:skipped', '8:credit:50000', '9:credit:20000', '10:fee:5500', '11:credit:3500000', '12:skipped', '13:skipped'],
    checkedLines: 5,
  },
  {
    file: 'techcombank.csv', profile: 'techcombank', account: '19036123456789', from: '2024-09-01', to: '2024-09-02', opening: '20000000', closing: '21486710',
    rows: ['7:credit:500000', '8:credit:1000000', '9:fee:16500', '10:interest:3210'],
    checkedLines: 4, unread: ['NH Đối tác/Remitter Bank'],
  },
  {
    file: 'techcombank.xlsx', profile: 'techcombank', account: '19036123456789', from: '2024-09-01', to: '2024-09-02', opening: '20000000', closing: '21486710',
    rows: ['7:credit:500000', '8:credit:1000000', '9:fee:16500', '10:interest:3210'],
    checkedLines: 4, unread: ['NH Đối tác/Remitter Bank'],
  },
  {
    file: 'mb.csv', profile: 'mb', account: '0801234567890', from: '2024-09-01', to: '2024-09-02', opening: '3000000', closing: '2050000',
    rows: ['7:credit:200000', '8:credit:50000', '9:unclassified:1200000'],
    checkedLines: 2,
  },
  {
    file: 'mb.xlsx', profile: 'mb', account: '0801234567890', from: '2024-09-01', to: '2024-09-02', opening: '3000000', closing: '2050000',
    rows: ['7:credit:200000', '8:credit:50000', '9:unclassified:1200000'],
    checkedLines: 2,
  },
];

describe.each(BANKS)('$file', (bank) => {
  it('is recognised by its headings and bank name; account, period and balances are read; every line sorts out', async () => {
    const { rows, layout, facts, interpreter } = await read(join(FIXTURES, bank.file));
    expect(layout.profile.name).toBe(bank.profile);
    expect(kinds(rows)).toEqual(bank.rows);
    expect(facts).toEqual(expect.objectContaining({
      account: bank.account, from: bank.from, to: bank.to, openingBalance: bank.opening, closingBalance: bank.closing, hasBalanceColumn: true,
    }));
    expect(facts.balanceCheck).toEqual({ ok: true, checkedLines: bank.checkedLines });
    expect(interpreter.unread.map((u) => u.heading)).toEqual(bank.unread ?? []);
    // A totals line the bank prints ("Cộng phát sinh", "Tổng cộng") adds up to the lines above it.
    expect(interpreter.totalsDiffer).toEqual([]);
    // The memo is read, never dropped, and donors are named from it.
    const credits = rows.filter((row) => row.kind === 'credit');
    for (const credit of credits) expect('memo' in credit && credit.memo.length).toBeGreaterThan(5);
  });

  it('the statement\'s own account is every line\'s identity, whatever account the import names', async () => {
    const plain = await read(join(FIXTURES, bank.file));
    const named = await read(join(FIXTURES, bank.file), '9999999999');
    const ids = (rows: StatementRow[]) => rows.flatMap((row) => ('rowId' in row ? [row.rowId] : []));
    expect(ids(named.rows)).toEqual(ids(plain.rows));
    expect(named.interpreter.identityAccount).toBe(bank.account);
  });
});

describe('balance check', () => {
  it('names the first line where an altered amount breaks the running balance', async () => {
    const text = readFileSync(join(FIXTURES, 'vietinbank.csv'), 'utf8').replace(',,150.000,50.450.000,', ',,105.000,50.450.000,');
    const { facts } = await read(scratch.file('altered.csv', text));
    expect(facts.balanceCheck).toEqual({ ok: false, checkedLines: 4, firstBreakLine: 8, expected: '50405000', printed: '50450000' });
  });

  it('finds a missing line at the next printed balance (Vietcombank prints one a day), or at the closing balance', async () => {
    const lines = readFileSync(join(FIXTURES, 'vietcombank.csv'), 'utf8').split('\n');
    // Line 10 (500.000 in, no balance printed) taken out: the balance of line 11 no longer follows.
    const missing = [...lines.slice(0, 9), ...lines.slice(10)].join('\n');
    const first = await read(scratch.file('missing.csv', missing));
    expect(first.facts.balanceCheck).toEqual(expect.objectContaining({ ok: false, firstBreakLine: 10, expected: '1000200000', printed: '1000700000' }));
    // The last transaction taken out: only the closing balance tells.
    const noInterest = lines.filter((line) => !line.startsWith('6,')).join('\n');
    const last = await read(scratch.file('no-interest.csv', noInterest));
    expect(last.facts.balanceCheck).toEqual(expect.objectContaining({ ok: false, firstBreakLine: 17, expected: '996689000', printed: '996714340' }));
  });

  it('names a totals line the lines above it do not add up to: a line missing or altered, with or without a balance column', async () => {
    const vietcombank = readFileSync(join(FIXTURES, 'vietcombank.csv'), 'utf8').replace('Tổng cộng/ Total,,,5.011.000,1.725.340,,', 'Tổng cộng/ Total,,,5.011.000,1.825.340,,');
    expect((await read(scratch.file('totals.csv', vietcombank))).interpreter.totalsDiffer).toEqual([
      { line: 17, printedCredits: '1825340', printedDebits: '5011000', credits: '1725340', debits: '5011000' },
    ]);
    // The only check a file without balances has: its totals.
    const text = [
      'Số tài khoản: 0071000123456', 'Ngày;Số tiền ghi có;Số tiền ghi nợ;Nội dung',
      '01/09/2024;200.000;;A ung ho', '02/09/2024;300.000;;B ung ho', 'Cộng phát sinh;600.000;0;',
    ].join('\n');
    const { interpreter, facts } = await read(scratch.file('no-balance-totals.csv', text));
    expect(facts.balanceCheck).toEqual({ ok: true, checkedLines: 0 });
    expect(interpreter.totalsDiffer).toEqual([{ line: 5, printedCredits: '600000', printedDebits: '0', credits: '500000', debits: '0' }]);
    // A page's subtotal ("Cộng trang", or a bare "Cộng" under a page) is no period total.
    for (const label of ['Cộng trang', 'Cộng']) {
      const paged = await read(scratch.file('paged.csv', text.replace('Cộng phát sinh', label)));
      expect(paged.interpreter.totalsDiffer).toEqual([]);
    }
  });

  it('without a balance column checks the closing balance against the opening one and the lines', async () => {
    const text = [
      'Số tài khoản: 0071000123456', 'Số dư đầu kỳ: 1.000.000', 'Ngày;Số tiền ghi có;Số tiền ghi nợ;Nội dung',
      '01/09/2024;200.000;;A ung ho', '02/09/2024;;50.000;Phi SMS', 'Số dư cuối kỳ;;;1.150.001',
    ].join('\n');
    const { facts } = await read(scratch.file('no-balance.csv', text));
    expect(facts.balanceCheck).toEqual({ ok: false, checkedLines: 1, firstBreakLine: 6, expected: '1150000', printed: '1150001' });
  });
});

describe('headings', () => {
  it('a statement without a header row is refused listing the headings seen', async () => {
    const text = 'SAO KÊ\nSTT;Ngày chứng từ;Số tiền vào tài khoản;Diễn giải\n1;01/09/2024;100.000;A\n';
    await expect(read(scratch.file('unknown.csv', text))).rejects.toThrow(UnknownLayoutError);
    await read(scratch.file('unknown.csv', text)).catch((error: UnknownLayoutError) => {
      expect(error.headingsSeen).toEqual(['STT', 'Ngày chứng từ', 'Số tiền vào tài khoản', 'Diễn giải']);
      expect(error.message).toContain('Ngày chứng từ');
    });
  });

  it('English-only Vietcombank headings keep the memo column', async () => {
    const text = 'No.,TNX Date,Doc No,Debit,Credit,Balance,Transactions in detail\n1,01/09/2024,5213.1,,100.000,,NGUYEN VAN A ung ho\n';
    const { rows } = await read(scratch.file('english.csv', text));
    expect(rows[0]).toEqual(expect.objectContaining({ kind: 'credit', memo: 'NGUYEN VAN A ung ho' }));
    expect((rows[0] as { donorName: string }).donorName).not.toBe('Không rõ');
  });
});

describe('classifying lines that are no donation', () => {
  it.each([
    ['Phi SMS Banking thang 08/2024', 'fee'], ['Thu phi duy tri tai khoan', 'fee'], ['SMS fee 08/2024', 'fee'], ['VAT phi dich vu', 'fee'],
    ['Chuyen tien cho NGUYEN VAN PHI mua gao', 'unclassified'], ['Thanh toan hoa don dien', 'unclassified'], ['PHI THI HOA nhan ho tro', 'unclassified'],
  ])('debit "%s" is %s', (memo, kind) => {
    expect(classifyDebit(normaliseMemo(memo))).toBe(kind);
  });

  it.each([
    ['Tra lai tien gui thang 08/2024', 'interest'], ['Lãi tiền gửi không kỳ hạn', 'interest'], ['Credit interest', 'interest'],
    ['Hoan lai tien chuyen nham', 'credit'], ['NGUYEN VAN LAI ung ho', 'credit'], ['Tra lai tien ung ho thua cho xa', 'credit'],
  ])('credit "%s" is %s', (memo, kind) => {
    expect(classifyCredit(normaliseMemo(memo))).toBe(kind);
  });
});

