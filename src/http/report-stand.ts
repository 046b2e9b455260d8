import type { LogPositions } from '../read-side/log-positions';
import { periodAsOf, type ReportName, type ReportPeriod } from '../reports';
import { periodBound, ReadArgumentError } from '../reports/report-period';
import { validationFailed } from './api-error';
import { ISO_WITH_OFFSET } from './dto/validators';
import { periodParams } from './query-params';
import { positionParam, READ_YOUR_WRITES_TIMEOUT_MS, type LookBack } from './read-consistency';

/** Where a report stands: its period, the log position it is computed at (undefined: the registers' own), and the position asked to be read past. */
export interface ReportStand {
  period: ReportPeriod;
  atPosition: number | undefined;
  minPosition: number | undefined;
}

/**
 * A report's period and position as its query asks (`from`, `to`, `asOf`, `atPosition`,
 * `recordedBefore`, `minPosition`), read from the log's own positions: the same answer, and the
 * same refusals in the same order, as read-consistency.ts's reportLookBack and openPeriodStand,
 * which ask the write side's store for them.
 */
export async function reportStand(positions: LogPositions, report: ReportName, query: Record<string, unknown>): Promise<ReportStand> {
  const asked = await reportLookBack(positions, query);
  const minPosition = positionParam('minPosition', query.minPosition);
  const { period, atPosition } = await openPeriodStand(positions, report, asked.period, asked.atPosition, minPosition);
  return { period, atPosition, minPosition };
}

/** See read-consistency.ts, reportLookBack: a report's period by business date, and its position by the other two clocks. */
async function reportLookBack(positions: LogPositions, query: Record<string, unknown>): Promise<{ period: ReportPeriod; atPosition: number | undefined }> {
  const { fromMs, toMs } = periodParams(query);
  const lookBack = await lookBackParams(positions, query);
  // An asOf before `from` is refused as a ReadArgumentError, which error-mapping.ts answers 400.
  const period = periodAsOf({ fromMs: fromMs ?? null, toMs: toMs ?? null }, lookBack.asOf === undefined ? undefined : Date.parse(lookBack.asOf));
  const recorded = lookBack.recordedBefore === undefined ? undefined : await positions.recordedBefore(lookBack.recordedBefore);
  return { period, atPosition: recorded === undefined ? lookBack.atPosition : Math.min(recorded, lookBack.atPosition ?? recorded) };
}

/** See read-consistency.ts, lookBackParams: `asOf`, `atPosition` and `recordedBefore`, each optional. */
async function lookBackParams(positions: LogPositions, query: Record<string, unknown>): Promise<LookBack> {
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

/** `?atPosition=N`, refused (400) beyond the head of the log: it names no state of the books yet. */
async function atPositionParam(positions: LogPositions, raw: unknown): Promise<number | undefined> {
  const atPosition = positionParam('atPosition', raw);
  if (atPosition === undefined) return undefined;
  const head = await positions.headPosition();
  if (atPosition > head) throw validationFailed([{ field: 'atPosition', reason: `must not be beyond the head of the log (${head})` }]);
  return atPosition;
}

/**
 * See read-consistency.ts, openPeriodStand: a campaigns report with no end stands at a position
 * (the one asked for, else the head) and says whether a deadline has come by the instant that
 * position was recorded, the same at every later reading. Other reports and periods are as given.
 */
async function openPeriodStand(
  positions: LogPositions, report: ReportName, period: ReportPeriod, atPosition: number | undefined, minPosition: number | undefined,
): Promise<{ period: ReportPeriod; atPosition: number | undefined }> {
  if (report !== 'campaigns' || period.toMs !== null) return { period, atPosition };
  // A minPosition the log has not reached yet (an answer from another server of the same log) is waited for as the registers would be.
  let head = await positions.headPosition();
  for (const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS; atPosition === undefined && head < (minPosition ?? 0) && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    head = await positions.headPosition();
  }
  const at = atPosition ?? head;
  const booksAtMs = await positions.recordedAt(at);
  return { period: booksAtMs === undefined ? period : { ...period, booksAtMs }, atPosition: at };
}
