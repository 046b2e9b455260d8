import request, { type Response } from 'supertest';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { report } from '../soak/support/size';
import { documentedRoutes, nestRoutes, type RouteKey } from './app-routes';
import { SetupCodes } from '../../src/access/sessions';
import { LogTree } from '../../src/transparency/log-tree';
import { signTransferNote, TRANSFER_NOTE_FORMAT } from '../../src/domain/spending/transfer-note';
import { DELIVERY_RECEIPT_FORMAT, signDeliveryReceipt } from '../../src/domain/spending/delivery-receipt';
import { ed25519PrivateKeyFromSeed, ed25519PublicKeyRaw } from '../../src/proofs/signed-note';

/**
 * The access matrix, generated from the application's own route list: the routes its controllers
 * map (Nest's metadata) and the routes its OpenAPI document describes must be the same list, and
 * every one of them must have an entry in EXPECTED below, so a new route without an entry fails
 * here. Then every route × every role (and no token, a token never issued, the token of a
 * deactivated user) is called on a target that exists, and must answer the expected status;
 * every refusal appends nothing. test/http/access.e2e.test.ts keeps its hand-written table; this
 * one cannot fall behind the application.
 */
type Role = 'admin' | 'accountant' | 'approver' | 'coordinator' | 'auditor';
type Actor = Role | 'no token' | 'wrong token' | 'deactivated user';
const ROLES: Role[] = ['admin', 'accountant', 'approver', 'coordinator', 'auditor'];
const ACTORS: Actor[] = [...ROLES, 'no token', 'wrong token', 'deactivated user'];

interface Call {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  contentType?: string;
}

interface Expectation {
  /** 'public': anyone, even without a token; 'any': any authenticated user. */
  allowed: Role[] | 'any' | 'public';
  success: number;
  /** Roles the route lets in whom the ledger's own rule then refuses, with the status and code of that refusal. */
  refused?: Partial<Record<Role, { status: number; code: string }>>;
  /** Makes a fresh target (as other users) and returns the call that acts on it. */
  target: () => Promise<Call>;
}

let ledger: TestLedger;
const tokens = {} as Record<Actor, string | null>;
/** Users who set targets up: a requester (accountant) and a second approver and coordinator. */
let setup: { accountant: string; approver: string; coordinator: string };
const FUND = 'quy-ma-tran';
/** The position of FUND's opening: its public totals are read at it (the read models follow the log). */
let fundOpened = 0;
let serial = 0;
const next = (prefix: string) => `${prefix}-${++serial}`;
const now = () => `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
const daysFromNow = (days: number) => `${new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
/** dd/mm/yyyy, Vietnam day, as a statement prints it. */
const statementDay = (days: number) => daysFromNow(days).slice(0, 10).split('-').reverse().join('/');

async function ok(token: string, call: Call, status = call.method === 'post' ? 201 : 200): Promise<Record<string, unknown>> {
  const response = await send(token, call);
  if (response.status !== status) throw new Error(`setup ${call.method} ${call.path}: ${response.status} ${response.text}`);
  return response.body as Record<string, unknown>;
}

function send(token: string | null, call: Call): Promise<Response> {
  let req = ledger.http()[call.method](call.path);
  if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
  if (call.contentType) req = req.set('Content-Type', call.contentType);
  return call.body === undefined ? req : req.send(call.body as object);
}

const donation = (amount = '1000000') => ({ amount, channel: 'cash', receivedAt: now(), donor: { name: 'Nguyễn Văn An', kind: 'individual' } });
const disbursement = () => ({ amount: '1000000', kind: 'relief', component: 'general', purpose: 'Hỗ trợ hộ nghèo', beneficiary: 'UBND xã An Phú' });
const release = () => ({ amount: '1000000', component: 'emergency-relief', incident: 'Sạt lở', recipient: 'Hội CTĐ huyện' });
const requested = async () => String((await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/disbursements`, body: disbursement() })).disbursementId);

/** Transfers go from FUND to a second fund of the ledger, opened on first use. */
const RECEIVER = 'quy-ma-tran-nhan';
let receiverOpened: Promise<unknown> | undefined;
const transferBody = () => ({ toFundId: RECEIVER, amount: '1000000', component: 'general', purpose: 'Chuyển lên Hội cấp tỉnh' });
async function transferRequested(): Promise<string> {
  receiverOpened ??= ok(ADMIN_TOKEN, { method: 'post', path: '/v1/funds', body: { fundId: RECEIVER, name: 'Quỹ nhận chuyển tiền' } });
  await receiverOpened;
  return String((await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/transfers`, body: transferBody() })).transferId);
}
async function transferInTransit(): Promise<string> {
  const id = await transferRequested();
  await ok(setup.approver, { method: 'post', path: `/v1/funds/${FUND}/transfers/${id}/approve`, body: {} }, 200);
  return id;
}
/** An external transfer (to a fund no ledger here holds) in transit: the target of its note. */
async function externalTransferInTransit(): Promise<string> {
  const { transferId } = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/transfers`, body: { ...transferBody(), toFundId: 'quy-o-noi-khac' } });
  await ok(setup.approver, { method: 'post', path: `/v1/funds/${FUND}/transfers/${String(transferId)}/approve`, body: {} }, 200);
  return String(transferId);
}
/** A ledger elsewhere whose key FUND trusts (registered once): each note is a new transfer of it. */
const ELSEWHERE_KEY = ed25519PrivateKeyFromSeed(Buffer.alloc(32, 3));
let elsewhereTrusted: Promise<unknown> | undefined;
async function noteFromElsewhere(): Promise<unknown> {
  elsewhereTrusted ??= ok(ADMIN_TOKEN, {
    method: 'post', path: `/v1/funds/${FUND}/trusted-keys`, body: { keyId: 'e15e0001', publicKey: ed25519PublicKeyRaw(ELSEWHERE_KEY).toString('base64'), chapter: 'Hội nơi khác' },
  });
  await elsewhereTrusted;
  return signTransferNote({
    format: TRANSFER_NOTE_FORMAT, ledger: 'noi-khac.example.vn/ledger', keyId: 'e15e0001', fromFundId: 'quy-noi-khac', fromChapter: 'Hội nơi khác',
    transferId: next('TR-quy-noi-khac'), toFundId: FUND, amount: '1000000', currency: 'VND', component: 'general', campaignId: null, restrictionId: null,
    restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển về', businessDate: now(), position: 1,
  }, ELSEWHERE_KEY);
}
/** A note from elsewhere booked into FUND: the target of its delivery receipt. */
async function importedNote(): Promise<string> {
  const note = await noteFromElsewhere() as { transferId: string };
  await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/transfers/import-note`, body: note }, 201);
  return note.transferId;
}
/** An external transfer of FUND in transit and the receipt the ledger elsewhere (a key FUND trusts) signed for it. */
async function receiptFromElsewhere(): Promise<{ transferId: string; receipt: unknown }> {
  await noteFromElsewhere();
  const transferId = await externalTransferInTransit();
  const note = await ok(setup.accountant, { method: 'get', path: `/v1/funds/${FUND}/transfers/${transferId}/note` }, 200);
  const receipt = signDeliveryReceipt({
    format: DELIVERY_RECEIPT_FORMAT, ledger: 'noi-khac.example.vn/ledger', keyId: 'e15e0001', toFundId: 'quy-o-noi-khac', toChapter: 'Hội nơi khác',
    transferId, fromLedger: String(note.ledger), fromFundId: FUND, amount: '1000000', currency: 'VND', businessDate: now(), position: 1,
  }, ELSEWHERE_KEY);
  return { transferId, receipt };
}
const trustedKeyBody = () => ({ keyId: (0xa0000000 + ++serial).toString(16), publicKey: Buffer.alloc(32, serial % 250).toString('base64'), chapter: 'Hội xã bạn' });
/** A beneficiary of the fund's registry, new each time (its own name), registered by the setup accountant. */
const beneficiary = async () => String((await ok(setup.accountant, {
  method: 'post', path: `/v1/funds/${FUND}/beneficiaries`, body: { kind: 'household', name: next('Hộ'), commune: 'Xã Ma Trận', categories: ['poor'] },
})).beneficiaryId);
/** An approved Tết distribution to a new beneficiary: the target of a hand-over. */
const approvedDistribution = async () => {
  const beneficiaryId = await beneficiary();
  const { disbursementId } = await ok(setup.accountant, {
    method: 'post', path: `/v1/funds/${FUND}/disbursements`,
    body: { ...disbursement(), needCategory: 'tet-gift', distribution: [{ beneficiaryId, amount: '1000000' }] },
  });
  await ok(setup.approver, { method: 'post', path: `/v1/funds/${FUND}/disbursements/${String(disbursementId)}/approve`, body: {} }, 200);
  return { beneficiaryId, disbursementId: String(disbursementId) };
};
const listCsv = () => Buffer.from(`Họ và tên,Địa chỉ\n${next('Hộ')},Ấp 1\n`, 'utf8');
let aList: Promise<string> | undefined;
const someList = () => {
  aList ??= ok(setup.accountant, {
    method: 'post', path: `/v1/funds/${FUND}/beneficiary-lists?commune=X&listKind=poor&certificationRef=1`, contentType: 'text/csv', body: listCsv(),
  }).then((answer) => String(answer.listId));
  return aList;
};

/** The expectation of every route of the application. A route missing here fails the suite. */
const EXPECTED: Record<RouteKey, Expectation> = {
  'GET /health': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/health' }) },
  'POST /v1/users': { allowed: ['admin'], success: 201, target: async () => ({ method: 'post', path: '/v1/users', body: { name: next('Nhân viên'), roles: ['auditor'] } }) },
  'DELETE /v1/users/:userId': {
    allowed: ['admin'], success: 200,
    target: async () => ({ method: 'delete', path: `/v1/users/${(await ledger.user(next('Tạm'), ['auditor'])).userId}` }),
  },
  'GET /metrics': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/metrics' }) },
  'GET /v1/users': { allowed: ['admin'], success: 200, target: async () => ({ method: 'get', path: '/v1/users' }) },
  'GET /v1/me': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: '/v1/me' }) },
  'POST /v1/users/:userId/token': {
    allowed: ['admin'], success: 200,
    target: async () => ({ method: 'post', path: `/v1/users/${(await ledger.user(next('Xoay'), ['auditor'])).userId}/token`, body: {} }),
  },
  'DELETE /v1/users/:userId/token': {
    allowed: ['admin'], success: 200,
    target: async () => ({ method: 'delete', path: `/v1/users/${(await ledger.user(next('Thu hồi'), ['auditor'])).userId}/token` }),
  },
  'POST /v1/users/:userId/password': {
    allowed: ['admin'], success: 204,
    target: async () => ({ method: 'post', path: `/v1/users/${(await ledger.user(next('Mật khẩu'), ['auditor'])).userId}/password`, body: { password: 'mật khẩu đủ dài 2026' } }),
  },
  'POST /v1/session': {
    allowed: 'public', success: 200,
    target: async () => {
      const name = next('Đăng nhập');
      const { userId } = await ledger.user(name, ['auditor']);
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/users/${userId}/password`, body: { password: 'mật khẩu đủ dài 2026' } }, 204);
      return { method: 'post', path: '/v1/session', body: { name, password: 'mật khẩu đủ dài 2026' } };
    },
  },
  'GET /v1/users/:userId/sessions': {
    allowed: ['admin'], success: 200,
    target: async () => ({ method: 'get', path: `/v1/users/${(await ledger.user(next('Thiết bị'), ['coordinator'])).userId}/sessions` }),
  },
  'DELETE /v1/users/:userId/sessions/:sessionId': {
    allowed: ['admin'], success: 204,
    target: async () => {
      const name = next('Điện thoại mất');
      const { userId } = await ledger.user(name, ['coordinator']);
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/users/${userId}/password`, body: { password: 'mật khẩu đủ dài 2026' } }, 204);
      await ok(ADMIN_TOKEN, { method: 'post', path: '/v1/session', body: { name, password: 'mật khẩu đủ dài 2026' } }, 200);
      const sessions = await ok(ADMIN_TOKEN, { method: 'get', path: `/v1/users/${userId}/sessions` });
      const [{ sessionId }] = sessions.items as { sessionId: string }[];
      return { method: 'delete', path: `/v1/users/${userId}/sessions/${sessionId}` };
    },
  },
  'DELETE /v1/session': { allowed: 'public', success: 204, target: async () => ({ method: 'delete', path: '/v1/session' }) },
  'GET /setup': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/setup' }) },
  'POST /v1/setup': {
    allowed: 'public', success: 204,
    // A setup code chooses a first password: each call gets one for a user who has none yet.
    target: async () => ({ method: 'post', path: '/v1/setup', body: { code: ledger.app.get(SetupCodes).issue((await ledger.user(next('Thiết lập'), ['admin'])).userId), password: 'mật khẩu quản trị viên' } }),
  },
  'POST /v1/funds': { allowed: ['admin'], success: 201, target: async () => ({ method: 'post', path: '/v1/funds', body: { fundId: next('quy'), name: 'Quỹ mới' } }) },
  'GET /v1/funds': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: '/v1/funds?limit=5' }) },
  'GET /v1/funds/:fundId': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}` }) },
  'GET /v1/funds/:fundId/balance': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/balance` }) },
  'PUT /v1/funds/:fundId/policy': {
    allowed: ['admin'], success: 200,
    target: async () => ({
      method: 'put', path: `/v1/funds/${FUND}/policy`,
      body: { policy: { emergencySettlementDays: 20 }, effectiveFrom: now().slice(0, 10), decisionRef: next('QĐ') },
    }),
  },
  'GET /v1/funds/:fundId/policy/history': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/policy/history` }) },
  'POST /v1/funds/:fundId/periods/:period/close': {
    allowed: ['admin'], success: 200,
    target: async () => {
      const fundId = next('quy-ky');
      await ok(ADMIN_TOKEN, { method: 'post', path: '/v1/funds', body: { fundId, name: 'Quỹ khoá sổ' } });
      return { method: 'post', path: `/v1/funds/${fundId}/periods/2020-Q4/close`, body: { decisionRef: next('QĐ') } };
    },
  },
  'GET /v1/funds/:fundId/management-cost': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/management-cost` }) },
  'GET /v1/funds/:fundId/activity': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/activity?limit=5` }) },
  'GET /v1/funds/:fundId/imports': { allowed: ['accountant', 'auditor', 'admin'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/imports` }) },
  // The worklist has no import of this fund here: an accountant is let in and told so (404), everyone else refused before.
  'POST /v1/funds/:fundId/imports/reviewed': {
    allowed: ['accountant'], success: 200, refused: { accountant: { status: 404, code: 'NOT_FOUND' } }, target: async () => ({
      method: 'post', path: `/v1/funds/${FUND}/imports/reviewed`, body: { importedAt: '2026-05-12T02:31:00.000Z', fileSha256: 'ab'.repeat(32), note: 'Đã xem' },
    }),
  },
  'GET /v1/funds/:fundId/statement-lines': {
    allowed: ['accountant', 'auditor', 'admin'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/statement-lines?status=unclassified` }),
  },
  'POST /v1/funds/:fundId/statement-lines/:lineId/classify': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const reference = next('FT-CHI');
      const imported = await ok(setup.accountant, {
        method: 'post', path: `/v1/funds/${FUND}/imports?bankAccount=0011001932418`, contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(`date,reference,credit,debit,description\n${statementDay(-1)},${reference},,75000,chuyen tien mua gao\n`, 'utf8'),
      }, 200);
      const lines = await ok(setup.accountant, { method: 'get', path: `/v1/funds/${FUND}/statement-lines?status=unclassified&limit=1000&minPosition=${String(imported.position)}` });
      const line = (lines.items as { rowId: string; reference: string | null }[]).find((item) => item.reference === reference);
      return { method: 'post', path: `/v1/funds/${FUND}/statement-lines/${String(line?.rowId)}/classify`, body: { as: 'other', note: 'Mua gạo cứu trợ' } };
    },
  },
  'GET /v1/funds/:fundId/suspense': {
    allowed: ['accountant', 'approver', 'auditor', 'admin'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/suspense?status=waiting` }),
  },
  'POST /v1/funds/:fundId/suspense/:donationId/assign': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const campaignId = next('muon');
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/funds/${FUND}/campaigns`, body: { campaignId, name: 'Đã kết thúc', kind: 'other', receiveFrom: daysFromNow(-30), receiveUntil: daysFromNow(-10) } });
      const imported = await ok(setup.accountant, {
        method: 'post', path: `/v1/funds/${FUND}/imports?campaignId=${campaignId}&bankAccount=0011001932418`, contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(`date,reference,credit,description\n${statementDay(-2)},${next('FT-MUON')},50000,ung ho muon\n`, 'utf8'),
      }, 200);
      const waiting = await ok(setup.accountant, { method: 'get', path: `/v1/funds/${FUND}/suspense?status=waiting&minPosition=${String(imported.position)}` });
      const [late] = waiting.items as { donationId: string }[];
      return { method: 'post', path: `/v1/funds/${FUND}/suspense/${late.donationId}/assign`, body: { component: 'general', decisionRef: next('QĐ') } };
    },
  },
  'GET /v1/funds/:fundId/statements': { allowed: ['accountant', 'auditor', 'admin'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/statements` }) },
  'GET /v1/funds/:fundId/bank-accounts/:account/reconciliation': {
    allowed: ['accountant', 'auditor', 'admin'], success: 200,
    target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/bank-accounts/0011001932418/reconciliation?from=2026-05-01&to=2026-05-31` }),
  },
  'POST /v1/funds/:fundId/publications': {
    allowed: ['admin', 'accountant'], success: 201,
    target: async () => ({
      method: 'post', path: `/v1/funds/${FUND}/publications`,
      body: { kind: 'annual-report', period: now().slice(0, 4), channel: 'posting', publishedAt: now().slice(0, 10), contentSha256: 'c'.repeat(64) },
    }),
  },
  'GET /v1/funds/:fundId/publications': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/publications` }) },
  'GET /v1/funds/:fundId/obligations': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/obligations` }) },
  'POST /v1/funds/:fundId/campaigns': {
    allowed: ['admin', 'accountant'], success: 201,
    target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/campaigns`, body: { campaignId: next('cd'), name: 'Tết', kind: 'tet', receiveFrom: daysFromNow(-30), receiveUntil: daysFromNow(30) } }),
  },
  'POST /v1/funds/:fundId/campaigns/:campaignId/close': {
    allowed: ['admin', 'accountant'], success: 200,
    target: async () => {
      const campaignId = next('dong');
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/funds/${FUND}/campaigns`, body: { campaignId, name: 'Đóng', kind: 'other', receiveFrom: daysFromNow(-30), receiveUntil: daysFromNow(30) } });
      return { method: 'post', path: `/v1/funds/${FUND}/campaigns/${campaignId}/close` };
    },
  },
  'POST /v1/funds/:fundId/donations': { allowed: ['accountant'], success: 201, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation() }) },
  'POST /v1/funds/:fundId/imports': {
    allowed: ['accountant'], success: 200,
    target: async () => ({
      method: 'post', path: `/v1/funds/${FUND}/imports`, contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(`date,reference,credit,description\n12/05/2026,${next('FT')},50000,ung ho quy\n`, 'utf8'),
    }),
  },
  'POST /v1/funds/:fundId/disbursements': { allowed: ['accountant'], success: 201, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/disbursements`, body: disbursement() }) },
  'POST /v1/funds/:fundId/disbursements/:id/approve': {
    allowed: ['approver'], success: 200, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/disbursements/${await requested()}/approve`, body: {} }),
  },
  'POST /v1/funds/:fundId/disbursements/:id/reject': {
    // An accountant withdraws only a request of their own: this one is another accountant's.
    allowed: ['approver', 'accountant'], success: 200, refused: { accountant: { status: 422, code: 'NOT_REQUESTER' } },
    target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/disbursements/${await requested()}/reject`, body: { reason: 'Thiếu hồ sơ' } }),
  },
  'POST /v1/funds/:fundId/disbursements/:id/pay': {
    allowed: ['approver'], success: 200,
    target: async () => {
      const id = await requested();
      await ok(setup.approver, { method: 'post', path: `/v1/funds/${FUND}/disbursements/${id}/approve`, body: {} }, 200);
      return { method: 'post', path: `/v1/funds/${FUND}/disbursements/${id}/pay`, body: { paidAt: now(), reference: next('UNC') } };
    },
  },
  'POST /v1/funds/:fundId/emergency-releases': { allowed: ['coordinator'], success: 201, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/emergency-releases`, body: release() }) },
  'POST /v1/funds/:fundId/emergency-releases/:id/settle': {
    allowed: ['coordinator'], success: 200,
    target: async () => {
      const { releaseId } = await ok(setup.coordinator, { method: 'post', path: `/v1/funds/${FUND}/emergency-releases`, body: release() });
      return { method: 'post', path: `/v1/funds/${FUND}/emergency-releases/${String(releaseId)}/settle`, body: { spent: '600000', returned: '400000', evidence: ['BB-01'] } };
    },
  },
  'POST /v1/funds/:fundId/reversals': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const { donationId } = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation('50000') });
      return { method: 'post', path: `/v1/funds/${FUND}/reversals`, body: { entryId: donationId, reason: 'Ghi nhầm' } };
    },
  },
  'GET /v1/funds/:fundId/donations': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/donations?limit=5` }) },
  'GET /v1/funds/:fundId/disbursements': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/disbursements?limit=5` }) },
  'GET /v1/funds/:fundId/emergency-releases': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/emergency-releases` }) },
  'GET /v1/funds/:fundId/reports/:report': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/reports/donors` }) },
  'GET /v1/funds/:fundId/reports/network': {
    allowed: ['accountant', 'approver', 'auditor'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/reports/network?format=csv` }),
  },
  'GET /v1/funds/:fundId/donations/:donationId': {
    allowed: 'any', success: 200,
    target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/donations/${String((await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation() })).donationId)}` }),
  },
  'GET /v1/funds/:fundId/donations/:donationId/receipt.pdf': {
    allowed: ['accountant', 'auditor'], success: 200,
    target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/donations/${String((await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation() })).donationId)}/receipt.pdf` }),
  },
  'GET /v1/funds/:fundId/receipts.pdf': {
    allowed: ['accountant', 'auditor'], success: 200,
    // A day before the fund's donations: the file is a single page saying the period has none.
    target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/receipts.pdf?from=2020-01-01&to=2020-01-01` }),
  },
  'GET /v1/public/funds/:fundId': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}?minPosition=${String(fundOpened)}` }) },
  'GET /v1/public/funds/:fundId/donations': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}/donations` }) },
  'GET /v1/public/funds/:fundId/publications': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}/publications` }) },
  'POST /v1/funds/:fundId/beneficiaries': {
    allowed: ['accountant', 'coordinator'], success: 201,
    target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/beneficiaries`, body: { kind: 'person', name: next('Người'), commune: 'Xã Ma Trận', categories: [] } }),
  },
  'GET /v1/funds/:fundId/beneficiaries': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/beneficiaries?limit=5` }) },
  'POST /v1/funds/:fundId/beneficiary-lists': {
    allowed: ['accountant', 'coordinator'], success: 201,
    target: async () => ({
      method: 'post', path: `/v1/funds/${FUND}/beneficiary-lists?commune=X&listKind=poor&certificationRef=1`, contentType: 'text/csv', body: listCsv(),
    }),
  },
  'GET /v1/funds/:fundId/beneficiary-lists': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/beneficiary-lists` }) },
  'POST /v1/funds/:fundId/disbursements/:id/handovers': {
    allowed: ['accountant', 'coordinator'], success: 201,
    target: async () => {
      const { beneficiaryId, disbursementId } = await approvedDistribution();
      return { method: 'post', path: `/v1/funds/${FUND}/disbursements/${disbursementId}/handovers`, body: { beneficiaryId, status: 'received', handedOverAt: now() } };
    },
  },
  'POST /v1/funds/:fundId/disbursements/:id/handovers/:beneficiaryId/correct': {
    allowed: ['accountant', 'coordinator'], success: 201,
    target: async () => {
      const { beneficiaryId, disbursementId } = await approvedDistribution();
      await ok(setup.accountant, {
        method: 'post', path: `/v1/funds/${FUND}/disbursements/${disbursementId}/handovers`, body: { beneficiaryId, status: 'received', handedOverAt: now() },
      }, 201);
      return { method: 'post', path: `/v1/funds/${FUND}/disbursements/${disbursementId}/handovers/${beneficiaryId}/correct`, body: { reason: 'Ghi nhầm hộ' } };
    },
  },
  'POST /v1/funds/:fundId/disbursements/:id/handovers/:beneficiaryId/money-returned': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const { beneficiaryId, disbursementId } = await approvedDistribution();
      await ok(setup.approver, { method: 'post', path: `/v1/funds/${FUND}/disbursements/${disbursementId}/pay`, body: { paidAt: now(), reference: next('UNC') } }, 200);
      await ok(setup.accountant, {
        method: 'post', path: `/v1/funds/${FUND}/disbursements/${disbursementId}/handovers`,
        body: { beneficiaryId, status: 'absent', handedOverAt: now(), evidenceRef: 'Biên bản vắng mặt', closed: true },
      }, 201);
      return { method: 'post', path: `/v1/funds/${FUND}/disbursements/${disbursementId}/handovers/${beneficiaryId}/money-returned`, body: { evidenceRef: next('PT') } };
    },
  },
  'GET /v1/funds/:fundId/disbursements/:id/distribution': {
    allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/disbursements/${await requested()}/distribution` }),
  },
  'GET /v1/funds/:fundId/reports/coverage': {
    allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/reports/coverage?listId=${await someList()}&need=tet-gift` }),
  },
  'GET /v1/funds/:fundId/reports/duplicate-overrides': {
    allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/reports/duplicate-overrides` }),
  },
  'GET /v1/funds/:fundId/stock': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/stock` }) },
  'GET /v1/public/funds/:fundId/beneficiaries': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}/beneficiaries` }) },
  'GET /v1/public/funds/:fundId/campaigns/:campaignId/beneficiaries': {
    allowed: 'public', success: 200,
    target: async () => {
      const campaignId = next('tet');
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/funds/${FUND}/campaigns`, body: { campaignId, name: 'Tết', kind: 'tet', receiveFrom: daysFromNow(-30), receiveUntil: daysFromNow(30) } });
      return { method: 'get', path: `/v1/public/funds/${FUND}/campaigns/${campaignId}/beneficiaries` };
    },
  },
  'GET /v1/public/funds/:fundId/campaigns': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}/campaigns` }) },
  'GET /v1/public/funds/:fundId/daily': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}/daily` }) },
  'GET /v1/public/funds/:fundId/reports/:report': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: `/v1/public/funds/${FUND}/reports/campaigns` }) },
  'GET /v1/public/keys': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/v1/public/keys' }) },
  'GET /v1/funds/:fundId/transfers': { allowed: 'any', success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/transfers` }) },
  'POST /v1/funds/:fundId/transfers': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      await transferRequested();
      return { method: 'post', path: `/v1/funds/${FUND}/transfers`, body: transferBody() };
    },
  },
  'POST /v1/funds/:fundId/transfers/:transferId/approve': {
    allowed: ['approver'], success: 200, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/transfers/${await transferRequested()}/approve`, body: {} }),
  },
  'POST /v1/funds/:fundId/transfers/:transferId/reject': {
    allowed: ['approver'], success: 200, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/transfers/${await transferRequested()}/reject`, body: { reason: 'Sai đơn vị' } }),
  },
  'POST /v1/funds/:fundId/transfers/:transferId/receive': {
    allowed: ['accountant'], success: 200, target: async () => ({ method: 'post', path: `/v1/funds/${RECEIVER}/transfers/${await transferInTransit()}/receive`, body: {} }),
  },
  'POST /v1/funds/:fundId/transfers/:transferId/assign-campaign': {
    allowed: ['accountant'], success: 200,
    target: async () => {
      const transferId = await transferInTransit();
      await ok(setup.accountant, { method: 'post', path: `/v1/funds/${RECEIVER}/transfers/${transferId}/receive`, body: {} }, 200);
      const campaignId = next('nhan-sau');
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/funds/${RECEIVER}/campaigns`, body: { campaignId, name: 'Ghi sau', kind: 'other', receiveFrom: daysFromNow(-5), receiveUntil: daysFromNow(30) } });
      return { method: 'post', path: `/v1/funds/${RECEIVER}/transfers/${transferId}/assign-campaign`, body: { campaignId, reason: 'Công văn của quỹ gửi' } };
    },
  },
  'POST /v1/funds/:fundId/transfers/:transferId/return': {
    allowed: ['accountant'], success: 200,
    target: async () => ({ method: 'post', path: `/v1/funds/${RECEIVER}/transfers/${await transferInTransit()}/return`, body: { reason: 'Không thuộc địa bàn' } }),
  },
  'GET /v1/funds/:fundId/transfers/:transferId/note': {
    allowed: ['accountant', 'auditor'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/transfers/${await externalTransferInTransit()}/note` }),
  },
  'POST /v1/funds/:fundId/transfers/import-note': {
    allowed: ['accountant'], success: 201, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/transfers/import-note`, body: await noteFromElsewhere() }),
  },
  'GET /v1/funds/:fundId/transfers/incoming/:transferId/receipt': {
    allowed: ['accountant', 'auditor'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/transfers/incoming/${await importedNote()}/receipt` }),
  },
  'POST /v1/funds/:fundId/transfers/:transferId/delivered': {
    allowed: ['accountant'], success: 200,
    target: async () => {
      const { transferId, receipt } = await receiptFromElsewhere();
      return { method: 'post', path: `/v1/funds/${FUND}/transfers/${transferId}/delivered`, body: receipt };
    },
  },
  'POST /v1/funds/:fundId/trusted-keys': {
    allowed: ['admin'], success: 201, target: async () => ({ method: 'post', path: `/v1/funds/${FUND}/trusted-keys`, body: trustedKeyBody() }),
  },
  'GET /v1/funds/:fundId/trusted-keys': { allowed: ['admin', 'auditor'], success: 200, target: async () => ({ method: 'get', path: `/v1/funds/${FUND}/trusted-keys` }) },
  'POST /v1/funds/:fundId/restrictions/:restrictionId/release': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const gift = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: { ...donation('2000000'), restriction: { purpose: 'Học bổng' } } });
      return { method: 'post', path: `/v1/funds/${FUND}/restrictions/${String(gift.donationId)}/release`, body: { consentRef: 'Thư đồng ý', newPurpose: 'Hỗ trợ hộ nghèo' } };
    },
  },
  'POST /v1/funds/:fundId/restriction-releases/:releaseRequestId/approve': {
    allowed: ['approver'], success: 200,
    target: async () => {
      const gift = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: { ...donation('2000000'), restriction: { purpose: 'Học bổng' } } });
      const asked = await ok(setup.accountant, {
        method: 'post', path: `/v1/funds/${FUND}/restrictions/${String(gift.donationId)}/release`, body: { consentRef: 'Thư đồng ý', newPurpose: 'Hỗ trợ hộ nghèo' },
      });
      return { method: 'post', path: `/v1/funds/${FUND}/restriction-releases/${String(asked.id)}/approve` };
    },
  },
  'POST /v1/funds/:fundId/campaigns/:campaignId/surplus': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const campaignId = next('du');
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/funds/${FUND}/campaigns`, body: { campaignId, name: 'Còn dư', kind: 'other', receiveFrom: daysFromNow(-30), receiveUntil: daysFromNow(30) } });
      // Leftovers are the campaign's own money: it received some before it closed.
      await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: { ...donation('1000'), campaignId } });
      await ok(ADMIN_TOKEN, { method: 'post', path: `/v1/funds/${FUND}/campaigns/${campaignId}/close` }, 200);
      return {
        method: 'post', path: `/v1/funds/${FUND}/campaigns/${campaignId}/surplus`,
        body: { amount: '1000', component: 'general', to: { component: 'emergency-relief' }, basis: 'Chuyển sang quỹ cứu trợ khẩn cấp', decisionRef: 'QĐ 1' },
      };
    },
  },
  'POST /v1/funds/:fundId/donations/:donationId/fx-settlement': {
    allowed: ['accountant'], success: 201,
    target: async () => {
      const dollars = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: { ...donation('100'), currency: 'USD', fxRate: '25000' } });
      return { method: 'post', path: `/v1/funds/${FUND}/donations/${String(dollars.donationId)}/fx-settlement`, body: { vndAmount: '2540000', settledAt: now(), reference: next('BNT') } };
    },
  },
  // Issue 15, proofs anyone can check: each target is within a checkpoint signed for it first.
  'GET /v1/public/checkpoint': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/v1/public/checkpoint' }) },
  'GET /v1/public/proofs/inclusion': {
    allowed: 'public', success: 200,
    target: async () => {
      const { position } = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation() });
      return { method: 'get', path: `/v1/public/proofs/inclusion?position=${String(position)}&treeSize=${(await ledger.app.get(LogTree).signNow()).treeSize}` };
    },
  },
  'GET /v1/public/proofs/consistency': {
    allowed: 'public', success: 200,
    target: async () => ({ method: 'get', path: `/v1/public/proofs/consistency?from=1&to=${(await ledger.app.get(LogTree).signNow()).treeSize}` }),
  },
  'GET /v1/public/funds/:fundId/donations/:donationId/proof': {
    allowed: 'public', success: 200,
    target: async () => {
      const { donationId, position } = await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation() });
      await ledger.app.get(LogTree).signNow();
      return { method: 'get', path: `/v1/public/funds/${FUND}/donations/${String(donationId)}/proof?minPosition=${String(position)}` };
    },
  },
  'GET /v1/journal': { allowed: ['auditor', 'admin'], success: 200, target: async () => ({ method: 'get', path: '/v1/journal?limit=3' }) },
  'GET /v1/audit/verify': { allowed: ['auditor', 'admin'], success: 200, target: async () => ({ method: 'get', path: '/v1/audit/verify' }) },
};

/** Served by Fastify itself (Swagger), not by a controller: checked too. */
const FRAMEWORK_ROUTES: Record<RouteKey, Expectation> = {
  'GET /docs-json': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/docs-json' }) },
  'GET /docs': { allowed: 'public', success: 200, target: async () => ({ method: 'get', path: '/docs' }) },
};

function expectedStatus(expectation: Expectation, actor: Actor): number {
  if (expectation.allowed === 'public') return expectation.success;
  if (actor === 'no token' || actor === 'wrong token' || actor === 'deactivated user') return 401;
  if (expectation.allowed === 'any') return expectation.success;
  if (!expectation.allowed.includes(actor)) return 403;
  return expectation.refused?.[actor as Role]?.status ?? expectation.success;
}

let appRoutes: RouteKey[] = [];

beforeAll(async () => {
  // The matrix fails authentication many times from one address on purpose.
  process.env.LEDGER_AUTH_FAILURE_LIMIT = '100000000';
  process.env.LEDGER_PUBLIC_RATE_LIMIT = '100000000';
  try {
    ledger = await startTestLedger();
  } finally {
    delete process.env.LEDGER_AUTH_FAILURE_LIMIT;
    delete process.env.LEDGER_PUBLIC_RATE_LIMIT;
  }
  tokens.admin = ADMIN_TOKEN;
  for (const role of ROLES.filter((r) => r !== 'admin')) tokens[role] = (await ledger.user(`Vai ${role}`, [role])).token;
  tokens['no token'] = null;
  tokens['wrong token'] = 'ctd_never-issued-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const leaver = await ledger.user('Đã nghỉ việc', [...ROLES]);
  tokens['deactivated user'] = leaver.token;
  await ok(ADMIN_TOKEN, { method: 'delete', path: `/v1/users/${leaver.userId}` }, 200);
  setup = {
    accountant: (await ledger.user('Kế toán lập phiếu', ['accountant'])).token,
    approver: (await ledger.user('Người duyệt thứ hai', ['approver'])).token,
    coordinator: (await ledger.user('Điều phối thứ hai', ['coordinator'])).token,
  };
  fundOpened = Number((await ok(ADMIN_TOKEN, { method: 'post', path: '/v1/funds', body: { fundId: FUND, name: 'Quỹ ma trận' } })).position);
  await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: donation('1000000000000') });
  await ok(setup.accountant, { method: 'post', path: `/v1/funds/${FUND}/donations`, body: { ...donation('1000000000000'), component: 'emergency-relief' } });
  appRoutes = nestRoutes(ledger.app);
});

afterAll(async () => {
  await ledger?.close();
});

describe('the route list comes from the application', () => {
  it('the routes the controllers map are the routes the OpenAPI document describes', async () => {
    const document = await request(ledger.app.getHttpServer()).get('/docs-json');
    expect(document.status).toBe(200);
    expect(documentedRoutes(document.body)).toEqual(appRoutes);
  });

  it('every route of the application has an entry in the expectation table (a new route must get one)', () => {
    expect(appRoutes.filter((route) => !(route in EXPECTED))).toEqual([]);
    // And no entry is left for a route that is gone.
    expect(Object.keys(EXPECTED).filter((route) => !appRoutes.includes(route))).toEqual([]);
  });
});

describe('every route × every role, no token, a wrong token and a deactivated user', () => {
  const cells: { route: RouteKey; actor: Actor }[] = [];
  const tally = { cells: 0, refusals: 0 };

  afterAll(() => {
    report(`access matrix: ${tally.cells} cells checked (${Object.keys(EXPECTED).length + Object.keys(FRAMEWORK_ROUTES).length} routes × ${ACTORS.length} actors), ${tally.refusals} refusals (each checked to append nothing)`);
  });

  // The table is built when the suite runs (the route list is read from the application), so one test walks it.
  it('each cell answers its expected status; each refusal appends nothing', async () => {
    const routes = { ...EXPECTED, ...FRAMEWORK_ROUTES };
    for (const route of [...appRoutes.filter((r) => r in EXPECTED), ...Object.keys(FRAMEWORK_ROUTES)]) for (const actor of ACTORS) cells.push({ route, actor });
    const failures: string[] = [];
    for (const { route, actor } of cells) {
      const expectation = routes[route];
      const status = expectedStatus(expectation, actor);
      const call = await expectation.target();
      const before = await ledger.store.headPosition();
      const response = await send(tokens[actor], call);
      const after = await ledger.store.headPosition();
      tally.cells += 1;
      if (response.status !== status) failures.push(`${route} as ${actor}: expected ${status}, got ${response.status} ${response.text.slice(0, 200)}`);
      if (status >= 400) {
        tally.refusals += 1;
        if (after !== before) failures.push(`${route} as ${actor}: refused with ${response.status}, yet ${after - before} event(s) appended`);
        const code = expectation.refused?.[actor as Role]?.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        if (response.body?.error?.code !== code) failures.push(`${route} as ${actor}: expected error code ${code}, got ${response.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('rules that cut across the matrix', () => {
  it('auditors never write: every route that is not a GET refuses an auditor (403) and appends nothing', async () => {
    // Public routes (sign-in, sign-out, the setup code) are how a caller becomes known, not writes by a role.
    const writes = appRoutes.filter((route) => !route.startsWith('GET ') && EXPECTED[route].allowed !== 'public');
    expect(writes.length).toBeGreaterThan(10);
    for (const route of writes) {
      const call = await EXPECTED[route].target();
      const before = await ledger.store.headPosition();
      const response = await send(tokens.auditor, call);
      expect({ route, status: response.status, code: response.body?.error?.code }).toEqual({ route, status: 403, code: 'FORBIDDEN' });
      expect(await ledger.store.headPosition()).toBe(before);
    }
  });

  it('coordinators cannot approve, reject or pay a disbursement', async () => {
    for (const route of appRoutes.filter((r) => /\/disbursements\/:id\/(approve|reject|pay)$/.test(r))) {
      const response = await send(tokens.coordinator, await EXPECTED[route].target());
      expect({ route, status: response.status }).toEqual({ route, status: 403 });
    }
  });

  it('nobody approves their own request, whatever roles they hold; another approver can', async () => {
    for (const roles of [['accountant', 'approver'], [...ROLES]]) {
      const both = (await ledger.user(`Kiêm nhiệm ${roles.length}`, roles)).token;
      const own = String((await ok(both, { method: 'post', path: `/v1/funds/${FUND}/disbursements`, body: disbursement() })).disbursementId);
      const before = await ledger.store.headPosition();
      const self = await send(both, { method: 'post', path: `/v1/funds/${FUND}/disbursements/${own}/approve`, body: {} });
      expect({ roles, status: self.status, code: self.body?.error?.code }).toEqual({ roles, status: 422, code: 'SELF_APPROVAL_FORBIDDEN' });
      expect(await ledger.store.headPosition()).toBe(before);
      const other = await send(setup.approver, { method: 'post', path: `/v1/funds/${FUND}/disbursements/${own}/approve`, body: {} });
      expect(other.status).toBe(200);
    }
  });
});
