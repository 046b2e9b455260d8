import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedRoutes, type RouteKey } from '../security/app-routes';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Issue 14: every capability of the ledger has its screen. Each route of the OpenAPI document is
 * listed here with the staff app's or the public site's files that call it, or with the reason it
 * has none (a machine's route, the CLI's). A new route fails this test until it is given a screen or a
 * reason; a file named here must really call its route (typed client `api.GET('/v1/…')`, or a link,
 * download or upload of the same path), so a screen that stops using a route fails too.
 */
type Way = { screens: string[] } | { none: string };

const SCREENS = 'web/src/screens';
const at = (...files: string[]): Way => ({ screens: files.map((file) => (file.includes('/') ? file : `${SCREENS}/${file}`)) });

export const ROUTE_SCREENS: Record<RouteKey, Way> = {
  'POST /v1/session': at('sign-in.tsx'),
  'DELETE /v1/session': at('web/src/app.tsx'),
  'POST /v1/setup': at('src/http/pages/setup.page.ts'),
  'GET /setup': { none: 'The setup page itself: the server serves it (src/http/pages/setup.page.ts) from the start-up banner\'s link, before anyone can sign in to the app' },
  'GET /v1/me': at('web/src/session.ts'),
  'GET /v1/funds': at('web/src/session.ts'),
  'POST /v1/funds': at('admin.tsx'),
  'GET /v1/funds/:fundId': at('web/src/session.ts'),
  'GET /v1/funds/:fundId/balance': at('web/src/session.ts', 'audit.tsx'),
  'PUT /v1/funds/:fundId/policy': at('admin-policy.tsx'),
  'GET /v1/funds/:fundId/policy/history': at('admin-fund-rules.tsx'),
  'POST /v1/funds/:fundId/periods/:period/close': at('admin-fund-rules.tsx'),
  'GET /v1/funds/:fundId/management-cost': at('management-cost.tsx'),
  'POST /v1/funds/:fundId/campaigns': at('campaigns.tsx'),
  'POST /v1/funds/:fundId/campaigns/:campaignId/close': at('campaigns.tsx'),
  'GET /v1/funds/:fundId/activity': at('dashboard-activity.tsx'),
  'GET /v1/funds/:fundId/imports': at('dashboard-activity.tsx'),
  'POST /v1/funds/:fundId/imports/reviewed': at('dashboard-activity.tsx'),
  'POST /v1/funds/:fundId/imports': at('statement-import.tsx'),
  'GET /v1/funds/:fundId/statements': at('reconciliation.tsx'),
  'GET /v1/funds/:fundId/statement-lines': at('reconciliation.tsx'),
  'GET /v1/funds/:fundId/bank-accounts/:account/reconciliation': at('reconciliation.tsx'),
  'POST /v1/funds/:fundId/statement-lines/:lineId/classify': at('reconciliation.tsx'),
  'GET /v1/funds/:fundId/suspense': at('suspense.tsx'),
  'POST /v1/funds/:fundId/suspense/:donationId/assign': at('suspense.tsx'),
  'POST /v1/funds/:fundId/donations': at('record-donation.tsx'),
  'GET /v1/funds/:fundId/donations': at('donations-register.tsx'),
  'GET /v1/funds/:fundId/donations/:donationId': at('donation-detail.tsx'),
  'GET /v1/funds/:fundId/donations/:donationId/receipt.pdf': at('donations-register.tsx'),
  'GET /v1/funds/:fundId/receipts.pdf': at('donations-register.tsx'),
  'POST /v1/funds/:fundId/reversals': at('donations-register.tsx'),
  'POST /v1/funds/:fundId/disbursements': at('disbursements.tsx'),
  'GET /v1/funds/:fundId/disbursements': at('disbursements.tsx', 'approvals.tsx', 'dashboard.tsx'),
  'POST /v1/funds/:fundId/disbursements/:id/approve': at('approvals.tsx'),
  'POST /v1/funds/:fundId/disbursements/:id/reject': at('approvals.tsx'),
  'POST /v1/funds/:fundId/disbursements/:id/pay': at('approvals.tsx'),
  'POST /v1/funds/:fundId/emergency-releases': at('emergency.tsx'),
  'GET /v1/funds/:fundId/emergency-releases': at('emergency.tsx', 'disbursements.tsx', 'dashboard.tsx'),
  'POST /v1/funds/:fundId/emergency-releases/:id/settle': at('emergency.tsx'),
  'GET /v1/funds/:fundId/reports/:report': at('audit.tsx'),
  'GET /v1/funds/:fundId/reports/network': at('network-report.tsx'),
  'GET /v1/journal': at('audit.tsx'),
  'GET /v1/audit/verify': at('audit.tsx'),
  'GET /v1/users': at('admin.tsx'),
  'POST /v1/users': at('admin.tsx'),
  'DELETE /v1/users/:userId': at('admin.tsx'),
  'POST /v1/users/:userId/token': at('admin.tsx'),
  'DELETE /v1/users/:userId/token': at('admin.tsx'),
  'POST /v1/users/:userId/password': at('admin.tsx', 'account.tsx'),
  'GET /v1/users/:userId/sessions': at('admin-devices.tsx'),
  'DELETE /v1/users/:userId/sessions/:sessionId': at('admin-devices.tsx'),
  'POST /v1/funds/:fundId/publications': at('publications.tsx'),
  'GET /v1/funds/:fundId/obligations': at('obligations-card.tsx'),
  'GET /v1/funds/:fundId/publications': {
    none: 'Every publication recorded, for API clients: the Công khai screen shows each obligation of the year with the publication that met it (GET …/obligations), which is what the staff act on',
  },
  'POST /v1/funds/:fundId/beneficiaries': at('beneficiaries.tsx'),
  'GET /v1/funds/:fundId/beneficiaries': at('beneficiaries.tsx'),
  'POST /v1/funds/:fundId/beneficiary-lists': at('beneficiaries.tsx'),
  'GET /v1/funds/:fundId/beneficiary-lists': at('beneficiaries.tsx'),
  'POST /v1/funds/:fundId/disbursements/:id/handovers': at('beneficiaries.tsx'),
  'POST /v1/funds/:fundId/disbursements/:id/handovers/:beneficiaryId/correct': at('beneficiaries.tsx'),
  'POST /v1/funds/:fundId/disbursements/:id/handovers/:beneficiaryId/money-returned': at('beneficiaries.tsx'),
  'GET /v1/funds/:fundId/disbursements/:id/distribution': at('beneficiaries.tsx'),
  'GET /v1/funds/:fundId/reports/coverage': at('beneficiaries.tsx'),
  'GET /v1/funds/:fundId/reports/duplicate-overrides': at('beneficiaries.tsx'),
  'GET /v1/funds/:fundId/stock': at('beneficiaries.tsx'),
  'GET /v1/public/funds/:fundId/beneficiaries': at('web/src/public/beneficiaries.ts'),
  'GET /v1/public/funds/:fundId/campaigns/:campaignId/beneficiaries': { none: 'The public side (issue 15): a campaign\'s beneficiaries and support levels, for the public site, not the staff app' },
  'GET /v1/public/funds/:fundId/publications': at('web/src/public/publications.ts'),
  'GET /v1/public/funds/:fundId': at('web/src/public/main.ts'),
  'GET /v1/public/funds/:fundId/campaigns': at('web/src/public/main.ts'),
  'GET /v1/public/funds/:fundId/daily': at('web/src/public/main.ts'),
  'GET /v1/public/funds/:fundId/reports/:report': at('web/src/public/publications.ts'),
  'GET /v1/public/funds/:fundId/donations': at('web/src/public/search.ts'),
  'GET /v1/public/keys': at('web/src/public/verify.ts'),
  'GET /v1/public/checkpoint': { none: 'The public side (issue 15): the signed checkpoint is read by the public site\'s Xác minh, by `ledger verify-proof` users and by monitors comparing checkpoints, not by the staff app' },
  'GET /v1/public/proofs/inclusion': { none: 'The public side (issue 15): for verifiers and monitors holding the log; a donor\'s Xác minh on the public site uses the donation proof route instead' },
  'GET /v1/public/proofs/consistency': { none: 'The public side (issue 15): for monitors checking that the log only grew between two published checkpoints; no staff screen shows it' },
  'GET /v1/public/funds/:fundId/donations/:donationId/proof': at('web/src/public/verify.ts'),
  'GET /v1/funds/:fundId/transfers': at('transfers.tsx'),
  'POST /v1/funds/:fundId/transfers': at('transfers.tsx'),
  'POST /v1/funds/:fundId/transfers/:transferId/approve': at('transfers.tsx'),
  'POST /v1/funds/:fundId/transfers/:transferId/reject': at('transfers.tsx'),
  'POST /v1/funds/:fundId/transfers/:transferId/receive': at('transfers.tsx'),
  'POST /v1/funds/:fundId/transfers/:transferId/return': at('transfers.tsx'),
  'POST /v1/funds/:fundId/transfers/:transferId/assign-campaign': at('transfers.tsx'),
  'GET /v1/funds/:fundId/transfers/:transferId/note': at('transfer-notes.tsx'),
  'POST /v1/funds/:fundId/transfers/import-note': at('transfer-notes.tsx'),
  'POST /v1/funds/:fundId/trusted-keys': at('transfer-notes.tsx'),
  'GET /v1/funds/:fundId/trusted-keys': at('transfer-notes.tsx'),
  'GET /v1/funds/:fundId/transfers/incoming/:transferId/receipt': at('transfer-notes.tsx'),
  'POST /v1/funds/:fundId/transfers/:transferId/delivered': at('transfer-notes.tsx'),
  'POST /v1/funds/:fundId/restrictions/:restrictionId/release': at('pool-moves.tsx'),
  'POST /v1/funds/:fundId/restriction-releases/:releaseRequestId/approve': at('pool-moves.tsx'),
  'POST /v1/funds/:fundId/campaigns/:campaignId/surplus': at('pool-moves.tsx'),
  'POST /v1/funds/:fundId/donations/:donationId/fx-settlement': at('pool-moves.tsx'),
  'GET /health': { none: 'For the machine that runs the ledger (load balancer, container health check), not for a person' },
  'GET /metrics': { none: 'For the monitoring system (Prometheus), not for a person' },
};

/** The OpenAPI path (`{fundId}`) as the screens write it: typed (`'{fundId}'`) or as a template (`${fundId}`). */
function pathPattern(route: RouteKey): { method: string; typed: string; raw: RegExp } {
  const [method, path] = route.split(' ');
  const openApiPath = path.replace(/:(\w+)/g, '{$1}');
  const escaped = path.split('/').map((segment) => (segment.startsWith(':') ? '(?:\\{\\w+\\}|\\$\\{[^}]+\\})' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { method, typed: `api.${method}('${openApiPath}'`, raw: new RegExp(`['"\`]${escaped}(?:[?'"\`])`) };
}

/** Whether a file calls the route: the typed client with the method, or (a link, download or upload) the path itself. */
function calls(source: string, route: RouteKey): boolean {
  const { method, typed, raw } = pathPattern(route);
  if (source.includes(typed)) return true;
  // A raw path is a GET (a link, a download, fetchRaw) unless the file says which method it sends.
  return raw.test(source) && (method === 'GET' || new RegExp(`method: '${method}'|'${method}'`).test(source));
}

describe('every staff route of the OpenAPI document has its screen, or a reason for none', () => {
  let ledger: TestLedger;
  let routes: RouteKey[];
  const root = join(__dirname, '..', '..');

  beforeAll(async () => {
    ledger = await startTestLedger();
    const answer = await ledger.http().get('/docs-json').expect(200);
    routes = documentedRoutes(answer.body as { paths: Record<string, Record<string, unknown>> });
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('lists every documented route, and only those', () => {
    expect(routes.filter((route) => !(route in ROUTE_SCREENS))).toEqual([]);
    expect(Object.keys(ROUTE_SCREENS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('names, for each route with a screen, files that call it', () => {
    const missing: string[] = [];
    for (const [route, way] of Object.entries(ROUTE_SCREENS)) {
      if ('none' in way) continue;
      expect(way.screens.length).toBeGreaterThan(0);
      for (const file of way.screens) {
        const path = join(root, file);
        if (!existsSync(path) || !calls(readFileSync(path, 'utf8'), route)) missing.push(`${route} in ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives each route without a screen a reason of its own', () => {
    const reasons = Object.values(ROUTE_SCREENS).flatMap((way) => ('none' in way ? [way.none] : []));
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
  });

  it('recognises a call only where one is made (the check itself can fail)', () => {
    expect(calls("api.GET('/v1/funds/{fundId}/management-cost', {", 'GET /v1/funds/:fundId/management-cost')).toBe(true);
    expect(calls("api.GET('/v1/funds/{fundId}/management-cost', {", 'PUT /v1/funds/:fundId/policy')).toBe(false);
    expect(calls('href={`/v1/funds/${fundId}/receipts.pdf?from=${from}`}', 'GET /v1/funds/:fundId/receipts.pdf')).toBe(true);
    expect(calls('href={`/v1/funds/${fundId}/receipts.pdf`}', 'POST /v1/funds/:fundId/receipts.pdf')).toBe(false);
    expect(calls("api.GET('/v1/funds/{fundId}/donations/{donationId}/receipt.pdf'", 'GET /v1/funds/:fundId/donations')).toBe(false);
  });
});
