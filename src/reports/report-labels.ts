/**
 * The one catalogue of Vietnamese labels for the codes a report can contain, used by the XLSX
 * (the document an accountant hands to the finance office). JSON and CSV keep the codes: they are
 * read by programs. test/read-side/report-labels.test.ts checks that every code the domain can put
 * in a report has its label here, and that no report cell of a code column is left without one.
 */
import { CAMPAIGN_KINDS } from '../domain/fund/fund.events';
import { DEFAULT_COMPONENTS } from '../domain/fund/fund.policy';
import { DONOR_KINDS, REVENUE_CATEGORIES } from '../domain/donation/donation.events';
import { DISBURSEMENT_KINDS } from '../domain/spending/spending.events';
import { CAMPAIGN_POOL_PREFIX, isSuspenseRestriction, suspenseRestrictionOf } from '../domain/spending/pools';
import type { DocumentName } from './report-model';

export const REVENUE_CATEGORY_LABELS: Record<(typeof REVENUE_CATEGORIES)[number], string> = {
  voluntary_contribution: 'Thu đóng góp tự nguyện, tài trợ', service_income: 'Thu từ dịch vụ và hoạt động khác', state_budget: 'Ngân sách nhà nước hỗ trợ',
  interest: 'Lãi tiền gửi, trái phiếu', other: 'Thu hợp pháp khác',
};

export const DISBURSEMENT_KIND_LABELS: Record<(typeof DISBURSEMENT_KINDS)[number], string> = {
  humanitarian: 'Chi trợ giúp nhân đạo', relief: 'Chi cứu trợ', management_cost: 'Chi phí quản lý', transfer: 'Chuyển quỹ cấp khác',
};

/** The lines of the financial report (its `line` column): opening, receipts, payments, closing. */
/** How the disclosure describes the money of a household's cash share not delivered and given back to the fund. */
export const RETURNED_SHARE_NOTE = 'tiền chi trả không phát được, nộp lại quỹ';

export const FINANCIAL_LINE_LABELS: Record<string, string> = {
  opening: 'Số dư đầu kỳ',
  ...Object.fromEntries(REVENUE_CATEGORIES.map((category) => [`receipts.${category}`, REVENUE_CATEGORY_LABELS[category]])),
  'receipts.total': 'Tổng số thu trong kỳ',
  ...Object.fromEntries(DISBURSEMENT_KINDS.map((kind) => [`payments.${kind}`, DISBURSEMENT_KIND_LABELS[kind]])),
  'payments.emergency': 'Chi cứu trợ khẩn cấp (đã quyết toán)',
  'payments.total': 'Tổng số chi trong kỳ',
  closing: 'Số dư cuối kỳ',
  // Movements between chapters, pools and currencies (R5, R16, R17, R19), once a fund has any.
  'receipts.transfersIn': 'Nhận tiền chuyển từ quỹ khác trong hệ thống',
  'receipts.transfersReturned': 'Tiền đã chuyển đi bị trả lại',
  'receipts.transfersReversed': 'Tiền đã chuyển đi, quỹ tự hủy khi đang trên đường',
  'receipts.fxGain': 'Lãi chênh lệch tỷ giá khi bán ngoại tệ',
  'payments.transfersOut': 'Chuyển tiền cho quỹ khác trong hệ thống',
  'payments.fxLoss': 'Lỗ chênh lệch tỷ giá khi bán ngoại tệ',
  'memo.emergencyOutstanding': 'Tạm ứng khẩn cấp chưa quyết toán (cuối kỳ, có trong số dư cuối kỳ)',
  'memo.inTransitOut': 'Tiền đã chuyển đi, quỹ nhận chưa nhận (cuối kỳ)',
  'memo.inTransitIn': 'Tiền quỹ khác đã chuyển đến, chưa nhận (cuối kỳ)',
  'memo.poolMoves': 'Chuyển giữa các nguồn trong quỹ (không tính thu, chi)',
  'memo.fxProvisional': 'Ngoại tệ bán trong kỳ: số tiền tạm tính khi nhận',
  'memo.fxSettled': 'Ngoại tệ bán trong kỳ: số tiền ngân hàng thực trả',
};

/** Every list of codes a report column can hold, by name. */
export const CODE_LABELS = {
  campaignKind: {
    disaster: 'Thiên tai, thảm họa', humanitarian_month: 'Tháng Nhân đạo', tet: 'Tết vì người nghèo', other: 'Khác',
  } satisfies Record<(typeof CAMPAIGN_KINDS)[number], string>,
  donorKind: { individual: 'Cá nhân', organization: 'Tổ chức', anonymous: 'Ẩn danh' } satisfies Record<(typeof DONOR_KINDS)[number], string>,
  /** The default component funds; a fund may name others, which are shown as they are named. */
  component: {
    general: 'Quỹ chung', 'emergency-relief': 'Quỹ cứu trợ khẩn cấp', humanitarian: 'Quỹ nhân đạo',
  } satisfies Record<(typeof DEFAULT_COMPONENTS)[number], string>,
  disclosureSection: {
    donation: 'Tiếp nhận', 'donation-reversal': 'Điều chỉnh giảm tiếp nhận', recipient: 'Phân phối, sử dụng',
    'recipient-reversal': 'Điều chỉnh giảm phân phối', result: 'Kết quả sử dụng theo khoản chỉ định',
    'in-kind-used': 'Hiện vật đã phân phối, sử dụng',
  },
  financialLine: FINANCIAL_LINE_LABELS,
  /** A household's standing in the coverage of a commune list (src/read-side/beneficiary-queries.ts). */
  coverageStatus: { received: 'Đã nhận', absent: 'Vắng mặt khi trao', refused: 'Từ chối nhận', planned: 'Có tên, chưa trao', none: 'Chưa có trong đợt nào' },
  networkSection: {
    incoming: 'Nhận từ quỹ khác', outgoing: 'Chuyển cho quỹ khác',
    'in-transit-incoming': 'Khoản chuyển đến đang trên đường', 'in-transit-outgoing': 'Khoản chuyển đi đang trên đường',
  },
} as const;
export type CodeList = keyof typeof CODE_LABELS;

/** Which columns of each report hold codes, and of which list. */
export const CODE_COLUMNS: Record<DocumentName, Record<string, CodeList>> = {
  designations: { component: 'component' },
  campaigns: { kind: 'campaignKind' },
  donors: { kind: 'donorKind' },
  disclosure: { section: 'disclosureSection' },
  financial: { line: 'financialLine' },
  network: { section: 'networkSection' },
  coverage: { status: 'coverageStatus' },
};

/** Columns holding business dates (ISO timestamps): Excel dates in Vietnam time, with the time of day. */
export const DATE_COLUMNS: Record<DocumentName, readonly string[]> = {
  designations: [],
  campaigns: ['receiveFrom', 'receiveUntil', 'closedAt', 'distributeUntil'],
  donors: [],
  disclosure: ['date'],
  financial: [],
  network: ['sentAt'],
  coverage: ['handedOverAt'],
};

/**
 * Columns holding a restricted pool's id (R5), in a row of each report: the designations' pools,
 * and the disclosure's result of use per pool (part III), whose "Số chứng từ" is the pool.
 */
export const RESTRICTION_COLUMNS: Record<DocumentName, { key: string; section?: string }[]> = {
  designations: [{ key: 'restrictionId' }],
  campaigns: [],
  donors: [],
  disclosure: [{ key: 'reference', section: 'result' }],
  financial: [],
  network: [],
  coverage: [],
};

/**
 * A restricted pool as a person reads it: a campaign's pool `campaign:<id>` is "Chiến dịch <id>",
 * its pool of late money (R14) `suspense:<id>` is "Tiền chờ phân loại của chiến dịch <id>". Any
 * other pool is named by the gift that made it (its donation id), shown as it is.
 */
export function restrictionLabel(restrictionId: string): string {
  if (restrictionId.startsWith(CAMPAIGN_POOL_PREFIX)) return `Chiến dịch ${restrictionId.slice(CAMPAIGN_POOL_PREFIX.length)}`;
  if (isSuspenseRestriction(restrictionId)) return `Tiền chờ phân loại của chiến dịch ${restrictionId.slice(suspenseRestrictionOf('').length)}`;
  return restrictionId;
}

/**
 * The label of a code. A code without one (a component a fund named itself) is shown as it is:
 * it is the fund's own word, not the ledger's.
 */
export function codeLabel(list: CodeList, code: string): string {
  const labels: Readonly<Record<string, string>> = CODE_LABELS[list];
  return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : code;
}

/** Check cells: Có or Không, as the finance office writes them. */
export const YES = 'Có';
export const NO = 'Không';

export type SummaryKind = 'money' | 'percent' | 'count' | 'flag' | 'year';

/** Every summary figure a report states: its Vietnamese label and what kind of value it is. */
export const SUMMARY_LABELS: Record<string, { label: string; kind: SummaryKind }> = {
  available: { label: 'Tổng số còn lại của các khoản chỉ định', kind: 'money' },
  campaigns: { label: 'Số đợt vận động', kind: 'count' },
  donors: { label: 'Số nhà hảo tâm', kind: 'count' },
  total: { label: 'Tổng giá trị ủng hộ', kind: 'money' },
  cashReceived: { label: 'Tổng tiền tiếp nhận', kind: 'money' },
  inKindReceived: { label: 'Tổng giá trị hiện vật tiếp nhận', kind: 'money' },
  paidToRecipients: { label: 'Tổng đã phân phối cho người nhận', kind: 'money' },
  inKindUsed: { label: 'Tổng giá trị hiện vật đã phân phối, sử dụng', kind: 'money' },
  managementCost: { label: 'Chi phí quản lý trong kỳ', kind: 'money' },
  managementCostBase: { label: 'Số thu làm căn cứ tính chi phí quản lý trong kỳ', kind: 'money' },
  managementCostCapPercent: { label: 'Tỷ lệ chi phí quản lý tối đa (%)', kind: 'percent' },
  managementCostCap: { label: 'Mức chi phí quản lý tối đa trong kỳ', kind: 'money' },
  managementCostPercent: { label: 'Tỷ lệ chi phí quản lý thực tế (%)', kind: 'percent' },
  withinCap: { label: 'Chi phí quản lý của năm không vượt mức tối đa của năm (kể cả phần chưa dùng các năm trước chuyển sang)', kind: 'flag' },
  managementCostYear: { label: 'Năm tài chính', kind: 'year' },
  managementCostYearBase: { label: 'Số thu làm căn cứ của năm', kind: 'money' },
  managementCostWarnPercent: { label: 'Tỷ lệ do Ban quản lý quỹ quyết định (%)', kind: 'percent' },
  managementCostYearCapPercent: { label: 'Tỷ lệ tối đa của năm (%)', kind: 'percent' },
  managementCostBudget: { label: 'Dự toán chi phí quản lý của năm', kind: 'money' },
  managementCostCarriedForward: { label: 'Chuyển từ năm trước', kind: 'money' },
  managementCostUsed: { label: 'Chi phí quản lý đã sử dụng trong năm', kind: 'money' },
  managementCostRemaining: { label: 'Chi phí quản lý còn được sử dụng', kind: 'money' },
  managementCostLimit: { label: 'Giới hạn chi phí quản lý của năm', kind: 'money' },
  managementCostWarning: { label: 'Vượt tỷ lệ do Ban quản lý quỹ quyết định', kind: 'flag' },
  incomingSent: { label: 'Các quỹ khác đã gửi đến trong kỳ', kind: 'money' },
  incomingArrived: { label: 'Đã nhận từ các quỹ khác trong kỳ', kind: 'money' },
  incomingReturned: { label: 'Đã trả lại cho các quỹ gửi trong kỳ', kind: 'money' },
  incomingReversed: { label: 'Các quỹ gửi tự hủy khi đang trên đường trong kỳ', kind: 'money' },
  incomingInTransit: { label: 'Các quỹ khác đã gửi, chưa nhận (cuối kỳ)', kind: 'money' },
  outgoingSent: { label: 'Đã chuyển cho các quỹ khác trong kỳ', kind: 'money' },
  outgoingArrived: { label: 'Các quỹ nhận đã nhận trong kỳ', kind: 'money' },
  outgoingReturned: { label: 'Bị các quỹ nhận trả lại trong kỳ', kind: 'money' },
  outgoingReversed: { label: 'Quỹ tự hủy khi đang trên đường trong kỳ', kind: 'money' },
  outgoingInTransit: { label: 'Đã chuyển đi, quỹ nhận chưa nhận (cuối kỳ)', kind: 'money' },
  transfersInTransit: { label: 'Số khoản đang trên đường', kind: 'count' },
  longestInTransitDays: { label: 'Số ngày trên đường lâu nhất', kind: 'count' },
  coverageListed: { label: 'Số đối tượng trên danh sách', kind: 'count' },
  coverageReceived: { label: 'Số đối tượng đã nhận', kind: 'count' },
  coverageNotReceived: { label: 'Số đối tượng chưa nhận', kind: 'count' },
};

/** The label of a summary figure; an unknown key (a figure added without a label) is a defect the tests catch. */
export function summaryLabel(key: string): { label: string; kind: SummaryKind } {
  return SUMMARY_LABELS[key] ?? { label: key, kind: 'count' };
}
