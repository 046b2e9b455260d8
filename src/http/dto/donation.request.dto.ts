import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  DONATION_CHANNELS, DONATION_REVENUE_CATEGORIES, DONOR_KINDS, type DonationChannel, type DonationRevenueCategory, type DonorKind,
} from '../../domain/donation/donation.events';
import { SUPPORTED_CURRENCIES } from '../../domain/money';
import { IsDecimalString, IsNestedObject, IsTimestampWithOffset, OptionalNonBlankText, OptionalSlug, OptionalText, RequiredText } from './validators';

export class DonorDto {
  @ApiProperty({ example: 'Nguyễn Văn An', description: 'The donor\'s name as recorded (kept private unless published)' })
  @RequiredText(300)
  name: string;

  @ApiProperty({ enum: DONOR_KINDS, example: 'individual', description: 'individual, organization or anonymous (an anonymous donor is never named in public)' })
  @IsIn(DONOR_KINDS)
  kind: DonorKind;

  @ApiPropertyOptional({ example: 'Nguyễn V. A.', description: 'The name to publish; anonymous donors are never named' })
  @OptionalText(300)
  publicName?: string | null;

  @ApiPropertyOptional({ example: '0301234567', description: 'Tax code, for an organization\'s receipt' })
  @OptionalText(32)
  taxCode?: string | null;

  @ApiPropertyOptional({ example: '12 Lê Lợi, Quận 1, TP.HCM', description: 'Address, for the receipt' })
  @OptionalText(500)
  address?: string | null;

  @ApiPropertyOptional({ example: '0903 123 456', description: 'Phone or e-mail, for the receipt' })
  @OptionalText(300)
  contact?: string | null;
}

export class RestrictionDto {
  @ApiProperty({ example: 'Hỗ trợ học sinh nghèo', description: 'What the money may be spent on: designated money is kept in its own pool' })
  @RequiredText(500)
  purpose: string;

  @ApiPropertyOptional({ example: 'Trường tiểu học An Phú', description: 'A named recipient; such money is outside the management-cost base' })
  @OptionalNonBlankText(300)
  beneficiary?: string | null;
}

export class InKindDto {
  @ApiProperty({ example: 'Gạo ST25', description: 'What was given' })
  @RequiredText(500)
  description: string;

  @ApiProperty({ example: '500', description: 'How much (decimal string)' })
  @IsDecimalString()
  quantity: string;

  @ApiProperty({ example: 'kg', description: 'The unit of quantity' })
  @RequiredText(32)
  unit: string;

  @ApiProperty({ example: 'market price on the day of receipt', description: 'How its VND value (amount) was set' })
  @RequiredText(300)
  valuationMethod: string;
}

/** The body of POST /v1/funds/:fundId/donations. */
export class RecordDonationRequestDto {
  @ApiProperty({ example: '1500000', description: 'Decimal string in `currency`; VND has no fraction. For in_kind: the value in VND' })
  @IsDecimalString()
  amount: string;

  @ApiPropertyOptional({ example: 'VND', enum: SUPPORTED_CURRENCIES, description: 'ISO 4217 code of amount; default VND' })
  @IsOptional()
  @IsIn(SUPPORTED_CURRENCIES)
  currency?: string;

  @ApiPropertyOptional({ example: null, description: 'VND per unit of `currency`; required when it is not VND' })
  @IsOptional()
  @IsDecimalString()
  fxRate?: string | null;

  @ApiProperty({ enum: DONATION_CHANNELS, example: 'bank_transfer', description: 'How it arrived: cash, bank_transfer, in_kind or online' })
  @IsIn(DONATION_CHANNELS)
  channel: DonationChannel;

  @ApiProperty({ example: '2024-05-12T09:30:00+07:00', description: 'Business date it was received: ISO 8601 with offset, at most tomorrow (Vietnam time); sets the fiscal year of the receipt' })
  @IsTimestampWithOffset()
  receivedAt: string;

  @ApiProperty({ type: DonorDto, description: 'Who gave it' })
  @IsNestedObject(() => DonorDto)
  donor: DonorDto;

  @ApiPropertyOptional({
    enum: DONATION_REVENUE_CATEGORIES, example: 'voluntary_contribution',
    description: 'Revenue category (Decree 93/2019 Art. 35, R2); default voluntary_contribution. state_budget (state money for assigned tasks or state orders) is outside the management-cost base (R6); interest is booked from the bank statement, never as a donation',
  })
  @IsOptional()
  @IsIn(DONATION_REVENUE_CATEGORIES)
  revenueCategory?: DonationRevenueCategory | null;

  @ApiPropertyOptional({ example: 'general', description: 'The component fund it goes to; default general' })
  @OptionalSlug('component')
  component?: string;

  @ApiPropertyOptional({ example: 'thang-nhan-dao-2024', description: 'The campaign it answers; a donation to a disaster campaign is restricted to it' })
  @OptionalSlug('campaign')
  campaignId?: string | null;

  @ApiPropertyOptional({ type: RestrictionDto, description: 'Designated money: kept for this purpose only' })
  @IsOptional()
  @IsNestedObject(() => RestrictionDto)
  restriction?: RestrictionDto | null;

  @ApiPropertyOptional({ example: 'FT24133XYZ', description: 'Bank or receipt reference' })
  @OptionalText(100)
  reference?: string | null;

  @ApiPropertyOptional({ type: InKindDto, description: 'For channel in_kind: what was given; amount is then its VND value' })
  @IsOptional()
  @IsNestedObject(() => InKindDto)
  inKind?: InKindDto | null;

  @ApiPropertyOptional({ example: 'Ủng hộ qua đợt vận động tháng 5', description: 'A note for the books' })
  @OptionalText(2000)
  note?: string | null;
}
