/**
 * Money out is never a donation (api-v2.md "Bank statements"): a debit printed with a minus sign
 * or in parentheses, and a line whose direction a "Nợ/Có" (D/C) column gives beside one amount
 * column, through the real application on a real SQLite file.
 */
import { useStatementLedger } from './support/statement-ledger';

const FUND = 'quy-chi-ra';

const books = useStatementLedger({ accountant: 'Kế toán Hà', bankAccount: '0071000333444', funds: [{ fundId: FUND, name: 'Quỹ xã Hòa Bình' }] });
const importFile = (lines: string[]) => books.importInto(FUND, Buffer.from([...lines, ''].join('\r\n')));
const donationsOf = (sha256: string) => books.donationsFromFile(sha256);

describe('a debit column amount in parentheses or with a minus sign', () => {
  it('is no donation, whatever its memo: money given back is listed for the accountant', async () => {
    const response = await importFile([
      'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
      '02/10/2024,B1,,"1.000.000",NGUYEN VAN AN ung ho',
      '02/10/2024,B2,(700.000),,Phi SMS',
      '02/10/2024,B3,-300.000,,Chi tra ho tro ba Lan',
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 0, debits: { fees: 0, interest: 0, unclassified: 2 } }));
    expect(await donationsOf(response.body.fileSha256)).toEqual(['1000000']);
  });
});

describe('one amount column and a debit/credit indicator column', () => {
  it('"Nợ/Có": a D line is money out, never a donation; a C line is', async () => {
    const response = await importFile([
      'Ngày giao dịch,Số CT,Số tiền,Nợ/Có,Nội dung',
      '06/10/2024,F1,"5.000.000",C,TRAN THI BINH ung ho',
      '06/10/2024,F2,"3.000.000",D,Chi tra ho tro ba con thon 3',
      '06/10/2024,F3,"11.000",D,Thu phi SMS Banking',
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 0, debits: { fees: 1, interest: 0, unclassified: 1 } }));
    expect(response.body.warnings).not.toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNREAD_COLUMN' })]));
    expect(await donationsOf(response.body.fileSha256)).toEqual(['5000000']);
  });

  it('"Dr/Cr" with DR and CR: read the same way; a value that is neither refuses its line', async () => {
    const response = await importFile([
      'Ngày giao dịch,Số CT,Số tiền,Dr/Cr,Nội dung',
      '07/10/2024,G1,"2.000.000",CR,LE VAN CUONG ung ho',
      '07/10/2024,G2,"4.000.000",DR,Chi tra ho tro ho ngheo',
      '07/10/2024,G3,"6.000.000",X,khong ro',
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 1, debits: { fees: 0, interest: 0, unclassified: 1 } }));
    expect(response.body.rejected).toEqual([expect.objectContaining({ line: 4, field: 'direction' })]);
    expect(await donationsOf(response.body.fileSha256)).toEqual(['2000000']);
  });
});
