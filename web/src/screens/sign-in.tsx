import { useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiProblem, unwrap } from '../api/client';
import { t } from '../i18n';
import { endedNotice, forgetEndedNotice, watchWaitingCount } from '../offline/outbox';
import { useOutbox } from '../offline/use-outbox';
import { Entry } from './outbox-entry';
import { Field, FormMessage, Submit, useSubmission } from '../ui/forms';

/**
 * Signs in: the ledger answers with its httpOnly session cookie. A refusal is said through `say`
 * (`wrong` for a wrong name or password, the wait after too many), and answers undefined.
 */
async function signInAs(name: string, password: string, wrong: string, say: (text: string) => void): Promise<unknown> {
  try {
    return await unwrap(api.POST('/v1/session', { body: { name, password } }));
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) say(wrong);
    else if (error instanceof ApiProblem && error.status === 429) say(t('signIn.locked', { seconds: Number(error.details.retryAfterSeconds ?? 900) }));
    else throw error;
    return undefined;
  }
}

/** Sign-in with name and password: the ledger answers with its httpOnly session cookie. */
export function SignIn({ languageButton }: { languageButton: ReactNode }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submission = useSubmission<unknown>();
  const [wrong, setWrong] = useState<string>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setWrong(undefined);
    await submission.submit(async () => {
      const user = await signInAs(name.trim(), password, t('signIn.wrong'), setWrong);
      if (user === undefined) return undefined;
      forgetEndedNotice();
      await client.invalidateQueries();
      return user;
    });
  };
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-top">{languageButton}</div>
      <h1>{t('app.title')}</h1>
      <h2>{t('signIn.title')}</h2>
      <EndedFromElsewhere />
      <WaitingOnThisDevice />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormMessage error={wrong ?? submission.formError} />
        <Field name="name" label={t('signIn.name')} value={name} onChange={setName} autoComplete="username" isRequired errors={submission.errors} />
        <Field name="password" label={t('signIn.password')} value={password} onChange={setPassword} type="password" autoComplete="current-password" isRequired errors={submission.errors} />
        <Submit pending={submission.pending} label="signIn.submit" />
      </form>
      <p className="hint">{t('signIn.firstTime')}</p>
    </main>
  );
}

/**
 * A session that ended under the person signed in on this page (idle too long, the server
 * restarted, signed out in another tab): their password, here, over the page they were on, so
 * that what they typed stays; they send their form again once back. Not dismissable: signing out
 * is the other way on.
 */
export function SignInAgain({ name, onBack, onSignOut }: { name: string; onBack: () => void; onSignOut: () => void }) {
  const [password, setPassword] = useState('');
  const submission = useSubmission<unknown>();
  const [wrong, setWrong] = useState<string>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setWrong(undefined);
    if (password === '') return submission.setErrors({ password: t('common.required') });
    await submission.submit(async () => {
      const user = await signInAs(name, password, t('session.wrongPassword'), setWrong);
      if (user !== undefined) onBack();
      return user;
    });
  };
  return (
    <Modal isOpen isDismissable={false} className="modal">
      <Dialog>
        <Heading slot="title">{t('session.endedTitle')}</Heading>
        <p>{t('session.endedHelp', { name })}</p>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <FormMessage error={wrong ?? submission.formError} />
          <Field name="password" label={t('signIn.password')} value={password} onChange={setPassword} type="password" autoComplete="current-password" isRequired errors={submission.errors} />
          <div className="buttons">
            <Submit pending={submission.pending} label="signIn.submit" />
            <Button className="secondary" onPress={onSignOut}>{t('app.signOut')}</Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}

/**
 * Why the session ended when it was ended from elsewhere. A deactivated person cannot sign in
 * again to read "Chờ gửi": their commands are listed here, refused or recorded. A signed-out
 * device lists nothing before its person signs in again (a lost phone's finder reads nothing).
 */
function EndedFromElsewhere() {
  const [notice] = useState(endedNotice);
  const entries = useOutbox(notice?.reason === 'user-deactivated' ? notice.userId : '');
  if (!notice) return null;
  return (
    <div role="alert" className="warning">
      <p>{notice.reason === 'user-deactivated' ? t('signIn.deactivated') : t('signIn.signedOut')}</p>
      {entries.length > 0 ? <ul className="cards">{entries.map((entry) => <li key={entry.key}><Entry entry={entry} /></li>)}</ul> : null}
    </div>
  );
}

/**
 * Commands still waiting on this device, whoever made them: a session ended by a new password
 * (or expired) leaves them kept, and they go once their person signs in again. Said so that
 * nobody takes them for lost and records them a second time; what and whose is not said to
 * whoever holds the phone.
 */
function WaitingOnThisDevice() {
  const [count, setCount] = useState(0);
  useEffect(() => watchWaitingCount(setCount), []);
  if (count === 0) return null;
  return <div role="status" className="caution"><p>{t('signIn.waiting', { count })}</p></div>;
}
