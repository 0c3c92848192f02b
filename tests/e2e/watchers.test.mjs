// Watchers, the delivery log and folded mail history on the ticket page, in Debian's Chromium
// against a real `fuwu serve`: an agent watches a ticket and adds a colleague of the customer; the
// customer unwatches themselves and has no add box; the agent sees the notification deliveries;
// a description's quoted e-mail history is folded behind a toggle.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, launchBrowser, signedInPage, fuwu } from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser, ticket;

const signInAs = (login, password, opts) => signedInPage(browser, s.base, login, password, opts);

before(async () => {
  s.setup();
  await s.start();
  const org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer' } })).json.id;
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  fuwu(['user', 'add', 'zhang.wei', '--role', 'customer', '--organisation', String(org), '--name', '张伟', '--password-stdin', '--db', s.db], 'zhang-wei-passw0rd\n');
  fuwu(['user', 'add', 'zhao.lei', '--role', 'customer', '--organisation', String(org), '--name', '赵磊', '--password-stdin', '--db', s.db], 'zhao-lei-passw0rd\n');
  const zhang = (await api('/api/v1/users?limit=50')).json.items.find((u) => u.login === 'zhang.wei').id;
  ticket = (await api('/api/v1/tickets', { method: 'POST', body: {
    kind: 'incident', title: '打印机卡纸', organisation_id: org, requester_id: zhang,
    description: '三楼打印机又卡纸了。\n\n-----原始邮件-----\n发件人：服务台\n> 请先重启打印机',
  } })).json;
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('watchers on the ticket page', () => {
  test('an agent watches and adds a colleague of the customer; the deliveries are listed; history is folded', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.goto(`${s.base}/tickets/${ticket.id}`);
    const card = page.getByTestId('ticket-watchers');
    await card.getByText('暂无关注人').waitFor();
    await page.getByTestId('ticket-watch-toggle').click();
    await card.getByTestId('ticket-watcher-item').filter({ hasText: '李娜' }).waitFor();
    assert.equal((await page.getByTestId('ticket-watch-toggle').textContent()).trim(), '取消关注');

    await card.getByTestId('person-picker').click();
    await page.keyboard.type('赵');
    await page.getByRole('option', { name: /赵磊/ }).click();
    await page.getByTestId('ticket-watcher-add').click();
    await card.getByTestId('ticket-watcher-item').filter({ hasText: '赵磊' }).waitFor();

    // The delivery log: the requester was told of the new record (in-app; no SMTP here: skipped).
    await page.getByTestId('ticket-deliveries').getByTestId('ticket-delivery-item').first().waitFor();
    assert.equal(await page.getByTestId('ticket-delivery-retry').count(), 0);

    // The quoted history of the description is folded.
    const description = page.getByTestId('ticket-description');
    assert.match(await description.textContent(), /三楼打印机又卡纸了/);
    assert.equal(await description.getByTestId('quoted-text').count(), 0);
    await description.getByTestId('quoted-toggle').click();
    assert.match(await description.getByTestId('quoted-text').textContent(), /请先重启打印机/);
    assertNoProblems(page);
  });

  test('a customer unwatches themselves and may not add anyone', async () => {
    await api(`/api/v1/tickets/${ticket.id}/watchers`, { method: 'POST', body: { user_id: (await api('/api/v1/users?limit=50')).json.items.find((u) => u.login === 'zhang.wei').id } });
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd');
    await page.goto(`${s.base}/tickets/${ticket.id}`);
    const card = page.getByTestId('ticket-watchers');
    await card.getByTestId('ticket-watcher-item').filter({ hasText: '张伟' }).waitFor();
    assert.equal(await card.getByTestId('ticket-watcher-add').count(), 0);
    assert.equal(await card.getByTestId('ticket-watcher-remove').count(), 0);
    assert.equal(await page.getByTestId('ticket-deliveries').count(), 0);
    await page.getByTestId('ticket-watch-toggle').click();
    await card.getByTestId('ticket-watcher-item').filter({ hasText: '张伟' }).waitFor({ state: 'detached' });
    assert.equal((await page.getByTestId('ticket-watch-toggle').textContent()).trim(), '关注');
    assertNoProblems(page);
  });
});
