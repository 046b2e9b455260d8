import { accept, type Decision } from '../shared/decision';
import type { BankFeeCharged, InterestCredited, SpendingEvent } from '../spending/spending.events';
import type { SpendingState } from '../spending/spending.state';
import type { BookStatementMoney, RecordStatement } from './statements.commands';
import type { StatementEvent } from './statements.events';
import type { StatementStreamState } from './statements.state';

const sequenced = (prefix: string, sequence: number) => `${prefix}-${String(sequence).padStart(6, '0')}`;

/** The id of a statement: `SK-` and the first 16 hex digits of its file's sha256. */
export const statementIdOf = (sha256: string) => `SK-${sha256.slice(0, 16)}`;

/**
 * Books a statement's bank fees (BankFeeCharged, a management cost) and interest
 * (InterestCredited, revenue): facts the bank already settled, so never refused, not even past
 * the management-cost cap. Lines already booked (`booked`: their row ids, from an earlier run of
 * the same or an overlapping statement) are skipped.
 */
export function decideStatementMoney(command: BookStatementMoney, state: SpendingState, booked: ReadonlySet<string>): Decision<SpendingEvent> {
  const events: SpendingEvent[] = [];
  let fees = state.bankFeeCount;
  let interest = state.interestCount;
  const common = (line: BookStatementMoney['fees'][number]) => ({
    fundId: command.fundId, component: command.component, campaignId: command.campaignId, amount: line.amount, fiscalYear: line.fiscalYear,
    account: command.account, memo: line.memo, reference: line.reference,
    source: { statementSha256: command.statementSha256, line: line.line, rowId: line.rowId, raw: line.raw },
  });
  const seen = new Set(booked);
  for (const line of command.fees) {
    if (seen.has(line.rowId)) continue;
    seen.add(line.rowId);
    fees += 1;
    const event: BankFeeCharged = { type: 'BankFeeCharged', data: { ...common(line), feeId: sequenced('BF', fees), chargedAt: line.postedAt } };
    events.push(event);
  }
  for (const line of command.interest) {
    if (seen.has(line.rowId)) continue;
    seen.add(line.rowId);
    interest += 1;
    const event: InterestCredited = { type: 'InterestCredited', data: { ...common(line), interestId: sequenced('IN', interest), creditedAt: line.postedAt } };
    events.push(event);
  }
  return accept(...events);
}

/**
 * Records a statement once: a file whose sha256 the fund has recorded adds nothing, whatever
 * account or parameters it comes with. Its unclassified lines are listed with it, except those
 * an earlier, overlapping statement listed already (`listed`: their row ids).
 */
export function decideRecordStatement(command: RecordStatement, state: StatementStreamState, listed: ReadonlySet<string>): Decision<StatementEvent> {
  if (state.bySha256.has(command.statement.sha256)) return accept();
  const { statement } = command;
  const events: StatementEvent[] = [{ type: 'StatementImported', data: { ...statement, importedAt: command.now } }];
  const seen = new Set(listed);
  for (const line of command.unclassified) {
    if (seen.has(line.rowId)) continue;
    seen.add(line.rowId);
    events.push({
      type: 'StatementLineUnclassified',
      data: {
        fundId: statement.fundId, statementId: statement.statementId, account: statement.account, line: line.line, rowId: line.rowId,
        direction: line.direction, amount: line.amount, postedAt: line.postedAt, reference: line.reference, memo: line.memo, raw: line.raw,
      },
    });
  }
  return accept(...events);
}
