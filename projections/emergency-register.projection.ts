import { assertNever } from '../src/domain/shared/decision';
import { campaignOfMovement } from './campaign-of';
import { EMERGENCY_EVENTS, isOneOf } from './event-groups';
import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection, updateRow, upsertRow, vndInteger } from './table-projection';

export const EMERGENCY_RELEASES_TABLE = 'register_emergency_releases';
/**
 * Every settlement of a release and every reversal of one, a row each at its log position: a
 * release settled, reversed and settled again keeps its first settlement and the reversal, each
 * on its own date, for reports of the periods they fall in (the release's row keeps the last).
 */
export const EMERGENCY_SETTLEMENTS_TABLE = 'register_emergency_settlements';

const settlementRow = (projected: ProjectedEvent, fundId: string, releaseId: string, kind: 'settled' | 'reversed', spent: string, at: string): RowChange =>
  upsertRow(EMERGENCY_SETTLEMENTS_TABLE, { fund_id: fundId, release_id: releaseId, position: projected.position }, {
    kind, spent: vndInteger(spent), at, at_ms: epochMs(at),
  });

const releaseKey = (fundId: string, releaseId: string): RowChange['key'] => ({ fund_id: fundId, release_id: releaseId });

/** Reads the emergency release events only. */
function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (!isOneOf(event, EMERGENCY_EVENTS)) return [];
  switch (event.type) {
    case 'EmergencyReleased': {
      const d = event.data;
      return [upsertRow(EMERGENCY_RELEASES_TABLE, releaseKey(d.fundId, d.releaseId), {
        position: projected.position, amount: vndInteger(d.amount), component: d.component, campaign_id: campaignOfMovement(d.campaignId, d.restrictionId),
        restriction_id: d.restrictionId, incident: d.incident, recipient: d.recipient, note: d.note, released_by: d.releasedBy,
        released_at: d.releasedAt, released_at_ms: epochMs(d.releasedAt), settle_by: d.settleBy, settle_by_ms: epochMs(d.settleBy),
        status: 'open', spent: null, returned: null, evidence_json: null, settled_by: null, settled_at: null, settled_at_ms: null,
        days_overdue: null, reversal_id: null, reversed_at: null, reversal_reason: null,
        last_settlement_spent: null, last_settlement_at: null, last_settlement_at_ms: null, last_settlement_position: null, reversed_at_ms: null, reversed_position: null,
        settlement_recorded_at: null,
      })];
    }
    case 'EmergencyReleaseSettled': {
      const d = event.data;
      return [updateRow(EMERGENCY_RELEASES_TABLE, releaseKey(d.fundId, d.releaseId), {
        status: 'settled', spent: vndInteger(d.spent), returned: vndInteger(d.returned), evidence_json: JSON.stringify(d.evidence),
        settled_by: d.settledBy, settled_at: d.settledAt, settled_at_ms: epochMs(d.settledAt),
        // Kept when the settlement is reversed, so a report at an earlier position still sees it.
        last_settlement_spent: vndInteger(d.spent), last_settlement_at: d.settledAt, last_settlement_at_ms: epochMs(d.settledAt),
        last_settlement_position: projected.position,
        // When it was entered, beside its business date: a settlement dated on time but entered weeks later shows as such.
        settlement_recorded_at: projected.recordedAt,
        // Settlements written before days overdue were recorded count as on time.
        days_overdue: d.daysOverdue ?? 0,
      }), settlementRow(projected, d.fundId, d.releaseId, 'settled', d.spent, d.settledAt)];
    }
    case 'EmergencySettlementReversed':
    case 'EmergencyReleaseCancelled': {
      const d = event.data;
      const reopened = event.type === 'EmergencySettlementReversed';
      const reversal = reopened ? [settlementRow(projected, d.fundId, d.releaseId, 'reversed', event.data.spent, d.reversedAt)] : [];
      return [...reversal, updateRow(EMERGENCY_RELEASES_TABLE, releaseKey(d.fundId, d.releaseId), {
        status: reopened ? 'open' : 'cancelled', spent: null, returned: null, evidence_json: null, settled_by: null, settled_at: null,
        settled_at_ms: null, days_overdue: null, settlement_recorded_at: null, reversal_id: d.reversalId, reversed_at: d.reversedAt, reversal_reason: d.reason,
        reversed_at_ms: epochMs(d.reversedAt), reversed_position: projected.position,
      })];
    }
    default:
      return assertNever(event, 'emergency release event');
  }
}

/**
 * Every emergency release. "Overdue" of an open release is not stored: it depends on a reference
 * date, so the query compares `settle_by_ms` with it when asked. A settlement's lateness is a
 * fact of its business date and is stored (`days_overdue`). A reversed settlement re-opens its
 * row; a cancelled release stays listed with status `cancelled`; both keep the last correction.
 */
export const EmergencyRegisterProjection: TableProjection = {
  name: 'emergency-register',
  // v3: the last settlement kept through its reversal, and each correction's position and business
  // date (reports at a position); the campaign of a release that named only a campaign's pool.
  // v2: days overdue and corrections of settlements and releases.
  // v4: keyed by (fund_id, release_id): every fund numbers its releases alike, so an id alone let
  // one fund's release overwrite another's.
  // v5: every settlement and settlement reversal kept (register_emergency_settlements).
  // v6: when the standing settlement was recorded (settlement_recorded_at).
  version: 6,
  tables: [{
    name: EMERGENCY_RELEASES_TABLE,
    columns: {
      release_id: 'TEXT NOT NULL', fund_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', amount: 'INTEGER NOT NULL', component: 'TEXT NOT NULL',
      campaign_id: 'TEXT', restriction_id: 'TEXT', incident: 'TEXT NOT NULL', recipient: 'TEXT NOT NULL', note: 'TEXT', released_by: 'TEXT NOT NULL',
      released_at: 'TEXT NOT NULL', released_at_ms: 'INTEGER NOT NULL', settle_by: 'TEXT NOT NULL', settle_by_ms: 'INTEGER NOT NULL',
      status: 'TEXT NOT NULL', spent: 'INTEGER', returned: 'INTEGER', evidence_json: 'TEXT', settled_by: 'TEXT', settled_at: 'TEXT', settled_at_ms: 'INTEGER',
      days_overdue: 'INTEGER', reversal_id: 'TEXT', reversed_at: 'TEXT', reversal_reason: 'TEXT',
      last_settlement_spent: 'INTEGER', last_settlement_at: 'TEXT', last_settlement_at_ms: 'INTEGER', last_settlement_position: 'INTEGER',
      reversed_at_ms: 'INTEGER', reversed_position: 'INTEGER', settlement_recorded_at: 'TEXT',
    },
    primaryKey: ['fund_id', 'release_id'],
    indexes: [
      { name: 'register_emergency_releases_by_date', columns: ['fund_id', 'released_at_ms', 'position'] },
      { name: 'register_emergency_releases_by_status', columns: ['fund_id', 'status', 'settle_by_ms'] },
    ],
  }, {
    name: EMERGENCY_SETTLEMENTS_TABLE,
    columns: {
      fund_id: 'TEXT NOT NULL', release_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', kind: 'TEXT NOT NULL', spent: 'INTEGER NOT NULL',
      at: 'TEXT NOT NULL', at_ms: 'INTEGER NOT NULL',
    },
    primaryKey: ['fund_id', 'release_id', 'position'],
    indexes: [],
  }],
  apply: applyEvent,
};
