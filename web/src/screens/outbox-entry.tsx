import { Button } from 'react-aria-components';
import { formatDateTime } from '../format';
import { catalogueKeys, t, tOr } from '../i18n';
import { dismiss, type OutboxEntry } from '../offline/outbox';
import { refusalKeys } from '../offline/refusal';

/**
 * One thing the device kept to send: what the person did and when, whether it went through, and
 * for a refusal why and what to do. Shown on "Chờ gửi" and on the sign-in screen (what a phone
 * still holds for a person whose session ended).
 */
export function Entry({ entry }: { entry: OutboxEntry }) {
  const refusal = refusalKeys(entry, catalogueKeys.vi);
  return (
    <article className="card" aria-label={`${t(`outbox.kind.${entry.kind}`)}: ${entry.summary}`}>
      <h3>{t(`outbox.kind.${entry.kind}`)} · {entry.summary}</h3>
      <p>{t('outbox.actedAt', { time: formatDateTime(entry.actedAt) })}{entry.sentAt ? ` · ${t('outbox.sentAt', { time: formatDateTime(entry.sentAt) })}` : ''}</p>
      {entry.state === 'waiting' && entry.attempts > 0 ? <p>{t('outbox.attempts', { count: entry.attempts })}</p> : null}
      {entry.state === 'sent' ? <p className="success">{t('outbox.recorded', { id: recordedId(entry) })}</p> : null}
      {refusal ? (
        <div role="alert" className="warning">
          <p>{tOr(refusal.message, 'error.generic')}</p>
          <p>{tOr(refusal.todo, 'outbox.todo.other')}</p>
        </div>
      ) : null}
      {entry.state !== 'waiting' && entry.seq !== undefined ? (
        <Button className="secondary" onPress={() => void dismiss(entry.seq as number)}>{t('outbox.dismiss')}</Button>
      ) : null}
    </article>
  );
}

/** The id the ledger gave the command's entry (a release, a settlement's release, a hand-over). */
function recordedId(entry: OutboxEntry): string {
  const answer = entry.answer ?? {};
  for (const field of ['releaseId', 'handoverId', 'distributionId', 'id']) if (typeof answer[field] === 'string') return answer[field] as string;
  return typeof answer.position === 'number' ? `#${answer.position}` : '';
}
