// Spare parts planning over the API (issue 8): reservations that others cannot requisition,
// reorder points and the parts below them, the monthly demand plan (JSON, CSV and XLSX for
// purchasing) and supplier claims grouping returned faulty parts.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from './harness.mjs';
import { helpers, assertProblem } from './aftersales_helpers.mjs';

const s = new Server();
let admin, agent, eng, engId;
const { token, addUser, post, put, get, start } = helpers(s);
const move = (tok, body) => post('/api/v1/stock-movements', tok, body);

let supplier, part, other, central, centreWh, engWh, woA, woB;
before(async () => {
  ({ admin, agent } = await start());
  engId = addUser('eng.sun', 'engineer');
  eng = token('eng.sun');
  const org = (await post('/api/v1/organisations', admin, { name: '德阳农机合作社', kind: 'customer' })).json;
  supplier = (await post('/api/v1/organisations', admin, { name: '湖南电机厂', kind: 'supplier' })).json;
  const site = (await post(`/api/v1/organisations/${org.id}/sites`, admin, { name: '旌阳区', region_code: '510603' })).json;
  const line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机' })).json;
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: 'H1', name_zh: 'H1', warranty_months: 12 })).json;
  await post('/api/v1/units', agent, { serial: 'P-0001', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: '2026-03-01' });
  const centre = (await post('/api/v1/service-centres', agent, { code: 'CD', name_zh: '成都服务中心', region_code: '510107', territory: ['51'] })).json;
  await put(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, agent, { skills: ['harvester'] });
  part = (await post('/api/v1/parts', agent, { number: 'QDJ-12V', name_zh: '启动机 12V', price_cents: 48000, returnable: true, supplier_id: supplier.id })).json;
  other = (await post('/api/v1/parts', agent, { number: 'DP-12V', name_zh: '电瓶 12V', price_cents: 30000 })).json;
  central = (await post('/api/v1/warehouses', agent, { code: 'WH-HQ', name_zh: '总部中心库', kind: 'central' })).json;
  centreWh = (await post('/api/v1/warehouses', agent, { code: 'WH-CD', name_zh: '成都库', kind: 'centre', service_centre_id: centre.id })).json;
  engWh = (await post('/api/v1/warehouses', agent, { code: 'WH-SUN', name_zh: '孙工随车库', kind: 'engineer', engineer_id: engId })).json;
  const wo = async () => {
    const o = (await post('/api/v1/work-orders', agent, { serial: 'P-0001', fault: '启动机不转', reported_on: '2026-07-01' })).json;
    const d = await post(`/api/v1/work-orders/${o.id}/transitions`, agent, { transition: 'dispatch', engineer_id: engId }, { 'if-match': `"${o.version}"` });
    assert.equal(d.status, 200, d.text);
    return d.json;
  };
  woA = await wo();
  woB = await wo();
  assert.equal((await move(agent, { kind: 'receipt', part_id: part.id, quantity: 3, to_warehouse_id: centreWh.id })).status, 201);
});
after(async () => { await s.stop(); s.cleanup(); });

describe('reservations', () => {
  test('reserved stock cannot be requisitioned for another order; the order draws its own down', async () => {
    const r = await post('/api/v1/parts/reservations', agent, { warehouse_id: centreWh.id, part_id: part.id, work_order_id: woA.id, quantity: 2 });
    assert.equal(r.status, 201, r.text);
    assertProblem(await post('/api/v1/parts/reservations', agent, { warehouse_id: centreWh.id, part_id: part.id, work_order_id: woB.id, quantity: 2 }), 422, 'quantity', 'insufficient_stock');
    const blocked = await move(agent, { kind: 'requisition', part_id: part.id, quantity: 2, from_warehouse_id: centreWh.id, to_warehouse_id: engWh.id, work_order_id: woB.id });
    assertProblem(blocked, 422, 'quantity', 'insufficient_stock');
    assert.ok(blocked.text.includes('reserved for other work orders'), blocked.text);
    assertProblem(await move(agent, { kind: 'transfer', part_id: part.id, quantity: 2, from_warehouse_id: centreWh.id, to_warehouse_id: central.id }), 422, 'quantity', 'insufficient_stock');
    assert.equal((await move(agent, { kind: 'requisition', part_id: part.id, quantity: 1, from_warehouse_id: centreWh.id, to_warehouse_id: engWh.id, work_order_id: woB.id })).status, 201);
    const mine = await move(agent, { kind: 'requisition', part_id: part.id, quantity: 1, from_warehouse_id: centreWh.id, to_warehouse_id: engWh.id, work_order_id: woA.id });
    assert.equal(mine.status, 201, mine.text);
    let list = await get(`/api/v1/parts/reservations?work_order_id=${woA.id}`, agent);
    assert.deepEqual(list.json.items.map((x) => x.quantity), [1]);
    assert.equal(Number(s.sql(`SELECT MIN(s.quantity - COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r WHERE r.warehouse_id = s.warehouse_id AND r.part_id = s.part_id), 0)) FROM stock_levels s WHERE s.condition = 'good'`)), 0);
    const del = await s.req(`/api/v1/parts/reservations/${list.json.items[0].id}`, { method: 'DELETE', token: agent });
    assert.equal(del.status, 204, del.text);
    list = await get(`/api/v1/parts/reservations?work_order_id=${woA.id}`, agent);
    assert.deepEqual(list.json.items, []);
    const audit = await get(`/api/v1/audit?record=ticket:${woA.id}`, admin);
    assert.ok(audit.json.items.find((x) => x.action === 'reserve_stock'), audit.text);
    assert.ok(audit.json.items.find((x) => x.action === 'release_stock'), audit.text);
  });

  test('bad input is a problem, nothing written; engineers may not reserve', async () => {
    const before = Number(s.sql('SELECT COUNT(*) FROM stock_reservations'));
    assertProblem(await post('/api/v1/parts/reservations', agent, { warehouse_id: centreWh.id, part_id: 999999, work_order_id: woA.id, quantity: 1 }), 422, 'part_id', 'not_found');
    assertProblem(await post('/api/v1/parts/reservations', agent, { warehouse_id: centreWh.id, part_id: part.id, work_order_id: 999999, quantity: 1 }), 422, 'work_order_id', 'not_found');
    assertProblem(await post('/api/v1/parts/reservations', agent, { warehouse_id: centreWh.id, part_id: part.id, work_order_id: woA.id, quantity: 0 }), 422, 'quantity', 'out_of_range');
    assertProblem(await post('/api/v1/parts/reservations', eng, { warehouse_id: engWh.id, part_id: part.id, work_order_id: woA.id, quantity: 1 }), 403);
    assertProblem(await s.req('/api/v1/parts/reservations/999999', { method: 'DELETE', token: agent }), 404);
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM stock_reservations')), before);
  });

  test('concurrent reservations of the last units: never more than the stock', async () => {
    await move(agent, { kind: 'receipt', part_id: other.id, quantity: 3, to_warehouse_id: central.id });
    const tries = await Promise.all([woA, woB, woA, woB, woA, woB].map((w) => post('/api/v1/parts/reservations', agent, { warehouse_id: central.id, part_id: other.id, work_order_id: w.id, quantity: 1 })));
    assert.deepEqual(tries.map((r) => r.status).sort(), [201, 201, 201, 422, 422, 422], tries.map((r) => r.text).join('\n'));
    assert.equal(Number(s.sql(`SELECT SUM(quantity) FROM stock_reservations WHERE part_id = ${other.id}`)), 3);
  });
});

describe('reorder points and the demand plan', () => {
  test('parts below their reorder point are listed', async () => {
    const r = await put(`/api/v1/warehouses/${centreWh.id}/reorder-points/${part.id}`, agent, { min_quantity: 2, reorder_quantity: 10 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.on_hand, 1);
    assert.equal(r.json.shortfall, 1);
    await put(`/api/v1/warehouses/${central.id}/reorder-points/${other.id}`, agent, { min_quantity: 1 });
    const below = await get('/api/v1/parts/reorder-points?below=true', agent);
    assert.deepEqual(below.json.items.map((x) => [x.warehouse_code, x.part_number, x.shortfall]), [['WH-CD', 'QDJ-12V', 1], ['WH-HQ', 'DP-12V', 1]]);
    assert.equal((await get('/api/v1/parts/reorder-points', agent)).json.items.length, 2);
    assertProblem(await put(`/api/v1/warehouses/${centreWh.id}/reorder-points/${part.id}`, agent, { min_quantity: -1 }), 422, 'min_quantity', 'out_of_range');
    assertProblem(await put(`/api/v1/warehouses/${centreWh.id}/reorder-points/${part.id}`, eng, { min_quantity: 1 }), 403);
    assertProblem(await put(`/api/v1/warehouses/999999/reorder-points/${part.id}`, agent, { min_quantity: 1 }), 404);
  });

  test('the monthly plan from consumption history, exported as CSV for purchasing', async () => {
    // Two starters consumed in this month's history window: backdate them to last month.
    for (let i = 0; i < 2; i++) {
      const m = await move(eng, { kind: 'consumption', part_id: part.id, quantity: 1, from_warehouse_id: engWh.id, work_order_id: i ? woB.id : woA.id });
      assert.equal(m.status, 201, m.text);
    }
    s.sql(`UPDATE stock_movements SET created_at = '2026-06-15T02:00:00Z' WHERE kind = 'consumption'`);
    const plan = await get('/api/v1/parts/demand-plan?month=2026-07&history_months=3', agent);
    assert.equal(plan.status, 200, plan.text);
    assert.deepEqual(plan.json.history, ['2026-04', '2026-05', '2026-06']);
    const starter = plan.json.lines.find((l) => l.part_number === 'QDJ-12V');
    assert.deepEqual(starter.monthly_consumption, [0, 0, 2]);
    assert.equal(starter.forecast, 1);
    assert.equal(starter.safety_stock, 2);
    assert.equal(starter.available, 1);
    assert.equal(starter.suggested, 10, JSON.stringify(starter));  // 1 + 2 − 1 = 2, in a lot of 10
    assert.equal(starter.supplier, '湖南电机厂');
    assert.ok(starter.explanation_zh.includes('建议采购 10'), starter.explanation_zh);
    const csv = await get('/api/v1/parts/demand-plan?month=2026-07&history_months=3&format=csv', agent);
    assert.equal(csv.status, 200, csv.text);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /parts-demand-2026-07\.csv/);
    assert.ok(csv.text.includes('2026-07,QDJ-12V,启动机 12V,个,湖南电机厂,0.7,1,'), csv.text);
    assertProblem(await get('/api/v1/parts/demand-plan?month=2026-13', agent), 400, 'month', 'invalid_format');
    assertProblem(await get('/api/v1/parts/demand-plan?history_months=30', agent), 422, 'history_months', 'out_of_range');
    assertProblem(await get('/api/v1/parts/demand-plan?format=pdf', agent), 400, 'format', 'not_allowed');
  });

  test('the plan as an XLSX workbook for purchasing', async () => {
    const res = await fetch(`${s.base}/api/v1/parts/demand-plan?month=2026-07&history_months=3&format=xlsx`, { headers: { authorization: `Bearer ${agent}` } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition'), /attachment; filename="parts-demand-2026-07\.xlsx"/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip archive');
    // The cells as the workbook holds them (shared strings and the sheet's values).
    const dir = mkdtempSync(join(tmpdir(), 'fuwu-xlsx-'));
    try {
      writeFileSync(join(dir, 'plan.xlsx'), bytes);
      const read = (member) => execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', join(dir, 'plan.xlsx'), member], { encoding: 'utf8' });
      const strings = read('xl/sharedStrings.xml');
      for (const want of ['备品配件需求计划', 'QDJ-12V', '启动机 12V', '湖南电机厂', '建议采购 suggested', '耗用 used 2026-06', '合计 Total']) {
        assert.ok(strings.includes(want), `the workbook lacks ${want}`);
      }
      const sheet = read('xl/worksheets/sheet1.xml');
      assert.ok(/<v>10<\/v>/.test(sheet), 'the suggested quantity is a number');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

  });
});

describe('supplier claims', () => {
  test('returned faulty parts of one supplier are grouped into a claim, each once', async () => {
    for (const w of [woA, woB]) {
      const m = await move(eng, { kind: 'faulty_return', part_id: part.id, quantity: 1, to_warehouse_id: central.id, work_order_id: w.id });
      assert.equal(m.status, 201, m.text);
    }
    const c = await post('/api/v1/parts/supplier-claims', agent, { supplier_id: supplier.id, note: '启动机批次质量问题' });
    assert.equal(c.status, 201, c.text);
    assert.match(c.json.number, /^SC-\d{4}-\d{6}$/);
    assert.equal(c.json.lines.length, 2);
    assert.equal(c.json.total_cents, 96000);
    assert.deepEqual(c.json.lines.map((l) => l.work_order_id).sort(), [woA.id, woB.id].sort());
    assertProblem(await post('/api/v1/parts/supplier-claims', agent, { supplier_id: supplier.id }), 422, 'supplier_id', 'nothing_to_claim');
    const one = await get(`/api/v1/parts/supplier-claims/${c.json.id}`, agent);
    assert.equal(one.json.number, c.json.number);
    assert.equal((await get('/api/v1/parts/supplier-claims', agent)).json.items.length, 1);
    const customer = (await post('/api/v1/organisations', admin, { name: '某客户', kind: 'customer' })).json;
    assertProblem(await post('/api/v1/parts/supplier-claims', agent, { supplier_id: customer.id }), 422, 'supplier_id', 'not_found');
    assertProblem(await post('/api/v1/parts/supplier-claims', eng, { supplier_id: supplier.id }), 403);
    assertProblem(await get('/api/v1/parts/supplier-claims/999999', agent), 404);
  });
});
