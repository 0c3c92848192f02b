// The dashboard and the priority matrix in Debian's Chromium against a real `fuwu serve`: figures
// counted by the server (GET /api/v1/stats/tickets), charts that open the list behind them, the
// SLA figures that open the tickets concerned; zh-CN and en, desktop and phone; the matrix editor.
// Screenshots: docs/screenshots/dashboard-*.png, admin-matrix-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, noOverflow, pick, launchBrowser, newPage, screenshot, signIn, fuwu, PHONE,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser;
let groupId;

async function signInAs(login, password, opts) {
  const page = await newPage(browser, opts);
  await signIn(page, s.base, login, password);
  await page.waitForURL(/\/tickets$/);
  return page;
}

before(async () => {
  s.setup();
  await s.start();
  const org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer' } })).json.id;
  groupId = (await api('/api/v1/groups', { method: 'POST', body: { name: '二线 网络组', line: 2 } })).json.id;
  await api('/api/v1/sla-policies', { method: 'POST', body: { id: 'p1', name: 'P1', match: { priority: 'P1' }, targets: [{ kind: 'resolution', calendar: '24x7', working_hours: 2 }] } });
  const titles = ['服务器宕机', '无法上网', '打印机卡纸', 'VPN 连接失败', '邮箱无法登录'];
  for (const [i, title] of titles.entries()) {
    const body = { kind: 'incident', title, organisation_id: org, ...(i < 2 ? { group_id: groupId } : {}), ...(i === 0 ? { impact: 1, urgency: 1 } : {}) };
    const t = (await api('/api/v1/tickets', { method: 'POST', body })).json;
    if (i === 4) {
      await api(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', headers: { 'if-match': `"${t.version}"` }, body: { transition: 'resolve', resolution: '已重置密码' } });
    }
  }
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('dashboard', () => {
  test('an agent sees the figures and opens the list behind a bar (zh-CN)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.getByTestId('nav-dashboard').click();
    await page.getByRole('heading', { name: '仪表盘' }).waitFor();
    await page.getByTestId('kpi-open').getByText('4').waitFor();
    assert.equal(await page.getByTestId('kpi-at-risk').locator('.kpi-value').innerText(), '1');
    assert.equal(await page.getByTestId('kpi-breached').locator('.kpi-value').innerText(), '0');
    await page.getByTestId('dashboard-table').getByText('新建').waitFor({ state: 'attached' });
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await page.waitForTimeout(600); // the charts' entry animation
    await screenshot(page, 'dashboard-zh-desktop');

    // The SLA figure lists the ticket concerned.
    await page.getByTestId('kpi-at-risk').click();
    await page.getByTestId('sla-drawer').getByText('服务器宕机').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('sla-drawer').waitFor({ state: 'hidden' });

    // A click on the "by state" bar opens the tickets in that state.
    // One state ("new"): its bar spans the chart's middle, from the axis to the right end.
    const box = await page.getByTestId('chart-state').boundingBox();
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.waitForURL(/\/tickets\?state=new$/);
    await page.getByTestId('filter-state').waitFor();
    await page.getByTestId('ticket-count').getByText('已加载 4 条').waitFor();
    assertNoProblems(page);
  });

  test('the dashboard in English on a phone', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.goto(s.base + '/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByTestId('kpi-open').getByText('4').waitFor();
    await page.getByTestId('chart-group').locator('canvas').first().waitFor();
    await page.waitForTimeout(600);
    await noOverflow(page);
    await screenshot(page, 'dashboard-en-phone');
    assertNoProblems(page);
  });
});

describe('priority matrix', () => {
  test('admin changes a cell of the matrix and new tickets get that priority (zh-CN)', async () => {
    const page = await signInAs('admin', 'admin-passw0rd');
    await page.goto(s.base + '/priority-matrix');
    await page.getByTestId('priority-matrix').waitFor();
    await pick(page, 'matrix-3-3', 'P3', '影响 3 · 紧急度 3');
    await screenshot(page, 'admin-matrix-zh-desktop');
    await page.getByTestId('matrix-save').click();
    await page.getByText('已保存').waitFor();
    const m = (await api('/api/v1/priority-matrix')).json;
    assert.equal(m.cells[2][2], 3);
    assert.equal(m.is_default, false);
    assertNoProblems(page);
  });
});
