import type { LogPositions, LookBack } from '../read-side/log-positions';

export type { LookBack };
import { periodAsOf, type ReportName, type ReportPeriod } from '../reports';
import { periodBound, ReadArgumentError } from '../reports/report-period';
import { validationFailed } from './api-error';
import { ISO_WITH_OFFSET } from './dto/validators';
import { periodParams } from './query-params';
import { positionParam, READ_YOUR_WRITES_TIMEOUT_MS } from './read-consistency';

/**
 * Reads that look back, by the three clocks of api-v2 "Dates": the business date (`asOf`, and a
 * report's period), the log position (`atPosition`) and the recording clock (`recordedBefore`),
 * each found in the log's own positions (LogPositions).
 */

/** Where a report stands: its period, the log position it is computed at (undefined: the registers' own), and the position asked to be read past. */
export interface ReportStand {
  period: ReportPeriod;
  atPosition: number | undefined;
  minPosition: number | undefined;
}

/** A report's period and position as its query asks (`from`, `to`, `asOf`, `atPosition`, `recordedBefore`, `minPosition`). */
export async function reportStand(positions: LogPositions, report: ReportName, query: Record<string, unknown>): Promise<ReportStand> {
  const asked = await reportLookBack(positions, query);
  const minPosition = positionParam('minPosition', query.minPosition);
  const { period, atPosition } = await openPeriodStand(positions, report, asked.period, asked.atPosition, minPosition);
  return { period, atPosition, minPosition };
}

/**
 * `?atPosition=N`: a look-back to the log as it stood after position N. A position the log has
 * not reached is refused (400) rather than waited for: it names no state of the books yet.
 */
export async function atPositionParam(positions: LogPositions, raw: unknown): Promise<number | undefined> {
  const atPosition = positionParam('atPosition', raw);
  if (atPosition === undefined) return undefined;
  const head = await positions.headPosition();
  if (atPosition > head) throw validationFailed([{ field: 'atPosition', reason: `must not be beyond the head of the log (${head})` }]);
  return atPosition;
}

/** `asOf`, `atPosition` and `recordedBefore` of a read's query, each optional; instants come back as ISO strings in UTC. */
export async function lookBackParams(positions: LogPositions, query: Record<string, unknown>): Promise<LookBack> {
  let asOfMs: number | undefined;
  try {
    asOfMs = periodBound('asOf', query.asOf);
  } catch (error) {
    if (!(error instanceof ReadArgumentError)) throw error;
    throw validationFailed([{ field: 'asOf', reason: 'must be a business date: YYYY-MM-DD (the end of that day, Vietnam time) or an ISO 8601 timestamp with an offset' }]);
  }
  const recordedBefore = query.recordedBefore;
  if (recordedBefore !== undefined && (typeof recordedBefore !== 'string' || !ISO_WITH_OFFSET.test(recordedBefore) || Number.isNaN(Date.parse(recordedBefore)))) {
    throw validationFailed([{ field: 'recordedBefore', reason: 'must be an ISO 8601 timestamp with an offset' }]);
  }
  const atPosition = await atPositionParam(positions, query.atPosition);
  return {
    ...(asOfMs === undefined ? {} : { asOf: new Date(asOfMs).toISOString() }),
    ...(atPosition === undefined ? {} : { atPosition }),
    ...(recordedBefore === undefined ? {} : { recordedBefore: new Date(Date.parse(recordedBefore)).toISOString() }),
  };
}

/**
 * A report's period and the log position it is computed at, by the three clocks of api-v2
 * "Dates": a report already stands at its period's end by business date, so an earlier `asOf`
 * ends the period there; the recording clock (`recordedBefore`) is a position of the log, and with
 * `atPosition` the earlier of the two wins. Shared with the public site's reports, so that anyone
 * can download a published report as the log stood when it was published.
 */
export async function reportLookBack(positions: LogPositions, query: Record<string, unknown>): Promise<{ period: ReportPeriod; atPosition: number | undefined }> {
  const { fromMs, toMs } = periodParams(query);
  const lookBack = await lookBackParams(positions, query);
  const period = periodAsOf({ fromMs: fromMs ?? null, toMs: toMs ?? null }, lookBack.asOf === undefined ? undefined : Date.parse(lookBack.asOf));
  return { period, atPosition: await positions.positionOf(lookBack) };
}

/**
 * Where a report stands, and the instant its books stood at, when the report asks what day it was
 * at its position: a campaigns report with no end, whether a campaign's distribution deadline has
 * come; a financial report of a period not ended by then, which policy version sets the year's
 * management-cost cap (today's, as the decider checked each cost, not one scheduled for later in
 * the year). Said by when its log position was recorded (the same at every later reading of that
 * position), not by the clock of the reading. The position is the one asked for, else the head of
 * the log. Other reports and periods are as given.
 */
export async function openPeriodStand(
  positions: LogPositions, report: ReportName, period: ReportPeriod, atPosition: number | undefined, minPosition: number | undefined,
): Promise<{ period: ReportPeriod; atPosition: number | undefined }> {
  if (!(report === 'campaigns' && period.toMs === null) && report !== 'financial') return { period, atPosition };
  // A minPosition the log has not reached yet (an answer from another server of the same log) is waited for as the registers would be.
  let head = await positions.headPosition();
  for (const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS; atPosition === undefined && head < (minPosition ?? 0) && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    head = await positions.headPosition();
  }
  const at = atPosition ?? head;
  const booksAtMs = await positions.recordedAt(at);
  // A financial report of a period that had ended by then stands as before: its end is its day.
  if (report === 'financial' && (booksAtMs === undefined || (period.toMs !== null && period.toMs <= booksAtMs))) return { period, atPosition };
  return { period: booksAtMs === undefined ? period : { ...period, booksAtMs }, atPosition: at };
}
