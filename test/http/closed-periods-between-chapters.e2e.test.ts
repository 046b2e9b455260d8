import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectError, expectStatus, openFund, vietnamYearOf } from './support/http-helpers';

/**
 * Money between chapters and the sender's closed periods (api-v2 "Between chapters", "Policy,
 * legal basis, periods"; R16, R29): money in transit when the sender closed a period stays in
 * transit in it. A receipt dated in it is refused; a delivery receipt of another ledger dated in
 * it counts from the first day after it, the receipt keeping its own date.
 */
let ledger: TestLedger;
let accountant: string;
let provinceAccountant: string;
let approver: string;

const COMMUNE = 'quy-xa-khoa-so';
const PROVINCE = 'quy-tinh-khoa-so';
const LAST_YEAR = vietnamYearOf() - 1;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán xã', ['accountant'])).token;
  provinceAccountant = (await ledger.user('Kế toán tỉnh', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  await openFund(ledger, COMMUNE);
  await openFund(ledger, PROVINCE);
});

afterAll(async () => {
  await ledger?.close();
});

const post = (token: string | undefined, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const get = (token: string | undefined, path: string) => call(ledger, 'get', path, undefined, { token });

async function balanceAsOf(fundId: string, asOf: string, minPosition: number) {
  const response = await get(accountant, `/v1/funds/${fundId}/balance?asOf=${asOf}&minPosition=${minPosition}`);
  expectStatus(response, 200);
  return response.body as { inTransitOut: string; transferredOut: string; available: string; asOfPosition: number };
}

describe('a closed period of the sender', () => {
  it('keeps its figures: a receipt dated in it, after the sender closed it, is 422 PERIOD_CLOSED (api-v2 periods; R29)', async () => {
    const y = LAST_YEAR;
    expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '1000000', receivedAt: `${y}-11-01T09:00:00+07:00` })), 201);
    const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, {
      toFundId: PROVINCE, amount: '1000000', component: 'general', purpose: 'Chuyển lên tỉnh', requestedAt: `${y}-11-10T09:00:00+07:00`,
    });
    expectStatus(sent, 201);
    const transferId = sent.body.transferId as string;
    expectStatus(await post(approver, `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`, { approvedAt: `${y}-11-12T09:00:00+07:00` }), 200);
    const closed = await post(undefined, `/v1/funds/${COMMUNE}/periods/${y}/close`, { decisionRef: '12/QĐ-CTĐ' });
    expectStatus(closed, 200);
    const published = await balanceAsOf(COMMUNE, `${y}-12-31`, closed.body.position ?? 1);
    expect(published).toMatchObject({ inTransitOut: '1000000', transferredOut: '0' });

    // The province has closed nothing; the receipt is dated in the commune's closed year.
    const received = await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, { receivedAt: `${y}-11-20T09:00:00+07:00` });
    // api-v2: "An entry whose business date falls in a closed period is 422 PERIOD_CLOSED". The
    // receipt is booked in the commune's own spending stream and would move its money from in
    // transit to transferred out on that date: the commune's closed year would change after the close.
    expectError(received, 422, 'PERIOD_CLOSED');
    const after = await balanceAsOf(COMMUNE, `${y}-12-31`, Math.max(received.body.position ?? 0, 1));
    expect({ inTransitOut: after.inTransitOut, transferredOut: after.transferredOut }).toEqual({ inTransitOut: '1000000', transferredOut: '0' });
  });
});

describe('a closed period of the sender, for a transfer to a ledger elsewhere', () => {
  let ledgerB: TestLedger;
  afterAll(async () => {
    jest.useRealTimers();
    await ledgerB?.close();
  });

  it('keeps its figures: a delivery receipt recorded after the close does not move money out of transit on a day inside it (api-v2 periods; R16, R29)', async () => {
    const y = LAST_YEAR;
    const SENDER = 'quy-xa-gui-xa';
    const FAR = 'quy-tinh-so-khac';
    ledgerB = await startTestLedger();
    const accountantB = (await ledgerB.user('Kế toán tỉnh B', ['accountant'])).token;
    await openFund(ledger, SENDER);
    await openFund(ledgerB, FAR);
    expectStatus(await post(accountant, `/v1/funds/${SENDER}/donations`, donationBody({ amount: '2000000', receivedAt: `${y}-12-01T09:00:00+07:00` })), 201);
    const sent = await post(accountant, `/v1/funds/${SENDER}/transfers`, {
      toFundId: FAR, amount: '2000000', component: 'general', purpose: 'Chuyển lên tỉnh (sổ khác)', requestedAt: `${y}-12-10T09:00:00+07:00`,
    });
    expectStatus(sent, 201);
    const transferId = sent.body.transferId as string;
    expectStatus(await post(approver, `/v1/funds/${SENDER}/transfers/${transferId}/approve`, { approvedAt: `${y}-12-20T09:00:00+07:00` }), 200);
    const note = (await get(accountant, `/v1/funds/${SENDER}/transfers/${transferId}/note`)).body as Record<string, unknown>;
    const keyOfA = (await call(ledger, 'get', '/v1/public/keys', undefined, { token: null })).body[0] as { keyId: string; publicKey: string };
    const keyOfB = (await call(ledgerB, 'get', '/v1/public/keys', undefined, { token: null })).body[0] as { keyId: string; publicKey: string };
    expectStatus(await call(ledgerB, 'post', `/v1/funds/${FAR}/trusted-keys`, { keyId: keyOfA.keyId, publicKey: keyOfA.publicKey, chapter: 'Xã gửi' }), 201);
    expectStatus(await call(ledger, 'post', `/v1/funds/${SENDER}/trusted-keys`, { keyId: keyOfB.keyId, publicKey: keyOfB.publicKey, chapter: 'Tỉnh sổ khác' }), 201);

    // Ledger B booked the note on 28 December of that year (its clock then).
    jest.useFakeTimers({
      now: new Date(`${y}-12-28T10:00:00+07:00`),
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    const booked = await call(ledgerB, 'post', `/v1/funds/${FAR}/transfers/import-note`, note, { token: accountantB });
    jest.useRealTimers();
    expectStatus(booked, 201);
    const receipt = booked.body.receipt as Record<string, unknown>;

    // Ledger A closes the year before its accountant gets to the receipt; its year-end shows the money in transit.
    const closed = await post(undefined, `/v1/funds/${SENDER}/periods/${y}/close`, { decisionRef: '13/QĐ-CTĐ' });
    expectStatus(closed, 200);
    const published = await balanceAsOf(SENDER, `${y}-12-31`, 1);
    expect(published).toMatchObject({ inTransitOut: '2000000', transferredOut: '0' });

    const done = await post(accountant, `/v1/funds/${SENDER}/transfers/${transferId}/delivered`, receipt);
    // api-v2: nothing may be dated in a closed period. The receipt's business date is inside the
    // closed year: the closed year's figures stay as they were, the money in transit.
    expectStatus(done, 200);
    const after = await balanceAsOf(SENDER, `${y}-12-31`, done.body.position);
    expect({ inTransitOut: after.inTransitOut, transferredOut: after.transferredOut }).toEqual({ inTransitOut: '2000000', transferredOut: '0' });
    // It arrives on the first day of the next year, the first day of a period still open.
    const nextYear = await balanceAsOf(SENDER, `${y + 1}-01-01`, done.body.position);
    expect({ inTransitOut: nextYear.inTransitOut, transferredOut: nextYear.transferredOut }).toEqual({ inTransitOut: '0', transferredOut: '2000000' });
  });
});
