import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { api } from './api/client';
import type { Role } from './api/types';
import { currentLanguage, setLanguage, t, type MessageKey } from './i18n';
import { SignIn, SignInAgain } from './screens/sign-in';
import { forgetSessionEnded, SESSION_ENDED_EVENT, sessionHasEnded } from './api/session-ended';
import { useFunds, useMe, WorkplaceContext, type Workplace } from './session';
import { useOnline, useOutbox, useOutboxSender } from './offline/use-outbox';

const Dashboard = lazy(() => import('./screens/dashboard'));
const RecordDonation = lazy(() => import('./screens/record-donation'));
const DonationsRegister = lazy(() => import('./screens/donations-register'));
const Disbursements = lazy(() => import('./screens/disbursements'));
const Approvals = lazy(() => import('./screens/approvals'));
const Emergency = lazy(() => import('./screens/emergency'));
const Audit = lazy(() => import('./screens/audit'));
const Admin = lazy(() => import('./screens/admin'));
const Campaigns = lazy(() => import('./screens/campaigns'));
const Account = lazy(() => import('./screens/account'));
const StatementImport = lazy(() => import('./screens/statement-import'));
const Reconciliation = lazy(() => import('./screens/reconciliation'));
const LateMoney = lazy(() => import('./screens/suspense'));
const Publications = lazy(() => import('./screens/publications'));
const Transfers = lazy(() => import('./screens/transfers'));
const NetworkReport = lazy(() => import('./screens/network-report'));
const Beneficiaries = lazy(() => import('./screens/beneficiaries'));
const Outbox = lazy(() => import('./screens/outbox'));

/** The screens, the roles that see each in the menu, and their address. */
const SCREENS: { path: string; label: MessageKey; roles: Role[] | 'any'; screen: () => ReactNode }[] = [
  { path: '/', label: 'nav.dashboard', roles: 'any', screen: () => <Dashboard /> },
  { path: '/quyen-gop/moi', label: 'nav.record', roles: ['accountant'], screen: () => <RecordDonation /> },
  { path: '/nhap-sao-ke', label: 'nav.import', roles: ['accountant'], screen: () => <StatementImport /> },
  { path: '/doi-chieu', label: 'nav.reconciliation', roles: ['accountant', 'auditor', 'admin'], screen: () => <Reconciliation /> },
  { path: '/tien-den-sau-han', label: 'nav.suspense', roles: ['accountant', 'approver', 'auditor', 'admin'], screen: () => <LateMoney /> },
  { path: '/quyen-gop', label: 'nav.donations', roles: 'any', screen: () => <DonationsRegister /> },
  { path: '/dot-van-dong', label: 'nav.campaigns', roles: ['accountant', 'admin'], screen: () => <Campaigns /> },
  { path: '/chi', label: 'nav.disbursements', roles: 'any', screen: () => <Disbursements /> },
  { path: '/duyet-chi', label: 'nav.approvals', roles: ['approver'], screen: () => <Approvals /> },
  { path: '/khan-cap', label: 'nav.emergency', roles: ['coordinator'], screen: () => <Emergency /> },
  { path: '/chuyen-tien', label: 'nav.transfers', roles: 'any', screen: () => <Transfers /> },
  { path: '/bao-cao-mang-luoi', label: 'nav.network', roles: ['accountant', 'approver', 'auditor'], screen: () => <NetworkReport /> },
  { path: '/cong-bo', label: 'nav.publications', roles: 'any', screen: () => <Publications /> },
  { path: '/doi-tuong', label: 'nav.beneficiaries', roles: 'any', screen: () => <Beneficiaries /> },
  { path: '/kiem-toan', label: 'nav.audit', roles: ['auditor', 'admin'], screen: () => <Audit /> },
  { path: '/quan-tri', label: 'nav.admin', roles: ['admin'], screen: () => <Admin /> },
  { path: '/cho-gui', label: 'nav.outbox', roles: 'any', screen: () => <Outbox /> },
  { path: '/tai-khoan', label: 'nav.account', roles: 'any', screen: () => <Account /> },
];

const FUND_KEY = 'ctd-fund';

export function App() {
  const [, rerender] = useState(0);
  const me = useMe();
  const toggleLanguage = () => {
    setLanguage(currentLanguage() === 'vi' ? 'en' : 'vi');
    rerender((n) => n + 1);
  };
  const languageButton = (
    <button type="button" className="link" onClick={toggleLanguage} aria-label={t('app.languageLabel')} lang={currentLanguage() === 'vi' ? 'en' : 'vi'}>
      {t('app.language')}
    </button>
  );
  if (me.isPending) return <p className="loading" role="status">{t('app.loading')}</p>;
  if (!me.data) return <SignIn languageButton={languageButton} />;
  return <SignedIn languageButton={languageButton} />;
}

function SignedIn({ languageButton }: { languageButton: ReactNode }) {
  const me = useMe().data;
  const funds = useFunds();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const [fundId, setFundId] = useState(() => localStorage.getItem(FUND_KEY) ?? '');
  const items = funds.data?.items ?? [];
  const chosen = items.some((fund) => fund.fundId === fundId) ? fundId : items[0]?.fundId ?? '';
  useEffect(() => {
    if (chosen) localStorage.setItem(FUND_KEY, chosen);
  }, [chosen]);
  const [ended, setEnded] = useState(sessionHasEnded);
  useEffect(() => {
    const onEnded = () => setEnded(true);
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
  }, []);
  const online = useOnline();
  const outbox = useOutbox(me?.userId ?? '');
  const waiting = outbox.filter((entry) => entry.state === 'waiting').length;
  const refused = outbox.filter((entry) => entry.state === 'refused').length;
  useOutboxSender(me?.userId ?? '', waiting);
  if (!me) return null;
  const workplace: Workplace = { me, fundId: chosen, has: (...roles) => roles.some((role) => me.roles.includes(role)) };
  const visible = SCREENS.filter((screen) => screen.roles === 'any' || workplace.has(...screen.roles));
  const signOut = async () => {
    await api.DELETE('/v1/session');
    forgetSessionEnded();
    setEnded(false);
    // The reads the service worker kept for offline use are this person's: they leave with them.
    // Their waiting commands stay on the device and are sent once they sign in again.
    if ('caches' in window) await caches.delete('ledger-reads');
    // Signed out: no one's data stays in the cache, and the sign-in screen shows at once.
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    client.setQueryData(['me'], null);
    navigate('/');
  };
  return (
    <WorkplaceContext.Provider value={workplace}>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        {items.length > 0 ? (
          <label className="fund-picker">
            <span>{t('app.fund')}</span>
            <select value={chosen} onChange={(event) => { setFundId(event.target.value); void client.invalidateQueries(); }}>
              {items.map((fund) => <option key={fund.fundId} value={fund.fundId}>{fund.name}</option>)}
            </select>
          </label>
        ) : null}
        {!online ? <span className="offline" role="status">{t('outbox.offlineBadge')}</span> : null}
        {waiting + refused > 0 ? (
          <Link href="/cho-gui" className="outbox-badge">
            {t('outbox.badge', { waiting, refused })}
          </Link>
        ) : null}
        <span className="who">{me.name} · {me.roles.map((role) => t(`role.${role}` as MessageKey)).join(', ')}</span>
        {languageButton}
        <button type="button" className="link" onClick={() => void signOut()}>{t('app.signOut')}</button>
      </header>
      <nav aria-label={t('app.menu')} className="menu">
        <ul>
          {visible.map((screen) => (
            <li key={screen.path}><Link href={screen.path} className={(active: boolean) => (active ? 'active' : '')}>{t(screen.label)}</Link></li>
          ))}
        </ul>
      </nav>
      {ended ? (
        <SignInAgain name={me.name} onSignOut={() => void signOut()} onBack={() => {
          forgetSessionEnded();
          setEnded(false);
          void client.invalidateQueries();
        }} />
      ) : null}
      <main id="main" tabIndex={-1}>
        {!chosen && !funds.isPending && !workplace.has('admin') ? <p>{t('app.noFund')}</p> : null}
        {/* A screen reads its fund: it opens once the fund list has said which one (never fund ""). */}
        {funds.isPending ? <p role="status">{t('app.loading')}</p> : (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <Switch>
              {visible.map((screen) => <Route key={screen.path} path={screen.path}>{screen.screen()}</Route>)}
              <Route>{SCREENS[0].screen()}</Route>
            </Switch>
          </Suspense>
        )}
      </main>
    </WorkplaceContext.Provider>
  );
}
