import { accept, assertNever, reject, type Decision } from '../shared/decision';
import { addDaysInOffsetOf, DAY_MS, instantOf, isCalendarDate, vietnamDateOf, shownInVietnamTime } from '../shared/calendar';
import { ownEntry } from '../shared/records';
import { isBlank } from '../shared/names';
import { RejectionCode } from '../shared/rejection-codes';
import { KEY_ID_PATTERN, publicKeyProblem } from '../spending/transfer-note';
import type { ChangePolicy, CloseCampaign, ClosePeriod, CreateCampaign, FundCommand, OpenFund, RegisterTrustedKey } from './fund.commands';
import type { FundEvent, Policy } from './fund.events';
import { parsePeriod } from './fund.periods';
import { completePolicy, DEFAULT_COMPONENTS, policyProblem, policyProblemField } from './fund.policy';
import { recordPublication } from './publications';
import {
  DISASTER_DISTRIBUTION_DAYS_AFTER_RECEIVING_MAX,
  DISASTER_RECEIVING_DAYS_MAX,
} from './fund.rejections';
import { campaignReceivingEnd, DECREE_03_2026_FROM, defaultLegalBasis, isLegalBasis, type FundState, type OpenFundState } from './fund.state';

export function decideFund(command: FundCommand, state: FundState): Decision<FundEvent> {
  switch (command.type) {
    case 'OpenFund':
      return openFund(command, state);
    case 'ChangePolicy':
      return state.status === 'open' ? changePolicy(command, state) : fundNotFound();
    case 'CreateCampaign':
      return state.status === 'open' ? createCampaign(command, state) : fundNotFound();
    case 'CloseCampaign':
      return state.status === 'open' ? closeCampaign(command, state) : fundNotFound();
    case 'ClosePeriod':
      return state.status === 'open' ? closePeriod(command, state) : fundNotFound();
    case 'RecordPublication':
      return state.status === 'open' ? recordPublication(command, state) : fundNotFound();
    case 'RegisterTrustedKey':
      return state.status === 'open' ? registerTrustedKey(command, state) : fundNotFound();
    default:
      return assertNever(command, 'fund command');
  }
}

function fundNotFound(): Decision<FundEvent> {
  return reject(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
}

function openFund(command: OpenFund, state: FundState): Decision<FundEvent> {
  if (state.status !== 'none') {
    return reject(RejectionCode.ALREADY_EXISTS, `Fund ${command.fundId} already exists`, { fundId: command.fundId }, { reason: 'fund' });
  }
  if (command.legalBasis !== null && !isLegalBasis(command.legalBasis)) return invalidLegalBasis();
  const repealed = repealedBasis(command.legalBasis, vietnamDateOf(command.now));
  if (repealed) return repealed;
  const policy = completePolicy(command.policy);
  const problem = policyProblem(policy);
  if (problem) return invalidPolicy(problem);
  const components = command.components?.length ? [...new Set(command.components)] : [...DEFAULT_COMPONENTS];
  return accept({
    type: 'FundOpened',
    data: {
      fundId: command.fundId,
      name: command.name,
      chapter: command.chapter,
      legalBasis: command.legalBasis ?? defaultLegalBasis(command.now),
      components,
      policy,
      openedAt: command.now,
    },
  });
}

/** INVALID_POLICY naming the policy field it is about, when it names one. */
function invalidPolicy(problem: string): Decision<FundEvent> {
  const field = policyProblemField(problem);
  return reject(RejectionCode.INVALID_POLICY, problem, field === undefined ? undefined : { field }, { params: { problem } });
}

function invalid(field: string, reason: string): Decision<FundEvent> {
  return reject(RejectionCode.VALIDATION_FAILED, `${field}: ${reason}`, { field });
}

function invalidLegalBasis(): Decision<FundEvent> {
  return invalid('legalBasis', 'must be decree-93-2019 or decree-03-2026');
}

/**
 * Decree 93/2019 governs no day from 1 March 2026, when Decree 03/2026 replaced it: a fund opened
 * or a policy version taking effect from then may not name it. Versions recorded before this check
 * existed stay as recorded.
 */
function repealedBasis(legalBasis: string | null, from: string): Decision<FundEvent> | undefined {
  if (legalBasis !== 'decree-93-2019' || from < DECREE_03_2026_FROM) return undefined;
  const problem = `legalBasis decree-93-2019 may not govern a policy in effect from ${from}: Decree 93/2019 was replaced by Decree 03/2026 on ${DECREE_03_2026_FROM}`;
  return reject(RejectionCode.INVALID_POLICY, problem, { field: 'legalBasis', legalBasis, effectiveFrom: from, replacedOn: DECREE_03_2026_FROM }, { params: { problem } });
}

/**
 * A new policy version from `effectiveFrom` on. A change never rewrites the past: the date is
 * today or later in Vietnam time, at the latest the end of next year, and not before a version
 * already scheduled, so versions take effect in the order they were decided and each one's
 * unchanged fields are the newest version's.
 */
function changePolicy(command: ChangePolicy, state: OpenFundState): Decision<FundEvent> {
  if (!isCalendarDate(command.effectiveFrom)) return invalid('effectiveFrom', 'must be a date YYYY-MM-DD (Vietnam time)');
  if (isBlank(command.decisionRef)) return invalid('decisionRef', 'must not be blank');
  if (command.legalBasis !== null && !isLegalBasis(command.legalBasis)) return invalidLegalBasis();
  // Only the fields sent: one present but undefined would otherwise reset the field to its default.
  const changes = Object.fromEntries(Object.entries(command.policy).filter(([, value]) => value !== undefined)) as Partial<Policy>;
  if (Object.keys(changes).length === 0 && command.legalBasis === null) return invalid('policy', 'names no change: give the fields that change or a legalBasis');
  const newest = state.policyVersions[state.policyVersions.length - 1];
  // What is wrong with the policy itself is said first, whatever its date.
  const policy = completePolicy({ ...newest.policy, ...changes });
  const problem = policyProblem(policy, { tiersGiven: changes.approvals !== undefined });
  if (problem) return invalidPolicy(problem);
  const today = vietnamDateOf(command.now);
  // A board decides the policy of this year and the next: a date beyond (a mistyped year, 9999)
  // would hold back every later change until it came, since versions take effect in order.
  const latest = `${String(Number(today.slice(0, 4)) + 1).padStart(4, '0')}-12-31`;
  if (command.effectiveFrom > latest) return invalid('effectiveFrom', `must be no later than ${latest}, the end of next year (Vietnam time)`);
  if (command.effectiveFrom < today) {
    return reject(RejectionCode.EFFECTIVE_DATE_IN_PAST, `effectiveFrom ${command.effectiveFrom} is before today (${today}, Vietnam time): a policy change never rewrites the past`, {
      field: 'effectiveFrom', effectiveFrom: command.effectiveFrom, today,
    });
  }
  if (newest.effectiveFrom !== null && command.effectiveFrom < newest.effectiveFrom) {
    return reject(RejectionCode.EFFECTIVE_DATE_BEFORE_SCHEDULED,
      `effectiveFrom ${command.effectiveFrom} is before version ${newest.version}, which takes effect ${shownInVietnamTime(String(newest.effectiveFrom))}`,
      { field: 'effectiveFrom', effectiveFrom: command.effectiveFrom, scheduledVersion: newest.version, scheduledFrom: newest.effectiveFrom });
  }
  const repealed = repealedBasis(command.legalBasis, command.effectiveFrom);
  if (repealed) return repealed;
  // A version from 1 March 2026 that names no basis would inherit a repealed one: it records the decree that replaced it.
  const legalBasis = command.legalBasis === null && state.legalBasis === 'decree-93-2019' && command.effectiveFrom >= DECREE_03_2026_FROM
    ? 'decree-03-2026' : command.legalBasis;
  return accept({
    type: 'PolicyChanged',
    data: {
      fundId: state.fundId, version: state.policyVersions.length + 1, policy, changes, effectiveFrom: command.effectiveFrom, decisionRef: command.decisionRef.trim(),
      legalBasis, changedBy: command.changedBy, changedAt: command.now,
    },
  });
}

/** Closes a fiscal year or quarter that has ended: entries dated in it are refused from then on. */
function closePeriod(command: ClosePeriod, state: OpenFundState): Decision<FundEvent> {
  const span = parsePeriod(command.period);
  if (!span) return invalid('period', 'must be a year (2025) or a quarter (2025-Q3)');
  if (isBlank(command.decisionRef)) return invalid('decisionRef', 'must not be blank');
  const today = vietnamDateOf(command.now);
  if (span.to >= today) {
    return reject(RejectionCode.PERIOD_NOT_ENDED, `Period ${span.period} runs until ${span.to}: it can be closed from the day after`, {
      period: span.period, to: span.to, today,
    });
  }
  const covering = state.closedPeriods.find((closed) => closed.from <= span.from && span.to <= closed.to);
  if (covering) {
    return reject(RejectionCode.INVALID_STATE, `Period ${span.period} is already closed (${covering.period}, decision ${covering.decisionRef})`, {
      period: span.period, closedAs: covering.period,
    }, { reason: 'period-closed', params: { decisionRef: covering.decisionRef } });
  }
  return accept({
    type: 'PeriodClosed',
    data: {
      fundId: state.fundId, period: span.period, from: span.from, to: span.to, decisionRef: command.decisionRef.trim(),
      closedBy: command.closedBy, closedAt: command.now,
    },
  });
}

/** Written alike: the same letters and digits, whatever spaces, dots or dashes between them. */
const accountDigits = (account: string) => account.replace(/[\s.-]/g, '').toUpperCase();

/**
 * R14, one account per campaign: another campaign of the fund, not closed, whose receiving window
 * overlaps this one's, that publishes the same account. A bank statement of that account could
 * not tell whose gift a line is. A campaign that ended, or was closed, leaves its account free.
 */
function accountSharedWith(command: CreateCampaign, state: OpenFundState): string | undefined {
  if (command.bankAccount === null || command.bankAccount.trim() === '') return undefined;
  const ours = accountDigits(command.bankAccount);
  const from = instantOf(command.receiveFrom);
  const until = instantOf(command.receiveUntil);
  return Object.values(state.campaigns).find((campaign) => campaign.bankAccount !== null && accountDigits(campaign.bankAccount) === ours
    && instantOf(campaign.receiveFrom) <= until && from <= instantOf(campaignReceivingEnd(campaign)))?.campaignId;
}

function createCampaign(command: CreateCampaign, state: OpenFundState): Decision<FundEvent> {
  if (ownEntry(state.campaigns, command.campaignId)) {
    return reject(RejectionCode.ALREADY_EXISTS, `Campaign ${command.campaignId} already exists`, {
      campaignId: command.campaignId,
    }, { reason: 'campaign' });
  }
  const windowProblem = campaignWindowProblem(command);
  if (windowProblem) return windowProblem;
  const sharing = accountSharedWith(command, state);
  if (sharing) return invalid('bankAccount', `is the account of campaign ${sharing}, whose receiving overlaps: each campaign receives on an account of its own (R14)`);
  const disaster = command.kind === 'disaster';
  const distributeUntil =
    command.distributeUntil ??
    (disaster ? addDaysInOffsetOf(command.receiveUntil, DISASTER_DISTRIBUTION_DAYS_AFTER_RECEIVING_MAX) : null);
  return accept({
    type: 'CampaignCreated',
    data: {
      fundId: state.fundId,
      campaignId: command.campaignId,
      name: command.name,
      kind: command.kind,
      receiveFrom: command.receiveFrom,
      receiveUntil: command.receiveUntil,
      distributeUntil,
      bankAccount: command.bankAccount,
      restrictionId: disaster ? campaignRestrictionId(command.campaignId) : null,
      createdAt: command.now,
    },
  });
}

/** The pool that holds all money given to a disaster campaign. */
export function campaignRestrictionId(campaignId: string): string {
  return `campaign:${campaignId}`;
}

function campaignWindowProblem(command: CreateCampaign): Decision<FundEvent> | undefined {
  for (const field of ['receiveFrom', 'receiveUntil', 'distributeUntil'] as const) {
    const value = command[field];
    if (value !== null && Number.isNaN(instantOf(value))) {
      return reject(RejectionCode.VALIDATION_FAILED, `${field}: must be an ISO 8601 timestamp`, { field });
    }
  }
  const from = instantOf(command.receiveFrom);
  const until = instantOf(command.receiveUntil);
  const distributeUntil = command.distributeUntil === null ? null : instantOf(command.distributeUntil);
  if (until <= from) {
    return reject(RejectionCode.INVALID_CAMPAIGN_WINDOW, 'receiveUntil must be after receiveFrom', { field: 'receiveUntil', reason: 'receive-order' }, { reason: 'receive-order' });
  }
  if (distributeUntil !== null && distributeUntil < until) {
    return reject(RejectionCode.INVALID_CAMPAIGN_WINDOW, 'distributeUntil may not be before receiveUntil', { field: 'distributeUntil', reason: 'distribute-order' }, { reason: 'distribute-order' });
  }
  if (command.kind !== 'disaster') return undefined;
  if (until - from > DISASTER_RECEIVING_DAYS_MAX * DAY_MS) {
    return reject(
      RejectionCode.CAMPAIGN_WINDOW_EXCEEDED,
      `A disaster campaign receives for at most ${DISASTER_RECEIVING_DAYS_MAX} days (Decree 93/2021 Art. 8)`,
      { field: 'receiveUntil', maxDays: DISASTER_RECEIVING_DAYS_MAX },
      { reason: 'receiving' },
    );
  }
  if (distributeUntil !== null && distributeUntil - until > DISASTER_DISTRIBUTION_DAYS_AFTER_RECEIVING_MAX * DAY_MS) {
    return reject(
      RejectionCode.CAMPAIGN_WINDOW_EXCEEDED,
      `Distribution ends at most ${DISASTER_DISTRIBUTION_DAYS_AFTER_RECEIVING_MAX} days after receiving ends (Decree 93/2021 Art. 8)`,
      { field: 'distributeUntil', maxDays: DISASTER_DISTRIBUTION_DAYS_AFTER_RECEIVING_MAX },
      { reason: 'distribution' },
    );
  }
  return undefined;
}

function closeCampaign(command: CloseCampaign, state: OpenFundState): Decision<FundEvent> {
  const campaign = ownEntry(state.campaigns, command.campaignId);
  if (!campaign) return reject(RejectionCode.NOT_FOUND, `No campaign ${command.campaignId}`, { entity: 'campaign' }, { params: { id: command.campaignId } });
  if (campaign.closedAt) {
    return reject(RejectionCode.INVALID_STATE, `Campaign ${command.campaignId} was closed at ${shownInVietnamTime(String(campaign.closedAt))}`, undefined, {
      reason: 'campaign-closed', params: { campaignId: command.campaignId, closedAt: campaign.closedAt },
    });
  }
  return accept({
    type: 'CampaignClosed',
    data: { fundId: state.fundId, campaignId: command.campaignId, closedAt: command.now },
  });
}

const MAX_CHAPTER_LENGTH = 200;

/**
 * Trusts a key of another installation's ledger: a keyId names one key, once (a chapter with a
 * new key registers it under its new keyId).
 */
function registerTrustedKey(command: RegisterTrustedKey, state: OpenFundState): Decision<FundEvent> {
  if (typeof command.keyId !== 'string' || !KEY_ID_PATTERN.test(command.keyId)) return invalid('keyId', 'must be 8 lowercase hex digits, as /v1/public/keys names the key');
  const keyProblem = publicKeyProblem(command.publicKey);
  if (keyProblem) return invalid('publicKey', keyProblem);
  if (typeof command.chapter !== 'string' || isBlank(command.chapter) || command.chapter.length > MAX_CHAPTER_LENGTH) {
    return invalid('chapter', `must be non-blank text of at most ${MAX_CHAPTER_LENGTH} characters`);
  }
  const known = ownEntry(state.trustedKeys, command.keyId);
  if (known) {
    return reject(RejectionCode.ALREADY_EXISTS, `Key ${command.keyId} is already trusted (${known.chapter})`, {
      entity: 'trustedKey', keyId: command.keyId, chapter: known.chapter, registeredAt: known.registeredAt, samePublicKey: known.publicKey === command.publicKey,
    }, { reason: 'trusted-key', params: { keyId: command.keyId } });
  }
  return accept({
    type: 'TrustedKeyRegistered',
    data: {
      fundId: state.fundId, keyId: command.keyId, publicKey: command.publicKey, chapter: command.chapter.trim(),
      registeredBy: command.registeredBy, registeredAt: command.now,
    },
  });
}
