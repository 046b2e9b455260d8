import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, fetchRaw, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { Balance } from '../api/types';
import { formatDateTime, parseDate, parseDateTime } from '../format';
import { t, tOr, type MessageKey } from '../i18n';
import { eventLabel } from './dashboard-activity';
import { RestrictedPools } from './dashboard';
import { StockTables } from './stock-tables';
import { useFund, useWorkplace } from '../session';
import { componentLabel, LoadError, Money, ReadAt, Section, Table } from '../ui/bits';
import { downloadReport, DownloadedLink, type DownloadedFile } from '../ui/downloads';
import { badDateMessage, Choice, type Errors, Field, FormMessage } from '../ui/forms';

const JOURNAL_PAGE = 25;
const REPORTS = ['financial', 'disclosure', 'designations', 'campaigns', 'donors'] as const;
const FORMATS = ['csv', 'xlsx', 'json'] as const;

type StockResponse = components['schemas']['StockResponse'];

interface JournalLine {
  position: number;
  type: string;
  streamId: string;
  hash: string;
  metadata: { recordedAt?: string };
}

/** The auditor's screen, read-only: the journal with positions and hashes, verify, balance at a point, reports. */
export default function Audit() {
  const { fundId } = useWorkplace();
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="hint">{t('audit.readOnly')}</p>
      <Verify />
      {fundId ? <BalanceAt fundId={fundId} /> : null}
      {fundId ? <StockAt fundId={fundId} /> : null}
      {fundId ? <Reports fundId={fundId} /> : null}
      <Journal />
    </>
  );
}

function Verify() {
  const [asked, setAsked] = useState(0);
  const result = useQuery({
    queryKey: ['verify', asked],
    enabled: asked > 0,
    queryFn: () => unwrap<{ ok: boolean; eventsChecked: number; firstBadPosition?: number; reason?: string }>(api.GET('/v1/audit/verify')),
  });
  return (
    <Section title={t('audit.verify')} id="verify">
      <Button className="primary" onPress={() => setAsked((n) => n + 1)} isDisabled={result.isFetching}>{t('audit.verify')}</Button>
      <LoadError error={result.error} />
      {result.data ? (
        <p role="status" className={result.data.ok ? 'form-success' : 'form-error'}>
          {result.data.ok
            ? t('audit.verifyOk', { count: result.data.eventsChecked })
            : result.data.reason === 'checkpoint_unsigned'
              ? t('audit.checkpointUnsigned', { reason: t('verify.checkpoint_unsigned') })
              : t('audit.verifyBad', { position: result.data.firstBadPosition ?? '?', reason: tOr(`verify.${result.data.reason ?? 'other'}`, 'verify.other') })}
        </p>
      ) : null}
    </Section>
  );
}

/** The three clocks of a look-back as typed: a business date, a recording moment, a log position. */
interface LookBackTyped {
  asOf: string;
  recordedBefore: string;
  atPosition: string;
}

const NO_LOOK_BACK: LookBackTyped = { asOf: '', recordedBefore: '', atPosition: '' };

/** The look-back's query parameters (asOf, recordedBefore, atPosition), or the problem of each field typed wrong. */
function lookBackQuery(typed: LookBackTyped): { query: Record<string, string>; problems: Errors } {
  const query: Record<string, string> = {};
  const problems: Errors = {};
  if (typed.asOf.trim()) {
    const date = parseDate(typed.asOf);
    if (date) query.asOf = date;
    else problems.asOf = badDateMessage(typed.asOf);
  }
  if (typed.recordedBefore.trim()) {
    const instant = parseDateTime(typed.recordedBefore);
    if (instant) query.recordedBefore = instant;
    else problems.recordedBefore = t('audit.badDateTime');
  }
  if (typed.atPosition.trim()) {
    if (/^\d+$/.test(typed.atPosition.trim())) query.atPosition = typed.atPosition.trim();
    else problems.atPosition = t('error.field');
  }
  return { query, problems };
}

/** The fields of a look-back, labelled by their clock; `logClocksOnly` for a figure the business date does not date (the stock). */
function LookBackFields({ typed, onChange, errors, logClocksOnly = false }: { typed: LookBackTyped; onChange: (next: LookBackTyped) => void; errors: Errors; logClocksOnly?: boolean }) {
  return (
    <>
      {logClocksOnly ? null : <Field name="asOf" label={t('audit.asOf')} value={typed.asOf} onChange={(asOf) => onChange({ ...typed, asOf })} errors={errors} placeholder="dd/mm/yyyy" />}
      <Field
        name="recordedBefore" label={t('audit.recordedBefore')} value={typed.recordedBefore} onChange={(recordedBefore) => onChange({ ...typed, recordedBefore })}
        errors={errors} placeholder="dd/mm/yyyy hh:mm"
      />
      <Field name="atPosition" label={t('audit.atPosition')} value={typed.atPosition} onChange={(atPosition) => onChange({ ...typed, atPosition })} errors={errors} inputMode="numeric" />
    </>
  );
}

/** A look-back's form: what is typed, its problems beside their fields, and the query once it was sent without any. */
function useLookBackForm() {
  const [typed, setTyped] = useState<LookBackTyped>(NO_LOOK_BACK);
  const [errors, setErrors] = useState<Errors>({});
  const [query, setQuery] = useState<Record<string, string>>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { query: next, problems } = lookBackQuery(typed);
    setErrors(problems);
    if (Object.keys(problems).length === 0) setQuery(next);
  };
  return { typed, setTyped, errors, query, onSubmit };
}

function BalanceAt({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const campaignName = (id: string) => fund.data?.campaigns.find((c) => c.campaignId === id)?.name ?? id;
  const { typed, setTyped, errors, query, onSubmit } = useLookBackForm();
  const balance = useQuery({
    queryKey: ['balance-at', fundId, query],
    enabled: query !== undefined,
    queryFn: () => unwrap<Balance>(api.GET('/v1/funds/{fundId}/balance', { params: { path: { fundId }, query: query as never } })),
  });
  const b = balance.data;
  return (
    <Section title={t('audit.balanceAt')} id="balance-at">
      <form onSubmit={onSubmit} noValidate className="filters">
        <LookBackFields typed={typed} onChange={setTyped} errors={errors} />
        <Button type="submit" className="primary">{t('audit.show')}</Button>
      </form>
      <LoadError error={balance.error} />
      {b ? (
        <>
          <p className="big-figure" data-figure="balance-at">{t('dashboard.available')}: <Money value={b.available} /></p>
          <Table caption={t('dashboard.byComponent')} head={[t('common.component'), t('dashboard.received'), t('dashboard.available')]}>
            {Object.entries(b.byComponent).map(([c, f]) => <tr key={c}><th scope="row">{componentLabel(c)}</th><td><Money value={f.received} /></td><td><Money value={f.available} /></td></tr>)}
          </Table>
          {/* With the money set apart, the tables add up to the figure above. */}
          {b.restricted.length > 0 ? (
            <>
              <h3>{t('dashboard.restricted')}</h3>
              <RestrictedPools balance={b} campaignName={campaignName} />
            </>
          ) : null}
          <ReadAt position={b.asOfPosition} />
        </>
      ) : null}
    </Section>
  );
}

/** The in-kind stock as the log stood at a position, or as it was recorded by an instant: goods are counted by the log, not by business date. */
function StockAt({ fundId }: { fundId: string }) {
  const { typed, setTyped, errors, query, onSubmit } = useLookBackForm();
  const stock = useQuery({
    queryKey: ['stock-at', fundId, query],
    enabled: query !== undefined,
    queryFn: () => unwrap<StockResponse>(api.GET('/v1/funds/{fundId}/stock', { params: { path: { fundId }, query: query as never } })),
  });
  const s = stock.data;
  return (
    <Section title={t('audit.stockAt')} id="stock-at">
      <form onSubmit={onSubmit} noValidate className="filters">
        <LookBackFields typed={typed} onChange={setTyped} errors={errors} logClocksOnly />
        <Button type="submit" className="primary">{t('audit.show')}</Button>
      </form>
      <LoadError error={stock.error} />
      {s ? (
        <>
          {s.items.length === 0 ? <p>{t('audit.noStock')}</p> : <StockTables fundId={fundId} stock={s} />}
          <ReadAt position={s.position} />
        </>
      ) : null}
    </Section>
  );
}


function Reports({ fundId }: { fundId: string }) {
  const [report, setReport] = useState<string>(REPORTS[0]);
  const [format, setFormat] = useState<string>('csv');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lookBack, setLookBack] = useState<LookBackTyped>(NO_LOOK_BACK);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DownloadedFile>();
  const [failure, setFailure] = useState<string>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const asked = lookBackQuery(lookBack);
    const query = new URLSearchParams({ format, ...asked.query });
    const problems: Errors = { ...asked.problems };
    for (const [name, typed] of [['from', from], ['to', to]] as const) {
      if (!typed.trim()) continue;
      const date = parseDate(typed);
      if (date) query.set(name, date);
      else problems[name] = t('common.badDate');
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      setResult(await downloadReport(`/v1/funds/${encodeURIComponent(fundId)}/reports/${report}?${query.toString()}`, `${fundId}-${report}.${format}`));
    } catch (error) {
      setFailure(tOr(`error.${(error as { code?: string }).code ?? ''}`, 'error.generic'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('audit.reports')} id="reports">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="filters">
        <Choice name="report" label={t('audit.report')} value={report} onChange={setReport} options={REPORTS.map((r) => ({ value: r, label: t(`report.${r}` as MessageKey) }))} />
        <Choice name="format" label={t('audit.format')} value={format} onChange={setFormat} options={FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))} />
        <Field name="from" label={t('common.from')} value={from} onChange={setFrom} errors={errors} placeholder="dd/mm/yyyy" />
        <Field name="to" label={t('common.to')} value={to} onChange={setTo} errors={errors} placeholder="dd/mm/yyyy" />
        <LookBackFields typed={lookBack} onChange={setLookBack} errors={errors} />
        <Button type="submit" className="primary" isDisabled={busy}>{t('audit.download')}</Button>
      </form>
      <FormMessage error={failure} />
      <DownloadedLink file={result} />
    </Section>
  );
}

function Journal() {
  const [fromPosition, setFromPosition] = useState(1);
  const [typed, setTyped] = useState('1');
  const lines = useQuery({
    queryKey: ['journal', fromPosition],
    queryFn: async () => {
      const response = await fetchRaw(`/v1/journal?fromPosition=${fromPosition}&limit=${JOURNAL_PAGE}`);
      return (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as JournalLine);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d+$/.test(typed.trim())) setFromPosition(Math.max(1, Number(typed.trim())));
  };
  const items = lines.data ?? [];
  return (
    <Section title={t('audit.journal')} id="journal">
      <form onSubmit={onSubmit} noValidate className="filters">
        <Field name="fromPosition" label={t('audit.fromPosition')} value={typed} onChange={setTyped} inputMode="numeric" />
        <Button type="submit" className="primary">{t('audit.show')}</Button>
      </form>
      <LoadError error={lines.error} />
      {items.length > 0 ? (
        <Table caption={t('audit.journal')} head={[t('common.position'), t('audit.type'), t('audit.recordedAt'), t('audit.hash')]}>
          {items.map((line) => (
            <tr key={line.position}>
              <th scope="row">{line.position}</th>
              {/* In words; the ledger's name beside it, as the exported journal and the proofs give it. */}
              <td>{eventLabel(line.type)}{eventLabel(line.type) === line.type ? null : <> <code className="hash">{line.type}</code></>}</td>
              <td>{formatDateTime(line.metadata?.recordedAt)}</td>
              <td><code className="hash">{line.hash}</code></td>
            </tr>
          ))}
        </Table>
      ) : null}
      {items.length === JOURNAL_PAGE ? (
        <Button className="secondary" onPress={() => { const next = items[items.length - 1].position + 1; setFromPosition(next); setTyped(String(next)); }}>{t('common.next')}</Button>
      ) : null}
    </Section>
  );
}
