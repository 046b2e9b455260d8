import type { FundState } from '../fund/fund.state';
import { accept, assertNever, reject, type Decision } from '../shared/decision';
import { isBlank } from '../shared/names';
import { RejectionCode } from '../shared/rejection-codes';
import type { BeneficiaryCommand, BeneficiaryIdentity, ImportBeneficiaryList, RegisterBeneficiary } from './beneficiaries.commands';
import {
  BENEFICIARY_CATEGORIES, BENEFICIARY_KINDS, BENEFICIARY_LIST_KINDS, type BeneficiaryCategory, type BeneficiaryEvent, type BeneficiaryKind,
  type BeneficiaryListKind, type BeneficiaryRegistered, type RejectedListLine,
} from './beneficiaries.events';
import { addNamesake, foldedVillage, namesakes, type BeneficiaryIndex } from './beneficiaries.index';
import { matchKeyOf, namesItsUnit, sameHamlet } from './beneficiaries.state';

/**
 * RegisterBeneficiary:    VALIDATION_FAILED → NOT_FOUND (fund) → ALREADY_EXISTS (the id, then the same person)
 * ImportBeneficiaryList:  VALIDATION_FAILED → NOT_FOUND (fund); each line then on its own: VALIDATION_FAILED
 *   (the line is rejected, the others are taken), or matched to a beneficiary already registered;
 *   then VALIDATION_FAILED (reason empty-list) when no line was taken.
 */
export const BENEFICIARY_REJECTIONS = [RejectionCode.VALIDATION_FAILED, RejectionCode.NOT_FOUND, RejectionCode.ALREADY_EXISTS] as const;

export type BeneficiaryDecision = Decision<BeneficiaryEvent>;

const BENEFICIARY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_HASH = /^[0-9a-f]{64}$/;
const LAST4 = /^[0-9]{4}$/;

/** Rejected lines a refused list names in its details (`line N: reason`); the count says how many there were. */
const MAX_REJECTED_IN_DETAILS = 1000;

/** The category a commune's list gives its households when a line names none. */
export const CATEGORY_OF_LIST_KIND: Readonly<Record<BeneficiaryListKind, BeneficiaryCategory>> = {
  poor: 'poor', near_poor: 'near_poor', affected: 'disaster_affected', other: 'other',
};

export function decideBeneficiaries(command: BeneficiaryCommand, state: BeneficiaryIndex, fund: FundState): BeneficiaryDecision {
  switch (command.type) {
    case 'RegisterBeneficiary':
      return registerBeneficiary(command, state, fund);
    case 'ImportBeneficiaryList':
      return importList(command, state, fund);
    default:
      return assertNever(command, 'beneficiary command');
  }
}

function invalid(field: string, reason: string): BeneficiaryDecision {
  return reject(RejectionCode.VALIDATION_FAILED, `${field}: ${reason}`, { field });
}

interface Candidate extends BeneficiaryIdentity {
  name: string;
  commune: string;
  address: string | null;
  village: string | null;
}

/** How a registered beneficiary was found again, if it was. */
export interface Match {
  beneficiaryId: string;
  matchedBy: 'idNumber' | 'name';
}

/**
 * The beneficiary already registered as `candidate`: the same id number; else the same normalised
 * name, commune and address, unless both carry id numbers, or both name their hamlet (thôn, xóm,
 * ấp) and the hamlets differ, which then tell them apart.
 */
export function findMatch(
  candidate: Candidate, byIdHash: ReadonlyMap<string, string>, byNameKey: ReadonlyMap<string, string | readonly string[]>,
  idHashOf: (beneficiaryId: string) => string | null,
  nameKey: string = matchKeyOf(candidate.name, candidate.commune, candidate.address),
  villageOf: (beneficiaryId: string) => string | null = () => null,
): Match | undefined {
  if (candidate.idHash !== null) {
    const byId = byIdHash.get(candidate.idHash);
    if (byId !== undefined) return { beneficiaryId: byId, matchedBy: 'idNumber' };
  }
  const village = foldedVillage(candidate.village);
  for (const beneficiaryId of namesakes(byNameKey, nameKey)) {
    const theirs = villageOf(beneficiaryId);
    if (!sameHamlet(village, theirs)) continue;
    if (candidate.idHash === null || idHashOf(beneficiaryId) === null) return { beneficiaryId, matchedBy: 'name' };
  }
  return undefined;
}

function identityProblem(identity: BeneficiaryIdentity): { field: string; reason: string } | undefined {
  if (identity.idHash !== null && !ID_HASH.test(identity.idHash)) return { field: 'idNumber', reason: 'was not hashed' };
  if ((identity.idHash === null) !== (identity.idLast4 === null) || (identity.idLast4 !== null && !LAST4.test(identity.idLast4))) {
    return { field: 'idNumber', reason: 'its hash and last four digits go together' };
  }
  return undefined;
}

function categoriesProblem(categories: string[]): string | undefined {
  const wrong = categories.find((category) => !(BENEFICIARY_CATEGORIES as readonly string[]).includes(category));
  return wrong === undefined ? undefined : `${wrong} is not one of ${BENEFICIARY_CATEGORIES.join(', ')}`;
}

function registerFieldProblem(command: RegisterBeneficiary): BeneficiaryDecision | undefined {
  if (command.beneficiaryId !== null && !BENEFICIARY_ID.test(command.beneficiaryId)) {
    return invalid('beneficiaryId', 'must be 1 to 64 letters, digits, dots, dashes or underscores');
  }
  if (!(BENEFICIARY_KINDS as readonly string[]).includes(command.kind)) return invalid('kind', `must be one of ${BENEFICIARY_KINDS.join(', ')}`);
  if (isBlank(command.name)) return invalid('name', 'must not be blank');
  if (isBlank(command.commune)) return invalid('commune', 'must not be blank');
  const categories = categoriesProblem(command.categories);
  if (categories) return invalid('categories', categories);
  const identity = identityProblem(command);
  return identity ? invalid(identity.field, identity.reason) : undefined;
}

/** The next free `BF-000001`-style id: ids chosen by people may have taken some. */
function nextBeneficiaryId(taken: (id: string) => boolean, from: number): { id: string; sequence: number } {
  let sequence = from;
  while (taken(`BF-${String(sequence).padStart(6, '0')}`)) sequence += 1;
  return { id: `BF-${String(sequence).padStart(6, '0')}`, sequence };
}

function registerBeneficiary(command: RegisterBeneficiary, state: BeneficiaryIndex, fund: FundState): BeneficiaryDecision {
  const problem = registerFieldProblem(command);
  if (problem) return problem;
  if (fund.status !== 'open') return reject(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
  if (command.beneficiaryId !== null && state.beneficiaries.has(command.beneficiaryId)) {
    return reject(RejectionCode.ALREADY_EXISTS, `Beneficiary ${command.beneficiaryId} already exists`, { beneficiaryId: command.beneficiaryId }, {
      reason: 'beneficiary', params: { beneficiaryId: command.beneficiaryId },
    });
  }
  const match = findMatch(command, state.byIdHash, state.byNameKey, (id) => state.beneficiaries.get(id)?.idHash ?? null, undefined,
    (id) => state.beneficiaries.get(id)?.village ?? null);
  if (match) {
    return reject(RejectionCode.ALREADY_EXISTS, `This beneficiary is already registered as ${match.beneficiaryId}`, {
      beneficiaryId: match.beneficiaryId, matchedBy: match.matchedBy,
    }, { reason: 'same-beneficiary', params: { beneficiaryId: match.beneficiaryId } });
  }
  const beneficiaryId = command.beneficiaryId ?? nextBeneficiaryId((id) => state.beneficiaries.has(id), state.beneficiaries.size + 1).id;
  return accept({
    type: 'BeneficiaryRegistered',
    data: {
      fundId: fund.fundId, beneficiaryId, kind: command.kind as BeneficiaryKind, name: command.name.trim(), commune: command.commune.trim(),
      address: trimmedOrNull(command.address), village: trimmedOrNull(command.village), idHash: command.idHash, idLast4: command.idLast4,
      categories: [...new Set(command.categories)] as BeneficiaryCategory[], listId: null, registeredBy: command.actor.userId, registeredAt: command.now,
    },
  });
}

function trimmedOrNull(text: string | null): string | null {
  return text === null || isBlank(text) ? null : text.trim();
}

function listFieldProblem(command: ImportBeneficiaryList): BeneficiaryDecision | undefined {
  if (isBlank(command.commune)) return invalid('commune', 'must not be blank');
  if (!(BENEFICIARY_LIST_KINDS as readonly string[]).includes(command.listKind)) return invalid('listKind', `must be one of ${BENEFICIARY_LIST_KINDS.join(', ')}`);
  if (isBlank(command.certificationRef)) return invalid('certificationRef', 'must not be blank');
  return undefined;
}

/** Why a readable line cannot be taken, in words; undefined when it can. */
function rowProblem(row: ImportBeneficiaryList['rows'][number]): string | undefined {
  if (isBlank(row.name)) return 'name: must not be blank';
  if (!(BENEFICIARY_KINDS as readonly string[]).includes(row.kind)) return `kind: must be one of ${BENEFICIARY_KINDS.join(', ')}`;
  const categories = categoriesProblem(row.categories);
  if (categories) return `category: ${categories}`;
  const identity = identityProblem(row);
  return identity ? `${identity.field}: ${identity.reason}` : undefined;
}

/** A list of nobody is no list: its certification would stand for no household, and its coverage count none left out. */
function listOfNobody(rejected: readonly RejectedListLine[]): BeneficiaryDecision {
  return reject(RejectionCode.VALIDATION_FAILED, `(body): the list has no line that could be taken (${rejected.length} rejected)`, {
    rejected: rejected.slice(0, MAX_REJECTED_IN_DETAILS).map((line) => `line ${line.line}: ${line.message}`), rejectedCount: rejected.length,
  }, { reason: 'empty-list', params: { rejectedCount: rejected.length } });
}

/**
 * The registry as a list's lines find it: the entries registered before, and those the list
 * registers as it goes (by id hash and by match key), with their hamlets.
 */
function listRegistry(state: BeneficiaryIndex) {
  const addedIdHash = new Map<string, string>();
  const addedByIdHash = new Map<string, string>();
  const addedByNameKey = new Map<string, string | string[]>();
  const addedVillage = new Map<string, string | null>();
  const idHashOf = (id: string) => state.beneficiaries.get(id)?.idHash ?? addedIdHash.get(id) ?? null;
  /**
   * An entry whose hamlet names no unit, or none at all, that a line of this list found naming one
   * ("5" found as "Thôn 5"): for the list's later lines it is that hamlet, so that the household of
   * "Tổ 5" on another line is not taken for the same one.
   */
  const claimed = new Map<string, string>();
  const villageOf = (id: string) => claimed.get(id) ?? state.beneficiaries.get(id)?.village ?? addedVillage.get(id) ?? null;
  return {
    /** The entry a line names, registered before or by an earlier line; a unit the line names is that entry's from here on. */
    match(candidate: Candidate, key: string): Match | undefined {
      const match = findMatch(candidate, state.byIdHash, state.byNameKey, idHashOf, key, villageOf)
        ?? findMatch(candidate, addedByIdHash, addedByNameKey, idHashOf, key, villageOf);
      const named = foldedVillage(candidate.village);
      if (match && namesItsUnit(named, villageOf(match.beneficiaryId))) claimed.set(match.beneficiaryId, named);
      return match;
    },
    /** A line registered as `beneficiaryId`: later lines find it. */
    add(beneficiaryId: string, candidate: Candidate, key: string): void {
      if (candidate.idHash !== null) {
        addedByIdHash.set(candidate.idHash, beneficiaryId);
        addedIdHash.set(beneficiaryId, candidate.idHash);
      }
      addedVillage.set(beneficiaryId, foldedVillage(candidate.village));
      addNamesake(addedByNameKey, key, beneficiaryId);
    },
  };
}

/**
 * A commune's list: each line is matched to a beneficiary already registered (or to an earlier
 * line of the same file) or registers a new one; a line that cannot be read is rejected alone.
 */
function importList(command: ImportBeneficiaryList, state: BeneficiaryIndex, fund: FundState): BeneficiaryDecision {
  const problem = listFieldProblem(command);
  if (problem) return problem;
  if (fund.status !== 'open') return reject(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
  const listId = `DS-${String(state.listCount + 1).padStart(4, '0')}`;
  const commune = command.commune.trim();
  const listKind = command.listKind as BeneficiaryListKind;
  const rejected: RejectedListLine[] = [...command.unreadable];
  const added: BeneficiaryRegistered[] = [];
  const registry = listRegistry(state);
  const members: string[] = [];
  const onList = new Set<string>();
  let matched = 0;
  let sequence = state.beneficiaries.size + 1;
  for (const row of command.rows) {
    const rowIssue = rowProblem(row);
    if (rowIssue) rejected.push({ line: row.line, code: RejectionCode.VALIDATION_FAILED, message: rowIssue });
    if (rowIssue) continue;
    const candidate = { name: row.name.trim(), commune, address: trimmedOrNull(row.address), village: row.village, idHash: row.idHash, idLast4: row.idLast4 };
    // Folded once a line: both look-ups and the new entry's index use the same key.
    const key = matchKeyOf(candidate.name, commune, candidate.address);
    const match = registry.match(candidate, key);
    let beneficiaryId: string;
    if (match) {
      matched += 1;
      beneficiaryId = match.beneficiaryId;
    } else {
      const next = nextBeneficiaryId((id) => state.beneficiaries.has(id), sequence);
      sequence = next.sequence + 1;
      beneficiaryId = next.id;
      const categories = row.categories.length > 0 ? [...new Set(row.categories)] as BeneficiaryCategory[] : [CATEGORY_OF_LIST_KIND[listKind]];
      added.push({
        type: 'BeneficiaryRegistered',
        data: {
          fundId: fund.fundId, beneficiaryId, kind: row.kind as BeneficiaryKind, name: candidate.name, commune, address: candidate.address,
          village: trimmedOrNull(row.village), idHash: row.idHash, idLast4: row.idLast4, categories, listId,
          registeredBy: command.actor.userId, registeredAt: command.now,
        },
      });
      registry.add(beneficiaryId, candidate, key);
    }
    if (!onList.has(beneficiaryId)) {
      onList.add(beneficiaryId);
      members.push(beneficiaryId);
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  if (members.length === 0) return listOfNobody(rejected);
  // Built as one array, never spread into arguments: a list of a million lines is a million events.
  const events: BeneficiaryEvent[] = added;
  events.push({
    type: 'BeneficiaryListImported',
    data: {
      fundId: fund.fundId, listId, commune, listKind, certificationRef: command.certificationRef.trim(), members, added: added.length, matched,
      rejected, importedBy: command.actor.userId, importedAt: command.now,
    },
  });
  return { ok: true, events };
}
