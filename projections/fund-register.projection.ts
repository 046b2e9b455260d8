import { assertNever } from '../src/domain/shared/decision';
import { FUND_EVENTS, isOneOf } from './event-groups';
import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection, updateRow, upsertRow } from './table-projection';

export const FUNDS_TABLE = 'register_funds';
export const CAMPAIGNS_TABLE = 'register_campaigns';
export const POLICY_VERSIONS_TABLE = 'register_policy_versions';
export const CLOSED_PERIODS_TABLE = 'register_closed_periods';

/** Reads the fund events only. */
function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (!isOneOf(event, FUND_EVENTS)) return [];
  switch (event.type) {
    case 'FundOpened': {
      const d = event.data;
      return [
        upsertRow(FUNDS_TABLE, { fund_id: d.fundId }, {
          name: d.name, chapter: d.chapter, legal_basis: d.legalBasis, components_json: JSON.stringify(d.components), policy_json: JSON.stringify(d.policy), opened_at: d.openedAt,
        }),
        upsertRow(POLICY_VERSIONS_TABLE, { fund_id: d.fundId, position: projected.position }, {
          effective_from: null, policy_json: JSON.stringify(d.policy), decision_ref: null, legal_basis: d.legalBasis, changed_by: null, recorded_at: d.openedAt,
        }),
      ];
    }
    case 'PolicyChanged': {
      const d = event.data;
      return [
        updateRow(FUNDS_TABLE, { fund_id: d.fundId },
          d.legalBasis === null ? { policy_json: JSON.stringify(d.policy) } : { policy_json: JSON.stringify(d.policy), legal_basis: d.legalBasis }),
        upsertRow(POLICY_VERSIONS_TABLE, { fund_id: d.fundId, position: projected.position }, {
          effective_from: d.effectiveFrom, policy_json: JSON.stringify(d.policy), decision_ref: d.decisionRef, legal_basis: d.legalBasis,
          changed_by: d.changedBy, recorded_at: d.changedAt,
        }),
      ];
    }
    case 'PeriodClosed': {
      const d = event.data;
      return [upsertRow(CLOSED_PERIODS_TABLE, { fund_id: d.fundId, period: d.period }, {
        from_date: d.from, to_date: d.to, decision_ref: d.decisionRef, closed_by: d.closedBy, closed_at: d.closedAt, position: projected.position,
      })];
    }
    case 'CampaignCreated': {
      const d = event.data;
      return [upsertRow(CAMPAIGNS_TABLE, { fund_id: d.fundId, campaign_id: d.campaignId }, {
        position: projected.position, name: d.name, kind: d.kind, receive_from: d.receiveFrom, receive_from_ms: epochMs(d.receiveFrom), receive_until: d.receiveUntil,
        receive_until_ms: epochMs(d.receiveUntil), distribute_until: d.distributeUntil,
        distribute_until_ms: d.distributeUntil === null ? null : epochMs(d.distributeUntil), bank_account: d.bankAccount,
        restriction_id: d.restrictionId, created_at: d.createdAt, closed_at: null, closed_at_ms: null, closed_position: null,
      })];
    }
    case 'CampaignClosed':
      return [updateRow(CAMPAIGNS_TABLE, { fund_id: event.data.fundId, campaign_id: event.data.campaignId }, {
        closed_at: event.data.closedAt, closed_at_ms: epochMs(event.data.closedAt), closed_position: projected.position,
      })];
    case 'PublicationMade': case 'TrustedKeyRegistered':
      return [];
    default:
      return assertNever(event, 'fund event');
  }
}

/**
 * Funds with their policy and its versions, closed periods, and campaigns with their Decree
 * 93/2021 windows: what reports label and check. A policy version's number is its order among
 * the fund's rows by position (the opening policy is version 1); its legal basis is null when
 * the change kept the one before.
 */
export const FundRegisterProjection: TableProjection = {
  name: 'fund-register',
  // v2: the position a campaign was created at (reports at a position). v3: policy versions and closed periods.
  // v4: the position a campaign was closed by hand at (closed_position), so a report at an earlier position does not show it closed.
  version: 4,
  tables: [
    {
      name: FUNDS_TABLE,
      columns: { fund_id: 'TEXT NOT NULL', name: 'TEXT NOT NULL', chapter: 'TEXT', legal_basis: 'TEXT', components_json: 'TEXT NOT NULL', policy_json: 'TEXT NOT NULL', opened_at: 'TEXT NOT NULL' },
      primaryKey: ['fund_id'],
      indexes: [],
    },
    {
      name: CAMPAIGNS_TABLE,
      columns: {
        fund_id: 'TEXT NOT NULL', campaign_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', name: 'TEXT NOT NULL', kind: 'TEXT NOT NULL', receive_from: 'TEXT NOT NULL',
        receive_from_ms: 'INTEGER NOT NULL', receive_until: 'TEXT NOT NULL', receive_until_ms: 'INTEGER NOT NULL', distribute_until: 'TEXT',
        distribute_until_ms: 'INTEGER', bank_account: 'TEXT', restriction_id: 'TEXT', created_at: 'TEXT NOT NULL', closed_at: 'TEXT', closed_at_ms: 'INTEGER', closed_position: 'INTEGER',
      },
      primaryKey: ['fund_id', 'campaign_id'],
      indexes: [],
    },
    {
      name: POLICY_VERSIONS_TABLE,
      columns: {
        fund_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', effective_from: 'TEXT', policy_json: 'TEXT NOT NULL', decision_ref: 'TEXT',
        legal_basis: 'TEXT', changed_by: 'TEXT', recorded_at: 'TEXT NOT NULL',
      },
      primaryKey: ['fund_id', 'position'],
      indexes: [],
    },
    {
      name: CLOSED_PERIODS_TABLE,
      columns: {
        fund_id: 'TEXT NOT NULL', period: 'TEXT NOT NULL', from_date: 'TEXT NOT NULL', to_date: 'TEXT NOT NULL', decision_ref: 'TEXT NOT NULL',
        closed_by: 'TEXT NOT NULL', closed_at: 'TEXT NOT NULL', position: 'INTEGER NOT NULL',
      },
      primaryKey: ['fund_id', 'period'],
      indexes: [],
    },
  ],
  apply: applyEvent,
};
