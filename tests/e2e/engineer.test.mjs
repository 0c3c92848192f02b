// The engineer's phone view (issue 8) in Chromium at 375 px against a real `fuwu serve`: the
// orders dispatched to me, the steps on site — one of them taken while the phone is offline and
// sent when the connection returns, exactly once — the repair sheet with a part from my own
// stock, and the customer's signature drawn on the screen; a quote the customer accepts by signing
// on the phone, offline first. Screenshots: docs/screenshots/engineer-phone.png, engineer-quote.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, checkPrerequisites, noOverflow, launchBrowser, newPage, screenshot, signIn, fuwu, PHONE,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser, order, quoted, quote, engId;

before(async () => {
  s.setup();
  await s.start();
  const org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '德阳农机合作社', kind: 'customer' } })).json;
  const site = (await api(`/api/v1/organisations/${org.id}/sites`, { method: 'POST', body: { name: '旌阳区仓库', region_code: '510603' } })).json;
  const line = (await api('/api/v1/products', { method: 'POST', body: { code: 'harvester', name_zh: '联合收割机' } })).json;
  const model = (await api(`/api/v1/products/${line.id}/models`, { method: 'POST', body: { code: '4LZ-2.5', name_zh: '全喂入联合收割机', warranty_months: 12 } })).json;
  await api(`/api/v1/products/${line.id}/fault-codes`, { method: 'POST', body: { code: 'E-STARTER', label_zh: '启动机不转' } });
  const centre = (await api('/api/v1/service-centres', { method: 'POST', body: { code: 'SC-CD', name_zh: '成都服务中心', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' } })).json;
  fuwu(['user', 'add', 'eng.wang', '--role', 'engineer', '--name', '王工', '--password-stdin', '--db', s.db], 'wang-passw0rd\n');
  engId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.wang'"));
  await api(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, { method: 'PUT', body: { skills: ['harvester'] } });
  const installed = new Date(Date.now() - 100 * 86400000).toISOString().slice(0, 10);
  await api('/api/v1/units', { method: 'POST', body: { serial: 'JX4LZ-2026-0001', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: installed } });
  const part = (await api('/api/v1/parts', { method: 'POST', body: { number: 'QDJ-12V', name_zh: '启动机 12V', price_cents: 48000, returnable: true } })).json;
  const central = (await api('/api/v1/warehouses', { method: 'POST', body: { code: 'WH-HQ', name_zh: '总部中心库', kind: 'central' } })).json;
  const own = (await api('/api/v1/warehouses', { method: 'POST', body: { code: 'WH-WANG', name_zh: '王工随车库', kind: 'engineer', engineer_id: engId } })).json;
  await api('/api/v1/stock-movements', { method: 'POST', body: { kind: 'receipt', part_id: part.id, quantity: 2, to_warehouse_id: central.id } });
  order = (await api('/api/v1/work-orders', { method: 'POST', body: { serial: 'JX4LZ-2026-0001', fault: '启动机不转，无法启动', channel: 'phone' } })).json;
  await api(`/api/v1/work-orders/${order.id}/transitions`, { method: 'POST', headers: { 'if-match': `"${order.version}"` }, body: { transition: 'dispatch', engineer_id: engId } });
  await api('/api/v1/stock-movements', { method: 'POST', body: { kind: 'requisition', part_id: part.id, quantity: 1, from_warehouse_id: central.id, to_warehouse_id: own.id, work_order_id: order.id } });
  // Out of warranty: quoted, and the engineer goes to the customer with the quote.
  await api('/api/v1/units', { method: 'POST', body: { serial: 'JX4LZ-2020-0009', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: '2020-04-01' } });
  quoted = (await api('/api/v1/work-orders', { method: 'POST', body: { serial: 'JX4LZ-2020-0009', fault: '发电机不充电', channel: 'phone' } })).json;
  quote = (await api('/api/v1/quotes', { method: 'POST', body: { work_order_id: quoted.id, lines: [
    { kind: 'labour', description: '拆检发电机', quantity: 2, unit_price: 8000 }, { kind: 'part', part_id: part.id }] } })).json;
  const qv = (await api(`/api/v1/work-orders/${quoted.id}`)).json.version;
  await api(`/api/v1/tickets/${quoted.id}`, { method: 'PATCH', headers: { 'if-match': `"${qv}"` }, body: { assignee_id: engId } });
  browser = await launchBrowser();
});

// The engineer signed in on a 375 px phone, on the engineer view.
async function phone() {
  const page = await newPage(browser, { viewport: PHONE, isMobile: true });
  await signIn(page, s.base, 'eng.wang', 'wang-passw0rd');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(s.base + '/engineer');
  return page;
}

// Strokes as the phone's touch screen sends them (pointer events on the canvas).
async function draw(pad) {
  const box = await pad.boundingBox();
  const at = (x, y) => ({ clientX: box.x + x, clientY: box.y + y, pointerId: 1, pointerType: 'touch', bubbles: true });
  await pad.dispatchEvent('pointerdown', at(20, 100));
  for (const [x, y] of [[60, 40], [100, 110], [140, 30], [200, 90], [260, 60]]) await pad.dispatchEvent('pointermove', at(x, y));
  await pad.dispatchEvent('pointerup', at(260, 60));
}

after(() => tearDown(browser, s));

const state = async () => (await api(`/api/v1/work-orders/${order.id}`)).json.state;

describe('the engineer on the phone', () => {
  test('from the list to the signed sheet, with a step taken offline', async () => {
    const page = await phone();
    await page.getByTestId('order').filter({ hasText: order.number }).click();
    await page.getByTestId('step-accept').click();
    await page.locator('[data-testid=state][data-state=accepted]').waitFor();
    // The visit slot is agreed by the service desk here; the phone reloads.
    const v = (await api(`/api/v1/work-orders/${order.id}`)).json.version;
    await s.req(`/api/v1/work-orders/${order.id}/transitions`, { method: 'POST', token: fuwu(['token', 'create', 'eng.wang', '--db', s.db]).split('\n')[0],
      headers: { 'if-match': `"${v}"` }, body: { transition: 'appoint', appointment_at: new Date(Date.now() + 3600000).toISOString() } });
    await page.reload();
    await page.getByTestId('order').filter({ hasText: order.number }).click();
    await page.getByTestId('step-depart').click();
    await page.locator('[data-testid=state][data-state=on_the_way]').waitFor();

    // Offline on site: the check-in is kept on the phone …
    await page.context().setOffline(true);
    await page.getByTestId('step-check_in').click();
    await page.getByTestId('offline').waitFor();
    await page.getByTestId('queue').waitFor();
    assert.equal(await state(), 'on_the_way');
    // … and sent once when the connection returns.
    await page.context().setOffline(false);
    await page.locator('[data-testid=state][data-state=on_site]').waitFor();
    await page.getByTestId('queue').waitFor({ state: 'detached' });
    assert.equal(await state(), 'on_site');
    const checkIns = (await api(`/api/v1/audit?record=ticket:${order.id}`)).json.items.filter((e) => e.changes.some((c) => c.field === 'state' && c.new === 'on_site'));
    assert.equal(checkIns.length, 1);

    // The repair sheet, a part from my own stock, the repair.
    await page.getByTestId('phenomenon').fill('打火时启动机无反应');
    await page.getByTestId('fault-code').fill('E-STARTER');
    await page.getByTestId('solution').fill('更换启动机');
    await page.getByText('合格', { exact: true }).click();
    await page.getByTestId('verdict').click();
    await page.getByRole('option', { name: '满意', exact: true }).click();
    await page.getByTestId('save-sheet').click();
    await page.getByTestId('use-QDJ-12V').click();
    await page.getByText('已更换: QDJ-12V').waitFor();
    await page.getByTestId('step-repair').click();
    await page.locator('[data-testid=state][data-state=repaired]').waitFor();

    // The customer signs on the screen.
    await draw(page.getByTestId('pad'));
    await page.getByTestId('signer').fill('张经理');
    await page.getByTestId('sign').click();
    await page.getByTestId('signed').getByText('张经理').waitFor();
    await noOverflow(page);
    await screenshot(page, 'engineer-phone');

    assert.equal(await state(), 'signed');
    const sheet = (await api(`/api/v1/work-orders/${order.id}/sheet`)).json;
    assert.equal(sheet.fault_code.code, 'E-STARTER');
    assert.equal(sheet.signature.signer, '张经理');
    assert.deepEqual(sheet.parts_replaced.map((p) => p.part_number), ['QDJ-12V']);
    const png = await fetch(`${s.base}/api/v1/work-orders/${order.id}/sheet/signature`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    assert.ok((await png.arrayBuffer()).byteLength > 500, 'the drawn signature, not an empty canvas');
  });

  test('the customer accepts a quote by signing on the phone, sent once after the connection returns', async () => {
    const page = await phone();
    await page.getByTestId('order').filter({ hasText: quoted.number }).click();
    const card = page.locator('[data-testid=quote][data-state=sent]');
    await card.waitFor();
    // The lines and the totals: labour 2 h × 80.00, the part at its list price, 13 % tax.
    for (const want of ['拆检发电机', '160.00', '480.00', '小计', '640.00', '83.20', quote.total_text]) await card.getByText(want).first().waitFor();
    assert.equal(await page.getByTestId('quote-accept').isDisabled(), true);
    await draw(page.getByTestId('quote-pad'));
    await page.getByTestId('quote-signer').fill('刘会计');
    await page.getByTestId('quote-reason').fill('价格可以接受');
    await noOverflow(page);
    await screenshot(page, 'engineer-quote');

    await page.context().setOffline(true);
    await page.getByTestId('quote-accept').click();
    await page.getByTestId('queue').waitFor();
    assert.equal((await api(`/api/v1/quotes/${quote.id}`)).json.state, 'sent');
    await page.context().setOffline(false);
    await page.locator('[data-testid=quote][data-state=accepted]').waitFor();
    await page.getByTestId('quote-signed').getByText('刘会计').waitFor();
    await page.getByTestId('queue').waitFor({ state: 'detached' });

    const q = (await api(`/api/v1/quotes/${quote.id}`)).json;
    assert.equal(q.state, 'accepted');
    assert.equal(q.signature.signer, '刘会计');
    assert.equal(q.decision_reason, '价格可以接受');
    assert.equal((await api(`/api/v1/work-orders/${quoted.id}`)).json.state, 'quote_accepted');
    assert.equal((await api(`/api/v1/audit?record=quote:${quote.id}`)).json.items.filter((e) => e.action === 'accepted').length, 1);
    const png = await fetch(`${s.base}/api/v1/quotes/${quote.id}/signature`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.ok((await png.arrayBuffer()).byteLength > 500, 'the drawn signature, not an empty canvas');
  });
});
