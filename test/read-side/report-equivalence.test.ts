/**
 * Moving the sums into SQL changed no figure: on seeded random books, every report over many
 * periods equals the reference implementation that loads every row and sums it in decimal.js
 * (report-oracle.ts, the logic as it stood before). The tables are filled by the real table
 * projections, applied as the runner applies them.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { ScratchTables } from '../../src/audit/table-state';
import { buildRegisterReport } from '../../src/read-side/register-report-facts';
import { REPORTS, type ReportPeriod } from '../../src/reports';
import { BOOKS_FUND, randomBooks, seededRandom } from './random-books';
import { oracleReport, readAllFacts } from './report-oracle';

const VN_DAY = (date: string, end = false) => Date.parse(`${date}T00:00:00+07:00`) + (end ? 86400_000 - 1 : 0);

describe.each([1, 2, 3, 4])('reports summed in SQL equal the row-by-row reference (seed %i)', (seed) => {
  const books = randomBooks(seed, 400);
  const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
  for (const event of books.events) for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(event));
  afterAll(() => scratch.close());
  const facts = readAllFacts(scratch.db, BOOKS_FUND);
  const random = seededRandom(seed * 7919);
  const exact = () => books.instants[Math.floor(random() * books.instants.length)];
  const periods: [string, ReportPeriod][] = [
    ['all time', { fromMs: null, toMs: null }],
    ['from 2024', { fromMs: VN_DAY('2024-01-01'), toMs: null }],
    ['up to 2024', { fromMs: null, toMs: VN_DAY('2024-12-31', true) }],
    ['the year 2024', { fromMs: VN_DAY('2024-01-01'), toMs: VN_DAY('2024-12-31', true) }],
    ['Q4 2024', { fromMs: VN_DAY('2024-10-01'), toMs: VN_DAY('2024-12-31', true) }],
    ['a period before the books', { fromMs: VN_DAY('2020-01-01'), toMs: VN_DAY('2020-12-31', true) }],
    ...Array.from({ length: 4 }, (_, i): [string, ReportPeriod] => {
      const [a, b] = [exact(), exact()].sort((x, y) => x - y);
      return [`bounds exactly on business instants #${i}`, { fromMs: a, toMs: b }];
    }),
  ];

  it('the books are varied enough to mean something', () => {
    const rows = (sql: string) => scratch.db.prepare(sql).get() as Record<string, number>;
    expect(rows('SELECT COUNT(*) AS n FROM register_donations WHERE reversed = 1').n).toBeGreaterThan(10);
    expect(rows("SELECT COUNT(*) AS n FROM register_donations WHERE donor_kind = 'anonymous'").n).toBeGreaterThan(10);
    expect(rows('SELECT COUNT(DISTINCT restriction_id) AS n FROM register_donations').n).toBeGreaterThan(3);
    expect(rows("SELECT COUNT(*) AS n FROM register_disbursements WHERE status = 'reversed'").n).toBeGreaterThan(0);
    expect(rows("SELECT COUNT(*) AS n FROM register_emergency_releases WHERE status = 'settled'").n).toBeGreaterThan(3);
    expect(rows('SELECT COUNT(*) AS n FROM register_distribution_lines').n).toBeGreaterThan(10);
    expect(rows("SELECT COUNT(*) AS n FROM register_handovers WHERE status = 'received'").n).toBeGreaterThan(3);
    expect(rows('SELECT COUNT(*) AS n FROM register_handovers WHERE closed = 1').n).toBeGreaterThan(1);
  });

  it.each(periods)('%s', (_label, period) => {
    for (const report of REPORTS) {
      const built = buildRegisterReport(scratch.db, { fundId: BOOKS_FUND, report, period }, books.events.length);
      const expected = oracleReport(facts, report, period.fromMs, period.toMs);
      expect({ report, columns: built.columns, rows: built.rows, summary: built.summary }).toEqual({ report, ...expected });
      // The streamed hash is the sha256 of exactly what the canonicalize package writes.
      const { sha256, ...content } = built;
      expect(sha256).toBe(createHash('sha256').update(canonicalize(content) ?? '', 'utf8').digest('hex'));
    }
  });
});

describe.each([5, 6])('R8 a report at a position equals the reference run on the registers built up to that position only (seed %i)', (seed) => {
  const books = randomBooks(seed, 300);
  const full = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
  for (const event of books.events) for (const projection of ALL_TABLE_PROJECTIONS) full.apply(projection, projection.apply(event));
  afterAll(() => full.close());
  const random = seededRandom(seed * 104729);
  const positions = Array.from({ length: 3 }, () => 1 + Math.floor(random() * books.events.length));
  const periods: [string, ReportPeriod][] = [
    ['all time', { fromMs: null, toMs: null }],
    ['the year 2024', { fromMs: VN_DAY('2024-01-01'), toMs: VN_DAY('2024-12-31', true) }],
    ['up to 2024-11-30', { fromMs: null, toMs: VN_DAY('2024-11-30', true) }],
  ];

  it.each(positions)('at position %i', (position) => {
    const upTo = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    try {
      for (const event of books.events.filter((e) => e.position <= position)) {
        for (const projection of ALL_TABLE_PROJECTIONS) upTo.apply(projection, projection.apply(event));
      }
      const facts = readAllFacts(upTo.db, BOOKS_FUND);
      for (const [label, period] of periods) {
        for (const report of REPORTS) {
          const built = buildRegisterReport(full.db, { fundId: BOOKS_FUND, report, period }, position);
          expect(built.position).toBe(position);
          const expected = oracleReport(facts, report, period.fromMs, period.toMs);
          expect({ label, report, columns: built.columns, rows: built.rows, summary: built.summary }).toEqual({ label, report, ...expected });
        }
      }
    } finally {
      upTo.close();
    }
  });
});
