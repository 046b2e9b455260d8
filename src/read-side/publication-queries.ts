import { Inject, Injectable } from '@nestjs/common';
import type { FundEvent } from '../domain/fund/fund.events';
import { evolveFund, initialFundState, legalBasisOn, type OpenFundState, type PublicationState } from '../domain/fund/fund.state';
import { fundObligations, publicationDeadline, type Obligation } from '../domain/fund/obligations';
import { businessDayOf } from '../domain/fund/publications';
import { Streams } from '../domain/streams';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';
import type { DonationEvent } from '../domain/donation/donation.events';
import { vietnamDateOf } from '../domain/shared/calendar';
import { type Fold, FoldedStreams } from './folded-streams';

const DAY_MS = 86_400_000;

/**
 * The instant a publication counts from when looking back. One dated by its day alone is taken at
 * the day's end, as the decider and the obligations take it (published once a campaign's day of
 * ending was over); a campaign's call at the day's start, as its deadline takes it (before
 * receiving starts that day).
 */
function publishedInstantOf(publication: PublicationState): number {
  const { publishedAt } = publication;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedAt)) return Date.parse(publishedAt);
  const dayStart = Date.parse(`${publishedAt}T00:00:00+07:00`);
  return publication.kind === 'campaign-call' ? dayStart : dayStart + DAY_MS - 1;
}

/**
 * The fund as it stood at the business instant `asOfMs` (the whole fund when undefined): the
 * publications made by then (publishedInstantOf), and a campaign closed after then still receiving.
 */
function asOfView(fund: OpenFundState, asOfMs: number | undefined): OpenFundState {
  if (asOfMs === undefined) return fund;
  return {
    ...fund,
    publications: fund.publications.filter((publication) => publishedInstantOf(publication) <= asOfMs),
    campaigns: Object.fromEntries(Object.entries(fund.campaigns).map(([campaignId, campaign]) => [
      campaignId, campaign.closedAt !== null && Date.parse(campaign.closedAt) > asOfMs ? { ...campaign, closedAt: null } : campaign,
    ])),
  };
}

/** A fund's own stream folded as the decider folds it, with the log position of each publication. */
export interface FundHistory {
  fund: OpenFundState;
  positions: ReadonlyMap<string, number>;
  /** Each publication's id → the position of the fund's own event before it (0 when none): no event of the log between it and the publication is the fund's. */
  fundPositionsBefore: ReadonlyMap<string, number>;
  /** The position of the last event read. */
  position: number;
  /**
   * The log position it was read at: the position looked back to, else the head as read before
   * the stream. What else an answer reads (the gifts) is read as the log stood there too.
   */
  readAt: number;
}

/**
 * The gifts of one fiscal year that came first by business day, in the order the log recorded
 * them: each dated before every gift recorded earlier, with its log position. The first gift of
 * the year as the log stood at a position is the last of them recorded by then.
 */
interface FirstGifts {
  lows: { position: number; day: string }[];
}

const FIRST_GIFTS: Fold<FirstGifts, DonationEvent> = {
  initialState: () => ({ lows: [] }),
  evolve: (state, event, position) => {
    if (event.type !== 'DonationRecorded') return state;
    const day = vietnamDateOf(event.data.receivedAt);
    const low = state.lows[state.lows.length - 1];
    if (low === undefined || day < low.day) state.lows.push({ position, day });
    return state;
  },
};

/** The kinds of publication a fund owes per year or quarter (not per campaign). */
const PERIOD_KINDS: ReadonlySet<string> = new Set(['annual-contributions', 'quarterly-disclosure', 'annual-report']);

export type PublicationRow = PublicationState & { fundId: string; position: number; deadline: { dueBy: string; onTime: boolean } | null };

export interface ObligationsAnswer {
  fundId: string;
  year: number;
  today: string;
  legalBasis: string;
  obligations: Obligation[];
  position: number;
}

/**
 * Publications and obligations, read from the fund's own stream rather than a read model: the
 * stream holds only the fund, its policy versions, campaigns, closed periods and publications
 * (tens of events a year, never the donations), and the obligations need all of it folded exactly
 * as the decider folds it. Reading it per request costs one short stream read, and the answer can
 * never lag behind the log.
 */
@Injectable()
export class PublicationQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FoldedStreams) private readonly folded: FoldedStreams,
  ) {}

  /**
   * The business day of the fund's first gift of `year`, as the log stood at the history's
   * position (undefined: none), for a year up to the one it was opened in the ledger: a gift
   * dated before the opening starts the fund's obligations earlier. Later years are owed whole.
   */
  private async firstGiftOn(history: FundHistory, year: number): Promise<{ day: string; position: number } | undefined> {
    if (year > Number(businessDayOf(history.fund.openedAt).slice(0, 4))) return undefined;
    const { lows } = await this.folded.current(Streams.donations(history.fund.fundId, year), FIRST_GIFTS);
    return lows.filter((low) => low.position <= history.readAt).at(-1);
  }

  /** The fund as it stood at `atPosition` (the head of the log when undefined); undefined when it is not open by then. */
  async history(fundId: string, atPosition?: number): Promise<FundHistory | undefined> {
    // The head first: an event appended while the stream is read is left to the next reading.
    const readAt = atPosition ?? (await this.store.headPosition());
    const stored = await this.store.readStream(Streams.fund(fundId));
    let state = initialFundState();
    const positions = new Map<string, number>();
    const fundPositionsBefore = new Map<string, number>();
    let position = 0;
    for (const event of stored) {
      if (event.position > readAt) break;
      const decoded = decodeEvent(event) as FundEvent;
      state = evolveFund(state, decoded);
      if (decoded.type === 'PublicationMade') {
        positions.set(decoded.data.publicationId, event.position);
        fundPositionsBefore.set(decoded.data.publicationId, position);
      }
      position = event.position;
    }
    return state.status === 'open' ? { fund: state, positions, fundPositionsBefore, position, readAt } : undefined;
  }

  /**
   * Every publication, in the order published (then recorded), with the deadline each answers;
   * looking back to `asOfMs`, those published by then. `position`: the last event the answer
   * depends on (the fund's own, or a gift that moved a year's first day).
   */
  async publications(history: FundHistory, asOfMs?: number): Promise<{ rows: PublicationRow[]; position: number }> {
    const { positions } = history;
    const fund = asOfView(history.fund, asOfMs);
    const years = [...new Set(fund.publications.filter((p) => PERIOD_KINDS.has(p.kind) && p.period !== null).map((p) => Number(String(p.period).slice(0, 4))))];
    const firstGifts = new Map(await Promise.all(years.map(async (year) => [year, await this.firstGiftOn(history, year)] as const)));
    const rows = fund.publications
      .map((publication, index) => ({ publication, index, day: businessDayOf(publication.publishedAt) }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.index - b.index))
      .map(({ publication }) => ({
        ...publication, fundId: fund.fundId, position: positions.get(publication.publicationId) ?? 0,
        deadline: publicationDeadline(fund, publication, publication.period === null ? undefined : firstGifts.get(Number(publication.period.slice(0, 4)))?.day),
      }));
    return { rows, position: Math.max(history.position, ...[...firstGifts.values()].map((first) => first?.position ?? 0)) };
  }

  /**
   * The obligations of `year` as they stand on `today` (a Vietnam date). Looking back to a
   * business instant (`asOfMs`, whose Vietnam day is `today`), publications dated after it are
   * not counted (one dated by its day alone counts from the end of that day, a call from its start), and a campaign
   * closed after it was still receiving: the answer is what an auditor would have seen then.
   */
  async obligations(history: FundHistory, year: number, today: string, asOfMs?: number): Promise<ObligationsAnswer> {
    const fund = asOfView(history.fund, asOfMs);
    const firstGift = await this.firstGiftOn(history, year);
    // The answer stands at the last event it depends on: the fund's own, or the gift that set the year's first day.
    return {
      fundId: fund.fundId, year, today, legalBasis: legalBasisOn(today),
      obligations: fundObligations(fund, year, today, firstGift?.day), position: Math.max(history.position, firstGift?.position ?? 0),
    };
  }
}
