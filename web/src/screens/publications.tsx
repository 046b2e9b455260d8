import { useQuery } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatDate, formatDateTime, parseDate, todayShown } from '../format';
import { t, tOr, type MessageKey } from '../i18n';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { LoadError, ReadAt, Section, statusLabel, Table } from '../ui/bits';
import { kindLabel, obligationSubject, thisYear, useObligations } from './obligations-card';
import { badDateMessage, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';

type Recorded = components['schemas']['PublicationRecordedResponse'];
type Report = components['schemas']['ReportResponse'];

const KINDS = ['campaign-call', 'campaign-receipts', 'campaign-distribution', 'beneficiaries', 'annual-contributions', 'quarterly-disclosure', 'annual-report', 'settlement'];
const CAMPAIGN_KINDS = ['campaign-call', 'campaign-receipts', 'campaign-distribution', 'beneficiaries'];
const CHANNELS = ['website', 'posting', 'mass-media', 'written-notice', 'on-request'];
const CODE_FIELDS = { PUBLISHED_BEFORE_END: 'publishedAt', FUTURE_DATE: 'publishedAt', NOT_FOUND: 'campaignId' };

/** "Công khai": record what was published, with its file's SHA-256, and see what the law asks of the year. */
export default function Publications() {
  const { fundId, has } = useWorkplace();
  if (!fundId) return <h1>{t('pub.title')}</h1>;
  return (
    <>
      <h1>{t('pub.title')}</h1>
      {has('admin', 'accountant') ? <RecordForm fundId={fundId} /> : null}
      <Obligations fundId={fundId} />
    </>
  );
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const blank = () => ({ kind: 'campaign-receipts', campaignId: '', period: '', channel: 'website', url: '', date: todayShown(), sha: '' });

function RecordForm({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const [v, setV] = useState(blank);
  const [hashing, setHashing] = useState(false);
  const submission = useSubmission<Recorded>({}, CODE_FIELDS);
  const set = (field: keyof ReturnType<typeof blank>) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const campaigns = fund.data?.campaigns ?? [];
  const namesCampaign = CAMPAIGN_KINDS.includes(v.kind) || v.kind === 'settlement';
  const namesPeriod = !CAMPAIGN_KINDS.includes(v.kind);
  const campaignId = v.campaignId || campaigns[0]?.campaignId || '';
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file || !globalThis.crypto?.subtle) return;
    setHashing(true);
    try {
      const sha = await sha256Hex(file);
      setV((old) => ({ ...old, sha }));
    } finally {
      setHashing(false);
    }
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    const publishedAt = parseDate(v.date);
    if (!publishedAt) errors.publishedAt = badDateMessage(v.date);
    if (!/^[0-9a-f]{64}$/.test(v.sha.trim().toLowerCase())) errors.contentSha256 = t('pub.badSha');
    if (namesPeriod && !(v.kind === 'settlement' && campaignId) && !v.period.trim()) errors.period = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    const settlementOfCampaign = v.kind === 'settlement' && v.period.trim() === '';
    const body = {
      kind: v.kind, channel: v.channel, publishedAt, contentSha256: v.sha.trim().toLowerCase(),
      ...(v.url.trim() ? { url: v.url.trim() } : {}),
      ...(CAMPAIGN_KINDS.includes(v.kind) || settlementOfCampaign ? { campaignId } : { period: v.period.trim() }),
    };
    await submission.submit(async (key) => {
      const answer = await unwrap<Recorded>(api.POST('/v1/funds/{fundId}/publications', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) {
    const done = submission.done;
    return (
      <Section title={t('pub.record')} id="record-publication">
        <FormMessage success={<>{t('pub.recorded', { id: done.publicationId })}{done.checkpoint ? ` ${t('pub.checkpoint', { size: done.checkpoint.treeSize })}` : ''}</>} />
        <Button className="primary" onPress={() => { submission.reset(); setV(blank()); }}>{t('pub.recordAnother')}</Button>
      </Section>
    );
  }
  return (
    <Section title={t('pub.record')} id="record-publication">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} />
        <Choice name="kind" label={t('pub.kind')} value={v.kind} onChange={set('kind')} errors={submission.errors} options={KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))} />
        {namesCampaign ? (
          <Choice name="campaignId" label={t('pub.campaign')} value={campaignId} onChange={set('campaignId')} errors={submission.errors}
            options={campaigns.map((c) => ({ value: c.campaignId, label: c.name }))} />
        ) : null}
        {namesPeriod ? <Field name="period" label={t('pub.period')} value={v.period} onChange={set('period')} errors={submission.errors} placeholder={String(thisYear())} /> : null}
        <Choice name="channel" label={t('pub.channel')} value={v.channel} onChange={set('channel')} errors={submission.errors}
          options={CHANNELS.map((channel) => ({ value: channel, label: t(`pub.channel.${channel}` as MessageKey) }))} />
        <Field name="url" label={t('pub.url')} value={v.url} onChange={set('url')} errors={submission.errors} type="url" isRequired={v.channel === 'website'} />
        <Field name="publishedAt" label={t('pub.publishedAt')} value={v.date} onChange={set('date')} errors={submission.errors} isRequired />
        <div className="field">
          <label htmlFor="publication-file">{t('pub.file')}</label>
          <input id="publication-file" type="file" onChange={(event) => void onFile(event)} />
          {hashing ? <span role="status">{t('pub.hashing')}</span> : null}
        </div>
        <Field name="contentSha256" label={t('pub.sha')} value={v.sha} onChange={set('sha')} errors={submission.errors} description={t('pub.shaHint')} isRequired />
        <Submit pending={submission.pending || hashing} label="pub.send" />
      </form>
    </Section>
  );
}

function Obligations({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const [year, setYear] = useState(thisYear);
  const obligations = useObligations(fundId, year);
  const campaignName = (id: string) => fund.data?.campaigns.find((c) => c.campaignId === id)?.name ?? id;
  const years = [thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2, thisYear() - 3];
  return (
    <Section title={t('pub.obligations', { year })} id="obligations">
      <Choice name="year" label={t('pub.year')} value={String(year)} onChange={(value) => setYear(Number(value))} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
      <LoadError error={obligations.error} />
      {obligations.data ? (
        <>
          <Table caption={t('pub.obligations', { year })} head={[t('pub.subject'), t('pub.dueBy'), t('pub.status'), t('pub.metBy'), t('pub.legal')]}>
            {obligations.data.obligations.map((o) => (
              <tr key={`${o.kind}:${o.campaignId ?? o.period ?? ''}`} data-status={o.status}>
                <th scope="row">{obligationSubject(o, campaignName)}</th>
                <td>{o.dueAt ? formatDateTime(o.dueAt) : formatDate(o.dueBy)}</td>
                <td className={o.status === 'overdue' || o.status === 'met_late' ? 'warning' : ''}>{tOr(`pub.status.${o.status}`, 'common.none').replace(t('common.none'), statusLabel(o.status))}</td>
                <td>
                  {o.publication ? `${formatDate(o.publication.publishedAt)} · ${o.publication.publicationId}` : '—'}
                  {o.publication && o.period ? <FiguresSince fundId={fundId} kind={o.kind} period={o.period} publicationId={o.publication.publicationId} /> : null}
                </td>
                <td>{o.legalReference}</td>
              </tr>
            ))}
          </Table>
          <ReadAt position={obligations.data.position} />
        </>
      ) : null}
    </Section>
  );
}

/** The first and last day of a fiscal year (`2025`) or quarter (`2025-Q3`). */
function periodDays(period: string): { from: string; to: string } | undefined {
  const match = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!match) return undefined;
  if (!match[2]) return { from: `${match[1]}-01-01`, to: `${match[1]}-12-31` };
  const quarter = Number(match[2]);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return { from: `${match[1]}-${String(quarter * 3 - 2).padStart(2, '0')}-01`, to: `${match[1]}-${ends[quarter - 1]}` };
}

/**
 * The report a publication of a period is made from: the year's contributions and the quarterly
 * disclosure list the gifts and their use (disclosure); the annual report and the settlement are
 * the year's finances (financial).
 */
const REPORT_OF_KIND: Record<string, string> = {
  'annual-contributions': 'disclosure', 'quarterly-disclosure': 'disclosure', 'annual-report': 'financial', settlement: 'financial',
};

/**
 * Whether the period's figures are still those of the day its publication was recorded: the
 * period's report says so, with the position that reproduces what was published.
 */
function FiguresSince({ fundId, kind, period, publicationId }: { fundId: string; kind: string; period: string; publicationId: string }) {
  const days = periodDays(period);
  const reportName = REPORT_OF_KIND[kind];
  const report = useQuery({
    queryKey: ['report', fundId, reportName, days?.from, days?.to],
    enabled: days !== undefined && reportName !== undefined,
    queryFn: () => unwrap<Report>(api.GET('/v1/funds/{fundId}/reports/{report}', {
      params: { path: { fundId, report: reportName as never }, query: { from: days?.from, to: days?.to } as never },
    })),
  });
  const then = report.data?.published?.find((p) => p.publicationId === publicationId);
  if (!then) return null;
  return then.figuresChanged
    ? <small className="tag warning">{t('pub.figuresChanged', { position: then.positionThen })}</small>
    : <small className="tag">{t('pub.figuresSame')}</small>;
}
