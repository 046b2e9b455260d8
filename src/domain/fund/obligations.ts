import { ownEntry } from '../shared/records';
import type { LegalBasis, PublicationKind } from './fund.events';
import { campaignReceivingEnd, DECREE_03_2026_FROM, legalBasisOn, type CampaignState, type OpenFundState, type PublicationState } from './fund.state';
import { businessDayOf, dayPlus, LAST_PUBLISHED_YEAR, quarterDays } from './publications';

/**
 * The publications the law asks of a fund (domain.md R22–R24), each with the day it is due by.
 * A pure function of the fund's own stream (its legal basis, campaigns and publications) and of
 * today's Vietnam date, which the caller passes: nothing here reads a clock.
 *
 * Days are Vietnam calendar days, YYYY-MM-DD, and a deadline's day is the last day allowed.
 * "Before 31 March" and "before 31 December" are read as the decrees write them ("trước ngày 31
 * tháng 3"): the last day allowed is the 30th.
 */

/** Decree 93/2021 Art. 14(4)(c): totals received, at the latest 15 days after receiving ends (disaster campaigns). */
export const DISASTER_RECEIPTS_DAYS = 15;
/** Red Cross Law Art. 21(5)(b): the results of any other mobilisation within 30 days of its end. */
export const CAMPAIGN_RESULTS_DAYS = 30;
/** Decree 93/2021 Art. 14(4)(c): totals distributed, at the latest 30 days after distribution ends. */
export const DISTRIBUTION_DAYS = 30;
/**
 * Decree 93/2019 Art. 38(4) asks a quarterly disclosure but names no day: the ledger asks it
 * within 30 days of the quarter's end, as it asks a campaign's results.
 */
export const QUARTERLY_DISCLOSURE_DAYS = 30;

export type ObligationStatus = 'due' | 'overdue' | 'met' | 'met_late';

/** One publication the law asks, before its status is known. */
export interface ObligationSpec {
  kind: PublicationKind;
  campaignId: string | null;
  period: string | null;
  /** The fiscal year the obligation belongs to: the year of what it publishes (a campaign's ending, a period). */
  year: number;
  /** The first day a publication meets it (what it publishes has ended); null when any earlier day does. */
  arisesOn: string | null;
  /**
   * The instant on `arisesOn` what it publishes ends, where that is known to the moment: a
   * campaign's receiving end (its totals received) or distribution end. A publication timed
   * before it, even on that day, published totals that could still grow: it meets nothing.
   */
  arisesAt?: string;
  dueBy: string;
  /**
   * The instant it is due by, where the law dates it to the moment rather than the day: a
   * campaign's call, published before mobilising starts (Red Cross Law Art. 21(5)(a)). A
   * publication timed later on `dueBy` is late; one dated by its day alone is on time that day.
   */
  dueAt?: string;
  /** The article that asks it. */
  legalReference: string;
  /** Under decree-03-2026 the yearly contributions publication also covers their use. */
  includesUse?: boolean;
}

export interface Obligation extends ObligationSpec {
  status: ObligationStatus;
  /** The publication that met it: the first on time, else the first late one; null while unmet. */
  publication: { publicationId: string; publishedAt: string; channel: string; contentSha256: string } | null;
}

const yearOfDay = (day: string): number => Number(day.slice(0, 4));

/**
 * What one campaign asks: its call, its receipts total and, once it has a distribution end, its
 * distribution total. A campaign closed before it started receiving mobilised nothing and
 * received nothing (a donation is refused outside the window): it asks nothing.
 */
export function campaignObligationSpecs(campaign: CampaignState): ObligationSpec[] {
  if (campaign.closedAt !== null && Date.parse(campaign.closedAt) < Date.parse(campaign.receiveFrom)) return [];
  const { campaignId } = campaign;
  const startsOn = businessDayOf(campaign.receiveFrom);
  const receivingEnd = campaignReceivingEnd(campaign);
  const receivingEndsOn = businessDayOf(receivingEnd);
  const disaster = campaign.kind === 'disaster';
  const specs: ObligationSpec[] = [
    {
      kind: 'campaign-call', campaignId, period: null, year: yearOfDay(startsOn), arisesOn: null, dueBy: startsOn, dueAt: campaign.receiveFrom,
      legalReference: 'Luật Hội Chữ thập đỏ 2008, Điều 21(5)(a); Nghị định 93/2021, Điều 14(4)(a)',
    },
    {
      kind: 'campaign-receipts', campaignId, period: null, year: yearOfDay(receivingEndsOn), arisesOn: receivingEndsOn, arisesAt: receivingEnd,
      dueBy: dayPlus(receivingEndsOn, disaster ? DISASTER_RECEIPTS_DAYS : CAMPAIGN_RESULTS_DAYS),
      legalReference: disaster ? 'Nghị định 93/2021, Điều 14(4)(c)' : 'Luật Hội Chữ thập đỏ 2008, Điều 21(5)(b)',
    },
  ];
  if (campaign.distributeUntil !== null) {
    const distributionEndsOn = businessDayOf(campaign.distributeUntil);
    specs.push({
      kind: 'campaign-distribution', campaignId, period: null, year: yearOfDay(distributionEndsOn), arisesOn: distributionEndsOn, arisesAt: campaign.distributeUntil,
      dueBy: dayPlus(distributionEndsOn, DISTRIBUTION_DAYS), legalReference: 'Nghị định 93/2021, Điều 14(4)(c)',
    });
  }
  return specs;
}

/**
 * What the fund itself asks for `year`: the yearly contributions, the four quarters' disclosures,
 * the annual report. They run from the fund's first day: the day it was opened in the ledger, or
 * the business day of the first gift recorded in it when that is earlier (`firstGiftOn`, of the
 * year: a chapter moving to the ledger enters the year's gifts, and owes that year's
 * publications); a quarter that ended before it asks nothing.
 */
export function fundObligationSpecs(fund: OpenFundState, year: number, firstGiftOn?: string): ObligationSpec[] {
  const openedDay = businessDayOf(fund.openedAt);
  const openedOn = firstGiftOn !== undefined && firstGiftOn < openedDay ? firstGiftOn : openedDay;
  if (year < yearOfDay(openedOn)) return [];
  const contributionsDue = `${year + 1}-03-30`;
  const basis: LegalBasis = legalBasisOn(contributionsDue);
  const specs: ObligationSpec[] = [{
    kind: 'annual-contributions', campaignId: null, period: String(year), year, arisesOn: `${year + 1}-01-01`, dueBy: contributionsDue,
    legalReference: basis === 'decree-03-2026' ? 'Nghị định 03/2026' : 'Nghị định 93/2019, Điều 8(2)(g)',
    includesUse: basis === 'decree-03-2026',
  }];
  for (const quarter of [1, 2, 3, 4]) {
    const period = `${year}-Q${quarter}`;
    const days = quarterDays(period);
    if (!days || days.to < openedOn) continue;
    const endsOn = days.to;
    specs.push({
      kind: 'quarterly-disclosure', campaignId: null, period, year, arisesOn: dayPlus(endsOn, 1), dueBy: dayPlus(endsOn, QUARTERLY_DISCLOSURE_DAYS),
      legalReference: referenceOn(dayPlus(endsOn, QUARTERLY_DISCLOSURE_DAYS), 'Nghị định 93/2019, Điều 38(4)'),
    });
  }
  specs.push({
    kind: 'annual-report', campaignId: null, period: String(year), year, arisesOn: `${year}-01-01`, dueBy: `${year}-12-30`,
    legalReference: referenceOn(`${year}-12-30`, 'Nghị định 93/2019, Điều 8(2)(i)'),
  });
  return specs;
}

/**
 * The decree an obligation due on `dueBy` is owed under: its 93/2019 article before 1 March 2026;
 * from then Decree 03/2026, which replaced it and whose article numbers are not known here.
 */
function referenceOn(dueBy: string, decree93Article: string): string {
  return dueBy < DECREE_03_2026_FROM ? decree93Article : 'Nghị định 03/2026';
}

/** Whether a publication answers an obligation: the same kind, about the same campaign or period. */
function answers(spec: ObligationSpec, publication: PublicationState): boolean {
  return publication.kind === spec.kind && publication.campaignId === spec.campaignId && publication.period === spec.period;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a publication of Vietnam day `day` came once what it publishes had ended: from the day
 * it arises and, on that day, from its instant where one is known. One dated by its day alone is
 * taken at the day's end.
 */
function afterArising(spec: ObligationSpec, publishedAt: string, day: string): boolean {
  if (spec.arisesOn === null || day > spec.arisesOn) return true;
  if (day < spec.arisesOn) return false;
  return spec.arisesAt === undefined || DATE_ONLY.test(publishedAt) || Date.parse(publishedAt) >= Date.parse(spec.arisesAt);
}

/** Whether a publication of Vietnam day `day` kept the obligation's deadline: by its day, and by its instant where the law asks one. */
function keptDeadline(spec: ObligationSpec, publishedAt: string, day: string): boolean {
  if (day !== spec.dueBy) return day < spec.dueBy;
  return spec.dueAt === undefined || DATE_ONLY.test(publishedAt) || Date.parse(publishedAt) <= Date.parse(spec.dueAt);
}

/**
 * The status of one obligation on `today`. A publication dated before the obligation arises
 * published figures that were not final yet: it meets nothing. Among the others, the first on
 * time meets it; failing that, the first late one meets it late.
 */
export function evaluateObligation(spec: ObligationSpec, publications: readonly PublicationState[], today: string): Obligation {
  const counted = publications
    .filter((publication) => answers(spec, publication))
    .map((publication) => ({ publication, day: businessDayOf(publication.publishedAt) }))
    .filter(({ publication, day }) => afterArising(spec, publication.publishedAt, day));
  const onTime = counted.filter(({ publication, day }) => keptDeadline(spec, publication.publishedAt, day)).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0];
  const late = counted.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0];
  const chosen = onTime ?? late;
  const status: ObligationStatus = onTime ? 'met' : late ? 'met_late' : today > spec.dueBy ? 'overdue' : 'due';
  const publication = chosen
    ? {
        publicationId: chosen.publication.publicationId, publishedAt: chosen.publication.publishedAt,
        channel: chosen.publication.channel, contentSha256: chosen.publication.contentSha256,
      }
    : null;
  return { ...spec, status, publication };
}

/**
 * Every publication the law asks of the fund for `year` and its campaigns, with its status on
 * `today` (a Vietnam date, YYYY-MM-DD, passed by the caller). A campaign's obligations belong to
 * the year of what they publish: its call to the year receiving starts, its receipts to the
 * year receiving ends, its distribution to the year distribution ends. Ordered by due day.
 */
export function fundObligations(fund: OpenFundState, year: number, today: string, firstGiftOn?: string): Obligation[] {
  const specs = [
    ...Object.values(fund.campaigns).flatMap(campaignObligationSpecs).filter((spec) => spec.year === year),
    ...fundObligationSpecs(fund, year, firstGiftOn),
  ];
  return specs
    .map((spec) => evaluateObligation(spec, fund.publications, today))
    .sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : 0));
}

/**
 * The deadline a publication answers and whether it kept it, for the public list: null when the
 * law sets no day for what it publishes (a campaign's beneficiaries, a settlement) or when it
 * came before the obligation arose.
 */
export function publicationDeadline(
  fund: OpenFundState, publication: PublicationState, firstGiftOn?: string,
): { dueBy: string; dueAt?: string; onTime: boolean } | null {
  const campaign = publication.campaignId === null ? undefined : ownEntry(fund.campaigns, publication.campaignId);
  // A year past the last one the ledger can date (recorded before such periods were refused) has no deadline to show.
  const year = publication.period === null ? null : Number(publication.period.slice(0, 4));
  const specs = campaign
    ? campaignObligationSpecs(campaign)
    : year === null || year > LAST_PUBLISHED_YEAR ? [] : fundObligationSpecs(fund, year, firstGiftOn);
  const spec = specs.find((candidate) => answers(candidate, publication));
  if (!spec) return null;
  const day = businessDayOf(publication.publishedAt);
  if (!afterArising(spec, publication.publishedAt, day)) return null;
  const onTime = keptDeadline(spec, publication.publishedAt, day);
  return spec.dueAt === undefined ? { dueBy: spec.dueBy, onTime } : { dueBy: spec.dueBy, dueAt: spec.dueAt, onTime };
}
