import { Inject, Injectable } from '@nestjs/common';
import type { FundEvent } from '../domain/fund/fund.events';
import { evolveFund, initialFundState, legalBasisOn, type OpenFundState, type PublicationState } from '../domain/fund/fund.state';
import { fundObligations, publicationDeadline, type Obligation } from '../domain/fund/obligations';
import { businessDayOf } from '../domain/fund/publications';
import { Streams } from '../domain/streams';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';

/** The instant of a business date: a timestamp as written, a date YYYY-MM-DD at the start of that day in Vietnam time. */
const businessInstantOf = (businessDate: string): number =>
  Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(businessDate) ? `${businessDate}T00:00:00+07:00` : businessDate);

/**
 * The fund as it stood at the business instant `asOfMs` (the whole fund when undefined): the
 * publications dated by then (one dated by its day alone counts from the start of that day), and
 * a campaign closed after then still receiving.
 */
function asOfView(fund: OpenFundState, asOfMs: number | undefined): OpenFundState {
  if (asOfMs === undefined) return fund;
  return {
    ...fund,
    publications: fund.publications.filter((publication) => businessInstantOf(publication.publishedAt) <= asOfMs),
    campaigns: Object.fromEntries(Object.entries(fund.campaigns).map(([campaignId, campaign]) => [
      campaignId, campaign.closedAt !== null && Date.parse(campaign.closedAt) > asOfMs ? { ...campaign, closedAt: null } : campaign,
    ])),
  };
}

/** A fund's own stream folded as the decider folds it, with the log position of each publication. */
export interface FundHistory {
  fund: OpenFundState;
  positions: ReadonlyMap<string, number>;
  /** The position of the last event read. */
  position: number;
}

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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The fund as it stood at `atPosition` (the whole log when undefined); undefined when it is not open by then. */
  async history(fundId: string, atPosition?: number): Promise<FundHistory | undefined> {
    const stored = await this.store.readStream(Streams.fund(fundId));
    let state = initialFundState();
    const positions = new Map<string, number>();
    let position = 0;
    for (const event of stored) {
      if (atPosition !== undefined && event.position > atPosition) break;
      const decoded = decodeEvent(event) as FundEvent;
      state = evolveFund(state, decoded);
      if (decoded.type === 'PublicationMade') positions.set(decoded.data.publicationId, event.position);
      position = event.position;
    }
    return state.status === 'open' ? { fund: state, positions, position } : undefined;
  }

  /** Every publication, in the order published (then recorded), with the deadline each answers; looking back to `asOfMs`, those published by then. */
  publications(history: FundHistory, asOfMs?: number): PublicationRow[] {
    const { positions } = history;
    const fund = asOfView(history.fund, asOfMs);
    return fund.publications
      .map((publication, index) => ({ publication, index, day: businessDayOf(publication.publishedAt) }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.index - b.index))
      .map(({ publication }) => ({
        ...publication, fundId: fund.fundId, position: positions.get(publication.publicationId) ?? 0, deadline: publicationDeadline(fund, publication),
      }));
  }

  /**
   * The obligations of `year` as they stand on `today` (a Vietnam date). Looking back to a
   * business instant (`asOfMs`, whose Vietnam day is `today`), publications dated after it are
   * not counted (one dated by its day alone counts from the start of that day), and a campaign
   * closed after it was still receiving: the answer is what an auditor would have seen then.
   */
  obligations(history: FundHistory, year: number, today: string, asOfMs?: number): ObligationsAnswer {
    const fund = asOfView(history.fund, asOfMs);
    return {
      fundId: fund.fundId, year, today, legalBasis: legalBasisOn(fund.policyVersions, today),
      obligations: fundObligations(fund, year, today), position: history.position,
    };
  }
}
