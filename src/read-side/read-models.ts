import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { TableProjection } from '../../projections/table-projection';
import { ProjectionsService } from '../projection-runner/projections.service';
import { alignRegisters, RegistersLagging } from './register-position';

/**
 * The read side's own connection to the read-model file, opened read-only: no query can change
 * a register, and the runners keep their writing connection to themselves. The file is in WAL
 * mode, so each statement reads the last commit: a runner commits its batch and checkpoint
 * before it reports the position as applied, hence a read aligned at a position sees every row
 * up to it.
 *
 * With the table projections on this thread, commits run synchronously between two turns of
 * the event loop, so a read that runs synchronously after aligning sees one position from its
 * first statement to its last. With them in the projection worker, commits land at any moment:
 * aligning then opens a read transaction on this connection for the rest of the turn (closed on
 * setImmediate) and checks, in that snapshot, that the registers' checkpoints stand at one
 * position; every read of the turn sees that snapshot and nothing the worker commits after it.
 */
@Injectable()
export class ReadModels implements BeforeApplicationShutdown {
  private connection: Database.Database | undefined;
  private closed = false;
  private checkpoint: Database.Statement | undefined;

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
    this.checkpoint = undefined;
    return db;
  }

  /**
   * Waits until each of `registers` has reached `minPosition`, then until they stand at one
   * position with their indexes in place, and returns it (see alignRegisters: RegistersLagging
   * after `timeoutMs`). The caller reads synchronously right after.
   */
  async align(registers: readonly TableProjection[], minPosition: number | undefined, timeoutMs: number): Promise<number> {
    const runners = registers.map((projection) => this.projections.tableRunner(projection));
    if (!this.projections.tablesOffThread) return alignRegisters(runners, minPosition, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reported = await alignRegisters(runners, minPosition, Math.max(0, deadline - Date.now()));
      const position = this.snapshotPosition(registers);
      if (position !== undefined && position >= reported) return position;
      // The worker committed one register and not yet the next: its report follows that turn.
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new RegistersLagging('The read models are moving apart; try again', registers[0]?.name ?? null, reported, minPosition ?? null);
      }
      await this.projections.nextTableReport(remaining);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The one position every register in `registers` stands at in this turn's read snapshot
   * (opened here if this turn has none yet), or undefined if they stand apart in it.
   */
  private snapshotPosition(registers: readonly TableProjection[]): number | undefined {
    const db = this.db;
    if (!db.inTransaction) {
      db.exec('BEGIN');
      setImmediate(() => {
        if (db.open && db.inTransaction) db.exec('COMMIT');
      });
    }
    this.checkpoint ??= db.prepare('SELECT position FROM table_projection_checkpoints WHERE name = ?').pluck();
    let position: number | undefined;
    for (const projection of registers) {
      const saved = (this.checkpoint.get(projection.name) as number | undefined) ?? 0;
      if (position !== undefined && saved !== position) return undefined;
      position = saved;
    }
    return position;
  }

  /** Closed before the runners close their writing connection (their hook awaits them first), so the writer's close can checkpoint the log away. */
  beforeApplicationShutdown(): void {
    this.closed = true;
    if (this.connection?.open) this.connection.close();
  }
}
