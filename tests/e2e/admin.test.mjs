// The administration pages in Debian's Chromium against a real `fuwu serve`: users (create in
// Chinese, role and groups, disable), groups and their members, roles and permissions, SLA policies
// with the "simulate" panel (a deadline that skips the National Day holidays), in zh-CN and en, on a
// desktop and a phone; a customer sees none of them. Screenshots: docs/screenshots/admin-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems as assertClean, checkPrerequisites, noOverflow, pick, launchBrowser, newPage, screenshot, signIn, fuwu, PHONE, unlabelledControls,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
let browser;
let admin;
let alphaId;
let groupId;
const pages = [];
const api = adminApi(s);
const assertNoProblems = (page) => assertClean(page);

async function open(opts) {
  const p = await newPage(browser, opts);
  pages.push(p);
  return p;
}

async function signInAsAdmin(opts) {
  const page = await open(opts);
  await signIn(page, s.base, 'admin', 'admin-passw0rd');
  await page.waitForURL(/\/tickets$/);
  return page;
}

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  alphaId = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer', code: 'HDDL' } })).json.id;
  groupId = (await api('/api/v1/groups', { method: 'POST', body: { name: '二线 网络组', line: 2, description: '网络与安全' } })).json.id;
  await api('/api/v1/groups', { method: 'POST', body: { name: '服务台', line: 1 } });
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  fuwu(['user', 'add', 'zhang.wei', '--role', 'customer', '--organisation', String(alphaId), '--name', '张伟', '--password-stdin', '--db', s.db], 'zhang-passw0rd\n');
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('users', () => {
  test('admin creates a user in Chinese, gives a role and a group, then disables them (zh-CN)', async () => {
    const page = await signInAsAdmin();
    await page.getByTestId('nav-users').click();
    await page.waitForURL(/\/users$/);
    await page.getByRole('heading', { name: '用户' }).waitFor();
    await page.getByTestId('user-name').getByText('李娜').waitFor();

    await page.getByTestId('user-create').click();
    const dialog = page.getByTestId('user-dialog');
    await dialog.getByTestId('new-user-login').fill('x'); // too short: a clear message, nothing sent
    await dialog.getByTestId('new-user-save').click();
    await dialog.getByText("3–64 位字母、数字或 ._@-").first().waitFor();
    await dialog.getByTestId('new-user-login').fill('wang.fang');
    await dialog.getByTestId('new-user-name').fill('王芳');
    await dialog.getByTestId('new-user-email').fill('wang.fang@example.cn');
    await dialog.getByTestId('new-user-password').fill('wang-fang-passw0rd');
    assert.deepEqual(await unlabelledControls(page), []);
    await dialog.getByTestId('new-user-save').click();
    await page.getByTestId('user-name').getByText('王芳').waitFor();
    const created = (await api('/api/v1/users?q=wang.fang')).json.items[0];
    assert.equal(created.display_name, '王芳');
    assert.equal(created.role, 'agent');

    // Edit: another role and the second-line group.
    const row = page.locator('[data-testid=user-table] tbody tr', { hasText: '王芳' });
    await row.getByTestId('user-edit').click();
    const edit = page.getByTestId('user-edit-dialog');
    await edit.getByTestId('edit-user-name').fill('王芳（网络）');
    await pick(page, 'edit-user-role', '管理员', '角色');
    await pick(page, 'edit-user-groups', '二线 网络组 · 二线', '所属支持组');
    await edit.getByRole('heading').click(); // close the select's list
    await edit.getByTestId('edit-user-save').click();
    await row.getByText('王芳（网络）').waitFor({ state: 'detached' }).catch(() => {});
    await page.getByTestId('user-name').getByText('王芳（网络）').waitFor();
    const after = (await api(`/api/v1/users/${created.id}`)).json;
    assert.equal(after.role, 'admin');
    const group = (await api(`/api/v1/groups/${groupId}`)).json;
    assert.ok(group.members.some((m) => m.user_id === created.id), 'added to the group');
    await screenshot(page, 'admin-users-zh-desktop');

    // Disable: confirmed, shown, and the user can no longer sign in.
    const row2 = page.locator('[data-testid=user-table] tbody tr', { hasText: '王芳（网络）' });
    await row2.getByTestId('user-toggle').click();
    await page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '停用' }).click();
    await row2.getByTestId('user-status').getByText('已停用').waitFor();
    assert.equal((await api(`/api/v1/users/${created.id}`)).json.disabled, true);
    const login = await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'wang.fang', password: 'wang-fang-passw0rd' } });
    assert.equal(login.status, 401);
    assertNoProblems(page);
  });

  test('the users page on a phone (zh-CN) fits the screen', async () => {
    const page = await open({ viewport: PHONE, isMobile: true });
    await signIn(page, s.base, 'admin', 'admin-passw0rd');
    await page.waitForURL(/\/tickets$/);
    await page.goto(s.base + '/users');
    await page.getByTestId('user-name').getByText('李娜').waitFor();
    await noOverflow(page);
    await screenshot(page, 'admin-users-zh-phone');
    assertNoProblems(page);
  });
});

describe('groups', () => {
  test('admin opens a group, adds and removes a member by searching a name (en)', async () => {
    const page = await signInAsAdmin({ locale: 'en' });
    await page.getByTestId('nav-groups').click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    await page.getByTestId('group-link').getByText('二线 网络组').click();
    const drawer = page.getByTestId('group-drawer');
    await drawer.getByText('Second line').waitFor();
    await drawer.locator('#group-add-member').click();
    await page.keyboard.type('李娜');
    await page.getByRole('option', { name: '李娜 (li.na)' }).click();
    await drawer.getByTestId('group-add-member').click();
    await drawer.getByTestId('group-member').getByText('李娜').waitFor();
    assert.ok((await api(`/api/v1/groups/${groupId}`)).json.members.some((m) => m.login === 'li.na'));
    await screenshot(page, 'admin-groups-en-desktop');
    await drawer.getByTestId('group-member').filter({ hasText: '李娜' }).getByTestId('group-remove-member').click();
    await page.getByRole('dialog', { name: 'Please confirm' }).getByRole('button', { name: 'Remove' }).click();
    await drawer.getByTestId('group-member').filter({ hasText: '李娜' }).waitFor({ state: 'detached' });
    assert.ok(!(await api(`/api/v1/groups/${groupId}`)).json.members.some((m) => m.login === 'li.na'));

    // A new group, third line.
    await page.keyboard.press('Escape');
    await page.getByTestId('group-create').click();
    const dialog = page.getByTestId('group-dialog');
    await dialog.getByTestId('group-name').fill('三线 数据库专家组');
    await dialog.getByTestId('group-line').getByText('Third line').click();
    await dialog.getByTestId('group-save').click();
    await page.getByTestId('group-drawer').getByText('Third line').waitFor();
    const groups = (await api('/api/v1/groups')).json.items;
    assert.equal(groups.find((g) => g.name === '三线 数据库专家组')?.line, 3);
    assertNoProblems(page);
  });
});

describe('roles', () => {
  test('admin creates a role with permissions and scopes (zh-CN)', async () => {
    const page = await signInAsAdmin();
    await page.getByTestId('nav-roles').click();
    await page.getByRole('heading', { name: '角色与权限' }).waitFor();
    await page.getByTestId('role-label').getByText('管理员').waitFor();
    await page.getByTestId('role-create').click();
    const dialog = page.getByTestId('role-dialog');
    await dialog.getByTestId('role-name').fill('inspection_lead');
    await dialog.getByTestId('role-label-zh').fill('巡检主管');
    await dialog.getByTestId('role-label-en').fill('Inspection lead');
    await dialog.getByTestId('role-add-grant').click();
    await pick(page, 'role-grant-1-permission', 'site.read', '权限 2');
    await dialog.getByTestId('role-grant-row').nth(1).getByText('全部').click();
    await dialog.getByTestId('role-add-grant').click();
    await pick(page, 'role-grant-2-permission', 'ticket.read', '权限 3');
    await dialog.getByTestId('role-grant-row').nth(2).getByText('本组织').click();
    await screenshot(page, 'admin-roles-zh-desktop');
    await dialog.getByTestId('role-save').click();
    await page.getByTestId('role-label').getByText('巡检主管').waitFor();
    const role = (await api('/api/v1/roles/inspection_lead')).json;
    assert.deepEqual(role.grants, [
      { permission: 'me.read', scope: 'own' }, { permission: 'site.read', scope: 'all' }, { permission: 'ticket.read', scope: 'organisation' },
    ]);
    assertNoProblems(page);
  });
});

describe('SLA policies', () => {
  test('admin creates a policy and simulates it: the deadline skips the National Day holidays (zh-CN)', async () => {
    const page = await signInAsAdmin();
    await page.getByTestId('nav-sla-policies').click();
    await page.getByRole('heading', { name: 'SLA 策略' }).waitFor();
    await page.getByTestId('sla-create').click();
    const dialog = page.getByTestId('sla-dialog');
    await dialog.getByTestId('sla-id').fill('gold');
    await dialog.getByTestId('sla-name-input').fill('金牌服务');
    await dialog.getByTestId('sla-match-priority').fill('P1');
    await dialog.locator('#sla-t0-amount').fill('8');

    // Simulate the draft: created on 30 September 2026 at 16:00, looked at on 9 October.
    await dialog.getByTestId('sla-simulate-draft').click();
    const sim = page.getByTestId('sla-sim');
    await sim.locator('#sim-ev0-at').fill('2026-09-30 16:00:00');
    await sim.locator('#sim-ev0-at').press('Enter');
    await sim.locator('#sim-now').fill('2026-10-09 10:00:00');
    await sim.locator('#sim-now').press('Enter');
    await sim.getByTestId('sim-run').click();
    const clock = sim.getByTestId('sla-clock').first();
    await clock.waitFor();
    assert.match(await clock.getByTestId('sla-deadline').innerText(), /2026\/10\/08/);
    await clock.getByText('为什么是这个时间？').click();
    assert.match(await clock.getByTestId('sla-steps').innerText(), /国庆/);
    await screenshot(page, 'admin-sla-simulate-zh-desktop');
    await page.keyboard.press('Escape');

    await dialog.getByTestId('sla-save').click();
    await page.getByTestId('sla-name').getByText('金牌服务').waitFor();
    const policy = (await api('/api/v1/sla-policies/gold')).json;
    assert.deepEqual(policy.match, { priority: 'P1' });
    assert.equal(policy.targets[0].kind, 'resolution');
    assert.equal(policy.targets[0].working_seconds, 8 * 3600);
    await screenshot(page, 'admin-sla-zh-desktop');
    assertNoProblems(page);
  });

  test('the SLA policies page in English on a phone', async () => {
    const page = await open({ viewport: PHONE, isMobile: true, locale: 'en' });
    await signIn(page, s.base, 'admin', 'admin-passw0rd');
    await page.waitForURL(/\/tickets$/);
    await page.goto(s.base + '/sla-policies');
    await page.getByRole('heading', { name: 'SLA policies' }).waitFor();
    await page.getByTestId('sla-name').first().waitFor();
    await noOverflow(page);
    await screenshot(page, 'admin-sla-en-phone');
    assertNoProblems(page);
  });
});

describe('working calendars', () => {
  test('admin gives Saturdays morning hours and imports 2030 holidays after a dry-run diff (zh-CN)', async () => {
    await api('/api/v1/calendars/china-mainland/copy', { method: 'POST', body: { id: 'shanghai-office', name_zh: '上海分公司工作日历', name_en: 'Shanghai office' } });
    const page = await signInAsAdmin();
    await page.goto(s.base + '/calendars/shanghai-office?month=2026-10');
    await page.getByTestId('calendar-title').getByText('上海分公司工作日历').waitFor();

    await page.getByTestId('weekly-edit').click();
    const dialog = page.getByTestId('weekly-dialog');
    await dialog.getByTestId('weekly-5-add').click(); // Saturday
    await dialog.getByTestId('weekly-total').getByText('每周共 49 小时').waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    await screenshot(page, 'admin-calendar-weekly-zh-desktop');
    await dialog.getByTestId('weekly-save').click();
    await page.getByTestId('calendar-weekly').locator('tr', { hasText: '星期六' }).getByText('09:00–18:00', { exact: true }).waitFor();
    const cal = (await api('/api/v1/calendars/shanghai-office')).json;
    assert.deepEqual(cal.weekly[5], [{ start: '09:00', end: '18:00' }]);
    assert.deepEqual(cal.weekly[6], []);

    // Import: the preview lists the changes and writes nothing; the import writes them.
    await page.getByTestId('calendar-import').click();
    const imp = page.getByTestId('import-dialog');
    await imp.locator('#import-source').fill('not json');
    await imp.getByTestId('import-preview-button').click();
    await imp.getByText('不是有效的 JSON').waitFor();
    const year = { 2030: { holidays: [{ name: '元旦', name_en: "New Year's Day", from: '2030-01-01', to: '2030-01-01' }], workdays: [] } };
    await imp.locator('#import-source').fill(JSON.stringify(year));
    await imp.getByTestId('import-preview-button').click();
    await imp.getByTestId('import-change').first().waitFor();
    assert.match(await imp.getByTestId('import-preview').innerText(), /2030/);
    assert.equal((await api('/api/v1/calendars/shanghai-office')).json.last_year, cal.last_year, 'a preview writes nothing');
    await screenshot(page, 'admin-calendar-import-zh-desktop');
    await imp.getByTestId('import-apply').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
    const after = (await api('/api/v1/calendars/shanghai-office')).json;
    assert.equal(after.last_year, 2030);
    assert.ok(after.holidays.some((h) => h.from === '2030-01-01'));
    assertNoProblems(page);
  });
});

describe('access', () => {
  test('a customer sees no administration in the menu, and the pages say "not found"', async () => {
    const page = await open();
    await signIn(page, s.base, 'zhang.wei', 'zhang-passw0rd');
    await page.waitForURL(/\/tickets$/);
    for (const name of ['users', 'groups', 'roles', 'sla-policies', 'dashboard', 'priority-matrix']) {
      assert.equal(await page.getByTestId(`nav-${name}`).count(), 0, name);
    }
    await page.goto(s.base + '/roles');
    await page.getByText('页面不存在').waitFor();
  });
});
