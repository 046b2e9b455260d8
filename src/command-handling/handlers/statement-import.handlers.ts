import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ImportLog } from '../../import/import-log';
import { type ImportMetadata, type ImportRequest, type ImportResult, StatementImporter } from '../../import/statement-import';
import { IdempotencyKeyReusedError } from '../command-errors';
import { LedgerWriter } from '../ledger-write.providers';

/**
 * Bank statements imported through the API (POST …/imports). The file is already on disk (the
 * upload is written to a scratch file as it streams in); the import reads it in one streaming
 * pass and appends its lines in batches, through the process's one write path.
 */

/** An import sent with an Idempotency-Key: the key as sent, the key scoped to its user, and the hash of what it asked (file and parameters). */
export interface KeyedStatementImport {
  key: string;
  idempotencyKey: string;
  requestHash: string;
}

/**
 * Checks, before a byte of the statement is read, what would refuse every line of it: a fund that
 * is not open, a campaign or a component it does not have (CommandRejectedError).
 */
export class CheckStatementImportCommand extends Command<{ bankAccount: string | null }> {
  constructor(readonly request: ImportRequest) {
    super();
  }
}

export class ImportStatementCommand extends Command<ImportResult> {
  constructor(
    readonly file: { path: string; sha256: string },
    readonly request: ImportRequest,
    readonly run: { meta: ImportMetadata; scratchDir: string },
    readonly keyed: KeyedStatementImport | undefined,
    /** Told the lines read so far as the import goes, and their total once it ends (the import metrics). */
    readonly linesRead: (total: number) => void,
  ) {
    super();
  }
}

/** The process's one importer for the API: imports of one file take turns in it, and the check before an upload asks it. */
@Injectable()
export class ApiStatementImporter extends StatementImporter {
  constructor(writer: LedgerWriter) {
    super(writer.store, writer.writePath, writer.inflows);
  }
}

@CommandHandler(CheckStatementImportCommand)
export class CheckStatementImportHandler implements ICommandHandler<CheckStatementImportCommand> {
  constructor(private readonly importer: ApiStatementImporter) {}

  execute({ request }: CheckStatementImportCommand): Promise<{ bankAccount: string | null }> {
    return this.importer.preflight(request);
  }
}

/**
 * Imports a statement, answering a keyed import sent again with its first answer. The answers are
 * kept in the import log (imports.ndjson), which is also the staff's worklist of imports to look at.
 */
@CommandHandler(ImportStatementCommand)
export class ImportStatementHandler implements ICommandHandler<ImportStatementCommand> {
  /** Imports sent with one Idempotency-Key take turns: the second finds the first's answer. */
  private readonly keyedImports = new Map<string, Promise<unknown>>();

  constructor(
    private readonly writer: LedgerWriter,
    @Inject(ImportLog) private readonly importLog: ImportLog,
    private readonly importer: ApiStatementImporter,
  ) {}

  execute(command: ImportStatementCommand): Promise<ImportResult> {
    return this.afterSameKey(command.keyed?.idempotencyKey, () => this.importOnce(command));
  }

  private async importOnce({ file, request, run, keyed, linesRead }: ImportStatementCommand): Promise<ImportResult> {
    if (keyed !== undefined) {
      // The same key with the same file and parameters answers the first answer again (api.md).
      const earlier = this.importLog.keyed(keyed.idempotencyKey);
      if (earlier?.answer !== undefined) {
        if (earlier.requestHash !== keyed.requestHash) throw new IdempotencyKeyReusedError(keyed.key);
        return earlier.answer;
      }
      // The key of a command of another route.
      if ((await this.writer.store.readByIdempotencyKey(keyed.idempotencyKey)).length > 0) throw new IdempotencyKeyReusedError(keyed.key);
    }
    const result = await this.importer.importFile(file.path, file.sha256, request, { ...run, onProgress: (progress) => linesRead(progress.rows) });
    linesRead(result.rows);
    const answered = keyed === undefined ? undefined : { idempotencyKey: keyed.idempotencyKey, requestHash: keyed.requestHash };
    this.importLog.record(request.fundId, run.meta.actor.userId, new Date().toISOString(), result, answered);
    return result;
  }

  private async afterSameKey<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return work();
    const previous = this.keyedImports.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.keyedImports.set(key, current);
    try {
      return await current;
    } finally {
      if (this.keyedImports.get(key) === current) this.keyedImports.delete(key);
    }
  }
}
