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
 * How a campaign's pool is named to people when no donor stated a purpose (a transfer carries the
 * name to the receiving fund, whose reports show it): in Vietnamese, by the campaign's name when
 * it is known, else by its id.
 */
export function campaignPoolPurpose(campaignId: string, name: string | null | undefined): string {
  return `Đợt vận động: ${name ?? campaignId}`;
}

/** How a campaign's suspense pool (R14) is named to people. */
export function suspensePoolPurpose(campaignId: string, name: string | null | undefined): string {
  return `Tiền ủng hộ đến sau khi đợt vận động kết thúc: ${name ?? campaignId}`;
}

/** The English names earlier versions gave a campaign's pool and its suspense pool, stored in transfers' restrictionPurpose. */
const STORED_CAMPAIGN_PURPOSE = /^Campaign (\S+)$/;
const STORED_SUSPENSE_PURPOSE = /^Late money for campaign (\S+)$/;

/**
 * A stored purpose as people read it: the English names earlier versions wrote for a campaign's
 * pool ("Campaign <id>", "Late money for campaign <id>") read as today's Vietnamese ones, with
 * the campaign's name when `nameOf` knows it. Any other purpose is the donor's words, as given.
 */
export function readablePurpose(purpose: string | null, nameOf: (campaignId: string) => string | undefined): string | null {
  if (purpose === null) return null;
  const campaign = STORED_CAMPAIGN_PURPOSE.exec(purpose);
  if (campaign) return campaignPoolPurpose(campaign[1], nameOf(campaign[1]));
  const late = STORED_SUSPENSE_PURPOSE.exec(purpose);
  if (late) return suspensePoolPurpose(late[1], nameOf(late[1]));
  return purpose;
}

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
