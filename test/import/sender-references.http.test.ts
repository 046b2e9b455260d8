/**
 * A donor checks that their own transfer is in the published list with the number their bank
 * printed on their receipt ("MBVCB.6987707712…", "FT24254040454839", a NAPAS trace), while the
 * statement's document number ("Số CT") is the donation's reference. The public lookup and the
 * staff register find the gift by either; never by an account number the memo also holds.
 * On the real application and a real SQLite file.
 */
import { donationBody } from '../http/support/http-helpers';
import { statementOf as statement, useStatementLedger } from './support/statement-ledger';

const books = useStatementLedger({ accountant: 'Kế toán Hà', bankAccount: '0011001932418' });
const { importInto, as, openFund } = books;

const FUND = 'quy-tra-cuu';
let position: number;

type Found = { receiptNo: string; reference: string | null; amountVnd: string; donorName: string };
const lookup = async (query: string): Promise<Found[]> => {
  const answer = await books.ledger.http().get(`/v1/public/funds/${FUND}/donations?${query}&minPosition=${position}`);
  expect(answer.status).toBe(200);
  return answer.body.items;
};

beforeAll(async () => {
  await openFund(FUND);
  const answer = await importInto(FUND, statement(
    '01/09/2024,5213.45946,,500.000,MBVCB.6987707712.NGUYEN VAN AN chuyen tien.CT tu 0071000123456 NGUYEN VAN AN toi 0011001932418 QUY CUU TRO',
    '01/09/2024,5241.83107,,300.000,938529.010924.081441.TRAN THI BICH ung ho FT24245050867737',
    '02/09/2024,5078.12345,,200.000,HO THI THU NGA ck ung ho dong bao bao lu FT24246040454839',
    '02/09/2024,5078.12399,,150.000,LE VAN CUONG ung ho stk 0451000765432',
  ));
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ imported: 4, rejected: [] });
  position = answer.body.position;
});

describe('the public lookup by the number on the donor\'s own receipt', () => {
  it('finds a Vietcombank app transfer by its MBVCB number, as well as by the statement\'s document number', async () => {
    const found = await lookup('reference=6987707712');
    expect(found.map((item) => [item.reference, item.amountVnd])).toEqual([['5213.45946', '500000']]);
    expect((await lookup('reference=5213.45946')).map((item) => item.amountVnd)).toEqual(['500000']);
  });

  it('finds a transfer from another bank by its FT number or its NAPAS trace, in any case', async () => {
    expect((await lookup('reference=ft24245050867737')).map((item) => item.amountVnd)).toEqual(['300000']);
    expect((await lookup('reference=938529')).map((item) => item.amountVnd)).toEqual(['300000']);
    expect((await lookup('reference=%20FT24246040454839%20')).map((item) => item.amountVnd)).toEqual(['200000']);
  });

  it('with the other filters as before: a wrong amount or day finds nothing', async () => {
    expect((await lookup('reference=6987707712&amount=500000&date=2024-09-01')).map((item) => item.amountVnd)).toEqual(['500000']);
    expect(await lookup('reference=6987707712&amount=200000')).toEqual([]);
    expect(await lookup('reference=6987707712&date=2024-09-02')).toEqual([]);
  });

  it('never by an account number the memo holds, the sender\'s or the fund\'s', async () => {
    for (const account of ['0071000123456', '0011001932418', '0451000765432']) expect(await lookup(`reference=${account}`)).toEqual([]);
  });

  it('once the fund has taken the gift back: found by either number, marked with its reversal\'s date, without its name', async () => {
    const [gift] = await lookup('reference=938529');
    const staff = await as(books.accountant, 'get', `/v1/funds/${FUND}/donations?reference=938529&minPosition=${position}`);
    const donationId = staff.body.items[0].donationId as string;
    const reversed = await as(books.accountant, 'post', `/v1/funds/${FUND}/reversals`, { entryId: donationId, reason: 'Ghi trùng' });
    expect(reversed.status).toBe(201);
    position = reversed.body.position;
    expect(gift.amountVnd).toBe('300000');
    for (const reference of ['938529', 'FT24245050867737']) {
      expect(await lookup(`reference=${reference}`)).toEqual([expect.objectContaining({ donationId, amountVnd: '300000', donorName: '—', reversedAt: expect.any(String) })]);
    }
  });
});

describe('a number that several gifts share', () => {
  it('pages through the gifts whose own reference it is and those whose sender\'s number it is, in date order, each once', async () => {
    const imported = await importInto(FUND, statement(
      '03/09/2024,6001.00001,,10.000,IBFT NGO VAN MOT ung ho Trace 512345',
      '05/09/2024,6001.00002,,30.000,IBFT NGO VAN BA ung ho Trace 512345',
      '06/09/2024,6001.00003,,40.000,"IBFT NGO VAN BON ung ho, ma GD 512345"',
    ));
    expect(imported.body).toMatchObject({ imported: 3, rejected: [] });
    const byHand = await as(books.accountant, 'post', `/v1/funds/${FUND}/donations`, donationBody({
      amount: '20000', reference: '512345', receivedAt: '2024-09-04T09:00:00+07:00', note: 'Trace 999999',
    }));
    expect(byHand.status).toBe(201);
    position = byHand.body.position;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await books.ledger.http().get(`/v1/public/funds/${FUND}/donations?reference=512345&limit=1&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.items.map((item: Found) => item.amountVnd));
      cursor = answer.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['10000', '20000', '30000', '40000']);
    const staffSeen: string[] = [];
    cursor = null;
    do {
      const answer = await as(books.accountant, 'get', `/v1/funds/${FUND}/donations?reference=512345&limit=1&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      staffSeen.push(...answer.body.items.map((item: Found) => item.amountVnd));
      cursor = answer.body.nextCursor;
    } while (cursor !== null);
    expect(staffSeen).toEqual(['10000', '20000', '30000', '40000']);
    // A note typed by staff is not a bank memo: its numbers find nothing.
    expect(await lookup('reference=999999')).toEqual([]);
  });
});

describe('the staff register\'s reference filter', () => {
  it('finds the gift by the sender\'s number too, and not by an account number', async () => {
    const register = async (reference: string) => {
      const answer = await as(books.accountant, 'get', `/v1/funds/${FUND}/donations?reference=${reference}&minPosition=${position}`);
      expect(answer.status).toBe(200);
      return answer.body.items.map((item: { reference: string; amountVnd: string }) => [item.reference, item.amountVnd]);
    };
    expect(await register('6987707712')).toEqual([['5213.45946', '500000']]);
    expect(await register('fT24246040454839')).toEqual([['5078.12345', '200000']]);
    expect(await register('5078.12345')).toEqual([['5078.12345', '200000']]);
    expect(await register('0071000123456')).toEqual([]);
  });
});

describe('the number typed as the donor\'s receipt prints it, with the app\'s prefix', () => {
  it('finds a Vietcombank app or internet banking transfer by MBVCB.<n> or IBVCB.<n>, in any case, as by <n> alone: public and staff', async () => {
    const imported = await importInto(FUND, statement(
      '07/09/2024,6002.00001,,80.000,IBVCB.1234567890.PHAN VAN SAU chuyen tien.CT tu 0071000654321 PHAN VAN SAU toi 0011001932418 QUY CUU TRO',
    ));
    expect(imported.body).toMatchObject({ imported: 1, rejected: [] });
    position = imported.body.position;
    expect((await lookup('reference=MBVCB.6987707712')).map((item) => [item.reference, item.amountVnd])).toEqual([['5213.45946', '500000']]);
    expect((await lookup('reference=%20mbvcb.6987707712%20')).map((item) => item.amountVnd)).toEqual(['500000']);
    expect((await lookup('reference=MBVCB6987707712')).map((item) => item.amountVnd)).toEqual(['500000']);
    expect((await lookup('reference=IBVCB.1234567890')).map((item) => item.amountVnd)).toEqual(['80000']);
    expect((await lookup('reference=1234567890')).map((item) => item.amountVnd)).toEqual(['80000']);
    expect((await lookup('reference=MBVCB.6987707712&amount=500000&date=2024-09-01')).map((item) => item.amountVnd)).toEqual(['500000']);
    expect(await lookup('reference=MBVCB.6987707712&amount=80000')).toEqual([]);
    const register = async (reference: string) => {
      const answer = await as(books.accountant, 'get', `/v1/funds/${FUND}/donations?reference=${reference}&minPosition=${position}`);
      expect(answer.status).toBe(200);
      return answer.body.items.map((item: { reference: string; amountVnd: string }) => [item.reference, item.amountVnd]);
    };
    expect(await register('MBVCB.6987707712')).toEqual([['5213.45946', '500000']]);
    expect(await register('ibvcb.1234567890')).toEqual([['6002.00001', '80000']]);
  });

  it('never finds a gift by an account number behind the prefix, nor by the prefix with another bank\'s number', async () => {
    for (const account of ['0071000123456', '0011001932418', '0071000654321', '0451000765432']) {
      expect(await lookup(`reference=MBVCB.${account}`)).toEqual([]);
      expect(await lookup(`reference=IBVCB.${account}`)).toEqual([]);
    }
    expect(await lookup('reference=MBVCB.FT24246040454839')).toEqual([]);
    expect(await lookup('reference=MBVCB.')).toEqual([]);
  });

  it('finds a gift whose own reference is the prefixed number once, not once per half', async () => {
    const imported = await importInto(FUND, statement('08/09/2024,MBVCB.7000000001,,70.000,MBVCB.7000000001.LE VAN BAY chuyen tien'));
    expect(imported.body).toMatchObject({ imported: 1, rejected: [] });
    position = imported.body.position;
    expect((await lookup('reference=MBVCB.7000000001')).map((item) => [item.reference, item.amountVnd])).toEqual([['MBVCB.7000000001', '70000']]);
    expect((await lookup('reference=7000000001')).map((item) => item.amountVnd)).toEqual(['70000']);
    const staff = await as(books.accountant, 'get', `/v1/funds/${FUND}/donations?reference=MBVCB.7000000001&minPosition=${position}`);
    expect(staff.body.items.map((item: Found) => item.amountVnd)).toEqual(['70000']);
  });
});
