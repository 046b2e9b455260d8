/**
 * "Three clocks, never mixed … Every figure says the position it was computed at." Every GET of
 * the API's own description (/docs-json) whose 200 answer is JSON states the log position it was
 * read at (`position`; `asOfPosition` for the balances), except the routes named below with the
 * reason they carry none: a route added later without a position fails here by name. The routes
 * that read streams folded to their end state the head read before folding them, which is exact:
 * the states hold every event of their streams up to that head and none after it (when an event
 * appended meanwhile was folded too, the head is read again), so the answer is the log as it stood
 * there, whichever stream the last event was on.
 */
import { ed25519PrivateKeyFromSeed, ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  call, campaignBody, client, disbursementBody, donationBody, expectStatus, openFund, type Client,
} from '../http/support/http-helpers';

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

/** The GET routes whose JSON answer states no log position, each with why. */
const WITHOUT_POSITION: Record<string, string> = {
  'GET /health': 'whether the process and its stores are up: no figure of the log',
  'GET /v1/me': 'who the caller is, as the bearer token or session says',
  'GET /v1/users': 'the people who may sign in and their roles: access control, not a figure of any fund',
  'GET /v1/users/{userId}/sessions': 'sessions live in the process\'s memory only, outside the log',
  'GET /v1/public/keys': 'the installation\'s signing keys, which are configuration, not the log',
  'GET /v1/public/checkpoint': 'a signed checkpoint states the tree size (the count of events) it covers',
  'GET /v1/public/proofs/inclusion': 'a proof states the tree size it is against',
  'GET /v1/public/proofs/consistency': 'a proof states the two tree sizes it joins',
  'GET /v1/audit/verify': 'the verification states the last position it checked as lastPosition',
  'GET /v1/funds/{fundId}/imports': 'a worklist of statement imports kept outside the log, never a source of figures',
};

const FUND = 'quy-vi-tri';
const OTHER = 'quy-vi-tri-khac';

const LIST_CSV = [
  'STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Loại hộ',
  '1,Nguyễn Văn An,079123456789,Ấp 3,Ấp 3,Hộ nghèo',
  '2,Lê Thị Hoa,,Ấp 5,Ấp 5,Hộ cận nghèo',
].join('\n');

let ledger: TestLedger;
let document: OpenApiDocument;
let accountant: Client;
let approver: Client;

beforeAll(async () => {
  ledger = await startTestLedger();
  const answer = await ledger.http().get('/docs-json');
  expect(answer.status).toBe(200);
  document = answer.body as OpenApiDocument;
  accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
  approver = client(ledger, (await ledger.user('Duyệt', ['approver'])).token);
}, 60_000);
afterAll(async () => ledger?.close());

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`dangling reference ${schema.$ref}`);
  return resolve(target);
}

/** The top-level properties of an answer, its allOf, oneOf and anyOf parts included. */
function propertiesOf(schema: Schema): string[] {
  const resolved = resolve(schema);
  return [
    ...Object.keys(resolved.properties ?? {}),
    ...[...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])].flatMap(propertiesOf),
  ];
}

/** Every GET operation whose 200 answer is JSON, with the properties of that answer. */
function jsonReads(): { route: string; properties: string[] }[] {
  return Object.entries(document.paths).flatMap(([path, byMethod]) => {
    const schema = byMethod.get?.responses?.['200']?.content?.['application/json']?.schema;
    return schema ? [{ route: `GET ${path}`, properties: propertiesOf(schema) }] : [];
  });
}

describe('every figure says the position it was computed at', () => {
  it('each GET answering JSON in /docs-json states position or asOfPosition, but the routes named with their reason', () => {
    const reads = jsonReads();
    expect(reads.length).toBeGreaterThan(40);
    const silent = reads
      .filter(({ route, properties }) => !properties.includes('position') && !properties.includes('asOfPosition') && !(route in WITHOUT_POSITION))
      .map(({ route }) => route);
    expect(silent).toEqual([]);
  });

  it('names in its list of exceptions only routes that exist and state no position', () => {
    const reads = new Map(jsonReads().map(({ route, properties }) => [route, properties]));
    const stale = Object.keys(WITHOUT_POSITION).filter((route) => {
      const properties = reads.get(route);
      return properties === undefined || properties.includes('position') || properties.includes('asOfPosition');
    });
    expect(stale).toEqual([]);
  });

  describe('on a fund with beneficiaries, lists, a duplicate-aid override and a campaign', () => {
    const get = async (path: string) => {
      const response = await accountant.get(path);
      expectStatus(response, 200);
      return response.body as Record<string, unknown> & { position: number };
    };
    const READS = {
      fund: `/v1/funds/${FUND}`,
      beneficiaries: `/v1/funds/${FUND}/beneficiaries`,
      lists: `/v1/funds/${FUND}/beneficiary-lists`,
      overrides: `/v1/funds/${FUND}/reports/duplicate-overrides`,
    };

    beforeAll(async () => {
      await openFund(ledger, FUND);
      await openFund(ledger, OTHER);
      expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '50000000' })), 201);
      expectStatus(await call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'tet-2026', kind: 'tet' })), 201);
      const imported = await ledger.http().post(`/v1/funds/${FUND}/beneficiary-lists?commune=Xã Tân Phú&listKind=poor&certificationRef=12/QĐ-UBND`)
        .set('Authorization', `Bearer ${(await ledger.user('Điều phối', ['coordinator'])).token}`).set('content-type', 'text/csv')
        .send(Buffer.from(LIST_CSV, 'utf8'));
      expectStatus(imported, 201);
      const registry = await get(`${READS.beneficiaries}?listId=${imported.body.listId}`);
      const [an, hoa] = (registry.beneficiaries as { beneficiaryId: string }[]).map((row) => row.beneficiaryId);
      const first = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
        amount: '1000000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: an, amount: '500000' }, { beneficiaryId: hoa, amount: '500000' }],
      }));
      expectStatus(first, 201);
      const resent = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
        amount: '500000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: hoa, amount: '500000' }], overrideDuplicate: { reason: 'Nhà bị cháy sau đợt trao quà' },
      }));
      expectStatus(resent, 201);
      expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${resent.body.disbursementId}/approve`, {}), 200);
    }, 60_000);

    it.each(Object.entries(READS))('%s states the head of the log it was read at', async (_name, path) => {
      const answer = await get(path);
      expect(typeof answer.position).toBe('number');
      expect(answer.position).toBe(await ledger.store.headPosition());
    });

    it('each states the head past an event of another fund: the answer is the log as it stood there, not the position of its own last event', async () => {
      const elsewhere = await accountant.post(`/v1/funds/${OTHER}/donations`, donationBody());
      expectStatus(elsewhere, 201);
      for (const path of Object.values(READS)) expect((await get(path)).position).toBe(elsewhere.body.position);
    });

    it('each holds what was recorded up to the position it states, and a change since moves it', async () => {
      const before = await get(READS.beneficiaries);
      const lists = await get(READS.lists);
      const fund = await get(READS.fund);
      const added = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'Lý Văn Năm', commune: 'Xã Tân Phú', categories: ['poor'] });
      expectStatus(added, 201);
      const after = await get(READS.beneficiaries);
      expect(after.total).toBe((before.total as number) + 1);
      expect(after.position).toBe(added.body.position);
      expect((await get(READS.lists)).position).toBe(added.body.position);
      expect(lists.position).toBeLessThan(added.body.position);
      const campaign = await call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'tet-2027', kind: 'tet' }));
      expectStatus(campaign, 201);
      const fundAfter = await get(READS.fund);
      expect((fundAfter.campaigns as unknown[]).length).toBe((fund.campaigns as unknown[]).length + 1);
      expect(fundAfter.position).toBe(campaign.body.position);
      expect((await get(READS.overrides)).overrides).toHaveLength(1);
    });

    it('the keys the fund trusts (admin, auditor) state the head they were read at, and a key registered since moves it', async () => {
      const keys = async () => {
        const response = await call(ledger, 'get', `/v1/funds/${FUND}/trusted-keys`);
        expectStatus(response, 200);
        return response.body as { keys: unknown[]; position: number };
      };
      const before = await keys();
      expect(before.position).toBe(await ledger.store.headPosition());
      const publicKey = ed25519PublicKeyRaw(ed25519PrivateKeyFromSeed(Buffer.alloc(32, 7))).toString('base64');
      const registered = await call(ledger, 'post', `/v1/funds/${FUND}/trusted-keys`, { keyId: 'a1b2c3d4', publicKey, chapter: 'Hội CTĐ tỉnh khác' });
      expectStatus(registered, 201);
      const after = await keys();
      expect(after.keys).toHaveLength(before.keys.length + 1);
      expect(after.position).toBe(registered.body.position);
    });
  });
});
