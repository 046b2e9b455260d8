import { Inject, Injectable } from '@nestjs/common';
import { parsePeriod } from '../domain/fund/fund.periods';
import type { PublicationKind } from '../domain/fund/fund.events';
import { reportPeriod, type ReportDocument, type ReportName, type ReportPeriod } from '../reports';
import { canonicalJson } from '../shared/canonical-json';
import { PublicationQueries } from './publication-queries';
import { ReportQueries } from './register-report-facts';

/** A publication of the period a report covers, found before the report is built. */
export interface PeriodPublication {
  publicationId: string;
  kind: PublicationKind;
  period: string;
  publishedAt: string;
  contentSha256: string;
  /** The log position of its PublicationMade event: the books as they stood when it was recorded. */
  position: number;
}

/**
 * What a report says of the publications of its period, beside its hashed content: the same
 * report as the books stood when each was recorded (its sha256 there), and whether the figures
 * (columns, rows, summary) differ now, as after a late entry dated inside a published period.
 */
export interface PublishedThen extends PeriodPublication {
  sha256Then: string;
  figuresChanged: boolean;
}

/**
 * The publications of a fiscal year or quarter, and what the reports of that period said when
 * each was recorded. A report of exactly that period (from its first day to its last) states
 * them, so a figure published and then changed by a late or corrected entry never changes in
 * silence: the auditor gets the position to reproduce what was published (`atPosition`).
 */
@Injectable()
export class PeriodPublications {
  constructor(
    @Inject(PublicationQueries) private readonly publications: PublicationQueries,
    @Inject(ReportQueries) private readonly reports: ReportQueries,
  ) {}

  /** The fund's publications of exactly `period` (none for an open or an odd period). Reads the fund's stream. */
  async of(fundId: string, period: ReportPeriod): Promise<PeriodPublication[]> {
    if (period.fromMs === null || period.toMs === null) return [];
    const history = await this.publications.history(fundId);
    if (!history) return [];
    return history.fund.publications.flatMap((publication) => {
      const span = publication.period === null ? undefined : parsePeriod(publication.period);
      if (!span) return [];
      const covered = reportPeriod(span.from, span.to);
      if (covered.fromMs !== period.fromMs || covered.toMs !== period.toMs) return [];
      const position = history.positions.get(publication.publicationId) ?? 0;
      return [{
        publicationId: publication.publicationId, kind: publication.kind, period: span.period, publishedAt: publication.publishedAt,
        contentSha256: publication.contentSha256, position,
      }];
    });
  }

  /**
   * Each publication recorded by the report's own position, with the report as it stood then.
   * Synchronous, as the report's own build: the caller has aligned the registers at or past the
   * report's position, and each earlier position reads the rows it held then.
   */
  publishedThen(document: ReportDocument, report: ReportName, period: ReportPeriod, found: readonly PeriodPublication[]): PublishedThen[] {
    const figures = (d: ReportDocument) => canonicalJson({ columns: d.columns, rows: d.rows, summary: d.summary });
    const now = figures(document);
    return found.filter((publication) => publication.position <= document.position).map((publication) => {
      const earlier = this.reports.build({ fundId: document.fundId, report, period }, publication.position);
      return { ...publication, sha256Then: earlier.sha256, figuresChanged: figures(earlier) !== now };
    });
  }
}
