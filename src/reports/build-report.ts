import { campaignsReport, designationsReport, disclosureReport, donorsReport, financialReport } from './report-builders';
import { networkReport } from './network-report';
import type { ReportFactsSource } from './report-facts';
import type { ReportName, ReportParts, ReportPeriod } from './report-model';

/** Reads only the facts a report needs from `source`, then builds it with the pure builder. */
export function reportParts(source: ReportFactsSource, report: ReportName, period: ReportPeriod): ReportParts {
  switch (report) {
    case 'designations':
      return designationsReport({
        donationTotals: source.donationTotals(), restrictedPools: source.restrictedPools(), spending: source.spending(), campaigns: source.campaigns(),
        movements: source.movements(),
      }, period);
    case 'campaigns':
      return campaignsReport({
        donationTotals: source.donationTotals(), spending: source.spending(), campaigns: source.campaigns(), movements: source.movements(), inKindUse: source.inKindUse?.(),
        distributionShares: source.distributionShares?.(),
      }, period);
    case 'donors':
      return donorsReport({ donorGroups: source.donorGroups() });
    case 'disclosure':
      return disclosureReport({
        donationTotals: source.donationTotals(), restrictedPools: source.restrictedPools(), spending: source.spending(), campaigns: source.campaigns(),
        disclosedDonations: source.disclosedDonations(), inKindUse: source.inKindUse?.(), movements: source.movements(),
      }, period);
    case 'financial':
      return financialReport({
        donationTotals: source.donationTotals(), spending: source.spending(), policy: source.policy(), managementCost: source.managementCost(),
        statementMoney: source.statementMoney(), movements: source.movements(),
      }, period);
    case 'network':
      return networkReport({ movements: source.movements() }, period);
  }
}
