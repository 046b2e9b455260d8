import './esm-interop';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { DonationRegisterProjection } from '../../projections/donation-register.projection';
import {
  DONOR_NEXT_TOKEN_SQL, DONOR_TOKEN_COUNT_SQL, donorTokenQuery, donorWordCondition,
} from '../../src/read-side/donor-filter';
import { tableDdl } from '../../src/projection-runner/table-projection-runner';
import { planProblems, queryPlan, usesIndexes } from './query-plans';
import { Streams } from '../../src/domain/streams';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { CAMPAIGN, FUND, type History, writeHistory, YEAR } from './scripted-history';

let ledger: TestLedger;
let history: History;

beforeAll(async () => {
  ledger = await startTestLedger();
  history = await writeHistory(ledger);
});
afterAll(async () => ledger?.close());

const get = (path: string, token = history.actors.auditor) => ledger.http().get(path).set('Authorization', `Bearer ${token}`);
const at = (path: string) => `${path}${path.includes('?') ? '&' : '?'}minPosition=${history.lastPosition}`;

describe('donation register', () => {
  it('lists every donation oldest first, reversals marked, FX with original and VND amounts', async () => {
    const response = await get(at(`/v1/funds/${FUND}/donations`));
    expect(response.status).toBe(200);
    const items = response.body.items as Record<string, unknown>[];
    expect(items.map((d) => d.reference)).toEqual(['FT000', 'FT001', 'FT002', 'FT003', 'FT004', 'PN005', 'FT006', 'FT007']);
    expect(items[3]).toMatchObject({ currency: 'USD', amount: '100.50', fxRate: '25000', amountVnd: '2512500', component: 'emergency-relief' });
    expect(items[6]).toMatchObject({ reversed: true, reversal: { reason: 'Ghi trùng' } });
    expect(response.body.position).toBeGreaterThanOrEqual(history.lastPosition);
    expect(response.body.nextCursor).toBeNull();
  });

  it('filters by campaign, reference (any case), amount and period', async () => {
    const byCampaign = await get(at(`/v1/funds/${FUND}/donations?campaignId=${CAMPAIGN}`));
    expect(byCampaign.body.items.map((d: { reference: string }) => d.reference)).toEqual(['FT001', 'FT002']);
    const byReference = await get(at(`/v1/funds/${FUND}/donations?reference=ft003`));
    expect(byReference.body.items.map((d: { donationId: string }) => d.donationId)).toEqual([history.ids.d3]);
    const byAmount = await get(at(`/v1/funds/${FUND}/donations?amount=2000000`));
    expect(byAmount.body.items.map((d: { reference: string }) => d.reference)).toEqual(['FT002']);
    const lastYear = YEAR - 1;
    const byPeriod = await get(at(`/v1/funds/${FUND}/donations?from=${lastYear}-12-01&to=${lastYear}-12-31`));
    expect(byPeriod.body.items.map((d: { reference: string }) => d.reference)).toEqual(['FT000']);
  });

  it('finds a donor with or without diacritics', async () => {
    for (const donor of ['Nguyễn Văn An', 'nguyen van an', 'NGUYEN VAN', 'dong a', 'Đông Á']) {
      const response = await get(at(`/v1/funds/${FUND}/donations?donor=${encodeURIComponent(donor)}`));
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeGreaterThan(0);
    }
    const an = await get(at(`/v1/funds/${FUND}/donations?donor=nguyen%20van%20an`));
    expect(an.body.items.map((d: { reference: string }) => d.reference)).toEqual(['FT001', 'FT006', 'FT007']);
    const dongA = await get(at(`/v1/funds/${FUND}/donations?donor=dong%20a`));
    expect(dongA.body.items.map((d: { reference: string }) => d.reference)).toEqual(['FT002']);
  });

  it('matches donor words at the start of words of the name or public name, in any order, oldest first', async () => {
    const refs = async (query: string) => {
      const response = await get(at(`/v1/funds/${FUND}/donations?${query}`));
      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      return response.body.items.map((d: { reference: string }) => d.reference);
    };
    expect(await refs('donor=van%20nguyen')).toEqual(['FT001', 'FT006', 'FT007']);
    expect(await refs('donor=ngu%20v%20a')).toEqual(['FT001', 'FT006', 'FT007']);
    // The public name's words count too; an anonymous donor is found by the own name here (authenticated).
    expect(await refs(`donor=${encodeURIComponent('Nguyễn V. A.')}`)).toEqual(['FT001', 'FT006', 'FT007']);
    expect(await refs('donor=bi%20mat')).toEqual(['FT004']);
    expect(await refs('donor=tnhh%20dong')).toEqual(['FT002']);
    // A fragment inside a word is not the beginning of a word.
    expect(await refs('donor=uyen')).toEqual([]);
    expect(await refs('donor=nguyen%20tran')).toEqual([]);
    // With the register's other filters, whichever index drives.
    expect(await refs('donor=nguyen&amount=300000')).toEqual(['FT007']);
    expect(await refs(`donor=nguyen&campaignId=${CAMPAIGN}`)).toEqual(['FT001']);
    expect(await refs('donor=an&reference=ft006')).toEqual(['FT006']);
    expect(await refs('donor=tran%20thi&from=2000-01-01')).toEqual(['FT003']);
  });

  it('pages a donor search with the register\'s cursor, each donation once, oldest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(at(`/v1/funds/${FUND}/donations?donor=nguyen%20v&limit=1${cursor ? `&cursor=${cursor}` : ''}`));
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((d: { reference: string }) => d.reference));
      cursor = response.body.nextCursor;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual(['FT001', 'FT006', 'FT007']);
  });

  it('pages with a stable opaque cursor that visits every donation once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await get(at(`/v1/funds/${FUND}/donations?${query}`));
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.items.map((d: { donationId: string }) => d.donationId));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);
    expect(seen).toHaveLength(8);
  });

  it('refuses bad parameters with 400 and an unknown fund with 404', async () => {
    for (const query of ['limit=0', 'limit=1001', 'cursor=%21bad', 'cursor=e30', 'amount=1e6', 'from=yesterday', 'minPosition=-1']) {
      const response = await get(`/v1/funds/${FUND}/donations?${query}`);
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await get(`/v1/funds/khong-co/donations`)).status).toBe(404);
    expect((await ledger.http().get(`/v1/funds/${FUND}/donations`)).status).toBe(401);
  });
});

describe('donor search query plans', () => {
  const db = new Database(':memory:');
  for (const table of DonationRegisterProjection.tables) for (const statement of tableDdl(table)) db.exec(statement);
  const word = donorWordCondition('van');

  it.each(([0, 1] as const).flatMap((index) => [
    [`listing the tokens a word begins, index ${index}`, DONOR_NEXT_TOKEN_SQL[index], [FUND, 'ng', 'ng\u{10FFFF}']],
    [`counting a token's entries, index ${index}`, DONOR_TOKEN_COUNT_SQL[index], [FUND, 'nguyen', 1000]],
    [`a token's first page, index ${index}`, donorTokenQuery(index, FUND, 'nguyen', { conditions: [], params: [], limit: 100 }).sql, [FUND, 'nguyen']],
    [`a token's next page with a period, an amount and another word, index ${index}`, donorTokenQuery(index, FUND, 'nguyen', {
      conditions: ['amount_vnd = ?', word.sql], params: [1n, ...word.params], fromMs: 1, toMs: 2, after: [1, 1], limit: 100,
    }).sql, [FUND, 'nguyen', 1n, ...word.params, 1, 2, 1, 1]],
  ]) as [string, string, unknown[]][])('%s walks an index, never a table scan or a sort', (_name, sql, params) => {
    const plan = queryPlan(db, sql, params as never);
    expect({ plan, problems: planProblems(plan) }).toEqual({ plan, problems: [] });
    expect(usesIndexes(plan)).toBe(true);
  });
});

describe('disbursement register', () => {
  it('filters by status, kind and campaign', async () => {
    const all = await get(at(`/v1/funds/${FUND}/disbursements`));
    expect(all.body.items.map((d: { disbursementId: string; status: string }) => [d.disbursementId, d.status])).toEqual([
      [history.ids.r1, 'paid'], [history.ids.r2, 'paid'], [history.ids.r3, 'requested'],
    ]);
    const paid = await get(at(`/v1/funds/${FUND}/disbursements?status=paid&kind=management_cost`));
    expect(paid.body.items).toEqual([expect.objectContaining({ disbursementId: history.ids.r2, amount: '100000', paymentReference: 'UNC-002' })]);
    const campaign = await get(at(`/v1/funds/${FUND}/disbursements?campaignId=${CAMPAIGN}`));
    expect(campaign.body.items.map((d: { disbursementId: string }) => d.disbursementId)).toEqual([history.ids.r1]);
    expect((await get(`/v1/funds/${FUND}/disbursements?status=lost`)).status).toBe(400);
  });
});

describe('emergency releases register', () => {
  it('tells open, overdue (past settleBy at query time) and settled apart', async () => {
    // A release whose settlement date has passed, appended to the real log as the write side would.
    const spending = Streams.spending(FUND);
    const revision = await ledger.store.streamRevision(spending);
    const appended = await ledger.store.append(spending, [{
      eventId: randomUUID(), type: 'EmergencyReleased',
      data: {
        fundId: FUND, releaseId: 'ER-900001', amount: '100000', component: 'emergency-relief', campaignId: null, restrictionId: null,
        incident: 'Cháy nhà', recipient: 'Hộ ông Sáu', note: null, releasedBy: 'dieu-phoi', releasedAt: '2020-01-01T08:00:00+07:00', settleBy: '2020-01-31T08:00:00+07:00',
      },
      metadata: { actor: { userId: 'dieu-phoi', roles: ['coordinator'] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date().toISOString(), schemaVersion: 1 },
    }], revision);
    const minPosition = appended.lastPosition;
    const ids = async (status: string) => {
      const response = await get(`/v1/funds/${FUND}/emergency-releases?status=${status}&minPosition=${minPosition}`);
      expect(response.status).toBe(200);
      return response.body.items.map((r: { releaseId: string; overdue: boolean }) => [r.releaseId, r.overdue]);
    };
    expect(await ids('overdue')).toEqual([['ER-900001', true]]);
    expect(await ids('open')).toEqual([['ER-900001', true], [history.ids.e2, false]]);
    expect(await ids('settled')).toEqual([[history.ids.e1, false]]);
  });
});

describe('read-your-writes', () => {
  it('a read with minPosition answers after the write it names', async () => {
    const written = await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${history.actors.accountant}`).send({
      amount: '123000', channel: 'cash', receivedAt: '2024-01-05T08:00:00+07:00', reference: 'RYW-1',
      donor: { name: 'Đỗ Thị Hoa', kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
    });
    expect(written.status).toBe(201);
    const read = await get(`/v1/funds/${FUND}/donations?reference=RYW-1&minPosition=${written.body.position}`);
    expect(read.body.items).toHaveLength(1);
    expect(read.body.position).toBeGreaterThanOrEqual(written.body.position);
  });

  it('answers 503 PROJECTION_LAGGING for a position the log has not reached', async () => {
    const response = await get(`/v1/funds/${FUND}/donations?minPosition=999999999`);
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('PROJECTION_LAGGING');
  }, 15000);
});
