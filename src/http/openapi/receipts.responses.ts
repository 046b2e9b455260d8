import { Field, Money, NestedField, OptionalField } from './field';
import { InKindResponse, RecordedDonationFields, ReversalInfoResponse } from './spending.responses';

/** The sale of a foreign-currency donation's currency to a bank (R17, FxSettled). */
export class DonationFxSettlementResponse {
  @Field('The settlement id its recording answered', 'FX-000001') settlementId: string;
  @Money('The VND the bank paid: the donation\'s ledger amount from the sale on', '25362675') settledVnd: string;
  @Money('settledVnd − amountVnd: an FX gain when positive, a loss when negative', '350175') difference: string;
  @Field('The business date of the sale', '2024-05-13T10:00:00+07:00') settledAt: string;
  @Field('The bank\'s document of the sale', 'BNT-0425') reference: string;
}

/** One donation as its DonationRecorded event holds it, with when its receipt was first printed. */
export class DonationResponse extends RecordedDonationFields {
  @Field('The bank or receipt reference', 'FT24133XYZ', { nullable: true, type: String }) reference: string | null;
  @NestedField('What was given in kind; null for money', InKindResponse, { nullable: true }) inKind: InKindResponse | null;
  @Field('A note', null, { nullable: true, type: String }) note: string | null;
  @Field('The log position of the donation\'s event', 57) position: number;
  @Field('When its receipt was first printed (ReceiptIssued); null until then', '2024-05-12T03:00:00.000Z', { nullable: true, type: String })
  receiptIssuedAt: string | null;
  @Field('Whether a reversal took it back', false) reversed: boolean;
  @NestedField('The reversal that took it back; null when not reversed', ReversalInfoResponse, { nullable: true }) reversal: ReversalInfoResponse | null;
  @OptionalField('For a cash gift in foreign currency only: its sale to a bank (R17), null until it is sold', null, { type: DonationFxSettlementResponse, nullable: true })
  fxSettlement?: DonationFxSettlementResponse | null;
}
