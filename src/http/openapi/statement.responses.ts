import { Field, NestedField, OptionalField } from './field';
import { PageFields } from './spending.responses';

const HASH = '9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b';

export class StatementLineResponse {
  @Field('fee (BankFeeCharged, a management cost), interest (InterestCredited, revenue), unclassified (kept for the accountant to decide), '
    + 'or as the accountant classified it: disbursement, transfer, other', 'unclassified', {
    enum: ['fee', 'interest', 'unclassified', 'disbursement', 'transfer', 'other'],
  }) kind: string;
  @Field('The entry booked (BF-… or IN-…) or linked (DB-…, TR-…); null for an unclassified line or one classified other', 'BF-000001', { nullable: true, type: String }) entryId: string | null;
  @Field('The reversal that took a fee or interest back (RV-…); null when standing', null, { nullable: true, type: String }) reversalId: string | null;
  @Field('The accountant\'s classification (CL-…); null when a rule classified the line or none did yet', null, { nullable: true, type: String }) classificationId: string | null;
  @Field('The accountant\'s note on the classification', null, { nullable: true, type: String }) note: string | null;
  @Field('The statement it was read from', 'SK-9f2c4e7a1b3d5f6e', { nullable: true, type: String }) statementId: string | null;
  @Field('The statement\'s account', '0011001932418', { nullable: true, type: String }) account: string | null;
  @Field('Its line in the statement file (title lines counted, from 1)', 15) line: number;
  @Field('in (credit) or out (debit)', 'out', { enum: ['in', 'out'] }) direction: string;
  @Field('VND, whole', '5000000') amountVnd: string;
  @Field('Business date, Vietnam time', '2024-09-02T00:00:00+07:00') postedAt: string;
  @Field('The memo as printed', 'Chuyen tien ho tro xa Tan Son theo QD 12/QD-MTTQ') memo: string;
  @Field('The bank\'s reference', '0101.77777', { nullable: true, type: String }) reference: string | null;
  @Field('The line\'s identity (sha256 of account, date, reference, amount, memo and occurrence)', HASH) rowId: string;
  @Field('The log position of its event', 212) position: number;
}

export class StatementLinePageResponse extends PageFields {
  @NestedField('The statement lines of this page, oldest first', [StatementLineResponse]) items: StatementLineResponse[];
}

/** What a statement prints for one day. */
export class StatementDayFiguresResponse {
  @Field('The statement (the latest covering the day)', 'SK-9f2c4e7a1b3d5f6e') statementId: string;
  @Field('Money in that day, VND', '1025340') credits: string;
  @Field('Money out that day, VND', '5000000') debits: string;
  @Field('Transaction lines that day', 3) lines: number;
  @Field('The balance after the day\'s last line, VND; null when neither printed nor implied', '996714340', { nullable: true, type: String }) closingBalance: string | null;
}

/** What the ledger booked on one day of a bank account. */
export class LedgerDayFiguresResponse {
  @Field('The fund\'s bank-transfer donations, VND', '1000000') donations: string;
  @Field('How many', 1) donationCount: number;
  @Field('The account\'s bank fees standing (not reversed), VND', '0') fees: string;
  @Field('The account\'s interest standing (not reversed), VND', '25340') interest: string;
  @Field('The account\'s debit lines left to classify, VND (credit lines left to classify count in creditsNotBooked)', '5000000') unclassified: string;
  @Field('The account\'s debit lines the accountant classified (as a disbursement, a transfer or other), VND', '8000000') classified: string;
  @Field('The account\'s credit lines the accountant classified (a transfer, or other: money that is none of the fund\'s), VND', '0') classifiedCredits: string;
}

/** A statement's lines by what became of them. */
export class StatementCountsResponse {
  @Field('Credit lines booked as donations', 3) donations: number;
  @Field('Interest lines booked (InterestCredited)', 1) interest: number;
  @Field('Fee lines booked (BankFeeCharged)', 1) fees: number;
  @Field('Lines left to classify', 1) unclassified: number;
  @Field('Lines refused', 0) rejected: number;
}

/** A recorded statement's running balance check. */
export class StatementBalanceCheckResponse {
  @Field('True when every printed balance and the closing balance follow from the lines (or the file has nothing to check)', true) ok: boolean;
  @Field('Printed balances and closing balance compared', 4) checkedLines: number;
  @OptionalField('The first line (of the file, title lines counted) whose balance no longer adds up', 12) firstBreakLine?: number;
}

export class StatementResponse {
  @Field('SK- and the first 16 hex digits of the file\'s sha256', 'SK-9f2c4e7a1b3d5f6e') statementId: string;
  @Field('The account', '0011001932418', { nullable: true, type: String }) account: string | null;
  @Field('statement (printed above its header), parameter (the import named it) or none', 'statement') accountSource: string;
  @Field('hex(sha256) of the file', HASH) sha256: string;
  @Field('First day', '2024-09-01', { nullable: true, type: String }) from: string | null;
  @Field('Last day', '2024-09-02', { nullable: true, type: String }) to: string | null;
  @Field('Opening balance, VND', '1000000000', { nullable: true, type: String }) openingBalance: string | null;
  @Field('Closing balance, VND', '996714340', { nullable: true, type: String }) closingBalance: string | null;
  @Field('Transaction lines', 6) lines: number;
  @Field('csv or xlsx', 'csv') format: string;
  @Field('The bank layout', 'vietcombank') profile: string;
  @NestedField('The running balance check', StatementBalanceCheckResponse) balanceCheck: StatementBalanceCheckResponse;
  @NestedField('Lines by what became of them', StatementCountsResponse) counts: StatementCountsResponse;
  @Field('When it was imported (recording time)', '2024-09-03T02:00:00.000Z') importedAt: string;
  @Field('Who imported it', 'ke-toan-lan') importedBy: string;
  @Field('The log position of StatementImported', 230) position: number;
}

export class StatementListResponse {
  @NestedField('The fund\'s statements, by first day', [StatementResponse]) statements: StatementResponse[];
  @Field('The log position the answer reflects', 1234) position: number;
}

export class ReconciliationDayResponse {
  @Field('Vietnam calendar day', '2024-09-02') day: string;
  @Field('Whether a statement of the account covers the day (its period, "Từ ngày … đến ngày …")', true) covered: boolean;
  @NestedField('What the statement prints for the day; null when no statement line falls on it', StatementDayFiguresResponse, { nullable: true }) statement: StatementDayFiguresResponse | null;
  @NestedField('What the ledger booked that day: the fund\'s bank-transfer donations (a fund keeps one account, R28), and the account\'s fees, interest and lines left to classify', LedgerDayFiguresResponse) ledger: LedgerDayFiguresResponse;
  @Field('Statement credits − (donations + interest booked + credit lines classified): "0" when every credit is in the books or decided; null without a statement line that day', '0', {
    nullable: true, type: String,
  }) creditsNotBooked: string | null;
}

export class ReconciliationResponse {
  @Field('The bank account', '0011001932418') account: string;
  @Field('First day shown', '2024-09-01', { nullable: true, type: String }) from: string | null;
  @Field('Last day shown', '2024-09-10', { nullable: true, type: String }) to: string | null;
  @NestedField('The account\'s statements', [StatementResponse]) statements: StatementResponse[];
  @NestedField('Each day from `from` to `to`', [ReconciliationDayResponse]) days: ReconciliationDayResponse[];
  @Field('Days no statement of the account covers', ['2024-09-03'], { type: 'array', items: { type: 'string' } }) uncoveredDays: string[];
  @Field('The log position the answer reflects', 1234) position: number;
}

export class SuspenseItemResponse {
  @Field('The late donation', 'DN-2024-000125') donationId: string;
  @Field('Its receipt number', '2024-000125') receiptNo: string;
  @Field('The campaign that had stopped receiving', 'bao-yagi-2024') campaignId: string;
  @Field('Its component', 'general') component: string;
  @Field('The suspense pool: suspense:<campaignId>', 'suspense:bao-yagi-2024') restrictionId: string;
  @Field('VND, whole', '500000') amountVnd: string;
  @Field('When the bank received it', '2024-11-10T09:12:00+07:00') receivedAt: string;
  @Field('The donor as the statement names them', 'NGUYEN VAN BINH') donorName: string;
  @Field('The bank\'s reference', 'FT24315', { nullable: true, type: String }) reference: string | null;
  @Field('The transfer\'s memo', 'ung ho bao yagi', { nullable: true, type: String }) note: string | null;
  @Field('waiting (for a decision), assigned, or returned (to the donor, by the donation\'s reversal)', 'waiting', { enum: ['waiting', 'assigned', 'returned'] }) status: string;
  @Field('The assignment (SA-…)', null, { nullable: true, type: String }) assignmentId: string | null;
  @Field('Where it was assigned: a component', null, { nullable: true, type: String }) toComponent: string | null;
  @Field('Where it was assigned: a campaign', null, { nullable: true, type: String }) toCampaignId: string | null;
  @Field('The decision (assigned) or the reason (returned)', null, { nullable: true, type: String }) decisionRef: string | null;
  @Field('When it was decided', null, { nullable: true, type: String }) decidedAt: string | null;
  @Field('Who decided', null, { nullable: true, type: String }) decidedBy: string | null;
  @Field('The reversal that returned it (RV-…)', null, { nullable: true, type: String }) reversalId: string | null;
  @Field('The log position of its latest event', 412) position: number;
}

export class SuspensePageResponse extends PageFields {
  @NestedField('Late money of this page, oldest first', [SuspenseItemResponse]) items: SuspenseItemResponse[];
  @Field('VND still waiting for a decision in the whole fund', '500000') waitingVnd: string;
}

export class SuspenseAssignAnswerResponse {
  @Field('The assignment', 'SA-000001') assignmentId: string;
  @Field('The donation assigned', 'DN-2024-000125') donationId: string;
  @Field('assigned', 'assigned', { enum: ['assigned'] }) status: string;
  @Field('VND moved', '500000') amount: string;
  @Field('The component it went to', 'general') toComponent: string;
  @Field('The campaign it went to, if any', null, { nullable: true, type: String }) toCampaignId: string | null;
  @Field('The log position of SuspenseAssigned', 413) position: number;
}

export class ClassifyAnswerResponse {
  @Field('The classification', 'CL-000001') classificationId: string;
  @Field('The line', HASH) rowId: string;
  @Field('What it was classified as', 'disbursement', { enum: ['fee', 'interest', 'disbursement', 'transfer', 'other'] }) as: string;
  @Field('The entry booked (BF-…, IN-…) or linked (DB-…, TR-…); null for other', 'DB-000012', { nullable: true, type: String }) entryId: string | null;
  @Field('The log position of StatementLineClassified', 414) position: number;
}
