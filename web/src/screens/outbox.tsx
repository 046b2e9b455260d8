import { Button } from 'react-aria-components';
import { t } from '../i18n';
import { drain } from '../offline/outbox';
import { useOnline, useOutbox } from '../offline/use-outbox';
import { useWorkplace } from '../session';
import { Section } from '../ui/bits';
import { Entry } from './outbox-entry';

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
