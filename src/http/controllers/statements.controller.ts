import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { Meta } from '../command-context';
import { ClassifyStatementLineRequestDto } from '../dto/spending.request.dto';
import { STATEMENT_LINE_KINDS } from '../../../projections/statement-register.projection';
import { MAX_RECONCILIATION_DAYS, STATEMENT_READS, type StatementLineRow, StatementQueries, type StatementRow } from '../../read-side/statement-queries';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { presentPage } from '../presenters/register.presenters';
import { enumParam, listParams } from '../query-params';
import { positionParam, RegisterReads } from '../read-consistency';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiClassifyStatementLineRoute, ApiReconciliationRoute, ApiStatementLinesRoute, ApiStatementsRoute } from '../openapi/statements.routes';
import { fundParam } from './params';
import { accountKey } from '../../import/row-identity';
import { BANK_ACCOUNT, bankAccountMessage } from '../dto/validators';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ROW_ID = /^[0-9a-f]{64}$/;

/** An account as typed (0011-001-932418), read as statements identify it (0011001932418). */
function accountParam(name: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !BANK_ACCOUNT.test(raw)) throw validationFailed([{ field: name, reason: bankAccountMessage(name).slice(name.length + 1) }]);
  return accountKey(raw);
}

function dayParam(name: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !DAY.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00+07:00`)) || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) {
    throw validationFailed([{ field: name, reason: 'must be a date YYYY-MM-DD' }]);
  }
  return raw;
}

function presentLine(row: StatementLineRow) {
  return {
    kind: row.kind, entryId: row.entry_id, statementId: row.statement_id, account: row.account, line: row.line, direction: row.direction,
    amountVnd: row.amount_vnd, postedAt: row.posted_at, memo: row.memo, reference: row.reference, rowId: row.row_id, position: row.position,
    reversalId: row.reversal_id, classificationId: row.classification_id, note: row.note,
  };
}

function presentStatement(row: StatementRow) {
  return {
    statementId: row.statement_id, account: row.account, accountSource: row.account_source, sha256: row.sha256, from: row.from_day, to: row.to_day,
    openingBalance: row.opening_balance, closingBalance: row.closing_balance, lines: row.lines, format: row.format, profile: row.profile,
    balanceCheck: row.first_break_line === null
      ? { ok: row.balance_ok === 1, checkedLines: row.checked_lines }
      : { ok: row.balance_ok === 1, checkedLines: row.checked_lines, firstBreakLine: row.first_break_line },
    counts: JSON.parse(row.counts_json) as Record<string, number>, importedAt: row.imported_at, importedBy: row.imported_by, position: row.position,
  };
}

@ApiTags('statements')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class StatementsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(StatementQueries) private readonly statements: StatementQueries,
  ) {}

  @Get('statement-lines')
  @Roles('accountant', 'auditor', 'admin')
  @ApiStatementLinesRoute()
  async lines(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const list = listParams(fundIdRaw, query);
    const kind = enumParam('status', query.status, STATEMENT_LINE_KINDS);
    const account = accountParam('account', query.account);
    const position = await this.reads.ofFund(list.fundId, STATEMENT_READS.lines, positionParam('minPosition', query.minPosition));
    return presentPage(this.statements.lines({ ...list, kind, account }, position), presentLine);
  }

  @Post('statement-lines/:lineId/classify')
  @HttpCode(201)
  @Roles('accountant')
  @ApiClassifyStatementLineRoute()
  async classify(@Param('fundId') fundIdRaw: string, @Param('lineId') lineId: string, @Body() body: ClassifyStatementLineRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    if (!ROW_ID.test(lineId)) throw validationFailed([{ field: 'lineId', reason: 'is not a statement line\'s id (64 hex digits)' }]);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundId, {
      type: 'ClassifyStatementLine', rowId: lineId, as: body.as, reference: body.reference ?? null, note: body.note, component: body.component ?? null,
      line: null, actor: meta.actor, now: meta.now,
    }, meta));
    const { event, position } = outcome.result;
    return { classificationId: outcome.result.id, rowId: lineId, as: event.as, entryId: event.entryId, position };
  }

  @Get('statements')
  @Roles('accountant', 'auditor', 'admin')
  @ApiStatementsRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const account = accountParam('account', query.account);
    const position = await this.reads.ofFund(fundId, STATEMENT_READS.statements, positionParam('minPosition', query.minPosition));
    return { statements: this.statements.statements(fundId, account).map(presentStatement), position };
  }

  @Get('bank-accounts/:account/reconciliation')
  @Roles('accountant', 'auditor', 'admin')
  @ApiReconciliationRoute()
  async reconciliation(@Param('fundId') fundIdRaw: string, @Param('account') accountRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const account = accountParam('account', accountRaw) as string;
    const from = dayParam('from', query.from);
    const to = dayParam('to', query.to);
    if (from !== undefined && to !== undefined && from > to) throw validationFailed([{ field: 'to', reason: 'must not be before from' }]);
    if (from !== undefined && to !== undefined && (Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_RECONCILIATION_DAYS) {
      throw validationFailed([{ field: 'to', reason: `at most ${MAX_RECONCILIATION_DAYS} days after from` }]);
    }
    const position = await this.reads.ofFund(fundId, STATEMENT_READS.reconciliation, positionParam('minPosition', query.minPosition));
    const answer = this.statements.reconciliation(fundId, account, { from, to });
    if (answer.days.length > MAX_RECONCILIATION_DAYS) throw validationFailed([{ field: 'from', reason: `the account's statements span more than ${MAX_RECONCILIATION_DAYS} days: give from and to` }]);
    return { ...answer, statements: answer.statements.map(presentStatement), position };
  }
}
