// The customer-care settings page (客户关怀设置) in Debian's Chromium against a real `fuwu serve`:
// an administrator sets the follow-up delay and the follow-up group automatic follow-ups go
// round-robin to, saved with If-Match; an agent reads the settings but cannot change them.
// Screenshot: docs/screenshots/crm-settings.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, launchBrowser, newPage, screenshot, signIn, fuwu } from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser;
let groupId, orgId, liNaId;

before(async () => {
  s.setup();
  await s.start();
  groupId = (await api('/api/v1/groups', { method: 'POST', body: { name: '回访组', line: 1 } })).json.id;
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  liNaId = Number(s.sql("SELECT id FROM users WHERE login = 'li.na'"));
  orgId = (await api('/api/v1/organisations', { method: 'POST', body: { name: '德阳农机合作社', kind: 'customer' } })).json.id;
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('customer-care settings', () => {
  test('an administrator sets the delay and the follow-up group (zh-CN)', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'admin', 'admin-passw0rd');
    await page.waitForURL(/\/tickets$/);
    await page.getByTestId('nav-care-settings').click();
    await page.getByRole('heading', { name: '客户关怀设置' }).waitFor();
    await page.getByText('回访组（轮流分派）').waitFor();
    await page.getByTestId('crm-delay').locator('input').fill('0');
    await page.getByTestId('crm-group').click();
    await page.getByRole('option', { name: '回访组' }).click();
    await page.getByTestId('crm-settings-save').click();
    await page.getByText('已保存').first().waitFor();
    await screenshot(page, 'crm-settings');
    const saved = (await api('/api/v1/follow-ups/settings')).json;
    assert.equal(saved.follow_up_delay_days, 0);
    assert.equal(saved.follow_up_group_id, groupId);
    await assertNoProblems(page);
  });

  test('the customer archive names the care owner automatic follow-ups go to', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'admin', 'admin-passw0rd');
    await page.waitForURL(/\/tickets$/);
    await page.goto(`${s.base}/customers/${orgId}/archive`);
    await page.getByTestId('archive-care-owner').getByText('回访负责人').waitFor();
    await page.getByTestId('archive-care-owner').getByTestId('person-picker').click();
    await page.getByRole('option', { name: /李娜/ }).click();
    await page.getByText('已保存').first().waitFor();
    const care = (await api(`/api/v1/customers/${orgId}/archive`)).json.care;
    assert.equal(care.care_owner_id, liNaId);
    await assertNoProblems(page);
  });

  test('an agent reads the settings but has no save button and no menu entry', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'li.na', 'li-na-passw0rd');
    await page.waitForURL(/\/tickets$/);
    assert.equal(await page.getByTestId('nav-care-settings').count(), 0);
    await page.goto(`${s.base}/care-settings`);
    await page.getByRole('heading', { name: '客户关怀设置' }).waitFor();
    await page.getByTestId('crm-settings').waitFor();
    assert.equal(await page.getByTestId('crm-settings-save').count(), 0);
  });
});
