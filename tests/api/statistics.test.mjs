// Monthly statistics by fault code, fault phenomenon and replaced part (issue 9, seed 004
// §5.1.10) on a small hand-checked data set, kept on every write of the order and its repair
// sheet, and the statistics as a PDF in Chinese and English. Runs on SQLite, and on PostgreSQL
// with FUWU_TEST_DB_URL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './harness.mjs';
import { helpers, assertProblem } from './aftersales_helpers.mjs';
import { fetchPdf } from './pdf.mjs';

const s = new Server();
const { token, addUser, post, put, get } = helpers(s);
let agent, manager, eng, engId, line, codes, starter, o1, o2, o3;
const chinaMonth = (offset = 0) => {
  const d = new Date(Date.now() + 8 * 3600e3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};
const month = chinaMonth();
const tr = async (id, tok, body) => {
  const v = (await get(`/api/v1/work-orders/${id}`, tok)).json.version;
  return post(`/api/v1/work-orders/${id}/transitions`, tok, body, { 'if-match': `"${v}"` });
};
const sheet = async (id, body) => {
  const v = (await get(`/api/v1/work-orders/${id}/sheet`, eng)).json.version;
  const r = await s.req(`/api/v1/work-orders/${id}/sheet`, { method: 'PATCH', token: eng, body, headers: { 'if-match': `"${v}"` } });
  assert.equal(r.status, 200, r.text);
};
let slot = 0;
async function toSite(id) {
  const at = new Date(Date.now() + (1 + 3 * slot++) * 3600e3).toISOString();
  for (const [tok, body] of [[agent, { transition: 'dispatch', engineer_id: engId }], [eng, { transition: 'accept' }],
    [eng, { transition: 'appoint', appointment_at: at }], [eng, { transition: 'check_in' }]]) {
    const r = await tr(id, tok, body);
    assert.equal(r.status, 200, `${body.transition}: ${r.text}`);
  }
}
const report = async (serial, fault) => {
  const r = await post('/api/v1/work-orders', agent, { serial, fault, channel: 'phone' });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const statistics = async () => {
  const r = await get(`/api/v1/statistics/monthly?month=${month}`, manager);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

before(async () => {
  s.setup();
  await s.start();
  const admin = s.adminToken;
  addUser('agent1', 'agent');
  addUser('mgr', 'manager');
  engId = addUser('eng.li', 'engineer');
  [agent, manager, eng] = ['agent1', 'mgr', 'eng.li'].map(token);
  const org = (await post('/api/v1/organisations', admin, { name: '德阳农机合作社', kind: 'customer' })).json;
  const site = (await post(`/api/v1/organisations/${org.id}/sites`, admin, { name: '旌阳区仓库', region_code: '510603' })).json;
  line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机', name_en: 'Combine harvesters' })).json;
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: '4LZ-2.5', name_zh: '全喂入联合收割机', warranty_start: ['delivery'], warranty_months: 12 })).json;
  const today = new Date().toISOString().slice(0, 10);
  for (const serial of ['JX-1', 'JX-2', 'JX-3']) {
    const u = await post('/api/v1/units', agent, { serial, model_id: model.id, organisation_id: org.id, site_id: site.id, delivery_date: today });
    assert.equal(u.status, 201, u.text);
  }
  const centre = (await post('/api/v1/service-centres', agent, { code: 'SC-CD', name_zh: '成都服务中心', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' })).json;
  assert.equal((await put(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, agent, { skills: ['harvester'] })).status, 200);
  codes = {};
  for (const [code, label_zh, label_en] of [['E-STARTER', '启动机不转', 'Starter does not turn'], ['E-HEADER', '割台异响', '']]) {
    const r = await post(`/api/v1/products/${line.id}/fault-codes`, agent, { code, label_zh, label_en });
    assert.equal(r.status, 201, r.text);
    codes[code] = r.json.id;
  }
  starter = (await post('/api/v1/parts', agent, { number: 'QDJ-12V', name_zh: '启动机 12V', name_en: 'Starter 12 V', price_cents: 48000, returnable: true })).json;
  const central = (await post('/api/v1/warehouses', agent, { code: 'WH-HQ', name_zh: '总部中心库', kind: 'central' })).json;
  const engWh = (await post('/api/v1/warehouses', agent, { code: 'WH-LI', name_zh: '李工随车库', kind: 'engineer', engineer_id: engId })).json;
  assert.equal((await post('/api/v1/stock-movements', agent, { kind: 'receipt', part_id: starter.id, quantity: 3, to_warehouse_id: central.id })).status, 201);

  // O1: reported as "无法启动", found to be the starter (E-STARTER), starter replaced, repaired.
  o1 = await report('JX-1', '无法启动');
  await toSite(o1.id);
  assert.equal((await post('/api/v1/stock-movements', agent, { kind: 'requisition', part_id: starter.id, quantity: 1, from_warehouse_id: central.id, to_warehouse_id: engWh.id, work_order_id: o1.id })).status, 201);
  await sheet(o1.id, { fault_phenomenon: '启动机不转', fault_code: 'E-STARTER' });
  const part = await post(`/api/v1/work-orders/${o1.id}/sheet/parts`, eng, { part_id: starter.id });
  assert.equal(part.status, 201, part.text);
  assert.equal((await tr(o1.id, eng, { transition: 'repair', resolution: '更换启动机' })).status, 200);
  // O2: reported as "打不着火", on site, the same phenomenon and code so far, no parts.
  o2 = await report('JX-2', '打不着火');
  await toSite(o2.id);
  await sheet(o2.id, { fault_phenomenon: '启动机不转', fault_code: 'E-STARTER' });
  // O3: reported only, no sheet: grouped by the fault as reported, with no fault code.
  o3 = await report('JX-3', '割台异响');
});
after(async () => { await s.stop(); s.cleanup(); });

describe('monthly statistics by fault and part', () => {
  test('by fault code, by fault phenomenon (the sheet\'s, else as reported), by replaced part', async () => {
    const st = await statistics();
    assert.deepEqual(st.totals, { orders: 3, repaired: 1, cancelled: 0, in_warranty: 3, parts_cost_cents: 48000, fees_cents: 0 });
    assert.deepEqual(st.by_fault_code.map((x) => [x.id, x.key, x.label_zh, x.label_en, x.orders, x.repaired, x.parts_cost_cents]), [
      [codes['E-STARTER'], 'E-STARTER', '启动机不转（联合收割机）', 'Starter does not turn (Combine harvesters)', 2, 1, 48000],
      [null, '', '（未填故障代码）', '(no fault code)', 1, 0, 0],
    ]);
    assert.deepEqual(st.by_fault.map((x) => [x.key, x.orders, x.repaired]), [['启动机不转', 2, 1], ['割台异响', 1, 0]]);
    assert.deepEqual(st.by_part.map((p) => [p.number, p.name_en, p.orders, p.consumed, p.returned_faulty, p.returned_unused, p.cost_cents]), [
      ['QDJ-12V', 'Starter 12 V', 1, 1, 1, 0, 48000],
    ]);
  });

  test('a changed fault code or phenomenon on the sheet moves the order at once', async () => {
    await sheet(o2.id, { fault_phenomenon: '割台异响', fault_code: 'E-HEADER' });
    const st = await statistics();
    assert.deepEqual(st.by_fault_code.map((x) => [x.key, x.label_zh, x.label_en, x.orders]), [
      // Equal counts: in the order of the codes' ids (none first).
      ['', '（未填故障代码）', '(no fault code)', 1],
      ['E-STARTER', '启动机不转（联合收割机）', 'Starter does not turn (Combine harvesters)', 1],
      ['E-HEADER', '割台异响（联合收割机）', '割台异响 (Combine harvesters)', 1],
    ]);
    assert.deepEqual(st.by_fault.map((x) => [x.key, x.orders]), [['割台异响', 2], ['启动机不转', 1]]);
    // Cleared again: back to the fault as reported and no code.
    await sheet(o2.id, { fault_phenomenon: '', fault_code: '' });
    const back = await statistics();
    assert.deepEqual(back.by_fault.map((x) => [x.key, x.orders]).sort(), [['割台异响', 1], ['启动机不转', 1], ['打不着火', 1]].sort());
    assert.deepEqual(back.by_fault_code.map((x) => [x.key, x.orders]), [['', 2], ['E-STARTER', 1]]);
    await sheet(o2.id, { fault_phenomenon: '启动机不转', fault_code: 'E-STARTER' });
  });
});

describe('the statistics as a PDF', () => {
  test('in Chinese by default, with every grouping', async () => {
    const { res, text, pages } = await fetchPdf(s, `/api/v1/statistics/monthly/${month}.pdf`, manager);
    assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="statistics-${month}\\.pdf"`));
    assert.ok(pages >= 1, `pages: ${pages}`);
    for (const x of [`统计分析表 ${month}`, '按故障代码', '按故障现象', '按更换配件', 'E-STARTER', '启动机不转', 'QDJ-12V', '480.00', '成都服务中心', '未批准']) {
      assert.ok(text.includes(x), `${x} not in:\n${text}`);
    }
  });

  test('in English by ?lang=en or by Accept-Language', async () => {
    for (const [query, headers] of [['?lang=en', {}], ['', { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' }]]) {
      const { text } = await fetchPdf(s, `/api/v1/statistics/monthly/${month}.pdf${query}`, manager, headers);
      for (const x of [`Monthly statistics ${month}`, 'By fault code', 'By replaced part', 'Starter 12 V', 'Not approved']) {
        assert.ok(text.includes(x), `${x} not in:\n${text}`);
      }
    }
    const zh = await fetchPdf(s, `/api/v1/statistics/monthly/${month}.pdf`, manager, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    assert.ok(zh.text.includes('统计分析表'));
  });

  test('bad requests are problems', async () => {
    assertProblem(await get(`/api/v1/statistics/monthly/${month}.pdf?lang=fr`, manager), 400, 'lang', 'not_allowed');
    assertProblem(await get(`/api/v1/statistics/monthly/${chinaMonth(1)}.pdf`, manager), 422, 'month', 'out_of_range');
    assertProblem(await get(`/api/v1/statistics/monthly/${month}.pdf`, agent), 403);
  });
});

describe('kept on write', () => {
  test('the statistics tallies equal a recount of the work orders\' facts', async () => {
    const recount = s.sql(`SELECT 'total', 0, '', COUNT(*), SUM(CASE WHEN resolved_month IS NOT NULL THEN 1 ELSE 0 END), SUM(cancelled), SUM(in_warranty), SUM(parts_cost_cents), SUM(fees_cents) FROM work_order_facts WHERE reported_month = '${month}'
      UNION ALL SELECT 'fault_code', COALESCE(fault_code_id, 0), '', COUNT(*), SUM(CASE WHEN resolved_month IS NOT NULL THEN 1 ELSE 0 END), SUM(cancelled), SUM(in_warranty), SUM(parts_cost_cents), SUM(fees_cents) FROM work_order_facts WHERE reported_month = '${month}' GROUP BY COALESCE(fault_code_id, 0)
      UNION ALL SELECT 'fault', 0, fault, COUNT(*), SUM(CASE WHEN resolved_month IS NOT NULL THEN 1 ELSE 0 END), SUM(cancelled), SUM(in_warranty), SUM(parts_cost_cents), SUM(fees_cents) FROM work_order_facts WHERE reported_month = '${month}' GROUP BY fault
      UNION ALL SELECT 'engineer', COALESCE(engineer_id, 0), '', COUNT(*), SUM(CASE WHEN resolved_month IS NOT NULL THEN 1 ELSE 0 END), SUM(cancelled), SUM(in_warranty), SUM(parts_cost_cents), SUM(fees_cents) FROM work_order_facts WHERE reported_month = '${month}' GROUP BY COALESCE(engineer_id, 0)`);
    const kept = s.sql(`SELECT dimension, key_id, key_text, orders, repaired, cancelled, in_warranty, parts_cost_cents, fees_cents FROM statistics_tallies WHERE month = '${month}' AND dimension IN ('total', 'fault_code', 'fault', 'engineer') AND orders <> 0`);
    const lines = (text) => text.split('\n').filter(Boolean).sort();
    assert.deepEqual(lines(kept), lines(recount));
    assert.equal(lines(kept).length, 1 + 2 + 2 + 2); // total; E-STARTER, none; two phenomena; eng.li, not dispatched
  });
});
