import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { t } from '../i18n';
import { useWorkplace } from '../session';
import { Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';

/** Changing one's own password (the current one is asked for). */
export default function Account() {
  const { me } = useWorkplace();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submission = useSubmission<unknown>({}, { RATE_LIMITED: 'currentPassword' });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (next.length < 10) errors.password = t('account.new');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async () => {
      await unwrap(api.POST('/v1/users/{userId}/password', { params: { path: { userId: me.userId } }, body: { password: next, currentPassword: current } }));
      setCurrent('');
      setNext('');
      return true;
    });
  };
  return (
    <>
      <h1>{t('account.title')}</h1>
      <p>{me.name}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} success={submission.done ? t('account.changed') : undefined} />
        <Field name="currentPassword" label={t('account.current')} value={current} onChange={setCurrent} errors={submission.errors} type="password" autoComplete="current-password" isRequired />
        <Field name="password" label={t('account.new')} value={next} onChange={setNext} errors={submission.errors} type="password" autoComplete="new-password" isRequired />
        <Submit pending={submission.pending} label="account.change" />
      </form>
    </>
  );
}
