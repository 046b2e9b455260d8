/**
 * Statement imports over HTTP (api-v2.md "Bank statements"): a break of the running balance names
 * the altered line whichever order the bank printed the statement in, and a value past the
 * header's last heading is a warning, never dropped in silence.
 */
import { useStatementLedger } from '../import/support/statement-ledger';
import { countEvents } from '../support/ledger-app';

const ACCOUNT = '0011001932418';
const s = useStatementLedger({ accountant: 'Kế toán Lan', bankAccount: ACCOUNT });
let funds = 0;
async function newFund(): Promise<string> {
  const fundId = `quy-blame-${++funds}`;
  await s.openFund(fundId);
  return fundId;
}
const file = (...lines: string[]) => Buffer.from(lines.join('\n'));
const WITH_BALANCE = 'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung,Số dư';

describe('the running-balance check names the altered line', () => {
  it('in a statement printed newest first, an altered credit is blamed on its own line, as it is when printed oldest first', async () => {
    const fundId = await newFund();
    // Oldest first: A2's credit was altered from 200.000 to 250.000. Line numbers count the account line and the header.
    const oldestFirst = await s.importInto(fundId, file(
      `Số tài khoản: ${ACCOUNT}`, WITH_BALANCE,
      '01/09/2024,A0,,100.000,Ung ho,1.000.000', // line 3
      '01/09/2024,A1,,100.000,Ung ho,1.100.000', // line 4
      '02/09/2024,A2,,250.000,Ung ho,1.300.000', // line 5: altered (1.100.000 + 250.000 ≠ 1.300.000)
      '03/09/2024,A3,,300.000,Ung ho,1.600.000', // line 6
    ), '');
    expect(oldestFirst.status).toBe(422);
    expect(oldestFirst.body.error.details.balanceCheck).toMatchObject({ ok: false, firstBreakLine: 5 });

    // The same statement as the bank prints it newest first: the altered line A2 is now line 4.
    const before = await countEvents(s.ledger.store);
    const newestFirst = await s.importInto(fundId, file(
      `Số tài khoản: ${ACCOUNT}`, WITH_BALANCE,
      '03/09/2024,A3,,300.000,Ung ho,1.600.000', // line 3: 1.300.000 + 300.000 = 1.600.000, adds up
      '02/09/2024,A2,,250.000,Ung ho,1.300.000', // line 4: altered, 1.100.000 + 250.000 ≠ 1.300.000
      '01/09/2024,A1,,100.000,Ung ho,1.100.000', // line 5: 1.000.000 + 100.000 = 1.100.000, adds up
      '01/09/2024,A0,,100.000,Ung ho,1.000.000', // line 6
    ), '');
    expect(newestFirst.status).toBe(422);
    expect(await countEvents(s.ledger.store)).toBe(before);
    // api-v2.md "Bank statements": balanceCheck verifies each line's running balance (previous +
    // credit − debit); "a break names the first line where the sum no longer adds up (a missing or
    // altered line)". Line 4 (A2) is the only line whose balance is not the previous one + its credit;
    // line 5 (A1) adds up.
    expect(newestFirst.body.error.details.balanceCheck).toMatchObject({ ok: false, firstBreakLine: 4 });
  });
});

describe('an unrecognised column is never silently dropped', () => {
  it('a value in a cell past the last heading is a warning, not dropped without a word', async () => {
    const fundId = await newFund();
    // "100.000,50" written unquoted: the line has one cell more than the header has headings, and
    // its memo "Ung ho bao lu" lands in a column with no heading at all.
    const response = await s.importInto(fundId, file(
      `Số tài khoản: ${ACCOUNT}`,
      'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
      '01/09/2024,X1,,100.000,50,Ung ho bao lu', // line 3
    ), '');
    expect(response.status).toBe(200);
    // api-v2.md "Bank statements": "an unrecognised column is a warning in the answer, never silently
    // dropped" (the ledger does warn for a column whose heading is blank and that holds a value,
    // UNREAD_COLUMN), naming the column past the header (#6).
    expect(response.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNREAD_COLUMN', line: 3, column: '#6' })]));
  });
});
