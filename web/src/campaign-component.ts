import type { components } from './api/schema';
import type { Balance } from './api/types';
import { compareDecimal } from './format';

type RestrictedPool = components['schemas']['RestrictedPoolResponse'];

/**
 * A campaign's own pool (`campaign:<id>`) holding the most money, when its gifts put it in several
 * components; undefined for no campaign, or a campaign with no pool of its own (yet). A gift
 * designated within the campaign is a pool of its own (its donation's id), not the campaign's.
 */
export function campaignPool(pools: readonly RestrictedPool[], campaignId: string): RestrictedPool | undefined {
  if (!campaignId) return undefined;
  const own = pools.filter((pool) => pool.restrictionId === `campaign:${campaignId}`);
  return [...own].sort((a, b) => compareDecimal(b.available, a.available))[0];
}

/** The component fund a campaign's money sits in, as the balance shows its pools; undefined while unknown (the form then keeps its choice). */
export function componentOfCampaign(balance: Balance | undefined, campaignId: string): string | undefined {
  return campaignPool(balance?.restricted ?? [], campaignId)?.component;
}
