// KPIs and monthly statistics over the real binary (issue 9): a work order driven through its
// lifecycle feeds the figures of the month at once; each figure's records add up to it; access
// by role and scope; the monthly statistics, their approval (once, audited) and the XLSX and PDF, mailed
// to the service managers through a real SMTP server by the distribution job.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, fuwu } from './harness.mjs';
import { SmtpServer, until } from './mailserver.mjs';

const smtp = new SmtpServer();
let s, admin, agent, manager, alice, bob, eng, engineerId, orgA, orgB, centre, order;
const token = (loginName) => fuwu(['token', 'create', loginName, '--db', s.db]).split('\n')[0];
function addUser(loginName, role, org, email) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db];
  if (org) args.push('--organisation', String(org));
  if (email) args.push('--email', email);
  fuwu(args, 'some-passw0rd\n');
}
const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
const get = (path, tok) => s.req(path, { token: tok });
const tr = (id, tok, version, body) => post(`/api/v1/work-orders/${id}/transitions`, tok, body, { 'if-match': `"${version}"` });
const chinaMonth = (offset = 0) => {
  const d = new Date(Date.now() + 8 * 3600e3);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return m.toISOString().slice(0, 7);
};
const month = chinaMonth();

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
  await smtp.start();
  s = new Server({ env: { FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port), FUWU_MAIL_FROM: 'desk@fuwu.example' } });
  s.setup();
  await s.start();
  admin = s.adminToken;
  const org = async (name) => (await post('/api/v1/organisations', admin, { name, kind: 'customer' })).json;
  orgA = await org('德阳农机合作社');
  orgB = await org('绵阳收割队');
  const site = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '旌阳区仓库', region_code: '510603' })).json;
  addUser('agent1', 'agent');
  addUser('mgr', 'manager', undefined, 'mgr@quality.example');
  addUser('alice', 'customer', orgA.id);
  addUser('bob', 'customer', orgB.id);
  addUser('eng.li', 'engineer');
  agent = token('agent1');
  manager = token('mgr');
  alice = token('alice');
  bob = token('bob');
  eng = token('eng.li');
  engineerId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.li'"));
  const line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机', name_en: 'Combine harvesters' })).json;
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: '4LZ-2.5', name_zh: '4LZ-2.5 全喂入联合收割机', name_en: '4LZ-2.5 combine harvester', warranty_start: ['delivery'], warranty_months: 12 })).json;
  const today = new Date().toISOString().slice(0, 10);
  const u = await post('/api/v1/units', agent, { serial: 'JX4LZ-KPI-1', model_id: model.id, organisation_id: orgA.id, site_id: site.id, delivery_date: today });
  assert.equal(u.status, 201, u.text);
  centre = (await post('/api/v1/service-centres', agent, { code: 'SC-CD', name_zh: '成都服务中心', name_en: 'Chengdu service centre', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' })).json;
  const e = await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engineerId}`, { method: 'PUT', token: agent, body: { skills: ['harvester'] } });
  assert.equal(e.status, 200, e.text);
  // One repair, from the report to the repair: on site at once, answered by the appointment.
  const r = await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-KPI-1', fault: '割台异响', channel: 'phone' });
  assert.equal(r.status, 201, r.text);
  let w = r.json;
  for (const [tok, body] of [
    [agent, { transition: 'dispatch', engineer_id: engineerId }],
    [eng, { transition: 'accept' }],
    [eng, { transition: 'appoint', appointment_at: new Date(Date.now() + 3600e3).toISOString() }],
    [eng, { transition: 'check_in' }],
    [eng, { transition: 'repair', resolution: '更换轴承，自检正常' }],
  ]) {
    const x = await tr(w.id, tok, w.version, body);
    assert.equal(x.status, 200, `${body.transition}: ${x.text}`);
    w = x.json;
  }
  order = w;
  // A second order, reported and left open.
  assert.equal((await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-KPI-1', fault: '发动机无法启动', channel: 'phone' })).status, 201);
});
after(async () => {
  if (s) { await s.stop(); s.cleanup(); }
  await smtp.stop();
});

const figure = (r, kpi) => r.json.figures.find((f) => f.kpi === kpi);

describe('KPIs', () => {
  test('the month of a centre: figures, targets, lights and definitions', async () => {
    const r = await get(`/api/v1/kpis?scope=centre&id=${centre.id}&month=${month}`, manager);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, '成都服务中心');
    assert.equal(r.json.orders, 2);
    assert.deepEqual(r.json.figures.map((f) => f.kpi), ['on_time', 'satisfaction', 'complaint_rate', 'repeat_repair', 'first_time_fix', 'response_time', 'repair_time']);
    const onTime = figure(r, 'on_time');
    assert.deepEqual([onTime.numerator, onTime.denominator, onTime.value, onTime.light], [1, 1, 100, 'green']);
    assert.equal(onTime.target, 90);
    assert.equal(onTime.target_text, '≥ 90 %');
    assert.equal(onTime.amber_limit, 85);
    assert.match(onTime.definition_zh, /到场期限/);
    assert.match(onTime.definition_en, /on-site deadline/);
    assert.equal(figure(r, 'first_time_fix').value, 100);
    // The open second order on the same unit, reported after the first was repaired, is a repeat.
    assert.equal(figure(r, 'repeat_repair').value, 100);
    assert.equal(figure(r, 'response_time').denominator, 1);
    assert.equal(figure(r, 'repair_time').denominator, 1);
    const sat = figure(r, 'satisfaction');  // no survey responses yet
    assert.equal(sat.available, true);
    assert.deepEqual([sat.value, sat.light, sat.denominator], [null, 'none', 0]);
    const complaints = figure(r, 'complaint_rate');  // no complaints yet: 0 of 2 orders
    assert.equal(complaints.available, true);
    assert.deepEqual([complaints.numerator, complaints.denominator, complaints.value, complaints.light], [0, 2, 0, 'green']);
    assert.equal(onTime.records, `/api/v1/kpis/records?scope=centre&id=${centre.id}&month=${month}&kpi=on_time`);
    const all = await get(`/api/v1/kpis?scope=all&month=${month}`, admin);
    assert.equal(all.json.orders, 2);
    assert.equal(all.json.id, null);
    const engineer = await get(`/api/v1/kpis?scope=engineer&id=${engineerId}&month=${month}`, manager);
    assert.equal(engineer.json.orders, 1);  // the open order is not dispatched
  });

  test('every figure drills down to its records, which add up to it', async () => {
    const r = await get(`/api/v1/kpis?scope=centre&id=${centre.id}&month=${month}`, manager);
    // (Satisfaction's records are survey responses, the complaint rate's complaints: below.)
    for (const f of r.json.figures.filter((x) => x.available && x.kpi !== 'satisfaction' && x.kpi !== 'complaint_rate')) {
      const items = [];
      let next = f.records + '&limit=1';
      while (next) {
        const page = await get(next, manager);
        assert.equal(page.status, 200, page.text);
        items.push(...page.json.items);
        next = page.json.next_cursor ? `${f.records}&limit=1&cursor=${page.json.next_cursor}` : null;
      }
      assert.equal(items.reduce((a, x) => a + x.numerator, 0), f.numerator, f.kpi);
      assert.equal(items.length, f.denominator, f.kpi);
    }
    const orders = await get(r.json.orders_records, manager);
    assert.equal(orders.json.items.length, 2);
    assert.equal(orders.json.items[1].ticket_id, order.id);
    assert.equal(orders.json.items[1].href, `/api/v1/work-orders/${order.id}`);
    assertProblem(await get(`/api/v1/kpis/records?scope=all&month=${month}&kpi=complaint_tally`, manager), 422, 'kpi', 'not_allowed');
  });

  test('satisfaction is the mean score of the survey responses of the month', async () => {
    const scale = { scale_min: 1, scale_max: 4, labels_zh: ['不满意', '一般', '较满意', '满意'], labels_en: ['Dissatisfied', 'Neutral', 'Fairly satisfied', 'Satisfied'] };
    const tmpl = await post('/api/v1/surveys/templates', agent, { code: 'kpi', name_zh: '回访', questions: [
      { key: 'onsite', text_zh: '上门服务', text_en: 'On-site service', weight_bp: 6000, ...scale },
      { key: 'overall', text_zh: '总体评价', text_en: 'Overall', weight_bp: 4000, ...scale },
    ] });
    assert.equal(tmpl.status, 201, tmpl.text);
    const c = await post('/api/v1/surveys/campaigns', agent, { template_id: tmpl.json.id, name_zh: '重点客户', channel: 'portal', population: { kind: 'organisations', ids: [orgA.id, orgB.id] } });
    assert.equal(c.status, 201, c.text);
    const scores = [];
    for (const [tok, value] of [[alice, 4], [bob, 3]]) {
      const inv = (await get('/api/v1/surveys/invitations', tok)).json.items[0];
      const r = await post(`/api/v1/surveys/campaigns/${c.json.id}/responses`, tok, { invitation_id: inv.id, answers: [{ key: 'onsite', value }, { key: 'overall', value }] });
      assert.equal(r.status, 201, r.text);
      scores.push(r.json.score_percent);
    }
    const all = await get(`/api/v1/kpis?scope=all&month=${month}`, manager);
    const sat = figure(all, 'satisfaction');
    assert.equal(sat.available, true);
    assert.equal(sat.denominator, 2);
    assert.ok(Math.abs(sat.value - (scores[0] + scores[1]) / 2) < 0.01, all.text);
    assert.equal(sat.light, sat.value >= 85 ? 'green' : sat.value >= 80 ? 'amber' : 'red');
    const own = figure(await get(`/api/v1/kpis?scope=contract&id=${orgA.id}&month=${month}`, alice), 'satisfaction');
    assert.deepEqual([own.denominator, own.value], [1, scores[0]]);
    const records = await get(sat.records, manager);
    assert.equal(records.status, 200, records.text);
    assert.equal(records.json.items.length, 2);
    assert.ok(records.json.items.every((x) => x.response_id > 0 && x.ticket_id === null));
    assert.equal(records.json.items.reduce((a, x) => a + x.numerator, 0), sat.numerator);
  });

  test('the complaint rate: complaints attributable to the service ÷ orders of the month', async () => {
    const mgrId = Number(s.sql("SELECT id FROM users WHERE login = 'mgr'"));
    const complaint = async (attributable) => {
      let c = await post('/api/v1/complaints', manager, { channel: 'call', about: 'work_order', organisation_id: orgA.id, work_order_id: order.id, description: '维修后仍有异响' });
      assert.equal(c.status, 201, c.text);
      c = await post(`/api/v1/complaints/${c.json.id}/transitions`, manager, { transition: 'accept', head_id: mgrId }, { 'if-match': `"${c.json.version}"` });
      assert.equal(c.status, 200, c.text);
      if (attributable === undefined) return c.json;
      c = await post(`/api/v1/complaints/${c.json.id}/transitions`, manager, { transition: 'establish_cause', cause: '工程师未带配件', attributable }, { 'if-match': `"${c.json.version}"` });
      assert.equal(c.status, 200, c.text);
      return c.json;
    };
    const counted = await complaint(true);
    await complaint(false);  // not the service's fault
    await complaint();       // cause not established yet
    for (const [scope, id] of [['all', 0], ['centre', centre.id], ['contract', orgA.id]]) {
      const r = await get(`/api/v1/kpis?scope=${scope}${id ? `&id=${id}` : ""}&month=${month}`, manager);
      const f = figure(r, 'complaint_rate');
      // 1 of 2 orders: 50 %, red (target < 3 %, amber up to 5 %).
      assert.deepEqual([f.numerator, f.denominator, f.value, f.light], [1, 2, 50, 'red'], `${scope}: ${r.text}`);
      const records = await get(f.records, manager);
      assert.equal(records.status, 200, records.text);
      assert.deepEqual(records.json.items.map((x) => [x.ticket_id, x.numerator, x.denominator, x.href]), [[counted.id, 1, 0, `/api/v1/complaints/${counted.id}`]]);
    }
    // The order's engineer answers for it too; the customer sees it on its own contract.
    assert.equal(figure(await get(`/api/v1/kpis?scope=engineer&id=${engineerId}&month=${month}`, manager), 'complaint_rate').numerator, 1);
    assert.equal(figure(await get(`/api/v1/kpis?scope=contract&id=${orgA.id}&month=${month}`, alice), 'complaint_rate').numerator, 1);
    assert.equal(figure(await get(`/api/v1/kpis?scope=contract&id=${orgB.id}&month=${month}`, manager), 'complaint_rate').numerator, 0);
  });

  test('a customer sees only its own contract; the desk reads the service\'s figures, engineers none', async () => {
    const own = await get(`/api/v1/kpis?scope=contract&id=${orgA.id}&month=${month}`, alice);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.orders, 2);
    assert.equal(own.json.name, '德阳农机合作社');
    assertProblem(await get(`/api/v1/kpis?scope=contract&id=${orgA.id}&month=${month}`, bob), 404);
    assertProblem(await get(`/api/v1/kpis?scope=centre&id=${centre.id}&month=${month}`, alice), 404);
    assertProblem(await get(`/api/v1/kpis/records?scope=contract&id=${orgB.id}&month=${month}&kpi=orders`, alice), 404);
    const desk = await get(`/api/v1/kpis?scope=all&month=${month}`, agent);
    assert.equal(desk.status, 200, desk.text);
    assert.equal(desk.json.orders, 2, 'every order of the month');
    assertProblem(await get(`/api/v1/kpis?scope=all&month=${month}`, eng), 403);
  });

  test('bad queries are problems naming the field', async () => {
    assertProblem(await get(`/api/v1/kpis?scope=all&month=${chinaMonth(1)}`, manager), 422, 'month', 'out_of_range');
    assertProblem(await get('/api/v1/kpis?scope=all&month=2026-13', manager), 422, 'month', 'invalid_format');
    assertProblem(await get('/api/v1/kpis?scope=all', manager), 422, 'month', 'required');
    assertProblem(await get(`/api/v1/kpis?scope=team&month=${month}`, manager), 422, 'scope', 'not_allowed');
    assertProblem(await get(`/api/v1/kpis?scope=centre&month=${month}`, manager), 422, 'id', 'required');
    assertProblem(await get(`/api/v1/kpis?scope=centre&id=abc&month=${month}`, manager), 400, 'id');
    assertProblem(await get(`/api/v1/kpis?scope=centre&id=999999&month=${month}`, manager), 404);
  });
});

describe('monthly statistics', () => {
  test('the month by product, fault, centre and engineer', async () => {
    const r = await get(`/api/v1/statistics/monthly?month=${month}`, manager);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.totals, { orders: 2, repaired: 1, cancelled: 0, in_warranty: 2, parts_cost_cents: 0, fees_cents: 0 });
    // The three complaints of the month, one attributable: 1 of 2 orders.
    assert.deepEqual(r.json.complaints, { received: 3, attributable: 1, rate_percent: 50 });
    assert.deepEqual(r.json.by_product.map((x) => [x.key, x.label_zh, x.orders]), [['4LZ-2.5', '4LZ-2.5 全喂入联合收割机', 2]]);
    assert.deepEqual(r.json.by_fault.map((x) => [x.key, x.orders]).sort(), [['割台异响', 1], ['发动机无法启动', 1]].sort());
    assert.deepEqual(r.json.by_centre.map((x) => [x.id, x.orders, x.repaired]), [[centre.id, 2, 1]]);
    assert.deepEqual(r.json.by_engineer.map((x) => [x.id, x.orders]).sort(), [[engineerId, 1], [null, 1]].sort());
    assert.equal(r.json.approval, null);
    assert.equal(r.json.xlsx, `/api/v1/statistics/monthly/${month}.xlsx`);
    assertProblem(await get(`/api/v1/statistics/monthly?month=${chinaMonth(1)}`, manager), 422, 'month', 'out_of_range');
    assertProblem(await get(`/api/v1/statistics/monthly?month=${month}`, agent), 403);
    assertProblem(await get(`/api/v1/statistics/monthly?month=${month}`, alice), 403);
  });

  test('the XLSX download', async () => {
    const res = await fetch(`${s.base}/api/v1/statistics/monthly/${month}.xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition'), /statistics-\d{4}-\d{2}\.xlsx/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assertProblem(await get(`/api/v1/statistics/monthly/${chinaMonth(1)}.xlsx`, manager), 422, 'month');
    assertProblem(await get(`/api/v1/statistics/monthly/${month}.xlsx`, agent), 403);
  });

  test('approval: an ended month, once, audited, then mailed as XLSX and PDF to the service managers', async () => {
    assertProblem(await post(`/api/v1/statistics/monthly/${month}/approve`, manager, {}), 422, 'month', 'not_ended');
    const last = chinaMonth(-1);
    assertProblem(await post(`/api/v1/statistics/monthly/${last}/approve`, agent, {}), 403);
    assertProblem(await post(`/api/v1/statistics/monthly/${last}/approve`, manager, { colour: 'red' }), 400, 'colour', 'unknown_field');
    const ok = await post(`/api/v1/statistics/monthly/${last}/approve`, manager, { note: '请质量部关注' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.approval.approved_by_login, 'mgr');
    assert.equal(ok.json.approval.note, '请质量部关注');
    assert.ok(ok.json.approval.distribute_at);
    assertProblem(await post(`/api/v1/statistics/monthly/${last}/approve`, manager, {}), 409, 'month', 'approved');
    const audit = await get(`/api/v1/audit?record=monthly_statistics:${last.replace('-', '')}`, admin);
    assert.equal(audit.status, 200, audit.text);
    assert.equal(audit.json.items.filter((x) => x.action === 'approve').length, 1, audit.text);
    // Last month's 3rd working day has passed: the distribution runs at once.
    const mails = await smtp.waitFor((m) => m.some((x) => x.headers.to.includes('mgr@quality.example')));
    const mail = mails.find((x) => x.headers.to.includes('mgr@quality.example'));
    assert.equal(mail.headers.subject, `统计分析表 ${last} / Monthly statistics ${last}`);
    assert.match(mail.raw, /Content-Type: multipart\/mixed/);
    assert.match(mail.raw, /Content-Type: application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
    assert.match(mail.raw, /Content-Type: application\/pdf/);
    await until('distributed', async () => (await get(`/api/v1/statistics/monthly?month=${last}`, manager)).json.approval.distributed_at);
    const after = await get(`/api/v1/statistics/monthly?month=${last}`, manager);
    assert.equal(after.json.approval.recipients, 'mgr@quality.example');
  });
});
