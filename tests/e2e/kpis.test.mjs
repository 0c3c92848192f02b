// The KPI dashboard and the monthly statistics (issue 9) in Debian's Chromium against a real
// `fuwu serve`: a repaired work order feeds the figures; each figure shows its light, target and
// definition and opens the records behind it; the statistics by product with approval and the
// XLSX link; a customer sees its own contract only; zh-CN and en, desktop and phone.
// Screenshots: docs/screenshots/kpis-*.png, statistics-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, noOverflow, launchBrowser, newPage, screenshot, signIn, fuwu, PHONE,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser, org, orderNumber;
const chinaMonth = (offset = 0) => {
  const d = new Date(Date.now() + 8 * 3600e3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};

async function signInAs(login, password, opts) {
  const page = await newPage(browser, opts);
  await signIn(page, s.base, login, password);
  await page.waitForURL(/\/tickets$/);
  return page;
}

before(async () => {
  s.setup();
  await s.start();
  org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '德阳农机合作社', kind: 'customer' } })).json;
  const site = (await api(`/api/v1/organisations/${org.id}/sites`, { method: 'POST', body: { name: '旌阳区仓库', region_code: '510603' } })).json;
  const line = (await api('/api/v1/products', { method: 'POST', body: { code: 'harvester', name_zh: '联合收割机', name_en: 'Combine harvesters' } })).json;
  const model = (await api(`/api/v1/products/${line.id}/models`, { method: 'POST', body: { code: '4LZ-2.5', name_zh: '4LZ-2.5 全喂入联合收割机', name_en: '4LZ-2.5 combine harvester', warranty_start: ['delivery'], warranty_months: 12 } })).json;
  await api('/api/v1/units', { method: 'POST', body: { serial: 'JX4LZ-E2E-1', model_id: model.id, organisation_id: org.id, site_id: site.id, delivery_date: new Date().toISOString().slice(0, 10) } });
  const centre = (await api('/api/v1/service-centres', { method: 'POST', body: { code: 'SC-CD', name_zh: '成都服务中心', name_en: 'Chengdu service centre', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' } })).json;
  fuwu(['user', 'add', 'eng.li', '--role', 'engineer', '--name', '李工', '--password-stdin', '--db', s.db], 'eng-li-passw0rd\n');
  fuwu(['user', 'add', 'wang.jl', '--role', 'manager', '--name', '王经理', '--password-stdin', '--db', s.db], 'wang-jl-passw0rd\n');
  fuwu(['user', 'add', 'zhang.kh', '--role', 'customer', '--name', '张客户', '--organisation', String(org.id), '--password-stdin', '--db', s.db], 'zhang-kh-passw0rd\n');
  const engineerId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.li'"));
  await api(`/api/v1/service-centres/${centre.id}/engineers/${engineerId}`, { method: 'PUT', body: { skills: ['harvester'] } });
  const engToken = fuwu(['token', 'create', 'eng.li', '--db', s.db]).split('\n')[0];
  let w = (await api('/api/v1/work-orders', { method: 'POST', body: { serial: 'JX4LZ-E2E-1', fault: '割台异响', channel: 'phone' } })).json;
  orderNumber = w.number;
  const steps = [
    [null, { transition: 'dispatch', engineer_id: engineerId }],
    [engToken, { transition: 'accept' }],
    [engToken, { transition: 'appoint', appointment_at: new Date(Date.now() + 3600e3).toISOString() }],
    [engToken, { transition: 'check_in' }],
    [engToken, { transition: 'repair', resolution: '更换轴承，自检正常' }],
  ];
  for (const [tok, body] of steps) {
    const r = tok
      ? await s.req(`/api/v1/work-orders/${w.id}/transitions`, { method: 'POST', token: tok, body, headers: { 'if-match': `"${w.version}"` } })
      : await api(`/api/v1/work-orders/${w.id}/transitions`, { method: 'POST', body, headers: { 'if-match': `"${w.version}"` } });
    assert.equal(r.status, 200, r.text);
    w = r.json;
  }
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('KPI dashboard', () => {
  test('a service manager sees each figure with its light, target and definition, and opens its records (zh-CN)', async () => {
    const page = await signInAs('wang.jl', 'wang-jl-passw0rd');
    await page.getByTestId('nav-kpis').click();
    await page.getByRole('heading', { name: '服务质量指标' }).waitFor();
    await page.getByTestId('kpi-orders').getByText('1', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('kpi-light-on_time').getAttribute('data-light'), 'green');
    assert.match(await page.getByTestId('kpi-on_time').innerText(), /服务及时率[\s\S]*100\.0 %[\s\S]*目标 ≥ 90 %/);
    assert.match(await page.getByTestId('kpi-definition-on_time').innerText(), /到场期限落在本月的工单/);
    // Complaints are counted since customer care (issue 9): none this month, against one order.
    assert.match(await page.getByTestId('kpi-complaint_rate').innerText(), /投诉率[\s\S]*0\.0 %[\s\S]*目标 < 3 % · 0 \/ 1/);
    assert.equal(await page.getByTestId('kpi-light-satisfaction').getAttribute('data-light'), 'none');
    await page.getByTestId('kpi-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(600); // the chart's entry animation
    await screenshot(page, 'kpis-zh-desktop');

    await page.getByTestId('kpi-open-first_time_fix').click();
    await page.getByTestId('kpi-records').getByText(orderNumber, { exact: false }).waitFor();
    assert.match(await page.getByTestId('kpi-record').first().innerText(), /计入：达标/);
    await page.getByTestId('kpi-record').first().getByRole('link').click();
    await page.waitForURL(/\/tickets\/\d+$/);
    assertNoProblems(page);
  });

  test('the dashboard in English on a phone', async () => {
    const page = await signInAs('wang.jl', 'wang-jl-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.goto(s.base + '/kpis');
    await page.getByRole('heading', { name: 'Service quality KPIs' }).waitFor();
    await page.getByTestId('kpi-definition-repair_time').getByText('mean working time', { exact: false }).waitFor();
    await page.getByTestId('kpi-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(600);
    await noOverflow(page);
    await screenshot(page, 'kpis-en-phone');
    assertNoProblems(page);
  });

  test('a customer sees its own contract only', async () => {
    const page = await signInAs('zhang.kh', 'zhang-kh-passw0rd');
    await page.goto(s.base + '/kpis');
    await page.getByRole('heading', { name: /服务质量指标 · 德阳农机合作社/ }).waitFor();
    await page.getByTestId('kpi-orders').getByText('1', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('kpi-scope').count(), 0);
    assertNoProblems(page);
  });
});

describe('monthly statistics', () => {
  test('the month by product and fault code with the XLSX and PDF links; last month is approved (zh-CN)', async () => {
    const page = await signInAs('wang.jl', 'wang-jl-passw0rd');
    await page.goto(`${s.base}/statistics?month=${chinaMonth()}`);
    await page.getByRole('heading', { name: '统计分析表' }).waitFor();
    await page.getByTestId('stats-product').getByText('4LZ-2.5 全喂入联合收割机').waitFor();
    await page.getByTestId('stats-fault').getByText('割台异响').waitFor();
    assert.equal(await page.getByTestId('stats-download').getAttribute('href'), `/api/v1/statistics/monthly/${chinaMonth()}.xlsx`);
    assert.equal(await page.getByTestId('stats-download-pdf').getAttribute('href'), `/api/v1/statistics/monthly/${chinaMonth()}.pdf?lang=zh-CN`);
    await page.getByTestId('stats-fault-code').getByText('（未填故障代码）').waitFor();
    assert.equal(await page.getByTestId('stats-approve').isDisabled(), true); // the month has not ended
    await page.getByTestId('stats-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, 'statistics-zh-desktop');

    await page.goto(`${s.base}/statistics?month=${chinaMonth(-1)}`);
    await page.getByTestId('stats-approval').getByText('未批准').waitFor();
    await page.getByTestId('stats-approve').click();
    await page.getByTestId('stats-note').fill('请质量部关注返修');
    await page.getByTestId('stats-approve-confirm').click();
    await page.getByText('已批准，统计分析表将按计划发送').waitFor();
    await page.getByTestId('stats-approval').getByText(/已由 wang\.jl 于/).waitFor();
    assert.equal(await page.getByTestId('stats-approve').count(), 0);
    assertNoProblems(page);
  });
});
