import { ActorResponse } from './activity.responses';
import { BENEFICIARY_CATEGORIES, BENEFICIARY_KINDS, BENEFICIARY_LIST_KINDS } from '../../domain/beneficiaries/beneficiaries.events';
import { HANDOVER_STATUSES, NEED_CATEGORIES } from '../../domain/spending/spending.events';
import { Field, NestedField, Position } from './field';
import { PaymentReversalInfoResponse } from './spending.responses';

export class BeneficiaryResponse {
  @Field('The beneficiary', 'BF-000001') beneficiaryId: string;
  @Field('household, person or organization', 'household', { enum: BENEFICIARY_KINDS }) kind: string;
  @Field('The name (a household: its head)', 'Nguyễn Văn An') name: string;
  @Field('The commune', 'Xã Tân Phú') commune: string;
  @Field('The address inside the commune (staff only)', 'Ấp 3', { nullable: true, type: String }) address: string | null;
  @Field('Thôn, xóm or ấp (staff only)', 'Ấp 3', { nullable: true, type: String }) village: string | null;
  @Field('The last four digits of the id number; the number itself is never answered', '6789', { nullable: true, type: String }) idLast4: string | null;
  @Field('Its categories', ['poor'], { enum: BENEFICIARY_CATEGORIES, isArray: true }) categories: string[];
  @Field('The commune lists it is on', ['DS-0001'], { type: [String] }) lists: string[];
  @Field('When the ledger registered it (recording time)', '2026-01-05T02:00:00.000Z') registeredAt: string;
}

export class BeneficiaryRegisteredResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The beneficiary', 'BF-000001') beneficiaryId: string;
  @Field('household, person or organization', 'household', { enum: BENEFICIARY_KINDS }) kind: string;
  @Field('The name', 'Nguyễn Văn An') name: string;
  @Field('The commune', 'Xã Tân Phú') commune: string;
  @Field('The address (staff only)', 'Ấp 3', { nullable: true, type: String }) address: string | null;
  @Field('Thôn, xóm or ấp', null, { nullable: true, type: String }) village: string | null;
  @Field('The last four digits of the id number', '6789', { nullable: true, type: String }) idLast4: string | null;
  @Field('Its categories', ['poor'], { enum: BENEFICIARY_CATEGORIES, isArray: true }) categories: string[];
  @Field('The list that added it; null when registered one by one', null, { nullable: true, type: String }) listId: string | null;
  @Field('Who registered it', 'accountant-1') registeredBy: string;
  @Field('When (recording time)', '2026-01-05T02:00:00.000Z') registeredAt: string;
  @Position() position: number;
}

export class BeneficiaryPageResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('How many match the filters', 1) total: number;
  @NestedField('This page of them, in registration order', [BeneficiaryResponse]) beneficiaries: BeneficiaryResponse[];
  @Field('The log position the registry was read at: the head when it was read', 42) position: number;
}

export class RejectedListLineResponse {
  @Field('The line of the file', 7) line: number;
  @Field('Why, as a code', 'VALIDATION_FAILED') code: string;
  @Field('Why, in words', 'idNumber: must be 9 (CMND) or 12 (CCCD) digits') message: string;
}

export class BeneficiaryListWarningResponse {
  @Field('The line of the file it is about (a title line for COMMUNE_DIFFERS, the later line for REPEATED_LINE)', 2) line: number;
  @Field('COMMUNE_DIFFERS: the list\'s title names another commune than `commune`; REPEATED_LINE: the line names the household an earlier line of the file named (the same id number, or the same name, address and hamlet), listed once. The list is recorded all the same', 'COMMUNE_DIFFERS', { enum: ['COMMUNE_DIFFERS', 'REPEATED_LINE'] }) code: string;
  @Field('What the accountant should look at, in the answer\'s language (Accept-Language)', 'commune: tiêu đề danh sách ghi XÃ TRÀ LENG; danh sách được nhập cho Xã Tân Phú') message: string;
}

export class BeneficiaryListImportedResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The list', 'DS-0001') listId: string;
  @Field('The commune', 'Xã Tân Phú') commune: string;
  @Field('What the list is', 'poor', { enum: BENEFICIARY_LIST_KINDS }) listKind: string;
  @Field('The commune People\'s Committee\'s certification of it (R11)', '12/QĐ-UBND') certificationRef: string;
  @Field('Beneficiaries the list added to the registry', 118) added: number;
  @Field('Lines matched to a beneficiary already registered (same id number; else same name, commune and address) or to an earlier line', 4) matched: number;
  @Field('Of them, lines naming the household of an earlier line of the same file (each warned of as REPEATED_LINE): matched − repeated lines named someone registered before', 1) repeated: number;
  @Field('Beneficiaries on the list, each once', 120) members: number;
  @NestedField('Lines not taken, with their line numbers', [RejectedListLineResponse]) rejected: RejectedListLineResponse[];
  @NestedField('What the accountant should look at in a list recorded all the same: a title naming another commune, a line naming the household of an earlier line', [BeneficiaryListWarningResponse]) warnings: BeneficiaryListWarningResponse[];
  @Position() position: number;
}

export class BeneficiaryListResponse {
  @Field('The list', 'DS-0001') listId: string;
  @Field('The commune', 'Xã Tân Phú') commune: string;
  @Field('What the list is', 'poor', { enum: BENEFICIARY_LIST_KINDS }) listKind: string;
  @Field('The commune\'s certification', '12/QĐ-UBND') certificationRef: string;
  @Field('Beneficiaries on it', 120) members: number;
  @Field('Added by it', 118) added: number;
  @Field('Matched by it', 4) matched: number;
  @Field('Lines rejected', 2) rejected: number;
  @Field('Who imported it', 'accountant-1') importedBy: string;
  @Field('When (recording time)', '2026-01-05T02:00:00.000Z') importedAt: string;
}

export class BeneficiaryListsResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Every list imported, in order', [BeneficiaryListResponse]) lists: BeneficiaryListResponse[];
  @Field('The log position the lists were read at: the head when they were read', 42) position: number;
}

export class DistributionItemResponse {
  @Field('What', 'Gạo') description: string;
  @Field('How much (decimal string)', '10') quantity: string;
  @Field('The unit', 'kg') unit: string;
}

export class HandoverResponse {
  @Field('received, absent or refused', 'received', { enum: HANDOVER_STATUSES }) status: string;
  @Field('When (business date)', '2026-02-10T09:00:00+07:00') handedOverAt: string;
  @Field('Where the proof is', 'Danh sách ký nhận số 3/2026', { nullable: true, type: String }) evidenceRef: string | null;
  @Field('Who recorded it', 'coordinator-1') recordedBy: string;
  @Field('Closed as not delivered: its items are back in the pool\'s free stock', false) closed: boolean;
}

export class HandoverCorrectionResponse {
  @Field('The status of the hand-over set aside', 'received', { enum: HANDOVER_STATUSES }) corrected: string;
  @Field('The date of the hand-over set aside', '2026-02-10T09:00:00+07:00') handedOverAt: string;
  @Field('Why it was recorded in error', 'Ghi nhầm hộ: chưa đến nhận') reason: string;
  @Field('When it was corrected (business date)', '2026-02-11T08:00:00+07:00') correctedAt: string;
  @Field('Who corrected it', 'coordinator-1') correctedBy: string;
}

export class ShareMoneyReturnResponse {
  @Field('The money given back to the fund, whole VND', '500000') amount: string;
  @Field('When it came back (business date)', '2026-02-12T15:00:00+07:00') returnedAt: string;
  @Field('The receipt voucher or return note', 'Phiếu thu PT-0042') evidenceRef: string;
  @Field('Who recorded it', 'accountant-1') recordedBy: string;
}

export class DistributionLineResponse {
  @Field('The beneficiary', 'BF-000001') beneficiaryId: string;
  @Field('Their name as registered', 'Nguyễn Văn An') name: string;
  @Field('Their commune', 'Xã Tân Phú') commune: string;
  @Field('Cash for them, VND; null for items', '500000', { nullable: true, type: String }) amount: string | null;
  @NestedField('Items for them; null for cash', [DistributionItemResponse], { nullable: true }) items: DistributionItemResponse[] | null;
  @NestedField('The last hand-over recorded and not corrected; null before any', HandoverResponse, { nullable: true }) handover: HandoverResponse | null;
  @NestedField('The correction that set aside the hand-over after it, until a new one is recorded; null for none', HandoverCorrectionResponse, { nullable: true })
  correction: HandoverCorrectionResponse | null;
  @NestedField('The money of this cash share, closed as not delivered, given back to the fund; null for none', ShareMoneyReturnResponse, { nullable: true })
  moneyReturned: ShareMoneyReturnResponse | null;
  @Field('True when the share was closed as not delivered before the payment, which left it out: its money never left the fund', false) withheld: boolean;
}

export class EarlierAidResponse {
  @Field('The fund that gave it', 'ctd-hcm') fundId: string;
  @Field('Its disbursement', 'DB-000003') disbursementId: string;
  @Field('The beneficiary in that fund', 'BF-000001') beneficiaryId: string;
  @Field('The need', 'tet-gift') need: string;
  @Field('Its request\'s business date', '2026-01-20T09:00:00+07:00') requestedAt: string;
}

export class DuplicateOverrideResponse {
  @Field('Why it helps again', 'Nhà bị cháy sau đợt trao quà trước') reason: string;
  @NestedField('The earlier aid it knowingly repeats', [EarlierAidResponse]) earlier: EarlierAidResponse[];
}

export class DistributionSheetResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The disbursement', 'DB-000004') disbursementId: string;
  @Field('Its status', 'approved') status: string;
  @Field('The need; null when it carries no distribution', 'tet-gift', { nullable: true, type: String }) needCategory: string | null;
  @Field('The campaign it spends', 'tet-2026', { nullable: true, type: String }) campaignId: string | null;
  @Field('Its request\'s business date', '2026-02-01T09:00:00+07:00') requestedAt: string;
  @NestedField('The override of DUPLICATE_AID it was resent with; null for none', DuplicateOverrideResponse, { nullable: true }) duplicateOverride: DuplicateOverrideResponse | null;
  @NestedField('The reversal of its payment, with what it gave back to the fund (givenBack); null when none', PaymentReversalInfoResponse, { nullable: true })
  reversal: PaymentReversalInfoResponse | null;
  @NestedField('Every line with its last hand-over', [DistributionLineResponse]) lines: DistributionLineResponse[];
  @Field('The log position the sheet was read at', 1234) position: number;
}

export class HandoverRecordedResponse {
  @Field('The disbursement', 'DB-000004') disbursementId: string;
  @Field('The hand-over status recorded', 'received', { enum: HANDOVER_STATUSES }) status: string;
  @Position() position: number;
}

export class HandoverCorrectedResponse {
  @Field('The disbursement', 'DB-000004') disbursementId: string;
  @Field('The beneficiary whose last hand-over was set aside', 'BF-000001') beneficiaryId: string;
  @Field('The hand-over set aside', 'received', { enum: HANDOVER_STATUSES }) corrected: string;
  @Field('What the share is again: the hand-over before it, or null for none', 'absent', { nullable: true, enum: HANDOVER_STATUSES }) restored: string | null;
  @Position() position: number;
}

export class ShareMoneyReturnedResponse {
  @Field('The disbursement', 'DB-000004') disbursementId: string;
  @Field('The beneficiary whose closed share\'s money came back', 'BF-000001') beneficiaryId: string;
  @Field('The money given back to the fund, whole VND (the share\'s amount)', '500000') amount: string;
  @Field('Business date it came back', '2026-02-12T15:00:00+07:00') returnedAt: string;
  @Position() position: number;
}

export class CoverageEntryResponse {
  @Field('The beneficiary', 'BF-000001') beneficiaryId: string;
  @Field('Name', 'Nguyễn Văn An') name: string;
  @Field('Commune', 'Xã Tân Phú') commune: string;
  @Field('Thôn, xóm or ấp', 'Ấp 3', { nullable: true, type: String }) village: string | null;
  @Field('Address', 'Ấp 3', { nullable: true, type: String }) address: string | null;
  @Field('received; else absent, refused, planned (on a distribution, not handed over yet) or none', 'received', {
    enum: ['received', 'absent', 'refused', 'planned', 'none'],
  }) status: string;
  @Field('The disbursement it came (or was to come) from', 'DB-000004', { nullable: true, type: String }) disbursementId: string | null;
  @Field('When it was handed over', '2026-02-10T09:00:00+07:00', { nullable: true, type: String }) handedOverAt: string | null;
  @Field('The proof of it', 'Danh sách ký nhận số 3/2026', { nullable: true, type: String }) evidenceRef: string | null;
}

export class CoverageResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The list', 'DS-0001') listId: string;
  @Field('Its commune', 'Xã Tân Phú') commune: string;
  @Field('Its certification', '12/QĐ-UBND') certificationRef: string;
  @Field('The need', 'tet-gift', { enum: NEED_CATEGORIES }) need: string;
  @Field('From this day (Vietnam time)', '2026-01-15', { nullable: true, type: String }) from: string | null;
  @Field('To this day', '2026-02-20', { nullable: true, type: String }) to: string | null;
  @Field('Beneficiaries on the list', 120) total: number;
  @Field('How many received', 119) receivedCount: number;
  @Field('How many did not', 1) notReceivedCount: number;
  @NestedField('Who received', [CoverageEntryResponse]) received: CoverageEntryResponse[];
  @NestedField('Who did not, with the last word on them', [CoverageEntryResponse]) notReceived: CoverageEntryResponse[];
  @Field('The log position the coverage was computed at: the head when it was read', 42) position: number;
  @Field('sha256 of the canonical JSON (RFC 8785) of this answer without its sha256', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08') sha256: string;
}

export class DuplicateOverrideRowResponse {
  @Field('The disbursement', 'DB-000009') disbursementId: string;
  @Field('Its status', 'approved') status: string;
  @Field('The need', 'tet-gift', { nullable: true, type: String }) needCategory: string | null;
  @Field('Who requested it', 'accountant-1') requestedBy: string;
  @Field('Its business date', '2026-02-05T09:00:00+07:00') requestedAt: string;
  @Field('Why it helps again', 'Nhà bị cháy sau đợt trao quà trước') reason: string;
  @NestedField('The earlier aid', [EarlierAidResponse]) earlier: EarlierAidResponse[];
  @Field('The approvers whose approvals recorded the override', ['approver-1'], { type: [String] }) approvedBy: string[];
  @NestedField('The same approvers with their names, in the same order, as people read them', [ActorResponse]) approvers: ActorResponse[];
}

export class DuplicateOverridesResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Every request resent past DUPLICATE_AID', [DuplicateOverrideRowResponse]) overrides: DuplicateOverrideRowResponse[];
  @Field('The log position the report was computed at: the head when it was read', 42) position: number;
}

export class PublicBeneficiaryResponse {
  @Field('The name', 'Nguyễn Văn An') name: string;
  @Field('The commune', 'Xã Tân Phú') commune: string;
  @Field('The need', 'tet-gift', { enum: NEED_CATEGORIES }) need: string;
  @Field('Cash, VND; null for items', '500000', { nullable: true, type: String }) amount: string | null;
  @NestedField('Items; null for cash', [DistributionItemResponse], { nullable: true }) items: DistributionItemResponse[] | null;
  @Field('The support level in words', '500000 VND') level: string;
  @Field('The campaign', 'tet-2026', { nullable: true, type: String }) campaignId: string | null;
  @Field('The disbursement', 'DB-000004') disbursementId: string;
}

export class PublicBeneficiariesResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The campaign, when the list is of one', 'tet-2026', { nullable: true, type: String }) campaignId: string | null;
  @Field('The commune the list is narrowed to; null for all', null, { nullable: true, type: String }) commune: string | null;
  @NestedField('A page of the lines of every approved or paid distribution: never an id number, address or contact', [PublicBeneficiaryResponse])
  beneficiaries: PublicBeneficiaryResponse[];
  @Field('Lines of the list (of the commune, when one is asked) over every page', 1250) total: number;
  @Field('Every commune of the list, in Vietnamese order: what `commune` may name', ['Xã Trà Leng', 'Xã Trà Tập'], { type: [String] }) communes: string[];
  @Field('The cursor of the next page (pass it as ?cursor=); null on the last page', null, { nullable: true, type: String }) nextCursor: string | null;
  @Field('The page size used', 100) limit: number;
  @Field('The log position the list was read at: the head when it was read', 42) position: number;
}

export class StockItemResponse {
  @Field('The item, as first written', 'Gạo tẻ') description: string;
  @Field('Its unit', 'kg') unit: string;
  @Field('Received in kind (donations not reversed), decimal string', '2000') received: string;
  @Field('Promised on distributions still standing, and shares handed out whatever became of their request since', '1500') allocated: string;
  @Field('Handed out (hand-overs received)', '1200') handedOut: string;
  @Field('On hand: received less handed out', '800') onHand: string;
  @Field('Free to promise: received less promised', '500') free: string;
}

export class StockPoolResponse {
  @Field('The pool: the component, and `#restrictionId` for a restricted one', 'general#DN-2026-000004') pool: string;
  @Field('Its component fund', 'general') component: string;
  @Field('The restricted pool (a designated gift, a disaster campaign), null for the component\'s unrestricted stock', 'DN-2026-000004', { nullable: true, type: String })
  restrictionId: string | null;
  @Field('The campaign whose pool it is (a disaster campaign\'s, or the campaign a designated gift was given in); null for a component\'s unrestricted stock', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The purpose the donor set, or null', 'Hỗ trợ học sinh nghèo', { nullable: true, type: String }) purpose: string | null;
  @NestedField('Every item of the pool: only a distribution drawn from this pool hands it out (R5); received counts goods a reallocation moved in, less those it moved out', [StockItemResponse]) items: StockItemResponse[];
}

export class StockResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Every item, the whole fund', [StockItemResponse]) items: StockItemResponse[];
  @NestedField('The same, pool by pool', [StockPoolResponse]) pools: StockPoolResponse[];
  @Field('The log position the donation register stood at', 1234) position: number;
}
