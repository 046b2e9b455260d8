import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { BENEFICIARY_CATEGORIES, BENEFICIARY_KINDS } from '../../domain/beneficiaries/beneficiaries.events';
import { HANDOVER_STATUSES } from '../../domain/spending/spending.events';
import { IsNotBlank, IsTimestampWithOffset, OptionalText, OptionalTimestamp, RequiredText } from './validators';

export class RegisterBeneficiaryRequestDto {
  @ApiPropertyOptional({ example: 'ho-tan-phu-012', description: 'An id of your own (letters, digits, `.`, `-`, `_`; at most 64); default the next `BF-000001`' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'beneficiaryId must be 1 to 64 letters, digits, dots, dashes or underscores' })
  beneficiaryId?: string | null;

  @ApiProperty({ enum: BENEFICIARY_KINDS, example: 'household', description: 'household, person or organization' })
  @IsIn(BENEFICIARY_KINDS)
  kind: string;

  @ApiProperty({ example: 'Nguyễn Văn An', description: 'The name (a household: its head), as the commune list writes it; published with the aid' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Xã Tân Phú', description: 'The commune (xã, phường); published with the aid' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  commune: string;

  @ApiPropertyOptional({ example: 'Ấp 3', description: 'The address inside the commune; staff only, never published' })
  @OptionalText(500)
  address?: string | null;

  @ApiPropertyOptional({ example: 'Ấp 3', description: 'Thôn, xóm or ấp; staff only' })
  @OptionalText(200)
  village?: string | null;

  @ApiPropertyOptional({
    example: '079123456789',
    description: 'The national id number, 9 (CMND) or 12 (CCCD) digits; spaces, dashes or dots between digits, and spaces around them, are read as nothing (as a list\'s cell is read). Kept only as a keyed hash (per fund) and its last 4 digits; never answered, logged or published',
  })
  @IsOptional()
  @Matches(/^\s*(?:\d[\s.\-\u2010\u2011\u2013]*){8}\d\s*$|^\s*(?:\d[\s.\-\u2010\u2011\u2013]*){11}\d\s*$/, { message: 'idNumber must be 9 (CMND) or 12 (CCCD) digits' })
  idNumber?: string | null;

  @ApiProperty({ enum: BENEFICIARY_CATEGORIES, isArray: true, example: ['poor'], description: 'poor, near_poor, policy, disaster_affected, other' })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(BENEFICIARY_CATEGORIES, { each: true })
  categories: string[];
}

export class RecordHandoverRequestDto {
  @ApiProperty({ example: 'BF-000001', description: 'The beneficiary on the distribution' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  beneficiaryId: string;

  @ApiProperty({ example: '2026-02-10T09:00:00+07:00', description: 'When it was handed over (business date)' })
  @IsTimestampWithOffset()
  handedOverAt: string;

  @ApiProperty({ enum: HANDOVER_STATUSES, example: 'received', description: 'received, absent or refused' })
  @IsIn(HANDOVER_STATUSES)
  status: string;

  @ApiPropertyOptional({ example: 'Danh sách ký nhận số 3/2026', description: 'Where the proof is: the signed receipt list, a photo, a report' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  evidenceRef?: string | null;

  @ApiPropertyOptional({
    example: false,
    description: 'Closes an absent or refused share as not delivered: nobody will receive it, its items are free again in the pool\'s stock from handedOverAt, and no later hand-over is recorded',
  })
  @IsOptional()
  @IsBoolean()
  closed?: boolean;
}

export class CorrectHandoverRequestDto {
  @ApiProperty({ example: 'Ghi nhầm hộ: hộ ông An chưa đến nhận, biên bản 02/BB', description: 'Why the hand-over was recorded in error (not blank)' })
  @RequiredText(2000)
  reason: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-02-11T08:00:00+07:00', description: 'Business date of the correction (default: now)' })
  @OptionalTimestamp()
  correctedAt?: string | null;
}

export class ReturnShareMoneyRequestDto {
  @ApiProperty({ example: 'Phiếu thu PT-0042: cán bộ xã nộp lại tiền hộ ông An vắng mặt', description: 'The receipt voucher (phiếu thu) or the return note: where the proof is (not blank)' })
  @RequiredText(500)
  evidenceRef: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-02-12T15:00:00+07:00', description: 'Business date the money came back (default: now)' })
  @OptionalTimestamp()
  returnedAt?: string | null;
}

export class DistributionItemDto {
  @ApiProperty({ example: 'Gạo', description: 'What is handed out' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  description: string;

  @ApiProperty({ example: '10', description: 'How much (a positive decimal string)' })
  @IsString()
  @Matches(/^(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$/, { message: 'quantity must be a decimal string such as "10" or "2.5"' })
  quantity: string;

  @ApiProperty({ example: 'kg', description: 'The unit' })
  @IsString()
  @IsNotBlank()
  @MaxLength(40)
  unit: string;
}

export class DistributionLineDto {
  @ApiProperty({ example: 'BF-000001', description: 'A beneficiary of the fund\'s registry' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  beneficiaryId: string;

  @ApiPropertyOptional({ example: '500000', description: 'Cash for them, VND (decimal string); or items' })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9][0-9]{0,15}$/, { message: 'amount must be a whole VND amount such as "500000"' })
  amount?: string | null;

  @ApiPropertyOptional({ type: [DistributionItemDto], description: 'Items for them; or amount' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DistributionItemDto)
  items?: DistributionItemDto[] | null;
}

export class DuplicateOverrideDto {
  @ApiProperty({ example: 'Nhà bị cháy sau đợt trao quà trước', description: 'Why the same need is helped again inside the window; the approvers see it' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  reason: string;
}
