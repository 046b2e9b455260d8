import { Inject, Injectable } from '@nestjs/common';
import { fiscalYearOf } from '../domain/shared/calendar';
import { Streams } from '../domain/streams';
import { EVENT_STORE, type EventLocation, type EventStore, type JsonObject, type StoredEvent } from '../event-store/event-store.port';
import type { LedgerEvent } from '../domain/ledger-events';
import { MoneyDecimal } from '../domain/money';
import { decodeEvent } from '../log-reading/decode-event';

/** One line of a fund's recent activity: what was recorded, by whom, when, at which log position. */
export interface ActivityLine {
  position: number;
  type: string;
  recordedAt: string;
  actorUserId: string;
  /** The entry the event is about (donation, disbursement, release, transfer, restriction release, campaign, period, policy version). */
  entryId: string | null;
  receiptNo: string | null;
  /**
   * For a transfer received or returned, which both funds' activity shows: `in` for the fund it
   * was sent to, `out` for the fund that sent it; null for every other event.
   */
  direction: 'in' | 'out' | null;
  /**
   * The VND amount the event moves or records, a decimal string; null when it moves none. A
   * payment: what it paid (the request's amount less the shares it left out); a payment's
   * reversal: what it gave back.
   */
  amount: string | null;
}

/** The fields naming an event's entry, in the order they are looked for. */
const ENTRY_FIELDS = ['donationId', 'disbursementId', 'releaseId', 'transferId', 'releaseRequestId', 'campaignId', 'period'] as const;
/** The fields carrying an event's VND amount, in the order they are looked for. */
const AMOUNT_FIELDS = ['amountVnd', 'amount', 'spent'] as const;

function text(data: JsonObject, field: string): string | null {
  const value = data[field];
  return typeof value === 'string' ? value : null;
}

/** What a request asked for, by disbursement id: a payment's line is counted from it. */
export type RequestedAmount = (disbursementId: string) => string | null;

/**
 * The VND an event moved. A payment pays its request's amount less the shares it left out
 * (`withheld`); a payment's reversal gives back `givenBack` when that is less than the request's
 * amount. Any other event: its first amount field.
 */
function amountOf(event: LedgerEvent, requested: RequestedAmount): string | null {
  if (event.type === 'DisbursementPaid') {
    const amount = requested(event.data.disbursementId);
    if (amount === null) return null;
    return (event.data.withheld ?? []).reduce((paid, share) => paid.minus(share.amount), new MoneyDecimal(amount)).toFixed();
  }
  if (event.type === 'PaymentReversed') return event.data.givenBack ?? event.data.amount;
  const data = event.data as unknown as JsonObject;
  return AMOUNT_FIELDS.map((field) => text(data, field)).find((value) => value !== null) ?? null;
}

/** The events both ends of a transfer see: the receiving fund's accountant records them in the sender's stream. */
const TWO_SIDED = new Set(['TransferReceived', 'TransferReturned']);

function lineOf(event: StoredEvent, requested: RequestedAmount, fundId: string): ActivityLine {
  // In the current shape of its type: an event stored at an older schema version is upcast, as on every read.
  const decoded = decodeEvent(event);
  const data = decoded.data as unknown as JsonObject;
  const entry = ENTRY_FIELDS.map((field) => text(data, field)).find((value) => value !== null) ?? null;
  const version = data.version;
  return {
    position: event.position,
    type: event.type,
    recordedAt: event.metadata.recordedAt,
    actorUserId: event.metadata.actor.userId,
    entryId: entry ?? (typeof version === 'number' ? `v${version}` : null),
    receiptNo: text(data, 'receiptNo'),
    direction: TWO_SIDED.has(event.type) ? (text(data, 'toFundId') === fundId ? 'in' : 'out') : null,
    amount: amountOf(decoded, requested),
  };
}

/**
 * The latest events of one fund, newest first, read from the log itself: the fund's own stream,
 * its spending stream, and its donation and receipt streams of each fiscal year. Each stream is
 * read from its tail only, so the answer costs `limit` events a stream whatever the log's size.
 * A backdated donation lands in an earlier year's stream at a late position: every year from the
 * fund's opening, or from its earliest donation's year when that is older, is read. The caller
 * gives that year as the log has it (the write side's inflows, caught up with the log), never
 * from a register, which may not have applied a donation recorded a moment ago. The transfers
 * the fund received or returned are recorded by its accountant in their senders' streams: the
 * caller gives where the latest are (`arrivals`, in log order), and each is read where it is.
 */
@Injectable()
export class FundActivity {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * `openedAt`: when the fund opened; `earliestDonationYear`: the earliest fiscal year of its
   * donations (null if none); `lastYear`: the latest fiscal year a donation may be dated in (tomorrow's);
   * `requested`: the amount of each of the fund's disbursement requests, which a payment's line is counted from.
   */
  async latest(
    fundId: string, openedAt: string, earliestDonationYear: number | null, lastYear: number, limit: number, arrivals: readonly EventLocation[] = [],
    requested: RequestedAmount = () => null,
  ): Promise<ActivityLine[]> {
    const firstYear = Math.min(fiscalYearOf(openedAt), earliestDonationYear ?? Infinity);
    const streams = [Streams.fund(fundId), Streams.spending(fundId)];
    for (let year = lastYear; year >= firstYear; year -= 1) streams.push(Streams.donations(fundId, year), Streams.receipts(fundId, year));
    const found: StoredEvent[] = [];
    for (const streamId of streams) found.push(...(await this.tail(streamId, limit)));
    for (const location of arrivals.slice(-limit)) found.push(...(await this.store.readStream(location.streamId, { fromRevision: location.revision, maxCount: 1 })));
    return found.sort((a, b) => b.position - a.position).slice(0, limit).map((event) => lineOf(event, requested, fundId));
  }

  private async tail(streamId: string, count: number): Promise<StoredEvent[]> {
    const revision = await this.store.streamRevision(streamId);
    if (revision < 0) return [];
    return this.store.readStream(streamId, { fromRevision: Math.max(0, revision - count + 1), maxCount: count });
  }
}
