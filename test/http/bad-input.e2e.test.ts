import type { Response } from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, call, campaignBody, countEvents, disbursementBody, donationBody, expectError, expectNothingAppended, expectStatus, openFund,
  releaseBody, validationFields, vnTimestamp,
} from './support/http-helpers';

/**
 * Bad input on every command route of issue 2: each is answered 400 VALIDATION_FAILED naming the
 * bad field (415 for a wrong content type, 413 above the 2 MB body limit), never a 500, and
 * nothing is appended.
 */
let ledger: TestLedger;
let staff: string;
const FUND = 'quy-kiem-tra';

const REMOVE = Symbol('remove');
const ONE_MB = 'x'.repeat(1024 * 1024);

type RouteName = 'donation' | 'disbursement' | 'release' | 'settle' | 'approve' | 'reject' | 'pay' | 'reversal' | 'fund' | 'campaign' | 'user';

interface RouteSpec {
  path: string;
  token: () => string;
  base: () => Record<string, unknown>;
  success: number;
}

const ROUTES: Record<RouteName, RouteSpec> = {
  donation: { path: `/v1/funds/${FUND}/donations`, token: () => staff, base: () => donationBody(), success: 201 },
  disbursement: { path: `/v1/funds/${FUND}/disbursements`, token: () => staff, base: () => disbursementBody({ amount: '1000000' }), success: 201 },
  release: { path: `/v1/funds/${FUND}/emergency-releases`, token: () => staff, base: () => releaseBody({ amount: '1000000' }), success: 201 },
  settle: { path: `/v1/funds/${FUND}/emergency-releases/ER-000001/settle`, token: () => staff, base: () => ({ spent: '600000', returned: '400000', evidence: ['Biên bản 01'] }), success: 200 },
  approve: { path: `/v1/funds/${FUND}/disbursements/DB-000001/approve`, token: () => approverToken, base: () => ({ note: 'Đồng ý' }), success: 200 },
  reject: { path: `/v1/funds/${FUND}/disbursements/DB-000002/reject`, token: () => approverToken, base: () => ({ reason: 'Thiếu hồ sơ' }), success: 200 },
  pay: { path: `/v1/funds/${FUND}/disbursements/DB-000001/pay`, token: () => approverToken, base: () => ({ paidAt: vnTimestamp(0), reference: 'UNC-01' }), success: 200 },
  reversal: { path: `/v1/funds/${FUND}/reversals`, token: () => staff, base: () => ({ entryId: reversible, reason: 'Ghi nhầm' }), success: 201 },
  fund: { path: '/v1/funds', token: () => ADMIN_TOKEN, base: () => ({ fundId: `quy-moi-${++serial}`, name: 'Quỹ mới' }), success: 201 },
  campaign: { path: `/v1/funds/${FUND}/campaigns`, token: () => ADMIN_TOKEN, base: () => campaignBody({ campaignId: `chien-dich-${++serial}` }), success: 201 },
  user: { path: '/v1/users', token: () => ADMIN_TOKEN, base: () => ({ name: 'Lê Văn Cường', roles: ['auditor'] }), success: 201 },
};

/** A second approver, so the disbursements requested by `staff` can be approved and paid. */
let approverToken: string;
let serial = 0;
let reversible: string;

/** Sets (or with REMOVE deletes) the value at a dotted path of a copy of `body`. */
function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}

/** The field names a 400 answer gives, from `details.fields[].field` or `details.field`. */
function fieldsNamed(response: Response): string[] {
  expectError(response, 400, 'VALIDATION_FAILED');
  const details = response.body.error.details ?? {};
  if (Array.isArray(details.fields)) return details.fields.map((f: { field: string }) => f.field);
  if (typeof details.field === 'string') return [details.field];
  return [];
}

function expectNamesField(response: Response, field: string): void {
  const named = fieldsNamed(response);
  const matches = named.some((name) => name === field || name.startsWith(`${field}.`) || name.endsWith(`.${field}`));
  if (!matches) throw new Error(`expected details naming "${field}", got ${JSON.stringify(response.body)}`.slice(0, 1500));
}

interface FieldCase {
  route: RouteName;
  field: string;
  value: unknown;
  /** The field the answer must name, when it is not `field` itself. */
  names?: string;
  /** Other fields to set first (e.g. currency for an fxRate case). */
  with?: Record<string, unknown>;
}

const BAD_AMOUNTS: unknown[] = [
  '1e6', '-1', '0', '1.5', ' 5', '5 ', '5,0', '', 'NaN', 'Infinity', '0x10', '1_000', '+5', '.5', '5.', '01', '１０', '1000000000000001',
  1000, 1.5, -1, null, true, {}, ['5'], REMOVE,
];

function amountCases(route: RouteName, field: string, options: { zeroAllowed?: boolean; bounded?: boolean } = {}): FieldCase[] {
  return BAD_AMOUNTS
    .filter((value) => !(options.zeroAllowed && value === '0'))
    .filter((value) => !(options.bounded === false && value === '1000000000000001'))
    .map((value) => ({ route, field, value }));
}

const FIELD_CASES: FieldCase[] = [
  // Donations: the amount, and every field of the body.
  ...amountCases('donation', 'amount'),
  { route: 'donation', field: 'amount', value: '1.555', with: { currency: 'USD', fxRate: '25000' } },
  { route: 'donation', field: 'amount', value: '0.01', with: { currency: 'USD', fxRate: '10' } },
  { route: 'donation', field: 'amount', value: '40000000001', with: { currency: 'USD', fxRate: '25000' } },
  { route: 'donation', field: 'fxRate', value: REMOVE, with: { currency: 'USD', amount: '10' } },
  { route: 'donation', field: 'fxRate', value: null, with: { currency: 'USD', amount: '10' } },
  { route: 'donation', field: 'fxRate', value: '0', with: { currency: 'USD', amount: '10' } },
  { route: 'donation', field: 'fxRate', value: '-25000', with: { currency: 'USD', amount: '10' } },
  { route: 'donation', field: 'fxRate', value: '2.5e4', with: { currency: 'USD', amount: '10' } },
  { route: 'donation', field: 'fxRate', value: 25000, with: { currency: 'USD', amount: '10' } },
  { route: 'donation', field: 'fxRate', value: '1' },
  { route: 'donation', field: 'currency', value: 'usd' },
  { route: 'donation', field: 'currency', value: 'XYZ' },
  { route: 'donation', field: 'currency', value: 704 },
  { route: 'donation', field: 'channel', value: 'cheque' },
  { route: 'donation', field: 'channel', value: REMOVE },
  { route: 'donation', field: 'receivedAt', value: REMOVE },
  { route: 'donation', field: 'receivedAt', value: '2024-05-12' },
  { route: 'donation', field: 'receivedAt', value: '2024-05-12T09:30:00' },
  { route: 'donation', field: 'receivedAt', value: '12/05/2024 09:30' },
  { route: 'donation', field: 'receivedAt', value: 1715481000000 },
  { route: 'donation', field: 'receivedAt', value: '2024-13-01T09:30:00+07:00' },
  { route: 'donation', field: 'receivedAt', value: '2024-02-30T09:30:00+07:00' },
  { route: 'donation', field: 'receivedAt', value: '2023-02-29T09:30:00+07:00' },
  { route: 'donation', field: 'receivedAt', value: '2024-04-31T09:30:00+07:00' },
  { route: 'donation', field: 'receivedAt', value: '0999-05-12T09:30:00+07:00' },
  { route: 'donation', field: 'donor', value: REMOVE },
  { route: 'donation', field: 'donor', value: null },
  { route: 'donation', field: 'donor', value: 'Nguyễn Văn An' },
  { route: 'donation', field: 'donor', value: [] },
  { route: 'donation', field: 'donor', value: [{ name: 'Nguyễn Văn An', kind: 'individual' }] },
  { route: 'donation', field: 'donor.name', value: REMOVE },
  { route: 'donation', field: 'donor.name', value: '' },
  { route: 'donation', field: 'donor.name', value: 5 },
  { route: 'donation', field: 'donor.name', value: ONE_MB },
  { route: 'donation', field: 'donor.kind', value: 'alien' },
  { route: 'donation', field: 'donor.kind', value: REMOVE },
  { route: 'donation', field: 'donor.taxCode', value: 312345678 },
  { route: 'donation', field: 'donor.extra', value: 'x' },
  { route: 'donation', field: 'component', value: 'General' },
  { route: 'donation', field: 'component', value: 5 },
  { route: 'donation', field: 'campaignId', value: 'Bão Yagi' },
  { route: 'donation', field: 'restriction', value: 'Hỗ trợ học sinh' },
  { route: 'donation', field: 'restriction', value: [] },
  { route: 'donation', field: 'restriction', value: [{ purpose: 'Hỗ trợ học sinh' }] },
  { route: 'donation', field: 'restriction.purpose', value: REMOVE, with: { restriction: { beneficiary: null } } },
  { route: 'donation', field: 'restriction.purpose', value: '' },
  { route: 'donation', field: 'restriction.extra', value: 1, with: { restriction: { purpose: 'x' } } },
  { route: 'donation', field: 'reference', value: 5 },
  { route: 'donation', field: 'note', value: ONE_MB },
  { route: 'donation', field: 'note', value: 42 },
  { route: 'donation', field: 'inKind', value: REMOVE, with: { channel: 'in_kind' } },
  { route: 'donation', field: 'inKind', value: null, with: { channel: 'in_kind' } },
  { route: 'donation', field: 'inKind', value: [{ description: 'Gạo', quantity: '1', unit: 'kg', valuationMethod: 'giá chợ' }], with: { channel: 'in_kind' } },
  { route: 'donation', field: 'inKind', value: { description: 'Gạo', quantity: '1', unit: 'kg', valuationMethod: 'giá chợ' } },
  { route: 'donation', field: 'inKind.quantity', value: '-1', with: { channel: 'in_kind', inKind: { description: 'Gạo', unit: 'kg', valuationMethod: 'giá chợ' } } },
  { route: 'donation', field: 'inKind.valuationMethod', value: REMOVE, with: { channel: 'in_kind', inKind: { description: 'Gạo', quantity: '1', unit: 'kg' } } },
  { route: 'donation', field: 'inKind.extra', value: 1, with: { channel: 'in_kind', inKind: { description: 'Gạo', quantity: '1', unit: 'kg', valuationMethod: 'giá chợ' } } },
  { route: 'donation', field: 'extra', value: 'x' },
  { route: 'donation', field: 'donationId', value: 'DN-2024-000001' },
  { route: 'donation', field: 'toString', value: 'x' },
  { route: 'donation', field: 'hasOwnProperty', value: 'x' },
  { route: 'donation', field: 'constructor', value: 'x' },
  { route: 'donation', field: 'prototype', value: 'x' },
  { route: 'donation', field: 'donor.constructor', value: 'x' },

  // Disbursement requests.
  ...amountCases('disbursement', 'amount'),
  { route: 'disbursement', field: 'kind', value: 'bribe' },
  { route: 'disbursement', field: 'kind', value: REMOVE },
  { route: 'disbursement', field: 'component', value: REMOVE },
  { route: 'disbursement', field: 'component', value: 'Chung' },
  { route: 'disbursement', field: 'campaignId', value: 'X Y' },
  { route: 'disbursement', field: 'restrictionId', value: 5 },
  { route: 'disbursement', field: 'purpose', value: REMOVE },
  { route: 'disbursement', field: 'purpose', value: '' },
  { route: 'disbursement', field: 'purpose', value: ONE_MB },
  { route: 'disbursement', field: 'beneficiary', value: REMOVE },
  { route: 'disbursement', field: 'beneficiary', value: ['UBND xã'] },
  { route: 'disbursement', field: 'certificationRef', value: 5 },
  { route: 'disbursement', field: 'status', value: 'paid' },
  { route: 'disbursement', field: 'constructor', value: 'x' },

  // Emergency releases and their settlement.
  ...amountCases('release', 'amount'),
  { route: 'release', field: 'component', value: REMOVE },
  { route: 'release', field: 'incident', value: REMOVE },
  { route: 'release', field: 'incident', value: ONE_MB },
  { route: 'release', field: 'recipient', value: REMOVE },
  { route: 'release', field: 'recipient', value: 7 },
  { route: 'release', field: 'settleBy', value: vnTimestamp(90) },
  ...amountCases('settle', 'spent', { zeroAllowed: true, bounded: false }),
  ...amountCases('settle', 'returned', { zeroAllowed: true, bounded: false }),
  { route: 'settle', field: 'evidence', value: REMOVE },
  { route: 'settle', field: 'evidence', value: 'Biên bản 01' },
  { route: 'settle', field: 'evidence', value: [1] },
  { route: 'settle', field: 'evidence', value: [ONE_MB] },
  { route: 'settle', field: 'evidence', value: null },
  { route: 'settle', field: 'extra', value: true },

  // Approve, reject, pay.
  { route: 'approve', field: 'note', value: 5 },
  { route: 'approve', field: 'approvedBy', value: 'someone-else' },
  { route: 'reject', field: 'reason', value: REMOVE },
  { route: 'reject', field: 'reason', value: '' },
  { route: 'reject', field: 'reason', value: ONE_MB },
  { route: 'pay', field: 'paidAt', value: REMOVE },
  { route: 'pay', field: 'paidAt', value: 'hôm qua' },
  { route: 'pay', field: 'paidAt', value: '2024-02-30T10:00:00+07:00' },
  { route: 'pay', field: 'reference', value: REMOVE },
  { route: 'pay', field: 'reference', value: '' },
  { route: 'pay', field: 'amount', value: '1000000' },

  // Reversals.
  { route: 'reversal', field: 'entryId', value: REMOVE },
  { route: 'reversal', field: 'entryId', value: '' },
  { route: 'reversal', field: 'entryId', value: 5 },
  { route: 'reversal', field: 'reason', value: REMOVE },
  { route: 'reversal', field: 'reason', value: ONE_MB },
  { route: 'reversal', field: 'amount', value: '5' },

  // Funds and their policy.
  { route: 'fund', field: 'fundId', value: REMOVE },
  { route: 'fund', field: 'fundId', value: 'CTD HCM' },
  { route: 'fund', field: 'fundId', value: 'a'.repeat(65) },
  { route: 'fund', field: 'fundId', value: 5 },
  { route: 'fund', field: 'name', value: REMOVE },
  { route: 'fund', field: 'name', value: '' },
  { route: 'fund', field: 'name', value: ONE_MB },
  { route: 'fund', field: 'components', value: 'general' },
  { route: 'fund', field: 'components', value: [] },
  { route: 'fund', field: 'components', value: ['General'] },
  { route: 'fund', field: 'components', value: [5] },
  { route: 'fund', field: 'policy', value: 'strict' },
  { route: 'fund', field: 'policy', value: [] },
  { route: 'fund', field: 'policy.extra', value: 1 },
  { route: 'fund', field: 'policy.approvals', value: [] },
  { route: 'fund', field: 'policy.approvals', value: { above: '0', approvers: 1 } },
  { route: 'fund', field: 'policy.approvals', value: [1] },
  { route: 'fund', field: 'policy.approvals', value: [{ above: '0', approvers: '2' }] },
  { route: 'fund', field: 'policy.approvals', value: [{ above: '1e6', approvers: 2 }] },
  { route: 'fund', field: 'policy.approvals', value: [{ above: '0', approvers: 0 }] },
  { route: 'fund', field: 'policy.approvals', value: [{ above: '0', approvers: 1.5 }] },
  { route: 'fund', field: 'policy.approvals', value: [{ above: '0', approvers: 1, extra: true }] },
  { route: 'fund', field: 'policy.emergencyReleaseCap', value: '-1' },
  { route: 'fund', field: 'policy.emergencyReleaseCap', value: '1.5' },
  { route: 'fund', field: 'policy.emergencyReleaseCap', value: 50000000 },
  { route: 'fund', field: 'policy.emergencySettlementDays', value: 0 },
  { route: 'fund', field: 'policy.emergencySettlementDays', value: 366 },
  { route: 'fund', field: 'policy.emergencySettlementDays', value: '30' },
  { route: 'fund', field: 'policy.emergencySettlementDays', value: 1.5 },
  { route: 'fund', field: 'policy.managementCostCapPercent', value: 5 },
  { route: 'fund', field: 'policy.managementCostCapPercent', value: '0' },
  { route: 'fund', field: 'policy.managementCostCapPercent', value: '1e1' },
  { route: 'fund', field: 'policy.managementCostCapPercent', value: '5,5' },
  { route: 'fund', field: 'extra', value: 1 },

  // Campaigns.
  { route: 'campaign', field: 'campaignId', value: REMOVE },
  { route: 'campaign', field: 'campaignId', value: 'Bão Yagi' },
  { route: 'campaign', field: 'bankAccount', value: '<script>' },
  { route: 'campaign', field: 'bankAccount', value: 'A\u0000\u202e' },
  { route: 'campaign', field: 'name', value: REMOVE },
  { route: 'campaign', field: 'name', value: ONE_MB },
  { route: 'campaign', field: 'kind', value: 'flood' },
  { route: 'campaign', field: 'kind', value: REMOVE },
  { route: 'campaign', field: 'receiveFrom', value: REMOVE },
  { route: 'campaign', field: 'receiveFrom', value: '2024-09-08' },
  { route: 'campaign', field: 'receiveUntil', value: '2024-02-30T23:59:59+07:00' },
  { route: 'campaign', field: 'receiveUntil', value: 20241007 },
  { route: 'campaign', field: 'distributeUntil', value: 'sau Tết' },
  { route: 'campaign', field: 'bankAccount', value: 11001932418 },
  { route: 'campaign', field: 'extra', value: 1 },

  // Users.
  { route: 'user', field: 'name', value: REMOVE },
  { route: 'user', field: 'name', value: '' },
  { route: 'user', field: 'roles', value: [] },
  { route: 'user', field: 'roles', value: ['root'] },
  { route: 'user', field: 'roles', value: 'admin' },
  { route: 'user', field: 'roles', value: REMOVE },
  { route: 'user', field: 'token', value: 'my-own-token' },

  // Required text is non-blank after trimming, on every route (issue 12, finding 5); zero-width and direction marks are no text either.
  ...(['   ', '\t\n', '\u200b\u200b', ' \u200d\u202e '] as const).flatMap((blank): FieldCase[] => [
    { route: 'donation', field: 'donor.name', value: blank },
    { route: 'donation', field: 'restriction.purpose', value: blank },
    { route: 'donation', field: 'restriction.beneficiary', value: blank, with: { 'restriction.purpose': 'Chữa bệnh' } },
    { route: 'disbursement', field: 'purpose', value: blank },
    { route: 'disbursement', field: 'beneficiary', value: blank },
    { route: 'disbursement', field: 'certificationRef', value: blank },
    { route: 'release', field: 'incident', value: blank },
    { route: 'release', field: 'recipient', value: blank },
    { route: 'settle', field: 'evidence', value: ['Biên bản 01', blank] },
    { route: 'reject', field: 'reason', value: blank },
    { route: 'pay', field: 'reference', value: blank },
    { route: 'pay', field: 'certificationRef', value: blank },
    { route: 'reversal', field: 'entryId', value: blank },
    { route: 'reversal', field: 'reason', value: blank },
    { route: 'fund', field: 'name', value: blank },
    { route: 'campaign', field: 'name', value: blank },
    { route: 'user', field: 'name', value: blank },
  ]),

  // Business dates given on spending routes (api-v2 "Dates").
  { route: 'disbursement', field: 'requestedAt', value: 'hôm qua' },
  { route: 'disbursement', field: 'requestedAt', value: '2024-05-12' },
  { route: 'release', field: 'releasedAt', value: 20240512 },
  { route: 'release', field: 'restrictionId', value: 5 },
  { route: 'settle', field: 'settledAt', value: '2024-02-30T10:00:00+07:00' },
  { route: 'reversal', field: 'reversedAt', value: 'hôm nay' },
];

function describeValue(value: unknown): string {
  if (value === REMOVE) return '(missing)';
  if (typeof value === 'string' && value.length > 40) return `"${value.slice(0, 8)}…" (${value.length} chars)`;
  return JSON.stringify(value);
}

async function send(route: RouteName, body: unknown, options: { raw?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const spec = ROUTES[route];
  const headers = { ...(options.contentType ? { 'content-type': options.contentType } : {}), ...options.headers };
  return call(ledger, 'post', spec.path, options.raw ?? body, { token: spec.token(), headers });
}

beforeAll(async () => {
  ledger = await startTestLedger();
  staff = (await ledger.user('Nhân viên đa vai', ['accountant', 'coordinator', 'approver'])).token;
  approverToken = (await ledger.user('Người duyệt', ['approver'])).token;
  await openFund(ledger, FUND);
  const as = (token: string, path: string, body: unknown) => call(ledger, 'post', path, body, { token });
  expectStatus(await as(staff, `/v1/funds/${FUND}/donations`, donationBody({ amount: '900000000' })), 201);
  expectStatus(await as(staff, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000', component: 'emergency-relief' })), 201);
  const toReverse = await as(staff, `/v1/funds/${FUND}/donations`, donationBody({ amount: '10000' }));
  expectStatus(toReverse, 201);
  reversible = toReverse.body.donationId;
  expectStatus(await as(staff, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000000' })), 201); // DB-000001
  expectStatus(await as(staff, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000000' })), 201); // DB-000002
  expectStatus(await as(staff, `/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '1000000' })), 201); // ER-000001
});

afterAll(async () => {
  await ledger?.close();
});

describe('a bad field is 400 VALIDATION_FAILED naming it, and appends nothing', () => {
  it.each(FIELD_CASES.map((c) => [c.route, c.field, describeValue(c.value), c] as const))('%s: %s = %s', async (route, _field, _shown, c) => {
    let body = ROUTES[route].base();
    for (const [path, value] of Object.entries(c.with ?? {})) body = withValue(body, path, value);
    body = withValue(body, c.field, c.value);
    const response = await expectNothingAppended(ledger, () => send(route, body));
    expect(response.status).not.toBe(500);
    expectNamesField(response, c.names ?? c.field);
  });
});

describe('prototype-poisoning keys', () => {
  const cases: [string, (json: string) => string, string][] = [
    ['__proto__ at the top', (json) => json.replace(/^\{/, '{"__proto__":{"isAdmin":true},'), '__proto__'],
    ['__proto__ in donor', (json) => json.replace('"donor":{', '"donor":{"__proto__":{"kind":"organization"},'), '__proto__'],
    ['constructor.prototype at the top', (json) => json.replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'), 'constructor'],
    ['constructor.prototype in donor', (json) => json.replace('"donor":{', '"donor":{"constructor":{"prototype":{"x":1}},'), 'constructor'],
  ];
  it.each(cases)('%s: 400 VALIDATION_FAILED naming the key, nothing appended', async (_label, poison, field) => {
    const raw = poison(JSON.stringify(donationBody()));
    const response = await expectNothingAppended(ledger, () => send('donation', undefined, { raw, contentType: 'application/json' }));
    expect(response.status).not.toBe(500);
    expectNamesField(response, field);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('the body as a whole', () => {
  const routes = Object.keys(ROUTES) as RouteName[];
  const shapes: [string, string][] = [['an empty array', '[]'], ['an array of the body', '[{}]'], ['null', 'null'], ['a string', '"x"'], ['a number', '42'], ['true', 'true']];

  it.each(routes.flatMap((route) => shapes.map(([label, raw]) => [route, label, raw] as const)))('%s with %s as body: 400 naming (body)', async (route, _label, raw) => {
    const response = await expectNothingAppended(ledger, () => send(route, undefined, { raw, contentType: 'application/json' }));
    expectNamesField(response, '(body)');
  });

  it('no body at all is the empty object where every field is optional (an approval\'s {note?}); where a field is required, 400 naming (body)', async () => {
    // Past the body check, the approval reaches the fund: a disbursement it does not have is 404.
    const approval = await call(ledger, 'post', `/v1/funds/${FUND}/disbursements/DB-999999/approve`, undefined, { token: approverToken });
    expectError(approval, 404, 'NOT_FOUND');
    const donation = await expectNothingAppended(ledger, () => send('donation', undefined));
    expectNamesField(donation, '(body)');
  });

  it.each(['{bad', '{"amount": "1",}', '{"amount": "1"', "{'amount': '1'}"])('malformed JSON %s: 400 VALIDATION_FAILED', async (raw) => {
    const response = await expectNothingAppended(ledger, () => send('donation', undefined, { raw, contentType: 'application/json' }));
    expectError(response, 400, 'VALIDATION_FAILED');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/octet-stream', 'multipart/form-data; boundary=x'])(
    'content type %s: 415, nothing appended',
    async (contentType) => {
      const raw = contentType.startsWith('application/x-www') ? 'amount=1500000&channel=cash' : JSON.stringify(donationBody());
      const response = await expectNothingAppended(ledger, () => send('donation', undefined, { raw, contentType }));
      expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('a body over the 2 MB limit is 413, nothing appended; a 1 MB string inside the limit is a 400', async () => {
    const tooLarge = await expectNothingAppended(ledger, () => send('donation', donationBody({ note: 'x'.repeat(2 * 1024 * 1024 + 10) })));
    expectStatus(tooLarge, 413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // 600 000 Vietnamese letters of 3 bytes each: 1.8 MB, within the limit.
    const vietnamese = await expectNothingAppended(ledger, () => send('donation', donationBody({ note: 'ệ'.repeat(600_000) })));
    expectNamesField(vietnamese, 'note');
  });
});

describe('the Idempotency-Key header', () => {
  it.each([['empty', ''], ['201 characters', 'k'.repeat(201)], ['non-ASCII', 'khóa-1'], ['a tab inside', 'a\tb']])('%s: 400 naming Idempotency-Key', async (_label, key) => {
    const response = await expectNothingAppended(ledger, () => send('donation', donationBody(), { headers: { 'Idempotency-Key': key } }));
    expectNamesField(response, 'Idempotency-Key');
  });
});

describe('the reason names what is wrong', () => {
  it.each(['0', '0.00'])('an amount of %s is "must be greater than 0", not a format problem', async (amount) => {
    const response = await expectNothingAppended(ledger, () => send('donation', donationBody({ amount })));
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).toContain('amount must be greater than 0');
  });

  it.each([
    ['missing', REMOVE], ['one text, not a list', 'Biên bản 01'], ['null', null], ['a number', 12],
  ])('evidence %s is said to be no list, and nothing about a length or items it does not have', async (_name, evidence) => {
    const body: Record<string, unknown> = { ...ROUTES.settle.base() as Record<string, unknown>, evidence };
    if (evidence === REMOVE) delete body.evidence;
    const response = await expectNothingAppended(ledger, () => send('settle', body));
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.fields).toEqual([{ field: 'evidence', reason: 'evidence must be an array' }]);
  });

  it('a text field given a number is said to be no text, and nothing about its length', async () => {
    const response = await expectNothingAppended(ledger, () => send('settle', { ...ROUTES.settle.base() as Record<string, unknown>, evidence: [12] }));
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.fields.map((problem: { reason: string }) => problem.reason)).not.toContainEqual(expect.stringContaining('shorter than'));
  });
});

describe('what the HTTP parser refuses before the application sees it', () => {
  it('headers over the server\'s limit are 431 in the API\'s one error shape', async () => {
    const response = await ledger.http().get(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${staff}`).set('x-padding', 'a'.repeat(20_000));
    expect(response.status).toBe(431);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: { reason: 'HPE_HEADER_OVERFLOW' } } });
  });
});

describe('query parameters a route does not declare', () => {
  const get = (path: string, token = staff) => call(ledger, 'get', path, undefined, { token });

  it.each([
    ['balance?asof=1900-01-01', 'asof'],
    ['balance?atposition=5', 'atposition'],
    ['balance?asOf[]=2026-01-01', 'asOf[]'],
    ['reports/financial?form=2025-01-01', 'form'],
    ['donations?limt=5', 'limt'],
  ])('GET …/%s is 400 naming %s, not today\'s figures', async (path, field) => {
    const response = await get(`/v1/funds/${FUND}/${path}`);
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(validationFields(response)).toEqual([field]);
    expect(JSON.stringify(response.body)).toContain('unknown query parameter');
  });

  it('a command takes none: POST …/donations?dryRun=1 is 400 and appends nothing', async () => {
    const response = await expectNothingAppended(ledger, () => call(ledger, 'post', `/v1/funds/${FUND}/donations?dryRun=1`, donationBody(), { token: staff }));
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(validationFields(response)).toEqual(['dryRun']);
  });

  it('every read takes minPosition: a route reading the log waits for every read model, 400 for a bad one, 503 past the head', async () => {
    const head = await ledger.store.headPosition();
    expectStatus(await get(`/v1/funds/${FUND}?minPosition=${head}`), 200);
    expectError(await get(`/v1/funds/${FUND}?minPosition=abc`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/v1/funds/${FUND}/policy/history?minPosition=${head + 1000}`), 503, 'PROJECTION_LAGGING');
  }, 30_000);
});

describe('path parameters', () => {
  it.each([
    ['/v1/funds/CTD-HCM/donations', 'donation', 'fundId'],
    ['/v1/funds/quy%20moi/disbursements', 'disbursement', 'fundId'],
    [`/v1/funds/${FUND}/disbursements/abc/approve`, 'approve', 'id'],
    [`/v1/funds/${FUND}/disbursements/DB-1%3B1/pay`, 'pay', 'id'],
    [`/v1/funds/${FUND}/emergency-releases/..%2F..%2Fetc/settle`, 'settle', 'id'],
    [`/v1/funds/${FUND}/campaigns/Bao%20Yagi/close`, null, 'campaignId'],
  ] as const)('POST %s: 400 naming %s', async (path, route, field) => {
    const body = route === null ? undefined : ROUTES[route].base();
    const response = await expectNothingAppended(ledger, () => call(ledger, 'post', path, body, { token: staff }));
    expectNamesField(response, field);
  });

  it('a command that takes no body, sent with content-type JSON and none (as some clients send a DELETE), is no malformed JSON', async () => {
    const user = await ledger.user('Người được thu hồi mã', ['auditor']);
    const revoked = await ledger.http().delete(`/v1/users/${user.userId}/token`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('content-type', 'application/json');
    expect(revoked.status).toBe(200);
    // A body of blanks is none too; one of bad JSON still is refused as such.
    const other = await ledger.user('Người thứ hai', ['auditor']);
    expect((await ledger.http().delete(`/v1/users/${other.userId}/token`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('content-type', 'application/json').send(' \n')).status).toBe(200);
    const malformed = await ledger.http().delete(`/v1/users/${other.userId}/token`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('content-type', 'application/json').send('{');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.fields).toEqual([{ field: '(body)', reason: 'is not valid JSON' }]);
  });

  it('DELETE /v1/users/ with a malformed id: 400 naming userId', async () => {
    const response = await expectNothingAppended(ledger, () => call(ledger, 'delete', '/v1/users/a%20b%3Bc'));
    expectNamesField(response, 'userId');
  });
});

describe('one error shape for every 400', () => {
  // Checked by the domain rather than by the DTO: the answer must look the same to a client.
  it.each([
    ['donation', { amount: '1.5' }],
    ['donation', { amount: '1000000000000001' }],
    ['donation', { currency: 'USD', amount: '1.555', fxRate: '25000' }],
    ['donation', { currency: 'USD', amount: '10' }],
    ['donation', { channel: 'in_kind' }],
    ['disbursement', { amount: '1.5' }],
    ['release', { amount: '1.5' }],
    ['settle', { spent: '1.5', returned: '0' }],
  ] as const)('%s %j: details.fields = [{field, reason}]', async (route, overrides) => {
    const body = { ...ROUTES[route].base(), ...overrides };
    const response = await expectNothingAppended(ledger, () => send(route, body));
    const fields = validationFields(response);
    expect(fields.length).toBeGreaterThan(0);
  });
});

describe('the base bodies of the table are valid (so each case fails only on its bad field)', () => {
  it.each(['donation', 'disbursement', 'release', 'settle', 'approve', 'pay', 'reject', 'reversal', 'fund', 'campaign', 'user'] as RouteName[])('%s', async (route) => {
    const before = await countEvents(ledger.store);
    const response = await send(route, ROUTES[route].base());
    expectStatus(response, ROUTES[route].success);
    expect(await countEvents(ledger.store)).toBeGreaterThan(before);
  });

  it('an Idempotency-Key of exactly 200 printable characters is accepted', async () => {
    const response = await send('donation', donationBody(), { headers: { 'Idempotency-Key': `${'k'.repeat(199)}~` } });
    expectStatus(response, 201);
  });

  it('a 29 February of a leap year is a valid date', async () => {
    expectStatus(await send('donation', donationBody({ receivedAt: '2024-02-29T10:00:00+07:00' })), 201);
  });
});
