import { campaignReceivingRejection } from '../fund/campaign-window';
import { openFrom, periodClosedRejection } from '../fund/fund.periods';
import { approversRequired } from '../fund/fund.policy';
import { MoneyDecimal } from '../money';
import type { FundState, OpenFundState } from '../fund/fund.state';
import { fiscalYearOf, instantOf, shownInVietnamTime } from '../shared/calendar';
import { accept, reject } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { CAMPAIGN_POOL_PREFIX, campaignOfMovement, campaignPoolPurpose, poolKeyOf } from './pools';
import type { ApproveTransfer, AssignTransferToCampaign, ImportTransferNote, ReceiveTransfer, RecordTransferDelivery, RejectTransfer, RequestTransfer, ReturnTransfer } from './spending.commands';
import { transferAssignmentIdOf, transferIdOf } from './spending.ids';
import { businessDateProblem, campaignShortfallProblem, choosePool, dateOrderProblem, invalid, notFound, parseVnd, policyAt, shortfallProblem, sourceOf, type SpendingDecision } from './spending.rules';
import { receivedMoneyKey, type SpendingState, type TransferState } from './spending.state';
import { type FieldProblem, importedRestrictionId, parseTransferNote, transferNoteKey, transferNoteSignatureProblem } from './transfer-note';
import { ownEntry } from '../shared/records';
import { deliveryReceiptVerifies, parseDeliveryReceipt } from './delivery-receipt';

/** A signed document (a transfer note, a delivery receipt) that does not read is refused by its first problem. */
function unreadable(problems: FieldProblem[]): SpendingDecision {
  const [first] = problems;
  return invalid(first.field, first.reason);
}

/**
 * A transfer to another chapter's fund (R16), decided in the sender's spending stream like a
 * disbursement: it draws on a pool (the restriction or campaign purpose travels with it), is held
 * from the request, and needs the approvers the policy asks for its amount. `receiver` is the
 * fund addressed when it is one of this ledger's; a fund this ledger does not hold is a fund of
 * a ledger elsewhere, reached by a signed transfer note.
 */
export function requestTransfer(
  command: RequestTransfer, state: SpendingState, fund: OpenFundState, inflows: Inflows, receiver: FundState | undefined,
): SpendingDecision {
  const amount = parseVnd('amount', command.amount);
  if (!amount.ok) return amount.rejection;
  if (command.toFundId === fund.fundId) return invalid('toFundId', 'must be another fund than the sender');
  const external = receiver === undefined || receiver.status !== 'open';
  if (!external && !receiver.components.includes(command.component)) {
    return reject(RejectionCode.UNKNOWN_COMPONENT, `Fund ${command.toFundId} has no component "${command.component}"`, {
      component: command.component, known: receiver.components, fundId: command.toFundId,
    }, { reason: 'receiver' });
  }
  const requestedAt = command.requestedAt ?? command.now;
  // A named beneficiary is checked when money is paid; a transfer carries the beneficiary on.
  const choice = choosePool(fund, inflows, {
    component: command.component, campaignId: command.campaignId, restrictionId: command.restrictionId, managementCost: false, payee: null,
  });
  if (!choice.ok) return choice.rejection;
  // Sent as a campaign's money, it is at most what the campaign holds of its own: a campaign
  // without a pool of its own shares its component's unrestricted pool with other money.
  const shortfall = shortfallProblem(state, inflows, poolKeyOf(choice.component, choice.restrictionId), amount.value, requestedAt)
    ?? (choice.campaignId !== null && choice.restrictionId === null
      ? campaignShortfallProblem(state, inflows, choice.campaignId, amount.value, requestedAt) : undefined);
  if (shortfall) return shortfall;
  const restriction = choice.restrictionId === null ? undefined : inflows.restrictions.get(choice.restrictionId);
  // A campaign's pool has no donor's words for its purpose: the receiver reads the campaign's name.
  const campaign = choice.campaignId === null ? undefined : ownEntry(fund.campaigns, choice.campaignId);
  const campaignPool = choice.campaignId !== null
    && (choice.restrictionId === `${CAMPAIGN_POOL_PREFIX}${choice.campaignId}` || (campaign !== undefined && choice.restrictionId === campaign.restrictionId));
  const restrictionPurpose = choice.restrictionId === null ? null
    : campaignPool || restriction === undefined ? campaignPoolPurpose(choice.campaignId ?? choice.restrictionId, campaign?.name) : restriction.purpose;
  return accept({
    type: 'TransferRequested',
    data: {
      fundId: fund.fundId, transferId: transferIdOf(fund.fundId, state.transfers.size + 1), toFundId: command.toFundId, external,
      amount: amount.value.toFixed(), ...sourceOf(choice),
      restrictionPurpose,
      restrictionBeneficiary: restriction?.beneficiary ?? null,
      purpose: command.purpose, note: command.note,
      approvalsRequired: approversRequired(policyAt(fund, requestedAt), amount.value),
      fiscalYear: fiscalYearOf(requestedAt), requestedBy: command.actor.userId, requestedAt,
    },
  });
}

function found(state: SpendingState, transferId: string): TransferState | SpendingDecision {
  return state.transfers.get(transferId) ?? notFound('transfer', transferId);
}

const isDecision = (value: TransferState | SpendingDecision): value is SpendingDecision => 'ok' in value;

function wrongState(transfer: TransferState): SpendingDecision {
  return reject(RejectionCode.INVALID_STATE, `Transfer ${transfer.transferId} is ${transfer.status}`, { status: transfer.status }, {
    reason: 'transfer', params: { transferId: transfer.transferId },
  });
}

export function approveTransfer(command: ApproveTransfer, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const transfer = found(state, command.transferId);
  if (isDecision(transfer)) return transfer;
  if (transfer.status !== 'requested') return wrongState(transfer);
  if (transfer.requestedBy === command.actor.userId) return reject(RejectionCode.SELF_APPROVAL_FORBIDDEN, 'Nobody may approve their own request');
  if (transfer.approvers.includes(command.actor.userId)) {
    return reject(RejectionCode.DUPLICATE_APPROVAL, 'This approver has already approved this transfer', {
      approvalsRequired: transfer.approvalsRequired, approvalsCount: transfer.approvers.length,
    }, { reason: 'transfer' });
  }
  // The approval's business date: the completing one's is when the money went in transit, so a
  // backlog of past transfers is entered with its real dates.
  const approvedAt = command.approvedAt ?? command.now;
  const dated = businessDateProblem('approvedAt', command.approvedAt, command.now)
    ?? dateOrderProblem('approvedAt', approvedAt, 'requestedAt', transfer.requestedAt)
    ?? periodClosedRejection(fund, approvedAt);
  if (dated) return dated;
  const approvalsCount = transfer.approvers.length + 1;
  return accept({
    type: 'TransferApproved',
    data: {
      fundId: fund.fundId, transferId: transfer.transferId, approvedBy: command.actor.userId, note: command.note, approvalsCount,
      approvalsRequired: transfer.approvalsRequired, fullyApproved: approvalsCount >= transfer.approvalsRequired, approvedAt,
    },
  });
}

export function rejectTransfer(command: RejectTransfer, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const transfer = found(state, command.transferId);
  if (isDecision(transfer)) return transfer;
  if (transfer.status !== 'requested') return wrongState(transfer);
  return accept({
    type: 'TransferRejected',
    data: { fundId: fund.fundId, transferId: transfer.transferId, rejectedBy: command.actor.userId, reason: command.reason, rejectedAt: command.now },
  });
}

/**
 * The transfer the receiving fund acts on: addressed to it, in transit, dated no earlier than it
 * went in transit (DATE_BEFORE_REQUEST), and in a period the receiver has not closed.
 */
function arriving(
  command: ReceiveTransfer | ReturnTransfer, state: SpendingState, receiver: FundState | undefined, businessDate: string,
): TransferState | SpendingDecision {
  const transfer = state.transfers.get(command.transferId);
  if (!transfer || transfer.toFundId !== command.toFundId || transfer.external) return notFound('transfer', command.transferId);
  if (!receiver || receiver.status !== 'open') return notFound('fund', command.toFundId);
  if (transfer.status !== 'in_transit') return wrongState(transfer);
  // Arriving before it left would put the money at the receiver in no period's receipts.
  const sentAt = transfer.sentAt ?? transfer.requestedAt;
  return dateOrderProblem(command.type === 'ReceiveTransfer' ? 'receivedAt' : 'returnedAt', businessDate, 'sentAt', sentAt)
    ?? periodClosedRejection(receiver, businessDate) ?? transfer;
}

/**
 * The receiving fund takes the money in (R16). The sender's campaign is the sender's: at the
 * receiver, restricted money (a campaign's pool, a designated gift) is a restricted pool named by
 * the transfer, with the purpose it left with, and unrestricted money is the component's. The
 * receiving accountant may take it in for one of the receiving fund's own campaigns: unrestricted
 * money or a campaign's pool enters that campaign's pool when it has one; a donor's designation
 * stays in the transfer's pool, and a campaign without a pool holds the money where it arrives.
 * A campaign named is judged by its receiving window on the date of receipt, as a donation to it
 * would be (CAMPAIGN_NOT_OPEN, CAMPAIGN_CLOSED).
 */
export function receiveTransfer(command: ReceiveTransfer, state: SpendingState, fund: OpenFundState, receiver: FundState | undefined): SpendingDecision {
  const receivedAt = command.receivedAt ?? command.now;
  const transfer = arriving(command, state, receiver, receivedAt);
  if (isDecision(transfer)) return transfer;
  // Received, the money leaves the sender's transit on that day: a period the sender closed stays as closed.
  const senderClosed = periodClosedRejection(fund, receivedAt);
  if (senderClosed) return senderClosed;
  const campaignId = command.campaignId ?? null;
  const campaign = campaignId === null || receiver?.status !== 'open' ? undefined : ownEntry(receiver.campaigns, campaignId);
  if (campaignId !== null && !campaign) return notFound('campaign', campaignId);
  // Taken in for a campaign, the money is the campaign's receipt: inside its window, as a donation's.
  const outsideWindow = campaign === undefined ? undefined : campaignReceivingRejection(campaign, receivedAt);
  if (outsideWindow) return outsideWindow;
  const { restrictionId } = transfer;
  const ownPool = restrictionId === null ? null : transfer.transferId;
  const designated = restrictionId !== null && !restrictionId.startsWith(CAMPAIGN_POOL_PREFIX);
  const intoCampaignPool = campaign !== undefined && campaign.restrictionId !== null && !designated;
  const receivedRestrictionId = intoCampaignPool ? campaign.restrictionId : ownPool;
  return accept({
    type: 'TransferReceived',
    data: {
      fundId: fund.fundId, transferId: transfer.transferId, toFundId: transfer.toFundId, amount: transfer.amount.toFixed(),
      component: transfer.component, restrictionId, receivedRestrictionId, receivedCampaignId: campaign?.campaignId ?? null, campaignId: transfer.campaignId,
      restrictionPurpose: transfer.restrictionPurpose, restrictionBeneficiary: transfer.restrictionBeneficiary,
      receivedBy: command.actor.userId, receivedAt,
    },
  });
}

/**
 * Money received as the fund's general money (no campaign named on receipt), assigned afterwards
 * to one of the fund's own campaigns, in this order: this fund received the transfer, or booked it
 * from a note of the ledger the command names (NOT_FOUND);
 * it was received for no campaign and not assigned before (INVALID_STATE); it is assigned no
 * earlier than it was received (DATE_BEFORE_REQUEST: a receipt may be dated up to tomorrow, and
 * the assignment is dated when it is decided); the campaign is the fund's (NOT_FOUND) and received on the day the money did (CAMPAIGN_NOT_OPEN, CAMPAIGN_CLOSED, as
 * for a donation); the money moves as the receipt would have moved it, so restricted money
 * keeps its restriction (RESTRICTION_MISMATCH: a donor's designation, or a campaign's money for a
 * campaign without a pool of its own); the whole amount is still in its pool (INSUFFICIENT_FUNDS).
 */
export function assignTransferToCampaign(command: AssignTransferToCampaign, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const received = receivedMoney(command, state, fund);
  if (!received) return notFound('transfer', command.transferId);
  const params = { transferId: received.transferId };
  if (received.receivedCampaignId !== null) {
    return reject(RejectionCode.INVALID_STATE, `Transfer ${received.transferId} was received for campaign ${received.receivedCampaignId}`, {
      status: 'received', receivedCampaignId: received.receivedCampaignId,
    }, { reason: 'transfer-campaign-named', params: { ...params, campaignId: received.receivedCampaignId } });
  }
  const earlier = state.transferAssignments.get(receivedMoneyKey(received.fromLedger, received.transferId));
  if (earlier !== undefined) {
    return reject(RejectionCode.INVALID_STATE, `Transfer ${received.transferId} was assigned by ${earlier}`, { status: 'assigned', assignmentId: earlier }, {
      reason: 'transfer-assigned', params: { ...params, assignmentId: earlier },
    });
  }
  // Money booked as arriving later is nobody's campaign's before it arrives.
  if (dateOrderProblem('assignedAt', command.now, 'receivedAt', received.receivedAt)) {
    return reject(RejectionCode.DATE_BEFORE_REQUEST, `Transfer ${received.transferId} was received at ${shownInVietnamTime(received.receivedAt)}: it is assigned to a campaign from then on`, {
      field: 'assignedAt', value: command.now, receivedAt: received.receivedAt,
    }, { reason: 'transfer-not-arrived', params: { ...params, receivedAt: received.receivedAt } });
  }
  const campaign = ownEntry(fund.campaigns, command.campaignId);
  if (!campaign) return notFound('campaign', command.campaignId);
  const outsideWindow = campaignReceivingRejection(campaign, received.receivedAt);
  if (outsideWindow) return outsideWindow;
  const from = received.receivedRestrictionId;
  const designated = received.restrictionId !== null && !received.restrictionId.startsWith(CAMPAIGN_POOL_PREFIX);
  if (from !== null && (designated || campaign.restrictionId === null)) {
    return reject(RejectionCode.RESTRICTION_MISMATCH, `Pool ${from} keeps the restriction it arrived with: only general money, or a campaign's money for a campaign with a pool, is assigned to campaign ${campaign.campaignId}`, {
      restrictionId: from, campaignId: campaign.campaignId,
    }, { reason: 'transfer-restricted' });
  }
  const amount = new MoneyDecimal(received.amount);
  const shortfall = shortfallProblem(state, inflows, poolKeyOf(received.component, from), amount, command.now);
  if (shortfall) return shortfall;
  return accept({
    type: 'TransferAssignedToCampaign',
    data: {
      fundId: fund.fundId, assignmentId: transferAssignmentIdOf(state.transferAssignmentLog.size + 1), transferId: received.transferId,
      fromFundId: received.fromFundId, ...(received.fromLedger === undefined ? {} : { fromLedger: received.fromLedger }), receivedAt: received.receivedAt,
      amount: amount.toFixed(), component: received.component, restrictionId: from,
      toComponent: received.component, toCampaignId: campaign.campaignId, toRestrictionId: campaign.restrictionId,
      reason: command.reason, assignedBy: command.actor.userId, assignedAt: command.now,
    },
  });
}

/** Money this fund received from another fund, as an assignment to a campaign sees it. */
interface ReceivedMoney {
  transferId: string;
  fromFundId: string;
  /** Set for money booked from a transfer note: the sending ledger. */
  fromLedger?: string;
  receivedAt: string;
  amount: string;
  component: string;
  /** The pool the receipt put it in (null: the component's unrestricted money), and the sender's restriction. */
  receivedRestrictionId: string | null;
  restrictionId: string | null;
  /** The receiver's campaign it was taken in for; null for none. */
  receivedCampaignId: string | null;
}

/**
 * What the command's transfer brought this fund: a transfer of this ledger by its receipt (in the
 * sender's stream, looked up by the caller), or money booked from a note of the ledger the command
 * names (in this fund's own stream). A note booked into a campaign's pool (`campaign:<id>`, before
 * notes named their pools) was taken in for that campaign.
 */
function receivedMoney(command: AssignTransferToCampaign, state: SpendingState, fund: OpenFundState): ReceivedMoney | undefined {
  if (command.fromLedger) {
    const note = state.importedNotes.get(transferNoteKey({ ledger: command.fromLedger, transferId: command.transferId }));
    if (!note) return undefined;
    return {
      transferId: note.transferId, fromFundId: note.fromFundId, fromLedger: note.fromLedger, receivedAt: note.importedAt, amount: note.amount,
      component: note.component, receivedRestrictionId: note.receivedRestrictionId, restrictionId: note.restrictionId,
      receivedCampaignId: campaignOfMovement(null, note.receivedRestrictionId),
    };
  }
  const received = command.received;
  if (!received || received.transferId !== command.transferId || received.toFundId !== fund.fundId) return undefined;
  return {
    transferId: received.transferId, fromFundId: received.fundId, receivedAt: received.receivedAt, amount: received.amount, component: received.component,
    receivedRestrictionId: received.receivedRestrictionId, restrictionId: received.restrictionId, receivedCampaignId: received.receivedCampaignId,
  };
}

export function returnTransfer(command: ReturnTransfer, state: SpendingState, fund: OpenFundState, receiver: FundState | undefined): SpendingDecision {
  const returnedAt = command.returnedAt ?? command.now;
  const transfer = arriving(command, state, receiver, returnedAt);
  if (isDecision(transfer)) return transfer;
  // Returned, the money comes back into the sender's books on that day: a period the sender closed stays as closed.
  const senderClosed = periodClosedRejection(fund, returnedAt);
  if (senderClosed) return senderClosed;
  return accept({
    type: 'TransferReturned',
    data: {
      fundId: fund.fundId, transferId: transfer.transferId, toFundId: transfer.toFundId, amount: transfer.amount.toFixed(),
      component: transfer.component, restrictionId: transfer.restrictionId, campaignId: transfer.campaignId, reason: command.reason,
      returnedBy: command.actor.userId, returnedAt,
    },
  });
}

/**
 * Books a signed transfer note of a ledger elsewhere into the fund it is addressed to (R16), in
 * this order: the note reads as a note (VALIDATION_FAILED, each member named); its keyId is a key
 * this fund trusts and its signature holds over the canonical JSON of the rest
 * (INVALID_SIGNATURE, `details.reason` UNTRUSTED_KEY or BAD_SIGNATURE: a note with one digit
 * changed is a bad signature); it is addressed to this fund (NOTE_MISADDRESSED); it was not booked
 * before (ALREADY_EXISTS, naming the earlier booking); its component is one of this fund's; it is
 * booked no earlier than the note's business date (DATE_BEFORE_REQUEST: a note sent with the next
 * morning's date waits for it); the day it is booked is in no closed period. The money enters with
 * its restriction or campaign purpose.
 */
export function importTransferNote(command: ImportTransferNote, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const parsed = parseTransferNote(command.note);
  if (!parsed.ok) return unreadable(parsed.problems);
  const { note } = parsed;
  const trusted = ownEntry(fund.trustedKeys, note.keyId);
  if (!trusted) {
    return reject(RejectionCode.INVALID_SIGNATURE, `The note is signed by key ${note.keyId}, which this fund does not trust`, {
      reason: 'UNTRUSTED_KEY', keyId: note.keyId, ledger: note.ledger,
    }, { reason: 'untrusted-key' });
  }
  if (transferNoteSignatureProblem(note, trusted.publicKey)) {
    return reject(RejectionCode.INVALID_SIGNATURE, `The note's signature does not verify with key ${note.keyId} (${trusted.chapter})`, {
      reason: 'BAD_SIGNATURE', keyId: note.keyId, chapter: trusted.chapter,
    }, { reason: 'bad-signature' });
  }
  if (note.toFundId !== fund.fundId) {
    return reject(RejectionCode.NOTE_MISADDRESSED, `The note sends ${note.transferId} to fund ${note.toFundId}, not to ${fund.fundId}`, {
      toFundId: note.toFundId, fundId: fund.fundId, transferId: note.transferId,
    });
  }
  const earlier = state.importedNotes.get(transferNoteKey(note));
  if (earlier) {
    return reject(RejectionCode.ALREADY_EXISTS, `Transfer ${note.transferId} of ${note.ledger} was booked at ${shownInVietnamTime(earlier.importedAt)}`, {
      entity: 'transferNote', transferId: earlier.transferId, fromLedger: earlier.fromLedger, amount: earlier.amount,
      importedBy: earlier.importedBy, importedAt: earlier.importedAt,
    }, { reason: 'transfer-note' });
  }
  const amount = parseVnd('amount', note.amount);
  if (!amount.ok) return amount.rejection;
  if (!fund.components.includes(note.component)) {
    return reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${note.component}"`, { component: note.component, known: fund.components });
  }
  // Booked before the day it was sent (a next morning's value date), it would be in no period's receipts.
  const closed = dateOrderProblem('importedAt', command.now, 'businessDate', note.businessDate) ?? periodClosedRejection(fund, command.now);
  if (closed) return closed;
  return accept({
    type: 'TransferNoteImported',
    data: {
      fundId: fund.fundId, transferId: note.transferId, fromLedger: note.ledger, fromFundId: note.fromFundId, fromChapter: note.fromChapter,
      keyId: note.keyId, amount: amount.value.toFixed(), component: note.component, campaignId: note.campaignId,
      receivedRestrictionId: importedRestrictionId(note), restrictionPurpose: note.restrictionPurpose,
      restrictionBeneficiary: note.restrictionBeneficiary, purpose: note.purpose, note,
      importedBy: command.actor.userId, importedAt: command.now,
    },
  });
}

/**
 * The sending fund records the receiving ledger's signed delivery receipt of a transfer to a ledger
 * elsewhere (R16), in this order: the receipt reads as a receipt (VALIDATION_FAILED, each member
 * named); the transfer is this fund's (NOT_FOUND) and goes to a ledger elsewhere (INVALID_STATE,
 * `details.external: false`); it was not delivered before (ALREADY_EXISTS, naming the earlier
 * receipt) and is in transit (INVALID_STATE); the receipt is signed by a key this fund trusts and
 * its signature holds (INVALID_SIGNATURE, UNTRUSTED_KEY or BAD_SIGNATURE); it names this transfer,
 * this ledger, this fund, the receiving fund and the amount (RECEIPT_MISMATCH, the member named);
 * the day it is recorded is in no closed period. The money leaves `inTransitOut` for good, arrived
 * on the receipt's business date, or on the day it went in transit when the receipt's is earlier.
 */
export function recordTransferDelivery(command: RecordTransferDelivery, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const parsed = parseDeliveryReceipt(command.receipt);
  if (!parsed.ok) return unreadable(parsed.problems);
  const { receipt } = parsed;
  const transfer = found(state, command.transferId);
  if (isDecision(transfer)) return transfer;
  if (!transfer.external) {
    return reject(RejectionCode.INVALID_STATE, `Transfer ${transfer.transferId} goes to ${transfer.toFundId}, a fund of this ledger: it is received here, with no receipt`, {
      external: false, toFundId: transfer.toFundId,
    }, { reason: 'transfer-internal-receipt', params: { transferId: transfer.transferId } });
  }
  if (transfer.status === 'delivered' && transfer.delivery) {
    const earlier = transfer.delivery;
    return reject(RejectionCode.ALREADY_EXISTS, `Transfer ${transfer.transferId} was recorded as delivered at ${shownInVietnamTime(earlier.recordedAt)}`, {
      entity: 'transferDelivery', transferId: transfer.transferId, toLedger: earlier.toLedger, receivedAt: earlier.receivedAt,
      receivedPosition: earlier.receivedPosition, recordedBy: earlier.recordedBy, recordedAt: earlier.recordedAt,
    }, { reason: 'transfer-delivery' });
  }
  if (transfer.status !== 'in_transit') return wrongState(transfer);
  const trusted = ownEntry(fund.trustedKeys, receipt.keyId);
  if (!trusted) {
    return reject(RejectionCode.INVALID_SIGNATURE, `The receipt is signed by key ${receipt.keyId}, which this fund does not trust`, {
      reason: 'UNTRUSTED_KEY', keyId: receipt.keyId, ledger: receipt.ledger,
    }, { reason: 'untrusted-receipt-key' });
  }
  if (!deliveryReceiptVerifies(receipt, trusted.publicKey)) {
    return reject(RejectionCode.INVALID_SIGNATURE, `The receipt's signature does not verify with key ${receipt.keyId} (${trusted.chapter})`, {
      reason: 'BAD_SIGNATURE', keyId: receipt.keyId, chapter: trusted.chapter,
    }, { reason: 'bad-receipt-signature' });
  }
  const amount = parseVnd('amount', receipt.amount);
  if (!amount.ok) return amount.rejection;
  const expected: [keyof typeof receipt, string, string][] = [
    ['transferId', transfer.transferId, receipt.transferId],
    ['fromLedger', command.ledger, receipt.fromLedger],
    ['fromFundId', fund.fundId, receipt.fromFundId],
    ['toFundId', transfer.toFundId, receipt.toFundId],
    ['amount', transfer.amount.toFixed(), amount.value.eq(transfer.amount) ? transfer.amount.toFixed() : receipt.amount],
  ];
  for (const [field, wanted, given] of expected) {
    if (wanted !== given) {
      return reject(RejectionCode.RECEIPT_MISMATCH, `The receipt names ${field} ${given}; transfer ${transfer.transferId} has ${wanted}`, {
        field, expected: wanted, actual: given, transferId: transfer.transferId,
      });
    }
  }
  const closed = periodClosedRejection(fund, command.now);
  if (closed) return closed;
  // The other ledger may book the note before the day this one sent it (an approval dated the next
  // morning): here it arrives no earlier than it left, or no period would count its arrival. Nor
  // in a period this fund closed before the receipt came: the transfer was in transit when that
  // period was closed, and stays so in it; it arrives on the first day after. The receipt keeps
  // the other ledger's own date.
  const sentAt = transfer.sentAt ?? transfer.requestedAt;
  const receivedAt = openFrom(fund, instantOf(receipt.businessDate) < instantOf(sentAt) ? sentAt : receipt.businessDate);
  return accept({
    type: 'TransferDelivered',
    data: {
      fundId: fund.fundId, transferId: transfer.transferId, toFundId: transfer.toFundId, amount: transfer.amount.toFixed(),
      component: transfer.component, restrictionId: transfer.restrictionId, campaignId: transfer.campaignId,
      toLedger: receipt.ledger, toChapter: receipt.toChapter, keyId: receipt.keyId, receivedAt,
      receivedPosition: receipt.position, receipt, recordedBy: command.actor.userId, recordedAt: command.now,
    },
  });
}
