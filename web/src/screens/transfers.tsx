import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { TransferLine, Transfers as TransferList } from '../api/types';
import { formatDate, parseAmount } from '../format';
import { t } from '../i18n';
import { useBalance, useFund, useFunds, useRefreshAfterWrite, useWorkplace } from '../session';
import { PoolMoves } from './pool-moves';
import { DeliveredUpload, ImportNote, NoteDownload, ReceiptDownload, TrustedKeys } from './transfer-notes';
import { componentLabel, LoadError, Money, ReadAt, Section, statusLabel, Table } from '../ui/bits';
import { amountError, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';
import { OneFieldDialog } from '../ui/one-field-dialog';

/** The choice of a fund held by another installation: its id is typed, the note carries the money. */
const ELSEWHERE = '__elsewhere';

const CODE_FIELDS = { INSUFFICIENT_FUNDS: 'amount', RESTRICTION_MISMATCH: 'campaignId', UNKNOWN_COMPONENT: 'component' };

/**
 * Money between chapters (R16): the accountant sends to another fund, the approver approves or
 * rejects, and the receiving fund's accountant receives or returns what is in transit to it.
 */
export default function Transfers() {
  const { fundId, has } = useWorkplace();
  const list = useQuery({
    queryKey: ['transfers', fundId],
    enabled: fundId !== '',
    queryFn: () => unwrap<TransferList>(api.GET('/v1/funds/{fundId}/transfers', { params: { path: { fundId } } })),
  });
  const balance = useBalance(fundId);
  const incoming = list.data?.incoming ?? [];
  const arriving = incoming.filter((line) => line.status === 'in_transit');
  return (
    <>
      <h1>{t('tr.title')}</h1>
      {has('accountant') && fundId ? <SendForm fundId={fundId} /> : null}
      <LoadError error={list.error} />
      <Section title={t('tr.arriving')} id="tr-arriving">
        {list.data && arriving.length === 0 ? <p>{t('common.none')}</p> : null}
        <ul className="cards">
          {arriving.map((line) => <li key={line.transferId}><Arriving fundId={fundId} line={line} canAct={has('accountant')} /></li>)}
        </ul>
      </Section>
      <Section title={t('tr.sent')} id="tr-sent">
        <Lines lines={list.data?.sent ?? []} fundId={fundId} counterpart="to" canApprove={has('approver')} />
      </Section>
      <Section title={t('tr.received')} id="tr-received">
        <Lines lines={incoming.filter((line) => line.status !== 'in_transit')} fundId={fundId} counterpart="from" canApprove={false} />
      </Section>
      {has('accountant') && fundId ? <ImportNote fundId={fundId} /> : null}
      {(has('admin') || has('auditor')) && fundId ? <TrustedKeys fundId={fundId} canRegister={has('admin')} /> : null}
      {fundId ? <PoolMoves fundId={fundId} balance={balance.data} releases={list.data?.restrictionReleases ?? []} /> : null}
      <ReadAt position={list.data?.asOfPosition} />
    </>
  );
}

/** A fund in running text: its name with its id in brackets, or its id alone when this installation does not hold it. */
function FundOf({ fundId }: { fundId: string }) {
  const funds = useFunds();
  const name = funds.data?.items.find((fund) => fund.fundId === fundId)?.name;
  return <>{name ? `${name} (${fundId})` : fundId}</>;
}

/** Another fund of this installation by its name, its id beside it; a fund elsewhere by its id. */
function FundName({ fundId }: { fundId: string }) {
  const funds = useFunds();
  const name = funds.data?.items.find((fund) => fund.fundId === fundId)?.name;
  return name ? <>{name} <small className="tag">{fundId}</small></> : <>{fundId}</>;
}

function Lines({ lines, fundId, counterpart, canApprove }: { lines: TransferLine[]; fundId: string; counterpart: 'to' | 'from'; canApprove: boolean }) {
  const { me, has } = useWorkplace();
  const fund = useFund(fundId);
  // This fund's campaigns by name: what an assignment made here is shown by.
  const campaignNames = new Map((fund.data?.campaigns ?? []).map((campaign) => [campaign.campaignId, campaign.name]));
  const canNote = has('accountant') || has('auditor');
  if (lines.length === 0) return <p>{t('common.none')}</p>;
  return (
    <Table className="stack-table" caption={t('tr.register')} head={[t('tr.id'), counterpart === 'to' ? t('tr.toFund') : t('tr.fromFund'), t('common.amount'), t('common.status'), t('tr.days'), t('common.actions')]}>
      {lines.map((line) => (
        <tr key={line.fromLedger ? `${line.fromLedger} ${line.transferId}` : line.transferId}>
          <th scope="row">{line.transferId}<small className="tag">{line.purpose}</small></th>
          <td data-label={counterpart === 'to' ? t('tr.toFund') : t('tr.fromFund')}>
            <FundName fundId={counterpart === 'to' ? line.toFundId : line.fromFundId} />
            {line.external ? <small className="tag">{line.fromChapter ?? line.toChapter ?? t('tn.elsewhere')}</small> : null}
          </td>
          <td data-label={t('common.amount')}><Money value={line.amount} /></td>
          <td data-label={t('common.status')}>{statusLabel(line.status)}</td>
          <td data-label={t('tr.days')}>{line.daysInTransit ?? '–'}</td>
          <td>
            {canApprove && line.status === 'requested' && line.requestedBy !== me.userId ? <Decide fundId={fundId} line={line} /> : null}
            {counterpart === 'to' && canNote && line.external && line.status === 'in_transit' ? <NoteDownload fundId={fundId} line={line} /> : null}
            {counterpart === 'to' && has('accountant') && line.external && line.status === 'in_transit' ? <DeliveredUpload fundId={fundId} line={line} /> : null}
            {counterpart === 'from' && canNote && line.external && line.status === 'received' ? <ReceiptDownload fundId={fundId} line={line} /> : null}
            {counterpart === 'from' && line.assignedCampaignId ? <small className="tag">{t('tr.assignedTo', { campaign: campaignNames.get(line.assignedCampaignId) ?? line.assignedCampaignId })}</small> : null}
            {counterpart === 'from' && has('accountant') && line.assignmentId && line.assignedCampaignId
              ? <Unassign fundId={fundId} line={line} assignmentId={line.assignmentId} campaign={campaignNames.get(line.assignedCampaignId) ?? line.assignedCampaignId} /> : null}
            {counterpart === 'from' && has('accountant') && (!line.external || line.fromLedger) && line.status === 'received' && !line.receivedCampaignId && !line.assignedCampaignId
              ? <AssignCampaign fundId={fundId} line={line} /> : null}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * Money received for no campaign of this fund, found afterwards to be meant for one of its
 * campaigns: the accountant names the campaign and why; the receipt stays as it was.
 */
function AssignCampaign({ fundId, line }: { fundId: string; line: TransferLine }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const [open, setOpen] = useState(false);
  const [campaignId, setCampaignId] = useState('');
  const [reason, setReason] = useState('');
  // Restricted money keeps its pool: said of this money, not as the general words for a payment against its restriction.
  const assign = useSubmission<unknown>({}, { CAMPAIGN_CLOSED: 'campaignId', CAMPAIGN_NOT_OPEN: 'campaignId', RESTRICTION_MISMATCH: 'campaignId', NOT_FOUND: 'campaignId' },
    { RESTRICTION_MISMATCH: 'tr.assignRestricted' });
  const campaigns = fund.data?.campaigns ?? [];
  if (campaigns.length === 0) return null;
  // A field filled in no longer shows the problem it had.
  const change = (name: string, set: (value: string) => void) => (value: string) => {
    set(value);
    if (assign.errors[name]) assign.setErrors(Object.fromEntries(Object.entries(assign.errors).filter(([key]) => key !== name)));
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Errors = {};
    if (campaignId === '') missing.campaignId = t('common.required');
    if (!reason.trim()) missing.reason = t('common.required');
    if (Object.keys(missing).length > 0) return assign.setErrors(missing);
    await assign.submit(async (key) => {
      const answer = await unwrap(api.POST('/v1/funds/{fundId}/transfers/{transferId}/assign-campaign', {
        // Money booked from a note is named by its ledger too: another ledger's transfer ids may be this one's.
        params: { path: { fundId, transferId: line.transferId } }, headers: { 'Idempotency-Key': key },
        body: { campaignId, reason: reason.trim(), ...(line.fromLedger ? { fromLedger: line.fromLedger } : {}) },
      }));
      await refresh();
      setOpen(false);
      return answer;
    });
  };
  return (
    <>
      <Button className="secondary" onPress={() => setOpen(true)} aria-label={`${t('tr.assign')}: ${line.transferId}`}>{t('tr.assign')}</Button>
      <Modal isOpen={open} isDismissable onOpenChange={setOpen} className="modal">
        <Dialog>
          <Heading slot="title">{t('tr.assignTitle', { id: line.transferId })}</Heading>
          <p>{t('tr.assignHelp')}</p>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <FormMessage error={assign.formError} />
            <Choice name="campaignId" label={t('common.campaign')} value={campaignId} onChange={change('campaignId', setCampaignId)} errors={assign.errors}
              options={[{ value: '', label: t('tr.assignChoose') }, ...campaigns.map((c) => ({ value: c.campaignId, label: c.name }))]} />
            <Field name="reason" label={t('common.reason')} value={reason} onChange={change('reason', setReason)} errors={assign.errors} isRequired multiline />
            <div className="buttons">
              <Submit pending={assign.pending} label="tr.assign" />
              <Button className="secondary" onPress={() => setOpen(false)}>{t('common.cancel')}</Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </>
  );
}

/**
 * An assignment made in error is reversed, never edited: the money goes back to the pool it was
 * received in, while the campaign still holds all of it; the transfer may then be assigned again.
 */
function Unassign({ fundId, line, assignmentId, campaign }: { fundId: string; line: TransferLine; assignmentId: string; campaign: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button className="secondary" onPress={() => setOpen(true)} aria-label={`${t('tr.unassign')}: ${line.transferId}`}>{t('tr.unassign')}</Button>
      {open ? (
        <OneFieldDialog
          title={t('tr.unassignTitle', { id: line.transferId, campaign })} help={t('tr.unassignHelp')}
          field={{ name: 'reason', label: t('common.reason'), multiline: true }} sendLabel="tr.unassign" onClose={() => setOpen(false)}
          codeFields={{ ALREADY_REVERSED: 'reason', INSUFFICIENT_FUNDS: 'reason' }} codeMessages={{ INSUFFICIENT_FUNDS: 'tr.unassignSpent' }}
          send={(reason, key) => unwrap(api.POST('/v1/funds/{fundId}/reversals', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: { entryId: assignmentId, reason } }))}
        />
      ) : null}
    </>
  );
}

function Decide({ fundId, line }: { fundId: string; line: TransferLine }) {
  const refresh = useRefreshAfterWrite();
  const approve = useSubmission<unknown>({}, {});
  const reject = useSubmission<unknown>({}, {});
  const path = { fundId, transferId: line.transferId };
  const onApprove = () => approve.submit(async (key) => {
    const answer = await unwrap(api.POST('/v1/funds/{fundId}/transfers/{transferId}/approve', { params: { path }, headers: { 'Idempotency-Key': key }, body: {} }));
    await refresh();
    return answer;
  });
  const onReject = () => reject.submit(async (key) => {
    const answer = await unwrap(api.POST('/v1/funds/{fundId}/transfers/{transferId}/reject', { params: { path }, headers: { 'Idempotency-Key': key }, body: { reason: t('tr.rejectedReason') } }));
    await refresh();
    return answer;
  });
  return (
    <div className="buttons">
      <FormMessage error={approve.formError ?? reject.formError} />
      <Button className="primary" onPress={() => void onApprove()} isDisabled={approve.pending} aria-label={`${t('inbox.approve')}: ${line.transferId}`}>{t('inbox.approve')}</Button>
      <Button className="secondary" onPress={() => void onReject()} isDisabled={reject.pending} aria-label={`${t('inbox.reject')}: ${line.transferId}`}>{t('inbox.reject')}</Button>
    </div>
  );
}

function Arriving({ fundId, line, canAct }: { fundId: string; line: TransferLine; canAct: boolean }) {
  const refresh = useRefreshAfterWrite();
  const fund = useFund(fundId);
  const [reason, setReason] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const receive = useSubmission<unknown>({}, {});
  const giveBack = useSubmission<unknown>({}, {});
  const path = { fundId, transferId: line.transferId };
  const onReceive = () => receive.submit(async (key) => {
    const answer = await unwrap(api.POST('/v1/funds/{fundId}/transfers/{transferId}/receive', {
      params: { path }, headers: { 'Idempotency-Key': key }, body: { campaignId: campaignId || null },
    }));
    await refresh();
    return answer;
  });
  const onReturn = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return giveBack.setErrors({ reason: t('common.required') });
    await giveBack.submit(async (key) => {
      const answer = await unwrap(api.POST('/v1/funds/{fundId}/transfers/{transferId}/return', { params: { path }, headers: { 'Idempotency-Key': key }, body: { reason: reason.trim() } }));
      await refresh();
      return answer;
    });
  };
  return (
    <article className="card" aria-label={line.transferId}>
      <h3>{line.purpose} · <Money value={line.amount} /></h3>
      <p>{t('tr.fromFund')}: <FundOf fundId={line.fromFundId} /> · {componentLabel(line.component)}{line.campaignId ? ` · ${line.campaignId} (${t('tr.senderCampaign')})` : ''} · {formatDate(line.sentAt ?? line.requestedAt)}</p>
      <FormMessage error={receive.formError ?? giveBack.formError} success={receive.done || giveBack.done ? t('inbox.done') : undefined} />
      {canAct ? (
        <>
          <Choice name="receiveCampaignId" label={t('tr.receiveFor')} value={campaignId} onChange={setCampaignId} errors={receive.errors}
            options={[{ value: '', label: t('common.noCampaign') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
          <p><small>{t('tr.receiveForHelp')}</small></p>
          <Button className="primary" onPress={() => void onReceive()} isDisabled={receive.pending}>{t('tr.receive')}</Button>
          <form onSubmit={(event) => void onReturn(event)} noValidate>
            <Field name="reason" label={t('common.reason')} value={reason} onChange={setReason} errors={giveBack.errors} isRequired />
            <Submit pending={giveBack.pending} label="tr.return" />
          </form>
        </>
      ) : null}
    </article>
  );
}

function SendForm({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const funds = useFunds();
  const refresh = useRefreshAfterWrite();
  const others = (funds.data?.items ?? []).filter((f) => f.fundId !== fundId);
  const blank = { toFundId: '', elsewhereFundId: '', amount: '', component: 'general', campaignId: '', purpose: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<{ transferId: string; status: string }>({}, CODE_FIELDS);
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const chosen = v.toFundId || others[0]?.fundId || ELSEWHERE;
  const toFundId = chosen === ELSEWHERE ? v.elsewhereFundId.trim() : chosen;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!toFundId) errors.toFundId = t('common.required');
    const amountProblem = amountError(v.amount);
    if (amountProblem) errors.amount = amountProblem;
    if (!v.purpose.trim()) errors.purpose = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = { toFundId, amount: parseAmount(v.amount), component: v.component, campaignId: v.campaignId || null, purpose: v.purpose.trim() };
      const answer = await unwrap<{ transferId: string; status: string }>(api.POST('/v1/funds/{fundId}/transfers', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      return answer;
    });
  };
  if (submission.done) {
    return (
      <Section title={t('tr.send')} id="tr-send">
        <FormMessage success={t('tr.sentDone', { id: submission.done.transferId, status: statusLabel(submission.done.status) })} />
        <Button className="primary" onPress={() => { submission.reset(); setV(blank); }}>{t('tr.send')}</Button>
      </Section>
    );
  }
  const e = submission.errors;
  return (
    <Section title={t('tr.send')} id="tr-send">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} />
        <Choice name="toFundChoice" label={t('tr.toFund')} value={chosen} onChange={set('toFundId')} errors={e}
          options={[...others.map((f) => ({ value: f.fundId, label: f.name })), { value: ELSEWHERE, label: t('tn.elsewhereFund') }]} />
        {chosen === ELSEWHERE
          ? <Field name="toFundId" label={t('tn.elsewhereFundId')} value={v.elsewhereFundId} onChange={set('elsewhereFundId')} errors={e} isRequired description={t('tn.elsewhereHelp')} />
          : null}
        <Field name="amount" label={t('common.amount')} value={v.amount} onChange={set('amount')} errors={e} inputMode="decimal" isRequired placeholder="1.500.000" />
        <Choice name="component" label={t('common.component')} value={v.component} onChange={set('component')} errors={e}
          options={(fund.data?.components ?? ['general']).map((c) => ({ value: c, label: componentLabel(c) }))} />
        <Choice name="campaignId" label={t('common.campaign')} value={v.campaignId} onChange={set('campaignId')} errors={e}
          options={[{ value: '', label: t('common.noCampaign') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
        <Field name="purpose" label={t('disb.purpose')} value={v.purpose} onChange={set('purpose')} errors={e} isRequired />
        <Submit pending={submission.pending} label="tr.send" />
      </form>
    </Section>
  );
}
