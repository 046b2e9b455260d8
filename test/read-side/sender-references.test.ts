/**
 * The donation register keeps the sender's transaction numbers of an imported donation (read from
 * the memo the event holds), and the lookups by reference walk them by index: the public search's
 * reference driver and the staff register's reference filter, never a table scan or a sort.
 */
import Database from 'better-sqlite3';
import {
  DONATION_SENDER_REFERENCES_TABLE, DonationRegisterProjection,
} from '../../projections/donation-register.projection';
import type { ProjectedEvent } from '../../projections/projection';
import { tableDdl } from '../../src/projection-runner/table-projection-runner';
import { driverCountQuery, publicDonationQuery, type PublicDonationFilters } from '../../src/read-side/public-queries';
import { referencePageQuery } from '../../src/read-side/register-queries';
import { donorWordCondition } from '../../src/read-side/donor-filter';
import { donationRecorded, FUND_ID } from '../domain/builders';
import { planProblems, publicSearchPlans, queryPlan, usesIndexes } from './query-plans';

const MEMO = 'MBVCB.6987707712.NGUYEN VAN AN chuyen tien.CT tu 0071000123456 NGUYEN VAN AN toi 0011001932418 QUY CUU TRO';
const SOURCE = { rowId: 'row-1', fileSha256: 'a'.repeat(64), line: 12, raw: `01/09/2024,5213.45946,,500.000,${MEMO}`, bankAccount: '0011001932418' };

const projected = (event: ReturnType<typeof donationRecorded>, position = 7): ProjectedEvent =>
  ({ event, position, streamId: `ctd.donations.${FUND_ID}.2024`, revision: position, recordedAt: '2024-09-01T10:00:00+07:00', actorUserId: 'accountant-1' });
const senderRows = (event: ReturnType<typeof donationRecorded>) =>
  DonationRegisterProjection.apply(projected(event)).filter((change) => change.table === DONATION_SENDER_REFERENCES_TABLE).map((change) => change.key);

describe('the donation register\'s sender references', () => {
  it('an imported donation: one row per number its memo holds in a sender\'s position, keyed as the lookup walks it', () => {
    const event = donationRecorded({ reference: '5213.45946', note: `${MEMO} FT24245050867737`, source: SOURCE, receivedAt: '2024-09-01T10:00:00+07:00' });
    expect(senderRows(event)).toEqual([
      { fund_id: FUND_ID, reference: '6987707712', received_at_ms: Date.parse('2024-09-01T10:00:00+07:00'), position: 7, donation_id: event.data.donationId },
      { fund_id: FUND_ID, reference: 'FT24245050867737', received_at_ms: Date.parse('2024-09-01T10:00:00+07:00'), position: 7, donation_id: event.data.donationId },
    ]);
  });

  it('none for a number that is the donation\'s own reference (the reference index has it), none for an account', () => {
    const event = donationRecorded({ reference: 'ft24245050867737', note: 'BUI VAN LONG ung ho FT24245050867737 stk 0071000123456', source: SOURCE });
    expect(senderRows(event)).toEqual([]);
  });

  it('none for a donation recorded by hand: its note is the staff\'s words, not a bank memo', () => {
    expect(senderRows(donationRecorded({ reference: null, note: MEMO, source: null }))).toEqual([]);
    expect(senderRows(donationRecorded({ reference: '5213.45946', note: null, source: SOURCE }))).toEqual([]);
  });
});

describe('the lookups by reference walk indexes only', () => {
  const db = new Database(':memory:');
  for (const table of DonationRegisterProjection.tables) for (const statement of tableDdl(table)) db.exec(statement);
  const noProblems = (plan: string[]) => {
    expect({ plan, problems: planProblems(plan) }).toEqual({ plan, problems: [] });
    expect(usesIndexes(plan)).toBe(true);
  };
  const SENDER_SEEK = /^SEARCH s USING PRIMARY KEY \(fund_id=\? AND reference=\?/;
  const OWN_SEEK = /^SEARCH d USING (COVERING )?INDEX register_donations_by_reference \(fund_id=\? AND reference_normalized=\?/;

  it.each([
    ['reference', { reference: '6987707712' }],
    ['reference and a day', { reference: '6987707712', fromMs: 1, toMs: 2 }],
    ['reference and an amount', { reference: '6987707712', amountVnd: 500000n }],
  ] as [string, Partial<PublicDonationFilters>][])('public, by %s: both halves seek their key, merged with no sort', (_name, filters) => {
    const search: PublicDonationFilters = { fundId: FUND_ID, limit: 100, nameWords: [], ...filters };
    for (const query of [driverCountQuery({ kind: 'reference' }, search), publicDonationQuery(search, { kind: 'reference' }), publicDonationQuery(search, { kind: 'reference' }, [1, 1])]) {
      const plan = queryPlan(db, query.sql, query.params);
      noProblems(plan);
      expect(plan.some((detail) => SENDER_SEEK.test(detail))).toBe(true);
      expect(plan.some((detail) => OWN_SEEK.test(detail))).toBe(true);
    }
  });

  it('public and staff, by a number typed with its Vietcombank prefix: each half seeks its own key, merged with no sort', () => {
    const search: PublicDonationFilters = { fundId: FUND_ID, limit: 100, nameWords: [], reference: 'MBVCB.6987707712', senderReference: '6987707712' };
    const staff = referencePageQuery({ fundId: FUND_ID, fromMs: undefined, toMs: undefined, cursor: undefined, limit: 100 }, 'MBVCB.6987707712', [], '6987707712');
    for (const query of [driverCountQuery({ kind: 'reference' }, search), publicDonationQuery(search, { kind: 'reference' }), publicDonationQuery(search, { kind: 'reference' }, [1, 1]), staff]) {
      const plan = queryPlan(db, query.sql, query.params);
      noProblems(plan);
      expect(plan.some((detail) => SENDER_SEEK.test(detail))).toBe(true);
      expect(plan.some((detail) => OWN_SEEK.test(detail))).toBe(true);
      expect(query.params).toContain('6987707712');
    }
    for (const plans of publicSearchPlans(db, { ...search, nameWords: ['an'] })) for (const plan of [plans.count, plans.firstPage, plans.nextPage]) noProblems(plan);
  });

  it('public, by a name and a reference: whichever driver walks, the reference is a probe of the keys', () => {
    for (const plans of publicSearchPlans(db, { fundId: FUND_ID, limit: 100, nameWords: ['an'], reference: '6987707712' })) {
      for (const plan of [plans.count, plans.firstPage, plans.nextPage]) noProblems(plan);
    }
  });

  it.each([
    ['a reference', [], {}],
    ['a reference, a period and a cursor', [], { fromMs: 1, toMs: 2, cursor: [1, 1] }],
    ['a reference, an amount, a campaign and a donor word', [
      { sql: 'campaign_id = ?', params: ['bao-yagi'] }, { sql: 'amount_vnd = ?', params: [500000n] }, donorWordCondition('nguyen'),
    ], {}],
  ] as [string, { sql: string; params: (string | bigint)[] }[], object][])('the staff register, by %s: both halves seek their key, merged with no sort', (_name, conditions, extra) => {
    const query = referencePageQuery({ fundId: FUND_ID, fromMs: undefined, toMs: undefined, cursor: undefined, limit: 100, ...extra }, '6987707712', conditions);
    const plan = queryPlan(db, query.sql, query.params);
    noProblems(plan);
    expect(plan.some((detail) => SENDER_SEEK.test(detail))).toBe(true);
    expect(plan.some((detail) => OWN_SEEK.test(detail))).toBe(true);
  });
});
