import { vietnamDateOf } from '../shared/calendar';
import { assertNever } from '../shared/decision';
import { ownEntry } from '../shared/records';
import { LEGAL_BASES, type CampaignCreated, type FundEvent, type LegalBasis, type Policy, type PublicationMade, type TrustedKeyRegistered } from './fund.events';
import { completePolicy } from './fund.policy';

/** A campaign as its creation recorded it, without the fund, and when it was closed. */
export interface CampaignState extends Omit<CampaignCreated['data'], 'fundId' | 'createdAt'> {
  closedAt: string | null;
}

/** One version of the policy: version 1 is the opening policy and governs every date before the first change. */
export interface PolicyVersion {
  version: number;
  policy: Policy;
  changes: Partial<Policy>;
  /** Vietnam calendar date it governs from; null for the opening policy (from the beginning). */
  effectiveFrom: string | null;
  decisionRef: string | null;
  legalBasis: LegalBasis;
  changedBy: string | null;
  recordedAt: string;
}

export interface ClosedPeriod {
  period: string;
  from: string;
  to: string;
  decisionRef: string;
  closedAt: string;
}

/** A publication as the fund remembers it: the event's data without the fund. */
export type PublicationState = Omit<PublicationMade['data'], 'fundId'>;

export type FundState =
  | { status: 'none' }
  | {
      status: 'open';
      fundId: string;
      name: string;
      chapter: string | null;
      /** The legal basis of the newest policy version. */
      legalBasis: LegalBasis;
      components: string[];
      /**
       * The newest policy version, which may take effect later: a rule about a business date
       * reads policyInForce(fund, date) instead.
       */
      policy: Policy;
      openedAt: string;
      campaigns: Record<string, CampaignState>;
      policyVersions: PolicyVersion[];
      closedPeriods: ClosedPeriod[];
      /** Every publication, in the order recorded (R26). */
      publications: PublicationState[];
      /** Keys of ledgers elsewhere whose transfer notes this fund imports, by keyId. */
      trustedKeys: Record<string, TrustedKeyState>;
    };

/** A trusted key as the fund remembers it: the event's data without the fund. */
export type TrustedKeyState = Omit<TrustedKeyRegistered['data'], 'fundId'>;

export type OpenFundState = Extract<FundState, { status: 'open' }>;

export const initialFundState = (): FundState => ({ status: 'none' });

/** Decree 03/2026 replaced Decree 93/2019 on 1 March 2026 (domain.md, "Decree 03/2026 in brief"). */
export const DECREE_03_2026_FROM = '2026-03-01';

/** The legal basis a fund opened at `openedAt` follows when it names none. */
export function defaultLegalBasis(openedAt: string): LegalBasis {
  return vietnamDateOf(openedAt) < DECREE_03_2026_FROM ? 'decree-93-2019' : 'decree-03-2026';
}

/**
 * The decree that governs what the fund owes on `day` (YYYY-MM-DD, Vietnam time): Decree 03/2026
 * from 1 March 2026, when it replaced Decree 93/2019, and Decree 93/2019 before. Whatever basis a
 * policy version names, neither decree governs a day it was not in force on: a fund opened in
 * December 2026 whose earlier years are entered later owes, for a day of 2025, what Decree 93/2019
 * asked. A fund opened before March 2026 and never given a new basis owes, from that day, what
 * Decree 03/2026 asks.
 */
export function legalBasisOn(day: string): LegalBasis {
  return day >= DECREE_03_2026_FROM ? 'decree-03-2026' : 'decree-93-2019';
}

export function isLegalBasis(value: unknown): value is LegalBasis {
  return typeof value === 'string' && (LEGAL_BASES as readonly string[]).includes(value);
}

/** Folds one event into the state. Mutates and returns `state`: the fold owns it. */
export function evolveFund(state: FundState, event: FundEvent): FundState {
  switch (event.type) {
    case 'FundOpened': {
      const d = event.data;
      // Events written before legal bases were codes hold free text or null: the opening date decides.
      const legalBasis = isLegalBasis(d.legalBasis) ? d.legalBasis : defaultLegalBasis(d.openedAt);
      const policy = completePolicy(d.policy);
      const opening: PolicyVersion = {
        version: 1, policy, changes: {}, effectiveFrom: null, decisionRef: null, legalBasis, changedBy: null, recordedAt: d.openedAt,
      };
      return { status: 'open', ...d, legalBasis, policy, campaigns: {}, policyVersions: [opening], closedPeriods: [], publications: [], trustedKeys: {} };
    }
    case 'PolicyChanged':
      return evolvePolicy(requireOpen(state, event), event.data);
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
    case 'PeriodClosed': {
      const { period, from, to, decisionRef, closedAt } = event.data;
      requireOpen(state, event).closedPeriods.push({ period, from, to, decisionRef, closedAt });
      return state;
    }
    case 'PublicationMade': {
      const { fundId: _fundId, ...publication } = event.data;
      requireOpen(state, event).publications.push(publication);
      return state;
    }
    case 'TrustedKeyRegistered': {
      const { fundId: _fundId, ...key } = event.data;
      requireOpen(state, event).trustedKeys[key.keyId] = key;
      return state;
    }
    default:
      return assertNever(event, 'fund event');
  }
}

function evolvePolicy(fund: OpenFundState, d: Extract<FundEvent, { type: 'PolicyChanged' }>['data']): FundState {
  const legalBasis = d.legalBasis ?? fund.legalBasis;
  const policy = completePolicy(d.policy);
  fund.policyVersions.push({
    version: fund.policyVersions.length + 1, policy, changes: d.changes, effectiveFrom: d.effectiveFrom, decisionRef: d.decisionRef,
    legalBasis, changedBy: d.changedBy, recordedAt: d.changedAt,
  });
  fund.policy = policy;
  fund.legalBasis = legalBasis;
  return fund;
}

function requireOpen(state: FundState, event: FundEvent): OpenFundState {
  if (state.status !== 'open') throw new Error(`${event.type} before FundOpened`);
  return state;
}

/**
 * The policy version that governs `businessDate` (an ISO timestamp or a YYYY-MM-DD date, read in
 * Vietnam time): the newest version whose effectiveFrom is on or before that day. The opening
 * policy governs every day before the first change.
 */
export function policyVersionInForce<Version extends { effectiveFrom: string | null }>(versions: readonly Version[], businessDate: string): Version {
  // A date that is no timestamp is refused by the rule that reads it; until then the newest version answers.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(businessDate) && Number.isNaN(Date.parse(businessDate))) return versions[versions.length - 1];
  const day = /^\d{4}-\d{2}-\d{2}$/.test(businessDate) ? businessDate : vietnamDateOf(businessDate);
  let inForce = versions[0];
  for (const version of versions) {
    if (version.effectiveFrom === null || version.effectiveFrom <= day) inForce = version;
  }
  return inForce;
}

/** The policy a rule applies to a movement of `businessDate`. */
export function policyInForce(fund: OpenFundState, businessDate: string): Policy {
  return policyVersionInForce(fund.policyVersions, businessDate).policy;
}

/** The instant after which a campaign accepts no more donations. */
export function campaignReceivingEnd(campaign: CampaignState): string {
  if (campaign.closedAt && Date.parse(campaign.closedAt) < Date.parse(campaign.receiveUntil)) return campaign.closedAt;
  return campaign.receiveUntil;
}
