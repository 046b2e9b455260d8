import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  ACCOUNTANT, approve, APPROVER_A, APPROVER_B, campaignCreated, disbursementApproved, disbursementId, disbursementPaid,
  disbursementRejected, disbursementRequested, donationRecorded, FLOOD, FUND_ID, fundOpened, NOW, pay, policyChanged,
  rejectDisbursement, requestDisbursement,
  releaseEmergency,
} from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const oneMillion = donationRecorded({ sequence: 1, amountVnd: '1000000' });
const DB1 = disbursementId(1);

describe('Disbursements: requesting from a pool (R4, R5; api.md "held money counts against available")', () => {
  it('takes the whole balance of a pool, to the dong', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(oneMillion)
      .when(requestDisbursement({ amount: '1000000' }))
      .then({
        type: 'DisbursementRequested',
        data: {
          fundId: FUND_ID,
          disbursementId: 'DB-000001',
          amount: '1000000',
          kind: 'relief',
          component: 'general',
          campaignId: null,
          restrictionId: null,
          purpose: 'Hỗ trợ gia đình khó khăn',
          beneficiary: 'Trần Thị Bình',
          certificationRef: null,
          note: null,
          approvalsRequired: 1,
          fiscalYear: 2024,
          requestedBy: ACCOUNTANT,
          requestedAt: NOW,
        },
      });
  });

  it('refuses one dong more than the balance (INSUFFICIENT_FUNDS)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(oneMillion)
      .when(requestDisbursement({ amount: '1000001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'general', requested: '1000001', available: '1000000' });
  });

  it('numbers disbursements one after another', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '100' }), disbursementRequested({ sequence: 2, amount: '100' }))
      .withFund(fund)
      .withDonations(oneMillion)
      .when(requestDisbursement({ amount: '100' }))
      .thenMatches({ data: { disbursementId: 'DB-000003' } });
  });

  it('counts money held by a request against what is available, from the moment of the request', () => {
    const held = disbursementRequested({ sequence: 1, amount: '600000' });
    SpendingDecider.given(held).withFund(fund).withDonations(oneMillion).when(requestDisbursement({ amount: '400001' })).thenRejects('INSUFFICIENT_FUNDS', { available: '400000' });
    SpendingDecider.given(held).withFund(fund).withDonations(oneMillion).when(requestDisbursement({ amount: '400000' })).thenMatches({ data: { amount: '400000' } });
  });

  it('keeps approved but unpaid money held', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '600000' }), disbursementApproved(1))
      .withFund(fund)
      .withDonations(oneMillion)
      .when(requestDisbursement({ amount: '400001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '400000' });
  });

  it('keeps paid money out of the pool', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '600000' }), disbursementApproved(1), disbursementPaid(1))
      .withFund(fund)
      .withDonations(oneMillion)
      .when(requestDisbursement({ amount: '400001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '400000' });
  });

  it('makes rejected money available again', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '600000' }), disbursementApproved(1), disbursementRejected(1))
      .withFund(fund)
      .withDonations(oneMillion)
      .when(requestDisbursement({ amount: '1000000' }))
      .thenMatches({ data: { amount: '1000000' } });
  });

  it('adds up the cash of every donation to the pool', () => {
    const donations = [oneMillion, donationRecorded({ sequence: 2, amountVnd: '2500000', channel: 'cash' })];
    expect(availableInPool(spendingStateOf(), inflowsOf(...donations), 'general').toFixed()).toBe('3500000');
    SpendingDecider.given().withFund(fund).withDonations(...donations).when(requestDisbursement({ amount: '3500000' })).thenMatches({ type: 'DisbursementRequested' });
  });

  it('does not count in-kind gifts as money that can be paid out (R18)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(donationRecorded({ sequence: 1, channel: 'in_kind', amountVnd: '50000000' }))
      .when(requestDisbursement({ amount: '1' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '0' });
  });

  it('keeps each component fund apart (R1)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(donationRecorded({ sequence: 1, component: 'humanitarian', amountVnd: '5000000' }))
      .when(requestDisbursement({ component: 'general', amount: '1' }))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'general' });
  });

  it('refuses a component the fund does not have (UNKNOWN_COMPONENT)', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(requestDisbursement({ component: 'khong-co' })).thenRejects('UNKNOWN_COMPONENT', { component: 'khong-co' });
  });

  it('refuses a fund that is not open (NOT_FOUND)', () => {
    SpendingDecider.given().withDonations(oneMillion).when(requestDisbursement()).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it.each(['0', '-1', '1e6', '1.5', '', '1000000000000001'])('refuses the amount %p (VALIDATION_FAILED)', (amount) => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(requestDisbursement({ amount })).thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it.each(['Trưởng bản Lò Văn Hùng 0933222111', 'Hộ bà Cúc, SĐT 0933 222 111', 'Ông Tư CCCD 001.203.004.567', 'Bà Năm, STK 0011-0019-32418'])(
    'refuses a beneficiary %p: the disclosure publishes it, and a phone, ID card or account number with it (VALIDATION_FAILED)', (beneficiary) => {
      SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(requestDisbursement({ beneficiary }))
        .thenRejects('VALIDATION_FAILED', { field: 'beneficiary' });
    },
  );

  it.each(['UBND xã Trà Leng', 'Hộ ông Hồ Văn Tới, thôn 3', 'Trường Tiểu học số 2 Bến Nghé, 120 học sinh', 'Tổ 15, khu phố 2, ngày 15.05.2024'])(
    'takes a beneficiary %p: names with a few numbers in them are names', (beneficiary) => {
      SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(requestDisbursement({ beneficiary })).thenMatches({ type: 'DisbursementRequested' });
    },
  );

  it('refuses an emergency recipient with a phone number in it (VALIDATION_FAILED naming recipient)', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).when(releaseEmergency({ recipient: 'Trưởng bản Lò Văn Hùng 0933222111' }))
      .thenRejects('VALIDATION_FAILED', { field: 'recipient' });
  });
});

describe('Disbursements: designated money goes only where the donor said (R5, R7)', () => {
  const forSchool = donationRecorded({ sequence: 1, amountVnd: '500000', restriction: { purpose: 'Hỗ trợ học sinh nghèo', beneficiary: null } });
  const unrestricted = donationRecorded({ sequence: 2, amountVnd: '100000' });
  const schoolPool = forSchool.data.donationId;

  it('keeps restricted money out of the unrestricted pool', () => {
    SpendingDecider.given().withFund(fund).withDonations(forSchool, unrestricted).when(requestDisbursement({ amount: '100001' })).thenRejects('INSUFFICIENT_FUNDS', { pool: 'general', available: '100000' });
  });

  it('pays from a restricted pool named by its restriction id, to the dong', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(forSchool, unrestricted)
      .when(requestDisbursement({ restrictionId: schoolPool, amount: '500000' }))
      .thenMatches({ data: { component: 'general', restrictionId: schoolPool, amount: '500000' } });
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(forSchool, unrestricted)
      .when(requestDisbursement({ restrictionId: schoolPool, amount: '500001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: `general#${schoolPool}`, available: '500000' });
  });

  it('refuses a restricted pool of another component (RESTRICTION_MISMATCH)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(forSchool, unrestricted)
      .when(requestDisbursement({ component: 'humanitarian', restrictionId: schoolPool, amount: '1' }))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: schoolPool });
  });

  it('refuses a restriction that does not exist (NOT_FOUND)', () => {
    SpendingDecider.given().withFund(fund).withDonations(forSchool).when(requestDisbursement({ restrictionId: 'DN-2024-000099' })).thenRejects('NOT_FOUND', { entity: 'restriction' });
  });

  it('refuses management cost from a restricted pool (RESTRICTION_MISMATCH)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(forSchool, donationRecorded({ sequence: 2, amountVnd: '100000000' }))
      .when(requestDisbursement({ kind: 'management_cost', restrictionId: schoolPool, amount: '1' }))
      .thenRejects('RESTRICTION_MISMATCH');
  });

  describe('a disaster campaign', () => {
    const floodFund = [fundOpened(), campaignCreated()];
    const toFlood = donationRecorded({ sequence: 1, campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, amountVnd: '3000000', receivedAt: FLOOD.receivedAt });
    const forKindergarten = donationRecorded({
      sequence: 2, campaignId: FLOOD.campaignId, amountVnd: '700000', receivedAt: FLOOD.receivedAt,
      restriction: { purpose: 'Dựng lại trường mầm non', beneficiary: null },
    });

    it('pays from the campaign pool when the campaign is named', () => {
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(toFlood, unrestricted)
        .when(requestDisbursement({ campaignId: FLOOD.campaignId, amount: '3000000', now: FLOOD.now }))
        .thenMatches({ data: { campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, amount: '3000000' } });
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(toFlood, unrestricted)
        .when(requestDisbursement({ campaignId: FLOOD.campaignId, amount: '3000001', now: FLOOD.now }))
        .thenRejects('INSUFFICIENT_FUNDS', { pool: `general#${FLOOD.pool}`, available: '3000000' });
    });

    it('keeps campaign money out of the component unrestricted pool', () => {
      SpendingDecider.given().withFund(...floodFund).withDonations(toFlood).when(requestDisbursement({ amount: '1', now: FLOOD.now })).thenRejects('INSUFFICIENT_FUNDS', { pool: 'general' });
    });

    it('pays a designated pool inside the campaign when both are named', () => {
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(toFlood, forKindergarten)
        .when(requestDisbursement({ campaignId: FLOOD.campaignId, restrictionId: forKindergarten.data.donationId, amount: '700000', now: FLOOD.now }))
        .thenMatches({ data: { restrictionId: forKindergarten.data.donationId } });
    });

    it("refuses a pool that is not the named campaign's (RESTRICTION_MISMATCH)", () => {
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(toFlood, forSchool)
        .when(requestDisbursement({ campaignId: FLOOD.campaignId, restrictionId: schoolPool, amount: '1', now: FLOOD.now }))
        .thenRejects('RESTRICTION_MISMATCH', { restrictionId: schoolPool });
    });

    it('never pays management cost from campaign money, even before any has come in (R7)', () => {
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(toFlood, donationRecorded({ sequence: 3, amountVnd: '100000000' }))
        .when(requestDisbursement({ kind: 'management_cost', campaignId: FLOOD.campaignId, amount: '1', now: FLOOD.now }))
        .thenRejects('RESTRICTION_MISMATCH');
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(donationRecorded({ sequence: 3, amountVnd: '100000000' }))
        .when(requestDisbursement({ kind: 'management_cost', campaignId: FLOOD.campaignId, amount: '1', now: FLOOD.now }))
        .thenRejects('RESTRICTION_MISMATCH');
    });

    it('refuses an unknown campaign (NOT_FOUND)', () => {
      SpendingDecider.given().withFund(...floodFund).withDonations(toFlood).when(requestDisbursement({ campaignId: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'campaign' });
    });

    it('pays out campaign money received in a second component', () => {
      const toFloodHumanitarian = donationRecorded({
        sequence: 2, component: 'humanitarian', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, amountVnd: '2000000', receivedAt: FLOOD.receivedAt,
      });
      SpendingDecider.given()
        .withFund(...floodFund)
        .withDonations(toFlood, toFloodHumanitarian)
        .when(requestDisbursement({ component: 'humanitarian', campaignId: FLOOD.campaignId, amount: '2000000', now: FLOOD.now }))
        .thenMatches({ data: { component: 'humanitarian', restrictionId: FLOOD.pool } });
    });
  });
});

describe('Disbursements: the management cost cap (R6, Decree 93/2019 Art. 37)', () => {
  // Eligible 2024 revenue: 100,000,000 unrestricted + 20,000,000 designated without a named
  // recipient = 120,000,000; 5 % of it is 6,000,000. The in-kind gift and the money for a named
  // beneficiary (90,000,000 together) stay outside: counting them would make the cap 10,500,000.
  // The board's share and the hard stop are both 5 % here, so the cap is where the budget ends.
  const fund = fundOpened({ policy: { managementCostWarnPercent: '5', managementCostCapPercent: '5' } });
  const donations = [
    donationRecorded({ sequence: 1, amountVnd: '100000000' }),
    donationRecorded({ sequence: 2, amountVnd: '20000000', restriction: { purpose: 'Học bổng', beneficiary: null } }),
    donationRecorded({ sequence: 3, amountVnd: '50000000', channel: 'in_kind' }),
    donationRecorded({ sequence: 4, amountVnd: '40000000', restriction: { purpose: 'Chữa bệnh', beneficiary: 'Em Lê Văn C' } }),
  ];
  const managementCost = (amount: string) => requestDisbursement({ kind: 'management_cost', amount, purpose: 'Văn phòng phẩm, phí chuyển tiền' });

  it('allows management cost up to exactly the cap', () => {
    SpendingDecider.given().withFund(fund).withDonations(...donations).when(managementCost('6000000')).thenMatches({ data: { kind: 'management_cost', amount: '6000000', fiscalYear: 2024 } });
  });

  it('refuses one dong over the cap, with in-kind and named-beneficiary money outside the base (MANAGEMENT_COST_CAP_EXCEEDED)', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(...donations)
      .when(managementCost('6000001'))
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { fiscalYear: 2024, cap: '6000000', used: '0', requested: '6000001' });
  });

  it('counts management cost already requested in the year', () => {
    const earlier = disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '4000000' });
    SpendingDecider.given(earlier).withFund(fund).withDonations(...donations).when(managementCost('2000000')).thenMatches({ data: { amount: '2000000' } });
    SpendingDecider.given(earlier).withFund(fund).withDonations(...donations).when(managementCost('2000001')).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { used: '4000000' });
  });

  it('counts approved and paid management cost, and frees what was rejected or reversed', () => {
    const paid = [disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '4000000' }), disbursementApproved(1), disbursementPaid(1)];
    SpendingDecider.given(...paid).withFund(fund).withDonations(...donations).when(managementCost('2000001')).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { used: '4000000' });
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'management_cost', amount: '4000000' }), disbursementRejected(1))
      .withFund(fund)
      .withDonations(...donations)
      .when(managementCost('6000000'))
      .thenMatches({ data: { amount: '6000000' } });
  });

  it('does not count other kinds of disbursement against the cap', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'relief', amount: '50000000' }))
      .withFund(fund)
      .withDonations(...donations)
      .when(managementCost('6000000'))
      .thenMatches({ data: { amount: '6000000' } });
  });

  it('rounds the cap down to the dong', () => {
    // 5 % of 99,999,999 is 4,999,999.95.
    const base = donationRecorded({ sequence: 1, amountVnd: '99999999' });
    SpendingDecider.given().withFund(fund).withDonations(base).when(managementCost('4999999')).thenMatches({ data: { amount: '4999999' } });
    SpendingDecider.given().withFund(fund).withDonations(base).when(managementCost('5000000')).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { cap: '4999999' });
  });

  it("bases the year's cap on its own revenue, and carries last year's unused budget forward", () => {
    const lastYear = donationRecorded({ sequence: 1, fiscalYear: 2023, amountVnd: '100000000', receivedAt: '2023-06-01T09:00:00+07:00' });
    const thisYear = donationRecorded({ sequence: 1, amountVnd: '10000000' });
    SpendingDecider.given().withFund(fund).withDonations(lastYear, thisYear).when(managementCost('5500001'))
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { fiscalYear: 2024, base: '10000000', carriedForward: '5000000', cap: '5500000' });
  });

  it("follows the board's percentage, up to 10 %", () => {
    SpendingDecider.given()
      .withFund(fund, policyChanged({ managementCostCapPercent: '10' }))
      .withDonations(...donations)
      .when(managementCost('12000000'))
      .thenMatches({ data: { amount: '12000000' } });
    SpendingDecider.given()
      .withFund(fund, policyChanged({ managementCostCapPercent: '10' }))
      .withDonations(...donations)
      .when(managementCost('12000001'))
      .thenRejects('MANAGEMENT_COST_CAP_EXCEEDED', { cap: '12000000' });
  });

  it('precedence: a request over the cap and over the balance is MANAGEMENT_COST_CAP_EXCEEDED, within the cap INSUFFICIENT_FUNDS', () => {
    const elsewhere = [donationRecorded({ sequence: 1, component: 'humanitarian', amountVnd: '100000000' }), donationRecorded({ sequence: 2, amountVnd: '1000000' })];
    SpendingDecider.given().withFund(fund).withDonations(...elsewhere).when(managementCost('5050001')).thenRejects('MANAGEMENT_COST_CAP_EXCEEDED');
    SpendingDecider.given().withFund(fund).withDonations(...elsewhere).when(managementCost('2000000')).thenRejects('INSUFFICIENT_FUNDS', { available: '1000000' });
  });
});

describe('Disbursements: approvals (R8, R13; api.md policy)', () => {
  const big = donationRecorded({ sequence: 1, amountVnd: '500000000' });

  it('needs one approver up to 100,000,000 VND and two above it', () => {
    SpendingDecider.given().withFund(fund).withDonations(big).when(requestDisbursement({ amount: '100000000' })).thenMatches({ data: { approvalsRequired: 1 } });
    SpendingDecider.given().withFund(fund).withDonations(big).when(requestDisbursement({ amount: '100000001' })).thenMatches({ data: { approvalsRequired: 2 } });
  });

  it('follows a custom approval matrix', () => {
    const policy = policyChanged({ approvals: [{ above: '0', approvers: 1 }, { above: '10000000', approvers: 3 }, { above: '1000000', approvers: 2 }] });
    SpendingDecider.given().withFund(fund, policy).withDonations(big).when(requestDisbursement({ amount: '1000000' })).thenMatches({ data: { approvalsRequired: 1 } });
    SpendingDecider.given().withFund(fund, policy).withDonations(big).when(requestDisbursement({ amount: '1000001' })).thenMatches({ data: { approvalsRequired: 2 } });
    SpendingDecider.given().withFund(fund, policy).withDonations(big).when(requestDisbursement({ amount: '10000001' })).thenMatches({ data: { approvalsRequired: 3 } });
  });

  it('is fully approved by one approver when one is needed', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1 }))
      .withFund(fund)
      .withDonations(big)
      .when(approve(DB1, APPROVER_A, 'Đồng ý'))
      .then({
        type: 'DisbursementApproved',
        data: { fundId: FUND_ID, disbursementId: DB1, approvedBy: APPROVER_A, note: 'Đồng ý', approvalsCount: 1, approvalsRequired: 1, fullyApproved: true, approvedAt: NOW },
      });
  });

  it('needs a second, distinct approver when two are needed', () => {
    const requested = disbursementRequested({ sequence: 1, amount: '200000000', approvalsRequired: 2 });
    SpendingDecider.given(requested).withFund(fund).withDonations(big).when(approve(DB1, APPROVER_A)).thenMatches({ data: { approvalsCount: 1, fullyApproved: false } });
    SpendingDecider.given(requested, disbursementApproved(1, APPROVER_A, { approvalsCount: 1, fullyApproved: false }))
      .withFund(fund)
      .withDonations(big)
      .when(approve(DB1, APPROVER_B))
      .thenMatches({ data: { approvedBy: APPROVER_B, approvalsCount: 2, fullyApproved: true } });
  });

  it('refuses the same approver twice (DUPLICATE_APPROVAL)', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '200000000', approvalsRequired: 2 }), disbursementApproved(1, APPROVER_A, { approvalsCount: 1, fullyApproved: false }))
      .withFund(fund)
      .withDonations(big)
      .when(approve(DB1, APPROVER_A))
      .thenRejects('DUPLICATE_APPROVAL', { approvalsRequired: 2, approvalsCount: 1 });
  });

  it('refuses the requester as an approver (SELF_APPROVAL_FORBIDDEN)', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1 })).withFund(fund).withDonations(big).when(approve(DB1, ACCOUNTANT)).thenRejects('SELF_APPROVAL_FORBIDDEN');
  });

  it('refuses to approve what is already fully approved, rejected or paid (INVALID_STATE)', () => {
    const requested = disbursementRequested({ sequence: 1 });
    SpendingDecider.given(requested, disbursementApproved(1, APPROVER_A)).withFund(fund).withDonations(big).when(approve(DB1, APPROVER_B)).thenRejects('INVALID_STATE', { status: 'approved' });
    SpendingDecider.given(requested, disbursementRejected(1)).withFund(fund).withDonations(big).when(approve(DB1, APPROVER_B)).thenRejects('INVALID_STATE', { status: 'rejected' });
    SpendingDecider.given(requested, disbursementApproved(1), disbursementPaid(1)).withFund(fund).withDonations(big).when(approve(DB1, APPROVER_B)).thenRejects('INVALID_STATE', { status: 'paid' });
  });

  it('refuses an unknown disbursement (NOT_FOUND)', () => {
    SpendingDecider.given().withFund(fund).withDonations(big).when(approve('DB-000404')).thenRejects('NOT_FOUND', { entity: 'disbursement', id: 'DB-000404' });
  });

  it('precedence: NOT_FOUND → INVALID_STATE → SELF_APPROVAL_FORBIDDEN → DUPLICATE_APPROVAL', () => {
    const requested = disbursementRequested({ sequence: 1 });
    SpendingDecider.given(requested, disbursementApproved(1, APPROVER_A)).withFund(fund).withDonations(big).when(approve(DB1, ACCOUNTANT)).thenRejects('INVALID_STATE');
    SpendingDecider.given(requested, disbursementApproved(1, APPROVER_A)).withFund(fund).withDonations(big).when(approve(DB1, APPROVER_A)).thenRejects('INVALID_STATE');
  });
});

describe('Disbursements: rejecting', () => {
  const donations = [donationRecorded({ sequence: 1, amountVnd: '5000000' })];

  it('rejects a requested or approved disbursement', () => {
    const requested = disbursementRequested({ sequence: 1 });
    SpendingDecider.given(requested)
      .withFund(fund)
      .withDonations(...donations)
      .when(rejectDisbursement(DB1, APPROVER_B, 'Thiếu xác nhận'))
      .then({ type: 'DisbursementRejected', data: { fundId: FUND_ID, disbursementId: DB1, rejectedBy: APPROVER_B, reason: 'Thiếu xác nhận', rejectedAt: NOW } });
    SpendingDecider.given(requested, disbursementApproved(1)).withFund(fund).withDonations(...donations).when(rejectDisbursement(DB1)).thenMatches({ type: 'DisbursementRejected' });
  });

  it('lets the accountant who made a request withdraw it, and no other accountant (NOT_REQUESTER)', () => {
    const requested = disbursementRequested({ sequence: 1 });
    const withdraw = (userId: string) => ({ ...rejectDisbursement(DB1, userId, 'Lập nhầm số tiền'), byApprover: false });
    SpendingDecider.given(requested).withFund(fund).withDonations(...donations).when(withdraw(ACCOUNTANT))
      .then({ type: 'DisbursementRejected', data: { fundId: FUND_ID, disbursementId: DB1, rejectedBy: ACCOUNTANT, reason: 'Lập nhầm số tiền', rejectedAt: NOW } });
    SpendingDecider.given(requested).withFund(fund).withDonations(...donations).when(withdraw('accountant-2'))
      .thenRejects('NOT_REQUESTER', { disbursementId: DB1 });
    // Precedence: an unknown request is NOT_FOUND for anyone; the requester's own paid one is INVALID_STATE.
    SpendingDecider.given().withFund(fund).withDonations(...donations).when(withdraw('accountant-2')).thenRejects('NOT_FOUND');
    SpendingDecider.given(requested, disbursementApproved(1), disbursementPaid(1)).withFund(fund).withDonations(...donations).when(withdraw(ACCOUNTANT))
      .thenRejects('INVALID_STATE', { status: 'paid' });
  });

  it('refuses to reject what is paid or already rejected (INVALID_STATE), or unknown (NOT_FOUND)', () => {
    const requested = disbursementRequested({ sequence: 1 });
    SpendingDecider.given(requested, disbursementApproved(1), disbursementPaid(1)).withFund(fund).withDonations(...donations).when(rejectDisbursement(DB1)).thenRejects('INVALID_STATE', { status: 'paid' });
    SpendingDecider.given(requested, disbursementRejected(1)).withFund(fund).withDonations(...donations).when(rejectDisbursement(DB1)).thenRejects('INVALID_STATE', { status: 'rejected' });
    SpendingDecider.given().withFund(fund).withDonations(...donations).when(rejectDisbursement(DB1)).thenRejects('NOT_FOUND');
  });
});

describe('Disbursements: paying (R11: humanitarian aid needs the commune certification)', () => {
  const donations = [donationRecorded({ sequence: 1, amountVnd: '500000000' })];

  it('pays an approved disbursement', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1 }), disbursementApproved(1))
      .withFund(fund)
      .withDonations(...donations)
      .when(pay(DB1, { userId: APPROVER_B }))
      .then({
        type: 'DisbursementPaid',
        data: { fundId: FUND_ID, disbursementId: DB1, paidAt: '2024-05-13T10:00:00+07:00', reference: 'UNC-0001', certificationRef: null, paidBy: APPROVER_B },
      });
  });

  it('refuses to pay before the disbursement is fully approved (INVALID_STATE)', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1 })).withFund(fund).withDonations(...donations).when(pay(DB1)).thenRejects('INVALID_STATE', { status: 'requested' });
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '200000000', approvalsRequired: 2 }), disbursementApproved(1, APPROVER_A, { approvalsCount: 1, fullyApproved: false }))
      .withFund(fund)
      .withDonations(...donations)
      .when(pay(DB1))
      .thenRejects('INVALID_STATE', { status: 'requested' });
  });

  it('refuses to pay twice, or to pay what was rejected (INVALID_STATE), or what does not exist (NOT_FOUND)', () => {
    const requested = disbursementRequested({ sequence: 1 });
    SpendingDecider.given(requested, disbursementApproved(1), disbursementPaid(1)).withFund(fund).withDonations(...donations).when(pay(DB1)).thenRejects('INVALID_STATE', { status: 'paid' });
    SpendingDecider.given(requested, disbursementApproved(1), disbursementRejected(1)).withFund(fund).withDonations(...donations).when(pay(DB1)).thenRejects('INVALID_STATE', { status: 'rejected' });
    SpendingDecider.given().withFund(fund).withDonations(...donations).when(pay(DB1)).thenRejects('NOT_FOUND');
  });

  it('refuses to pay humanitarian aid without the certification (CERTIFICATION_REQUIRED)', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'humanitarian' }), disbursementApproved(1))
      .withFund(fund)
      .withDonations(...donations)
      .when(pay(DB1))
      .thenRejects('CERTIFICATION_REQUIRED');
  });

  it('pays humanitarian aid certified on the request', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'humanitarian', certificationRef: 'UBND-xa-Tan-Phu-12/QD' }), disbursementApproved(1))
      .withFund(fund)
      .withDonations(...donations)
      .when(pay(DB1))
      .thenMatches({ data: { certificationRef: 'UBND-xa-Tan-Phu-12/QD' } });
  });

  it('pays humanitarian aid certified on the payment', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'humanitarian' }), disbursementApproved(1))
      .withFund(fund)
      .withDonations(...donations)
      .when(pay(DB1, { certificationRef: 'UBND-xa-Tan-Phu-12/QD' }))
      .thenMatches({ data: { certificationRef: 'UBND-xa-Tan-Phu-12/QD' } });
  });

  it.each(['relief', 'transfer', 'management_cost'] as const)('pays %s without a certification', (kind) => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind }), disbursementApproved(1)).withFund(fund).withDonations(...donations).when(pay(DB1)).thenMatches({ type: 'DisbursementPaid' });
  });

  it('precedence: paying uncertified humanitarian aid that is not approved is INVALID_STATE', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, kind: 'humanitarian' })).withFund(fund).withDonations(...donations).when(pay(DB1)).thenRejects('INVALID_STATE');
  });
});

describe('Spending: rejection precedence of RequestDisbursement (spending.rejections.ts)', () => {
  const forSchool = donationRecorded({ sequence: 1, amountVnd: '500000', restriction: { purpose: 'Học bổng', beneficiary: null } });

  it('UNKNOWN_COMPONENT comes before NOT_FOUND (campaign, restriction)', () => {
    SpendingDecider.given().withFund(fund).withDonations(forSchool).when(requestDisbursement({ component: 'khong-co', campaignId: 'khong-co' })).thenRejects('UNKNOWN_COMPONENT');
    SpendingDecider.given().withFund(fund).withDonations(forSchool).when(requestDisbursement({ component: 'khong-co', restrictionId: 'khong-co' })).thenRejects('UNKNOWN_COMPONENT');
  });

  it('RESTRICTION_MISMATCH comes before MANAGEMENT_COST_CAP_EXCEEDED and INSUFFICIENT_FUNDS', () => {
    SpendingDecider.given()
      .withFund(fund)
      .withDonations(forSchool)
      .when(requestDisbursement({ kind: 'management_cost', restrictionId: forSchool.data.donationId, amount: '900000000' }))
      .thenRejects('RESTRICTION_MISMATCH');
  });

  it('VALIDATION_FAILED comes before everything the fund is asked', () => {
    SpendingDecider.given().withFund(fund).withDonations(forSchool).when(requestDisbursement({ amount: '1e6', component: 'khong-co' })).thenRejects('VALIDATION_FAILED');
  });

  it('VALIDATION_FAILED comes before NOT_FOUND (fund)', () => {
    SpendingDecider.given().when(requestDisbursement({ amount: '1.5' })).thenRejects('VALIDATION_FAILED');
  });
});
