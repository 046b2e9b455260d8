import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { CAMPAIGN_KINDS, LEGAL_BASES, type CampaignKind, type LegalBasis } from '../../domain/fund/fund.events';
import { SLUG_PATTERN } from '../../domain/streams';
import { BANK_ACCOUNT, bankAccountMessage, IsDecimalString, IsNestedObject, IsNotBlank, IsTimestampWithOffset, OptionalText, OptionalTimestamp, RequiredText } from './validators';

const SLUG_MESSAGE = 'must be a lowercase slug: letters a-z, digits and "-", at most 64 characters';

export class ApprovalTierDto {
  @ApiProperty({ example: '100000000', description: 'VND; a disbursement strictly above it needs `approvers` approvers; the tier above 0 governs every disbursement, one of items alone (amount 0) included' })
  @IsDecimalString({ allowZero: true })
  @Matches(/^(0|[1-9][0-9]*)$/, { message: 'above must be a whole VND amount' })
  above: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 10, description: 'Distinct approvers needed, never the requester' })
  @IsInt()
  @Min(1)
  @Max(10)
  approvers: number;
}

export class PolicyDto {
  @ApiPropertyOptional({ type: [ApprovalTierDto], description: 'Approval tiers by amount, each threshold once, never fewer approvers for a larger amount; default one approver above 0 and two above 100000000' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ApprovalTierDto)
  approvals?: ApprovalTierDto[];

  @ApiPropertyOptional({ example: '50000000', description: 'Largest single emergency release, whole VND; default 50000000' })
  @IsOptional()
  @IsDecimalString()
  @Matches(/^[1-9][0-9]*$/, { message: 'emergencyReleaseCap must be a whole VND amount' })
  emergencyReleaseCap?: string;

  @ApiPropertyOptional({ example: 30, description: 'Days a coordinator has to settle an emergency release; default 30' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  emergencySettlementDays?: number;

  @ApiPropertyOptional({ example: '5', description: "The board's share of the year's eligible revenue (R6), default 5: past it a management cost succeeds, flagged `managementCostWarning`. At most managementCostCapPercent." })
  @IsOptional()
  @IsDecimalString()
  managementCostWarnPercent?: string;

  @ApiPropertyOptional({ example: '10', description: 'The hard stop (R6), default 10, at most 10 (Decree 93/2019 Art. 37): past it `422 MANAGEMENT_COST_CAP_EXCEEDED`' })
  @IsOptional()
  @IsDecimalString()
  managementCostCapPercent?: string;

  @ApiPropertyOptional({ example: '150000000', description: 'VND: unsettled emergency money per component, default 3 × emergencyReleaseCap; past it `422 EMERGENCY_OPEN_LIMIT_EXCEEDED`' })
  @IsOptional()
  @IsDecimalString()
  @Matches(/^[1-9][0-9]*$/, { message: 'emergencyOpenLimit must be a whole VND amount' })
  emergencyOpenLimit?: string;

  @ApiPropertyOptional({ example: true, description: 'Default true: a coordinator with an overdue release gets `422 SETTLEMENT_OVERDUE`' })
  @IsOptional()
  @IsBoolean()
  blockReleasesWhenOverdue?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Default false: else paying one\'s own request is `422 SELF_PAYMENT_FORBIDDEN`' })
  @IsOptional()
  @IsBoolean()
  payerMayBeRequester?: boolean;

  @ApiPropertyOptional({
    example: 30,
    description: 'Default 30: a second aid for the same need to the same beneficiary fewer days apart (business dates of the two requests, '
      + 'Vietnam calendar days: on D+29 after aid on D inside a 30-day window, on D+30 outside) is `409 DUPLICATE_AID`; 0 turns the check off',
  })
  @IsOptional()
  @IsInt()
  duplicateAidWindowDays?: number;
}

export class ChangePolicyRequestDto {
  @ApiProperty({ type: PolicyDto, description: 'Only the fields that change; the others stay as the newest version has them' })
  @IsNestedObject(() => PolicyDto)
  policy: PolicyDto;

  @ApiProperty({ example: '2026-01-01', description: 'A date YYYY-MM-DD, Vietnam time: today or later (`422 EFFECTIVE_DATE_IN_PAST`), and not before a version already scheduled (`422 EFFECTIVE_DATE_BEFORE_SCHEDULED`)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date YYYY-MM-DD (Vietnam time)' })
  effectiveFrom: string;

  @ApiProperty({ example: '15/QĐ-CTĐ', description: "The board's decision (số quyết định); not blank" })
  @IsNotBlank()
  @IsString()
  @MaxLength(200)
  decisionRef: string;

  @ApiPropertyOptional({
    enum: LEGAL_BASES, example: 'decree-03-2026',
    description: 'Unchanged when absent, except that a version effective from 2026-03-01 of a fund under decree-93-2019 records decree-03-2026; decree-93-2019 for a version effective from 2026-03-01 is 422 INVALID_POLICY (Decree 03/2026 replaced it)',
  })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: LegalBasis;
}

export class ClosePeriodRequestDto {
  @ApiProperty({ example: '30/QĐ-CTĐ', description: "The board's decision closing the period; not blank" })
  @IsNotBlank()
  @IsString()
  @MaxLength(200)
  decisionRef: string;
}

export class OpenFundRequestDto {
  @ApiProperty({ example: 'ctd-hcm', description: 'The fund\'s id: a lowercase slug (a-z, digits, "-"), at most 64 characters' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: `fundId ${SLUG_MESSAGE}` })
  fundId: string;

  @ApiProperty({ example: 'Quỹ hoạt động Chữ thập đỏ TP.HCM', description: 'The fund\'s name' })
  @RequiredText(300)
  name: string;

  @ApiPropertyOptional({ example: 'Hội Chữ thập đỏ TP.HCM', description: 'The chapter that keeps the fund' })
  @OptionalText(300)
  chapter?: string | null;

  @ApiPropertyOptional({
    enum: LEGAL_BASES, example: 'decree-03-2026',
    description: 'Default decree-93-2019 for a fund opened before 2026-03-01 (Vietnam time), decree-03-2026 from then; decree-93-2019 for a fund opened from 2026-03-01 is 422 INVALID_POLICY (Decree 03/2026 replaced it)',
  })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: LegalBasis | null;

  @ApiPropertyOptional({ example: ['general', 'emergency-relief', 'humanitarian'], description: 'The component funds (quỹ thành phần), slugs; this list is the default' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(SLUG_PATTERN, { each: true, message: `each component ${SLUG_MESSAGE}` })
  components?: string[] | null;

  @ApiPropertyOptional({ type: PolicyDto, description: 'The opening policy; each field absent takes its default' })
  @IsOptional()
  @IsNestedObject(() => PolicyDto)
  policy?: PolicyDto | null;
}

export class CreateCampaignRequestDto {
  @ApiProperty({ example: 'bao-yagi-2024', description: 'The campaign\'s id: a lowercase slug, unique in the fund' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: `campaignId ${SLUG_MESSAGE}` })
  campaignId: string;

  @ApiProperty({ example: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi', description: 'The campaign\'s name' })
  @RequiredText(300)
  name: string;

  @ApiProperty({ enum: CAMPAIGN_KINDS, example: 'disaster', description: 'disaster (Decree 93/2021 windows; its money is restricted to it), humanitarian_month, tet or other' })
  @IsIn(CAMPAIGN_KINDS)
  kind: CampaignKind;

  @ApiProperty({ example: '2024-09-08T00:00:00+07:00', description: 'Receiving starts: ISO 8601 with offset' })
  @IsTimestampWithOffset()
  receiveFrom: string;

  @ApiProperty({ example: '2024-10-07T23:59:59+07:00', description: 'Receiving ends (a disaster campaign: at most 90 days after receiveFrom)' })
  @IsTimestampWithOffset()
  receiveUntil: string;

  @ApiPropertyOptional({ example: '2024-10-27T23:59:59+07:00', description: 'Distribution ends (a disaster campaign: at most 20 days after receiveUntil)' })
  @OptionalTimestamp()
  distributeUntil?: string | null;

  @ApiPropertyOptional({ example: '0011001932418', description: 'The bank account the campaign\'s donations arrive on (the default account of its statement imports): letters, digits, spaces, dots, dashes' })
  @OptionalText(64)
  @Matches(BANK_ACCOUNT, { message: bankAccountMessage('bankAccount') })
  bankAccount?: string | null;
}
