/**
 * A seeded random history of one fund, as events: campaigns, donations of every kind (cash and
 * in kind, FX-free VND, anonymous, restricted to a campaign or to their own purpose, every
 * revenue category), reversals on later dates, disbursements in every status including reversed
 * payments, paid ones that left out a share closed before them, paid ones with a closed share's money
 * given back (some reversed after it came back), lists of households with shares taken home or
 * closed as not delivered, and emergency releases open, settled, cancelled
 * and with their settlement reversed. Business dates spread over two years, so
 * periods cut between a receipt and its reversal, a request and its payment.
 */
import type { ProjectedEvent } from '../../projections/projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import type { DisbursementKind } from '../../src/domain/spending/spending.events';
import {
  campaignCreated, disbursementApproved, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded, donationReversed,
  emergencyReleaseCancelled, emergencyReleased, emergencyReleaseSettled, emergencySettlementReversed, FUND_ID, fundOpened, paymentReversed,
} from '../domain/builders';

/** mulberry32: a tiny seeded PRNG, so a failing history can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BOOKS_START_MS = Date.parse('2023-07-01T00:00:00+07:00');
export const BOOKS_END_MS = Date.parse('2025-06-30T23:59:59+07:00');

const INDIVIDUALS = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Văn Cường', 'Phạm Minh Tuấn', 'Hoàng Thị Dung', 'Võ Văn Em', 'Đặng Thị Giang', 'Bùi Văn Hải'];
const ORGANIZATIONS = ['Công ty TNHH Đông Á', 'Hợp tác xã Tân Phú', 'Ngân hàng TMCP Ánh Dương'];
const CATEGORIES = ['voluntary_contribution', 'voluntary_contribution', 'voluntary_contribution', 'service_income', 'state_budget', 'interest', 'other'] as const;
const KINDS: DisbursementKind[] = ['relief', 'humanitarian', 'management_cost', 'transfer'];

/** A VN-time ISO timestamp of an instant, to the millisecond. */
function vn(ms: number): string {
  return `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 23)}+07:00`;
}

export interface RandomBooks {
  events: ProjectedEvent[];
  /** Business instants that occur in the books: period bounds placed exactly on them test inclusivity. */
  instants: number[];
}

export function randomBooks(seed: number, donationCount = 300): RandomBooks {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const instant = (fromMs = BOOKS_START_MS, toMs = BOOKS_END_MS) => fromMs + Math.floor(random() * (toMs - fromMs));
  const amount = () => (chance(0.02) ? '999999999999999' : String((1 + Math.floor(random() * 5000)) * 10_000));
  const instants: number[] = [];
  const log: LedgerEvent[] = [];

  log.push(fundOpened({ policy: { managementCostCapPercent: pick(['5', '7.5']) } }));
  const campaigns = [
    campaignCreated({ campaignId: 'lu-2023', name: 'Lũ miền Trung 2023', receiveFrom: vn(BOOKS_START_MS), receiveUntil: vn(BOOKS_START_MS + 80 * 86400_000) }),
    campaignCreated({ campaignId: 'bao-yagi', name: 'Bão Yagi', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-12-20T00:00:00+07:00', distributeUntil: '2025-02-01T00:00:00+07:00' }),
    campaignCreated({ campaignId: 'hoc-bong', name: 'Học bổng', kind: 'other', receiveFrom: vn(BOOKS_START_MS), receiveUntil: vn(BOOKS_END_MS) }),
  ];
  log.push(...campaigns);

  const donations: ReturnType<typeof donationRecorded>[] = [];
  const sequenceOf = new Map<number, number>();
  for (let i = 0; i < donationCount; i += 1) {
    const receivedMs = instant();
    const receivedAt = vn(receivedMs);
    const fiscalYear = Number(new Date(receivedMs + 7 * 3600_000).toISOString().slice(0, 4));
    const sequence = (sequenceOf.get(fiscalYear) ?? 0) + 1;
    sequenceOf.set(fiscalYear, sequence);
    const campaign = chance(0.45) ? pick(campaigns).data : null;
    const inKind = chance(0.1);
    const ownRestriction = campaign === null && chance(0.08) ? { purpose: pick(['Xây nhà tình thương', 'Học bổng em Tí', 'Xe lăn']), beneficiary: chance(0.5) ? 'Em Lê Văn Tí' : null } : null;
    const anonymous = chance(0.1);
    const organization = !anonymous && chance(0.25);
    const name = organization ? pick(ORGANIZATIONS) : pick(INDIVIDUALS);
    const donor = {
      name: anonymous ? `Người giấu tên ${i}` : name,
      kind: anonymous ? 'anonymous' as const : organization ? 'organization' as const : 'individual' as const,
      publicName: !anonymous && !organization && chance(0.3) ? `${name.split(' ')[0]} ${name.split(' ').slice(-1)[0]}` : null,
      taxCode: organization ? '0312345678' : null, address: null, contact: chance(0.3) ? '0909123456' : null,
    };
    const base = donationRecorded({
      sequence, fiscalYear, receivedAt, amountVnd: amount(), channel: inKind ? 'in_kind' : pick(['bank_transfer', 'cash', 'online'] as const),
      restriction: ownRestriction, campaignId: campaign?.campaignId ?? null, donor, reference: `FT${seed}-${i}`,
      revenueCategory: inKind ? 'voluntary_contribution' : pick(CATEGORIES),
    });
    const restrictionId = campaign !== null ? campaign.restrictionId : base.data.restrictionId;
    const donation = { ...base, data: { ...base.data, restrictionId, amount: base.data.amountVnd } };
    donations.push(donation);
    instants.push(receivedMs);
    log.push(donation);
  }
  let reversals = 0;
  for (const donation of donations) {
    if (!chance(0.08)) continue;
    reversals += 1;
    const reversedMs = Date.parse(donation.data.receivedAt) + Math.floor(random() * 60 * 86400_000);
    instants.push(reversedMs);
    const reversed = donationReversed(donation, reversals);
    log.push({ ...reversed, data: { ...reversed.data, reversedAt: vn(reversedMs) } });
  }

  const pools = [...new Set(donations.map((d) => d.data.restrictionId))];
  // Its own stream, so the rest of the books stay what each seed made them before.
  const shares = seededRandom(seed * 7919 + 1);
  const later = seededRandom(seed * 104_729 + 3);
  const lists = seededRandom(seed * 15_485_863 + 5);
  for (let n = 1; n <= 60; n += 1) {
    const restrictionId = pick(pools);
    // Some requests from a campaign's pool name only the pool, as events written before the
    // decider stored the campaign did: they still belong to the campaign.
    const campaignPool = restrictionId?.startsWith('campaign:') === true;
    const campaignId = campaignPool ? (chance(0.3) ? null : restrictionId.slice('campaign:'.length)) : (chance(0.2) ? 'hoc-bong' : null);
    const requestedMs = instant();
    const requested = disbursementRequested({
      sequence: n, amount: String((1 + Math.floor(random() * 500)) * 10_000), kind: pick(KINDS), restrictionId, campaignId,
      beneficiary: pick(['Hộ bà Cúc', 'Hộ ông Tư', 'Trường Tiểu học Phổ Châu', 'Em Lê Văn Tí']), requestedAt: vn(requestedMs),
    });
    // Half the requests carry a list of households (its own stream too), each with a cash share.
    const members = lists() < 0.5 ? ['BF-000001', 'BF-000002', 'BF-000003', 'BF-000004', 'BF-000005', 'BF-000006'].filter(() => lists() < 0.5) : [];
    const share = (BigInt(requested.data.amount) / BigInt(Math.max(members.length, 1))).toString();
    log.push(members.length === 0 ? requested : {
      ...requested,
      data: {
        ...requested.data, needCategory: 'other',
        distribution: members.map((beneficiaryId) => ({ beneficiaryId, name: beneficiaryId, commune: 'Xã Phổ Châu', matchKey: beneficiaryId, amount: share, items: null })),
      },
    });
    const fate = random();
    if (fate < 0.15) continue; // requested: held
    if (fate < 0.25) {
      log.push(disbursementRejected(n));
      continue;
    }
    log.push(disbursementApproved(n));
    // Shares taken home, and shares closed as not delivered, on days after the request.
    for (const beneficiaryId of members) {
      const handover = lists();
      if (handover >= 0.5) continue;
      const atMs = requestedMs + Math.floor(lists() * 40 * 86400_000);
      log.push({
        type: 'HandoverRecorded',
        data: {
          fundId: FUND_ID, disbursementId: requested.data.disbursementId, beneficiaryId, status: handover < 0.35 ? 'received' : 'absent',
          handedOverAt: vn(atMs), evidenceRef: `DS-${n}`, recordedBy: 'coordinator-1', recordedAt: vn(atMs), ...(handover < 0.35 ? {} : { closed: true as const }),
        },
      });
    }
    if (fate < 0.35) continue; // approved: held
    const paidMs = requestedMs + Math.floor(random() * 30 * 86400_000);
    instants.push(paidMs);
    const paid = disbursementPaid(n);
    // A share closed before the payment, which left it out (its own stream too).
    const withheld = later() < 0.25 ? BigInt(requested.data.amount) / 10n : 0n;
    const leftOut = withheld > 0n ? { withheld: [{ beneficiaryId: 'BF-000009', amount: withheld.toString() }] } : {};
    log.push({ ...paid, data: { ...paid.data, paidAt: vn(paidMs), ...leftOut } });
    const reverse = (reversedMs: number, givenBack: bigint) => {
      instants.push(reversedMs);
      const reversed = paymentReversed(requested, 1000 + n);
      const back = givenBack === BigInt(requested.data.amount) ? {} : { givenBack: givenBack.toString() };
      log.push({ ...reversed, data: { ...reversed.data, reversedAt: vn(reversedMs), ...back } });
    };
    if (fate > 0.9) {
      reverse(paidMs + Math.floor(random() * 40 * 86400_000), BigInt(requested.data.amount) - withheld);
    } else if (shares() < 0.4) {
      // A household's cash share closed as not delivered, its money given back weeks later (one or two shares).
      const amount = BigInt(requested.data.amount);
      let lastReturnMs = paidMs;
      let returned = 0n;
      for (const [index, share] of [amount / 4n, amount / 5n].slice(0, shares() < 0.5 ? 1 : 2).entries()) {
        const returnedMs = paidMs + Math.floor(shares() * 40 * 86400_000);
        lastReturnMs = Math.max(lastReturnMs, returnedMs);
        returned += share;
        instants.push(returnedMs);
        log.push({
          type: 'ShareMoneyReturned',
          data: {
            fundId: FUND_ID, disbursementId: requested.data.disbursementId, beneficiaryId: `BF-00000${index + 1}`, amount: share.toString(),
            component: requested.data.component, restrictionId: requested.data.restrictionId, campaignId: requested.data.campaignId,
            returnedAt: vn(returnedMs), evidenceRef: `PT-${n}-${index + 1}`, recordedBy: 'accountant-1', recordedAt: vn(returnedMs),
          },
        });
      }
      // Paid in error after all: reversed once the shares came back, giving back what was still out.
      if (later() < 0.3) reverse(lastReturnMs + Math.floor(later() * 20 * 86400_000), amount - withheld - returned);
    }
  }
  for (let n = 1; n <= 15; n += 1) {
    const toCampaign = chance(0.4);
    const amountVnd = String((1 + Math.floor(random() * 100)) * 100_000);
    const releasedMs = instant();
    const released = emergencyReleased({
      sequence: n, amount: amountVnd, campaignId: toCampaign && chance(0.7) ? 'bao-yagi' : null, restrictionId: toCampaign ? 'campaign:bao-yagi' : null,
      releasedAt: vn(releasedMs), settleBy: vn(releasedMs + 30 * 86400_000),
    });
    log.push(released);
    const correctedMs = (fromMs: number) => {
      const ms = fromMs + Math.floor(random() * 40 * 86400_000);
      instants.push(ms);
      return vn(ms);
    };
    if (chance(0.3)) {
      // Left open, or cancelled later (the money back in its pool).
      if (chance(0.4)) {
        const cancelled = emergencyReleaseCancelled(released, 2000 + n);
        log.push({ ...cancelled, data: { ...cancelled.data, reversedAt: correctedMs(releasedMs) } });
      }
      continue;
    }
    const spent = (BigInt(amountVnd) * BigInt(Math.floor(random() * 11)) / 10n).toString();
    const returned = (BigInt(amountVnd) - BigInt(spent)).toString();
    const settledMs = releasedMs + Math.floor(random() * 30 * 86400_000);
    instants.push(settledMs);
    const settled = emergencyReleaseSettled(n, spent, returned);
    log.push({ ...settled, data: { ...settled.data, settledAt: vn(settledMs) } });
    if (chance(0.3)) {
      // A settlement entered wrongly and reversed later: the release is outstanding again.
      const reversed = emergencySettlementReversed(released, spent, returned, 3000 + n);
      log.push({ ...reversed, data: { ...reversed.data, reversedAt: correctedMs(settledMs) } });
    }
  }
  const events = log.map((event, index): ProjectedEvent => ({
    position: index + 1, streamId: 'ctd.random', revision: index, recordedAt: vn(BOOKS_END_MS), actorUserId: 'u', event,
  }));
  return { events, instants };
}

export { FUND_ID as BOOKS_FUND };
