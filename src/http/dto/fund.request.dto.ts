import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { CAMPAIGN_KINDS, type CampaignKind } from '../../domain/fund/fund.events';
import { SLUG_PATTERN } from '../../domain/streams';
import { IsDecimalString, IsNotBlank, IsTimestampWithOffset } from './validators';

const SLUG_MESSAGE = 'must be a lowercase slug: letters a-z, digits and "-", at most 64 characters';

export class ApprovalTierDto {
  @ApiProperty({ example: '100000000', description: 'VND; a disbursement strictly above it needs `approvers` approvers' })
  @IsDecimalString({ allowZero: true })
  @Matches(/^(0|[1-9][0-9]*)$/, { message: 'above must be a whole VND amount' })
  above: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  approvers: number;
}

export class PolicyDto {
  @ApiPropertyOptional({ type: [ApprovalTierDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ApprovalTierDto)
  approvals?: ApprovalTierDto[];

  @ApiPropertyOptional({ example: '50000000' })
  @IsOptional()
  @IsDecimalString()
  @Matches(/^[1-9][0-9]*$/, { message: 'emergencyReleaseCap must be a whole VND amount' })
  emergencyReleaseCap?: string;

  @ApiPropertyOptional({ example: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  emergencySettlementDays?: number;

  @ApiPropertyOptional({ example: '5', description: 'At most 10 (Decree 93/2019 Art. 37)' })
  @IsOptional()
  @IsDecimalString()
  managementCostCapPercent?: string;
}

export class OpenFundRequestDto {
  @ApiProperty({ example: 'ctd-hcm' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: `fundId ${SLUG_MESSAGE}` })
  fundId: string;

  @ApiProperty({ example: 'Quỹ hoạt động Chữ thập đỏ TP.HCM' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'Hội Chữ thập đỏ TP.HCM' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  chapter?: string | null;

  @ApiPropertyOptional({ example: 'Nghị định 93/2019/NĐ-CP' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  legalBasis?: string | null;

  @ApiPropertyOptional({ example: ['general', 'emergency-relief', 'humanitarian'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(SLUG_PATTERN, { each: true, message: `each component ${SLUG_MESSAGE}` })
  components?: string[] | null;

  @ApiPropertyOptional({ type: PolicyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyDto)
  policy?: PolicyDto | null;
}

export class CreateCampaignRequestDto {
  @ApiProperty({ example: 'bao-yagi-2024' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: `campaignId ${SLUG_MESSAGE}` })
  campaignId: string;

  @ApiProperty({ example: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: CAMPAIGN_KINDS })
  @IsIn(CAMPAIGN_KINDS)
  kind: CampaignKind;

  @ApiProperty({ example: '2024-09-08T00:00:00+07:00' })
  @IsTimestampWithOffset()
  receiveFrom: string;

  @ApiProperty({ example: '2024-10-07T23:59:59+07:00' })
  @IsTimestampWithOffset()
  receiveUntil: string;

  @ApiPropertyOptional({ example: '2024-10-27T23:59:59+07:00' })
  @IsOptional()
  @IsTimestampWithOffset()
  distributeUntil?: string | null;

  @ApiPropertyOptional({ example: '0011001932418' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  bankAccount?: string | null;
}
