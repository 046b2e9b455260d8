import { instantOf } from '../shared/calendar';
import { reject, type Decision } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import { campaignReceivingEnd, type CampaignState } from './fund.state';

/**
 * Why money dated `receivedAt` may not come in for a campaign of the fund: dated before it starts
 * receiving (CAMPAIGN_NOT_OPEN) or after its receiveUntil or its close (CAMPAIGN_CLOSED). A
 * donation and a transfer taken in for the campaign are judged alike, with the same details.
 */
export function campaignReceivingRejection(campaign: CampaignState, receivedAt: string): Decision<never> | undefined {
  const at = instantOf(receivedAt);
  if (at < instantOf(campaign.receiveFrom)) {
    return reject(RejectionCode.CAMPAIGN_NOT_OPEN, `Campaign ${campaign.campaignId} receives from ${campaign.receiveFrom}`, {
      campaignId: campaign.campaignId,
      receiveFrom: campaign.receiveFrom,
    });
  }
  const end = campaignReceivingEnd(campaign);
  if (at > instantOf(end)) {
    return reject(RejectionCode.CAMPAIGN_CLOSED, `Campaign ${campaign.campaignId} stopped receiving at ${end}`, {
      campaignId: campaign.campaignId,
      receivingEnded: end,
    });
  }
  return undefined;
}
