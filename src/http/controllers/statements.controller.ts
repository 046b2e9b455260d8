import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { Meta } from '../command-context';
import { ClassifyStatementLineRequestDto } from '../dto/spending.request.dto';
import { ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { STATEMENT_LINE_KINDS } from '../../../projections/statement-register.projection';
import { MAX_RECONCILIATION_DAYS, STATEMENT_READS, type StatementLineRow, StatementQueries, type StatementRow } from '../../read-side/statement-queries';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { presentPage } from '../presenters/register.presenters';
import { enumParam, listParams } from '../query-params';
import { positionParam, RegisterReads } from '../read-consistency';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiEnumQuery, ApiFundIdParam, ApiMinPositionQuery, ApiPageQueries, ApiPeriodQueries } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ClassifyAnswerResponse, ReconciliationResponse, StatementLinePageResponse, StatementListResponse } from '../openapi/statement.responses';
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
  @ApiOperation({
    summary: 'Statement lines that are no donation, oldest first: bank fees and interest as booked (BF-, IN-), and the lines no rule classified, for the accountant to decide',
    description: '`status=unclassified` lists what is left to decide (money out to anyone but the bank, which an accountant books as a disbursement or corrects); `fee` and `interest` list what was booked from the memo (R30).',
  })
  @ApiPageQueries()
  @ApiPeriodQueries()
  @ApiEnumQuery('status', [...STATEMENT_LINE_KINDS], 'Only lines of this kind', 'unclassified')
  @ApiQuery({ name: 'account', required: false, type: String, description: 'Only lines of this bank account', example: '0011001932418' })
  @ApiAnswer(200, StatementLinePageResponse, 'A page of statement lines')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
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
  @ApiIdempotencyKeyHeader()
  @ApiParam({ name: 'lineId', description: 'The line\'s rowId, as GET …/statement-lines?status=unclassified lists it', example: '9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b' })
  @ApiOperation({
    summary: 'Decide a statement line no rule classified → StatementLineClassified (CL-…): fee or interest books BankFeeCharged or InterestCredited with it; '
      + 'disbursement links the paid disbursement (reference DB-…), transfer the transfer (reference TR-…); other records the decision and its note',
  })
  @ApiAnswer(201, ClassifyAnswerResponse, 'The line is decided')
  @ApiErrors(...ROUTE_ERRORS.classifyStatementLine)
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
  @ApiOperation({ summary: 'The bank statements the fund recorded (StatementImported): account, period, balances, the balance check, what became of the lines' })
  @ApiQuery({ name: 'account', required: false, type: String, description: 'Only statements of this bank account', example: '0011001932418' })
  @ApiMinPositionQuery('the statements')
  @ApiAnswer(200, StatementListResponse, 'The statements, by first day')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const account = accountParam('account', query.account);
    const position = await this.reads.ofFund(fundId, STATEMENT_READS.statements, positionParam('minPosition', query.minPosition));
    return { statements: this.statements.statements(fundId, account).map(presentStatement), position };
  }

  @Get('bank-accounts/:account/reconciliation')
  @Roles('accountant', 'auditor', 'admin')
  @ApiOperation({
    summary: 'A bank account day by day: what its statements print, what the ledger booked, and the days no statement covers',
    description: [
      'Days run from `from` to `to` (YYYY-MM-DD, Vietnam days; default: the first and last day any statement of the account covers), at most 400.',
      'Per day: `statement` (credits, debits, lines and the balance after the day\'s last line, as the statement prints or implies it), `ledger` (the fund\'s bank-transfer donations that day — a fund keeps one account, R28 — and the account\'s fees, interest and unclassified lines, a reversed fee or interest left out), `creditsNotBooked` (statement credits − donations − interest) and `covered`.',
      '`uncoveredDays` lists the days no statement covers: a statement still to be imported.',
    ].join('\n\n'),
  })
  @ApiParam({ name: 'account', description: 'The bank account number', example: '0011001932418' })
  @ApiQuery({ name: 'from', required: false, type: String, description: 'First day, YYYY-MM-DD', example: '2024-09-01' })
  @ApiQuery({ name: 'to', required: false, type: String, description: 'Last day, YYYY-MM-DD', example: '2024-09-10' })
  @ApiMinPositionQuery('the statements and the registers')
  @ApiAnswer(200, ReconciliationResponse, 'The account day by day')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
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
