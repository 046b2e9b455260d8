/**
 * A pool is money that may be spent together: a component's unrestricted money, or one
 * restricted (designated) pool inside a component.
 */
export function poolKeyOf(component: string, restrictionId: string | null): string {
  return restrictionId === null ? component : `${component}#${restrictionId}`;
}

/**
 * The restricted pool of a campaign, `campaign:<campaignId>` when the campaign names none of its own:
 * its name is the same in every fund of the network.
 */
export const CAMPAIGN_POOL_PREFIX = 'campaign:';

/**
 * Late money (R14): a bank transfer for a campaign that arrived after the campaign stopped
 * receiving waits in the campaign's suspense pool, `suspense:<campaignId>`, until a decision
 * assigns it (SuspenseAssigned) or it is returned to the donor (the donation's reversal). Money
 * in a suspense pool is nobody's to spend: no disbursement, release, transfer or restriction
 * release draws on it, and it counts for no campaign.
 */
const SUSPENSE_PREFIX = 'suspense:';

export const suspenseRestrictionOf = (campaignId: string) => `${SUSPENSE_PREFIX}${campaignId}`;

export function isSuspenseRestriction(restrictionId: string | null): boolean {
  return restrictionId !== null && restrictionId.startsWith(SUSPENSE_PREFIX);
}

/**
 * The campaign a movement of money belongs to: the campaign it names, else the campaign whose
 * pool it draws on (`campaign:<id>`). Late money in a suspense pool (R14) is no campaign's until
 * a decision assigns it. The deciders and every read that counts by campaign use this one rule.
 */
export function campaignOfMovement(campaignId: string | null, restrictionId: string | null): string | null {
  if (isSuspenseRestriction(restrictionId)) return null;
  if (campaignId !== null) return campaignId;
  if (restrictionId !== null && restrictionId.startsWith(CAMPAIGN_POOL_PREFIX) && restrictionId.length > CAMPAIGN_POOL_PREFIX.length) {
    return restrictionId.slice(CAMPAIGN_POOL_PREFIX.length);
  }
  return null;
}
