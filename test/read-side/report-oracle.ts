/**
 * The reference implementation the SQL-summed reports must agree with: the report logic as it
 * stood before sums moved into SQL (c6266c0), kept in substance: every row of every register
 * loaded and summed one by one with decimal.js. Slow and memory-hungry at scale, and for that
 * very reason easy to trust. Money is read as BigInt (safeIntegers) and summed as decimal
 * strings, never JS numbers.
 *
 * A report at a log position is checked against this oracle run on registers built from the
 * events up to that position only; the period's end is applied here row by row (cutAt): what is
 * dated after it has not happened yet, and a step counts only when the steps before it are dated
 * by then too.
 */
import type Database from 'better-sqlite3';
import { REVENUE_CATEGORIES } from '../../src/domain/donation/donation.events';
import { MoneyDecimal } from '../../src/domain/money';
import { fiscalYearOf, vietnamDateOf } from '../../src/domain/shared/calendar';
import { managementCostFacts, managementCostFigures } from '../../src/domain/spending/management-cost';
import { DISBURSEMENT_KINDS } from '../../src/domain/spending/spending.events';
import { registerRows } from '../../src/read-side/sql/register-rows';
import type { ReportName, ReportParts, ReportRow } from '../../src/reports/report-model';

const DAY_MS = 24 * 60 * 60 * 1000;
type Parts = ReportParts;

// ---------------------------------------------------------------------------------------------
// Facts read from the registers
// ---------------------------------------------------------------------------------------------

interface Facts {
  donations: {
    receipt_no: string; received_at: string; received_at_ms: number; amount_vnd: string; cash: number; revenue_category: string;
    in_management_cost_base: number; campaign_id: string | null; restriction_id: string | null; restriction_purpose: string | null;
    component: string; donor_kind: string; donor_name: string; donor_public_name: string | null; published_name: string;
    in_kind_json: string | null; reversed: number; reversed_at: string | null; reversed_at_ms: number | null;
    currency: string; amount: string; fx_rate: string | null;
  }[];
  disbursements: {
    disbursement_id: string; amount: string; kind: string; status: string; campaign_id: string | null; restriction_id: string | null;
    component: string; purpose: string; beneficiary: string; requested_at_ms: number; approved_at_ms: number | null; rejected_at_ms: number | null;
    paid_at: string | null; paid_at_ms: number | null; reversed_at: string | null; reversed_at_ms: number | null;
    /** The money of closed cash shares given back (register_share_returns). */
    returns: { amount: string; returned_at: string; returned_at_ms: number }[];
    /** The cash shares closed before the payment, which it left out; what its reversal gave back (null before one). */
    withheld: string; given_back: string | null;
  }[];
  releases: {
    release_id: string; amount: string; status: string; campaign_id: string | null; restriction_id: string | null; component: string;
    incident: string; recipient: string; released_at_ms: number; spent: string | null; settled_at: string | null; settled_at_ms: number | null;
    last_settlement_position: number | null; reversed_at: string | null; reversed_at_ms: number | null; reversed_position: number | null;
    /** Set by cutAt: the settlement's reversal counted by the period's end. */
    settlement_reversed_at?: string | null; settlement_reversed_at_ms?: number | null;
  }[];
  campaigns: {
    campaign_id: string; name: string; kind: string; receive_from: string; receive_from_ms: number; receive_until: string; receive_until_ms: number;
    distribute_until: string | null; distribute_until_ms: number | null; restriction_id: string | null;
  }[];
  /** Every line of the distribution lists, with its share's last hand-over (null: none). */
  shares: { disbursement_id: string; beneficiary_id: string; status: string | null; closed: number | null; handed_over_at_ms: number | null }[];
  policy: { managementCostCapPercent: string };
  policyVersions: { effective_from: string | null; policy_json: string }[];
}

const sum = (values: Iterable<number | string>) => {
  let total = new MoneyDecimal(0);
  for (const value of values) total = total.plus(value);
  return total;
};
const inPeriod = (ms: number | null, fromMs: number | null, toMs: number | null) => ms !== null && (fromMs === null || ms >= fromMs) && (toMs === null || ms <= toMs);

// ---------------------------------------------------------------------------------------------
// Reports: pure functions of the facts and the period
// ---------------------------------------------------------------------------------------------

/** Cash in a set of donations over [from, to]: receipts dated in it, less reversals dated in it. */
function cashReceived(donations: Facts['donations'], fromMs: number | null, toMs: number | null): MoneyDecimal {
  const cash = donations.filter((d) => d.cash === 1);
  return sum(cash.filter((d) => inPeriod(d.received_at_ms, fromMs, toMs)).map((d) => d.amount_vnd))
    .minus(sum(cash.filter((d) => d.reversed === 1 && inPeriod(d.reversed_at_ms, fromMs, toMs) && (toMs === null || d.received_at_ms <= toMs)).map((d) => d.amount_vnd)));
}

/** Not reversed by `toMs`. */
const keptAt = (d: Facts['donations'][number], toMs: number | null) => !(d.reversed === 1 && (toMs === null || Number(d.reversed_at_ms) <= toMs));

/** The facts as they stood at `toMs` by business date: spending not yet requested or released left out, later steps undone. */
export function cutAt(facts: Facts, toMs: number | null): Facts {
  const by = (ms: number | null) => ms !== null && (toMs === null || ms <= toMs);
  const disbursements = facts.disbursements.filter((d) => by(d.requested_at_ms)).map((d) => {
    const paid = by(d.paid_at_ms);
    const reversed = paid && by(d.reversed_at_ms);
    const rejected = !paid && by(d.rejected_at_ms);
    const status = reversed ? 'reversed' : paid ? 'paid' : rejected ? 'rejected' : by(d.approved_at_ms) ? 'approved' : 'requested';
    return {
      ...d, status, paid_at: paid ? d.paid_at : null, paid_at_ms: paid ? d.paid_at_ms : null, reversed_at: reversed ? d.reversed_at : null, reversed_at_ms: reversed ? d.reversed_at_ms : null,
      returns: paid ? d.returns.filter((r) => by(r.returned_at_ms)) : [],
    };
  });
  const releases = facts.releases.filter((r) => by(r.released_at_ms)).map((r) => {
    // The register row holds the last settlement (kept through its reversal) and the last correction.
    const lastSettledAtMs = r.last_settlement_position === null ? null : r.settled_at_ms;
    if (r.status === 'cancelled' && by(r.reversed_at_ms)) return { ...r, status: 'cancelled', spent: null, settled_at: null, settled_at_ms: null };
    const settled = by(lastSettledAtMs);
    const correctsIt = r.reversed_position !== null && r.last_settlement_position !== null && r.reversed_position > r.last_settlement_position;
    const reversed = settled && correctsIt && by(r.reversed_at_ms);
    return {
      ...r, status: reversed || !settled ? 'open' : 'settled', spent: settled ? r.spent : null, settled_at: settled ? r.settled_at : null,
      settled_at_ms: settled ? r.settled_at_ms : null, settlement_reversed_at: reversed ? r.reversed_at : null, settlement_reversed_at_ms: reversed ? r.reversed_at_ms : null,
    };
  });
  return { ...facts, disbursements, releases };
}

/** What a payment paid: its amount less the shares closed before it. */
const paidOf = (d: Facts['disbursements'][number]) => new MoneyDecimal(d.amount).minus(d.withheld);
/** What its reversal gave back: recorded on the reversal. */
const givenBackOf = (d: Facts['disbursements'][number]) => new MoneyDecimal(d.given_back ?? paidOf(d));

/** Payments over [from, to]: payments dated in it, less payment reversals dated in it, plus emergency money spent. */
function cashPaid(facts: Pick<Facts, 'disbursements' | 'releases'>, fromMs: number | null, toMs: number | null, kind?: string): MoneyDecimal {
  const paid = facts.disbursements.filter((d) => (kind === undefined || d.kind === kind) && d.paid_at_ms !== null);
  const payments = sum(paid.filter((d) => inPeriod(d.paid_at_ms, fromMs, toMs)).map((d) => paidOf(d).toFixed()))
    .minus(sum(paid.filter((d) => d.status === 'reversed' && inPeriod(d.reversed_at_ms, fromMs, toMs)).map((d) => givenBackOf(d).toFixed())))
    .minus(sum(paid.flatMap((d) => d.returns).filter((r) => inPeriod(r.returned_at_ms, fromMs, toMs)).map((r) => r.amount)));
  if (kind !== undefined) return payments;
  return payments.plus(emergencySpent(facts.releases, fromMs, toMs));
}

function emergencySpent(releases: Facts['releases'], fromMs: number | null, toMs: number | null): MoneyDecimal {
  return sum(releases.filter((r) => r.spent !== null && inPeriod(r.settled_at_ms, fromMs, toMs)).map((r) => r.spent ?? 0))
    .minus(sum(releases.filter((r) => r.spent !== null && inPeriod(r.settlement_reversed_at_ms ?? null, fromMs, toMs)).map((r) => r.spent ?? 0)));
}

const money = (value: MoneyDecimal) => value.toFixed(0);

export function designationsReport(facts: Facts, toMs: number | null): Parts {
  // A pool exists from its first donation on: one first received after the period's end is not listed.
  // (or when it was drawn on, by a backdated entry: then its first spending names it).
  const existing = facts.donations.filter((d) => d.restriction_id !== null && (toMs === null || d.received_at_ms <= toMs));
  const spent = [...facts.disbursements, ...facts.releases].filter((item) => item.restriction_id !== null);
  const ids = [...new Set([...existing, ...spent].map((d) => String(d.restriction_id)))].sort();
  const withCampaigns = ids.some((restrictionId) => [...existing, ...spent].find((d) => d.restriction_id === restrictionId)?.campaign_id != null);
  const rows = ids.map((restrictionId) => {
    const first = [
      ...existing.filter((d) => d.restriction_id === restrictionId),
      ...spent.filter((item) => item.restriction_id === restrictionId).map((item) => ({ ...item, restriction_purpose: null })),
    ];
    const donations = facts.donations.filter((d) => d.restriction_id === restrictionId);
    const spending = {
      disbursements: facts.disbursements.filter((d) => d.restriction_id === restrictionId),
      releases: facts.releases.filter((r) => r.restriction_id === restrictionId),
    };
    const received = cashReceived(donations, null, toMs);
    const disbursed = cashPaid(spending, null, toMs);
    const held = sum(spending.disbursements.filter((d) => d.status === 'requested' || d.status === 'approved').map((d) => d.amount));
    const outstanding = sum(spending.releases.filter((r) => r.status === 'open').map((r) => r.amount));
    return {
      restrictionId,
      // Disaster money is restricted to its campaign without a stated purpose: the campaign names it.
      purpose: first[0].restriction_purpose ?? facts.campaigns.find((c) => c.restriction_id === restrictionId)?.name ?? null,
      component: first[0].component, campaignId: first[0].campaign_id,
      ...(withCampaigns ? { campaignName: first[0].campaign_id === null ? null : facts.campaigns.find((c) => c.campaign_id === first[0].campaign_id)?.name ?? null } : {}),
      received: money(received), disbursed: money(disbursed), held: money(held), outstandingEmergency: money(outstanding),
      available: money(received.minus(disbursed).minus(held).minus(outstanding)),
    };
  });
  return {
    columns: [
      { key: 'restrictionId', heading: 'Mã khoản hạn chế' }, { key: 'purpose', heading: 'Mục đích' }, { key: 'component', heading: 'Quỹ thành phần' },
      ...(withCampaigns ? [{ key: 'campaignId', heading: 'Mã đợt vận động' }, { key: 'campaignName', heading: 'Tên đợt vận động' }] : [{ key: 'campaignId', heading: 'Đợt vận động' }]),
      { key: 'received', heading: 'Đã nhận', money: true }, { key: 'disbursed', heading: 'Đã chi', money: true },
      { key: 'held', heading: 'Đang chờ chi', money: true }, { key: 'outstandingEmergency', heading: 'Tạm ứng khẩn cấp chưa quyết toán', money: true },
      { key: 'available', heading: 'Còn lại', money: true },
    ],
    rows,
    summary: { available: money(sum(rows.map((r) => r.available))) },
  };
}

export function campaignsReport(facts: Facts, fromMs: number | null, toMs: number | null, withReleases = false): Parts {
  const rows = facts.campaigns.filter((c) => toMs === null || c.receive_from_ms <= toMs).map((c) => {
    const donations = facts.donations.filter((d) => d.campaign_id === c.campaign_id);
    const spending = { disbursements: facts.disbursements.filter((d) => d.campaign_id === c.campaign_id), releases: facts.releases.filter((r) => r.campaign_id === c.campaign_id) };
    const received = cashReceived(donations, fromMs, toMs);
    const distributed = cashPaid(spending, fromMs, toMs);
    // Every dong received by the period's end paid out by the deadline (null before the deadline is due).
    const deadline = c.distribute_until_ms;
    const due = deadline !== null && (toMs === null || deadline <= toMs);
    const paidByDeadline = due ? cashPaid(spending, null, deadline) : new MoneyDecimal(0);
    const undistributed = due ? cashReceived(donations, null, toMs).minus(paidByDeadline) : new MoneyDecimal(0);
    // Whom the campaign reached by the period's end, each once: each household a paid list names
    // unless its share was closed as not delivered by then, each who took a share home by then
    // (whatever became of the payment), the beneficiary of a paid request without a list, the
    // recipient of a settled release.
    const people = new Set<string>();
    for (const d of spending.disbursements) {
      const lines = facts.shares.filter((share) => share.disbursement_id === d.disbursement_id);
      if (lines.length === 0 && d.status === 'paid') people.add(`name ${d.beneficiary}`);
      for (const line of lines) {
        const datedByEnd = line.handed_over_at_ms !== null && (toMs === null || line.handed_over_at_ms <= toMs);
        const received = line.status === 'received' && datedByEnd;
        const closed = line.status !== 'received' && line.closed === 1 && datedByEnd;
        if (received || (d.status === 'paid' && !closed)) people.add(`id ${line.beneficiary_id}`);
      }
    }
    for (const r of spending.releases) if (r.status === 'settled') people.add(`name ${r.recipient}`);
    const disaster = c.kind === 'disaster';
    return {
      campaignId: c.campaign_id, name: c.name, kind: c.kind, receiveFrom: c.receive_from, receiveUntil: c.receive_until, distributeUntil: c.distribute_until,
      received: money(received), inKindReceived: money(sum(donations.filter((d) => d.cash === 0 && keptAt(d, toMs) && inPeriod(d.received_at_ms, fromMs, toMs)).map((d) => d.amount_vnd))),
      // The oracle's books record no distribution: nothing in kind is handed out, all of it is still held.
      inKindDistributed: '0',
      inKindOnHand: money(sum(donations.filter((d) => d.cash === 0 && keptAt(d, toMs) && inPeriod(d.received_at_ms, null, toMs)).map((d) => d.amount_vnd))),
      distributed: money(distributed), beneficiariesReached: people.size,
      // A campaign without a pool never has less than nothing left.
      remaining: money(((left) => (c.restriction_id === null && left.isNegative() ? new MoneyDecimal(0) : left))(cashReceived(donations, null, toMs).minus(cashPaid(spending, null, toMs)))),
      // Released and not settled by the period's end: in what remains, said beside it.
      ...(withReleases ? { outstandingEmergency: money(sum(spending.releases.filter((r) => r.status === 'open').map((r) => r.amount))) } : {}),
      // Decree 93/2021 Art. 8: receiving at most 90 days; distribution ends at most 20 days after receiving closes.
      receivingWithin90Days: disaster ? c.receive_until_ms - c.receive_from_ms <= 90 * DAY_MS : null,
      distributionWithin20Days: disaster ? c.distribute_until_ms !== null && c.distribute_until_ms - c.receive_until_ms <= 20 * DAY_MS : null,
      distributedByDeadline: due ? paidByDeadline.gt(0) && undistributed.lte(0) : null,
      undistributedAtDeadline: due ? money(undistributed.isNegative() ? new MoneyDecimal(0) : undistributed) : null,
    };
  });
  return {
    columns: [
      { key: 'campaignId', heading: 'Mã đợt vận động' }, { key: 'name', heading: 'Tên đợt vận động' }, { key: 'kind', heading: 'Loại' },
      { key: 'receiveFrom', heading: 'Tiếp nhận từ' }, { key: 'receiveUntil', heading: 'Tiếp nhận đến' }, { key: 'distributeUntil', heading: 'Phân phối đến' },
      { key: 'received', heading: 'Tiền đã nhận', money: true }, { key: 'inKindReceived', heading: 'Hiện vật (giá trị)', money: true },
      { key: 'inKindDistributed', heading: 'Hiện vật đã phân phối (giá trị)', money: true }, { key: 'inKindOnHand', heading: 'Hiện vật còn lại (giá trị)', money: true },
      { key: 'distributed', heading: 'Đã phân phối', money: true }, { key: 'beneficiariesReached', heading: 'Số đối tượng được hỗ trợ' },
      { key: 'remaining', heading: 'Còn lại', money: true },
      ...(withReleases ? [{ key: 'outstandingEmergency', heading: 'Trong đó: tạm ứng khẩn cấp chưa quyết toán', money: true }] : []),
      { key: 'receivingWithin90Days', heading: 'Tiếp nhận không quá 90 ngày' },
      { key: 'distributionWithin20Days', heading: 'Phân phối không quá 20 ngày sau tiếp nhận' }, { key: 'distributedByDeadline', heading: 'Phân phối đúng hạn' },
      { key: 'undistributedAtDeadline', heading: 'Chưa phân phối khi hết hạn', money: true },
    ],
    rows,
    summary: { campaigns: rows.length },
  };
}

/** The honour list: identified donors by total given (cash and in kind), anonymous gifts each on their own line. */
export function donorsReport(facts: Facts, fromMs: number | null, toMs: number | null): Parts {
  // A gift reversed by the position read is left out, whatever the reversal's date.
  const given = facts.donations.filter((d) => d.reversed !== 1 && inPeriod(d.received_at_ms, fromMs, toMs));
  const groups = new Map<string, { donorName: string; kind: string; donations: number; total: MoneyDecimal }>();
  for (const d of given) {
    // Anonymous gifts are never grouped, so the list cannot tell that two of them came from one person.
    const key = d.donor_kind === 'anonymous' ? `anonymous:${d.receipt_no}` : `${d.donor_kind}:${d.published_name}`;
    const group = groups.get(key) ?? { donorName: d.published_name, kind: d.donor_kind, donations: 0, total: new MoneyDecimal(0) };
    group.donations += 1;
    group.total = group.total.plus(d.amount_vnd);
    groups.set(key, group);
  }
  const ranked = [...groups.values()].sort((a, b) => b.total.comparedTo(a.total) || a.donorName.localeCompare(b.donorName, 'vi'));
  const rows = ranked.map((g, i) => ({ rank: i + 1, donorName: g.donorName, kind: g.kind, donations: g.donations, total: money(g.total) }));
  return {
    columns: [
      { key: 'rank', heading: 'Hạng' }, { key: 'donorName', heading: 'Nhà hảo tâm' }, { key: 'kind', heading: 'Loại' },
      { key: 'donations', heading: 'Số lần ủng hộ' }, { key: 'total', heading: 'Tổng giá trị', money: true },
    ],
    rows,
    summary: { donors: rows.length, total: money(sum(rows.map((r) => r.total))) },
  };
}

/** `1234.5` → `1.234,5`: a decimal written the Vietnamese way. */
const vi = (text: string) => { const [whole, fraction] = text.split('.'); return whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (fraction ? `,${fraction}` : ''); };

/** A gift in foreign currency (money or goods valued in it): its amount at the currency's scale and its rate, written the Vietnamese way; null in VND. */
function foreignOf(d: Facts['donations'][number]): string | null {
  if (d.currency === 'VND' || d.fx_rate === null) return null;
  const decimals = ['JPY', 'KRW', 'VND'].includes(d.currency) ? 0 : ['KWD', 'BHD'].includes(d.currency) ? 3 : 2;
  return `${vi(new MoneyDecimal(d.amount).toFixed(decimals))} ${d.currency}, tỷ giá ${vi(d.fx_rate)}`;
}

/** A cash gift in foreign currency: its amount and rate after its purpose. */
function givenIn(d: Facts['donations'][number]): string | null {
  const given = foreignOf(d);
  if (given === null) return d.restriction_purpose;
  return d.restriction_purpose === null ? given : `${d.restriction_purpose} (${given})`;
}

/** Goods: their quantity written the Vietnamese way, and the currency they were valued in when not VND. */
function goodsOf(d: Facts['donations'][number], inKind: { description: string; quantity: string; unit: string }): string {
  const given = foreignOf(d);
  return `${inKind.description} (${vi(inKind.quantity)} ${inKind.unit}${given === null ? '' : `; ${given}`})`;
}

/** Decree 93/2019 Art. 38(4), with the period's reversals of earlier donations and payments as negative lines. */
export function disclosureReport(facts: Facts, fromMs: number | null, toMs: number | null): Parts {
  const line = (d: Facts['donations'][number], reversal: boolean) => {
    const inKind = d.in_kind_json === null ? null : (JSON.parse(d.in_kind_json) as { description: string; quantity: string; unit: string });
    const amount = reversal ? `-${d.amount_vnd}` : String(d.amount_vnd);
    return {
      section: reversal ? 'donation-reversal' : 'donation', date: reversal ? d.reversed_at : d.received_at, reference: d.receipt_no, name: d.published_name,
      description: inKind === null ? givenIn(d) : goodsOf(d, inKind),
      cash: d.cash === 1 ? amount : '0', inKindValue: d.cash === 0 ? amount : '0', used: null as string | null, remaining: null as string | null,
    };
  };
  const reversedEarlier = fromMs === null ? [] : facts.donations
    .filter((d) => d.reversed === 1 && d.received_at_ms < fromMs && inPeriod(d.reversed_at_ms, fromMs, toMs))
    .sort((a, b) => Number(a.reversed_at_ms) - Number(b.reversed_at_ms));
  const donations = [
    ...facts.donations.filter((d) => keptAt(d, toMs) && inPeriod(d.received_at_ms, fromMs, toMs)).map((d) => line(d, false)),
    ...reversedEarlier.map((d) => line(d, true)),
  ];
  const recipients = [
    ...facts.disbursements.filter((d) => d.status === 'paid' && inPeriod(d.paid_at_ms, fromMs, toMs)).map((d) => ({
      section: 'recipient', date: d.paid_at as string, reference: d.disbursement_id, name: d.beneficiary, description: d.purpose,
      cash: paidOf(d).toFixed(), inKindValue: '0', used: null as string | null, remaining: null as string | null,
    })),
    ...facts.releases.filter((r) => r.status === 'settled' && inPeriod(r.settled_at_ms, fromMs, toMs)).map((r) => ({
      section: 'recipient', date: r.settled_at as string, reference: r.release_id, name: r.recipient, description: r.incident,
      cash: String(r.spent ?? 0), inKindValue: '0', used: null as string | null, remaining: null as string | null,
    })),
  ].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.reference.localeCompare(b.reference));
  const reversedPayments = facts.disbursements
    .filter((d) => d.status === 'reversed' && inPeriod(d.reversed_at_ms, fromMs, toMs) && !inPeriod(d.paid_at_ms, fromMs, toMs)).map((d) => ({
      section: 'recipient-reversal', date: d.reversed_at as string, reference: d.disbursement_id, name: d.beneficiary, description: d.purpose,
      cash: givenBackOf(d).negated().toFixed(), inKindValue: '0', used: null as string | null, remaining: null as string | null,
    }))
    .concat(facts.releases.filter((r) => inPeriod(r.settlement_reversed_at_ms ?? null, fromMs, toMs) && !inPeriod(r.settled_at_ms, fromMs, toMs)).map((r) => ({
      section: 'recipient-reversal', date: r.settlement_reversed_at as string, reference: r.release_id, name: r.recipient, description: r.incident,
      cash: `-${r.spent ?? 0}`, inKindValue: '0', used: null as string | null, remaining: null as string | null,
    })))
    .concat(facts.disbursements.filter((d) => !(d.status === 'reversed' && inPeriod(d.paid_at_ms, fromMs, toMs) && inPeriod(d.reversed_at_ms, fromMs, toMs)))
      .flatMap((d) => d.returns.filter((r) => inPeriod(r.returned_at_ms, fromMs, toMs)).map((r) => ({
      section: 'recipient-reversal', date: r.returned_at, reference: d.disbursement_id, name: d.beneficiary,
      description: `${d.purpose}: tiền chi trả không phát được, nộp lại quỹ`,
      cash: `-${r.amount}`, inKindValue: '0', used: null as string | null, remaining: null as string | null,
    }))))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.reference.localeCompare(b.reference));
  // The books hold no transfers or moves: a pool is given its donations, uses what was paid, and
  // still holds the rest (requests not yet paid and unsettled emergency money included).
  const results = designationsReport(facts, toMs).rows.map((r) => ({
    section: 'result', date: null, reference: String(r.restrictionId), name: null, description: r.purpose === null ? null : String(r.purpose),
    cash: String(r.received), inKindValue: '0', used: String(r.disbursed), remaining: money(new MoneyDecimal(String(r.received)).minus(String(r.disbursed))),
  }));
  const rows = [...donations, ...recipients, ...reversedPayments, ...results];
  return {
    columns: [
      { key: 'section', heading: 'Phần' }, { key: 'date', heading: 'Ngày' }, { key: 'reference', heading: 'Số chứng từ' }, { key: 'name', heading: 'Tên' },
      { key: 'description', heading: 'Nội dung' }, { key: 'cash', heading: 'Số tiền', money: true }, { key: 'inKindValue', heading: 'Giá trị hiện vật', money: true },
      { key: 'used', heading: 'Đã sử dụng', money: true }, { key: 'remaining', heading: 'Còn lại', money: true },
    ],
    rows,
    summary: {
      cashReceived: money(sum(donations.map((d) => d.cash))), inKindReceived: money(sum(donations.map((d) => d.inKindValue))),
      paidToRecipients: money(sum([...recipients, ...reversedPayments].map((r) => r.cash))),
      // The oracle's books record no distribution, so nothing in kind is handed out.
      inKindUsed: '0',
    },
  };
}

/** Opening balance, receipts by revenue category (R2), payments by kind, management cost against its cap, closing balance. */
export function financialReport(facts: Facts, fromMs: number | null, toMs: number | null, asRead: Facts = facts): Parts {
  const before = fromMs === null ? null : fromMs - 1;
  const opening = before === null ? new MoneyDecimal(0) : cashReceived(facts.donations, null, before).minus(cashPaid(facts, null, before));
  const receipts = REVENUE_CATEGORIES.map((category) => ({ category, amount: cashReceived(facts.donations.filter((d) => d.revenue_category === category), fromMs, toMs) }));
  const payments = DISBURSEMENT_KINDS.map((kind) => ({ kind, amount: cashPaid(facts, fromMs, toMs, kind) }));
  const emergency = emergencySpent(facts.releases, fromMs, toMs);
  const totalReceipts = sum(receipts.map((r) => r.amount.toFixed()));
  const totalPayments = sum(payments.map((p) => p.amount.toFixed())).plus(emergency);
  const closing = opening.plus(totalReceipts).minus(totalPayments);
  const managementCost = payments.find((p) => p.kind === 'management_cost')?.amount ?? new MoneyDecimal(0);
  const base = MoneyDecimal.max(0, cashReceived(facts.donations.filter((d) => d.in_management_cost_base === 1), fromMs, toMs));
  // The version in force on the period's last day (the newest without an end).
  const lastDay = toMs === null ? null : new Date(toMs + 7 * 3_600_000).toISOString().slice(0, 10);
  const inForce = facts.policyVersions.filter((v) => lastDay === null || v.effective_from === null || v.effective_from <= lastDay).at(-1);
  const capPercent = new MoneyDecimal(inForce === undefined ? facts.policy.managementCostCapPercent
    : (JSON.parse(inForce.policy_json) as { managementCostCapPercent: string }).managementCostCapPercent);
  const rows: ReportRow[] = [
    { line: 'opening', label: 'Số dư đầu kỳ', amount: money(opening) },
    ...receipts.map((r) => ({ line: `receipts.${r.category}`, label: `Thu: ${REVENUE_LABELS[r.category]}`, amount: money(r.amount) })),
    { line: 'receipts.total', label: 'Tổng thu', amount: money(totalReceipts) },
    ...payments.map((p) => ({ line: `payments.${p.kind}`, label: `Chi: ${PAYMENT_LABELS[p.kind]}`, amount: money(p.amount) })),
    { line: 'payments.emergency', label: 'Chi: cứu trợ khẩn cấp (đã quyết toán)', amount: money(emergency) },
    { line: 'payments.total', label: 'Tổng chi', amount: money(totalPayments) },
    { line: 'closing', label: 'Số dư cuối kỳ', amount: money(closing) },
    // Released and not settled by the end: in the closing balance, no longer in the bank.
    ...(asRead.releases.length > 0 ? [{
      line: 'memo.emergencyOutstanding', label: 'Tạm ứng khẩn cấp chưa quyết toán (cuối kỳ, có trong số dư cuối kỳ)',
      amount: money(sum(facts.releases.filter((r) => r.status === 'open').map((r) => r.amount))),
    }] : []),
  ];
  // The working counts what was rejected or reversed by the position as never used, as the decider does.
  const working = managementCostWorking(asRead, toMs);
  return {
    columns: [{ key: 'line', heading: 'Mã chỉ tiêu' }, { key: 'label', heading: 'Chỉ tiêu' }, { key: 'amount', heading: 'Số tiền', money: true }],
    rows,
    summary: {
      managementCost: money(managementCost), managementCostBase: money(base), managementCostCapPercent: capPercent.toFixed(),
      managementCostCap: money(base.times(capPercent).dividedBy(100).toDecimalPlaces(0, MoneyDecimal.ROUND_DOWN)),
      managementCostPercent: base.isZero() ? null : managementCost.times(100).dividedBy(base).toDecimalPlaces(2, MoneyDecimal.ROUND_HALF_UP).toFixed(2),
      // The year's verdict (R6, with what earlier years carried over), the period's ratio when no policy was recorded.
      withinCap: working.managementCostLimit === null
        ? managementCost.times(100).lte(base.times(capPercent))
        : !new MoneyDecimal(working.managementCostUsed as string).gt(working.managementCostLimit as string),
      ...working,
    },
  };
}

/** R6 for the year the period ends in, from every row one by one, through the shared cap function. */
function managementCostWorking(facts: Facts, toMs: number | null): Record<string, string | number | boolean | null> {
  const yearOf = (ms: number) => fiscalYearOf(new Date(ms).toISOString());
  const upTo = (ms: number | null) => ms !== null && (toMs === null || ms <= toMs);
  const add = (map: Map<number, MoneyDecimal>, year: number, amount: MoneyDecimal) => map.set(year, (map.get(year) ?? new MoneyDecimal(0)).plus(amount));
  const eligible = new Map<number, MoneyDecimal>();
  for (const d of facts.donations.filter((row) => row.cash === 1 && row.in_management_cost_base === 1)) {
    if (upTo(d.received_at_ms)) add(eligible, yearOf(d.received_at_ms), new MoneyDecimal(d.amount_vnd));
    if (d.reversed === 1 && upTo(d.reversed_at_ms)) add(eligible, yearOf(d.reversed_at_ms as number), new MoneyDecimal(d.amount_vnd).negated());
  }
  const used = new Map<number, MoneyDecimal>();
  // A request counts in its request's year, and leaves it again once rejected, whenever dated; each step that takes money off a cost
  // (the shares a payment left out, a share's money given back, a reversal) in the year of its own date.
  const off = (year: number, amount: MoneyDecimal) => add(used, year, amount.negated());
  for (const d of facts.disbursements.filter((row) => row.kind === 'management_cost')) {
    if (upTo(d.requested_at_ms)) add(used, yearOf(d.requested_at_ms), new MoneyDecimal(d.amount));
    if (d.status === 'rejected' && upTo(d.requested_at_ms)) off(yearOf(d.requested_at_ms), new MoneyDecimal(d.amount));
    if (upTo(d.paid_at_ms)) off(yearOf(d.paid_at_ms as number), new MoneyDecimal(d.withheld));
    for (const r of d.returns) if (upTo(r.returned_at_ms)) off(yearOf(r.returned_at_ms), new MoneyDecimal(r.amount));
    if (d.status === 'reversed' && upTo(d.reversed_at_ms)) off(yearOf(d.reversed_at_ms as number), givenBackOf(d));
  }
  const known = [...eligible.keys(), ...used.keys()];
  const year = toMs === null ? (known.length === 0 ? null : Math.max(...known)) : yearOf(toMs);
  const versions = facts.policyVersions.map((v) => {
    const policy = JSON.parse(v.policy_json) as { managementCostWarnPercent?: string; managementCostCapPercent: string };
    return { effectiveFrom: v.effective_from, policy: { managementCostCapPercent: policy.managementCostCapPercent, managementCostWarnPercent: policy.managementCostWarnPercent ?? policy.managementCostCapPercent } };
  });
  const f = year === null || versions.length === 0 ? null
    : managementCostFigures(managementCostFacts(eligible, used, versions, year, toMs === null ? `${year}-12-31` : vietnamDateOf(new Date(toMs).toISOString())), year);
  return {
    managementCostYear: f?.year ?? null, managementCostYearBase: f?.base ?? null, managementCostWarnPercent: f?.warnPercent ?? null,
    managementCostYearCapPercent: f?.capPercent ?? null, managementCostBudget: f?.budget ?? null, managementCostCarriedForward: f?.carriedForward ?? null,
    managementCostUsed: f?.used ?? null, managementCostRemaining: f?.remaining ?? null, managementCostLimit: f?.limit ?? null,
    managementCostWarning: f?.warning ?? false,
  };
}

const REVENUE_LABELS: Record<string, string> = {
  voluntary_contribution: 'đóng góp tự nguyện, tài trợ', service_income: 'dịch vụ và hoạt động khác', state_budget: 'ngân sách nhà nước',
  interest: 'lãi tiền gửi, trái phiếu', other: 'thu hợp pháp khác',
};
const PAYMENT_LABELS: Record<string, string> = {
  humanitarian: 'trợ giúp nhân đạo', relief: 'cứu trợ', management_cost: 'chi phí quản lý', transfer: 'chuyển quỹ cấp khác',
};


/** Every row of the fund's registers, as the old controller read them. */
export function readAllFacts(db: Database.Database, fundId: string): Facts {
  const all = <T>(sql: string) => registerRows(db, sql, [fundId]) as unknown as T[];
  const fund = registerRows(db, 'SELECT policy_json FROM register_funds WHERE fund_id = ?', [fundId])[0] as { policy_json: string } | undefined;
  const returns = all<{ disbursement_id: string; amount: string; returned_at: string; returned_at_ms: number }>(
    'SELECT disbursement_id, amount, returned_at, returned_at_ms FROM register_share_returns WHERE fund_id = ? ORDER BY position');
  return {
    donations: all(`SELECT receipt_no, received_at, received_at_ms, amount_vnd, cash, revenue_category, in_management_cost_base, campaign_id, restriction_id,
      restriction_purpose, component, donor_kind, donor_name, donor_public_name, published_name, in_kind_json, reversed, reversed_at, reversed_at_ms,
      currency, amount, fx_rate
      FROM register_donations WHERE fund_id = ? ORDER BY received_at_ms, position`),
    disbursements: all<Omit<Facts['disbursements'][number], 'returns'>>(`SELECT disbursement_id, amount, kind, status, campaign_id, restriction_id, component, purpose, beneficiary,
      requested_at_ms, approved_at_ms, rejected_at_ms, paid_at, paid_at_ms, reversed_at, reversed_at_ms, CAST(withheld AS TEXT) AS withheld,
      CAST(given_back AS TEXT) AS given_back
      FROM register_disbursements WHERE fund_id = ? ORDER BY requested_at_ms, position`).map((d) => ({
      ...d, returns: returns.filter((r) => r.disbursement_id === d.disbursement_id).map(({ amount, returned_at, returned_at_ms }) => ({ amount, returned_at, returned_at_ms })),
    })),
    releases: all(`SELECT release_id, amount, status, campaign_id, restriction_id, component, incident, recipient, released_at_ms,
      last_settlement_spent AS spent, last_settlement_at AS settled_at, last_settlement_at_ms AS settled_at_ms, last_settlement_position,
      reversed_at, reversed_at_ms, reversed_position
      FROM register_emergency_releases WHERE fund_id = ? ORDER BY released_at_ms, position`),
    campaigns: all(`SELECT campaign_id, name, kind, receive_from, receive_from_ms, receive_until, receive_until_ms, distribute_until, distribute_until_ms, restriction_id
      FROM register_campaigns WHERE fund_id = ? ORDER BY receive_from_ms, campaign_id`),
    shares: all(`SELECT l.disbursement_id, l.beneficiary_id, h.status, h.closed, h.handed_over_at_ms
      FROM register_distribution_lines l
      LEFT JOIN register_handovers h ON h.fund_id = l.fund_id AND h.disbursement_id = l.disbursement_id AND h.beneficiary_id = l.beneficiary_id
      WHERE l.fund_id = ? ORDER BY l.position, l.beneficiary_id`),
    policy: fund === undefined ? { managementCostCapPercent: '5' } : (JSON.parse(fund.policy_json) as { managementCostCapPercent: string }),
    policyVersions: all('SELECT effective_from, policy_json FROM register_policy_versions WHERE fund_id = ? ORDER BY position'),
  };
}

/** A report by the reference implementation. */
export function oracleReport(factsAsRead: Facts, report: ReportName, from: number | null, to: number | null): Parts {
  const facts = cutAt(factsAsRead, to);
  switch (report) {
    case 'designations': return designationsReport(facts, to);
    case 'campaigns': return campaignsReport(facts, from, to, factsAsRead.releases.some((r) => r.campaign_id !== null));
    case 'donors': return donorsReport(facts, from, to);
    case 'disclosure': return disclosureReport(facts, from, to);
    case 'financial': return financialReport(facts, from, to, factsAsRead);
    case 'network': throw new Error('the network report reads only transfers, which the reference books never hold');
  }
}
