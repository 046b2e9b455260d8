/**
 * R8 reports agree: on seeded random histories, at random log positions and period ends, the
 * designations, campaigns, disclosure and financial reports agree with each other and with the
 * balance at the same business date and position (`balance?asOf=&atPosition=`, computed by the
 * same replayBalance the route calls, over a real SQLite log). A reversal counts on its own date
 * everywhere; money drawn from a campaign's pool counts for the campaign however it was named.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figures, FundBalance } from '../../projections/balance.projection';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { ScratchTables } from '../../src/audit/table-state';
import { EVENT_SCHEMA_VERSIONS } from '../../src/domain/ledger-events';
import { MoneyDecimal } from '../../src/domain/money';
import type { JsonObject } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { replayBalance } from '../../src/projection-runner/replay';
import { buildRegisterReport } from '../../src/read-side/register-report-facts';
import type { ReportDocument, ReportName, ReportPeriod } from '../../src/reports';
import { BOOKS_FUND, randomBooks, seededRandom } from './random-books';

const VN_DAY = (date: string, end = false) => Date.parse(`${date}T00:00:00+07:00`) + (end ? 86400_000 - 1 : 0);
const ZERO: Figures = {
  received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', transferredIn: '0', inTransitOut: '0', transferredOut: '0',
  movedIn: '0', movedOut: '0', fxDifference: '0', available: '0',
};
const minus = (a: string | number | boolean | null, b: string | number | boolean | null) => new MoneyDecimal(String(a)).minus(String(b)).toFixed();
const plus = (a: string | number | boolean | null, b: string | number | boolean | null) => new MoneyDecimal(String(a)).plus(String(b)).toFixed();

describe.each([11, 12, 13])('R8 reports agree with each other and with the balance at the same date and position (seed %i)', (seed) => {
  const books = randomBooks(seed, 250);
  const dir = mkdtempSync(join(tmpdir(), 'ctd-agree-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
  for (const event of books.events) for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(event));

  beforeAll(async () => {
    const metadata = (type: string) => ({
      actor: { userId: 'u', roles: ['accountant'] }, correlationId: randomUUID(), causationId: 'reports-agree',
      recordedAt: '2025-07-01T00:00:00.000Z', schemaVersion: EVENT_SCHEMA_VERSIONS[type as keyof typeof EVENT_SCHEMA_VERSIONS],
    });
    await store.append('ctd.random-books', books.events.map((e) => ({
      eventId: randomUUID(), type: e.event.type, data: e.event.data as unknown as JsonObject, metadata: metadata(e.event.type),
    })), 'no_stream');
  });
  afterAll(async () => {
    scratch.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const random = seededRandom(seed * 31337);
  const ends = ['2023-12-31', '2024-06-30', '2024-11-30', '2025-06-30'];
  const cases = Array.from({ length: 6 }, (_, i) => {
    const position = i === 0 ? books.events.length : 1 + Math.floor(random() * books.events.length);
    const to = ends[Math.floor(random() * ends.length)];
    return { position, to };
  });

  it.each(cases)('at position $position, period ending $to', async ({ position, to }) => {
    const toMs = VN_DAY(to, true);
    const fromMs = VN_DAY(`${to.slice(0, 4)}-01-01`);
    const report = (name: ReportName, period: ReportPeriod): ReportDocument => buildRegisterReport(scratch.db, { fundId: BOOKS_FUND, report: name, period }, position);
    const balanceAt = async (ms: number): Promise<FundBalance | undefined> => {
      const { state, position: at } = await replayBalance(store, { asOf: new Date(ms).toISOString(), toPosition: position });
      expect(at).toBe(position);
      return state.funds[BOOKS_FUND];
    };
    const balance = await balanceAt(toMs);
    const opening = await balanceAt(fromMs - 1);
    const upToEnd = { fromMs: null, toMs };
    const year = { fromMs, toMs };

    // designations ↔ the balance's restricted pools, summed by restriction across components.
    const designations = report('designations', upToEnd);
    const pools = new Map<string, Figures>();
    for (const pool of Object.values(balance?.pools ?? {})) {
      if (pool.restrictionId === null) continue;
      const sum = pools.get(pool.restrictionId) ?? { ...ZERO };
      for (const field of ['received', 'disbursed', 'held', 'outstandingEmergency', 'available'] as const) sum[field] = new MoneyDecimal(sum[field]).plus(pool[field]).toFixed();
      pools.set(pool.restrictionId, sum);
    }
    expect(designations.rows.map((row) => row.restrictionId).sort()).toEqual([...pools.keys()].sort());
    for (const row of designations.rows) {
      const pool = pools.get(String(row.restrictionId)) ?? ZERO;
      expect({ pool: row.restrictionId, received: row.received, disbursed: row.disbursed, held: row.held, outstandingEmergency: row.outstandingEmergency, available: row.available })
        .toEqual({
          pool: row.restrictionId, received: pool.received, disbursed: pool.disbursed, held: pool.held, outstandingEmergency: pool.outstandingEmergency, available: pool.available,
        });
    }

    // campaigns ↔ the balance's byCampaign: received and distributed; what remains for a pooled campaign.
    const campaigns = report('campaigns', upToEnd);
    for (const row of campaigns.rows) {
      const figures = balance?.campaigns[String(row.campaignId)] ?? ZERO;
      expect({ campaign: row.campaignId, received: row.received, distributed: row.distributed })
        .toEqual({ campaign: row.campaignId, received: figures.received, distributed: figures.disbursed });
      const pooled = designations.rows.find((d) => d.restrictionId === `campaign:${String(row.campaignId)}`);
      if (pooled) expect({ campaign: row.campaignId, remaining: row.remaining }).toEqual({ campaign: row.campaignId, remaining: minus(pooled.received, pooled.disbursed) });
    }

    // financial ↔ the balance: cash received less paid at the period's start and end.
    const financial = report('financial', year);
    const line = (name: string) => financial.rows.find((row) => row.line === name)?.amount;
    const cash = (fund: FundBalance | undefined) => minus(fund?.received ?? '0', fund?.disbursed ?? '0');
    expect({ opening: line('opening'), closing: line('closing') }).toEqual({ opening: cash(opening), closing: cash(balance) });

    // disclosure ↔ financial (receipts, payments) and designations (results).
    const disclosure = report('disclosure', year);
    expect({ cashReceived: disclosure.summary.cashReceived, paidToRecipients: disclosure.summary.paidToRecipients })
      .toEqual({ cashReceived: line('receipts.total'), paidToRecipients: line('payments.total') });
    // Each result adds up (remaining = amount − used) and is its pool's: what it was given, what was
    // paid out of it, and what it still holds, requests not yet paid and unsettled emergency money included.
    const results = disclosure.rows.filter((row) => row.section === 'result');
    expect(results.map((row) => [row.reference, row.cash, row.used, row.remaining]))
      .toEqual(designations.rows.map((row) => [
        row.restrictionId, row.received, row.disbursed, plus(plus(row.available, row.held), row.outstandingEmergency),
      ]));
    for (const row of results) expect({ pool: row.reference, remaining: row.remaining }).toEqual({ pool: row.reference, remaining: minus(row.cash, row.used) });

    // Every report states the position it was computed at.
    for (const document of [designations, campaigns, financial, disclosure]) expect(document.position).toBe(position);
  });
});
