/**
 * A statement's fees and interest against the books: a fee the fund's unrestricted money cannot
 * pay on its date, and a fee or interest of a closed period, are not booked by the import; they are
 * listed with the lines to classify, with a warning saying why, and the accountant books them.
 * Booked blindly, the first took campaign money for a management cost and left a pool below zero
 * (which stopped the balance read model for every fund); the second changed a closed year.
 * On the real application and a real SQLite file.
 */
import { donationBody, fiscalYearOf } from '../http/support/http-helpers';
import { ADMIN_TOKEN } from '../support/ledger-app';
import { statementOf as statement, useStatementLedger } from './support/statement-ledger';

const books = useStatementLedger({ accountant: 'Kế toán', bankAccount: '0071000999888' });
const { importInto, as, openFund, eventsOf } = books;

describe('a bank fee the unrestricted money cannot pay', () => {
  it('is left for the accountant, the pool stays at zero, and every fund\'s balance keeps up', async () => {
    await openFund('quy-xa');
    const fee = await importInto('quy-xa', statement('01/12/2026,F1,11.000,,Phi SMS'));
    expect(fee.status).toBe(200);
    expect(fee.body.debits).toEqual({ fees: 0, interest: 0, unclassified: 1 });
    expect(fee.body.warnings).toEqual([expect.objectContaining({ code: 'FEE_NOT_COVERED', line: 2 })]);
    expect(await eventsOf('BankFeeCharged', 'quy-xa')).toEqual([]);
    const balance = await as(books.accountant, 'get', `/v1/funds/quy-xa/balance?minPosition=${fee.body.position}`);
    expect(balance.status).toBe(200);
    expect(balance.body.available).toBe('0');

    const interest = await importInto('quy-xa', statement('02/12/2026,I1,,500,Tra lai tien gui'));
    expect(interest.body.debits).toEqual({ fees: 0, interest: 1, unclassified: 0 });
    await openFund('quy-khac');
    const gift = await as(books.accountant, 'post', '/v1/funds/quy-khac/donations', donationBody({ amount: '2000000' }));
    expect(gift.status).toBe(201);
    const other = await as(books.accountant, 'get', `/v1/funds/quy-khac/balance?minPosition=${gift.body.position}`);
    expect(other.status).toBe(200);
    expect(other.body.received).toBe('2000000');
    expect((await as(books.accountant, 'get', '/v1/funds/quy-xa/balance')).body.available).toBe('500');
  });

  it('is booked once the accountant charges it to a pool that can pay it, and refused on one that cannot', async () => {
    const listed = await as(books.accountant, 'get', `/v1/funds/quy-xa/statement-lines?status=unclassified&minPosition=${await books.ledger.store.headPosition()}`);
    const [line] = listed.body.items;
    expect(line).toMatchObject({ amountVnd: '11000', direction: 'out' });
    const refused = await as(books.accountant, 'post', `/v1/funds/quy-xa/statement-lines/${line.rowId}/classify`, { as: 'fee', note: 'Phí SMS tháng 11' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { pool: 'general', requested: '11000' } });
    const money = await as(books.accountant, 'post', '/v1/funds/quy-xa/donations', donationBody({ amount: '100000', receivedAt: '2026-11-30T09:00:00+07:00' }));
    expect(money.status).toBe(201);
    const booked = await as(books.accountant, 'post', `/v1/funds/quy-xa/statement-lines/${line.rowId}/classify`, { as: 'fee', note: 'Phí SMS tháng 11' });
    expect(booked.status).toBe(201);
    expect(booked.body.entryId).toBe('BF-000001');
  });
});

describe('a fee or interest dated in a closed period', () => {
  it('is not booked into the closed year: listed to classify with a warning, and booked dated now when classified', async () => {
    await openFund('quy-dong-so');
    const gift = await as(books.accountant, 'post', '/v1/funds/quy-dong-so/donations', donationBody({ amount: '1000000', receivedAt: '2025-06-01T09:00:00+07:00' }));
    expect(gift.status).toBe(201);
    expect((await as(ADMIN_TOKEN, 'post', '/v1/funds/quy-dong-so/periods/2025/close', { decisionRef: 'QĐ-01/2026' })).status).toBe(200);
    const answer = await importInto('quy-dong-so', statement('30/12/2025,B2,22.000,,Phi SMS', '31/12/2025,B3,,1.234,Lai tien gui', '02/03/2026,B4,,3.000.000,Ung ho'));
    expect(answer.body).toMatchObject({ imported: 1, debits: { fees: 0, interest: 0, unclassified: 2 } });
    expect(answer.body.warnings.map((warning: { code: string; line: number }) => [warning.code, warning.line])).toEqual([
      ['LINE_IN_CLOSED_PERIOD', 2], ['LINE_IN_CLOSED_PERIOD', 3],
    ]);
    expect(await eventsOf('BankFeeCharged', 'quy-dong-so')).toEqual([]);
    expect(await eventsOf('InterestCredited', 'quy-dong-so')).toEqual([]);

    const listed = await as(books.accountant, 'get', `/v1/funds/quy-dong-so/statement-lines?status=unclassified&minPosition=${answer.body.position}`);
    const feeLine = listed.body.items.find((item: { amountVnd: string }) => item.amountVnd === '22000');
    const booked = await as(books.accountant, 'post', `/v1/funds/quy-dong-so/statement-lines/${feeLine.rowId}/classify`, { as: 'fee', note: 'Phí tháng 12/2025, ghi vào kỳ đang mở' });
    expect(booked.status).toBe(201);
    const [charged] = await eventsOf('BankFeeCharged', 'quy-dong-so');
    // Dated now, in the year open now (Vietnam time), whatever the year the suite runs in.
    expect(Math.abs(Date.parse(String(charged.data.chargedAt)) - Date.now())).toBeLessThan(60_000);
    expect(charged.data).toMatchObject({ amount: '22000', fiscalYear: fiscalYearOf(String(charged.data.chargedAt)) });
    expect(fiscalYearOf(String(charged.data.chargedAt))).toBeGreaterThan(2025);
  });
});
