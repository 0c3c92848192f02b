// The after-sales back office (issue 8) in Chromium against a real `fuwu serve`: a service desk
// agent reports a fault by serial number and sees the warranty before saving, reads the order's
// warranty reason and distance tier, and dispatches it from the board as proposed (with the
// reason why the other engineers cannot go), then reassigns it with a reason. In English: an
// out-of-warranty order is quoted, accepted for the customer and then waits on the board.
// Then spare parts (a new part received, its stock and its trace) and units imported in bulk.
// Screenshots: docs/screenshots/work-order-detail.png, dispatch-board.png, work-order-quote-en.png,
// parts-stock.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, checkPrerequisites, launchBrowser, newPage, screenshot, signIn, fuwu, assertNoProblems, noOverflow, PHONE,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser, wang, zhang, li, orgId;

const userId = (login) => Number(s.sql(`SELECT id FROM users WHERE login = '${login}'`));
const addUser = (login, role, name, password) =>
  fuwu(['user', 'add', login, '--role', role, '--name', name, '--password-stdin', '--db', s.db], `${password}\n`);

before(async () => {
  s.setup();
  await s.start();
  const org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '德阳农机合作社', kind: 'customer' } })).json;
  orgId = org.id;
  await api('/api/v1/warehouses', { method: 'POST', body: { code: 'WH-HQ', name_zh: '总部中心库', kind: 'central' } });
  const site = (await api(`/api/v1/organisations/${org.id}/sites`, { method: 'POST', body: { name: '旌阳区仓库', region_code: '510603' } })).json;
  const line = (await api('/api/v1/products', { method: 'POST', body: { code: 'harvester', name_zh: '联合收割机' } })).json;
  const model = (await api(`/api/v1/products/${line.id}/models`, { method: 'POST', body: { code: '4LZ-2.5', name_zh: '全喂入联合收割机', warranty_months: 12 } })).json;
  const cd = (await api('/api/v1/service-centres', { method: 'POST', body: { code: 'SC-CD', name_zh: '成都服务中心', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' } })).json;
  const bj = (await api('/api/v1/service-centres', { method: 'POST', body: { code: 'SC-BJ', name_zh: '北京服务中心', region_code: '110105', latitude: 39.92, longitude: 116.44, territory: ['11'], calendar: '24x7' } })).json;
  addUser('eng.wang', 'engineer', '王工', 'wang-passw0rd');
  addUser('eng.zhang', 'engineer', '张工', 'zhang-passw0rd');
  addUser('eng.li', 'engineer', '李工', 'li-passw0rd');
  addUser('desk.chen', 'agent', '陈调度', 'chen-passw0rd');
  [wang, zhang, li] = ['eng.wang', 'eng.zhang', 'eng.li'].map(userId);
  await api(`/api/v1/service-centres/${cd.id}/engineers/${wang}`, { method: 'PUT', body: { skills: ['harvester'] } });
  await api(`/api/v1/service-centres/${cd.id}/engineers/${zhang}`, { method: 'PUT', body: { skills: ['harvester'] } });
  await api(`/api/v1/service-centres/${bj.id}/engineers/${li}`, { method: 'PUT', body: { skills: ['harvester'] } });
  // 张工 already has two open orders: 王工 is the cheaper choice.
  const installed = new Date(Date.now() - 100 * 86400000).toISOString().slice(0, 10);
  await api('/api/v1/units', { method: 'POST', body: { serial: 'JX4LZ-2026-0001', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: installed } });
  await api('/api/v1/units', { method: 'POST', body: { serial: 'JX4LZ-2020-0009', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: '2020-04-01' } });
  for (const fault of ['割台异响', '液压漏油']) {
    const o = (await api('/api/v1/work-orders', { method: 'POST', body: { serial: 'JX4LZ-2026-0001', fault, kind: 'maintenance' } })).json;
    await api(`/api/v1/work-orders/${o.id}/transitions`, { method: 'POST', headers: { 'if-match': `"${o.version}"` }, body: { transition: 'dispatch', engineer_id: zhang } });
  }
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

const order = async (id) => (await api(`/api/v1/work-orders/${id}`)).json;

describe('the service desk\'s after-sales pages', () => {
  test('report a fault, see warranty and tier, dispatch it from the board, reassign with a reason', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'desk.chen', 'chen-passw0rd');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('nav-work-orders').click();
    await page.waitForURL(/\/work-orders$/);

    // Report: the serial number is looked up and the warranty shown before saving.
    await page.getByTestId('wo-create').click();
    await page.getByTestId('wo-serial').fill('NO-SUCH-1');
    await page.getByTestId('wo-lookup').click();
    await page.getByText('没有序列号为 NO-SUCH-1 的设备').waitFor();
    await page.getByTestId('wo-serial').fill('JX4LZ-2026-0001');
    await page.getByTestId('wo-lookup').click();
    const preview = page.getByTestId('wo-warranty');
    await preview.getByText('保内', { exact: true }).waitFor();
    assert.match(await page.getByTestId('wo-warranty-explanation').innerText(), /保内：自安装日期 \d{4}-\d{2}-\d{2} 起 12 个月/);
    await page.getByTestId('wo-save').click();
    await page.getByText('请填写故障描述').waitFor(); // nothing sent without the fault
    await page.getByTestId('wo-fault').fill('启动机不转，无法启动');
    await page.getByTestId('wo-save').click();
    await page.waitForURL(/\/work-orders\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    // The order: warranty with its reason, the distance tier and its explanation, SLA clocks.
    await page.locator('[data-testid=wo-state][data-state=reported]').waitFor();
    assert.match(await page.getByTestId('wo-warranty').innerText(), /保内：自安装日期/);
    assert.equal(await page.getByTestId('wo-tier').innerText(), '<=300 km · 按距离分档');
    assert.match(await page.getByTestId('wo-distance').innerText(), /^\d+(\.\d)? km/);
    assert.match(await page.getByTestId('wo-target').innerText(), /档位 <=300 km，24 小时内到场/);
    await page.locator('[data-testid=step-dispatch]').waitFor();
    await screenshot(page, 'work-order-detail');

    // The list shows it; the overdue filter finds only orders past their deadline.
    await page.getByTestId('nav-work-orders').click();
    const row = page.getByTestId('wo-table').locator('tr').filter({ hasText: '启动机不转' });
    await row.getByText('保内').waitFor();
    s.sql(`UPDATE tickets SET sla_due_at = '2020-01-01T00:00:00Z' WHERE id = ${id}`);
    await page.getByTestId('wo-filter-overdue').click();
    await page.waitForURL(/overdue=true/);
    await page.getByTestId('wo-count').getByText('已加载 1 张工单').waitFor();
    await row.getByTestId('wo-overdue').waitFor();
    await page.getByTestId('wo-filter-overdue').click();
    await page.getByTestId('wo-count').getByText('已加载 3 张工单').waitFor();

    // The board: the order waits; the proposal names 王工 and why; 李工 is out of territory.
    await row.getByTestId('wo-link').click();
    await page.getByTestId('wo-open-board').click();
    await page.waitForURL(/\/dispatch\?order=\d+/);
    await page.getByTestId('board-order').filter({ hasText: '启动机不转' }).waitFor();
    assert.match(await page.getByTestId('board-proposal-text').innerText(), /派给 王工：2 名符合条件者中综合成本最低/);
    const liRow = page.getByTestId('board-candidates').locator('tr').filter({ hasText: '李工' });
    assert.match(await liRow.getByTestId('candidate-why').innerText(), /负责区域/);
    await screenshot(page, 'dispatch-board');
    await page.getByTestId('board-accept-proposal').click();
    await page.getByTestId('board-dispatched').filter({ hasText: '启动机不转' }).waitFor();
    let o = await order(id);
    assert.equal(o.state, 'dispatched');
    assert.equal(o.work_order.engineer_id, wang);

    // Reassign to 张工: a reason is required, then it is in the journal.
    await page.getByTestId('board-dispatched').filter({ hasText: '启动机不转' }).click();
    const zhangRow = page.getByTestId('board-candidates').locator('tr').filter({ hasText: '张工' });
    await zhangRow.getByTestId('candidate-assign').click();
    await page.getByTestId('reassign-confirm').click();
    await page.getByText('改派须填写原因').waitFor();
    await page.getByTestId('reassign-reason').fill('王工临时请假');
    await page.getByTestId('reassign-confirm').click();
    await page.getByTestId('reassign-dialog').waitFor({ state: 'hidden' });
    o = await order(id);
    assert.equal(o.work_order.engineer_id, zhang);
    const journal = (await api(`/api/v1/tickets/${id}/journal`)).json.items.map((e) => e.body).join('\n');
    assert.match(journal, /王工临时请假/);
    assertNoProblems(page, /status of (401|404|412|422)/);
  });

  test('in English: an out-of-warranty order is quoted, accepted for the customer, then waits on the board', async () => {
    const page = await newPage(browser, { locale: 'en' });
    await signIn(page, s.base, 'desk.chen', 'chen-passw0rd');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(s.base + '/work-orders');
    await page.getByTestId('wo-create').click();
    await page.getByTestId('wo-serial').fill('JX4LZ-2020-0009');
    await page.getByTestId('wo-lookup').click();
    await page.getByTestId('wo-warranty').getByText('Out of warranty', { exact: true }).waitFor();
    assert.match(await page.getByTestId('wo-warranty-explanation').innerText(), /Out of warranty: 12 months from installation on 2020-04-01, until 2021-03-31/);
    await page.getByTestId('wo-fault').fill('Engine will not start');
    await page.getByTestId('wo-save').click();
    await page.waitForURL(/\/work-orders\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('wo-warranty-tag').getByText('Out of warranty').waitFor();
    assert.equal(await page.locator('[data-testid=step-dispatch]').count(), 0); // quote first
    // A note from the phone call goes into the journal.
    await page.getByTestId('wo-note').fill('Customer asks for a visit after 2 pm');
    await page.getByTestId('wo-note-send').click();
    await page.getByTestId('wo-journal').getByText('Customer asks for a visit after 2 pm').waitFor();

    await page.getByTestId('quote-new').click();
    await page.getByTestId('quote-line-0-description').fill('Diagnosis and repair');
    await page.getByTestId('quote-line-0-quantity').locator('input').fill('2');
    await page.getByTestId('quote-line-0-price').fill('80');
    await page.getByTestId('quote-send').click();
    await page.locator('[data-testid=quote-state][data-state=sent]').waitFor();
    // 2 h × ¥80 = ¥160, 13 % tax ¥20.80: ¥180.80.
    assert.match(await page.getByTestId('quote-total').innerText(), /180\.80/);
    await page.getByTestId('quote-accept').click();
    await page.locator('[data-testid=quote-state][data-state=accepted]').waitFor();
    await page.locator('[data-testid=wo-state][data-state=quote_accepted]').waitFor();
    // Paid in two parts: ¥100 now, the balance later.
    await page.getByTestId('quote-pay-amount').fill('100');
    await page.getByTestId('quote-pay').click();
    await page.getByTestId('quote-balance').getByText('Paid CN¥100.00, balance CN¥80.80').waitFor();
    await screenshot(page, 'work-order-quote-en');

    await page.getByTestId('nav-dispatch').click();
    await page.getByTestId('board-order').filter({ hasText: 'Engine will not start' }).click();
    await page.getByTestId('board-proposal-text').getByText(/sent to 王工/).waitFor();
    assert.equal((await order(id)).state, 'quote_accepted');
    assertNoProblems(page);
  });

  test('spare parts: a new part is received, shows in stock and traces back; units are imported with their warranty', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'desk.chen', 'chen-passw0rd');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('nav-parts').click();
    await page.getByTestId('part-new').click();
    await page.getByTestId('part-number').fill('FDJ-24V');
    await page.getByTestId('part-name').fill('发电机 24V');
    await page.getByTestId('part-price').fill('350.5');
    await page.getByTestId('part-save').click();
    await page.getByTestId('parts-table').locator('tr').filter({ hasText: 'FDJ-24V' }).getByText('¥350.50').waitFor();

    // Receive 5 into the central warehouse.
    await page.getByTestId('movement-new').click();
    await page.getByTestId('movement-part').click();
    await page.getByRole('option', { name: 'FDJ-24V 发电机 24V', exact: true }).click();
    await page.getByTestId('movement-quantity').locator('input').fill('5');
    await page.getByTestId('movement-save').click();
    await page.getByTestId('movement-dialog').waitFor({ state: 'hidden' });
    // Scrapping more than there is: a clear problem, nothing written.
    await page.getByTestId('movement-new').click();
    await page.getByTestId('movement-kind-select').click();
    await page.getByRole('option', { name: '报废', exact: true }).click();
    await page.getByTestId('movement-part').click();
    await page.getByRole('option', { name: 'FDJ-24V 发电机 24V', exact: true }).click();
    await page.getByTestId('movement-from').click();
    await page.getByRole('option', { name: '总部中心库', exact: true }).click();
    await page.getByTestId('movement-quantity').locator('input').fill('9');
    await page.getByTestId('movement-save').click();
    await page.locator('.el-message--error').waitFor();
    await page.getByTestId('movement-dialog').getByRole('button', { name: '取消' }).click();

    await page.getByRole('tab', { name: '仓库与库存' }).click();
    await page.getByTestId('warehouse-WH-HQ').click();
    const row = page.getByTestId('stock-table').locator('tr').filter({ hasText: 'FDJ-24V' });
    assert.equal(await row.getByTestId('stock-available').innerText(), '5');
    await screenshot(page, 'parts-stock');

    // Reserve 2 for the accepted out-of-warranty order: 3 remain available.
    const accepted = (await api('/api/v1/work-orders?state=quote_accepted')).json.items[0];
    await page.goto(`${s.base}/work-orders/${accepted.id}`);
    await page.getByTestId('wo-reserve').click();
    await page.getByTestId('reserve-warehouse').click();
    await page.getByRole('option', { name: '总部中心库', exact: true }).click();
    await page.getByTestId('reserve-part').click();
    await page.getByRole('option', { name: 'FDJ-24V 发电机 24V', exact: true }).click();
    await page.getByTestId('reserve-quantity').locator('input').fill('2');
    await page.getByTestId('reserve-save').click();
    await page.getByTestId('wo-release').waitFor();
    assert.deepEqual((await api(`/api/v1/parts/reservations?work_order_id=${accepted.id}`)).json.items.map((r) => r.quantity), [2]);
    await page.goto(`${s.base}/parts?tab=stock`);
    await page.getByTestId('warehouse-WH-HQ').click();
    assert.equal(await row.getByTestId('stock-available').innerText(), '3');

    await page.getByRole('tab', { name: '配件档案' }).click();
    await page.getByTestId('part-trace-FDJ-24V').click();
    await page.getByTestId('movement-count').getByText('已加载 1 笔').waitFor();
    assert.deepEqual(await page.getByTestId('movements-table').getByTestId('movement-kind').allInnerTexts(), ['入库']);

    // The demand plan for purchasing, as CSV and as XLSX.
    await page.getByRole('tab', { name: '月度需求计划' }).click();
    await page.getByTestId('plan-total').waitFor();
    for (const [id, type] of [['plan-csv', /text\/csv/], ['plan-xlsx', /spreadsheetml/]]) {
      const res = await page.request.get(s.base + await page.getByTestId(id).getAttribute('href'));
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'], type);
    }

    // Units in bulk: one line each; then the warranty of one of them.
    await page.getByTestId('nav-products').click();
    await page.getByRole('tab', { name: '售出设备' }).click();
    await page.getByTestId('unit-import').click();
    // A CSV file as Excel saves it (UTF-8 with BOM, CRLF) fills the box.
    const csv = `\uFEFFJX4LZ-2026-0100,4LZ-2.5,${orgId},${new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10)}\r\nJX4LZ-2026-0101，4LZ-2.5，${orgId}\r\n`;
    await page.getByTestId('import-file').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('可导入 2 台').waitFor();
    await page.getByTestId('import-save').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('unit-search').fill('JX4LZ-2026-0100');
    await page.getByTestId('unit-search').press('Enter');
    await page.getByTestId('unit-count').getByText('已加载 1 台').waitFor();
    await page.getByTestId('unit-warranty-JX4LZ-2026-0100').click();
    assert.match(await page.getByTestId('unit-warranty').innerText(), /保内：自安装日期/);
    const units = (await api('/api/v1/units?serial=JX4LZ-2026-0101')).json.items;
    assert.equal(units.length, 1);

    // 王工 is absent today: the board says so and proposes 张工 instead.
    const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
    await page.getByRole('tab', { name: '服务中心' }).click();
    await page.getByTestId('schedule-eng.wang').click();
    for (const name of ['开始', '结束']) {
      const box = page.getByTestId('schedule-dialog').getByRole('combobox', { name, exact: true });
      await box.fill(today);
      await box.press('Enter');
    }
    await page.getByTestId('absence-add').click();
    await page.getByTestId('absences').getByText(today).first().waitFor();
    await page.goto(`${s.base}/dispatch?order=${accepted.id}`);
    const wangRow = page.getByTestId('board-candidates').locator('tr').filter({ hasText: '王工' });
    assert.match(await wangRow.getByTestId('candidate-why').innerText(), /缺勤/);
    await page.getByTestId('board-proposal-text').getByText(/派给 张工/).waitFor();
    assertNoProblems(page, /status of (401|404|422)/);
  });

  test('the four pages fit a phone', async () => {
    const page = await newPage(browser, { viewport: PHONE, isMobile: true });
    await signIn(page, s.base, 'desk.chen', 'chen-passw0rd');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const first = (await api('/api/v1/work-orders?order=oldest&limit=1')).json.items[0];
    for (const [path, ready] of [['/work-orders', 'wo-table'], [`/work-orders/${first.id}`, 'wo-actions'], [`/dispatch?order=${first.id}`, 'board-selected'], ['/parts', 'parts-table'], ['/products?tab=centres', 'centre-SC-CD']]) {
      await page.goto(s.base + path);
      await page.getByTestId(ready).waitFor();
      await noOverflow(page);
    }
    assertNoProblems(page);
  });
});
