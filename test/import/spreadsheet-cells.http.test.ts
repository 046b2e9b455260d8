/**
 * Spreadsheet cells with no value to read in an uploaded bank statement or commune list: a formula
 * saved without its computed value (what generators other than Excel write) or an error value
 * (#VALUE!). The line that needs such a cell is refused naming its column; nothing is booked of it,
 * never with the cell blank or as "[object Object]".
 */
import ExcelJS from 'exceljs';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, expectStatus, openFund } from '../http/support/http-helpers';

const FUND = 'quy-o-khong-doc-duoc';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A formula saved without its computed value (no cached <v> in the sheet): what openpyxl and most generators write. */
const formulaWithoutValue = (formula: string) => ({ formula }) as unknown as ExcelJS.CellValue;
const errorValue = (error: string) => ({ error }) as unknown as ExcelJS.CellValue;

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sao kê');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let ledger: TestLedger;
let accountant: string;

beforeAll(async () => {
  ledger = await startTestLedger();
  await openFund(ledger, FUND);
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
}, 60_000);
afterAll(async () => ledger?.close());

function upload(path: string, body: Buffer) {
  return ledger.http().post(path).set('Authorization', `Bearer ${accountant}`).set('Accept-Language', 'en').set('Content-Type', XLSX).send(body);
}

describe('a statement XLSX whose cell holds a formula without a value', () => {
  it('refuses the line naming the column, as a bad row is (api.md "Bank statement CSV"); never books "[object Object]" as the donor or the memo', async () => {
    const statement = await workbook([
      ['date', 'reference', 'credit', 'description', 'counterparty'],
      ['12/05/2026', 'FT-OK-1', 50000, 'ung ho bao lu', 'Nguyen Van An'],
      // line 3: the sender's name is a formula the file carries no value for
      ['12/05/2026', 'FT-FX-2', 60000, 'ung ho bao lu', formulaWithoutValue('CONCAT("Tran ","Binh")')],
      // line 4: the memo is a formula the file carries no value for
      ['12/05/2026', 'FT-FX-3', 70000, formulaWithoutValue('B4&" ung ho"'), 'Le Thi Hoa'],
    ]);
    const answer = await upload(`/v1/funds/${FUND}/imports?bankAccount=0011001932418`, statement);
    expectStatus(answer, 200);
    const register = await call(ledger, 'get', `/v1/funds/${FUND}/donations?minPosition=${answer.body.position}`, undefined, { token: accountant });
    expectStatus(register, 200);
    const booked = JSON.stringify(register.body);
    const publicList = await ledger.http().get(`/v1/public/funds/${FUND}/donations?minPosition=${answer.body.position}`);
    // Nothing booked from a cell nobody wrote: neither the register nor the public list prints "[object Object]".
    expect({
      registerHasObjectObject: booked.includes('[object Object]'),
      publicListHasObjectObject: JSON.stringify(publicList.body).includes('[object Object]'),
    }).toEqual({ registerHasObjectObject: false, publicListHasObjectObject: false });
    // The two lines whose cell has no value are reported with their line numbers; only line 2 is booked.
    expect(answer.body.imported).toBe(1);
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'counterparty', message: expect.stringContaining('=CONCAT("Tran ","Binh") (a formula saved without its value)') }),
      expect.objectContaining({ line: 4, field: 'description', message: expect.stringContaining('a formula saved without its value') }),
    ]);
  });
});

describe('a commune list XLSX whose cell holds an error value or a formula without a value', () => {
  it('refuses the line naming the column (api-v2.md "Beneficiaries and distributions"); never registers "[object Object]", or an id number that is an error as absent', async () => {
    const list = await workbook([
      ['Họ và tên', 'Số CCCD', 'Địa chỉ'],
      ['Phạm Văn Đức', '079123456789', 'Ấp 1'],
      // line 3: the id number cell shows #VALUE!: the list has an id number here, it is not absent
      ['Nguyễn Văn An', errorValue('#VALUE!'), 'Ấp 2'],
      // line 4: the name is a formula the file carries no value for
      [formulaWithoutValue('CONCAT("Lê ","Hoa")'), '', 'Ấp 3'],
    ]);
    const answer = await upload(`/v1/funds/${FUND}/beneficiary-lists?commune=Xã Tân Phú&listKind=poor&certificationRef=12/QĐ-UBND`, list);
    expectStatus(answer, 201);
    const registry = await call(ledger, 'get', `/v1/funds/${FUND}/beneficiaries?listId=${answer.body.listId}&minPosition=${answer.body.position}`, undefined, { token: accountant });
    expectStatus(registry, 200);
    const names = (registry.body.beneficiaries as { name: string; idLast4: string | null }[]).map((b) => `${b.name}/${b.idLast4}`);
    // Neither a person registered with no id number because the cell showed an error, nor a household named "[object Object]".
    expect(names).toEqual(['Phạm Văn Đức/6789']);
    expect(answer.body.added).toBe(1);
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining('idNumber: the cell holds #VALUE! (an error of the spreadsheet)') }),
      expect.objectContaining({ line: 4, message: expect.stringContaining('name: the cell holds =CONCAT') }),
    ]);
  });
});
