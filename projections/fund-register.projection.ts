import { assertNever } from '../src/domain/shared/decision';
import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection } from './table-projection';

export const FUNDS_TABLE = 'register_funds';
export const CAMPAIGNS_TABLE = 'register_campaigns';

function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  switch (event.type) {
    case 'FundOpened': {
      const d = event.data;
      return [{
        table: FUNDS_TABLE, op: 'upsert', key: { fund_id: d.fundId },
        values: { name: d.name, chapter: d.chapter, legal_basis: d.legalBasis, components_json: JSON.stringify(d.components), policy_json: JSON.stringify(d.policy), opened_at: d.openedAt },
      }];
    }
    case 'PolicyChanged':
      return [{ table: FUNDS_TABLE, op: 'update', key: { fund_id: event.data.fundId }, values: { policy_json: JSON.stringify(event.data.policy) } }];
    case 'CampaignCreated': {
      const d = event.data;
      return [{
        table: CAMPAIGNS_TABLE, op: 'upsert', key: { fund_id: d.fundId, campaign_id: d.campaignId },
        values: {
          position: projected.position, name: d.name, kind: d.kind, receive_from: d.receiveFrom, receive_from_ms: epochMs(d.receiveFrom), receive_until: d.receiveUntil,
          receive_until_ms: epochMs(d.receiveUntil), distribute_until: d.distributeUntil,
          distribute_until_ms: d.distributeUntil === null ? null : epochMs(d.distributeUntil), bank_account: d.bankAccount,
          restriction_id: d.restrictionId, created_at: d.createdAt, closed_at: null, closed_at_ms: null,
        },
      }];
    }
    case 'CampaignClosed':
      return [{
        table: CAMPAIGNS_TABLE, op: 'update', key: { fund_id: event.data.fundId, campaign_id: event.data.campaignId },
        values: { closed_at: event.data.closedAt, closed_at_ms: epochMs(event.data.closedAt) },
      }];
    case 'DonationRecorded': case 'DonationReversed': case 'DisbursementRequested': case 'DisbursementApproved':
    case 'DisbursementRejected': case 'DisbursementPaid': case 'PaymentReversed': case 'EmergencyReleased': case 'EmergencyReleaseSettled':
    case 'EmergencySettlementReversed': case 'EmergencyReleaseCancelled':
    case 'UserCreated': case 'UserTokenReplaced': case 'UserDeactivated':
      return [];
    default:
      return assertNever(event, 'event');
  }
}

/** Funds with their policy, and campaigns with their Decree 93/2021 windows: what reports label and check. */
export const FundRegisterProjection: TableProjection = {
  name: 'fund-register',
  // v2: the position a campaign was created at (reports at a position).
  version: 2,
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
        distribute_until_ms: 'INTEGER', bank_account: 'TEXT', restriction_id: 'TEXT', created_at: 'TEXT NOT NULL', closed_at: 'TEXT', closed_at_ms: 'INTEGER',
      },
      primaryKey: ['fund_id', 'campaign_id'],
      indexes: [],
    },
  ],
  apply: applyEvent,
};
