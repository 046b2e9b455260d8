import type { DistributionLine } from './spending.events';

/**
 * One request's aid as the duplicate-aid rule looks it up. Every line of a request shares the same
 * record: a 500-line distribution adds one object, not 500.
 */
export interface AidRecord {
  disbursementId: string;
  need: string;
  requestedAt: string;
}

/** beneficiaryId → the aid of every distribution line naming them with a need, oldest first. */
export type AidByBeneficiary = Map<string, readonly AidRecord[]>;

/** An aid whose line carried a given match key, with the beneficiary the line named. */
export interface MatchedAid extends AidRecord {
  beneficiaryId: string;
}

/**
 * The same lines by the household's match key: how another fund's request finds them. A key whose
 * lines all named one beneficiary, and whose beneficiary's lines all carried that key (nearly every
 * household), holds just the beneficiary's id: its aid is `AidByBeneficiary`'s list. Any other key
 * spells its lines out, oldest first.
 */
export type AidByMatchKey = Map<string, string | MatchedAid[]>;

/**
 * Folds a request's distribution into both indexes. `linesOf` gives an earlier request's
 * distribution: read only when a beneficiary's line carries a key their earlier lines did not.
 */
export function recordAid(
  byBeneficiary: AidByBeneficiary,
  byMatchKey: AidByMatchKey,
  record: AidRecord,
  lines: readonly DistributionLine[],
  linesOf: (disbursementId: string) => readonly DistributionLine[] | undefined,
): void {
  const alone: readonly AidRecord[] = Object.freeze([record]);
  for (const { beneficiaryId, matchKey } of lines) {
    const earlier = byBeneficiary.get(beneficiaryId);
    const atKey = byMatchKey.get(matchKey);
    byBeneficiary.set(beneficiaryId, earlier === undefined ? alone : Object.freeze([...earlier, record]));
    if (earlier === undefined ? atKey === undefined : atKey === beneficiaryId) {
      byMatchKey.set(matchKey, beneficiaryId);
      continue;
    }
    if (earlier !== undefined) spellOutEarlierKey(byMatchKey, beneficiaryId, earlier, linesOf);
    const spelled = typeof atKey === 'string' ? spellOut(atKey, byBeneficiary.get(atKey) ?? []) : atKey ?? [];
    spelled.push({ ...record, beneficiaryId });
    byMatchKey.set(matchKey, spelled);
  }
}

/**
 * A beneficiary whose new line carries another key than their earlier ones: the key of their
 * earlier lines, if it holds just their id, lists those lines instead, so it stops covering the new one.
 */
function spellOutEarlierKey(
  byMatchKey: AidByMatchKey,
  beneficiaryId: string,
  earlier: readonly AidRecord[],
  linesOf: (disbursementId: string) => readonly DistributionLine[] | undefined,
): void {
  const earlierKey = linesOf(earlier[0].disbursementId)?.find((line) => line.beneficiaryId === beneficiaryId)?.matchKey;
  if (earlierKey !== undefined && byMatchKey.get(earlierKey) === beneficiaryId) byMatchKey.set(earlierKey, spellOut(beneficiaryId, earlier));
}

function spellOut(beneficiaryId: string, aid: readonly AidRecord[]): MatchedAid[] {
  return aid.map((record) => ({ ...record, beneficiaryId }));
}

/** Every aid whose distribution line carried the match key, oldest first, with the beneficiary it named. */
export function aidUnderMatchKey(byBeneficiary: AidByBeneficiary, byMatchKey: AidByMatchKey, matchKey: string): readonly MatchedAid[] {
  const atKey = byMatchKey.get(matchKey);
  if (atKey === undefined) return [];
  return typeof atKey === 'string' ? spellOut(atKey, byBeneficiary.get(atKey) ?? []) : atKey;
}

/** What the rule reads of the request an aid record belongs to. */
interface AidRequest {
  status: string;
  handovers: ReadonlyMap<string, { status: string; closed: boolean }>;
}

/**
 * Whether a beneficiary's share of a request is aid they had: a share received always is, even
 * once the request was rejected or its payment reversed (goods handed over stay handed out, R18);
 * otherwise the share of a request not rejected, not reversed and not closed as not delivered.
 */
export function shareIsAid(request: AidRequest | undefined, beneficiaryId: string): boolean {
  const handover = request?.handovers.get(beneficiaryId);
  if (handover?.status === 'received') return true;
  if (request?.status === 'rejected' || request?.status === 'reversed') return false;
  return handover?.closed !== true;
}
