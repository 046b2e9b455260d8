import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Role, User } from '../api/types';
import { formatDate, parseAmount, parseDate, todayShown } from '../format';
import { t, type MessageKey } from '../i18n';
import { useFund, useRefreshAfterWrite, useWorkplace } from '../session';
import { LoadError, Money, Section, Table } from '../ui/bits';
import { Check, Choice, errorsOf, Field, FormMessage, Submit, useSubmission, type Errors } from '../ui/forms';
import { Periods, PolicyHistory } from './admin-fund-rules';
import { PolicyForm } from './admin-policy';
import { Devices } from './admin-devices';

const ROLES: Role[] = ['accountant', 'approver', 'coordinator', 'auditor', 'admin'];
const CAMPAIGN_KINDS = ['humanitarian_month', 'disaster', 'tet', 'other'] as const;

/** The admin's screen: funds, users (roles, initial password, deactivate, new token), policy as a new version, campaigns. */
export default function Admin() {
  const { fundId } = useWorkplace();
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <Users />
      {fundId ? <PolicyForm fundId={fundId} /> : null}
      {fundId ? <PolicyHistory fundId={fundId} /> : null}
      {fundId ? <Periods fundId={fundId} /> : null}
      {fundId ? <Campaigns fundId={fundId} /> : null}
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

function Campaigns({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const blank = { campaignId: '', name: '', kind: 'humanitarian_month', receiveFrom: todayShown(), receiveUntil: '', distributeUntil: '', bankAccount: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<unknown>(
    { receiveUntil: 'receiveUntil', distributeUntil: 'distributeUntil', bankAccount: 'bankAccount' },
    { CONFLICT: 'campaignId', INVALID_STATE: 'campaignId', CAMPAIGN_WINDOW_EXCEEDED: 'receiveUntil', INVALID_CAMPAIGN_WINDOW: 'receiveUntil' },
  );
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const close = async (campaignId: string) => {
    await unwrap(api.POST('/v1/funds/{fundId}/campaigns/{campaignId}/close', { params: { path: { fundId, campaignId } } }));
    await refresh();
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const from = parseDate(v.receiveFrom);
    const until = parseDate(v.receiveUntil);
    // Optional: left empty, a disaster campaign's deadline is the ledger's (20 days after receiving ends), another's none.
    const distributeUntil = v.distributeUntil.trim() === '' ? null : parseDate(v.distributeUntil);
    const errors: Errors = {};
    if (!from) errors.receiveFrom = t('common.badDate');
    if (!until) errors.receiveUntil = t('common.badDate');
    if (distributeUntil === null && v.distributeUntil.trim() !== '') errors.distributeUntil = t('common.badDate');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = {
        campaignId: v.campaignId.trim(), name: v.name.trim(), kind: v.kind, receiveFrom: `${from}T00:00:00+07:00`, receiveUntil: `${until}T23:59:59+07:00`,
        distributeUntil: distributeUntil === null ? null : `${distributeUntil}T23:59:59+07:00`, bankAccount: v.bankAccount.trim() || null,
      };
      const answer = await unwrap(api.POST('/v1/funds/{fundId}/campaigns', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      return answer;
    });
  };
  return (
    <Section title={t('admin.campaigns')} id="campaigns">
      {(fund.data?.campaigns ?? []).length > 0 ? (
        <Table caption={t('admin.campaigns')} head={[t('admin.campaignName'), t('admin.campaignKind'), t('admin.receiveUntil'), t('admin.distributeUntil'), t('admin.bankAccount'), t('common.actions')]}>
          {(fund.data?.campaigns ?? []).map((c) => (
            <tr key={c.campaignId}>
              <th scope="row">{c.name}</th>
              <td>{t(`campaignKind.${c.kind}` as MessageKey)}</td>
              <td>{formatDate(c.receiveUntil)}</td>
              <td>{c.distributeUntil ? formatDate(c.distributeUntil) : '–'}</td>
              <td>{c.bankAccount ?? '–'}</td>
              <td>{c.closedAt ? t('admin.closed') : <Button className="secondary" onPress={() => void close(c.campaignId)} aria-label={`${t('admin.closeCampaign')}: ${c.name}`}>{t('admin.closeCampaign')}</Button>}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('admin.openCampaign')}>
        <FormMessage error={submission.formError} success={submission.done ? t('common.saved') : undefined} />
        <Field name="campaignId" label={t('admin.campaignId')} value={v.campaignId} onChange={set('campaignId')} errors={submission.errors} isRequired placeholder="thang-nhan-dao-2026" />
        <Field name="name" label={t('admin.campaignName')} value={v.name} onChange={set('name')} errors={submission.errors} isRequired />
        <Choice name="kind" label={t('admin.campaignKind')} value={v.kind} onChange={set('kind')} errors={submission.errors}
          options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`campaignKind.${k}` as MessageKey) }))} />
        <Field name="receiveFrom" label={t('admin.receiveFrom')} value={v.receiveFrom} onChange={set('receiveFrom')} errors={submission.errors} isRequired placeholder="dd/mm/yyyy" />
        <Field name="receiveUntil" label={t('admin.receiveUntil')} value={v.receiveUntil} onChange={set('receiveUntil')} errors={submission.errors} isRequired placeholder="dd/mm/yyyy" />
        <Field name="distributeUntil" label={t('admin.distributeUntil')} description={t('admin.distributeUntilHint')} value={v.distributeUntil} onChange={set('distributeUntil')} errors={submission.errors} placeholder="dd/mm/yyyy" />
        <Field name="bankAccount" label={t('admin.bankAccount')} description={t('admin.bankAccountHint')} value={v.bankAccount} onChange={set('bankAccount')} errors={submission.errors} inputMode="numeric" />
        <Submit pending={submission.pending} label="admin.openCampaign" />
      </form>
    </Section>
  );
}
