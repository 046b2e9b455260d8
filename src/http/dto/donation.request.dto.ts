import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { DONATION_CHANNELS, DONOR_KINDS, type DonationChannel, type DonorKind } from '../../domain/donation/donation.events';
import { SUPPORTED_CURRENCIES } from '../../domain/money';
import { SLUG_PATTERN } from '../../domain/streams';
import { CheckedBy } from '../body-check';
import { CAMPAIGN_SLUG_MESSAGE, COMPONENT_SLUG_MESSAGE, recordDonationProblems } from './donation.request.check';
import { IsDecimalString, IsNotBlank, IsTimestampWithOffset } from './validators';

export class DonorDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: DONOR_KINDS })
  @IsIn(DONOR_KINDS)
  kind: DonorKind;

  @ApiPropertyOptional({ example: 'Nguyễn V. A.', description: 'The name to publish; anonymous donors are never named' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  publicName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  taxCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  contact?: string | null;
}

export class RestrictionDto {
  @ApiProperty({ example: 'Hỗ trợ học sinh nghèo' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  purpose: string;

  @ApiPropertyOptional({ description: 'A named recipient; such money is outside the management-cost base' })
  @IsOptional()
  @IsNotBlank()
  @IsString()
  @MaxLength(300)
  beneficiary?: string | null;
}

export class InKindDto {
  @ApiProperty({ example: 'Gạo ST25' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  @ApiProperty({ example: '500' })
  @IsDecimalString()
  quantity: string;

  @ApiProperty({ example: 'kg' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  unit: string;

  @ApiProperty({ example: 'market price on the day of receipt' })
  @IsNotBlank()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  valuationMethod: string;
}

/**
 * The body of POST /v1/funds/:fundId/donations. Requests are checked by recordDonationProblems,
 * the same rules as a table (see donation.request.check.ts); these decorators document the body
 * in /docs and are the reference that check is tested against.
 */
@CheckedBy(recordDonationProblems)
export class RecordDonationRequestDto {
  @ApiProperty({ example: '1500000', description: 'Decimal string in `currency`; VND has no fraction. For in_kind: the value in VND' })
  @IsDecimalString()
  amount: string;

  @ApiPropertyOptional({ example: 'VND', enum: SUPPORTED_CURRENCIES })
  @IsOptional()
  @IsIn(SUPPORTED_CURRENCIES)
  currency?: string;

  @ApiPropertyOptional({ example: null, description: 'VND per unit of `currency`; required when it is not VND' })
  @IsOptional()
  @IsDecimalString()
  fxRate?: string | null;

  @ApiProperty({ enum: DONATION_CHANNELS })
  @IsIn(DONATION_CHANNELS)
  channel: DonationChannel;

  @ApiProperty({ example: '2024-05-12T09:30:00+07:00' })
  @IsTimestampWithOffset()
  receivedAt: string;

  @ApiProperty({ type: DonorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DonorDto)
  donor: DonorDto;

  @ApiPropertyOptional({ example: 'general' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: COMPONENT_SLUG_MESSAGE })
  component?: string;

  @ApiPropertyOptional({ example: 'thang-nhan-dao-2024' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: CAMPAIGN_SLUG_MESSAGE })
  campaignId?: string | null;

  @ApiPropertyOptional({ type: RestrictionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RestrictionDto)
  restriction?: RestrictionDto | null;

  @ApiPropertyOptional({ example: 'FT24133XYZ' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string | null;

  @ApiPropertyOptional({ type: InKindDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => InKindDto)
  inKind?: InKindDto | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}
