import { assertNever } from '../src/domain/shared/decision';
import { campaignOfMovement } from './campaign-of';
import { type EventOf, isOneOf, MOVEMENT_EVENTS } from './event-groups';
import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection, updateRow, upsertRow, vndInteger } from './table-projection';

export const MOVEMENTS_TABLE = 'register_movements';

/**
 * What a movement row records: a transfer to another fund (R16), money a fund of a ledger elsewhere
 * sent, booked from its signed note (`note`, kept under the receiver), a restriction released (R5), a
 * campaign's surplus reallocated (R19), foreign currency sold (R17), late money assigned (R14), or
 * money received as general money assigned to one of the receiver's campaigns (`assignment`; its
 * reversal is a row of the same kind moving the money back).
 */
export const MOVEMENT_KINDS = ['transfer', 'note', 'release', 'surplus', 'suspense', 'fx', 'assignment'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

const update = (fundId: string, movementId: string, values: RowChange['values']): RowChange =>
  updateRow(MOVEMENTS_TABLE, { fund_id: fundId, movement_id: movementId }, values);

/** Every column, null unless the movement sets it: an upsert names them all, so a row is whole from its first event. */
const EMPTY_ROW: RowChange['values'] = {
  to_fund_id: null, from_fund_id: null, from_label: null, external: 0, to_component: null, to_campaign_id: null, to_restriction_id: null, restriction_purpose: null, purpose: null,
  reference: null, requested_at: null, requested_at_ms: null, sent_at: null, sent_at_ms: null, sent_position: null,
  closed_status: null, closed_at: null, closed_at_ms: null, closed_position: null, reversal_id: null, moved_at: null, moved_at_ms: null, moved_position: null,
  currency: null, original_amount: null, provisional_vnd: null, settled_vnd: null, items_json: null,
};

/** The goods a move between pools carried, as JSON; null for none. */
const itemsJson = (items: readonly { description: string; quantity: string; unit: string }[] | undefined) =>
  items === undefined || items.length === 0 ? null : JSON.stringify(items.map(({ description, quantity, unit }) => ({ description, quantity, unit })));

function insert(fundId: string, movementId: string, kind: MovementKind, position: number, values: RowChange['values']): RowChange {
  return upsertRow(MOVEMENTS_TABLE, { fund_id: fundId, movement_id: movementId }, { ...EMPTY_ROW, kind, position, ...values });
}

type TransferMovementEvent = EventOf<
  'TransferRequested' | 'TransferApproved' | 'TransferRejected' | 'TransferReceived' | 'TransferReturned'
  | 'TransferNoteImported' | 'TransferDelivered' | 'TransferReversed'>;

/** A transfer's row: inserted when requested (or booked from a note), then each step it takes. */
function transferChanges(event: TransferMovementEvent, position: number): RowChange[] {
  switch (event.type) {
    case 'TransferRequested': {
      const d = event.data;
      const sent: RowChange['values'] = d.approvalsRequired === 0
        ? { sent_at: d.requestedAt, sent_at_ms: epochMs(d.requestedAt), sent_position: position } : {};
      return [insert(d.fundId, d.transferId, 'transfer', position, {
        amount: vndInteger(d.amount), component: d.component, campaign_id: campaignOfMovement(d.campaignId, d.restrictionId), restriction_id: d.restrictionId,
        to_fund_id: d.toFundId, external: d.external ? 1 : 0, restriction_purpose: d.restrictionPurpose, purpose: d.purpose,
        requested_at: d.requestedAt, requested_at_ms: epochMs(d.requestedAt), ...sent,
      })];
    }
    case 'TransferApproved': {
      const d = event.data;
      if (!d.fullyApproved) return [];
      return [update(d.fundId, d.transferId, { sent_at: d.approvedAt, sent_at_ms: epochMs(d.approvedAt), sent_position: position })];
    }
    case 'TransferRejected': {
      const d = event.data;
      return [update(d.fundId, d.transferId, { closed_status: 'rejected', closed_at: d.rejectedAt, closed_at_ms: epochMs(d.rejectedAt), closed_position: position })];
    }
    case 'TransferReceived': {
      const d = event.data;
      return [update(d.fundId, d.transferId, {
        closed_status: 'received', closed_at: d.receivedAt, closed_at_ms: epochMs(d.receivedAt), closed_position: position,
        to_component: d.component, to_restriction_id: d.receivedRestrictionId, to_campaign_id: d.receivedCampaignId,
      })];
    }
    case 'TransferReturned': {
      const d = event.data;
      return [update(d.fundId, d.transferId, { closed_status: 'returned', closed_at: d.returnedAt, closed_at_ms: epochMs(d.returnedAt), closed_position: position })];
    }
    case 'TransferNoteImported': {
      // Sent on the note's business date at the other installation, received here on import.
      const d = event.data;
      return [insert(d.fundId, `note:${d.fromLedger}:${d.transferId}`, 'note', position, {
        amount: vndInteger(d.amount), component: d.note.component, campaign_id: campaignOfMovement(d.note.campaignId, d.note.restrictionId),
        restriction_id: d.note.restrictionId, to_fund_id: d.fundId, from_fund_id: d.fromFundId, from_label: d.fromChapter, external: 1,
        to_component: d.component, to_campaign_id: campaignOfMovement(null, d.receivedRestrictionId), to_restriction_id: d.receivedRestrictionId,
        restriction_purpose: d.restrictionPurpose, purpose: d.purpose, reference: d.transferId,
        requested_at: d.note.businessDate, requested_at_ms: epochMs(d.note.businessDate),
        sent_at: d.note.businessDate, sent_at_ms: epochMs(d.note.businessDate), sent_position: position,
        closed_status: 'received', closed_at: d.importedAt, closed_at_ms: epochMs(d.importedAt), closed_position: position,
      })];
    }
    case 'TransferDelivered': {
      // A ledger elsewhere booked it (its signed receipt): arrived there, on the day it booked it.
      const d = event.data;
      return [update(d.fundId, d.transferId, { closed_status: 'received', closed_at: d.receivedAt, closed_at_ms: epochMs(d.receivedAt), closed_position: position })];
    }
    case 'TransferReversed': {
      // A correction takes the transfer back: a requested one as if rejected, one in transit as if returned.
      const d = event.data;
      return [update(d.fundId, d.transferId, {
        closed_status: d.statusBefore === 'in_transit' ? 'returned' : 'rejected', closed_at: d.reversedAt, closed_at_ms: epochMs(d.reversedAt), closed_position: position,
        reversal_id: d.reversalId,
      })];
    }
    default:
      return assertNever(event, 'transfer event');
  }
}

/** Money received as general money assigned to a campaign: under the receiver, which decided it, a move between its pools naming the transfer and its sender. */
function assignmentRow(d: EventOf<'TransferAssignedToCampaign'>['data'], position: number): RowChange {
  return insert(d.fundId, d.assignmentId, 'assignment', position, {
    amount: vndInteger(d.amount), component: d.component, campaign_id: null, restriction_id: d.restrictionId, from_fund_id: d.fromFundId,
    to_component: d.toComponent, to_campaign_id: d.toCampaignId, to_restriction_id: d.toRestrictionId,
    purpose: d.transferId, reference: d.reason, requested_at: d.assignedAt, requested_at_ms: epochMs(d.assignedAt),
    moved_at: d.assignedAt, moved_at_ms: epochMs(d.assignedAt), moved_position: position,
  });
}

/**
 * An assignment reversed: the money moves back, out of the campaign's pool into the one the receipt
 * put it in, on the reversal's date: a move of its own (`movement_id` the reversal's id, kind
 * `assignment`), so every report counts it in its period as it counts the assignment in its own; the
 * assignment's row names the reversal that closed it.
 */
function assignmentReversalRows(d: EventOf<'TransferAssignmentReversed'>['data'], position: number): RowChange[] {
  return [
    update(d.fundId, d.assignmentId, { closed_status: 'reversed', closed_at: d.reversedAt, closed_at_ms: epochMs(d.reversedAt), closed_position: position, reversal_id: d.reversalId }),
    insert(d.fundId, d.reversalId, 'assignment', position, {
      amount: vndInteger(d.amount), component: d.toComponent, campaign_id: d.toCampaignId, restriction_id: d.toRestrictionId, from_fund_id: d.fromFundId,
      to_component: d.component, to_campaign_id: null, to_restriction_id: d.restrictionId,
      purpose: d.transferId, reference: d.reason, requested_at: d.reversedAt, requested_at_ms: epochMs(d.reversedAt),
      moved_at: d.reversedAt, moved_at_ms: epochMs(d.reversedAt), moved_position: position, reversal_id: d.reversalId,
    }),
  ];
}

/**
 * Late money (R14) assigned on and then given back to its donor: it moves back from the pool it
 * was assigned to into its suspense pool on the reversal's date (a move of its own, kind
 * `suspense`, `movement_id` the reversal's id, `reversal_id` naming it), and the gift is given
 * back from there: every report counts the move in its period as it counts the assignment.
 */
function lateMoneyBackRow(d: EventOf<'DonationReversed'>['data'], lateMoney: { component: string; restrictionId: string }, position: number): RowChange {
  return insert(d.fundId, d.reversalId, 'suspense', position, {
    amount: vndInteger(d.amountVnd), component: d.component, campaign_id: campaignOfMovement(d.campaignId, d.restrictionId), restriction_id: d.restrictionId,
    to_component: lateMoney.component, to_campaign_id: null, to_restriction_id: lateMoney.restrictionId,
    purpose: d.donationId, reference: d.reason, requested_at: d.reversedAt, requested_at_ms: epochMs(d.reversedAt),
    moved_at: d.reversedAt, moved_at_ms: epochMs(d.reversedAt), moved_position: position, reversal_id: d.reversalId,
  });
}

/** Reads the movement events only. */
function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  const position = projected.position;
  if (event.type === 'DonationReversed') {
    const d = event.data;
    // A gift in foreign currency reversed after it was sold takes its FX difference back (R17).
    const fx = d.fxSettlement ? [update(d.fundId, d.fxSettlement.settlementId, {
      closed_status: 'reversed', closed_at: d.reversedAt, closed_at_ms: epochMs(d.reversedAt), closed_position: position, reversal_id: d.reversalId,
    })] : [];
    return d.lateMoney ? [...fx, lateMoneyBackRow(d, d.lateMoney, position)] : fx;
  }
  if (!isOneOf(event, MOVEMENT_EVENTS)) return [];
  switch (event.type) {
    case 'TransferRequested': case 'TransferApproved': case 'TransferRejected': case 'TransferReceived': case 'TransferReturned':
    case 'TransferNoteImported': case 'TransferDelivered': case 'TransferReversed':
      return transferChanges(event, position);
    case 'RestrictionReleaseRequested': {
      const d = event.data;
      return [insert(d.fundId, d.releaseRequestId, 'release', position, {
        amount: vndInteger(d.amount), component: d.component, campaign_id: campaignOfMovement(d.campaignId, d.restrictionId), restriction_id: d.restrictionId,
        to_component: d.newComponent, purpose: d.newPurpose, reference: d.consentRef, requested_at: d.requestedAt, requested_at_ms: epochMs(d.requestedAt),
        items_json: itemsJson(d.items),
      })];
    }
    case 'RestrictionReleased': {
      const d = event.data;
      return [update(d.fundId, d.releaseRequestId, { moved_at: d.releasedAt, moved_at_ms: epochMs(d.releasedAt), moved_position: position })];
    }
    case 'SurplusReallocated': {
      const d = event.data;
      return [insert(d.fundId, d.reallocationId, 'surplus', position, {
        amount: vndInteger(d.amount), component: d.component, campaign_id: d.campaignId, restriction_id: d.restrictionId,
        to_component: d.toComponent, to_campaign_id: campaignOfMovement(d.toCampaignId, d.toRestrictionId), to_restriction_id: d.toRestrictionId,
        purpose: d.basis, reference: d.decisionRef, requested_at: d.reallocatedAt, requested_at_ms: epochMs(d.reallocatedAt),
        moved_at: d.reallocatedAt, moved_at_ms: epochMs(d.reallocatedAt), moved_position: position, items_json: itemsJson(d.items),
      })];
    }
    case 'FxSettled': {
      const d = event.data;
      return [insert(d.fundId, d.settlementId, 'fx', position, {
        amount: vndInteger(d.settledVnd), component: d.component, campaign_id: campaignOfMovement(d.campaignId, d.restrictionId), restriction_id: d.restrictionId,
        purpose: d.donationId, reference: d.reference, requested_at: d.settledAt, requested_at_ms: epochMs(d.settledAt),
        moved_at: d.settledAt, moved_at_ms: epochMs(d.settledAt), moved_position: position,
        currency: d.currency, original_amount: d.originalAmount, provisional_vnd: vndInteger(d.provisionalVnd), settled_vnd: vndInteger(d.settledVnd),
      })];
    }
    case 'SuspenseAssigned': {
      // Late money (R14) leaves the campaign's suspense pool for where the decision put it: a move between pools.
      const d = event.data;
      return [insert(d.fundId, d.assignmentId, 'suspense', position, {
        amount: vndInteger(d.amount), component: d.component, campaign_id: null, restriction_id: d.restrictionId,
        to_component: d.toComponent, to_campaign_id: campaignOfMovement(d.toCampaignId, d.toRestrictionId), to_restriction_id: d.toRestrictionId,
        purpose: d.donationId, reference: d.decisionRef, requested_at: d.assignedAt, requested_at_ms: epochMs(d.assignedAt),
        moved_at: d.assignedAt, moved_at_ms: epochMs(d.assignedAt), moved_position: position,
      })];
    }
    case 'TransferAssignedToCampaign': return [assignmentRow(event.data, position)];
    case 'TransferAssignmentReversed': return assignmentReversalRows(event.data, position);
    case 'RestrictionReleaseApproved':
      return [];
    default:
      return assertNever(event, 'movement event');
  }
}

/**
 * Money that moves without being a donation or a payment: transfers between the network's funds,
 * restrictions released, surpluses reallocated and foreign currency sold. One row per movement,
 * kept under the fund whose spending stream decided it (a transfer's sender; the receiver finds it
 * by `to_fund_id`), with the log position and business date of each step, so a report can tell
 * where it stood at an earlier position and date.
 */
export const MovementRegisterProjection: TableProjection = {
  name: 'movement-register',
  // v2: the reversal that closed a transfer (reversal_id), so reports tell the sender's correction from the receiver's return.
  // v3: an FX settlement's row is closed (closed_status 'reversed', its date, position and
  // reversal_id) by the reversal of its donation, which takes the FX difference back.
  // v4: the goods a release or a surplus moved (items_json), so a campaign's in-kind figures count them.
  // v5: a received transfer's to_campaign_id is the receiver's campaign it was taken in for, never
  // the sender's (an old receipt's only when its money entered the receiver's pool `campaign:<id>`).
  // v6: late money assigned on and given back moves back to its suspense pool first (a row of its own).
  version: 6,
  tables: [{
    name: MOVEMENTS_TABLE,
    columns: {
      fund_id: 'TEXT NOT NULL', movement_id: 'TEXT NOT NULL', kind: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', amount: 'INTEGER NOT NULL',
      component: 'TEXT NOT NULL', campaign_id: 'TEXT', restriction_id: 'TEXT',
      to_fund_id: 'TEXT', from_fund_id: 'TEXT', from_label: 'TEXT', external: 'INTEGER NOT NULL', to_component: 'TEXT', to_campaign_id: 'TEXT', to_restriction_id: 'TEXT',
      restriction_purpose: 'TEXT', purpose: 'TEXT', reference: 'TEXT',
      requested_at: 'TEXT', requested_at_ms: 'INTEGER', sent_at: 'TEXT', sent_at_ms: 'INTEGER', sent_position: 'INTEGER',
      closed_status: 'TEXT', closed_at: 'TEXT', closed_at_ms: 'INTEGER', closed_position: 'INTEGER', reversal_id: 'TEXT',
      moved_at: 'TEXT', moved_at_ms: 'INTEGER', moved_position: 'INTEGER',
      currency: 'TEXT', original_amount: 'TEXT', provisional_vnd: 'INTEGER', settled_vnd: 'INTEGER', items_json: 'TEXT',
    },
    primaryKey: ['fund_id', 'movement_id'],
    indexes: [
      { name: 'register_movements_by_kind', columns: ['fund_id', 'kind', 'position'] },
      { name: 'register_movements_by_receiver', columns: ['to_fund_id', 'kind', 'position'] },
    ],
  }],
  apply: applyEvent,
};
