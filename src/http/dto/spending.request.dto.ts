import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DISBURSEMENT_KINDS, type DisbursementKind } from '../../domain/spending/spending.events';
import { SLUG_PATTERN } from '../../domain/streams';
import { IsDecimalString, IsNotBlank, IsTimestampWithOffset } from './validators';

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
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  purpose: string;

  @ApiProperty({ example: 'UBND xã An Phú' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  beneficiary: string;

  @ApiPropertyOptional({ description: "Commune People's Committee certification of the beneficiary list" })
  @IsOptional()
  @IsNotBlank()
  @IsString()
  @MaxLength(200)
  certificationRef?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ example: '2024-06-01T09:00:00+07:00', description: 'Business date of the request (default: now); its Vietnam year is the fiscal year' })
  @IsOptional()
  @IsTimestampWithOffset()
  requestedAt?: string | null;
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
  @IsNotBlank()
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
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({ description: 'May be given here when it arrived after the request' })
  @IsOptional()
  @IsNotBlank()
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

  @ApiPropertyOptional({ description: 'A restricted pool: `campaign:<id>` or the id of a designated donation' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  restrictionId?: string | null;

  @ApiProperty({ example: 'Sạt lở đất xã Làng Nủ' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  incident: string;

  @ApiProperty({ example: 'Hội CTĐ huyện Bảo Yên' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  recipient: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ example: '2024-06-01T09:00:00+07:00', description: 'Business date of the release (default: now); settleBy counts from it' })
  @IsOptional()
  @IsTimestampWithOffset()
  releasedAt?: string | null;
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
  @IsNotBlank({ each: true, message: 'each item of evidence must not be blank' })
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  evidence: string[];

  @ApiPropertyOptional({ example: '2024-06-20T09:00:00+07:00', description: 'Business date of the settlement (default: now)' })
  @IsOptional()
  @IsTimestampWithOffset()
  settledAt?: string | null;
}

export class ReverseEntryRequestDto {
  @ApiProperty({
    example: 'DN-2024-000123',
    description: 'A donation (DN-…), a paid disbursement (DB-…) or an emergency release (ER-…: a settled one has its settlement reversed, an open one is cancelled)',
  })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  entryId: string;

  @ApiProperty({ example: 'Giao dịch bị ngân hàng hoàn trả' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ example: '2024-06-20T09:00:00+07:00', description: 'Business date of the reversal (default: now)' })
  @IsOptional()
  @IsTimestampWithOffset()
  reversedAt?: string | null;
}

export class CreateUserRequestDto {
  @ApiProperty({ example: 'Trần Thị Bình' })
  @IsNotBlank()
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

