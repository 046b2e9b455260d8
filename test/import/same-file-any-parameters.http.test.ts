/**
 * The same statement file (by sha256) imported again books nothing, whatever the parameters
 * (api-v2.md "Bank statements"): also when its first import was not recorded whole (a refused
 * line), and when two imports of it run at once.
 */
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { genericCsv, type GenericLine } from './support/statements';

const FUND = 'quy-tan-phu';

let ledger: TestLedger;
let accountant: string;

function importFile(body: Buffer, query = '') {
  return ledger.http().post(`/v1/funds/${FUND}/imports${query}`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(body);
}

async function eventsOfFile(type: string, sha256: string): Promise<number> {
  let count = 0;
  for await (const event of ledger.store.readAll()) {
    if (event.type === type && (event.data as { source?: { statementSha256?: string } }).source?.statementSha256 === sha256) count += 1;
  }
  return count;
}

async function donationsOfFile(sha256: string): Promise<number> {
  let count = 0;
  for await (const event of ledger.store.readAll()) {
    if (event.type === 'DonationRecorded' && (event.data as { source?: { fileSha256?: string } }).source?.fileSha256 === sha256) count += 1;
  }
  return count;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Lan', ['accountant'])).token;
  const response = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ xã Tân Phú' });
  expect(response.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('a statement without its own account, whose first import refused a line', () => {
  const csv = Buffer.from(genericCsv([
    { date: '07/09/2024', reference: 'FT71', credit: '70.000', description: 'LUU VAN BAY ung ho' },
    { date: '31/09/2024', reference: 'FT72', credit: '80.000', description: 'ngay sai' },
  ]));

  it('imported again without the account, or with another, books none of its lines twice', async () => {
    const first = await importFile(csv, '?bankAccount=0071000111222');
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 1, alreadyImported: false }));
    for (const query of ['', '?bankAccount=0071000333444']) {
      const again = await importFile(csv, query);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(expect.objectContaining({ imported: 0, duplicates: 1, rejectedCount: 1, bankAccount: '0071000111222' }));
      expect(again.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['ACCOUNT_DIFFERS']);
    }
    expect(await donationsOfFile(first.body.fileSha256)).toBe(1);
  });
});

describe('two imports of one file at once, naming different accounts', () => {
  it('book each line once', async () => {
    const csv = Buffer.from(genericCsv(Array.from({ length: 40 }, (_, index) => ({
      date: '08/09/2024', reference: `FT8${index}`, credit: `${index + 1}0.000`, description: `NGUYEN VAN ${index} ung ho`,
    }))));
    const [a, b] = await Promise.all([importFile(csv, '?bankAccount=0071000555666'), importFile(csv, '?bankAccount=0071000777888')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.imported + b.body.imported).toBe(40);
    expect(await donationsOfFile(a.body.fileSha256)).toBe(40);
  });
});

describe('a statement without its own account that holds a bank fee and no donation, whose first import refused a line', () => {
  it('imported again with another account books the fee once', async () => {
    const csv = Buffer.from(genericCsv([
      { date: '09/09/2024', reference: 'FT91', credit: '900.000', description: 'PHAM VAN CHIN ung ho' },
      { date: '09/09/2024', reference: 'SMS', debit: '11.000', description: 'Phi SMS Banking thang 08/2024' },
      { date: '32/09/2024', reference: 'FT92', credit: '10.000', description: 'ngay sai' },
    ]));
    const first = await importFile(csv, '?bankAccount=0071000999111');
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ imported: 1, rejectedCount: 1, debits: { fees: 1, interest: 0, unclassified: 0 } }));
    const again = await importFile(csv, '?bankAccount=0071000999222');
    expect(again.status).toBe(200);
    expect(await eventsOfFile('BankFeeCharged', first.body.fileSha256)).toBe(1);
  });

  it('with no donation among its lines, imported again with another account, books the fee once', async () => {
    const csv = Buffer.from(genericCsv([
      { date: '10/09/2024', reference: 'SMS10', debit: '12.000', description: 'Phi SMS Banking thang 09/2024' },
      { date: '32/09/2024', reference: 'FT93', credit: '10.000', description: 'ngay sai' },
    ]));
    const first = await importFile(csv, '?bankAccount=0071000999111');
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ imported: 0, rejectedCount: 1, debits: { fees: 1, interest: 0, unclassified: 0 } }));
    const again = await importFile(csv, '?bankAccount=0071000999222');
    expect(again.status).toBe(200);
    expect(await eventsOfFile('BankFeeCharged', first.body.fileSha256)).toBe(1);
  });
});

describe('the same statement in another file (downloaded again, or one line ending more), without its own account', () => {
  const lines = [
    { date: '11/09/2024', reference: 'FT1101', credit: '110.000', description: 'TRAN THI MUOI MOT ung ho' },
    { date: '11/09/2024', reference: 'SMS11', debit: '11.000', description: 'Phi SMS Banking thang 09/2024' },
    { date: '12/09/2024', reference: 'FT1201', credit: '120.000', description: 'LE VAN MUOI HAI ung ho' },
  ];
  const file = Buffer.from(genericCsv(lines));
  const redownloaded = Buffer.concat([file, Buffer.from('\r\n')]);
  const withBlankLines = Buffer.concat([file, Buffer.from('\r\n\r\n')]);
  /** The bank's own export, which prints the account above the header. */
  const printed = Buffer.from(`\ufeffSố tài khoản: 0071000121212\r\n${genericCsv(lines).slice(1)}`);

  it('books each transfer and fee once, whatever account each import names, and says which account identifies them', async () => {
    // Without the matching, each of these imports booked the two transfers and the fee again.
    const first = await importFile(file, '?bankAccount=0071000121212');
    expect(first.body).toEqual(expect.objectContaining({ imported: 2, duplicates: 0, debits: { fees: 1, interest: 0, unclassified: 0 } }));
    for (const [body, query, given] of [[redownloaded, '?bankAccount=0071000343434', '0071000343434'], [withBlankLines, '', null]] as const) {
      const again = await importFile(body, query);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(expect.objectContaining({ imported: 0, duplicates: 2, alreadyImported: false, bankAccount: '0071000121212', debits: { fees: 0, interest: 0, unclassified: 0 } }));
      expect(again.body.warnings).toEqual([expect.objectContaining({ code: 'ACCOUNT_DIFFERS', account: '0071000121212', given })]);
    }
    // The bank's export of the account the first import named: the same identity, nothing to say.
    const own = await importFile(printed);
    expect(own.body).toEqual(expect.objectContaining({ imported: 0, duplicates: 2, warnings: [] }));
    let donations = 0;
    let fees = 0;
    for await (const event of ledger.store.readAll()) {
      if (event.type === 'DonationRecorded' && /MUOI (MOT|HAI)/.test(JSON.stringify(event.data))) donations += 1;
      if (event.type === 'BankFeeCharged' && JSON.stringify(event.data).includes('SMS11')) fees += 1;
    }
    expect({ donations, fees }).toEqual({ donations: 2, fees: 1 });
  });

  it('a statement of another account that shares a line or two with it (the month\'s SMS fee, a gift of the same memo) books every line of its own', async () => {
    const shared = [
      { date: '15/10/2024', credit: '100.000', description: 'ung ho dong bao lu lut' },
      { date: '31/10/2024', debit: '11.000', description: 'Phi SMS Banking thang 10/2024' },
    ];
    const onA = await importFile(Buffer.from(genericCsv([...shared, { date: '16/10/2024', reference: 'FT1601', credit: '160.000', description: 'NGO VAN A ung ho' }])), '?bankAccount=0071000111111');
    expect(onA.body).toEqual(expect.objectContaining({ imported: 2, debits: { fees: 1, interest: 0, unclassified: 0 } }));
    const lines: GenericLine[] = [...shared, { date: '17/10/2024', reference: 'FT1701', credit: '170.000', description: 'NGO VAN B ung ho' },
      { date: '18/10/2024', reference: 'FT1801', credit: '180.000', description: 'NGO VAN C ung ho' }, { date: '19/10/2024', reference: 'FT1901', credit: '190.000', description: 'NGO VAN D ung ho' }];
    // Printed on the file, or named by the import: either way a statement of account B, not A's lines again.
    const printedOnB = await importFile(Buffer.from(`\ufeffSố tài khoản: 0071000222222\r\n${genericCsv(lines).slice(1)}`));
    expect(printedOnB.body).toEqual(expect.objectContaining({ imported: 4, duplicates: 0, debits: { fees: 1, interest: 0, unclassified: 0 }, warnings: [] }));
    const namedC = await importFile(Buffer.from(genericCsv(lines.map((line) => ({ ...line, reference: line.reference?.replace('FT', 'FC') })))), '?bankAccount=0071000333333');
    expect(namedC.body).toEqual(expect.objectContaining({ imported: 4, duplicates: 0, debits: { fees: 1, interest: 0, unclassified: 0 } }));
  });
});
