/**
 * Table projections are pure: events in, row changes out. No store, no SQLite.
 */
import type { ProjectedEvent } from '../../projections/projection';
import { DisbursementRegisterProjection } from '../../projections/disbursement-register.projection';
import { DonationRegisterProjection, namePairs, publishedDonorName } from '../../projections/donation-register.projection';
import { EmergencyRegisterProjection } from '../../projections/emergency-register.projection';
import { FundRegisterProjection } from '../../projections/fund-register.projection';
import { foldName, nameTokens, type RowChange } from '../../projections/table-projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import {
  campaignClosed, campaignCreated, disbursementApproved, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded,
  donationReversed, emergencyReleased, emergencyReleaseSettled, FLOOD, fundOpened, NOW, paymentReversed, plusDays, policyChanged,
} from '../domain/builders';

let position = 0;
const at = (event: LedgerEvent): ProjectedEvent => ({ position: ++position, streamId: 's', revision: 0, recordedAt: NOW, actorUserId: 'u', event });
const byTable = (changes: RowChange[], table: string) => changes.filter((c) => c.table === table);

describe('name folding', () => {
  it('folds diacritics, đ and case so a name is found with or without marks', () => {
    expect(foldName('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldName('  TRẦN   thị  Ánh ')).toBe('tran thi anh');
    expect(nameTokens('Công ty TNHH Đông Á, Đông Á')).toEqual(['cong', 'ty', 'tnhh', 'dong', 'a']);
  });
});

describe('donation register', () => {
  it('a VND donation becomes one row with its folded names and the public tokens of the published name', () => {
    const changes = DonationRegisterProjection.apply(at(donationRecorded({ sequence: 7, amountVnd: '1500000', reference: 'FT24133XYZ' })));
    const [row] = byTable(changes, 'register_donations');
    expect(row).toMatchObject({ op: 'upsert', key: { fund_id: 'ctd-hcm', donation_id: 'DN-2024-000007' } });
    expect(row.values).toMatchObject({
      amount_vnd: 1500000n, amount: '1500000', currency: 'VND', donor_name: 'Nguyễn Văn An', donor_name_folded: 'nguyen van an',
      published_name: 'Nguyễn V. A.', published_name_folded: 'nguyen v a', reference_normalized: 'FT24133XYZ', reversed: 0, cash: 1,
      received_at_ms: Date.parse('2024-05-10T14:00:00+07:00'),
    });
    expect(byTable(changes, 'register_donation_name_tokens').map((c) => c.key.token)).toEqual(['nguyen', 'v', 'a']);
    // Every pair of the published words, the smaller first, keyed in the search's order: fund, pair, date, position, donation.
    const pairs = byTable(changes, 'register_donation_name_pairs');
    expect(pairs.map((c) => [c.key.token, c.key.other])).toEqual([['nguyen', 'v'], ['a', 'nguyen'], ['a', 'v']]);
    expect(pairs[0]).toEqual({
      table: 'register_donation_name_pairs', op: 'upsert',
      key: { fund_id: 'ctd-hcm', token: 'nguyen', other: 'v', received_at_ms: row.values.received_at_ms, position: row.values.position, donation_id: 'DN-2024-000007' },
      values: {},
    });
    // A word is its key: the tables' keys are the search order, and no column lies outside them.
    expect(byTable(changes, 'register_donation_name_tokens')[0]).toEqual({
      table: 'register_donation_name_tokens', op: 'upsert',
      key: { fund_id: 'ctd-hcm', token: 'nguyen', received_at_ms: row.values.received_at_ms, position: row.values.position, donation_id: 'DN-2024-000007' },
      values: {},
    });
    for (const table of DonationRegisterProjection.tables.filter((t) => t.name !== 'register_donations')) {
      expect(table.indexes).toEqual([]);
      expect(Object.keys(table.columns).sort()).toEqual([...table.primaryKey].sort());
    }
  });

  it('a name of more than four words indexes each word once with no partner, so a donation costs at most 6 pair rows', () => {
    expect(namePairs(['nguyen'])).toEqual([]);
    expect(namePairs(['tran', 'thi', 'ngoc', 'bich'])).toEqual([['thi', 'tran'], ['ngoc', 'tran'], ['bich', 'tran'], ['ngoc', 'thi'], ['bich', 'thi'], ['bich', 'ngoc']]);
    expect(namePairs(['cong', 'ty', 'tnhh', 'dong', 'a'])).toEqual([['cong', ''], ['ty', ''], ['tnhh', ''], ['dong', ''], ['a', '']]);
    const company = { name: 'Công ty TNHH Đông Á', kind: 'organization' as const, publicName: null, taxCode: null, address: null, contact: null };
    const changes = DonationRegisterProjection.apply(at(donationRecorded({ sequence: 11, donor: company })));
    expect(byTable(changes, 'register_donation_name_pairs').map((c) => c.key.other)).toEqual(['', '', '', '', '']);
  });

  it('the register\'s donor index holds the words of the donor\'s own name that the published name lacks', () => {
    const changes = DonationRegisterProjection.apply(at(donationRecorded({ sequence: 12 })));
    expect(byTable(changes, 'register_donation_donor_tokens').map((c) => c.key.token)).toEqual(['van', 'an']);
    expect(byTable(changes, 'register_donation_donor_tokens')[0]).toMatchObject({ op: 'upsert', key: { fund_id: 'ctd-hcm', donation_id: 'DN-2024-000012', token: 'van' } });
    const company = { name: 'Công ty TNHH Đông Á', kind: 'organization' as const, publicName: null, taxCode: null, address: null, contact: null };
    expect(byTable(DonationRegisterProjection.apply(at(donationRecorded({ sequence: 13, donor: company }))), 'register_donation_donor_tokens')).toEqual([]);
  });

  it('an FX donation keeps the original currency and amount and books the VND amount', () => {
    const [row] = DonationRegisterProjection.apply(at(donationRecorded({ sequence: 8, currency: 'USD', amount: '100.50', fxRate: '25450', amountVnd: '2557725' })));
    expect(row.values).toMatchObject({ currency: 'USD', amount: '100.50', fx_rate: '25450', amount_vnd: 2557725n });
  });

  it('an anonymous donor is published as "Ẩn danh" and gets no public name tokens', () => {
    const event = donationRecorded({ sequence: 9, donor: { name: 'Lê Bí Mật', kind: 'anonymous', publicName: null, taxCode: null, address: null, contact: '0909' } });
    const changes = DonationRegisterProjection.apply(at(event));
    // No public tokens and no pairs; only the authenticated register's donor index knows the name.
    expect(changes.map((c) => c.table)).toEqual(['register_donations', 'register_donation_donor_tokens', 'register_donation_donor_tokens', 'register_donation_donor_tokens']);
    expect(byTable(changes, 'register_donation_donor_tokens').map((c) => c.key.token)).toEqual(['le', 'bi', 'mat']);
    expect(changes[0].values).toMatchObject({ published_name: 'Ẩn danh', published_name_folded: null });
    expect(publishedDonorName({ name: 'Công ty A', kind: 'organization', publicName: null, taxCode: '0101', address: null, contact: null })).toBe('Công ty A');
  });

  it('a reversal marks the donation reversed, pointing at the reversal', () => {
    const recorded = donationRecorded({ sequence: 10 });
    const changes = DonationRegisterProjection.apply(at(donationReversed(recorded, 3)));
    expect(changes).toEqual([{
      table: 'register_donations', op: 'update', key: { fund_id: 'ctd-hcm', donation_id: 'DN-2024-000010' },
      values: expect.objectContaining({ reversed: 1, reversal_id: 'RV-000003' }) as unknown,
    }]);
  });

  it('ignores events that are not about donations', () => {
    expect(DonationRegisterProjection.apply(at(fundOpened()))).toEqual([]);
    expect(DonationRegisterProjection.apply(at(disbursementRequested()))).toEqual([]);
  });
});

describe('disbursement register', () => {
  it('follows a disbursement from request to approval, payment and payment reversal', () => {
    const requested = disbursementRequested({ sequence: 1, amount: '2000000' });
    const [row] = DisbursementRegisterProjection.apply(at(requested));
    expect(row).toMatchObject({ op: 'upsert', key: { fund_id: 'ctd-hcm', disbursement_id: 'DB-000001' }, values: { amount: 2000000n, status: 'requested', approvals_count: 0 } });
    const [approved] = DisbursementRegisterProjection.apply(at(disbursementApproved(1)));
    expect(approved).toMatchObject({ op: 'update', values: { status: 'approved', approvals_count: 1 } });
    const [paid] = DisbursementRegisterProjection.apply(at(disbursementPaid(1, 'XN-01')));
    expect(paid.values).toMatchObject({ status: 'paid', certification_ref: 'XN-01' });
    const [reversed] = DisbursementRegisterProjection.apply(at(paymentReversed(requested, 2)));
    expect(reversed.values).toMatchObject({ status: 'reversed', reversal_id: 'RV-000002' });
  });

  it('a rejection records the reason', () => {
    const [rejected] = DisbursementRegisterProjection.apply(at(disbursementRejected(1)));
    expect(rejected.values).toMatchObject({ status: 'rejected', rejection_reason: 'Hồ sơ chưa đủ' });
  });
});

describe('emergency register', () => {
  it('a release is open until settled; settlement records spent and returned', () => {
    const [released] = EmergencyRegisterProjection.apply(at(emergencyReleased({ sequence: 2 })));
    expect(released).toMatchObject({ op: 'upsert', key: { fund_id: 'ctd-hcm', release_id: 'ER-000002' }, values: { status: 'open', amount: 10000000n, settle_by_ms: Date.parse(plusDays(NOW, 30)) } });
    const [settled] = EmergencyRegisterProjection.apply(at(emergencyReleaseSettled(2, '8000000', '2000000')));
    expect(settled).toMatchObject({ op: 'update', key: { fund_id: 'ctd-hcm', release_id: 'ER-000002' }, values: { status: 'settled', spent: 8000000n, returned: 2000000n } });
  });
});

describe('R1 campaign pool in the registers', () => {
  it('a disbursement or release named only by the campaign\'s pool is registered for that campaign', () => {
    const pool = { campaignId: null, restrictionId: 'campaign:bao-yagi' };
    const [requested] = DisbursementRegisterProjection.apply(at(disbursementRequested({ sequence: 9, ...pool })));
    expect(requested.values).toMatchObject({ campaign_id: 'bao-yagi', restriction_id: 'campaign:bao-yagi' });
    const [released] = EmergencyRegisterProjection.apply(at(emergencyReleased({ sequence: 9, ...pool })));
    expect(released.values).toMatchObject({ campaign_id: 'bao-yagi', restriction_id: 'campaign:bao-yagi' });
    const [own] = DisbursementRegisterProjection.apply(at(disbursementRequested({ sequence: 10, campaignId: null, restrictionId: 'DN-2024-000001' })));
    expect(own.values.campaign_id).toBeNull();
  });
});

describe('R8 transitions at a position: each transition records its log position and business date', () => {
  it('approval, rejection, payment, reversal and settlement carry the position they were written at', () => {
    const requested = disbursementRequested({ sequence: 1 });
    DisbursementRegisterProjection.apply(at(requested));
    const [approved] = DisbursementRegisterProjection.apply(at(disbursementApproved(1)));
    expect(approved.values).toMatchObject({ approved_position: position, approved_at_ms: Date.parse(NOW) });
    const [paid] = DisbursementRegisterProjection.apply(at(disbursementPaid(1)));
    expect(paid.values).toMatchObject({ paid_position: position, paid_at_ms: Date.parse(NOW) });
    const [reversed] = DisbursementRegisterProjection.apply(at(paymentReversed(requested, 2)));
    expect(reversed.values).toMatchObject({ reversed_position: position });
    const [rejected] = DisbursementRegisterProjection.apply(at(disbursementRejected(3)));
    expect(rejected.values).toMatchObject({ rejected_position: position, rejected_at_ms: Date.parse(NOW) });
    const [settled] = EmergencyRegisterProjection.apply(at(emergencyReleaseSettled(2, '8000000', '2000000')));
    expect(settled.values).toMatchObject({ last_settlement_position: position, last_settlement_spent: 8000000n });
    const gift = donationRecorded({ sequence: 4 });
    const [undone] = DonationRegisterProjection.apply(at(donationReversed(gift, 5)));
    expect(undone.values).toMatchObject({ reversed_position: position });
    const [campaign] = FundRegisterProjection.apply(at(campaignCreated({ campaignId: 'bao-yagi' })));
    expect(campaign.values).toMatchObject({ position });
  });
});

describe('fund register', () => {
  it('keeps funds with their policy and campaigns with their windows', () => {
    expect(FundRegisterProjection.apply(at(fundOpened()))[0]).toMatchObject({ table: 'register_funds', key: { fund_id: 'ctd-hcm' } });
    expect(FundRegisterProjection.apply(at(policyChanged({ managementCostCapPercent: '7' })))[0].values.policy_json).toContain('"7"');
    expect(FundRegisterProjection.apply(at(campaignCreated()))[0]).toMatchObject({ table: 'register_campaigns', op: 'upsert' });
    expect(FundRegisterProjection.apply(at(campaignClosed(FLOOD.campaignId, NOW)))[0]).toMatchObject({ op: 'update', values: { closed_at: NOW } });
  });
});
