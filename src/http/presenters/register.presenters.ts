import { wholeDaysLate } from '../../domain/shared/calendar';
import type { Page } from '../../read-side/sql/keyset-page';
import type { DisbursementRow, DonationRow, ReleaseRow } from '../../read-side/register-queries';

/**
 * Register rows as the API shows them. Money (amount_vnd, amount, spent, returned) arrives as a
 * decimal string of whole VND and is shown as it is, never through a JS number.
 */

/** A page with its items presented, the rest (cursor, position, limit) as it is. */
export function presentPage<Row, T>(page: Page<Row>, present: (row: Row) => T): Page<T> {
  return { ...page, items: page.items.map(present) };
}

export function presentDonation(row: DonationRow) {
  return {
    donationId: row.donation_id, receiptNo: row.receipt_no, fundId: row.fund_id, fiscalYear: row.fiscal_year, receivedAt: row.received_at,
    component: row.component, campaignId: row.campaign_id, restrictionId: row.restriction_id,
    restriction: row.restriction_purpose === null ? null : { purpose: row.restriction_purpose, beneficiary: row.restriction_beneficiary },
    channel: row.channel, currency: row.currency, amount: row.amount, fxRate: row.fx_rate, amountVnd: row.amount_vnd, cash: row.cash === 1,
    revenueCategory: row.revenue_category, inManagementCostBase: row.in_management_cost_base === 1,
    donor: {
      name: row.donor_name, kind: row.donor_kind, publicName: row.donor_public_name, taxCode: row.donor_tax_code,
      address: row.donor_address, contact: row.donor_contact,
    },
    publishedName: row.published_name, reference: row.reference,
    inKind: row.in_kind_json === null ? null : (JSON.parse(String(row.in_kind_json)) as unknown), note: row.note,
    reversed: row.reversed === 1,
    reversal: row.reversed === 1 ? { reversalId: row.reversal_id, reversedAt: row.reversed_at, reason: row.reversal_reason } : null,
    position: row.position,
  };
}

export function presentDisbursement(row: DisbursementRow) {
  return {
    disbursementId: row.disbursement_id, fundId: row.fund_id, status: row.status, kind: row.kind, amount: row.amount,
    component: row.component, campaignId: row.campaign_id, restrictionId: row.restriction_id, purpose: row.purpose, beneficiary: row.beneficiary,
    certificationRef: row.certification_ref, note: row.note, approvalsRequired: row.approvals_required, approvalsCount: row.approvals_count,
    fiscalYear: row.fiscal_year, requestedBy: row.requested_by, requestedAt: row.requested_at, approvedAt: row.approved_at,
    rejectedAt: row.rejected_at, rejectionReason: row.rejection_reason, paidAt: row.paid_at, paymentReference: row.payment_reference,
    reversal: row.reversal_id === null ? null : {
      reversalId: row.reversal_id, reversedAt: row.reversed_at, reason: row.reversal_reason, givenBack: String(row.given_back ?? row.amount),
    },
    returned: String(row.returned ?? '0'),
    withheld: String(row.withheld ?? '0'),
    position: row.position,
  };
}

export function presentRelease(row: ReleaseRow, nowMs: number) {
  return {
    releaseId: row.release_id, fundId: row.fund_id, status: row.status, overdue: row.status === 'open' && row.settle_by_ms < nowMs,
    amount: row.amount, component: row.component, campaignId: row.campaign_id, restrictionId: row.restriction_id,
    incident: row.incident, recipient: row.recipient, note: row.note, releasedBy: row.released_by, releasedAt: row.released_at, settleBy: row.settle_by,
    spent: row.spent, returned: row.returned,
    evidence: row.evidence_json === null ? [] : (JSON.parse(String(row.evidence_json)) as unknown), settledAt: row.settled_at,
    // Who settled it and when that was entered (the recording clock), beside its business date.
    settlement: row.status === 'settled'
      ? { settledBy: row.settled_by, recordedAt: row.settlement_recorded_at, position: row.last_settlement_position }
      : null,
    ...releaseLateness(row, nowMs),
    reversal: row.reversal_id === null || row.reversal_id === undefined ? null : { reversalId: row.reversal_id, reversedAt: row.reversed_at, reason: row.reversal_reason },
    position: row.position,
  };
}

/**
 * Late: settled after settleBy (days stored with the settlement, by business date), or open
 * past settleBy at the reference date of the query (days counted to it).
 */
function releaseLateness(row: ReleaseRow, nowMs: number): { late: boolean; daysOverdue: number } {
  if (row.status === 'settled') {
    const days = Number(row.days_overdue ?? 0);
    return { late: days > 0, daysOverdue: days };
  }
  if (row.status !== 'open' || row.settle_by_ms >= nowMs) return { late: false, daysOverdue: 0 };
  return { late: true, daysOverdue: wholeDaysLate(String(row.settle_by), new Date(nowMs).toISOString()) };
}
