/**
 * Money a province received from a commune as general money, assigned to the province's flood
 * campaign in March and the assignment reversed in April: the campaigns report counts the move in
 * in March and the move back out in April, each on its own date, the financial report states both
 * as moves between pools (no receipt, no payment), and every figure agrees with the balance
 * replayed by business date at each month's end.
 */
import type { FundBalance } from '../../projections/balance.projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import type { TransferApproved, TransferAssignedToCampaign, TransferAssignmentReversed, TransferReceived, TransferRequested } from '../../src/domain/spending/spending.events';
import { replayBalance } from '../../src/projection-runner/replay';
import { buildRegisterReport } from '../../src/read-side/register-report-facts';
import type { ReportName, ReportPeriod } from '../../src/reports';
import { campaignCreated, donationRecorded, FUND_ID, fundOpened } from '../domain/builders';
import { useHistoryBooks } from './support/history-books';

const VN = (date: string) => `${date}T10:00:00+07:00`;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+07:00`);
const dayEnd = (date: string) => dayStart(date) + 86_400_000 - 1;
const PROVINCE = 'ctd-tinh';
const FLOOD = 'lu-2025';
const POOL = `campaign:${FLOOD}`;
const TR = `TR-${FUND_ID}-000001`;

function history(): LedgerEvent[] {
  const flood = campaignCreated({ campaignId: FLOOD, name: 'Lũ 2025', kind: 'disaster', receiveFrom: VN('2025-01-01'), receiveUntil: VN('2025-06-30') });
  const money = { fundId: FUND_ID, transferId: TR, toFundId: PROVINCE, amount: '4000000', component: 'general', restrictionId: null, campaignId: null };
  const requested: TransferRequested = {
    type: 'TransferRequested',
    data: {
      ...money, external: false, restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển lên tỉnh', note: null, approvalsRequired: 1,
      fiscalYear: 2025, requestedBy: 'accountant-xa', requestedAt: VN('2025-02-10'),
    },
  };
  const approved: TransferApproved = {
    type: 'TransferApproved',
    data: { fundId: FUND_ID, transferId: TR, approvedBy: 'approver-xa', note: null, approvalsCount: 1, approvalsRequired: 1, fullyApproved: true, approvedAt: VN('2025-02-10') },
  };
  const received: TransferReceived = {
    type: 'TransferReceived',
    data: {
      ...money, receivedRestrictionId: null, receivedCampaignId: null, restrictionPurpose: null, restrictionBeneficiary: null,
      receivedBy: 'accountant-tinh', receivedAt: VN('2025-02-12'),
    },
  };
  const pools = { fundId: PROVINCE, transferId: TR, fromFundId: FUND_ID, amount: '4000000', component: 'general', restrictionId: null, toComponent: 'general', toCampaignId: FLOOD, toRestrictionId: POOL };
  const assigned: TransferAssignedToCampaign = {
    type: 'TransferAssignedToCampaign',
    data: { ...pools, assignmentId: 'TA-000001', receivedAt: VN('2025-02-12'), reason: 'Công văn của Hội xã', assignedBy: 'accountant-tinh', assignedAt: VN('2025-03-10') },
  };
  const reversed: TransferAssignmentReversed = {
    type: 'TransferAssignmentReversed',
    data: { ...pools, reversalId: 'RV-000001', assignmentId: 'TA-000001', reason: 'Ghi nhầm', reversedBy: 'accountant-tinh', reversedAt: VN('2025-04-05') },
  };
  return [
    fundOpened(), fundOpened({ fundId: PROVINCE }), { ...flood, data: { ...flood.data, fundId: PROVINCE } },
    donationRecorded({ sequence: 1, amountVnd: '10000000', receivedAt: VN('2025-02-01') }),
    requested, approved, received, assigned, reversed,
  ];
}

describe('Received money assigned to a campaign, the assignment reversed in the next month', () => {
  const events = history();
  const { store, scratch } = useHistoryBooks('ctd.transfer-assignment', events);
  const report = (name: ReportName, period: ReportPeriod) => buildRegisterReport(scratch.db, { fundId: PROVINCE, report: name, period }, events.length);
  const balanceAt = async (ms: number): Promise<FundBalance | undefined> =>
    (await replayBalance(store, { asOf: new Date(ms).toISOString(), toPosition: events.length })).state.funds[PROVINCE];

  it.each([
    { month: 'March', from: '2025-03-01', to: '2025-03-31', movedIn: '4000000', movedOut: '0', remaining: '4000000', poolMoves: '4000000' },
    { month: 'April', from: '2025-04-01', to: '2025-04-30', movedIn: '0', movedOut: '4000000', remaining: '0', poolMoves: '4000000' },
  ])('$month: the campaign\'s move on its own date, a move between pools in the financial report, and the balance agrees', async ({ from, to, movedIn, movedOut, remaining, poolMoves }) => {
    const period = { fromMs: dayStart(from), toMs: dayEnd(to) };
    const row = report('campaigns', period).rows.find((r) => r.campaignId === FLOOD);
    expect({ movedIn: row?.movedIn, movedOut: row?.movedOut, remaining: row?.remaining }).toEqual({ movedIn, movedOut, remaining });
    const financial = report('financial', period);
    const line = (name: string) => financial.rows.find((r) => r.line === name)?.amount;
    expect({ poolMoves: line('memo.poolMoves'), receipts: line('receipts.transfersIn') ?? '0', closing: line('closing') })
      .toEqual({ poolMoves, receipts: '0', closing: '4000000' });
    const balance = await balanceAt(period.toMs);
    expect(balance?.campaigns[FLOOD]?.available ?? '0').toBe(remaining);
    expect(balance?.available).toBe('4000000');
  });

  it('all time: the campaign moved the money in and back out, and the general money holds it again', async () => {
    const row = report('campaigns', { fromMs: null, toMs: null }).rows.find((r) => r.campaignId === FLOOD);
    expect({ movedIn: row?.movedIn, movedOut: row?.movedOut, remaining: row?.remaining }).toEqual({ movedIn: '4000000', movedOut: '4000000', remaining: '0' });
    const balance = await balanceAt(dayEnd('2025-12-31'));
    expect(balance?.pools['general']).toMatchObject({ transferredIn: '4000000', movedOut: '4000000', movedIn: '4000000', available: '4000000' });
    expect(balance?.campaigns[FLOOD]).toMatchObject({ movedIn: '4000000', movedOut: '4000000', available: '0' });
  });
});
