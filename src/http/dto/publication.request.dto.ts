import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { PUBLICATION_CHANNELS, PUBLICATION_KINDS, type PublicationChannel, type PublicationKind } from '../../domain/fund/fund.events';
import { SLUG_PATTERN } from '../../domain/streams';
import { IsDateOrTimestamp } from './validators';

/** A date (Vietnam time) or an ISO 8601 timestamp with offset: a publication's business date. */
const DATE_OR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export class RecordPublicationRequestDto {
  @ApiProperty({
    enum: PUBLICATION_KINDS, example: 'campaign-receipts',
    description: 'What was published: a campaign\'s call, receipts total, distribution total or beneficiaries (these name campaignId); '
      + 'the yearly contributions or annual report (period 2025); the quarterly disclosure (period 2025-Q3); a settlement (a campaign or a year)',
  })
  @IsIn(PUBLICATION_KINDS)
  kind: PublicationKind;

  @ApiPropertyOptional({ example: '2025-Q3', description: 'The fiscal year (2025) or quarter (2025-Q3) published; absent for a campaign\'s publications' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}(?:-Q[1-4])?$/, { message: 'period must be a fiscal year (2025) or a quarter (2025-Q3)' })
  period?: string | null;

  @ApiPropertyOptional({ example: 'bao-yagi-2024', description: 'The campaign published about; required for the campaign kinds' })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'campaignId must be a lowercase slug' })
  campaignId?: string | null;

  @ApiProperty({
    enum: PUBLICATION_CHANNELS, example: 'website',
    description: 'Where: the organisation\'s website, posting at the office or receiving site, mass media, a written notice to the bodies concerned, or information given on request',
  })
  @IsIn(PUBLICATION_CHANNELS)
  channel: PublicationChannel;

  @ApiPropertyOptional({ example: 'https://chuthapdo.example.vn/cong-khai/bao-yagi-2024', description: 'Where it can be read (http or https); required for the website channel' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http or https address' })
  url?: string | null;

  @ApiProperty({
    example: '2024-11-20T09:00:00+07:00',
    description: 'When it was published (business date): YYYY-MM-DD (Vietnam time) or ISO 8601 with offset; not later than tomorrow, not before what it publishes has ended',
  })
  @IsString()
  @IsDateOrTimestamp()
  @Matches(DATE_OR_TIMESTAMP, { message: 'publishedAt must be a date YYYY-MM-DD or an ISO 8601 timestamp with offset' })
  publishedAt: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the published file: 64 lowercase hex digits' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentSha256 must be 64 lowercase hex digits' })
  contentSha256: string;
}
