import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection } from './table-projection';

/** Each item a distribution list promises, line by line (R12, R18). */
export const DISTRIBUTION_ITEMS_TABLE = 'register_distribution_items';
/** Each line of a distribution list: the beneficiary it names, with cash, goods or both. */
export const DISTRIBUTION_LINES_TABLE = 'register_distribution_lines';
/**
 * Each beneficiary's hand-over of a distribution as it stood after each event that changed it,
 * one row an event (keyed by its log position): received, absent, refused, or `corrected` for a
 * share whose only hand-over was set aside; `closed` 1 for an absent or refused share closed as not
 * delivered (on the hand-over's date). A share at a log position is its latest row at or before
 * it: a correction never rewrites what a report at an earlier position read.
 */
export const HANDOVERS_TABLE = 'register_handovers';

function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (event.type === 'DisbursementRequested') {
    const d = event.data;
    return (d.distribution ?? []).flatMap((line): RowChange[] => [{
      table: DISTRIBUTION_LINES_TABLE,
      op: 'upsert',
      key: { fund_id: d.fundId, disbursement_id: d.disbursementId, beneficiary_id: line.beneficiaryId },
      values: { position: projected.position },
    }, ...(line.items ?? []).map((item, itemNo): RowChange => ({
      table: DISTRIBUTION_ITEMS_TABLE,
      op: 'upsert',
      key: { fund_id: d.fundId, disbursement_id: d.disbursementId, beneficiary_id: line.beneficiaryId, item_no: itemNo },
      values: { position: projected.position, description: item.description, unit: item.unit, quantity: item.quantity },
    }))]);
  }
  if (event.type === 'HandoverRecorded') {
    const d = event.data;
    return [{
      table: HANDOVERS_TABLE,
      op: 'upsert',
      key: { fund_id: d.fundId, disbursement_id: d.disbursementId, beneficiary_id: d.beneficiaryId, position: projected.position },
      values: {
        status: d.status, handed_over_at: d.handedOverAt, handed_over_at_ms: epochMs(d.handedOverAt),
        evidence_ref: d.evidenceRef, closed: d.closed === true ? 1 : 0,
      },
    }];
  }
  // A corrected hand-over: the share is again as it stood before it, or `corrected` when it had
  // none before (the row keeps the date of the hand-over set aside; nothing reads it as handed out).
  if (event.type === 'HandoverCorrected') {
    const d = event.data;
    const shown = d.restored ?? { status: 'corrected', handedOverAt: d.corrected.handedOverAt, evidenceRef: null };
    return [{
      table: HANDOVERS_TABLE,
      op: 'upsert',
      key: { fund_id: d.fundId, disbursement_id: d.disbursementId, beneficiary_id: d.beneficiaryId, position: projected.position },
      values: {
        status: shown.status, handed_over_at: shown.handedOverAt, handed_over_at_ms: epochMs(shown.handedOverAt),
        evidence_ref: shown.evidenceRef, closed: 'closed' in shown && shown.closed === true ? 1 : 0,
      },
    }];
  }
  // Every other event leaves distributions and hand-overs as they are.
  return [];
}

/**
 * What distributions handed out: the beneficiaries each request's list names and the items each
 * line promised, and each hand-over with its business date and log position, so a report reads
 * what was handed out by a date as the registers stood at a position (the disclosure's in-kind
 * gifts used, the people a campaign reached).
 */
export const DistributionRegisterProjection: TableProjection = {
  name: 'distribution-register',
  // v2: keyed by fund too: every fund numbers its disbursements from DB-000001. v3: every line of
  // a list (register_distribution_lines), cash lines too, and whether a share was closed as not delivered.
  // v4: a hand-over's every state, one row an event, so a report at an earlier position reads it as it was.
  version: 4,
  tables: [
    {
      name: DISTRIBUTION_LINES_TABLE,
      columns: { fund_id: 'TEXT NOT NULL', disbursement_id: 'TEXT NOT NULL', beneficiary_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL' },
      primaryKey: ['fund_id', 'disbursement_id', 'beneficiary_id'],
      indexes: [],
    },
    {
      name: DISTRIBUTION_ITEMS_TABLE,
      columns: {
        disbursement_id: 'TEXT NOT NULL', beneficiary_id: 'TEXT NOT NULL', item_no: 'INTEGER NOT NULL', fund_id: 'TEXT NOT NULL',
        position: 'INTEGER NOT NULL', description: 'TEXT NOT NULL', unit: 'TEXT NOT NULL', quantity: 'TEXT NOT NULL',
      },
      primaryKey: ['fund_id', 'disbursement_id', 'beneficiary_id', 'item_no'],
      indexes: [{ name: 'register_distribution_items_by_fund', columns: ['fund_id', 'position'] }],
    },
    {
      name: HANDOVERS_TABLE,
      columns: {
        disbursement_id: 'TEXT NOT NULL', beneficiary_id: 'TEXT NOT NULL', fund_id: 'TEXT NOT NULL', status: 'TEXT NOT NULL',
        handed_over_at: 'TEXT NOT NULL', handed_over_at_ms: 'INTEGER NOT NULL', position: 'INTEGER NOT NULL', evidence_ref: 'TEXT',
        closed: 'INTEGER NOT NULL',
      },
      primaryKey: ['fund_id', 'disbursement_id', 'beneficiary_id', 'position'],
      indexes: [{ name: 'register_handovers_by_date', columns: ['fund_id', 'status', 'handed_over_at_ms'] }],
    },
  ],
  apply: applyEvent,
};
