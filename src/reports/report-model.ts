/**
 * The shape of a report, whatever produced it (the HTTP route or `ledger report`) and whatever
 * it is written as (JSON, CSV, XLSX). Money is always a decimal string of whole VND.
 */

/** The reports of `GET /v1/funds/:fundId/reports/:report`, open to every staff role. */
export const REPORTS = ['designations', 'campaigns', 'donors', 'disclosure', 'financial'] as const;
/**
 * The network report (R16) has a route of its own (`reports/network`: accountant, approver,
 * auditor) and is built, written and hashed like the others.
 */
export const NETWORK_REPORT = 'network' as const;
export const ALL_REPORTS = [...REPORTS, NETWORK_REPORT] as const;
export type ReportName = (typeof ALL_REPORTS)[number];
/**
 * The coverage of a commune list (`reports/coverage`, src/http/controllers/beneficiaries.controller.ts)
 * is read from the beneficiary and spending streams rather than built from the registers, and is
 * written, hashed and laid out like the reports.
 */
export const COVERAGE_REPORT = 'coverage' as const;
/** Every document written as a report: the register reports and the coverage. */
export type DocumentName = ReportName | typeof COVERAGE_REPORT;

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A column of a report table: its JSON key, its Vietnamese heading, and whether it holds VND. */
export interface ReportColumn {
  key: string;
  heading: string;
  money?: boolean;
}

/** A cell: money and text are strings, counts are numbers, checks are booleans, nothing is null. */
export type Cell = string | number | boolean | null;
export type ReportRow = Record<string, Cell>;

/**
 * A period in epoch milliseconds, both bounds inclusive; null is open. A date bound given as
 * YYYY-MM-DD is a Vietnamese calendar day (see report-period.ts).
 */
export interface ReportPeriod {
  fromMs: number | null;
  toMs: number | null;
  /**
   * For a period with no end: the instant the books stood at (when the report's log position was
   * recorded). A deadline after it has not come yet (a campaign's distributeUntil). Not in the
   * document: the position it stands at gives it again.
   */
  booksAtMs?: number;
}

/** What a builder produces: the table and its summary. */
export interface ReportParts {
  columns: ReportColumn[];
  rows: ReportRow[];
  summary: Record<string, Cell>;
}

/** The canonical content of a report: its sha256 is computed over exactly this object. */
export interface ReportBody extends ReportParts {
  report: DocumentName;
  fundId: string;
  /** The fund's name and the Red Cross chapter it belongs to, as opened: the XLSX title block prints them. */
  fundName: string | null;
  chapter: string | null;
  currency: 'VND';
  from: number | null;
  to: number | null;
  /** The log position every figure reflects. */
  position: number;
}

/** The JSON answer: the body and the sha256 of its canonical JSON (RFC 8785). */
export interface ReportDocument extends ReportBody {
  sha256: string;
}
