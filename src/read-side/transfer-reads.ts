import { Inject, Injectable } from '@nestjs/common';
import { BalanceProjection, type RestrictionReleaseLine, type TransferLine } from '../../projections/balance.projection';
import { ownEntry } from '../domain/shared/records';
import type { TransferNoteImported, TransferRequested } from '../domain/spending/spending.events';
import type { TransferState } from '../domain/spending/spending.state';
import { Streams } from '../domain/streams';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';
import { ProjectionsService } from '../projection-runner/projections.service';
import { BeneficiaryQueries } from './beneficiary-queries';

/** A fund's transfers between chapters, newest request first, and its restriction releases (R5), as the balance projection stands. */
export interface TransferListing {
  sent: TransferLine[];
  incoming: TransferLine[];
  restrictionReleases: RestrictionReleaseLine[];
  /** The log position the balance projection stood at. */
  position: number;
}

/** An event of a fund's spending stream as the log holds it: its data and its position. */
export interface LoggedEntry<Data> {
  data: Data;
  position: number;
}

const newestFirst = (a: TransferLine, b: TransferLine) => b.requestedAt.localeCompare(a.requestedAt) || b.transferId.localeCompare(a.transferId);

/**
 * Money between chapters as the read side sees it: the listing from the balance projection, a
 * transfer's state from the sending fund's spending stream folded for reading, and the request
 * or the booking of a note as the log holds them (a signed note or receipt states their positions).
 */
@Injectable()
export class TransferReads {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // The read side folds each spending stream once, with the one fold BeneficiaryQueries keeps.
    @Inject(BeneficiaryQueries) private readonly spending: BeneficiaryQueries,
  ) {}

  /** The transfers the fund sent and those sent to it, as the balance projection stands at this moment (read synchronously). */
  ofFund(fundId: string): TransferListing {
    const runner = this.projections.runner(BalanceProjection);
    const balance = ownEntry(runner.current.funds, fundId);
    const lines = Object.values(balance?.transfers ?? {});
    return {
      sent: lines.filter((line) => line.fromFundId === fundId).sort(newestFirst),
      incoming: lines.filter((line) => line.toFundId === fundId).sort(newestFirst),
      restrictionReleases: Object.values(balance?.restrictionReleases ?? {}).sort((a, b) => b.releaseRequestId.localeCompare(a.releaseRequestId)),
      position: runner.appliedPosition,
    };
  }

  /** A transfer the fund requested, as its spending stream holds it now; undefined when it requested none by this id. */
  async sent(fundId: string, transferId: string): Promise<TransferState | undefined> {
    return (await this.spending.spending(fundId)).transfers.get(transferId);
  }

  /** The transfer's request as the log holds it; undefined when the fund's spending stream has none. */
  async request(fundId: string, transferId: string): Promise<LoggedEntry<TransferRequested['data']> | undefined> {
    for (const stored of await this.store.readStream(Streams.spending(fundId))) {
      if (stored.type !== 'TransferRequested') continue;
      const event = decodeEvent(stored);
      if (event.type === 'TransferRequested' && event.data.transferId === transferId) return { data: event.data, position: stored.position };
    }
    return undefined;
  }

  /**
   * The booking of a transfer note into the fund, by the transfer id the sending ledger gave it
   * and, when two ledgers used the same id, that ledger's name; the first booking that fits.
   */
  async importedNote(fundId: string, transferId: string, fromLedger: string | undefined): Promise<LoggedEntry<TransferNoteImported['data']> | undefined> {
    for (const stored of await this.store.readStream(Streams.spending(fundId))) {
      if (stored.type !== 'TransferNoteImported') continue;
      const event = decodeEvent(stored);
      if (event.type !== 'TransferNoteImported' || event.data.transferId !== transferId) continue;
      if (fromLedger !== undefined && event.data.fromLedger !== fromLedger) continue;
      return { data: event.data, position: stored.position };
    }
    return undefined;
  }
}
