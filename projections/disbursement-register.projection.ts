import { assertNever } from '../src/domain/shared/decision';
import { campaignOfMovement } from './campaign-of';
import { DISBURSEMENT_EVENTS, isOneOf } from './event-groups';
import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection, updateRow, upsertRow, vndInteger } from './table-projection';

export const DISBURSEMENTS_TABLE = 'register_disbursements';
/** The money of each closed cash share given back to the fund, one row per share: the payment counts net of it from its date. */
export const SHARE_RETURNS_TABLE = 'register_share_returns';

/** Where a disbursement stands; `reversed` is a payment that a later entry reversed. */
export const DISBURSEMENT_STATUSES = ['requested', 'approved', 'rejected', 'paid', 'reversed'] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];

const update = (fundId: string, disbursementId: string, values: RowChange['values']): RowChange =>
  updateRow(DISBURSEMENTS_TABLE, { fund_id: fundId, disbursement_id: disbursementId }, values);

/** Reads the disbursement events only. */
function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (!isOneOf(event, DISBURSEMENT_EVENTS)) return [];
  switch (event.type) {
    case 'DisbursementRequested': {
      const d = event.data;
      return [upsertRow(DISBURSEMENTS_TABLE, { fund_id: d.fundId, disbursement_id: d.disbursementId }, {
        position: projected.position, amount: vndInteger(d.amount), kind: d.kind, component: d.component,
        campaign_id: campaignOfMovement(d.campaignId, d.restrictionId), restriction_id: d.restrictionId, purpose: d.purpose, beneficiary: d.beneficiary,
        certification_ref: d.certificationRef, note: d.note, approvals_required: d.approvalsRequired, approvals_count: 0,
        fiscal_year: d.fiscalYear, status: 'requested', requested_by: d.requestedBy, requested_at: d.requestedAt,
        requested_at_ms: epochMs(d.requestedAt), approved_at: null, approved_at_ms: null, approved_position: null,
        rejected_at: null, rejected_at_ms: null, rejected_position: null, rejection_reason: null,
        paid_at: null, paid_at_ms: null, paid_position: null, payment_reference: null, withheld: 0n, given_back: null,
        reversal_id: null, reversed_at: null, reversed_at_ms: null, reversed_position: null, reversal_reason: null,
      })];
    }
    case 'DisbursementApproved': {
      const d = event.data;
      const values: RowChange['values'] = { approvals_count: d.approvalsCount };
      if (d.fullyApproved) Object.assign(values, { status: 'approved', approved_at: d.approvedAt, approved_at_ms: epochMs(d.approvedAt), approved_position: projected.position });
      return [update(d.fundId, d.disbursementId, values)];
    }
    case 'DisbursementRejected':
      return [update(event.data.fundId, event.data.disbursementId, {
        status: 'rejected', rejected_at: event.data.rejectedAt, rejected_at_ms: epochMs(event.data.rejectedAt), rejected_position: projected.position,
        rejection_reason: event.data.reason,
      })];
    case 'DisbursementPaid': {
      const d = event.data;
      const values: RowChange['values'] = {
        status: 'paid', paid_at: d.paidAt, paid_at_ms: epochMs(d.paidAt), paid_position: projected.position, payment_reference: d.reference,
        withheld: (d.withheld ?? []).reduce((total, share) => total + vndInteger(share.amount), 0n),
      };
      if (d.certificationRef !== null) values.certification_ref = d.certificationRef;
      return [update(d.fundId, d.disbursementId, values)];
    }
    case 'PaymentReversed': {
      const d = event.data;
      return [update(d.fundId, d.disbursementId, {
        status: 'reversed', reversal_id: d.reversalId, reversed_at: d.reversedAt, reversed_at_ms: epochMs(d.reversedAt), reversed_position: projected.position,
        reversal_reason: d.reason, given_back: vndInteger(d.givenBack ?? d.amount),
      })];
    }
    case 'ShareMoneyReturned': {
      const d = event.data;
      return [upsertRow(SHARE_RETURNS_TABLE, { fund_id: d.fundId, disbursement_id: d.disbursementId, beneficiary_id: d.beneficiaryId }, {
        position: projected.position, amount: vndInteger(d.amount), returned_at: d.returnedAt, returned_at_ms: epochMs(d.returnedAt),
        evidence_ref: d.evidenceRef, recorded_by: d.recordedBy,
      })];
    }
    default:
      return assertNever(event, 'disbursement event');
  }
}

/**
 * Every disbursement request and where it stands, with the log position and business date of
 * each transition, so a report can tell where it stood at an earlier position and date.
 */
export const DisbursementRegisterProjection: TableProjection = {
  name: 'disbursement-register',
  // v2: the position (and business date) of each transition; the campaign of a request that named
  // only a campaign's pool. v3: keyed by (fund_id, disbursement_id): every fund numbers its
  // disbursements from DB-000001, so an id alone let one fund's request overwrite another's.
  // v4: the money of closed cash shares given back (register_share_returns). v5: the cash shares
  // closed before the payment, which it left out (withheld), and what a reversal gave back (given_back).
  version: 5,
  tables: [{
    name: DISBURSEMENTS_TABLE,
    columns: {
      disbursement_id: 'TEXT NOT NULL', fund_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', amount: 'INTEGER NOT NULL', kind: 'TEXT NOT NULL',
      component: 'TEXT NOT NULL', campaign_id: 'TEXT', restriction_id: 'TEXT', purpose: 'TEXT NOT NULL', beneficiary: 'TEXT NOT NULL',
      certification_ref: 'TEXT', note: 'TEXT', approvals_required: 'INTEGER NOT NULL', approvals_count: 'INTEGER NOT NULL',
      fiscal_year: 'INTEGER NOT NULL', status: 'TEXT NOT NULL', requested_by: 'TEXT NOT NULL', requested_at: 'TEXT NOT NULL',
      requested_at_ms: 'INTEGER NOT NULL', approved_at: 'TEXT', approved_at_ms: 'INTEGER', approved_position: 'INTEGER',
      rejected_at: 'TEXT', rejected_at_ms: 'INTEGER', rejected_position: 'INTEGER', rejection_reason: 'TEXT',
      paid_at: 'TEXT', paid_at_ms: 'INTEGER', paid_position: 'INTEGER', payment_reference: 'TEXT', withheld: 'INTEGER NOT NULL', given_back: 'INTEGER',
      reversal_id: 'TEXT', reversed_at: 'TEXT', reversed_at_ms: 'INTEGER', reversed_position: 'INTEGER', reversal_reason: 'TEXT',
    },
    primaryKey: ['fund_id', 'disbursement_id'],
    indexes: [
      { name: 'register_disbursements_by_date', columns: ['fund_id', 'requested_at_ms', 'position'] },
      { name: 'register_disbursements_by_status', columns: ['fund_id', 'status', 'requested_at_ms', 'position'] },
      { name: 'register_disbursements_by_campaign', columns: ['fund_id', 'campaign_id', 'requested_at_ms', 'position'] },
      { name: 'register_disbursements_by_payment', columns: ['fund_id', 'paid_at_ms'] },
    ],
  }, {
    name: SHARE_RETURNS_TABLE,
    columns: {
      fund_id: 'TEXT NOT NULL', disbursement_id: 'TEXT NOT NULL', beneficiary_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', amount: 'INTEGER NOT NULL',
      returned_at: 'TEXT NOT NULL', returned_at_ms: 'INTEGER NOT NULL', evidence_ref: 'TEXT NOT NULL', recorded_by: 'TEXT NOT NULL',
    },
    primaryKey: ['fund_id', 'disbursement_id', 'beneficiary_id'],
    indexes: [],
  }],
  apply: applyEvent,
};
