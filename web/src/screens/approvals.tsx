import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { ApiProblem, api, unwrap } from '../api/client';
import type { Balance, Disbursement, Page } from '../api/types';
import { businessInstant, formatDate, parseDate, todayShown } from '../format';
import type { components } from '../api/schema';
import { t, tOr, type MessageKey } from '../i18n';
import { useBalance, useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel, LoadError, Money, ReadAt, Section } from '../ui/bits';
import { badDateMessage, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';

/** The money left in the pool a request draws from: its restriction, its campaign or its component. */
function poolLeft(balance: Balance | undefined, d: Disbursement): string | undefined {
  if (!balance) return undefined;
  if (d.restrictionId) return balance.restricted.find((pool) => pool.restrictionId === d.restrictionId)?.available;
  if (d.campaignId) return balance.byCampaign[d.campaignId]?.available;
  return balance.byComponent[d.component]?.available;
}

type Override = components['schemas']['DuplicateOverrideRowResponse'];

/** The requests resent past DUPLICATE_AID with a reason, by disbursement: the approver reads what they accept. */
function useOverrides(fundId: string) {
  return useQuery({
    queryKey: ['duplicate-overrides', fundId],
    enabled: fundId !== '',
    queryFn: () => unwrap<components['schemas']['DuplicateOverridesResponse']>(api.GET('/v1/funds/{fundId}/reports/duplicate-overrides', { params: { path: { fundId } } })),
    select: (answer) => new Map(answer.overrides.map((row) => [row.disbursementId, row])),
  });
}

function useDisbursements(fundId: string, status: string) {
  return useQuery({
    queryKey: ['disbursements', fundId, status],
    enabled: fundId !== '',
    queryFn: () => unwrap<Page<Disbursement>>(api.GET('/v1/funds/{fundId}/disbursements', { params: { path: { fundId }, query: { status } as never } })),
  });
}

/** The approver's inbox: requests waiting for them (never their own); approve, reject with a reason, pay. */
export default function Approvals() {
  const { fundId, me } = useWorkplace();
  const waiting = useDisbursements(fundId, 'requested');
  const approved = useDisbursements(fundId, 'approved');
  const balance = useBalance(fundId);
  const fund = useFund(fundId);
  // What this person did stays said, though the request's card has moved on or gone.
  const [said, setSaid] = useState<string[]>([]);
  const done = (text: string) => setSaid((old) => [...old, text]);
  const sourceOf = (d: Disbursement) => poolSource(balance.data, fund.data?.campaigns, d);
  const forMe = (waiting.data?.items ?? []).filter((d) => d.requestedBy !== me.userId);
  const overrides = useOverrides(fundId);
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <LoadError error={waiting.error} />
      <div role="status">{said.map((text, index) => <p key={`${index}-${text}`} className="form-success">{text}</p>)}</div>
      {waiting.data && forMe.length === 0 ? <p>{t('inbox.empty')}</p> : null}
      <ul className="cards">
        {forMe.map((d) => <li key={d.disbursementId}><Request fundId={fundId} d={d} left={poolLeft(balance.data, d)} source={sourceOf(d)} override={overrides.data?.get(d.disbursementId)} onDone={done} /></li>)}
      </ul>
      <Section title={t('inbox.toPay')} id="to-pay">
        {approved.data && approved.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
        <ul className="cards">
          {(approved.data?.items ?? []).map((d) => <li key={d.disbursementId}><Payment fundId={fundId} d={d} left={poolLeft(balance.data, d)} source={sourceOf(d)} onDone={done} /></li>)}
        </ul>
      </Section>
      <ReadAt position={waiting.data?.position} />
    </>
  );
}

/** Where a request's money comes from, as people name it: a campaign by its name, money restricted by its purpose, else the component. */
function poolSource(balance: Balance | undefined, campaigns: { campaignId: string; name: string }[] | undefined, d: Disbursement): string {
  const campaign = d.campaignId ? campaigns?.find((c) => c.campaignId === d.campaignId)?.name ?? d.campaignId : undefined;
  if (campaign !== undefined) return t('inbox.fromCampaign', { campaign, component: componentLabel(d.component) });
  const restricted = d.restrictionId ? balance?.restricted.find((pool) => pool.restrictionId === d.restrictionId)?.purpose ?? d.restrictionId : undefined;
  if (restricted !== undefined) return t('inbox.fromRestricted', { purpose: restricted, component: componentLabel(d.component) });
  return componentLabel(d.component);
}

function Summary({ d, left, source }: { d: Disbursement; left: string | undefined; source: string }) {
  return (
    <>
      <h3>{d.purpose} · <Money value={d.amount} /></h3>
      <p>{d.disbursementId} · {d.beneficiary} · {t(`kind.${d.kind}` as MessageKey)} · {source} · {formatDate(d.requestedAt)}</p>
      <p>{t('inbox.poolLeft', { amount: '' })}<Money value={left} /> · {t('inbox.approvals', { given: d.approvalsCount, required: d.approvalsRequired })}</p>
    </>
  );
}

/** A request resent past DUPLICATE_AID: the need, the reason given and the earlier aid, said before the buttons. */
function OverrideNotice({ override }: { override: Override }) {
  const need = override.needCategory === null ? '' : tOr(`ben.need.${override.needCategory}`, 'ben.need.other');
  return (
    <div className="caution" role="note" aria-label={t('inbox.override')}>
      <p><strong>{t('inbox.override')}</strong>{need ? ` · ${need}` : ''}</p>
      <p>{t('inbox.overrideReason', { reason: override.reason })}</p>
      <p>{t('inbox.overrideEarlier', {
        earlier: override.earlier.map((e) => `${e.beneficiaryId} · ${e.disbursementId} (${e.fundId}, ${formatDate(e.requestedAt)})`).join('; '),
      })}</p>
    </div>
  );
}

function Request({ fundId, d, left, source, override, onDone }: {
  fundId: string; d: Disbursement; left: string | undefined; source: string; override: Override | undefined; onDone: (text: string) => void;
}) {
  const refresh = useRefreshAfterWrite();
  const [rejecting, setRejecting] = useState(false);
  const approve = useSubmission<unknown>({}, {});
  const path = { fundId, id: d.disbursementId };
  const onApprove = () => approve.submit(async (key) => {
    const answer = await unwrap(api.POST('/v1/funds/{fundId}/disbursements/{id}/approve', { params: { path }, headers: { 'Idempotency-Key': key }, body: {} }));
    onDone(t('inbox.approved', { id: d.disbursementId, purpose: d.purpose }));
    await refresh();
    return answer;
  });
  return (
    <article className="card" aria-label={d.purpose}>
      <Summary d={d} left={left} source={source} />
      {override ? <OverrideNotice override={override} /> : null}
      <FormMessage error={approve.formError} success={approve.done ? t('inbox.done') : undefined} />
      <div className="buttons">
        <Button className="primary" onPress={() => void onApprove()} isDisabled={approve.pending}>{override ? t('inbox.approveOverride') : t('inbox.approve')}</Button>
        <Button className="secondary" onPress={() => setRejecting(true)}>{t('inbox.reject')}</Button>
      </div>
      {rejecting ? <RejectForm fundId={fundId} d={d} onDone={onDone} /> : null}
    </article>
  );
}

/** A request rejected with its reason: the money it holds is free again. */
function RejectForm({ fundId, d, onDone }: { fundId: string; d: Disbursement; onDone: (text: string) => void }) {
  const disbursementId = d.disbursementId;
  const refresh = useRefreshAfterWrite();
  const [reason, setReason] = useState('');
  const reject = useSubmission<unknown>({}, {});
  const onReject = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return reject.setErrors({ reason: t('common.required') });
    await reject.submit(async (key) => {
      const answer = await unwrap(api.POST('/v1/funds/{fundId}/disbursements/{id}/reject', {
        params: { path: { fundId, id: disbursementId } }, headers: { 'Idempotency-Key': key }, body: { reason: reason.trim() },
      }));
      onDone(t('inbox.rejected', { id: disbursementId, purpose: d.purpose }));
      await refresh();
      return answer;
    });
  };
  return (
    <form onSubmit={(event) => void onReject(event)} noValidate>
      <FormMessage error={reject.formError} success={reject.done ? t('inbox.done') : undefined} />
      <Field name="reason" label={t('common.reason')} value={reason} onChange={setReason} errors={reject.errors} isRequired />
      <Submit pending={reject.pending} label="inbox.reject" />
    </form>
  );
}

function Payment({ fundId, d, left, source, onDone }: { fundId: string; d: Disbursement; left: string | undefined; source: string; onDone: (text: string) => void }) {
  const refresh = useRefreshAfterWrite();
  const [reference, setReference] = useState('');
  const [paidAt, setPaidAt] = useState(todayShown());
  const pay = useSubmission<unknown>({}, { DATE_BEFORE_REQUEST: 'paidAt', FUTURE_DATE: 'paidAt', CERTIFICATION_REQUIRED: 'reference', INSUFFICIENT_FUNDS: 'reference' });
  // Every share of the list closed as not delivered: the ledger pays nothing, and the request is rejected instead.
  const [nothingToPay, setNothingToPay] = useState(false);
  const onPay = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!reference.trim()) errors.reference = t('common.required');
    const date = parseDate(paidAt);
    if (!date) errors.paidAt = badDateMessage(paidAt);
    if (Object.keys(errors).length > 0 || !date) return pay.setErrors(errors);
    await pay.submit(async (key) => {
      const body = { reference: reference.trim(), paidAt: businessInstant(date, pay.openedAt) };
      try {
        const answer = await unwrap(api.POST('/v1/funds/{fundId}/disbursements/{id}/pay', { params: { path: { fundId, id: d.disbursementId } }, headers: { 'Idempotency-Key': key }, body }));
        onDone(t('inbox.paid', { id: d.disbursementId, purpose: d.purpose }));
        await refresh();
        return answer;
      } catch (error) {
        setNothingToPay(error instanceof ApiProblem && error.details.reason === 'nothing-to-pay');
        throw error;
      }
    });
  };
  return (
    <article className="card" aria-label={d.purpose}>
      <Summary d={d} left={left} source={source} />
      <form onSubmit={(event) => void onPay(event)} noValidate>
        <FormMessage error={pay.formError} success={pay.done ? t('inbox.done') : undefined} />
        <Field name="reference" label={t('inbox.payReference')} value={reference} onChange={setReference} errors={pay.errors} isRequired />
        <Field name="paidAt" label={t('inbox.paidAt')} value={paidAt} onChange={setPaidAt} errors={pay.errors} isRequired placeholder="dd/mm/yyyy" />
        <Submit pending={pay.pending} label="inbox.pay" />
      </form>
      {nothingToPay ? <RejectForm fundId={fundId} d={d} onDone={onDone} /> : null}
    </article>
  );
}
