// After-sales from the customer's call to the signed repair sheet (issue 8), end to end over the
// API: an in-warranty repair (warranty, distance tier, SLA clocks, parts from the engineer's own
// stock with the faulty one back to headquarters, the signature drawn on the phone, the PDF in
// Chinese) and an out-of-warranty repair (quote accepted in the portal, fee paid), then repeat
// repairs of the same fault. Runs on SQLite, and on PostgreSQL with FUWU_TEST_DB_URL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, fuwu } from './harness.mjs';
import { fetchPdf } from './pdf.mjs';

const s = new Server();
let admin, agent, alice, bob, eng, engId;
let line, centre, newUnit, oldUnit, starter, fuse, central, engWh;
const token = (loginName) => fuwu(['token', 'create', loginName, '--db', s.db]).split('\n')[0];
function addUser(loginName, role, org) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db];
  if (org) args.push('--organisation', String(org));
  fuwu(args, 'some-passw0rd\n');
}
const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
const get = (path, tok) => s.req(path, { token: tok });
const count = (table) => Number(s.sql(`SELECT COUNT(*) FROM ${table}`));
const tr = async (id, tok, body) => {
  const v = (await get(`/api/v1/work-orders/${id}`, agent)).json.version;
  return s.req(`/api/v1/work-orders/${id}/transitions`, { method: 'POST', token: tok, body, headers: { 'if-match': `"${v}"` } });
};
const sheet = (id, tok, version, body) => s.req(`/api/v1/work-orders/${id}/sheet`, { method: 'PATCH', token: tok, body, headers: { 'if-match': `"${version}"` } });
const sign = (id, tok, version, bytes, signer = '张经理') => s.req(`/api/v1/work-orders/${id}/sheet/signature?signer=${encodeURIComponent(signer)}`,
  { method: 'PUT', token: tok, body: bytes, headers: { 'content-type': 'image/png', 'if-match': `"${version}"` } });
const level = async (wh, part, cond = 'good') => ((await get(`/api/v1/warehouses/${wh}`, agent)).json.stock
  .find((x) => x.part_id === part && x.condition === cond) || { quantity: 0 }).quantity;
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
// A 1×1 PNG (what the signature canvas sends, only smaller).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function assertProblem(r, status, field, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  if (field) {
    const f = r.json.errors.find((e) => e.field === field || e.field === '/' + field);
    assert.ok(f, `no error for ${field}: ${r.text}`);
    if (code) assert.equal(f.code, code, r.text);
  }
}

// The text of a PDF as poppler's pdftotext reads it.
async function pdfText(id, tok) {
  return (await fetchPdf(s, `/api/v1/work-orders/${id}/sheet.pdf`, tok)).text;
}

// dispatch → accept → appoint → depart → check in. Each visit gets its own slot (an engineer's
// appointments may not overlap while their orders are open).
let slot = 0;
async function toSite(id) {
  const at = new Date(Date.now() + (1 + 3 * slot++) * 3600000).toISOString();
  for (const [tok, body] of [[agent, { transition: 'dispatch', engineer_id: engId }], [eng, { transition: 'accept' }],
    [eng, { transition: 'appoint', appointment_at: at }], [eng, { transition: 'depart' }], [eng, { transition: 'check_in' }]]) {
    const r = await tr(id, tok, body);
    assert.equal(r.status, 200, `${body.transition}: ${r.text}`);
  }
}

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  const org = (await post('/api/v1/organisations', admin, { name: '德阳农机合作社', kind: 'customer' })).json;
  const other = (await post('/api/v1/organisations', admin, { name: '绵阳收割队', kind: 'customer' })).json;
  const site = (await post(`/api/v1/organisations/${org.id}/sites`, admin, { name: '旌阳区仓库', region_code: '510603' })).json;
  addUser('agent1', 'agent');
  addUser('alice', 'customer', org.id);
  addUser('bob', 'customer', other.id);
  addUser('eng.li', 'engineer');
  [agent, alice, bob, eng] = ['agent1', 'alice', 'bob', 'eng.li'].map(token);
  engId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.li'"));
  line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机' })).json;
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: '4LZ-2.5', name_zh: '全喂入联合收割机', warranty_months: 12 })).json;
  centre = (await post('/api/v1/service-centres', agent, { code: 'SC-CD', name_zh: '成都服务中心', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' })).json;
  assert.ok(centre.id, JSON.stringify(centre));
  assert.equal((await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, { method: 'PUT', token: agent, body: { skills: ['harvester'] } })).status, 200);
  newUnit = (await post('/api/v1/units', agent, { serial: 'JX4LZ-2026-0001', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: daysAgo(200) })).json;
  oldUnit = (await post('/api/v1/units', agent, { serial: 'JX4LZ-2020-0009', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: '2020-04-01' })).json;
  for (const [code, label_zh] of [['E-STARTER', '启动机不转'], ['E-HEADER', '割台异响']]) {
    assert.equal((await post(`/api/v1/products/${line.id}/fault-codes`, agent, { code, label_zh })).status, 201);
  }
  starter = (await post('/api/v1/parts', agent, { number: 'QDJ-12V', name_zh: '启动机 12V', price_cents: 48000, warranty_months: 3, returnable: true })).json;
  fuse = (await post('/api/v1/parts', agent, { number: 'BXS-30A', name_zh: '保险丝 30A', price_cents: 500 })).json;
  central = (await post('/api/v1/warehouses', agent, { code: 'WH-HQ', name_zh: '总部中心库', kind: 'central' })).json;
  engWh = (await post('/api/v1/warehouses', agent, { code: 'WH-LI', name_zh: '李工随车库', kind: 'engineer', engineer_id: engId })).json;
  assert.equal((await post('/api/v1/stock-movements', agent, { kind: 'receipt', part_id: starter.id, quantity: 3, to_warehouse_id: central.id })).status, 201);
});
after(async () => { await s.stop(); s.cleanup(); });

describe('fault codes', () => {
  test('a catalogue per product line; engineers read it, only the service desk adds', async () => {
    const r = await get(`/api/v1/products/${line.id}/fault-codes`, eng);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((f) => [f.code, f.label_zh]), [['E-HEADER', '割台异响'], ['E-STARTER', '启动机不转']]);
    assertProblem(await post(`/api/v1/products/${line.id}/fault-codes`, agent, { code: 'E-STARTER', label_zh: '重复' }), 409, 'code', 'taken');
    assertProblem(await post(`/api/v1/products/${line.id}/fault-codes`, agent, { code: 'a b', label_zh: 'x' }), 422, 'code', 'invalid_format');
    assertProblem(await post(`/api/v1/products/${line.id}/fault-codes`, eng, { code: 'E-X', label_zh: 'x' }), 403);
    assertProblem(await get('/api/v1/products/999999/fault-codes', agent), 404);
  });
});

describe('an in-warranty repair', () => {
  let o;
  test('reported by phone: in warranty, distance tier, clocks', async () => {
    const r = await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '启动机不转，无法启动', channel: 'phone', reported_on: daysAgo(150) });
    assert.equal(r.status, 201, r.text);
    o = r.json;
    assert.equal(o.work_order.warranty.in_warranty, true);
    assert.equal(o.work_order.warranty.quote_required, false);
    assert.equal(o.work_order.target.tier, '<=300 km');
    assert.equal(o.work_order.target.onsite_hours, 24);
    const sla = (await get(`/api/v1/tickets/${o.id}/sla`, agent)).json;
    const clocks = Object.fromEntries((Array.isArray(sla) ? sla : sla.clocks).map((c) => [c.kind, c]));
    assert.equal(clocks.onsite.state, 'running');
    assert.equal(clocks.onsite.target_seconds, 24 * 3600);
    // Nothing is written on the sheet before the engineer is on site.
    assertProblem(await sheet(o.id, agent, 0, { fault_phenomenon: 'x' }), 409);
  });

  test('on site: the sheet, parts from the engineer\'s own stock, the faulty part back to headquarters', async () => {
    await toSite(o.id);
    const sla = (await get(`/api/v1/tickets/${o.id}/sla`, agent)).json;
    assert.equal((Array.isArray(sla) ? sla : sla.clocks).find((c) => c.kind === 'onsite').state, 'met');
    assert.equal((await post('/api/v1/stock-movements', agent, { kind: 'requisition', part_id: starter.id, quantity: 1, from_warehouse_id: central.id, to_warehouse_id: engWh.id, work_order_id: o.id })).status, 201);

    assertProblem(await sheet(o.id, eng, 0, { fault_code: 'E-NOPE' }), 422, 'fault_code', 'not_found');
    assertProblem(await sheet(o.id, eng, 3, { cause: 'x' }), 412);
    let r = await sheet(o.id, eng, 0, { fault_phenomenon: '打火时启动机无反应', fault_code: 'E-STARTER', cause: '启动机碳刷磨损' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.json.fault_code.label_zh, '启动机不转');
    assert.equal(r.json.repeat_of, null);

    // A part not in the engineer's stock, or more than they hold: a problem, nothing written.
    const moves = count('stock_movements');
    assertProblem(await post(`/api/v1/work-orders/${o.id}/sheet/parts`, eng, { part_id: fuse.id }), 422, 'part_id', 'not_in_stock');
    assertProblem(await post(`/api/v1/work-orders/${o.id}/sheet/parts`, eng, { part_id: starter.id, quantity: 2 }), 422, 'quantity', 'insufficient_stock');
    assert.equal(count('stock_movements'), moves);
    r = await post(`/api/v1/work-orders/${o.id}/sheet/parts`, eng, { part_id: starter.id });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.parts_replaced.map((p) => [p.part_number, p.quantity, p.warehouse_id]), [['QDJ-12V', 1, engWh.id]]);
    assert.deepEqual(r.json.faulty_returned.map((p) => [p.part_number, p.warehouse_id]), [['QDJ-12V', central.id]]);
    assert.equal(await level(engWh.id, starter.id), 0);
    assert.equal(await level(central.id, starter.id), 2);
    assert.equal(await level(central.id, starter.id, 'faulty'), 1);
  });

  test('signing before the repair, a bad image, an incomplete sheet: problems, nothing written', async () => {
    const v = (await get(`/api/v1/work-orders/${o.id}/sheet`, eng)).json.version;
    assertProblem(await sign(o.id, eng, v, PNG), 409);
    assert.equal((await tr(o.id, eng, { transition: 'repair', resolution: '更换启动机' })).json.state, 'repaired');
    assertProblem(await sign(o.id, eng, v, Buffer.from('not an image at all')), 422, 'signature', 'not_an_image');
    assertProblem(await sign(o.id, eng, v, Buffer.concat([PNG, Buffer.alloc(513 * 1024)])), 413, 'signature', 'too_large');
    assertProblem(await sign(o.id, eng, v, PNG), 422, 'self_check', 'required');
    assertProblem(await sign(o.id, eng, v, PNG, ''), 422, 'signer', 'required');
    assertProblem(await sign(o.id, agent, v, PNG), 403);
    assert.equal((await get(`/api/v1/work-orders/${o.id}`, agent)).json.state, 'repaired');
    assert.equal(count('blobs'), 0);
  });

  test('the customer verifies and signs on the phone; the PDF in Chinese; follow-up', async () => {
    let r = await sheet(o.id, eng, 1, { solution: '更换启动机，紧固线束', self_check: 'passed', self_check_note: '连续启动 5 次正常', customer_verdict: 'satisfied' });
    assert.equal(r.status, 200, r.text);
    r = await sign(o.id, eng, r.json.version, PNG);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.signature.signer, '张经理');
    assert.ok(r.json.signature.signed_at);
    const w = (await get(`/api/v1/work-orders/${o.id}`, alice)).json;
    assert.equal(w.state, 'signed');
    const img = await fetch(`${s.base}/api/v1/work-orders/${o.id}/sheet/signature`, { headers: { authorization: `Bearer ${alice}` } });
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await img.arrayBuffer()), PNG);
    // Signed is final.
    assertProblem(await sheet(o.id, eng, r.json.version, { cause: '改' }), 409);
    const text = await pdfText(o.id, alice);
    for (const want of ['产品维修单', 'JX4LZ-2026-0001', '打火时启动机无反应', '启动机不转', 'QDJ-12V', '张经理', '免费', w.number]) {
      assert.ok(text.includes(want), `the PDF lacks ${want}:\n${text}`);
    }
    assertProblem(await get(`/api/v1/work-orders/${o.id}/sheet.pdf`, bob), 404);
    assert.equal((await tr(o.id, agent, { transition: 'follow_up' })).json.state, 'followed_up');
    const audit = (await get(`/api/v1/audit?record=ticket:${o.id}`, admin)).json.items.map((e) => e.action);
    assert.ok(audit.includes('repair_sheet') && audit.includes('repair_sheet_signed'), audit.join());
  });
});

describe('an out-of-warranty repair', () => {
  let o, q;
  test('reported in the portal: quoted, accepted by the customer, fee paid, then dispatched', async () => {
    const r = await post('/api/v1/work-orders', alice, { serial: 'JX4LZ-2020-0009', fault: '发电机不充电' });
    assert.equal(r.status, 201, r.text);
    o = r.json;
    assert.equal(o.work_order.warranty.in_warranty, false);
    assert.equal(o.work_order.warranty.quote_required, true);
    assertProblem(await tr(o.id, agent, { transition: 'dispatch', engineer_id: engId }), 409, 'transition', 'quote_first');
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: o.id, lines: [] }), 422, 'lines', 'required');
    const c = await post('/api/v1/quotes', agent, { work_order_id: o.id, lines: [
      { kind: 'labour', quantity: 1.5, unit_price: 8000 }, { kind: 'part', part_id: starter.id }, { kind: 'travel', unit_price: 20000 }] });
    assert.equal(c.status, 201, c.text);
    q = c.json;
    assert.equal(q.subtotal, 12000 + 48000 + 20000);
    assert.equal(q.total, 80000 + 10400);
    assertProblem(await post(`/api/v1/quotes/${q.id}/accept`, bob, {}), 404);
    const a = await post(`/api/v1/quotes/${q.id}/accept`, alice, { signer: '张经理' });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.fee, 90400);
    const p = await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: 90400, method: 'transfer', reference: 'HT-2026-88' });
    assert.equal(p.status, 200, p.text);
    await toSite(o.id);
  });

  test('repaired and signed; the PDF shows the fee', async () => {
    let r = await sheet(o.id, eng, 0, { fault_phenomenon: '电瓶电压不升', solution: '更换发电机调节器', self_check: 'passed', customer_verdict: 'fairly_satisfied' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await tr(o.id, eng, { transition: 'repair', resolution: '更换发电机调节器' })).status, 200);
    r = await sign(o.id, eng, r.json.version, PNG, '刘会计');
    assert.equal(r.status, 200, r.text);
    assert.equal(count('blobs'), 1, 'the same signature image is stored once');
    const text = await pdfText(o.id, agent);
    for (const want of ['JX4LZ-2020-0009', '电瓶电压不升', '904.00', '已收款', '刘会计']) {
      assert.ok(text.includes(want), `the PDF lacks ${want}:\n${text}`);
    }
  });
});

describe('repeat repairs', () => {
  test('the same unit with the same fault within 90 days is flagged and counted against the earlier order', async () => {
    const first = Number(s.sql("SELECT id FROM tickets WHERE kind = 'work_order' ORDER BY id LIMIT 1"));
    const again = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '又无法启动', reported_on: daysAgo(100) })).json;
    await toSite(again.id);
    let r = await sheet(again.id, eng, 0, { fault_code: 'E-HEADER' });
    assert.equal(r.json.repeat_of, null);
    r = await sheet(again.id, eng, r.json.version, { fault_code: 'E-STARTER' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.repeat_of.id, first);
    const earlier = (await get(`/api/v1/work-orders/${first}/sheet`, agent)).json;
    assert.equal(earlier.repeat_count, 1);
    assert.deepEqual(earlier.repeats.map((x) => x.id), [again.id]);
    const journal = await get(`/api/v1/tickets/${again.id}/journal`, agent);
    assert.ok(journal.text.includes('重复维修'), journal.text);
    // 100 days after the last one: outside the window, not a repeat.
    const later = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '启动困难' })).json;
    await toSite(later.id);
    r = await sheet(later.id, eng, 0, { fault_code: 'E-STARTER' });
    assert.equal(r.json.repeat_of, null);
  });

  test('the window is an administrator setting: If-Match, bounds, audited, applied to the next fault code', async () => {
    let r = await get('/api/v1/work-orders/settings', agent);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.repeat_window_days, 90);
    const etag = r.headers.get('etag');
    const put = (tok, body, headers = { 'if-match': etag }) => s.req('/api/v1/work-orders/settings', { method: 'PUT', token: tok, body, headers });
    assertProblem(await put(agent, { repeat_window_days: 120 }), 403);
    assertProblem(await get('/api/v1/work-orders/settings', alice), 403);
    assertProblem(await put(admin, { repeat_window_days: 120 }, {}), 428);
    assertProblem(await put(admin, { repeat_window_days: 0 }), 422, 'repeat_window_days');
    assertProblem(await put(admin, { repeat_window_days: 120 }, { 'if-match': '"99"' }), 412);
    // Under 90 days, the visit 110 days after the first is no repeat.
    const x0 = (await post('/api/v1/work-orders', agent, { kind: 'inspection', serial: 'JX4LZ-2020-0009', fault: '割台异响', reported_on: daysAgo(300) })).json;
    const y0 = (await post('/api/v1/work-orders', agent, { kind: 'inspection', serial: 'JX4LZ-2020-0009', fault: '割台又响', reported_on: daysAgo(190) })).json;
    await toSite(x0.id);
    await toSite(y0.id);
    assert.equal((await sheet(x0.id, eng, 0, { fault_code: 'E-HEADER' })).status, 200);
    assert.equal((await sheet(y0.id, eng, 0, { fault_code: 'E-HEADER' })).json.repeat_of, null);
    r = await put(admin, { repeat_window_days: 120 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.repeat_window_days, 120);
    assert.notEqual(r.headers.get('etag'), etag);
    const audit = (await get('/api/v1/audit?record=aftersales_settings:1', admin)).json.items;
    assert.deepEqual(audit.map((e) => [e.action, e.changes[0].old, e.changes[0].new]), [['set', '90', '120']]);
    // Two maintenance visits 110 days apart with the same fault: a repeat with 120 days, not 90.
    const x = (await post('/api/v1/work-orders', agent, { kind: 'maintenance', serial: 'JX4LZ-2026-0001', fault: '割台异响', reported_on: daysAgo(300) })).json;
    const y = (await post('/api/v1/work-orders', agent, { kind: 'maintenance', serial: 'JX4LZ-2026-0001', fault: '割台又响', reported_on: daysAgo(190) })).json;
    await toSite(x.id);
    await toSite(y.id);
    assert.equal((await sheet(x.id, eng, 0, { fault_code: 'E-HEADER' })).status, 200);
    r = await sheet(y.id, eng, 0, { fault_code: 'E-HEADER' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.repeat_of.id, x.id);
  });
});
