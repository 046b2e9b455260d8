/**
 * The statement deciders (api-v2.md "Bank statements"; domain.md R30, R33), given / when / then:
 * fees and interest a statement shows are booked once each, whatever runs of the import and
 * overlapping statements bring them again; a statement is recorded once per file.
 */
import type { BookStatementMoney, RecordStatement, StatementMoneyLine } from '../../src/domain/statements/statements.commands';
import { decideRecordStatement, decideStatementMoney, type StatementMoneyContext } from '../../src/domain/statements/statements.decide';
import type { StatementEvent, StatementImported } from '../../src/domain/statements/statements.events';
import { evolveStatementStream, initialStatementStreamState, type StatementStreamState } from '../../src/domain/statements/statements.state';
import type { SpendingEvent } from '../../src/domain/spending/spending.events';
import { availableInPool } from '../../src/domain/spending/spending.rules';
import type { SpendingState } from '../../src/domain/spending/spending.state';
import { donationRecorded, FUND_ID, fundOpened, periodClosed } from './builders';
import { fundStateOf, inflowsOf, Scenario, spendingStateOf, type DeciderUnderTest } from './given-when-then';

const SHA = 'ab'.repeat(32);
const ACCOUNT = '0011001932418';
const line = (n: number, amount: string, memo: string, postedAt = '2024-09-01T00:00:00+07:00'): StatementMoneyLine => ({
  line: n, rowId: `row-${n}`, raw: `${n},${amount},${memo}`, amount, postedAt, fiscalYear: 2024, reference: null, memo,
});
const book = (fees: StatementMoneyLine[], interest: StatementMoneyLine[] = [], statementSha256 = SHA): BookStatementMoney => ({
  type: 'BookStatementMoney', fundId: FUND_ID, component: 'general', campaignId: null, account: ACCOUNT, statementSha256, fees, interest,
});

const moneyDecider: DeciderUnderTest<BookStatementMoney, SpendingEvent, SpendingState, StatementMoneyContext> = {
  fold: (events) => spendingStateOf(...events),
  decide: (command, state, context) => {
    const { events } = decideStatementMoney(command, state, context);
    return { ok: true, events };
  },
};
/** The fund's general pool holds 100,000 VND received on 1 September 2024 unless told otherwise. */
const money = donationRecorded({ sequence: 1, amountVnd: '100000', receivedAt: '2024-09-01T09:00:00+07:00', fiscalYear: 2024 });
const givenSpending = (events: SpendingEvent[] = [], booked: string[] = [], context: Partial<StatementMoneyContext> = {}) =>
  new Scenario(moneyDecider, events, () => ({ booked: new Set(booked), fund: fundStateOf(fundOpened()), inflows: inflowsOf(money), ...context }));

const statementDecider: DeciderUnderTest<RecordStatement, StatementEvent, StatementStreamState, ReadonlySet<string>> = {
  fold: (events) => events.reduce(evolveStatementStream, initialStatementStreamState()),
  decide: (command, state, listed) => decideRecordStatement(command, state, listed),
};
const givenStatements = (events: StatementEvent[] = [], listed: string[] = []) => new Scenario(statementDecider, events, () => new Set(listed));

const statement = (sha256 = SHA, account: string | null = ACCOUNT): RecordStatement['statement'] => ({
  fundId: FUND_ID, statementId: `SK-${sha256.slice(0, 16)}`, account, accountSource: 'statement', from: '2024-09-01', to: '2024-09-02',
  openingBalance: '1000000000', closingBalance: '996714340', lines: 6, sha256, format: 'csv', profile: 'vietcombank',
  balanceCheck: { ok: true, checkedLines: 4 }, counts: { donations: 3, interest: 1, fees: 1, unclassified: 1, rejected: 0 },
  days: [{ day: '2024-09-01', credits: '700000', debits: '11000', lines: 3, closingBalance: '1000689000' }],
});
const record = (sha256 = SHA, unclassified: RecordStatement['unclassified'] = []): RecordStatement => ({
  type: 'RecordStatement', statement: statement(sha256), unclassified, now: '2024-09-03T02:00:00.000Z',
});
const imported = (sha256 = SHA): StatementImported => ({ type: 'StatementImported', data: { ...statement(sha256), importedAt: '2024-09-03T02:00:00.000Z' } });

describe('R30: bank fees and interest from a statement', () => {
  it('a fee is booked as BankFeeCharged and interest as InterestCredited, numbered per fund (interest first: it helps pay a fee of the same day)', () => {
    givenSpending()
      .when(book([line(12, '11000', 'Phi SMS Banking')], [line(16, '25340', 'Tra lai tien gui', '2024-09-02T00:00:00+07:00')]))
      .then(
        {
          type: 'InterestCredited',
          data: {
            fundId: FUND_ID, component: 'general', campaignId: null, amount: '25340', fiscalYear: 2024, account: ACCOUNT, memo: 'Tra lai tien gui', reference: null,
            source: { statementSha256: SHA, line: 16, rowId: 'row-16', raw: '16,25340,Tra lai tien gui' }, interestId: 'IN-000001', creditedAt: '2024-09-02T00:00:00+07:00',
          },
        },
        {
          type: 'BankFeeCharged',
          data: {
            fundId: FUND_ID, component: 'general', campaignId: null, amount: '11000', fiscalYear: 2024, account: ACCOUNT, memo: 'Phi SMS Banking', reference: null,
            source: { statementSha256: SHA, line: 12, rowId: 'row-12', raw: '12,11000,Phi SMS Banking' }, feeId: 'BF-000001', chargedAt: '2024-09-01T00:00:00+07:00',
          },
        },
      );
  });

  it('lines booked before (an interrupted run, an overlapping statement) are not booked again; numbering goes on', () => {
    const first = givenSpending().when(book([line(12, '11000', 'Phi SMS')])).events;
    givenSpending(first, ['row-12'])
      .when(book([line(12, '11000', 'Phi SMS'), line(20, '22000', 'Phi duy tri tai khoan')]))
      .thenMatches({ type: 'BankFeeCharged', data: { feeId: 'BF-000002', amount: '22000', source: { rowId: 'row-20' } } });
  });

  it('the same line twice in one command is booked once', () => {
    givenSpending().when(book([line(12, '11000', 'Phi SMS'), line(12, '11000', 'Phi SMS')])).thenMatches({ data: { feeId: 'BF-000001' } });
    expect(givenSpending().when(book([line(12, '11000', 'Phi SMS'), line(12, '11000', 'Phi SMS')])).events).toHaveLength(1);
  });

  it('a fee the pool can pay is booked however it stands against the cap: it leaves the pool and counts as management cost', () => {
    const outcome = givenSpending().when(book([line(12, '55000', 'THU PHI DICH VU SMS')]));
    expect(outcome.events).toHaveLength(1);
    const state = outcome.stateAfter();
    expect(state.managementCostByYear.get(2024)?.toFixed()).toBe('55000');
    expect(availableInPool(state, inflowsOf(money), 'general').toFixed()).toBe('45000');
  });

  it('a fee the unrestricted money cannot pay on its date is left for the accountant, naming the pool and what it held', () => {
    const broke = { inflows: inflowsOf() };
    expect(givenSpending([], [], broke).when(book([line(12, '11000', 'Phi SMS')])).events).toEqual([]);
    const left = decideStatementMoney(book([line(12, '11000', 'Phi SMS')]), spendingStateOf(), { booked: new Set(), fund: fundStateOf(fundOpened()), inflows: inflowsOf() });
    expect(left.leftOut).toEqual([{ rowId: 'row-12', kind: 'fee', reason: 'insufficient-funds', pool: 'general', available: '0', asOf: null }]);
    // Money that came in later does not pay a fee dated earlier.
    const later = donationRecorded({ sequence: 1, amountVnd: '100000', receivedAt: '2024-09-05T09:00:00+07:00', fiscalYear: 2024 });
    const early = decideStatementMoney(book([line(12, '11000', 'Phi SMS', '2024-09-01T00:00:00+07:00')]), spendingStateOf(), { booked: new Set(), fund: fundStateOf(fundOpened()), inflows: inflowsOf(later) });
    expect(early.leftOut).toEqual([{ rowId: 'row-12', kind: 'fee', reason: 'insufficient-funds', pool: 'general', available: '0', asOf: '2024-09-01' }]);
  });

  it('pays fees in turn: the second fee the pool can no longer pay is left out, and interest credited by then helps', () => {
    const decision = decideStatementMoney(book([line(12, '60000', 'Phi 1'), line(13, '60000', 'Phi 2')]), spendingStateOf(), {
      booked: new Set(), fund: fundStateOf(fundOpened()), inflows: inflowsOf(money),
    });
    expect(decision.events.map((event) => (event.data as { source: { rowId: string } }).source.rowId)).toEqual(['row-12']);
    expect(decision.leftOut).toMatchObject([{ rowId: 'row-13', available: '40000' }]);
    const withInterest = decideStatementMoney(book([line(12, '60000', 'Phi 1'), line(13, '60000', 'Phi 2')], [line(16, '20000', 'Lai', '2024-09-01T00:00:00+07:00')]), spendingStateOf(), {
      booked: new Set(), fund: fundStateOf(fundOpened()), inflows: inflowsOf(money),
    });
    expect(withInterest.events.map((event) => event.type)).toEqual(['InterestCredited', 'BankFeeCharged', 'BankFeeCharged']);
    expect(withInterest.leftOut).toEqual([]);
  });

  it('a fee or interest dated in a closed period is not booked there: it is left for the accountant', () => {
    const closed = { fund: fundStateOf(fundOpened(), periodClosed('2024', '2024-01-01', '2024-12-31', '2025-01-15T09:00:00+07:00')) };
    const decision = decideStatementMoney(book([line(12, '11000', 'Phi SMS')], [line(16, '25340', 'Lai')]), spendingStateOf(), {
      booked: new Set(), inflows: inflowsOf(money), ...closed,
    });
    expect(decision.events).toEqual([]);
    expect(decision.leftOut).toEqual([
      { rowId: 'row-16', kind: 'interest', reason: 'period-closed', period: '2024' },
      { rowId: 'row-12', kind: 'fee', reason: 'period-closed', period: '2024' },
    ]);
  });

  it('interest adds to what the pool may spend, and is no management cost', () => {
    const state = givenSpending().when(book([], [line(16, '25340', 'Lai tien gui')])).stateAfter();
    expect(availableInPool(state, inflowsOf(), 'general').toFixed()).toBe('25340');
    expect(state.managementCostByYear.size).toBe(0);
  });
});

describe('a statement is recorded once per file', () => {
  it('StatementImported with its unclassified lines', () => {
    givenStatements()
      .when(record(SHA, [{ ...line(15, '5000000', 'Chuyen tien ho tro xa Tan Son'), direction: 'out' }]))
      .thenMatches(
        { type: 'StatementImported', data: { statementId: `SK-${SHA.slice(0, 16)}`, account: ACCOUNT, sha256: SHA, importedAt: '2024-09-03T02:00:00.000Z' } },
        { type: 'StatementLineUnclassified', data: { line: 15, amount: '5000000', direction: 'out', statementId: `SK-${SHA.slice(0, 16)}`, account: ACCOUNT } },
      );
  });

  it('the same file again records nothing, whatever it is named with', () => {
    givenStatements([imported()]).when(record()).then();
  });

  it('another file of the same account is another statement; lines an earlier statement listed are not listed again', () => {
    const other = 'cd'.repeat(32);
    const outcome = givenStatements([imported()], ['row-15'])
      .when(record(other, [{ ...line(15, '5000000', 'x'), direction: 'out' }, { ...line(18, '70000', 'y'), direction: 'out' }]));
    expect(outcome.events.map((event) => event.type)).toEqual(['StatementImported', 'StatementLineUnclassified']);
    expect(outcome.stateAfter().bySha256.size).toBe(2);
  });
});
