import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import type { Reconciliation as ReconciliationAnswer, StatementLine, StatementRecorded } from '../api/types';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { t, type MessageKey } from '../i18n';
import { useRefreshAfterWrite, useWorkplace } from '../session';
import { LoadError, Money, ReadAt, Section, Table } from '../ui/bits';
import { Choice, Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';

const CLASSES = ['other', 'disbursement', 'transfer', 'fee', 'interest'] as const;
type LineClass = (typeof CLASSES)[number];

/**
 * The accountant's reconciliation: the statements the fund recorded, a bank account day by day
 * (what its statements print against what the ledger booked, and the days no statement covers),
 * and the statement lines left to classify.
 */
export default function Reconciliation() {
  const { fundId, has } = useWorkplace();
  const statements = useQuery({
    queryKey: ['statements', fundId],
    queryFn: () => unwrap<{ statements: StatementRecorded[]; position: number }>(api.GET('/v1/funds/{fundId}/statements', { params: { path: { fundId } } })),
  });
  const accounts = [...new Set((statements.data?.statements ?? []).flatMap((s) => (s.account === null ? [] : [s.account])))];
  const [chosen, setChosen] = useState('');
  const [classified, setClassified] = useState<string[]>([]);
  const account = chosen || accounts[0] || '';
  const days = useQuery({
    queryKey: ['reconciliation', fundId, account],
    enabled: account !== '',
    queryFn: () => unwrap<ReconciliationAnswer>(api.GET('/v1/funds/{fundId}/bank-accounts/{account}/reconciliation', { params: { path: { fundId, account } } })),
  });
  const unclassified = useQuery({
    queryKey: ['statement-lines', fundId, 'unclassified'],
    queryFn: () => unwrap<{ items: StatementLine[]; position: number }>(
      api.GET('/v1/funds/{fundId}/statement-lines', { params: { path: { fundId }, query: { status: 'unclassified' } as never } }),
    ),
  });
  const r = days.data;
  return (
    <>
      <h1>{t('recon.title')}</h1>
      <Section title={t('recon.statements')} id="statements">
        <LoadError error={statements.error} />
        {statements.data && statements.data.statements.length === 0 ? <p className="hint">{t('recon.noStatements')}</p> : null}
        {statements.data && statements.data.statements.length > 0 ? (
          <Table caption={t('recon.statements')} head={[t('recon.account'), t('recon.period'), t('recon.opening'), t('recon.closing'), t('recon.lines'), t('recon.check'), t('recon.importedAt')]}>
            {statements.data.statements.map((s) => (
              <tr key={s.statementId} data-statement={s.statementId}>
                <th scope="row">{s.account ?? '—'}</th>
                <td>{formatDate(s.from)} – {formatDate(s.to)}</td>
                <td><Money value={s.openingBalance} /></td>
                <td><Money value={s.closingBalance} /></td>
                <td>{s.lines}</td>
                <td>{s.balanceCheck.ok ? t('recon.checkOk', { lines: s.balanceCheck.checkedLines }) : t('import.balanceBreak', { line: s.balanceCheck.firstBreakLine ?? '?' })}</td>
                <td>{formatDateTime(s.importedAt)}</td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Section>
      {accounts.length > 0 ? (
        <Section title={t('recon.days', { account })} id="reconciliation">
          {accounts.length > 1 ? (
            <Choice name="account" label={t('recon.account')} value={account} onChange={setChosen} options={accounts.map((a) => ({ value: a, label: a }))} />
          ) : null}
          <LoadError error={days.error} />
          {r ? (
            <>
              <p className={r.uncoveredDays.length > 0 ? 'form-error' : 'form-success'} data-figure="uncovered">
                {r.uncoveredDays.length > 0 ? t('recon.uncovered', { days: r.uncoveredDays.map(formatDate).join(', ') }) : t('recon.allCovered')}
              </p>
              <Table caption={t('recon.days', { account })} head={[
                t('recon.day'), t('recon.stmtCredits'), t('recon.stmtDebits'), t('recon.stmtClosing'), t('recon.donations'), t('recon.interest'), t('recon.fees'),
                t('recon.unclassified'), t('recon.debitsClassified'), t('recon.notBooked'),
              ]}>
                {r.days.map((d) => (
                  <tr key={d.day} data-day={d.day} className={d.covered ? undefined : 'uncovered'}>
                    <th scope="row">{formatDate(d.day)}{d.covered ? '' : ` (${t('recon.notCovered')})`}</th>
                    <td><Money value={d.statement?.credits} /></td>
                    <td><Money value={d.statement?.debits} /></td>
                    <td><Money value={d.statement?.closingBalance} /></td>
                    <td><Money value={d.ledger.donations} /> ({d.ledger.donationCount})</td>
                    <td><Money value={d.ledger.interest} /></td>
                    <td><Money value={d.ledger.fees} /></td>
                    <td><Money value={d.ledger.unclassified} /></td>
                    <td data-figure="classified"><Money value={d.ledger.classified} /></td>
                    <td data-figure="not-booked" className={d.creditsNotBooked !== null && d.creditsNotBooked !== '0' ? 'form-error' : undefined}>
                      <Money value={d.creditsNotBooked} />
                    </td>
                  </tr>
                ))}
              </Table>
              <ReadAt position={r.position} />
            </>
          ) : null}
        </Section>
      ) : null}
      <Section title={t('recon.toClassify')} id="unclassified">
        <LoadError error={unclassified.error} />
        {unclassified.data && unclassified.data.items.length === 0 ? <p className="hint">{t('recon.nothingToClassify')}</p> : null}
        {unclassified.data && unclassified.data.items.length > 0 ? (
          <Table caption={t('recon.toClassify')} head={[t('recon.day'), t('recon.account'), t('import.line'), t('recon.amount'), t('recon.memo')]}>
            {unclassified.data.items.map((line) => (
              <tr key={line.rowId}>
                <th scope="row">{formatDate(line.postedAt)}</th>
                <td>{line.account ?? '—'}</td>
                <td>{line.line}</td>
                <td>{line.direction === 'out' ? '−' : ''}<Money value={line.amountVnd} /></td>
                <td>{line.memo}</td>
              </tr>
            ))}
          </Table>
        ) : null}
        {/* What was decided stays said, though its line has left the list. */}
        <div role="status">{classified.map((said) => <p key={said} className="form-success">{said}</p>)}</div>
        {has('accountant') ? (unclassified.data?.items ?? []).map((line) => (
          <ClassifyForm key={line.rowId} fundId={fundId} line={line} onClassified={(said) => setClassified((old) => [...old, said])} />
        )) : null}
      </Section>
    </>
  );
}

/** The accountant's decision on one line: fee or interest is booked, a disbursement or transfer linked, anything else explained. */
function ClassifyForm({ fundId, line, onClassified }: { fundId: string; line: StatementLine; onClassified: (said: string) => void }) {
  const refresh = useRefreshAfterWrite();
  // Line numbers run per file: a line is named by its day, amount and account too.
  const named = t('recon.lineNamed', {
    line: line.line, date: formatDate(line.postedAt), amount: `${line.direction === 'out' ? '−' : ''}${formatMoney(line.amountVnd)}`, account: line.account ?? '—',
  });
  const [as, setAs] = useState<LineClass>('other');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const submission = useSubmission<{ classificationId: string }>({}, { NOT_FOUND: 'reference', INVALID_STATE: 'reference' });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!note.trim()) errors.note = t('common.required');
    if ((as === 'disbursement' || as === 'transfer') && !reference.trim()) errors.reference = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = { as, note: note.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) };
      const answer = await unwrap<{ classificationId: string }>(api.POST('/v1/funds/{fundId}/statement-lines/{lineId}/classify', {
        params: { path: { fundId, lineId: line.rowId } }, headers: { 'Idempotency-Key': key }, body,
      }));
      onClassified(t('recon.classified', { named, as: t(`recon.as.${as}` as MessageKey) }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) return null;
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('recon.classifyFor', { named })}>
      <h3>{t('recon.classifyFor', { named })}</h3>
      {line.memo ? <p className="hint">{line.memo}</p> : null}
      <FormMessage error={submission.formError} />
      <Choice name="as" label={t('recon.classifyAs')} value={as} onChange={(value) => setAs(value as LineClass)}
        options={CLASSES.map((value) => ({ value, label: t(`recon.as.${value}` as MessageKey) }))} />
      <Field name="reference" label={t('recon.reference')} value={reference} onChange={setReference} errors={submission.errors} />
      <Field name="note" label={t('recon.note')} value={note} onChange={setNote} errors={submission.errors} isRequired />
      <Submit pending={submission.pending} label="recon.classify" />
    </form>
  );
}
