/**
 * The duplicate-aid indexes (aid-records.ts) against the plain fold they replace: one record a line
 * by beneficiary, one record a line by the match key the line carried, in the order the lines came.
 * Households share keys (namesakes at one address) and a household's lines may carry more than one
 * key (a line written before its key was folded differently), so the compact form must spell out
 * exactly the lines each key carried.
 */
import fc from 'fast-check';
import { aidUnderMatchKey, recordAid, type AidByBeneficiary, type AidByMatchKey, type AidRecord, type MatchedAid } from '../../src/domain/spending/aid-records';
import type { DistributionLine } from '../../src/domain/spending/spending.events';

const BENEFICIARIES = ['BF-1', 'BF-2', 'BF-3', 'BF-4'];
const KEYS = ['an|tan phu|ap 3', 'hoa|tan phu|ap 3', 'an|my hoa|'];

const line = fc.record({ beneficiaryId: fc.constantFrom(...BENEFICIARIES), matchKey: fc.constantFrom(...KEYS) }).map(
  ({ beneficiaryId, matchKey }): DistributionLine => ({ beneficiaryId, matchKey, name: beneficiaryId, commune: 'Xã Tân Phú', amount: '1', items: null }),
);
const requests = fc.array(fc.record({ need: fc.constantFrom('tet-gift', 'housing-repair'), lines: fc.array(line, { maxLength: 6 }) }), { maxLength: 12 });

describe('the duplicate-aid indexes', () => {
  it('find by beneficiary and by match key exactly the lines a plain fold records, in order', () => {
    fc.assert(fc.property(requests, (folded) => {
      const byBeneficiary: AidByBeneficiary = new Map();
      const byMatchKey: AidByMatchKey = new Map();
      const distributions = new Map<string, DistributionLine[]>();
      const plainByBeneficiary = new Map<string, AidRecord[]>();
      const plainByKey = new Map<string, MatchedAid[]>();
      folded.forEach(({ need, lines }, index) => {
        const record = { disbursementId: `DB-${index + 1}`, need, requestedAt: `2026-01-${String(index + 1).padStart(2, '0')}` };
        distributions.set(record.disbursementId, lines);
        recordAid(byBeneficiary, byMatchKey, record, lines, (id) => distributions.get(id));
        for (const { beneficiaryId, matchKey } of lines) {
          plainByBeneficiary.set(beneficiaryId, [...(plainByBeneficiary.get(beneficiaryId) ?? []), { ...record }]);
          plainByKey.set(matchKey, [...(plainByKey.get(matchKey) ?? []), { ...record, beneficiaryId }]);
        }
      });
      for (const beneficiaryId of BENEFICIARIES) {
        expect((byBeneficiary.get(beneficiaryId) ?? []).map((record) => ({ ...record }))).toEqual(plainByBeneficiary.get(beneficiaryId) ?? []);
      }
      for (const key of KEYS) {
        expect(aidUnderMatchKey(byBeneficiary, byMatchKey, key).map((aid) => ({ ...aid }))).toEqual(plainByKey.get(key) ?? []);
      }
    }), { numRuns: 500 });
  });

  it('keep a household that received once at one key as its id alone, sharing the request\'s record', () => {
    const byBeneficiary: AidByBeneficiary = new Map();
    const byMatchKey: AidByMatchKey = new Map();
    const lines = BENEFICIARIES.slice(0, 2).map((beneficiaryId, index): DistributionLine => ({
      beneficiaryId, matchKey: KEYS[index], name: beneficiaryId, commune: 'Xã Tân Phú', amount: '1', items: null,
    }));
    const record = { disbursementId: 'DB-1', need: 'tet-gift', requestedAt: '2026-01-01' };
    recordAid(byBeneficiary, byMatchKey, record, lines, () => lines);
    expect(byMatchKey.get(KEYS[0])).toBe('BF-1');
    expect(byBeneficiary.get('BF-1')?.[0]).toBe(record);
    expect(byBeneficiary.get('BF-2')).toBe(byBeneficiary.get('BF-1'));
  });
});
