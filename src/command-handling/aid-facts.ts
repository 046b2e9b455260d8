import { sameHamlet } from '../domain/beneficiaries/beneficiaries.state';
import { aidUnderMatchKey, shareIsAid } from '../domain/spending/aid-records';
import type { AidFacts, RequestDisbursement } from '../domain/spending/spending.commands';
import { Streams } from '../domain/streams';
import type { WritePath } from './write-path';
import { BeneficiaryModel, SpendingModel } from './stream-models';

/**
 * The fund's registry entry of each beneficiary a request's distribution names: what its lines
 * record (name, commune, match key), whether or not the duplicate-aid rule is in force.
 */
export async function lookUpBeneficiaries(writePath: WritePath, fundId: string, command: RequestDisbursement): Promise<AidFacts['beneficiaries']> {
  return (await registryEntries(writePath, fundId, command)).beneficiaries;
}

async function registryEntries(writePath: WritePath, fundId: string, command: RequestDisbursement) {
  const registry = await writePath.lookup(Streams.beneficiaries(fundId), BeneficiaryModel);
  const beneficiaries: AidFacts['beneficiaries'] = {};
  /** match key → this request's beneficiaries under it, with their hamlets (hamletMatchPart, null when none is named) and id hashes. */
  const villages = new Map<string, Household[]>();
  for (const line of command.distribution ?? []) {
    const entry = registry.beneficiaries.get(line.beneficiaryId);
    if (!entry) continue;
    beneficiaries[line.beneficiaryId] = { name: entry.name, commune: entry.commune, matchKey: entry.matchKey };
    villages.set(entry.matchKey, [...(villages.get(entry.matchKey) ?? []), { beneficiaryId: line.beneficiaryId, village: entry.village, idHash: entry.idHash }]);
  }
  return { beneficiaries, villages };
}

interface Household {
  beneficiaryId: string;
  village: string | null;
  idHash: string | null;
}

/**
 * Which of this request's households of one match key are the one an earlier aid went to: two are
 * told apart when both name their hamlet and the hamlets differ, as inside a fund; in the same
 * fund, whose id hashes share one secret, also when both carry id numbers and they differ. The
 * same beneficiary of the same fund is the decider's own check, not this one.
 */
function sameHouseholds(ours: readonly Household[], theirs: Household, sameFund: boolean): string[] {
  return ours.filter((household) => {
    if (!sameHamlet(household.village, theirs.village)) return false;
    if (!sameFund) return true;
    if (household.beneficiaryId === theirs.beneficiaryId) return false;
    return household.idHash === null || theirs.idHash === null || household.idHash === theirs.idHash;
  }).map(({ beneficiaryId }) => beneficiaryId);
}

/**
 * What a request with a distribution looks up before it is decided: the fund's registry entry of
 * each beneficiary it names, and every aid the ledger's funds gave (not rejected, not reversed,
 * the share not closed as not delivered; a share received always) to households with the same
 * match key: in the other funds, and in this one to another registry entry of the same household
 * (one registered twice, as "Xã Tân Phú" and "Tân Phú" could be before communes were compared
 * without their unit word). Each fund is read from its own spending stream, brought up to date
 * like the request's own.
 */
export async function lookUpAidFacts(
  writePath: WritePath, fundId: string, command: RequestDisbursement, otherFundIds: readonly string[],
): Promise<AidFacts> {
  const { beneficiaries, villages } = await registryEntries(writePath, fundId, command);
  const elsewhere: AidFacts['elsewhere'] = [];
  for (const otherFundId of new Set([fundId, ...otherFundIds])) {
    const spending = await writePath.lookup(Streams.spending(otherFundId), SpendingModel);
    if (spending.aidByMatchKey.size === 0) continue;
    for (const [matchKey, ours] of villages) {
      const aids = aidUnderMatchKey(spending.aidByBeneficiary, spending.aidByMatchKey, matchKey);
      if (aids.length === 0) continue;
      const registry = await writePath.lookup(Streams.beneficiaries(otherFundId), BeneficiaryModel);
      for (const aid of aids) {
        // A share closed as not delivered is aid nobody received; goods handed over were, whatever became of the payment.
        if (!shareIsAid(spending.disbursements.get(aid.disbursementId), aid.beneficiaryId)) continue;
        const theirs = registry.beneficiaries.get(aid.beneficiaryId);
        const forBeneficiaryIds = sameHouseholds(ours, {
          beneficiaryId: aid.beneficiaryId, village: theirs?.village ?? null, idHash: theirs?.idHash ?? null,
        }, otherFundId === fundId);
        if (forBeneficiaryIds.length === 0) continue;
        elsewhere.push({
          fundId: otherFundId, disbursementId: aid.disbursementId, beneficiaryId: aid.beneficiaryId, need: aid.need, requestedAt: aid.requestedAt, matchKey,
          forBeneficiaryIds,
        });
      }
    }
  }
  return { beneficiaries, elsewhere };
}
