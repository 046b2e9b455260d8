import { Button } from 'react-aria-components';
import { formatDateTime } from '../format';
import { catalogueKeys, t, tOr } from '../i18n';
import { dismiss, drain, type OutboxEntry } from '../offline/outbox';
import { refusalKeys } from '../offline/refusal';
import { useOnline, useOutbox } from '../offline/use-outbox';
import { useWorkplace } from '../session';
import { Section } from '../ui/bits';

/**
 * "Chờ gửi": what this device still has to send, what went through and what the ledger refused,
 * each with when the person acted; a refusal says why and what to do. Nothing leaves the list by
 * itself but what was sent; the person dismisses a refusal once they have dealt with it.
 */
export default function Outbox() {
  const { me } = useWorkplace();
  const entries = useOutbox(me.userId);
  const online = useOnline();
  const waiting = entries.filter((entry) => entry.state === 'waiting');
  const refused = entries.filter((entry) => entry.state === 'refused');
  const sent = entries.filter((entry) => entry.state === 'sent');
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p>{online ? t('outbox.online') : t('outbox.offline')}</p>
      <Section title={t('outbox.waiting', { count: waiting.length })} id="outbox-waiting">
        {waiting.length === 0 ? <p>{t('common.none')}</p> : (
          <>
            <ul className="cards">{waiting.map((entry) => <li key={entry.key}><Entry entry={entry} /></li>)}</ul>
            <Button className="primary" onPress={() => void drain(me.userId)}>{t('outbox.sendNow')}</Button>
          </>
        )}
      </Section>
      <Section title={t('outbox.refused', { count: refused.length })} id="outbox-refused">
        {refused.length === 0 ? <p>{t('common.none')}</p> : <ul className="cards">{refused.map((entry) => <li key={entry.key}><Entry entry={entry} /></li>)}</ul>}
      </Section>
      <Section title={t('outbox.sent', { count: sent.length })} id="outbox-sent">
        {sent.length === 0 ? <p>{t('common.none')}</p> : <ul className="cards">{sent.map((entry) => <li key={entry.key}><Entry entry={entry} /></li>)}</ul>}
      </Section>
    </>
  );
}

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
