import type { Balance } from './api/types';

/**
 * The component fund a campaign's money sits in, as the balance shows its pools: the one holding
 * the most still available when gifts put it in several. Undefined for a campaign with no pool
 * yet (nothing received), or while the balance is being read: the form then keeps its choice.
 */
export function componentOfCampaign(balance: Balance | undefined, campaignId: string): string | undefined {
  const pools = (balance?.restricted ?? []).filter((pool) => pool.campaignId === campaignId);
  if (pools.length === 0) return undefined;
  return pools.reduce((best, pool) => (BigInt(pool.available) > BigInt(best.available) ? pool : best)).component;
}
