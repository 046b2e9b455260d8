import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { User } from '../api/types';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { LoadError, Section, Table } from '../ui/bits';

interface DeviceSession {
  sessionId: string;
  device: string;
  startedAt: string;
  lastUsedAt: string;
}

/**
 * The devices a person is signed in on, for the admin: a lost phone is signed out here; what it
 * still had waiting to send is then refused when it arrives, and listed as such on the phone.
 */
export function Devices({ user }: { user: User }) {
  const client = useQueryClient();
  const [notice, setNotice] = useState<string>();
  const devices = useQuery({
    queryKey: ['devices', user.userId],
    queryFn: () => unwrap<{ items: DeviceSession[] }>(api.GET('/v1/users/{userId}/sessions', { params: { path: { userId: user.userId } } })),
  });
  const signOut = async (session: DeviceSession) => {
    await unwrap(api.DELETE('/v1/users/{userId}/sessions/{sessionId}', { params: { path: { userId: user.userId, sessionId: session.sessionId } } }));
    setNotice(t('admin.deviceSignedOut'));
    await client.invalidateQueries({ queryKey: ['devices', user.userId] });
  };
  return (
    <Section title={t('admin.devicesOf', { name: user.name })} id="devices">
      <LoadError error={devices.error} />
      {notice ? <p role="status" className="form-success">{notice}</p> : null}
      {devices.data && devices.data.items.length === 0 ? <p>{t('common.none')}</p> : null}
      {devices.data && devices.data.items.length > 0 ? (
        <Table caption={t('admin.devicesOf', { name: user.name })} head={[t('admin.device'), t('admin.deviceStarted'), t('admin.deviceUsed'), t('common.actions')]}>
          {devices.data.items.map((session) => (
            <tr key={session.sessionId}>
              <th scope="row">{session.device || '—'}</th>
              <td>{formatDateTime(session.startedAt)}</td>
              <td>{formatDateTime(session.lastUsedAt)}</td>
              <td>
                <Button className="secondary" onPress={() => void signOut(session)} aria-label={`${t('admin.deviceSignOut')}: ${session.device}`}>
                  {t('admin.deviceSignOut')}
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}
