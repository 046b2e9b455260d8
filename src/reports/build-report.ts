import type Database from 'better-sqlite3';
import { campaignsReport, designationsReport, disclosureReport, donorsReport, financialReport } from './report-builders';
import { RegisterReportFacts, type ReportFactsSource } from './report-facts';
import type { ReportBody, ReportDocument, ReportName, ReportParts, ReportPeriod } from './report-model';
import { toDocument } from './report-output';

/** Reads only the facts a report needs from `source`, then builds it with the pure builder. */
export function reportParts(source: ReportFactsSource, report: ReportName, period: ReportPeriod): ReportParts {
  switch (report) {
    case 'designations':
      return designationsReport({
        donationTotals: source.donationTotals(), restrictedPools: source.restrictedPools(), spending: source.spending(), campaigns: source.campaigns(),
      }, period);
    case 'campaigns':
      return campaignsReport({ donationTotals: source.donationTotals(), spending: source.spending(), campaigns: source.campaigns() }, period);
    case 'donors':
      return donorsReport({ donorGroups: source.donorGroups() });
    case 'disclosure':
      return disclosureReport({
        donationTotals: source.donationTotals(), restrictedPools: source.restrictedPools(), spending: source.spending(), campaigns: source.campaigns(),
        disclosedDonations: source.disclosedDonations(),
      }, period);
    case 'financial':
      return financialReport({
        donationTotals: source.donationTotals(), spending: source.spending(), policy: source.policy(), managementCost: source.managementCost(),
      }, period);
  }
}

export interface ReportRequest {
  fundId: string;
  report: ReportName;
  period: ReportPeriod;
}

/**
 * A report of the registers in `db` as the log stood at `position`: the caller has aligned the
 * registers at or past it (see alignRegisters), and what they hold from later positions is left
 * out. Synchronous from the first read to the last, so no commit of a table projection can land
 * in between: every figure reflects exactly that log position, and the period's end by business date.
 */
export function buildRegisterReport(db: Database.Database, request: ReportRequest, position: number): ReportDocument {
  const parts = reportParts(new RegisterReportFacts(db, request.fundId, request.period, position), request.report, request.period);
  const body: ReportBody = {
    report: request.report, fundId: request.fundId, currency: 'VND', from: request.period.fromMs, to: request.period.toMs, position, ...parts,
  };
  return toDocument(body);
}
