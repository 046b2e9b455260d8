import { Field, NestedField } from './field';
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

export class StatementDayResponse {
  @Field('The statement\'s own figures for the day: money in and out, lines, the balance after its last line (null when not printed nor implied)', {
    statementId: 'SK-9f2c4e7a1b3d5f6e', credits: '1725340', debits: '5011000', lines: 3, closingBalance: '996714340',
  }, { type: 'object', nullable: true, additionalProperties: true }) statement: Record<string, unknown> | null;
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
  @Field('The running balance check', { ok: true, checkedLines: 4 }, { type: 'object', additionalProperties: true }) balanceCheck: Record<string, unknown>;
  @Field('Lines by what became of them', { donations: 3, interest: 1, fees: 1, unclassified: 1, rejected: 0 }, { type: 'object', additionalProperties: true }) counts: Record<string, number>;
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
  @Field('What the statement prints for the day; null when no statement line falls on it', {
    statementId: 'SK-9f2c4e7a1b3d5f6e', credits: '1025340', debits: '5000000', lines: 3, closingBalance: '996714340',
  }, { type: 'object', nullable: true, additionalProperties: true }) statement: Record<string, unknown> | null;
  @Field('What the ledger booked that day: the fund\'s bank-transfer donations (a fund keeps one account, R28), and the account\'s fees, interest and lines left to classify, VND', {
    donations: '1000000', donationCount: 1, fees: '0', interest: '25340', unclassified: '5000000',
  }, { type: 'object', additionalProperties: true }) ledger: Record<string, unknown>;
  @Field('Statement credits − (donations + interest booked): "0" when every credit is in the books; null without a statement line that day', '0', {
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
