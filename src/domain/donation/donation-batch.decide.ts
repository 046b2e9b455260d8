import type { FundState } from '../fund/fund.state';
import { invariant, type Rejection } from '../shared/decision';
import type { RecordDonation } from './donation.commands';
import { decideRecordDonation } from './donation.decide';
import type { DonationRecorded } from './donation.events';
import { handTransferKey, type DonationStreamState } from './donation.state';

/**
 * Many donations of one fund and fiscal year decided together, in order, as a bank-statement
 * import appends them: one append, receipt numbers in file order without gaps.
 */
export interface RecordDonationBatch {
  type: 'RecordDonationBatch';
  fundId: string;
  fiscalYear: number;
  /** Statement rows: each carries its row id in `source.rowId`. */
  donations: readonly RecordDonation[];
}

/** What became of each donation of the batch, in the batch's order. */
export type BatchItemOutcome =
  | { kind: 'recorded'; event: DonationRecorded }
  /** Already in the ledger (an earlier import, an overlapping statement) or earlier in this batch. */
  | { kind: 'duplicate' }
  /** The same transfer (its reference and amount) recorded by hand before the statement came: not booked twice. */
  | { kind: 'recorded-by-hand'; donationId: string }
  | { kind: 'rejected'; rejection: Rejection };

export interface DonationBatchDecision {
  /** The events to append, in order: the recorded outcomes' events. */
  events: DonationRecorded[];
  outcomes: BatchItemOutcome[];
}

/**
 * Folds decideRecordDonation over the batch: each donation is decided on the stream state that
 * includes the donations recorded before it, so every rule of a single donation holds for each
 * row and the receipt numbers run on. Idempotency comes first: a row whose id is already
 * recorded (`recordedRowIds`, looked up by the caller) is a duplicate whatever else is true of
 * it now (a campaign closed since, say). A line whose transfer was recorded by hand before (the
 * same bank reference and amount, not reversed) is that donation, not a new one. A rejected row
 * takes no receipt number.
 *
 * Pure: neither the stream state nor anything else passed in is changed.
 */
export function decideDonationBatch(
  batch: RecordDonationBatch,
  stream: DonationStreamState,
  fund: FundState,
  recordedRowIds: ReadonlySet<string>,
  /** Donations a reversal took back: one recorded by hand and reversed does not stand for the line. */
  reversed: ReadonlySet<string> = new Set(),
): DonationBatchDecision {
  // A copy: the fold below owns it, the caller's state stays as it was.
  let state: DonationStreamState = { ...stream };
  const seenInBatch = new Set<string>();
  const events: DonationRecorded[] = [];
  const outcomes = batch.donations.map((donation): BatchItemOutcome => {
    invariant(donation.fundId === batch.fundId, `donation for fund ${donation.fundId} in a batch of ${batch.fundId}`);
    const rowId = donation.source?.rowId;
    if (rowId !== undefined && (recordedRowIds.has(rowId) || seenInBatch.has(rowId))) return { kind: 'duplicate' };
    const byHand = byHandMatch(donation, state, reversed);
    if (byHand !== undefined) return { kind: 'recorded-by-hand', donationId: byHand };
    const decision = decideRecordDonation(donation, state, fund);
    if (!decision.ok) return { kind: 'rejected', rejection: decision.rejection };
    const [event] = decision.events;
    // Receipt numbers belong to the stream of one fiscal year: a row of another year here would
    // take a number of the wrong sequence.
    invariant(decision.events.length === 1 && event.data.fiscalYear === batch.fiscalYear, `donation of ${event.data.receivedAt} in the ${batch.fiscalYear} batch`);
    if (rowId !== undefined) seenInBatch.add(rowId);
    // Only the count moves within a batch: a statement's rows add no transfer typed by hand, and
    // the file's account is the importer's to know, so the caller's maps are never written.
    state = { ...state, recorded: state.recorded + 1 };
    events.push(event);
    return { kind: 'recorded', event };
  });
  return { events, outcomes };
}

/** The donation recorded by hand that is this statement line's transfer, if any (and not reversed). */
function byHandMatch(donation: RecordDonation, state: DonationStreamState, reversed: ReadonlySet<string>): string | undefined {
  if (donation.reference === null || donation.currency !== 'VND') return undefined;
  const key = handTransferKey(donation.reference, donation.amount);
  const donationId = key === undefined ? undefined : state.byHand.get(key);
  return donationId === undefined || reversed.has(donationId) ? undefined : donationId;
}
