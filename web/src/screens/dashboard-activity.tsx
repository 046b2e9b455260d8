import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { ActivityLine, ImportRecord } from '../api/types';
import { formatDateTime } from '../format';
import { t, tOr } from '../i18n';
import { useWorkplace } from '../session';
import { LoadError, Money, ReadAt, Section, Table } from '../ui/bits';
import { fieldMessage } from '../ui/forms';
import { OneFieldDialog } from '../ui/one-field-dialog';

const ACTIVITY_LINES = 15;

/**
 * An event type in words; a type the catalogue does not know yet is shown as the ledger names it.
 * A transfer received or returned is said as the fund reading it sees it: its own money arriving
 * (`in`), or its money having arrived at, or come back from, the other fund (`out`).
 */
export function eventLabel(type: string, direction: 'in' | 'out' | null = null): string {
  const label = tOr(direction === 'out' ? `event.${type}.out` : `event.${type}`, 'common.none');
  return label === t('common.none') ? type : label;
}

/** The fund's latest events, newest first, with who recorded each: every staff role sees them. */
export function RecentActivity({ fundId }: { fundId: string }) {
  const activity = useQuery({
    queryKey: ['activity', fundId],
    // Read again each time the dashboard opens: what others recorded a moment ago belongs here.
    staleTime: 0,
    queryFn: () => unwrap<{ items: ActivityLine[]; position: number }>(api.GET('/v1/funds/{fundId}/activity', { params: { path: { fundId }, query: { limit: String(ACTIVITY_LINES) } as never } })),
  });
  const items = activity.data?.items ?? [];
  return (
    <Section title={t('dashboard.recent')} id="recent-activity">
      <LoadError error={activity.error} />
      {activity.data && items.length === 0 ? <p>{t('dashboard.noActivity')}</p> : null}
      {items.length > 0 ? (
        <Table caption={t('dashboard.recent')} head={[t('common.position'), t('dashboard.event'), t('dashboard.entry'), t('common.amount'), t('dashboard.who'), t('dashboard.when')]}>
          {items.map((line) => (
            <tr key={line.position}>
              <th scope="row">{line.position}</th>
              <td>{eventLabel(line.type, line.direction)}</td>
              <td>{line.receiptNo ?? line.entryId ?? '—'}</td>
              <td>{line.amount ? <Money value={line.amount} /> : '—'}</td>
              <td>{line.actor.name ?? line.actor.userId}</td>
              <td>{formatDateTime(line.recordedAt)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <ReadAt position={activity.data?.position} />
    </Section>
  );
}

/** The fund's statement imports whose answer had rejected lines or warnings (accountant, auditor, admin). */
export function useImportsToReview(fundId: string) {
  const { has } = useWorkplace();
  const imports = useQuery({
    queryKey: ['imports', fundId],
    staleTime: 0,
    enabled: has('accountant', 'auditor', 'admin'),
    queryFn: () => unwrap<{ items: ImportRecord[] }>(api.GET('/v1/funds/{fundId}/imports', { params: { path: { fundId } } })),
  });
  return { ...imports, toReview: (imports.data?.items ?? []).filter((record) => record.needsReview) };
}

/** A rejected line's reason in the current language: the ledger's code said in words, never its English message. */
function reason(line: ImportRecord['rejected'][number]): string {
  if (line.code === 'VALIDATION_FAILED') return fieldMessage(`${line.field ?? ''} ${line.message}`);
  return tOr(`error.${line.code}`, 'error.field');
}

/** The imports to look at again, each with its first rejected lines. */
export function ImportsToReview({ fundId }: { fundId: string }) {
  const { has } = useWorkplace();
  const imports = useImportsToReview(fundId);
  const [reviewing, setReviewing] = useState<ImportRecord>();
  if (!has('accountant', 'auditor', 'admin')) return null;
  return (
    <Section title={t('dashboard.importsToReview')} id="imports-to-review">
      <LoadError error={imports.error} />
      {imports.data && imports.toReview.length === 0 ? <p>{t('dashboard.noImportsToReview')}</p> : null}
      {imports.toReview.length > 0 ? (
        <Table caption={t('dashboard.importsToReview')} head={[
          t('dashboard.importedAt'), t('dashboard.account'), t('dashboard.importedBy'), t('import.imported'), t('import.rejected'), t('import.warnings'),
          ...(has('accountant') ? [t('common.actions')] : []),
        ]}>
          {imports.toReview.map((record) => (
            <tr key={`${record.importedAt}-${record.fileSha256}`}>
              <th scope="row">{formatDateTime(record.importedAt)}</th>
              <td>{record.bankAccount ?? '—'}<small className="tag"><code>{record.fileSha256.slice(0, 12)}</code></small></td>
              <td>{record.importedBy.name ?? record.importedBy.userId}</td>
              <td data-figure="imported">{record.imported}</td>
              <td data-figure="rejected">
                {record.rejectedCount}
                {record.rejected.slice(0, 3).map((line) => <small key={line.line} className="tag">{t('dashboard.firstRejected', { line: line.line, message: reason(line) })}</small>)}
                {record.complete ? null : <small className="tag">{t('dashboard.cutShort')}</small>}
              </td>
              <td>{record.warningCount}</td>
              {has('accountant') ? (
                <td>
                  <Button className="secondary" onPress={() => setReviewing(record)} aria-label={t('dashboard.reviewedLabel', { when: formatDateTime(record.importedAt) })}>
                    {t('dashboard.reviewed')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      ) : null}
      {reviewing ? <ReviewedDialog fundId={fundId} record={reviewing} onClose={() => setReviewing(undefined)} /> : null}
    </Section>
  );
}

/** The accountant says what was done about an import's rejected lines and warnings: it leaves the list, its review kept. */
function ReviewedDialog({ fundId, record, onClose }: { fundId: string; record: ImportRecord; onClose: () => void }) {
  return (
    <OneFieldDialog
      title={t('dashboard.reviewedTitle', { when: formatDateTime(record.importedAt) })} help={t('dashboard.reviewedHelp')}
      field={{ name: 'note', label: t('dashboard.reviewedNote'), multiline: true }} sendLabel="dashboard.reviewed" onClose={onClose}
      send={(note) => unwrap(api.POST('/v1/funds/{fundId}/imports/reviewed', {
        params: { path: { fundId } }, body: { importedAt: record.importedAt, fileSha256: record.fileSha256, note },
      }))}
    />
  );
}
