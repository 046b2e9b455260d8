import { type FundBalance, spendableOf } from '../../../projections/balance.projection';
import { legalBasisOn, type OpenFundState, policyVersionInForce } from '../../domain/fund/fund.state';
import { readablePurpose } from '../../domain/spending/pools';
import type { FundRow } from '../../read-side/register-queries';

/** A row of the fund register as the list shows it. */
export function presentFundRow(row: FundRow) {
  return { fundId: row.fund_id, name: row.name, chapter: row.chapter, components: JSON.parse(row.components_json) as string[], openedAt: row.opened_at };
}

/**
 * The fund as GET /v1/funds/:fundId shows it on `today` (a Vietnam date): the policy in force that
 * day and, when a later version is scheduled, which and from when. Its trusted keys have their own
 * route (GET …/trusted-keys, admin and auditor) and its publications theirs.
 */
export function presentFund(fund: OpenFundState, position: number, today: string) {
  const { status: _status, campaigns, policyVersions, publications: _publications, trustedKeys: _trustedKeys, ...rest } = fund;
  const inForce = policyVersionInForce(policyVersions, today);
  const newest = policyVersions[policyVersions.length - 1];
  return {
    // The decree governing the fund today; each version's recorded basis is in the policy history.
    ...rest, policy: inForce.policy, policyVersion: inForce.version, legalBasis: legalBasisOn(today),
    ...(newest.version !== inForce.version ? { scheduledPolicy: { version: newest.version, effectiveFrom: newest.effectiveFrom } } : {}),
    campaigns: Object.values(campaigns), position,
  };
}

/** Every policy version of the fund with the log position of the event that made it (`versionPositions`, by index). */
export function presentPolicyHistory(fundId: string, fund: OpenFundState, versionPositions: readonly number[], position: number) {
  return {
    fundId,
    versions: fund.policyVersions.map((version, index) => ({
      version: version.version, policy: version.policy, changes: version.changes, effectiveFrom: version.effectiveFrom,
      decisionRef: version.decisionRef, legalBasis: version.legalBasis, changedBy: version.changedBy, recordedAt: version.recordedAt,
      position: versionPositions[index],
    })),
    position,
  };
}

/** `campaignName` names the fund's own campaigns, so a pool's stored purpose reads as people expect (readablePurpose). */
export function presentBalance(
  fundId: string, components: string[], fund: FundBalance | undefined, position: number, campaignName: (campaignId: string) => string | undefined,
) {
  const zero = {
    received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', transferredIn: '0', inTransitOut: '0', transferredOut: '0', movedIn: '0', movedOut: '0', fxDifference: '0', available: '0',
  };
  const figuresOf = (f: typeof zero) => ({
    received: f.received, disbursed: f.disbursed, held: f.held, outstandingEmergency: f.outstandingEmergency,
    transferredIn: f.transferredIn, inTransitOut: f.inTransitOut, transferredOut: f.transferredOut, movedIn: f.movedIn, movedOut: f.movedOut, fxDifference: f.fxDifference,
    available: f.available,
  });
  const pools = Object.values(fund?.pools ?? {});
  const byComponent: Record<string, typeof zero> = {};
  for (const component of components) byComponent[component] = { ...zero };
  for (const pool of pools.filter((p) => p.restrictionId === null)) byComponent[pool.component] = figuresOf(pool);
  return {
    fundId,
    asOfPosition: position,
    currency: 'VND',
    received: fund?.received ?? '0',
    inKindReceived: fund?.inKindReceived ?? '0',
    disbursed: fund?.disbursed ?? '0',
    held: fund?.held ?? '0',
    outstandingEmergency: fund?.outstandingEmergency ?? '0',
    transferredIn: fund?.transferredIn ?? '0',
    inTransitOut: fund?.inTransitOut ?? '0',
    transferredOut: fund?.transferredOut ?? '0',
    movedIn: fund?.movedIn ?? '0',
    movedOut: fund?.movedOut ?? '0',
    fxDifference: fund?.fxDifference ?? '0',
    inTransitIn: fund?.inTransitIn ?? '0',
    suspense: fund?.suspense ?? '0',
    available: fund === undefined ? '0' : spendableOf(fund),
    byComponent,
    restricted: pools
      .filter((p) => p.restrictionId !== null)
      .map((p) => ({ restrictionId: p.restrictionId, component: p.component, purpose: readablePurpose(p.purpose, campaignName), campaignId: p.campaignId, ...figuresOf(p) })),
    byCampaign: fund?.campaigns ?? {},
  };
}
