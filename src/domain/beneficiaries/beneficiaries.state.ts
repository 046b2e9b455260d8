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
 * The words a hamlet's name may start with, folded: thôn, xóm, ấp, bản, buôn, làng, sóc, plei,
 * khóm in the countryside; tổ dân phố, khu phố, tổ, khu, khối in towns; đội of the old
 * cooperatives. A number may follow the word at once ("Thôn3").
 */
const HAMLET_UNIT = /^(thon|xom|ap|ban|buon|lang|soc|plei|khom|to dan pho|tdp|khu pho|kp|to|khu|khoi|doi)(?: |(?=\d))(?=\S)/;
/** A unit as lists shorten it: "TDP 3" and "Tổ 3" are the tổ dân phố 3, "KP 2" the khu phố 2. */
const HAMLET_UNIT_OF: Readonly<Record<string, string>> = { tdp: 'to dan pho', to: 'to dan pho', kp: 'khu pho' };
/** A hamlet numbered in Roman numerals, as many are ("Xóm II"): the number it writes. */
const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_ONES: Readonly<Record<string, number>> = { '': 0, i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9 };

/**
 * A hamlet's folded name with a Roman number written in figures ("ii" is "2") when the text wrote
 * it in capitals ("Xóm II"; "Bản Vi" is a name), any other name as it is.
 */
function romanAsFigures(name: string, written: string): string {
  if (name === '' || !/(^|\s)[IVX]+\s*$/.test(written)) return name;
  const roman = ROMAN.exec(name);
  return roman === null ? name : String(roman[1].length * 10 + (ROMAN_ONES[roman[2]] ?? 0));
}

/**
 * A hamlet for matching, `unit|name`: the word for its kind of unit and its name, folded as every
 * name is (no case, diacritics or punctuation: "Thôn 3", "thon 3" and "Thon 3" written with a
 * no-break space are one), the unit empty when the text names none, and numbers without leading
 * zeros ("Thôn 03" is "Thôn 3") or Roman ones ("Xóm II" is "Xóm 2"); a town's "Tổ 3" and "TDP 3"
 * are its "Tổ dân phố 3", "KP 2" its "Khu phố 2". Folded first, as hamlets were compared before their units were:
 * "Bàn Thạch" and "Ban Thach" stay one hamlet. Compared by sameHamlet.
 */
export function hamletMatchPart(village: string): string {
  const folded = foldText(village);
  const unit = HAMLET_UNIT.exec(folded);
  const name = romanAsFigures(unit === null ? folded : folded.slice(unit[0].length), village);
  return `${unit === null ? '' : HAMLET_UNIT_OF[unit[1]] ?? unit[1]}|${name.replace(/(^|\D)0+(?=\d)/g, '$1')}`;
}

/**
 * Whether two hamlets (hamletMatchPart, null when a line names none) may be one: either is not
 * named, or their names are the same and so are their units where both name one. "Thôn 3" and
 * "3" are one hamlet; "Thôn 3" and "Tổ 3", or "Thôn 3" and "Thôn 4", are two.
 */
export function sameHamlet(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  const [unitA, nameA] = splitHamlet(a);
  const [unitB, nameB] = splitHamlet(b);
  return nameA === nameB && (unitA === '' || unitB === '');
}

/**
 * Whether a line naming hamlet `named` says more of an entry whose hamlet is `known`: it names
 * the unit ("Thôn 5"), the entry none ("5", or no hamlet at all). For a list's later lines the
 * entry is then that hamlet, so a "Tổ 5" after it is another household.
 */
export function namesItsUnit(named: string | null, known: string | null): named is string {
  return named !== null && !named.startsWith('|') && (known === null || known.startsWith('|'));
}

function splitHamlet(part: string): [string, string] {
  const bar = part.indexOf('|');
  return bar < 0 ? ['', part] : [part.slice(0, bar), part.slice(bar + 1)];
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
