import { Field, Money, NestedField } from './field';
import { ImportRejectionResponse } from './audit.responses';

export class ActorResponse {
  @Field('The user id of who recorded it', 'u-7f3a2c')
  userId: string;

  @Field('Their name; null when the user is unknown to the ledger (a system actor)', 'Trần Thị Lan', { nullable: true, type: String })
  name: string | null;
}

export class ActivityLineResponse {
  @Field('Global log position of the event', 1352) position: number;
  @Field('The event type', 'DonationRecorded') type: string;
  @Field('When the server recorded it (ISO 8601): a recording time, never a business date', '2026-05-12T02:31:00.000Z') recordedAt: string;
  @NestedField('Who recorded it', ActorResponse) actor: ActorResponse;
  @Field('The entry it is about: a donation, disbursement, release or campaign id, a period, or a policy version (v2)', 'DN-ctd-hcm-2026-000118', { nullable: true, type: String }) entryId: string | null;
  @Field('The receipt number, for a donation or a receipt issued', 'BN-2026-000118', { nullable: true, type: String }) receiptNo: string | null;
  @Field('For a transfer received or returned, which both funds show: in, for the fund it was sent to; out, for the fund that sent it; null for any other event', null, {
    nullable: true, type: String, enum: ['in', 'out'],
  }) direction: 'in' | 'out' | null;
  @Money('The VND amount it records or moves; null when it moves none. A payment: what it paid, the request\'s amount less the shares it left out '
    + '(DisbursementPaid `withheld`); a payment\'s reversal: what it gave back (`givenBack`)', '1500000', { nullable: true }) amount: string | null;
}

export class ActivityResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('The latest events of the fund, newest first', [ActivityLineResponse]) items: ActivityLineResponse[];
  @Field('The head of the log when it was read', 1360) position: number;
}

export class ImportReviewResponse {
  @NestedField('Who said so', ActorResponse) by: ActorResponse;
  @Field('When (recording time)', '2026-05-12T03:10:00.000Z') at: string;
  @Field('What was done', 'Đã sửa dòng 8 và nhập lại sao kê') note: string;
}

export class ImportRecordResponse {
  @Field('When the import ran (recording time, ISO 8601)', '2026-05-12T02:31:00.000Z') importedAt: string;
  @NestedField('Who ran it', ActorResponse) importedBy: ActorResponse;
  @Field('hex(sha256) of the file', '9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b') fileSha256: string;
  @Field('The bank account of the statement', '0011001932418', { nullable: true, type: String }) bankAccount: string | null;
  @Field('The bank layout used', 'vietcombank') profile: string;
  @Field('csv or xlsx', 'csv') format: string;
  @Field('Credit lines booked as donations', 118) imported: number;
  @Field('Lines booked before: not booked again', 2) duplicates: number;
  @Field('Debit lines: counted, never booked', 7) debits: number;
  @Field('Every rejected line, counted', 1) rejectedCount: number;
  @NestedField('The first 20 rejected lines', [ImportRejectionResponse]) rejected: ImportRejectionResponse[];
  @Field('Warnings of the answer, counted', 0) warningCount: number;
  @Field('False when the file broke off: later lines were not read', true) complete: boolean;
  @Field('Whether the accountant should look again: rejected lines, warnings or a file cut short, and nobody has said they were dealt with', true) needsReview: boolean;
  @NestedField('Who said its rejected lines and warnings were dealt with, when and what was done; null until then', ImportReviewResponse, { nullable: true }) reviewed: ImportReviewResponse | null;
  @Field('Log position of the last event the import appended', 1352) position: number;
}

export class ImportRecordsResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('The fund\'s imports, newest first', [ImportRecordResponse]) items: ImportRecordResponse[];
}
