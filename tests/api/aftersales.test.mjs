// After-sales over the API (issue 8): the product catalogue with warranty terms per model and
// major part, sold units with bulk registration and contract extensions, warranty status with the
// date it used; every route × role, problems for bad input with nothing written.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, fuwu } from './harness.mjs';

const s = new Server();
let admin, agent, alice, bob; // tokens: admin, agent, customer of A, customer of B
let orgA, orgB, siteA, siteB;
const token = (loginName) => fuwu(['token', 'create', loginName, '--db', s.db]).split('\n')[0];
function addUser(loginName, role, org) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db];
  if (org) args.push('--organisation', String(org));
  fuwu(args, 'some-passw0rd\n');
}
const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
const patch = (path, tok, version, body) => s.req(path, { method: 'PATCH', token: tok, body, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
const get = (path, tok) => s.req(path, { token: tok });
const count = (table) => Number(s.sql(`SELECT COUNT(*) FROM ${table}`));
// A 1×1 PNG, as the signature canvas would send (smaller, but a real PNG).
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

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  const org = async (name) => (await post('/api/v1/organisations', admin, { name, kind: 'customer' })).json;
  orgA = await org('德阳农机合作社');
  orgB = await org('绵阳收割队');
  siteA = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '旌阳区仓库', region_code: '510603' })).json;
  siteB = (await post(`/api/v1/organisations/${orgB.id}/sites`, admin, { name: '涪城区', region_code: '510703' })).json;
  addUser('agent1', 'agent');
  addUser('alice', 'customer', orgA.id);
  addUser('bob', 'customer', orgB.id);
  agent = token('agent1');
  alice = token('alice');
  bob = token('bob');
});
after(async () => { await s.stop(); s.cleanup(); });

// Seed 000 (金兴农机): the machine a year, the engine block two, starter/alternator/battery three months.
const harvester = {
  code: '4LZ-2.5', name_zh: '4LZ-2.5 全喂入联合收割机', name_en: '4LZ-2.5 combine harvester',
  warranty_start: ['installation', 'delivery', 'sale'], warranty_months: 12,
  parts: [
    { code: 'engine_block', name_zh: '内燃机机体', name_en: 'Engine block', warranty_months: 24 },
    { code: 'starter', name_zh: '启动机', name_en: 'Starter', warranty_months: 3 },
    { code: 'battery', name_zh: '电瓶', name_en: 'Battery', warranty_months: 3 },
  ],
};
let line, model;

describe('products', () => {
  test('an agent builds the catalogue: a line, a model with its major parts', async () => {
    const l = await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机', name_en: 'Combine harvesters' });
    assert.equal(l.status, 201, l.text);
    assert.equal(l.headers.get('etag'), '"1"');
    assert.equal(l.headers.get('location'), `/api/v1/products/${l.json.id}`);
    line = l.json;
    const m = await post(`/api/v1/products/${line.id}/models`, agent, harvester);
    assert.equal(m.status, 201, m.text);
    assert.equal(m.headers.get('location'), `/api/v1/products/models/${m.json.id}`);
    model = m.json;
    assert.deepEqual(model.warranty_start, ['installation', 'delivery', 'sale']);
    assert.deepEqual(model.parts.map((p) => [p.code, p.warranty_months]), [['engine_block', 24], ['starter', 3], ['battery', 3]]);
    const all = await get('/api/v1/products', alice);
    assert.equal(all.status, 200, all.text);
    assert.equal(all.json.items.length, 1);
    assert.equal(all.json.items[0].models[0].code, '4LZ-2.5');
    const one = await get(`/api/v1/products/${line.id}`, bob);
    assert.equal(one.json.models[0].parts.length, 3);
    // The default start rule is installation, else delivery, else sale.
    const d = await post(`/api/v1/products/${line.id}/models`, agent, { code: '4LZ-4.0', name_zh: '4LZ-4.0', warranty_months: 12 });
    assert.deepEqual(d.json.warranty_start, ['installation', 'delivery', 'sale']);
    assert.deepEqual(d.json.parts, []);
  });

  test('models and lines change with If-Match, parts replaced as a whole, audited', async () => {
    const stale = await patch(`/api/v1/products/models/${model.id}`, agent, 7, { warranty_months: 18 });
    assertProblem(stale, 412);
    assertProblem(await patch(`/api/v1/products/models/${model.id}`, agent, undefined, { warranty_months: 18 }), 428);
    const r = await patch(`/api/v1/products/models/${model.id}`, agent, 1, { parts: [...harvester.parts, { code: 'alternator', name_zh: '发电机', warranty_months: 3 }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.equal(r.json.parts.length, 4);
    model = r.json;
    const audit = await get(`/api/v1/audit?record=product_model:${model.id}`, admin);
    assert.equal(audit.status, 200, audit.text);
    const upd = audit.json.items.find((e) => e.action === 'update');
    assert.ok(upd.changes.find((c) => c.field === 'parts' && c.new.includes('alternator:3')), audit.text);
    const l = await patch(`/api/v1/products/${line.id}`, agent, 1, { name_en: 'Harvesters' });
    assert.equal(l.json.name_en, 'Harvesters');
  });

  test('customers read the catalogue but may not change it', async () => {
    assertProblem(await post('/api/v1/products', alice, { code: 'x', name_zh: 'x' }), 403);
    assertProblem(await patch(`/api/v1/products/models/${model.id}`, alice, model.version, { warranty_months: 99 }), 403);
    assertProblem(await get('/api/v1/products/models/999999', agent), 404);
    assertProblem(await post('/api/v1/products/999999/models', agent, harvester), 404);
  });

  test('bad input is a problem naming the field, and nothing is written', async () => {
    const lines = count('product_lines');
    const models = count('product_models');
    const parts = count('model_parts');
    assertProblem(await post('/api/v1/products', agent, { code: 'harvester', name_zh: '重复' }), 409, 'code', 'taken');
    assertProblem(await post('/api/v1/products', agent, { code: 'a b', name_zh: '空格' }), 422, 'code', 'invalid_format');
    assertProblem(await post('/api/v1/products', agent, { code: 'ok' }), 422, 'name_zh', 'required');
    const base = { ...harvester, code: 'NEW-1' };
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, code: '4LZ-2.5' }), 409, 'code', 'taken');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, warranty_start: ['shipping'] }), 422, 'warranty_start/0', 'not_allowed');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, warranty_start: ['sale', 'sale'] }), 422, 'warranty_start/1', 'duplicate');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, warranty_start: [] }), 422, 'warranty_start', 'required');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, warranty_months: 601 }), 422, 'warranty_months', 'out_of_range');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, parts: [harvester.parts[0], harvester.parts[0]] }), 422, 'parts/1/code', 'duplicate');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, parts: [{ code: 'x', name_zh: 'x' }] }), 422, 'parts/0/warranty_months', 'required');
    assertProblem(await post(`/api/v1/products/${line.id}/models`, agent, { ...base, colour: 'red' }), 400, 'colour', 'unknown_field');
    assert.equal(count('product_lines'), lines);
    assert.equal(count('product_models'), models);
    assert.equal(count('model_parts'), parts);
  });
});

describe('units and warranty', () => {
  let unit;
  const unitBody = (over = {}) => ({
    serial: 'JX4LZ-2026-0001', model_id: model.id, organisation_id: orgA.id, site_id: siteA.id,
    production_date: '2026-01-05', sale_date: '2026-02-10', delivery_date: '2026-03-01', installation_date: '2026-03-03',
    warranty_card_no: 'SB-2026-0001', ...over,
  });

  test('an agent registers a unit at delivery; the customer sees it, another customer does not', async () => {
    const r = await post('/api/v1/units', agent, unitBody());
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), `/api/v1/units/${r.json.id}`);
    unit = r.json;
    assert.equal(unit.installation_date, '2026-03-03');
    assert.equal(unit.warranty_card_no, 'SB-2026-0001');
    assert.equal((await get(`/api/v1/units/${unit.id}`, alice)).status, 200);
    assertProblem(await get(`/api/v1/units/${unit.id}`, bob), 404);
    assertProblem(await get(`/api/v1/units/${unit.id}/warranty`, bob), 404);
    const mine = await get('/api/v1/units', alice);
    assert.deepEqual(mine.json.items.map((u) => u.id), [unit.id]);
    assert.deepEqual((await get('/api/v1/units', bob)).json.items, []);
    const bySerial = await get('/api/v1/units?serial=JX4LZ-2026-0001', agent);
    assert.deepEqual(bySerial.json.items.map((u) => u.id), [unit.id]);
    assertProblem(await post('/api/v1/units', alice, unitBody({ serial: 'X-1' })), 403);
  });

  test('warranty status: in or out, until when, and which date it used', async () => {
    const w = await get(`/api/v1/units/${unit.id}/warranty?on=2026-07-01`, alice);
    assert.equal(w.status, 200, w.text);
    assert.equal(w.json.on, '2026-07-01');
    assert.equal(w.json.unit.in_warranty, true);
    assert.equal(w.json.unit.basis, 'installation');
    assert.equal(w.json.unit.starts_on, '2026-03-03');
    assert.equal(w.json.unit.ends_on, '2027-03-02');
    assert.equal(w.json.unit.explanation_zh, '保内：自安装日期 2026-03-03 起 12 个月，至 2027-03-02');
    const starter = w.json.parts.find((p) => p.part_code === 'starter');
    assert.equal(starter.in_warranty, false);
    assert.equal(starter.reason, 'expired');
    assert.equal(starter.ends_on, '2026-06-02');
    assert.equal(starter.term_source, 'part');
    const block = await get(`/api/v1/units/${unit.id}/warranty?on=2027-06-01&part=engine_block`, agent);
    assert.equal(block.json.parts.length, 1);
    assert.equal(block.json.parts[0].in_warranty, true);
    assert.equal(block.json.unit.in_warranty, false);
    assertProblem(await get(`/api/v1/units/${unit.id}/warranty?part=gearbox`, agent), 404);
    assertProblem(await get(`/api/v1/units/${unit.id}/warranty?on=July`, agent), 400, 'on', 'invalid_format');
    // Today (no ?on=) answers too.
    assert.equal((await get(`/api/v1/units/${unit.id}/warranty`, agent)).status, 200);
  });

  test('without an installation date the rule falls back to delivery, and says so', async () => {
    const r = await post('/api/v1/units', agent, unitBody({ serial: 'JX4LZ-2026-0002', installation_date: undefined }));
    assert.equal(r.status, 201, r.text);
    const w = await get(`/api/v1/units/${r.json.id}/warranty?on=2027-02-28`, agent);
    assert.equal(w.json.unit.basis, 'delivery');
    assert.deepEqual(w.json.unit.fallbacks_skipped, ['installation']);
    assert.equal(w.json.unit.ends_on, '2027-02-28');
    assert.equal(w.json.unit.in_warranty, true);
    // Recording the installation moves the start; null clears a date again.
    const p = await patch(`/api/v1/units/${r.json.id}`, agent, 1, { installation_date: '2026-03-10' });
    assert.equal(p.status, 200, p.text);
    assert.equal((await get(`/api/v1/units/${r.json.id}/warranty?on=2027-03-05`, agent)).json.unit.basis, 'installation');
    const c = await patch(`/api/v1/units/${r.json.id}`, agent, 2, { installation_date: null });
    assert.equal(c.json.installation_date, null);
  });

  test('a contract extends the whole unit or one part', async () => {
    assertProblem(await post(`/api/v1/units/${unit.id}/extensions`, agent, { contract: 'HT-1', ends_on: '2028-03-02' }), 428);
    const e = await s.req(`/api/v1/units/${unit.id}/extensions`, { method: 'POST', token: agent, body: { contract: 'HT-2026-007', ends_on: '2028-03-02' }, headers: { 'if-match': `"${unit.version}"` } });
    assert.equal(e.status, 200, e.text);
    assert.equal(e.json.extensions.length, 1);
    assert.equal(e.json.version, unit.version + 1);
    unit = e.json;
    const w = await get(`/api/v1/units/${unit.id}/warranty?on=2027-06-01`, agent);
    assert.equal(w.json.unit.in_warranty, true);
    assert.equal(w.json.unit.reason, 'extended');
    assert.equal(w.json.unit.extension_contract, 'HT-2026-007');
    assert.match(w.json.unit.explanation_en, /extended by contract HT-2026-007 until 2028-03-02/);
    const bad = await s.req(`/api/v1/units/${unit.id}/extensions`, { method: 'POST', token: agent, body: { contract: 'HT-X', part_code: 'gearbox', ends_on: '2028-01-01' }, headers: { 'if-match': `"${unit.version}"` } });
    assertProblem(bad, 422, 'part_code', 'not_found');
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM unit_warranty_extensions')), 1);
  });

  test('bulk registration is all or nothing, with each problem located', async () => {
    const before = count('units');
    const bad = await post('/api/v1/units/import', agent, { units: [
      unitBody({ serial: 'JX4LZ-2026-0100' }),
      unitBody({ serial: 'JX4LZ-2026-0001' }),
      unitBody({ serial: 'JX4LZ-2026-0102', site_id: siteB.id }),
      unitBody({ serial: 'JX4LZ-2026-0103', installation_date: '2026-02-01' }),
    ] });
    assertProblem(bad, 409, 'units/1/serial', 'taken');
    assertProblem(bad, 409, 'units/2/site_id', 'not_found');
    assertProblem(bad, 409, 'units/3/installation_date', 'out_of_range');
    assert.equal(count('units'), before);
    const ok = await post('/api/v1/units/import', agent, { units: [unitBody({ serial: 'JX4LZ-2026-0100' }), unitBody({ serial: 'JX4LZ-2026-0101', organisation_id: orgB.id, site_id: siteB.id })] });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.items.length, 2);
    assert.equal(count('units'), before + 2);
    assertProblem(await post('/api/v1/units/import', agent, { units: [] }), 422, 'units', 'required');
  });

  test('bad input is a problem naming the field, and nothing is written', async () => {
    const before = count('units');
    assertProblem(await post('/api/v1/units', agent, unitBody()), 409, 'serial', 'taken');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'has space' })), 422, 'serial', 'invalid_format');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'N-1', model_id: 999999 })), 422, 'model_id', 'not_found');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'N-2', organisation_id: 999999 })), 422, 'organisation_id', 'not_found');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'N-3', site_id: siteB.id })), 422, 'site_id', 'not_found');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'N-4', sale_date: '2025-12-31' })), 422, 'sale_date', 'out_of_range');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'N-5', delivery_date: '2026-02-30' })), 422, 'delivery_date', 'invalid_format');
    assertProblem(await post('/api/v1/units', agent, unitBody({ serial: 'N-6', colour: 'red' })), 400, 'colour', 'unknown_field');
    assert.equal(count('units'), before);
  });
});

describe('service network', () => {
  let centre, engineerId;
  const centreBody = { code: 'SC-CD', name_zh: '成都服务中心', name_en: 'Chengdu service centre', address: '成都市武侯区', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51', '54'] };

  test('an agent adds a centre with territory and calendar; engineers get skills', async () => {
    const r = await post('/api/v1/service-centres', agent, centreBody);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), `/api/v1/service-centres/${r.json.id}`);
    assert.equal(r.json.calendar, 'china-mainland');
    assert.deepEqual(r.json.territory, ['51', '54']);
    centre = r.json;
    addUser('eng.wang', 'engineer');
    engineerId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.wang'"));
    const e = await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engineerId}`, { method: 'PUT', token: agent, body: { skills: ['harvester'] } });
    assert.equal(e.status, 200, e.text);
    assert.deepEqual(e.json.engineers.map((x) => [x.login, x.skills]), [['eng.wang', ['harvester']]]);
    assert.equal(e.json.version, 2);
    const eng = token('eng.wang');
    assert.equal((await get(`/api/v1/service-centres/${centre.id}`, eng)).status, 200);
    assertProblem(await post('/api/v1/service-centres', eng, { ...centreBody, code: 'X' }), 403);
    assertProblem(await get('/api/v1/service-centres', alice), 403);
    const sichuan = await get('/api/v1/service-centres?province=510603', agent);
    assert.deepEqual(sichuan.json.items.map((c) => c.code), ['SC-CD']);
    assert.deepEqual((await get('/api/v1/service-centres?province=11', agent)).json.items, []);
    const audit = await get(`/api/v1/audit?record=service_centre:${centre.id}`, admin);
    assert.ok(audit.json.items.find((x) => x.action === 'set_engineer'), audit.text);
  });

  test('distance says which point it used: coordinates, city, or province capital', async () => {
    // siteA (德阳 510603) has no coordinates: it stands at Sichuan's capital, Chengdu.
    const d = await get(`/api/v1/service-centres/${centre.id}/distance?site_id=${siteA.id}&road_factor=1.2`, agent);
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.from.source, 'coordinates');
    assert.equal(d.json.to.source, 'province_capital');
    assert.equal(d.json.to.place_zh, '四川省省会成都市');
    assert.ok(Math.abs(d.json.km - d.json.great_circle_km * 1.2) < 1e-9);
    const city = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '成都锦江', region_code: '510104' })).json;
    const c = await get(`/api/v1/service-centres/${centre.id}/distance?site_id=${city.id}`, agent);
    assert.equal(c.json.to.source, 'city');
    assert.equal(c.json.to.place_en, 'Chengdu');
    const own = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '拉萨', region_code: '540102', latitude: 29.65, longitude: 91.1 })).json;
    const far = await get(`/api/v1/service-centres/${centre.id}/distance?site_id=${own.id}`, agent);
    assert.equal(far.json.to.source, 'coordinates');
    assert.ok(far.json.km > 1000, far.text);
    const nowhere = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '未知' })).json;
    assertProblem(await get(`/api/v1/service-centres/${centre.id}/distance?site_id=${nowhere.id}`, agent), 422, 'site_id', 'not_located');
    assertProblem(await get(`/api/v1/service-centres/${centre.id}/distance?site_id=${siteA.id}&road_factor=9`, agent), 422, 'road_factor', 'out_of_range');
    assertProblem(await get(`/api/v1/service-centres/${centre.id}/distance`, agent), 400, 'site_id', 'required');
    assertProblem(await get(`/api/v1/service-centres/${centre.id}/distance?site_id=999999`, agent), 404);
  });

  test('changes need If-Match; engineers move and leave', async () => {
    const p = await patch(`/api/v1/service-centres/${centre.id}`, agent, 2, { territory: ['51', '50'], calendar: '24x7' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.calendar, '24x7');
    assertProblem(await patch(`/api/v1/service-centres/${centre.id}`, agent, 2, { name_en: 'x' }), 412);
    const other = (await post('/api/v1/service-centres', agent, { ...centreBody, code: 'SC-CQ', name_zh: '重庆服务中心', region_code: '500103', latitude: undefined, longitude: undefined, territory: ['50'] })).json;
    const moved = await s.req(`/api/v1/service-centres/${other.id}/engineers/${engineerId}`, { method: 'PUT', token: agent, body: { skills: [] } });
    assert.equal(moved.json.engineers.length, 1);
    assert.equal((await get(`/api/v1/service-centres/${centre.id}`, agent)).json.engineers.length, 0);
    assertProblem(await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engineerId}`, { method: 'DELETE', token: agent }), 404);
    const gone = await s.req(`/api/v1/service-centres/${other.id}/engineers/${engineerId}`, { method: 'DELETE', token: agent });
    assert.equal(gone.status, 200, gone.text);
    assert.deepEqual(gone.json.engineers, []);
  });

  test('bad input is a problem naming the field, and nothing is written', async () => {
    const before = count('service_centres');
    assertProblem(await post('/api/v1/service-centres', agent, centreBody), 409, 'code', 'taken');
    assertProblem(await post('/api/v1/service-centres', agent, { ...centreBody, code: 'N1', region_code: '990000' }), 422, 'region_code', 'invalid_format');
    assertProblem(await post('/api/v1/service-centres', agent, { ...centreBody, code: 'N2', latitude: 95 }), 422, 'latitude', 'out_of_range');
    assertProblem(await post('/api/v1/service-centres', agent, { ...centreBody, code: 'N3', territory: ['51', '99'] }), 422, 'territory/1', 'not_allowed');
    assertProblem(await post('/api/v1/service-centres', agent, { ...centreBody, code: 'N4', territory: ['51', '51'] }), 422, 'territory/1', 'duplicate');
    assertProblem(await post('/api/v1/service-centres', agent, { ...centreBody, code: 'N5', calendar: 'no-such' }), 422, 'calendar', 'not_found');
    assertProblem(await post('/api/v1/service-centres', agent, { ...centreBody, code: 'N6', region_code: undefined }), 422, 'region_code', 'required');
    assert.equal(count('service_centres'), before);
    const engineers = count('engineers');
    assertProblem(await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engineerId}`, { method: 'PUT', token: agent, body: { skills: ['nope'] } }), 422, 'skills/0', 'not_found');
    assertProblem(await s.req(`/api/v1/service-centres/${centre.id}/engineers/999999`, { method: 'PUT', token: agent, body: { skills: [] } }), 404);
    assert.equal(count('engineers'), engineers);
  });
});

describe('work orders', () => {
  let centre, engineerId, eng, engOther, order, oldUnit;
  const tr = (id, tok, version, body) => s.req(`/api/v1/work-orders/${id}/transitions`, { method: 'POST', token: tok, body, headers: { 'if-match': `"${version}"` } });
  const clocks = async (id) => {
    const r = await get(`/api/v1/tickets/${id}/sla`, agent);
    assert.equal(r.status, 200, r.text);
    const list = Array.isArray(r.json) ? r.json : r.json.clocks;
    return Object.fromEntries(list.map((c) => [c.kind, c]));
  };

  before(async () => {
    centre = (await get('/api/v1/service-centres?province=51', agent)).json.items[0];
    addUser('eng.li', 'engineer');
    addUser('eng.zhao', 'engineer');
    engineerId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.li'"));
    const zhao = Number(s.sql("SELECT id FROM users WHERE login = 'eng.zhao'"));
    for (const id of [engineerId, zhao]) {
      const r = await s.req(`/api/v1/service-centres/${centre.id}/engineers/${id}`, { method: 'PUT', token: agent, body: { skills: ['harvester'] } });
      assert.equal(r.status, 200, r.text);
    }
    eng = token('eng.li');
    engOther = token('eng.zhao');
    const u = await post('/api/v1/units', agent, { serial: 'JX4LZ-2020-0009', model_id: model.id, organisation_id: orgA.id, site_id: siteA.id, installation_date: '2020-04-01' });
    assert.equal(u.status, 201, u.text);
    oldUnit = u.json;
  });

  test('an in-warranty repair from report to signature and follow-up', async () => {
    const r = await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '割台异响', channel: 'phone', reported_on: '2026-07-01' });
    assert.equal(r.status, 201, r.text);
    order = r.json;
    assert.match(order.number, /^WO-\d{4}-\d{6}$/);
    assert.equal(order.kind, 'work_order');
    assert.equal(order.state, 'reported');
    const wo = order.work_order;
    assert.equal(wo.warranty.in_warranty, true);
    assert.equal(wo.warranty.basis, 'installation');
    assert.equal(wo.warranty.quote_required, false);
    assert.equal(wo.service_centre_id, centre.id);
    assert.equal(wo.target.rule, 'distance_tier');
    assert.equal(wo.target.site_point, 'province_capital');
    assert.equal(wo.target.tier, '<=300 km');
    assert.equal(wo.target.onsite_hours, 24);
    assert.equal(wo.target.calendar, '24x7');
    assert.match(wo.target.explanation_zh, /四川省省会成都市/);
    assert.match(wo.target.explanation_en, /tier <=300 km: on site within 24 h \(calendar time\)/);
    let c = await clocks(order.id);
    assert.equal(c.onsite.state, 'running');
    assert.equal(c.onsite.target_seconds, 24 * 3600);
    assert.equal(c.first_response.target_seconds, 24 * 3600);
    // The customer sees the order; the other customer and an engineer it is not dispatched to do not.
    assert.equal((await get(`/api/v1/work-orders/${order.id}`, alice)).status, 200);
    assertProblem(await get(`/api/v1/work-orders/${order.id}`, bob), 404);
    assertProblem(await get(`/api/v1/work-orders/${order.id}`, eng), 404);
    // Signing before repairing is out of order.
    assertProblem(await tr(order.id, agent, order.version, { transition: 'sign' }), 409);

    let w = await tr(order.id, agent, order.version, { transition: 'dispatch', engineer_id: engineerId, reason: '就近' });
    assert.equal(w.status, 200, w.text);
    assert.equal(w.json.state, 'dispatched');
    assert.equal(w.json.work_order.engineer_id, engineerId);
    assert.deepEqual((await get('/api/v1/work-orders', eng)).json.items.map((x) => x.id), [order.id]);
    assertProblem(await tr(order.id, engOther, w.json.version, { transition: 'accept' }), 404);
    const steps = [
      [eng, { transition: 'accept' }, 'accepted'],
      [eng, { transition: 'appoint', appointment_at: '2026-07-02T09:00:00+08:00' }, 'appointed'],
      [eng, { transition: 'depart' }, 'on_the_way'],
      [eng, { transition: 'check_in' }, 'on_site'],
      [eng, { transition: 'wait_for_parts' }, 'waiting_parts'],
    ];
    for (const [tok, body, state] of steps) {
      w = await tr(order.id, tok, w.json.version, body);
      assert.equal(w.status, 200, `${body.transition}: ${w.text}`);
      assert.equal(w.json.state, state);
    }
    assert.equal(w.json.work_order.appointment_at, '2026-07-02T01:00:00Z');
    c = await clocks(order.id);
    assert.equal(c.onsite.state, 'met');
    assert.equal(c.first_response.state, 'met');
    assert.equal(c.resolution, undefined);
    w = await tr(order.id, eng, w.json.version, { transition: 'parts_arrived' });
    assertProblem(await tr(order.id, eng, w.json.version, { transition: 'repair' }), 422, 'resolution', 'required');
    w = await tr(order.id, eng, w.json.version, { transition: 'repair', resolution: '更换启动机，自检正常' });
    assert.equal(w.json.state, 'repaired');
    // The customer signs the repair sheet on the engineer's phone, not through a bare transition.
    assertProblem(await tr(order.id, eng, w.json.version, { transition: 'sign' }), 409, 'transition', 'use_signature');
    const sheet = await s.req(`/api/v1/work-orders/${order.id}/sheet`, { method: 'PATCH', token: eng, headers: { 'if-match': '"0"' },
      body: { fault_phenomenon: '割台异响', solution: '紧固割台螺栓', self_check: 'passed', customer_verdict: 'satisfied' } });
    assert.equal(sheet.status, 200, sheet.text);
    const signed = await s.req(`/api/v1/work-orders/${order.id}/sheet/signature?signer=${encodeURIComponent('王师傅')}`, {
      method: 'PUT', token: eng, body: PNG, headers: { 'content-type': 'image/png', 'if-match': `"${sheet.json.version}"` } });
    assert.equal(signed.status, 200, signed.text);
    w = await get(`/api/v1/work-orders/${order.id}`, agent);
    assert.equal(w.json.state, 'signed');
    assertProblem(await tr(order.id, eng, w.json.version, { transition: 'follow_up' }), 409);
    w = await tr(order.id, agent, w.json.version, { transition: 'follow_up' });
    w = await tr(order.id, agent, w.json.version, { transition: 'close' });
    assert.equal(w.json.state, 'closed');
    assert.ok(w.json.closed_at);
    const audit = await get(`/api/v1/audit?record=ticket:${order.id}`, admin);
    assert.ok(audit.json.items.find((e) => e.action === 'dispatch'), audit.text);
    assert.ok(audit.json.items.find((e) => e.action === 'work_order'), audit.text);
  });

  test('an out-of-warranty repair is quoted first; declined ends it, accepted goes on', async () => {
    const r = await post('/api/v1/work-orders', alice, { serial: 'JX4LZ-2020-0009', fault: '发动机无法启动' });
    assert.equal(r.status, 201, r.text);
    const o = r.json;
    assert.equal(o.channel, 'api');
    assert.equal(o.work_order.warranty.in_warranty, false);
    assert.equal(o.work_order.warranty.reason, 'expired');
    assert.equal(o.work_order.warranty.quote_required, true);
    const early = await tr(o.id, agent, o.version, { transition: 'dispatch', engineer_id: engineerId });
    assertProblem(early, 409, 'transition', 'quote_first');
    // Quotes go through /api/v1/quotes only.
    assertProblem(await tr(o.id, agent, o.version, { transition: 'quote' }), 409, 'transition', 'use_quotes');
    const q = await post('/api/v1/quotes', agent, { work_order_id: o.id, lines: [{ kind: 'labour', quantity: 2, unit_price: 8000 }] });
    assert.equal(q.status, 201, q.text);
    let w = await get(`/api/v1/work-orders/${o.id}`, agent);
    assert.equal(w.json.state, 'quoted');
    assert.equal((await clocks(o.id)).onsite.state, 'paused');
    assertProblem(await tr(o.id, alice, w.json.version, { transition: 'accept_quote' }), 409, 'transition', 'use_quotes');
    assertProblem(await post(`/api/v1/quotes/${q.json.id}/accept`, bob, {}), 404);
    const a = await post(`/api/v1/quotes/${q.json.id}/accept`, alice, {});
    assert.equal(a.status, 200, a.text);
    w = await get(`/api/v1/work-orders/${o.id}`, agent);
    w = await tr(o.id, agent, w.json.version, { transition: 'dispatch', engineer_id: engineerId });
    assert.equal(w.json.state, 'dispatched');
    assertProblem(await tr(o.id, eng, w.json.version, { transition: 'reject' }), 422, 'reason', 'required');
    w = await tr(o.id, eng, w.json.version, { transition: 'reject', reason: '不在服务区域' });
    assert.equal(w.json.state, 'rejected');
    assert.equal(w.json.work_order.engineer_id, null);
    w = await tr(o.id, agent, w.json.version, { transition: 'dispatch', engineer_id: engineerId });
    assert.equal(w.json.state, 'dispatched');

    const d = (await post('/api/v1/work-orders', alice, { serial: 'JX4LZ-2020-0009', fault: '再次报修' })).json;
    const dq = (await post('/api/v1/quotes', agent, { work_order_id: d.id, lines: [{ kind: 'travel', unit_price: 30000 }] })).json;
    assert.equal((await post(`/api/v1/quotes/${dq.id}/decline`, alice, { reason: '太贵' })).status, 200);
    const x = await get(`/api/v1/work-orders/${d.id}`, agent);
    assert.equal(x.json.state, 'declined');
    assert.equal(x.json.state_category, 'closed');
  });

  test('response terms by region in working time come from the customer', async () => {
    assert.equal((await get(`/api/v1/work-orders/response-terms/${orgB.id}`, agent)).json.inherited, true);
    const t = await s.req(`/api/v1/work-orders/response-terms/${orgB.id}`, { method: 'PUT', token: agent, body: { contract: 'HT-B-1', rule: 'region', time_basis: 'working' }, headers: { 'if-match': '"0"' } });
    assert.equal(t.status, 200, t.text);
    assert.equal(t.json.version, 1);
    assert.equal(t.json.inherited, false);
    const r = await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0101', kind: 'maintenance', fault: '年度保养', reported_on: '2026-07-01' });
    assert.equal(r.status, 201, r.text);
    const tg = r.json.work_order.target;
    assert.equal(tg.rule, 'region');
    assert.equal(tg.tier, 'same_province');
    assert.equal(tg.onsite_days, 3);
    assert.equal(tg.calendar, '24x7'); // the serving centre's working calendar (set to 24x7 above)
    assert.equal(tg.contract, 'HT-B-1');
    assert.match(tg.explanation_zh, /同省，3 天内到场（工作时间）/);
    assertProblem(await s.req(`/api/v1/work-orders/response-terms/${orgB.id}`, { method: 'PUT', token: agent, body: { tiers: [{ max_km: 300, hours: 24 }] }, headers: { 'if-match': '"1"' } }), 422, 'tiers/0/max_km', 'not_allowed');
    assertProblem(await s.req(`/api/v1/work-orders/response-terms/${orgB.id}`, { method: 'PUT', token: alice, body: {}, headers: { 'if-match': '"1"' } }), 403);
  });

  test('bad input is a problem naming the field, and nothing is written', async () => {
    const before = count('tickets');
    assertProblem(await post('/api/v1/work-orders', agent, { serial: 'NO-SUCH', fault: 'x' }), 422, 'serial', 'not_found');
    assertProblem(await post('/api/v1/work-orders', bob, { serial: 'JX4LZ-2026-0001', fault: 'x' }), 422, 'serial', 'not_found');
    assertProblem(await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001' }), 422, 'fault', 'required');
    assertProblem(await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: 'x', kind: 'party' }), 422, 'kind', 'not_allowed');
    assertProblem(await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: 'x', part_code: 'gearbox' }), 422, 'part_code', 'not_found');
    assertProblem(await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: 'x', service_centre_id: 999999 }), 422, 'service_centre_id', 'not_found');
    assertProblem(await post('/api/v1/work-orders', eng, { serial: 'JX4LZ-2026-0001', fault: 'x' }), 403);
    // Work orders are created through their own API only.
    assertProblem(await post('/api/v1/tickets', agent, { kind: 'work_order', title: 'x', organisation_id: orgA.id }), 422, 'kind', 'not_allowed');
    assert.equal(count('tickets'), before);
    const o = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '漏油' })).json;
    assertProblem(await tr(o.id, agent, o.version, { transition: 'dispatch' }), 422, 'engineer_id', 'required');
    assertProblem(await tr(o.id, agent, o.version, { transition: 'dispatch', engineer_id: Number(s.sql("SELECT id FROM users WHERE login = 'agent1'")) }), 422, 'engineer_id', 'not_allowed');
    assertProblem(await tr(o.id, agent, o.version + 5, { transition: 'dispatch', engineer_id: 1 }), 412);
    assertProblem(await tr(o.id, agent, o.version, { transition: 'cancel' }), 422, 'resolution', 'required');
    const c = await tr(o.id, agent, o.version, { transition: 'cancel', reason: '客户撤回' });
    assert.equal(c.json.state, 'cancelled');
  });

  test('the list filters by kind and overdue, and pages oldest first', async () => {
    const a = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', kind: 'inspection', fault: '巡检 1' })).json;
    const b = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', kind: 'inspection', fault: '巡检 2' })).json;
    const c = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', kind: 'inspection', fault: '巡检 3' })).json;
    const ids = async (q) => (await get(`/api/v1/work-orders?${q}`, agent)).json.items.map((x) => x.id);
    assert.deepEqual(await ids('kind=inspection'), [c.id, b.id, a.id]);
    const first = (await get('/api/v1/work-orders?kind=inspection&order=oldest&limit=2', agent)).json;
    assert.deepEqual(first.items.map((x) => x.id), [a.id, b.id]);
    const rest = (await get(`/api/v1/work-orders?kind=inspection&order=oldest&limit=2&cursor=${first.next_cursor}`, agent)).json;
    assert.deepEqual(rest.items.map((x) => x.id), [c.id]);
    // Past its deadline and open: overdue; a cancelled one past its deadline is not.
    s.sql(`UPDATE tickets SET sla_due_at = '2020-01-01T00:00:00Z' WHERE id IN (${a.id}, ${b.id})`);
    const cancelled = await tr(b.id, agent, b.version, { transition: 'cancel', reason: '重复报修' });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.deepEqual(await ids('kind=inspection&overdue=true'), [a.id]);
    assert.ok((await ids('overdue=true')).includes(a.id));
    assert.deepEqual(await ids('kind=inspection&overdue=true&organisation_id=999999'), []);
    assertProblem(await get('/api/v1/work-orders?kind=party', agent), 400, 'kind', 'not_allowed');
    assertProblem(await get('/api/v1/work-orders?order=sideways', agent), 400, 'order', 'not_allowed');
  });
});

describe('spare parts', () => {
  let part, central, centreWh, engWh, engId, eng, wo;
  const move = (tok, body) => post('/api/v1/stock-movements', tok, body);
  const level = async (wh, cond = 'good') => ((await get(`/api/v1/warehouses/${wh}`, agent)).json.stock.find((x) => x.part_id === part.id && x.condition === cond) || { quantity: 0 }).quantity;

  before(async () => {
    const centre = (await get('/api/v1/service-centres?province=51', agent)).json.items[0];
    addUser('eng.sun', 'engineer');
    engId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.sun'"));
    await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, { method: 'PUT', token: agent, body: { skills: ['harvester'] } });
    eng = token('eng.sun');
    part = (await post('/api/v1/parts', agent, { number: 'QDJ-12V', name_zh: '启动机 12V', price_cents: 48000, warranty_months: 3, returnable: true })).json;
    central = (await post('/api/v1/warehouses', agent, { code: 'WH-HQ', name_zh: '总部中心库', kind: 'central' })).json;
    centreWh = (await post('/api/v1/warehouses', agent, { code: 'WH-CD', name_zh: '成都服务中心库', kind: 'centre', service_centre_id: centre.id })).json;
    engWh = (await post('/api/v1/warehouses', agent, { code: 'WH-SUN', name_zh: '孙工随车库', kind: 'engineer', engineer_id: engId })).json;
    const o = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '启动机不转' })).json;
    const d = await s.req(`/api/v1/work-orders/${o.id}/transitions`, { method: 'POST', token: agent, body: { transition: 'dispatch', engineer_id: engId }, headers: { 'if-match': `"${o.version}"` } });
    assert.equal(d.status, 200, d.text);
    wo = d.json;
  });

  test('a part travels from receipt to consumption and its faulty twin back to headquarters', async () => {
    assert.equal(part.price_cents, 48000);
    let m = await move(agent, { kind: 'receipt', part_id: part.id, quantity: 5, to_warehouse_id: central.id, note: '采购入库' });
    assert.equal(m.status, 201, m.text);
    m = await move(agent, { kind: 'transfer', part_id: part.id, quantity: 3, from_warehouse_id: central.id, to_warehouse_id: centreWh.id });
    assert.equal(m.status, 201, m.text);
    m = await move(agent, { kind: 'requisition', part_id: part.id, quantity: 2, from_warehouse_id: centreWh.id, to_warehouse_id: engWh.id, work_order_id: wo.id });
    assert.equal(m.status, 201, m.text);
    m = await move(eng, { kind: 'consumption', part_id: part.id, quantity: 1, from_warehouse_id: engWh.id, work_order_id: wo.id });
    assert.equal(m.status, 201, m.text);
    m = await move(eng, { kind: 'faulty_return', part_id: part.id, quantity: 1, to_warehouse_id: central.id, work_order_id: wo.id });
    assert.equal(m.status, 201, m.text);
    assert.equal(m.json.condition, 'faulty');
    m = await move(eng, { kind: 'unused_return', part_id: part.id, quantity: 1, from_warehouse_id: engWh.id, to_warehouse_id: centreWh.id });
    assert.equal(m.status, 201, m.text);
    assert.equal(await level(central.id), 2);
    assert.equal(await level(central.id, 'faulty'), 1);
    assert.equal(await level(centreWh.id), 2);
    assert.equal(await level(engWh.id), 0);
    m = await move(agent, { kind: 'adjustment', part_id: part.id, to_warehouse_id: centreWh.id, counted: 1, note: '盘点' });
    assert.equal(m.status, 201, m.text);
    assert.equal(m.json.from_warehouse_id, centreWh.id);
    assert.equal(await level(centreWh.id), 1);
    m = await move(agent, { kind: 'scrap', part_id: part.id, quantity: 1, from_warehouse_id: central.id });
    assert.equal(await level(central.id, 'faulty'), 0);
    const trail = await get(`/api/v1/stock-movements?work_order_id=${wo.id}`, agent);
    assert.deepEqual(trail.json.items.map((x) => x.kind), ['requisition', 'consumption', 'faulty_return']);
    const audit = await get(`/api/v1/audit?record=stock_movement:${m.json.id}`, admin);
    assert.equal(audit.json.items[0].action, 'scrap');
  });

  test('stock never goes negative, and nothing is written on a problem', async () => {
    const before = count('stock_movements');
    assertProblem(await move(eng, { kind: 'consumption', part_id: part.id, quantity: 1, from_warehouse_id: engWh.id, work_order_id: wo.id }), 422, 'quantity', 'insufficient_stock');
    assertProblem(await move(agent, { kind: 'transfer', part_id: part.id, quantity: 99, from_warehouse_id: central.id, to_warehouse_id: centreWh.id }), 422, 'quantity', 'insufficient_stock');
    assertProblem(await move(agent, { kind: 'requisition', part_id: part.id, quantity: 1, from_warehouse_id: central.id, to_warehouse_id: centreWh.id, work_order_id: wo.id }), 422, 'to_warehouse_id', 'not_allowed');
    assertProblem(await move(agent, { kind: 'requisition', part_id: part.id, quantity: 1, from_warehouse_id: central.id, to_warehouse_id: engWh.id }), 422, 'work_order_id', 'required');
    assertProblem(await move(agent, { kind: 'receipt', part_id: 999999, quantity: 1, to_warehouse_id: central.id }), 422, 'part_id', 'not_found');
    assertProblem(await move(agent, { kind: 'gift', part_id: part.id, quantity: 1 }), 422, 'kind', 'not_allowed');
    assertProblem(await move(agent, { kind: 'receipt', part_id: part.id, quantity: 0, to_warehouse_id: central.id }), 422, 'quantity', 'out_of_range');
    assertProblem(await move(eng, { kind: 'receipt', part_id: part.id, quantity: 1, to_warehouse_id: engWh.id }), 403);
    assertProblem(await move(eng, { kind: 'consumption', part_id: part.id, quantity: 1, from_warehouse_id: centreWh.id, work_order_id: wo.id }), 403);
    assertProblem(await move(agent, { kind: 'adjustment', part_id: part.id, to_warehouse_id: centreWh.id, counted: 1 }), 422, 'counted', 'unchanged');
    assert.equal(count('stock_movements'), before);
    assertProblem(await post('/api/v1/parts', agent, { number: 'QDJ-12V', name_zh: '重复' }), 409, 'number', 'taken');
  });

  test('concurrent requisitions of the last unit: exactly one succeeds', async () => {
    assert.equal(await level(centreWh.id), 1);
    const tries = await Promise.all(Array.from({ length: 8 }, () => move(agent, { kind: 'requisition', part_id: part.id, quantity: 1, from_warehouse_id: centreWh.id, to_warehouse_id: engWh.id, work_order_id: wo.id })));
    const statuses = tries.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 422, 422, 422, 422, 422, 422, 422], tries.map((r) => r.text).join('\n'));
    for (const r of tries.filter((x) => x.status === 422)) assertProblem(r, 422, 'quantity', 'insufficient_stock');
    assert.equal(await level(centreWh.id), 0);
    assert.equal(await level(engWh.id), 1);
    assert.equal(Number(s.sql('SELECT MIN(quantity) FROM stock_levels')), 0);
  });
});

// Out-of-warranty work is quoted (seed 004 §5.1.16): labour, parts from the price list, travel, tax.
describe('quotes', () => {
  let o, part;
  const tr = (id, tok, version, body) => s.req(`/api/v1/work-orders/${id}/transitions`, { method: 'POST', token: tok, body, headers: { 'if-match': `"${version}"` } });

  before(async () => {
    o = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2020-0009', fault: '发电机不充电' })).json;
    part = (await get('/api/v1/parts', agent)).json.items.find((p) => p.number === 'QDJ-12V');
  });

  test('labour, parts, travel and tax; the customer accepts and the order can be dispatched', async () => {
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: o.id, lines: [] }), 422, 'lines', 'required');
    const r = await post('/api/v1/quotes', agent, { work_order_id: o.id, note: '保外维修报价', lines: [
      { kind: 'labour', quantity: 2.5, unit_price: 8000 },
      { kind: 'part', part_id: part.id, quantity: 1 },
      { kind: 'travel', per_km: true, unit_price: 150 },
    ] });
    assert.equal(r.status, 201, r.text);
    const q = r.json;
    assert.equal(q.state, 'sent');
    assert.deepEqual(q.lines.map((l) => l.kind), ['labour', 'part', 'travel']);
    assert.equal(q.lines[0].amount, 20000);
    assert.equal(q.lines[1].unit_price, 48000);
    assert.equal(q.lines[1].description, 'QDJ-12V 启动机 12V');
    const wo = (await get(`/api/v1/work-orders/${o.id}`, agent)).json;
    assert.equal(wo.state, 'quoted');
    assert.ok(Math.abs(q.lines[2].quantity - wo.work_order.target.distance_km) < 0.001);
    assert.equal(q.subtotal, q.lines.reduce((a, l) => a + l.amount, 0));
    assert.equal(q.tax, Math.floor((q.subtotal * 1300 + 5000) / 10000));
    assert.equal(q.total, q.subtotal + q.tax);
    assert.match(q.total_text, /CNY$/);
    // The customer sees it; another customer does not; a second quote while quoted is refused.
    assert.equal((await get(`/api/v1/quotes/${q.id}`, alice)).status, 200);
    assertProblem(await get(`/api/v1/quotes/${q.id}`, bob), 404);
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: o.id, lines: [{ kind: 'other', description: '检测费', unit_price: 5000 }] }), 409);
    assertProblem(await post(`/api/v1/quotes/${q.id}/accept`, bob, {}), 404);
    const a = await post(`/api/v1/quotes/${q.id}/accept`, alice, { signer: '张经理', reason: '同意' });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.state, 'accepted');
    assert.equal(a.json.decided_by, '张经理');
    assertProblem(await post(`/api/v1/quotes/${q.id}/decline`, alice, {}), 409);
    const now = (await get(`/api/v1/work-orders/${o.id}`, agent)).json;
    assert.equal(now.state, 'quote_accepted');
    const list = await get(`/api/v1/quotes?work_order_id=${o.id}`, alice);
    assert.deepEqual(list.json.items.map((x) => x.id), [q.id]);
    assert.equal(list.json.items[0].fee, q.total);
    assert.equal(list.json.items[0].payment, null);
    assert.deepEqual([list.json.items[0].paid, list.json.items[0].balance, list.json.items[0].payment_status], [0, q.total, 'unpaid']);
    // The fee, paid in parts by the service desk (not the customer); never more than the balance.
    assertProblem(await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: q.total + 1, method: 'wechat' }), 422, 'amount', 'exceeds_balance');
    assertProblem(await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: q.total, method: 'barter' }), 422, 'method', 'not_allowed');
    assertProblem(await post(`/api/v1/quotes/${q.id}/payment`, alice, { amount: q.total, method: 'wechat' }), 403);
    const part1 = await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: 30000, method: 'cash' });
    assert.equal(part1.status, 200, part1.text);
    assert.deepEqual([part1.json.paid, part1.json.balance, part1.json.payment_status, part1.json.payments.length], [30000, q.total - 30000, 'partial', 1]);
    const over = await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: q.total - 30000 + 1, method: 'wechat' });
    assertProblem(over, 422, 'amount', 'exceeds_balance');
    assert.ok(over.text.includes(String(q.total - 30000)), over.text);
    assert.equal(count('quote_payments'), 1);
    const paid = await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: q.total - 30000, method: 'wechat', reference: '4200001234' });
    assert.equal(paid.status, 200, paid.text);
    assert.deepEqual([paid.json.payment.amount, paid.json.payment.method, paid.json.payment.reference], [q.total - 30000, 'wechat', '4200001234']);
    assert.deepEqual([paid.json.paid, paid.json.balance, paid.json.payment_status], [q.total, 0, 'paid']);
    assert.deepEqual(paid.json.payments.map((x) => [x.amount, x.method]), [[30000, 'cash'], [q.total - 30000, 'wechat']]);
    assertProblem(await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: 1, method: 'cash' }), 409);
    const journal = await get(`/api/v1/tickets/${o.id}/journal`, alice);
    assert.ok(journal.text.includes('尚欠') && journal.text.includes('费用已结清'), journal.text);
    const audit = await get(`/api/v1/audit?record=quote:${q.id}`, agent);
    assert.deepEqual(audit.json.items.map((e) => e.action), ['create', 'accepted', 'payment', 'payment'], audit.text);
    const balance = audit.json.items[3].changes.find((c) => c.field === 'balance');
    assert.deepEqual([balance.old, balance.new], [String(q.total - 30000), '0']);
    assertProblem(await get('/api/v1/audit?record=quote:999999', agent), 404);
  });

  test('declined ends the order; bad lines are named and nothing is written', async () => {
    const d = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2020-0009', fault: '再修一次' })).json;
    const before = count('quotes');
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: d.id, lines: [{ kind: 'labour', quantity: 1 }] }), 422, 'lines/0/unit_price', 'required');
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: d.id, lines: [{ kind: 'part', part_id: 999999 }] }), 422, 'lines/0/part_id', 'not_found');
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: d.id, lines: [{ kind: 'gift' }] }), 422, 'lines/0/kind', 'not_allowed');
    assertProblem(await post('/api/v1/quotes', agent, { work_order_id: 999999, lines: [{ kind: 'other', description: 'x', unit_price: 1 }] }), 422, 'work_order_id', 'not_found');
    assertProblem(await post('/api/v1/quotes', alice, { work_order_id: d.id, lines: [{ kind: 'other', description: 'x', unit_price: 1 }] }), 403);
    assert.equal(count('quotes'), before);
    assert.equal((await get(`/api/v1/work-orders/${d.id}`, agent)).json.state, 'reported');
    const q = (await post('/api/v1/quotes', agent, { work_order_id: d.id, lines: [{ kind: 'travel', unit_price: 30000 }], tax_rate_bp: 600 })).json;
    assert.equal(q.tax, 1800);
    const x = await post(`/api/v1/quotes/${q.id}/decline`, alice, { reason: '太贵' });
    assert.equal(x.json.state, 'declined');
    const ended = (await get(`/api/v1/work-orders/${d.id}`, alice)).json;
    assert.equal(ended.state, 'declined');
    assert.equal(ended.state_category, 'closed');
    const journal = await get(`/api/v1/tickets/${d.id}/journal`, alice);
    assert.ok(journal.text.includes('感谢您的信任'), journal.text);
    assertProblem(await post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: q.total, method: 'cash' }), 409);
  });
});
