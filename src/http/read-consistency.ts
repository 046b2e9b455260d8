import { Inject, Injectable } from '@nestjs/common';
import type { TableProjection } from '../../projections/table-projection';
import { LedgerWriter } from '../command-handling/ledger-write.providers';
import type { ProjectionRunner } from '../projection-runner/projection-runner';
import { ReadModels } from '../read-side/read-models';
import { RegistersLagging } from '../read-side/register-position';
import { RegisterQueries } from '../read-side/register-queries';
import { positionRecordedBefore, recordedAtOf } from '../projection-runner/replay';
import { periodBound, ReadArgumentError } from '../reports/report-period';
import { periodAsOf, type ReportName, type ReportPeriod } from '../reports';
import { periodParams } from './query-params';
import { validationFailed } from './api-error';
import { FundNotFound, ReadModelLagging } from './errors';
import { ISO_WITH_OFFSET } from './dto/validators';
import { openFundOr404 } from './open-fund';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/**
 * Parses a non-negative integer query parameter; undefined when absent. A number past 2^53 − 1 is
 * refused: it would read as another number (9007199254740993 as …992), and be answered of that one.
 */
export function positionParam(name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(raw) ? Number(raw) : undefined;
  if (value === undefined || !Number.isSafeInteger(value)) {
    throw validationFailed([{ field: name, reason: 'must be a non-negative integer position' }]);
  }
  return value;
}

/** Answers only once the projection has reached `minPosition` (read-your-writes), within `timeoutMs`. */
export async function awaitPosition(runner: ProjectionRunner<unknown>, minPosition: number | undefined, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<void> {
  if (minPosition === undefined) return;
  const reached = await runner.waitFor(minPosition, timeoutMs);
  if (!reached) {
    throw new ReadModelLagging({ projection: runner.projection.name, reached: runner.appliedPosition, minPosition });
  }
}

/**
 * Reads of the registers as HTTP answers them: at one log position, 503 PROJECTION_LAGGING when
 * the registers do not get there in time, 404 for a fund that does not exist.
 */
@Injectable()
export class RegisterReads {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(RegisterQueries) private readonly registers: RegisterQueries,
    private readonly writer: LedgerWriter,
  ) {}

  /**
   * Waits until every register a read needs has reached `minPosition` (503 PROJECTION_LAGGING
   * after 5 s), then until they all stand at the same position, and returns it (see
   * alignRegisters). The caller must query the tables synchronously right after, so the answer
   * reflects exactly that position.
   */
  async align(registers: readonly TableProjection[], minPosition: number | undefined, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<number> {
    try {
      return await this.readModels.align(registers, minPosition, timeoutMs);
    } catch (error) {
      if (!(error instanceof RegistersLagging)) throw error;
      const lag = error.projection === null ? null : { projection: error.projection, reached: error.reached, minPosition: error.minPosition };
      throw new ReadModelLagging(lag, { building: error.building });
    }
  }

  /** 404 unless the fund exists, asking the log itself when the register has not seen it. */
  async ensureFundExists(fundId: string): Promise<void> {
    if (this.registers.fundKnown(fundId)) return;
    await openFundOr404(this.writer, fundId);
  }

  /**
   * Aligns `registers` (see align), then 404 unless the fund exists; the position they stand at.
   * A read that looks back to `atPosition` is 404 too when the fund was opened after it: the log
   * as it stood then has no such fund (the registers stand at or past it, so they know).
   */
  async ofFund(fundId: string, registers: readonly TableProjection[], minPosition: number | undefined, atPosition?: number): Promise<number> {
    const position = await this.align(registers, minPosition);
    await this.ensureFundExists(fundId);
    if (atPosition !== undefined && !this.registers.fundOpenedBy(fundId, atPosition)) throw new FundNotFound(fundId, atPosition);
    return position;
  }
}

/**
 * `?atPosition=N`: a look-back to the log as it stood after position N. A position the log has
 * not reached is refused (400) rather than waited for: it names no state of the books yet.
 */
export async function atPositionParam(writer: LedgerWriter, raw: unknown): Promise<number | undefined> {
  const atPosition = positionParam('atPosition', raw);
  if (atPosition === undefined) return undefined;
  const head = await writer.store.headPosition();
  if (atPosition > head) throw validationFailed([{ field: 'atPosition', reason: `must not be beyond the head of the log (${head})` }]);
  return atPosition;
}

/**
 * How far back a read looks, by the three clocks (api-v2 "Dates"): `asOf` a business date
 * (YYYY-MM-DD = the end of that day in Vietnam time, or an ISO timestamp with offset),
 * `atPosition` a log position, `recordedBefore` the recording clock (ISO with offset). Each is
 * optional and they combine. Instants come back as ISO strings in UTC.
 */
export interface LookBack {
  asOf?: string;
  atPosition?: number;
  recordedBefore?: string;
}

export async function lookBackParams(writer: LedgerWriter, query: Record<string, unknown>): Promise<LookBack> {
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
  const atPosition = await atPositionParam(writer, query.atPosition);
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
export async function reportLookBack(writer: LedgerWriter, query: Record<string, unknown>): Promise<{ period: ReportPeriod; atPosition: number | undefined }> {
  const { fromMs, toMs } = periodParams(query);
  const lookBack = await lookBackParams(writer, query);
  const period = periodAsOf({ fromMs: fromMs ?? null, toMs: toMs ?? null }, lookBack.asOf === undefined ? undefined : Date.parse(lookBack.asOf));
  const recorded = lookBack.recordedBefore === undefined ? undefined : await positionRecordedBefore(writer.store, lookBack.recordedBefore);
  return { period, atPosition: recorded === undefined ? lookBack.atPosition : Math.min(recorded, lookBack.atPosition ?? recorded) };
}

/**
 * Where a campaigns report with no end stands, and the instant its books stood at: whether a
 * campaign's distribution deadline has come is said by when its log position was recorded (the
 * same at every later reading of that position), not by the clock of the reading. The position is
 * the one asked for, else the head of the log. Other reports and periods with an end are as given.
 */
export async function openPeriodStand(
  writer: LedgerWriter, report: ReportName, period: ReportPeriod, atPosition: number | undefined, minPosition: number | undefined,
): Promise<{ period: ReportPeriod; atPosition: number | undefined }> {
  if (report !== 'campaigns' || period.toMs !== null) return { period, atPosition };
  // A minPosition the log has not reached yet (an answer from another server of the same log) is waited for as the registers would be.
  let head = await writer.store.headPosition();
  for (const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS; atPosition === undefined && head < (minPosition ?? 0) && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    head = await writer.store.headPosition();
  }
  const at = atPosition ?? head;
  const booksAtMs = await recordedAtOf(writer.store, at);
  return { period: booksAtMs === undefined ? period : { ...period, booksAtMs }, atPosition: at };
}
