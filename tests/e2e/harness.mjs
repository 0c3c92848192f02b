// Browser tests: a real `fuwu serve` (temporary SQLite database, free loopback port, the built
// web/dist) driven by playwright-core with Debian's Chromium. Reuses tests/api/harness.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Server as ApiServer, FUWU, ROOT, fuwu, login } from '../api/harness.mjs';

export { ROOT, FUWU, fuwu, login };
export const WEB_DIST = process.env.FUWU_WEB_DIST || join(ROOT, 'web/dist');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// Screenshots for README and docs/user-guide.md; FUWU_SCREENSHOTS=0 skips them, FUWU_SCREENSHOTS=DIR
// writes them elsewhere.
const shots = process.env.FUWU_SCREENSHOTS;
export const SCREENSHOTS = shots && shots !== '0' && shots !== '1' ? shots : join(ROOT, 'docs/screenshots');

const requireFromWeb = createRequire(join(ROOT, 'web/package.json'));
export const { chromium } = requireFromWeb('playwright-core');

export function checkPrerequisites() {
  const missing = [];
  if (!existsSync(FUWU)) missing.push(`server binary ${FUWU} (scripts/build, or set FUWU_BIN)`);
  if (!existsSync(join(WEB_DIST, 'index.html'))) missing.push(`${WEB_DIST}/index.html (cd web && npm run build)`);
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (missing.length) throw new Error('e2e prerequisites missing: ' + missing.join('; '));
}

export class Server extends ApiServer {
  async start() {
    this.proc = spawn(FUWU, ['serve', '--db', this.db, '--port', '0', '--static-dir', WEB_DIST], {
      env: { ...process.env, FUWU_HTTP_ACCESS_LOG: 'false', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.stderr = '';
    this.exited = new Promise((res) => this.proc.on('exit', (code, signal) => res({ code, signal })));
    await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error('server did not start: ' + this.stderr)), 10000);
      this.proc.stderr.on('data', (d) => {
        this.stderr += d;
        const m = this.stderr.match(/serving on http:\/\/[\d.]+:(\d+)\//);
        if (m && !this.port) {
          this.port = Number(m[1]);
          clearTimeout(timer);
          res();
        }
      });
      this.proc.on('exit', () => rej(new Error('server exited: ' + this.stderr)));
    });
    this.base = `http://127.0.0.1:${this.port}`;
    return this;
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

// A fresh context (own cookies and localStorage) with a viewport and optional language.
export async function newPage(browser, { viewport = DESKTOP, locale, isMobile = false } = {}) {
  const context = await browser.newContext({
    viewport, deviceScaleFactor: 1, isMobile, hasTouch: isMobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  if (locale) await context.addInitScript((l) => localStorage.setItem('fuwu.locale', l), locale);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.problems = problems;
  return page;
}

export async function screenshot(page, name) {
  if (shots === '0') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transient toasts ("saved", "deleted") are left out of the pictures.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), style: '.el-message { display: none !important; }' });
}

export async function signIn(page, base, loginName, password) {
  await page.goto(base + '/login');
  await page.locator('#login-name').fill(loginName);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

// A fresh page signed in as `loginName`, on the first page after signing in (the ticket list).
export async function signedInPage(browser, base, loginName, password, opts) {
  const page = await newPage(browser, opts);
  await signIn(page, base, loginName, password);
  await page.waitForURL(/\/tickets$/);
  return page;
}

// Visible form controls without an accessible name (label[for], aria-label, aria-labelledby or an
// enclosing <label>). Returns their HTML, so a failing test names them.
export function unlabelledControls(page) {
  return page.evaluate(() => [...document.querySelectorAll('input, select, textarea')].filter((el) => {
    if (el.type === 'hidden' || (el.offsetParent === null && el.type !== 'radio')) return false;
    const byFor = el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    return !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || byFor || el.closest('label'));
  }).map((el) => el.outerHTML.slice(0, 200)));
}

// Set-up and checks through the API as the administrator (s.adminToken); fails on any error status.
export function adminApi(s) {
  return async function api(path, opts = {}) {
    const r = await s.req(path, { token: s.adminToken, ...opts });
    if (r.status >= 300) throw new Error(`${opts.method ?? 'GET'} ${path}: ${r.status} ${r.text}`);
    return r;
  };
}

// The page logged no error besides the statuses a test provokes on purpose (and the first "who am
// I" probe's 401).
export function assertNoProblems(page, expected = /status of (401|404|412)/) {
  assert.deepEqual(page.problems.filter((m) => !expected.test(m)), []);
}

export async function noOverflow(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
}

// Choose in an Element Plus select: its list is the listbox named like the select.
export async function pick(page, testId, option, label) {
  await page.getByTestId(testId).click();
  await page.getByRole('listbox', { name: label }).getByRole('option', { name: option, exact: true }).click();
}

// The end of a suite: the browser, then the server and its database.
export async function tearDown(browser, s) {
  await browser?.close();
  await s.stop();
  s.cleanup();
}
