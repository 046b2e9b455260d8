/**
 * Approval tiers at their lowest boundary (api.md "Fund, policy, campaign"): the tier above "0"
 * is the fund's rule for every disbursement, a distribution of in-kind items alone (amount 0)
 * included: the goods handed out need as many approvers as any request.
 */
import { approversRequired, completePolicy } from '../../src/domain/fund/fund.policy';
import { MoneyDecimal } from '../../src/domain/money';
import { donationRecorded, fundOpened, requestDisbursement } from './builders';
import { SpendingDecider } from './given-when-then';

const twoForEverything = { approvals: [{ above: '0', approvers: 2 }, { above: '100000000', approvers: 3 }] };
const fund = fundOpened({ policy: twoForEverything });
const rice = donationRecorded({ sequence: 1, channel: 'in_kind', amountVnd: '50000000' }); // 2000 kg of Gạo tẻ
const HOA = { name: 'Lê Thị Hoa', commune: 'Xã Tân Phú', matchKey: 'le thi hoa|xa tan phu|ap 5' };

describe('Approval tiers at the lowest boundary', () => {
  it('a distribution of items alone needs the approvers of the tier above 0', () => {
    SpendingDecider.given().withFund(fund).withDonations(rice)
      .when(requestDisbursement({
        amount: '0', needCategory: 'food-water-medicine', aidFacts: { beneficiaries: { 'BF-000001': HOA }, elsewhere: [] },
        distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] }],
      }))
      .thenMatches({ type: 'DisbursementRequested', data: { amount: '0', approvalsRequired: 2 } });
  });

  it('counts 1 dong and the tier boundaries themselves as before', () => {
    const policy = completePolicy(twoForEverything);
    expect(approversRequired(policy, new MoneyDecimal(1))).toBe(2);
    expect(approversRequired(policy, new MoneyDecimal('100000000'))).toBe(2);
    expect(approversRequired(policy, new MoneyDecimal('100000001'))).toBe(3);
  });

  it('a policy without a tier above 0 asks one approver below its lowest tier', () => {
    const policy = completePolicy({ approvals: [{ above: '1000000', approvers: 2 }] });
    expect(approversRequired(policy, new MoneyDecimal(0))).toBe(1);
    expect(approversRequired(policy, new MoneyDecimal('1000000'))).toBe(1);
    expect(approversRequired(policy, new MoneyDecimal('1000001'))).toBe(2);
  });
});
