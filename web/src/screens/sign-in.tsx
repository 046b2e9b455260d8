import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiProblem, unwrap } from '../api/client';
import { t } from '../i18n';
import { Field, FormMessage, Submit, useSubmission } from '../ui/forms';

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
      try {
        const user = await unwrap(api.POST('/v1/session', { body: { name: name.trim(), password } }));
        await client.invalidateQueries();
        return user;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) setWrong(t('signIn.wrong'));
        else if (error instanceof ApiProblem && error.status === 429) setWrong(t('signIn.locked', { seconds: Number(error.details.retryAfterSeconds ?? 900) }));
        else throw error;
        return undefined;
      }
    });
  };
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-top">{languageButton}</div>
      <h1>{t('app.title')}</h1>
      <h2>{t('signIn.title')}</h2>
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
