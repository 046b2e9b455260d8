import { FiguresResponse } from './fund.responses';
import { Field, Money, NestedField } from './field';

export class PublicTotalsResponse extends FiguresResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('Its name; null when the register has not read it yet', 'Quỹ hoạt động Chữ thập đỏ TP.HCM', { nullable: true, type: String }) name: string | null;
  @Field('Its chapter', 'Hội Chữ thập đỏ TP.HCM', { nullable: true, type: String }) chapter: string | null;
  @Field('The log position of the figures', 1234) asOfPosition: number;
  @Field('Always VND', 'VND') currency: string;
  @Money('Value of in-kind donations received', '0') inKindReceived: string;
  @Field('Figures per campaign', { 'bao-yagi-2024': { received: '1500000', disbursed: '0', held: '0', outstandingEmergency: '0', available: '1500000' } }, {
    type: 'object', additionalProperties: { $ref: '#/components/schemas/FiguresResponse' },
  }) byCampaign: Record<string, FiguresResponse>;
}

export class PublicInKindResponse {
  @Field('What was given', 'Gạo ST25') description: string;
  @Field('How much (decimal string)', '500') quantity: string;
  @Field('Its unit', 'kg') unit: string;
}

export class PublicDonationResponse {
  @Field('The receipt number', '2024-000123') receiptNo: string;
  @Field('Business date it was received', '2024-05-12T09:30:00+07:00') receivedAt: string;
  @Money('The amount in VND') amountVnd: string;
  @Field('The currency given', 'VND') currency: string;
  @Money('The amount in that currency') amount: string;
  @Field('cash, bank_transfer, in_kind or online', 'bank_transfer') channel: string;
  @Field('The name the donor chose to publish; "Ẩn danh" for anonymous donors', 'Nguyễn V. A.') donorName: string;
  @Field('The bank or receipt reference', 'FT24133XYZ', { nullable: true, type: String }) reference: string | null;
  @Field('The campaign; null when none', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The purpose it was designated for; null when unrestricted', null, { nullable: true, type: String }) purpose: string | null;
  @NestedField('What was given in kind; null for money', PublicInKindResponse, { nullable: true }) inKind: PublicInKindResponse | null;
}

export class PublicDonationPageResponse {
  @NestedField('The donations found', [PublicDonationResponse]) items: PublicDonationResponse[];
  @Field('The cursor of the next page; null on the last page', null, { nullable: true, type: String }) nextCursor: string | null;
  @Field('The log position the page reflects', 1234) position: number;
  @Field('The page size used', 100) limit: number;
}
