import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { CommandRejectedError } from '../command-handling/command-errors';
import type { CommandMetadata } from '../command-handling/command-metadata';
import { InflowView } from '../command-handling/inflow-view';
import { recordDonationBatch } from '../command-handling/handlers/donation-batch.handler';
import { DonationStreamModel, FundModel, SpendingModel, StatementStreamModel } from '../command-handling/stream-models';
import type { WritePath } from '../command-handling/write-path';
import type { RecordDonationBatch, BatchItemOutcome } from '../domain/donation/donation-batch.decide';
import type { RecordDonation } from '../domain/donation/donation.commands';
import type { FundState, OpenFundState } from '../domain/fund/fund.state';
import { vietnamDateOf } from '../domain/shared/calendar';
import { RejectionCode } from '../domain/shared/rejection-codes';
import type { StatementMoneyLine } from '../domain/statements/statements.commands';
import { decideListUnclassified, decideRecordStatement, decideStatementMoney, statementIdOf, type LeftOutLine } from '../domain/statements/statements.decide';
import type { StatementDay, StatementImported } from '../domain/statements/statements.events';
import { Streams } from '../domain/streams';
import type { EventStore } from '../event-store/event-store.port';
import { donorKindOf } from './donor-name';
import { accountKey, OccurrenceCounter, rowIdempotencyKey } from './row-identity';
import { openStatement, StatementFormatError, type StatementFormat } from './statement-reader';
import type { ProfileName } from './statement-layout';
import { type BalanceCheck, type CreditRow, type MoneyRow, rowIdBy, StatementInterpreter, type StatementRow } from './statement-rows';

export { ForeignCurrencyStatementError } from './statement-rows';

/** Who imports, and the ids that tie the import's events together in the journal. */
export interface ImportMetadata {
  actor: { userId: string; roles: string[] };
  correlationId: string;
  causationId: string;
}

export interface ImportRequest {
  fundId: string;
  /** The fund's account the statement is of; defaults to the campaign's account. Part of each row's identity. */
  bankAccount: string | null;
  campaignId: string | null;
  component: string;
  /** null: detected from the header. */
  profile: ProfileName | null;
}

export interface ImportRejection {
  line: number;
  code: string;
  message: string;
  field?: string;
}

/** A statement whose running balance does not add up: refused before anything of it is booked. */
export class StatementBalanceError extends Error {
  constructor(readonly balanceCheck: BalanceCheck) {
    super(
      `The statement does not add up at line ${balanceCheck.firstBreakLine}: the lines before it lead to ${balanceCheck.expected}, the statement prints ${balanceCheck.printed}; a line is missing or altered`,
    );
    this.name = 'StatementBalanceError';
  }
}

/** Something the accountant should look at; the import went on. */
export interface ImportWarning {
  code: 'UNREAD_COLUMN' | 'ACCOUNT_DIFFERS' | 'NO_ACCOUNT' | 'ALREADY_IMPORTED' | 'LINE_IN_CLOSED_PERIOD' | 'FEE_NOT_COVERED' | 'RECORDED_BY_HAND' | 'TOTALS_DIFFER' | 'LINE_OUTSIDE_PERIOD' | 'MEMO_ONLY_LINE';
  message: string;
  line?: number;
  column?: string;
  /** RECORDED_BY_HAND: the donation recorded by hand that is this line's transfer. */
  donationId?: string;
  /** ACCOUNT_DIFFERS: the account the lines are identified by (null: none), and the one the import named (null: none). */
  account?: string | null;
  given?: string | null;
  /** TOTALS_DIFFER: what the totals line prints (null: blank) and what the lines above it add up to. */
  printedCredits?: string | null;
  printedDebits?: string | null;
  credits?: string;
  debits?: string;
  /** LINE_OUTSIDE_PERIOD: how many lines are dated outside the printed period (`line` is the first), and that period; MEMO_ONLY_LINE: how many lines hold a memo alone. */
  lines?: number;
  from?: string | null;
  to?: string | null;
}

/** The statement as recorded (StatementImported), in the answer. */
export type StatementSummary = Pick<
  StatementImported['data'],
  'statementId' | 'account' | 'from' | 'to' | 'openingBalance' | 'closingBalance' | 'lines' | 'sha256'
>;

/** The answer of POST /v1/funds/:fundId/imports and `ledger import`. */
export interface ImportResult {
  imported: number;
  duplicates: number;
  /** Of `imported`, the lines for a campaign that had stopped receiving: booked to its suspense pool (R14). */
  suspense: number;
  /** Lines that are no donation: bank fees and interest booked, other lines listed for review. */
  debits: { fees: number; interest: number; unclassified: number };
  warnings: ImportWarning[];
  statement: StatementSummary;
  balanceCheck: BalanceCheck;
  /** True when the fund recorded this file (by sha256) before: nothing was read or booked again. */
  alreadyImported: boolean;
  /** Lines that are no transaction: totals, balances, repeated headers. */
  skipped: number;
  /** The first MAX_REJECTIONS_LISTED rejected lines; `rejectedCount` counts them all. */
  rejected: ImportRejection[];
  rejectedCount: number;
  /** Global log position of the last event appended, else the log's head when the import ended. */
  position: number;
  fileSha256: string;
  format: StatementFormat;
  profile: ProfileName;
  bankAccount: string | null;
  /** Transaction lines read (credits, debits and rejected lines). */
  rows: number;
  /** False when the file broke off (a CSV quote never closed): lines after `rejected`'s last were not read. */
  complete: boolean;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  imported: number;
}

export interface ImportRun {
  meta: ImportMetadata;
  /** Scratch files (row counts of very large statements) go here. */
  scratchDir: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per append. */
  batchSize?: number;
}

/**
 * Lines per append of an import inside the server (POST …/imports): each append is one
 * synchronous commit on the server's event loop, so it stays short for everyone else's requests.
 */
export const DEFAULT_BATCH_SIZE = 1_000;
/**
 * Lines per append of `ledger import`, a process that serves no one else: fewer, larger commits
 * (the events table's indexes by event id and idempotency key take inserts all over their
 * pages, and a commit writes each page it touched once): about a sixth less time at 100k lines.
 */
export const CLI_BATCH_SIZE = 5_000;
export const MAX_REJECTIONS_LISTED = 1_000;
/** The longest reference and note the HTTP edge accepts for a donation. */
const MAX_REFERENCE_LENGTH = 100;
const MAX_NOTE_LENGTH = 2_000;

/** sha256 of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function refuse(code: string, message: string, details?: Record<string, string | string[]>): never {
  throw new CommandRejectedError({ code, message, details });
}

/**
 * Imports bank statements into a fund's donation streams. One instance per process (the HTTP
 * controller's, or the CLI's): batches of concurrent imports on one stream take turns.
 */
export class StatementImporter {
  /** The import running for each fund and file (by sha256), which the next import of it waits for. */
  private readonly importsOfFile = new Map<string, Promise<ImportResult>>();

  /**
   * @param writePath the process's write path: each batch is one batch command through it, so
   *   the stream state that single donations decide on follows the import a batch at a time.
   */
  constructor(
    private readonly store: EventStore,
    private readonly writePath: WritePath,
    /**
     * The money that came into each fund, which a bank fee is paid from: the process's own, which
     * its write path feeds (the server's, the CLI's); without one, one is read from the log when a
     * statement has fees.
     */
    private inflows?: InflowView,
  ) {}

  /**
   * Checks what would make every row fail (the fund, campaign or component does not exist)
   * before any of the file is read, and answers the bank account to identify rows by.
   * @throws CommandRejectedError NOT_FOUND, UNKNOWN_COMPONENT
   */
  async preflight(request: ImportRequest): Promise<{ bankAccount: string | null }> {
    const fund = await this.writePath.lookup(Streams.fund(request.fundId), FundModel);
    if (fund.status !== 'open') refuse(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
    const open: OpenFundState = fund;
    if (!open.components.includes(request.component)) {
      refuse(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${request.component}"`, { component: request.component, known: open.components });
    }
    // Rows are identified by the account as a statement prints it, without separators: "0071-000-123456" is 0071000123456.
    if (request.campaignId === null) return { bankAccount: identityAccountOf(request.bankAccount) };
    const campaign = open.campaigns[request.campaignId];
    if (!campaign) refuse(RejectionCode.NOT_FOUND, `No campaign ${request.campaignId}`, { entity: 'campaign' });
    return { bankAccount: identityAccountOf(request.bankAccount ?? campaign.bankAccount) };
  }

  /**
   * Reads the statement once, streaming, and appends its credit lines in batches. Each batch is
   * durable once appended: a crash loses at most the batch being written, and running the same
   * import again books what is missing and reports the rest as duplicates.
   * @throws CommandRejectedError from preflight; StatementFormatError when no header is found
   */
  async importFile(path: string, fileSha256: string, request: ImportRequest, run: ImportRun): Promise<ImportResult> {
    // Imports of one file take turns: the second finds what the first booked (or recorded), by
    // the account the first identified the rows by, whatever account it names itself.
    const key = `${request.fundId}\u001f${fileSha256}`;
    const previous = this.importsOfFile.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.importOnce(path, fileSha256, request, run));
    this.importsOfFile.set(key, current);
    try {
      return await current;
    } finally {
      if (this.importsOfFile.get(key) === current) this.importsOfFile.delete(key);
    }
  }

  private async importOnce(path: string, fileSha256: string, request: ImportRequest, run: ImportRun): Promise<ImportResult> {
    const { bankAccount } = await this.preflight(request);
    const recorded = (await this.writePath.lookup(Streams.statements(request.fundId), StatementStreamModel)).bySha256.get(fileSha256);
    if (recorded) return alreadyRecorded(recorded, await this.store.headPosition());
    mkdirSync(run.scratchDir, { recursive: true });
    const moneyLines = await this.checkBalance(path, request, bankAccount);
    // The fees will be paid from the fund's inflows: brought up to the log's head now, the view
    // folds the donations below as they are committed instead of reading them back at the end.
    if (moneyLines > 0) await this.inflows?.catchUp();
    const occurrences = new OccurrenceCounter(run.scratchDir);
    const source = openStatement(path);
    const interpreter = new StatementInterpreter({ profile: request.profile, bankAccount, occurrences });
    const tally = new Tally();
    const batchSize = run.batchSize ?? DEFAULT_BATCH_SIZE;
    let others: MoneyRow[] = [];
    let pending: CreditRow[] = [];
    let identifiedAsBefore = false;
    let feesLookedAt = false;
    let sameStatementLookedAt = false;
    /**
     * A file that does not print its account, booked before (in part: a refused line, a crash)
     * under another account than this import's: its lines keep the identity they had. Its
     * donations (in the streams of `rows`' years), bank fees and interest tell that account. So
     * do, for another file of the same statement, the lines of its first batch.
     */
    const earlierAccountOf = async (rows: readonly MoneyRow[]): Promise<{ account: string | null } | undefined> => {
      if (identifiedAsBefore || interpreter.statementAccount !== null) return undefined;
      let earlier: { account: string | null } | undefined;
      if (!feesLookedAt) {
        feesLookedAt = true;
        earlier = await this.earlierMoneyAccount(request.fundId, fileSha256, interpreter.identityAccount);
      }
      earlier ??= rows.length > 0 ? await this.earlierAccount(request.fundId, fileSha256, rows, interpreter.identityAccount) : undefined;
      if (earlier === undefined && rows.length > 0 && !sameStatementLookedAt) {
        sameStatementLookedAt = true;
        earlier = await this.accountOfSameStatement(request.fundId, rows, interpreter.identityAccount);
      }
      if (earlier === undefined) return undefined;
      identifiedAsBefore = true;
      interpreter.identifyBy(earlier.account);
      others = others.map((row) => rowIdBy(row, earlier.account));
      return earlier;
    };
    const flush = async () => {
      let rows = pending;
      pending = [];
      occurrences.commit();
      const earlier = await earlierAccountOf(rows);
      if (earlier !== undefined) rows = rows.map((row) => rowIdBy(row, earlier.account));
      await this.appendRows(rows, { ...request, bankAccount: interpreter.identityAccount }, fileSha256, run.meta, tally);
      run.onProgress?.({ rows: tally.rows, bytesRead: source.bytesRead(), imported: tally.imported });
    };
    try {
      try {
        for await (const record of source.records) {
          const row = interpreter.interpret(record);
          if (row === undefined) continue;
          tally.count(row);
          if (row.kind === 'credit') {
            pending.push(row as CreditRow);
            if (pending.length >= batchSize) await flush();
          } else if (row.kind !== 'rejected' && row.kind !== 'skipped') {
            others.push(row);
          }
        }
        interpreter.finish();
      } catch (error) {
        // A file that breaks off after its header: what was read is still booked and reported.
        if (!(error instanceof StatementFormatError) || !interpreter.layout) throw error;
        tally.reject({ line: error.line ?? 0, code: 'MALFORMED_STATEMENT', message: error.message });
        tally.complete = false;
      }
      await flush();
    } finally {
      source.close();
      occurrences.close();
    }
    const layout = interpreter.layout;
    if (!layout) throw new StatementFormatError('The statement has no header row (a date column and a credit column)');
    if (others.length > 0) await earlierAccountOf(others);
    const facts = interpreter.facts();
    const account = interpreter.identityAccount;
    const warnings: ImportWarning[] = interpreter.unread.map(({ column, heading, reason, line }) => ({
      code: 'UNREAD_COLUMN' as const,
      line: line ?? layout.headerLine,
      column: reason === 'unnamed' ? `#${column + 1}` : heading,
      message: reason === 'unknown'
        ? `Column ${column + 1} "${heading}" is not a column the ledger reads: its values were not imported`
        : reason === 'repeated'
          ? `Column ${column + 1} "${heading}" repeats a column already read: its values were not imported`
          : `Column ${column + 1} has no heading, yet line ${String(line)} has a value in it: its values were not imported (give the column its heading, e.g. "Nội dung" for the memo)`,
    }));
    if (facts.account !== null && request.bankAccount !== null && accountKey(request.bankAccount) !== facts.account) {
      warnings.push({
        code: 'ACCOUNT_DIFFERS', account: facts.account, given: request.bankAccount,
        message: `The statement is of account ${facts.account}, not ${request.bankAccount}: its lines are identified by ${facts.account}`,
      });
    }
    if (facts.account === null && account !== bankAccount) {
      warnings.push({
        code: 'ACCOUNT_DIFFERS', account, given: bankAccount,
        message: `An earlier import of this statement identified its lines by ${account === null ? 'no account' : `account ${account}`}, not ${bankAccount === null ? 'none' : bankAccount}: they are identified by it again, so none is booked twice`,
      });
    }
    for (const totals of interpreter.totalsDiffer) {
      warnings.push({
        code: 'TOTALS_DIFFER', ...totals,
        message: `The statement's totals at line ${totals.line} (credits ${totals.printedCredits ?? '-'}, debits ${totals.printedDebits ?? '-'}) are not what its lines add up to `
          + `(credits ${totals.credits}, debits ${totals.debits}): a line may be missing or altered; compare the file with the bank's`,
      });
    }
    const outside = interpreter.outsidePeriod;
    if (outside.first !== null) {
      warnings.push({
        code: 'LINE_OUTSIDE_PERIOD', line: outside.first.line, lines: outside.count, from: facts.from, to: facts.to,
        message: `Line ${outside.first.line} is dated ${outside.first.day}, outside the period the statement prints (${facts.from} to ${facts.to})`
          + `${outside.count > 1 ? `, as are ${outside.count - 1} more line(s)` : ''}: the lines were booked at their dates, and the statement covers its printed period only; check that the file is the bank's statement of that period`,
      });
    }
    const memoOnly = interpreter.memoOnlyLines;
    if (memoOnly.first !== null) {
      warnings.push({
        code: 'MEMO_ONLY_LINE', line: memoOnly.first, lines: memoOnly.count,
        message: `Line ${memoOnly.first}${memoOnly.count > 1 ? ` and ${memoOnly.count - 1} more line(s) hold` : ' holds'} text in the memo column alone, with no date and no amount: `
          + 'nothing was booked of them; if it is the memo of the line above wrapped onto the next line, that transaction\'s memo lacks its end',
      });
    }
    if (account === null) warnings.push({ code: 'NO_ACCOUNT', message: 'Neither the statement nor the import names the bank account: the statement cannot be reconciled with an account' });
    const meta: CommandMetadata = { ...run.meta, now: new Date().toISOString(), idempotencyKey: null, requestHash: '' };
    const money = await this.bookStatementMoney(request, account, fileSha256, others.filter((row) => row.kind === 'fee'), others.filter((row) => row.kind === 'interest'), meta);
    if (money.lastPosition !== null) tally.lastPosition = money.lastPosition;
    // A line the import could not book (a closed period, a fee the pool could not pay) is the accountant's to classify.
    const leftOut = new Map(money.leftOut.map((line) => [line.rowId, line]));
    const fees = others.filter((row) => row.kind === 'fee' && !leftOut.has(row.rowId));
    const interest = others.filter((row) => row.kind === 'interest' && !leftOut.has(row.rowId));
    const unclassified = others.filter((row) => row.kind === 'unclassified' || leftOut.has(row.rowId));
    for (const row of others) {
      const line = leftOut.get(row.rowId);
      if (line !== undefined) warnings.push(leftOutWarning(row, line));
    }
    const statement: Omit<StatementImported['data'], 'importedAt'> = {
      fundId: request.fundId, statementId: statementIdOf(fileSha256), account,
      accountSource: facts.account !== null ? 'statement' : account !== null ? 'parameter' : 'none',
      from: facts.from, to: facts.to, openingBalance: facts.openingBalance, closingBalance: facts.closingBalance, lines: facts.lines,
      sha256: fileSha256, format: source.format, profile: layout.profile.name, balanceCheck: publicCheck(facts.balanceCheck),
      counts: { donations: tally.creditLines, interest: interest.length, fees: fees.length, unclassified: unclassified.length, rejected: tally.rejectedCount },
      days: interpreter.days(),
    };
    // Recorded last, and only whole: a statement cut short by a crash, or with lines refused (a
    // wrong profile, a closed campaign), is not recorded, so the same file can be imported again,
    // corrected or with other parameters; what it booked is then found by each line's identity.
    // Its unclassified lines are listed all the same: money that left the account is never lost
    // from sight because another line of the file was refused.
    if (tally.complete && facts.lines > 0 && (tally.rejectedCount === 0 || unclassified.length > 0)) {
      const recordedAt = await this.recordStatement(request.fundId, statement, unclassified, meta, tally.rejectedCount === 0);
      if (recordedAt !== null) tally.lastPosition = recordedAt;
    }
    const position = tally.lastPosition ?? (await this.store.headPosition());
    return tally.result({
      position, fileSha256, format: source.format, profile: layout.profile.name, bankAccount: account, warnings,
      statement: summaryOf(statement), balanceCheck: facts.balanceCheck,
      // What this import booked: a fee or interest booked before (the same line in another file) is not booked again.
      debits: { fees: money.booked.fees, interest: money.booked.interest, unclassified: unclassified.length },
    });
  }

  /**
   * The account another file of the same statement was booked under (downloaded again, its CSV
   * and its XLSX, a line ending more: another sha256), for a file that prints no account of its
   * own: the account, among those of the fund's imports, under which more than half of `rows` (the
   * first batch) were booked before, the most of them. A line or two that two accounts share (the
   * month's SMS fee, an unreferenced gift of the same memo and amount) never make the most of a
   * statement's lines. A file that prints its account is never matched: its lines are that account's.
   */
  private async accountOfSameStatement(fundId: string, rows: readonly MoneyRow[], current: string | null): Promise<{ account: string | null } | undefined> {
    const accounts = new Set<string | null>();
    for (const statement of (await this.writePath.lookup(Streams.statements(fundId), StatementStreamModel)).bySha256.values()) accounts.add(statement.account);
    // Imports not recorded as statements (a line refused, a crash) booked their lines all the same.
    for (const fiscalYear of new Set(rows.map((row) => row.fiscalYear))) {
      for (const account of (await this.writePath.lookup(Streams.donations(fundId, fiscalYear), DonationStreamModel)).fileAccounts.values()) accounts.add(account);
    }
    const spending = await this.writePath.lookup(Streams.spending(fundId), SpendingModel);
    for (const line of [...spending.fees.values(), ...spending.interest.values()]) accounts.add(line.account);
    accounts.delete(current);
    let best: { account: string | null; lines: number } | undefined;
    for (const account of accounts) {
      const keys = rows.map((row) => rowIdempotencyKey(fundId, row.receivedAt, rowIdBy(row, account).rowId));
      const lines = (await this.store.idempotencyKeysUsed(keys)).size;
      if (lines > (best?.lines ?? 0)) best = { account, lines };
    }
    return best !== undefined && best.lines * 2 > rows.length ? { account: best.account } : undefined;
  }

  /**
   * The account an earlier import of this file booked its rows under, in the fiscal years of
   * `rows`, when it is not `current`.
   */
  private async earlierAccount(fundId: string, fileSha256: string, rows: readonly MoneyRow[], current: string | null): Promise<{ account: string | null } | undefined> {
    for (const fiscalYear of new Set(rows.map((row) => row.fiscalYear))) {
      const accounts = (await this.writePath.lookup(Streams.donations(fundId, fiscalYear), DonationStreamModel)).fileAccounts;
      if (!accounts.has(fileSha256)) continue;
      const account = accounts.get(fileSha256) ?? null;
      return account === current ? undefined : { account };
    }
    return undefined;
  }

  /**
   * The account an earlier import of this file booked its bank fees or interest under, when it is
   * not `current`.
   */
  private async earlierMoneyAccount(fundId: string, fileSha256: string, current: string | null): Promise<{ account: string | null } | undefined> {
    const spending = await this.writePath.lookup(Streams.spending(fundId), SpendingModel);
    for (const line of [...spending.fees.values(), ...spending.interest.values()]) {
      if (line.source.statementSha256 === fileSha256) return line.account === current ? undefined : { account: line.account };
    }
    return undefined;
  }

  /**
   * Reads the whole file once before anything is booked when it can be checked (a balance column,
   * or an opening balance above the header), and refuses it when its running balance breaks.
   * A file without either is read once only: its lines up to the first transaction tell. Answers how many bank fee and
   * interest lines the file holds, when it was read whole (0 otherwise).
   * @throws StatementBalanceError
   */
  private async checkBalance(path: string, request: ImportRequest, bankAccount: string | null): Promise<number> {
    const source = openStatement(path);
    // Money, dates and balances only: the rows are identified in the importing pass.
    const interpreter = new StatementInterpreter({ profile: request.profile, bankAccount, occurrences: null });
    let moneyLines = 0;
    try {
      for await (const record of source.records) {
        const row = interpreter.interpret(record);
        if (row?.kind === 'fee' || row?.kind === 'interest') moneyLines += 1;
        // An opening balance line may stand below the header, before the first transaction.
        if (interpreter.layout && !interpreter.checksBalance && row !== undefined && row.kind !== 'skipped') return 0;
      }
    } catch (error) {
      // The importing pass meets the same problem and reports it.
      if (error instanceof StatementFormatError) return 0;
      throw error;
    } finally {
      source.close();
    }
    const check = interpreter.facts().balanceCheck;
    if (!check.ok) throw new StatementBalanceError(check);
    return moneyLines;
  }

  private async bookStatementMoney(
    request: ImportRequest, account: string | null, fileSha256: string, fees: MoneyRow[], interest: MoneyRow[], meta: CommandMetadata,
  ): Promise<{ lastPosition: number | null; leftOut: LeftOutLine[]; booked: { fees: number; interest: number } }> {
    const booked = { fees: 0, interest: 0 };
    if (fees.length + interest.length === 0) return { lastPosition: null, leftOut: [], booked };
    const inflows = (this.inflows ??= new InflowView(this.store));
    let fund: FundState = { status: 'none' };
    let leftOut: LeftOutLine[] = [];
    const keyOfRow = new Map<string, string>();
    for (const row of [...fees, ...interest]) keyOfRow.set(rowIdempotencyKey(request.fundId, row.receivedAt, row.rowId), row.rowId);
    const command = {
      type: 'BookStatementMoney' as const, fundId: request.fundId, component: request.component, campaignId: request.campaignId, account,
      statementSha256: fileSha256, fees: fees.map(lineOf), interest: interest.map(lineOf),
    };
    const written = await this.writePath.executeBatch({
      streamId: Streams.spending(request.fundId),
      model: SpendingModel,
      meta,
      itemKeys: [...keyOfRow.keys()],
      prepare: async (held) => {
        fund = await this.writePath.lookup(Streams.fund(request.fundId), FundModel, { holdIn: held });
        await inflows.catchUp();
      },
      decide: (state, keys) => {
        const decision = decideStatementMoney(command, state, {
          booked: new Set([...keys].map((key) => keyOfRow.get(key) as string)), fund, inflows: inflows.of(request.fundId),
        });
        leftOut = decision.leftOut;
        booked.fees = decision.events.filter((event) => event.type === 'BankFeeCharged').length;
        booked.interest = decision.events.filter((event) => event.type === 'InterestCredited').length;
        return { events: decision.events, result: null };
      },
      keyOf: (event) => {
        if (event.type !== 'BankFeeCharged' && event.type !== 'InterestCredited') throw new Error(`Statement money is never a ${event.type}`);
        const at = event.type === 'BankFeeCharged' ? event.data.chargedAt : event.data.creditedAt;
        return rowIdempotencyKey(request.fundId, at, event.data.source.rowId);
      },
    });
    return { lastPosition: written.lastPosition, leftOut, booked };
  }

  private async recordStatement(
    fundId: string, statement: Omit<StatementImported['data'], 'importedAt'>, unclassified: MoneyRow[], meta: CommandMetadata, whole: boolean,
  ): Promise<number | null> {
    const statementKey = `statement:${fundId}:${statement.sha256}`;
    const keyOfRow = new Map<string, string>();
    for (const row of unclassified) keyOfRow.set(rowIdempotencyKey(fundId, row.receivedAt, row.rowId), row.rowId);
    const command = {
      type: 'RecordStatement' as const, statement, now: meta.now,
      unclassified: unclassified.map((row) => ({ ...lineOf(row), direction: row.direction })),
    };
    const written = await this.writePath.executeBatch({
      streamId: Streams.statements(fundId),
      model: StatementStreamModel,
      meta,
      itemKeys: [statementKey, ...keyOfRow.keys()],
      decide: (state, keys) => {
        if (keys.has(statementKey)) return { events: [], result: null };
        const listed = new Set([...keys].flatMap((key) => (key === statementKey ? [] : [keyOfRow.get(key) as string])));
        const decision = (whole ? decideRecordStatement : decideListUnclassified)(command, state, listed);
        return { events: decision.ok ? decision.events : [], result: null };
      },
      keyOf: (event) => (event.type === 'StatementImported' ? statementKey : rowIdempotencyKey(fundId, event.data.postedAt, event.data.rowId)),
    });
    return written.lastPosition;
  }

  private async appendRows(rows: CreditRow[], request: ImportRequest, fileSha256: string, meta: ImportMetadata, tally: Tally): Promise<void> {
    // The recording time of the batch: rows dated later than the day after it are refused.
    const now = new Date().toISOString();
    const commandMeta: CommandMetadata = { ...meta, now, idempotencyKey: null, requestHash: '' };
    // Rows go to the stream of their fiscal year, in file order within each.
    const byYear = new Map<number, CreditRow[]>();
    for (const row of rows) {
      if (!byYear.has(row.fiscalYear)) byYear.set(row.fiscalYear, []);
      byYear.get(row.fiscalYear)!.push(row);
    }
    for (const [fiscalYear, yearRows] of byYear) {
      const donations: RecordDonation[] = [];
      const ready: CreditRow[] = [];
      for (const row of yearRows) {
        if (row.reference !== null && row.reference.length > MAX_REFERENCE_LENGTH) {
          tally.reject({ line: row.line, code: RejectionCode.VALIDATION_FAILED, message: `reference: at most ${MAX_REFERENCE_LENGTH} characters`, field: 'reference' });
          continue;
        }
        donations.push(donationOf(row, request, fileSha256, now));
        ready.push(row);
      }
      if (donations.length === 0) continue;
      const batch: RecordDonationBatch = { type: 'RecordDonationBatch', fundId: request.fundId, fiscalYear, donations };
      const written = await recordDonationBatch(this.writePath, batch, commandMeta);
      written.result.forEach((outcome, index) => tally.settle(ready[index], outcome));
      if (written.lastPosition !== null) tally.lastPosition = written.lastPosition;
    }
  }
}


/** An account named by the caller or a campaign, as rows are identified by it; null when it names none. */
function identityAccountOf(account: string | null | undefined): string | null {
  if (account === null || account === undefined) return null;
  const digits = accountKey(account);
  return digits === '' ? null : digits;
}

function lineOf(row: MoneyRow): StatementMoneyLine {
  return {
    line: row.line, rowId: row.rowId, raw: row.raw, amount: row.amountVnd, postedAt: row.receivedAt, fiscalYear: row.fiscalYear,
    reference: row.reference, memo: row.memo,
  };
}

/** The balance check as recorded: which line broke, without the figures (they are in the answer). */
function publicCheck(check: BalanceCheck): StatementImported['data']['balanceCheck'] {
  return check.firstBreakLine === undefined ? { ok: check.ok, checkedLines: check.checkedLines } : { ok: check.ok, checkedLines: check.checkedLines, firstBreakLine: check.firstBreakLine };
}

function summaryOf(statement: Omit<StatementImported['data'], 'importedAt'>): StatementSummary {
  return {
    statementId: statement.statementId, account: statement.account, from: statement.from, to: statement.to,
    openingBalance: statement.openingBalance, closingBalance: statement.closingBalance, lines: statement.lines, sha256: statement.sha256,
  };
}

/** The answer for a file the fund recorded before: nothing read, nothing booked. */
function alreadyRecorded(recorded: StatementImported['data'], position: number): ImportResult {
  return {
    imported: 0, duplicates: recorded.counts.donations, suspense: 0, debits: { fees: 0, interest: 0, unclassified: recorded.counts.unclassified },
    warnings: [{ code: 'ALREADY_IMPORTED', message: `This file was imported on ${recorded.importedAt} (statement ${recorded.statementId}): nothing was booked again` }],
    statement: summaryOf(recorded), balanceCheck: recorded.balanceCheck, alreadyImported: true,
    skipped: 0, rejected: [], rejectedCount: 0, position, fileSha256: recorded.sha256, format: recorded.format,
    profile: recorded.profile as ProfileName, bankAccount: recorded.account, rows: recorded.lines, complete: true,
  };
}

export type { StatementDay };

function donationOf(row: CreditRow, request: ImportRequest, fileSha256: string, now: string): RecordDonation {
  return {
    type: 'RecordDonation',
    fundId: request.fundId,
    amount: row.amountVnd,
    currency: 'VND',
    fxRate: null,
    channel: 'bank_transfer',
    receivedAt: row.receivedAt,
    donor: { name: row.donorName, kind: donorKindOf(row.donorName), publicName: null, taxCode: null, address: null, contact: null },
    component: request.component,
    campaignId: request.campaignId,
    restriction: null,
    reference: row.reference,
    inKind: null,
    // The transfer's memo, as the statement prints it: what the donor wrote.
    note: row.memo === '' ? null : row.memo.slice(0, MAX_NOTE_LENGTH),
    source: { rowId: row.rowId, fileSha256, line: row.line, raw: row.raw, bankAccount: request.bankAccount },
    now,
    // Late money for a closed campaign waits in its suspense pool instead of being refused (R14).
    lateToSuspense: true,
  };
}

/** The import's counts, and the first rejections in line order. */
class Tally {
  imported = 0;
  duplicates = 0;
  suspense = 0;
  creditLines = 0;
  skipped = 0;
  rows = 0;
  rejectedCount = 0;
  complete = true;
  lastPosition: number | null = null;
  private readonly rejected: ImportRejection[] = [];
  /** Lines whose transfer was recorded by hand before: each a warning naming the donation. */
  private readonly byHand: ImportWarning[] = [];

  count(row: StatementRow): void {
    if (row.kind === 'skipped') {
      this.skipped += 1;
      return;
    }
    this.rows += 1;
    if (row.kind === 'credit') this.creditLines += 1;
    if (row.kind === 'rejected') this.reject({ line: row.line, code: row.code, message: row.message, field: row.field });
  }

  settle(row: CreditRow, outcome: BatchItemOutcome): void {
    if (outcome.kind === 'recorded') {
      this.imported += 1;
      if (outcome.event.data.restrictionId?.startsWith('suspense:')) this.suspense += 1;
    }
    else if (outcome.kind === 'duplicate') this.duplicates += 1;
    else if (outcome.kind === 'recorded-by-hand') {
      this.duplicates += 1;
      if (this.byHand.length < MAX_REJECTIONS_LISTED) {
        this.byHand.push({
          code: 'RECORDED_BY_HAND', line: row.line, donationId: outcome.donationId,
          message: `Line ${row.line} is the transfer recorded by hand as ${outcome.donationId} (the same reference and amount): not booked again`,
        });
      }
    } else {
      const field = outcome.rejection.details?.field;
      this.reject({ line: row.line, code: outcome.rejection.code, message: outcome.rejection.message, field: typeof field === 'string' ? field : undefined });
    }
  }

  reject(rejection: ImportRejection): void {
    this.rejectedCount += 1;
    if (this.rejected.length < MAX_REJECTIONS_LISTED) this.rejected.push(rejection.field === undefined ? { line: rejection.line, code: rejection.code, message: rejection.message } : rejection);
  }

  result(rest: Pick<ImportResult, 'position' | 'fileSha256' | 'format' | 'profile' | 'bankAccount' | 'warnings' | 'statement' | 'balanceCheck' | 'debits'>): ImportResult {
    const rejected = [...this.rejected].sort((a, b) => a.line - b.line);
    return {
      imported: this.imported, duplicates: this.duplicates, suspense: this.suspense, debits: rest.debits, warnings: [...rest.warnings, ...this.byHand], statement: rest.statement,
      balanceCheck: rest.balanceCheck, alreadyImported: false, skipped: this.skipped, rejected, rejectedCount: this.rejectedCount,
      position: rest.position, fileSha256: rest.fileSha256, format: rest.format, profile: rest.profile, bankAccount: rest.bankAccount,
      rows: this.rows, complete: this.complete,
    };
  }
}

/** Why a fee or interest line was left for the accountant, in words. */
function leftOutWarning(row: MoneyRow, line: LeftOutLine): ImportWarning {
  const what = `${line.kind === 'fee' ? 'Bank fee' : 'Interest'} of ${row.amountVnd} VND on ${vietnamDateOf(row.receivedAt)} (line ${row.line})`;
  if (line.reason === 'period-closed') {
    return { code: 'LINE_IN_CLOSED_PERIOD', line: row.line, message: `${what} falls in the closed period ${line.period}: it is not booked there; it is listed with the lines to classify, and booked when classified, dated in an open period` };
  }
  const when = line.asOf === null ? 'now' : `at the close of ${line.asOf}`;
  return {
    code: 'FEE_NOT_COVERED', line: row.line,
    message: `${what} is more than the unrestricted money of ${line.pool} held ${when} (${line.available} VND): it is not booked; it is listed with the lines to classify, for the accountant to charge to a pool that can pay it`,
  };
}
