import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { fetchRaw } from '../api/client';
import { formatDate, parseDate, todayShown } from '../format';
import { t, tOr } from '../i18n';
import { useWorkplace } from '../session';
import { LoadError, Money, ReadAt, Section, Table } from '../ui/bits';
import { downloadReport, DownloadedLink, type DownloadedFile } from '../ui/downloads';
import { badDateMessage, type Errors, Field, FormMessage } from '../ui/forms';

interface NetworkRow {
  section: 'incoming' | 'outgoing' | 'in-transit-incoming' | 'in-transit-outgoing';
  counterpartFundId: string;
  counterpartName: string | null;
  transferId: string | null;
  transfers: number | null;
  sent: string | null;
  arrived: string | null;
  returned: string | null;
  inTransit: string;
  sentAt: string | null;
  daysInTransit: number | null;
}

interface NetworkReport {
  rows: NetworkRow[];
  summary: Record<string, string | number | null>;
  position: number;
  sha256: string;
}

/**
 * The network report (R16) at the higher level: per fund that sent money here and per fund this
 * one sent to, what was sent, arrived, returned and is still in transit, and for how long (days
 * counted to the report's end date, today unless another is typed); then each transfer still on its
 * way. Downloads in CSV and XLSX carry the same position and sha256.
 */
export default function NetworkReportScreen() {
  const { fundId } = useWorkplace();
  const [typedFrom, setTypedFrom] = useState('');
  const [typedTo, setTypedTo] = useState(todayShown());
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({ to: parseDate(todayShown()) ?? undefined });
  const [errors, setErrors] = useState<Errors>({});
  const query = new URLSearchParams();
  if (period.from) query.set('from', period.from);
  if (period.to) query.set('to', period.to);
  const report = useQuery({
    queryKey: ['network-report', fundId, period.from, period.to],
    enabled: fundId !== '',
    queryFn: async () => (await (await fetchRaw(`/v1/funds/${encodeURIComponent(fundId)}/reports/network?${query.toString()}`)).json()) as NetworkReport,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Errors = {};
    const next: { from?: string; to?: string } = {};
    for (const [name, typed] of [['from', typedFrom], ['to', typedTo]] as const) {
      if (!typed.trim()) continue;
      const date = parseDate(typed);
      if (date) next[name] = date;
      else problems[name] = badDateMessage(typed);
    }
    setErrors(problems);
    if (Object.keys(problems).length === 0) setPeriod(next);
  };
  const rows = report.data?.rows ?? [];
  const summary = report.data?.summary ?? {};
  return (
    <>
      <h1>{t('net.title')}</h1>
      <p className="hint">{t('net.hint')}</p>
      <form onSubmit={onSubmit} noValidate className="filters">
        <Field name="from" label={t('common.from')} value={typedFrom} onChange={setTypedFrom} errors={errors} placeholder="dd/mm/yyyy" />
        <Field name="to" label={t('common.to')} value={typedTo} onChange={setTypedTo} errors={errors} placeholder="dd/mm/yyyy" />
        <Button type="submit" className="primary">{t('net.show')}</Button>
      </form>
      <LoadError error={report.error} />
      {report.data ? (
        <>
          <dl className="figures" aria-label={t('net.totals')}>
            <div><dt>{t('net.incomingInTransit')}</dt><dd><Money value={String(summary.incomingInTransit ?? '0')} /></dd></div>
            <div><dt>{t('net.incomingArrived')}</dt><dd><Money value={String(summary.incomingArrived ?? '0')} /></dd></div>
            <div><dt>{t('net.outgoingInTransit')}</dt><dd><Money value={String(summary.outgoingInTransit ?? '0')} /></dd></div>
            <div><dt>{t('net.longest')}</dt><dd>{summary.longestInTransitDays === null || summary.longestInTransitDays === undefined ? '—' : t('net.days', { days: Number(summary.longestInTransitDays) })}</dd></div>
          </dl>
          <FundRows title={t('net.incoming')} id="net-incoming" rows={rows.filter((row) => row.section === 'incoming')} />
          <FundRows title={t('net.outgoing')} id="net-outgoing" rows={rows.filter((row) => row.section === 'outgoing')} />
          <Travelling rows={rows.filter((row) => row.section.startsWith('in-transit-'))} />
          <Downloads fundId={fundId} query={query} position={report.data.position} />
          <ReadAt position={report.data.position} />
        </>
      ) : null}
    </>
  );
}

function FundRows({ title, id, rows }: { title: string; id: string; rows: NetworkRow[] }) {
  return (
    <Section title={title} id={id}>
      {rows.length === 0 ? <p>{t('common.none')}</p> : (
        <Table caption={title} head={[t('net.fund'), t('net.sent'), t('net.arrived'), t('net.returned'), t('net.inTransit'), t('tr.days')]} className="stack-table">
          {rows.map((row) => (
            <tr key={row.counterpartFundId}>
              <th scope="row">{row.counterpartName ?? row.counterpartFundId}<small className="tag">{row.counterpartFundId}</small></th>
              <td data-label={t('net.sent')}><Money value={row.sent} /></td>
              <td data-label={t('net.arrived')}><Money value={row.arrived} /></td>
              <td data-label={t('net.returned')}><Money value={row.returned} /></td>
              <td data-label={t('net.inTransit')}><Money value={row.inTransit} /></td>
              <td data-label={t('tr.days')}>{row.daysInTransit === null ? '—' : t('net.days', { days: row.daysInTransit })}</td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

function Travelling({ rows }: { rows: NetworkRow[] }) {
  return (
    <Section title={t('net.travelling')} id="net-travelling">
      {rows.length === 0 ? <p>{t('common.none')}</p> : (
        <Table caption={t('net.travelling')} head={[t('tr.id'), t('net.fund'), t('common.amount'), t('net.sentAt'), t('tr.days')]} className="stack-table">
          {rows.map((row) => (
            <tr key={row.transferId}>
              <th scope="row">{row.transferId}<small className="tag">{t(row.section === 'in-transit-incoming' ? 'net.toHere' : 'net.fromHere')}</small></th>
              <td data-label={t('net.fund')}>{row.counterpartName ?? row.counterpartFundId}</td>
              <td data-label={t('common.amount')}><Money value={row.inTransit} /></td>
              <td data-label={t('net.sentAt')}>{formatDate(row.sentAt)}</td>
              <td data-label={t('tr.days')}>{row.daysInTransit === null ? '—' : t('net.days', { days: row.daysInTransit })}</td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}


/** The same report, at the same position, as a file for the finance office. */
function Downloads({ fundId, query, position }: { fundId: string; query: URLSearchParams; position: number }) {
  const [result, setResult] = useState<DownloadedFile>();
  const [failure, setFailure] = useState<string>();
  const download = async (format: 'csv' | 'xlsx') => {
    setFailure(undefined);
    try {
      const params = new URLSearchParams(query);
      params.set('format', format);
      params.set('atPosition', String(position));
      setResult(await downloadReport(`/v1/funds/${encodeURIComponent(fundId)}/reports/network?${params.toString()}`, `${fundId}-network-${position}.${format}`));
    } catch (error) {
      setFailure(tOr(`error.${(error as { code?: string }).code ?? ''}`, 'error.generic'));
    }
  };
  return (
    <Section title={t('net.download')} id="net-download">
      <p className="actions">
        <Button className="secondary" onPress={() => void download('xlsx')}>XLSX</Button>
        <Button className="secondary" onPress={() => void download('csv')}>CSV</Button>
      </p>
      <FormMessage error={failure} />
      <DownloadedLink file={result} />
    </Section>
  );
}
