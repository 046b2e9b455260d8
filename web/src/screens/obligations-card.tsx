import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatDate, parseDate, todayShown } from '../format';
import { t, tOr } from '../i18n';
import { useFund } from '../session';
import { LoadError, Section } from '../ui/bits';
import { obligationYears } from './obligation-years';

export type ObligationsAnswer = components['schemas']['ObligationsResponse'];
export type Obligation = components['schemas']['ObligationResponse'];

/** Where the staff app shows publications and obligations (not /cong-khai, which is the public site). */
export const PUBLICATIONS_PATH = '/cong-bo';
/** How far ahead the dashboard looks for deadlines coming. */
const AHEAD_DAYS = 30;
const SHOWN_MAX = 8;

/** The current fiscal year in Vietnam time. */
export const thisYear = () => Number((parseDate(todayShown()) ?? '').slice(0, 4));

export const kindLabel = (kind: string) => tOr(`pub.kind.${kind}`, 'common.none').replace(t('common.none'), kind);

/** A period as people write it: a year as it is, a quarter `2026-Q4` as "quý 4/2026". */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  return quarter ? t('pub.quarterOf', { quarter: quarter[2], year: quarter[1] }) : period;
}

/** An obligation in words: what, about which campaign or period. */
export function obligationSubject(o: Obligation, campaignName: (id: string) => string): string {
  const about = o.campaignId ? campaignName(o.campaignId) : periodLabel(o.period ?? '');
  return `${kindLabel(o.kind)} · ${about}${o.includesUse ? ` ${t('pub.withUse')}` : ''}`;
}

/** A year's obligations of a fund, as the ledger computes them for today (Vietnam time). */
const obligationsQuery = (fundId: string, year: number) => ({
  queryKey: ['obligations', fundId, year],
  queryFn: () => unwrap<ObligationsAnswer>(api.GET('/v1/funds/{fundId}/obligations', { params: { path: { fundId }, query: { year: String(year) } } })),
});

export function useObligations(fundId: string, year: number) {
  return useQuery(obligationsQuery(fundId, year));
}

function dayPlus(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * "Hạn công khai" on the dashboard: what is overdue and what falls due in the next 30 days. It
 * reads every year since the fund's first (an obligation left unmet stays overdue) and the next
 * one when the 30 days reach into it (see obligationYears).
 */
export function ObligationsCard({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const today = parseDate(todayShown()) ?? '';
  const years = useQueries({ queries: obligationYears(today, AHEAD_DAYS, fund.data).map((year) => obligationsQuery(fundId, year)) });
  const loaded = years.every((answer) => answer.data !== undefined);
  const horizon = dayPlus(today, AHEAD_DAYS);
  const campaignName = (id: string) => fund.data?.campaigns.find((c) => c.campaignId === id)?.name ?? id;
  const all = years.flatMap((answer) => answer.data?.obligations ?? []);
  const overdue = all.filter((o) => o.status === 'overdue');
  const soon = all.filter((o) => o.status === 'due' && o.dueBy <= horizon);
  const lines = [
    ...overdue.map((o) => ({ o, text: t('deadlines.overdue', { what: obligationSubject(o, campaignName), date: formatDate(o.dueBy) }), late: true })),
    ...soon.map((o) => ({ o, text: t('deadlines.soon', { what: obligationSubject(o, campaignName), date: formatDate(o.dueBy) }), late: false })),
  ];
  return (
    <Section title={t('deadlines.title')} id="deadlines">
      <LoadError error={years.find((answer) => answer.error)?.error ?? null} />
      {loaded && lines.length === 0 ? <p>{t('deadlines.none')}</p> : null}
      {lines.length > 0 ? (
        <ul className="needs-me">
          {lines.slice(0, SHOWN_MAX).map(({ o, text, late }) => (
            <li key={`${o.year}:${o.kind}:${o.campaignId ?? o.period ?? ''}`} className={late ? 'warning' : ''}>{text}</li>
          ))}
          {lines.length > SHOWN_MAX ? <li>…</li> : null}
        </ul>
      ) : null}
      <p><Link href={PUBLICATIONS_PATH}>{t('deadlines.open')}</Link></p>
    </Section>
  );
}
