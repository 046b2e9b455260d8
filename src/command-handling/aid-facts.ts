import { aidUnderMatchKey } from '../domain/spending/aid-records';
import type { AidFacts, RequestDisbursement } from '../domain/spending/spending.commands';
import { Streams } from '../domain/streams';
import type { WritePath } from './write-path';
import { BeneficiaryModel, SpendingModel } from './stream-models';

/**
 * The fund's registry entry of each beneficiary a request's distribution names: what its lines
 * record (name, commune, match key), whether or not the duplicate-aid rule is in force.
 */
export async function lookUpBeneficiaries(writePath: WritePath, fundId: string, command: RequestDisbursement): Promise<AidFacts['beneficiaries']> {
  const registry = await writePath.lookup(Streams.beneficiaries(fundId), BeneficiaryModel);
  const beneficiaries: AidFacts['beneficiaries'] = {};
  for (const line of command.distribution ?? []) {
    const entry = registry.beneficiaries.get(line.beneficiaryId);
    if (entry) beneficiaries[line.beneficiaryId] = { name: entry.name, commune: entry.commune, matchKey: entry.matchKey };
  }
  return beneficiaries;
}

/**
 * What a request with a distribution looks up before it is decided: the fund's registry entry of
 * each beneficiary it names, and every aid the ledger's other funds gave (not rejected, not
 * reversed) to households with the same match key. The other funds are read from their own
 * spending streams, brought up to date like the request's own.
 */
export async function lookUpAidFacts(
  writePath: WritePath, fundId: string, command: RequestDisbursement, otherFundIds: readonly string[],
): Promise<AidFacts> {
  const beneficiaries = await lookUpBeneficiaries(writePath, fundId, command);
  const keys = new Set(Object.values(beneficiaries).map((entry) => entry.matchKey));
  const elsewhere: AidFacts['elsewhere'] = [];
  for (const otherFundId of otherFundIds) {
    if (otherFundId === fundId) continue;
    const spending = await writePath.lookup(Streams.spending(otherFundId), SpendingModel);
    if (spending.aidByMatchKey.size === 0) continue;
    for (const matchKey of keys) {
      for (const aid of aidUnderMatchKey(spending.aidByBeneficiary, spending.aidByMatchKey, matchKey)) {
        const status = spending.disbursements.get(aid.disbursementId)?.status;
        if (status === 'rejected' || status === 'reversed') continue;
        elsewhere.push({ fundId: otherFundId, disbursementId: aid.disbursementId, beneficiaryId: aid.beneficiaryId, need: aid.need, requestedAt: aid.requestedAt, matchKey });
      }
    }
  }
  return { beneficiaries, elsewhere };
}
