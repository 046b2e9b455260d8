import { DISBURSEMENT_STATUSES } from '../../../projections/disbursement-register.projection';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { Field, Money, NestedField, OptionalField, Position } from './field';
import { DeliveryReceiptDto } from '../dto/transfer-note.dto';

export class DonationRecordedResponse {
  @Field('The donation: DN-<receipt number>', 'DN-2024-000123') donationId: string;
  @Field('The next receipt number of the fiscal year of receivedAt (Vietnam time)', '2024-000123') receiptNo: string;
  @Money('The amount in VND (rounded half-up to the dong for another currency)') amountVnd: string;
  @Position() position: number;
}

export class WithheldShareResponse {
  @Field('The beneficiary whose cash share was closed as not delivered before the payment', 'BF-000002') beneficiaryId: string;
  @Money('The share\'s amount, left in the fund, VND', '300000') amount: string;
}

export class DisbursementAnswerResponse {
  @Field('The disbursement', 'DB-2024-000007') disbursementId: string;
  @Field('Its status after this command', 'requested', { enum: DISBURSEMENT_STATUSES }) status: string;
  @OptionalField('Approvals the policy in force at the request\'s business date requires (on a request and an approval)', 2) approvalsRequired?: number;
  @OptionalField('Distinct approvals so far (on an approval)', 1) approvalsCount?: number;
  @OptionalField('On a management-cost request: true when it passes the board\'s warning share (R6) but stays under the cap', false) managementCostWarning?: boolean;
  @OptionalField('On a request resent past DUPLICATE_AID with a reason: true, it is flagged for the approvers', true) duplicateOverride?: boolean;
  @OptionalField('On an approval of such a request: true, this approval records the override', true) duplicateOverrideApproved?: boolean;
  @OptionalField('On a payment that left out cash shares closed as not delivered before it: those shares; it paid the amount less them', [{ beneficiaryId: 'BF-000002', amount: '300000' }], {
    type: WithheldShareResponse, isArray: true,
  }) withheld?: WithheldShareResponse[];
  @Position() position: number;
}

export class ReleaseAnswerResponse {
  @Field('The emergency release', 'ER-2024-000003') releaseId: string;
  @Field('Always open: it still needs settling', 'open', { enum: ['open'] }) status: 'open';
  @Field('The date by which it must be settled (the policy\'s emergencySettlementDays after releasedAt)', '2024-07-01T09:00:00+07:00') settleBy: string;
  @Field('The campaign the money came from; null when none', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
  @Position() position: number;
}

export class SettlementAnswerResponse {
  @Field('The emergency release', 'ER-2024-000003') releaseId: string;
  @Field('Always settled', 'settled', { enum: ['settled'] }) status: 'settled';
  @Field('Whether it was settled after settleBy (by business date)', false) late: boolean;
  @Field('Days past settleBy; 0 when on time', 0) daysOverdue: number;
  @Position() position: number;
}

export class ReversalAnswerResponse {
  @Field('The reversal: a new entry pointing at the one it corrects', 'RV-000002') reversalId: string;
  @Field('The entry reversed', 'DN-2024-000123') entryId: string;
  @OptionalField('For an emergency release: open (a settlement was reversed) or cancelled (an open release was)', 'open', { enum: ['open', 'cancelled'] }) releaseStatus?: string;
  @OptionalField('For a payment: what came back to the fund, VND: the payment less the shares it left out and the money of closed shares given back before', '500000') givenBack?: string;
  @Position() position: number;
}

export class ReversalInfoResponse {
  @Field('The reversal', 'RV-000002') reversalId: string;
  @Field('Its business date', '2024-06-20T09:00:00+07:00') reversedAt: string;
  @Field('Why the entry was reversed', 'Giao dịch bị ngân hàng hoàn trả') reason: string;
}

export class PaymentReversalInfoResponse extends ReversalInfoResponse {
  @Money('What the reversal gave back to the fund, VND: what the payment still had out (amount − withheld − returned before it)', '20000000') givenBack: string;
}

export class DonorResponse {
  @Field('The donor\'s name', 'Nguyễn Văn An') name: string;
  @Field('individual, organization or anonymous', 'individual') kind: string;
  @Field('The name the donor chose to publish', 'Nguyễn V. A.', { nullable: true, type: String }) publicName: string | null;
  @Field('Tax code, when given', null, { nullable: true, type: String }) taxCode: string | null;
  @Field('Address, when given', null, { nullable: true, type: String }) address: string | null;
  @Field('Contact, when given', null, { nullable: true, type: String }) contact: string | null;
}

export class RestrictionResponse {
  @Field('What the money may be spent on', 'Hỗ trợ học sinh nghèo') purpose: string;
  @Field('A named recipient; null when none', null, { nullable: true, type: String }) beneficiary: string | null;
}

export class InKindResponse {
  @Field('What was given', 'Gạo ST25') description: string;
  @Field('How much (decimal string)', '500') quantity: string;
  @Field('Its unit', 'kg') unit: string;
  @OptionalField('How its VND value was set (the staff register only)', 'market price on the day of receipt') valuationMethod?: string;
}

/**
 * What a donation's DonationRecorded event holds, up to its donor: the first fields of the staff
 * register's row and of the receipt lookup's answer. Each adds its own after these (the document
 * lists an inherited field first).
 */
export abstract class RecordedDonationFields {
  @Field('The donation', 'DN-2024-000123') donationId: string;
  @Field('Its receipt number', '2024-000123') receiptNo: string;
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The fiscal year of receivedAt (Vietnam time)', 2024) fiscalYear: number;
  @Field('Business date it was received', '2024-05-12T09:30:00+07:00') receivedAt: string;
  @Field('The component fund', 'general') component: string;
  @Field('The campaign; null when none', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The restricted pool it went to; null when unrestricted', null, { nullable: true, type: String }) restrictionId: string | null;
  @NestedField('Its designation; null when unrestricted', RestrictionResponse, { nullable: true }) restriction: RestrictionResponse | null;
  @Field('cash, bank_transfer, in_kind or online', 'bank_transfer') channel: string;
  @Field('The currency given', 'VND') currency: string;
  @Money('The amount in that currency') amount: string;
  @Field('VND per unit of currency; null for VND', null, { nullable: true, type: String }) fxRate: string | null;
  @Money('The amount in VND') amountVnd: string;
  @Field('Whether it is money (not in kind)', true) cash: boolean;
  @Field('The revenue category of the financial report', 'voluntary_contribution') revenueCategory: string;
  @Field('Whether it counts in the management-cost base (R6)', true) inManagementCostBase: boolean;
  @NestedField('The donor as recorded', DonorResponse) donor: DonorResponse;
}

export class DonationRowResponse extends RecordedDonationFields {
  @Field('The name shown publicly ("Ẩn danh" for anonymous donors)', 'Nguyễn V. A.') publishedName: string;
  @Field('The bank or receipt reference', 'FT24133XYZ', { nullable: true, type: String }) reference: string | null;
  @NestedField('What was given in kind; null for money', InKindResponse, { nullable: true }) inKind: InKindResponse | null;
  @Field('A note', null, { nullable: true, type: String }) note: string | null;
  @Field('Whether it has been reversed', false) reversed: boolean;
  @NestedField('The reversal; null when not reversed', ReversalInfoResponse, { nullable: true }) reversal: ReversalInfoResponse | null;
  @Field('The log position of the donation\'s event', 57) position: number;
}

export class DisbursementRowResponse {
  @Field('The disbursement', 'DB-2024-000007') disbursementId: string;
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('Its status', 'paid', { enum: DISBURSEMENT_STATUSES }) status: string;
  @Field('Its kind', 'humanitarian', { enum: DISBURSEMENT_KINDS }) kind: string;
  @Money('The amount, VND', '20000000') amount: string;
  @Field('The component fund', 'general') component: string;
  @Field('The campaign; null when none', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The restricted pool; null when none', null, { nullable: true, type: String }) restrictionId: string | null;
  @Field('What it is for', 'Hỗ trợ 20 hộ nghèo') purpose: string;
  @Field('Who receives it', 'UBND xã An Phú') beneficiary: string;
  @Field('The commune\'s certification of the beneficiary list', 'CV-123/UBND', { nullable: true, type: String }) certificationRef: string | null;
  @Field('A note', null, { nullable: true, type: String }) note: string | null;
  @Field('Approvals required', 1) approvalsRequired: number;
  @Field('Approvals so far', 1) approvalsCount: number;
  @Field('The fiscal year of the request', 2024) fiscalYear: number;
  @Field('The requesting user', '0b7d5a64-3c0f-4c1e-9a55-6f0f2f8f2c11') requestedBy: string;
  @Field('Business date of the request', '2024-06-01T09:00:00+07:00') requestedAt: string;
  @Field('When the last approval came; null before', '2024-06-01T10:00:00.000Z', { nullable: true, type: String }) approvedAt: string | null;
  @Field('When it was rejected; null unless rejected', null, { nullable: true, type: String }) rejectedAt: string | null;
  @Field('Why it was rejected', null, { nullable: true, type: String }) rejectionReason: string | null;
  @Field('Business date of the payment; null before', '2024-06-01T10:00:00+07:00', { nullable: true, type: String }) paidAt: string | null;
  @Field('The payment\'s reference', 'UNC-2024-0601', { nullable: true, type: String }) paymentReference: string | null;
  @NestedField('The reversal of its payment; null when none', PaymentReversalInfoResponse, { nullable: true }) reversal: PaymentReversalInfoResponse | null;
  @Money('The money of its cash shares closed as not delivered given back to the fund, VND (ShareMoneyReturned): it paid amount − withheld − returned', '0') returned: string;
  @Money('Its cash shares closed as not delivered before the payment, VND (DisbursementPaid withheld): the payment left them out and paid amount − withheld', '0') withheld: string;
  @Field('The log position of its latest event', 63) position: number;
}

export class SettlementRecordResponse {
  @Field('The user who recorded the settlement', '0b7d5a64-3c0f-4c1e-9a55-6f0f2f8f2c11') settledBy: string;
  @Field('When the ledger recorded it (the recording clock; settledAt is its business date)', '2024-07-20T10:02:11.512Z') recordedAt: string;
  @Field('The log position of the settlement', 88) position: number;
}

export class ReleaseRowResponse {
  @Field('The emergency release', 'ER-2024-000003') releaseId: string;
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('open, settled or cancelled', 'open') status: string;
  @Field('Open past settleBy at the time of the query', false) overdue: boolean;
  @Money('The amount released, VND', '30000000') amount: string;
  @Field('The component fund', 'emergency-relief') component: string;
  @Field('The campaign; null when none', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The restricted pool; null when none', null, { nullable: true, type: String }) restrictionId: string | null;
  @Field('The incident', 'Sạt lở đất xã Làng Nủ') incident: string;
  @Field('Who received the money', 'Hội CTĐ huyện Bảo Yên') recipient: string;
  @Field('A note', null, { nullable: true, type: String }) note: string | null;
  @Field('The releasing coordinator', '0b7d5a64-3c0f-4c1e-9a55-6f0f2f8f2c11') releasedBy: string;
  @Field('Business date of the release', '2024-06-01T09:00:00+07:00') releasedAt: string;
  @Field('Settle by this date', '2024-07-01T09:00:00+07:00') settleBy: string;
  @Money('Spent, once settled', '25000000', { nullable: true }) spent: string | null;
  @Money('Returned, once settled', '5000000', { nullable: true }) returned: string | null;
  @Field('Evidence of the settlement', ['Biên bản bàn giao số 12/BB'], { type: [String] }) evidence: string[];
  @Field('Business date of the settlement; null while open', null, { nullable: true, type: String }) settledAt: string | null;
  @NestedField('Who settled it, when the settlement was recorded and at which log position; null unless settled', SettlementRecordResponse, { nullable: true }) settlement: SettlementRecordResponse | null;
  @Field('Settled after settleBy (by the settlement\'s business date), or open past it', false) late: boolean;
  @Field('Days past settleBy', 0) daysOverdue: number;
  @NestedField('The reversal; null when none', ReversalInfoResponse, { nullable: true }) reversal: ReversalInfoResponse | null;
  @Field('The log position of the release', 71) position: number;
}

export class PageFields {
  @Field('The cursor of the next page (pass it as ?cursor=); null on the last page', null, { nullable: true, type: String }) nextCursor: string | null;
  @Field('The log position the page reflects', 1234) position: number;
  @Field('The page size used', 100) limit: number;
}

export class DonationPageResponse extends PageFields {
  @NestedField('The donations of this page', [DonationRowResponse]) items: DonationRowResponse[];
}

export class DisbursementPageResponse extends PageFields {
  @NestedField('The disbursements of this page', [DisbursementRowResponse]) items: DisbursementRowResponse[];
}

export class ReleasePageResponse extends PageFields {
  @NestedField('The emergency releases of this page', [ReleaseRowResponse]) items: ReleaseRowResponse[];
}

export const TRANSFER_STATUSES = ['requested', 'in_transit', 'received', 'returned', 'rejected', 'delivered'] as const;

export class TransferAnswerResponse {
  @Field('The transfer: TR-<sending fund>-<sequence>', 'TR-ctd-xa-an-phu-000001') transferId: string;
  @Field('Its status after this command: requested until the policy\'s approvers agree, then in_transit until the receiver receives or returns it', 'in_transit', { enum: TRANSFER_STATUSES }) status: string;
  @OptionalField('Approvals the policy in force at the request\'s business date requires (on a request and an approval)', 1) approvalsRequired?: number;
  @OptionalField('Distinct approvals so far (on an approval)', 1) approvalsCount?: number;
  @Position() position: number;
}

export class TransferLineResponse {
  @Field('The transfer', 'TR-ctd-xa-an-phu-000001') transferId: string;
  @Field('The sending fund', 'ctd-xa-an-phu') fromFundId: string;
  @Field('The receiving fund', 'ctd-tinh') toFundId: string;
  @Field('Whether the receiving fund is outside this ledger (a signed note carries it)', false) external: boolean;
  @Money('The amount, VND', '20000000') amount: string;
  @Field('The component it left and arrives in', 'general') component: string;
  @Field('The sender\'s restricted pool it left; null when unrestricted', 'campaign:bao-yagi-2024', { nullable: true, type: String }) restrictionId: string | null;
  @Field('The receiver\'s restricted pool it entered (once received): named by the transfer, or the receiver\'s campaign\'s pool it was taken in for', 'TR-ctd-xa-an-phu-000001', { nullable: true, type: String }) receivedRestrictionId: string | null;
  @Field('The sender\'s campaign whose money it is (the sender\'s own, never the receiver\'s)', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
  @Field('The receiver\'s own campaign it was taken in for (once received); null for none', null, { nullable: true, type: String }) receivedCampaignId: string | null;
  @Field('What it is for', 'Chuyển tiền ủng hộ bão Yagi') purpose: string;
  @Field('Status', 'in_transit', { enum: TRANSFER_STATUSES }) status: string;
  @Field('Approvals required', 1) approvalsRequired: number;
  @Field('Approvals given', 1) approvalsCount: number;
  @Field('Who requested it', 'u-ke-toan') requestedBy: string;
  @Field('Business date of the request', '2024-09-20T09:00:00+07:00') requestedAt: string;
  @Field('Business date it went in transit', '2024-09-20T10:00:00+07:00', { nullable: true, type: String }) sentAt: string | null;
  @Field('Business date it was received, returned or rejected', null, { nullable: true, type: String }) closedAt: string | null;
  @Field('Why it was returned or rejected', null, { nullable: true, type: String }) reason: string | null;
  @Field('Days in transit, on Vietnam calendar days: from the day sent to the day received or returned, else to today (as the network report up to today)', 1, { nullable: true, type: Number }) daysInTransit: number | null;
  @OptionalField('Booked from a signed transfer note: the sending ledger\'s name', 'ctd-xa-an-phu.example.vn/ledger') fromLedger?: string;
  @OptionalField('Booked from a signed transfer note: the sending chapter', 'Hội Chữ thập đỏ xã An Phú') fromChapter?: string;
  @OptionalField('Received for no campaign and assigned afterwards to one of the receiver\'s campaigns: the assignment', 'TA-000001') assignmentId?: string;
  @OptionalField('Received for no campaign and assigned afterwards: the receiver\'s campaign it is now', 'bao-yagi-2024') assignedCampaignId?: string;
  @OptionalField('Delivered to a ledger elsewhere (its receipt recorded): the receiving ledger\'s name', 'ctd-tinh.example.vn/ledger') toLedger?: string;
  @OptionalField('Delivered to a ledger elsewhere: the receiving chapter', 'Hội Chữ thập đỏ tỉnh') toChapter?: string;
}

export class TransferAssignAnswerResponse {
  @Field('The transfer', 'TR-ctd-xa-an-phu-000001') transferId: string;
  @Field('The assignment', 'TA-000001') assignmentId: string;
  @Field('assigned', 'assigned', { enum: ['assigned'] }) status: string;
  @Money('VND moved to the campaign', '20000000') amount: string;
  @Field('The campaign it is now', 'bao-yagi-2024') campaignId: string;
  @Field('The campaign\'s pool it entered; null for a campaign without one (the money stays in its component, as the campaign\'s)', 'campaign:bao-yagi-2024', { nullable: true, type: String }) toRestrictionId: string | null;
  @Position() position: number;
}

export class TransferNoteImportAnswerResponse {
  @Field('The transfer, as the sending ledger numbers it', 'TR-ctd-xa-an-phu-000001') transferId: string;
  @Field('Always received: the money is in this fund', 'received', { enum: ['received'] }) status: string;
  @Field('The sending ledger\'s name', 'ctd-xa-an-phu.example.vn/ledger') fromLedger: string;
  @Field('The sending chapter', 'Hội Chữ thập đỏ xã An Phú') fromChapter: string;
  @Money('The amount booked, VND', '20000000') amount: string;
  @Field('The component it entered', 'general') component: string;
  @Field('The restricted pool it entered: `note:<keyId>:<transferId>` for a campaign\'s or a designated gift\'s money, null when unrestricted', 'note:a1b2c3d4:TR-ctd-xa-an-phu-000001', { nullable: true, type: String }) receivedRestrictionId: string | null;
  @Position() position: number;
  @NestedField('The signed delivery receipt of this booking, for the sending ledger (`POST …/transfers/{transferId}/delivered` there)', DeliveryReceiptDto) receipt: DeliveryReceiptDto;
}

export class TransferDeliveredAnswerResponse {
  @Field('The transfer', 'TR-ctd-xa-an-phu-000001') transferId: string;
  @Field('Always delivered: the money has left this ledger', 'delivered', { enum: ['delivered'] }) status: string;
  @Field('The receiving ledger\'s name', 'ctd-tinh.example.vn/ledger') toLedger: string;
  @Field('The business date the receiver booked it', '2024-09-21T09:00:00+07:00') receivedAt: string;
  @Position() position: number;
}

export class RestrictionReleaseLineResponse {
  @Field('The release', 'RR-000001') releaseRequestId: string;
  @Field('The restricted pool released', 'DN-2024-000012') restrictionId: string;
  @Field('Its component', 'general') component: string;
  @Money('The amount held, then released', '3000000') amount: string;
  @Field('The component whose unrestricted money it becomes', 'general') newComponent: string;
  @Field('Its new purpose', 'Hỗ trợ hộ nghèo') newPurpose: string;
  @Field("The donor's consent", 'Thư đồng ý ngày 12/12/2024') consentRef: string;
  @Field('requested or released', 'requested', { enum: ['requested', 'released'] }) status: string;
  @Field('Approvals required', 1) approvalsRequired: number;
  @Field('Who asked', 'u-ke-toan') requestedBy: string;
  @Field('When', '2024-12-20T09:00:00+07:00') requestedAt: string;
}

export class TransferListResponse {
  @Field('The fund', 'ctd-tinh') fundId: string;
  @NestedField('Transfers this fund sent, newest first', [TransferLineResponse]) sent: TransferLineResponse[];
  @NestedField('Transfers sent to this fund by other funds of this ledger, once in transit, and those booked from signed notes of ledgers elsewhere, newest first', [TransferLineResponse]) incoming: TransferLineResponse[];
  @NestedField('Restriction releases of this fund (R5), newest first', [RestrictionReleaseLineResponse]) restrictionReleases: RestrictionReleaseLineResponse[];
  @Field('The log position the answer was computed at', 1234) asOfPosition: number;
}

export class PoolMoveAnswerResponse {
  @Field('The release (RR-<sequence>), the reallocation (SR-<sequence>) or the FX sale (FX-<sequence>)', 'RR-000001') id: string;
  @Field('requested until the approvers agree, then released; a reallocation is reallocated at once; an FX sale settled', 'requested', { enum: ['requested', 'released', 'reallocated', 'settled'] }) status: string;
  @OptionalField('FX sale: the provisional VND amount of the donation', '25000000') provisionalVnd?: string;
  @OptionalField('FX sale: the VND the bank paid', '25350000') settledVnd?: string;
  @OptionalField('FX sale: settledVnd − provisionalVnd (negative for a loss)', '350000') difference?: string;
  @OptionalField('FX sale: the realised rate, VND per unit of currency', '25350') realisedRate?: string;
  @OptionalField('The amount moved (on a release\'s request and a reallocation)', '3000000') amount?: string;
  @OptionalField('Approvals the policy requires for the amount (release)', 1) approvalsRequired?: number;
  @OptionalField('Distinct approvals so far (on an approval)', 1) approvalsCount?: number;
  @Position() position: number;
}

export class TrustedKeyRegisteredResponse {
  @Field('The fund that trusts the key', 'ctd-tinh') fundId: string;
  @Field('The key trusted', 'a1b2c3d4') keyId: string;
  @Position() position: number;
}

export class TrustedKeyResponse {
  @Field('The key\'s keyId', 'a1b2c3d4') keyId: string;
  @Field('The raw 32-byte Ed25519 public key, standard base64', 'Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=') publicKey: string;
  @Field('The chapter whose ledger signs with it', 'Hội Chữ thập đỏ xã An Phú') chapter: string;
  @Field('Who registered it', 'u-admin') registeredBy: string;
  @Field('When', '2024-09-20T09:00:00+07:00') registeredAt: string;
}

export class TrustedKeyListResponse {
  @Field('The fund', 'ctd-tinh') fundId: string;
  @NestedField('The keys, in the order registered', [TrustedKeyResponse]) keys: TrustedKeyResponse[];
  @Field('The log position the keys were read at: the head when it was read', 42) position: number;
}
