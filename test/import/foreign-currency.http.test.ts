/**
 * Statements of a foreign-currency account. Vietnamese banks print the account's currency above
 * the table ("Loại tiền/Currency: USD", "Số TK: 0071000123456 USD"), in the money headings
 * ("Số tiền ghi có (USD)") or in a column of its own ("Loại tiền"), with amounts such as
 * "1,000.00". A fund keeps its books in VND and a foreign-currency donation needs its rate
 * (api.md: `currency` and `fxRate`; domain.md R17), which a statement does not carry: such a
 * statement, or such a line, is refused with its currency named, never booked as VND.
 * On the real application and a real SQLite file.
 */
import ExcelJS from 'exceljs';
import { XLSX_CONTENT_TYPE } from '../../src/http/controllers/imports.controller';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

const FUND = 'quy-ngoai-te';

let ledger: TestLedger;
let accountant: string;

function importFile(body: Buffer, query = '?bankAccount=0071000123456', contentType = 'text/csv') {
  return ledger.http().post(`/v1/funds/${FUND}/imports${query}`).set('Authorization', `Bearer ${accountant}`).set('content-type', contentType).send(body);
}

const csv = (...lines: string[]) => Buffer.from([...lines, ''].join('\r\n'));

/** The amounts (VND) of the donations the fund holds, in log order. */
async function donationAmounts(): Promise<string[]> {
  const amounts: string[] = [];
  for await (const event of ledger.store.readAll()) {
    const data = event.data as { fundId?: string; amountVnd?: string };
    if (event.type === 'DonationRecorded' && data.fundId === FUND) amounts.push(data.amountVnd as string);
  }
  return amounts;
}

async function eventCount(): Promise<number> {
  let count = 0;
  for await (const event of ledger.store.readAll()) if ((event.data as { fundId?: string }).fundId === FUND) count += 1;
  return count;
}

function expectRefusedAs(response: { status: number; body: { error: { code: string; message: string; details: Record<string, unknown> } } }, currency: string) {
  expect(response.status).toBe(422);
  expect(response.body.error).toMatchObject({ code: 'FOREIGN_CURRENCY_STATEMENT', details: { currency } });
  expect(response.body.error.message).toContain(currency);
  expect(response.body.error.message).toContain('fxRate');
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Lan', ['accountant'])).token;
  const response = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ nhận ngoại tệ' });
  expect(response.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('a CSV statement whose title lines name a foreign currency', () => {
  const HEADER = 'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung';

  it('"Loại tiền/Currency: USD": refused with 422 naming USD, nothing booked (1,000.00 USD is not 1,000 đ)', async () => {
    const before = await eventCount();
    const response = await importFile(csv(
      'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM',
      'SAO KÊ TÀI KHOẢN/ ACCOUNT STATEMENT',
      'Số tài khoản/ Account No: 0071000123456',
      'Loại tiền/ Currency: USD',
      'Từ ngày 01/10/2024 đến ngày 31/10/2024',
      HEADER,
      '02/10/2024,FT1,,"1,000.00","1,000.00",JOHN SMITH donation for flood relief',
      '03/10/2024,FT2,,"250.50","1,250.50",ANNA LEE donation',
    ));
    expectRefusedAs(response, 'USD');
    expect(await eventCount()).toBe(before);
  });

  it('"Số TK: 0071000123456 EUR": refused naming EUR', async () => {
    const response = await importFile(csv(
      'SAO KÊ TÀI KHOẢN',
      'Số TK: 0071000123456 EUR',
      HEADER,
      '02/10/2024,FT3,,"500.00","500.00",HANS MULLER spende',
    ));
    expectRefusedAs(response, 'EUR');
  });

  it('a money heading in USD ("Số tiền ghi có (USD)"): refused naming USD', async () => {
    const response = await importFile(csv(
      'Ngày giao dịch,Số CT,Số tiền ghi có (USD),Nội dung',
      '02/10/2024,FT4,"1,000.00",JOHN SMITH donation',
    ));
    expectRefusedAs(response, 'USD');
  });
});

describe('an XLSX statement whose title lines name a foreign currency', () => {
  it('is refused naming USD, whole-number cells included', async () => {
    const before = await eventCount();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sao kê');
    sheet.addRow(['SAO KÊ TÀI KHOẢN']);
    sheet.addRow(['Số tài khoản:', '0071000123456']);
    sheet.addRow(['Loại tiền:', 'USD']);
    sheet.addRow(['Ngày giao dịch', 'Số CT', 'Số tiền ghi có', 'Nội dung']);
    sheet.addRow(['02/10/2024', 'FT5', 1000, 'JOHN SMITH donation']);
    sheet.addRow(['02/10/2024', 'FT6', '2,000.00', 'MARY JONES donation']);
    const response = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), '', XLSX_CONTENT_TYPE);
    expectRefusedAs(response, 'USD');
    expect(await eventCount()).toBe(before);
  });
});

describe('a statement with a currency column', () => {
  it('CSV: a USD line is refused with its currency named; the VND line of the same file is booked', async () => {
    const before = await donationAmounts();
    const response = await importFile(csv(
      'Ngày giao dịch,Số CT,Loại tiền,Số tiền ghi có,Nội dung',
      '04/10/2024,FT7,USD,"1,000.00",JOHN SMITH donation',
      '04/10/2024,FT8,VND,"1.500.000",NGUYEN VAN AN ung ho',
    ));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 1 }));
    expect(response.body.rejected).toEqual([expect.objectContaining({ line: 2, code: 'FOREIGN_CURRENCY', field: 'currency' })]);
    expect(response.body.rejected[0].message).toContain('USD');
    expect(response.body.warnings).not.toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNREAD_COLUMN' })]));
    expect(await donationAmounts()).toEqual([...before, '1500000']);
  });

  it('XLSX with a bilingual "Loại tiền/ Currency" column: EUR lines refused, nothing booked as VND', async () => {
    const before = await donationAmounts();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sao kê');
    sheet.addRow(['Ngày giao dịch/ TNX Date', 'Số CT/ Doc No', 'Loại tiền/ Currency', 'Số tiền ghi có/ Credit', 'Nội dung chi tiết/ Transactions in detail']);
    sheet.addRow(['05/10/2024', 'FT9', 'EUR', 300, 'HANS MULLER spende']);
    sheet.addRow(['05/10/2024', 'FT10', 'EUR', '1.250,00', 'ANNA SCHMIDT spende']);
    const response = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), '?bankAccount=0071000123456', XLSX_CONTENT_TYPE);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 0, rejectedCount: 2 }));
    expect(response.body.rejected).toEqual([
      expect.objectContaining({ line: 2, code: 'FOREIGN_CURRENCY', field: 'currency' }),
      expect.objectContaining({ line: 3, code: 'FOREIGN_CURRENCY', field: 'currency' }),
    ]);
    expect(await donationAmounts()).toEqual(before);
  });
});

describe('a VND statement', () => {
  it('that mentions USD only in a memo stays VND and is booked', async () => {
    const before = await donationAmounts();
    const response = await importFile(csv(
      'SAO KÊ TÀI KHOẢN',
      'Số tài khoản: 0071000123456',
      'Loại tiền: VND',
      'Ngày giao dịch,Số CT,Số tiền ghi có,Nội dung',
      '06/10/2024,FT11,"2.400.000",PETER NGUYEN ung ho 100 USD quy doi',
      '06/10/2024,FT12,"500.000",Currency: USD chuyen doi ung ho',
    ));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 2, rejectedCount: 0 }));
    expect(await donationAmounts()).toEqual([...before, '2400000', '500000']);
  });

  it('with "Đơn vị tính: VND" and a "Loại tiền" column saying VNĐ is booked', async () => {
    const before = await donationAmounts();
    const response = await importFile(csv(
      'Đơn vị tính: VND',
      'Ngày giao dịch,Số CT,Loại tiền,Số tiền ghi có,Nội dung',
      '07/10/2024,FT13,VNĐ,"700.000",LE VAN BA ung ho',
    ));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 0 }));
    expect(await donationAmounts()).toEqual([...before, '700000']);
  });
});
