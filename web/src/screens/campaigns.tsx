import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import { formatDate, parseDate, todayShown } from '../format';
import { t, type MessageKey } from '../i18n';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { Section, Table } from '../ui/bits';
import { badDateMessage, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';

const CAMPAIGN_KINDS = ['humanitarian_month', 'disaster', 'tet', 'other'] as const;

/** The fund's campaigns (đợt vận động): the accountant and the admin open them and close them by hand. */
export default function CampaignsScreen() {
  const { fundId } = useWorkplace();
  return (
    <>
      <h1>{t('nav.campaigns')}</h1>
      {fundId ? <Campaigns fundId={fundId} /> : null}
    </>
  );
}

function Campaigns({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const blank = { campaignId: '', name: '', kind: 'humanitarian_month', receiveFrom: todayShown(), receiveUntil: '', distributeUntil: '', bankAccount: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<unknown>(
    { receiveUntil: 'receiveUntil', distributeUntil: 'distributeUntil', bankAccount: 'bankAccount' },
    { CONFLICT: 'campaignId', INVALID_STATE: 'campaignId', CAMPAIGN_WINDOW_EXCEEDED: 'receiveUntil', INVALID_CAMPAIGN_WINDOW: 'receiveUntil' },
  );
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const close = async (campaignId: string) => {
    await unwrap(api.POST('/v1/funds/{fundId}/campaigns/{campaignId}/close', { params: { path: { fundId, campaignId } } }));
    await refresh();
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const from = parseDate(v.receiveFrom);
    const until = parseDate(v.receiveUntil);
    // Optional: left empty, a disaster campaign's deadline is the ledger's (20 days after receiving ends), another's none.
    const distributeUntil = v.distributeUntil.trim() === '' ? null : parseDate(v.distributeUntil);
    const errors: Errors = {};
    if (!from) errors.receiveFrom = badDateMessage(v.receiveFrom);
    if (!until) errors.receiveUntil = badDateMessage(v.receiveUntil);
    if (distributeUntil === null && v.distributeUntil.trim() !== '') errors.distributeUntil = badDateMessage(v.distributeUntil);
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = {
        campaignId: v.campaignId.trim(), name: v.name.trim(), kind: v.kind, receiveFrom: `${from}T00:00:00+07:00`, receiveUntil: `${until}T23:59:59+07:00`,
        distributeUntil: distributeUntil === null ? null : `${distributeUntil}T23:59:59+07:00`, bankAccount: v.bankAccount.trim() || null,
      };
      const answer = await unwrap(api.POST('/v1/funds/{fundId}/campaigns', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      return answer;
    });
  };
  return (
    <Section title={t('admin.campaigns')} id="campaigns">
      {(fund.data?.campaigns ?? []).length > 0 ? (
        <Table caption={t('admin.campaigns')} head={[t('admin.campaignName'), t('admin.campaignKind'), t('admin.receiveUntil'), t('admin.distributeUntil'), t('admin.bankAccount'), t('common.actions')]}>
          {(fund.data?.campaigns ?? []).map((c) => (
            <tr key={c.campaignId}>
              <th scope="row">{c.name}</th>
              <td>{t(`campaignKind.${c.kind}` as MessageKey)}</td>
              <td>{formatDate(c.receiveUntil)}</td>
              <td>{c.distributeUntil ? formatDate(c.distributeUntil) : '–'}</td>
              <td>{c.bankAccount ?? '–'}</td>
              <td>{c.closedAt ? t('admin.closed') : <Button className="secondary" onPress={() => void close(c.campaignId)} aria-label={`${t('admin.closeCampaign')}: ${c.name}`}>{t('admin.closeCampaign')}</Button>}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('admin.openCampaign')}>
        <FormMessage error={submission.formError} success={submission.done ? t('common.saved') : undefined} />
        <Field name="campaignId" label={t('admin.campaignId')} value={v.campaignId} onChange={set('campaignId')} errors={submission.errors} isRequired placeholder="thang-nhan-dao-2026" />
        <Field name="name" label={t('admin.campaignName')} value={v.name} onChange={set('name')} errors={submission.errors} isRequired />
        <Choice name="kind" label={t('admin.campaignKind')} value={v.kind} onChange={set('kind')} errors={submission.errors}
          options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`campaignKind.${k}` as MessageKey) }))} />
        <Field name="receiveFrom" label={t('admin.receiveFrom')} value={v.receiveFrom} onChange={set('receiveFrom')} errors={submission.errors} isRequired placeholder="dd/mm/yyyy" />
        <Field name="receiveUntil" label={t('admin.receiveUntil')} value={v.receiveUntil} onChange={set('receiveUntil')} errors={submission.errors} isRequired placeholder="dd/mm/yyyy" />
        <Field name="distributeUntil" label={t('admin.distributeUntil')} description={t('admin.distributeUntilHint')} value={v.distributeUntil} onChange={set('distributeUntil')} errors={submission.errors} placeholder="dd/mm/yyyy" />
        <Field name="bankAccount" label={t('admin.bankAccount')} description={t('admin.bankAccountHint')} value={v.bankAccount} onChange={set('bankAccount')} errors={submission.errors} inputMode="numeric" />
        <Submit pending={submission.pending} label="admin.openCampaign" />
      </form>
    </Section>
  );
}
