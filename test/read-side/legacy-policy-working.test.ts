/**
 * R6 on a fund whose stored policy was written before the board's share
 * (`managementCostWarnPercent`) existed: the spending decider folds it with completePolicy (the
 * share defaults to 5 %, never above the cap the policy names), and the management-cost working
 * of the financial report and GET /management-cost, read from the register tables, must take
 * the same percentages, or the two disagree on the budget, the carry-forward and the limit.
 */
import type { ProjectedEvent } from '../../projections/projection';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { ScratchTables } from '../../src/audit/table-state';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import type { Policy } from '../../src/domain/fund/fund.events';
import { evolveFund, initialFundState } from '../../src/domain/fund/fund.state';
import { evolveInflows, initialInflows } from '../../src/domain/spending/inflows';
import { managementCostFiguresAt } from '../../src/domain/spending/spending.decide';
import { initialSpendingState } from '../../src/domain/spending/spending.state';
import { buildRegisterReport, RegisterReportFacts } from '../../src/read-side/register-report-facts';
import { managementCostOfPeriod } from '../../src/reports/report-builders';
import { documentedDefaultPolicy, donationRecorded, FUND_ID, fundOpened } from '../domain/builders';

/** A policy as a fund opened before the board's share existed stored it: a cap of 8 %, no share. */
function legacyPolicy(): Policy {
  const { managementCostWarnPercent: _share, ...rest } = documentedDefaultPolicy();
  return { ...rest, managementCostCapPercent: '8' } as Policy;
}

describe('R6: a policy stored before the board share existed', () => {
  it('the register working takes the percentages the decider folds (share 5 %, cap 8 %), so budget, carry-forward and limit agree', () => {
    // Given a fund opened with the legacy policy, 1,000,000,000 đ of eligible gifts in 2023 and in 2024, nothing spent.
    const opened = fundOpened();
    const legacyOpened = { ...opened, data: { ...opened.data, policy: legacyPolicy() } } as LedgerEvent;
    const gifts = [
      donationRecorded({ sequence: 1, fiscalYear: 2023, receivedAt: '2023-03-01T10:00:00+07:00', amountVnd: '1000000000' }),
      donationRecorded({ sequence: 1, fiscalYear: 2024, receivedAt: '2024-03-01T10:00:00+07:00', amountVnd: '1000000000' }),
    ];
    const log: LedgerEvent[] = [legacyOpened, ...gifts];
    const fund = evolveFund(initialFundState(), legacyOpened as Parameters<typeof evolveFund>[1]);
    if (fund.status !== 'open') throw new Error('fund is not open');
    const inflows = initialInflows();
    for (const gift of gifts) evolveInflows(inflows, gift);

    const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    try {
      log.forEach((event, index) => {
        const projected: ProjectedEvent = { position: index + 1, streamId: 'ctd.legacy', revision: index, recordedAt: '2024-12-31T00:00:00Z', actorUserId: 'u', event };
        for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(projected));
      });
      const y2024 = { fromMs: Date.parse('2024-01-01T00:00:00+07:00'), toMs: Date.parse('2024-12-31T23:59:59.999+07:00') };

      // When the decider and the registers work out 2024
      const decider = managementCostFiguresAt(initialSpendingState(), inflows, fund, '2024-12-31T23:59:59.999+07:00');
      const registers = managementCostOfPeriod(new RegisterReportFacts(scratch.db, FUND_ID, y2024, log.length).managementCost(), y2024);
      const financial = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'financial', period: y2024 }, log.length);

      // Then the decider warns at 5 % (50,000,000 of each year), carries 2023's 50,000,000, and stops at 8 % + carry = 130,000,000
      expect([decider.warnPercent, decider.capPercent, decider.budget, decider.carriedForward, decider.limit]).toEqual(['5', '8', '50000000', '50000000', '130000000']);
      // and the register working, and the financial report's summary, say the same.
      expect(registers).toEqual(decider);
      expect([
        financial.summary.managementCostWarnPercent, financial.summary.managementCostYearCapPercent, financial.summary.managementCostBudget,
        financial.summary.managementCostCarriedForward, financial.summary.managementCostLimit, financial.summary.managementCostCapPercent,
      ]).toEqual(['5', '8', '50000000', '50000000', '130000000', '8']);
    } finally {
      scratch.close();
    }
  });

  it('a stored policy naming neither percentage reads with the defaults the decider folds: share 5 %, cap 10 %', () => {
    const opened = fundOpened();
    const { managementCostWarnPercent: _share, managementCostCapPercent: _cap, ...rest } = documentedDefaultPolicy();
    const legacyOpened = { ...opened, data: { ...opened.data, policy: rest as Policy } } as LedgerEvent;
    const gift = donationRecorded({ sequence: 1, fiscalYear: 2024, receivedAt: '2024-03-01T10:00:00+07:00', amountVnd: '1000000000' });
    const fund = evolveFund(initialFundState(), legacyOpened as Parameters<typeof evolveFund>[1]);
    if (fund.status !== 'open') throw new Error('fund is not open');
    const inflows = initialInflows();
    evolveInflows(inflows, gift);
    const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    try {
      [legacyOpened, gift].forEach((event, index) => {
        const projected: ProjectedEvent = { position: index + 1, streamId: 'ctd.legacy', revision: index, recordedAt: '2024-12-31T00:00:00Z', actorUserId: 'u', event };
        for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(projected));
      });
      const y2024 = { fromMs: Date.parse('2024-01-01T00:00:00+07:00'), toMs: Date.parse('2024-12-31T23:59:59.999+07:00') };
      const decider = managementCostFiguresAt(initialSpendingState(), inflows, fund, '2024-12-31T23:59:59.999+07:00');
      const financial = buildRegisterReport(scratch.db, { fundId: FUND_ID, report: 'financial', period: y2024 }, 2);
      expect([decider.warnPercent, decider.capPercent, decider.limit]).toEqual(['5', '10', '100000000']);
      expect(managementCostOfPeriod(new RegisterReportFacts(scratch.db, FUND_ID, y2024, 2).managementCost(), y2024)).toEqual(decider);
      // The period's own cap line uses the cap in force too: 10 % of the 1,000,000,000 base.
      expect([financial.summary.managementCostCapPercent, financial.summary.managementCostCap]).toEqual(['10', '100000000']);
    } finally {
      scratch.close();
    }
  });
});
