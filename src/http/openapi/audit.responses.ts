import { ALL_REPORTS } from '../../reports/report-model';
import { Field, NestedField, OptionalField } from './field';

const HASH = '9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b';

/** One line of the journal (NDJSON): a stored event with the hashes an auditor re-computes. */
export class JournalEntryResponse {
  @Field('Global log position', 57) position: number;
  @Field('The stream of the event', 'donation-ctd-hcm-2024-000123') streamId: string;
  @Field('Its revision in the stream, from 0', 0) revision: number;
  @Field('The event id', 'c2b1f0a4-6d1e-4f3b-9a7c-2e5d8f1b0a93') eventId: string;
  @Field('The event type', 'DonationRecorded') type: string;
  @Field('The event data, as stored', { amount: '1500000', currency: 'VND' }, { type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @Field('Who and when: actor, roles, recordedAt, correlation and causation ids, idempotency key', { actor: { userId: 'admin', roles: ['admin'] }, recordedAt: '2024-05-12T02:31:00.000Z' }, { type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @Field('The hash of the stream\'s previous event (64 zeros for the first)', '0'.repeat(64)) previousHash: string;
  @Field('hex(sha256(previousHash + RFC 8785 canonical JSON of {streamId, revision, eventId, type, data, metadata}))', HASH) hash: string;
  @OptionalField('SQLite backend: the previous globalHash (64 zeros for the first)', '0'.repeat(64)) globalPreviousHash?: string;
  @OptionalField('SQLite backend: hex(sha256(globalPreviousHash + hash))', HASH) globalHash?: string;
}

export class ProjectionCheckResponse {
  @Field('The projection', 'balance') name: string;
  @Field('Its version', 3) version: number;
  @Field('state (a JSON state) or tables (a register)', 'state', { enum: ['state', 'tables'] }) kind: string;
  @Field('The live read model\'s position, where the replay was compared with it', 1234) comparedAtPosition: number;
  @Field('hex(sha256(canonical JSON)) of the fresh replay; null when not reached', HASH, { nullable: true, type: String }) sha256: string | null;
  @Field('Whether the live read model equals the replay; null when not compared', true, { nullable: true, type: Boolean }) matches: boolean | null;
}

export class VerifyResponse {
  @Field('True when every check passed', true) ok: boolean;
  @Field('Events that passed every check, in log order', 1234) eventsChecked: number;
  @Field('Position of the last event that passed; 0 for an empty log', 1234) lastPosition: number;
  @OptionalField('The global chain\'s last hash, on backends that keep one: record it to detect a truncated tail later', HASH) globalHeadHash?: string;
  @Field('Signed checkpoint sizes whose root the log was found to make (0 when the ledger has signed none)', 3) checkpointsChecked: number;
  @NestedField('Each projection compared with a fresh replay', [ProjectionCheckResponse]) projections: ProjectionCheckResponse[];
  @OptionalField('The first position that failed (only when ok is false)', 812) firstBadPosition?: number;
  @OptionalField('Why it failed', 'hash_mismatch', {
    enum: ['position_order', 'position_gap', 'chain_broken', 'revision_gap', 'hash_mismatch', 'unreadable_event', 'unknown_event', 'projection_failed', 'projection_differs', 'checkpoint_unsigned'],
  }) reason?: string;
  @OptionalField('What failed, in words', 'The stored hash of position 812 does not match its content') message?: string;
  @OptionalField('What was expected and found', { expected: HASH, found: '0'.repeat(64) }, { type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class ReportColumnResponse {
  @Field('The JSON key of the column in each row', 'amountVnd') key: string;
  @Field('Its Vietnamese heading in CSV and XLSX', 'Số tiền (VND)') heading: string;
  @OptionalField('True when the column holds VND', true) money?: boolean;
}

export class PublishedThenResponse {
  @Field('The publication', 'pub-3') publicationId: string;
  @Field('What was published', 'annual-contributions') kind: string;
  @Field('The period it covers', '2025') period: string;
  @Field('The day the fund published it (business date)', '2026-03-20') publishedAt: string;
  @Field('SHA-256 of the published file, as recorded', HASH) contentSha256: string;
  @Field('The log position its publication was recorded at', 41) position: number;
  @Field('The position the file published was read at: of the log\'s events between the fund\'s own event before the publication and the publication (other chapters\' events of the same ledger; at most the 16 latest), the one whose report is the file published; when none is, the last event before the publication (on SQLite position − 1). ?atPosition= there gives this report as the books stood when it was published', 40) positionThen: number;
  @Field('The sha256 of this report at positionThen', HASH) sha256Then: string;
  @Field('Whether the report at positionThen is the file published, byte for byte (sha256Then is contentSha256): false when what was published was read at none of those positions, or is another document', true) matchesPublished: boolean;
  @Field('Whether the figures (the rows and summary, leaving out empty cells, zero amounts and lines all at zero) differ now from then: a late or corrected entry dated inside the period', true) figuresChanged: boolean;
}

export class ReportResponse {
  @Field('The report', 'financial', { enum: ALL_REPORTS }) report: string;
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The fund\'s name as opened; null when the fund is unknown', 'Quỹ hoạt động Chữ thập đỏ huyện Đức Phổ', { nullable: true, type: String }) fundName: string | null;
  @Field('The Red Cross chapter the fund belongs to, as opened; null when not given', 'Hội Chữ thập đỏ tỉnh Quảng Ngãi', { nullable: true, type: String }) chapter: string | null;
  @Field('Always VND', 'VND') currency: string;
  @Field('Start of the period in epoch milliseconds; null when open', 1704042000000, { nullable: true, type: Number }) from: number | null;
  @Field('End of the period in epoch milliseconds; null when open', 1735664399999, { nullable: true, type: Number }) to: number | null;
  @Field('The log position every figure reflects', 1234) position: number;
  @NestedField('The columns of the table', [ReportColumnResponse]) columns: ReportColumnResponse[];
  @Field('The rows: money and text as strings, counts as numbers, checks as booleans', [{ category: 'voluntary_contribution', amountVnd: '1500000' }], {
    type: 'array', items: { type: 'object', additionalProperties: true },
  }) rows: Record<string, unknown>[];
  @Field('Totals and the opening and closing balances of the period', { openingBalance: '0', closingBalance: '1000000' }, { type: 'object', additionalProperties: true }) summary: Record<string, unknown>;
  @Field('hex(sha256) of the RFC 8785 canonical JSON of everything above', HASH) sha256: string;
  @OptionalField('Only in JSON, beside the hashed content, for a report of exactly a fiscal year or quarter that was published: each publication of that period recorded by the report\'s position, the same report as the books stood when it was recorded (reproduce it with atPosition), and whether the figures changed since', undefined, { type: [PublishedThenResponse] }) published?: PublishedThenResponse[];
}

export class ImportRejectionResponse {
  @Field('The line of the file', 14) line: number;
  @Field('Why: a rejection code', 'VALIDATION_FAILED') code: string;
  @Field('What is wrong with it', 'credit: not an amount') message: string;
  @OptionalField('The column at fault', 'credit') field?: string;
}

export class ImportDebitsResponse {
  @Field('Bank fees this import booked as BankFeeCharged (management cost, R30); a fee booked before, from this file or another, is not counted again', 2) fees: number;
  @Field('Interest this import booked as InterestCredited (revenue, not a donation); interest booked before is not counted again', 1) interest: number;
  @Field('Other lines (money out to anyone else) listed under GET …/statement-lines?status=unclassified for the accountant to decide', 4) unclassified: number;
}

export class ImportWarningResponse {
  @Field('UNREAD_COLUMN (a heading the ledger does not read), ACCOUNT_DIFFERS (bankAccount is not the statement\'s own account), NO_ACCOUNT, ALREADY_IMPORTED, '
    + 'LINE_IN_CLOSED_PERIOD (a fee or interest of a closed period, not booked: listed to classify), FEE_NOT_COVERED (a fee the component\'s unrestricted money could not pay on its date, not booked: listed to classify), '
    + 'RECORDED_BY_HAND (the line\'s transfer, by its reference and amount, was recorded by hand before: not booked again, counted with the duplicates), '
    + 'TOTALS_DIFFER (the statement\'s own totals line, "Cộng phát sinh", is not what its lines add up to: a line may be missing or altered), '
    + 'LINE_OUTSIDE_PERIOD (lines dated outside the period the statement prints: booked at their dates; the statement covers its printed period only), '
    + 'MEMO_ONLY_LINE (lines with text in the memo column alone, no date and no amount: nothing booked of them; a memo wrapped onto the next line loses its end there)', 'UNREAD_COLUMN', {
    enum: ['UNREAD_COLUMN', 'ACCOUNT_DIFFERS', 'NO_ACCOUNT', 'ALREADY_IMPORTED', 'LINE_IN_CLOSED_PERIOD', 'FEE_NOT_COVERED', 'RECORDED_BY_HAND', 'TOTALS_DIFFER', 'LINE_OUTSIDE_PERIOD', 'MEMO_ONLY_LINE'],
  }) code: string;
  @Field('What the accountant should look at', 'Column 3 "NH Đối tác/Remitter Bank" is not a column the ledger reads: its values were not imported') message: string;
  @OptionalField('The line it is about (the header row for a column)', 6) line?: number;
  @OptionalField('The heading, for a column', 'NH Đối tác/Remitter Bank') column?: string;
  @OptionalField('RECORDED_BY_HAND: the donation recorded by hand that is the line\'s transfer', 'DN-2024-000012') donationId?: string;
  @OptionalField('ACCOUNT_DIFFERS: the account the lines are identified by; null when none', '0011001932418', { type: String, nullable: true }) account?: string | null;
  @OptionalField('ACCOUNT_DIFFERS: the account the import named; null when none', '0011001932419', { type: String, nullable: true }) given?: string | null;
  @OptionalField('TOTALS_DIFFER: the credits the totals line prints; null when blank', '600000', { type: String, nullable: true }) printedCredits?: string | null;
  @OptionalField('TOTALS_DIFFER: the debits the totals line prints; null when blank', '0', { type: String, nullable: true }) printedDebits?: string | null;
  @OptionalField('TOTALS_DIFFER: the credits of the lines above it', '500000') credits?: string;
  @OptionalField('TOTALS_DIFFER: the debits of the lines above it', '0') debits?: string;
  @OptionalField('LINE_OUTSIDE_PERIOD: how many lines are dated outside the printed period (line: the first of them)', 1) lines?: number;
  @OptionalField('LINE_OUTSIDE_PERIOD: the first day of the printed period', '2024-10-01', { type: String, nullable: true }) from?: string | null;
  @OptionalField('LINE_OUTSIDE_PERIOD: the last day of the printed period', '2024-10-31', { type: String, nullable: true }) to?: string | null;
}

export class ImportStatementResponse {
  @Field('SK- and the first 16 hex digits of the file\'s sha256', 'SK-9f2c4e7a1b3d5f6e') statementId: string;
  @Field('The statement\'s own account (printed above its header), else bankAccount, else the campaign\'s; null when none', '0011001932418', { nullable: true, type: String }) account: string | null;
  @Field('First day: as printed ("Từ ngày"), else the first line\'s', '2024-09-01', { nullable: true, type: String }) from: string | null;
  @Field('Last day: as printed ("đến ngày"), else the last line\'s', '2024-09-10', { nullable: true, type: String }) to: string | null;
  @Field('Opening balance in VND: as printed ("Số dư đầu kỳ"), else implied by the first printed balance; null when neither', '1000000000', { nullable: true, type: String }) openingBalance: string | null;
  @Field('Closing balance in VND: as printed ("Số dư cuối kỳ"), else the last running balance; null when unknown', '996714340', { nullable: true, type: String }) closingBalance: string | null;
  @Field('Transaction lines of the statement', 126) lines: number;
  @Field('hex(sha256) of the file: the statement\'s identity in the fund', HASH) sha256: string;
}

export class BalanceCheckResponse {
  @Field('True when every printed balance and the closing balance follow from the lines (or the file has nothing to check)', true) ok: boolean;
  @Field('Printed balances and closing balance compared', 10) checkedLines: number;
  @OptionalField('The first line (of the file, title lines counted) whose balance no longer adds up', 12) firstBreakLine?: number;
  @OptionalField('What the lines before it lead to, VND', '1000200000') expected?: string;
  @OptionalField('What the statement prints there, VND', '1000700000') printed?: string;
}

export class ImportResultResponse {
  @Field('Credit lines booked as donations', 118) imported: number;
  @Field('Lines booked before (by line identity), or every credit line of a file imported before: not booked again', 2) duplicates: number;
  @Field('Of imported, the lines for a campaign that had stopped receiving: booked to its suspense pool `suspense:<campaignId>` and listed under GET …/suspense for a decision (R14)', 1) suspense: number;
  @NestedField('Lines that are no donation, by what became of them', ImportDebitsResponse) debits: ImportDebitsResponse;
  @NestedField('What the accountant should look at: columns not read, an account that differs', [ImportWarningResponse]) warnings: ImportWarningResponse[];
  @NestedField('The statement as recorded (StatementImported)', ImportStatementResponse) statement: ImportStatementResponse;
  @NestedField('The running balance check (a break refuses the statement with 422 STATEMENT_UNBALANCED before anything is booked)', BalanceCheckResponse) balanceCheck: BalanceCheckResponse;
  @Field('True when the fund recorded this very file (same sha256) before: nothing was read or booked, whatever the parameters. A file is recorded once every line was read and none refused; one with rejected lines may be imported again', false) alreadyImported: boolean;
  @Field('Lines that are no transaction: totals, balances, repeated headers', 3) skipped: number;
  @NestedField('The first 1,000 rejected lines', [ImportRejectionResponse]) rejected: ImportRejectionResponse[];
  @Field('Every rejected line, counted', 1) rejectedCount: number;
  @Field('Log position of the last event appended, else the head when the import ended', 1352) position: number;
  @Field('hex(sha256) of the file', HASH) fileSha256: string;
  @Field('csv or xlsx', 'csv', { enum: ['csv', 'xlsx'] }) format: string;
  @Field('The bank layout used', 'vietcombank') profile: string;
  @Field('The bank account of the statement; null when neither given nor the campaign\'s', '0011001932418', { nullable: true, type: String }) bankAccount: string | null;
  @Field('Transaction lines read (credits, debits and rejected lines)', 126) rows: number;
  @Field('False when the file broke off (a quote never closed): later lines were not read', true) complete: boolean;
}
