/**
 * The coverage of a commune list (who on it received aid for a need, who was left out and why) as
 * a report document, so that it is written like every report: CSV for programs with the position
 * and sha256 on its last line, XLSX for people through the report writer. The coverage is read
 * from the beneficiary and spending streams (src/read-side/beneficiary-queries.ts); its JSON keeps
 * its own shape, and the sha256 every format states is that of its canonical JSON.
 */
import type { NeedCategory } from '../domain/spending/spending.events';
import { DAY_MS } from '../domain/shared/calendar';
import { NEED_LABELS } from '../i18n/need-labels';
import { COVERAGE_REPORT, type ReportColumn, type ReportDocument, type ReportRow } from './report-model';

/** One beneficiary of the list, as the coverage answers it. */
export interface CoverageEntry {
  beneficiaryId: string;
  name: string;
  commune: string;
  village: string | null;
  address: string | null;
  /** received; else the last word on them: absent, refused, planned (on a distribution, not yet handed over) or none. */
  status: 'received' | 'absent' | 'refused' | 'planned' | 'none';
  disbursementId: string | null;
  handedOverAt: string | null;
  evidenceRef: string | null;
}

/** The coverage of a list for a need, as read from the streams (src/read-side/beneficiary-queries.ts). */
export interface CoverageAnswer {
  fundId: string;
  listId: string;
  commune: string;
  certificationRef: string;
  need: string;
  from: string | null;
  to: string | null;
  total: number;
  receivedCount: number;
  notReceivedCount: number;
  received: CoverageEntry[];
  notReceived: CoverageEntry[];
  /** The log position the coverage was computed at: the head when it was read. */
  position: number;
}

/** The coverage's JSON answer, with the position it was computed at and its sha256. */
export type CoverageFigures = CoverageAnswer & { sha256: string };

/**
 * A document the XLSX writer lays out, and what the workbook says beyond the hashed document: a
 * line under its title saying what it is of (the coverage's list and need), and when the fund
 * opened (a financial statement's decree heading: a fund opened from 1 March 2026 was never under
 * Decree 93/2019, whatever the period asked).
 */
export interface XlsxDocument extends ReportDocument {
  subtitle?: string;
  /** When the fund opened, in epoch milliseconds; absent or null: not known to the writer. */
  fundOpenedAt?: number | null;
}

export const COVERAGE_COLUMNS: ReportColumn[] = [
  { key: 'beneficiaryId', heading: 'Mã đối tượng' }, { key: 'name', heading: 'Họ và tên' }, { key: 'commune', heading: 'Xã' },
  { key: 'village', heading: 'Thôn/Xóm' }, { key: 'address', heading: 'Địa chỉ' }, { key: 'status', heading: 'Tình trạng' },
  { key: 'disbursementId', heading: 'Khoản chi' }, { key: 'handedOverAt', heading: 'Ngày nhận' }, { key: 'evidenceRef', heading: 'Chứng từ' },
];

/** The start of a Vietnam day, or its last millisecond. */
function vietnamDayMs(day: string, end: boolean): number {
  return Date.parse(`${day}T00:00:00+07:00`) + (end ? DAY_MS - 1 : 0);
}

/** The coverage as a report document: one row per beneficiary, received first; the counts as its summary. */
export function coverageDocument(coverage: CoverageFigures, fund: { name: string; chapter: string | null } | undefined): XlsxDocument {
  const rows: ReportRow[] = [...coverage.received, ...coverage.notReceived].map((line) => ({
    beneficiaryId: line.beneficiaryId, name: line.name, commune: line.commune, village: line.village, address: line.address, status: line.status,
    disbursementId: line.disbursementId, handedOverAt: line.handedOverAt, evidenceRef: line.evidenceRef,
  }));
  const need = Object.prototype.hasOwnProperty.call(NEED_LABELS, coverage.need) ? NEED_LABELS[coverage.need as NeedCategory] : coverage.need;
  return {
    report: COVERAGE_REPORT, fundId: coverage.fundId, fundName: fund?.name ?? null, chapter: fund?.chapter ?? null, currency: 'VND',
    from: coverage.from === null ? null : vietnamDayMs(coverage.from, false), to: coverage.to === null ? null : vietnamDayMs(coverage.to, true),
    position: coverage.position, sha256: coverage.sha256, columns: COVERAGE_COLUMNS, rows,
    summary: { coverageListed: coverage.total, coverageReceived: coverage.receivedCount, coverageNotReceived: coverage.notReceivedCount },
    subtitle: `Danh sách ${coverage.listId}: ${coverage.commune}, ${coverage.certificationRef}; nhu cầu: ${need}`,
  };
}
