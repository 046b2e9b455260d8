/** The restriction id of a disaster campaign's pool (the fund decider names pools this way). */
const CAMPAIGN_POOL_PREFIX = 'campaign:';
const SUSPENSE_POOL_PREFIX = 'suspense:';

/**
 * The campaign a movement of money belongs to: the campaign it names, else the campaign whose
 * pool it draws on. Events written before the decider stored the campaign of a request that named
 * only the pool (`restrictionId: "campaign:X"`, `campaignId: null`) are attributed here, so the
 * balance, the registers and the reports all count them for campaign X.
 */
export function campaignOfMovement(campaignId: string | null, restrictionId: string | null): string | null {
  // Late money in a suspense pool (R14) is no campaign's until a decision assigns it.
  if (restrictionId !== null && restrictionId.startsWith(SUSPENSE_POOL_PREFIX)) return null;
  if (campaignId !== null) return campaignId;
  if (restrictionId !== null && restrictionId.startsWith(CAMPAIGN_POOL_PREFIX) && restrictionId.length > CAMPAIGN_POOL_PREFIX.length) {
    return restrictionId.slice(CAMPAIGN_POOL_PREFIX.length);
  }
  return null;
}
