import { Field, Money, NestedField } from './field';
import { DonorResponse, InKindResponse, RestrictionResponse } from './spending.responses';

/** One donation as its DonationRecorded event holds it, with when its receipt was first printed. */
export class DonationResponse {
  @Field('The donation', 'DN-2024-000123') donationId: string;
  @Field('Its receipt number', '2024-000123') receiptNo: string;
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The fiscal year of receivedAt (Vietnam time)', 2024) fiscalYear: number;
  @Field('Business date it was received', '2024-05-12T09:30:00+07:00') receivedAt: string;
  @Field('The component fund', 'general') component: string;
  @Field('The campaign; null when none', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The restricted pool it went to; null when unrestricted', null, { nullable: true, type: String }) restrictionId: string | null;
  @NestedField('Its designation; null when unrestricted', RestrictionResponse, { nullable: true }) restriction: RestrictionResponse | null;
  @Field('cash, bank_transfer, in_kind or online', 'bank_transfer') channel: string;
  @Field('The currency given', 'VND') currency: string;
  @Money('The amount in that currency') amount: string;
  @Field('VND per unit of currency; null for VND', null, { nullable: true, type: String }) fxRate: string | null;
  @Money('The amount in VND') amountVnd: string;
  @Field('Whether it is money (not in kind)', true) cash: boolean;
  @Field('The revenue category of the financial report', 'voluntary_contribution') revenueCategory: string;
  @Field('Whether it counts in the management-cost base (R6)', true) inManagementCostBase: boolean;
  @NestedField('The donor as recorded', DonorResponse) donor: DonorResponse;
  @Field('The bank or receipt reference', 'FT24133XYZ', { nullable: true, type: String }) reference: string | null;
  @NestedField('What was given in kind; null for money', InKindResponse, { nullable: true }) inKind: InKindResponse | null;
  @Field('A note', null, { nullable: true, type: String }) note: string | null;
  @Field('The log position of the donation\'s event', 57) position: number;
  @Field('When its receipt was first printed (ReceiptIssued); null until then', '2024-05-12T03:00:00.000Z', { nullable: true, type: String })
  receiptIssuedAt: string | null;
}
