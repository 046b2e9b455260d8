import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { DisbursementRegisterProjection } from '../../../projections/disbursement-register.projection';
import { DonationRegisterProjection } from '../../../projections/donation-register.projection';
import { EmergencyRegisterProjection } from '../../../projections/emergency-register.projection';
import { FundRegisterProjection } from '../../../projections/fund-register.projection';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { REVENUE_CATEGORIES } from '../../domain/donation/donation.events';
import { formatVndVietnamese, MoneyDecimal } from '../../domain/money';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { ApiError, validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { positionParam } from '../read-consistency';
import { fundParam } from './params';
import { alignTables, enumParam, ensureFundExists, periodParams } from './registers.controller';

export const REPORTS = ['designations', 'campaigns', 'donors', 'disclosure', 'financial'] as const;
export type ReportName = (typeof REPORTS)[number];
const FORMATS = ['json', 'csv', 'xlsx'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A column of a report table: its JSON key, its Vietnamese heading, and whether it holds VND. */
export interface ReportColumn {
  key: string;
  heading: string;
  money?: boolean;
}

type Cell = string | number | boolean | null;
type ReportRow = Record<string, Cell>;

export interface ReportBody {
  report: ReportName;
  fundId: string;
  currency: 'VND';
  from: number | null;
  to: number | null;
  /** The log position every figure reflects. */
  position: number;
  columns: ReportColumn[];
  rows: ReportRow[];
  summary: Record<string, Cell>;
}

// ---------------------------------------------------------------------------------------------
// Facts read from the registers
// ---------------------------------------------------------------------------------------------

interface Facts {
  donations: {
    receipt_no: string; received_at: string; received_at_ms: number; amount_vnd: number; cash: number; revenue_category: string;
    in_management_cost_base: number; campaign_id: string | null; restriction_id: string | null; restriction_purpose: string | null;
    component: string; donor_kind: string; donor_name: string; donor_public_name: string | null; published_name: string;
    in_kind_json: string | null; reversed: number; reversed_at_ms: number | null;
  }[];
  disbursements: {
    disbursement_id: string; amount: number; kind: string; status: string; campaign_id: string | null; restriction_id: string | null;
    component: string; purpose: string; beneficiary: string; paid_at: string | null; paid_at_ms: number | null; reversed_at_ms: number | null;
  }[];
  releases: {
    release_id: string; amount: number; status: string; campaign_id: string | null; restriction_id: string | null; component: string;
    incident: string; recipient: string; spent: number | null; settled_at: string | null; settled_at_ms: number | null;
  }[];
  campaigns: {
    campaign_id: string; name: string; kind: string; receive_from: string; receive_from_ms: number; receive_until: string; receive_until_ms: number;
    distribute_until: string | null; distribute_until_ms: number | null; restriction_id: string | null;
  }[];
  policy: { managementCostCapPercent: string };
}

const sum = (values: Iterable<number | string>) => {
  let total = new MoneyDecimal(0);
  for (const value of values) total = total.plus(value);
  return total;
};
const inPeriod = (ms: number | null, fromMs: number | null, toMs: number | null) => ms !== null && (fromMs === null || ms >= fromMs) && (toMs === null || ms <= toMs);
const upTo = (ms: number | null, toMs: number | null) => ms !== null && (toMs === null || ms <= toMs);

// ---------------------------------------------------------------------------------------------
// Reports: pure functions of the facts and the period
// ---------------------------------------------------------------------------------------------

/** Cash in a set of donations over [from, to]: receipts dated in it, less reversals dated in it. */
function cashReceived(donations: Facts['donations'], fromMs: number | null, toMs: number | null): MoneyDecimal {
  const cash = donations.filter((d) => d.cash === 1);
  return sum(cash.filter((d) => inPeriod(d.received_at_ms, fromMs, toMs)).map((d) => d.amount_vnd))
    .minus(sum(cash.filter((d) => d.reversed === 1 && inPeriod(d.reversed_at_ms, fromMs, toMs)).map((d) => d.amount_vnd)));
}

/** Payments over [from, to]: payments dated in it, less payment reversals dated in it, plus emergency money spent. */
function cashPaid(facts: Pick<Facts, 'disbursements' | 'releases'>, fromMs: number | null, toMs: number | null, kind?: string): MoneyDecimal {
  const paid = facts.disbursements.filter((d) => (kind === undefined || d.kind === kind) && d.paid_at_ms !== null);
  const payments = sum(paid.filter((d) => inPeriod(d.paid_at_ms, fromMs, toMs)).map((d) => d.amount))
    .minus(sum(paid.filter((d) => d.status === 'reversed' && inPeriod(d.reversed_at_ms, fromMs, toMs)).map((d) => d.amount)));
  if (kind !== undefined) return payments;
  return payments.plus(emergencySpent(facts.releases, fromMs, toMs));
}

function emergencySpent(releases: Facts['releases'], fromMs: number | null, toMs: number | null): MoneyDecimal {
  return sum(releases.filter((r) => r.status === 'settled' && inPeriod(r.settled_at_ms, fromMs, toMs)).map((r) => r.spent ?? 0));
}

const money = (value: MoneyDecimal) => value.toFixed(0);

export function designationsReport(facts: Facts, toMs: number | null): Pick<ReportBody, 'columns' | 'rows' | 'summary'> {
  const ids = [...new Set(facts.donations.filter((d) => d.restriction_id !== null).map((d) => String(d.restriction_id)))].sort();
  const rows = ids.map((restrictionId) => {
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
      purpose: donations[0].restriction_purpose ?? facts.campaigns.find((c) => c.restriction_id === restrictionId)?.name ?? null,
      component: donations[0].component, campaignId: donations[0].campaign_id,
      received: money(received), disbursed: money(disbursed), held: money(held), outstandingEmergency: money(outstanding),
      available: money(received.minus(disbursed).minus(held).minus(outstanding)),
    };
  });
  return {
    columns: [
      { key: 'restrictionId', heading: 'Mã khoản hạn chế' }, { key: 'purpose', heading: 'Mục đích' }, { key: 'component', heading: 'Quỹ thành phần' },
      { key: 'campaignId', heading: 'Đợt vận động' }, { key: 'received', heading: 'Đã nhận', money: true }, { key: 'disbursed', heading: 'Đã chi', money: true },
      { key: 'held', heading: 'Đang chờ chi', money: true }, { key: 'outstandingEmergency', heading: 'Tạm ứng khẩn cấp chưa quyết toán', money: true },
      { key: 'available', heading: 'Còn lại', money: true },
    ],
    rows,
    summary: { available: money(sum(rows.map((r) => r.available))) },
  };
}

export function campaignsReport(facts: Facts, fromMs: number | null, toMs: number | null): Pick<ReportBody, 'columns' | 'rows' | 'summary'> {
  const rows = facts.campaigns.map((c) => {
    const donations = facts.donations.filter((d) => d.campaign_id === c.campaign_id);
    const spending = { disbursements: facts.disbursements.filter((d) => d.campaign_id === c.campaign_id), releases: facts.releases.filter((r) => r.campaign_id === c.campaign_id) };
    const received = cashReceived(donations, fromMs, toMs);
    const distributed = cashPaid(spending, fromMs, toMs);
    const paidDates = [
      ...spending.disbursements.filter((d) => d.status === 'paid').map((d) => Number(d.paid_at_ms)),
      ...spending.releases.filter((r) => r.status === 'settled').map((r) => Number(r.settled_at_ms)),
    ];
    const beneficiaries = new Set([
      ...spending.disbursements.filter((d) => d.status === 'paid').map((d) => d.beneficiary),
      ...spending.releases.filter((r) => r.status === 'settled').map((r) => r.recipient),
    ]);
    const disaster = c.kind === 'disaster';
    return {
      campaignId: c.campaign_id, name: c.name, kind: c.kind, receiveFrom: c.receive_from, receiveUntil: c.receive_until, distributeUntil: c.distribute_until,
      received: money(received), inKindReceived: money(sum(donations.filter((d) => d.cash === 0 && d.reversed === 0 && inPeriod(d.received_at_ms, fromMs, toMs)).map((d) => d.amount_vnd))),
      distributed: money(distributed), beneficiariesReached: beneficiaries.size,
      remaining: money(cashReceived(donations, null, toMs).minus(cashPaid(spending, null, toMs))),
      // Decree 93/2021 Art. 8: receiving at most 90 days; distribution ends at most 20 days after receiving closes.
      receivingWithin90Days: disaster ? c.receive_until_ms - c.receive_from_ms <= 90 * DAY_MS : null,
      distributionWithin20Days: disaster ? c.distribute_until_ms !== null && c.distribute_until_ms - c.receive_until_ms <= 20 * DAY_MS : null,
      distributedByDeadline: c.distribute_until_ms === null ? null : paidDates.every((ms) => ms <= Number(c.distribute_until_ms)),
    };
  });
  return {
    columns: [
      { key: 'campaignId', heading: 'Mã đợt vận động' }, { key: 'name', heading: 'Tên đợt vận động' }, { key: 'kind', heading: 'Loại' },
      { key: 'receiveFrom', heading: 'Tiếp nhận từ' }, { key: 'receiveUntil', heading: 'Tiếp nhận đến' }, { key: 'distributeUntil', heading: 'Phân phối đến' },
      { key: 'received', heading: 'Tiền đã nhận', money: true }, { key: 'inKindReceived', heading: 'Hiện vật (giá trị)', money: true },
      { key: 'distributed', heading: 'Đã phân phối', money: true }, { key: 'beneficiariesReached', heading: 'Số đối tượng được hỗ trợ' },
      { key: 'remaining', heading: 'Còn lại', money: true }, { key: 'receivingWithin90Days', heading: 'Tiếp nhận không quá 90 ngày' },
      { key: 'distributionWithin20Days', heading: 'Phân phối không quá 20 ngày sau tiếp nhận' }, { key: 'distributedByDeadline', heading: 'Phân phối đúng hạn' },
    ],
    rows,
    summary: { campaigns: rows.length },
  };
}

/** The honour list: identified donors by total given (cash and in kind), anonymous gifts each on their own line. */
export function donorsReport(facts: Facts, fromMs: number | null, toMs: number | null): Pick<ReportBody, 'columns' | 'rows' | 'summary'> {
  const given = facts.donations.filter((d) => d.reversed === 0 && inPeriod(d.received_at_ms, fromMs, toMs));
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

/** Decree 93/2019 Art. 38(4): donors with published names, in-kind and value, recipients, result of use per restricted contribution. */
export function disclosureReport(facts: Facts, fromMs: number | null, toMs: number | null): Pick<ReportBody, 'columns' | 'rows' | 'summary'> {
  const donations = facts.donations.filter((d) => d.reversed === 0 && inPeriod(d.received_at_ms, fromMs, toMs)).map((d) => {
    const inKind = d.in_kind_json === null ? null : (JSON.parse(d.in_kind_json) as { description: string; quantity: string; unit: string });
    return {
      section: 'donation', date: d.received_at, reference: d.receipt_no, name: d.published_name,
      description: inKind === null ? d.restriction_purpose : `${inKind.description} (${inKind.quantity} ${inKind.unit})`,
      cash: d.cash === 1 ? String(d.amount_vnd) : '0', inKindValue: d.cash === 0 ? String(d.amount_vnd) : '0', used: null as string | null, remaining: null as string | null,
    };
  });
  const recipients = [
    ...facts.disbursements.filter((d) => d.status === 'paid' && inPeriod(d.paid_at_ms, fromMs, toMs)).map((d) => ({
      section: 'recipient', date: d.paid_at as string, reference: d.disbursement_id, name: d.beneficiary, description: d.purpose,
      cash: String(d.amount), inKindValue: '0', used: null as string | null, remaining: null as string | null,
    })),
    ...facts.releases.filter((r) => r.status === 'settled' && inPeriod(r.settled_at_ms, fromMs, toMs)).map((r) => ({
      section: 'recipient', date: r.settled_at as string, reference: r.release_id, name: r.recipient, description: r.incident,
      cash: String(r.spent ?? 0), inKindValue: '0', used: null as string | null, remaining: null as string | null,
    })),
  ].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.reference.localeCompare(b.reference));
  const results = designationsReport(facts, toMs).rows.map((r) => ({
    section: 'result', date: null, reference: String(r.restrictionId), name: null, description: r.purpose === null ? null : String(r.purpose),
    cash: String(r.received), inKindValue: '0', used: String(r.disbursed), remaining: String(r.available),
  }));
  const rows = [...donations, ...recipients, ...results];
  return {
    columns: [
      { key: 'section', heading: 'Phần' }, { key: 'date', heading: 'Ngày' }, { key: 'reference', heading: 'Số chứng từ' }, { key: 'name', heading: 'Tên' },
      { key: 'description', heading: 'Nội dung' }, { key: 'cash', heading: 'Số tiền', money: true }, { key: 'inKindValue', heading: 'Giá trị hiện vật', money: true },
      { key: 'used', heading: 'Đã sử dụng', money: true }, { key: 'remaining', heading: 'Còn lại', money: true },
    ],
    rows,
    summary: {
      cashReceived: money(sum(donations.map((d) => d.cash))), inKindReceived: money(sum(donations.map((d) => d.inKindValue))),
      paidToRecipients: money(sum(recipients.map((r) => r.cash))),
    },
  };
}

/** Opening balance, receipts by revenue category (R2), payments by kind, management cost against its cap, closing balance. */
export function financialReport(facts: Facts, fromMs: number | null, toMs: number | null): Pick<ReportBody, 'columns' | 'rows' | 'summary'> {
  const before = fromMs === null ? null : fromMs - 1;
  const opening = before === null ? new MoneyDecimal(0) : cashReceived(facts.donations, null, before).minus(cashPaid(facts, null, before));
  const receipts = REVENUE_CATEGORIES.map((category) => ({ category, amount: cashReceived(facts.donations.filter((d) => d.revenue_category === category), fromMs, toMs) }));
  const payments = DISBURSEMENT_KINDS.map((kind) => ({ kind, amount: cashPaid(facts, fromMs, toMs, kind) }));
  const emergency = emergencySpent(facts.releases, fromMs, toMs);
  const totalReceipts = sum(receipts.map((r) => r.amount.toFixed()));
  const totalPayments = sum(payments.map((p) => p.amount.toFixed())).plus(emergency);
  const closing = opening.plus(totalReceipts).minus(totalPayments);
  const managementCost = payments.find((p) => p.kind === 'management_cost')?.amount ?? new MoneyDecimal(0);
  const base = cashReceived(facts.donations.filter((d) => d.in_management_cost_base === 1), fromMs, toMs);
  const capPercent = new MoneyDecimal(facts.policy.managementCostCapPercent);
  const rows: ReportRow[] = [
    { line: 'opening', label: 'Số dư đầu kỳ', amount: money(opening) },
    ...receipts.map((r) => ({ line: `receipts.${r.category}`, label: `Thu: ${REVENUE_LABELS[r.category]}`, amount: money(r.amount) })),
    { line: 'receipts.total', label: 'Tổng thu', amount: money(totalReceipts) },
    ...payments.map((p) => ({ line: `payments.${p.kind}`, label: `Chi: ${PAYMENT_LABELS[p.kind]}`, amount: money(p.amount) })),
    { line: 'payments.emergency', label: 'Chi: cứu trợ khẩn cấp (đã quyết toán)', amount: money(emergency) },
    { line: 'payments.total', label: 'Tổng chi', amount: money(totalPayments) },
    { line: 'closing', label: 'Số dư cuối kỳ', amount: money(closing) },
  ];
  return {
    columns: [{ key: 'line', heading: 'Mã chỉ tiêu' }, { key: 'label', heading: 'Chỉ tiêu' }, { key: 'amount', heading: 'Số tiền', money: true }],
    rows,
    summary: {
      managementCost: money(managementCost), managementCostBase: money(base), managementCostCapPercent: capPercent.toFixed(),
      managementCostCap: money(base.times(capPercent).dividedBy(100).toDecimalPlaces(0, MoneyDecimal.ROUND_DOWN)),
      managementCostPercent: base.isZero() ? null : managementCost.times(100).dividedBy(base).toDecimalPlaces(2, MoneyDecimal.ROUND_HALF_UP).toFixed(2),
      withinCap: managementCost.times(100).lte(base.times(capPercent)),
    },
  };
}

const REVENUE_LABELS: Record<string, string> = {
  voluntary_contribution: 'đóng góp tự nguyện, tài trợ', service_income: 'dịch vụ và hoạt động khác', state_budget: 'ngân sách nhà nước',
  interest: 'lãi tiền gửi, trái phiếu', other: 'thu hợp pháp khác',
};
const PAYMENT_LABELS: Record<string, string> = {
  humanitarian: 'trợ giúp nhân đạo', relief: 'cứu trợ', management_cost: 'chi phí quản lý', transfer: 'chuyển quỹ cấp khác',
};

// ---------------------------------------------------------------------------------------------
// Output: canonical hash and CSV
// ---------------------------------------------------------------------------------------------

/** sha256 of the canonical JSON (RFC 8785) of the report without its hash: an auditor recomputes it. */
export function reportSha256(body: ReportBody): string {
  return createHash('sha256').update(canonicalize(body) ?? '', 'utf8').digest('hex');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with Vietnamese headings; VND as 1.500.000, booleans as Có/Không, empty for null. */
export function toCsv(body: ReportBody): string {
  const cell = (column: ReportColumn, value: Cell): string => {
    if (value === null) return '';
    if (typeof value === 'boolean') return value ? 'Có' : 'Không';
    if (column.money) return formatVndVietnamese(String(value));
    return String(value);
  };
  const lines = [body.columns.map((c) => csvField(c.heading)).join(',')];
  for (const row of body.rows) lines.push(body.columns.map((c) => csvField(cell(c, row[c.key] ?? null))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Route
// ---------------------------------------------------------------------------------------------

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/funds/:fundId/reports')
export class ReportsController {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    private readonly writer: LedgerWriter,
  ) {}

  @Get(':report')
  @Roles('any')
  @ApiOperation({
    summary: 'Reports: designations, campaigns, donors, disclosure, financial. JSON carries decimal strings, the log `position` and a '
      + 'sha256 of the canonical content; CSV has Vietnamese headings and VND as 1.500.000. Figures use business dates '
      + '(receivedAt, paidAt; settlement time for emergency money); a reversal counts on its own date.',
  })
  @ApiParam({ name: 'report', enum: REPORTS })
  @ApiQuery({ name: 'from', required: false }) @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS }) @ApiQuery({ name: 'minPosition', required: false })
  async report(@Param('fundId') fundIdRaw: string, @Param('report') reportRaw: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const fundId = fundParam(fundIdRaw);
    const report = enumParam('report', reportRaw, REPORTS);
    if (report === undefined) throw validationFailed([{ field: 'report', reason: `must be one of ${REPORTS.join(', ')}` }]);
    const format = enumParam('format', query.format, FORMATS) ?? 'json';
    const { fromMs, toMs } = periodParams(query);
    if (format === 'xlsx') {
      throw new ApiError(501, 'FORMAT_UNAVAILABLE', 'XLSX output needs the exceljs package, which is not installed yet; use format=json or csv', { format });
    }
    const runners = [DonationRegisterProjection, DisbursementRegisterProjection, EmergencyRegisterProjection, FundRegisterProjection].map((p) => this.projections.tableRunner(p));
    const position = await alignTables(runners, positionParam('minPosition', query.minPosition));
    await ensureFundExists(runners[3], this.writer, fundId);
    // Synchronous from here on: every register stays at `position` while it is read.
    const facts = readFacts(runners[0].db, fundId);
    const from = fromMs ?? null;
    const to = toMs ?? null;
    const parts = report === 'designations' ? designationsReport(facts, to)
      : report === 'campaigns' ? campaignsReport(facts, from, to)
        : report === 'donors' ? donorsReport(facts, from, to)
          : report === 'disclosure' ? disclosureReport(facts, from, to)
            : financialReport(facts, from, to);
    const body: ReportBody = { report, fundId, currency: 'VND', from, to, position, ...parts };
    const sha256 = reportSha256(body);
    if (format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fundId}-${report}-${position}.csv"`)
        .header('x-report-position', String(position)).header('x-report-sha256', sha256);
      return toCsv(body);
    }
    return { ...body, sha256 };
  }
}

function readFacts(db: import('better-sqlite3').Database, fundId: string): Facts {
  const all = <T>(sql: string) => db.prepare(sql).all(fundId) as T[];
  const fund = db.prepare('SELECT policy_json FROM register_funds WHERE fund_id = ?').get(fundId) as { policy_json: string } | undefined;
  return {
    donations: all(`SELECT receipt_no, received_at, received_at_ms, amount_vnd, cash, revenue_category, in_management_cost_base, campaign_id, restriction_id,
      restriction_purpose, component, donor_kind, donor_name, donor_public_name, published_name, in_kind_json, reversed, reversed_at_ms
      FROM register_donations WHERE fund_id = ? ORDER BY received_at_ms, position`),
    disbursements: all(`SELECT disbursement_id, amount, kind, status, campaign_id, restriction_id, component, purpose, beneficiary, paid_at, paid_at_ms, reversed_at_ms
      FROM register_disbursements WHERE fund_id = ? ORDER BY requested_at_ms, position`),
    releases: all(`SELECT release_id, amount, status, campaign_id, restriction_id, component, incident, recipient, spent, settled_at, settled_at_ms
      FROM register_emergency_releases WHERE fund_id = ? ORDER BY released_at_ms, position`),
    campaigns: all(`SELECT campaign_id, name, kind, receive_from, receive_from_ms, receive_until, receive_until_ms, distribute_until, distribute_until_ms, restriction_id
      FROM register_campaigns WHERE fund_id = ? ORDER BY receive_from_ms, campaign_id`),
    policy: fund === undefined ? { managementCostCapPercent: '5' } : (JSON.parse(fund.policy_json) as { managementCostCapPercent: string }),
  };
}
