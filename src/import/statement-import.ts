import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { CommandRejectedError } from '../command-handling/command-errors';
import type { CommandMetadata } from '../command-handling/command-metadata';
import { recordDonationBatch } from '../command-handling/handlers/donation-batch.handler';
import { FundModel } from '../command-handling/stream-models';
import type { WritePath } from '../command-handling/write-path';
import type { RecordDonationBatch, BatchItemOutcome } from '../domain/donation/donation-batch.decide';
import type { RecordDonation } from '../domain/donation/donation.commands';
import type { OpenFundState } from '../domain/fund/fund.state';
import { RejectionCode } from '../domain/shared/rejection-codes';
import { Streams } from '../domain/streams';
import type { EventStore } from '../event-store/event-store.port';
import { donorKindOf } from './donor-name';
import { OccurrenceCounter } from './row-identity';
import { openStatement, StatementFormatError, type StatementFormat } from './statement-reader';
import type { ProfileName } from './statement-layout';
import { type CreditRow, StatementInterpreter, type StatementRow } from './statement-rows';

/** Who imports, and the ids that tie the import's events together in the journal. */
export interface ImportMetadata {
  actor: { userId: string; roles: string[] };
  correlationId: string;
  causationId: string;
}

export interface ImportRequest {
  fundId: string;
  /** The fund's account the statement is of; defaults to the campaign's account. Part of each row's identity. */
  bankAccount: string | null;
  campaignId: string | null;
  component: string;
  /** null: detected from the header. */
  profile: ProfileName | null;
}

export interface ImportRejection {
  line: number;
  code: string;
  message: string;
  field?: string;
}

/** The answer of POST /v1/funds/:fundId/imports and `ledger import`. */
export interface ImportResult {
  imported: number;
  duplicates: number;
  debits: number;
  /** Lines that are no transaction: totals, balances, repeated headers. */
  skipped: number;
  /** The first MAX_REJECTIONS_LISTED rejected lines; `rejectedCount` counts them all. */
  rejected: ImportRejection[];
  rejectedCount: number;
  /** Global log position of the last event appended, else the log's head when the import ended. */
  position: number;
  fileSha256: string;
  format: StatementFormat;
  profile: ProfileName;
  bankAccount: string | null;
  /** Transaction lines read (credits, debits and rejected lines). */
  rows: number;
  /** False when the file broke off (a CSV quote never closed): lines after `rejected`'s last were not read. */
  complete: boolean;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  imported: number;
}

export interface ImportRun {
  meta: ImportMetadata;
  /** Scratch files (row counts of very large statements) go here. */
  scratchDir: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per append. */
  batchSize?: number;
}

/**
 * Lines per append of an import inside the server (POST …/imports): each append is one
 * synchronous commit on the server's event loop, so it stays short for everyone else's requests.
 */
export const DEFAULT_BATCH_SIZE = 1_000;
/**
 * Lines per append of `ledger import`, a process that serves no one else: fewer, larger commits
 * (the events table's indexes by event id and idempotency key take inserts all over their
 * pages, and a commit writes each page it touched once): about a sixth less time at 100k lines.
 */
export const CLI_BATCH_SIZE = 5_000;
export const MAX_REJECTIONS_LISTED = 1_000;
/** The longest reference and note the HTTP edge accepts for a donation. */
const MAX_REFERENCE_LENGTH = 100;
const MAX_NOTE_LENGTH = 2_000;

/** sha256 of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function refuse(code: string, message: string, details?: Record<string, string>): never {
  throw new CommandRejectedError({ code, message, details });
}

/**
 * Imports bank statements into a fund's donation streams. One instance per process (the HTTP
 * controller's, or the CLI's): batches of concurrent imports on one stream take turns.
 */
export class StatementImporter {
  /**
   * @param writePath the process's write path: each batch is one batch command through it, so
   *   the stream state that single donations decide on follows the import a batch at a time.
   */
  constructor(
    private readonly store: EventStore,
    private readonly writePath: WritePath,
  ) {}

  /**
   * Checks what would make every row fail (the fund, campaign or component does not exist)
   * before any of the file is read, and answers the bank account to identify rows by.
   * @throws CommandRejectedError NOT_FOUND, UNKNOWN_COMPONENT
   */
  async preflight(request: ImportRequest): Promise<{ bankAccount: string | null }> {
    const fund = await this.writePath.lookup(Streams.fund(request.fundId), FundModel);
    if (fund.status !== 'open') refuse(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
    const open: OpenFundState = fund;
    if (!open.components.includes(request.component)) {
      refuse(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${request.component}"`, { component: request.component });
    }
    if (request.campaignId === null) return { bankAccount: request.bankAccount };
    const campaign = open.campaigns[request.campaignId];
    if (!campaign) refuse(RejectionCode.NOT_FOUND, `No campaign ${request.campaignId}`, { entity: 'campaign' });
    return { bankAccount: request.bankAccount ?? campaign.bankAccount };
  }

  /**
   * Reads the statement once, streaming, and appends its credit lines in batches. Each batch is
   * durable once appended: a crash loses at most the batch being written, and running the same
   * import again books what is missing and reports the rest as duplicates.
   * @throws CommandRejectedError from preflight; StatementFormatError when no header is found
   */
  async importFile(path: string, fileSha256: string, request: ImportRequest, run: ImportRun): Promise<ImportResult> {
    const { bankAccount } = await this.preflight(request);
    mkdirSync(run.scratchDir, { recursive: true });
    const occurrences = new OccurrenceCounter(run.scratchDir);
    const source = openStatement(path);
    const interpreter = new StatementInterpreter({ profile: request.profile, bankAccount, occurrences });
    const tally = new Tally();
    const batchSize = run.batchSize ?? DEFAULT_BATCH_SIZE;
    let pending: CreditRow[] = [];
    const flush = async () => {
      const rows = pending;
      pending = [];
      occurrences.commit();
      await this.appendRows(rows, { ...request, bankAccount }, fileSha256, run.meta, tally);
      run.onProgress?.({ rows: tally.rows, bytesRead: source.bytesRead(), imported: tally.imported });
    };
    try {
      try {
        for await (const record of source.records) {
          const row = interpreter.interpret(record);
          if (row === undefined) continue;
          tally.count(row);
          if (row.kind !== 'credit') continue;
          pending.push(row);
          if (pending.length >= batchSize) await flush();
        }
      } catch (error) {
        // A file that breaks off after its header: what was read is still booked and reported.
        if (!(error instanceof StatementFormatError) || !interpreter.layout) throw error;
        tally.reject({ line: error.line ?? 0, code: 'MALFORMED_STATEMENT', message: error.message });
        tally.complete = false;
      }
      if (!interpreter.layout) throw new StatementFormatError('The statement has no header row (a date column and a credit column)');
      await flush();
    } finally {
      source.close();
      occurrences.close();
    }
    const layout = interpreter.layout;
    const position = tally.lastPosition ?? (await this.store.headPosition());
    return tally.result({ position, fileSha256, format: source.format, profile: layout.profile.name, bankAccount });
  }

  private async appendRows(rows: CreditRow[], request: ImportRequest, fileSha256: string, meta: ImportMetadata, tally: Tally): Promise<void> {
    // The recording time of the batch: rows dated later than the day after it are refused.
    const now = new Date().toISOString();
    const commandMeta: CommandMetadata = { ...meta, now, idempotencyKey: null, requestHash: '' };
    // Rows go to the stream of their fiscal year, in file order within each.
    const byYear = new Map<number, CreditRow[]>();
    for (const row of rows) {
      if (!byYear.has(row.fiscalYear)) byYear.set(row.fiscalYear, []);
      byYear.get(row.fiscalYear)!.push(row);
    }
    for (const [fiscalYear, yearRows] of byYear) {
      const donations: RecordDonation[] = [];
      const ready: CreditRow[] = [];
      for (const row of yearRows) {
        if (row.reference !== null && row.reference.length > MAX_REFERENCE_LENGTH) {
          tally.reject({ line: row.line, code: RejectionCode.VALIDATION_FAILED, message: `reference: at most ${MAX_REFERENCE_LENGTH} characters`, field: 'reference' });
          continue;
        }
        donations.push(donationOf(row, request, fileSha256, now));
        ready.push(row);
      }
      if (donations.length === 0) continue;
      const batch: RecordDonationBatch = { type: 'RecordDonationBatch', fundId: request.fundId, fiscalYear, donations };
      const written = await recordDonationBatch(this.writePath, batch, commandMeta);
      written.result.forEach((outcome, index) => tally.settle(ready[index], outcome));
      if (written.lastPosition !== null) tally.lastPosition = written.lastPosition;
    }
  }
}

function donationOf(row: CreditRow, request: ImportRequest, fileSha256: string, now: string): RecordDonation {
  return {
    type: 'RecordDonation',
    fundId: request.fundId,
    amount: row.amountVnd,
    currency: 'VND',
    fxRate: null,
    channel: 'bank_transfer',
    receivedAt: row.receivedAt,
    donor: { name: row.donorName, kind: donorKindOf(row.donorName), publicName: null, taxCode: null, address: null, contact: null },
    component: request.component,
    campaignId: request.campaignId,
    restriction: null,
    reference: row.reference,
    inKind: null,
    // The transfer's memo, as the statement prints it: what the donor wrote.
    note: row.memo === '' ? null : row.memo.slice(0, MAX_NOTE_LENGTH),
    source: { rowId: row.rowId, fileSha256, line: row.line, raw: row.raw, bankAccount: request.bankAccount },
    now,
  };
}

/** The import's counts, and the first rejections in line order. */
class Tally {
  imported = 0;
  duplicates = 0;
  debits = 0;
  skipped = 0;
  rows = 0;
  rejectedCount = 0;
  complete = true;
  lastPosition: number | null = null;
  private readonly rejected: ImportRejection[] = [];

  count(row: StatementRow): void {
    if (row.kind === 'skipped') {
      this.skipped += 1;
      return;
    }
    this.rows += 1;
    if (row.kind === 'debit') this.debits += 1;
    if (row.kind === 'rejected') this.reject({ line: row.line, code: row.code, message: row.message, field: row.field });
  }

  settle(row: CreditRow, outcome: BatchItemOutcome): void {
    if (outcome.kind === 'recorded') this.imported += 1;
    else if (outcome.kind === 'duplicate') this.duplicates += 1;
    else {
      const field = outcome.rejection.details?.field;
      this.reject({ line: row.line, code: outcome.rejection.code, message: outcome.rejection.message, field: typeof field === 'string' ? field : undefined });
    }
  }

  reject(rejection: ImportRejection): void {
    this.rejectedCount += 1;
    if (this.rejected.length < MAX_REJECTIONS_LISTED) this.rejected.push(rejection.field === undefined ? { line: rejection.line, code: rejection.code, message: rejection.message } : rejection);
  }

  result(rest: Pick<ImportResult, 'position' | 'fileSha256' | 'format' | 'profile' | 'bankAccount'>): ImportResult {
    const rejected = [...this.rejected].sort((a, b) => a.line - b.line);
    return {
      imported: this.imported, duplicates: this.duplicates, debits: this.debits, skipped: this.skipped, rejected, rejectedCount: this.rejectedCount,
      position: rest.position, fileSha256: rest.fileSha256, format: rest.format, profile: rest.profile, bankAccount: rest.bankAccount,
      rows: this.rows, complete: this.complete,
    };
  }
}
