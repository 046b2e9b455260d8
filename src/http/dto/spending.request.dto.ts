import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DISBURSEMENT_KINDS, type DisbursementKind } from '../../domain/spending/spending.events';
import { SLUG_PATTERN } from '../../domain/streams';
import { IsDecimalString, IsTimestampWithOffset } from './validators';

export class RequestDisbursementRequestDto {
  @ApiProperty({ example: '20000000' })
  @IsDecimalString()
  amount: string;

  @ApiProperty({ enum: DISBURSEMENT_KINDS })
  @IsIn(DISBURSEMENT_KINDS)
  kind: DisbursementKind;

  @ApiProperty({ example: 'general' })
  @Matches(SLUG_PATTERN, { message: 'component must be a component slug' })
  component: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'campaignId must be a campaign slug' })
  campaignId?: string | null;

  @ApiPropertyOptional({ description: 'A restricted pool: `campaign:<id>` or the id of a designated donation' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  restrictionId?: string | null;

  @ApiProperty({ example: 'Hỗ trợ 20 hộ nghèo' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  purpose: string;

  @ApiProperty({ example: 'UBND xã An Phú' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  beneficiary: string;

  @ApiPropertyOptional({ description: "Commune People's Committee certification of the beneficiary list" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationRef?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ApproveDisbursementRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class RejectDisbursementRequestDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class PayDisbursementRequestDto {
  @ApiProperty({ example: '2024-06-01T10:00:00+07:00' })
  @IsTimestampWithOffset()
  paidAt: string;

  @ApiProperty({ example: 'UNC-2024-0601' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({ description: 'May be given here when it arrived after the request' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationRef?: string | null;
}

export class ReleaseEmergencyRequestDto {
  @ApiProperty({ example: '30000000' })
  @IsDecimalString()
  amount: string;

  @ApiProperty({ example: 'emergency-relief' })
  @Matches(SLUG_PATTERN, { message: 'component must be a component slug' })
  component: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'campaignId must be a campaign slug' })
  campaignId?: string | null;

  @ApiProperty({ example: 'Sạt lở đất xã Làng Nủ' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  incident: string;

  @ApiProperty({ example: 'Hội CTĐ huyện Bảo Yên' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  recipient: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class SettleEmergencyRequestDto {
  @ApiProperty({ example: '25000000' })
  @IsDecimalString({ allowZero: true })
  spent: string;

  @ApiProperty({ example: '5000000' })
  @IsDecimalString({ allowZero: true })
  returned: string;

  @ApiProperty({ example: ['Biên bản bàn giao số 12/BB'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  evidence: string[];
}

export class ReverseEntryRequestDto {
  @ApiProperty({ example: 'DN-2024-000123', description: 'A donation (DN-…) or a paid disbursement (DB-…)' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  entryId: string;

  @ApiProperty({ example: 'Giao dịch bị ngân hàng hoàn trả' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class CreateUserRequestDto {
  @ApiProperty({ example: 'Trần Thị Bình' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: ['accountant'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(['admin', 'accountant', 'approver', 'coordinator', 'auditor'], { each: true })
  roles: ('admin' | 'accountant' | 'approver' | 'coordinator' | 'auditor')[];
}

