import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Balance, Disbursement, Page, Release } from '../api/types';
import { daysUntil, formatDate } from '../format';
import { t } from '../i18n';
import { useBalance, useFund, useWorkplace } from '../session';
import { componentLabel, LoadError, Money, ReadAt, Section, Table } from '../ui/bits';
import { ImportsToReview, RecentActivity, useImportsToReview } from './dashboard-activity';
import { ObligationsCard } from './obligations-card';

/** Everyone's first screen: the balances with the position they were read at, and what needs me now. */
export default function Dashboard() {
  const { fundId } = useWorkplace();
  if (!fundId) return <h1>{t('dashboard.title')}</h1>;
  return <FundDashboard fundId={fundId} />;
}

function FundDashboard({ fundId }: { fundId: string }) {
  const balance = useBalance(fundId);
  const fund = useFund(fundId);
  const b = balance.data;
  const campaignName = (id: string) => fund.data?.campaigns.find((c) => c.campaignId === id)?.name ?? id;
  return (
    <>
      <h1>{t('dashboard.title')}{fund.data ? ` · ${fund.data.name}` : ''}</h1>
      <LoadError error={balance.error} />
      <NeedsMe fundId={fundId} />
      <ImportsToReview fundId={fundId} />
      <ObligationsCard fundId={fundId} />
      {b ? (
        <>
          <dl className="figures" aria-label={t('dashboard.title')}>
            <div><dt>{t('dashboard.available')}</dt><dd data-figure="available"><Money value={b.available} /></dd></div>
            <div><dt>{t('dashboard.received')}</dt><dd><Money value={b.received} /></dd></div>
            <div><dt>{t('dashboard.disbursed')}</dt><dd><Money value={b.disbursed} /></dd></div>
            <div><dt>{t('dashboard.held')}</dt><dd><Money value={b.held} /></dd></div>
            <div><dt>{t('dashboard.outstanding')}</dt><dd><Money value={b.outstandingEmergency} /></dd></div>
            {/* Money between chapters, shown once the fund has any (README, "Between chapters"). */}
            {([['inTransitOut', b.inTransitOut], ['inTransitIn', b.inTransitIn], ['transferredOut', b.transferredOut], ['transferredIn', b.transferredIn], ['fxDifference', b.fxDifference]] as const)
              .filter(([, value]) => value !== undefined && value !== '0')
              .map(([key, value]) => <div key={key}><dt>{t(`dashboard.${key}`)}</dt><dd data-figure={key}><Money value={value} /></dd></div>)}
          </dl>
          <ReadAt position={b.asOfPosition} />
          <Section title={t('dashboard.byComponent')} id="by-component">
            <Table caption={t('dashboard.byComponent')} head={[t('common.component'), t('dashboard.received'), t('dashboard.disbursed'), t('dashboard.available')]}>
              {Object.entries(b.byComponent).map(([component, f]) => (
                <tr key={component}><th scope="row">{componentLabel(component)}</th><td><Money value={f.received} /></td><td><Money value={f.disbursed} /></td><td><Money value={f.available} /></td></tr>
              ))}
            </Table>
          </Section>
          {b.restricted.length > 0 ? (
            <Section title={t('dashboard.restricted')} id="restricted">
              <RestrictedPools balance={b} campaignName={campaignName} />
            </Section>
          ) : null}
          {Object.keys(b.byCampaign).length > 0 ? (
            <Section title={t('dashboard.byCampaign')} id="by-campaign">
              {/* What is held for requests and released not yet settled is out of "available": shown, the row adds up as the public card's "Còn lại" does. */}
              <Table caption={t('dashboard.byCampaign')} head={[t('common.campaign'), t('dashboard.received'), t('dashboard.disbursed'), t('dashboard.held'), t('dashboard.outstanding'), t('dashboard.available')]}>
                {Object.entries(b.byCampaign).map(([id, f]) => (
                  <tr key={id}>
                    <th scope="row">{campaignName(id)}</th><td><Money value={f.received} /></td><td><Money value={f.disbursed} /></td>
                    <td><Money value={f.held} /></td><td><Money value={f.outstandingEmergency} /></td><td><Money value={f.available} /></td>
                  </tr>
                ))}
              </Table>
            </Section>
          ) : null}
        </>
      ) : null}
      <RecentActivity fundId={fundId} />
    </>
  );
}

/** Approvals waiting for me (never my own requests), my open and overdue releases, campaign deadlines. */
function NeedsMe({ fundId }: { fundId: string }) {
  const { me, has } = useWorkplace();
  const fund = useFund(fundId);
  const waiting = useQuery({
    queryKey: ['disbursements', fundId, 'requested'],
    enabled: has('approver'),
    queryFn: () => unwrap<Page<Disbursement>>(api.GET('/v1/funds/{fundId}/disbursements', { params: { path: { fundId }, query: { status: 'requested' } as never } })),
  });
  const releases = useQuery({
    queryKey: ['releases', fundId, 'open', me.userId],
    enabled: has('coordinator'),
    // Only mine, as many as one read takes: a fund's other releases never push mine off the page.
    queryFn: () => unwrap<Page<Release>>(api.GET('/v1/funds/{fundId}/emergency-releases', {
      params: { path: { fundId }, query: { status: 'open', releasedBy: me.userId, limit: '1000' } as never },
    })),
  });
  const imports = useImportsToReview(fundId);
  const forMe = (waiting.data?.items ?? []).filter((d) => d.requestedBy !== me.userId).length;
  const mine = (releases.data?.items ?? []).filter((r) => r.releasedBy === me.userId);
  const overdue = mine.filter((r) => r.overdue).length;
  const soon = (fund.data?.campaigns ?? []).filter((c) => !c.closedAt && daysUntil(c.receiveUntil) >= 0 && daysUntil(c.receiveUntil) <= 14);
  const lines: string[] = [];
  if (forMe > 0) lines.push(t('dashboard.approvalsWaiting', { count: forMe }));
  if (mine.length > 0) lines.push(t('dashboard.myOpenReleases', { count: mine.length }));
  if (overdue > 0) lines.push(t('dashboard.myOverdue', { count: overdue }));
  if (has('accountant') && imports.toReview.length > 0) lines.push(t('dashboard.importsWaiting', { count: imports.toReview.length }));
  for (const campaign of soon) lines.push(t('dashboard.campaignDeadlines', { name: campaign.name, date: formatDate(campaign.receiveUntil) }));
  return (
    <Section title={t('dashboard.needsMe')} id="needs-me">
      {lines.length === 0 ? <p>{t('dashboard.nothing')}</p> : <ul className="needs-me">{lines.map((line) => <li key={line}>{line}</li>)}</ul>}
    </Section>
  );
}

/**
 * The money a donor or a campaign set apart, pool by pool: with the unrestricted money of each
 * component (byComponent) it makes up what the fund holds, so the two tables add up to the headline.
 */
export function RestrictedPools({ balance, campaignName }: { balance: Balance; campaignName: (campaignId: string) => string }) {
  return (
    <Table caption={t('dashboard.restricted')} head={[t('dashboard.pool'), t('common.component'), t('dashboard.received'), t('dashboard.available')]}>
      {balance.restricted.map((pool) => (
        <tr key={pool.restrictionId}><th scope="row">{pool.purpose ?? (pool.campaignId ? campaignName(pool.campaignId) : pool.restrictionId)}</th><td>{componentLabel(pool.component)}</td><td><Money value={pool.received} /></td><td><Money value={pool.available} /></td></tr>
      ))}
    </Table>
  );
}
