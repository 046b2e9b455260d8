import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { LedgerConfig } from '../../../src/config/ledger-config';
import { AdminBootstrap } from '../../../src/admin-bootstrap';
import { startTestLedger, type TestLedger } from '../../support/ledger-app';

/**
 * A journey drives a real browser through several screens; on a two-core machine running other
 * suites beside it one can take over a minute. The bound only ends a journey that is stuck.
 */
jest.setTimeout(240_000);

export const ROOT = join(__dirname, '..', '..', '..');
export const WEB = join(ROOT, 'web');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
/** Debian's Chromium (.ci/run installs it); playwright never downloads a browser of its own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The newest modification time of the app's sources (web/src, both pages, the build's configuration). */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of ['src', 'index.html', 'cong-khai.html', 'vite.config.ts', 'package.json']) walk(join(WEB, path));
  return newest;
}

function builtIsFresh(): boolean {
  const index = join(WEB, 'dist', 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource();
}

/**
 * Builds the staff app once per run when web/dist is missing or older than web/src. Test files
 * run in parallel workers: a lock folder makes one build while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (builtIsFresh()) return;
  const lock = join(ROOT, 'test-output', '.web-build-lock');
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than four minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 240_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('waited four minutes for another worker to build the staff app');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    // jest sets NODE_ENV=test, which would give React's development build: the app is tested as it ships.
    const env = { ...process.env, NODE_ENV: 'production' };
    if (!builtIsFresh()) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'production', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit', env });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface WebLedger {
  ledger: TestLedger;
  /** http://127.0.0.1:port of the listening ledger. */
  base: string;
  /** The first admin's API token, printed at the first start (seeding data through the API). */
  adminToken: string;
  /** The one-time setup link of the start-up banner. */
  setupLink: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * scrypt's N for the passwords of a journey's people: 2^15, the ledger's own, costs about 0.2 s of
 * CPU a hash, and a journey sets a password for each person and checks one at each sign-in (about
 * thirty in the offline journey). The journeys test screens, not the cost of a hash; the ledger's
 * own cost is tested in test/unit/password-hasher.test.ts and test/http/sessions.e2e.test.ts.
 */
const JOURNEY_PASSWORD_HASH_COST = 2 ** 10;

/**
 * The real ledger, built from the code and listening on a free port on a temporary data folder,
 * started as a new installation (no admin token configured: the banner's token and setup link),
 * and one Chromium for the test file.
 */
export async function startWebLedger(overrides: Partial<LedgerConfig> = {}): Promise<WebLedger> {
  await ensureWebBuilt();
  // The first start prints the admin's token and setup link for a person at a terminal; the test reads them from the app.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  let ledger: TestLedger;
  try {
    ledger = await startTestLedger({ adminToken: null, passwordHashCost: JOURNEY_PASSWORD_HASH_COST, ...overrides });
  } finally {
    process.stdout.write = write;
  }
  let browser: Browser;
  try {
    await ledger.app.listen(0, '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-breakpad', '--disable-crash-reporter'] });
  } catch (error) {
    // The file's afterAll has nothing to close yet: the ledger (its server, its projection worker) is closed here.
    await ledger.close();
    throw error;
  }
  const port = (ledger.app.getHttpServer().address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const bootstrap = ledger.app.get(AdminBootstrap);
  return {
    ledger, base, browser,
    adminToken: bootstrap.createdToken as string,
    setupLink: `${base}/setup#${bootstrap.setupCode as string}`,
    async close() {
      // Both, even when one of them fails: either left open keeps the jest worker alive.
      const closed = await Promise.allSettled([browser.close(), ledger.close()]);
      for (const result of closed) if (result.status === 'rejected') throw result.reason;
    },
  };
}

/** A browser context of its own (its own cookies): one person at one screen size. */
export async function personPage(
  web: WebLedger, size: { width: number; height: number } = { width: 1366, height: 900 }, options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({ viewport: size, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: web.base, serviceWorkers: options.serviceWorkers ?? 'allow' });
  const page = await context.newPage();
  // Waits end as soon as the page is ready; the bound only matters when something is wrong, and a
  // starved CI core can take several seconds to render a screen that is right.
  page.setDefaultTimeout(20_000);
  openPages.push(page);
  return { context, page };
}

const openPages: Page[] = [];

/**
 * Called from afterEach. When the test failed, the last state of every page it opened is kept
 * under test-output/last-screens: the picture shows where the journey stood. Then the test's
 * browser contexts are closed, so that the pages of earlier tests (service workers and all) no
 * longer take the machine's time while later tests run.
 */
export async function keepLastScreens(testName: string): Promise<void> {
  const pages = openPages.splice(0);
  if ((globalThis as { __testFailed?: boolean }).__testFailed !== false) {
    const folder = join(ROOT, 'test-output', 'last-screens');
    mkdirSync(folder, { recursive: true });
    for (const [index, page] of pages.entries()) {
      if (!page.isClosed()) await page.screenshot({ path: join(folder, `${testName.replace(/[^\w-]+/g, '-')}-${index}.png`), fullPage: true }).catch(() => undefined);
    }
  }
  for (const context of new Set(pages.map((page) => page.context()))) await context.close().catch(() => undefined);
}

/** Keeps a picture of a screen under test-output/screenshots (gitignored; the README's come from here). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the screen as it is and answers its serious and
 * critical violations, each as "rule: help (elements)": an empty list is an accessible screen.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // axe-core is half a megabyte of script for the page to parse and compile: a document that has it
  // (a screen reached inside the app keeps the document of the one before) is not given it again.
  if (await page.evaluate('typeof window.axe === "undefined"')) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Nothing on the screen scrolls sideways: neither the page nor any table in it (a table is a
 * stack of cards on a phone). Read once, after the caller waited for the content by locators.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const sizes = await page.evaluate('[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]') as [number, number];
  expect({ page: sizes[0] <= sizes[1] ? 'fits' : `${sizes[0]} > ${sizes[1]}` }).toEqual({ page: 'fits' });
  const tables = await page.evaluate(
    '[...document.querySelectorAll(".table-wrap")].filter((wrap) => wrap.scrollWidth > wrap.clientWidth).map((wrap) => `${wrap.getAttribute("aria-label")}: ${wrap.scrollWidth} > ${wrap.clientWidth}`)',
  ) as string[];
  expect(tables).toEqual([]);
}

/** Every screen a test visits is kept as a picture and checked with axe-core. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/**
 * Reads a value from the page until it equals the one expected. The app's policy forbids evaluating
 * strings as script, so Playwright's waitForFunction cannot run there; this reads through locators.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await read();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await read();
  }
  expect(seen).toBe(expected);
}

/** Signs a person in through the sign-in screen. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(name);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Trình đơn chính' }).waitFor();
}

/** Calls the API as the admin (seeding a journey's starting point); answers the JSON body. */
export async function asAdmin(web: WebLedger, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await fetch(`${web.base}${path}`, {
    method, headers: { authorization: `Bearer ${web.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** A user with these roles and a password, created through the API. */
export async function person(web: WebLedger, name: string, roles: string[], password = 'mật khẩu đủ dài 2026'): Promise<{ userId: string; name: string; password: string; token: string }> {
  const user = await asAdmin(web, 'POST', '/v1/users', { name, roles });
  await asAdmin(web, 'POST', `/v1/users/${String(user.userId)}/password`, { password });
  return { userId: String(user.userId), name, password, token: String(user.token) };
}

/** The fund every journey works on, opened through the API. */
export async function openFund(web: WebLedger, fundId = 'ctd-quan-1', name = 'Quỹ hoạt động Hội CTĐ Quận 1'): Promise<string> {
  await asAdmin(web, 'POST', '/v1/funds', { fundId, name, chapter: 'Hội Chữ thập đỏ Quận 1' });
  return fundId;
}

/** Calls the API with a person's bearer token (seeding what other people did before the journey). */
export async function asPerson(web: WebLedger, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await fetch(`${web.base}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** A cash donation recorded through the API by an accountant. */
export function donate(web: WebLedger, token: string, fundId: string, amount: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return asPerson(web, token, 'POST', `/v1/funds/${fundId}/donations`, {
    amount, channel: 'cash', receivedAt: new Date(Date.now() - 3_600_000).toISOString(), donor: { name: 'Nhà hảo tâm', kind: 'individual' }, ...extra,
  });
}
