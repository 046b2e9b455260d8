/**
 * The campaign a movement of money belongs to: the campaign it names, else the campaign whose
 * pool it draws on. Events written before the decider stored the campaign of a request that named
 * only the pool (`restrictionId: "campaign:X"`, `campaignId: null`) are attributed here, so the
 * balance, the registers and the reports all count them for campaign X. The deciders count a
 * campaign's own money (its leftovers, R19) by the same rule.
 */
export { campaignOfMovement } from '../src/domain/spending/pools';
