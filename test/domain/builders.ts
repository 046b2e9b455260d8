/**
 * Events and commands as the domain speaks them, with defaults a reader can take for granted:
 * fund `ctd-hcm` opened with the documented components and policy, money received in May 2024
 * (fiscal year 2024), commands issued on 12 May 2024, Vietnam time.
 *
 * Identifiers and defaults are written out here on purpose, not imported from src/domain, so the
 * tests also pin the formats (`DN-2024-000001`, `DB-000001`, …) and the documented policy.
 */
import type { DonationCommand, RecordDonation } from '../../src/domain/donation/donation.commands';
import type { DonationRecorded, Donor, InKind, Restriction } from '../../src/domain/donation/donation.events';
import type { ChangePolicy, CloseCampaign, ClosePeriod, CreateCampaign, OpenFund } from '../../src/domain/fund/fund.commands';
import type {
  CampaignClosed, CampaignCreated, CampaignKind, FundOpened, LegalBasis, PeriodClosed, Policy, PolicyChanged,
} from '../../src/domain/fund/fund.events';
import type {
  ApproveDisbursement, PayDisbursement, RejectDisbursement, ReleaseEmergency, RequestDisbursement,
  ReverseEntry, SettleEmergency,
} from '../../src/domain/spending/spending.commands';
import type {
  DisbursementApproved, DisbursementKind, DisbursementPaid, DisbursementRejected, DisbursementRequested,
  DonationReversed, EmergencyReleaseCancelled, EmergencyReleased, EmergencyReleaseSettled, EmergencySettlementReversed, PaymentReversed,
} from '../../src/domain/spending/spending.events';
import type { CreateUser, DeactivateUser, ReplaceUserToken } from '../../src/domain/users/users.commands';
import type { Role, UserCreated, UserDeactivated } from '../../src/domain/users/users.events';

export const FUND_ID = 'ctd-hcm';
export const OPENED_AT = '2024-01-02T08:00:00+07:00';
export const RECEIVED_AT = '2024-05-10T14:00:00+07:00';
export const NOW = '2024-05-12T09:30:00+07:00';

export const ACCOUNTANT = 'accountant-1';
export const APPROVER_A = 'approver-1';
export const APPROVER_B = 'approver-2';
export const COORDINATOR = 'coordinator-1';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
export const plusDays = (iso: string, days: number) => plusMs(iso, days * DAY_MS);

const sixDigits = (sequence: number) => String(sequence).padStart(6, '0');
export const donationId = (sequence: number, fiscalYear = 2024) => `DN-${fiscalYear}-${sixDigits(sequence)}`;
export const disbursementId = (sequence: number) => `DB-${sixDigits(sequence)}`;
export const releaseId = (sequence: number) => `ER-${sixDigits(sequence)}`;
export const reversalId = (sequence: number) => `RV-${sixDigits(sequence)}`;

/** The policy of api.md, written out: what a fund gets when it names none. */
export function documentedDefaultPolicy(): Policy {
  return {
    approvals: [
      { above: '0', approvers: 1 },
      { above: '100000000', approvers: 2 },
    ],
    emergencyReleaseCap: '50000000',
    emergencySettlementDays: 30,
    managementCostWarnPercent: '5',
    managementCostCapPercent: '10',
    emergencyOpenLimit: '150000000',
    blockReleasesWhenOverdue: true,
    payerMayBeRequester: false,
  };
}

export const DOCUMENTED_DEFAULT_COMPONENTS = ['general', 'emergency-relief', 'humanitarian'];

// ---------------------------------------------------------------------------------------------
// Fund stream
// ---------------------------------------------------------------------------------------------

export function fundOpened(options: { fundId?: string; components?: string[]; policy?: Partial<Policy> } = {}): FundOpened {
  return {
    type: 'FundOpened',
    data: {
      fundId: options.fundId ?? FUND_ID,
      name: 'Quỹ hoạt động Chữ thập đỏ TP. Hồ Chí Minh',
      chapter: 'Hội Chữ thập đỏ TP. Hồ Chí Minh',
      legalBasis: 'decree-93-2019',
      components: [...(options.components ?? DOCUMENTED_DEFAULT_COMPONENTS)],
      policy: { ...documentedDefaultPolicy(), ...options.policy },
      openedAt: OPENED_AT,
    },
  };
}

/** A policy version decided at `changedAt`, effective that day unless `effectiveFrom` says otherwise. */
export function policyChanged(
  policy: Partial<Policy>, changedAt = OPENED_AT, options: { effectiveFrom?: string; decisionRef?: string; legalBasis?: LegalBasis | null } = {},
): PolicyChanged {
  return {
    type: 'PolicyChanged',
    data: {
      fundId: FUND_ID, version: null, policy: { ...documentedDefaultPolicy(), ...policy }, changes: policy,
      effectiveFrom: options.effectiveFrom ?? vietnamDay(changedAt), decisionRef: options.decisionRef ?? '12/QĐ-CTĐ',
      legalBasis: options.legalBasis ?? null, changedBy: 'admin-1', changedAt,
    },
  };
}

/** The Vietnam calendar day of a timestamp, YYYY-MM-DD. */
export const vietnamDay = (iso: string) => new Date(Date.parse(iso) + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

export function periodClosed(period: string, from: string, to: string, closedAt = NOW): PeriodClosed {
  return { type: 'PeriodClosed', data: { fundId: FUND_ID, period, from, to, decisionRef: '30/QĐ-CTĐ', closedBy: 'admin-1', closedAt } };
}

/** The disaster campaign most tests use: Yagi relief, receiving for 60 days from 8 Sep 2024. */
export const FLOOD = {
  campaignId: 'bao-yagi-2024',
  receiveFrom: '2024-09-08T00:00:00+07:00',
  receiveUntil: '2024-11-07T00:00:00+07:00',
  pool: 'campaign:bao-yagi-2024',
  receivedAt: '2024-09-10T10:00:00+07:00',
  now: '2024-09-15T10:00:00+07:00',
};

export function campaignCreated(
  options: Partial<Omit<CampaignCreated['data'], 'fundId'>> & { kind?: CampaignKind } = {},
): CampaignCreated {
  const campaignId = options.campaignId ?? FLOOD.campaignId;
  const kind = options.kind ?? 'disaster';
  const receiveUntil = options.receiveUntil ?? FLOOD.receiveUntil;
  return {
    type: 'CampaignCreated',
    data: {
      fundId: FUND_ID,
      campaignId,
      name: options.name ?? 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi',
      kind,
      receiveFrom: options.receiveFrom ?? FLOOD.receiveFrom,
      receiveUntil,
      distributeUntil: options.distributeUntil !== undefined ? options.distributeUntil : kind === 'disaster' ? plusDays(receiveUntil, 20) : null,
      bankAccount: options.bankAccount ?? null,
      restrictionId: options.restrictionId !== undefined ? options.restrictionId : kind === 'disaster' ? `campaign:${campaignId}` : null,
      createdAt: options.createdAt ?? OPENED_AT,
    },
  };
}

export function campaignClosed(campaignId: string, closedAt: string): CampaignClosed {
  return { type: 'CampaignClosed', data: { fundId: FUND_ID, campaignId, closedAt } };
}

// ---------------------------------------------------------------------------------------------
// Donation streams
// ---------------------------------------------------------------------------------------------

export const DONOR: Donor = {
  name: 'Nguyễn Văn An',
  kind: 'individual',
  publicName: 'Nguyễn V. A.',
  taxCode: null,
  address: 'Quận 3, TP. Hồ Chí Minh',
  contact: null,
};

export const RICE: InKind = { description: 'Gạo tẻ', quantity: '2000', unit: 'kg', valuationMethod: 'market price 25000 VND/kg' };

type DonationOptions = Partial<DonationRecorded['data']> & { sequence?: number };

/**
 * A DonationRecorded as the decider writes it. An explicit `restriction` gets its own pool (the
 * donation id) unless `restrictionId` says otherwise; in-kind gifts are not cash and, like money
 * for a named beneficiary, stay outside the management-cost base.
 */
export function donationRecorded(options: DonationOptions = {}): DonationRecorded {
  const { sequence: sequenceOption, ...overrides } = options;
  const sequence = sequenceOption ?? 1;
  const fiscalYear = overrides.fiscalYear ?? 2024;
  const id = donationId(sequence, fiscalYear);
  const channel = overrides.channel ?? 'bank_transfer';
  const cash = overrides.cash ?? channel !== 'in_kind';
  const restriction: Restriction | null = overrides.restriction ?? null;
  const amountVnd = overrides.amountVnd ?? '1000000';
  return {
    type: 'DonationRecorded',
    data: {
      fundId: FUND_ID,
      donationId: id,
      receiptNo: `${fiscalYear}-${sixDigits(sequence)}`,
      fiscalYear,
      component: 'general',
      campaignId: null,
      restrictionId: restriction ? id : null,
      restriction,
      channel,
      currency: 'VND',
      amount: amountVnd,
      fxRate: null,
      amountVnd,
      cash,
      revenueCategory: 'voluntary_contribution',
      inManagementCostBase: cash && !restriction?.beneficiary,
      receivedAt: RECEIVED_AT,
      donor: { ...DONOR },
      reference: null,
      inKind: channel === 'in_kind' ? { ...RICE } : null,
      note: null,
      source: null,
      ...overrides,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Spending stream
// ---------------------------------------------------------------------------------------------

type RequestedOptions = Partial<DisbursementRequested['data']> & { sequence?: number };

export function disbursementRequested(options: RequestedOptions = {}): DisbursementRequested {
  const { sequence, ...overrides } = options;
  return {
    type: 'DisbursementRequested',
    data: {
      fundId: FUND_ID,
      disbursementId: disbursementId(sequence ?? 1),
      amount: '1000000',
      kind: 'relief',
      component: 'general',
      campaignId: null,
      restrictionId: null,
      purpose: 'Hỗ trợ gia đình khó khăn',
      beneficiary: 'Trần Thị Bình',
      certificationRef: null,
      note: null,
      approvalsRequired: 1,
      fiscalYear: 2024,
      requestedBy: ACCOUNTANT,
      requestedAt: NOW,
      ...overrides,
    },
  };
}

export function disbursementApproved(
  sequence: number,
  approvedBy = APPROVER_A,
  options: { approvalsCount?: number; fullyApproved?: boolean; approvalsRequired?: number } = {},
): DisbursementApproved {
  const approvalsCount = options.approvalsCount ?? 1;
  const fullyApproved = options.fullyApproved ?? true;
  return {
    type: 'DisbursementApproved',
    data: {
      fundId: FUND_ID,
      disbursementId: disbursementId(sequence),
      approvedBy,
      note: null,
      approvalsCount,
      approvalsRequired: options.approvalsRequired ?? (fullyApproved ? approvalsCount : approvalsCount + 1),
      fullyApproved,
      approvedAt: NOW,
    },
  };
}

export function disbursementRejected(sequence: number, rejectedBy = APPROVER_A): DisbursementRejected {
  return {
    type: 'DisbursementRejected',
    data: { fundId: FUND_ID, disbursementId: disbursementId(sequence), rejectedBy, reason: 'Hồ sơ chưa đủ', rejectedAt: NOW },
  };
}

export function disbursementPaid(sequence: number, certificationRef: string | null = null): DisbursementPaid {
  return {
    type: 'DisbursementPaid',
    data: {
      fundId: FUND_ID,
      disbursementId: disbursementId(sequence),
      paidAt: NOW,
      reference: `UNC-${sequence}`,
      certificationRef,
      paidBy: APPROVER_A,
    },
  };
}

type ReleasedOptions = Partial<EmergencyReleased['data']> & { sequence?: number };

export function emergencyReleased(options: ReleasedOptions = {}): EmergencyReleased {
  const { sequence, ...overrides } = options;
  return {
    type: 'EmergencyReleased',
    data: {
      fundId: FUND_ID,
      releaseId: releaseId(sequence ?? 1),
      amount: '10000000',
      component: 'emergency-relief',
      campaignId: null,
      restrictionId: null,
      incident: 'Sạt lở đất xã Trà Leng',
      recipient: 'Ban chỉ huy PCTT xã Trà Leng',
      note: null,
      releasedBy: COORDINATOR,
      releasedAt: NOW,
      settleBy: plusDays(NOW, 30),
      ...overrides,
    },
  };
}

export function emergencyReleaseSettled(sequence: number, spent: string, returned: string, evidence = ['bien-ban-ban-giao.pdf']): EmergencyReleaseSettled {
  return {
    type: 'EmergencyReleaseSettled',
    data: { fundId: FUND_ID, releaseId: releaseId(sequence), spent, returned, evidence, settledBy: COORDINATOR, settledAt: NOW, daysOverdue: 0 },
  };
}

export function donationReversed(donation: DonationRecorded, sequence = 1): DonationReversed {
  const d = donation.data;
  return {
    type: 'DonationReversed',
    data: {
      fundId: FUND_ID,
      reversalId: reversalId(sequence),
      donationId: d.donationId,
      amountVnd: d.amountVnd,
      component: d.component,
      restrictionId: d.restrictionId,
      campaignId: d.campaignId,
      cash: d.cash,
      inManagementCostBase: d.inManagementCostBase,
      fiscalYear: d.fiscalYear,
      reason: 'Giao dịch bị hoàn trả',
      reversedBy: ACCOUNTANT,
      reversedAt: NOW,
    },
  };
}

export function paymentReversed(requested: DisbursementRequested, sequence = 1): PaymentReversed {
  const d = requested.data;
  return {
    type: 'PaymentReversed',
    data: {
      fundId: FUND_ID,
      reversalId: reversalId(sequence),
      disbursementId: d.disbursementId,
      amount: d.amount,
      component: d.component,
      restrictionId: d.restrictionId,
      reason: 'Chuyển khoản bị trả lại',
      reversedBy: ACCOUNTANT,
      reversedAt: NOW,
    },
  };
}

/** The settlement of `released`, as settled with `spent`/`returned`, taken back. */
export function emergencySettlementReversed(released: EmergencyReleased, spent: string, returned: string, sequence = 1): EmergencySettlementReversed {
  const d = released.data;
  return {
    type: 'EmergencySettlementReversed',
    data: {
      fundId: FUND_ID, reversalId: reversalId(sequence), releaseId: d.releaseId, amount: d.amount, spent, returned,
      component: d.component, restrictionId: d.restrictionId, campaignId: d.campaignId, reason: 'Nhập nhầm',
      reversedBy: ACCOUNTANT, reversedAt: NOW,
    },
  };
}

export function emergencyReleaseCancelled(released: EmergencyReleased, sequence = 1): EmergencyReleaseCancelled {
  const d = released.data;
  return {
    type: 'EmergencyReleaseCancelled',
    data: {
      fundId: FUND_ID, reversalId: reversalId(sequence), releaseId: d.releaseId, amount: d.amount,
      component: d.component, restrictionId: d.restrictionId, campaignId: d.campaignId, reason: 'Nhập nhầm',
      reversedBy: ACCOUNTANT, reversedAt: NOW,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Users stream
// ---------------------------------------------------------------------------------------------

export function userCreated(userId: string, roles: Role[] = ['accountant']): UserCreated {
  return { type: 'UserCreated', data: { userId, name: `Người dùng ${userId}`, roles, tokenHash: `sha256-of-${userId}`, createdAt: OPENED_AT } };
}

export function userDeactivated(userId: string): UserDeactivated {
  return { type: 'UserDeactivated', data: { userId, deactivatedAt: NOW } };
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

export function openFund(overrides: Partial<Omit<OpenFund, 'type'>> = {}): OpenFund {
  return {
    type: 'OpenFund',
    fundId: FUND_ID,
    name: 'Quỹ hoạt động Chữ thập đỏ TP. Hồ Chí Minh',
    chapter: null,
    legalBasis: null,
    components: null,
    policy: null,
    now: OPENED_AT,
    ...overrides,
  };
}

export function changePolicy(policy: Partial<Policy>, now = NOW, overrides: Partial<Omit<ChangePolicy, 'type' | 'policy' | 'now'>> = {}): ChangePolicy {
  return { type: 'ChangePolicy', policy, effectiveFrom: vietnamDay(now), decisionRef: '12/QĐ-CTĐ', legalBasis: null, changedBy: 'admin-1', now, ...overrides };
}

export function closePeriod(period: string, now = NOW, decisionRef = '30/QĐ-CTĐ'): ClosePeriod {
  return { type: 'ClosePeriod', period, decisionRef, closedBy: 'admin-1', now };
}

export function createCampaign(overrides: Partial<Omit<CreateCampaign, 'type'>> = {}): CreateCampaign {
  return {
    type: 'CreateCampaign',
    campaignId: FLOOD.campaignId,
    name: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi',
    kind: 'disaster',
    receiveFrom: FLOOD.receiveFrom,
    receiveUntil: FLOOD.receiveUntil,
    distributeUntil: null,
    bankAccount: '0011001932418',
    now: NOW,
    ...overrides,
  };
}

export function closeCampaign(campaignId = FLOOD.campaignId, now = NOW): CloseCampaign {
  return { type: 'CloseCampaign', campaignId, now };
}

/** Entered on 12 May 2024; a donation received later is entered the moment it is received. */
export function recordDonation(overrides: Partial<Omit<RecordDonation, 'type'>> = {}): DonationCommand {
  const receivedAt = overrides.receivedAt;
  const now = receivedAt !== undefined && Date.parse(receivedAt) > Date.parse(NOW) ? receivedAt : NOW;
  return {
    type: 'RecordDonation',
    fundId: FUND_ID,
    amount: '1500000',
    currency: 'VND',
    fxRate: null,
    channel: 'bank_transfer',
    receivedAt: RECEIVED_AT,
    donor: { ...DONOR },
    component: 'general',
    campaignId: null,
    restriction: null,
    reference: 'FT24133XYZ',
    inKind: null,
    note: null,
    source: null,
    now,
    ...overrides,
  };
}

export function requestDisbursement(overrides: Partial<Omit<RequestDisbursement, 'type'>> & { kind?: DisbursementKind } = {}): RequestDisbursement {
  return {
    type: 'RequestDisbursement',
    amount: '1000000',
    kind: 'relief',
    component: 'general',
    campaignId: null,
    restrictionId: null,
    purpose: 'Hỗ trợ gia đình khó khăn',
    beneficiary: 'Trần Thị Bình',
    certificationRef: null,
    note: null,
    requestedAt: null,
    actor: { userId: ACCOUNTANT },
    now: NOW,
    ...overrides,
  };
}

export function approve(id: string, userId = APPROVER_A, note: string | null = null): ApproveDisbursement {
  return { type: 'ApproveDisbursement', disbursementId: id, note, actor: { userId }, now: NOW };
}

export function rejectDisbursement(id: string, userId = APPROVER_A, reason = 'Hồ sơ chưa đủ'): RejectDisbursement {
  return { type: 'RejectDisbursement', disbursementId: id, reason, byApprover: true, actor: { userId }, now: NOW };
}

export const PAID_AT = '2024-05-13T10:00:00+07:00';

/** Paid on 13 May and entered the same moment: the payment's date is its recording time. */
export function pay(id: string, options: { certificationRef?: string | null; userId?: string; paidAt?: string; now?: string; reference?: string } = {}): PayDisbursement {
  const paidAt = options.paidAt ?? PAID_AT;
  return {
    type: 'PayDisbursement',
    disbursementId: id,
    paidAt,
    reference: options.reference ?? 'UNC-0001',
    certificationRef: options.certificationRef ?? null,
    actor: { userId: options.userId ?? APPROVER_A },
    now: options.now ?? (options.paidAt === undefined ? PAID_AT : NOW),
  };
}

export function releaseEmergency(overrides: Partial<Omit<ReleaseEmergency, 'type'>> = {}): ReleaseEmergency {
  return {
    type: 'ReleaseEmergency',
    amount: '10000000',
    component: 'emergency-relief',
    campaignId: null,
    incident: 'Sạt lở đất xã Trà Leng',
    recipient: 'Ban chỉ huy PCTT xã Trà Leng',
    note: null,
    restrictionId: null,
    releasedAt: null,
    actor: { userId: COORDINATOR },
    now: NOW,
    ...overrides,
  };
}

export function settleEmergency(id: string, spent: string, returned: string, evidence: string[] = ['bien-ban-ban-giao.pdf']): SettleEmergency {
  return { type: 'SettleEmergency', releaseId: id, spent, returned, evidence, settledAt: null, actor: { userId: COORDINATOR }, now: NOW };
}

export function reverseEntry(entryId: string, donation: DonationRecorded | null = null, reason = 'Nhập nhầm'): ReverseEntry {
  return { type: 'ReverseEntry', entryId, reason, donation: donation ? donation.data : null, reversedAt: null, actor: { userId: ACCOUNTANT }, now: NOW };
}

export function createUser(userId: string, roles: Role[] = ['accountant'], tokenHash = `sha256-of-${userId}`): CreateUser {
  return { type: 'CreateUser', userId, name: `Người dùng ${userId}`, roles, tokenHash, now: NOW };
}

export function deactivateUser(userId: string): DeactivateUser {
  return { type: 'DeactivateUser', userId, now: NOW };
}

export function replaceUserToken(userId: string, tokenHash: string): ReplaceUserToken {
  return { type: 'ReplaceUserToken', userId, tokenHash, now: NOW };
}
