// Queues in Debian's Chromium against a real `fuwu serve`: saving the list's filters as a view,
// the view in the menu with a count kept live over Server-Sent Events, editing and deleting it;
// bulk actions (assign, change state, priority) with a result per row, including a row that
// someone else changed meanwhile; the dashboard's per-day bar opening the list of that day.
// zh-CN and en, desktop and phone. Screenshots: docs/screenshots/queues-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, noOverflow, pick, launchBrowser, screenshot, signedInPage, fuwu, PHONE,
  unlabelledControls,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser;
let org;
const tickets = {};

const signInAs = (login, password, opts) => signedInPage(browser, s.base, login, password, opts);

const createTicket = async (title, extra = {}) => {
  const t = (await api('/api/v1/tickets', { method: 'POST', body: { kind: 'incident', title, organisation_id: org, ...extra } })).json;
  tickets[title] = t;
  return t;
};

before(async () => {
  s.setup();
  await s.start();
  org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer' } })).json.id;
  await createTicket('服务器宕机', { impact: 1, urgency: 1 });
  await createTicket('无法上网');
  await createTicket('打印机卡纸');
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('queues (saved views)', () => {
  test('an agent saves the list\'s filters as a view; its count in the menu follows live changes (zh-CN)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.getByTestId('ticket-count').getByText('已加载 3 条').waitFor();
    await pick(page, 'filter-priority', 'P1', '优先级');
    await page.getByTestId('ticket-count').getByText('已加载 1 条').waitFor();

    await page.getByTestId('view-save-open').click();
    const dialog = page.getByTestId('view-dialog');
    await page.getByTestId('view-name').waitFor();
    // The filters come from the list: P1.
    assert.equal(await dialog.getByTestId('view-priority').innerText(), 'P1');
    assert.deepEqual(await unlabelledControls(page), []);
    await page.getByTestId('view-name').fill('紧急事件');
    await page.getByTestId('view-save').click();
    await page.waitForURL(/\/tickets\?view=\d+$/);
    await page.getByTestId('tickets-title').getByText('紧急事件').waitFor();
    await page.getByTestId('ticket-count').getByText('已加载 1 条').waitFor();
    const entry = page.getByTestId('nav-views').getByRole('link', { name: /紧急事件/ });
    await entry.getByText('1', { exact: true }).waitFor();
    assert.equal(await entry.getAttribute('aria-current'), 'page');

    // Someone raises another P1 incident: the menu's count follows without a reload.
    await createTicket('核心交换机故障', { impact: 1, urgency: 1 });
    await entry.getByText('2', { exact: true }).waitFor({ timeout: 15000 });
    await page.getByTestId('view-count').getByText('共 2 张').waitFor({ timeout: 15000 });
    await screenshot(page, 'queues-zh-desktop');

    // Edit: rename and sort by SLA; the page follows.
    await page.getByTestId('view-edit').click();
    await page.getByTestId('view-name').fill('紧急事件（按 SLA）');
    await page.getByTestId('view-sort').getByText('SLA 到期最早').click();
    await page.getByTestId('view-save').click();
    await page.getByTestId('tickets-title').getByText('紧急事件（按 SLA）').waitFor();
    await page.getByTestId('view-summary').getByText('SLA 到期最早').waitFor();
    const views = (await api('/api/v1/views')).json.items;
    assert.deepEqual(views.map((v) => [v.name, v.sort, v.filters.priority]), [], 'the admin does not see another\'s personal view');

    // Delete: back to the plain list, gone from the menu.
    await page.getByTestId('view-delete').click();
    await page.getByRole('button', { name: '删除' }).last().click();
    await page.waitForURL(/\/tickets$/);
    await page.getByTestId('nav-views').waitFor({ state: 'detached' });
    assertNoProblems(page);
  });

  test('bulk actions: assign to me, start, and a priority that fails on a row changed meanwhile (zh-CN)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.getByTestId('ticket-count').getByText('已加载 4 条').waitFor();
    const rowOf = (title) => page.getByTestId('ticket-table').locator('tr.el-table__row', { hasText: title });
    for (const title of ['无法上网', '打印机卡纸']) await rowOf(title).locator('.el-checkbox').click();
    await page.getByTestId('bulk-count').getByText('已选 2 张').waitFor();

    await page.getByTestId('bulk-assign-me').click();
    await page.getByText('完成：2 张成功，0 张失败').waitFor();
    assert.equal(await page.getByTestId('bulk-result').count(), 2);
    const me = (await api('/api/v1/users?q=li.na')).json.items[0].id;
    for (const title of ['无法上网', '打印机卡纸']) {
      assert.equal((await api(`/api/v1/tickets/${tickets[title].id}`)).json.assignee_id, me);
    }

    // Change state: "start" (the lifecycle's transitions for the selected kinds).
    await page.getByTestId('bulk-transition').click();
    await pick(page, 'bulk-tr', '开始处理', '操作');
    await page.getByTestId('bulk-apply').click();
    await page.getByText('完成：2 张成功，0 张失败').last().waitFor();
    await rowOf('无法上网').getByText('处理中').waitFor();

    // Someone else changes one of them: that row fails (412), the other succeeds.
    const fresh = (await api(`/api/v1/tickets/${tickets['无法上网'].id}`)).json;
    await api(`/api/v1/tickets/${fresh.id}`, { method: 'PATCH', headers: { 'if-match': `"${fresh.version}"` }, body: { title: '无法上网（三楼）' } });
    await page.getByTestId('bulk-priority').click();
    await page.getByTestId('bulk-priority-value').getByText('P2').click();
    await page.getByTestId('bulk-apply').click();
    await page.getByText('完成：1 张成功，1 张失败').waitFor();
    await rowOf('打印机卡纸').getByTestId('bulk-result').getByText('✓').waitFor();
    assert.equal(await rowOf('无法上网').getByTestId('bulk-result').innerText(), '✕ 记录已被修改');
    await page.getByTestId('bulk-apply').waitFor({ state: 'hidden' });
    assert.equal((await api(`/api/v1/tickets/${tickets['打印机卡纸'].id}`)).json.priority, 2);
    await screenshot(page, 'queues-bulk-zh-desktop');
    assertNoProblems(page, /status of (401|404|412)/);
  });

  test('the dashboard\'s bar of today opens the tickets created today', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.goto(s.base + '/dashboard');
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    // The last day's "created" bar: the left half of the last category, from the axis up.
    const box = await page.getByTestId('chart-trend').boundingBox();
    const days = 15;
    const plotLeft = box.x + 40;
    const plotRight = box.x + box.width - 16;
    const cw = (plotRight - plotLeft) / days;
    await page.mouse.click(plotRight - cw / 2 - 5, box.y + box.height / 2);
    await page.waitForURL(/\/tickets\?created=\d{4}-\d\d-\d\d$/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    assert.ok(page.url().endsWith(`created=${today}`), page.url());
    await page.getByTestId('filter-created').waitFor();
    await page.getByTestId('ticket-count').getByText('已加载 4 条').waitFor();
    // Closing the tag shows every ticket again.
    await page.getByTestId('filter-created').locator('.el-tag__close').click();
    await page.waitForURL(/\/tickets$/);
    assertNoProblems(page);
  });

  test('a view of one organisation and one requester, both picked by name (zh-CN)', async () => {
    const other = (await api('/api/v1/organisations', { method: 'POST', body: { name: '西南水务集团', kind: 'customer' } })).json.id;
    fuwu(['user', 'add', 'zhang.wei', '--role', 'customer', '--organisation', String(org), '--name', '张伟', '--password-stdin', '--db', s.db], 'zhang-wei-passw0rd\n');
    const zhang = (await api('/api/v1/users?q=zhang.wei')).json.items[0].id;
    await createTicket('张伟的邮箱无法登录', { requester_id: zhang });
    await createTicket('水厂监控断线', { organisation_id: other });
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.getByTestId('view-save-open').click();
    await page.getByTestId('view-name').fill('华东电力 · 张伟');
    await pick(page, 'view-organisation', '华东电力设备有限公司', '客户/组织');
    await page.getByTestId('view-requester').click();
    await page.keyboard.type('张伟');
    await page.getByRole('listbox', { name: '报告人' }).getByRole('option', { name: '张伟 (zhang.wei)', exact: true }).click();
    assert.deepEqual(await unlabelledControls(page), []);
    await screenshot(page, 'queues-view-dialog-zh-desktop');
    await page.getByTestId('view-save').click();
    await page.waitForURL(/\/tickets\?view=\d+$/);
    await page.getByTestId('ticket-count').getByText('已加载 1 条').waitFor();
    await page.getByTestId('ticket-table').getByText('张伟的邮箱无法登录').waitFor();
    await page.getByTestId('view-summary').getByText('华东电力设备有限公司').waitFor();
    await page.getByTestId('view-summary').getByText('报告人：张伟').waitFor();

    // Editing shows both by name; clearing the requester widens the view to the organisation.
    await page.getByTestId('view-edit').click();
    const dialog = page.getByTestId('view-dialog');
    await dialog.getByTestId('view-organisation').getByText('华东电力设备有限公司').waitFor();
    await dialog.getByTestId('view-requester').getByText('张伟 (zhang.wei)').waitFor();
    await dialog.getByTestId('view-requester').hover();
    await dialog.getByTestId('view-requester').locator('.el-select__clear').click();
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-summary').getByText('报告人').waitFor({ state: 'detached' });
    await page.getByTestId('ticket-table').getByText('打印机卡纸').waitFor();
    assert.equal(await page.getByTestId('ticket-table').getByText('水厂监控断线').count(), 0);
    assertNoProblems(page);
  });

  test('queues and bulk actions in English on a phone', async () => {
    await api('/api/v1/views', { method: 'POST', body: { name: 'Service desk P1', shared: true, filters: { priority: 1 } } });
    const page = await signInAs('li.na', 'li-na-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.getByTestId('menu-toggle').click();
    const entry = page.getByTestId('nav-views').getByRole('link', { name: /Service desk P1/ });
    await entry.getByText('2', { exact: true }).waitFor();
    await entry.click();
    await page.getByTestId('tickets-title').getByText('Service desk P1').waitFor();
    await page.getByTestId('tickets-title').getByText('Shared').waitFor();
    await page.getByTestId('ticket-count').getByText(/2/).waitFor();
    // A shared view is the administrators' to change.
    assert.equal(await page.getByTestId('view-edit').count(), 0);
    await page.getByTestId('ticket-table').locator('tr.el-table__row').first().locator('.el-checkbox').click();
    await page.getByTestId('bulk-count').getByText('1 selected').waitFor();
    await noOverflow(page);
    await screenshot(page, 'queues-en-phone');
    assertNoProblems(page);
  });
});
