import type { RecordPublication } from '../../src/domain/fund/fund.commands';
import type { FundEvent, PublicationMade } from '../../src/domain/fund/fund.events';
import type { OpenFundState } from '../../src/domain/fund/fund.state';
import { fundObligations, publicationDeadline, type Obligation } from '../../src/domain/fund/obligations';
import { campaignClosed, campaignCreated, FLOOD, FUND_ID, fundOpened, policyChanged } from './builders';
import { FundDecider, fundStateOf } from './given-when-then';

/**
 * The Yagi campaign of the builders, in Vietnam days: receiving from 2024-09-08 to 2024-11-07,
 * distribution until 2024-11-27 (20 days later). Its receipts are due by 2024-11-22 (15 days,
 * Decree 93/2021 Art. 14(4)(c)), its distribution by 2024-12-27 (30 days).
 */
const RECEIVING_ENDS_ON = '2024-11-07';
const RECEIPTS_DUE = '2024-11-22';
const DISTRIBUTION_ENDS_ON = '2024-11-27';
const DISTRIBUTION_DUE = '2024-12-27';
const SHA = 'a'.repeat(64);
const RECORDED_AT = '2024-11-20T10:00:00+07:00';
const CHECKPOINT = { treeSize: 42, rootHash: 'q'.repeat(43) + '=', timestamp: '2024-11-20T03:00:00Z' };

function recordPublication(overrides: Partial<RecordPublication> = {}): RecordPublication {
  return {
    type: 'RecordPublication', kind: 'campaign-receipts', period: null, campaignId: FLOOD.campaignId, channel: 'website',
    url: 'https://chuthapdo.example.vn/cong-khai/yagi', publishedAt: '2024-11-20T09:00:00+07:00', contentSha256: SHA,
    checkpoint: CHECKPOINT, recordedBy: 'accountant-1', now: RECORDED_AT, ...overrides,
  };
}

/** A PublicationMade as the decider writes it; tests may write one the decider would refuse, as an older version might have. */
function publicationMade(sequence: number, overrides: Partial<PublicationMade['data']> = {}): PublicationMade {
  return {
    type: 'PublicationMade',
    data: {
      fundId: FUND_ID, publicationId: `pub-${sequence}`, kind: 'campaign-receipts', period: null, campaignId: FLOOD.campaignId,
      channel: 'website', url: 'https://chuthapdo.example.vn/cong-khai/yagi', publishedAt: '2024-11-20T09:00:00+07:00', contentSha256: SHA,
      checkpoint: null, recordedBy: 'accountant-1', recordedAt: RECORDED_AT, ...overrides,
    },
  };
}

const fundOf = (...events: FundEvent[]): OpenFundState => {
  const state = fundStateOf(fundOpened(), ...events);
  if (state.status !== 'open') throw new Error('fund is not open');
  return state;
};

const find = (obligations: Obligation[], kind: string, subject?: string): Obligation => {
  const found = obligations.find((o) => o.kind === kind && (subject === undefined || o.campaignId === subject || o.period === subject));
  if (!found) throw new Error(`no ${kind} obligation ${subject ?? ''} in ${JSON.stringify(obligations.map((o) => [o.kind, o.campaignId, o.period]))}`);
  return found;
};

describe('R26 PublicationMade: recording what was published', () => {
  it('R26: records the publication with its channel, url, business date, sha256 and the checkpoint it names', () => {
    FundDecider.given(fundOpened(), campaignCreated()).when(recordPublication()).then({
      type: 'PublicationMade',
      data: {
        fundId: FUND_ID, publicationId: 'pub-1', kind: 'campaign-receipts', period: null, campaignId: FLOOD.campaignId, channel: 'website',
        url: 'https://chuthapdo.example.vn/cong-khai/yagi', publishedAt: '2024-11-20T09:00:00+07:00', contentSha256: SHA,
        checkpoint: CHECKPOINT, recordedBy: 'accountant-1', recordedAt: RECORDED_AT,
      },
    });
  });

  it('R26: numbers publications in the order recorded, and a null checkpoint is kept as null', () => {
    FundDecider.given(fundOpened(), campaignCreated(), publicationMade(1))
      .when(recordPublication({ checkpoint: null, kind: 'campaign-call', publishedAt: '2024-09-07' }))
      .thenMatches({ data: { publicationId: 'pub-2', checkpoint: null, publishedAt: '2024-09-07' } });
  });

  it('R26: contentSha256 must be 64 lowercase hex digits', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ contentSha256: 'a'.repeat(63) })).thenRejects('VALIDATION_FAILED', { field: 'contentSha256' });
    given.when(recordPublication({ contentSha256: 'A'.repeat(64) })).thenRejects('VALIDATION_FAILED', { field: 'contentSha256' });
    given.when(recordPublication({ contentSha256: 'g'.repeat(64) })).thenRejects('VALIDATION_FAILED', { field: 'contentSha256' });
  });

  it('R26: kind and channel are one of the named values; a website publication gives its url', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ kind: 'press-release' })).thenRejects('VALIDATION_FAILED', { field: 'kind' });
    given.when(recordPublication({ channel: 'tiktok' })).thenRejects('VALIDATION_FAILED', { field: 'channel' });
    given.when(recordPublication({ url: null })).thenRejects('VALIDATION_FAILED', { field: 'url' });
    given.when(recordPublication({ url: null, channel: 'posting' })).thenMatches({ data: { url: null, channel: 'posting' } });
  });

  it('R26: publishedAt is a date or a timestamp with offset', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ publishedAt: '2024-11-31' })).thenRejects('VALIDATION_FAILED', { field: 'publishedAt' });
    given.when(recordPublication({ publishedAt: '2024-11-20T09:00:00' })).thenRejects('VALIDATION_FAILED', { field: 'publishedAt' });
    // Date.parse reads 31 November as 1 December: a timestamp on a day the calendar lacks is refused too.
    given.when(recordPublication({ publishedAt: '2024-11-31T09:00:00+07:00' })).thenRejects('VALIDATION_FAILED', { field: 'publishedAt' });
    given.when(recordPublication({ publishedAt: '2024-02-30T09:00:00+07:00' })).thenRejects('VALIDATION_FAILED', { field: 'publishedAt' });
    given.when(recordPublication({ publishedAt: 'hôm qua' })).thenRejects('VALIDATION_FAILED', { field: 'publishedAt' });
  });

  it('R26: a publishedAt later than tomorrow (Vietnam time) is FUTURE_DATE', () => {
    FundDecider.given(fundOpened(), campaignCreated())
      .when(recordPublication({ publishedAt: '2024-11-22' }))
      .thenRejects('FUTURE_DATE', { field: 'publishedAt' });
  });

  it('R26: a campaign kind names a campaign that exists, and no period', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ campaignId: null })).thenRejects('VALIDATION_FAILED', { field: 'campaignId' });
    given.when(recordPublication({ period: '2024' })).thenRejects('VALIDATION_FAILED', { field: 'period' });
    given.when(recordPublication({ campaignId: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'campaign' });
    FundDecider.given().when(recordPublication()).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it('R24: the yearly kinds name a year, the quarterly disclosure a quarter, and no campaign', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    const yearly = { campaignId: null, publishedAt: '2024-11-20' };
    given.when(recordPublication({ ...yearly, kind: 'annual-report', period: '2024-Q3' })).thenRejects('VALIDATION_FAILED', { field: 'period' });
    given.when(recordPublication({ ...yearly, kind: 'quarterly-disclosure', period: '2024' })).thenRejects('VALIDATION_FAILED', { field: 'period' });
    given.when(recordPublication({ ...yearly, kind: 'annual-report', period: null })).thenRejects('VALIDATION_FAILED', { field: 'period' });
    given.when(recordPublication({ ...yearly, kind: 'annual-report', period: '2024', campaignId: FLOOD.campaignId })).thenRejects('VALIDATION_FAILED', { field: 'campaignId' });
    given.when(recordPublication({ ...yearly, kind: 'quarterly-disclosure', period: '2024-Q3' })).thenMatches({ data: { period: '2024-Q3', campaignId: null } });
  });

  it('R24: a period must be a year whose deadlines can be written: 9999\'s fall in 10000', () => {
    const given = FundDecider.given(fundOpened());
    const yearly = { campaignId: null, publishedAt: '2024-11-20' };
    for (const [kind, period] of [['quarterly-disclosure', '9999-Q4'], ['annual-contributions', '9999'], ['settlement', '9999'], ['annual-report', '9999']] as const) {
      given.when(recordPublication({ ...yearly, kind, period })).thenRejects('VALIDATION_FAILED', { field: 'period' });
    }
    // One an older version recorded still reads: it answers no deadline.
    const fund = fundOf(publicationMade(1, { kind: 'annual-contributions', period: '9999', campaignId: null, publishedAt: '2024-11-20' }));
    expect(publicationDeadline(fund, fund.publications[0])).toBeNull();
  });

  it('R24: a period before 1900 names no fiscal year the ledger reads (the obligations refuse it as a year): VALIDATION_FAILED naming period', () => {
    const given = FundDecider.given(fundOpened());
    const yearly = { campaignId: null, publishedAt: '2024-11-20' };
    for (const [kind, period] of [['quarterly-disclosure', '0999-Q4'], ['annual-contributions', '0000'], ['settlement', '1899'], ['annual-report', '0202']] as const) {
      given.when(recordPublication({ ...yearly, kind, period })).thenRejects('VALIDATION_FAILED', { field: 'period' });
    }
    given.when(recordPublication({ ...yearly, kind: 'annual-contributions', period: '1900' })).thenMatches({ type: 'PublicationMade', data: { period: '1900' } });
  });

  it('R22: a settlement names a campaign or a year, not both and not neither', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ kind: 'settlement', period: '2024' })).thenRejects('VALIDATION_FAILED', { field: 'campaignId' });
    given.when(recordPublication({ kind: 'settlement', campaignId: null, period: null })).thenRejects('VALIDATION_FAILED', { field: 'campaignId' });
    given.when(recordPublication({ kind: 'settlement' })).thenMatches({ data: { kind: 'settlement', campaignId: FLOOD.campaignId } });
  });

  it('R23: a receipts total is not published before receiving ends (PUBLISHED_BEFORE_END); the last day of receiving is accepted', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ publishedAt: '2024-11-06' })).thenRejects('PUBLISHED_BEFORE_END', { field: 'publishedAt', earliest: RECEIVING_ENDS_ON });
    given.when(recordPublication({ publishedAt: RECEIVING_ENDS_ON })).thenMatches({ data: { publishedAt: RECEIVING_ENDS_ON } });
  });

  it('R23: on the day receiving ends, a receipts total timed before the end is refused: money could still come in; one dated by its day, or timed from the end, is accepted', () => {
    const endsAt = '2024-11-07T23:59:59+07:00';
    const given = FundDecider.given(fundOpened(), campaignCreated({ receiveUntil: endsAt }));
    for (const publishedAt of ['2024-11-07T08:00:00+07:00', '2024-11-07T01:00:00Z']) {
      given.when(recordPublication({ publishedAt })).thenRejects('PUBLISHED_BEFORE_END', { field: 'publishedAt', publishedOn: RECEIVING_ENDS_ON, earliest: RECEIVING_ENDS_ON, publishedAt, endsAt });
    }
    for (const publishedAt of [RECEIVING_ENDS_ON, endsAt, '2024-11-07T17:00:00Z']) {
      given.when(recordPublication({ publishedAt })).thenMatches({ data: { publishedAt } });
    }
    const distributed = FundDecider.given(fundOpened(), campaignCreated({ receiveUntil: endsAt, distributeUntil: '2024-11-27T23:59:59+07:00' }));
    distributed.when(recordPublication({ kind: 'campaign-distribution', publishedAt: '2024-11-27T12:00:00+07:00', now: '2024-11-28T09:00:00+07:00' }))
      .thenRejects('PUBLISHED_BEFORE_END', { earliest: '2024-11-27', endsAt: '2024-11-27T23:59:59+07:00' });
  });

  it('R23: a distribution total is not published before distribution ends', () => {
    FundDecider.given(fundOpened(), campaignCreated())
      .when(recordPublication({ kind: 'campaign-distribution', publishedAt: '2024-11-20', now: '2024-11-28T09:00:00+07:00' }))
      .thenRejects('PUBLISHED_BEFORE_END', { earliest: DISTRIBUTION_ENDS_ON });
  });

  it('R24: a year\'s contributions are published once the year is over, a quarter\'s disclosure once the quarter is over', () => {
    const given = FundDecider.given(fundOpened());
    const now = '2025-01-01T09:00:00+07:00';
    given.when(recordPublication({ kind: 'annual-contributions', period: '2024', campaignId: null, publishedAt: '2024-12-31', now }))
      .thenRejects('PUBLISHED_BEFORE_END', { earliest: '2025-01-01' });
    given.when(recordPublication({ kind: 'annual-contributions', period: '2024', campaignId: null, publishedAt: '2025-01-01', now }))
      .thenMatches({ data: { period: '2024' } });
    given.when(recordPublication({ kind: 'quarterly-disclosure', period: '2024-Q3', campaignId: null, publishedAt: '2024-09-30', now }))
      .thenRejects('PUBLISHED_BEFORE_END', { earliest: '2024-10-01' });
  });

  it('R22: a campaign\'s call may be published before the campaign starts, and its beneficiaries at any time', () => {
    const given = FundDecider.given(fundOpened(), campaignCreated());
    given.when(recordPublication({ kind: 'campaign-call', publishedAt: '2024-09-01' })).thenMatches({ data: { kind: 'campaign-call' } });
    given.when(recordPublication({ kind: 'beneficiaries', publishedAt: '2024-09-20' })).thenMatches({ data: { kind: 'beneficiaries' } });
  });
});

describe('R22–R24 obligations: what the law asks, by when, and whether it was met', () => {
  it('R23: a disaster campaign\'s receipts are due 15 days after receiving ends: met on the last day', () => {
    const fund = fundOf(campaignCreated(), publicationMade(1, { publishedAt: `${RECEIPTS_DUE}T23:00:00+07:00` }));
    expect(find(fundObligations(fund, 2024, '2024-12-01'), 'campaign-receipts')).toMatchObject({
      campaignId: FLOOD.campaignId, arisesOn: RECEIVING_ENDS_ON, dueBy: RECEIPTS_DUE, status: 'met', publication: { publicationId: 'pub-1' },
    });
  });

  it('R23: one day late is met_late, and names the late publication', () => {
    const fund = fundOf(campaignCreated(), publicationMade(1, { publishedAt: '2024-11-23' }));
    expect(find(fundObligations(fund, 2024, '2024-12-01'), 'campaign-receipts')).toMatchObject({ status: 'met_late', publication: { publicationId: 'pub-1' } });
  });

  it('R23: unmet, it is due through its last day and overdue from the next', () => {
    const fund = fundOf(campaignCreated());
    expect(find(fundObligations(fund, 2024, RECEIPTS_DUE), 'campaign-receipts')).toMatchObject({ status: 'due', publication: null });
    expect(find(fundObligations(fund, 2024, '2024-11-23'), 'campaign-receipts')).toMatchObject({ status: 'overdue', publication: null });
  });

  it('R23: a publication dated before the obligation arises meets nothing (its figures were not final)', () => {
    const early = publicationMade(1, { publishedAt: '2024-11-01' });
    const fund = fundOf(campaignCreated(), early);
    expect(find(fundObligations(fund, 2024, '2024-11-10'), 'campaign-receipts')).toMatchObject({ status: 'due', publication: null });
    expect(find(fundObligations(fund, 2024, '2024-11-30'), 'campaign-receipts')).toMatchObject({ status: 'overdue' });
    expect(publicationDeadline(fund, fund.publications[0])).toBeNull();
  });

  it('R23: a receipts total timed before receiving ended, on its last day, meets nothing (recorded before the decider refused it)', () => {
    const endsAt = '2024-11-07T23:59:59+07:00';
    const early = publicationMade(1, { publishedAt: '2024-11-07T08:00:00+07:00' });
    const fund = fundOf(campaignCreated({ receiveUntil: endsAt }), early);
    expect(find(fundObligations(fund, 2024, '2024-11-10'), 'campaign-receipts')).toMatchObject({ arisesOn: RECEIVING_ENDS_ON, arisesAt: endsAt, status: 'due', publication: null });
    expect(publicationDeadline(fund, fund.publications[0])).toBeNull();
    const after = fundOf(campaignCreated({ receiveUntil: endsAt }), publicationMade(1, { publishedAt: endsAt }));
    expect(find(fundObligations(after, 2024, '2024-11-10'), 'campaign-receipts')).toMatchObject({ status: 'met', publication: { publicationId: 'pub-1' } });
  });

  it('R23: the first publication on time meets it, even when a late one was recorded first', () => {
    const fund = fundOf(campaignCreated(), publicationMade(1, { publishedAt: '2024-11-25' }), publicationMade(2, { publishedAt: '2024-11-10' }));
    expect(find(fundObligations(fund, 2024, '2024-12-01'), 'campaign-receipts')).toMatchObject({ status: 'met', publication: { publicationId: 'pub-2' } });
  });

  it('R23: a campaign closed early owes its receipts 15 days after the close', () => {
    const fund = fundOf(campaignCreated(), campaignClosed(FLOOD.campaignId, '2024-10-01T12:00:00+07:00'));
    expect(find(fundObligations(fund, 2024, '2024-10-05'), 'campaign-receipts')).toMatchObject({ arisesOn: '2024-10-01', dueBy: '2024-10-16', status: 'due' });
  });

  it('R22–R23: a campaign closed before it started receiving mobilised nothing: it asks no call, receipts or distribution, never overdue', () => {
    const fund = fundOf(campaignCreated(), campaignClosed(FLOOD.campaignId, '2024-09-01T10:00:00+07:00'));
    for (const today of ['2024-09-05', '2024-10-20', '2025-02-01']) {
      expect(fundObligations(fund, 2024, today).filter((o) => o.campaignId === FLOOD.campaignId)).toEqual([]);
    }
    const ran = fundOf(campaignCreated(), campaignClosed(FLOOD.campaignId, '2024-09-09T10:00:00+07:00'));
    expect(find(fundObligations(ran, 2024, '2024-10-20'), 'campaign-receipts', FLOOD.campaignId)).toMatchObject({ arisesOn: '2024-09-09', dueBy: '2024-09-24' });
  });

  it('R23: a campaign that never closed owes its receipts from its receiveUntil; before then it is due, not yet arisen', () => {
    const fund = fundOf(campaignCreated());
    expect(find(fundObligations(fund, 2024, '2024-09-15'), 'campaign-receipts')).toMatchObject({ arisesOn: RECEIVING_ENDS_ON, dueBy: RECEIPTS_DUE, status: 'due' });
  });

  it('R23: distribution is due 30 days after distribution ends; a campaign without a distribution end owes none yet', () => {
    const fund = fundOf(campaignCreated(), campaignCreated({ campaignId: 'thang-nhan-dao-2024', kind: 'humanitarian_month' }));
    const obligations = fundObligations(fund, 2024, '2024-12-28');
    expect(find(obligations, 'campaign-distribution', FLOOD.campaignId)).toMatchObject({ arisesOn: DISTRIBUTION_ENDS_ON, dueBy: DISTRIBUTION_DUE, status: 'overdue' });
    expect(obligations.filter((o) => o.kind === 'campaign-distribution' && o.campaignId === 'thang-nhan-dao-2024')).toEqual([]);
  });

  it('R22: any other campaign\'s results are due 30 days after it ends (Red Cross Law Art. 21(5)(b))', () => {
    const fund = fundOf(campaignCreated({ campaignId: 'thang-nhan-dao-2024', kind: 'humanitarian_month' }));
    expect(find(fundObligations(fund, 2024, '2024-11-10'), 'campaign-receipts')).toMatchObject({ dueBy: '2024-12-07', legalReference: expect.stringContaining('21(5)(b)') });
  });

  it('R22: the call is due by the day receiving starts; one published the week before meets it', () => {
    const fund = fundOf(campaignCreated(), publicationMade(1, { kind: 'campaign-call', publishedAt: '2024-09-01' }));
    expect(find(fundObligations(fund, 2024, '2024-12-01'), 'campaign-call')).toMatchObject({ arisesOn: null, dueBy: '2024-09-08', status: 'met' });
  });

  it('R22: the call is published before mobilising (Red Cross Law Art. 21(5)(a)): one timed after receiving started that day is met_late, one dated by the day alone is met', () => {
    const call = (publishedAt: string) => publicationMade(1, { kind: 'campaign-call', publishedAt });
    const status = (publishedAt: string) => {
      const fund = fundOf(campaignCreated({ receiveFrom: '2024-09-08T08:00:00+07:00' }), call(publishedAt));
      return [find(fundObligations(fund, 2024, '2024-12-01'), 'campaign-call').status, publicationDeadline(fund, fund.publications[0])];
    };
    expect(status('2024-09-08T07:59:59+07:00')).toEqual(['met', { dueBy: '2024-09-08', dueAt: '2024-09-08T08:00:00+07:00', onTime: true }]);
    expect(status('2024-09-08T08:00:00+07:00')).toEqual(['met', { dueBy: '2024-09-08', dueAt: '2024-09-08T08:00:00+07:00', onTime: true }]);
    expect(status('2024-09-08T15:00:00+07:00')).toEqual(['met_late', { dueBy: '2024-09-08', dueAt: '2024-09-08T08:00:00+07:00', onTime: false }]);
    expect(status('2024-09-08T02:00:00Z')).toEqual(['met_late', { dueBy: '2024-09-08', dueAt: '2024-09-08T08:00:00+07:00', onTime: false }]);
    expect(status('2024-09-08')).toEqual(['met', { dueBy: '2024-09-08', dueAt: '2024-09-08T08:00:00+07:00', onTime: true }]);
    const fund = fundOf(campaignCreated({ receiveFrom: '2024-09-08T08:00:00+07:00' }));
    expect(find(fundObligations(fund, 2024, '2024-09-08'), 'campaign-call')).toMatchObject({ dueBy: '2024-09-08', dueAt: '2024-09-08T08:00:00+07:00', status: 'due' });
  });

  it('R24: a year\'s contributions are due before 31 March of the next year: the 30th is on time, the 31st late', () => {
    const onTime = fundOf(publicationMade(1, { kind: 'annual-contributions', campaignId: null, period: '2024', publishedAt: '2025-03-30' }));
    expect(find(fundObligations(onTime, 2024, '2025-04-01'), 'annual-contributions')).toMatchObject({ dueBy: '2025-03-30', status: 'met', includesUse: false });
    const late = fundOf(publicationMade(1, { kind: 'annual-contributions', campaignId: null, period: '2024', publishedAt: '2025-03-31' }));
    expect(find(fundObligations(late, 2024, '2025-04-01'), 'annual-contributions')).toMatchObject({ status: 'met_late' });
  });

  it('R24: under decree-03-2026 the yearly publication also covers the use of the contributions', () => {
    const fund = fundOf(policyChanged({}, '2026-01-15T09:00:00+07:00', { effectiveFrom: '2026-03-01', legalBasis: 'decree-03-2026' }));
    expect(find(fundObligations(fund, 2025, '2026-01-20'), 'annual-contributions')).toMatchObject({ includesUse: true, legalReference: 'Nghị định 03/2026' });
    expect(find(fundObligations(fund, 2024, '2026-01-20'), 'annual-contributions')).toMatchObject({ includesUse: false });
  });

  it('R24: a fund opened under decree-93-2019 that never changed its basis: 2024\'s contributions (due 2025-03-30) alone, 2025\'s (due 2026-03-30, Decree 03/2026 in force) with their use', () => {
    const fund = fundOf();
    expect(find(fundObligations(fund, 2024, '2025-01-20'), 'annual-contributions')).toMatchObject({ includesUse: false, legalReference: 'Nghị định 93/2019, Điều 8(2)(g)' });
    expect(find(fundObligations(fund, 2025, '2026-01-20'), 'annual-contributions')).toMatchObject({ dueBy: '2026-03-30', includesUse: true, legalReference: 'Nghị định 03/2026' });
    expect(find(fundObligations(fund, 2026, '2026-06-01'), 'annual-contributions')).toMatchObject({ dueBy: '2027-03-30', includesUse: true });
  });

  it('R24: a basis changed mid-year governs from its effectiveFrom: the contributions follow the basis of the day they are due', () => {
    const fund = fundOf(policyChanged({}, '2025-06-10T09:00:00+07:00', { effectiveFrom: '2025-07-01', legalBasis: 'decree-03-2026' }));
    expect(find(fundObligations(fund, 2024, '2025-06-20'), 'annual-contributions')).toMatchObject({ includesUse: false });
    expect(find(fundObligations(fund, 2025, '2025-06-20'), 'annual-contributions')).toMatchObject({ includesUse: true, legalReference: 'Nghị định 03/2026' });
  });

  it('R24: a quarterly disclosure or annual report due from 2026-03-01 cites Decree 03/2026 (no article known); one due before keeps its 93/2019 article', () => {
    const fund = fundOf();
    const reference = (year: number, kind: string, period: string) => fundObligations(fund, year, '2026-06-01').find((o) => o.kind === kind && o.period === period)?.legalReference;
    expect(reference(2025, 'quarterly-disclosure', '2025-Q4')).toBe('Nghị định 93/2019, Điều 38(4)');
    expect(reference(2026, 'quarterly-disclosure', '2026-Q1')).toBe('Nghị định 03/2026');
    expect(reference(2026, 'quarterly-disclosure', '2026-Q4')).toBe('Nghị định 03/2026');
    expect(reference(2025, 'annual-report', '2025')).toBe('Nghị định 93/2019, Điều 8(2)(i)');
    expect(reference(2026, 'annual-report', '2026')).toBe('Nghị định 03/2026');
  });

  it('R24: a quarter\'s disclosure is due 30 days after it ends; quarters before the fund opened ask none', () => {
    const fund = fundOf();
    const quarters = fundObligations(fund, 2024, '2024-11-01').filter((o) => o.kind === 'quarterly-disclosure');
    expect(quarters.map((o) => [o.period, o.dueBy, o.status])).toEqual([
      ['2024-Q1', '2024-04-30', 'overdue'], ['2024-Q2', '2024-07-30', 'overdue'], ['2024-Q3', '2024-10-30', 'overdue'], ['2024-Q4', '2025-01-30', 'due'],
    ]);
    expect(fundObligations(fund, 2023, '2024-11-01')).toEqual([]);
  });

  it('R24: a fund opened in the ledger mid-year, its earlier gifts entered, owes the disclosures from its first gift\'s quarter, and that year\'s', () => {
    const fund = fundOf(); // opened in the ledger in 2024
    const lateOpened = { ...fund, openedAt: '2024-11-20T09:00:00+07:00' };
    const quarters = (firstGiftOn?: string) => fundObligations(lateOpened, 2024, '2024-12-01', firstGiftOn).filter((o) => o.kind === 'quarterly-disclosure').map((o) => o.period);
    expect(quarters()).toEqual(['2024-Q4']);
    expect(quarters('2024-05-10')).toEqual(['2024-Q2', '2024-Q3', '2024-Q4']);
    // A gift dated after the opening changes nothing.
    expect(quarters('2024-12-01')).toEqual(['2024-Q4']);
    // A year before the opening is owed from its first gift's quarter, with its yearly publications.
    expect(fundObligations(lateOpened, 2023, '2024-12-01')).toEqual([]);
    const earlier = fundObligations(lateOpened, 2023, '2024-12-01', '2023-08-15');
    expect(earlier.filter((o) => o.kind === 'quarterly-disclosure').map((o) => o.period)).toEqual(['2023-Q3', '2023-Q4']);
    expect(earlier.map((o) => o.kind)).toEqual(expect.arrayContaining(['annual-contributions', 'annual-report']));
  });

  it('R25: the annual report is due before 31 December of its year', () => {
    const fund = fundOf(publicationMade(1, { kind: 'annual-report', campaignId: null, period: '2024', publishedAt: '2024-12-30' }));
    expect(find(fundObligations(fund, 2024, '2025-01-05'), 'annual-report')).toMatchObject({ dueBy: '2024-12-30', status: 'met' });
  });

  it('R22–R24: a campaign\'s obligations belong to the year of what they publish, even when due the next year', () => {
    const fund = fundOf(campaignCreated({ campaignId: 'tet-2025', kind: 'tet', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2024-12-25T00:00:00+07:00', distributeUntil: '2025-01-20T00:00:00+07:00' }));
    const of2024 = fundObligations(fund, 2024, '2024-12-26').filter((o) => o.campaignId === 'tet-2025');
    const of2025 = fundObligations(fund, 2025, '2024-12-26').filter((o) => o.campaignId === 'tet-2025');
    expect(of2024.map((o) => [o.kind, o.dueBy])).toEqual([['campaign-call', '2024-12-01'], ['campaign-receipts', '2025-01-24']]);
    expect(of2025.map((o) => [o.kind, o.dueBy])).toEqual([['campaign-distribution', '2025-02-19']]);
  });

  it('R26: each publication says whether it kept its deadline; a kind the law dates not has none', () => {
    const fund = fundOf(
      campaignCreated(),
      publicationMade(1, { publishedAt: '2024-11-21' }),
      publicationMade(2, { publishedAt: '2024-11-30' }),
      publicationMade(3, { kind: 'beneficiaries', publishedAt: '2024-09-20' }),
    );
    expect(fund.publications.map((p) => publicationDeadline(fund, p))).toEqual([
      { dueBy: RECEIPTS_DUE, onTime: true }, { dueBy: RECEIPTS_DUE, onTime: false }, null,
    ]);
  });
});
