import { assertNever } from '../shared/decision';
import { foldText as foldSearchText } from '../shared/fold';
import type { BeneficiaryEvent, BeneficiaryListImported, BeneficiaryRegistered } from './beneficiaries.events';

/** A beneficiary as its registration recorded it, with the lists it is on. */
export interface BeneficiaryState extends Pick<
  BeneficiaryRegistered['data'],
  'beneficiaryId' | 'kind' | 'name' | 'commune' | 'address' | 'village' | 'idHash' | 'idLast4' | 'categories' | 'registeredAt'
> {
  /** Every list the beneficiary is on. */
  lists: string[];
  /** matchKeyOf(name, commune, address), kept so a distribution of 500 lines need not fold 500 names again. */
  matchKey: string;
}

/** A commune's list as its import recorded it, the lines it refused counted. */
export interface BeneficiaryListState extends Pick<
  BeneficiaryListImported['data'],
  'listId' | 'commune' | 'listKind' | 'certificationRef' | 'members' | 'added' | 'matched' | 'importedBy' | 'importedAt'
> {
  rejectedCount: number;
}

export interface BeneficiaryRegistryState {
  beneficiaries: Map<string, BeneficiaryState>;
  byIdHash: Map<string, string>;
  /** matchKeyOf(name, commune, address) → the beneficiaries registered under it. */
  byNameKey: Map<string, string[]>;
  lists: Map<string, BeneficiaryListState>;
}

export const initialBeneficiaryRegistryState = (): BeneficiaryRegistryState => ({
  beneficiaries: new Map(), byIdHash: new Map(), byNameKey: new Map(), lists: new Map(),
});

/** Text folded for comparison (foldText of domain/shared/fold.ts); an absent text folds as the empty one. */
export function foldText(text: string | null): string {
  return foldSearchText(text ?? '');
}

/**
 * Who a beneficiary is without an id number: the normalised name, commune and address. It also
 * matches the same household across the funds of this ledger, whose id hashes use other secrets.
 * The commune is compared without the word for its kind of unit (communeMatchPart): "Xã Tân Phú"
 * and "Tân Phú" are one commune, as a commune's list title and its name are.
 */
export function matchKeyOf(name: string, commune: string, address: string | null): string {
  return `${foldText(name)}|${communeMatchPart(commune)}|${foldText(address)}`;
}

/**
 * The words a commune-level unit's name may start with, as written (xã, phường, thị trấn, đặc khu)
 * and folded. The two words of "thị trấn" and "đặc khu" may be parted by any run of spaces, a
 * no-break space of text pasted from a document among them, as every other space of a name may.
 */
const COMMUNE_UNIT_WRITTEN = /^\s*(?:xã|phường|thị\s+trấn|đặc\s+khu)\s+(?=\S)/u;
const COMMUNE_UNIT_FOLDED = /^(?:xa|phuong|thi tran|dac khu) (?=\S)/;
const WITHOUT_DIACRITICS = /^[\x00-\x7f]*$/;

/**
 * A commune's name for matching: folded, without the word for its unit. The word is taken off as
 * written, before folding, so that a name beginning with a syllable folded alike stays whole
 * ("Phương Mai" is not "Phường Mai", "Xà Bang" not "Xã Bang"); a name written wholly without
 * diacritics ("Xa Tan Phu") loses the unit word as folded. "Phường 3" keeps its number; a name
 * that is only the unit word stays as it is.
 */
export function communeMatchPart(commune: string): string {
  const text = commune.normalize('NFC').toLowerCase();
  if (WITHOUT_DIACRITICS.test(text)) return foldText(text).replace(COMMUNE_UNIT_FOLDED, '');
  return foldText(text.replace(COMMUNE_UNIT_WRITTEN, ''));
}

/**
 * A distribution line's match key written before communes were compared without their unit word,
 * as matchKeyOf makes it now: the commune part made again from the line's own commune (the key's
 * three parts are folded texts, which never hold a `|`).
 */
export function currentMatchKey(storedKey: string, commune: string): string {
  const parts = storedKey.split('|');
  if (parts.length !== 3) return storedKey;
  return `${parts[0]}|${communeMatchPart(commune)}|${parts[2]}`;
}

/** Folds one event into the state. Mutates and returns `state`: the fold owns it. */
export function evolveBeneficiaries(state: BeneficiaryRegistryState, event: BeneficiaryEvent): BeneficiaryRegistryState {
  switch (event.type) {
    case 'BeneficiaryRegistered': {
      const d = event.data;
      const key = matchKeyOf(d.name, d.commune, d.address);
      state.beneficiaries.set(d.beneficiaryId, {
        beneficiaryId: d.beneficiaryId, kind: d.kind, name: d.name, commune: d.commune, address: d.address, village: d.village,
        idHash: d.idHash, idLast4: d.idLast4, categories: [...d.categories], lists: [], registeredAt: d.registeredAt, matchKey: key,
      });
      if (d.idHash !== null) state.byIdHash.set(d.idHash, d.beneficiaryId);
      // The fold owns the index's lists: grown in place, not copied, for each registration.
      const same = state.byNameKey.get(key);
      if (same) same.push(d.beneficiaryId);
      else state.byNameKey.set(key, [d.beneficiaryId]);
      return state;
    }
    case 'BeneficiaryListImported': {
      const d = event.data;
      state.lists.set(d.listId, {
        listId: d.listId, commune: d.commune, listKind: d.listKind, certificationRef: d.certificationRef, members: [...d.members],
        added: d.added, matched: d.matched, rejectedCount: d.rejected.length, importedBy: d.importedBy, importedAt: d.importedAt,
      });
      for (const member of d.members) state.beneficiaries.get(member)?.lists.push(d.listId);
      return state;
    }
    default:
      return assertNever(event, 'beneficiary event');
  }
}
