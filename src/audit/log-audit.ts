import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { LedgerMetrics } from '../ops/metrics';
import { ProjectionsService } from '../projection-runner/projections.service';
import { LogTree } from '../transparency/log-tree';
import { type JournalFormat, type JournalRange, journalText } from './journal';
import { verifyAgainstRunners, type VerifyResult } from './verify';

/** The auditor's two reads of the running ledger: the journal of the log, and a verification of the whole of it. */
@Injectable()
export class LogAudit {
  /** A verification in progress: concurrent requests share it rather than each walking the log. */
  private verifying: Promise<VerifyResult> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
    private readonly metrics: LedgerMetrics,
    private readonly logTree: LogTree,
  ) {}

  /** The stored events of the range as journal text, page by page: memory does not grow with the log. */
  journal(format: JournalFormat, range: JournalRange): AsyncGenerator<string> {
    return journalText(this.store, format, range);
  }

  /** Hashes, chains, positions, decoding, every projection against a fresh replay, and every signed checkpoint. */
  verify(): Promise<VerifyResult> {
    this.verifying ??= verifyAgainstRunners(this.store, this.projections, {
      checkpoints: this.logTree.tree.everySignedCheckpoint(), checkpointKey: this.logTree.publicKeyRaw,
    }).then((result) => {
      this.metrics.verified(result.ok);
      return result;
    }).finally(() => {
      this.verifying = undefined;
    });
    return this.verifying;
  }
}
