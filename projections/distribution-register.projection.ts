import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection } from './table-projection';

/** Each item a distribution list promises, line by line (R12, R18). */
export const DISTRIBUTION_ITEMS_TABLE = 'register_distribution_items';
/** Each beneficiary's hand-over of a distribution, as it last stood (a share once received stays received). */
export const HANDOVERS_TABLE = 'register_handovers';

function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (event.type === 'DisbursementRequested') {
    const d = event.data;
    return (d.distribution ?? []).flatMap((line) => (line.items ?? []).map((item, itemNo): RowChange => ({
      table: DISTRIBUTION_ITEMS_TABLE,
      op: 'upsert',
      key: { disbursement_id: d.disbursementId, beneficiary_id: line.beneficiaryId, item_no: itemNo },
      values: { fund_id: d.fundId, position: projected.position, description: item.description, unit: item.unit, quantity: item.quantity },
    })));
  }
  if (event.type === 'HandoverRecorded') {
    const d = event.data;
    return [{
      table: HANDOVERS_TABLE,
      op: 'upsert',
      key: { disbursement_id: d.disbursementId, beneficiary_id: d.beneficiaryId },
      values: {
        fund_id: d.fundId, status: d.status, handed_over_at: d.handedOverAt, handed_over_at_ms: epochMs(d.handedOverAt), position: projected.position,
        evidence_ref: d.evidenceRef,
      },
    }];
  }
  // Every other event leaves distributions and hand-overs as they are.
  return [];
}

/**
 * What distributions handed out in kind: the items each line of a request promised, and each
 * hand-over with its business date and log position, so a report reads what was handed out by a
 * date as the registers stood at a position (the disclosure's in-kind gifts used).
 */
export const DistributionRegisterProjection: TableProjection = {
  name: 'distribution-register',
  version: 1,
  tables: [
    {
      name: DISTRIBUTION_ITEMS_TABLE,
      columns: {
        disbursement_id: 'TEXT NOT NULL', beneficiary_id: 'TEXT NOT NULL', item_no: 'INTEGER NOT NULL', fund_id: 'TEXT NOT NULL',
        position: 'INTEGER NOT NULL', description: 'TEXT NOT NULL', unit: 'TEXT NOT NULL', quantity: 'TEXT NOT NULL',
      },
      primaryKey: ['disbursement_id', 'beneficiary_id', 'item_no'],
      indexes: [{ name: 'register_distribution_items_by_fund', columns: ['fund_id', 'position'] }],
    },
    {
      name: HANDOVERS_TABLE,
      columns: {
        disbursement_id: 'TEXT NOT NULL', beneficiary_id: 'TEXT NOT NULL', fund_id: 'TEXT NOT NULL', status: 'TEXT NOT NULL',
        handed_over_at: 'TEXT NOT NULL', handed_over_at_ms: 'INTEGER NOT NULL', position: 'INTEGER NOT NULL', evidence_ref: 'TEXT',
      },
      primaryKey: ['disbursement_id', 'beneficiary_id'],
      indexes: [{ name: 'register_handovers_by_date', columns: ['fund_id', 'status', 'handed_over_at_ms'] }],
    },
  ],
  apply: applyEvent,
};
