import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { ManagementCost } from '../api/types';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { LoadError, Money, ReadAt, Section } from '../ui/bits';
import { Field, type Errors } from '../ui/forms';

/**
 * The management-cost working of a fiscal year (R6) as the ledger checks a management cost
 * against it: base, budget, carried forward, used, remaining and the limit never to pass.
 * Every role reads it; the year defaults to the current one.
 */
export function ManagementCostWorking({ fundId }: { fundId: string }) {
  const [typed, setTyped] = useState('');
  const [year, setYear] = useState<string>();
  const [errors, setErrors] = useState<Errors>({});
  const working = useQuery({
    queryKey: ['management-cost', fundId, year],
    queryFn: () => unwrap<ManagementCost>(api.GET('/v1/funds/{fundId}/management-cost', { params: { path: { fundId }, query: (year ? { year } : {}) as never } })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = typed.trim();
    if (wanted !== '' && !/^\d{4}$/.test(wanted)) return setErrors({ year: t('error.field') });
    setErrors({});
    setYear(wanted === '' ? undefined : wanted);
  };
  const w = working.data;
  return (
    <Section title={t('mgmt.title')} id="management-cost">
      <form onSubmit={onSubmit} noValidate className="filters">
        <Field name="year" label={t('mgmt.year')} value={typed} onChange={setTyped} errors={errors} inputMode="numeric" placeholder={w ? String(w.year) : ''} />
        <Button type="submit" className="primary">{t('mgmt.show')}</Button>
      </form>
      <LoadError error={working.error} />
      {w ? (
        <>
          <dl className="figures" aria-label={t('mgmt.caption', { year: w.year })}>
            <div><dt>{t('mgmt.base')}</dt><dd><Money value={w.base} /></dd></div>
            <div><dt>{t('mgmt.warnPercent')}</dt><dd>{formatNumber(w.warnPercent)}</dd></div>
            <div><dt>{t('mgmt.budget')}</dt><dd><Money value={w.budget} /></dd></div>
            <div><dt>{t('mgmt.carried')}</dt><dd><Money value={w.carriedForward} /></dd></div>
            <div><dt>{t('mgmt.used')}</dt><dd data-figure="mgmt-used"><Money value={w.used} /></dd></div>
            <div><dt>{t('mgmt.remaining')}</dt><dd data-figure="mgmt-remaining"><Money value={w.remaining} /></dd></div>
            <div><dt>{t('mgmt.capPercent')}</dt><dd>{formatNumber(w.capPercent)}</dd></div>
            <div><dt>{t('mgmt.limit')}</dt><dd><Money value={w.limit} /></dd></div>
          </dl>
          {w.overCap
            ? <p className="form-error" data-figure="mgmt-over-cap">{t('mgmt.overCap')}</p>
            : <p className={w.warning ? 'form-error' : 'hint'}>{w.warning ? t('mgmt.over') : t('mgmt.within')}</p>}
          <ReadAt position={w.position} />
        </>
      ) : null}
    </Section>
  );
}
