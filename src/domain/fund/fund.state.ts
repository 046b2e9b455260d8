import { assertNever } from '../shared/decision';
import { ownEntry } from '../shared/records';
import type { CampaignKind, FundEvent, Policy } from './fund.events';
import { completePolicy } from './fund.policy';

export interface CampaignState {
  campaignId: string;
  name: string;
  kind: CampaignKind;
  receiveFrom: string;
  receiveUntil: string;
  distributeUntil: string | null;
  bankAccount: string | null;
  restrictionId: string | null;
  closedAt: string | null;
}

export type FundState =
  | { status: 'none' }
  | {
      status: 'open';
      fundId: string;
      name: string;
      chapter: string | null;
      legalBasis: string | null;
      components: string[];
      policy: Policy;
      openedAt: string;
      campaigns: Record<string, CampaignState>;
    };

export type OpenFundState = Extract<FundState, { status: 'open' }>;

export const initialFundState = (): FundState => ({ status: 'none' });

/** Folds one event into the state. Mutates and returns `state`: the fold owns it. */
export function evolveFund(state: FundState, event: FundEvent): FundState {
  switch (event.type) {
    case 'FundOpened':
      return { status: 'open', ...event.data, policy: completePolicy(event.data.policy), campaigns: {} };
    case 'PolicyChanged':
      requireOpen(state, event).policy = completePolicy(event.data.policy);
      return state;
    case 'CampaignCreated': {
      const { fundId: _fundId, createdAt: _createdAt, ...campaign } = event.data;
      requireOpen(state, event).campaigns[campaign.campaignId] = { ...campaign, closedAt: null };
      return state;
    }
    case 'CampaignClosed': {
      const campaign = ownEntry(requireOpen(state, event).campaigns, event.data.campaignId);
      if (!campaign) throw new Error(`CampaignClosed for unknown campaign ${event.data.campaignId}`);
      campaign.closedAt = event.data.closedAt;
      return state;
    }
    default:
      return assertNever(event, 'fund event');
  }
}

function requireOpen(state: FundState, event: FundEvent): OpenFundState {
  if (state.status !== 'open') throw new Error(`${event.type} before FundOpened`);
  return state;
}

/** The instant after which a campaign accepts no more donations. */
export function campaignReceivingEnd(campaign: CampaignState): string {
  if (campaign.closedAt && Date.parse(campaign.closedAt) < Date.parse(campaign.receiveUntil)) return campaign.closedAt;
  return campaign.receiveUntil;
}
