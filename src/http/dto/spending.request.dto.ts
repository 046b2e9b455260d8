import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DISBURSEMENT_KINDS, NEED_CATEGORIES, STATEMENT_LINE_CLASSES, type DisbursementKind, type StatementLineClass } from '../../domain/spending/spending.events';
import { DistributionItemDto, DistributionLineDto, DuplicateOverrideDto } from './beneficiary.request.dto';
import { IsDecimalString, IsNestedObject, IsNotBlank, IsSlug, IsTimestampWithOffset, OptionalNonBlankText, OptionalSlug, OptionalText, OptionalTimestamp, RequiredText } from './validators';

export class RequestDisbursementRequestDto {
  @ApiProperty({ example: '20000000', description: 'The amount, VND (decimal string, no fraction); 0 only for a distribution of items alone, handed out of the in-kind stock' })
  @IsDecimalString({ allowZero: true })
  amount: string;

  @ApiProperty({ enum: DISBURSEMENT_KINDS, example: 'humanitarian', description: 'humanitarian (paying it needs certificationRef), relief, management_cost (counts against the yearly cap) or transfer' })
  @IsIn(DISBURSEMENT_KINDS)
  kind: DisbursementKind;

  @ApiProperty({ example: 'general', description: 'The component fund it is paid from' })
  @IsSlug('component')
  component: string;

  @ApiPropertyOptional({ example: 'bao-yagi-2024', description: 'The campaign whose money it spends' })
  @OptionalSlug('campaign')
  campaignId?: string | null;

  @ApiPropertyOptional({ example: 'campaign:bao-yagi-2024', description: 'A restricted pool: `campaign:<id>` or the id of a designated donation' })
  @OptionalText(120)
  restrictionId?: string | null;

  @ApiProperty({ example: 'Hỗ trợ 20 hộ nghèo', description: 'What it is for' })
  @RequiredText(1000)
  purpose: string;

  @ApiProperty({ example: 'UBND xã An Phú', description: 'Who receives it' })
  @RequiredText(500)
  beneficiary: string;

  @ApiPropertyOptional({ example: 'CV-123/UBND', description: "Commune People's Committee certification of the beneficiary list" })
  @OptionalNonBlankText(200)
  certificationRef?: string | null;

  @ApiPropertyOptional({ example: 'Theo đề xuất của Hội CTĐ xã', description: 'A note for the books' })
  @OptionalText(2000)
  note?: string | null;

  @ApiPropertyOptional({ example: '2024-06-01T09:00:00+07:00', description: 'Business date of the request (default: now); its Vietnam year is the fiscal year' })
  @OptionalTimestamp()
  requestedAt?: string | null;

  @ApiPropertyOptional({ enum: NEED_CATEGORIES, example: 'tet-gift', description: 'The need it answers (R20\'s categories or tet-gift); required with a distribution' })
  @IsOptional()
  @IsIn(NEED_CATEGORIES)
  needCategory?: string | null;

  @ApiPropertyOptional({
    type: [DistributionLineDto],
    description: 'Who receives what: registered beneficiaries, each once, with an amount or items; line amounts add up to at most the amount. '
      + 'The same beneficiary helped for the same need by any fund of the ledger fewer than the policy\'s duplicateAidWindowDays (default 30) apart '
      + '(whole Vietnam days between the two requests\' business dates: aid on day D, again on D+29 is inside a 30-day window, on D+30 outside) is 409 DUPLICATE_AID',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => DistributionLineDto)
  distribution?: DistributionLineDto[] | null;

  @ApiPropertyOptional({ type: DuplicateOverrideDto, description: 'Resend after 409 DUPLICATE_AID with the reason: accepted, flagged, and each approval records the override' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DuplicateOverrideDto)
  overrideDuplicate?: DuplicateOverrideDto | null;
}

export class ApproveDisbursementRequestDto {
  @ApiPropertyOptional({ example: 'Đã kiểm tra danh sách', description: 'A note kept with the approval' })
  @OptionalText(2000)
  note?: string | null;
}

export class RejectDisbursementRequestDto {
  @ApiProperty({ example: 'Danh sách chưa được xác nhận', description: 'Why it is rejected (not blank)' })
  @RequiredText(2000)
  reason: string;
}

export class PayDisbursementRequestDto {
  @ApiProperty({ example: '2024-06-01T10:00:00+07:00', description: 'Business date of the payment: not before the request, at most tomorrow (Vietnam time)' })
  @IsTimestampWithOffset()
  paidAt: string;

  @ApiProperty({ example: 'UNC-2024-0601', description: 'The payment order or receipt reference' })
  @RequiredText(200)
  reference: string;

  @ApiPropertyOptional({ example: 'CV-123/UBND', description: 'May be given here when it arrived after the request' })
  @OptionalNonBlankText(200)
  certificationRef?: string | null;
}

export class ReleaseEmergencyRequestDto {
  @ApiProperty({ example: '30000000', description: 'The amount, VND: at most the policy\'s emergencyReleaseCap' })
  @IsDecimalString()
  amount: string;

  @ApiProperty({ example: 'emergency-relief', description: 'The component fund it comes from' })
  @IsSlug('component')
  component: string;

  @ApiPropertyOptional({ example: 'bao-yagi-2024', description: 'The campaign whose money it uses' })
  @OptionalSlug('campaign')
  campaignId?: string | null;

  @ApiPropertyOptional({ example: 'campaign:bao-yagi-2024', description: 'A restricted pool: `campaign:<id>` or the id of a designated donation' })
  @OptionalText(120)
  restrictionId?: string | null;

  @ApiProperty({ example: 'Sạt lở đất xã Làng Nủ', description: 'The incident the money answers' })
  @RequiredText(1000)
  incident: string;

  @ApiProperty({ example: 'Hội CTĐ huyện Bảo Yên', description: 'Who receives the money' })
  @RequiredText(500)
  recipient: string;

  @ApiPropertyOptional({ example: 'Chuyển khoản trong ngày', description: 'A note for the books' })
  @OptionalText(2000)
  note?: string | null;

  @ApiPropertyOptional({ example: '2024-06-01T09:00:00+07:00', description: 'Business date of the release (default: now); settleBy counts from it' })
  @OptionalTimestamp()
  releasedAt?: string | null;
}

export class SettleEmergencyRequestDto {
  @ApiProperty({ example: '25000000', description: 'Money spent, VND; spent + returned must equal the amount released' })
  @IsDecimalString({ allowZero: true })
  spent: string;

  @ApiProperty({ example: '5000000', description: 'Money returned, VND: available again' })
  @IsDecimalString({ allowZero: true })
  returned: string;

  @ApiProperty({ example: ['Biên bản bàn giao số 12/BB'], description: 'References of the evidence (receipts, hand-over records); needed when money was spent' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsNotBlank({ each: true, message: 'each item of evidence must not be blank' })
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  evidence: string[];

  @ApiPropertyOptional({ example: '2024-06-20T09:00:00+07:00', description: 'Business date of the settlement (default: now)' })
  @OptionalTimestamp()
  settledAt?: string | null;
}

export class ReverseEntryRequestDto {
  @ApiProperty({
    example: 'DN-2024-000123',
    description: 'A donation (DN-…), a paid disbursement (DB-…), an emergency release (ER-…: a settled one has its settlement reversed, an open one is cancelled), '
      + 'a transfer requested or in transit (TR-…: its held money returns to the pool; a received one is sent back by the receiver), a bank fee (BF-…) or interest (IN-…), '
      + 'received money assigned to a campaign (TA-…: the money goes back to the pool the receipt put it in, and the transfer may be assigned again)',
  })
  @RequiredText(64)
  entryId: string;

  @ApiProperty({ example: 'Giao dịch bị ngân hàng hoàn trả', description: 'Why the entry is reversed (not blank)' })
  @RequiredText(2000)
  reason: string;

  @ApiPropertyOptional({ example: '2024-06-20T09:00:00+07:00', description: 'Business date of the reversal (default: now)' })
  @OptionalTimestamp()
  reversedAt?: string | null;
}

export class CreateUserRequestDto {
  @ApiProperty({ example: 'Trần Thị Bình', description: 'The user\'s name (also their sign-in name)' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ example: ['accountant'], description: 'One or more of admin, accountant, approver, coordinator, auditor' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(['admin', 'accountant', 'approver', 'coordinator', 'auditor'], { each: true })
  roles: ('admin' | 'accountant' | 'approver' | 'coordinator' | 'auditor')[];
}


export class RequestTransferRequestDto {
  @ApiProperty({ example: 'ctd-tinh-quang-ninh', description: "The receiving fund: one of this ledger's, or a fund of a ledger elsewhere (then the transfer travels by a signed note)" })
  @IsSlug('fund')
  toFundId: string;

  @ApiProperty({ example: '20000000', description: 'The amount, VND (decimal string, no fraction)' })
  @IsDecimalString()
  amount: string;

  @ApiProperty({ example: 'general', description: 'The component it is drawn from, and arrives in at the receiver' })
  @IsSlug('component')
  component: string;

  @ApiPropertyOptional({ example: 'bao-yagi-2024', description: 'The campaign whose money it sends; its purpose travels with it' })
  @OptionalSlug('campaign')
  campaignId?: string | null;

  @ApiPropertyOptional({ example: 'campaign:bao-yagi-2024', description: 'A restricted pool (`campaign:<id>` or a designated donation\'s id): the restriction travels with the money' })
  @OptionalText(120)
  restrictionId?: string | null;

  @ApiProperty({ example: 'Chuyển tiền ủng hộ bão Yagi lên Hội cấp tỉnh', description: 'What it is for' })
  @RequiredText(1000)
  purpose: string;

  @ApiPropertyOptional({ example: 'Theo công văn 12/CTĐ', description: 'A note for the books' })
  @OptionalText(2000)
  note?: string | null;

  @ApiPropertyOptional({ example: '2024-09-20T09:00:00+07:00', description: 'Business date of the request (default: now)' })
  @OptionalTimestamp()
  requestedAt?: string | null;
}

export class ApproveTransferRequestDto {
  @ApiPropertyOptional({ example: 'Đã kiểm tra danh sách', description: 'A note kept with the approval' })
  @OptionalText(2000)
  note?: string | null;

  @ApiPropertyOptional({
    example: '2024-09-20T15:00:00+07:00',
    description: 'Business date of the approval (default: now); the approval that completes the number sends the money, so it is the date the transfer went in transit',
  })
  @OptionalTimestamp()
  approvedAt?: string | null;
}

export class ReceiveTransferRequestDto {
  @ApiPropertyOptional({ example: '2024-09-21T10:00:00+07:00', description: 'Business date the money arrived (default: now)' })
  @OptionalTimestamp()
  receivedAt?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'bao-yagi-2024',
    description: 'One of the receiving fund\'s own campaigns the money is taken in for (default: none). The sender\'s campaign is the sender\'s: '
      + 'without this, a campaign\'s money arrives as a restricted pool named by the transfer, for no campaign of this fund',
  })
  @OptionalSlug('campaign')
  campaignId?: string | null;
}

export class AssignTransferRequestDto {
  @ApiProperty({ example: 'bao-yagi-2024', description: 'One of this fund\'s own campaigns the money was meant for; it must have been receiving on the day the money arrived' })
  @IsSlug('campaign')
  campaignId: string;

  @ApiProperty({ example: 'Công văn 12/CTĐ-xã: tiền gửi cho đợt bão Yagi', description: 'Why the money is the campaign\'s (not blank): the sender\'s letter, a decision' })
  @RequiredText(2000)
  reason: string;

  @ApiPropertyOptional({
    example: 'ctd-huyen-an-phu.example.vn/ledger',
    description: 'For money booked from a transfer note: the sending ledger, as the note names it (`ledger`; the transfers list gives it as `fromLedger`). Absent for a transfer of this ledger',
  })
  @OptionalNonBlankText(2000)
  fromLedger?: string;
}

export class ReturnTransferRequestDto {
  @ApiProperty({ example: 'Không thuộc địa bàn tiếp nhận', description: 'Why it is sent back (not blank)' })
  @RequiredText(2000)
  reason: string;

  @ApiPropertyOptional({ example: '2024-09-21T10:00:00+07:00', description: 'Business date it was sent back (default: now)' })
  @OptionalTimestamp()
  returnedAt?: string | null;
}

export class ReleaseRestrictionRequestDto {
  @ApiProperty({ example: 'Thư đồng ý của nhà tài trợ ngày 12/12/2024', description: "The donor's consent to the new purpose (R5)" })
  @RequiredText(300)
  consentRef: string;

  @ApiProperty({ example: 'Hỗ trợ hộ nghèo', description: 'What the money is for now' })
  @RequiredText(1000)
  newPurpose: string;

  @ApiPropertyOptional({ example: 'general', description: "The component whose unrestricted money it becomes (default: the pool's own)" })
  @OptionalSlug('component')
  newComponent?: string | null;
}

export class SurplusTargetDto {
  @ApiPropertyOptional({ example: 'general', description: "A component: the money becomes its unrestricted money" })
  @OptionalSlug('component', 'to')
  component?: string;

  @ApiPropertyOptional({ example: 'bao-so-10', description: "Another campaign: the money enters its pool" })
  @OptionalSlug('campaign', 'to')
  campaignId?: string;
}

export class ReallocateSurplusRequestDto {
  @ApiProperty({ example: '2000000', description: 'The amount, VND; 0 only when it moves goods alone (items)' })
  @IsDecimalString({ allowZero: true })
  amount: string;

  @ApiPropertyOptional({
    type: [DistributionItemDto],
    description: "Goods of the campaign's in-kind stock moved to the same place (R19): never more than its pool holds free (422 INSUFFICIENT_STOCK)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DistributionItemDto)
  items?: DistributionItemDto[] | null;

  @ApiPropertyOptional({ example: 'emergency-relief', description: "The component whose campaign pool it leaves (default: the one component holding the campaign's money)" })
  @OptionalSlug('component')
  component?: string | null;

  @ApiProperty({ type: SurplusTargetDto, description: 'Where it goes: exactly one of component and campaignId' })
  @IsNestedObject(() => SurplusTargetDto)
  to: SurplusTargetDto;

  @ApiProperty({ example: 'Chuyển sang đợt thiên tai kế tiếp (Nghị định 93/2021, Điều 10(7))', description: 'The basis (R19)' })
  @RequiredText(1000)
  basis: string;

  @ApiProperty({ example: 'QĐ 45/QĐ-UBND', description: 'The decision that allowed it' })
  @RequiredText(200)
  decisionRef: string;

  @ApiPropertyOptional({ example: '2024-12-20T09:00:00+07:00', description: 'Business date of the move (default: now)' })
  @OptionalTimestamp()
  reallocatedAt?: string | null;
}

export class FxSettlementRequestDto {
  @ApiProperty({ example: '25350000', description: 'The VND the bank paid for the currency (whole dong)' })
  @IsDecimalString()
  vndAmount: string;

  @ApiProperty({ example: '2024-09-25T10:00:00+07:00', description: 'Business date of the sale' })
  @IsTimestampWithOffset()
  settledAt: string;

  @ApiProperty({ example: 'Chứng từ bán ngoại tệ 0925/VCB', description: "The bank's voucher" })
  @RequiredText(200)
  reference: string;
}

export class AssignSuspenseRequestDto {
  @ApiPropertyOptional({ example: 'general', description: "A component: the late money becomes its unrestricted money (give this or campaignId)" })
  @OptionalSlug('component')
  component?: string;

  @ApiPropertyOptional({ example: 'bao-yagi-2024', description: "A campaign: the late money enters its pool (the late campaign's own, when the board accepts it there)" })
  @OptionalSlug('campaign')
  campaignId?: string;

  @ApiProperty({ example: '12/QĐ-CTĐ', description: 'The decision that assigns it' })
  @RequiredText(200)
  decisionRef: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Nhà tài trợ đồng ý chuyển sang quỹ chung', description: 'A note' })
  @OptionalText(2000)
  note?: string | null;
}

export class ClassifyStatementLineRequestDto {
  @ApiProperty({ enum: STATEMENT_LINE_CLASSES, example: 'disbursement', description: 'What the line is: fee or interest (booked now), disbursement or transfer (linked by reference), other (the note says what)' })
  @IsIn([...STATEMENT_LINE_CLASSES])
  as: StatementLineClass;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'DB-000012', description: 'The paid disbursement (DB-…) or transfer (TR-…) it is; required for those two' })
  @OptionalNonBlankText(100)
  reference?: string | null;

  @ApiProperty({ example: 'Chi trả nhà cung cấp gạo theo hợp đồng 05/HĐ', description: 'The accountant\'s reason (not blank)' })
  @RequiredText(2000)
  note: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'general', description: "A fee's or interest's component (default: the fund's first)" })
  @OptionalSlug('component')
  component?: string | null;
}
