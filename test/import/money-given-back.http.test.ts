/**
 * Money the bank gives back is no gift: a bank fee refunded ("Hoàn phí SMS", "HOAN PHI SMS",
 * "hoan tra phi") and a transfer the bank returned ("Hoàn tiền giao dịch", "tra soát") are listed
 * for the accountant to decide, money in, without a receipt and out of the public list; the
 * accountant lowers the fees by reversing the fee refunded. Interest left out of a closed period
 * is listed as money in, so the accountant can book it as interest.
 * On the real application and a real SQLite file.
 */
import { donationBody, fiscalYearOf } from '../http/support/http-helpers';
import { ADMIN_TOKEN } from '../support/ledger-app';
import { statementOf as statement, useStatementLedger } from './support/statement-ledger';

const books = useStatementLedger({ accountant: 'Kế toán', bankAccount: '0071000999888' });
const { importInto, as, openFund, eventsOf } = books;

describe('a fee refunded and a transfer returned by the bank', () => {
  const FUND = 'quy-hoan-phi';
  let position: number;

  it('are no donations: listed for the accountant as money in, no receipt, not in the public list', async () => {
    await openFund(FUND);
    const answer = await importInto(FUND, statement(
      '01/09/2024,A1,,500.000,MBVCB.6916176124.NGUYEN VAN AN chuyen tien.CT tu 0101001222009 ung ho dong bao lu lut',
      '01/09/2024,A2,11.000,,Thu phi SMS Banking thang 08/2024',
      '03/09/2024,A3,,11.000,Hoàn phí SMS Banking tháng 08/2024',
      '04/09/2024,A4,,5.500,HOAN PHI SMS',
      '05/09/2024,A5,,2.000.000,HOAN TIEN GD NAPAS 247 CHUYEN TIEN KHONG THANH CONG',
      '06/09/2024,A6,,3.000,Lãi nhập vốn',
    ));
    expect(answer.status).toBe(200);
    position = answer.body.position;
    expect(answer.body).toMatchObject({ imported: 1, rejected: [], debits: { fees: 1, interest: 1, unclassified: 3 } });
    const donations = await eventsOf('DonationRecorded', FUND);
    expect(donations.map((event) => event.data.amountVnd)).toEqual(['500000']);
    const listed = await as(books.accountant, 'get', `/v1/funds/${FUND}/statement-lines?status=unclassified&minPosition=${position}`);
    expect(listed.body.items.map((item: { amountVnd: string; direction: string }) => [item.amountVnd, item.direction])).toEqual([
      ['11000', 'in'], ['5500', 'in'], ['2000000', 'in'],
    ]);
    const published = await books.ledger.http().get(`/v1/public/funds/${FUND}/donations?minPosition=${position}`);
    expect(published.status).toBe(200);
    expect(published.body.items.map((item: { amountVnd: string }) => item.amountVnd)).toEqual(['500000']);
    const balance = await as(books.accountant, 'get', `/v1/funds/${FUND}/balance?minPosition=${position}`);
    // The donation and the interest; the money given back waits for the accountant's decision.
    expect(balance.body).toMatchObject({ received: '503000', disbursed: '11000' });
  });

  it('are credits not booked in the reconciliation, never debits left to classify', async () => {
    const response = await as(books.accountant, 'get', `/v1/funds/${FUND}/bank-accounts/0071000999888/reconciliation?minPosition=${position}`);
    expect(response.status).toBe(200);
    const day = (date: string) => response.body.days.find((d: { day: string }) => d.day === date);
    expect(day('2024-09-01')).toMatchObject({ statement: { credits: '500000', debits: '11000' }, ledger: { donations: '500000', fees: '11000', unclassified: '0' }, creditsNotBooked: '0' });
    expect(day('2024-09-03')).toMatchObject({ statement: { credits: '11000', debits: '0' }, ledger: { donations: '0', fees: '0', unclassified: '0' }, creditsNotBooked: '11000' });
    expect(day('2024-09-05')).toMatchObject({ statement: { credits: '2000000', debits: '0' }, ledger: { unclassified: '0' }, creditsNotBooked: '2000000' });
  });

  it('the fee refunded is taken off the fees by reversing the fee, and the line is decided', async () => {
    const reversed = await as(books.accountant, 'post', `/v1/funds/${FUND}/reversals`, { entryId: 'BF-000001', reason: 'Ngân hàng hoàn phí SMS tháng 08/2024' });
    expect(reversed.status).toBe(201);
    const listed = await as(books.accountant, 'get', `/v1/funds/${FUND}/statement-lines?status=unclassified&minPosition=${reversed.body.position}`);
    const refund = listed.body.items.find((item: { amountVnd: string }) => item.amountVnd === '11000');
    const decided = await as(books.accountant, 'post', `/v1/funds/${FUND}/statement-lines/${refund.rowId}/classify`, { as: 'other', note: 'Hoàn phí SMS: phí BF-000001 đã đảo' });
    expect(decided.status).toBe(201);
    const balance = await as(books.accountant, 'get', `/v1/funds/${FUND}/balance?minPosition=${decided.body.position}`);
    expect(balance.body).toMatchObject({ received: '503000', disbursed: '0' });
  });
});

describe('interest dated in a closed period', () => {
  it('is listed as money in, and the accountant books it as interest in the open period', async () => {
    const FUND = 'quy-lai-dong-so';
    await openFund(FUND);
    const gift = await as(books.accountant, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '1000000', receivedAt: '2025-06-01T09:00:00+07:00' }));
    expect(gift.status).toBe(201);
    expect((await as(ADMIN_TOKEN, 'post', `/v1/funds/${FUND}/periods/2025/close`, { decisionRef: 'QĐ-02/2026' })).status).toBe(200);
    const answer = await importInto(FUND, statement('31/12/2025,C1,,1.234,Lai tien gui thang 12/2025'));
    expect(answer.body).toMatchObject({ debits: { fees: 0, interest: 0, unclassified: 1 } });
    const listed = await as(books.accountant, 'get', `/v1/funds/${FUND}/statement-lines?status=unclassified&minPosition=${answer.body.position}`);
    const [line] = listed.body.items;
    expect(line).toMatchObject({ amountVnd: '1234', direction: 'in' });
    const booked = await as(books.accountant, 'post', `/v1/funds/${FUND}/statement-lines/${line.rowId}/classify`, { as: 'interest', note: 'Lãi tháng 12/2025, ghi vào kỳ đang mở' });
    expect(booked.status).toBe(201);
    const [credited] = await eventsOf('InterestCredited', FUND);
    // Booked now, in the year open now (Vietnam time), whatever the year the suite runs in.
    expect(Math.abs(Date.parse(String(credited.data.creditedAt)) - Date.now())).toBeLessThan(60_000);
    expect(credited.data).toMatchObject({ amount: '1234', fiscalYear: fiscalYearOf(String(credited.data.creditedAt)) });
    expect(fiscalYearOf(String(credited.data.creditedAt))).toBeGreaterThan(2025);
  });
});

describe('a credit whose memo is only "TRA LAI"', () => {
  it('is no donation: without diacritics it is money given back as well as interest, so the accountant decides it; a donor named Lai keeps their receipt', async () => {
    const FUND = 'quy-tra-lai';
    await openFund(FUND);
    const answer = await importInto(FUND, statement(
      '02/09/2024,T1,,300.000,TRA LAI',
      '02/09/2024,T2,,120.000,TRA LAI TIEN',
      '03/09/2024,T3,,200.000,NGUYEN TIEN LAI ung ho',
    ));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 1, rejected: [], debits: { fees: 0, interest: 0, unclassified: 2 } });
    expect((await eventsOf('DonationRecorded', FUND)).map((event) => event.data.amountVnd)).toEqual(['200000']);
    const listed = await as(books.accountant, 'get', `/v1/funds/${FUND}/statement-lines?status=unclassified&minPosition=${answer.body.position}`);
    expect(listed.body.items.map((item: { amountVnd: string; direction: string }) => [item.amountVnd, item.direction])).toEqual([['300000', 'in'], ['120000', 'in']]);
  });
});
