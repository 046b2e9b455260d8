import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Balance, RestrictionReleaseLine } from '../api/types';
import { parseAmount } from '../format';
import { t } from '../i18n';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel, Money, Section, statusLabel } from '../ui/bits';
import { amountError, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';

/**
 * Money changing purpose inside the fund: the accountant asks to release a restriction with the
 * donor's consent (R5) and reallocates a campaign's leftovers on a decision (R19); the approver
 * approves releases waiting for them.
 */
export function PoolMoves({ fundId, balance, releases }: { fundId: string; balance: Balance | undefined; releases: RestrictionReleaseLine[] }) {
  const { has, me } = useWorkplace();
  const waiting = releases.filter((r) => r.status === 'requested');
  const fund = useFund(fundId);
  // The restricted money by what the donor gave it for (or its campaign's name); its id only when neither is known.
  const poolName = (restrictionId: string) => poolNameOf(restrictionId, balance, fund.data?.campaigns);
  return (
    <Section title={t('moves.title')} id="moves">
      {has('accountant') ? <ReleaseForm fundId={fundId} balance={balance} /> : null}
      {has('accountant') ? <SurplusForm fundId={fundId} /> : null}
      {has('accountant') ? <FxForm fundId={fundId} /> : null}
      <h3>{t('moves.waiting')}</h3>
      {waiting.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul className="cards">
        {waiting.map((r) => (
          <li key={r.releaseRequestId}>
            <article className="card" aria-label={r.releaseRequestId}>
              <p>{r.releaseRequestId} · {poolName(r.restrictionId)} → {r.newPurpose} · <Money value={r.amount} /> · {statusLabel(r.status)}</p>
              {has('approver') && r.requestedBy !== me.userId ? <ApproveRelease fundId={fundId} id={r.releaseRequestId} /> : null}
            </article>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ApproveRelease({ fundId, id }: { fundId: string; id: string }) {
  const refresh = useRefreshAfterWrite();
  const approve = useSubmission<unknown>({}, {});
  const onApprove = () => approve.submit(async (key) => {
    const answer = await unwrap(api.POST('/v1/funds/{fundId}/restriction-releases/{releaseRequestId}/approve', { params: { path: { fundId, releaseRequestId: id } }, headers: { 'Idempotency-Key': key } }));
    await refresh();
    return answer;
  });
  return (
    <>
      <FormMessage error={approve.formError} />
      <Button className="primary" onPress={() => void onApprove()} isDisabled={approve.pending} aria-label={`${t('inbox.approve')}: ${id}`}>{t('inbox.approve')}</Button>
    </>
  );
}

/** Restricted money by what the donor gave it for (or its campaign's name); its id only when neither is known. */
function poolNameOf(restrictionId: string, balance: Balance | undefined, campaigns: { campaignId: string; name: string }[] | undefined): string {
  const pool = balance?.restricted.find((p) => p.restrictionId === restrictionId);
  const campaign = pool?.campaignId ? campaigns?.find((c) => c.campaignId === pool.campaignId)?.name : undefined;
  return pool?.purpose ?? campaign ?? restrictionId;
}

function ReleaseForm({ fundId, balance }: { fundId: string; balance: Balance | undefined }) {
  const refresh = useRefreshAfterWrite();
  const fund = useFund(fundId);
  const pools = (balance?.restricted ?? []).filter((pool) => pool.available !== '0');
  const blank = { restrictionId: '', consentRef: '', newPurpose: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<{ id: string }>({}, { INSUFFICIENT_FUNDS: 'restrictionId' });
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const restrictionId = v.restrictionId || pools[0]?.restrictionId || '';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!restrictionId) errors.restrictionId = t('common.required');
    if (!v.consentRef.trim()) errors.consentRef = t('common.required');
    if (!v.newPurpose.trim()) errors.newPurpose = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const answer = await unwrap<{ id: string }>(api.POST('/v1/funds/{fundId}/restrictions/{restrictionId}/release', {
        params: { path: { fundId, restrictionId } }, headers: { 'Idempotency-Key': key }, body: { consentRef: v.consentRef.trim(), newPurpose: v.newPurpose.trim() },
      }));
      await refresh();
      return answer;
    });
  };
  if (balance && pools.length === 0 && !submission.done) return <p>{t('moves.noPools')}</p>;
  if (submission.done) {
    return (
      <div>
        <FormMessage success={t('moves.released', { id: submission.done.id })} />
        <Button className="secondary" onPress={() => { submission.reset(); setV(blank); }}>{t('moves.release')}</Button>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('moves.release')}>
      <FormMessage error={submission.formError} />
      <Choice name="restrictionId" label={t('moves.pool')} value={restrictionId} onChange={set('restrictionId')} errors={submission.errors}
        options={pools.map((pool) => ({ value: pool.restrictionId, label: `${poolNameOf(pool.restrictionId, balance, fund.data?.campaigns)} · ${componentLabel(pool.component)}` }))} />
      <Field name="consentRef" label={t('moves.consentRef')} value={v.consentRef} onChange={set('consentRef')} errors={submission.errors} isRequired />
      <Field name="newPurpose" label={t('moves.newPurpose')} value={v.newPurpose} onChange={set('newPurpose')} errors={submission.errors} isRequired />
      <Submit pending={submission.pending} label="moves.release" />
    </form>
  );
}

function SurplusForm({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const campaigns = fund.data?.campaigns ?? [];
  const blank = { campaignId: '', component: '', amount: '', toComponent: 'general', basis: '', decisionRef: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<{ id: string }>({}, { INSUFFICIENT_FUNDS: 'amount', INVALID_STATE: 'campaignId' });
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const campaignId = v.campaignId || campaigns[0]?.campaignId || '';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!campaignId) errors.campaignId = t('common.required');
    const amountProblem = amountError(v.amount);
    if (amountProblem) errors.amount = amountProblem;
    if (!v.basis.trim()) errors.basis = t('common.required');
    if (!v.decisionRef.trim()) errors.decisionRef = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      // Unnamed, the ledger takes the campaign's money from the one component holding it.
      const from = v.component === '' ? {} : { component: v.component };
      const body = { amount: parseAmount(v.amount), ...from, to: { component: v.toComponent }, basis: v.basis.trim(), decisionRef: v.decisionRef.trim() };
      const answer = await unwrap<{ id: string }>(api.POST('/v1/funds/{fundId}/campaigns/{campaignId}/surplus', {
        params: { path: { fundId, campaignId } }, headers: { 'Idempotency-Key': key }, body: body as never,
      }));
      await refresh();
      return answer;
    });
  };
  if (fund.data && campaigns.length === 0 && !submission.done) return <p>{t('moves.noCampaigns')}</p>;
  if (submission.done) {
    return (
      <div>
        <FormMessage success={t('moves.reallocated', { id: submission.done.id })} />
        <Button className="secondary" onPress={() => { submission.reset(); setV(blank); }}>{t('moves.surplus')}</Button>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('moves.surplus')}>
      <FormMessage error={submission.formError} />
      <Choice name="campaignId" label={t('common.campaign')} value={campaignId} onChange={set('campaignId')} errors={submission.errors}
        options={campaigns.map((c) => ({ value: c.campaignId, label: c.name }))} />
      <Choice name="component" label={t('moves.fromComponent')} value={v.component} onChange={set('component')} errors={submission.errors}
        options={[{ value: '', label: t('moves.fromComponentHolding') }, ...(fund.data?.components ?? ['general']).map((c) => ({ value: c, label: componentLabel(c) }))]} />
      <Field name="amount" label={t('common.amount')} value={v.amount} onChange={set('amount')} errors={submission.errors} inputMode="decimal" isRequired />
      <Choice name="toComponent" label={t('moves.toComponent')} value={v.toComponent} onChange={set('toComponent')} errors={submission.errors}
        options={(fund.data?.components ?? ['general']).map((c) => ({ value: c, label: componentLabel(c) }))} />
      <Field name="basis" label={t('moves.basis')} value={v.basis} onChange={set('basis')} errors={submission.errors} isRequired />
      <Field name="decisionRef" label={t('moves.decisionRef')} value={v.decisionRef} onChange={set('decisionRef')} errors={submission.errors} isRequired />
      <Submit pending={submission.pending} label="moves.surplus" />
    </form>
  );
}

/** Foreign currency sold (R17): the VND the bank paid for a donation's currency. */
function FxForm({ fundId }: { fundId: string }) {
  const refresh = useRefreshAfterWrite();
  const blank = { donationId: '', vndAmount: '', reference: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<{ id: string; difference: string }>({}, { INSUFFICIENT_FUNDS: 'vndAmount', INVALID_STATE: 'donationId', NOT_FOUND: 'donationId' });
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!/^DN-\d{4}-\d{6}$/.test(v.donationId.trim())) errors.donationId = v.donationId.trim() === '' ? t('common.required') : t('moves.badDonationId');
    const amountProblem = amountError(v.vndAmount);
    if (amountProblem) errors.vndAmount = amountProblem;
    if (!v.reference.trim()) errors.reference = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = { vndAmount: parseAmount(v.vndAmount), settledAt: new Date(submission.openedAt).toISOString(), reference: v.reference.trim() };
      const answer = await unwrap<{ id: string; difference: string }>(api.POST('/v1/funds/{fundId}/donations/{donationId}/fx-settlement', {
        params: { path: { fundId, donationId: v.donationId.trim() } }, headers: { 'Idempotency-Key': key }, body: body as never,
      }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) {
    return (
      <div>
        <FormMessage success={t('moves.fxDone', { id: submission.done.id, difference: submission.done.difference })} />
        <Button className="secondary" onPress={() => { submission.reset(); setV(blank); }}>{t('moves.fx')}</Button>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('moves.fx')}>
      <FormMessage error={submission.formError} />
      <Field name="donationId" label={t('moves.fxDonation')} value={v.donationId} onChange={set('donationId')} errors={submission.errors} isRequired placeholder="DN-2026-000001" />
      <Field name="vndAmount" label={t('moves.fxVnd')} value={v.vndAmount} onChange={set('vndAmount')} errors={submission.errors} inputMode="decimal" isRequired />
      <Field name="reference" label={t('moves.fxReference')} value={v.reference} onChange={set('reference')} errors={submission.errors} isRequired />
      <Submit pending={submission.pending} label="moves.fx" />
    </form>
  );
}
