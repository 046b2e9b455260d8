import { Field, NestedField } from './field';
import { InKindResponse, RecordedDonationFields } from './spending.responses';

/** One donation as its DonationRecorded event holds it, with when its receipt was first printed. */
export class DonationResponse extends RecordedDonationFields {
  @Field('The bank or receipt reference', 'FT24133XYZ', { nullable: true, type: String }) reference: string | null;
  @NestedField('What was given in kind; null for money', InKindResponse, { nullable: true }) inKind: InKindResponse | null;
  @Field('A note', null, { nullable: true, type: String }) note: string | null;
  @Field('The log position of the donation\'s event', 57) position: number;
  @Field('When its receipt was first printed (ReceiptIssued); null until then', '2024-05-12T03:00:00.000Z', { nullable: true, type: String })
  receiptIssuedAt: string | null;
}
