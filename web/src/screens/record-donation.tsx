import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import { businessInstant, formatMoney, parseAmount, parseDate, todayShown, vndOf } from '../format';
import { t, type MessageKey } from '../i18n';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel } from '../ui/bits';
import { amountError, badDateMessage, Check, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';

const CHANNELS = ['bank_transfer', 'cash', 'online', 'in_kind'] as const;
const CURRENCIES = ['VND', 'USD', 'EUR', 'JPY', 'KRW', 'AUD', 'GBP', 'CNY', 'SGD'];
const DONOR_KINDS = ['individual', 'organization', 'anonymous'] as const;
const REVENUE_CATEGORIES = ['voluntary_contribution', 'state_budget', 'service_income', 'other'] as const;

/** The API's names of the donation body's fields, as this form names them. */
const FIELD_NAMES: Record<string, string> = {
  'donor.name': 'donorName', 'donor.publicName': 'publicName', 'donor.kind': 'donorKind', 'restriction.purpose': 'purpose',
  'restriction.beneficiary': 'beneficiary', 'inKind.description': 'itemDescription', 'inKind.quantity': 'itemQuantity',
  'inKind.unit': 'itemUnit', 'inKind.valuationMethod': 'itemValuation',
};
const CODE_FIELDS = { CAMPAIGN_CLOSED: 'campaignId', FUTURE_DATE: 'receivedAt', PERIOD_CLOSED: 'receivedAt' };

interface Recorded {
  donationId: string;
  receiptNo: string;
  amountVnd: string;
}

const blank = () => ({
  channel: 'bank_transfer', revenueCategory: 'voluntary_contribution', amount: '', currency: 'VND', fxRate: '', receivedAt: todayShown(), donorKind: 'individual', donorName: '',
  publicName: '', reference: '', component: 'general', campaignId: '', restricted: false, purpose: '', beneficiary: '',
  itemDescription: '', itemQuantity: '', itemUnit: '', itemValuation: '', note: '',
});

type Values = ReturnType<typeof blank>;

/** Checks typed values before sending: amounts and dates as people write them, required fields present. */
function localErrors(v: Values): Errors {
  const errors: Errors = {};
  const amountProblem = amountError(v.amount);
  if (amountProblem) errors.amount = amountProblem;
  const rateProblem = v.currency !== 'VND' && v.channel !== 'in_kind' ? amountError(v.fxRate, 'common.badRate') : undefined;
  if (rateProblem) errors.fxRate = rateProblem;
  if (parseDate(v.receivedAt) === null) errors.receivedAt = badDateMessage(v.receivedAt);
  if (v.donorKind !== 'anonymous' && v.donorName.trim() === '') errors.donorName = t('common.required');
  if (v.restricted && v.purpose.trim() === '') errors.purpose = t('common.required');
  if (v.channel === 'in_kind') {
    for (const field of ['itemDescription', 'itemQuantity', 'itemUnit', 'itemValuation'] as const) if (v[field].trim() === '') errors[field] = t('common.required');
  }
  return errors;
}

function bodyOf(v: Values, openedAt: Date) {
  const foreign = v.currency !== 'VND' && v.channel !== 'in_kind';
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    amount: parseAmount(v.amount), currency: foreign ? v.currency : 'VND', fxRate: foreign ? parseAmount(v.fxRate) : null, channel: v.channel,
    revenueCategory: v.revenueCategory,
    receivedAt: businessInstant(parseDate(v.receivedAt) as string, openedAt),
    donor: { name: v.donorKind === 'anonymous' && v.donorName.trim() === '' ? 'Ẩn danh' : v.donorName.trim(), kind: v.donorKind, publicName: orNull(v.publicName) },
    component: v.component, campaignId: orNull(v.campaignId), reference: orNull(v.reference), note: orNull(v.note),
    restriction: v.restricted ? { purpose: v.purpose.trim(), beneficiary: orNull(v.beneficiary) } : null,
    inKind: v.channel === 'in_kind'
      ? { description: v.itemDescription.trim(), quantity: parseAmount(v.itemQuantity) ?? v.itemQuantity.trim(), unit: v.itemUnit.trim(), valuationMethod: v.itemValuation.trim() }
      : null,
  };
}

/** The accountant records a donation of any channel; the form's one idempotency key makes a double submit record once. */
export default function RecordDonation() {
  const { fundId } = useWorkplace();
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const [v, setV] = useState(blank);
  const submission = useSubmission<Recorded>(FIELD_NAMES, CODE_FIELDS);
  const set = (field: keyof Values) => (value: string | boolean) => setV((old) => ({ ...old, [field]: value }));
  const foreign = v.currency !== 'VND' && v.channel !== 'in_kind';
  const amount = parseAmount(v.amount);
  const rate = parseAmount(v.fxRate);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = localErrors(v);
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const recorded = await unwrap<Recorded>(api.POST('/v1/funds/{fundId}/donations', {
        params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: bodyOf(v, submission.openedAt) as never,
      }));
      await refresh();
      return recorded;
    });
  };
  const another = () => {
    submission.reset();
    setV(blank());
  };
  if (submission.done) {
    return (
      <>
        <h1>{t('donation.title')}</h1>
        <FormMessage success={t('donation.recorded', { receiptNo: submission.done.receiptNo, amount: formatMoney(submission.done.amountVnd) })} />
        <Button className="primary" onPress={another}>{t('donation.another')}</Button>
      </>
    );
  }
  const e = submission.errors;
  const openCampaigns = (fund.data?.campaigns ?? []).filter((c) => !c.closedAt);
  return (
    <>
      <h1>{t('donation.title')}</h1>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} />
        <Choice name="channel" label={t('donation.channel')} value={v.channel} onChange={set('channel')} errors={e}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))} />
        {v.channel !== 'in_kind' ? (
          <Choice name="currency" label={t('donation.currency')} value={v.currency} onChange={set('currency')} errors={e}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        ) : null}
        <Field name="amount" label={v.channel === 'in_kind' ? t('donation.valueVnd') : t('common.amount')} value={v.amount} onChange={set('amount')} errors={e}
          inputMode="decimal" isRequired placeholder="1.500.000" />
        {foreign ? (
          <>
            <Field name="fxRate" label={t('donation.fxRate')} value={v.fxRate} onChange={set('fxRate')} errors={e} inputMode="decimal" isRequired placeholder="25.400" />
            <p className="preview" role="status" aria-live="polite">{amount && rate ? t('donation.vndPreview', { amount: formatMoney(vndOf(amount, rate)) }) : ''}</p>
          </>
        ) : null}
        {v.channel === 'in_kind' ? (
          <fieldset>
            <legend>{t('channel.in_kind')}</legend>
            <Field name="itemDescription" label={t('donation.itemDescription')} value={v.itemDescription} onChange={set('itemDescription')} errors={e} isRequired />
            <Field name="itemQuantity" label={t('donation.itemQuantity')} value={v.itemQuantity} onChange={set('itemQuantity')} errors={e} inputMode="decimal" isRequired />
            <Field name="itemUnit" label={t('donation.itemUnit')} value={v.itemUnit} onChange={set('itemUnit')} errors={e} isRequired />
            <Field name="itemValuation" label={t('donation.itemValuation')} value={v.itemValuation} onChange={set('itemValuation')} errors={e} isRequired />
          </fieldset>
        ) : null}
        <Field name="receivedAt" label={t('donation.receivedAt')} value={v.receivedAt} onChange={set('receivedAt')} errors={e} isRequired placeholder="dd/mm/yyyy" />
        <Choice name="donorKind" label={t('donation.donorKind')} value={v.donorKind} onChange={set('donorKind')} errors={e}
          options={DONOR_KINDS.map((k) => ({ value: k, label: t(`donorKind.${k}` as MessageKey) }))} />
        <Field name="donorName" label={t('donation.donorName')} value={v.donorName} onChange={set('donorName')} errors={e} isRequired={v.donorKind !== 'anonymous'} />
        <Field name="publicName" label={t('donation.publicName')} value={v.publicName} onChange={set('publicName')} errors={e} />
        <Field name="reference" label={t('donation.reference')} value={v.reference} onChange={set('reference')} errors={e} />
        <Choice name="component" label={t('common.component')} value={v.component} onChange={set('component')} errors={e}
          options={(fund.data?.components ?? ['general']).map((c) => ({ value: c, label: componentLabel(c) }))} />
        <Choice name="revenueCategory" label={t('donation.revenueCategory')} value={v.revenueCategory} onChange={set('revenueCategory')} errors={e}
          options={REVENUE_CATEGORIES.map((c) => ({ value: c, label: t(`revenueCategory.${c}` as MessageKey) }))} />
        <Choice name="campaignId" label={t('common.campaign')} value={v.campaignId} onChange={set('campaignId')} errors={e}
          options={[{ value: '', label: t('common.noCampaign') }, ...openCampaigns.map((c) => ({ value: c.campaignId, label: c.name }))]} />
        <Check name="restricted" label={t('donation.restricted')} checked={v.restricted} onChange={set('restricted')} />
        {v.restricted ? (
          <>
            <Field name="purpose" label={t('donation.purpose')} value={v.purpose} onChange={set('purpose')} errors={e} isRequired />
            <Field name="beneficiary" label={t('donation.beneficiary')} value={v.beneficiary} onChange={set('beneficiary')} errors={e} />
          </>
        ) : null}
        <Field name="note" label={t('donation.note')} value={v.note} onChange={set('note')} errors={e} multiline />
        <Submit pending={submission.pending} label="donation.submit" />
      </form>
    </>
  );
}
