import { Inject, Injectable } from '@nestjs/common';
import type { DonationRecorded } from '../domain/donation/donation.events';
import { parseDonationId } from '../domain/donation/donation.ids';
import type { OpenFundState } from '../domain/fund/fund.state';
import type { ReceiptEvent } from '../domain/receipts/receipts.events';
import { evolveReceiptStream, initialReceiptStreamState, type ReceiptStreamState } from '../domain/receipts/receipts.state';
import type { SpendingState } from '../domain/spending/spending.state';
import { Streams } from '../domain/streams';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';
import { BeneficiaryQueries } from './beneficiary-queries';
import { type Fold, FoldedStreams } from './folded-streams';
import { openFund } from './fund-reads';

/** A donation as its DonationRecorded event holds it, in the current version of that event. */
export type Donation = DonationRecorded['data'];

type ValueOf<M> = M extends Map<string, infer Value> ? Value : never;
/** The reversal that took a gift back, as the spending stream holds it. */
export type DonationReversal = ValueOf<SpendingState['reversedDonations']>;
/** The sale of a foreign-currency gift (R17), as the spending stream holds it. */
export type FxSettlement = ValueOf<SpendingState['fxSettlements']>;

/** One donation as recorded, and the log position of its DonationRecorded. */
export interface RecordedDonation {
  donation: Donation;
  position: number;
}

/** A donation with what later entries said of it: its receipt's first print, its reversal, its currency's sale. */
export interface DonationStanding extends RecordedDonation {
  /** When its receipt was first printed; null if never. */
  receiptIssuedAt: string | null;
  reversal: DonationReversal | null;
  /** Undefined while a foreign-currency gift is not sold, and for every other gift. */
  fxSettlement: FxSettlement | undefined;
}

/** The receipt streams, one a fund and fiscal year: which receipts were printed, and when first. */
const RECEIPTS: Fold<ReceiptStreamState, ReceiptEvent> = { initialState: initialReceiptStreamState, evolve: evolveReceiptStream };

/**
 * Donations as the log holds them, for their receipts and the staff's view of one gift: each
 * donation is read where its id says it is (DN-2024-000123 is revision 122 of the fund's 2024
 * donation stream), the receipt streams are folded as the domain folds them, and a gift's reversal
 * or sale is read from the fund's spending as the read side folds it (BeneficiaryQueries holds
 * that fold: a stream has one fold on the read side). Every read is as current as the log.
 */
@Injectable()
export class DonationReads {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FoldedStreams) private readonly streams: FoldedStreams,
    @Inject(BeneficiaryQueries) private readonly spendingReads: BeneficiaryQueries,
  ) {}

  /** The fund as its own stream holds it now; undefined for a fund not open. */
  fund(fundId: string): Promise<OpenFundState | undefined> {
    return openFund(this.streams, fundId);
  }

  /** The donation the id names and its position; undefined when the fund recorded no such donation. */
  async recorded(fundId: string, donationId: string): Promise<RecordedDonation | undefined> {
    const where = parseDonationId(donationId);
    const [event] = where ? await this.store.readStream(Streams.donations(fundId, where.fiscalYear), { fromRevision: where.revision, maxCount: 1 }) : [];
    const donation = event === undefined ? undefined : donationOf(event);
    if (!event || !donation || donation.donationId !== donationId) return undefined;
    return { donation, position: event.position };
  }

  /** The donation with its receipt's first print, its reversal and its sale; undefined as `recorded`. */
  async standing(fundId: string, donationId: string): Promise<DonationStanding | undefined> {
    const recorded = await this.recorded(fundId, donationId);
    if (recorded === undefined) return undefined;
    const { donation } = recorded;
    const receipts = await this.receipts(fundId, donation.fiscalYear);
    const spending = await this.spendingReads.spending(fundId);
    return {
      ...recorded,
      receiptIssuedAt: receipts.issuedAt.get(donation.donationId) ?? null,
      reversal: spending.reversedDonations.get(donation.donationId) ?? null,
      fxSettlement: spending.fxSettlements.get(donation.donationId),
    };
  }

  /** The reversal that took the gift back; undefined while it stands. */
  async reversalOf(fundId: string, donationId: string): Promise<DonationReversal | undefined> {
    return (await this.spendingReads.spending(fundId)).reversedDonations.get(donationId);
  }

  /** When the donation's receipt was first printed; null if never. */
  async receiptIssuedAt(fundId: string, donation: Pick<Donation, 'donationId' | 'fiscalYear'>): Promise<string | null> {
    return (await this.receipts(fundId, donation.fiscalYear)).issuedAt.get(donation.donationId) ?? null;
  }

  /**
   * The donations of one fiscal year received from `fromMs` to `toMs` (both included), in the
   * order of their stream, which is receipt-number order.
   */
  async receivedIn(fundId: string, fiscalYear: number, fromMs: number, toMs: number): Promise<Donation[]> {
    const stored = await this.store.readStream(Streams.donations(fundId, fiscalYear));
    return stored.map(donationOf).filter((d): d is Donation => d !== undefined)
      .filter((d) => Date.parse(d.receivedAt) >= fromMs && Date.parse(d.receivedAt) <= toMs);
  }

  private receipts(fundId: string, fiscalYear: number): Promise<ReceiptStreamState> {
    return this.streams.current(Streams.receipts(fundId, fiscalYear), RECEIPTS);
  }
}

/** The donation a stored event records, upcast to the current version of its type; undefined for any other event. */
function donationOf(stored: StoredEvent): Donation | undefined {
  if (stored.type !== 'DonationRecorded') return undefined;
  const event = decodeEvent(stored);
  return event.type === 'DonationRecorded' ? event.data : undefined;
}
