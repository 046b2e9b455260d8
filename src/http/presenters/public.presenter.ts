import { type Figures, type FundBalance, spendableOf } from '../../../projections/balance.projection';
import type { PublicRow } from '../../read-side/public-queries';

/** What a reversed gift shows where its name was: the reversal may have corrected that name, or the line was no gift. */
export const REVERSED_DONOR_NAME = '—';

/**
 * A donation as the public sees it: only the columns the public search selects, never contact, tax
 * code, address or the donor's own name. A reversed gift keeps its amount, date, reference and
 * receipt number, with the day of its reversal, and shows neither name nor purpose.
 */
export function presentPublicDonation(row: PublicRow) {
  const inKind = row.in_kind_json === null ? null : (JSON.parse(String(row.in_kind_json)) as { description: string; quantity: string; unit: string });
  const reversed = Number(row.reversed) === 1;
  return {
    donationId: row.donation_id, position: row.position, receiptNo: row.receipt_no, receivedAt: row.received_at, amountVnd: row.amount_vnd, currency: row.currency, amount: row.amount,
    channel: row.channel, donorName: reversed ? REVERSED_DONOR_NAME : row.published_name, reference: row.reference, campaignId: row.campaign_id,
    purpose: reversed ? null : row.restriction_purpose,
    inKind: inKind === null ? null : { description: inKind.description, quantity: inKind.quantity, unit: inKind.unit },
    reversedAt: reversed ? String(row.reversed_at) : null,
  };
}

/** The reversal of a donation, as its public proof names it: null while the gift stands. Never the reason, which is staff text. */
export function presentPublicReversal(row: PublicRow) {
  if (Number(row.reversed) !== 1) return null;
  return { reversalId: String(row.reversal_id), reversedAt: String(row.reversed_at), position: Number(row.reversed_position) };
}

/** A fund's public totals: its figures as the balance stands (zeros before any money moved), by campaign too. */
export function presentFundTotals(
  fundId: string, named: { name: string; chapter: string | null } | undefined, fund: FundBalance | undefined, asOfPosition: number,
) {
  const figures = (f: Figures | undefined) => ({
    received: f?.received ?? '0', disbursed: f?.disbursed ?? '0', held: f?.held ?? '0',
    outstandingEmergency: f?.outstandingEmergency ?? '0',
    // Money forwarded between chapters, so the public figures add up: received + transferredIn − … − suspense = available.
    transferredIn: f?.transferredIn ?? '0', inTransitOut: f?.inTransitOut ?? '0', transferredOut: f?.transferredOut ?? '0',
    movedIn: f?.movedIn ?? '0', movedOut: f?.movedOut ?? '0', fxDifference: f?.fxDifference ?? '0',
    available: f?.available ?? '0',
  });
  return {
    fundId, name: named?.name ?? null, chapter: named?.chapter ?? null, asOfPosition, currency: 'VND',
    // Late money waiting for a decision (R14) is received but not available: suspense says how much.
    ...figures(fund), suspense: fund?.suspense ?? '0', available: fund === undefined ? '0' : spendableOf(fund), inKindReceived: fund?.inKindReceived ?? '0',
    inTransitIn: fund?.inTransitIn ?? '0',
    byCampaign: Object.fromEntries(Object.entries(fund?.campaigns ?? {}).map(([id, f]) => [id, figures(f)])),
  };
}
