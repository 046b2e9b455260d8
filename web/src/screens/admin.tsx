import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Role, User } from '../api/types';
import { t, type MessageKey } from '../i18n';
import { useRefreshAfterWrite, useWorkplace } from '../session';
import { LoadError, Section, Table } from '../ui/bits';
import { Check, errorsOf, Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';
import { Periods, PolicyHistory } from './admin-fund-rules';
import { PolicyForm } from './admin-policy';
import { Devices } from './admin-devices';

const ROLES: Role[] = ['accountant', 'approver', 'coordinator', 'auditor', 'admin'];

/** The admin's screen: funds, users (roles, initial password, deactivate, new token), policy as a new version. */
export default function Admin() {
  const { fundId } = useWorkplace();
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <Users />
      {fundId ? <PolicyForm fundId={fundId} /> : null}
      {fundId ? <PolicyHistory fundId={fundId} /> : null}
      {fundId ? <Periods fundId={fundId} /> : null}
      <OpenFund />
    </>
  );
}

function OpenFund() {
  const refresh = useRefreshAfterWrite();
  const [v, setV] = useState({ fundId: '', name: '', chapter: '' });
  const submission = useSubmission<unknown>({}, { CONFLICT: 'fundId', ALREADY_EXISTS: 'fundId', INVALID_STATE: 'fundId' });
  const set = (field: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await submission.submit(async (key) => {
      const body = { fundId: v.fundId.trim(), name: v.name.trim(), chapter: v.chapter.trim() || null };
      const answer = await unwrap(api.POST('/v1/funds', { headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      setV({ fundId: '', name: '', chapter: '' });
      return answer;
    });
  };
  return (
    <Section title={t('admin.openFund')} id="open-fund">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <FormMessage error={submission.formError} success={submission.done ? t('common.saved') : undefined} />
        <Field name="fundId" label={t('admin.fundId')} value={v.fundId} onChange={set('fundId')} errors={submission.errors} isRequired placeholder="ctd-quan-1" />
        <Field name="name" label={t('admin.fundName')} value={v.name} onChange={set('name')} errors={submission.errors} isRequired />
        <Field name="chapter" label={t('admin.chapter')} value={v.chapter} onChange={set('chapter')} errors={submission.errors} />
        <Submit pending={submission.pending} label="admin.openFund" />
      </form>
    </Section>
  );
}

function Users() {
  const refresh = useRefreshAfterWrite();
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap<{ users: User[] }>(api.GET('/v1/users')) });
  const [token, setToken] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [devicesOf, setDevicesOf] = useState<User>();
  const [passwordOf, setPasswordOf] = useState<User>();
  const [problem, setProblem] = useState<string>();
  const rotate = async (user: User) => {
    const answer = await unwrap<{ token?: string }>(api.POST('/v1/users/{userId}/token', { params: { path: { userId: user.userId } } }));
    setNotice(undefined);
    setToken(t('admin.token', { name: user.name, token: answer.token ?? '' }));
  };
  const revoke = async (user: User) => {
    await unwrap(api.DELETE('/v1/users/{userId}/token', { params: { path: { userId: user.userId } } }));
    setToken(undefined);
    setNotice(t('admin.revoked', { name: user.name }));
  };
  const deactivate = async (user: User) => {
    setProblem(undefined);
    try {
      await unwrap(api.DELETE('/v1/users/{userId}', { params: { path: { userId: user.userId } } }));
    } catch (error) {
      // The last active admin, say: the ledger's reason, beside the list.
      setProblem(errorsOf(error).form ?? t('error.generic'));
      return;
    }
    await refresh();
  };
  return (
    <Section title={t('admin.users')} id="users">
      <LoadError error={users.error} />
      {token ? <p role="status" className="form-success"><code>{token}</code></p> : null}
      {notice ? <p role="status" className="form-success">{notice}</p> : null}
      <FormMessage error={problem} />
      {users.data ? (
        <Table caption={t('admin.users')} head={[t('admin.userName'), t('admin.roles'), t('common.status'), t('common.actions')]}>
          {users.data.users.map((user) => (
            <tr key={user.userId}>
              <th scope="row">{user.name}</th>
              <td>{user.roles.map((role) => t(`role.${role}` as MessageKey)).join(', ')}</td>
              <td>{user.active ? t('admin.active') : t('admin.inactive')}</td>
              <td>
                {user.active ? (
                  <div className="buttons">
                    <Button className="secondary" onPress={() => void rotate(user)} aria-label={`${t('admin.rotate')}: ${user.name}`}>{t('admin.rotate')}</Button>
                    <Button className="secondary" onPress={() => void revoke(user)} aria-label={`${t('admin.revoke')}: ${user.name}`}>{t('admin.revoke')}</Button>
                    <Button className="secondary" onPress={() => void deactivate(user)} aria-label={`${t('admin.deactivate')}: ${user.name}`}>{t('admin.deactivate')}</Button>
                    <Button className="secondary" onPress={() => setDevicesOf(user)} aria-label={`${t('admin.showDevices')}: ${user.name}`}>{t('admin.showDevices')}</Button>
                    <Button className="secondary" onPress={() => setPasswordOf(user)} aria-label={`${t('admin.setPassword')}: ${user.name}`}>{t('admin.setPassword')}</Button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {devicesOf ? <Devices key={devicesOf.userId} user={devicesOf} /> : null}
      {passwordOf ? <SetPassword key={passwordOf.userId} user={passwordOf} /> : null}
      <AddUser />
    </Section>
  );
}

/** A person who forgot their password gets a new one from the admin. */
function SetPassword({ user }: { user: User }) {
  const [password, setPassword] = useState('');
  const submission = useSubmission<{ name: string }>({}, {});
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10 || password.length > 200) return submission.setErrors({ password: t('admin.passwordRule') });
    await submission.submit(async () => {
      await unwrap(api.POST('/v1/users/{userId}/password', { params: { path: { userId: user.userId } }, body: { password } }));
      setPassword('');
      return { name: user.name };
    });
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={`${t('admin.setPassword')}: ${user.name}`}>
      <h3>{t('admin.setPassword')}: {user.name}</h3>
      <FormMessage error={submission.formError} success={submission.done ? t('admin.passwordSet', { name: submission.done.name }) : undefined} />
      <Field name="password" label={t('admin.newPassword')} value={password} onChange={setPassword} errors={submission.errors} type="password" autoComplete="new-password" isRequired />
      <Submit pending={submission.pending} label="admin.setPassword" />
    </form>
  );
}

function AddUser() {
  const refresh = useRefreshAfterWrite();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['accountant']);
  const [password, setPassword] = useState('');
  const submission = useSubmission<{ name: string }>({}, {});
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!name.trim()) errors.name = t('common.required');
    if (password.length < 10 || password.length > 200) errors.password = t('admin.passwordRule');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const user = await unwrap<{ userId: string; name: string }>(api.POST('/v1/users', { headers: { 'Idempotency-Key': key }, body: { name: name.trim(), roles } }));
      await unwrap(api.POST('/v1/users/{userId}/password', { params: { path: { userId: user.userId } }, body: { password } }));
      await refresh();
      setName('');
      setPassword('');
      return user;
    });
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('admin.addUser')}>
      <h3>{t('admin.addUser')}</h3>
      <FormMessage error={submission.formError} success={submission.done ? t('admin.userAdded', { name: submission.done.name }) : undefined} />
      <Field name="name" label={t('admin.userName')} value={name} onChange={setName} errors={submission.errors} isRequired />
      <fieldset>
        <legend>{t('admin.roles')}</legend>
        {ROLES.map((role) => (
          <Check key={role} name={`role-${role}`} label={t(`role.${role}` as MessageKey)} checked={roles.includes(role)}
            onChange={(on) => setRoles((old) => (on ? [...old, role] : old.filter((r) => r !== role)))} />
        ))}
      </fieldset>
      <Field name="password" label={t('admin.initialPassword')} value={password} onChange={setPassword} errors={submission.errors} type="password" autoComplete="new-password" isRequired />
      <Submit pending={submission.pending} label="admin.addUser" />
    </form>
  );
}
