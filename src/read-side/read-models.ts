import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { TableProjection } from '../../projections/table-projection';
import { ProjectionsService } from '../projection-runner/projections.service';
import { alignRegisters } from './register-position';

/**
 * The read side's own connection to the read-model file, opened read-only: no query can change
 * a register, and the runners keep their writing connection to themselves. The file is in WAL
 * mode, so each statement reads the last commit: a runner commits its batch and checkpoint
 * before it reports the position as applied, hence a read aligned at a position sees every row
 * up to it. Commits run synchronously between two turns of the event loop, so a read that runs
 * synchronously after aligning sees one position from its first statement to its last.
 */
@Injectable()
export class ReadModels implements BeforeApplicationShutdown {
  private connection: Database.Database | undefined;
  private closed = false;

  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  /**
   * The read-only connection, opened on first use: the runners create the file and its tables
   * when the application starts, and a read-only connection cannot.
   */
  get db(): Database.Database {
    if (this.connection?.open) return this.connection;
    if (this.closed) throw new Error('The read models are closed: the application is shutting down');
    const db = new Database(this.projections.readModelsFile, { readonly: true, fileMustExist: true });
    // A reader of a WAL file waits only while another process recovers or restarts the log.
    db.pragma('busy_timeout = 5000');
    this.connection = db;
    return db;
  }

  /**
   * Waits until each of `registers` has reached `minPosition`, then until they stand at one
   * position with their indexes in place, and returns it (see alignRegisters: RegistersLagging
   * after `timeoutMs`). The caller reads synchronously right after.
   */
  align(registers: readonly TableProjection[], minPosition: number | undefined, timeoutMs: number): Promise<number> {
    return alignRegisters(registers.map((projection) => this.projections.tableRunner(projection)), minPosition, timeoutMs);
  }

  /** Closed before the runners close their writing connection (their hook awaits them first), so the writer's close can checkpoint the log away. */
  beforeApplicationShutdown(): void {
    this.closed = true;
    if (this.connection?.open) this.connection.close();
  }
}
