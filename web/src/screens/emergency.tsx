import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Page, Release } from '../api/types';
import { compareDecimal, daysUntil, formatDate, formatDateTime, formatMoney, parseAmount } from '../format';
import { isQueued, sendThroughOutbox, type Queued } from '../offline/send';
import { Link } from 'wouter';
import { t } from '../i18n';
import { useBalance, useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { LoadError, Money, pageQuery, Pager, ReadAt, Section, statusLabel, useCursorPages } from '../ui/bits';
import { amountError, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';
import { campaignPool } from '../campaign-component';


const CODE_FIELDS = { EMERGENCY_CAP_EXCEEDED: 'amount', INSUFFICIENT_FUNDS: 'amount', CAMPAIGN_CLOSED: 'campaignId' };

/** "Giải ngân khẩn cấp": three fields and one confirmation, the cap and the money available shown first. */
export default function Emergency() {
  const { fundId } = useWorkplace();
  if (!fundId) return <h1>{t('er.title')}</h1>;
  return (
    <>
      <h1>{t('er.title')}</h1>
      <ReleaseForm fundId={fundId} />
      <MyReleases fundId={fundId} />
    </>
  );
}

function ReleaseForm({ fundId }: { fundId: string }) {
  const { me } = useWorkplace();
  const fund = useFund(fundId);
  const balance = useBalance(fundId);
  const refresh = useRefreshAfterWrite();
  const blank = { amount: '', campaignId: '', incident: '', recipient: '' };
  const [v, setV] = useState(blank);
  const [confirming, setConfirming] = useState(false);
  const submission = useSubmission<{ releaseId: string; settleBy: string } | Queued>({}, CODE_FIELDS);
  // A disaster's own money: a campaign still open with a pool of its own (a disaster campaign's) may
  // be chosen, and then its pool is what is shown and spent, from the component the pool is in (the
  // one holding the most, should it have two). A campaign without a pool keeps its money among the
  // component's, which a release of another component would not touch.
  const campaigns = (fund.data?.campaigns ?? []).filter((c) => !c.closedAt && c.restrictionId !== null);
  const pool = campaignPool(balance.data?.restricted ?? [], v.campaignId);
  const component = pool?.component ?? (fund.data?.components.includes('emergency-relief') ? 'emergency-relief' : 'general');
  const available = pool ? pool.available : v.campaignId ? '0' : balance.data?.byComponent[component]?.available;
  const set = (field: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const check = (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    const amountProblem = amountError(v.amount);
    const cap = fund.data?.policy.emergencyReleaseCap;
    if (amountProblem) errors.amount = amountProblem;
    // Said before the confirmation, not after it: the cap is printed above the form.
    else if (cap !== undefined && compareDecimal(parseAmount(v.amount) ?? '0', cap) > 0) errors.amount = t('er.overCap', { amount: formatMoney(cap) });
    if (!v.incident.trim()) errors.incident = t('common.required');
    if (!v.recipient.trim()) errors.recipient = t('common.required');
    submission.setErrors(errors);
    if (Object.keys(errors).length === 0) setConfirming(true);
  };
  const send = async () => {
    setConfirming(false);
    await submission.submit(async (key) => {
      // The business date is when the coordinator confirmed, even if the network returns hours later.
      const releasedAt = new Date().toISOString();
      const amount = parseAmount(v.amount);
      const body = { amount, component, campaignId: v.campaignId || null, incident: v.incident.trim(), recipient: v.recipient.trim(), releasedAt };
      const answer = await sendThroughOutbox<{ releaseId: string; settleBy: string }>({
        key, userId: me.userId, fundId, kind: 'emergency-release', method: 'POST', path: `/v1/funds/${fundId}/emergency-releases`, body,
        summary: `${formatMoney(amount)} · ${body.recipient}`, actedAt: releasedAt,
      });
      if (!isQueued(answer)) await refresh();
      return answer;
    });
  };
  if (submission.done) {
    const done = submission.done;
    return (
      <>
        {isQueued(done)
          ? <Kept actedAt={done.actedAt} />
          : <FormMessage success={t('er.released', { id: done.releaseId, date: formatDate(done.settleBy) })} />}
        <Button className="primary" onPress={() => { submission.reset(); setV(blank); }}>{t('er.send')}</Button>
      </>
    );
  }
  return (
    <>
      <p className="limits">
        <span>{t('er.cap', { amount: formatMoney(fund.data?.policy.emergencyReleaseCap) })}</span>
        <span>{v.campaignId
          ? t('er.availableCampaign', { amount: formatMoney(available), campaign: campaigns.find((c) => c.campaignId === v.campaignId)?.name ?? v.campaignId })
          : t('er.available', { amount: formatMoney(available) })}</span>
      </p>
      <form onSubmit={check} noValidate className="grid-form">
        <FormMessage error={submission.formError} />
        {campaigns.length > 0 ? (
          <Choice name="campaignId" label={t('common.campaign')} value={v.campaignId} onChange={set('campaignId')} errors={submission.errors}
            options={[{ value: '', label: t('common.noCampaign') }, ...campaigns.map((c) => ({ value: c.campaignId, label: c.name }))]} />
        ) : null}
        <Field name="amount" label={t('common.amount')} value={v.amount} onChange={set('amount')} errors={submission.errors} inputMode="decimal" isRequired placeholder="1.500.000" />
        <Field name="incident" label={t('er.incident')} value={v.incident} onChange={set('incident')} errors={submission.errors} isRequired />
        <Field name="recipient" label={t('er.recipient')} value={v.recipient} onChange={set('recipient')} errors={submission.errors} isRequired />
        <Submit pending={submission.pending} label="er.send" />
      </form>
      <Modal isOpen={confirming} isDismissable onOpenChange={setConfirming} className="modal">
        <Dialog role="alertdialog">
          <Heading slot="title">{t('er.title')}</Heading>
          <p>{t('er.confirm', { amount: formatMoney(parseAmount(v.amount)), recipient: v.recipient.trim(), days: fund.data?.policy.emergencySettlementDays ?? 30 })}</p>
          <div className="buttons">
            <Button className="primary" onPress={() => void send()} autoFocus>{t('common.confirm')}</Button>
            <Button className="secondary" onPress={() => setConfirming(false)}>{t('common.cancel')}</Button>
          </div>
        </Dialog>
      </Modal>
    </>
  );
}

/** How many of a coordinator's open releases one read takes: the server's largest page. */
const OPEN_RELEASES_PAGE = 1000;

/**
 * "Các khoản giải ngân của tôi": every release of mine still open, each with its settlement form,
 * then those settled or cancelled, a page at a time. Both read only my releases (`releasedBy`), so
 * a fund with thousands of releases by others never pushes mine off the page.
 */
function MyReleases({ fundId }: { fundId: string }) {
  const { me } = useWorkplace();
  const pages = useCursorPages();
  const open = useQuery({
    queryKey: ['releases', fundId, 'open', me.userId],
    queryFn: () => unwrap<Page<Release>>(api.GET('/v1/funds/{fundId}/emergency-releases', {
      params: { path: { fundId }, query: pageQuery(undefined, OPEN_RELEASES_PAGE, { status: 'open', releasedBy: me.userId }) as never },
    })),
  });
  const all = useQuery({
    queryKey: ['releases', fundId, 'mine', me.userId, pages.cursor],
    queryFn: () => unwrap<Page<Release>>(api.GET('/v1/funds/{fundId}/emergency-releases', {
      params: { path: { fundId }, query: pageQuery(pages.cursor, 100, { releasedBy: me.userId }) as never },
    })),
  });
  const openOnes = open.data?.items ?? [];
  // Read one after the other, a release settled in between would be in both: listed once, as open.
  const openIds = new Set(openOnes.map((r) => r.releaseId));
  const closed = (all.data?.items ?? []).filter((r) => r.status !== 'open' && !openIds.has(r.releaseId));
  return (
    <Section title={t('er.mine')} id="my-releases">
      <LoadError error={open.error ?? all.error} />
      {open.data && all.data && openOnes.length === 0 && closed.length === 0 && pages.cursors.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul className="cards">
        {[...openOnes, ...closed].map((r) => <li key={r.releaseId}><MyRelease fundId={fundId} r={r} /></li>)}
      </ul>
      <Pager pages={pages} next={all.data?.nextCursor} />
      <ReadAt position={open.data?.position} />
    </Section>
  );
}

function MyRelease({ fundId, r }: { fundId: string; r: Release }) {
  const { me } = useWorkplace();
  const refresh = useRefreshAfterWrite();
  const [v, setV] = useState({ spent: '', returned: '0', evidence: '' });
  const settle = useSubmission<unknown>({}, { INVALID_STATE: 'spent', SETTLEMENT_MISMATCH: 'spent', EVIDENCE_REQUIRED: 'evidence' });
  const days = daysUntil(r.settleBy);
  const set = (field: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSettle = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    const spentProblem = v.spent.trim() === '0' ? undefined : amountError(v.spent);
    if (spentProblem) errors.spent = spentProblem;
    const returnedProblem = v.returned.trim() === '0' ? undefined : amountError(v.returned);
    if (returnedProblem) errors.returned = returnedProblem;
    const evidence = v.evidence.split('\n').map((line) => line.trim()).filter(Boolean);
    // Only money spent needs its evidence: a release returned whole has none to give.
    const spentNothing = (parseAmount(v.spent) ?? '0') === '0';
    if (evidence.length === 0 && !spentNothing) errors.evidence = t('common.required');
    if (Object.keys(errors).length > 0) return settle.setErrors(errors);
    await settle.submit(async (key) => {
      const settledAt = new Date().toISOString();
      const body = { spent: parseAmount(v.spent) ?? '0', returned: parseAmount(v.returned) ?? '0', evidence, settledAt };
      const answer = await sendThroughOutbox({
        key, userId: me.userId, fundId, kind: 'emergency-settlement', method: 'POST', path: `/v1/funds/${fundId}/emergency-releases/${encodeURIComponent(r.releaseId)}/settle`, body,
        summary: `${r.releaseId} · ${formatMoney(body.spent)}`, actedAt: settledAt,
      });
      if (!isQueued(answer)) await refresh();
      return answer;
    });
  };
  return (
    <article className="card" aria-label={r.incident}>
      <h3>{r.incident} · <Money value={r.amount} /></h3>
      <p>{r.recipient} · {formatDate(r.releasedAt)} · {statusLabel(r.overdue ? 'overdue' : r.status)}</p>
      {r.status === 'open' ? (
        <>
          <p className={days < 0 ? 'warning' : ''}>{days >= 0 ? t('er.daysLeft', { days }) : t('er.daysOver', { days: -days })} ({formatDate(r.settleBy)})</p>
          <form onSubmit={(event) => void onSettle(event)} noValidate className="grid-form">
            {isQueued(settle.done) ? <Kept actedAt={settle.done.actedAt} /> : <FormMessage error={settle.formError} success={settle.done ? t('inbox.done') : undefined} />}
            <Field name="spent" label={t('er.spent')} value={v.spent} onChange={set('spent')} errors={settle.errors} inputMode="decimal" isRequired />
            <Field name="returned" label={t('er.returned')} value={v.returned} onChange={set('returned')} errors={settle.errors} inputMode="decimal" />
            <Field name="evidence" label={t('er.evidence')} value={v.evidence} onChange={set('evidence')} errors={settle.errors} multiline isRequired />
            <Submit pending={settle.pending} label="er.settle" />
          </form>
        </>
      ) : null}
      {r.status === 'settled' && r.spent !== null && r.returned !== null ? <p>{t('er.settledAs', { spent: formatMoney(r.spent), returned: formatMoney(r.returned) })}</p> : null}
    </article>
  );
}

/** Said when there was no network: the command is on this phone and goes when the network returns. */
function Kept({ actedAt }: { actedAt: string }) {
  return (
    <div role="status" className="kept">
      <p>{t('outbox.kept', { time: formatDateTime(actedAt) })}</p>
      <Link href="/cho-gui">{t('outbox.see')}</Link>
    </div>
  );
}
