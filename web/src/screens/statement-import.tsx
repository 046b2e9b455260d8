import { useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import { problemOf } from '../api/client';
import { noteWrittenPosition } from '../api/read-your-writes';
import { Link } from 'wouter';
import { formatDate } from '../format';
import { t, tOr } from '../i18n';
import { warningText, type ImportWarning } from '../import-warnings';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel, Section, Table } from '../ui/bits';
import { Choice, Field, fieldMessage, FormMessage } from '../ui/forms';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportAnswer {
  imported: number;
  duplicates: number;
  debits?: number | { fees?: number; interest?: number; unclassified?: number };
  rejected: { line: number; code: string; message: string; field?: string }[];
  rejectedCount?: number;
  warnings?: (string | ImportWarning)[];
  balanceCheck?: { ok: boolean; checkedLines: number; firstBreakLine?: number };
  statement?: { account: string | null; from: string | null; to: string | null };
  alreadyImported?: boolean;
  position: number;
}

/** What a rejected line's reason is, in the current language (the ledger's code, said in words). */
function rejectionReason(rejection: ImportAnswer['rejected'][number]): string {
  if (rejection.code === 'VALIDATION_FAILED') return fieldMessage(`${rejection.field ?? ''} ${rejection.message}`);
  return tOr(`error.${rejection.code}`, 'error.field');
}

/** The result as a CSV file the accountant keeps: the counts, then each rejected line and its reason. */
function resultCsv(fileName: string, answer: ImportAnswer): string {
  // Text that would start a formula (a file name or message typed as "=…") is kept as text after an apostrophe, as the reports' CSV does.
  const quote = (value: string | number) => {
    const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
    return `"${text.replace(/"/g, '""')}"`;
  };
  const rows: (string | number)[][] = [
    [t('import.file'), fileName], [t('import.imported'), answer.imported], [t('import.duplicates'), answer.duplicates],
    [t('import.rejected'), answer.rejectedCount ?? answer.rejected.length], [t('common.position'), answer.position], [],
    [t('import.line'), t('common.reason'), 'code', 'message'],
    ...answer.rejected.map((r) => [r.line, rejectionReason(r), r.code, r.message]),
  ];
  return `\ufeff${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Sends the file with the upload's progress (XMLHttpRequest reports it; fetch does not). */
function upload(url: string, file: File, onProgress: (fraction: number) => void): Promise<ImportAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : file.type || 'application/octet-stream';
    request.setRequestHeader('content-type', type);
    request.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    request.onload = () => {
      const body = (() => { try { return JSON.parse(request.responseText) as unknown; } catch { return undefined; } })();
      if (request.status >= 200 && request.status < 300) {
        // Sent past the typed client: the screens read after it wait for the import's position all the same.
        noteWrittenPosition((body as ImportAnswer).position);
        resolve(body as ImportAnswer);
      }
      else reject(problemOf(request.status, body));
    };
    request.onerror = () => reject(problemOf(0, { error: { code: 'NETWORK' } }));
    request.send(file);
  });
}

/** The accountant imports a bank statement by drag and drop, watches it upload, and reads the result. */
export default function StatementImport() {
  const { fundId } = useWorkplace();
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const [bankAccount, setBankAccount] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [component, setComponent] = useState('general');
  const [progress, setProgress] = useState<number>();
  const [dragging, setDragging] = useState(false);
  const [answer, setAnswer] = useState<{ file: string; result: ImportAnswer; csv: string }>();
  const [failure, setFailure] = useState<string>();
  const send = async (file: File) => {
    const query = new URLSearchParams({ component });
    if (bankAccount.trim()) query.set('bankAccount', bankAccount.trim());
    if (campaignId) query.set('campaignId', campaignId);
    setAnswer(undefined);
    setFailure(undefined);
    setProgress(0);
    try {
      const result = await upload(`/v1/funds/${encodeURIComponent(fundId)}/imports?${query.toString()}`, file, setProgress);
      setProgress(1);
      setAnswer({ file: file.name, result, csv: URL.createObjectURL(new Blob([resultCsv(file.name, result)], { type: 'text/csv' })) });
      await refresh();
    } catch (error) {
      setProgress(undefined);
      const { code = '', details = {} } = error as { code?: string; details?: Record<string, unknown> };
      const breakLine = (details.balanceCheck as { firstBreakLine?: number } | undefined)?.firstBreakLine;
      const seen = Array.isArray(details.headingsSeen) ? (details.headingsSeen as string[]).join(' | ') : '';
      if (code === 'STATEMENT_UNBALANCED' && breakLine !== undefined) setFailure(`${t('error.STATEMENT_UNBALANCED')} ${t('import.balanceBreak', { line: breakLine })}`);
      else if (code === 'UNKNOWN_LAYOUT' && seen !== '') setFailure(`${t('error.UNKNOWN_LAYOUT')} ${t('import.headingsSeen', { headings: seen })}`);
      else setFailure(code === 'NETWORK' ? t('error.network') : tOr(`error.${code}`, 'import.failed'));
    }
  };
  const r = answer?.result;
  const refused = r ? r.rejectedCount ?? r.rejected.length : 0;
  // "Imported before" is said once, above the list.
  const warnings = (r?.warnings ?? []).filter((w) => !(r?.alreadyImported && typeof w !== 'string' && w.code === 'ALREADY_IMPORTED'));
  return (
    <>
      <h1>{t('import.title')}</h1>
      <div className="grid-form">
        <Field name="bankAccount" label={t('import.bankAccount')} value={bankAccount} onChange={setBankAccount} />
        <Choice name="campaignId" label={t('common.campaign')} value={campaignId} onChange={setCampaignId}
          options={[{ value: '', label: t('common.noCampaign') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
        <Choice name="component" label={t('common.component')} value={component} onChange={setComponent}
          options={(fund.data?.components ?? ['general']).map((c) => ({ value: c, label: componentLabel(c) }))} />
      </div>
      <div
        className={dragging ? 'drop-zone drop-target' : 'drop-zone'} data-testid="drop-zone"
        onDragOver={(event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file) void send(file);
        }}>
        {/* Dropping is a shortcut for the pointer; the file button (react-aria) is the way for the keyboard and screen readers. */}
        <p id="drop-hint">{t('import.drop')}</p>
        <FileTrigger acceptedFileTypes={['.csv', '.xlsx', 'text/csv', XLSX]} onSelect={(files) => { const file = files?.[0]; if (file) void send(file); }}>
          <Button className="secondary" aria-describedby="drop-hint">{t('import.choose')}</Button>
        </FileTrigger>
      </div>
      {progress !== undefined ? (
        <label className="progress">
          <span>{progress < 1 ? t('import.uploading') : t('import.done')}</span>
          <progress max={1} value={progress} />
        </label>
      ) : null}
      <FormMessage error={failure} />
      {r && answer ? (
        <Section title={t('import.result', { file: answer.file })} id="import-result">
          <dl className="figures">
            <div><dt>{t('import.imported')}</dt><dd data-figure="imported">{r.imported}</dd></div>
            <div><dt>{t('import.duplicates')}</dt><dd data-figure="duplicates">{r.duplicates}</dd></div>
            <div><dt>{t('import.rejected')}</dt><dd data-figure="rejected">{r.rejectedCount ?? r.rejected.length}</dd></div>
            {typeof r.debits === 'object' ? (
              <>
                <div><dt>{t('import.fees')}</dt><dd data-figure="fees">{r.debits.fees ?? 0}</dd></div>
                <div><dt>{t('import.interest')}</dt><dd data-figure="interest">{r.debits.interest ?? 0}</dd></div>
                <div><dt>{t('import.unclassified')}</dt><dd data-figure="unclassified">{r.debits.unclassified ?? 0}</dd></div>
              </>
            ) : null}
          </dl>
          {r.alreadyImported ? <p className="hint">{t('import.already')}</p> : null}
          {/* A statement with a refused line is not recorded: the reconciliation does not have it yet. */}
          {refused > 0 && !r.alreadyImported ? <p className="form-error">{t('import.notRecorded')}</p> : null}
          {r.statement?.account && refused === 0 ? (
            <p>
              {t('import.statement', { account: r.statement.account, from: formatDate(r.statement.from), to: formatDate(r.statement.to) })}{' '}
              <Link href="/doi-chieu">{t('import.reconcile')}</Link>
            </p>
          ) : null}
          {r.balanceCheck && r.balanceCheck.ok && r.balanceCheck.checkedLines === 0 ? (
            // Nothing was compared: no balance printed, so no "agree" in green.
            <p className="hint" data-figure="balance-check">{t('import.balanceNone')}</p>
          ) : r.balanceCheck ? (
            <p className={r.balanceCheck.ok ? 'form-success' : 'form-error'} data-figure="balance-check">
              {r.balanceCheck.ok ? t('import.balanceOk', { lines: r.balanceCheck.checkedLines }) : t('import.balanceBreak', { line: r.balanceCheck.firstBreakLine ?? '?' })}
            </p>
          ) : null}
          {warnings.length > 0 ? (
            <ul aria-label={t('import.warnings')} className="warnings">{warnings.map((w, i) => <li key={i}>{warningText(w)}</li>)}</ul>
          ) : null}
          {r.rejected.length > 0 ? (
            <Table caption={t('import.rejected')} head={[t('import.line'), t('common.reason')]}>
              {r.rejected.map((rejection) => <tr key={rejection.line}><th scope="row">{rejection.line}</th><td>{rejectionReason(rejection)}</td></tr>)}
            </Table>
          ) : null}
          <p><a href={answer.csv} download={`ket-qua-${answer.file.replace(/\.[^.]+$/, '')}.csv`}>{t('import.downloadCsv')}</a></p>
        </Section>
      ) : null}
    </>
  );
}
