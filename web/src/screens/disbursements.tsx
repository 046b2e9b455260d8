import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Disbursement, Page, Release } from '../api/types';
import { daysUntil, formatDate, formatMoney, parseAmount } from '../format';
import { t, type MessageKey } from '../i18n';
import { componentOfCampaign } from '../campaign-component';
import { useBalance, useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel, LoadError, Money, pageQuery, Pager, ReadAt, Section, statusLabel, Table, useCursorPages } from '../ui/bits';
import { amountError, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';
import { OneFieldDialog } from '../ui/one-field-dialog';
import { ReverseDialog, reversalForm } from './donations-register';
import { ManagementCostWorking } from './management-cost';
import { whatComesBack } from './payment-reversal';

const KINDS = ['relief', 'humanitarian', 'management_cost', 'transfer'] as const;
const PAGE_SIZE = 20;
const CODE_FIELDS = {
  INSUFFICIENT_FUNDS: 'amount', MANAGEMENT_COST_CAP_EXCEEDED: 'amount', RESTRICTION_MISMATCH: 'beneficiary', CAMPAIGN_CLOSED: 'campaignId',
  // A campaign's or a donor's money never pays management costs (R7): the campaign chosen is what to change.
  'RESTRICTION_MISMATCH.management-cost': 'campaignId',
};

/** The disbursements register for everyone; the accountant requests a disbursement here. */
export default function Disbursements() {
  const { fundId, has, me } = useWorkplace();
  const fund = useFund(fundId);
  const [status, setStatus] = useState('');
  const [withdrawing, setWithdrawing] = useState<Disbursement>();
  // The accountant who made a request may withdraw it while it is not paid; rejecting another's is the approvers'.
  const mayWithdraw = (d: Disbursement) => d.requestedBy === me.userId && (d.status === 'requested' || d.status === 'approved');
  const [kind, setKind] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const pages = useCursorPages();
  const [reversing, setReversing] = useState<Disbursement>();
  const cursor = pages.cursor;
  const query = pageQuery(cursor, PAGE_SIZE, { status, kind, campaignId });
  const list = useQuery({
    queryKey: ['disbursements', fundId, status, kind, campaignId, cursor],
    enabled: fundId !== '',
    queryFn: () => unwrap<Page<Disbursement>>(api.GET('/v1/funds/{fundId}/disbursements', { params: { path: { fundId }, query: query as never } })),
  });
  return (
    <>
      <h1>{t('disb.title')}</h1>
      {has('accountant') && fundId ? <RequestForm fundId={fundId} /> : null}
      <Section title={t('disb.register')} id="disb-register">
        <div className="filters">
          <Choice name="status" label={t('common.status')} value={status} onChange={(value) => { pages.first(); setStatus(value); }}
            options={[{ value: '', label: t('common.all') }, ...['requested', 'approved', 'rejected', 'paid', 'reversed'].map((s) => ({ value: s, label: statusLabel(s) }))]} />
          <Choice name="kind" label={t('disb.kind')} value={kind} onChange={(value) => { pages.first(); setKind(value); }}
            options={[{ value: '', label: t('common.all') }, ...KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))]} />
          <Choice name="campaignId" label={t('common.campaign')} value={campaignId} onChange={(value) => { pages.first(); setCampaignId(value); }}
            options={[{ value: '', label: t('common.all') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
        </div>
        <LoadError error={list.error} />
        {list.data && list.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <Table className="stack-table" caption={t('disb.register')} head={[t('disb.purpose'), t('disb.kind'), t('common.amount'), t('common.status'), t('common.date'), ...(has('accountant') ? [t('common.actions')] : [])]}>
            {list.data.items.map((d) => (
              <tr key={d.disbursementId}>
                <th scope="row">{d.purpose}<small className="tag">{d.disbursementId} · {d.beneficiary}</small></th>
                <td data-label={t('disb.kind')}>{t(`kind.${d.kind}` as MessageKey)}</td>
                <td data-label={t('common.amount')}><Money value={d.amount} />{d.withheld && d.withheld !== '0' ? <small className="tag">{t('disb.withheld', { amount: formatMoney(d.withheld) })}</small> : null}{d.returned && d.returned !== '0' ? <small className="tag">{t('disb.returned', { amount: formatMoney(d.returned) })}</small> : null}</td>
                <td data-label={t('common.status')}>{statusLabel(d.status)}{d.reversal ? <small className="tag">{t('disb.givenBack', { amount: formatMoney(d.reversal.givenBack) })}</small> : null}</td>
                <td data-label={t('common.date')}>{formatDate(d.paidAt ?? d.requestedAt)}</td>
                {has('accountant') ? (
                  <td>
                    {d.status === 'paid' ? <ReverseButton label={d.purpose} onPress={() => setReversing(d)} /> : null}
                    {mayWithdraw(d) ? <Button className="secondary" onPress={() => setWithdrawing(d)} aria-label={`${t('disb.withdraw')}: ${d.purpose}`}>{t('disb.withdraw')}</Button> : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </Table>
        ) : null}
        <Pager pages={pages} next={list.data?.nextCursor} />
        <ReadAt position={list.data?.position} />
      </Section>
      {fundId ? <ReleasesRegister fundId={fundId} /> : null}
      {fundId ? <ManagementCostWorking fundId={fundId} /> : null}
      {reversing ? <ReversePaymentDialog fundId={fundId} payment={reversing} onClose={() => setReversing(undefined)} /> : null}
      {withdrawing ? <WithdrawDialog fundId={fundId} request={withdrawing} onClose={() => setWithdrawing(undefined)} /> : null}
    </>
  );
}

/** Withdrawing one's own request with its reason: the money it held is free again, and the register keeps it as rejected. */
function WithdrawDialog({ fundId, request, onClose }: { fundId: string; request: Disbursement; onClose: () => void }) {
  return (
    <OneFieldDialog
      title={t('disb.withdrawTitle', { id: request.disbursementId, purpose: request.purpose })} help={t('disb.withdrawHelp')}
      field={{ name: 'reason', label: t('common.reason'), multiline: true }} sendLabel="disb.withdraw" codeFields={{ INVALID_STATE: 'reason' }} onClose={onClose}
      send={(reason, key) => unwrap(api.POST('/v1/funds/{fundId}/disbursements/{id}/reject', {
        params: { path: { fundId, id: request.disbursementId } }, headers: { 'Idempotency-Key': key }, body: { reason },
      }))}
    />
  );
}

/**
 * Reversing a paid request: before confirming, the accountant reads what comes back to the fund,
 * what the payment still has out (the register's amount − withheld − returned), and why it is less
 * than the amount when it is.
 */
function ReversePaymentDialog({ fundId, payment, onClose }: { fundId: string; payment: Disbursement; onClose: () => void }) {
  const comes = whatComesBack(payment);
  const detail = comes.less ? (
    <>
      <p>{t('disb.reverseBackLess', { back: formatMoney(comes.back), amount: formatMoney(payment.amount) })}</p>
      <ul>
        {comes.withheld !== '0' ? <li>{t('disb.reverseWithheld', { amount: formatMoney(comes.withheld) })}</li> : null}
        {comes.returned !== '0' ? <li>{t('disb.reverseReturned', { amount: formatMoney(comes.returned) })}</li> : null}
      </ul>
    </>
  ) : <p>{t('disb.reverseBackAll', { amount: formatMoney(payment.amount) })}</p>;
  return (
    <OneFieldDialog
      title={t('register.reverseTitle', { id: payment.purpose })} help={t('register.reverseHelp')} detail={detail}
      {...reversalForm(fundId, payment.disbursementId)} onClose={onClose}
    />
  );
}

/** Every emergency release of the fund, by status, with the days left to settle the open ones. */
function ReleasesRegister({ fundId }: { fundId: string }) {
  const { has } = useWorkplace();
  const [status, setStatus] = useState('');
  const pages = useCursorPages();
  const [reversing, setReversing] = useState<Reversing>();
  const cursor = pages.cursor;
  const query = pageQuery(cursor, PAGE_SIZE, { status });
  const list = useQuery({
    queryKey: ['releases', fundId, status || 'all', cursor],
    queryFn: () => unwrap<Page<Release>>(api.GET('/v1/funds/{fundId}/emergency-releases', { params: { path: { fundId }, query: query as never } })),
  });
  return (
    <Section title={t('er.register')} id="er-register">
      <Choice name="releaseStatus" label={t('common.status')} value={status} onChange={(value) => { pages.first(); setStatus(value); }}
        options={[{ value: '', label: t('common.all') }, ...['open', 'overdue', 'settled', 'cancelled'].map((s) => ({ value: s, label: statusLabel(s) }))]} />
      <LoadError error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <Table className="stack-table" caption={t('er.register')} head={[t('er.incident'), t('er.recipient'), t('common.amount'), t('common.status'), t('er.settleBy'), ...(has('accountant') ? [t('common.actions')] : [])]}>
          {list.data.items.map((r) => (
            <tr key={r.releaseId}>
              <th scope="row">{r.incident}<small className="tag">{r.releaseId}</small></th>
              <td data-label={t('er.recipient')}>{r.recipient}</td>
              <td data-label={t('common.amount')}><Money value={r.amount} /></td>
              <td data-label={t('common.status')}>{statusLabel(r.overdue ? 'overdue' : r.status)}</td>
              <td data-label={t('er.settleBy')}>{formatDate(r.settleBy)}{r.status === 'open' ? ` · ${daysUntil(r.settleBy) >= 0 ? t('er.daysLeft', { days: daysUntil(r.settleBy) }) : t('er.daysOver', { days: -daysUntil(r.settleBy) })}` : ''}{r.settlement && r.settledAt ? ` · ${t('er.settledOn', { date: formatDate(r.settledAt), recorded: formatDate(r.settlement.recordedAt) })}` : ''}</td>
              {has('accountant') ? <td>{r.status === 'open' || r.status === 'settled' ? <ReverseButton label={r.incident} onPress={() => setReversing({ id: r.releaseId, label: r.incident })} /> : null}</td> : null}
            </tr>
          ))}
        </Table>
      ) : null}
      <Pager pages={pages} next={list.data?.nextCursor} />
      <ReadAt position={list.data?.position} />
      {reversing ? <ReverseDialog fundId={fundId} entryId={reversing.id} label={reversing.label} onClose={() => setReversing(undefined)} /> : null}
    </Section>
  );
}

/** The entry being reversed: its id and how people name it. */
interface Reversing {
  id: string;
  label: string;
}

/**
 * Reversing a payment or an emergency release (a settled one re-opens, an open one is cancelled):
 * the ledger keeps the entry and adds a reversing one with the reason.
 */
function ReverseButton({ label, onPress }: { label: string; onPress: () => void }) {
  return <Button className="secondary" onPress={onPress} aria-label={`${t('register.reverse')}: ${label}`}>{t('register.reverse')}</Button>;
}


function RequestForm({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const balance = useBalance(fundId);
  const refresh = useRefreshAfterWrite();
  const blank = { amount: '', kind: 'relief', component: 'general', campaignId: '', purpose: '', beneficiary: '', certificationRef: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<{ disbursementId: string }>({}, CODE_FIELDS);
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  // A campaign's money sits in one component: choosing the campaign chooses it (the field stays free to change).
  const setCampaign = (campaignId: string) => setV((old) => ({ ...old, campaignId, component: componentOfCampaign(balance.data, campaignId) ?? old.component }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    const amountProblem = amountError(v.amount);
    if (amountProblem) errors.amount = amountProblem;
    if (!v.purpose.trim()) errors.purpose = t('common.required');
    if (!v.beneficiary.trim()) errors.beneficiary = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = {
        amount: parseAmount(v.amount), kind: v.kind, component: v.component, campaignId: v.campaignId || null, purpose: v.purpose.trim(),
        beneficiary: v.beneficiary.trim(), certificationRef: v.certificationRef.trim() || null,
      };
      const answer = await unwrap<{ disbursementId: string }>(api.POST('/v1/funds/{fundId}/disbursements', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) {
    return (
      <Section title={t('disb.request')} id="disb-request">
        <FormMessage success={t('disb.requested', { id: submission.done.disbursementId })} />
        <Button className="primary" onPress={() => { submission.reset(); setV(blank); }}>{t('disb.request')}</Button>
      </Section>
    );
  }
  const e = submission.errors;
  return (
    <Section title={t('disb.request')} id="disb-request">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} />
        <Field name="amount" label={t('common.amount')} value={v.amount} onChange={set('amount')} errors={e} inputMode="decimal" isRequired placeholder="1.500.000" />
        <Choice name="kind" label={t('disb.kind')} value={v.kind} onChange={set('kind')} errors={e} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))} />
        <Choice name="component" label={t('common.component')} value={v.component} onChange={set('component')} errors={e}
          options={(fund.data?.components ?? ['general']).map((c) => ({ value: c, label: componentLabel(c) }))} />
        <Choice name="campaignId" label={t('common.campaign')} value={v.campaignId} onChange={setCampaign} errors={e}
          options={[{ value: '', label: t('common.noCampaign') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
        <Field name="purpose" label={t('disb.purpose')} value={v.purpose} onChange={set('purpose')} errors={e} isRequired />
        <Field name="beneficiary" label={t('disb.beneficiary')} value={v.beneficiary} onChange={set('beneficiary')} errors={e} isRequired />
        <Field name="certificationRef" label={t('disb.certificationRef')} value={v.certificationRef} onChange={set('certificationRef')} errors={e} />
        <Submit pending={submission.pending} label="disb.request" />
      </form>
    </Section>
  );
}
