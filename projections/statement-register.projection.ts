import { vietnamDateOf } from '../src/domain/shared/calendar';
import { assertNever } from '../src/domain/shared/decision';
import { isSuspenseRestriction } from '../src/domain/spending/pools';
import { statementIdOf } from '../src/domain/statements/statements.decide';
import { BANK_EVENTS, DONATION_EVENTS, type EventOf, isOneOf } from './event-groups';
import type { ProjectedEvent } from './projection';
import { epochMs, type RowChange, type TableProjection, updateRow, upsertRow, vndInteger } from './table-projection';

export const STATEMENTS_TABLE = 'register_statements';
export const STATEMENT_LINES_TABLE = 'register_statement_lines';
export const SUSPENSE_TABLE = 'register_suspense';

/**
 * What became of a statement line that is no donation: booked as a fee or interest, left to
 * decide (unclassified), or decided by the accountant as a disbursement, a transfer or other.
 */
export const STATEMENT_LINE_KINDS = ['fee', 'interest', 'unclassified', 'disbursement', 'transfer', 'other'] as const;
export const SUSPENSE_STATUSES = ['waiting', 'assigned', 'returned'] as const;
export type SuspenseStatus = (typeof SUSPENSE_STATUSES)[number];
export type StatementLineKind = (typeof STATEMENT_LINE_KINDS)[number];

/** The bank events, and the donations and assignments of late money that pass through suspense (R14). */
const STATEMENT_REGISTER_EVENTS = [...BANK_EVENTS, ...DONATION_EVENTS, 'SuspenseAssigned'] as const;

function applyEvent(projected: ProjectedEvent): RowChange[] {
  const event = projected.event;
  if (!isOneOf(event, STATEMENT_REGISTER_EVENTS)) return [];
  switch (event.type) {
    case 'StatementImported': {
      const d = event.data;
      return [upsertRow(STATEMENTS_TABLE, { statement_id: d.statementId, fund_id: d.fundId }, {
        account: d.account, account_source: d.accountSource, sha256: d.sha256, from_day: d.from, to_day: d.to,
        opening_balance: d.openingBalance, closing_balance: d.closingBalance, lines: d.lines, format: d.format, profile: d.profile,
        balance_ok: d.balanceCheck.ok ? 1 : 0, first_break_line: d.balanceCheck.firstBreakLine ?? null, checked_lines: d.balanceCheck.checkedLines,
        counts_json: JSON.stringify(d.counts), days_json: JSON.stringify(d.days), imported_at: d.importedAt, imported_by: projected.actorUserId,
        position: projected.position,
      })];
    }
    case 'StatementLineUnclassified': {
      const d = event.data;
      return [lineRow(projected, d.fundId, d.rowId, {
        kind: 'unclassified', entry_id: null, statement_sha256: null, statement_id: d.statementId, account: d.account, line: d.line,
        direction: d.direction, amount_vnd: vndInteger(d.amount), posted_at: d.postedAt, memo: d.memo, reference: d.reference,
      })];
    }
    case 'BankFeeCharged':
    case 'InterestCredited': {
      const d = event.data;
      const fee = event.type === 'BankFeeCharged';
      const postedAt = event.type === 'BankFeeCharged' ? event.data.chargedAt : event.data.creditedAt;
      return [lineRow(projected, d.fundId, d.source.rowId, {
        kind: fee ? 'fee' : 'interest', entry_id: event.type === 'BankFeeCharged' ? event.data.feeId : event.data.interestId,
        statement_sha256: d.source.statementSha256, statement_id: statementIdOf(d.source.statementSha256), account: d.account, line: d.source.line, direction: fee ? 'out' : 'in',
        amount_vnd: vndInteger(d.amount), posted_at: postedAt, memo: d.memo, reference: d.reference,
      })];
    }
    case 'DonationRecorded':
    case 'DonationReversed':
    case 'SuspenseAssigned':
    case 'BankFeeReversed':
    case 'InterestReversed':
    case 'StatementLineClassified':
      return applyDecision(projected, event);
    default:
      return assertNever(event, 'event');
  }
}

/** Late money in suspense and what became of it (R14); fees and interest reversed; lines the accountant classified. */
function applyDecision(
  projected: ProjectedEvent,
  event: EventOf<'DonationRecorded' | 'DonationReversed' | 'SuspenseAssigned' | 'BankFeeReversed' | 'InterestReversed' | 'StatementLineClassified'>,
): RowChange[] {
  switch (event.type) {
    case 'DonationRecorded': {
      const d = event.data;
      if (!d.cash || d.restrictionId === null || !isSuspenseRestriction(d.restrictionId)) return [];
      return [upsertRow(SUSPENSE_TABLE, { fund_id: d.fundId, donation_id: d.donationId }, {
        receipt_no: d.receiptNo, component: d.component, campaign_id: d.campaignId ?? d.restrictionId.slice('suspense:'.length), restriction_id: d.restrictionId,
        amount_vnd: vndInteger(d.amountVnd), received_at: d.receivedAt, received_at_ms: epochMs(d.receivedAt), donor_name: d.donor.name,
        reference: d.reference, note: d.note, status: 'waiting', assignment_id: null, to_component: null, to_campaign_id: null, decision_ref: null,
        decided_at: null, decided_by: null, reversal_id: null, position: projected.position,
      })];
    }
    case 'DonationReversed': {
      const d = event.data;
      if (!d.cash || !isSuspenseRestriction(d.restrictionId)) return [];
      return [updateRow(SUSPENSE_TABLE, { fund_id: d.fundId, donation_id: d.donationId }, {
        status: 'returned', reversal_id: d.reversalId, decision_ref: d.reason, decided_at: d.reversedAt, decided_by: d.reversedBy, position: projected.position,
      })];
    }
    case 'SuspenseAssigned': {
      const d = event.data;
      return [updateRow(SUSPENSE_TABLE, { fund_id: d.fundId, donation_id: d.donationId }, {
        status: 'assigned', assignment_id: d.assignmentId, to_component: d.toComponent, to_campaign_id: d.toCampaignId, decision_ref: d.decisionRef,
        decided_at: d.assignedAt, decided_by: d.assignedBy, position: projected.position,
      })];
    }
    case 'BankFeeReversed':
    case 'InterestReversed': {
      const d = event.data;
      return [updateRow(STATEMENT_LINES_TABLE, { fund_id: d.fundId, row_id: d.rowId }, {
        reversal_id: d.reversalId, reversed_position: projected.position, reversed_at: d.reversedAt, reversed_at_ms: epochMs(d.reversedAt),
      })];
    }
    case 'StatementLineClassified': {
      const d = event.data;
      return [updateRow(STATEMENT_LINES_TABLE, { fund_id: d.fundId, row_id: d.rowId }, {
        kind: d.as, entry_id: d.entryId, classification_id: d.classificationId, note: d.note, position: projected.position,
      })];
    }
  }
}

function lineRow(projected: ProjectedEvent, fundId: string, rowId: string, values: Record<string, string | number | bigint | null> & { posted_at: string }): RowChange {
  return upsertRow(STATEMENT_LINES_TABLE, { fund_id: fundId, row_id: rowId }, {
    // The Vietnam day: a fee or interest of a closed period is booked at the UTC instant of its classification.
    ...values, posted_at_ms: epochMs(values.posted_at), day: vietnamDateOf(values.posted_at), position: projected.position,
  });
}

/**
 * The statement register: every bank statement a fund recorded (StatementImported) with its days,
 * and the statement lines that are no donation: bank fees and interest as booked, and the lines
 * left for the accountant to classify. The reconciliation of a bank account reads both.
 */
export const StatementRegisterProjection: TableProjection = {
  name: 'statement-register',
  // v2: late money in suspense (R14), reversed fees and interest, lines the accountant classified.
  // v3: the business date of a fee's or interest's reversal (reversed_at), so reports count the
  // reversal on its own date and leave the fee or interest in the period it was booked in.
  // v4: a line's day is its Vietnam day, also when it was booked at a UTC instant.
  version: 4,
  tables: [
    {
      name: STATEMENTS_TABLE,
      columns: {
        statement_id: 'TEXT NOT NULL', fund_id: 'TEXT NOT NULL', account: 'TEXT', account_source: 'TEXT NOT NULL', sha256: 'TEXT NOT NULL',
        from_day: 'TEXT', to_day: 'TEXT', opening_balance: 'TEXT', closing_balance: 'TEXT', lines: 'INTEGER NOT NULL', format: 'TEXT NOT NULL',
        profile: 'TEXT NOT NULL', balance_ok: 'INTEGER NOT NULL', first_break_line: 'INTEGER', checked_lines: 'INTEGER NOT NULL',
        counts_json: 'TEXT NOT NULL', days_json: 'TEXT NOT NULL', imported_at: 'TEXT NOT NULL', imported_by: 'TEXT NOT NULL', position: 'INTEGER NOT NULL',
      },
      primaryKey: ['fund_id', 'statement_id'],
      indexes: [{ name: 'register_statements_by_account', columns: ['fund_id', 'account', 'from_day'] }],
    },
    {
      name: STATEMENT_LINES_TABLE,
      columns: {
        fund_id: 'TEXT NOT NULL', row_id: 'TEXT NOT NULL', kind: 'TEXT NOT NULL', entry_id: 'TEXT', statement_sha256: 'TEXT', statement_id: 'TEXT',
        account: 'TEXT', line: 'INTEGER NOT NULL', direction: 'TEXT NOT NULL', amount_vnd: 'INTEGER NOT NULL', posted_at: 'TEXT NOT NULL',
        posted_at_ms: 'INTEGER NOT NULL', day: 'TEXT NOT NULL', memo: 'TEXT NOT NULL', reference: 'TEXT', position: 'INTEGER NOT NULL',
        reversal_id: 'TEXT', reversed_position: 'INTEGER', reversed_at: 'TEXT', reversed_at_ms: 'INTEGER', classification_id: 'TEXT', note: 'TEXT',
      },
      primaryKey: ['fund_id', 'row_id'],
      indexes: [
        { name: 'register_statement_lines_by_kind', columns: ['fund_id', 'kind', 'posted_at_ms', 'position'] },
        { name: 'register_statement_lines_by_account', columns: ['fund_id', 'account', 'day'] },
      ],
    },
    {
      name: SUSPENSE_TABLE,
      columns: {
        fund_id: 'TEXT NOT NULL', donation_id: 'TEXT NOT NULL', receipt_no: 'TEXT NOT NULL', component: 'TEXT NOT NULL', campaign_id: 'TEXT NOT NULL',
        restriction_id: 'TEXT NOT NULL', amount_vnd: 'INTEGER NOT NULL', received_at: 'TEXT NOT NULL', received_at_ms: 'INTEGER NOT NULL',
        donor_name: 'TEXT NOT NULL', reference: 'TEXT', note: 'TEXT', status: 'TEXT NOT NULL', assignment_id: 'TEXT', to_component: 'TEXT',
        to_campaign_id: 'TEXT', decision_ref: 'TEXT', decided_at: 'TEXT', decided_by: 'TEXT', reversal_id: 'TEXT', position: 'INTEGER NOT NULL',
      },
      primaryKey: ['fund_id', 'donation_id'],
      indexes: [{ name: 'register_suspense_by_status', columns: ['fund_id', 'status', 'received_at_ms', 'position'] }],
    },
  ],
  apply: applyEvent,
};
