import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config';
import { LEDGER_CONFIG } from '../config/ledger.tokens';
import type { ImportRejection, ImportResult } from './statement-import';

/** How many rejected lines a record keeps: the dashboard names the first ones, the answer had them all. */
export const REJECTIONS_KEPT = 20;

/** One statement import as the accountant who ran it was answered, kept for the staff's worklist. */
export interface ImportRecord {
  fundId: string;
  importedAt: string;
  importedBy: string;
  fileSha256: string;
  bankAccount: string | null;
  profile: string;
  format: string;
  imported: number;
  duplicates: number;
  debits: number;
  rejectedCount: number;
  rejected: ImportRejection[];
  /** Warnings of the answer (columns not understood, a running balance that breaks), counted. */
  warningCount: number;
  complete: boolean;
  position: number;
  /**
   * An import sent with an Idempotency-Key: the key (scoped to the user), the hash of what it
   * asked (file and parameters) and the whole answer, which the same request sent again gets.
   */
  idempotencyKey?: string;
  requestHash?: string;
  answer?: ImportResult;
  /** The accountant's word that what it asked to look at was dealt with (see ImportLog.review). */
  reviewed?: ImportReview;
}

/** An import looked at again and dealt with: who, when, and what was done. */
export interface ImportReview {
  by: string;
  at: string;
  note: string;
}

/** A line of the worklist that closes an import's review: the import by its time and file. */
interface ReviewLine {
  review: true;
  fundId: string;
  importedAt: string;
  fileSha256: string;
  reviewedBy: string;
  reviewedAt: string;
  note: string;
}

/** What an import sent with an Idempotency-Key asked, to recognise it when it comes again. */
export interface KeyedImport {
  idempotencyKey: string;
  requestHash: string;
}

/** Whether an import's answer asks the accountant to look again: rejected lines, warnings or a file cut short. */
export function hasProblems(record: ImportRecord): boolean {
  return record.rejectedCount > 0 || record.warningCount > 0 || !record.complete;
}

/** Whether an import is still on the worklist: it has problems and nobody has said they were dealt with. */
export function needsReview(record: ImportRecord): boolean {
  return hasProblems(record) && record.reviewed === undefined;
}

const reviewKey = (importedAt: string, fileSha256: string) => `${importedAt}|${fileSha256}`;

/**
 * The answers of the statement imports run through the API, one JSON line each in
 * `<dataDir>/imports.ndjson`. The donations an import books are in the log; its rejected lines
 * and warnings are not (nothing is booked for them), yet the accountant must come back to them:
 * this file keeps them so the dashboard can list the imports that need another look. It is a
 * worklist, never a source of figures: deleting it loses no money and changes no balance.
 */
@Injectable()
export class ImportLog {
  private readonly path: string;

  constructor(@Inject(LEDGER_CONFIG) config: Pick<LedgerConfig, 'dataDir'>) {
    this.path = join(config.dataDir, 'imports.ndjson');
  }

  record(fundId: string, importedBy: string, importedAt: string, result: ImportResult, keyed?: KeyedImport): ImportRecord {
    const warnings = result.warnings;
    const record: ImportRecord = {
      fundId, importedAt, importedBy, fileSha256: result.fileSha256, bankAccount: result.bankAccount, profile: result.profile, format: result.format,
      imported: result.imported, duplicates: result.duplicates, debits: result.debits.fees + result.debits.unclassified, rejectedCount: result.rejectedCount,
      rejected: result.rejected.slice(0, REJECTIONS_KEPT), warningCount: Array.isArray(warnings) ? warnings.length : 0,
      complete: result.complete, position: result.position,
      ...(keyed === undefined ? {} : { idempotencyKey: keyed.idempotencyKey, requestHash: keyed.requestHash, answer: result }),
    };
    mkdirSync(join(this.path, '..'), { recursive: true });
    // A write torn by a crash leaves a line without its end: the next record starts on a line of its own.
    appendFileSync(this.path, `${this.endsTorn() ? '\n' : ''}${JSON.stringify(record)}\n`);
    return record;
  }

  private endsTorn(): boolean {
    if (!existsSync(this.path)) return false;
    const size = statSync(this.path).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, last, 0, 1, size - 1);
    } finally {
      closeSync(fd);
    }
    return last[0] !== 0x0a;
  }

  /** The import sent with this (scoped) Idempotency-Key, when one was answered. */
  keyed(idempotencyKey: string): ImportRecord | undefined {
    if (!existsSync(this.path)) return undefined;
    const needle = JSON.stringify(idempotencyKey);
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (!line.includes(needle)) continue;
      try {
        const record = JSON.parse(line) as ImportRecord;
        if (record.idempotencyKey === idempotencyKey && record.answer !== undefined) return record;
      } catch {
        continue;
      }
    }
    return undefined;
  }

  /**
   * The fund's imports, newest first, each with its review when one closed it; a line that cannot
   * be read (a torn last write) is passed over.
   */
  recent(fundId: string, limit?: number): ImportRecord[] {
    if (!existsSync(this.path)) return [];
    const records: ImportRecord[] = [];
    const reviews = new Map<string, ImportReview>();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = JSON.parse(line) as ImportRecord | ReviewLine;
        if (parsed.fundId !== fundId) continue;
        if ('review' in parsed) reviews.set(reviewKey(parsed.importedAt, parsed.fileSha256), { by: parsed.reviewedBy, at: parsed.reviewedAt, note: parsed.note });
        else records.push(parsed);
      } catch {
        continue;
      }
    }
    const reviewed = records.map((record) => {
      const review = reviews.get(reviewKey(record.importedAt, record.fileSha256));
      return review === undefined ? record : { ...record, reviewed: review };
    });
    return reviewed.reverse().slice(0, limit);
  }

  /**
   * The accountant's word that an import's rejected lines and warnings were dealt with (the file
   * corrected and imported again, the lines entered by hand, or nothing to do): the import leaves
   * the worklist, and keeps its review. Undefined when the fund has no such import.
   */
  review(fundId: string, importedAt: string, fileSha256: string, by: string, at: string, note: string): ImportRecord | undefined {
    const record = this.recent(fundId).find((candidate) => candidate.importedAt === importedAt && candidate.fileSha256 === fileSha256);
    if (record === undefined) return undefined;
    const line: ReviewLine = { review: true, fundId, importedAt, fileSha256, reviewedBy: by, reviewedAt: at, note };
    appendFileSync(this.path, `${this.endsTorn() ? '\n' : ''}${JSON.stringify(line)}\n`);
    return { ...record, reviewed: { by, at, note } };
  }
}
