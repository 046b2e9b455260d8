import { closedPeriodHolding } from '../fund/fund.periods';
import type { FundState } from '../fund/fund.state';
import { MoneyDecimal } from '../money';
import { accept, type Decision } from '../shared/decision';
import { dateOfVietnamDayNumber } from '../shared/calendar';
import { recordDated, type DatedNetsByPool } from '../spending/dated-nets';
import type { Inflows } from '../spending/inflows';
import { poolKeyOf } from '../spending/pools';
import { availableFrom } from '../spending/spending.rules';
import type { BankFeeCharged, InterestCredited, SpendingEvent } from '../spending/spending.events';
import type { SpendingState } from '../spending/spending.state';
import type { BookStatementMoney, RecordStatement } from './statements.commands';
import type { StatementEvent, StatementLineUnclassified } from './statements.events';
import type { StatementStreamState } from './statements.state';

const sequenced = (prefix: string, sequence: number) => `${prefix}-${String(sequence).padStart(6, '0')}`;

/** The id of a statement: `SK-` and the first 16 hex digits of its file's sha256. */
export const statementIdOf = (sha256: string) => `SK-${sha256.slice(0, 16)}`;

/** What booking a statement's fees and interest decided: the events, and the lines left for the accountant. */
export interface StatementMoneyDecision {
  events: SpendingEvent[];
  leftOut: LeftOutLine[];
}

/** A fee or interest line not booked by the import: the accountant decides it on the statement's lines to classify. */
export type LeftOutLine =
  | { rowId: string; kind: 'fee' | 'interest'; reason: 'period-closed'; period: string }
  | { rowId: string; kind: 'fee'; reason: 'insufficient-funds'; pool: string; available: string; asOf: string | null };

/** What the statement's money is booked against: the fund (its closed periods) and the money that came in. */
export interface StatementMoneyContext {
  /** Lines already booked (their row ids), by an earlier run of the same or an overlapping statement. */
  booked: ReadonlySet<string>;
  fund: FundState;
  inflows: Inflows;
}

/**
 * Books a statement's bank fees (BankFeeCharged, a management cost) and interest
 * (InterestCredited, revenue): facts the bank settled, booked on their own dates without the
 * management-cost cap, skipping lines already booked. Two kinds of line are left for the
 * accountant instead (listed with the statement's lines to classify): a fee or interest dated in
 * a closed period, which nothing may change, and a fee the component's unrestricted money could
 * not pay on its date (money dated later never pays for what is dated earlier): booked, it would
 * take restricted or campaign money for a management cost (R5, R7) and leave the pool below zero.
 * Interest comes first, so interest credited on or before a fee's day helps to pay it.
 */
export function decideStatementMoney(command: BookStatementMoney, state: SpendingState, context: StatementMoneyContext): StatementMoneyDecision {
  const events: SpendingEvent[] = [];
  const leftOut: LeftOutLine[] = [];
  let fees = state.bankFeeCount;
  let interest = state.interestCount;
  const pool = poolKeyOf(command.component, null);
  const pending: DatedNetsByPool = new Map();
  const common = (line: BookStatementMoney['fees'][number]) => ({
    fundId: command.fundId, component: command.component, campaignId: command.campaignId, amount: line.amount, fiscalYear: line.fiscalYear,
    account: command.account, memo: line.memo, reference: line.reference,
    source: { statementSha256: command.statementSha256, line: line.line, rowId: line.rowId, raw: line.raw },
  });
  const seen = new Set(context.booked);
  // A line booked already (by an earlier run, or twice in the file) is passed over; one dated in a closed period is left out.
  const passedOver = (line: BookStatementMoney['fees'][number], kind: LeftOutLine['kind']): boolean => {
    if (seen.has(line.rowId)) return true;
    seen.add(line.rowId);
    const period = closedPeriodHolding(context.fund, line.postedAt)?.period;
    if (period !== undefined) leftOut.push({ rowId: line.rowId, kind, reason: 'period-closed', period });
    return period !== undefined;
  };
  for (const line of command.interest) {
    if (passedOver(line, 'interest')) continue;
    interest += 1;
    const event: InterestCredited = { type: 'InterestCredited', data: { ...common(line), interestId: sequenced('IN', interest), creditedAt: line.postedAt } };
    recordDated(pending, pool, line.postedAt, new MoneyDecimal(line.amount));
    events.push(event);
  }
  for (const line of command.fees) {
    if (passedOver(line, 'fee')) continue;
    const available = availableFrom(state, context.inflows, pool, line.postedAt, pending.get(pool));
    if (available.amount.lt(line.amount)) {
      leftOut.push({
        rowId: line.rowId, kind: 'fee', reason: 'insufficient-funds', pool, available: available.amount.toFixed(),
        asOf: available.day === null ? null : dateOfVietnamDayNumber(available.day),
      });
      continue;
    }
    fees += 1;
    const event: BankFeeCharged = { type: 'BankFeeCharged', data: { ...common(line), feeId: sequenced('BF', fees), chargedAt: line.postedAt } };
    recordDated(pending, pool, line.postedAt, new MoneyDecimal(line.amount).negated());
    events.push(event);
  }
  return { events, leftOut };
}

/**
 * Records a statement once: a file whose sha256 the fund has recorded adds nothing, whatever
 * account or parameters it comes with. Its unclassified lines are listed with it, except those
 * an earlier, overlapping statement listed already (`listed`: their row ids).
 */
export function decideRecordStatement(command: RecordStatement, state: StatementStreamState, listed: ReadonlySet<string>): Decision<StatementEvent> {
  if (state.bySha256.has(command.statement.sha256)) return accept();
  const recorded: StatementEvent = { type: 'StatementImported', data: { ...command.statement, importedAt: command.now } };
  return accept<StatementEvent>(recorded, ...unclassifiedLines(command, listed));
}

/**
 * Lists the unclassified lines of a statement that is not recorded (a line of it was refused): the
 * money that left the account is the accountant's to classify all the same, and the file imported
 * again, corrected, lists none of them twice.
 */
export function decideListUnclassified(command: RecordStatement, state: StatementStreamState, listed: ReadonlySet<string>): Decision<StatementEvent> {
  if (state.bySha256.has(command.statement.sha256)) return accept();
  return accept<StatementEvent>(...unclassifiedLines(command, listed));
}

/** Each line no rule classified, once: not those an earlier, overlapping statement listed (`listed`: their row ids). */
function unclassifiedLines(command: RecordStatement, listed: ReadonlySet<string>): StatementLineUnclassified[] {
  const { statement } = command;
  const events: StatementLineUnclassified[] = [];
  const seen = new Set(listed);
  for (const line of command.unclassified) {
    if (seen.has(line.rowId)) continue;
    seen.add(line.rowId);
    events.push({
      type: 'StatementLineUnclassified',
      data: {
        fundId: statement.fundId, statementId: statement.statementId, statementSha256: statement.sha256, account: statement.account, line: line.line, rowId: line.rowId,
        direction: line.direction, amount: line.amount, postedAt: line.postedAt, reference: line.reference, memo: line.memo, raw: line.raw,
      },
    });
  }
  return events;
}
