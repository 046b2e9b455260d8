import { LogTree } from '../../src/transparency/log-tree';
import { signTransferNote, TRANSFER_NOTE_FORMAT } from '../../src/domain/spending/transfer-note';
import { ed25519PrivateKeyFromSeed, ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, call, campaignBody, client, disbursementBody, donationBody, expectError, expectNothingAppended, expectStatus, openFund,
  releaseBody, vnTimestamp,
} from './support/http-helpers';

/**
 * Every route of issue 2 × every role. A role that may call a route gets its success status (the
 * target of the call is set up fresh by other users first); a role that may not gets
 * 403 FORBIDDEN; no token, a wrong token and a deactivated user's token get 401; none of the
 * refused calls appends anything.
 */
let ledger: TestLedger;
const FUND = 'quy-phan-quyen';

type Actor = 'admin' | 'accountant' | 'approver' | 'coordinator' | 'auditor' | 'accountant+auditor' | 'none' | 'wrong' | 'deactivated' | 'malformed';
const ROLE_ACTORS: Actor[] = ['admin', 'accountant', 'approver', 'coordinator', 'auditor', 'accountant+auditor'];
const UNAUTHENTICATED: Actor[] = ['none', 'wrong', 'deactivated', 'malformed'];

const tokens: Record<string, string> = {};
/** A second approver and coordinator, to set up approvals and releases the actor then acts on. */
let helperApprover: string;
let helperCoordinator: string;
let counter = 0;
/** FUND trusts one key of a ledger elsewhere, registered on first use. */
let elsewhereTrusted: Promise<unknown> | undefined;
const unique = (prefix: string) => `${prefix}-${++counter}`;

function headersOf(actor: Actor): { token: string | null; headers?: Record<string, string> } {
  switch (actor) {
    case 'none':
      return { token: null };
    case 'wrong':
      return { token: 'ctd_this-token-was-never-issued-0000000000000000' };
    case 'malformed':
      return { token: null, headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } };
    case 'admin':
      return { token: ADMIN_TOKEN };
    default:
      return { token: tokens[actor] };
  }
}

interface Target {
  method: 'get' | 'post' | 'delete';
  path: string;
  body?: unknown;
}

interface RouteCase {
  route: string;
  allowed: Actor[] | 'any' | 'public';
  success: number;
  /** Actors the route lets in whom the ledger's own rule then refuses, with the status and code of that refusal. */
  refused?: Partial<Record<Actor, { status: number; code: string }>>;
  /** Creates what the call acts on (as other users) and returns the call. */
  setup: () => Promise<Target>;
}

async function ok<T = Record<string, unknown>>(promise: PromiseLike<import('supertest').Response>, status: number): Promise<T> {
  const response = await promise;
  expectStatus(response, status);
  return response.body as T;
}

const as = (token: string) => client(ledger, token);

async function requested(amount = '1000000'): Promise<string> {
  const body = await ok<{ disbursementId: string }>(as(tokens.accountant).post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount })), 201);
  return body.disbursementId;
}

const ROUTES: RouteCase[] = [
  { route: 'POST /v1/funds', allowed: ['admin'], success: 201, setup: async () => ({ method: 'post', path: '/v1/funds', body: { fundId: unique('quy'), name: 'Quỹ mới' } }) },
  { route: 'GET /v1/funds/:fundId', allowed: 'any', success: 200, setup: async () => ({ method: 'get', path: `/v1/funds/${FUND}` }) },
  {
    route: 'POST /v1/funds/:fundId/campaigns', allowed: ['admin', 'accountant', 'accountant+auditor'], success: 201,
    setup: async () => ({ method: 'post', path: `/v1/funds/${FUND}/campaigns`, body: campaignBody({ campaignId: unique('chien-dich') }) }),
  },
  {
    route: 'POST /v1/funds/:fundId/campaigns/:campaignId/close', allowed: ['admin', 'accountant', 'accountant+auditor'], success: 200,
    setup: async () => {
      const campaignId = unique('dong');
      await ok(as(ADMIN_TOKEN).post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId, kind: 'other' })), 201);
      return { method: 'post', path: `/v1/funds/${FUND}/campaigns/${campaignId}/close` };
    },
  },
  {
    route: 'POST /v1/funds/:fundId/donations', allowed: ['accountant', 'accountant+auditor'], success: 201,
    setup: async () => ({ method: 'post', path: `/v1/funds/${FUND}/donations`, body: donationBody() }),
  },
  {
    route: 'POST /v1/funds/:fundId/disbursements', allowed: ['accountant', 'accountant+auditor'], success: 201,
    setup: async () => ({ method: 'post', path: `/v1/funds/${FUND}/disbursements`, body: disbursementBody({ amount: '1000000' }) }),
  },
  {
    route: 'POST /v1/funds/:fundId/disbursements/:id/approve', allowed: ['approver'], success: 200,
    setup: async () => ({ method: 'post', path: `/v1/funds/${FUND}/disbursements/${await requested()}/approve`, body: {} }),
  },
  {
    // The accountant made the request (requested() below) and may withdraw it; another accountant may not.
    route: 'POST /v1/funds/:fundId/disbursements/:id/reject', allowed: ['approver', 'accountant', 'accountant+auditor'], success: 200,
    refused: { 'accountant+auditor': { status: 422, code: 'NOT_REQUESTER' } },
    setup: async () => ({ method: 'post', path: `/v1/funds/${FUND}/disbursements/${await requested()}/reject`, body: { reason: 'Không đủ hồ sơ' } }),
  },
  {
    route: 'POST /v1/funds/:fundId/disbursements/:id/pay', allowed: ['approver'], success: 200,
    setup: async () => {
      const id = await requested();
      await ok(as(helperApprover).post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
      return { method: 'post', path: `/v1/funds/${FUND}/disbursements/${id}/pay`, body: { paidAt: vnTimestamp(0), reference: unique('UNC') } };
    },
  },
  {
    route: 'POST /v1/funds/:fundId/emergency-releases', allowed: ['coordinator'], success: 201,
    setup: async () => ({ method: 'post', path: `/v1/funds/${FUND}/emergency-releases`, body: releaseBody({ amount: '1000000' }) }),
  },
  {
    route: 'POST /v1/funds/:fundId/emergency-releases/:id/settle', allowed: ['coordinator'], success: 200,
    setup: async () => {
      const { releaseId } = await ok<{ releaseId: string }>(as(helperCoordinator).post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '1000000' })), 201);
      return { method: 'post', path: `/v1/funds/${FUND}/emergency-releases/${releaseId}/settle`, body: { spent: '600000', returned: '400000', evidence: ['BB-01'] } };
    },
  },
  {
    route: 'POST /v1/funds/:fundId/reversals', allowed: ['accountant', 'accountant+auditor'], success: 201,
    setup: async () => {
      const { donationId } = await ok<{ donationId: string }>(as(tokens.accountant).post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '50000' })), 201);
      return { method: 'post', path: `/v1/funds/${FUND}/reversals`, body: { entryId: donationId, reason: 'Ghi nhầm' } };
    },
  },
  { route: 'GET /v1/funds/:fundId/balance', allowed: 'any', success: 200, setup: async () => ({ method: 'get', path: `/v1/funds/${FUND}/balance` }) },
  // Issue 18, the network report: the chapter's accountant, its approver and the auditor.
  {
    route: 'GET /v1/funds/:fundId/reports/network', allowed: ['accountant', 'approver', 'auditor', 'accountant+auditor'], success: 200,
    setup: async () => ({ method: 'get', path: `/v1/funds/${FUND}/reports/network` }),
  },
  {
    route: 'GET /v1/funds/:fundId/suspense', allowed: ['admin', 'accountant', 'approver', 'auditor', 'accountant+auditor'], success: 200,
    setup: async () => ({ method: 'get', path: `/v1/funds/${FUND}/suspense` }),
  },
  { route: 'POST /v1/users', allowed: ['admin'], success: 201, setup: async () => ({ method: 'post', path: '/v1/users', body: { name: unique('Nhân viên'), roles: ['auditor'] } }) },
  {
    route: 'DELETE /v1/users/:userId', allowed: ['admin'], success: 200,
    setup: async () => ({ method: 'delete', path: `/v1/users/${(await ledger.user(unique('Tạm'), ['auditor'])).userId}` }),
  },
  // Issue 18, transfers to a ledger elsewhere: the note of an external transfer in transit, the keys a fund trusts.
  {
    route: 'GET /v1/funds/:fundId/transfers/:transferId/note', allowed: ['accountant', 'auditor', 'accountant+auditor'], success: 200,
    setup: async () => {
      const { transferId } = await ok<{ transferId: string }>(as(tokens.accountant).post(`/v1/funds/${FUND}/transfers`, {
        toFundId: 'quy-o-noi-khac', amount: '1000', component: 'general', purpose: 'Chuyển ra ngoài sổ',
      }), 201);
      await ok(as(helperApprover).post(`/v1/funds/${FUND}/transfers/${transferId}/approve`), 200);
      return { method: 'get', path: `/v1/funds/${FUND}/transfers/${transferId}/note` };
    },
  },
  {
    route: 'POST /v1/funds/:fundId/trusted-keys', allowed: ['admin'], success: 201,
    setup: async () => ({
      method: 'post', path: `/v1/funds/${FUND}/trusted-keys`,
      body: { keyId: (0xb0000000 + ++counter).toString(16), publicKey: Buffer.alloc(32, counter % 250).toString('base64'), chapter: 'Hội xã bạn' },
    }),
  },
  {
    // The delivery receipt of a note from elsewhere booked into FUND (its key trusted once).
    route: 'GET /v1/funds/:fundId/transfers/incoming/:transferId/receipt', allowed: ['accountant', 'auditor', 'accountant+auditor'], success: 200,
    setup: async () => {
      const key = ed25519PrivateKeyFromSeed(Buffer.alloc(32, 5));
      elsewhereTrusted ??= ok(as(ADMIN_TOKEN).post(`/v1/funds/${FUND}/trusted-keys`, { keyId: 'e15e0005', publicKey: ed25519PublicKeyRaw(key).toString('base64'), chapter: 'Hội nơi khác' }), 201);
      await elsewhereTrusted;
      const note = signTransferNote({
        format: TRANSFER_NOTE_FORMAT, ledger: 'noi-khac.example.vn/ledger', keyId: 'e15e0005', fromFundId: 'quy-noi-khac', fromChapter: 'Hội nơi khác',
        transferId: unique('TR-quy-noi-khac'), toFundId: FUND, amount: '1000', currency: 'VND', component: 'general', campaignId: null, restrictionId: null,
        restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển về', businessDate: vnTimestamp(0), position: 1,
      }, key);
      await ok(as(tokens.accountant).post(`/v1/funds/${FUND}/transfers/import-note`, note), 201);
      return { method: 'get', path: `/v1/funds/${FUND}/transfers/incoming/${note.transferId}/receipt` };
    },
  },
  { route: 'GET /v1/funds/:fundId/trusted-keys', allowed: ['admin', 'auditor', 'accountant+auditor'], success: 200, setup: async () => ({ method: 'get', path: `/v1/funds/${FUND}/trusted-keys` }) },
  { route: 'GET /health', allowed: 'public', success: 200, setup: async () => ({ method: 'get', path: '/health' }) },
  { route: 'GET /docs-json', allowed: 'public', success: 200, setup: async () => ({ method: 'get', path: '/docs-json' }) },
  // Issue 15, proofs anyone can check: public, no sign-in; a bad or stale token changes nothing.
  { route: 'GET /v1/public/checkpoint', allowed: 'public', success: 200, setup: async () => ({ method: 'get', path: '/v1/public/checkpoint' }) },
  {
    route: 'GET /v1/public/proofs/inclusion', allowed: 'public', success: 200,
    setup: async () => {
      // A position the log has on either backend (EventStoreDB's positions are not 1, 2, 3…).
      const { position } = await ok<{ position: number }>(as(tokens.accountant).post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '60000' })), 201);
      return { method: 'get', path: `/v1/public/proofs/inclusion?position=${position}&treeSize=${(await signedCheckpoint()).treeSize}` };
    },
  },
  {
    route: 'GET /v1/public/proofs/consistency', allowed: 'public', success: 200,
    setup: async () => ({ method: 'get', path: `/v1/public/proofs/consistency?from=1&to=${(await signedCheckpoint()).treeSize}` }),
  },
  {
    route: 'GET /v1/public/funds/:fundId/donations/:donationId/proof', allowed: 'public', success: 200,
    setup: async () => {
      const { donationId, position } = await ok<{ donationId: string; position: number }>(as(tokens.accountant).post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '70000' })), 201);
      await signedCheckpoint();
      return { method: 'get', path: `/v1/public/funds/${FUND}/donations/${donationId}/proof?minPosition=${position}` };
    },
  },
];

/** A checkpoint of the whole log as it stands, signed now (the timer would sign it within its interval). */
function signedCheckpoint() {
  return ledger.app.get(LogTree).signNow();
}

function expected(route: RouteCase, actor: Actor): number {
  if (route.allowed === 'public') return route.success;
  if (UNAUTHENTICATED.includes(actor)) return 401;
  if (route.allowed === 'any') return route.success;
  if (!route.allowed.includes(actor)) return 403;
  return route.refused?.[actor]?.status ?? route.success;
}

const TABLE = ROUTES.flatMap((route) => [...ROLE_ACTORS, ...UNAUTHENTICATED].map((actor) => ({ route, actor, status: expected(route, actor) })));

beforeAll(async () => {
  // The table makes many failed authentications from one address on purpose: lift the limit.
  process.env.LEDGER_AUTH_FAILURE_LIMIT = '100000';
  ledger = await startTestLedger();
  delete process.env.LEDGER_AUTH_FAILURE_LIMIT;
  for (const actor of ['accountant', 'approver', 'coordinator', 'auditor'] as const) tokens[actor] = (await ledger.user(`Vai ${actor}`, [actor])).token;
  tokens['accountant+auditor'] = (await ledger.user('Kế toán kiêm kiểm toán', ['accountant', 'auditor'])).token;
  helperApprover = (await ledger.user('Duyệt chi thứ hai', ['approver'])).token;
  helperCoordinator = (await ledger.user('Điều phối thứ hai', ['coordinator'])).token;
  const deactivated = await ledger.user('Đã nghỉ việc', ['admin', 'accountant', 'approver', 'coordinator', 'auditor']);
  tokens.deactivated = deactivated.token;
  expectStatus(await as(ADMIN_TOKEN).delete(`/v1/users/${deactivated.userId}`), 200);

  await openFund(ledger, FUND);
  await ok(as(tokens.accountant).post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '1000000000000' })), 201);
  await ok(as(tokens.accountant).post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '1000000000000', component: 'emergency-relief' })), 201);
});

afterAll(async () => {
  await ledger?.close();
});

describe('route × role', () => {
  it.each(TABLE.map((row) => [row.route.route, row.actor, row.status, row] as const))('%s as %s → %i', async (_route, actor, status, row) => {
    const target = await row.route.setup();
    const { token, headers } = headersOf(actor);
    const send = () => call(ledger, target.method, target.path, target.body, { token, headers });
    if (status >= 400) {
      const response = await expectNothingAppended(ledger, async () => send());
      expectError(response, status, row.route.refused?.[actor]?.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
    } else {
      const response = await send();
      expectStatus(response, status);
    }
  });
});

describe('rules that cut across the table', () => {
  it('an auditor can read everything of issue 2 and write nothing', async () => {
    const auditor = as(tokens.auditor);
    for (const route of ROUTES) {
      const target = await route.setup();
      const response = await call(ledger, target.method, target.path, target.body, { token: tokens.auditor });
      if (target.method === 'get') expectStatus(response, 200);
      else expectError(response, 403, 'FORBIDDEN');
    }
    expectStatus(await auditor.get(`/v1/funds/${FUND}/balance`), 200);
  });

  it('a coordinator can neither approve, reject nor pay a disbursement', async () => {
    const coordinator = as(tokens.coordinator);
    const id = await requested();
    for (const [action, body] of [['approve', {}], ['reject', { reason: 'x' }], ['pay', { paidAt: vnTimestamp(0), reference: 'x' }]] as const) {
      await expectNothingAppended(ledger, async () => expectError(await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/${action}`, body), 403, 'FORBIDDEN'));
    }
  });

  it('authorization is decided before the body is validated: 401/403 even for an invalid body', async () => {
    const junk = { amount: 5, unknown: true };
    expectError(await call(ledger, 'post', `/v1/funds/${FUND}/donations`, junk, { token: null }), 401, 'UNAUTHENTICATED');
    expectError(await call(ledger, 'post', `/v1/funds/${FUND}/donations`, junk, { token: tokens.auditor }), 403, 'FORBIDDEN');
    expectError(await call(ledger, 'post', `/v1/funds/${FUND}/donations`, junk, { token: ADMIN_TOKEN }), 403, 'FORBIDDEN');
    expectError(await call(ledger, 'post', `/v1/funds/${FUND}/donations`, junk, { token: tokens.accountant }), 400, 'VALIDATION_FAILED');
  });

  it('the 403 names the roles the route needs; the 401 says nothing about the user', async () => {
    const forbidden = await as(tokens.auditor).post(`/v1/funds/${FUND}/disbursements`, disbursementBody());
    expectError(forbidden, 403, 'FORBIDDEN');
    expect(forbidden.body.error.details).toMatchObject({ required: ['accountant'] });
    const unauthenticated = await call(ledger, 'get', `/v1/funds/${FUND}`, undefined, { token: tokens.deactivated });
    expectError(unauthenticated, 401, 'UNAUTHENTICATED');
    expect(JSON.stringify(unauthenticated.body)).not.toMatch(/deactivat|Đã nghỉ/i);
  });

  it('the scheme is case-insensitive (RFC 7235), the token is not', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer ']) {
      const response = await call(ledger, 'get', `/v1/funds/${FUND}`, undefined, { token: null, headers: { authorization: `${scheme} ${tokens.accountant}` } });
      expect(response.status).toBe(200);
    }
    for (const header of [`Basic ${tokens.accountant}`, `Bearer${tokens.accountant}`, tokens.accountant]) {
      expectError(await call(ledger, 'get', `/v1/funds/${FUND}`, undefined, { token: null, headers: { authorization: header } }), 401, 'UNAUTHENTICATED');
    }
  });

  it('a token that differs from a valid one in one character, or is a prefix of it, is refused', async () => {
    const valid = tokens.accountant;
    const flipped = valid.slice(0, -1) + (valid.endsWith('A') ? 'B' : 'A');
    for (const token of [flipped, valid.slice(0, -1), `${valid}x`, valid.toUpperCase() === valid ? valid.toLowerCase() : valid.toUpperCase()]) {
      expectError(await call(ledger, 'get', `/v1/funds/${FUND}`, undefined, { token }), 401, 'UNAUTHENTICATED');
    }
  });
});
