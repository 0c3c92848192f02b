// The header in Debian's Chromium against a real `fuwu serve`: the notification bell (unread count
// kept live over Server-Sent Events, the list, opening one marks it read, mark all read) and the
// global search box (a two-character Chinese word found inside longer titles, matches highlighted,
// markup in a title shown as text). zh-CN and en, desktop and phone.
// Screenshots: docs/screenshots/bell-*.png, search-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, noOverflow, launchBrowser, screenshot, signedInPage, fuwu, PHONE,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser, org, zhang;

const signInAs = (login, password, opts) => signedInPage(browser, s.base, login, password, opts);
const raise = (title, extra = {}) => api('/api/v1/tickets', { method: 'POST', body: { kind: 'incident', title, organisation_id: org, ...extra } }).then((r) => r.json);

before(async () => {
  s.setup();
  await s.start();
  org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer' } })).json.id;
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  fuwu(['user', 'add', 'zhang.wei', '--role', 'customer', '--organisation', String(org), '--name', '张伟', '--password-stdin', '--db', s.db], 'zhang-wei-passw0rd\n');
  zhang = (await api('/api/v1/users?q=zhang.wei')).json.items[0].id;
  await raise('机房服务器宕机', { description: '三号机柜的数据库服务器宕机，业务中断', requester_id: zhang });
  await raise('<img src=x onerror=alert(1)>交换机宕机');
  await raise('打印机卡纸');
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('the notification bell', () => {
  test('the unread count follows new notifications live; opening one marks it read (zh-CN)', async () => {
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd');
    const badge = page.getByTestId('bell-count').locator('sup');
    await badge.getByText('1', { exact: true }).waitFor();
    await raise('VPN 无法连接', { requester_id: zhang });
    await badge.getByText('2', { exact: true }).waitFor({ timeout: 15000 });
    await page.getByTestId('bell').click();
    const items = page.getByTestId('bell-panel').getByTestId('bell-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 2);
    assert.match(await items.first().innerText(), /VPN 无法连接/);
    await screenshot(page, 'bell-zh-desktop');
    await items.first().click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByTestId('ticket-title').getByText('VPN 无法连接').waitFor();
    await badge.getByText('1', { exact: true }).waitFor();
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-read-all').click();
    await badge.waitFor({ state: 'hidden' });
    assert.equal((await s.req('/api/v1/notifications/unread-count', { token: s.adminToken })).status, 200);
    assertNoProblems(page);
  });

  test('the bell on a phone, in English', async () => {
    await raise('邮箱无法登录', { requester_id: zhang });
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.getByTestId('bell-count').locator('sup').getByText('1', { exact: true }).waitFor();
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').getByText('Notifications').waitFor();
    await noOverflow(page);
    await screenshot(page, 'bell-en-phone');
    assertNoProblems(page);
  });

  test('older notifications by "load more"; mark all as read (zh-CN, keyboard)', async () => {
    for (let i = 1; i <= 21; i++) await raise(`打印机故障 ${i} 号`, { requester_id: zhang });
    const total = 24; // 2 read in the first test, then 1 + 21 unread
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd');
    const badge = page.getByTestId('bell-count').locator('sup');
    await badge.getByText('22', { exact: true }).waitFor();
    await page.getByTestId('bell').click();
    const items = page.getByTestId('bell-panel').getByTestId('bell-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 20);
    assert.match(await items.first().innerText(), /打印机故障 21 号/);
    const more = page.getByTestId('bell-more');
    await more.focus();
    await page.keyboard.press('Enter');
    await more.waitFor({ state: 'detached' });
    assert.equal(await items.count(), total);
    assert.match(await items.last().innerText(), /机房服务器宕机/);
    assert.equal(new Set(await items.allInnerTexts()).size, total, 'no notification twice');
    await page.getByTestId('bell-read-all').focus();
    await page.keyboard.press('Enter');
    await badge.waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('bell-panel').locator('.bell-item.unread').count(), 0);
    assertNoProblems(page);
  });
});

describe('global search', () => {
  test('a two-character word finds it inside longer titles, highlighted; markup stays text (zh-CN)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.getByTestId('header-search').fill('宕机');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hits = page.getByTestId('search-hit');
    await hits.first().waitFor();
    assert.equal(await hits.count(), 2);
    assert.deepEqual(await page.getByTestId('search-results').locator('.hit-title mark').allInnerTexts(), ['宕机', '宕机']);
    await page.getByTestId('search-results').getByText('<img src=x onerror=alert(1)>', { exact: false }).waitFor();
    assert.equal(await page.getByTestId('search-results').locator('img').count(), 0, 'no element from a title');
    assert.ok((await page.getByTestId('search-snippet').allInnerTexts()).some((x) => x.includes('宕机')));
    await screenshot(page, 'search-zh-desktop');
    // Nothing found: said so.
    await page.getByTestId('search-input').fill('不存在的词语');
    await page.getByTestId('search-submit').click();
    await page.getByText('没有找到与“不存在的词语”相关的工单').waitFor();
    assertNoProblems(page);
  });

  test('the kind filter: incidents or service requests only, kept in the address (zh-CN)', async () => {
    const third = (await api('/api/v1/organisations', { method: 'POST', body: { name: '丙公司', kind: 'customer' } })).json.id;
    const service = (await api('/api/v1/catalogue/services', { method: 'POST', body: { code: 'infra', name_zh: '基础设施', name_en: 'Infrastructure' } })).json;
    const item = (await api('/api/v1/catalogue/items', { method: 'POST', body: { service_id: service.id, code: 'restore', name_zh: '宕机恢复', name_en: 'Restore after an outage' } })).json;
    const request = (await api('/api/v1/tickets', { method: 'POST', body: { kind: 'request', catalogue_item_id: item.id, title: '申请宕机恢复演练', form: {}, organisation_id: third } })).json;
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.goto(`${s.base}/search?q=${encodeURIComponent('宕机')}`);
    const hits = page.getByTestId('search-hit');
    await page.getByTestId('search-count').getByText(/3/).waitFor();
    await page.getByTestId('search-kind').getByText('服务请求').click();
    await page.waitForURL(/kind=request/);
    await page.getByTestId('search-count').getByText(/1/).waitFor();
    assert.match(await hits.first().innerText(), new RegExp(request.number));
    await page.getByTestId('search-kind').getByText('事件').click();
    await page.waitForURL(/kind=incident/);
    await page.getByTestId('search-count').getByText(/2/).waitFor();
    assert.deepEqual(await page.getByTestId('search-results').getByText('事件', { exact: true }).count(), 2);
    // The address keeps the kind: a reload shows the same.
    await page.reload();
    await page.getByTestId('search-count').getByText(/2/).waitFor();
    assert.equal(await page.getByTestId('search-kind').getByRole('radio', { name: '事件' }).isChecked(), true);
    await page.getByTestId('search-kind').getByText('全部类型').click();
    await page.getByTestId('search-count').getByText(/3/).waitFor();
    assertNoProblems(page);
  });

  test('a customer finds only its organisation\'s tickets, on a phone (en)', async () => {
    const other = (await api('/api/v1/organisations', { method: 'POST', body: { name: '乙公司', kind: 'customer' } })).json.id;
    await api('/api/v1/tickets', { method: 'POST', body: { kind: 'incident', title: '乙公司服务器宕机', organisation_id: other } });
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.getByTestId('header-search-open').click();
    await page.getByTestId('search-input').fill('宕机');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-hit').first().waitFor();
    assert.equal(await page.getByTestId('search-hit').count(), 2);
    assert.equal(await page.getByText('乙公司服务器宕机').count(), 0);
    await noOverflow(page);
    await screenshot(page, 'search-en-phone');
    assertNoProblems(page);
  });
});
