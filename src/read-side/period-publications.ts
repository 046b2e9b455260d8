import { Inject, Injectable } from '@nestjs/common';
import { parsePeriod } from '../domain/fund/fund.periods';
import type { PublicationKind } from '../domain/fund/fund.events';
import { reportPeriod, type ReportDocument, type ReportName, type ReportPeriod } from '../reports';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
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
  /**
   * The position of the log's last event before it: the report read then, and published, states
   * it, and a report's position is part of its hash (the publication's own event moves it and
   * changes no figure). On SQLite position − 1; on EventStoreDB the previous event's commit position.
   */
  positionThen: number;
  /**
   * The positions the file published may have been read at, latest first: positionThen, then each
   * earlier event back to the fund's own event before the publication (other funds' events of the
   * same ledger, recorded between the reading and the publication), at most READ_AT_MOST of them.
   */
  readableAt: readonly number[];
}

/**
 * What a report says of the publications of its period, beside its hashed content: the same
 * report as the books stood when each was recorded (its sha256 there), and whether its figures
 * (figuresOf) differ now, as after a late entry dated inside a published period.
 */
export interface PublishedThen extends Omit<PeriodPublication, 'readableAt'> {
  sha256Then: string;
  /** Whether the report at positionThen is the file published, byte for byte (its sha256 is contentSha256). */
  matchesPublished: boolean;
  figuresChanged: boolean;
}

/**
 * The publications of a fiscal year or quarter, and what the reports of that period said when
 * each was recorded. A report of exactly that period (from its first day to its last) states
 * them, so a figure published and then changed by a late or corrected entry never changes in
 * silence: the auditor gets the position to reproduce what was published (`atPosition`).
 */
/**
 * The report a publication of a period is made from: the year's contributions and the quarterly
 * disclosure list the gifts and their use (disclosure); the annual report and the settlement are
 * the year's finances (financial). A report states only the publications made from it: another
 * report of the same period was never the file published, and would read as one that no longer
 * matches it.
 */
export const REPORT_OF_PUBLICATION: Readonly<Partial<Record<PublicationKind, ReportName>>> = {
  'annual-contributions': 'disclosure', 'quarterly-disclosure': 'disclosure', 'annual-report': 'financial', settlement: 'financial',
};

/** How many reports as they stood at a publication are kept: each never changes, its position being past. */
const KEPT_THEN = 64;
/**
 * How many positions before a publication its file is looked for at. Between reading a report
 * and recording its publication, other chapters of the ledger may record a few events; a file
 * read further back than this is said not to match, and its auditor reproduces it by its own
 * position (`atPosition`), which the file states.
 */
const READ_AT_MOST = 16;

@Injectable()
export class PeriodPublications {
  /** `fund|report|from|to|position` → the report's sha256 and figures there. */
  private readonly kept = new Map<string, { sha256: string; figures: string }>();
  /** A publication's position → the positions its file may have been read at, latest first (never changes). */
  private readonly before = new Map<number, readonly number[]>();
  /** `fund|report|from|to|publicationId` → the position its file was found at, or null when at none (never changes). */
  private readonly foundAt = new Map<string, number | null>();

  constructor(
    @Inject(PublicationQueries) private readonly publications: PublicationQueries,
    @Inject(ReportQueries) private readonly reports: ReportQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The fund's publications of exactly `period` made from `report` (none for an open or an odd period). Reads the fund's stream. */
  async of(fundId: string, report: ReportName, period: ReportPeriod): Promise<PeriodPublication[]> {
    if (period.fromMs === null || period.toMs === null) return [];
    const history = await this.publications.history(fundId);
    if (!history) return [];
    const found: PeriodPublication[] = [];
    for (const publication of history.fund.publications) {
      if (REPORT_OF_PUBLICATION[publication.kind] !== report) continue;
      const span = publication.period === null ? undefined : parsePeriod(publication.period);
      if (!span) continue;
      const covered = reportPeriod(span.from, span.to);
      if (covered.fromMs !== period.fromMs || covered.toMs !== period.toMs) continue;
      const position = history.positions.get(publication.publicationId) ?? 0;
      const readableAt = await this.positionsBefore(position, history.fundPositionsBefore.get(publication.publicationId) ?? 0);
      found.push({
        publicationId: publication.publicationId, kind: publication.kind, period: span.period, publishedAt: publication.publishedAt,
        contentSha256: publication.contentSha256, position, positionThen: readableAt[0], readableAt,
      });
    }
    return found;
  }

  /**
   * The positions of the log's events before `position` down to `floor` (the fund's own event
   * before it: what lies between is other funds' events, usually none), latest first, at most
   * READ_AT_MOST; `floor` alone when there are none. Read once.
   */
  private async positionsBefore(position: number, floor: number): Promise<readonly number[]> {
    const kept = this.before.get(position);
    if (kept !== undefined) return kept;
    const latest: number[] = [floor];
    for await (const event of this.store.readAll({ afterPosition: floor, toPosition: position - 1 })) {
      latest.push(event.position);
      if (latest.length > READ_AT_MOST) latest.shift();
    }
    const positions = latest.reverse();
    this.before.set(position, positions);
    return positions;
  }

  /**
   * Each publication recorded by the report's own position, with the report as it stood then.
   * Synchronous, as the report's own build: the caller has aligned the registers at or past the
   * report's position, and each earlier position reads the rows it held then.
   */
  publishedThen(document: ReportDocument, report: ReportName, period: ReportPeriod, found: readonly PeriodPublication[]): PublishedThen[] {
    const now = figuresOf(document);
    return found.filter((publication) => publication.position <= document.position).map(({ readableAt, ...publication }) => {
      const readAt = this.positionOfFile(document.fundId, report, period, publication.publicationId, publication.contentSha256, readableAt);
      const positionThen = readAt ?? publication.positionThen;
      const then = this.reportThen(document.fundId, report, period, positionThen);
      return { ...publication, positionThen, sha256Then: then.sha256, matchesPublished: readAt !== null, figuresChanged: then.figures !== now };
    });
  }

  /** Of the positions a publication's file may have been read at, the one whose report is that file, byte for byte; null when none is. */
  private positionOfFile(
    fundId: string, report: ReportName, period: ReportPeriod, publicationId: string, contentSha256: string, readableAt: readonly number[],
  ): number | null {
    const key = `${fundId}|${report}|${String(period.fromMs)}|${String(period.toMs)}|${publicationId}`;
    const known = this.foundAt.get(key);
    if (known !== undefined) return known;
    const found = readableAt.find((position) => this.reportThen(fundId, report, period, position).sha256 === contentSha256) ?? null;
    this.foundAt.set(key, found);
    return found;
  }

  /** The report as the books stood at a past position: built once, then kept (a large disclosure takes seconds). */
  private reportThen(fundId: string, report: ReportName, period: ReportPeriod, position: number): { sha256: string; figures: string } {
    const key = `${fundId}|${report}|${String(period.fromMs)}|${String(period.toMs)}|${position}`;
    const kept = this.kept.get(key);
    if (kept) return kept;
    const earlier = this.reports.build({ fundId, report, period }, position);
    const then = { sha256: earlier.sha256, figures: figuresOf(earlier) };
    this.kept.set(key, then);
    if (this.kept.size > KEPT_THEN) this.kept.delete(this.kept.keys().next().value as string);
    return then;
  }
}

/** Nothing to state: an empty cell, a zero amount or count. */
const isNothing = (value: unknown) => value === null || value === undefined || value === '0' || value === 0;

/**
 * A report's figures, for telling whether they changed: its rows and summary without the cells
 * that state nothing, and without the rows whose every amount is zero. Some lines and columns of
 * a report appear once a fund has any transfer, emergency release or closed campaign, whatever its
 * date (the financial report's movement lines, at zero in a period before them): such a line
 * appearing after a publication changes no figure of the period published.
 */
export function figuresOf(document: ReportDocument): string {
  const money = new Set(document.columns.filter((column) => column.money === true).map((column) => column.key));
  const rows = document.rows.flatMap((row) => {
    const amounts = Object.entries(row).filter(([key]) => money.has(key));
    if (amounts.length > 0 && amounts.every(([, value]) => isNothing(value))) return [];
    return [Object.fromEntries(Object.entries(row).filter(([, value]) => !isNothing(value)))];
  });
  const summary = Object.fromEntries(Object.entries(document.summary).filter(([, value]) => !isNothing(value)));
  return canonicalJson({ rows, summary });
}
