/**
 * The statement register files each fee, interest and unclassified line under its Vietnam day,
 * the day the reconciliation of the account shows it on, whatever offset its timestamp carries.
 */
import { STATEMENT_LINES_TABLE, StatementRegisterProjection } from '../../projections/statement-register.projection';
import type { BankFeeCharged } from '../../src/domain/spending/spending.events';

function feeCharged(chargedAt: string): BankFeeCharged {
  return {
    type: 'BankFeeCharged',
    data: {
      fundId: 'F-1', component: 'general', campaignId: null, amount: '55000', fiscalYear: 2025, account: '0011001932418',
      memo: 'THU PHI DICH VU SMS', reference: null, source: { statementSha256: 'a'.repeat(64), line: 7, rowId: 'row-1', raw: 'raw' },
      feeId: 'BF-000001', chargedAt,
    },
  };
}

it('a fee booked at a UTC instant just after Vietnam midnight is on that Vietnam day', () => {
  const changes = StatementRegisterProjection.apply({
    position: 1, streamId: 'spending-F-1', revision: 0, recordedAt: '2025-01-15T17:30:00.000Z', actorUserId: 'u-1',
    event: feeCharged('2025-01-15T17:30:00.000Z'),
  });
  const line = changes.find((change) => change.table === STATEMENT_LINES_TABLE);
  expect(line?.values).toMatchObject({ day: '2025-01-16', posted_at: '2025-01-15T17:30:00.000Z' });
  const local = StatementRegisterProjection.apply({
    position: 2, streamId: 'spending-F-1', revision: 1, recordedAt: '2025-01-15T17:30:00.000Z', actorUserId: 'u-1',
    event: feeCharged('2025-01-15T23:59:59+07:00'),
  });
  expect(local.find((change) => change.table === STATEMENT_LINES_TABLE)?.values).toMatchObject({ day: '2025-01-15' });
});
