import { FiguresResponse } from './fund.responses';
import { Field, Money, NestedField } from './field';

export class PublicTotalsResponse extends FiguresResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('Its name; null when the register has not read it yet', 'Quỹ hoạt động Chữ thập đỏ TP.HCM', { nullable: true, type: String }) name: string | null;
  @Field('Its chapter', 'Hội Chữ thập đỏ TP.HCM', { nullable: true, type: String }) chapter: string | null;
  @Field('The log position of the figures', 1234) asOfPosition: number;
  @Field('Always VND', 'VND') currency: string;
  @Money('Value of in-kind donations received', '0') inKindReceived: string;
  @Money('Sent to this fund by another fund of the ledger and not received yet: still counted by the sender, never available here (as the staff balance shows it)', '0') inTransitIn: string;
  @Money('Late money (R14) received after a campaign\'s window, waiting for the board\'s decision: in received, not in available', '0') suspense: string;
  @Field('Figures per campaign', { 'bao-yagi-2024': { received: '1500000', disbursed: '0', held: '0', outstandingEmergency: '0', available: '1500000' } }, {
    type: 'object', additionalProperties: { $ref: '#/components/schemas/FiguresResponse' },
  }) byCampaign: Record<string, FiguresResponse>;
}

export class PublicInKindResponse {
  @Field('What was given', 'Gạo ST25') description: string;
  @Field('How much (decimal string)', '500') quantity: string;
  @Field('Its unit', 'kg') unit: string;
}

export class PublicDonationResponse {
  @Field('The donation, as its proof route names it (GET /v1/public/funds/{fundId}/donations/{donationId}/proof)', 'd-2024-000123') donationId: string;
  @Field('The log position of the event that recorded it: its leaf in the signed tree is position − 1', 1234) position: number;
  @Field('The receipt number', '2024-000123') receiptNo: string;
  @Field('Business date it was received', '2024-05-12T09:30:00+07:00') receivedAt: string;
  @Money('The amount in VND') amountVnd: string;
  @Field('The currency given', 'VND') currency: string;
  @Money('The amount in that currency') amount: string;
  @Field('cash, bank_transfer, in_kind or online', 'bank_transfer') channel: string;
  @Field('The name the donor chose to publish; "Ẩn danh" for anonymous donors', 'Nguyễn V. A.') donorName: string;
  @Field('The bank or receipt reference', 'FT24133XYZ', { nullable: true, type: String }) reference: string | null;
  @Field('The campaign; null when none', null, { nullable: true, type: String }) campaignId: string | null;
  @Field('The purpose it was designated for; null when unrestricted', null, { nullable: true, type: String }) purpose: string | null;
  @NestedField('What was given in kind; null for money', PublicInKindResponse, { nullable: true }) inKind: PublicInKindResponse | null;
  @Field('Business date of its reversal when the fund took it back (recorded in error, returned to the donor): it is listed, marked, found by reference, amount or date '
    + 'but never by a name, shows "—" for its name and no purpose, and counts in no total; null while it stands',
    null, { nullable: true, type: String }) reversedAt: string | null;
}

export class PublicDonationPageResponse {
  @NestedField('The donations found', [PublicDonationResponse]) items: PublicDonationResponse[];
  @Field('The cursor of the next page; null on the last page', null, { nullable: true, type: String }) nextCursor: string | null;
  @Field('The log position the page reflects', 1234) position: number;
  @Field('The page size used', 100) limit: number;
}

export class PublicDistributionResponse {
  @Field('none: no distribution deadline; pending: still ahead; met: every dong received was paid out by it; nothing: no money had come to it by then; missed: money was left', 'met', {
    enum: ['none', 'pending', 'met', 'nothing', 'missed'],
  }) status: string;
  @Field('What was left undistributed on the deadline; null unless missed', null, { nullable: true, type: String }) undistributedAtDeadline: string | null;
}

export class PublicCampaignResponse {
  @Field('The campaign', 'bao-yagi-2024') campaignId: string;
  @Field('Its name', 'Ủng hộ đồng bào bị ảnh hưởng bởi bão Yagi') name: string;
  @Field('disaster or general', 'disaster') kind: string;
  @Field('Receiving opens (business date)', '2024-09-08T00:00:00+07:00') receiveFrom: string;
  @Field('Receiving closes', '2024-10-08T23:59:59+07:00') receiveUntil: string;
  @Field('Distribution deadline; null when none', '2024-10-28T23:59:59+07:00', { nullable: true, type: String }) distributeUntil: string | null;
  @Field('When it was closed; null while open', null, { nullable: true, type: String }) closedAt: string | null;
  @Field('The official account donations to this campaign arrive on: money sent to any other account did not reach the fund', '0011001932418', { nullable: true, type: String }) bankAccount: string | null;
  @Money('Cash received, less reversals') received: string;
  @Money('Value of in-kind gifts received', '0') inKindReceived: string;
  @Money('Value at receipt of the gifts in kind its distributions handed out', '0') inKindDistributed: string;
  @Money('Value at receipt of its gifts in kind still held', '0') inKindOnHand: string;
  @Money('Paid out (disbursements paid, emergency money spent), less payment reversals', '1000000') distributed: string;
  @Money('Received from another fund of this ledger for the campaign', '0') transferredIn: string;
  @Money('Sent to another fund and received there', '0') transferredOut: string;
  @Money('Sent to another fund and not received or returned yet', '0') inTransitOut: string;
  @Money('Moved in from another pool of the fund (a released restriction, another campaign\'s surplus)', '0') movedIn: string;
  @Money('Moved to another pool of the fund', '0') movedOut: string;
  @Money('FX gains less losses of its foreign currency sold (R17); negative for a net loss', '0') fxDifference: string;
  @Money('Still held for the campaign: received − distributed + transferredIn − transferredOut − inTransitOut + movedIn − movedOut + fxDifference, never below 0 for a campaign without a pool of its own (the fund\'s own money paid the rest)', '500000') remaining: string;
  @Money('Released in an emergency from its money and not settled yet: still in `remaining` until the settlement says what was spent and what came back', '0') outstandingEmergency: string;
  @Field('How many people its aid reached, each once: every household, person or organisation on its paid distribution lists (less shares closed as not delivered), each who took a share home even if the payment was reversed later, the beneficiary of each paid request without a list, the recipient of each settled emergency release', 12) beneficiariesReached: number;
  @NestedField('The distribution deadline and whether it was met', PublicDistributionResponse) distribution: PublicDistributionResponse;
}

export class PublicCampaignListResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Its campaigns, by receiving start', [PublicCampaignResponse]) campaigns: PublicCampaignResponse[];
  @Field('The log position of the figures', 1234) position: number;
}

export class PublicDayResponse {
  @Field('The day, Vietnam time', '2024-09-12') day: string;
  @Money('Cash received that day and not reversed since') received: string;
  @Money('Paid out that day, less payments reversed that day', '0') distributed: string;
  @Money('Received from other funds that day (transfers arrived)', '0') transferredIn: string;
  @Money('Sent to other funds that day (gone in transit), less transfers of this fund returned to it that day', '0') transferredOut: string;
  @Money('Every other change of the day, so that closing = the day before\'s closing + received − distributed + transferredIn − transferredOut + adjustments: '
    + 'a gift reversed since counts until its reversal\'s day and is taken off on it; interest, bank fees and their reversals; FX differences; for a campaign, '
    + 'moves between the fund\'s pools, and (a campaign without a pool of its own) what keeps its closing from going below zero', '0') adjustments: string;
  @Money('Held at the day\'s end: the financial report\'s closing balance up to that day (a campaign: the campaigns report\'s remaining)', '5000000') closing: string;
}

export class PublicDailyResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The campaign; null for the whole fund', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
  @NestedField('Each day money moved, oldest first', [PublicDayResponse]) days: PublicDayResponse[];
  @Field('The log position of the figures', 1234) position: number;
}
