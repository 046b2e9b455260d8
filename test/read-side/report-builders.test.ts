/**
 * Reports as pure functions: facts in, report out, figures worked out by hand. And money never
 * passes through a JS number: sums beyond 2^53 come out exact, from the builders and from SQLite.
 */
import Database from 'better-sqlite3';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import type { ProjectedEvent } from '../../projections/projection';
import { ScratchTables } from '../../src/audit/table-state';
import { tableDdl } from '../../src/projection-runner/table-projection-runner';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import {
  campaignsReport, REPORTS, designationsReport, type DonationTotals, donorsReport, financialReport,
  type DisbursementFact, disclosureReport, type ReleaseFact, type SpendingFacts,
} from '../../src/reports';
import { buildRegisterReport } from '../../src/read-side/register-report-facts';
import { registerRow, registerRows } from '../../src/read-side/sql/register-rows';
import {
  ACCOUNTANT, disbursementApproved, disbursementPaid, disbursementRequested, donationRecorded, FUND_ID, fundOpened, NOW,
} from '../domain/builders';

const MS = (iso: string) => Date.parse(iso);
const Q2 = { fromMs: MS('2024-04-01T00:00:00+07:00'), toMs: MS('2024-06-30T23:59:59.999+07:00') };

function totals(overrides: Partial<DonationTotals>): DonationTotals {
  return {
    campaignId: null, restrictionId: null, revenueCategory: 'voluntary_contribution', inManagementCostBase: true, cash: true, donations: 1,
    receivedBefore: '0', receivedIn: '0', reversedBefore: '0', reversedIn: '0', keptReceivedIn: '0', ...overrides,
  };
}

const NO_SPENDING: SpendingFacts = { disbursements: [], releases: [] };
const NO_MANAGEMENT_COST = { eligibleByYear: {}, usedByYear: {}, policyVersions: [] };

/** A disbursement fact: requested early in 2024, with the transitions given. */
function disbursement(fact: Omit<DisbursementFact, 'component' | 'requestedAtMs' | 'approvedAtMs' | 'rejectedAtMs' | 'reversedAt'> & Partial<DisbursementFact>): DisbursementFact {
  return {
    component: 'general', requestedAtMs: MS('2024-01-02T09:00:00+07:00'), approvedAtMs: null, rejectedAtMs: null,
    reversedAt: fact.reversedAtMs === null ? null : new Date(fact.reversedAtMs).toISOString(), ...fact,
  };
}

type ReleaseDefaults = 'component' | 'releasedAtMs' | 'settlementReversedAt' | 'settlementReversedAtMs' | 'cancelledAtMs';
function release(fact: Omit<ReleaseFact, ReleaseDefaults> & Partial<ReleaseFact>): ReleaseFact {
  return {
    component: 'general', releasedAtMs: MS('2024-01-02T09:00:00+07:00'), settlementReversedAt: null, settlementReversedAtMs: null, cancelledAtMs: null, ...fact,
  };
}

describe('financial report (pure)', () => {
  it('opening, receipts by category, payments by kind, the management-cost cap and closing, by hand', () => {
    const donationTotals = [
      // 10,000,000 received before Q2 (of which 1,000,000 reversed before it), 4,000,000 in Q2 with 500,000 reversed in Q2.
      totals({ receivedBefore: '10000000', reversedBefore: '1000000', receivedIn: '4000000', reversedIn: '500000', keptReceivedIn: '3500000' }),
      totals({ revenueCategory: 'interest', inManagementCostBase: false, receivedIn: '120000', keptReceivedIn: '120000' }),
      // In kind counts nowhere in cash.
      totals({ cash: false, inManagementCostBase: false, receivedIn: '3000000', keptReceivedIn: '3000000' }),
    ];
    const spending: SpendingFacts = {
      disbursements: [
        disbursement({ disbursementId: 'DB-1', amount: '2000000', kind: 'relief', status: 'paid', campaignId: null, restrictionId: null, purpose: 'Gạo', beneficiary: 'Hộ A',
          paidAt: '2024-03-01T10:00:00+07:00', paidAtMs: MS('2024-03-01T10:00:00+07:00'), reversedAtMs: null }),
        disbursement({ disbursementId: 'DB-2', amount: '150000', kind: 'management_cost', status: 'paid', campaignId: null, restrictionId: null, purpose: 'Phí', beneficiary: 'NH',
          paidAt: '2024-05-01T10:00:00+07:00', paidAtMs: MS('2024-05-01T10:00:00+07:00'), reversedAtMs: null }),
        disbursement({ disbursementId: 'DB-3', amount: '700000', kind: 'humanitarian', status: 'reversed', campaignId: null, restrictionId: null, purpose: 'Học bổng', beneficiary: 'Em B',
          paidAt: '2024-03-20T10:00:00+07:00', paidAtMs: MS('2024-03-20T10:00:00+07:00'), reversedAtMs: MS('2024-04-02T10:00:00+07:00') }),
      ],
      releases: [release({ releaseId: 'ER-1', amount: '1000000', status: 'settled', campaignId: null, restrictionId: null, incident: 'Lũ', recipient: 'Xã C',
        spent: '600000', settledAt: '2024-06-30T23:00:00+07:00', settledAtMs: MS('2024-06-30T23:00:00+07:00') })],
    };
    // R6 for the year Q2 ends in: 2023's unused budget (5 % of 100,000,000) carries into 2024.
    const managementCost = {
      eligibleByYear: { 2023: '100000000', 2024: '3000000' }, usedByYear: { 2024: '150000' },
      policyVersions: [{ effectiveFrom: null, managementCostWarnPercent: '5', managementCostCapPercent: '10' }],
    };
    const report = financialReport({ donationTotals, spending, policy: { managementCostCapPercent: '5' }, managementCost }, Q2);
    const line = (name: string) => report.rows.find((row) => row.line === name)?.amount;
    // Opening: 10,000,000 − 1,000,000 received, less 2,000,000 + 700,000 paid before Q2 = 6,300,000.
    expect(line('opening')).toBe('6300000');
    expect(line('receipts.voluntary_contribution')).toBe('3500000');
    expect(line('receipts.interest')).toBe('120000');
    expect(line('receipts.total')).toBe('3620000');
    // The humanitarian payment of March was reversed in April: −700,000 in Q2.
    expect(line('payments.humanitarian')).toBe('-700000');
    expect(line('payments.management_cost')).toBe('150000');
    expect(line('payments.emergency')).toBe('600000');
    expect(line('payments.total')).toBe('50000');
    expect(line('closing')).toBe('9870000');
    // Base: the cash in the base received in Q2, 3,500,000; cap 5 % = 175,000; 150,000 is 4.29 %.
    expect(report.summary).toEqual({
      managementCost: '150000', managementCostBase: '3500000', managementCostCapPercent: '5', managementCostCap: '175000',
      managementCostPercent: '4.29', withinCap: true,
      managementCostYear: 2024, managementCostYearBase: '3000000', managementCostWarnPercent: '5', managementCostYearCapPercent: '10',
      managementCostBudget: '150000', managementCostCarriedForward: '5000000', managementCostUsed: '150000', managementCostRemaining: '5000000',
      managementCostLimit: '5300000', managementCostWarning: false,
    });
  });

  it('R6 withinCap is the year\'s verdict: past the period\'s ratio, within the year\'s cap with what 2023 left unused', () => {
    const donationTotals = [totals({ receivedIn: '3000000', keptReceivedIn: '3000000' })];
    const salary = (amount: string) => disbursement({
      disbursementId: 'DB-1', amount, kind: 'management_cost', status: 'paid', campaignId: null, restrictionId: null, purpose: 'Lương', beneficiary: 'Nhân viên',
      paidAt: '2024-05-01T10:00:00+07:00', paidAtMs: MS('2024-05-01T10:00:00+07:00'), reversedAtMs: null,
    });
    const financial = (amount: string) => financialReport({
      donationTotals, spending: { disbursements: [salary(amount)], releases: [] }, policy: { managementCostCapPercent: '10' },
      managementCost: {
        eligibleByYear: { 2023: '100000000', 2024: '3000000' }, usedByYear: { 2024: amount },
        policyVersions: [{ effectiveFrom: null, managementCostWarnPercent: '5', managementCostCapPercent: '10' }],
      },
    }, Q2).summary;
    // Q2's ratio: 10 % of 3,000,000 is 300,000. The year's limit: 10 % of 3,000,000 + the 5,000,000 2023 carried = 5,300,000.
    expect(financial('2000000')).toMatchObject({ managementCostCap: '300000', managementCostPercent: '66.67', managementCostLimit: '5300000', withinCap: true });
    expect(financial('5300000')).toMatchObject({ managementCostUsed: '5300000', withinCap: true });
    expect(financial('5300001')).toMatchObject({ managementCostUsed: '5300001', withinCap: false });
  });

  it('states the emergency money released and not yet settled at the period\'s end: part of the closing balance, yet no longer in the bank', () => {
    const donationTotals = [totals({ receivedBefore: '10000000' })];
    const open = release({ releaseId: 'ER-1', amount: '3000000', status: 'open', campaignId: null, restrictionId: null, incident: 'Lũ', recipient: 'Xã C',
      releasedAtMs: MS('2024-06-20T09:00:00+07:00'), spent: null, settledAt: null, settledAtMs: null });
    const settledInJuly = { ...open, status: 'settled' as const, spent: '2000000', settledAt: '2024-07-05T10:00:00+07:00', settledAtMs: MS('2024-07-05T10:00:00+07:00') };
    const line = (spending: SpendingFacts, name: string) =>
      financialReport({ donationTotals, spending, policy: { managementCostCapPercent: '5' }, managementCost: NO_MANAGEMENT_COST }, Q2).rows.find((row) => row.line === name);
    for (const spending of [{ disbursements: [], releases: [open] }, { disbursements: [], releases: [settledInJuly] }]) {
      expect(line(spending, 'closing')?.amount).toBe('10000000');
      expect(line(spending, 'memo.emergencyOutstanding')).toEqual({
        line: 'memo.emergencyOutstanding', label: 'Tạm ứng khẩn cấp chưa quyết toán (cuối kỳ, có trong số dư cuối kỳ)', amount: '3000000',
      });
    }
    // A fund that never released emergency money keeps the lines it had.
    expect(line(NO_SPENDING, 'memo.emergencyOutstanding')).toBeUndefined();
  });

  it('sums beyond 2^53 exactly: eleven gifts of 999.999.999.999.999 VND', () => {
    const donationTotals = [totals({ donations: 11, receivedIn: '10999999999999989', keptReceivedIn: '10999999999999989' })];
    const report = financialReport({ donationTotals, spending: NO_SPENDING, policy: { managementCostCapPercent: '5' }, managementCost: NO_MANAGEMENT_COST }, { fromMs: null, toMs: null });
    expect(report.rows.find((row) => row.line === 'closing')?.amount).toBe('10999999999999989');
    expect(Number('10999999999999989').toString()).not.toBe('10999999999999989'); // what a JS number would have printed
    expect(report.summary.managementCostCap).toBe('549999999999999'); // 5 %, rounded down to the dong
  });
});

describe('designations and campaigns (pure)', () => {
  const campaign = {
    campaignId: 'lu', name: 'Lũ 2024', kind: 'disaster', receiveFrom: '2024-09-01T00:00:00+07:00', receiveFromMs: MS('2024-09-01T00:00:00+07:00'),
    receiveUntil: '2024-11-29T00:00:00+07:00', receiveUntilMs: MS('2024-11-29T00:00:00+07:00'),
    distributeUntil: '2024-12-19T00:00:00+07:00', distributeUntilMs: MS('2024-12-19T00:00:00+07:00'), restrictionId: 'campaign:lu',
  };
  const donationTotals = [
    totals({ campaignId: 'lu', restrictionId: 'campaign:lu', receivedIn: '5000000', keptReceivedIn: '5000000' }),
    totals({ campaignId: 'lu', restrictionId: 'campaign:lu', cash: false, receivedIn: '800000', keptReceivedIn: '800000' }),
    totals({ restrictionId: 'DN-2024-000009', receivedBefore: '2000000' }),
  ];
  const spending: SpendingFacts = {
    disbursements: [
      disbursement({ disbursementId: 'DB-1', amount: '1200000', kind: 'relief', status: 'paid', campaignId: 'lu', restrictionId: 'campaign:lu', purpose: 'Gạo', beneficiary: 'Hộ A',
        paidAt: '2024-10-01T10:00:00+07:00', paidAtMs: MS('2024-10-01T10:00:00+07:00'), reversedAtMs: null }),
      disbursement({ disbursementId: 'DB-2', amount: '300000', kind: 'relief', status: 'requested', campaignId: 'lu', restrictionId: 'campaign:lu', purpose: 'Nước', beneficiary: 'Hộ B',
        paidAt: null, paidAtMs: null, reversedAtMs: null }),
    ],
    releases: [release({ releaseId: 'ER-1', amount: '400000', status: 'open', campaignId: 'lu', restrictionId: 'campaign:lu', incident: 'Sạt lở', recipient: 'Xã C',
      spent: null, settledAt: null, settledAtMs: null })],
  };
  const restrictedPools = [
    { restrictionId: 'campaign:lu', purpose: null, component: 'general', campaignId: 'lu' },
    { restrictionId: 'DN-2024-000009', purpose: 'Xây nhà tình thương', component: 'general', campaignId: null },
  ];

  it('designations: each pool received, paid, held, outstanding and available', () => {
    const report = designationsReport({ donationTotals, restrictedPools, spending, campaigns: [campaign] }, { fromMs: null, toMs: null });
    expect(report.rows).toEqual([
      { restrictionId: 'DN-2024-000009', purpose: 'Xây nhà tình thương', component: 'general', campaignId: null, campaignName: null,
        received: '2000000', disbursed: '0', held: '0', outstandingEmergency: '0', available: '2000000' },
      // 5,000,000 − 1,200,000 paid − 300,000 held − 400,000 outstanding = 3,100,000; the campaign names the pool.
      { restrictionId: 'campaign:lu', purpose: 'Lũ 2024', component: 'general', campaignId: 'lu', campaignName: 'Lũ 2024',
        received: '5000000', disbursed: '1200000', held: '300000', outstandingEmergency: '400000', available: '3100000' },
    ]);
    expect(report.summary).toEqual({ available: '5100000' });
  });

  it('designations: a pool\'s campaign by its code and by its name, as the campaigns report has them; a fund whose pools name no campaign keeps its columns', () => {
    const designated = { restrictionId: 'DN-2024-000010', purpose: 'Sửa trường mầm non', component: 'general', campaignId: 'lu' };
    const report = designationsReport({
      donationTotals: [...donationTotals, totals({ campaignId: 'lu', restrictionId: 'DN-2024-000010', receivedBefore: '700000' })],
      restrictedPools: [...restrictedPools, designated], spending, campaigns: [campaign],
    }, { fromMs: null, toMs: null });
    const columns = report.columns.map((c) => [c.key, c.heading]);
    expect(columns.slice(3, 5)).toEqual([['campaignId', 'Mã đợt vận động'], ['campaignName', 'Tên đợt vận động']]);
    // The donor's purpose is the pool's; the campaign it was given in is read by its name.
    expect(report.rows.find((row) => row.restrictionId === 'DN-2024-000010')).toMatchObject({ purpose: 'Sửa trường mầm non', campaignId: 'lu', campaignName: 'Lũ 2024' });
    const noCampaign = designationsReport({
      donationTotals: [totals({ restrictionId: 'DN-2024-000009', receivedBefore: '2000000' })], restrictedPools: [restrictedPools[1]], spending: NO_SPENDING, campaigns: [campaign],
    }, { fromMs: null, toMs: null });
    expect(noCampaign.columns.map((c) => c.key)).not.toContain('campaignName');
    expect(noCampaign.columns.find((c) => c.key === 'campaignId')?.heading).toBe('Đợt vận động');
    expect(noCampaign.rows[0]).not.toHaveProperty('campaignName');
  });

  it('campaigns: received, in kind, distributed, people reached and the Decree 93/2021 deadlines', () => {
    const report = campaignsReport({ donationTotals, spending, campaigns: [campaign] }, { fromMs: null, toMs: null });
    expect(report.rows).toEqual([expect.objectContaining({
      received: '5000000', inKindReceived: '800000', distributed: '1200000', beneficiariesReached: 1, remaining: '3800000',
      receivingWithin90Days: true, distributionWithin20Days: true, distributedByDeadline: false, undistributedAtDeadline: '3800000',
    })]);
  });

  it('campaigns: people reached are the households of the paid lists, each once, read by the period\'s end', () => {
    const day = (date: string) => MS(`${date}T10:00:00+07:00`);
    const listed = (disbursementId: string, beneficiaryId: string, receivedAtMs: number | null = null, closedAtMs: number | null = null) =>
      ({ disbursementId, beneficiaryId, receivedAtMs, closedAtMs });
    const lists: SpendingFacts = {
      disbursements: [
        ...spending.disbursements,
        disbursement({ disbursementId: 'DB-3', amount: '900000', kind: 'relief', status: 'paid', campaignId: 'lu', restrictionId: 'campaign:lu', purpose: 'Gạo',
          beneficiary: 'Các hộ xã Trà Leng', paidAt: '2024-10-02T10:00:00+07:00', paidAtMs: day('2024-10-02'), reversedAtMs: null }),
        disbursement({ disbursementId: 'DB-4', amount: '300000', kind: 'relief', status: 'reversed', campaignId: 'lu', restrictionId: 'campaign:lu', purpose: 'Gạo',
          beneficiary: 'Các hộ xã Trà Leng', paidAt: '2024-10-02T10:00:00+07:00', paidAtMs: day('2024-10-02'), reversedAtMs: day('2024-10-20') }),
      ],
      releases: spending.releases,
    };
    const distributionShares = [
      // Three households; the third's share closed as not delivered on 15 October.
      listed('DB-3', 'BF-1'), listed('DB-3', 'BF-2', day('2024-10-05')), listed('DB-3', 'BF-3', null, day('2024-10-15')),
      // A payment reversed: the household that took its share home on 10 October was reached all the same, the other was not.
      listed('DB-4', 'BF-1', day('2024-10-10')), listed('DB-4', 'BF-4', day('2024-10-10')), listed('DB-4', 'BF-5'),
      // A list still requested reached nobody.
      listed('DB-2', 'BF-6'),
    ];
    const reached = (toMs: number | null) => campaignsReport({ donationTotals, spending: lists, campaigns: [campaign], distributionShares }, { fromMs: null, toMs }).rows[0].beneficiariesReached;
    // Hộ A, BF-1, BF-2, BF-4.
    expect(reached(null)).toBe(4);
    // On 12 October BF-3's share was not closed yet, and DB-4 was still paid: BF-5 too.
    expect(reached(day('2024-10-12'))).toBe(6);
    // On 3 October BF-4 had nothing yet but DB-4's payment stood.
    expect(reached(day('2024-10-03'))).toBe(6);
  });

  it('R7 distributedByDeadline: true only when every dong received was paid out by distributeUntil; a campaign that paid nothing is false', () => {
    const deadline = campaign.distributeUntilMs;
    const paidAll = { ...spending, disbursements: [disbursement({ ...spending.disbursements[0], amount: '5000000' })] };
    const all = campaignsReport({ donationTotals, spending: paidAll, campaigns: [campaign] }, { fromMs: null, toMs: null });
    expect(all.rows[0]).toMatchObject({ distributed: '5000000', distributedByDeadline: true, undistributedAtDeadline: '0' });
    // Paid in full, but a day late: not distributed by the deadline.
    const late = { ...paidAll, disbursements: [disbursement({ ...paidAll.disbursements[0], paidAtMs: deadline + 86400_000, paidAt: '2024-12-20T00:00:00+07:00' })] };
    const lateReport = campaignsReport({ donationTotals, spending: late, campaigns: [campaign] }, { fromMs: null, toMs: null });
    expect(lateReport.rows[0]).toMatchObject({ distributedByDeadline: false, undistributedAtDeadline: '5000000' });
    const nothing = campaignsReport({ donationTotals: [], spending: NO_SPENDING, campaigns: [campaign] }, { fromMs: null, toMs: null });
    expect(nothing.rows[0]).toMatchObject({ distributed: '0', distributedByDeadline: false, undistributedAtDeadline: '0' });
    // At a period end before the deadline the question is not due yet.
    const early = campaignsReport({ donationTotals, spending: paidAll, campaigns: [campaign] }, { fromMs: null, toMs: deadline - 1 });
    expect(early.rows[0]).toMatchObject({ distributedByDeadline: null, undistributedAtDeadline: null });
    // With no end, the books as they stood when the report's position was recorded: before the deadline, not due yet.
    const openBefore = campaignsReport({ donationTotals, spending: NO_SPENDING, campaigns: [campaign] }, { fromMs: null, toMs: null, booksAtMs: deadline - 1 });
    expect(openBefore.rows[0]).toMatchObject({ distributedByDeadline: null, undistributedAtDeadline: null });
    const openAfter = campaignsReport({ donationTotals, spending: NO_SPENDING, campaigns: [campaign] }, { fromMs: null, toMs: null, booksAtMs: deadline + 1 });
    expect(openAfter.rows[0]).toMatchObject({ distributedByDeadline: false, undistributedAtDeadline: '5000000' });
  });

  it('R8 a report stands at its period end: a hold, release or payment dated later does not leak into it', () => {
    const later = MS('2024-12-01T00:00:00+07:00');
    const afterEnd: SpendingFacts = {
      disbursements: [
        ...spending.disbursements.map((d) => (d.disbursementId === 'DB-2' ? disbursement({ ...d, requestedAtMs: later }) : d)),
        // Requested before the end, paid after it: held at the end, not paid.
        disbursement({ disbursementId: 'DB-4', amount: '100000', kind: 'relief', status: 'paid', campaignId: 'lu', restrictionId: 'campaign:lu', purpose: 'Thuốc',
          beneficiary: 'Hộ D', paidAt: '2024-12-02T10:00:00+07:00', paidAtMs: MS('2024-12-02T10:00:00+07:00'), reversedAtMs: null }),
      ],
      releases: [release({ ...spending.releases[0], releasedAtMs: later })],
    };
    const report = designationsReport({ donationTotals, restrictedPools, spending: afterEnd, campaigns: [campaign] }, { fromMs: null, toMs: MS('2024-11-30T23:59:59.999+07:00') });
    expect(report.rows.find((row) => row.restrictionId === 'campaign:lu')).toMatchObject({
      received: '5000000', disbursed: '1200000', held: '100000', outstandingEmergency: '0', available: '3700000',
    });
  });

  it('R8 disclosure and financial report agree on a period cut between a donation and its reversal, either way', () => {
    const y2025 = { fromMs: MS('2025-01-01T00:00:00+07:00'), toMs: MS('2025-12-31T23:59:59.999+07:00') };
    const base = { receiptNo: '2025-000001', publishedName: 'Nguyễn V. A.', cash: true, restrictionPurpose: null, inKind: null };
    // A 2025 gift kept at the end of 2025 (reversed in 2026), and a 2024 gift reversed in 2025.
    const disclosedDonations = [
      { ...base, receivedAt: '2025-03-01T10:00:00+07:00', reversedAt: null, amountVnd: '3000000' },
      { ...base, receiptNo: '2024-000007', receivedAt: '2024-11-01T10:00:00+07:00', reversedAt: '2025-02-01T10:00:00+07:00', amountVnd: '1000000' },
    ];
    const yearTotals = [totals({ receivedIn: '3000000', receivedBefore: '1000000', reversedIn: '1000000', keptReceivedIn: '3000000' })];
    const disclosure = disclosureReport({ donationTotals: yearTotals, restrictedPools: [], spending: NO_SPENDING, campaigns: [], disclosedDonations }, y2025);
    const financial = financialReport({ donationTotals: yearTotals, spending: NO_SPENDING, policy: { managementCostCapPercent: '5' }, managementCost: NO_MANAGEMENT_COST }, y2025);
    expect(disclosure.rows.map((row) => [row.section, row.reference, row.cash])).toEqual([['donation', '2025-000001', '3000000'], ['donation-reversal', '2024-000007', '-1000000']]);
    expect(disclosure.summary.cashReceived).toBe('2000000');
    expect(financial.rows.find((row) => row.line === 'receipts.total')?.amount).toBe('2000000');
  });

  it('a disclosure states every date in one convention, Vietnam time with +07:00: an emergency settlement recorded in UTC too', () => {
    const y2024 = { fromMs: MS('2024-01-01T00:00:00+07:00'), toMs: MS('2024-12-31T23:59:59.999+07:00') };
    const disclosedDonations = [
      { receiptNo: '2024-000001', publishedName: 'Nguyễn V. A.', cash: true, restrictionPurpose: null, inKind: null, receivedAt: '2024-09-12T09:30:00+07:00', reversedAt: null, amountVnd: '3000000' },
      { receiptNo: '2024-000002', publishedName: 'Trần B.', cash: true, restrictionPurpose: null, inKind: null, receivedAt: '2024-09-12T01:00:00Z', reversedAt: null, amountVnd: '1000000' },
    ];
    const spending: SpendingFacts = {
      disbursements: [disbursement({ disbursementId: 'DB-1', amount: '500000', kind: 'relief', status: 'paid', campaignId: null, restrictionId: null, purpose: 'Gạo',
        beneficiary: 'Hộ A', paidAt: '2024-09-13T10:00:00+07:00', paidAtMs: MS('2024-09-13T10:00:00+07:00'), reversedAtMs: null })],
      releases: [release({ releaseId: 'ER-000001', amount: '1000000', status: 'settled', campaignId: null, restrictionId: null, incident: 'Lũ', recipient: 'Xã C',
        spent: '600000', settledAt: '2024-09-14T03:15:42.123Z', settledAtMs: MS('2024-09-14T03:15:42.123Z') })],
    };
    const disclosure = disclosureReport({ donationTotals: [], restrictedPools: [], spending, campaigns: [], disclosedDonations }, y2024);
    expect(disclosure.rows.filter((row) => row.date !== null).map((row) => [row.reference, row.date])).toEqual([
      ['2024-000001', '2024-09-12T09:30:00+07:00'], ['2024-000002', '2024-09-12T08:00:00+07:00'],
      ['DB-1', '2024-09-13T10:00:00+07:00'], ['ER-000001', '2024-09-14T10:15:42.123+07:00'],
    ]);
  });
});

describe('donors (pure)', () => {
  it('ranks by total, then name, then the first gift; anonymous gifts stay apart', () => {
    const report = donorsReport({
      donorGroups: [
        { donorKind: 'anonymous', publishedName: 'Ẩn danh', donations: 1, total: '500000', firstReceivedMs: 20, firstPosition: 9 },
        { donorKind: 'individual', publishedName: 'Trần B', donations: 2, total: '1000000', firstReceivedMs: 5, firstPosition: 3 },
        { donorKind: 'anonymous', publishedName: 'Ẩn danh', donations: 1, total: '500000', firstReceivedMs: 10, firstPosition: 12 },
        { donorKind: 'individual', publishedName: 'Ánh', donations: 1, total: '1000000', firstReceivedMs: 30, firstPosition: 1 },
      ],
    });
    expect(report.rows.map((row) => [row.rank, row.donorName, row.donations, row.total])).toEqual([
      [1, 'Ánh', 1, '1000000'], [2, 'Trần B', 2, '1000000'], [3, 'Ẩn danh', 1, '500000'], [4, 'Ẩn danh', 1, '500000'],
    ]);
    expect(report.summary).toEqual({ donors: 4, total: '3000000' });
  });
});

describe('registers read money as BigInt', () => {
  it('a report over the real register tables sums beyond 2^53 exactly', () => {
    const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    try {
      const events: LedgerEvent[] = [fundOpened()];
      for (let sequence = 1; sequence <= 11; sequence += 1) events.push(donationRecorded({ sequence, amountVnd: '999999999999999' }));
      events.forEach((event, index) => {
        const projected: ProjectedEvent = { position: index + 1, streamId: 's', revision: index, recordedAt: '2024-05-12T09:30:00+07:00', actorUserId: 'u', event };
        for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(projected));
      });
      const document = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'financial', period: { fromMs: null, toMs: null } }, events.length);
      expect(document.rows.find((row) => row.line === 'receipts.total')?.amount).toBe('10999999999999989');
      const donors = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'donors', period: { fromMs: null, toMs: null } }, events.length);
      expect(donors.rows).toEqual([{ rank: 1, donorName: 'Nguyễn V. A.', kind: 'individual', donations: 11, total: '10999999999999989' }]);
    } finally {
      scratch.close();
    }
  });

  it('R24 a disclosure\'s result per restricted pool adds up: remaining = amount − used, money forwarded counting as used, requests not yet paid as remaining', () => {
    const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    try {
      const gift = donationRecorded({ sequence: 1, restriction: { purpose: 'Xe lăn', beneficiary: null }, amountVnd: '1000000' });
      const pool = gift.data.donationId;
      const transfer: LedgerEvent[] = [
        {
          type: 'TransferRequested',
          data: {
            fundId: FUND_ID, transferId: `TR-${FUND_ID}-000001`, toFundId: 'ctd-tinh', external: false, amount: '100000', component: 'general', campaignId: null,
            restrictionId: pool, restrictionPurpose: 'Xe lăn', restrictionBeneficiary: null, purpose: 'Chuyển lên tỉnh', note: null,
            approvalsRequired: 0, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: NOW,
          },
        },
      ];
      const events: LedgerEvent[] = [
        fundOpened(), fundOpened({ fundId: 'ctd-tinh' }), gift,
        // Paid 200,000; 300,000 requested and not yet paid; 100,000 sent to the province.
        disbursementRequested({ sequence: 1, amount: '200000', restrictionId: pool }), disbursementApproved(1), disbursementPaid(1),
        disbursementRequested({ sequence: 2, amount: '300000', restrictionId: pool }),
        ...transfer,
      ];
      events.forEach((event, index) => {
        const projected: ProjectedEvent = { position: index + 1, streamId: 's', revision: index, recordedAt: NOW, actorUserId: 'u', event };
        for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(projected));
      });
      const disclosure = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'disclosure', period: { fromMs: null, toMs: null } }, events.length);
      const [result] = disclosure.rows.filter((row) => row.section === 'result');
      expect([result.reference, result.cash, result.used, result.remaining]).toEqual([pool, '1000000', '300000', '700000']);
    } finally {
      scratch.close();
    }
  });

  it('R15 a pool appears in a period\'s report only if it existed by the period end: a 2025 disclosure lists no pool created in 2026', () => {
    const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    try {
      const purpose = (text: string) => ({ purpose: text, beneficiary: null });
      const events: LedgerEvent[] = [
        fundOpened(),
        donationRecorded({ sequence: 1, fiscalYear: 2025, receivedAt: '2025-03-01T10:00:00+07:00', restriction: purpose('Xe lăn'), amountVnd: '2000000' }),
        donationRecorded({ sequence: 2, fiscalYear: 2026, receivedAt: '2026-02-01T10:00:00+07:00', restriction: purpose('Xây nhà tình thương'), amountVnd: '5000000' }),
      ];
      events.forEach((event, index) => {
        const projected: ProjectedEvent = { position: index + 1, streamId: 's', revision: index, recordedAt: '2026-02-01T10:00:00+07:00', actorUserId: 'u', event };
        for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(projected));
      });
      const y2025 = { fromMs: MS('2025-01-01T00:00:00+07:00'), toMs: MS('2025-12-31T23:59:59.999+07:00') };
      const disclosure = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'disclosure', period: y2025 }, events.length);
      expect(disclosure.rows.filter((row) => row.section === 'result').map((row) => [row.reference, row.cash])).toEqual([['DN-2025-000001', '2000000']]);
      const designations = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'designations', period: y2025 }, events.length);
      expect(designations.rows.map((row) => row.restrictionId)).toEqual(['DN-2025-000001']);
      const allTime = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'designations', period: { fromMs: null, toMs: null } }, events.length);
      expect(allTime.rows.map((row) => row.restrictionId)).toEqual(['DN-2025-000001', 'DN-2026-000002']);
    } finally {
      scratch.close();
    }
  });

  it('money columns come back as decimal strings, other integers as numbers, and a REAL in a money column is refused', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (amount_vnd INTEGER, position INTEGER, note TEXT)');
    db.prepare('INSERT INTO t VALUES (?, ?, ?)').run(9007199254740993n, 42, 'x');
    expect(registerRows(db, 'SELECT amount_vnd, position, note FROM t')).toEqual([{ amount_vnd: '9007199254740993', position: 42, note: 'x' }]);
    expect(registerRow(db, 'SELECT SUM(amount_vnd) AS total_vnd FROM t')).toEqual({ total_vnd: '9007199254740993' });
    expect(() => registerRows(db, 'SELECT position AS amount_vnd FROM t')).not.toThrow();
    db.exec('INSERT INTO t VALUES (1.5, 1, null)');
    expect(() => registerRows(db, 'SELECT amount_vnd FROM t')).toThrow(/non-integer/);
    db.close();
  });
});

describe('report queries', () => {
  it('sum and list donations by walking indexes: no table scan, and no sort but the donor grouping', () => {
    const executed: string[] = [];
    const db = new Database(':memory:', { verbose: (sql) => executed.push(String(sql)) });
    for (const projection of ALL_TABLE_PROJECTIONS) for (const table of projection.tables) for (const ddl of tableDdl(table)) db.exec(ddl);
    for (const report of REPORTS) {
      for (const period of [{ fromMs: null, toMs: null }, { fromMs: 1, toMs: 2 }]) buildRegisterReport(db, { fundId: FUND_ID, report, period }, 1);
    }
    const queries = [...new Set(executed.filter((sql) => /^\s*SELECT/i.test(sql) && /register_donations/.test(sql)))];
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const sql of queries) {
      const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))];
      const params = named.length > 0 ? [Object.fromEntries(named.map((name) => [name, 1]))] : Array.from(sql.matchAll(/\?/g), () => 'x');
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
      const grouping = /GROUP BY donor_kind/.test(sql);
      expect({ sql, plan, scans: plan.filter((d) => /^SCAN (register_\w+|[dtwf])\b(?!.*\bUSING\b)/.test(d)) }).toEqual({ sql, plan, scans: [] });
      if (!grouping) expect({ sql, plan, sorts: plan.filter((d) => /TEMP B-TREE/.test(d)) }).toEqual({ sql, plan, sorts: [] });
    }
    db.close();
  });
});
