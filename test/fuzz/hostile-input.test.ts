import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { DELIVERY_RECEIPT_FORMAT, signDeliveryReceipt } from '../../src/domain/spending/delivery-receipt';
import { signTransferNote, TRANSFER_NOTE_FORMAT } from '../../src/domain/spending/transfer-note';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { report, seedFromEnv, sizeFromEnv } from '../soak/support/size';
import { type CommandRoute, commandRoutes, type FieldSpec } from './command-routes';
import {
  BAD_DECIMALS, BAD_SLUGS, BAD_TIMESTAMPS, CONFUSABLE_ENUMS, hostileText, INVALID_UTF8, nested, nonStrings, UNKNOWN_KEYS,
} from './hostile-values';
import { jsonWithMembers, type RawMember, REMOVE, withValue } from './json-text';

/**
 * Hostile input on every command route, driven by fast-check: wrong types, huge, negative and
 * exponent numbers, look-alike letters and direction marks, 10 MB bodies, documents nested
 * 10,000 levels deep, `__proto__`/`constructor` keys, invalid UTF-8, wrong content types,
 * duplicate keys, hostile headers and query strings. Every call is aimed at a target that
 * exists and would be acted on if the input got through. Each must be answered, in time, with
 * 400, 401, 404, 413 or 415 and the API's error body with a message that says what is wrong; none
 * may be a 5xx, and the log must not grow by one event.
 *
 * Size: FUZZ_SCALE multiplies the runs (1 in npm test, 20 with SOAK=1); FUZZ_SEED replays a run.
 */
const SCALE = sizeFromEnv('FUZZ_SCALE', 1, 20);
const SEED = seedFromEnv('FUZZ_SEED');
const runs = (n: number) => Math.max(1, n * SCALE);
// At soak size a property sends tens of thousands of requests.
jest.setTimeout(1_800_000);
const TEN_MB = 10 * 1024 * 1024;

let ledger: TestLedger;
let baseUrl: string;
let routes: CommandRoute[];
let fuzzed = 0;
const perProperty = new Map<string, number>();
let property = '';

interface Hostile {
  method: 'post' | 'put' | 'delete' | 'get';
  path: string;
  token?: string | null;
  headers?: Record<string, string>;
  /** null: no content type at all. */
  contentType?: string | null;
  body?: string | Buffer;
}

const describeCall = (call: Hostile) => {
  const bytes = (buffer: Buffer) => [...buffer.subarray(0, 400)].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  const body = call.body === undefined ? '' : typeof call.body === 'string' ? call.body : `<${call.body.length} bytes> ${bytes(call.body)}`;
  return `${call.method.toUpperCase()} ${call.path.slice(0, 200)} ${JSON.stringify(call.headers ?? {}).slice(0, 300)} ct=${call.contentType} ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body}`;
};

/**
 * Sends one hostile request and checks the answer: in time, one of `statuses`, the error body
 * with a useful message, and not one event appended.
 */
async function expectRefused(call: Hostile, statuses: readonly number[]): Promise<void> {
  const before = await ledger.store.headPosition();
  let req = request(baseUrl)[call.method](call.path).timeout({ response: 10_000, deadline: 20_000 });
  if (call.token !== null) req = req.set('Authorization', `Bearer ${call.token ?? ADMIN_TOKEN}`);
  // English answers: the check below tells a malformed body from a bad field by the message's first words.
  req = req.set('Accept-Language', 'en');
  for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
  if (call.contentType !== undefined && call.contentType !== null) req = req.set('Content-Type', call.contentType);
  if (call.body !== undefined) {
    if (call.contentType === undefined) req = req.set('Content-Type', 'application/json');
    // Bytes go out as they are: superagent would otherwise serialise a Buffer as JSON (and give a bare string a form content type).
    const raw = call.contentType === null || Buffer.isBuffer(call.body) ? Buffer.from(call.body) : call.body;
    req = Buffer.isBuffer(raw) ? req.serialize((bytes: unknown) => bytes as string).send(raw as unknown as string) : req.send(raw);
  }
  const response = await req;
  fuzzed += 1;
  perProperty.set(property, (perProperty.get(property) ?? 0) + 1);
  const after = await ledger.store.headPosition();
  const answer = `${response.status} ${response.text.slice(0, 300)}`;
  if (after !== before) throw new Error(`the log grew by ${after - before} event(s): answered ${answer} to ${describeCall(call)}`);
  if (response.status >= 500 || !statuses.includes(response.status)) throw new Error(`expected ${statuses.join('/')}, got ${answer} for ${describeCall(call)}`);
  const error = (response.body as { error?: { code?: unknown; message?: unknown; details?: { fields?: unknown } } }).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message.length < 8) {
    throw new Error(`not the API's error body {error: {code, message}}: ${answer} for ${describeCall(call)}`);
  }
  const code = { 400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' }[response.status];
  if (code && error.code !== code) throw new Error(`expected code ${code}, got ${answer} for ${describeCall(call)}`);
  if (response.status === 400 && !/^Malformed request/.test(error.message)) {
    // A field-level refusal names each field and why.
    const fields = error.details?.fields;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f: { field?: unknown; reason?: unknown }) => typeof f.field === 'string' && typeof f.reason === 'string' && f.reason.length > 0)) {
      throw new Error(`400 without details.fields [{field, reason}]: ${answer} for ${describeCall(call)}`);
    }
  }
}

async function check<T>(name: string, prop: fc.IAsyncPropertyWithHooks<[T]>, numRuns: number): Promise<void> {
  property = name;
  // No shrinking: a request that got through changed the ledger, so replays of smaller cases would
  // meet another state and say less than the first failure, which is reported as it happened.
  await fc.assert(prop, { numRuns, seed: SEED, verbose: 1, endOnFailure: true });
}

// ---------------------------------------------------------------------------------------------
// What a field must refuse, by the type the contract gives it.
// ---------------------------------------------------------------------------------------------

function wrongValues(field: FieldSpec): fc.Arbitrary<unknown> {
  const notNull = (arbitrary: fc.Arbitrary<unknown>) => (field.required ? arbitrary : arbitrary.filter((value) => value !== null));
  const missing = field.required ? [fc.constant(REMOVE)] : [];
  const notText = notNull(fc.oneof(nonStrings, fc.constant(null)));
  switch (field.type) {
    case 'decimal':
      return fc.oneof(fc.constantFrom(...BAD_DECIMALS, '0', '0.0', '0.00'), notText, ...missing);
    case 'decimalOrZero':
      return fc.oneof(fc.constantFrom(...BAD_DECIMALS), notText, ...missing);
    case 'slug':
      return fc.oneof(fc.constantFrom(...BAD_SLUGS), notText, ...missing);
    case 'enum':
      return fc.oneof(fc.constantFrom(...CONFUSABLE_ENUMS), notText, ...missing);
    case 'timestamp':
      return fc.oneof(fc.constantFrom(...BAD_TIMESTAMPS), notText, ...missing);
    case 'integer':
      return fc.oneof(fc.constantFrom('30', 0, -1, 1.5, 366, 1e308, true, [30], { days: 30 }), ...missing);
    case 'object':
      return fc.oneof(hostileText(), fc.integer(), fc.boolean(), fc.constantFrom([], [{}], ['x']), ...missing);
    case 'array':
      return fc.oneof(hostileText(), fc.integer(), fc.boolean(), fc.constant({ 0: 'x' }), fc.constantFrom([5], [true], [['x']], ['x'.repeat(2000)]), ...missing);
    case 'text': {
      const max = field.max ?? 2000;
      const tooLong = hostileText(20).map((text) => `${text}${'ệ'.repeat(max + 1)}`);
      return fc.oneof(notText, tooLong, ...(field.nonEmpty ? [fc.constant('')] : []), ...missing);
    }
    default:
      throw new Error(`no wrong values for ${field.type}`);
  }
}

/** A field's value set to something it must refuse; the parent object must exist in the body. */
function fieldMutation(route: CommandRoute, body: Record<string, unknown>): fc.Arbitrary<{ describe: string; apply: (b: Record<string, unknown>) => Record<string, unknown> }> {
  const present = route.fields.filter((field) => {
    const parent = field.path.split('.').slice(0, -1);
    let node: unknown = body;
    for (const key of parent) node = (node as Record<string, unknown> | null)?.[key];
    return parent.length === 0 || (typeof node === 'object' && node !== null && !Array.isArray(node));
  });
  return fc.constantFrom(...present).chain((field) =>
    wrongValues(field).map((value) => ({ describe: `${field.path} = ${value === REMOVE ? '(missing)' : JSON.stringify(value)?.slice(0, 80)}`, apply: (b: Record<string, unknown>) => withValue(b, field.path, value) })),
  );
}

/** A member no body has, written into the body or one of its objects. */
function unknownMember(route: CommandRoute, body: Record<string, unknown>): fc.Arbitrary<RawMember> {
  const objects = [''].concat(route.fields.filter((f) => f.type === 'object' && typeof body[f.path] === 'object' && body[f.path] !== null).map((f) => f.path));
  const known = new Set(route.fields.map((f) => f.path));
  return fc
    .record({
      at: fc.constantFrom(...objects),
      key: fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((key) => `x-${key}`)),
      valueJson: fc.oneof(fc.constantFrom('{"isAdmin":true}', '{"prototype":{"x":1}}', 'null', '1', '"x"', '[]'), fc.json({ maxDepth: 2 })),
      where: fc.constantFrom('first' as const, 'last' as const),
    })
    .filter((member) => !known.has(member.at === '' ? member.key : `${member.at}.${member.key}`));
}

/** What may ride along with the one sure mistake: hostile but valid text, headers and query strings. */
const noise = fc.record({
  query: fc.option(fc.dictionary(fc.oneof(fc.constantFrom('amount', '__proto__', 'fundId', 'a[b]', 'minPosition'), fc.string({ maxLength: 8 })), fc.string({ maxLength: 20 }), { maxKeys: 3 }), { nil: undefined }),
  correlationId: fc.option(fc.stringMatching(/^[\x21-\x7e]{1,200}$/), { nil: undefined }),
  forwardedFor: fc.option(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'unknown'), { nil: undefined }),
});

function withQuery(path: string, query: Record<string, string> | undefined): string {
  if (!query) return path;
  const search = new URLSearchParams(Object.entries(query)).toString();
  return search ? `${path}?${search}` : path;
}

/** A fund with something of each kind to act on: the target of every route. */
async function setUpTargets(fund: string, tokens: { staff: string; approver: string }): Promise<CommandRoute[]> {
  const api = (token: string, path: string, body: unknown) => request(baseUrl).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const receivedAt = '2026-05-12T09:30:00+07:00';
  const { staff, approver } = tokens;
  expect((await api(ADMIN_TOKEN, '/v1/funds', { fundId: fund, name: 'Quỹ thử lửa' })).status).toBe(201);
  // Open from before the gifts' date until a year from now: money is assigned to it today.
  const openUntil = `${new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10)}T00:00:00+07:00`;
  expect((await api(ADMIN_TOKEN, `/v1/funds/${fund}/campaigns`, { campaignId: 'cd-mo', name: 'Mở', kind: 'other', receiveFrom: '2026-01-01T00:00:00+07:00', receiveUntil: openUntil })).status).toBe(201);
  const donation = { amount: '900000000', channel: 'cash', receivedAt, donor: { name: 'An', kind: 'individual' } };
  expect((await api(staff, `/v1/funds/${fund}/donations`, donation)).status).toBe(201);
  expect((await api(staff, `/v1/funds/${fund}/donations`, { ...donation, component: 'emergency-relief' })).status).toBe(201);
  const given = await api(staff, `/v1/funds/${fund}/donations`, { ...donation, amount: '10000', component: 'humanitarian' });
  // Requested on the business date the pay route's base body pays on, so paying is never dated before the request.
  const disbursement = { amount: '1000000', kind: 'relief', component: 'general', purpose: 'x', beneficiary: 'y', requestedAt: receivedAt };
  const requested = await api(staff, `/v1/funds/${fund}/disbursements`, disbursement);
  const approved = await api(staff, `/v1/funds/${fund}/disbursements`, disbursement);
  expect((await api(approver, `/v1/funds/${fund}/disbursements/${approved.body.disbursementId}/approve`, {})).status).toBe(200);
  const release = await api(staff, `/v1/funds/${fund}/emergency-releases`, { amount: '1000000', component: 'emergency-relief', incident: 'x', recipient: 'y' });
  const victim = await ledger.user(`Sẽ bị khóa ${fund}`, ['auditor']);
  return commandRoutes({
    fund, campaign: 'cd-mo', requested: requested.body.disbursementId, approved: approved.body.disbursementId, release: release.body.releaseId,
    donation: given.body.donationId, victimUserId: victim.userId, staff, approver, admin: ADMIN_TOKEN, receivedAt, newFundId: `${fund}-moi`,
    ...await transferTargets(fund, tokens, receivedAt),
    ...await statementTargets(fund, staff),
    ...await poolTargets(fund, tokens, receivedAt),
    tokenUserId: (await ledger.user(`Đổi khóa ${fund}`, ['auditor'])).userId,
    distribution: await distributionTarget(fund, tokens, receivedAt),
    closedShare: await closedShareTarget(fund, tokens, receivedAt),
  });
}

/** A Tết gift of money to one household, paid, the household absent and its share closed: its money is still to come back. */
async function closedShareTarget(fund: string, tokens: { staff: string; approver: string }, receivedAt: string) {
  const api = (token: string, path: string, body: unknown) => request(baseUrl).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const { disbursementId, beneficiaryId } = await distributionTarget(fund, tokens, receivedAt, 'Vắng Mặt');
  expect((await api(tokens.approver, `/v1/funds/${fund}/disbursements/${disbursementId}/pay`, { paidAt: receivedAt, reference: `UNC-${fund}` })).status).toBe(200);
  const closed = await api(tokens.staff, `/v1/funds/${fund}/disbursements/${disbursementId}/handovers`, {
    beneficiaryId, status: 'absent', handedOverAt: receivedAt, evidenceRef: 'Biên bản vắng mặt', closed: true,
  });
  expect(closed.status).toBe(201);
  return { disbursementId, beneficiaryId };
}

/** A Tết gift of money to one household, approved, its hand-over still to record. */
async function distributionTarget(fund: string, tokens: { staff: string; approver: string }, receivedAt: string, surname = 'Nhận') {
  const api = (token: string, path: string, body: unknown) => request(baseUrl).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const household = await api(tokens.staff, `/v1/funds/${fund}/beneficiaries`, { kind: 'household', name: `Trần Văn ${surname} ${fund}`, commune: 'Xã Tân Phú', categories: ['poor'] });
  expect(household.status).toBe(201);
  const beneficiaryId = household.body.beneficiaryId as string;
  const requested = await api(tokens.staff, `/v1/funds/${fund}/disbursements`, {
    amount: '500000', kind: 'relief', component: 'general', purpose: 'Quà Tết', beneficiary: 'Hộ nghèo xã Tân Phú', requestedAt: receivedAt, needCategory: 'tet-gift',
    distribution: [{ beneficiaryId, amount: '500000' }],
  });
  expect({ status: requested.status, body: requested.status === 201 ? null : requested.body }).toEqual({ status: 201, body: null });
  expect((await api(tokens.approver, `/v1/funds/${fund}/disbursements/${requested.body.disbursementId}/approve`, {})).status).toBe(200);
  return { disbursementId: requested.body.disbursementId as string, beneficiaryId };
}

/** A designated gift to release, another whose release waits for approval, a closed campaign with money left, a gift in euros. */
async function poolTargets(fund: string, tokens: { staff: string; approver: string }, receivedAt: string) {
  const api = (token: string, path: string, body: unknown) => request(baseUrl).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const gift = async (extra: Record<string, unknown>): Promise<string> => {
    const given = await api(tokens.staff, `/v1/funds/${fund}/donations`, { amount: '3000000', channel: 'cash', receivedAt, donor: { name: 'An', kind: 'individual' }, ...extra });
    expect(given.status).toBe(201);
    return given.body.donationId as string;
  };
  const designated = await gift({ restriction: { purpose: 'Học bổng' } });
  const held = await gift({ restriction: { purpose: 'Sửa nhà' } });
  const requested = await api(tokens.staff, `/v1/funds/${fund}/restrictions/${held}/release`, { consentRef: 'Thư đồng ý 4/2026', newPurpose: 'Hộ nghèo' });
  expect(requested.status).toBe(201);
  const campaign = { campaignId: 'cd-du', name: 'Còn dư', kind: 'other', receiveFrom: '2026-01-01T00:00:00+07:00', receiveUntil: '2026-12-31T00:00:00+07:00' };
  expect((await api(ADMIN_TOKEN, `/v1/funds/${fund}/campaigns`, campaign)).status).toBe(201);
  await gift({ campaignId: 'cd-du' });
  expect((await api(ADMIN_TOKEN, `/v1/funds/${fund}/campaigns/cd-du/close`, {})).status).toBe(200);
  const euroDonation = await gift({ amount: '100.00', currency: 'EUR', fxRate: '27000' });
  return { designated, releaseRequest: requested.body.id as string, closedCampaign: 'cd-du', euroDonation };
}

/** A raw Ed25519 key pair, its public half as GET /v1/public/keys gives one: 32 bytes, standard base64. */
function newSigningKey(): { keyId: string; publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { keyId: randomBytes(4).toString('hex'), publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64'), privateKey };
}

/**
 * Transfers to act on: two this fund requested (to approve, to reject), three a partner fund sent it
 * (to receive, to return, and one received as general money to assign to a campaign), one in transit to a ledger elsewhere (its delivery receipt); a key of
 * that ledger this fund trusts, which signs the note and the receipt.
 */
async function transferTargets(fund: string, tokens: { staff: string; approver: string }, receivedAt: string) {
  const api = (token: string, path: string, body: unknown) => request(baseUrl).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const partner = `${fund}-tinh`;
  expect((await api(ADMIN_TOKEN, '/v1/funds', { fundId: partner, name: 'Quỹ tỉnh thử lửa' })).status).toBe(201);
  expect((await api(tokens.staff, `/v1/funds/${partner}/donations`, { amount: '1000000', channel: 'cash', receivedAt, donor: { name: 'An', kind: 'individual' } })).status).toBe(201);
  const send = async (from: string, to: string, approve: boolean): Promise<string> => {
    const sent = await api(tokens.staff, `/v1/funds/${from}/transfers`, { toFundId: to, amount: '1000', component: 'general', purpose: 'Chuyển tiền' });
    expect(sent.status).toBe(201);
    if (approve) expect((await api(tokens.approver, `/v1/funds/${from}/transfers/${sent.body.transferId}/approve`, {})).status).toBe(200);
    return sent.body.transferId as string;
  };
  const elsewhere = `${fund}-ngoai`;
  const transfers = {
    toApprove: await send(fund, partner, false), toReject: await send(fund, partner, false),
    toReceive: await send(partner, fund, true), toReturn: await send(partner, fund, true), toAssign: await send(partner, fund, true),
    external: await send(fund, elsewhere, true),
  };
  expect((await api(tokens.staff, `/v1/funds/${fund}/transfers/${transfers.toAssign}/receive`, {})).status).toBe(200);
  const key = newSigningKey();
  expect((await api(ADMIN_TOKEN, `/v1/funds/${fund}/trusted-keys`, { keyId: key.keyId, publicKey: key.publicKey, chapter: 'Hội CTĐ tỉnh bạn' })).status).toBe(201);
  const ledgerName = (await request(baseUrl).get('/v1/public/checkpoint')).body.origin as string;
  const there = 'ctd-tinh-ban.example.vn/ledger';
  const note = () => signTransferNote({
    format: TRANSFER_NOTE_FORMAT, ledger: there, keyId: key.keyId, fromFundId: 'quy-tinh-ban', fromChapter: 'Hội CTĐ tỉnh bạn', transferId: 'TR-quy-tinh-ban-000001',
    toFundId: fund, amount: '50000', currency: 'VND', component: 'general', campaignId: null, restrictionId: null, restrictionPurpose: null,
    restrictionBeneficiary: null, purpose: 'Hỗ trợ xã', businessDate: receivedAt, position: 7,
  }, key.privateKey) as unknown as Record<string, unknown>;
  const receipt = () => signDeliveryReceipt({
    format: DELIVERY_RECEIPT_FORMAT, ledger: there, keyId: key.keyId, toFundId: elsewhere, toChapter: 'Hội CTĐ tỉnh bạn', transferId: transfers.external,
    fromLedger: ledgerName, fromFundId: fund, amount: '1000', currency: 'VND', businessDate: receivedAt, position: 9,
  }, key.privateKey) as unknown as Record<string, unknown>;
  const { keyId, publicKey } = newSigningKey();
  return { partner, transfers, note, receipt, newKey: { keyId, publicKey } };
}

/** A statement line no rule classifies (a debit that is no fee), and a gift that came after its campaign closed (R14). */
async function statementTargets(fund: string, staff: string) {
  const upload = (query: string, csv: string) => request(baseUrl).post(`/v1/funds/${fund}/imports${query}`).set('Authorization', `Bearer ${staff}`)
    .set('Content-Type', 'text/csv; charset=utf-8').send(Buffer.from(csv, 'utf8'));
  const campaign = { campaignId: 'cd-het', name: 'Đã hết hạn', kind: 'other', receiveFrom: '2026-01-01T00:00:00+07:00', receiveUntil: '2026-02-01T00:00:00+07:00' };
  expect((await request(baseUrl).post(`/v1/funds/${fund}/campaigns`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(campaign)).status).toBe(201);
  const late = await upload('?campaignId=cd-het', `date,reference,credit,description\n12/05/2026,FT-LATE-${fund},70000,ung ho muon\n`);
  expect({ status: late.status, suspense: late.body.suspense }).toEqual({ status: 200, suspense: 1 });
  const debit = await upload('', `date,reference,credit,debit,description\n13/05/2026,FT-OUT-${fund},,300000,chuyen tien mua gao\n`);
  expect({ status: debit.status, unclassified: debit.body.debits?.unclassified }).toEqual({ status: 200, unclassified: 1 });
  const read = (path: string) => request(baseUrl).get(`/v1/funds/${fund}/${path}&minPosition=${debit.body.position}`).set('Authorization', `Bearer ${staff}`);
  const lines = await read('statement-lines?status=unclassified');
  const waiting = await read('suspense?status=waiting');
  const imports = await read('imports?limit=1');
  const [lastImport] = imports.body.items as { importedAt: string; fileSha256: string }[];
  return {
    statementLine: lines.body.items[0].rowId as string, suspenseDonation: waiting.body.items[0].donationId as string,
    importToReview: { importedAt: lastImport.importedAt, fileSha256: lastImport.fileSha256 },
  };
}

let controlRoutes: CommandRoute[];

beforeAll(async () => {
  // The fuzz fails authentication on purpose now and then: no rate limit may turn that into 429.
  process.env.LEDGER_AUTH_FAILURE_LIMIT = '100000000';
  process.env.LEDGER_PUBLIC_RATE_LIMIT = '100000000';
  try {
    ledger = await startTestLedger();
  } finally {
    delete process.env.LEDGER_AUTH_FAILURE_LIMIT;
    delete process.env.LEDGER_PUBLIC_RATE_LIMIT;
  }
  await ledger.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  const tokens = { staff: (await ledger.user('Nhân viên', ['accountant', 'coordinator', 'approver'])).token, approver: (await ledger.user('Người duyệt', ['approver'])).token };
  routes = await setUpTargets('quy-fuzz', tokens);
  controlRoutes = await setUpTargets('quy-doi-chung', tokens);
  report(`hostile input: fast-check seed ${SEED} (replay with FUZZ_SEED=${SEED}), scale ${SCALE}`);
});

afterAll(async () => {
  await ledger?.close();
  report(`hostile input: ${fuzzed} fuzzed requests (${[...perProperty.entries()].map(([name, n]) => `${name}: ${n}`).join(', ')})`);
});

const bodyRoutes = () => routes.filter((route) => route.body !== undefined);

describe('hostile input on every command route: never a 5xx, never a hang, a 4xx with a useful message, nothing appended', () => {
  it('control: each base body, sent as is to a twin of its target, is accepted (so every case below is refused for its hostile part only)', async () => {
    for (const route of controlRoutes) {
      let req = request(baseUrl)[route.method](route.path).set('Authorization', `Bearer ${route.token}`);
      if (route.body) req = req.send(route.body());
      const response = await req;
      expect({ route: route.name, status: response.status < 300 ? 'accepted' : `${response.status} ${response.text}` }).toEqual({ route: route.name, status: 'accepted' });
    }
  });

  it('fields: wrong types, bad numbers, look-alike enums and slugs, bad dates, unknown and prototype keys, over-long text → 400 naming the field', async () => {
    const arbitrary = fc.constantFrom(...bodyRoutes()).chain((route) => {
      const body = route.body!();
      return fc.record({
        route: fc.constant(route),
        sure: fc.oneof({ weight: 4, arbitrary: fieldMutation(route, body).map((m) => ({ kind: 'field' as const, m })) }, { weight: 1, arbitrary: unknownMember(route, body).map((m) => ({ kind: 'member' as const, m })) }),
        more: fc.array(fieldMutation(route, body), { maxLength: 2 }),
        text: route.fields.some((f) => f.type === 'text')
          ? fc.option(fc.record({ field: fc.constantFrom(...route.fields.filter((f) => f.type === 'text')), value: hostileText(100) }), { nil: undefined })
          : fc.constant(undefined),
        noise,
      });
    });
    await check('fields', fc.asyncProperty(arbitrary, async ({ route, sure, more, text, noise: extra }) => {
      let body = route.body!();
      if (text && (text.field.max ?? 2000) >= text.value.length) body = withValue(body, text.field.path, text.value);
      for (const mutation of more) body = mutation.apply(body);
      const members: RawMember[] = [];
      if (sure.kind === 'field') body = sure.m.apply(body);
      else members.push(sure.m);
      const headers: Record<string, string> = {};
      if (extra.correlationId) headers['X-Correlation-Id'] = extra.correlationId;
      if (extra.forwardedFor) headers['X-Forwarded-For'] = extra.forwardedFor;
      await expectRefused({ method: route.method, path: withQuery(route.path, extra.query), token: route.token, headers, body: jsonWithMembers(body, members) }, [400]);
    }), runs(1000));
  });

  it('documents: malformed JSON, non-object bodies, wrong content types → 400 or 415', async () => {
    const malformed = [
      '{', '}', '{"amount":"1",}', "{'amount':'1'}", '{"amount":"1"', '{amount:"1"}', 'NaN', '{"a":NaN}', '{"a":Infinity}', '{"a":01}', '{"a":"\u0001"}',
      '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a" "b"}', '{"a":1}}', '{"a":1} {"b":2}', '\u0000', '\uFEFF\uFEFF{}', '{"a":1/*c*/}', '[1,2', '"unterminated', '{"a":tru}',
    ];
    const notObjects = ['[]', '[{}]', 'null', '"x"', '42', 'true', '[[[]]]', '-0', '1e300'];
    const wrongTypes = [
      'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/xml', 'multipart/form-data; boundary=x', 'application/octet-stream',
      'text/json', 'application/vnd.api+json', 'application/javascript', 'image/png', 'text/csv', 'application/jsonx', 'json', 'application/ json',
    ];
    const arbitrary = fc.constantFrom(...routes).chain((route) =>
      fc.oneof(
        fc.constantFrom(...malformed).map((raw) => ({ route, raw, contentType: 'application/json' as string | null, expect: [400] })),
        // A route that reads no body answers a well-formed document of any shape; only bodied routes must refuse these.
        ...(route.body ? [fc.constantFrom(...notObjects).map((raw) => ({ route, raw, contentType: 'application/json' as string | null, expect: [400] }))] : []),
        fc.constantFrom(...wrongTypes).map((contentType) => ({ route, raw: JSON.stringify(route.body?.() ?? {}), contentType: contentType as string | null, expect: [415] })),
        fc.constant({ route, raw: JSON.stringify(route.body?.() ?? {}), contentType: null as string | null, expect: [415] }),
      ),
    );
    await check('documents', fc.asyncProperty(arbitrary, async ({ route, raw, contentType, expect: statuses }) => {
      await expectRefused({ method: route.method, path: route.path, token: route.token, contentType, body: raw }, statuses);
    }), runs(250));
  });

  it('path parameters: capitals, look-alikes, direction marks, encoded separators, huge ids → 400 or 404', async () => {
    const hostileIds = fc.oneof(
      fc.constantFrom(...BAD_SLUGS.filter((slug) => slug !== '')),
      fc.constantFrom('db-000001', 'DB-1;1', 'DB-000001%0A', 'ＤＢ-000001', 'DB\u2010000001', 'DB-00000１', `DB-${'1'.repeat(60)}`, '..', '%2e%2e%2f', 'x%00y', '%E2%80%AEabc', 'a%2Fb', '%F0%9F%99%82'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
    );
    const arbitrary = fc.record({ route: fc.constantFrom(...routes.filter((route) => route.pathWith)), id: hostileIds });
    await check('paths', fc.asyncProperty(arbitrary, async ({ route, id }) => {
      const path = route.pathWith!(id.startsWith('%') || id.includes('%') ? id : encodeURIComponent(id));
      await expectRefused({ method: route.method, path, token: route.token, body: route.body ? JSON.stringify(route.body()) : undefined }, [400, 404]);
    }), runs(300));
  });

  it('paths the router itself refuses (undecodable percent-encoding, invalid UTF-8, a 5,000-character parameter) → a 4xx in the API\'s error shape', async () => {
    property = 'paths';
    const refusedByRouter = ['%FF', '%C3%28', '%ED%A0%80', '%E2%82', '%', '%zz', `DB-${'1'.repeat(5000)}`];
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.pathWith)) {
      for (const id of refusedByRouter) {
        const call: Hostile = { method: route.method, path: route.pathWith!(id), token: route.token, body: route.body ? JSON.stringify(route.body()) : undefined };
        await expectRefused(call, [400, 404, 414]).catch((error: Error) => failures.push(error.message.slice(0, 400)));
      }
    }
    expect(failures).toEqual([]);
  });

  it('headers: bad, foreign and malformed credentials → 401; a bad Idempotency-Key → 400 (on a valid body)', async () => {
    const badAuthorization = fc.oneof(
      fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer ADMIN', 'Basic YWRtaW46YWRtaW4=', 'Token abc', 'Bearer a b', `Bearer ${'x'.repeat(600)}`, 'Bearer tökën-ñ', 'Bearer \t'),
      fc.stringMatching(/^[\x21-\x7e]{1,80}$/).map((token) => `Bearer ${token}`),
    );
    // Header values travel as Latin-1: Node refuses to send characters above U+00FF, so none are drawn.
    const badKeys = fc.constantFrom('', 'k'.repeat(201), 'a\tb', 'khóa-1', 'ngày\u00a0mai', `${'k'.repeat(199)}\u00e9`);
    const arbitrary = fc.record({
      route: fc.constantFrom(...routes),
      case: fc.oneof(badAuthorization.map((authorization) => ({ authorization, key: undefined as string | undefined })), badKeys.map((key) => ({ authorization: undefined as string | undefined, key }))),
    });
    await check('headers', fc.asyncProperty(arbitrary, async ({ route, case: hostile }) => {
      const headers: Record<string, string> = {};
      if (hostile.authorization !== undefined) headers.Authorization = hostile.authorization;
      if (hostile.key !== undefined) headers['Idempotency-Key'] = hostile.key;
      const token = hostile.authorization !== undefined ? null : route.token;
      const body = route.body ? JSON.stringify(route.body()) : route.method === 'post' ? '{}' : undefined;
      await expectRefused({ method: route.method, path: route.path, token, headers, body }, hostile.authorization !== undefined ? [401] : [400]);
    }), runs(200));
  });

  it('size: 10 MB bodies → 413 before they are parsed', async () => {
    const arbitrary = fc.record({
      route: fc.constantFrom(...routes),
      shape: fc.constantFrom('string', 'spaces', 'garbage', 'array'),
    });
    await check('size', fc.asyncProperty(arbitrary, async ({ route, shape }) => {
      const body =
        shape === 'string' ? `{"note":"${'ệ'.repeat(TEN_MB / 3)}"}`
          : shape === 'spaces' ? `{${' '.repeat(TEN_MB)}}`
            : shape === 'garbage' ? 'x'.repeat(TEN_MB)
              : `[${'1,'.repeat(TEN_MB / 2)}1]`;
      await expectRefused({ method: route.method, path: route.path, token: route.token, body }, [413]);
    }), runs(4));
  });

  it('hostile query strings on the read routes: never a 5xx, nothing appended', async () => {
    const fund = routes[3].path.split('/')[3];
    const reads = [
      `/v1/funds/${fund}/balance`, `/v1/funds/${fund}/donations`, `/v1/funds/${fund}/disbursements`, `/v1/funds/${fund}/emergency-releases`,
      `/v1/funds/${fund}/reports/donors`, `/v1/funds/${fund}/reports/financial`, '/v1/journal', `/v1/public/funds/${fund}`, `/v1/public/funds/${fund}/donations`,
    ];
    const keys = ['minPosition', 'atPosition', 'asOf', 'limit', 'cursor', 'from', 'to', 'format', 'q', 'reference', 'amount', 'date', 'donor', 'campaignId', 'status', 'kind', 'fromPosition', '__proto__', 'constructor'];
    const values = fc.oneof(fc.constantFrom(...BAD_DECIMALS, ...BAD_TIMESTAMPS, ...CONFUSABLE_ENUMS, 'eyJ4IjoxfQ', '%', '%%', '\u0000', 'x'.repeat(5000)), hostileText(40));
    const arbitrary = fc.record({ path: fc.constantFrom(...reads), query: fc.array(fc.tuple(fc.constantFrom(...keys), values), { minLength: 1, maxLength: 3 }) });
    await check('queries', fc.asyncProperty(arbitrary, async ({ path, query }) => {
      // A large numeric minPosition waits 5 s for the read model and then answers 503 PROJECTION_LAGGING by contract: not drawn here.
      const search = query.filter(([key, value]) => !(key === 'minPosition' && /^[0-9]+$/.test(value))).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
      const before = await ledger.store.headPosition();
      const response = await request(baseUrl).get(`${path}?${search}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).timeout({ response: 10_000, deadline: 20_000 });
      fuzzed += 1;
      perProperty.set(property, (perProperty.get(property) ?? 0) + 1);
      expect({ call: `GET ${path}?${search}`.slice(0, 300), status: response.status < 500 ? 'not 5xx' : `${response.status} ${response.text.slice(0, 300)}` }).toEqual({ call: `GET ${path}?${search}`.slice(0, 300), status: 'not 5xx' });
      expect([200, 400, 404]).toContain(response.status);
      expect(await ledger.store.headPosition()).toBe(before);
    }), runs(200));
  });
});

describe('the statement import (POST /v1/funds/:fundId/imports)', () => {
  const importPath = () => `${routes[3].path.replace(/\/donations$/, '')}/imports`;
  const staffToken = () => routes[3].token;
  const goodCsv = () => `date,reference,credit,description\n12/05/2026,FT-${Date.now()},50000,ung ho\n`;

  it('hostile query strings or content types, with a statement that would book a line → 400 or 415, nothing booked', async () => {
    const badQuery = fc.oneof(
      fc.record({ key: fc.constantFrom('campaignId', 'component'), value: fc.constantFrom(...BAD_SLUGS.filter((v) => v !== '')) }),
      fc.record({ key: fc.constant('profile'), value: fc.constantFrom(...CONFUSABLE_ENUMS.filter((v) => v !== '')) }),
      fc.record({ key: fc.constant('bankAccount'), value: fc.constantFrom('\u202E0011001932418', 'a'.repeat(70), '../0011', '0011;DROP', '-0011', '0011\u200B', '') }),
      fc.record({ key: fc.constantFrom('fundId', '__proto__', 'amount', 'x', 'constructor'), value: fc.string({ maxLength: 10 }) }),
    );
    const arbitrary = fc.oneof(
      badQuery.map((q) => ({ query: `${encodeURIComponent(q.key)}=${encodeURIComponent(q.value)}`, contentType: 'text/csv; charset=utf-8', expect: [400] })),
      fc.constantFrom('bankAccount=1&bankAccount=2', 'component=general&component=general').map((query) => ({ query, contentType: 'text/csv', expect: [400] })),
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'image/png').map((contentType) => ({ query: '', contentType, expect: [415] })),
      fc.constant({ query: '', contentType: 'application/json', expect: [400] }),
    );
    // Control: the same statement with a sound query books its line, so each refusal below is the query's or the type's doing.
    const control = await request(baseUrl).post(`${controlRoutes[3].path.replace(/\/donations$/, '')}/imports`).set('Authorization', `Bearer ${staffToken()}`).set('Content-Type', 'text/csv; charset=utf-8').send(Buffer.from(goodCsv(), 'utf8'));
    expect({ status: control.status, imported: control.body.imported }).toEqual({ status: 200, imported: 1 });
    await check('imports', fc.asyncProperty(arbitrary, async ({ query, contentType, expect: statuses }) => {
      await expectRefused({ method: 'post', path: `${importPath()}${query ? `?${query}` : ''}`, token: staffToken(), contentType, body: Buffer.from(goodCsv(), 'utf8') }, statuses);
    }), runs(60));
  }, 1_800_000);

  it('statements with nothing bookable (bad dates, garbage, invalid UTF-8, no header, huge lines) → a 4xx, or 200 with nothing imported; never a 5xx', async () => {
    const badDates = ['30/02/2024', '32/01/2024', '2024-13-01', 'hôm qua', '00/00/0000', '１２/05/2024', '12/05/2024\u202E', '31/04/2024', '1e6', '-12/05/2024'];
    const cell = fc.oneof(fc.constantFrom(...BAD_DECIMALS), hostileText(30), fc.constantFrom('"', '""', '"a""b', ';', ',', '\r', '=cmd|\'/c calc\'!A1'));
    const statement = fc.oneof(
      fc.record({ date: fc.constantFrom(...badDates), rows: fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 5 }), delimiter: fc.constantFrom(',', ';') }).map(({ date, rows, delimiter }) =>
        Buffer.from(`date${delimiter}reference${delimiter}credit${delimiter}description\n${rows.map((r) => [date, ...r].map((v) => `"${String(v).replace(/"/g, '""')}"`).join(delimiter)).join('\n')}\n`, 'utf8')),
      fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom(...INVALID_UTF8).map((bytes) => Buffer.concat([Buffer.from('date,reference,credit,description\n32/13/2024,', 'utf8'), bytes, Buffer.from(',50000,x\n', 'utf8')])),
      fc.constantFrom('date,reference,credit,description\n', '\uFEFF', 'a,b,c\n1,2,3\n', `${'x,'.repeat(20000)}x\n`, `date,credit\n"${'y'.repeat(100000)}",1\n`, '\u0000\u0000\u0000').map((text) => Buffer.from(text, 'utf8')),
    );
    await check('imports', fc.asyncProperty(statement, async (body) => {
      const before = await ledger.store.headPosition();
      const response = await request(baseUrl).post(importPath()).set('Authorization', `Bearer ${staffToken()}`).set('Content-Type', 'text/csv').timeout({ response: 20_000, deadline: 60_000 }).send(body);
      fuzzed += 1;
      perProperty.set(property, (perProperty.get(property) ?? 0) + 1);
      const shown = `${body.length} bytes ${JSON.stringify(body.toString('latin1').slice(0, 120))} → ${response.status} ${response.text.slice(0, 300)}`;
      expect({ status: response.status < 500 ? 'not 5xx' : shown }).toEqual({ status: 'not 5xx' });
      expect({ allowed: [200, 400, 413, 415, 422].includes(response.status) ? 'yes' : shown }).toEqual({ allowed: 'yes' });
      if (response.status === 200) expect({ imported: response.body.imported, shown }).toEqual({ imported: 0, shown });
      expect(await ledger.store.headPosition()).toBe(before);
    }), runs(80));
  }, 1_800_000);
});

describe('documents that mean more than one thing, or nothing a client could mean, are refused', () => {
  it('numbers beyond the range of a double (1e400) as the body or in any field → 400, never a 5xx', async () => {
    const arbitrary = fc.record({
      route: fc.constantFrom(...bodyRoutes()),
      number: fc.constantFrom('1e400', '-1e400', '1e999', '123456789e999999'),
      at: fc.constantFrom('whole', 'field', 'unknown'),
      // A keyed request is hashed (to recognise its retries): that path must refuse it too.
      key: fc.option(fc.stringMatching(/^[a-z0-9-]{1,40}$/), { nil: undefined }),
    });
    await check('non-finite numbers', fc.asyncProperty(arbitrary, async ({ route, number, at, key }) => {
      const body = route.body!();
      const field = route.fields[0].path.split('.')[0];
      const raw = at === 'whole' ? number : at === 'field' ? jsonWithMembers({ ...body, [field]: undefined }, [{ at: '', key: field, valueJson: number, where: 'last' }]) : jsonWithMembers(body, [{ at: '', key: 'x-number', valueJson: number, where: 'last' }]);
      await expectRefused({ method: route.method, path: route.path, token: route.token, body: raw, headers: key ? { 'Idempotency-Key': `fuzz-${key}` } : {} }, [400]);
    }), runs(20));
  });

  it('deep nesting (100 to 10,000 levels) in any position → 400 (JSON depth is limited), never a 5xx', async () => {
    // 100 levels only where a body is read (a route that reads none may ignore a shallow document); 1,000 and 10,000 everywhere.
    const arbitrary = fc.record({
      route: fc.constantFrom(...routes.filter((route) => route.method === 'post')),
      depth: fc.constantFrom(100, 1000, 10_000),
    }).filter(({ route, depth }) => depth > 100 || route.body !== undefined).chain((drawn) => fc.record({
      route: fc.constant(drawn.route),
      depth: fc.constant(drawn.depth),
      shape: fc.constantFrom('object' as const, 'array' as const, 'mixed' as const),
      at: fc.constantFrom('whole', 'field', 'unknown'),
      key: fc.option(fc.stringMatching(/^[a-z0-9-]{1,40}$/), { nil: undefined }),
    }));
    await check('depth', fc.asyncProperty(arbitrary, async ({ route, depth, shape, at, key }) => {
      const deep = nested(depth, shape);
      const body = route.body?.() ?? {};
      const field = route.fields.find((f) => f.type === 'text')?.path.split('.')[0] ?? 'note';
      const raw = at === 'whole' ? deep : at === 'field' ? jsonWithMembers({ ...body, [field]: undefined }, [{ at: '', key: field, valueJson: deep, where: 'last' }]) : jsonWithMembers(body, [{ at: '', key: 'x-deep', valueJson: deep, where: 'last' }]);
      await expectRefused({ method: route.method, path: route.path, token: route.token, body: raw, headers: key ? { 'Idempotency-Key': `fuzz-${key}` } : {} }, [400]);
    }), runs(30));
  });

  it('duplicate keys → 400: which of two amounts was meant cannot be known', async () => {
    // A body with a member to write twice (receiving a transfer needs none).
    const scalars = (body: Record<string, unknown>) => Object.keys(body).filter((key) => body[key] !== null && typeof body[key] !== 'object');
    const arbitrary = fc.constantFrom(...bodyRoutes().filter((route) => scalars(route.body!()).length > 0)).chain((route) => {
      const body = route.body!();
      const topLevel = scalars(body);
      return fc.record({ route: fc.constant(route), key: fc.constantFrom(...topLevel), where: fc.constantFrom('first' as const, 'last' as const), other: fc.constantFrom('"1"', '"Khác"', '"2024-01-01T00:00:00+07:00"', '"relief"', 'null') });
    });
    await check('duplicate keys', fc.asyncProperty(arbitrary, async ({ route, key, where, other }) => {
      const body = route.body!();
      const raw = jsonWithMembers(body, [{ at: '', key, valueJson: other === JSON.stringify(body[key]) ? '"x"' : other, where }]);
      await expectRefused({ method: route.method, path: route.path, token: route.token, body: raw }, [400]);
    }), runs(40));
  });

  it('invalid UTF-8 → 400: bytes that are not text are not silently replaced', async () => {
    const withText = bodyRoutes().filter((route) => route.fields.some((f) => f.type === 'text' && !f.path.includes('.')));
    const arbitrary = fc.constantFrom(...withText).chain((route) =>
      fc.record({ route: fc.constant(route), field: fc.constantFrom(...route.fields.filter((f) => f.type === 'text' && !f.path.includes('.'))), bytes: fc.constantFrom(...INVALID_UTF8), at: fc.constantFrom('start', 'middle', 'end') }),
    );
    await check('invalid UTF-8', fc.asyncProperty(arbitrary, async ({ route, field, bytes, at }) => {
      const marker = 'QQQINVALIDQQQ';
      const value = at === 'start' ? `${marker}An` : at === 'middle' ? `A${marker}n` : `An${marker}`;
      const json = JSON.stringify(withValue(route.body!(), field.path, value));
      const [before, after] = json.split(marker);
      const raw = Buffer.concat([Buffer.from(before, 'utf8'), bytes, Buffer.from(after, 'utf8')]);
      await expectRefused({ method: route.method, path: route.path, token: route.token, body: raw }, [400]);
    }), runs(40));
  });
});
