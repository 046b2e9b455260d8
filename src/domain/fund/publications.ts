import { isCalendarDate, isFutureBusinessDate, vietnamDateOf, vietnamTimestampOf, futureDateMessage } from '../shared/calendar';
import { accept, assertNever, reject, type Decision } from '../shared/decision';
import { ownEntry } from '../shared/records';
import { RejectionCode } from '../shared/rejection-codes';
import type { RecordPublication } from './fund.commands';
import {
  PUBLICATION_CHANNELS, PUBLICATION_KINDS, type FundEvent, type PublicationChannel, type PublicationKind,
} from './fund.events';
import { campaignReceivingEnd, type CampaignState, type OpenFundState } from './fund.state';

/** The kinds that publish something of one campaign: they name it, and no period. */
export const CAMPAIGN_PUBLICATION_KINDS: readonly PublicationKind[] = ['campaign-call', 'campaign-receipts', 'campaign-distribution', 'beneficiaries'];
/** The kinds that publish a fiscal year (`2025`). */
const YEAR_PUBLICATION_KINDS: readonly PublicationKind[] = ['annual-contributions', 'annual-report'];

/**
 * The last fiscal year a publication may be about. The ledger writes days YYYY-MM-DD, and what a
 * year asks reaches into the next one (its fourth quarter's disclosure, its contributions by
 * 30 March): the days of a later year could not be written, nor compared with the day published.
 */
export const LAST_PUBLISHED_YEAR = 9998;
/** The first fiscal year a publication may be about: the first the obligations read as a year. */
export const FIRST_PUBLISHED_YEAR = 1900;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The Vietnam calendar day of a business date given as YYYY-MM-DD or as a timestamp with offset. */
export function businessDayOf(businessDate: string): string {
  return DATE_ONLY.test(businessDate) ? businessDate : vietnamDateOf(businessDate);
}

/** The calendar day `days` after `day` (both YYYY-MM-DD). */
export function dayPlus(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first and last day of a quarter `2025-Q3`, or undefined when `period` names none. */
export function quarterDays(period: string): { from: string; to: string } | undefined {
  const match = QUARTER.exec(period);
  if (!match) return undefined;
  const quarter = Number(match[2]);
  const from = `${match[1]}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const nextQuarter = quarter === 4 ? `${Number(match[1]) + 1}-01-01` : `${match[1]}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  return { from, to: dayPlus(nextQuarter, -1) };
}

/** The instant what a campaign's publication of `kind` publishes ends (receiving or distribution); null for a kind published before it ends. */
function campaignEndPublished(kind: PublicationKind, campaign: CampaignState): string | null {
  if (kind === 'campaign-receipts' || kind === 'settlement') return campaignReceivingEnd(campaign);
  if (kind === 'campaign-distribution') return campaign.distributeUntil ?? campaignReceivingEnd(campaign);
  return null;
}

/**
 * The first day a publication of `kind` may carry: what it publishes must have ended (or, for
 * the annual report, begun). A campaign's receipts total is final once receiving ends; its
 * distribution total once distribution ends (receiving, when it has no distribution end); a
 * year's contributions and settlement once the year is over; a quarter's disclosure once the
 * quarter is over; the annual report is made during its year (Decree 93/2019 Art. 8(2)(i)). A
 * campaign's call and its beneficiaries have no such day: the call comes before mobilising and
 * the beneficiaries from the start of support (Decree 93/2021 Art. 14(4)(a), (d)).
 */
export function earliestPublicationDay(kind: PublicationKind, period: string | null, campaign: CampaignState | undefined): string | null {
  switch (kind) {
    case 'campaign-call':
    case 'beneficiaries':
      return null;
    case 'campaign-receipts':
    case 'campaign-distribution': {
      const endsAt = campaign === undefined ? null : campaignEndPublished(kind, campaign);
      return endsAt === null ? null : businessDayOf(endsAt);
    }
    case 'annual-contributions':
      return period === null ? null : `${Number(period) + 1}-01-01`;
    case 'annual-report':
      return period === null ? null : `${period}-01-01`;
    case 'quarterly-disclosure': {
      const days = period === null ? undefined : quarterDays(period);
      return days ? dayPlus(days.to, 1) : null;
    }
    case 'settlement': {
      const endsAt = campaign === undefined ? null : campaignEndPublished(kind, campaign);
      if (endsAt !== null) return businessDayOf(endsAt);
      return period === null ? null : `${Number(period) + 1}-01-01`;
    }
    default:
      return assertNever(kind, 'publication kind');
  }
}

function invalid(field: string, reason: string): Decision<FundEvent> {
  return reject(RejectionCode.VALIDATION_FAILED, `${field}: ${reason}`, { field });
}

/** What the command's kind asks of `period` and `campaignId`, as the reason a bad pair is refused. */
function subjectProblem(kind: PublicationKind, period: string | null, campaignId: string | null): { field: string; reason: string } | undefined {
  if (CAMPAIGN_PUBLICATION_KINDS.includes(kind)) {
    if (campaignId === null) return { field: 'campaignId', reason: `is required for ${kind}` };
    if (period !== null) return { field: 'period', reason: `must be absent for ${kind}: the campaign names what is published` };
    return undefined;
  }
  if (kind === 'settlement') {
    if ((campaignId === null) === (period === null)) return { field: 'campaignId', reason: 'settlement names either a campaign or a year (period), not both' };
    if (period !== null && !YEAR.test(period)) return { field: 'period', reason: 'must be a fiscal year such as 2025' };
    return undefined;
  }
  if (campaignId !== null) return { field: 'campaignId', reason: `must be absent for ${kind}, which publishes a period` };
  if (YEAR_PUBLICATION_KINDS.includes(kind)) return period !== null && YEAR.test(period) ? undefined : { field: 'period', reason: `must be a fiscal year such as 2025 for ${kind}` };
  return period !== null && QUARTER.test(period) ? undefined : { field: 'period', reason: 'must be a quarter such as 2025-Q3 for quarterly-disclosure' };
}

/** The field checks of RecordPublication, in the order of PUBLICATION_REJECTIONS; undefined when all pass. */
function fieldProblem(command: RecordPublication): Decision<FundEvent> | undefined {
  if (!(PUBLICATION_KINDS as readonly string[]).includes(command.kind)) return invalid('kind', `must be one of ${PUBLICATION_KINDS.join(', ')}`);
  if (!(PUBLICATION_CHANNELS as readonly string[]).includes(command.channel)) return invalid('channel', `must be one of ${PUBLICATION_CHANNELS.join(', ')}`);
  if (!SHA256_HEX.test(command.contentSha256)) return invalid('contentSha256', 'must be the SHA-256 of the published file: 64 lowercase hex digits');
  const dateOnly = DATE_ONLY.test(command.publishedAt);
  // Date.parse rolls 31 February over to March: the day itself must be one the calendar has.
  if (!isCalendarDate(command.publishedAt.slice(0, 10)) || (!dateOnly && (!TIMESTAMP_WITH_OFFSET.test(command.publishedAt) || Number.isNaN(Date.parse(command.publishedAt))))) {
    return invalid('publishedAt', 'must be a date YYYY-MM-DD (Vietnam time) or an ISO 8601 timestamp with offset');
  }
  if (command.channel === 'website' && command.url === null) return invalid('url', 'is required when the channel is website');
  const subject = subjectProblem(command.kind as PublicationKind, command.period, command.campaignId);
  if (subject) return invalid(subject.field, subject.reason);
  if (command.period !== null && Number(command.period.slice(0, 4)) > LAST_PUBLISHED_YEAR) {
    return invalid('period', `must be a fiscal year no later than ${LAST_PUBLISHED_YEAR}`);
  }
  if (command.period !== null && Number(command.period.slice(0, 4)) < FIRST_PUBLISHED_YEAR) {
    return invalid('period', `must be a fiscal year no earlier than ${FIRST_PUBLISHED_YEAR}`);
  }
  return undefined;
}

/**
 * Records a publication (R26). Checked in the order of PUBLICATION_REJECTIONS: the fields, a
 * business date later than tomorrow, the campaign, then a date before what it publishes ends.
 */
export function recordPublication(command: RecordPublication, fund: OpenFundState): Decision<FundEvent> {
  const problem = fieldProblem(command);
  if (problem) return problem;
  if (isFutureBusinessDate(command.publishedAt, command.now)) {
    return reject(RejectionCode.FUTURE_DATE, futureDateMessage('publishedAt', command.publishedAt), {
      field: 'publishedAt', value: command.publishedAt, now: command.now,
    });
  }
  const kind = command.kind as PublicationKind;
  const campaign = command.campaignId === null ? undefined : ownEntry(fund.campaigns, command.campaignId);
  if (command.campaignId !== null && !campaign) {
    return reject(RejectionCode.NOT_FOUND, `No campaign ${command.campaignId}`, { entity: 'campaign' }, { params: { id: command.campaignId } });
  }
  const earliest = earliestPublicationDay(kind, command.period, campaign);
  const publishedOn = businessDayOf(command.publishedAt);
  if (earliest !== null && publishedOn < earliest) {
    return reject(RejectionCode.PUBLISHED_BEFORE_END, `publishedAt ${publishedOn} is before what a ${kind} publishes has ended: it may be dated from ${earliest}`, {
      field: 'publishedAt', publishedOn, earliest, kind,
    });
  }
  // On the day a campaign's receiving (or distribution) ends, a time before the end published totals that could still grow.
  const endsAt = campaign === undefined ? null : campaignEndPublished(kind, campaign);
  if (endsAt !== null && publishedOn === earliest && !DATE_ONLY.test(command.publishedAt) && Date.parse(command.publishedAt) < Date.parse(endsAt)) {
    return reject(RejectionCode.PUBLISHED_BEFORE_END, `publishedAt ${vietnamTimestampOf(command.publishedAt)} is before what a ${kind} publishes has ended: it may be dated from ${vietnamTimestampOf(endsAt)}`, {
      field: 'publishedAt', publishedOn, earliest, kind, publishedAt: command.publishedAt, endsAt,
    });
  }
  return accept({
    type: 'PublicationMade',
    data: {
      fundId: fund.fundId, publicationId: `pub-${fund.publications.length + 1}`, kind, period: command.period, campaignId: command.campaignId,
      channel: command.channel as PublicationChannel, url: command.url, publishedAt: command.publishedAt, contentSha256: command.contentSha256,
      checkpoint: command.checkpoint, recordedBy: command.recordedBy, recordedAt: command.now,
    },
  });
}
