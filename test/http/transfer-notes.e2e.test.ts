import { verify, createPublicKey } from 'node:crypto';
import Decimal from 'decimal.js';
import { canonicalJson } from '../../src/shared/canonical-json';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { balanceAt, call, disbursementBody, donationBody, expectError, expectNothingAppended, expectStatus, openFund } from './support/http-helpers';

/**
 * Transfers to a ledger elsewhere (issue 18; api-v2 "Between chapters"), across two real
 * installations: two Nest apps, each on its own SQLite file and with its own signing key. Ledger
 * A's commune fund sends money to a province fund that only ledger B holds; A gives the signed
 * note, B's admin trusts A's key, B's accountant imports the note once, with its restriction.
 */
let ledgerA: TestLedger;
let ledgerB: TestLedger;
const A: Record<string, string> = {};
const B: Record<string, string> = {};

const COMMUNE = 'quy-xa-an-phu';
const OTHER_COMMUNE = 'quy-xa-binh-an';
const PROVINCE = 'quy-tinh-dong-thap';
const OTHER_PROVINCE_FUND = 'quy-tinh-du-phong';
/** The delivery receipts B's import answers gave, by transfer: what A records to close its transit. */
const receipts: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  [ledgerA, ledgerB] = await Promise.all([startTestLedger(), startTestLedger()]);
  A.accountant = (await ledgerA.user('Kế toán xã', ['accountant'])).token;
  A.approver = (await ledgerA.user('Người duyệt xã', ['approver'])).token;
  A.auditor = (await ledgerA.user('Kiểm toán xã', ['auditor'])).token;
  B.accountant = (await ledgerB.user('Kế toán tỉnh', ['accountant'])).token;
  B.auditor = (await ledgerB.user('Kiểm toán tỉnh', ['auditor'])).token;
  await openFund(ledgerA, COMMUNE, { chapter: 'Hội Chữ thập đỏ xã An Phú' });
  await openFund(ledgerA, OTHER_COMMUNE);
  await openFund(ledgerB, PROVINCE);
  await openFund(ledgerB, OTHER_PROVINCE_FUND);
});

afterAll(async () => {
  await ledgerA?.close();
  await ledgerB?.close();
});

const post = (ledger: TestLedger, token: string | undefined, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const get = (ledger: TestLedger, token: string | undefined, path: string) => call(ledger, 'get', path, undefined, { token });

describe('a designated gift sent from ledger A to a province fund of ledger B', () => {
  let transferId: string;
  let note: Record<string, unknown>;
  let keyOfA: { keyId: string; publicKey: string };

  it('ledger A: the transfer to a fund it does not hold is external; its note is given only once it is in transit', async () => {
    const gift = await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '8000000', restriction: { purpose: 'Chữa bệnh cho em Mai', beneficiary: 'Lê Thị Mai' } }));
    expectStatus(gift, 201);
    const sent = await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers`, {
      toFundId: PROVINCE, amount: '8000000', component: 'general', restrictionId: gift.body.donationId, purpose: 'Chuyển theo địa chỉ lên tỉnh',
    });
    expectStatus(sent, 201);
    transferId = sent.body.transferId;
    const early = await get(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers/${transferId}/note`);
    expectError(early, 422, 'INVALID_STATE');
    expect(early.body.error.details).toMatchObject({ status: 'requested' });
    expectStatus(await post(ledgerA, A.approver, `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`), 200);

    const given = await get(ledgerA, A.auditor, `/v1/funds/${COMMUNE}/transfers/${transferId}/note`);
    expectStatus(given, 200);
    note = given.body;
    const keys = await call(ledgerA, 'get', '/v1/public/keys', undefined, { token: null });
    [keyOfA] = keys.body;
    const requested = (await ledgerA.store.readStream(`ctd.spending.${COMMUNE}`)).find((event) => event.type === 'TransferRequested');
    expect(note).toEqual({
      format: 'ctd-transfer-note/1', ledger: expect.any(String), keyId: keyOfA.keyId, fromFundId: COMMUNE, fromChapter: 'Hội Chữ thập đỏ xã An Phú',
      transferId, toFundId: PROVINCE, amount: '8000000', currency: 'VND', component: 'general', campaignId: null, restrictionId: gift.body.donationId,
      restrictionPurpose: 'Chữa bệnh cho em Mai', restrictionBeneficiary: 'Lê Thị Mai', purpose: 'Chuyển theo địa chỉ lên tỉnh',
      businessDate: expect.any(String), position: requested?.position, signature: expect.any(String),
    });
    // Anyone holding A's published key checks the note without this ledger's code but canonical JSON.
    const { signature, ...rest } = note;
    const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(keyOfA.publicKey, 'base64')]), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(canonicalJson(rest), 'utf8'), publicKey, Buffer.from(String(signature), 'base64'))).toBe(true);
    // The same transfer gives the same note.
    expect((await get(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers/${transferId}/note`)).body).toEqual(note);
    // An approver has no note to download; the sender's money is in transit.
    expectError(await get(ledgerA, A.approver, `/v1/funds/${COMMUNE}/transfers/${transferId}/note`), 403, 'FORBIDDEN');
    const commune = await balanceAt(ledgerA, COMMUNE, requested!.position + 1);
    expect(commune).toMatchObject({ inTransitOut: '8000000', available: '0' });
  });

  it('ledger A: a transfer between two of its own funds has no note', async () => {
    expectStatus(await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '1000000' })), 201);
    const inside = await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: OTHER_COMMUNE, amount: '1000000', component: 'general', purpose: 'Hỗ trợ xã bạn' });
    expectStatus(inside, 201);
    expectStatus(await post(ledgerA, A.approver, `/v1/funds/${COMMUNE}/transfers/${inside.body.transferId}/approve`), 200);
    const refused = await get(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers/${inside.body.transferId}/note`);
    expectError(refused, 422, 'INVALID_STATE');
    expect(refused.body.error.details).toMatchObject({ external: false, toFundId: OTHER_COMMUNE });
    expectError(await get(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers/TR-${COMMUNE}-000099/note`), 404, 'NOT_FOUND');
  });

  it('ledger B: a note of a key nobody registered books nothing (422 INVALID_SIGNATURE, UNTRUSTED_KEY)', async () => {
    const refused = await expectNothingAppended(ledgerB, () => post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, note));
    expectError(refused, 422, 'INVALID_SIGNATURE');
    expect(refused.body.error.details).toMatchObject({ reason: 'UNTRUSTED_KEY', keyId: keyOfA.keyId });
  });

  it('ledger B: the admin trusts A\'s key; the accountant may not, the auditor reads the list', async () => {
    const body = { keyId: keyOfA.keyId, publicKey: keyOfA.publicKey, chapter: 'Hội Chữ thập đỏ xã An Phú' };
    expectError(await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/trusted-keys`, body), 403, 'FORBIDDEN');
    expectError(await post(ledgerB, undefined, `/v1/funds/${PROVINCE}/trusted-keys`, { ...body, publicKey: 'AAAA' }), 400, 'VALIDATION_FAILED');
    const registered = await post(ledgerB, undefined, `/v1/funds/${PROVINCE}/trusted-keys`, body);
    expectStatus(registered, 201);
    expect(registered.body).toMatchObject({ fundId: PROVINCE, keyId: keyOfA.keyId, position: expect.any(Number) });
    expectError(await post(ledgerB, undefined, `/v1/funds/${PROVINCE}/trusted-keys`, body), 409, 'ALREADY_EXISTS');
    const list = await get(ledgerB, B.auditor, `/v1/funds/${PROVINCE}/trusted-keys`);
    expectStatus(list, 200);
    expect(list.body.keys).toEqual([expect.objectContaining({ keyId: keyOfA.keyId, publicKey: keyOfA.publicKey, chapter: 'Hội Chữ thập đỏ xã An Phú' })]);
    // The other fund of B trusts its own keys: nothing registered there.
    expect((await get(ledgerB, B.auditor, `/v1/funds/${OTHER_PROVINCE_FUND}/trusted-keys`)).body.keys).toEqual([]);
  });

  it('ledger B: a note with one digit changed, or addressed to another fund, books nothing', async () => {
    const altered = { ...note, amount: '9000000' };
    const refused = await expectNothingAppended(ledgerB, () => post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, altered));
    expectError(refused, 422, 'INVALID_SIGNATURE');
    expect(refused.body.error.details).toMatchObject({ reason: 'BAD_SIGNATURE' });
    const extra = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, { ...note, bonus: 1 });
    expectError(extra, 400, 'VALIDATION_FAILED');
    // Into a fund of B that trusts the key too, but is not the one the note names.
    expectStatus(await post(ledgerB, undefined, `/v1/funds/${OTHER_PROVINCE_FUND}/trusted-keys`, { keyId: keyOfA.keyId, publicKey: keyOfA.publicKey, chapter: 'Xã An Phú' }), 201);
    expectError(await post(ledgerB, B.accountant, `/v1/funds/${OTHER_PROVINCE_FUND}/transfers/import-note`, note), 422, 'NOTE_MISADDRESSED');
  });

  it('ledger B: the note is booked once, into a pool with its purpose and beneficiary; importing again says it is booked', async () => {
    const booked = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, note);
    expectStatus(booked, 201);
    const pool = `note:${keyOfA.keyId}:${transferId}`;
    receipts[transferId] = booked.body.receipt;
    expect(booked.body).toMatchObject({ transferId, status: 'received', amount: '8000000', component: 'general', receivedRestrictionId: pool, fromChapter: 'Hội Chữ thập đỏ xã An Phú' });
    const province = await balanceAt(ledgerB, PROVINCE, booked.body.position);
    expect(province).toMatchObject({ received: '0', transferredIn: '8000000', available: '8000000' });
    expect(province.restricted).toEqual([expect.objectContaining({ restrictionId: pool, purpose: 'Chữa bệnh cho em Mai', available: '8000000' })]);

    const again = await expectNothingAppended(ledgerB, () => post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, note));
    expectError(again, 409, 'ALREADY_EXISTS');
    expect(again.body.error.details).toMatchObject({ entity: 'transferNote', transferId, amount: '8000000', importedAt: expect.any(String) });
    expect((await balanceAt(ledgerB, PROVINCE, booked.body.position)).available).toBe('8000000');

    // R16: the designated money is paid only to its beneficiary.
    expectError(await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/disbursements`, disbursementBody({ amount: '1000000', restrictionId: pool, beneficiary: 'Người khác' })), 422, 'RESTRICTION_MISMATCH');
    expectStatus(await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/disbursements`, disbursementBody({ amount: '8000000', restrictionId: pool, beneficiary: 'Lê Thị Mai' })), 201);

    const list = await call(ledgerB, 'get', `/v1/funds/${PROVINCE}/transfers?minPosition=${booked.body.position}`, undefined, { token: B.auditor });
    expectStatus(list, 200);
    expect(list.body.incoming).toEqual([expect.objectContaining({ transferId, fromFundId: COMMUNE, external: true, status: 'received', fromChapter: 'Hội Chữ thập đỏ xã An Phú' })]);
  });

  it('the reports count the imported note once: B\'s receipt from the commune, still in transit at A', async () => {
    // Read at each ledger's head: the registers behind the reports are built off the request thread.
    const report = async (ledger: TestLedger, token: string, fundId: string, name: string) => {
      const answer = await get(ledger, token, `/v1/funds/${fundId}/reports/${name}?minPosition=${await ledger.store.headPosition()}`);
      expectStatus(answer, 200);
      return answer.body as { rows: Record<string, unknown>[] };
    };
    const financial = await report(ledgerB, B.auditor, PROVINCE, 'financial');
    expect(financial.rows.find((row) => row.line === 'receipts.transfersIn')).toMatchObject({ amount: '8000000' });
    const network = await report(ledgerB, B.auditor, PROVINCE, 'network');
    expect(network.rows.filter((row) => row.section === 'incoming')).toEqual([
      expect.objectContaining({ counterpartFundId: COMMUNE, counterpartName: 'Hội Chữ thập đỏ xã An Phú', sent: '8000000', arrived: '8000000', inTransit: '0' }),
    ]);
    const sender = await report(ledgerA, A.auditor, COMMUNE, 'network');
    expect(sender.rows.find((row) => row.section === 'outgoing' && row.counterpartFundId === PROVINCE)).toMatchObject({ inTransit: '8000000' });
  });

  it('ledger B: two imports of one note at the same moment book it once (decided one at a time in the fund\'s spending stream)', async () => {
    expectStatus(await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '3000000' })), 201);
    const sent = await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount: '3000000', component: 'general', purpose: 'Đợt hai' });
    expectStatus(sent, 201);
    expectStatus(await post(ledgerA, A.approver, `/v1/funds/${COMMUNE}/transfers/${sent.body.transferId}/approve`), 200);
    const second = (await get(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers/${sent.body.transferId}/note`)).body;
    const before = await balanceAt(ledgerB, PROVINCE, 1);
    const answers = await Promise.all([1, 2, 3].map(() => post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, second)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const booked = answers.find((answer) => answer.status === 201)!;
    receipts[sent.body.transferId] = booked.body.receipt;
    const after = await balanceAt(ledgerB, PROVINCE, booked.body.position);
    const transferredIn = (balance: object) => (balance as { transferredIn: string }).transferredIn;
    expect(new Decimal(transferredIn(after)).minus(transferredIn(before)).toFixed()).toBe('3000000');
  });
});

describe('the closing half: B signs a delivery receipt, A records it and its money leaves transit for good', () => {
  const first = `TR-${COMMUNE}-000001`;
  const inside = `TR-${COMMUNE}-000002`;
  const second = `TR-${COMMUNE}-000003`;
  let keyOfB: { keyId: string; publicKey: string };
  const delivered = (token: string | undefined, transferId: string, body: unknown) =>
    post(ledgerA, token, `/v1/funds/${COMMUNE}/transfers/${transferId}/delivered`, body);

  it('ledger B: the import answered a receipt signed with B\'s published key; the auditor downloads the same one later', async () => {
    keyOfB = (await call(ledgerB, 'get', '/v1/public/keys', undefined, { token: null })).body[0];
    const receipt = receipts[first];
    expect(receipt).toEqual({
      format: 'ctd-transfer-receipt/1', ledger: expect.any(String), keyId: keyOfB.keyId, toFundId: PROVINCE, toChapter: expect.any(String),
      transferId: first, fromLedger: receipts[first].fromLedger, fromFundId: COMMUNE, amount: '8000000', currency: 'VND',
      businessDate: expect.any(String), position: expect.any(Number), signature: expect.any(String),
    });
    const imported = (await ledgerB.store.readStream(`ctd.spending.${PROVINCE}`)).find((event) => event.type === 'TransferNoteImported');
    expect(receipt.position).toBe(imported?.position);
    const { signature, ...rest } = receipt;
    const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(keyOfB.publicKey, 'base64')]), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(canonicalJson(rest), 'utf8'), publicKey, Buffer.from(String(signature), 'base64'))).toBe(true);
    const again = await get(ledgerB, B.auditor, `/v1/funds/${PROVINCE}/transfers/incoming/${first}/receipt`);
    expectStatus(again, 200);
    expect(again.body).toEqual(receipt);
    expectError(await get(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/incoming/TR-${COMMUNE}-000099/receipt`), 404, 'NOT_FOUND');
    expectError(await get(ledgerB, B.accountant, `/v1/funds/${OTHER_PROVINCE_FUND}/transfers/incoming/${first}/receipt`), 404, 'NOT_FOUND');
  });

  it('ledger A: a receipt of a key A does not trust closes nothing (422 INVALID_SIGNATURE, UNTRUSTED_KEY)', async () => {
    const refused = await expectNothingAppended(ledgerA, () => delivered(A.accountant, first, receipts[first]));
    expectError(refused, 422, 'INVALID_SIGNATURE');
    expect(refused.body.error.details).toMatchObject({ reason: 'UNTRUSTED_KEY', keyId: keyOfB.keyId });
  });

  it('ledger A: once its admin trusts B\'s key, an altered receipt, a receipt of another transfer and an internal transfer are refused', async () => {
    expectStatus(await post(ledgerA, undefined, `/v1/funds/${COMMUNE}/trusted-keys`, { keyId: keyOfB.keyId, publicKey: keyOfB.publicKey, chapter: 'Hội Chữ thập đỏ tỉnh Đồng Tháp' }), 201);
    const altered = await expectNothingAppended(ledgerA, () => delivered(A.accountant, first, { ...receipts[first], amount: '80000000' }));
    expectError(altered, 422, 'INVALID_SIGNATURE');
    expect(altered.body.error.details).toMatchObject({ reason: 'BAD_SIGNATURE' });
    const elsewhere = await expectNothingAppended(ledgerA, () => delivered(A.accountant, second, receipts[first]));
    expectError(elsewhere, 422, 'RECEIPT_MISMATCH');
    expect(elsewhere.body.error.details).toMatchObject({ field: 'transferId', expected: second, actual: first });
    const internal = await delivered(A.accountant, inside, receipts[first]);
    expectError(internal, 422, 'INVALID_STATE');
    expect(internal.body.error.details).toMatchObject({ external: false });
    expectError(await delivered(A.approver, first, receipts[first]), 403, 'FORBIDDEN');
    expectError(await delivered(A.accountant, first, { ...receipts[first], bonus: 1 }), 400, 'VALIDATION_FAILED');
  });

  it('ledger A: the receipt is recorded once; the transfer is delivered, its money transferred out, nothing left in transit', async () => {
    const figures = async (position: number) => (await balanceAt(ledgerA, COMMUNE, position)) as unknown as { inTransitOut: string; transferredOut: string; available: string };
    const before = await figures(1);
    expect(before.inTransitOut).toBe('12000000');
    const done = await delivered(A.accountant, first, receipts[first]);
    expectStatus(done, 200);
    expect(done.body).toMatchObject({ transferId: first, status: 'delivered', toLedger: receipts[first].ledger, receivedAt: receipts[first].businessDate });
    const again = await expectNothingAppended(ledgerA, () => delivered(A.accountant, first, receipts[first]));
    expectError(again, 409, 'ALREADY_EXISTS');
    expect(again.body.error.details).toMatchObject({ entity: 'transferDelivery', transferId: first, recordedAt: expect.any(String) });

    expectStatus(await delivered(A.accountant, second, receipts[second]), 200);
    const received = await post(ledgerA, A.accountant, `/v1/funds/${OTHER_COMMUNE}/transfers/${inside}/receive`);
    expectStatus(received, 200);
    const after = await figures(received.body.position);
    expect(after).toMatchObject({ inTransitOut: '0', available: '0' });
    expect(new Decimal(after.transferredOut).minus(before.transferredOut).toFixed()).toBe('12000000');
    const list = await call(ledgerA, 'get', `/v1/funds/${COMMUNE}/transfers?minPosition=${received.body.position}`, undefined, { token: A.auditor });
    expect(list.body.sent).toEqual(expect.arrayContaining([
      expect.objectContaining({ transferId: first, status: 'delivered', external: true, toLedger: receipts[first].ledger, closedAt: receipts[first].businessDate }),
      expect.objectContaining({ transferId: second, status: 'delivered' }),
    ]));
  });

  it('ledger A: looking back by business date, the delivered money left transit on the day B booked it, not when A recorded the receipt', async () => {
    // B booked the first transfer at receipts[first].businessDate; A recorded the receipt later (its recording time).
    const bookedAt = String(receipts[first].businessDate);
    const asOf = async (instant: string) => {
      const response = await get(ledgerA, A.auditor, `/v1/funds/${COMMUNE}/balance?asOf=${encodeURIComponent(instant)}`);
      expectStatus(response, 200);
      return response.body as { inTransitOut: string; transferredOut: string; asOfPosition: number };
    };
    const justBefore = await asOf(new Date(Date.parse(bookedAt) - 1).toISOString());
    const booked = await asOf(bookedAt);
    expect(new Decimal(booked.transferredOut).minus(justBefore.transferredOut).toFixed()).toBe('8000000');
    expect(new Decimal(justBefore.inTransitOut).minus(booked.inTransitOut).toFixed()).toBe('8000000');
  });
});

describe('general money sent from ledger A, booked at ledger B and assigned there to one of its campaigns', () => {
  const TET = 'tet-nhan-ai-tinh';
  let transferId: string;
  let ledgerOfA: string;

  const byCampaign = async (position: number) => ((await balanceAt(ledgerB, PROVINCE, position)) as unknown as { byCampaign: Record<string, Record<string, string>> }).byCampaign[TET];
  const incomingLine = async (position: number) => {
    const list = await call(ledgerB, 'get', `/v1/funds/${PROVINCE}/transfers?minPosition=${position}`, undefined, { token: B.accountant });
    expectStatus(list, 200);
    return (list.body.incoming as Record<string, unknown>[]).find((line) => line.transferId === transferId && line.fromLedger === ledgerOfA);
  };

  it('ledger B: the note books the commune\'s general money as the province\'s; the accountant assigns it to the province\'s Tết campaign, naming A\'s ledger', async () => {
    expectStatus(await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '3000000' })), 201);
    const sent = await post(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount: '3000000', component: 'general', purpose: 'Hỗ trợ Tết cho tỉnh' });
    expectStatus(sent, 201);
    transferId = sent.body.transferId;
    expectStatus(await post(ledgerA, A.approver, `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`), 200);
    const note = (await get(ledgerA, A.accountant, `/v1/funds/${COMMUNE}/transfers/${transferId}/note`)).body as Record<string, unknown>;
    ledgerOfA = String(note.ledger);
    const vn = (days: number) => new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
    expectStatus(await post(ledgerB, undefined, `/v1/funds/${PROVINCE}/campaigns`, { campaignId: TET, name: 'Tết Nhân ái của tỉnh', kind: 'tet', receiveFrom: vn(-10), receiveUntil: vn(30) }), 201);
    const booked = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/import-note`, note);
    expectStatus(booked, 201);
    expect(booked.body).toMatchObject({ transferId, receivedRestrictionId: null, component: 'general' });
    expect(await incomingLine(booked.body.position)).toMatchObject({ status: 'received', receivedCampaignId: null, external: true });

    // B holds no transfer of its own by that id: named without its ledger, the money is not found.
    const unnamed = await expectNothingAppended(ledgerB, () => post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/assign-campaign`, { campaignId: TET, reason: 'Thư của Hội xã' }));
    expectError(unnamed, 404, 'NOT_FOUND');

    const assigned = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/assign-campaign`, { campaignId: TET, reason: 'Thư của Hội xã: tiền cho Tết', fromLedger: ledgerOfA });
    expectStatus(assigned, 200);
    expect(assigned.body).toMatchObject({ transferId, assignmentId: 'TA-000001', status: 'assigned', amount: '3000000', campaignId: TET, toRestrictionId: null });
    expect(await byCampaign(assigned.body.position)).toMatchObject({ movedIn: '3000000', available: '3000000' });
    expect(await incomingLine(assigned.body.position)).toMatchObject({ assignmentId: 'TA-000001', assignedCampaignId: TET });
    const twice = await expectNothingAppended(ledgerB, () => post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/assign-campaign`, { campaignId: TET, reason: 'Lần nữa', fromLedger: ledgerOfA }));
    expectError(twice, 422, 'INVALID_STATE');
    expect(twice.body.error.details).toMatchObject({ status: 'assigned', assignmentId: 'TA-000001' });
  });

  it('ledger B: the assignment is reversed like every money entry, and the note may be assigned again', async () => {
    const reversed = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/reversals`, { entryId: 'TA-000001', reason: 'Ghi nhầm: tiền chung của Hội xã' });
    expectStatus(reversed, 201);
    expect(await byCampaign(reversed.body.position)).toMatchObject({ movedIn: '3000000', movedOut: '3000000', available: '0' });
    expect(await incomingLine(reversed.body.position)).not.toHaveProperty('assignmentId');
    const again = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/assign-campaign`, { campaignId: TET, reason: 'Công văn bổ sung', fromLedger: ledgerOfA });
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ assignmentId: 'TA-000002' });
    expect(await byCampaign(again.body.position)).toMatchObject({ available: '3000000' });
  });
});

describe('ledger B: a transfer of its own and a note of ledger A with the same transfer id, both received by one fund as general money', () => {
  const TET = 'tet-nhan-ai-tinh';

  it('each is assigned and reversed on its own: the note\'s assignment stands while the local transfer is assigned and its assignment reversed', async () => {
    const incoming = async (position: number) => {
      const list = await call(ledgerB, 'get', `/v1/funds/${PROVINCE}/transfers?minPosition=${position}`, undefined, { token: B.accountant });
      expectStatus(list, 200);
      return list.body.incoming as Record<string, unknown>[];
    };
    const before = await incoming(1);
    const noted = before.find((line) => line.fromLedger !== undefined && line.assignedCampaignId === TET);
    expect(noted).toBeDefined();
    const sameId = String(noted!.transferId);
    const sequence = Number(/-(\d{6,})$/.exec(sameId)![1]);

    // Ledger B holds a fund by the commune's id too, whose transfers are numbered as A's are.
    await openFund(ledgerB, COMMUNE);
    const approver = (await ledgerB.user('Người duyệt xã (sổ B)', ['approver'])).token;
    expectStatus(await post(ledgerB, B.accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '5000000' })), 201);
    let local: Record<string, unknown> = {};
    for (let n = 1; n <= sequence; n += 1) {
      local = (await post(ledgerB, B.accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount: n === sequence ? '2000000' : '1000', component: 'general', purpose: 'Chuyển lên tỉnh' })).body;
    }
    expect(local.transferId).toBe(sameId);
    expectStatus(await post(ledgerB, approver, `/v1/funds/${COMMUNE}/transfers/${sameId}/approve`), 200);
    expectStatus(await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${sameId}/receive`), 200);

    const assigned = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${sameId}/assign-campaign`, { campaignId: TET, reason: 'Công văn của Hội xã (sổ B)' });
    expectStatus(assigned, 200);
    expect(assigned.body).toMatchObject({ transferId: sameId, status: 'assigned', amount: '2000000', campaignId: TET });
    const lines = await incoming(assigned.body.position);
    expect(lines.find((line) => line.transferId === sameId && line.fromLedger === undefined)).toMatchObject({ assignmentId: assigned.body.assignmentId, assignedCampaignId: TET });
    expect(lines.find((line) => line.transferId === sameId && line.fromLedger !== undefined)).toMatchObject({ assignmentId: noted!.assignmentId, assignedCampaignId: TET });
    const both = (await balanceAt(ledgerB, PROVINCE, assigned.body.position)) as unknown as { byCampaign: Record<string, Record<string, string>> };
    expect(both.byCampaign[TET]).toMatchObject({ available: '5000000' });

    const reversed = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/reversals`, { entryId: assigned.body.assignmentId, reason: 'Ghi nhầm' });
    expectStatus(reversed, 201);
    const after = await incoming(reversed.body.position);
    expect(after.find((line) => line.transferId === sameId && line.fromLedger === undefined)).not.toHaveProperty('assignmentId');
    expect(after.find((line) => line.transferId === sameId && line.fromLedger !== undefined)).toMatchObject({ assignmentId: noted!.assignmentId, assignedCampaignId: TET });
    const one = (await balanceAt(ledgerB, PROVINCE, reversed.body.position)) as unknown as { byCampaign: Record<string, Record<string, string>> };
    expect(one.byCampaign[TET]).toMatchObject({ available: '3000000' });
    // The note, named with its ledger, is still the one assigned.
    const again = await post(ledgerB, B.accountant, `/v1/funds/${PROVINCE}/transfers/${sameId}/assign-campaign`, { campaignId: TET, reason: 'Lần nữa', fromLedger: noted!.fromLedger });
    expectError(again, 422, 'INVALID_STATE');
    expect(again.body.error.details).toMatchObject({ status: 'assigned', assignmentId: noted!.assignmentId });
  });
});
