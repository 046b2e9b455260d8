/**
 * R14 three clocks: `?asOf=` is a business date (a day is the end of that day in Vietnam time, a
 * timestamp is taken as given), `?atPosition=` a log position, `?recordedBefore=` the recording
 * clock (v1's asOf). Donations dated 12–15 May 2024 are recorded today: by business date they
 * count on 16 May 2024; by recording time they do not exist yet then.
 */
import './esm-interop';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

const FUND = 'quy-ngay';
let ledger: TestLedger;
let accountant: string;
const positions: Record<string, number> = {};
let openedAtMs: number;

const balance = (query: string) => ledger.http().get(`/v1/funds/${FUND}/balance?${query}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);

async function donate(name: string, amount: string, receivedAt: string): Promise<void> {
  const response = await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${accountant}`).send({
    amount, channel: 'bank_transfer', receivedAt, reference: `FT-${name}`,
    donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
  });
  if (response.status !== 201) throw new Error(`donation ${name}: ${response.status} ${JSON.stringify(response.body)}`);
  positions[name] = Number(response.body.position);
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('ke-toan', ['accountant'])).token;
  openedAtMs = Date.now();
  const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ ngày' });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  await donate('may12', '1000000', '2024-05-12T09:00:00+07:00');
  await donate('may14', '2000000', '2024-05-14T09:00:00+07:00');
  // Late in the evening of the 15th, Vietnam time: already the 16th in UTC+8 and beyond, still the 15th here.
  await donate('may15', '4000000', '2024-05-15T23:30:00+07:00');
  await donate('may20', '8000000', '2024-05-20T09:00:00+07:00');
}, 30_000);
afterAll(async () => ledger?.close());

describe('R14 look-back reads name their clock: business date, log position, recording time', () => {
  it('?asOf=2024-05-16 is a business date: the donations of 12–15 May count, the one of 20 May does not', async () => {
    const head = await ledger.store.headPosition();
    const response = await balance('asOf=2024-05-16');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: '7000000', available: '7000000', asOfPosition: head });
  });

  it('a date means the end of that day in Vietnam time; a timestamp is that instant, by business date', async () => {
    expect((await balance('asOf=2024-05-15')).body.received).toBe('7000000');
    expect((await balance('asOf=2024-05-14')).body.received).toBe('3000000');
    expect((await balance(`asOf=${encodeURIComponent('2024-05-15T12:00:00+07:00')}`)).body.received).toBe('3000000');
    // The same instant in UTC.
    expect((await balance(`asOf=${encodeURIComponent('2024-05-15T16:30:00Z')}`)).body.received).toBe('7000000');
    expect((await balance('asOf=2024-05-11')).body.received).toBe('0');
  });

  it('asOf and atPosition together: dated by asOf, as the log stood at N; the answer states N', async () => {
    const response = await balance(`asOf=2024-05-31&atPosition=${positions.may14}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: '3000000', asOfPosition: positions.may14 });
  });

  it('?recordedBefore= keeps v1\'s meaning: the log as it was recorded by that instant', async () => {
    const before = await balance(`recordedBefore=${encodeURIComponent(new Date(openedAtMs - 1000).toISOString())}`);
    // Recorded before the fund was opened, the log had no such fund.
    expect(before.status).toBe(404);
    expect(before.body.error).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'fund' } });
    const now = await balance(`recordedBefore=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(now.body.received).toBe('15000000');
  });

  it('bad values are 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['asOf=yesterday', 'asOf'], ['asOf=2024-02-30', 'asOf'], ['asOf=2024-05-12T09:30:00', 'asOf'],
      ['recordedBefore=2024-05-12', 'recordedBefore'], ['recordedBefore=soon', 'recordedBefore'],
      ['atPosition=-1', 'atPosition'], ['atPosition=999999', 'atPosition'],
    ];
    for (const [query, field] of cases) {
      const response = await balance(query);
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.error.details.fields).toEqual([{ field, reason: expect.any(String) }]);
    }
  });
});
