import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { SuspenseItem } from '../api/types';
import { formatDate, formatMoney } from '../format';
import { t } from '../i18n';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel, LoadError, Money, ReadAt, Section, statusLabel, Table } from '../ui/bits';
import { Choice, Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';

interface SuspensePage {
  items: SuspenseItem[];
  waitingVnd: string;
  position: number;
}

/**
 * Late money (R14): transfers for a campaign that had stopped receiving, kept in its suspense
 * pool. The accountant assigns each by a decision (to a component or a campaign) or returns it to
 * the donor (the donation's reversal); the approver and the auditor read what waits and what was
 * decided.
 */
export default function LateMoney() {
  const { fundId, has } = useWorkplace();
  const list = useQuery({
    queryKey: ['suspense', fundId],
    queryFn: () => unwrap<SuspensePage>(api.GET('/v1/funds/{fundId}/suspense', { params: { path: { fundId }, query: { limit: 1000 } as never } })),
  });
  const fund = useFund(fundId);
  // A campaign by its name, as the assignment's choice names it; its id only when the fund no longer lists it.
  const campaignName = (campaignId: string) => fund.data?.campaigns.find((c) => c.campaignId === campaignId)?.name ?? campaignId;
  const items = list.data?.items ?? [];
  const waiting = items.filter((item) => item.status === 'waiting');
  const decided = items.filter((item) => item.status !== 'waiting');
  return (
    <>
      <h1>{t('suspense.title')}</h1>
      <p className="hint">{t('suspense.intro')}</p>
      <LoadError error={list.error} />
      <Section title={t('suspense.waiting')} id="suspense-waiting">
        {list.data ? <p data-figure="waiting-total">{t('suspense.waitingTotal', { amount: formatMoney(list.data.waitingVnd) })}</p> : null}
        {list.data && waiting.length === 0 ? <p className="hint">{t('suspense.none')}</p> : null}
        <ul className="cards">
          {waiting.map((item) => (
            <li key={item.donationId}>
              <article className="card" aria-label={item.donationId} data-donation={item.donationId}>
                <p>
                  <strong>{item.donorName}</strong> · <Money value={item.amountVnd} /> · {formatDate(item.receivedAt)}
                </p>
                <p>{t('suspense.campaign')}: {campaignName(item.campaignId)}{item.note ? ` · ${item.note}` : ''}</p>
                {has('accountant') ? <AssignForm fundId={fundId} item={item} /> : null}
                {has('accountant') ? <ReturnForm fundId={fundId} item={item} /> : null}
              </article>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('suspense.decided')} id="suspense-decided">
        {decided.length === 0 ? <p className="hint">{t('common.none')}</p> : (
          <Table caption={t('suspense.decided')} head={[t('suspense.donation'), t('suspense.donor'), t('suspense.amount'), t('suspense.status'), t('suspense.decision')]} className="stack-table">
            {decided.map((item) => (
              <tr key={item.donationId} data-donation={item.donationId}>
                <th scope="row">{item.donationId}</th>
                <td data-label={t('suspense.donor')}>{item.donorName}</td>
                <td data-label={t('suspense.amount')}><Money value={item.amountVnd} /></td>
                <td data-label={t('suspense.status')}>{statusLabel(item.status)}</td>
                <td data-label={t('suspense.decision')}>
                  {item.status === 'assigned'
                    ? `${item.toCampaignId !== null ? t('suspense.toCampaign', { campaign: campaignName(item.toCampaignId) }) : t('suspense.toComponent', { component: componentLabel(item.toComponent ?? '') })} · `
                    : ''}
                  {item.decisionRef ?? ''} · {item.assignmentId ?? item.reversalId ?? ''}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <ReadAt position={list.data?.position} />
    </>
  );
}

function AssignForm({ fundId, item }: { fundId: string; item: SuspenseItem }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const targets = [
    ...(fund.data?.components ?? []).map((component) => ({ value: `component:${component}`, label: t('suspense.toComponent', { component: componentLabel(component) }) })),
    ...(fund.data?.campaigns ?? []).map((campaign) => ({ value: `campaign:${campaign.campaignId}`, label: t('suspense.toCampaign', { campaign: campaign.name }) })),
  ];
  const [target, setTarget] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const submission = useSubmission<{ assignmentId: string }>({}, { INVALID_STATE: 'decisionRef' });
  const chosen = target || targets[0]?.value || '';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!decisionRef.trim()) errors.decisionRef = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    const [kind, id] = [chosen.slice(0, chosen.indexOf(':')), chosen.slice(chosen.indexOf(':') + 1)];
    await submission.submit(async (key) => {
      const body = kind === 'component' ? { component: id, decisionRef: decisionRef.trim() } : { campaignId: id, decisionRef: decisionRef.trim() };
      const answer = await unwrap<{ assignmentId: string }>(api.POST('/v1/funds/{fundId}/suspense/{donationId}/assign', {
        params: { path: { fundId, donationId: item.donationId } }, headers: { 'Idempotency-Key': key }, body,
      }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) return <FormMessage success={t('suspense.assigned', { id: item.donationId, assignment: submission.done.assignmentId })} />;
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('suspense.assignFor', { id: item.donationId })}>
      <FormMessage error={submission.formError} />
      <Choice name="target" label={t('suspense.assignTo')} value={chosen} onChange={setTarget} options={targets} errors={submission.errors} />
      <Field name="decisionRef" label={t('suspense.decisionRef')} value={decisionRef} onChange={setDecisionRef} errors={submission.errors} isRequired />
      <Submit pending={submission.pending} label="suspense.assign" />
    </form>
  );
}

function ReturnForm({ fundId, item }: { fundId: string; item: SuspenseItem }) {
  const refresh = useRefreshAfterWrite();
  const [reason, setReason] = useState('');
  const submission = useSubmission<{ reversalId: string }>({}, {});
  const onReturn = async () => {
    if (!reason.trim()) return submission.setErrors({ reason: t('common.required') });
    await submission.submit(async (key) => {
      const answer = await unwrap<{ reversalId: string }>(api.POST('/v1/funds/{fundId}/reversals', {
        params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: { entryId: item.donationId, reason: reason.trim() },
      }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) return <FormMessage success={t('suspense.returned', { id: item.donationId, reversal: submission.done.reversalId })} />;
  return (
    <div className="grid-form" role="group" aria-label={t('suspense.returnFor', { id: item.donationId })}>
      <FormMessage error={submission.formError} />
      <Field name="reason" label={t('suspense.returnReason')} value={reason} onChange={setReason} errors={submission.errors} isRequired />
      <Button className="secondary" onPress={() => void onReturn()} isDisabled={submission.pending}>{t('suspense.return')}</Button>
    </div>
  );
}
