/**
 * Reversals of every money entry (api-v2 "Corrections"): transfers (TR-), bank fees (BF-) and
 * interest (IN-); and the accountant's decision on statement lines no rule classified.
 */
import type { ClassifyStatementLine } from '../../src/domain/spending/spending.commands';
import type { BankFeeCharged, InterestCredited, TransferApproved, TransferReceived, TransferRequested } from '../../src/domain/spending/spending.events';
import { availableInPool, managementCostFiguresAt } from '../../src/domain/spending/spending.decide';
import type { StatementLineUnclassified } from '../../src/domain/statements/statements.events';
import {
  ACCOUNTANT, APPROVER_A, disbursementApproved, disbursementPaid, disbursementRequested, donationRecorded, FUND_ID, fundOpened, NOW, requestDisbursement,
  reverseEntry,
  periodClosed,
} from './builders';
import { fundStateOf, inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const PROVINCE = 'ctd-tinh';
const TR1 = `TR-${FUND_ID}-000001`;
const oneMillion = donationRecorded({ sequence: 1, amountVnd: '1000000' });
const SHA = 'ab'.repeat(32);
const ROW = 'cd'.repeat(32);

function transferRequested(overrides: Partial<TransferRequested['data']> = {}): TransferRequested {
  return {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, external: false, amount: '400000', component: 'general', campaignId: null,
      restrictionId: null, restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển lên tỉnh', note: null,
      approvalsRequired: 1, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: NOW, ...overrides,
    },
  };
}
const transferApproved: TransferApproved = {
  type: 'TransferApproved', data: { fundId: FUND_ID, transferId: TR1, approvedBy: APPROVER_A, note: null, approvalsCount: 1, approvalsRequired: 1, fullyApproved: true, approvedAt: NOW },
};
const transferReceived: TransferReceived = {
  type: 'TransferReceived',
  data: {
    fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, amount: '400000', component: 'general', restrictionId: null, receivedRestrictionId: null, receivedCampaignId: null, campaignId: null,
    restrictionPurpose: null, restrictionBeneficiary: null, receivedBy: 'accountant-province', receivedAt: NOW,
  },
};

const statementMoney = (rowId: string, amount: string) => ({
  fundId: FUND_ID, component: 'general', campaignId: null, amount, fiscalYear: 2024, account: '0011001932418', memo: 'Phi SMS Banking', reference: null,
  source: { statementSha256: SHA, line: 12, rowId, raw: 'raw' },
});
const fee: BankFeeCharged = { type: 'BankFeeCharged', data: { ...statementMoney('r-fee', '55000'), feeId: 'BF-000001', chargedAt: NOW } };
const interest: InterestCredited = { type: 'InterestCredited', data: { ...statementMoney('r-int', '120000'), interestId: 'IN-000001', creditedAt: NOW } };

describe('Reversing a transfer (TR-): only while the money has not arrived', () => {
  it('reverses a requested transfer: the held money is in the pool again', () => {
    SpendingDecider.given(transferRequested()).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry(TR1, null, 'Nhập nhầm số tiền'))
      .then({
        type: 'TransferReversed',
        data: {
          fundId: FUND_ID, reversalId: 'RV-000001', transferId: TR1, toFundId: PROVINCE, amount: '400000', component: 'general', restrictionId: null,
          campaignId: null, statusBefore: 'requested', reason: 'Nhập nhầm số tiền', reversedBy: ACCOUNTANT, reversedAt: NOW,
        },
      });
  });

  it('reverses a transfer in transit, and the receiver can no longer receive it', () => {
    SpendingDecider.given(transferRequested(), transferApproved).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry(TR1)).thenMatches({ data: { statusBefore: 'in_transit' } });
    const reversed = { type: 'TransferReversed' as const, data: { ...transferRequested().data, reversalId: 'RV-000001', statusBefore: 'in_transit' as const, reason: 'x', reversedBy: ACCOUNTANT, reversedAt: NOW } };
    const state = spendingStateOf(transferRequested(), transferApproved, reversed);
    expect(availableInPool(state, inflowsOf(oneMillion), 'general').toFixed()).toBe('1000000');
    SpendingDecider.given(transferRequested(), transferApproved, reversed).withFund(fund).withDonations(oneMillion).withCounterpart(fundOpened({ fundId: PROVINCE }))
      .when({ type: 'ReceiveTransfer', transferId: TR1, toFundId: PROVINCE, receivedAt: null, campaignId: null, actor: { userId: 'accountant-province' }, now: NOW })
      .thenRejects('INVALID_STATE', { status: 'reversed' });
    SpendingDecider.given(transferRequested(), transferApproved, reversed).withFund(fund).withDonations(oneMillion).when(reverseEntry(TR1)).thenRejects('ALREADY_REVERSED');
  });

  it('refuses to reverse a received transfer: the receiver sends it back by a transfer of its own', () => {
    SpendingDecider.given(transferRequested(), transferApproved, transferReceived).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry(TR1)).thenRejects('INVALID_STATE', { status: 'received' });
  });

  it('refuses a transfer to a ledger elsewhere once in transit (its note may be imported there), but not while requested', () => {
    SpendingDecider.given(transferRequested({ external: true }), transferApproved).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry(TR1)).thenRejects('INVALID_STATE', { status: 'in_transit' });
    SpendingDecider.given(transferRequested({ external: true })).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry(TR1)).thenMatches({ type: 'TransferReversed' });
  });

  it('a transfer in transit is taken back no earlier than it went in transit (DATE_BEFORE_REQUEST against sentAt): no period would count it back', () => {
    const requested = transferRequested({ requestedAt: '2024-04-28T10:00:00+07:00' });
    const sent: TransferApproved = { ...transferApproved, data: { ...transferApproved.data, approvedAt: '2024-05-02T10:00:00+07:00' } };
    const given = () => SpendingDecider.given(requested, sent).withFund(fund).withDonations(oneMillion);
    given().when({ ...reverseEntry(TR1), reversedAt: '2024-04-30T10:00:00+07:00' })
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', value: '2024-04-30T10:00:00+07:00', sentAt: '2024-05-02T10:00:00+07:00' });
    given().when({ ...reverseEntry(TR1), reversedAt: '2024-05-02T10:00:00+07:00' }).thenMatches({ type: 'TransferReversed', data: { statusBefore: 'in_transit' } });
    // Still requested: its request is the only date it has.
    SpendingDecider.given(requested).withFund(fund).withDonations(oneMillion).when({ ...reverseEntry(TR1), reversedAt: '2024-04-30T10:00:00+07:00' })
      .thenMatches({ type: 'TransferReversed', data: { statusBefore: 'requested' } });
  });

  it('answers NOT_FOUND for a transfer the fund never sent', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(reverseEntry(TR1)).thenRejects('NOT_FOUND');
  });
});

describe('Reversing a bank fee (BF-) or interest (IN-) booked from a statement', () => {
  it('takes a fee out of the management cost and gives its money back to the pool', () => {
    SpendingDecider.given(fee).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry('BF-000001', null, 'Không phải phí: chi trả nhà cung cấp'))
      .then({
        type: 'BankFeeReversed',
        data: {
          fundId: FUND_ID, reversalId: 'RV-000001', feeId: 'BF-000001', amount: '55000', component: 'general', campaignId: null, fiscalYear: 2024,
          rowId: 'r-fee', reason: 'Không phải phí: chi trả nhà cung cấp', reversedBy: ACCOUNTANT, reversedAt: NOW,
        },
      });
    const booked = spendingStateOf(fee);
    expect(booked.managementCostByYear.get(2024)?.toFixed()).toBe('55000');
    const reversed = spendingStateOf(fee, { type: 'BankFeeReversed', data: { ...fee.data, reversalId: 'RV-000001', rowId: 'r-fee', reason: 'x', reversedBy: ACCOUNTANT, reversedAt: NOW } });
    expect(reversed.managementCostByYear.get(2024)?.toFixed()).toBe('0');
    expect(availableInPool(reversed, inflowsOf(oneMillion), 'general').toFixed()).toBe('1000000');
    SpendingDecider.given(fee, { type: 'BankFeeReversed', data: { ...fee.data, reversalId: 'RV-000001', rowId: 'r-fee', reason: 'x', reversedBy: ACCOUNTANT, reversedAt: NOW } })
      .withFund(fund).withDonations(oneMillion).when(reverseEntry('BF-000001')).thenRejects('ALREADY_REVERSED');
  });

  it('counts a reversal in its own year: a fee charged in 2024 and reversed in 2025 stays 2024\'s cost, and lowers 2025\'s', () => {
    const reversedNextYear = spendingStateOf(fee, {
      type: 'BankFeeReversed', data: { ...fee.data, reversalId: 'RV-000001', rowId: 'r-fee', reason: 'Ngân hàng hoàn phí', reversedBy: ACCOUNTANT, reversedAt: '2025-01-10T09:00:00+07:00' },
    });
    expect(reversedNextYear.managementCostByYear.get(2024)?.toFixed()).toBe('55000');
    expect(reversedNextYear.managementCostByYear.get(2025)?.toFixed()).toBe('-55000');
    const reversedInterest = {
      type: 'InterestReversed' as const, data: { ...interest.data, reversalId: 'RV-000002', rowId: 'r-int', reason: 'x', reversedBy: ACCOUNTANT, reversedAt: '2025-01-10T09:00:00+07:00' },
    };
    const fundState = fundStateOf(fund);
    if (fundState.status !== 'open') throw new Error('fund is not open');
    const state = spendingStateOf(interest, reversedInterest);
    expect(managementCostFiguresAt(state, inflowsOf(oneMillion), fundState, '2024-12-31T09:00:00+07:00')).toMatchObject({ year: 2024, base: '1120000' });
    expect(managementCostFiguresAt(state, inflowsOf(oneMillion), fundState, '2025-03-01T09:00:00+07:00')).toMatchObject({ year: 2025, base: '0' });
  });

  it('takes interest out of the revenue, refused when its money is already spent (INSUFFICIENT_FUNDS)', () => {
    SpendingDecider.given(interest).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry('IN-000001')).thenMatches({ type: 'InterestReversed', data: { interestId: 'IN-000001', amount: '120000', rowId: 'r-int' } });
    SpendingDecider.given(interest, disbursementRequested({ sequence: 1, amount: '1100000' })).withFund(fund).withDonations(oneMillion)
      .when(reverseEntry('IN-000001')).thenRejects('INSUFFICIENT_FUNDS', { available: '20000' });
  });

  it('interest is revenue in the management-cost base of its year (R6); reversed, it leaves it', () => {
    const reversedInterest = { type: 'InterestReversed' as const, data: { ...interest.data, reversalId: 'RV-000001', rowId: 'r-int', reason: 'x', reversedBy: ACCOUNTANT, reversedAt: NOW } };
    const fundState = fundStateOf(fund);
    if (fundState.status !== 'open') throw new Error('fund is not open');
    expect(managementCostFiguresAt(spendingStateOf(interest), inflowsOf(oneMillion), fundState, NOW)).toMatchObject({ year: 2024, base: '1120000', budget: '56000' });
    expect(managementCostFiguresAt(spendingStateOf(interest, reversedInterest), inflowsOf(oneMillion), fundState, NOW)).toMatchObject({ base: '1000000' });
  });

  it('answers NOT_FOUND for a fee or interest never booked', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(reverseEntry('BF-000009')).thenRejects('NOT_FOUND');
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(reverseEntry('IN-000009')).thenRejects('NOT_FOUND');
  });
});

const unclassified = (direction: 'in' | 'out' = 'out'): StatementLineUnclassified['data'] => ({
  fundId: FUND_ID, statementId: `SK-${SHA.slice(0, 16)}`, account: '0011001932418', line: 14, rowId: ROW, direction, amount: '3000000',
  postedAt: NOW, reference: 'FT24001', memo: 'CHUYEN TIEN MUA GAO', raw: 'raw line',
});
function classify(as: ClassifyStatementLine['as'], reference: string | null = null, line = unclassified()): ClassifyStatementLine {
  return { type: 'ClassifyStatementLine', rowId: ROW, as, reference, note: 'Đối chiếu chứng từ', line: { data: line, statementSha256: SHA }, component: null, actor: { userId: ACCOUNTANT }, now: NOW };
}

describe('Classifying a statement line no rule classified', () => {
  it('books a fee with the decision, in one append', () => {
    SpendingDecider.given().withFund(fund).withDonations(donationRecorded({ amountVnd: '5000000' })).when(classify('fee')).then(
      {
        type: 'BankFeeCharged',
        data: {
          fundId: FUND_ID, component: 'general', campaignId: null, amount: '3000000', fiscalYear: 2024, account: '0011001932418', memo: 'CHUYEN TIEN MUA GAO',
          reference: 'FT24001', source: { statementSha256: SHA, line: 14, rowId: ROW, raw: 'raw line' }, feeId: 'BF-000001', chargedAt: NOW,
        },
      },
      {
        type: 'StatementLineClassified',
        data: {
          fundId: FUND_ID, classificationId: 'CL-000001', rowId: ROW, statementId: `SK-${SHA.slice(0, 16)}`, as: 'fee', entryId: 'BF-000001', amount: '3000000',
          postedAt: NOW, reference: null, note: 'Đối chiếu chứng từ', classifiedBy: ACCOUNTANT, classifiedAt: NOW,
        },
      },
    );
  });

  it('refuses a fee the unrestricted money cannot pay on the line\'s date (INSUFFICIENT_FUNDS), so the accountant charges it where money is', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(classify('fee'))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'general', requested: '3000000', available: '1000000' });
    const relief = donationRecorded({ sequence: 2, component: 'emergency-relief', amountVnd: '5000000' });
    SpendingDecider.given().withFund(fund).withDonations(oneMillion, relief).when({ ...classify('fee'), component: 'emergency-relief' })
      .thenMatches({ type: 'BankFeeCharged', data: { component: 'emergency-relief', amount: '3000000' } }, { type: 'StatementLineClassified' });
  });

  it('books a fee or interest of a closed period dated now, in an open period; the line keeps its own date', () => {
    const lastYear = { ...unclassified(), postedAt: '2023-12-30T10:00:00+07:00' };
    const closed2023 = periodClosed('2023', '2023-01-01', '2023-12-31', '2024-01-20T09:00:00+07:00');
    SpendingDecider.given().withFund(fund, closed2023).withDonations(donationRecorded({ amountVnd: '5000000', receivedAt: '2023-06-01T09:00:00+07:00', fiscalYear: 2023 }))
      .when(classify('fee', null, lastYear))
      .thenMatches(
        { type: 'BankFeeCharged', data: { chargedAt: NOW, fiscalYear: 2024 } },
        { type: 'StatementLineClassified', data: { postedAt: '2023-12-30T10:00:00+07:00', entryId: 'BF-000001' } },
      );
    SpendingDecider.given().withFund(fund).withDonations(donationRecorded({ amountVnd: '5000000', receivedAt: '2023-06-01T09:00:00+07:00', fiscalYear: 2023 }))
      .when(classify('fee', null, lastYear))
      .thenMatches({ type: 'BankFeeCharged', data: { chargedAt: '2023-12-30T10:00:00+07:00', fiscalYear: 2023 } }, { type: 'StatementLineClassified' });
  });

  it('links a paid disbursement, refuses one not paid', () => {
    const paid = [disbursementRequested({ sequence: 1, amount: '3000000' }), disbursementApproved(1, APPROVER_A), disbursementPaid(1)];
    SpendingDecider.given(...paid).withFund(fund).withDonations(donationRecorded({ amountVnd: '5000000' }))
      .when(classify('disbursement', 'DB-000001')).thenMatches({ type: 'StatementLineClassified', data: { as: 'disbursement', entryId: 'DB-000001' } });
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '3000000' })).withFund(fund).withDonations(donationRecorded({ amountVnd: '5000000' }))
      .when(classify('disbursement', 'DB-000001')).thenRejects('INVALID_STATE', { status: 'requested' });
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(classify('disbursement')).thenRejects('VALIDATION_FAILED', { field: 'reference' });
  });

  it('links lines to a payment up to its amount, never beyond: a line of another payment is refused, naming reference; a transfer\'s debit and its return\'s credit both link', () => {
    const paid = [disbursementRequested({ sequence: 1, amount: '3000000' }), disbursementApproved(1, APPROVER_A), disbursementPaid(1)];
    const line = (rowId: string, amount: string) => ({ ...unclassified(), rowId, amount });
    const linked = (rowId: string, amount: string, entryId: string, as: 'disbursement' | 'transfer') => ({
      type: 'StatementLineClassified' as const,
      data: { fundId: FUND_ID, classificationId: 'CL-000001', rowId, statementId: 'SK-x', as, entryId, amount, postedAt: NOW, reference: entryId, note: 'n', classifiedBy: ACCOUNTANT, classifiedAt: NOW },
    });
    const funded = donationRecorded({ amountVnd: '5000000' });
    // A 5.000.000 debit named as a 3.000.000 payment.
    SpendingDecider.given(...paid).withFund(fund).withDonations(funded)
      .when({ ...classify('disbursement', 'DB-000001', line(ROW, '5000000')), rowId: ROW })
      .thenRejects('VALIDATION_FAILED', { field: 'reference', amount: '3000000', linked: '0', line: '5000000' });
    // Paid in two bank transfers: the second line completes it, a third would go beyond.
    SpendingDecider.given(...paid, linked('r-1', '1000000', 'DB-000001', 'disbursement')).withFund(fund).withDonations(funded)
      .when(classify('disbursement', 'DB-000001', line(ROW, '2000000')))
      .thenMatches({ type: 'StatementLineClassified', data: { entryId: 'DB-000001', amount: '2000000' } });
    SpendingDecider.given(...paid, linked('r-1', '1000000', 'DB-000001', 'disbursement'), linked('r-2', '2000000', 'DB-000001', 'disbursement')).withFund(fund).withDonations(funded)
      .when(classify('disbursement', 'DB-000001', line(ROW, '1')))
      .thenRejects('VALIDATION_FAILED', { field: 'reference', linked: '3000000' });
    SpendingDecider.given(transferRequested(), linked('r-1', '400000', TR1, 'transfer')).withFund(fund).withDonations(oneMillion)
      .when(classify('transfer', TR1, { ...line(ROW, '400000'), direction: 'in' as const, memo: 'HOAN TRA CHUYEN TIEN' }))
      .thenMatches({ type: 'StatementLineClassified', data: { entryId: TR1, amount: '400000' } });
  });

  it('never links money in as the payment of a disbursement: a payout the bank returned is no payment', () => {
    const paid = [disbursementRequested({ sequence: 1, amount: '3000000' }), disbursementApproved(1, APPROVER_A), disbursementPaid(1)];
    SpendingDecider.given(...paid).withFund(fund).withDonations(donationRecorded({ amountVnd: '5000000' }))
      .when(classify('disbursement', 'DB-000001', { ...unclassified('in'), memo: 'HOAN TRA GD CHUYEN TIEN DEN TK KHONG TON TAI' }))
      .thenRejects('VALIDATION_FAILED', { field: 'as' });
  });

  it('links a transfer, and records any other decision with its note', () => {
    SpendingDecider.given(transferRequested()).withFund(fund).withDonations(oneMillion).when(classify('transfer', TR1, { ...unclassified(), amount: '400000' }))
      .thenMatches({ data: { as: 'transfer', entryId: TR1 } });
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(classify('other')).thenMatches({ data: { as: 'other', entryId: null } });
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when({ ...classify('other'), note: ' ' }).thenRejects('VALIDATION_FAILED', { field: 'note' });
  });

  it('decides a line once, and never money out as interest', () => {
    const classified = { type: 'StatementLineClassified' as const, data: { fundId: FUND_ID, classificationId: 'CL-000001', rowId: ROW, statementId: 'SK-x', as: 'other' as const, entryId: null, amount: '1', postedAt: NOW, reference: null, note: 'n', classifiedBy: ACCOUNTANT, classifiedAt: NOW } };
    SpendingDecider.given(classified).withFund(fund).withDonations(oneMillion).when(classify('other')).thenRejects('INVALID_STATE', { status: 'classified' });
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(classify('interest')).thenRejects('VALIDATION_FAILED', { field: 'as' });
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when({ ...classify('other'), line: null }).thenRejects('NOT_FOUND');
  });

  it('counts a line classified as a fee as management cost, and takes its money out of the pool', () => {
    const classifiedFee: BankFeeCharged = { type: 'BankFeeCharged', data: { ...statementMoney(ROW, '300000'), feeId: 'BF-000001', chargedAt: NOW } };
    const state = spendingStateOf(classifiedFee);
    expect(state.managementCostByYear.get(2024)?.toFixed()).toBe('300000');
    expect(state.decidedLines.get(ROW)).toBe('BF-000001');
    SpendingDecider.given(classifiedFee).withFund(fund).withDonations(oneMillion).when(requestDisbursement({ amount: '700001' })).thenRejects('INSUFFICIENT_FUNDS', { available: '700000' });
  });
});
