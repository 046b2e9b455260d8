import { handoversAhead, type HandoverAhead } from '../offline/handovers-ahead';
import { useQuery } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { ApiProblem, api, newIdempotencyKey, problemOf, unwrap } from '../api/client';
import { noteWrittenPosition } from '../api/read-your-writes';
import { isQueued, sendThroughOutbox } from '../offline/send';
import { useOutbox } from '../offline/use-outbox';
import type { components } from '../api/schema';
import { formatDate, formatDateTime, formatMoney, parseAmount } from '../format';
import { currentLanguage, t, tOr, type MessageKey } from '../i18n';
import { componentOfCampaign } from '../campaign-component';
import { useBalance, useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { componentLabel, LoadError, Money, Section, statusLabel, Table } from '../ui/bits';
import { Choice, Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';
import { OneFieldDialog } from '../ui/one-field-dialog';
import { StockTables } from './stock-tables';

type ListAnswer = components['schemas']['BeneficiaryListImportedResponse'];
type Registered = components['schemas']['BeneficiaryRegisteredResponse'];
type Sheet = components['schemas']['DistributionSheetResponse'];
type Coverage = components['schemas']['CoverageResponse'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NEEDS = ['tet-gift', 'food-water-medicine', 'housing-repair', 'temporary-shelter', 'evacuation', 'casualties-burial', 'sanitation-disease-control',
  'medical-equipment', 'seeds-livestock-tools', 'infrastructure', 'living-quarantine', 'other'];
const LIST_KINDS = ['poor', 'near_poor', 'affected', 'other'];
const CATEGORIES = ['poor', 'near_poor', 'policy', 'disaster_affected', 'other'];

const SHEET_KEY = 'ctd-distribution-sheet';

const needLabel = (need: string) => tOr(`ben.need.${need}`, 'ben.need.other');
const categoryLabel = (category: string) => tOr(`ben.category.${category}`, 'ben.category.other');

/** "Đối tượng": the fund's beneficiaries, a commune's list, a Tết distribution, hand-overs and who was left out. */
export default function Beneficiaries() {
  const { fundId, has } = useWorkplace();
  const [listId, setListId] = useState('');
  // The sheet a team works on is remembered on the device, so it reopens in the field without a network.
  const [sheetId, setSheetIdState] = useState(() => localStorage.getItem(SHEET_KEY) ?? '');
  const setSheetId = (id: string) => {
    localStorage.setItem(SHEET_KEY, id);
    setSheetIdState(id);
  };
  if (!fundId) return <h1>{t('ben.title')}</h1>;
  const writes = has('accountant', 'coordinator');
  return (
    <>
      <h1>{t('ben.title')}</h1>
      {writes ? <ImportList fundId={fundId} onImported={setListId} /> : null}
      <Registry fundId={fundId} listId={listId} onList={setListId} />
      {writes ? <RegisterOne fundId={fundId} /> : null}
      {has('accountant') ? <Distribute fundId={fundId} listId={listId} onRequested={setSheetId} /> : null}
      <DistributionSheet fundId={fundId} disbursementId={sheetId} onChange={setSheetId} canRecord={writes} canReturn={has('accountant')} />
      <CoverageReport fundId={fundId} listId={listId} />
      <Stock fundId={fundId} />
      <Overrides fundId={fundId} />
    </>
  );
}

function useLists(fundId: string) {
  return useQuery({
    queryKey: ['beneficiary-lists', fundId],
    queryFn: () => unwrap<components['schemas']['BeneficiaryListsResponse']>(api.GET('/v1/funds/{fundId}/beneficiary-lists', { params: { path: { fundId } } })),
  });
}

function ListChoice({ fundId, listId, onChange }: { fundId: string; listId: string; onChange: (listId: string) => void }) {
  const lists = useLists(fundId);
  return (
    <Choice name="listId" label={t('ben.list')} value={listId} onChange={onChange}
      options={[{ value: '', label: t('ben.allRegistry') }, ...(lists.data?.lists ?? []).map((l) => ({ value: l.listId, label: `${l.listId} · ${l.commune} (${l.members})` }))]} />
  );
}

/** Sends a commune's list file as the body, its type from its name (a browser may call a .csv anything). */
async function uploadList(fundId: string, query: URLSearchParams, file: File): Promise<ListAnswer> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  const response = await fetch(`/v1/funds/${encodeURIComponent(fundId)}/beneficiary-lists?${query.toString()}`, {
    // Its rejected lines' reasons come in the app's language, not the browser's.
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': type, 'accept-language': currentLanguage() }, body: file,
  });
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw problemOf(response.status, body);
  noteWrittenPosition((body as ListAnswer).position);
  return body as ListAnswer;
}

function ImportList({ fundId, onImported }: { fundId: string; onImported: (listId: string) => void }) {
  const refresh = useRefreshAfterWrite();
  const [v, setV] = useState({ commune: '', listKind: 'poor', certificationRef: '' });
  const [file, setFile] = useState<File>();
  const [answer, setAnswer] = useState<ListAnswer>();
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  const set = (field: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Errors = {};
    if (!v.commune.trim()) missing.commune = t('common.required');
    if (!v.certificationRef.trim()) missing.certificationRef = t('common.required');
    if (!file) missing.file = t('ben.chooseFile');
    setErrors(missing);
    setFailure(undefined);
    if (Object.keys(missing).length > 0 || !file) return;
    setPending(true);
    try {
      const result = await uploadList(fundId, new URLSearchParams({ commune: v.commune.trim(), listKind: v.listKind, certificationRef: v.certificationRef.trim() }), file);
      setAnswer(result);
      onImported(result.listId);
      await refresh();
    } catch (error) {
      setFailure(tOr(`error.${error instanceof ApiProblem ? error.code : 'generic'}`, 'error.generic'));
    } finally {
      setPending(false);
    }
  };
  return (
    <Section title={t('ben.import')} id="import-list">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={failure} success={answer ? t('ben.imported', { listId: answer.listId, added: answer.added, matched: Math.max(0, answer.matched - answer.repeated), repeated: answer.repeated, rejected: answer.rejected.length }) : undefined} />
        <Field name="commune" label={t('ben.commune')} value={v.commune} onChange={set('commune')} errors={errors} isRequired />
        <Choice name="listKind" label={t('ben.listKind')} value={v.listKind} onChange={set('listKind')} options={LIST_KINDS.map((kind) => ({ value: kind, label: t(`ben.listKind.${kind}` as MessageKey) }))} />
        <Field name="certificationRef" label={t('ben.certificationRef')} value={v.certificationRef} onChange={set('certificationRef')} errors={errors} isRequired description={t('ben.certificationHint')} />
        <div className="field">
          <label htmlFor="list-file">{t('ben.file')}</label>
          <input id="list-file" type="file" accept=".csv,.xlsx" onChange={(event: ChangeEvent<HTMLInputElement>) => setFile(event.target.files?.[0])} />
          {errors.file ? <span className="field-error">{errors.file}</span> : null}
        </div>
        <Button type="submit" className="primary" isDisabled={pending}>{pending ? t('common.sending') : t('ben.importSend')}</Button>
      </form>
      {answer && answer.warnings.length > 0 ? (
        <Table caption={t('ben.listWarnings')} head={[t('import.line'), t('ben.warning')]}>
          {answer.warnings.map((warning) => <tr key={`${warning.code}-${warning.line}`}><th scope="row">{warning.line}</th><td>{warning.message}</td></tr>)}
        </Table>
      ) : null}
      {answer && answer.rejected.length > 0 ? (
        <Table caption={t('ben.rejectedLines')} head={[t('import.line'), t('common.reason')]}>
          {answer.rejected.map((line) => <tr key={line.line}><th scope="row">{line.line}</th><td>{line.message}</td></tr>)}
        </Table>
      ) : null}
    </Section>
  );
}

function Registry({ fundId, listId, onList }: { fundId: string; listId: string; onList: (listId: string) => void }) {
  const [q, setQ] = useState('');
  const page = useQuery({
    queryKey: ['beneficiaries', fundId, listId, q],
    queryFn: () => unwrap<components['schemas']['BeneficiaryPageResponse']>(api.GET('/v1/funds/{fundId}/beneficiaries', {
      params: { path: { fundId }, query: { ...(listId ? { listId } : {}), ...(q.trim() ? { q: q.trim() } : {}), limit: '200' } },
    })),
  });
  return (
    <Section title={t('ben.registry')} id="registry">
      <div className="grid-form">
        <ListChoice fundId={fundId} listId={listId} onChange={onList} />
        <Field name="q" label={t('ben.search')} value={q} onChange={setQ} />
      </div>
      <LoadError error={page.error} />
      {page.data ? (
        <>
          <p>{t('ben.count', { total: page.data.total })}{' · '}{t('common.position')} {page.data.position}</p>
          <Table className="stack-table" caption={t('ben.registry')} head={[t('ben.id'), t('ben.name'), t('ben.commune'), t('ben.village'), t('ben.idLast4'), t('ben.categories')]}>
            {page.data.beneficiaries.map((b) => (
              <tr key={b.beneficiaryId}>
                <td data-label={t('ben.id')}>{b.beneficiaryId}</td>
                <th scope="row">{b.name}</th>
                <td data-label={t('ben.commune')}>{b.commune}</td>
                <td data-label={t('ben.village')}>{b.village ?? '—'}</td>
                <td data-label={t('ben.idLast4')}>{b.idLast4 ? `…${b.idLast4}` : '—'}</td>
                <td data-label={t('ben.categories')}>{b.categories.map(categoryLabel).join(', ')}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </Section>
  );
}

function RegisterOne({ fundId }: { fundId: string }) {
  const refresh = useRefreshAfterWrite();
  const blank = { name: '', commune: '', address: '', idNumber: '', kind: 'household', category: 'poor' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<Registered>({}, { ALREADY_EXISTS: 'name' });
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      kind: v.kind, name: v.name, commune: v.commune, categories: [v.category],
      ...(v.address.trim() ? { address: v.address.trim() } : {}), ...(v.idNumber.trim() ? { idNumber: v.idNumber.trim() } : {}),
    };
    await submission.submit(async (key) => {
      const answer = await unwrap<Registered>(api.POST('/v1/funds/{fundId}/beneficiaries', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      setV(blank);
      await refresh();
      return answer;
    });
  };
  return (
    <Section title={t('ben.register')} id="register-one">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} success={submission.done ? t('ben.registered', { id: submission.done.beneficiaryId }) : undefined} />
        <Field name="name" label={t('ben.name')} value={v.name} onChange={set('name')} errors={submission.errors} isRequired />
        <Field name="commune" label={t('ben.commune')} value={v.commune} onChange={set('commune')} errors={submission.errors} isRequired />
        <Field name="address" label={t('ben.address')} value={v.address} onChange={set('address')} errors={submission.errors} />
        <Field name="idNumber" label={t('ben.idNumber')} value={v.idNumber} onChange={set('idNumber')} errors={submission.errors} inputMode="numeric" description={t('ben.idNumberHint')} />
        <Choice name="kind" label={t('ben.kind')} value={v.kind} onChange={set('kind')} options={['household', 'person', 'organization'].map((kind) => ({ value: kind, label: t(`ben.kind.${kind}` as MessageKey) }))} />
        <Choice name="categories" label={t('ben.categories')} value={v.category} onChange={set('category')} errors={submission.errors} options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))} />
        <Submit pending={submission.pending} label="ben.registerSend" />
      </form>
    </Section>
  );
}

interface Duplicate { beneficiaryId: string; earlierDisbursementId: string; earlierFundId: string; duplicates: number; name?: string }

/** A distribution of the same amount to every household of a list, with the need; a duplicate aid is shown and may be resent with a reason. */
function Distribute({ fundId, listId, onRequested }: { fundId: string; listId: string; onRequested: (id: string) => void }) {
  const refresh = useRefreshAfterWrite();
  const lists = useLists(fundId);
  const certificationRef = lists.data?.lists.find((list) => list.listId === listId)?.certificationRef;
  const fund = useFund(fundId);
  const balance = useBalance(fundId);
  const [v, setV] = useState({ need: 'tet-gift', perHousehold: '', purpose: '', component: 'general', campaignId: '', reason: '' });
  const [duplicate, setDuplicate] = useState<Duplicate>();
  const submission = useSubmission<{ disbursementId: string }>({ amount: 'perHousehold' }, { CAMPAIGN_CLOSED: 'campaignId' });
  const set = (field: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  // An appeal's money is handed out from its own pool, in the component it sits in.
  const setCampaign = (campaignId: string) => setV((old) => ({ ...old, campaignId, component: componentOfCampaign(balance.data, campaignId) ?? old.component }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const each = parseAmount(v.perHousehold);
    const errors: Errors = {};
    if (!listId) errors.listId = t('ben.pickList');
    if (!each) errors.perHousehold = v.perHousehold.trim() === '' ? t('common.required') : t('common.badAmount');
    if (!v.purpose.trim()) errors.purpose = t('common.required');
    if (duplicate && !v.reason.trim()) errors.reason = t('common.required');
    if (Object.keys(errors).length > 0 || !each) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const members = await unwrap<components['schemas']['BeneficiaryPageResponse']>(api.GET('/v1/funds/{fundId}/beneficiaries', { params: { path: { fundId }, query: { listId, limit: '1000' } } }));
      const distribution = members.beneficiaries.map((b) => ({ beneficiaryId: b.beneficiaryId, amount: each }));
      const total = (BigInt(each) * BigInt(distribution.length)).toString();
      const body = {
        amount: total, kind: 'humanitarian', component: v.component, campaignId: v.campaignId || null, purpose: v.purpose.trim(), beneficiary: t('ben.listOf', { listId }),
        needCategory: v.need, distribution, ...(certificationRef ? { certificationRef } : {}), ...(duplicate ? { overrideDuplicate: { reason: v.reason.trim() } } : {}),
      };
      try {
        const answer = await unwrap<{ disbursementId: string }>(api.POST('/v1/funds/{fundId}/disbursements', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
        setDuplicate(undefined);
        onRequested(answer.disbursementId);
        await refresh();
        return answer;
      } catch (error) {
        if (error instanceof ApiProblem && error.code === 'DUPLICATE_AID') {
          const found = error.details as unknown as Duplicate;
          // Named as the list names the household: an id alone sends the accountant to look it up.
          setDuplicate({ ...found, name: members.beneficiaries.find((b) => b.beneficiaryId === found.beneficiaryId)?.name });
        }
        throw error;
      }
    });
  };
  return (
    <Section title={t('ben.distribute')} id="distribute">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.errors.listId ?? submission.formError} success={submission.done ? t('ben.requested', { id: submission.done.disbursementId }) : undefined} />
        {duplicate ? <p className="warning" role="alert">{t('ben.duplicate', { id: duplicate.name ? `${duplicate.name} (${duplicate.beneficiaryId})` : duplicate.beneficiaryId, earlier: duplicate.earlierDisbursementId, fund: duplicate.earlierFundId, count: duplicate.duplicates })}</p> : null}
        <Choice name="need" label={t('ben.need')} value={v.need} onChange={set('need')} options={NEEDS.map((need) => ({ value: need, label: needLabel(need) }))} />
        <Field name="perHousehold" label={t('ben.perHousehold')} value={v.perHousehold} onChange={set('perHousehold')} errors={submission.errors} inputMode="numeric" isRequired />
        <Field name="purpose" label={t('ben.purpose')} value={v.purpose} onChange={set('purpose')} errors={submission.errors} isRequired />
        <Choice name="campaignId" label={t('common.campaign')} value={v.campaignId} onChange={setCampaign} errors={submission.errors}
          options={[{ value: '', label: t('common.noCampaign') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
        <Choice name="component" label={t('common.component')} value={v.component} onChange={set('component')} options={['general', 'humanitarian', 'emergency-relief'].map((c) => ({ value: c, label: componentLabel(c) }))} />
        {duplicate ? <Field name="reason" label={t('ben.overrideReason')} value={v.reason} onChange={set('reason')} errors={submission.errors} isRequired /> : null}
        <Submit pending={submission.pending} label={duplicate ? 'ben.distributeAnyway' : 'ben.distributeSend'} />
      </form>
    </Section>
  );
}

function DistributionSheet({ fundId, disbursementId, onChange, canRecord, canReturn }: {
  fundId: string; disbursementId: string; onChange: (id: string) => void; canRecord: boolean; canReturn: boolean;
}) {
  const { me } = useWorkplace();
  const refresh = useRefreshAfterWrite();
  const outbox = useOutbox(me.userId);
  const [evidence, setEvidence] = useState('');
  const [failure, setFailure] = useState<string>();
  const [correcting, setCorrecting] = useState<{ beneficiaryId: string; name: string; status: string }>();
  const [returning, setReturning] = useState<{ beneficiaryId: string; name: string; amount: string }>();
  const id = disbursementId.trim();
  const sheet = useQuery({
    queryKey: ['distribution', fundId, id],
    enabled: /^DB-\d{6,}$/.test(id),
    queryFn: () => unwrap<Sheet>(api.GET('/v1/funds/{fundId}/disbursements/{id}/distribution', { params: { path: { fundId, id } } })),
    // A request awaiting approval is read again now and then: its hand-overs open once it is approved.
    refetchInterval: (query) => (query.state.data?.status === 'requested' ? 5_000 : false),
  });
  const path = `/v1/funds/${fundId}/disbursements/${id}/handovers`;
  // The ledger records hand-overs of an approved or paid request only: none before the approval,
  // none once it is rejected or its payment reversed.
  const handsOut = sheet.data?.status === 'approved' || sheet.data?.status === 'paid';
  // Hand-overs ticked on this device that the sheet as read does not show yet (kept for the network,
  // or recorded while the sheet is read again), by beneficiary: their rows offer no second tick.
  const waiting = handoversAhead(outbox, path, sheet.data?.position);
  const record = async (beneficiaryId: string, name: string, status: string, closed = false) => {
    setFailure(undefined);
    // Ticked in the field: kept on the device with the moment of the hand-over, sent once when there is a network.
    const handedOverAt = new Date().toISOString();
    try {
      const answer = await sendThroughOutbox({
        key: newIdempotencyKey(), userId: me.userId, fundId, kind: 'handover', method: 'POST', path,
        body: { beneficiaryId, status, handedOverAt, ...(evidence.trim() ? { evidenceRef: evidence.trim() } : {}), ...(closed ? { closed: true } : {}) },
        summary: `${name} · ${t(`ben.handover.${status}` as MessageKey)}`, actedAt: handedOverAt,
      });
      if (!isQueued(answer)) await refresh();
    } catch (error) {
      setFailure(tOr(`error.${error instanceof ApiProblem ? error.code : 'generic'}`, 'error.generic'));
    }
  };
  return (
    <Section title={t('ben.sheet')} id="distribution-sheet">
      <div className="grid-form">
        <Field name="disbursementId" label={t('ben.disbursementId')} value={disbursementId} onChange={onChange} placeholder="DB-000001" />
        {canRecord ? <Field name="evidenceRef" label={t('ben.evidence')} value={evidence} onChange={setEvidence} description={t('ben.evidenceHint')} /> : null}
      </div>
      <FormMessage error={failure} />
      <LoadError error={sheet.error} />
      {sheet.data ? (
        <>
          <p>
            {t('ben.sheetOf', { id: sheet.data.disbursementId, status: statusLabel(sheet.data.status), need: needLabel(sheet.data.needCategory ?? 'other') })}
            {' · '}{t('common.position')} {sheet.data.position}
          </p>
          {/* A reversed payment gives back only what it still had out: the shares it left out and the money returned before were in the fund already. */}
          {sheet.data.status === 'requested' ? <p>{t('ben.awaitingApproval')}</p> : null}
          {sheet.data.reversal ? (
            <p>{t('ben.reversedNote', { at: formatDateTime(sheet.data.reversal.reversedAt), reason: sheet.data.reversal.reason, amount: formatMoney(sheet.data.reversal.givenBack) })}</p>
          ) : null}
          <Table caption={t('ben.sheet')} head={[t('ben.name'), t('ben.commune'), t('common.amount'), t('ben.handover'), '']} className="sheet-table">
            {sheet.data.lines.map((line) => (
              <tr key={line.beneficiaryId}>
                <th scope="row">{line.name}</th>
                <td data-label={t('ben.commune')}>{line.commune}</td>
                <td data-label={t('common.amount')}>{line.amount ? <Money value={line.amount} /> : (line.items ?? []).map((item) => `${item.quantity} ${item.unit} ${item.description}`).join('; ')}</td>
                <td data-label={t('ben.handover')}>
                  {waiting.has(line.beneficiaryId)
                    ? handoverAheadText(waiting.get(line.beneficiaryId) as HandoverAhead)
                    : line.handover
                      ? `${t(`ben.handover.${line.handover.status}` as MessageKey)}${line.handover.closed ? ` (${t('ben.closed')})` : ''} · ${formatDateTime(line.handover.handedOverAt)}`
                      : t('ben.notYet')}
                  {line.correction && !waiting.has(line.beneficiaryId) ? (
                    <small> {t('ben.correctedNote', {
                      status: t(`ben.handover.${line.correction.corrected}` as MessageKey), reason: line.correction.reason, at: formatDateTime(line.correction.correctedAt),
                    })}</small>
                  ) : null}
                  {/* Closed before the payment, the share was left out of it: its money never left the fund. */}
                  {line.withheld ? <small> {t('ben.withheldNote')}</small> : null}
                  {line.moneyReturned ? (
                    <small> {t('ben.returnedNote', {
                      amount: formatMoney(line.moneyReturned.amount), at: formatDateTime(line.moneyReturned.returnedAt), evidence: line.moneyReturned.evidenceRef,
                    })}</small>
                  ) : null}
                </td>
                <td>
                  {canRecord && handsOut && line.handover?.status !== 'received' && !line.handover?.closed && !waiting.has(line.beneficiaryId) ? (
                    <span className="actions">
                      <Button onPress={() => void record(line.beneficiaryId, line.name, 'received')} aria-label={t('ben.markReceived', { name: line.name })}>{t('ben.received')}</Button>
                      <Button onPress={() => void record(line.beneficiaryId, line.name, 'absent')} aria-label={t('ben.markAbsent', { name: line.name })}>{t('ben.absent')}</Button>
                      <Button onPress={() => void record(line.beneficiaryId, line.name, 'refused')} aria-label={t('ben.markRefused', { name: line.name })}>{t('ben.refused')}</Button>
                      {line.handover ? (
                        <Button onPress={() => void record(line.beneficiaryId, line.name, line.handover?.status ?? 'absent', true)} aria-label={t('ben.markClosed', { name: line.name })}>{t('ben.close')}</Button>
                      ) : null}
                    </span>
                  ) : null}
                  {canRecord && line.handover && !line.moneyReturned && !(line.withheld && sheet.data?.status === 'paid') && !waiting.has(line.beneficiaryId) ? (
                    <Button className="secondary" onPress={() => setCorrecting({ beneficiaryId: line.beneficiaryId, name: line.name, status: line.handover?.status ?? 'received' })}
                      aria-label={t('ben.markCorrect', { name: line.name })}>{t('ben.correct')}</Button>
                  ) : null}
                  {/* The cash of a closed share of a paid request comes back to the fund once: the accountant records it. */}
                  {canReturn && sheet.data?.status === 'paid' && line.handover?.closed && line.amount && line.amount !== '0' && !line.moneyReturned && !line.withheld ? (
                    <Button className="secondary" onPress={() => setReturning({ beneficiaryId: line.beneficiaryId, name: line.name, amount: line.amount ?? '0' })}
                      aria-label={t('ben.markReturnMoney', { name: line.name })}>{t('ben.returnMoney')}</Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
      {correcting ? <CorrectHandoverDialog fundId={fundId} disbursementId={id} share={correcting} onClose={() => setCorrecting(undefined)} /> : null}
      {returning ? <ReturnShareMoneyDialog fundId={fundId} disbursementId={id} share={returning} onClose={() => setReturning(undefined)} /> : null}
    </Section>
  );
}

/** The cash of a share closed as not delivered, given back by whoever carried it (nộp lại quỹ), recorded with its receipt voucher. */
function ReturnShareMoneyDialog({ fundId, disbursementId, share, onClose }: {
  fundId: string; disbursementId: string; share: { beneficiaryId: string; name: string; amount: string }; onClose: () => void;
}) {
  return (
    <OneFieldDialog
      title={t('ben.returnTitle', { name: share.name, amount: formatMoney(share.amount) })} help={t('ben.returnHelp')}
      field={{ name: 'evidenceRef', label: t('ben.returnEvidence') }} sendLabel="ben.returnSend" onClose={onClose}
      send={(evidenceRef, key) => unwrap(api.POST('/v1/funds/{fundId}/disbursements/{id}/handovers/{beneficiaryId}/money-returned', {
        params: { path: { fundId, id: disbursementId, beneficiaryId: share.beneficiaryId } }, headers: { 'Idempotency-Key': key }, body: { evidenceRef },
      }))}
    />
  );
}

/** A hand-over recorded in error is set aside by a correction of its own, with the reason: the earlier entry stays in the log. */
function CorrectHandoverDialog({ fundId, disbursementId, share, onClose }: {
  fundId: string; disbursementId: string; share: { beneficiaryId: string; name: string; status: string }; onClose: () => void;
}) {
  return (
    <OneFieldDialog
      title={t('ben.correctTitle', { name: share.name, status: t(`ben.handover.${share.status}` as MessageKey) })} help={t('ben.correctHelp')}
      field={{ name: 'reason', label: t('common.reason'), multiline: true }} sendLabel="ben.correctSend" onClose={onClose}
      send={(reason, key) => unwrap(api.POST('/v1/funds/{fundId}/disbursements/{id}/handovers/{beneficiaryId}/correct', {
        params: { path: { fundId, id: disbursementId, beneficiaryId: share.beneficiaryId } }, headers: { 'Idempotency-Key': key }, body: { reason },
      }))}
    />
  );
}

function CoverageReport({ fundId, listId }: { fundId: string; listId: string }) {
  const [need, setNeed] = useState('tet-gift');
  const coverage = useQuery({
    queryKey: ['coverage', fundId, listId, need],
    enabled: listId !== '',
    queryFn: () => unwrap<Coverage>(api.GET('/v1/funds/{fundId}/reports/coverage', { params: { path: { fundId }, query: { listId, need } as never } })),
  });
  const download = (format: string) => `/v1/funds/${encodeURIComponent(fundId)}/reports/coverage?listId=${encodeURIComponent(listId)}&need=${need}&format=${format}`;
  return (
    <Section title={t('ben.coverage')} id="coverage">
      <Choice name="coverageNeed" label={t('ben.need')} value={need} onChange={setNeed} options={NEEDS.map((n) => ({ value: n, label: needLabel(n) }))} />
      {listId === '' ? <p>{t('ben.pickList')}</p> : null}
      <LoadError error={coverage.error} />
      {coverage.data ? (
        <>
          <p role="status">{t('ben.coverageSummary', { received: coverage.data.receivedCount, total: coverage.data.total, missing: coverage.data.notReceivedCount })}</p>
          <p><a href={download('csv')} download>{t('ben.downloadCsv')}</a> · <a href={download('xlsx')} download>{t('ben.downloadXlsx')}</a></p>
          <Table caption={t('ben.notReceived')} head={[t('ben.name'), t('ben.village'), t('ben.status')]}>
            {coverage.data.notReceived.map((entry) => (
              <tr key={entry.beneficiaryId}><th scope="row">{entry.name}</th><td>{entry.village ?? '—'}</td><td>{t(`ben.coverage.${entry.status}` as MessageKey)}</td></tr>
            ))}
          </Table>
          <Table caption={t('ben.receivedList')} head={[t('ben.name'), t('ben.village'), t('ben.when')]}>
            {coverage.data.received.map((entry) => (
              <tr key={entry.beneficiaryId}><th scope="row">{entry.name}</th><td>{entry.village ?? '—'}</td><td>{formatDateTime(entry.handedOverAt)}</td></tr>
            ))}
          </Table>
        </>
      ) : null}
    </Section>
  );
}

function Stock({ fundId }: { fundId: string }) {
  const stock = useQuery({
    queryKey: ['stock', fundId],
    queryFn: () => unwrap<components['schemas']['StockResponse']>(api.GET('/v1/funds/{fundId}/stock', { params: { path: { fundId } } })),
  });
  if (!stock.data || stock.data.items.length === 0) return null;
  return (
    <Section title={t('ben.stock')} id="stock">
      <StockTables fundId={fundId} stock={stock.data} />
    </Section>
  );
}

function Overrides({ fundId }: { fundId: string }) {
  const overrides = useQuery({
    queryKey: ['duplicate-overrides', fundId],
    queryFn: () => unwrap<components['schemas']['DuplicateOverridesResponse']>(api.GET('/v1/funds/{fundId}/reports/duplicate-overrides', { params: { path: { fundId } } })),
  });
  if (!overrides.data || overrides.data.overrides.length === 0) return null;
  return (
    <Section title={t('ben.overrides')} id="overrides">
      <p>{t('common.position')} {overrides.data.position}</p>
      <Table caption={t('ben.overrides')} head={[t('ben.disbursementId'), t('common.reason'), t('ben.earlier'), t('ben.approvedBy')]}>
        {overrides.data.overrides.map((o) => (
          <tr key={o.disbursementId}>
            <th scope="row">{o.disbursementId}</th>
            <td>{o.reason}</td>
            <td>{o.earlier.map((e) => `${e.beneficiaryId} · ${e.disbursementId} (${e.fundId}, ${formatDate(e.requestedAt)})`).join('; ')}</td>
            <td>{o.approvers.map((approver) => approver.name ?? approver.userId).join(', ') || '—'}</td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

/** A row ticked on this device ahead of the sheet: kept for the network, or recorded and being read again. */
function handoverAheadText(ahead: HandoverAhead): string {
  const status = t(`ben.handover.${ahead.status}` as MessageKey);
  return ahead.state === 'kept' ? t('ben.handoverKept', { status }) : status;
}
