/**
 * The write side's index of the registry (beneficiaries.index.ts) against the registry the read side
 * folds: whatever commands are decided, the index rebuilt from the log holds exactly the keys and
 * entries of the whole fold.
 */
import fc from 'fast-check';
import type { BeneficiaryCommand } from '../../src/domain/beneficiaries/beneficiaries.commands';
import { decideBeneficiaries } from '../../src/domain/beneficiaries/beneficiaries.decide';
import type { BeneficiaryEvent } from '../../src/domain/beneficiaries/beneficiaries.events';
import { evolveBeneficiaryIndex, foldedVillage, initialBeneficiaryIndex, namesakes, type BeneficiaryIndex } from '../../src/domain/beneficiaries/beneficiaries.index';
import type { BeneficiaryRegistryState } from '../../src/domain/beneficiaries/beneficiaries.state';
import { ACCOUNTANT, fundOpened, NOW } from './builders';
import { beneficiaryIndexOf, beneficiaryStateOf, fundStateOf } from './given-when-then';

const fund = fundStateOf(fundOpened());
const NAMES = ['Nguyễn Văn An', 'NGUYEN VAN AN', 'Lê Thị Hoa', 'le thi hoa (chủ hộ)', 'Đặng Minh', 'Trần  Quốc'];
const ADDRESSES = [null, 'Ấp 3', 'ap 3', 'Số 12, ấp 5', 'so 12 ap 5'];
const COMMUNES = ['Xã Tân Phú', 'xa tan phu', 'Xã Mỹ Hòa'];
const HASHES = [null, 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];

const person = fc.record({
  name: fc.constantFrom(...NAMES),
  address: fc.constantFrom(...ADDRESSES),
  hash: fc.constantFrom(...HASHES),
});

const command: fc.Arbitrary<BeneficiaryCommand> = fc.oneof(
  fc.record({ who: person, commune: fc.constantFrom(...COMMUNES), chosenId: fc.constantFrom(null, 'ho-1', 'BF-000002') }).map(({ who, commune, chosenId }) => ({
    type: 'RegisterBeneficiary' as const, beneficiaryId: chosenId, kind: 'household', name: who.name, commune, address: who.address, village: null,
    idHash: who.hash, idLast4: who.hash === null ? null : '1234', categories: ['poor'], actor: { userId: ACCOUNTANT }, now: NOW,
  })),
  fc.record({ lines: fc.array(person, { maxLength: 8 }), commune: fc.constantFrom(...COMMUNES) }).map(({ lines, commune }) => ({
    type: 'ImportBeneficiaryList' as const, commune, listKind: 'poor', certificationRef: '12/QĐ-UBND', unreadable: [],
    rows: lines.map((who, index) => ({
      line: index + 2, kind: 'household', name: who.name, address: who.address, village: null, idHash: who.hash,
      idLast4: who.hash === null ? null : '1234', categories: [],
    })),
    actor: { userId: ACCOUNTANT }, now: NOW,
  })),
);

/** The index as the whole fold implies it: each entry's keys, and every namesake list as a list. */
function keysOfRegistry(registry: BeneficiaryRegistryState) {
  return {
    beneficiaries: new Map([...registry.beneficiaries].map(([id, entry]) => [id, { idHash: entry.idHash, name: entry.name, commune: entry.commune, matchKey: entry.matchKey, village: foldedVillage(entry.village) }])),
    byIdHash: registry.byIdHash,
    byNameKey: new Map([...registry.byNameKey].map(([key, ids]) => [key, ids])),
    listCount: registry.lists.size,
  };
}

function keysOfIndex(index: BeneficiaryIndex) {
  return {
    beneficiaries: new Map([...index.beneficiaries].map(([id, entry]) => [id, { ...entry }])),
    byIdHash: index.byIdHash,
    byNameKey: new Map([...index.byNameKey.keys()].map((key) => [key, [...namesakes(index.byNameKey, key)]])),
    listCount: index.listCount,
  };
}

describe('The write side\'s registry index (issue 17: keyed look-ups instead of the whole registry)', () => {
  it('decided command after command, equals the index rebuilt from the log and the keys of the whole registry the read side folds', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
      const log: BeneficiaryEvent[] = [];
      let live = initialBeneficiaryIndex();
      for (const next of commands) {
        const decision = decideBeneficiaries(next, live, fund);
        if (!decision.ok) continue;
        for (const event of decision.events) {
          log.push(event);
          live = evolveBeneficiaryIndex(live, event);
        }
      }
      const rebuilt = beneficiaryIndexOf(...log);
      expect(keysOfIndex(rebuilt)).toEqual(keysOfIndex(live));
      expect(keysOfIndex(rebuilt)).toEqual(keysOfRegistry(beneficiaryStateOf(...log)));
    }), { numRuns: 300, seed: 17 });
  });

  it('keeps one beneficiary under a match key as the id alone, and several in registration order', () => {
    const index = initialBeneficiaryIndex();
    expect(namesakes(index.byNameKey, 'nguyen van an|tan phu|')).toEqual([]);
    const register = (beneficiaryId: string): BeneficiaryEvent => ({
      type: 'BeneficiaryRegistered',
      data: {
        fundId: 'f', beneficiaryId, kind: 'household', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', address: null, village: null,
        idHash: null, idLast4: null, categories: ['poor'], listId: null, registeredBy: ACCOUNTANT, registeredAt: NOW,
      },
    });
    evolveBeneficiaryIndex(index, register('BF-000001'));
    expect(index.byNameKey.get('nguyen van an|tan phu|')).toBe('BF-000001');
    evolveBeneficiaryIndex(index, register('BF-000002'));
    evolveBeneficiaryIndex(index, register('BF-000003'));
    expect(namesakes(index.byNameKey, 'nguyen van an|tan phu|')).toEqual(['BF-000001', 'BF-000002', 'BF-000003']);
  });
});
