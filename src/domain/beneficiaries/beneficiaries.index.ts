import { assertNever } from '../shared/decision';
import type { BeneficiaryEvent } from './beneficiaries.events';
import { foldText, hamletMatchPart, matchKeyOf } from './beneficiaries.state';

/** What a decision needs of one registered beneficiary: how to find it again and how a distribution line names it. */
export interface IndexedBeneficiary {
  idHash: string | null;
  name: string;
  commune: string;
  /** matchKeyOf(name, commune, address): the key of `byNameKey`, and how other funds find the household. */
  matchKey: string;
  /** The hamlet (thôn, xóm, ấp) as matching compares it, or null: two namesakes of one commune in two hamlets are two households. */
  village: string | null;
}

/**
 * The write side's registry: what the deciders look up, by key, and nothing more. The read side
 * folds the whole registry (addresses, categories, lists) for the staff's screens; a decision on a
 * list of a million lines, or a distribution of 500, needs only these keys, so the fund's registry
 * stays in memory at a few small entries a beneficiary.
 */
export interface BeneficiaryIndex {
  beneficiaries: Map<string, IndexedBeneficiary>;
  byIdHash: Map<string, string>;
  /** matchKeyOf(name, commune, address) → the beneficiary registered under it, or all of them when several were. */
  byNameKey: Map<string, string | string[]>;
  /** Lists imported so far: the next list's number. */
  listCount: number;
}

export const initialBeneficiaryIndex = (): BeneficiaryIndex => ({ beneficiaries: new Map(), byIdHash: new Map(), byNameKey: new Map(), listCount: 0 });

const NONE: readonly string[] = [];

/** The beneficiaries registered under a match key, oldest first. */
export function namesakes(byNameKey: ReadonlyMap<string, string | readonly string[]>, key: string): readonly string[] {
  const found = byNameKey.get(key);
  return found === undefined ? NONE : typeof found === 'string' ? [found] : found;
}

/** Adds a beneficiary under its match key: one id stays a string, a second makes it a list. */
export function addNamesake(byNameKey: Map<string, string | string[]>, key: string, beneficiaryId: string): void {
  const found = byNameKey.get(key);
  if (found === undefined) byNameKey.set(key, beneficiaryId);
  else if (typeof found === 'string') byNameKey.set(key, [found, beneficiaryId]);
  else found.push(beneficiaryId);
}

/** The same commune text for every line of a list, however many events repeat it. */
const COMMUNES = new Map<string, string>();
const COMMUNES_LIMIT = 10_000;

function sharedCommune(commune: string): string {
  const known = COMMUNES.get(commune);
  if (known !== undefined) return known;
  if (COMMUNES.size >= COMMUNES_LIMIT) COMMUNES.clear();
  COMMUNES.set(commune, commune);
  return commune;
}

/** A hamlet as matching compares it (hamletMatchPart; sameHamlet), or null when none is named. */
export function foldedVillage(village: string | null): string | null {
  return foldText(village) === '' ? null : hamletMatchPart(village as string);
}

/** Folds one event into the index. Mutates and returns `index`: the fold owns it. */
export function evolveBeneficiaryIndex(index: BeneficiaryIndex, event: BeneficiaryEvent): BeneficiaryIndex {
  switch (event.type) {
    case 'BeneficiaryRegistered': {
      const d = event.data;
      const matchKey = matchKeyOf(d.name, d.commune, d.address);
      index.beneficiaries.set(d.beneficiaryId, { idHash: d.idHash, name: d.name, commune: sharedCommune(d.commune), matchKey, village: foldedVillage(d.village) });
      if (d.idHash !== null) index.byIdHash.set(d.idHash, d.beneficiaryId);
      addNamesake(index.byNameKey, matchKey, d.beneficiaryId);
      return index;
    }
    case 'BeneficiaryListImported':
      index.listCount += 1;
      return index;
    default:
      return assertNever(event, 'beneficiary event');
  }
}
