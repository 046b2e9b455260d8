import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import type { PolicyVersion, User } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { t } from '../i18n';
import { useFund, useRefreshAfterWrite } from '../session';
import { LoadError, Section, Table } from '../ui/bits';
import { Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';
import { legalBasisName, policyChangesText } from './admin-policy';

const PERIOD = /^\d{4}(-Q[1-4])?$/;

/** Every version of the fund's policy, the opening one first: what changed, from when, by which decision. */
export function PolicyHistory({ fundId }: { fundId: string }) {
  const history = useQuery({
    queryKey: ['policy-history', fundId],
    queryFn: () => unwrap<{ versions: PolicyVersion[] }>(api.GET('/v1/funds/{fundId}/policy/history', { params: { path: { fundId } } })),
  });
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap<{ users: User[] }>(api.GET('/v1/users')) });
  const nameOf = (userId: string | null) => (userId ? users.data?.users.find((u) => u.userId === userId)?.name ?? userId : '—');
  return (
    <Section title={t('admin.policyHistory')} id="policy-history">
      <LoadError error={history.error} />
      {history.data ? (
        <Table caption={t('admin.policyHistory')} head={[t('admin.version'), t('admin.effectiveFrom'), t('admin.decisionRef'), t('admin.changes'), t('admin.changedBy'), t('common.position')]}>
          {[...history.data.versions].reverse().map((v, index, all) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{v.effectiveFrom ? formatDate(v.effectiveFrom) : t('admin.atOpening')}</td>
              <td>{v.decisionRef ?? '—'}</td>
              <td>
                {v.version === 1 ? t('admin.openingPolicy') : (
                  <ul className="changes">
                    {policyChangesText(v.changes).map((line) => <li key={line}>{line}</li>)}
                    {index + 1 < all.length && all[index + 1].legalBasis !== v.legalBasis ? <li>{t('admin.legalBasis')}: {legalBasisName(v.legalBasis)}</li> : null}
                  </ul>
                )}
              </td>
              <td>{nameOf(v.changedBy)}<small className="tag">{formatDateTime(v.recordedAt)}</small></td>
              <td>{v.position}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}

/** Closing a fiscal year or a quarter that has ended, by the board's decision, and the periods closed so far. */
export function Periods({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const [v, setV] = useState({ period: '', decisionRef: '' });
  const submission = useSubmission<{ period: string; from: string; to: string }>({}, { PERIOD_NOT_ENDED: 'period', INVALID_STATE: 'period' });
  const set = (field: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    const period = v.period.trim().toUpperCase();
    if (!PERIOD.test(period)) errors.period = t('error.field');
    if (!v.decisionRef.trim()) errors.decisionRef = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const answer = await unwrap<{ period: string; from: string; to: string }>(api.POST('/v1/funds/{fundId}/periods/{period}/close', {
        params: { path: { fundId, period } }, headers: { 'Idempotency-Key': key }, body: { decisionRef: v.decisionRef.trim() },
      }));
      await refresh();
      setV({ period: '', decisionRef: '' });
      return answer;
    });
  };
  const closed = fund.data?.closedPeriods ?? [];
  const done = submission.done;
  return (
    <Section title={t('admin.periods')} id="periods">
      <p className="hint">{t('admin.periodHelp')}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('admin.periods')}>
        <FormMessage error={submission.formError} success={done ? t('admin.periodClosed', { period: done.period, from: formatDate(done.from), to: formatDate(done.to) }) : undefined} />
        <Field name="period" label={t('admin.period')} value={v.period} onChange={set('period')} errors={submission.errors} isRequired placeholder="2025-Q3" />
        <Field name="decisionRef" label={t('admin.decisionRef')} value={v.decisionRef} onChange={set('decisionRef')} errors={submission.errors} isRequired />
        <Submit pending={submission.pending} label="admin.closePeriod" />
      </form>
      <h3>{t('admin.closedPeriods')}</h3>
      {closed.length === 0 ? <p>{t('admin.noClosedPeriods')}</p> : (
        <Table caption={t('admin.closedPeriods')} head={[t('admin.period'), t('common.from'), t('common.to'), t('admin.decisionRef'), t('admin.closedAt')]}>
          {closed.map((p) => (
            <tr key={p.period}><th scope="row">{p.period}</th><td>{formatDate(p.from)}</td><td>{formatDate(p.to)}</td><td>{p.decisionRef}</td><td>{formatDateTime(p.closedAt)}</td></tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
