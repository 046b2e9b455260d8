/**
 * Each movement that is neither a donation nor a payment counted exactly once by the pure report
 * builders (R5, R16, R17, R19), given facts and a period: a transfer is a payment of the sender on
 * the day it goes in transit, a receipt of the receiver on the day it arrives, a receipt of the
 * sender again on the day it is returned; a released restriction and a reallocated surplus move
 * between pools (no receipt, no payment); an FX gain or loss is a line of its own. The XLSX shows
 * the new lines and codes with their Vietnamese labels and money as numbers.
 */
import { campaignsReport, designationsReport, disclosureReport, financialReport, networkReport, toDocument, toXlsx, type ReportParts, type ReportPeriod } from '../../src/reports';
import type { CampaignFact, DonationTotals, FxFact, MovementFacts, PoolMoveFact, TransferFact } from '../../src/reports/report-facts';
import { loadWorkbook, rowLabelled, sheetTexts, valueOf } from './xlsx-reading';

const at = (date: string) => Date.parse(`${date}T10:00:00+07:00`);
const iso = (date: string) => `${date}T10:00:00+07:00`;
const day = (date: string, end = false) => Date.parse(`${date}T00:00:00+07:00`) + (end ? 86_400_000 - 1 : 0);
const ALL: ReportPeriod = { fromMs: null, toMs: null };
const MARCH: ReportPeriod = { fromMs: day('2026-03-01'), toMs: day('2026-03-31', true) };

const donations = (amount: string, extra: Partial<DonationTotals> = {}): DonationTotals => ({
  campaignId: null, restrictionId: null, revenueCategory: 'voluntary_contribution', inManagementCostBase: true, cash: true, donations: 1,
  receivedBefore: '0', receivedIn: amount, reversedBefore: '0', reversedIn: '0', keptReceivedIn: amount, ...extra,
});

function transfer(id: string, amount: string, steps: { sent?: string; closed?: ['received' | 'returned' | 'rejected', string] }, extra: Partial<TransferFact> = {}): TransferFact {
  return {
    transferId: id, fromFundId: 'xa', toFundId: 'tinh', counterpartName: 'Quỹ tỉnh', external: false, amount, component: 'general', campaignId: null,
    restrictionId: null, restrictionPurpose: null, purpose: 'Chuyển lên tỉnh', receivedComponent: steps.closed?.[0] === 'received' ? 'general' : null,
    receivedRestrictionId: null, receivedCampaignId: null, requestedAtMs: at('2026-02-01'),
    sentAt: steps.sent ? iso(steps.sent) : null, sentAtMs: steps.sent ? at(steps.sent) : null,
    closedStatus: steps.closed?.[0] ?? null, closedAt: steps.closed ? iso(steps.closed[1]) : null, closedAtMs: steps.closed ? at(steps.closed[1]) : null,
    ...extra,
  };
}

const fx = (provisional: string, settled: string, date: string, extra: Partial<FxFact> = {}): FxFact => ({
  settlementId: `FX-${date}`, donationId: 'DN-2026-000009', currency: 'EUR', originalAmount: '100.00', provisionalVnd: provisional, settledVnd: settled,
  component: 'general', campaignId: null, restrictionId: null, settledAt: iso(date), settledAtMs: at(date), ...extra,
});

const move = (id: string, kind: PoolMoveFact['kind'], amount: string, date: string | null, extra: Partial<PoolMoveFact> = {}): PoolMoveFact => ({
  moveId: id, kind, amount, component: 'general', campaignId: null, restrictionId: null, toComponent: 'humanitarian', toCampaignId: null,
  toRestrictionId: null, requestedAtMs: at('2026-02-15'), movedAtMs: date === null ? null : at(date), ...extra,
});

const amount = (parts: ReportParts, line: string) => parts.rows.find((row) => row.line === line)?.amount;
const noSpending = { disbursements: [], releases: [] };
const noManagementCost = { eligibleByYear: {}, usedByYear: {}, policyVersions: [] };
const financial = (movements: MovementFacts, totals: DonationTotals[], period: ReportPeriod) =>
  financialReport({ donationTotals: totals, spending: noSpending, policy: { managementCostCapPercent: '5' }, managementCost: noManagementCost, movements }, period);

describe('the sender\'s financial report: each transfer once', () => {
  // February: 10 000 000 received. T1 sent in February, received in March. T2 sent in March,
  // returned in March. T3 sent in March, still in transit at the end of March. T4 rejected.
  const movements: MovementFacts = {
    transfersOut: [
      transfer('T1', '4000000', { sent: '2026-02-20', closed: ['received', '2026-03-02'] }),
      transfer('T2', '1000000', { sent: '2026-03-05', closed: ['returned', '2026-03-06'] }),
      transfer('T3', '500000', { sent: '2026-03-10', closed: ['received', '2026-04-02'] }),
      transfer('T4', '700000', { closed: ['rejected', '2026-03-03'] }),
    ],
    transfersIn: [], poolMoves: [], fx: [],
  };
  const totals = [donations('0', { receivedBefore: '10000000', receivedIn: '0', keptReceivedIn: '0' })];

  it('March: the opening balance already lacks what left in February; March\'s sendings are payments, the return a receipt', () => {
    const march = financial(movements, totals, MARCH);
    expect(amount(march, 'opening')).toBe('6000000');
    expect(amount(march, 'payments.transfersOut')).toBe('1500000');
    expect(amount(march, 'receipts.transfersReturned')).toBe('1000000');
    expect(amount(march, 'receipts.transfersIn')).toBe('0');
    expect(amount(march, 'closing')).toBe('5500000');
    // T3 arrived only in April: at the end of March it is on its way, counted at the sender.
    expect(amount(march, 'memo.inTransitOut')).toBe('500000');
  });

  it('all time: each transfer left once, the returned one came back once, the rejected one never left', () => {
    const all = financial(movements, [donations('10000000')], ALL);
    expect(amount(all, 'payments.transfersOut')).toBe('5500000');
    expect(amount(all, 'receipts.transfersReturned')).toBe('1000000');
    expect(amount(all, 'closing')).toBe('5500000');
    expect(amount(all, 'memo.inTransitOut')).toBe('0');
  });

  it('the receiver: received on its own date; before that only stated as on its way', () => {
    const incoming: MovementFacts = { transfersOut: [], transfersIn: movements.transfersOut, poolMoves: [], fx: [] };
    const march = financial(incoming, [], MARCH);
    expect(amount(march, 'receipts.transfersIn')).toBe('4000000');
    expect(amount(march, 'memo.inTransitIn')).toBe('500000');
    expect(amount(march, 'closing')).toBe('4000000');
    expect(amount(financial(incoming, [], ALL), 'closing')).toBe('4500000');
  });

  it('the network: the two closing balances and what is in transit add up to what entered it, at every month\'s end', () => {
    const incoming: MovementFacts = { transfersOut: [], transfersIn: movements.transfersOut, poolMoves: [], fx: [] };
    for (const end of ['2026-02-28', '2026-03-01', '2026-03-05', '2026-03-31', '2026-04-30']) {
      const upTo: ReportPeriod = { fromMs: null, toMs: day(end, true) };
      const sender = financial(movements, [donations('10000000')], upTo);
      const receiver = financial(incoming, [], upTo);
      const network = BigInt(amount(sender, 'closing') as string) + BigInt(amount(receiver, 'closing') as string) + BigInt(amount(sender, 'memo.inTransitOut') as string);
      expect({ end, network }).toEqual({ end, network: 10_000_000n });
      expect(amount(receiver, 'memo.inTransitIn')).toBe(amount(sender, 'memo.inTransitOut'));
    }
  });
});

describe('moves between pools and FX settlements', () => {
  const campaign: CampaignFact = {
    campaignId: 'lu-2026', name: 'Lũ miền Trung 2026', kind: 'disaster', receiveFrom: iso('2026-01-01'), receiveFromMs: at('2026-01-01'),
    receiveUntil: iso('2026-02-01'), receiveUntilMs: at('2026-02-01'), distributeUntil: iso('2026-02-20'), distributeUntilMs: at('2026-02-20'),
    restrictionId: 'campaign:lu-2026',
  };
  const next: CampaignFact = { ...campaign, campaignId: 'bao-2026', name: 'Bão 2026', restrictionId: 'campaign:bao-2026', receiveFrom: iso('2026-03-01'), receiveFromMs: at('2026-03-01') };
  const totals = [
    donations('5000000', { campaignId: 'lu-2026', restrictionId: 'campaign:lu-2026' }),
    donations('2000000', { restrictionId: 'DN-2026-000002' }),
    donations('3000000'),
  ];
  const movements: MovementFacts = {
    transfersOut: [], transfersIn: [],
    poolMoves: [
      move('SR-000001', 'surplus', '1200000', '2026-03-02', {
        campaignId: 'lu-2026', restrictionId: 'campaign:lu-2026', component: 'emergency-relief', toComponent: 'emergency-relief',
        toCampaignId: 'bao-2026', toRestrictionId: 'campaign:bao-2026',
      }),
      move('RR-000001', 'release', '2000000', '2026-03-03', { restrictionId: 'DN-2026-000002' }),
      move('RR-000002', 'release', '900000', null, { restrictionId: 'DN-2026-000003' }),
    ],
    fx: [fx('2700000', '2750000', '2026-03-04'), fx('2700000', '2600000', '2026-03-05', { campaignId: 'lu-2026', restrictionId: 'campaign:lu-2026' })],
  };

  it('the financial report: a move is no receipt and no payment; the FX gain and the loss each a line; provisional and settled VND stated', () => {
    const march = financial(movements, totals, MARCH);
    expect(amount(march, 'receipts.fxGain')).toBe('50000');
    expect(amount(march, 'payments.fxLoss')).toBe('100000');
    expect(amount(march, 'payments.transfersOut')).toBe('0');
    expect(amount(march, 'memo.poolMoves')).toBe('3200000');
    expect(amount(march, 'memo.fxProvisional')).toBe('5400000');
    expect(amount(march, 'memo.fxSettled')).toBe('5350000');
    const all = financial(movements, totals, ALL);
    expect(amount(all, 'receipts.total')).toBe('10050000');
    expect(amount(all, 'payments.total')).toBe('100000');
    expect(amount(all, 'closing')).toBe('9950000');
  });

  it('the JSON labels each movement line as the statement does, a receipt after "Thu: " and a payment after "Chi: " (the labels are hashed with the report)', () => {
    const labels = Object.fromEntries(financial(movements, totals, MARCH).rows.filter((row) => /^(receipts|payments|memo)\.(transfers|fx|poolMoves|inTransit)/.test(String(row.line))).map((row) => [row.line, row.label]));
    expect(labels).toEqual({
      'receipts.transfersIn': 'Thu: nhận tiền chuyển từ quỹ khác trong hệ thống',
      'receipts.transfersReturned': 'Thu: tiền đã chuyển đi bị trả lại',
      'receipts.fxGain': 'Thu: lãi chênh lệch tỷ giá khi bán ngoại tệ',
      'payments.transfersOut': 'Chi: chuyển tiền cho quỹ khác trong hệ thống',
      'payments.fxLoss': 'Chi: lỗ chênh lệch tỷ giá khi bán ngoại tệ',
      'memo.inTransitOut': 'Tiền đã chuyển đi, quỹ nhận chưa nhận (cuối kỳ)',
      'memo.inTransitIn': 'Tiền quỹ khác đã chuyển đến, chưa nhận (cuối kỳ)',
      'memo.poolMoves': 'Chuyển giữa các nguồn trong quỹ (không tính thu, chi)',
      'memo.fxProvisional': 'Ngoại tệ bán trong kỳ: số tiền tạm tính khi nhận',
      'memo.fxSettled': 'Ngoại tệ bán trong kỳ: số tiền ngân hàng thực trả',
    });
  });

  it('the campaigns report: the leftovers leave one campaign and reach the next once; the FX loss stays with its campaign', () => {
    const report = campaignsReport({ donationTotals: totals, spending: noSpending, campaigns: [campaign, next], movements }, ALL);
    expect(report.rows.find((row) => row.campaignId === 'lu-2026')).toMatchObject({ received: '5000000', movedOut: '1200000', fxDifference: '-100000', remaining: '3700000' });
    expect(report.rows.find((row) => row.campaignId === 'bao-2026')).toMatchObject({ received: '0', movedIn: '1200000', remaining: '1200000' });
  });

  it('the designations report: a released pool moved out once; a release still waiting is held; the next campaign\'s pool has what moved in', () => {
    const report = designationsReport({
      donationTotals: [...totals, donations('900000', { restrictionId: 'DN-2026-000003' })], spending: noSpending, campaigns: [campaign, next],
      restrictedPools: [
        { restrictionId: 'campaign:lu-2026', purpose: null, component: 'emergency-relief', campaignId: 'lu-2026' },
        { restrictionId: 'DN-2026-000002', purpose: 'Học bổng', component: 'general', campaignId: null },
        { restrictionId: 'DN-2026-000003', purpose: 'Xe lăn', component: 'general', campaignId: null },
      ],
      movements,
    }, ALL);
    const pool = (id: string) => report.rows.find((row) => row.restrictionId === id);
    expect(pool('DN-2026-000002')).toMatchObject({ movedOut: '2000000', held: '0', available: '0' });
    expect(pool('DN-2026-000003')).toMatchObject({ movedOut: '0', held: '900000', available: '0' });
    expect(pool('campaign:lu-2026')).toMatchObject({ movedOut: '1200000', fxDifference: '-100000', available: '3700000' });
    expect(pool('campaign:bao-2026')).toMatchObject({ purpose: 'Bão 2026', movedIn: '1200000', available: '1200000' });
  });

  it('before the moves are dated (February), nothing has moved', () => {
    const february: ReportPeriod = { fromMs: null, toMs: day('2026-02-28', true) };
    const report = campaignsReport({ donationTotals: totals, spending: noSpending, campaigns: [campaign, next], movements }, february);
    expect(report.rows.find((row) => row.campaignId === 'lu-2026')).toMatchObject({ movedOut: '0', remaining: '5000000' });
    expect(amount(financial(movements, totals, february), 'memo.fxSettled')).toBe('0');
  });
});

describe('a gift in foreign currency reversed after it was sold (R17)', () => {
  // February: 2 700 000 provisional for 100 EUR and 1 000 000 in VND. Sold 4 March for 2 750 000
  // (gain 50 000); the gift reversed 6 April: its 2 700 000 and its gain leave together.
  const APRIL: ReportPeriod = { fromMs: day('2026-04-01'), toMs: day('2026-04-30', true) };
  const movements: MovementFacts = { transfersOut: [], transfersIn: [], poolMoves: [], fx: [fx('2700000', '2750000', '2026-03-04', { reversedAtMs: at('2026-04-06') })] };
  const before = [donations('0', { receivedBefore: '3700000', receivedIn: '0', keptReceivedIn: '0' })];
  const april = [donations('0', { receivedBefore: '3700000', reversedIn: '2700000', keptReceivedIn: '0' })];

  it('March keeps its gain; April takes it back with the gift, and closes at the VND the fund still holds', () => {
    expect(amount(financial(movements, before, MARCH), 'receipts.fxGain')).toBe('50000');
    expect(amount(financial(movements, before, MARCH), 'closing')).toBe('3750000');
    const report = financial(movements, april, APRIL);
    expect(amount(report, 'opening')).toBe('3750000');
    expect(amount(report, 'receipts.fxGain')).toBe('-50000');
    expect(amount(report, 'closing')).toBe('1000000');
    // The sale stays a sale of March: nothing was sold in April.
    expect(amount(report, 'memo.fxSettled')).toBe('0');
  });

  it('a loss taken back is a payment line net of it; the whole history nets to nothing', () => {
    const lost: MovementFacts = { ...movements, fx: [fx('2700000', '2600000', '2026-03-04', { reversedAtMs: at('2026-04-06') })] };
    expect(amount(financial(lost, april, APRIL), 'payments.fxLoss')).toBe('-100000');
    expect(amount(financial(lost, april, APRIL), 'closing')).toBe('1000000');
    const all = financial(lost, [donations('1000000', { receivedIn: '3700000', reversedIn: '2700000' })], ALL);
    expect(amount(all, 'payments.fxLoss')).toBe('0');
    expect(amount(all, 'closing')).toBe('1000000');
  });

  it('reported as of March\'s end, the April reversal has not happened yet', () => {
    const upToMarch: ReportPeriod = { fromMs: null, toMs: day('2026-03-31', true) };
    expect(amount(financial(movements, [donations('3700000')], upToMarch), 'receipts.fxGain')).toBe('50000');
  });
});

describe('a transfer the sender reversed in transit', () => {
  // February: 10 000 000 received. T5 sent 2 March and reversed by its sender 4 March; T2 sent 5 March and returned by the receiver 6 March.
  const movements: MovementFacts = {
    transfersOut: [
      transfer('T5', '3000000', { sent: '2026-03-02', closed: ['returned', '2026-03-04'] }, { reversed: true }),
      transfer('T2', '1000000', { sent: '2026-03-05', closed: ['returned', '2026-03-06'] }),
    ],
    transfersIn: [], poolMoves: [], fx: [],
  };
  const totals = [donations('0', { receivedBefore: '10000000', receivedIn: '0', keptReceivedIn: '0' })];

  it('the sender\'s financial report shows the money back on its own line, as reversed, not as returned by the receiver', () => {
    const march = financial(movements, totals, MARCH);
    expect(amount(march, 'payments.transfersOut')).toBe('4000000');
    expect(amount(march, 'receipts.transfersReturned')).toBe('1000000');
    expect(amount(march, 'receipts.transfersReversed')).toBe('3000000');
    expect(amount(march, 'closing')).toBe('10000000');
  });

  it('the network report, both ways: reversed by the sender, apart from returned', () => {
    const sender = networkReport({ movements }, MARCH);
    expect(sender.rows).toEqual([expect.objectContaining({ section: 'outgoing', sent: '4000000', returned: '1000000', reversed: '3000000', inTransit: '0' })]);
    expect(sender.summary).toMatchObject({ outgoingReturned: '1000000', outgoingReversed: '3000000' });
    const receiver = networkReport({ movements: { transfersOut: [], transfersIn: movements.transfersOut, poolMoves: [], fx: [] } }, MARCH);
    expect(receiver.summary).toMatchObject({ incomingReturned: '1000000', incomingReversed: '3000000' });
  });

  it('a fund that never reversed a transfer keeps the columns, lines and summary it had', () => {
    const plain: MovementFacts = { ...movements, transfersOut: [movements.transfersOut[1]] };
    const report = networkReport({ movements: plain }, MARCH);
    expect(report.columns.map((column) => column.key)).not.toContain('reversed');
    expect(Object.keys(report.summary)).not.toContain('outgoingReversed');
    expect(financial(plain, totals, MARCH).rows.map((row) => row.line)).not.toContain('receipts.transfersReversed');
  });
});

describe('a campaign\'s pool received from another fund, as earlier versions named it', () => {
  const arrived = transfer('TR-xa-000001', '3000000', { sent: '2026-03-02', closed: ['received', '2026-03-03'] }, {
    component: 'emergency-relief', campaignId: 'bao-yagi', restrictionId: 'campaign:bao-yagi', restrictionPurpose: 'Campaign bao-yagi',
    receivedComponent: 'emergency-relief', receivedRestrictionId: 'campaign:bao-yagi', receivedCampaignId: 'bao-yagi',
  });
  const designations = (campaigns: CampaignFact[]) => designationsReport({
    donationTotals: [], restrictedPools: [], spending: noSpending, campaigns, movements: { transfersOut: [], transfersIn: [arrived], fx: [], poolMoves: [] },
  }, ALL);
  const yagi: CampaignFact = {
    campaignId: 'bao-yagi', name: 'Bão Yagi', kind: 'disaster', receiveFrom: iso('2026-01-01'), receiveFromMs: at('2026-01-01'),
    receiveUntil: iso('2026-02-01'), receiveUntilMs: at('2026-02-01'), distributeUntil: iso('2026-02-20'), distributeUntilMs: at('2026-02-20'),
    restrictionId: 'campaign:bao-yagi',
  };

  it('is named in Vietnamese, by the campaign\'s name when the receiving fund knows the campaign, else by its id', () => {
    expect(designations([yagi]).rows).toEqual([expect.objectContaining({ restrictionId: 'campaign:bao-yagi', purpose: 'Đợt vận động: Bão Yagi', available: '3000000' })]);
    expect(designations([]).rows).toEqual([expect.objectContaining({ restrictionId: 'campaign:bao-yagi', purpose: 'Đợt vận động: bao-yagi' })]);
  });
});

describe('late money assigned out of suspense (R14)', () => {
  const yagi: CampaignFact = {
    campaignId: 'bao-yagi', name: 'Bão Yagi', kind: 'disaster', receiveFrom: iso('2026-01-01'), receiveFromMs: at('2026-01-01'),
    receiveUntil: iso('2026-02-01'), receiveUntilMs: at('2026-02-01'), distributeUntil: iso('2026-02-20'), distributeUntilMs: at('2026-02-20'),
    restrictionId: 'campaign:bao-yagi',
  };
  const facts = {
    donationTotals: [
      donations('200000000', { campaignId: 'bao-yagi', restrictionId: 'campaign:bao-yagi' }),
      donations('5000000', { campaignId: 'bao-yagi', restrictionId: 'suspense:bao-yagi' }),
    ],
    restrictedPools: [
      { restrictionId: 'campaign:bao-yagi', purpose: null, component: 'emergency-relief', campaignId: 'bao-yagi' },
      { restrictionId: 'suspense:bao-yagi', purpose: null, component: 'emergency-relief', campaignId: 'bao-yagi' },
    ],
    spending: noSpending, campaigns: [yagi], disclosedDonations: [],
    movements: {
      transfersOut: [], transfersIn: [], fx: [],
      poolMoves: [move('SA-000001', 'suspense', '5000000', '2026-02-05', {
        component: 'emergency-relief', campaignId: 'bao-yagi', restrictionId: 'suspense:bao-yagi',
        toComponent: 'emergency-relief', toCampaignId: 'bao-yagi', toRestrictionId: 'campaign:bao-yagi',
      })],
    },
  };

  it('the disclosure\'s result of use counts the money once: given to the campaign\'s pool, no longer given to the suspense pool', () => {
    const results = disclosureReport(facts, ALL).rows.filter((row) => row.section === 'result');
    expect(results).toEqual([
      expect.objectContaining({ reference: 'campaign:bao-yagi', cash: '205000000', used: '0', remaining: '205000000' }),
      expect.objectContaining({ reference: 'suspense:bao-yagi', cash: '0', used: '0', remaining: '0' }),
    ]);
  });

  it('before the assignment is dated, the money is the suspense pool\'s', () => {
    const results = disclosureReport(facts, { fromMs: null, toMs: day('2026-02-04', true) }).rows.filter((row) => row.section === 'result');
    expect(results).toEqual([
      expect.objectContaining({ reference: 'campaign:bao-yagi', cash: '200000000', remaining: '200000000' }),
      expect.objectContaining({ reference: 'suspense:bao-yagi', cash: '5000000', used: '0', remaining: '5000000' }),
    ]);
  });
});

describe('the network report and its XLSX', () => {
  const movements: MovementFacts = {
    transfersIn: [
      transfer('TR-xa-a-000001', '3000000', { sent: '2026-03-01', closed: ['received', '2026-03-04'] }, { fromFundId: 'xa-a', toFundId: 'tinh', counterpartName: 'Quỹ xã A' }),
      transfer('TR-xa-a-000002', '1000000', { sent: '2026-03-20' }, { fromFundId: 'xa-a', toFundId: 'tinh', counterpartName: 'Quỹ xã A' }),
      transfer('TR-xa-b-000001', '2500000', { sent: '2026-03-11' }, { fromFundId: 'xa-b', toFundId: 'tinh', counterpartName: 'Quỹ xã B' }),
    ],
    transfersOut: [
      transfer('TR-tinh-000001', '6000000', { sent: '2026-03-25' }, { fromFundId: 'tinh', toFundId: 'trung-uong', counterpartName: 'Quỹ Trung ương' }),
    ],
    poolMoves: [], fx: [],
  };

  it('per lower chapter: sent, arrived, in transit and for how long at the report\'s date; each transfer in transit on its line', () => {
    const report = networkReport({ movements }, MARCH);
    expect(report.rows.filter((row) => row.section === 'incoming')).toEqual([
      expect.objectContaining({ counterpartFundId: 'xa-a', transfers: 2, sent: '4000000', arrived: '3000000', inTransit: '1000000', daysInTransit: 11 }),
      expect.objectContaining({ counterpartFundId: 'xa-b', transfers: 1, sent: '2500000', arrived: '0', inTransit: '2500000', daysInTransit: 20 }),
    ]);
    expect(report.rows.filter((row) => row.section === 'outgoing')).toEqual([
      expect.objectContaining({ counterpartFundId: 'trung-uong', sent: '6000000', inTransit: '6000000', daysInTransit: 6 }),
    ]);
    expect(report.rows.filter((row) => String(row.section).startsWith('in-transit-')).map((row) => row.transferId))
      .toEqual(['TR-xa-a-000002', 'TR-xa-b-000001', 'TR-tinh-000001']);
    expect(report.summary).toMatchObject({ incomingSent: '6500000', incomingArrived: '3000000', incomingInTransit: '3500000', outgoingInTransit: '6000000', transfersInTransit: 3, longestInTransitDays: 20 });
  });

  it('at an earlier date, a transfer sent later is not there yet', () => {
    const report = networkReport({ movements }, { fromMs: null, toMs: day('2026-03-15', true) });
    expect(report.rows.find((row) => row.counterpartFundId === 'xa-a' && row.section === 'incoming')).toMatchObject({ sent: '3000000', inTransit: '0', daysInTransit: null });
    expect(report.rows.some((row) => row.counterpartFundId === 'trung-uong')).toBe(false);
  });

  it('days in transit are Vietnam calendar days, to a timestamp as to a date: sent at 10:00 on 20 March, read at 09:00 on 21 March is one day', () => {
    const report = networkReport({ movements }, { fromMs: null, toMs: Date.parse('2026-03-21T09:00:00+07:00') });
    expect(report.rows.find((row) => row.transferId === 'TR-xa-a-000002')).toMatchObject({ daysInTransit: 1 });
    // 23:59 on 31 March in Vietnam is 16:59 UTC: still 31 March, the same count as the date.
    const byTimestamp = networkReport({ movements }, { fromMs: MARCH.fromMs, toMs: Date.parse('2026-03-31T16:59:00Z') });
    expect(byTimestamp.rows.map((row) => row.daysInTransit)).toEqual(networkReport({ movements }, MARCH).rows.map((row) => row.daysInTransit));
  });

  it('in XLSX: its parts with Vietnamese labels, money as numbers, totals', async () => {
    const document = toDocument({
      report: 'network', fundId: 'tinh', fundName: 'Quỹ tỉnh', chapter: 'Hội Chữ thập đỏ tỉnh', currency: 'VND',
      from: MARCH.fromMs, to: MARCH.toMs, position: 42, ...networkReport({ movements }, MARCH),
    });
    const sheet = (await loadWorkbook(await toXlsx(document))).worksheets[0];
    const texts = sheetTexts(sheet);
    expect(texts).toEqual(expect.arrayContaining(['Nhận từ quỹ khác', 'Chuyển cho quỹ khác', 'Khoản chuyển đến đang trên đường', 'Khoản chuyển đi đang trên đường', 'Cộng nhận']));
    for (const code of ['incoming', 'outgoing', 'in-transit-incoming', 'in-transit-outgoing']) expect(texts).not.toContain(code);
    const total = rowLabelled(sheet, 'Cộng nhận') as NonNullable<ReturnType<typeof rowLabelled>>;
    expect([6, 7, 9].map((column) => valueOf(total.getCell(column)))).toEqual([6500000, 3000000, 3500000]);
  });
});
