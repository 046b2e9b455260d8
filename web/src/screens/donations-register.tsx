import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Donation, Page } from '../api/types';
import { correctionInstant, formatDate, formatNumber, parseAmount, parseDate } from '../format';
import { t, type MessageKey } from '../i18n';
import { useFund, useWorkplace } from '../session';
import { LoadError, Money, pageQuery, Pager, ReadAt, Table, useCursorPages } from '../ui/bits';
import { Choice, Field } from '../ui/forms';
import { OneFieldDialog } from '../ui/one-field-dialog';
import { DonationDetail } from './donation-detail';

const PAGE_SIZE = 20;

interface Filters {
  donor: string;
  campaignId: string;
  from: string;
  to: string;
  amount: string;
}

const noFilters: Filters = { donor: '', campaignId: '', from: '', to: '', amount: '' };

/** The API's query of the filters as typed (dates dd/mm/yyyy, amounts 1.500.000). */
function queryOf(filters: Filters, cursor: string | undefined): Record<string, string> {
  return pageQuery(cursor, PAGE_SIZE, {
    donor: filters.donor.trim(),
    campaignId: filters.campaignId,
    from: parseDate(filters.from) ?? '',
    to: parseDate(filters.to) ?? '',
    amount: parseAmount(filters.amount) ?? '',
  });
}

/**
 * The receipt (biên nhận) and the thank-you letter of a donation, as PDFs the browser opens with the
 * session cookie. The ledger records the receipt as issued on an accountant's first print and marks
 * later prints "Bản sao"; an auditor's print records nothing.
 */
function ReceiptLinks({ fundId, donation }: { fundId: string; donation: Donation }) {
  const [fund, id] = [encodeURIComponent(fundId), encodeURIComponent(donation.donationId)];
  return (
    <span className="receipt-links">
      <a href={`/v1/funds/${fund}/donations/${id}/receipt.pdf`} target="_blank" rel="noopener" aria-label={`${t('register.receipt.print')} ${donation.receiptNo}`}>{t('register.receipt.print')}</a>
      {' · '}
      <a href={`/v1/funds/${fund}/donations/${id}/receipt.pdf?letter=1`} target="_blank" rel="noopener" aria-label={`${t('register.receipt.letter')} ${donation.receiptNo}`}>{t('register.receipt.letter')}</a>
    </span>
  );
}

/**
 * Every receipt of the donations received in the filtered period, one A5 page each (the ledger
 * records first prints as issued), offered once both ends of the period are given.
 */
function PeriodReceipts({ fundId, filters }: { fundId: string; filters: Filters }) {
  const from = parseDate(filters.from);
  const to = parseDate(filters.to);
  if (!from || !to) return null;
  const href = `/v1/funds/${encodeURIComponent(fundId)}/receipts.pdf?from=${from}&to=${to}`;
  return <p><a href={href} target="_blank" rel="noopener">{t('register.receiptsOfPeriod', { from: formatDate(from), to: formatDate(to) })}</a></p>;
}

/** The donations register: filters, diacritic-insensitive donor search, paging, reversal with a reason. */
export default function DonationsRegister() {
  const { fundId, has } = useWorkplace();
  const fund = useFund(fundId);
  const [draft, setDraft] = useState(noFilters);
  const [filters, setFilters] = useState(noFilters);
  const pages = useCursorPages();
  const [reversing, setReversing] = useState<Donation>();
  const [showing, setShowing] = useState<string>();
  const cursor = pages.cursor;
  const page = useQuery({
    queryKey: ['donations', fundId, filters, cursor],
    enabled: fundId !== '',
    queryFn: () => unwrap<Page<Donation>>(api.GET('/v1/funds/{fundId}/donations', { params: { path: { fundId }, query: queryOf(filters, cursor) as never } })),
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    pages.first();
    setFilters(draft);
  };
  const set = (field: keyof Filters) => (value: string) => setDraft((old) => ({ ...old, [field]: value }));
  return (
    <>
      <h1>{t('register.title')}</h1>
      <form onSubmit={search} className="filters" role="search">
        <Field name="donor" label={t('register.donor')} value={draft.donor} onChange={set('donor')} />
        <Choice name="campaignId" label={t('common.campaign')} value={draft.campaignId} onChange={set('campaignId')}
          options={[{ value: '', label: t('common.all') }, ...(fund.data?.campaigns ?? []).map((c) => ({ value: c.campaignId, label: c.name }))]} />
        <Field name="from" label={t('common.from')} value={draft.from} onChange={set('from')} placeholder="dd/mm/yyyy" />
        <Field name="to" label={t('common.to')} value={draft.to} onChange={set('to')} placeholder="dd/mm/yyyy" />
        <Field name="amount" label={t('common.amount')} value={draft.amount} onChange={set('amount')} inputMode="decimal" />
        <Button type="submit" className="primary">{t('common.search')}</Button>
      </form>
      {has('accountant') || has('auditor') ? <PeriodReceipts fundId={fundId} filters={filters} /> : null}
      <LoadError error={page.error} />
      {page.data ? (
        <>
          <p className="read-at">{t('register.count', { page: pages.cursors.length + 1 })}</p>
          {page.data.items.length === 0 ? <p>{t('common.none')}</p> : (
            <Table className="stack-table" caption={t('register.title')} head={[t('register.receipt'), t('common.date'), t('donation.donorName'), t('donation.channel'), t('common.amount'), t('common.actions')]}>
              {page.data.items.map((d) => (
                <tr key={d.donationId} className={d.reversed ? 'reversed' : ''}>
                  <th scope="row"><Button className="link" onPress={() => setShowing(d.donationId)} aria-label={t('register.showDetail', { receiptNo: d.receiptNo })}>{d.receiptNo}</Button></th>
                  <td data-label={t('common.date')}>{formatDate(d.receivedAt)}</td>
                  <td data-label={t('donation.donorName')}>{d.donor.name}{d.restriction ? <small className="tag">{d.restriction.purpose}</small> : null}{d.inKind ? <small className="tag">{formatNumber(d.inKind.quantity)} {d.inKind.unit} {d.inKind.description}</small> : null}</td>
                  <td data-label={t('donation.channel')}>{t(`channel.${d.channel}` as MessageKey)}</td>
                  <td data-label={t('common.amount')}><Money value={d.amountVnd} />{d.currency !== 'VND' ? <small className="tag"><Money value={d.amount} currency={d.currency} /></small> : null}</td>
                  <td>
                    {d.reversed ? <span>{t('register.reversed', { reason: d.reversal?.reason ?? '' })}</span>
                      : has('accountant') ? <Button className="secondary" onPress={() => setReversing(d)} aria-label={`${t('register.reverse')} ${d.receiptNo}`}>{t('register.reverse')}</Button> : null}
                    {has('accountant') || has('auditor') ? <ReceiptLinks fundId={fundId} donation={d} /> : null}
                  </td>
                </tr>
              ))}
            </Table>
          )}
          <ReadAt position={page.data.position} />
          <Pager pages={pages} next={page.data.nextCursor} />
        </>
      ) : null}
      {reversing ? <ReverseDialog fundId={fundId} entryId={reversing.donationId} label={reversing.receiptNo} onClose={() => setReversing(undefined)} /> : null}
      {showing ? <DonationDetail fundId={fundId} donationId={showing} onClose={() => setShowing(undefined)} /> : null}
    </>
  );
}

/**
 * What every reversal asks: its reason, and the business date it counts on (blank: today; an error
 * of a period not closed yet is corrected on the original entry's date, so that period is right).
 */
export function reversalForm(fundId: string, entryId: string) {
  return {
    field: { name: 'reason', label: t('common.reason'), multiline: true },
    dateField: { name: 'reversedAt', label: t('register.reversedAt'), description: t('register.reversedAtHint') },
    sendLabel: 'register.reverse' as const,
    codeFields: { ALREADY_REVERSED: 'reason', DATE_BEFORE_REQUEST: 'reversedAt', FUTURE_DATE: 'reversedAt', PERIOD_CLOSED: 'reversedAt' },
    codeMessages: { DATE_BEFORE_REQUEST: 'register.reversedBefore', FUTURE_DATE: 'register.reversedFuture' } as const,
    send: (reason: string, key: string, day: string | null) => {
      const reversedAt = day === null ? null : correctionInstant(day);
      return unwrap(api.POST('/v1/funds/{fundId}/reversals', {
        params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: { entryId, reason, ...(reversedAt === null ? {} : { reversedAt }) },
      }));
    },
  };
}

/** Reversing an entry: the ledger keeps it and adds a reversing entry with the reason. */
export function ReverseDialog({ fundId, entryId, label, onClose }: { fundId: string; entryId: string; label: string; onClose: () => void }) {
  return <OneFieldDialog title={t('register.reverseTitle', { id: label })} help={t('register.reverseHelp')} {...reversalForm(fundId, entryId)} onClose={onClose} />;
}
