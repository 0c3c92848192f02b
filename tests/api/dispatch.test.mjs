// Dispatch of after-sales work orders over the API (issue 8): engineers' calendars and absences,
// appointments on their working calendar, automatic dispatch with its reasons, and the claim pool
// where exactly one of concurrent claims wins (run on SQLite, and on PostgreSQL by scripts/test).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './harness.mjs';
import { helpers, assertProblem } from './aftersales_helpers.mjs';

const s = new Server();
let admin, agent;
const { token, addUser, post, put, get, start } = helpers(s);
const tr = (id, tok, version, body) => post(`/api/v1/work-orders/${id}/transitions`, tok, body, { 'if-match': `"${version}"` });

// Engineers: li and wang in Chengdu (harvester), zhou in Chengdu (tractors only), ma at a far
// centre that also covers Sichuan (harvester), he in Chongqing (territory 50 only).
const E = {};
const T = {};
let cd, far, cq, site, unit;
async function order(fault) {
  const r = await post('/api/v1/work-orders', agent, { serial: 'D-0001', fault, reported_on: '2026-07-01' });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

before(async () => {
  ({ admin, agent } = await start());
  const org = (await post('/api/v1/organisations', admin, { name: '德阳农机合作社', kind: 'customer' })).json;
  site = (await post(`/api/v1/organisations/${org.id}/sites`, admin, { name: '旌阳区', region_code: '510603', latitude: 31.13, longitude: 104.39 })).json;
  const line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机' })).json;
  await post('/api/v1/products', agent, { code: 'tractor', name_zh: '拖拉机' });
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: 'H1', name_zh: 'H1', warranty_months: 12 })).json;
  unit = (await post('/api/v1/units', agent, { serial: 'D-0001', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: '2026-03-01' })).json;
  const centre = async (body) => (await post('/api/v1/service-centres', agent, body)).json;
  cd = await centre({ code: 'CD', name_zh: '成都服务中心', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'] });
  far = await centre({ code: 'LS', name_zh: '拉萨服务中心', region_code: '540102', latitude: 29.65, longitude: 91.1, territory: ['54', '51'] });
  cq = await centre({ code: 'CQ', name_zh: '重庆服务中心', region_code: '500103', territory: ['50'] });
  for (const [login, c, skills] of [['li', cd, ['harvester']], ['wang', cd, ['harvester']], ['zhou', cd, ['tractor']], ['ma', far, ['harvester']], ['he', cq, ['harvester']]]) {
    E[login] = addUser(`eng.${login}`, 'engineer');
    T[login] = token(`eng.${login}`);
    const r = await put(`/api/v1/service-centres/${c.id}/engineers/${E[login]}`, agent, { skills });
    assert.equal(r.status, 200, r.text);
  }
});
after(async () => { await s.stop(); s.cleanup(); });

describe('calendars and absences', () => {
  test('an engineer works on the centre calendar unless given their own; absences are dated', async () => {
    const base = `/api/v1/service-centres/${cd.id}/engineers/${E.wang}`;
    let sch = await get(`${base}/schedule`, T.wang);
    assert.equal(sch.status, 200, sch.text);
    assert.equal(sch.json.calendar, 'china-mainland');
    assert.equal(sch.json.own_calendar, false);
    let r = await put(`${base}/calendar`, agent, { calendar: '24x7' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.calendar, '24x7');
    assert.equal(r.json.own_calendar, true);
    r = await put(`${base}/calendar`, agent, { calendar: null });
    assert.equal(r.json.calendar, 'china-mainland');
    const a = await post(`${base}/absences`, agent, { starts_on: '2099-07-06', ends_on: '2099-07-08', reason: '年假' });
    assert.equal(a.status, 201, a.text);
    sch = await get(`${base}/schedule`, agent);
    assert.deepEqual(sch.json.absences.map((x) => [x.starts_on, x.ends_on, x.reason]), [['2099-07-06', '2099-07-08', '年假']]);
    const del = await s.req(`${base}/absences/${a.json.id}`, { method: 'DELETE', token: agent });
    assert.equal(del.status, 204, del.text);
    assert.equal((await get(`${base}/schedule`, agent)).json.absences.length, 0);
    const audit = await get(`/api/v1/audit?record=service_centre:${cd.id}`, admin);
    assert.ok(audit.json.items.find((x) => x.action === 'engineer_absence'), audit.text);
    assert.ok(audit.json.items.find((x) => x.action === 'engineer_calendar'), audit.text);
  });

  test('bad input is a problem, and engineers may not change schedules', async () => {
    const base = `/api/v1/service-centres/${cd.id}/engineers/${E.li}`;
    const before = Number(s.sql('SELECT COUNT(*) FROM engineer_absences'));
    assertProblem(await post(`${base}/absences`, agent, { starts_on: '2026-07-08', ends_on: '2026-07-06' }), 422, 'ends_on', 'out_of_range');
    assertProblem(await post(`${base}/absences`, agent, { starts_on: '2026-07-08' }), 422, 'ends_on', 'required');
    assertProblem(await post(`${base}/absences`, T.li, { starts_on: '2026-07-08', ends_on: '2026-07-08' }), 403);
    assertProblem(await post(`/api/v1/service-centres/${cq.id}/engineers/${E.li}/absences`, agent, { starts_on: '2026-07-08', ends_on: '2026-07-08' }), 404);
    assertProblem(await put(`${base}/calendar`, agent, { calendar: 'no-such' }), 422, 'calendar', 'not_found');
    assertProblem(await s.req(`${base}/absences/999999`, { method: 'DELETE', token: agent }), 404);
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM engineer_absences')), before);
  });
});

describe('appointments', () => {
  test('a slot on the engineer’s working calendar; off duty, absent or overlapping is a problem', async () => {
    await post(`/api/v1/service-centres/${cd.id}/engineers/${E.li}/absences`, agent, { starts_on: '2026-07-06', ends_on: '2026-07-08', reason: '培训' });
    const a = await order('割台异响');
    let d = await tr(a.id, agent, a.version, { transition: 'dispatch', engineer_id: E.li });
    assert.equal(d.status, 200, d.text);
    d = await tr(a.id, T.li, d.json.version, { transition: 'accept', reason: '明天可以去' });
    assert.equal(d.status, 200, d.text);
    // Thursday 2 July 2026, 10:00–11:00 China time: working time.
    const ok = await tr(a.id, T.li, d.json.version, { transition: 'appoint', appointment_at: '2026-07-02T10:00:00+08:00', appointment_ends_at: '2026-07-02T11:00:00+08:00' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.state, 'appointed');
    const b = await order('不启动');
    d = await tr(b.id, agent, b.version, { transition: 'dispatch', engineer_id: E.li });
    d = await tr(b.id, T.li, d.json.version, { transition: 'accept' });
    const v = d.json.version;
    assertProblem(await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-04T10:00:00+08:00' }), 422, 'appointment_at', 'off_duty');
    assertProblem(await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-02T17:00:00+08:00' }), 422, 'appointment_at', 'off_duty');
    assertProblem(await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-07T10:00:00+08:00' }), 422, 'appointment_at', 'absent');
    const clash = await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-02T10:30:00+08:00', appointment_ends_at: '2026-07-02T11:30:00+08:00' });
    // 10:30 for the default two hours would run into the lunch break.
    assertProblem(await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-02T11:00:00+08:00' }), 422, 'appointment_at', 'off_duty');
    assertProblem(clash, 409, 'appointment_at', 'overlaps');
    assert.ok(clash.text.includes(a.number), clash.text);
    assertProblem(await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-02T11:00:00+08:00', appointment_ends_at: '2026-07-02T10:00:00+08:00' }), 422, 'appointment_ends_at', 'out_of_range');
    assert.equal(Number(s.sql(`SELECT COUNT(*) FROM appointments WHERE work_order_id = ${b.id}`)), 0);
    const fine = await tr(b.id, T.li, v, { transition: 'appoint', appointment_at: '2026-07-02T11:00:00+08:00', appointment_ends_at: '2026-07-02T12:00:00+08:00' });
    assert.equal(fine.status, 200, fine.text);
    const sch = await get(`/api/v1/service-centres/${cd.id}/engineers/${E.li}/schedule`, agent);
    assert.equal(sch.json.appointments.length, 0, 'past slots are not listed from today on');
    assert.equal(Number(s.sql(`SELECT COUNT(*) FROM appointments WHERE engineer_id = ${E.li}`)), 2);
  });
});

describe('automatic dispatch', () => {
  test('candidates by territory, skill, absence, load and distance, with the reasons', async () => {
    await post(`/api/v1/service-centres/${far.id}/engineers/${E.ma}/absences`, agent, { starts_on: '2026-07-09', ends_on: '2026-07-09' });
    const o = await order('液压无力');
    const at = encodeURIComponent('2026-07-02T15:00:00+08:00');
    const r = await get(`/api/v1/work-orders/${o.id}/dispatch-candidates?at=${at}`, agent);
    assert.equal(r.status, 200, r.text);
    const by = Object.fromEntries(r.json.candidates.map((c) => [c.engineer_id, c]));
    // li has two open orders (cost +200 km), wang none: wang wins over li and the far centre's ma.
    assert.equal(r.json.chosen_engineer_id, E.wang, r.text);
    assert.equal(by[E.wang].rank, 1);
    assert.equal(by[E.li].load, 2);
    assert.ok(by[E.ma].distance_km > 1000, r.text);
    assert.ok(by[E.ma].rank > by[E.wang].rank);
    assert.deepEqual(by[E.zhou].excluded_because.map((x) => x.code), ['no_skill']);
    assert.deepEqual(by[E.he].excluded_because.map((x) => x.code), ['out_of_territory']);
    assert.equal(by[E.he].rank, null);
    assert.ok(r.json.explanation_zh.includes('eng.wang') || r.json.explanation_zh.includes('wang'), r.text);
    // On a Saturday the office calendar has nobody working; ma's absence day excludes ma.
    const sat = await get(`/api/v1/work-orders/${o.id}/dispatch-candidates?at=${encodeURIComponent('2026-07-04T10:00:00+08:00')}`, agent);
    assert.equal(sat.json.chosen_engineer_id, null);
    assert.ok(sat.json.candidates.every((c) => !c.eligible));
    const absent = await get(`/api/v1/work-orders/${o.id}/dispatch-candidates?at=${encodeURIComponent('2026-07-09T10:00:00+08:00')}`, agent);
    assert.ok(absent.json.candidates.find((c) => c.engineer_id === E.ma).excluded_because.some((x) => x.code === 'absent'));
    assertProblem(await get(`/api/v1/work-orders/${o.id}/dispatch-candidates?at=tomorrow`, agent), 400, 'at', 'invalid_format');
    assertProblem(await get(`/api/v1/work-orders/${o.id}/dispatch-candidates`, T.li), 403);
  });

  test('auto-dispatch sends the best candidate, with the reason in the journal and the audit', async () => {
    const o = await order('漏油');
    assertProblem(await post(`/api/v1/work-orders/${o.id}/auto-dispatch`, agent, {}), 428);
    const nobody = await post(`/api/v1/work-orders/${o.id}/auto-dispatch`, agent, { at: '2026-07-04T10:00:00+08:00' }, { 'if-match': `"${o.version}"` });
    assertProblem(nobody, 422, 'engineer_id', 'none_eligible');
    const r = await post(`/api/v1/work-orders/${o.id}/auto-dispatch`, agent, { at: '2026-07-02T15:00:00+08:00' }, { 'if-match': `"${o.version}"` });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.chosen_engineer_id, E.wang);
    assert.equal(r.json.work_order.state, 'dispatched');
    assert.equal(r.json.work_order.assignee_id, E.wang);
    const audit = await get(`/api/v1/audit?record=ticket:${o.id}`, admin);
    const auto = audit.json.items.find((x) => x.action === 'auto_dispatch');
    assert.ok(auto, audit.text);
    assert.ok(auto.changes.find((c) => c.field === 'candidates' && c.new.includes('no_skill')), audit.text);
    assert.ok(audit.json.items.find((x) => x.action === 'dispatch'), audit.text);
    // Rejecting needs a reason and is audited; reassignment by hand is audited as dispatch.
    assertProblem(await tr(o.id, T.wang, r.json.work_order.version, { transition: 'reject' }), 422, 'reason', 'required');
    const rej = await tr(o.id, T.wang, r.json.work_order.version, { transition: 'reject', reason: '车坏了' });
    assert.equal(rej.status, 200, rej.text);
    const again = await tr(o.id, agent, rej.json.version, { transition: 'dispatch', engineer_id: E.li, reason: '改派' });
    assert.equal(again.status, 200, again.text);
    const trail = (await get(`/api/v1/audit?record=ticket:${o.id}`, admin)).json.items.filter((x) => x.action === 'dispatch' || x.action === 'reject');
    assert.equal(trail.length, 3, JSON.stringify(trail));
  });
});

describe('claim pool', () => {
  test('a centre publishes; engineers with the skill and territory see and claim; exactly one wins', async () => {
    const o = await order('发动机过热');
    const p = await post(`/api/v1/work-orders/${o.id}/pool`, agent, { note: '尽快' });
    assert.equal(p.status, 201, p.text);
    assert.equal(p.json.product_line, 'harvester');
    assert.equal(p.json.province, '51');
    assertProblem(await post(`/api/v1/work-orders/${o.id}/pool`, agent, {}), 409, 'work_order_id', 'already_published');
    const seen = async (tok) => (await get('/api/v1/work-orders/pool', tok)).json.items.map((x) => x.work_order_id);
    assert.deepEqual(await seen(T.wang), [o.id]);
    assert.deepEqual(await seen(T.ma), [o.id]);
    assert.deepEqual(await seen(T.zhou), [], 'no skill');
    assert.deepEqual(await seen(T.he), [], 'out of territory');
    assert.deepEqual(await seen(agent), [o.id]);
    assertProblem(await post(`/api/v1/work-orders/${o.id}/claim`, T.zhou), 404);
    assertProblem(await post(`/api/v1/work-orders/${o.id}/claim`, agent), 403);
    const tries = await Promise.all([T.wang, T.ma, T.li, T.wang, T.ma, T.li].map((t) => post(`/api/v1/work-orders/${o.id}/claim`, t)));
    const statuses = tries.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409], tries.map((r) => r.text).join('\n'));
    for (const r of tries.filter((x) => x.status === 409)) {
      assert.ok(['already_claimed'].includes(r.json.errors?.[0]?.code) || r.json.title, r.text);
    }
    const won = tries.find((r) => r.status === 200).json;
    assert.equal(won.state, 'accepted');
    const wo = await get(`/api/v1/work-orders/${o.id}`, agent);
    assert.equal(wo.json.work_order.engineer_id, won.assignee_id);
    assert.deepEqual(await seen(agent), []);
    const audit = await get(`/api/v1/audit?record=ticket:${o.id}`, admin);
    assert.ok(audit.json.items.find((x) => x.action === 'claim'), audit.text);
    assert.ok(audit.json.items.find((x) => x.action === 'publish_to_pool'), audit.text);
  });

  test('only orders waiting for dispatch go to the pool; dispatching by hand takes it out', async () => {
    const o = await order('皮带断裂');
    await post(`/api/v1/work-orders/${o.id}/pool`, agent, {});
    const d = await tr(o.id, agent, o.version, { transition: 'dispatch', engineer_id: E.wang });
    assert.equal(d.status, 200, d.text);
    assert.equal(Number(s.sql(`SELECT COUNT(*) FROM dispatch_pool WHERE work_order_id = ${o.id}`)), 0);
    assertProblem(await post(`/api/v1/work-orders/${o.id}/pool`, agent, {}), 409);
    assertProblem(await post(`/api/v1/work-orders/${o.id}/claim`, T.wang), 404);
    assertProblem(await post('/api/v1/work-orders/999999/pool', agent, {}), 404);
  });
});
