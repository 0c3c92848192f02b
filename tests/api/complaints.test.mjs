// Customer care over the API (issue 9, crm-care): complaints (投诉) with the flow of seed 004
// §5.1.18 and the 5-working-day deadline, follow-ups (回访) after closures with their outcome, and
// the customer archive (客户档案) with its 2-working-day task. Runs on SQLite and, with
// FUWU_TEST_DB_URL, on PostgreSQL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, apiToken, assertProblem, createOrganisation, fuwu } from './harness.mjs';

const s = new Server();
let admin, agent, head, quality, alice, bob;
let orgA, orgB, headId, agentId, aliceId, qualityId;
const token = (loginName) => apiToken(s, loginName);
function addUser(loginName, role, org) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db];
  if (org) args.push('--organisation', String(org));
  fuwu(args, 'some-passw0rd\n');
  return Number(s.sql(`SELECT id FROM users WHERE login = '${loginName}'`));
}
const ifMatch = (v) => (v === undefined ? {} : { 'if-match': `"${v}"` });
const post = (path, tok, body, version) => s.req(path, { method: 'POST', token: tok, body, headers: ifMatch(version) });
const put = (path, tok, body, version) => s.req(path, { method: 'PUT', token: tok, body, headers: ifMatch(version) });
const get = (path, tok) => s.req(path, { token: tok });
const count = (sql) => Number(s.sql(sql));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function eventually(fn, what, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  orgA = await createOrganisation(s, '德阳农机合作社');
  orgB = await createOrganisation(s, '绵阳收割队');
  agentId = addUser('agent1', 'agent');
  headId = addUser('head1', 'manager');
  qualityId = addUser('quality1', 'quality');
  aliceId = addUser('alice', 'customer', orgA.id);
  addUser('bob', 'customer', orgB.id);
  agent = token('agent1');
  head = token('head1');
  quality = token('quality1');
  alice = token('alice');
  bob = token('bob');
});
after(async () => { await s.stop(); s.cleanup(); });

async function step(c, transition, values = {}, tok = agent) {
  const r = await post(`/api/v1/complaints/${c.id}/transitions`, tok, { transition, ...values }, c.version);
  assert.equal(r.status, 200, `${transition}: ${r.text}`);
  return r.json;
}

describe('complaints', () => {
  test('received 2026-09-29: closed by the end of 12 October, across National Day, to the second', async () => {
    const r = await post('/api/v1/complaints', agent, {
      channel: 'letter', about: 'engineer', organisation_id: orgA.id, contact_id: aliceId,
      description: '工程师未按预约时间上门', received_at: '2026-09-29T10:00:00+08:00',
    });
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.number, /^CMP-\d{4}-\d{6}$/);
    assert.equal(r.headers.get('location'), `/api/v1/complaints/${r.json.id}`);
    assert.equal(r.json.state, 'received');
    assert.equal(r.json.complaint.received_at, '2026-09-29T02:00:00Z');
    assert.equal(r.json.complaint.due_at, '2026-10-12T10:00:00Z');
    assert.equal(r.json.complaint.calendar, 'china-mainland');
    // Today is later than that: the deadline has passed.
    assert.equal(r.json.complaint.deadline_state, 'breached');
    const one = await get(`/api/v1/complaints/${r.json.id}`, agent);
    assert.equal(one.status, 200, one.text);
    const clock = one.json.sla.clocks.find((c) => c.kind === 'resolution');
    assert.equal(clock.deadline, '2026-10-12T18:00:00+08:00');
    assert.equal(clock.target_seconds, 47 * 3600);
    assert.deepEqual(clock.thresholds.filter((t) => t.kind === 'warning').map((t) => t.at),
      ['2026-10-10T14:15:00+08:00', '2026-10-12T13:18:00+08:00']);
    assert.equal(s.sql(`SELECT due_at FROM complaints WHERE ticket_id = ${r.json.id}`), '2026-10-12T10:00:00Z');
    // Seed 004 §5.1.18: the solution is told to the customer within 8 working hours — 7 on the
    // Tuesday, the 8th by 10:00 on Wednesday — long past: breached, and no jobs for past instants.
    assert.deepEqual(r.json.complaint.limits, [{ kind: 'inform', due_at: '2026-09-30T02:00:00Z', met_at: null, state: 'breached' }]);
    assert.equal(count(`SELECT COUNT(*) FROM jobs WHERE kind = 'complaint.limit' AND payload LIKE '%"ticket_id":${r.json.id},%'`), 0);
  });

  test('a complaint received now gets its clock, its first warning queued as a durable job (each threshold queues the next)', async () => {
    const r = await post('/api/v1/complaints', agent, { channel: 'call', about: 'fees', organisation_id: orgA.id, description: '收费过高' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.complaint.deadline_state, 'running');
    const due = Date.parse(r.json.complaint.due_at);
    assert.ok(due > Date.now() + 2 * 86400e3, r.text);
    const jobs = s.sql(`SELECT payload FROM jobs WHERE kind = 'sla.threshold' AND state = 'pending' AND payload LIKE '%"ticket_id":${r.json.id},%'`).split('\n').filter(Boolean);
    assert.equal(jobs.length, 1, jobs.join('\n'));
    const payload = JSON.parse(jobs[0]);
    assert.equal(payload.kind, 'warning');
    assert.ok(Date.parse(payload.at) > Date.now() && Date.parse(payload.at) < due, jobs[0]);
  });

  test('the whole flow, human factor: every step records its values, closes within the deadline, audited', async () => {
    let c = (await post('/api/v1/complaints', agent, { channel: 'visit', about: 'attitude', organisation_id: orgA.id, description: '态度恶劣', engineer_id: agentId })).json;
    assert.deepEqual(c.steps.map((x) => x.name), ['route_elsewhere', 'accept']);
    // The 8-working-hour limit to tell the customer the solution runs, with its warning and
    // breach as durable jobs.
    assert.deepEqual(c.complaint.limits.map((l) => [l.kind, l.state, l.met_at]), [['inform', 'running', null]]);
    assert.equal(count(`SELECT COUNT(*) FROM jobs WHERE kind = 'complaint.limit' AND payload LIKE '%"ticket_id":${c.id},%'`), 2);
    c = await step(c, 'accept', { head_id: headId });
    assert.equal(c.state, 'with_head');
    assert.equal(c.assignee_id, headId);
    assert.equal(c.complaint.is_complaint, true);
    c = await step(c, 'establish_cause', { cause: '工程师与顾客争执', attributable: true }, head);
    assert.deepEqual(c.steps.map((x) => x.name).sort(), ['record_discipline', 'request_support']);
    c = await step(c, 'record_discipline', { responsible_id: agentId, disciplinary_note: '通报批评，扣当月服务分' }, head);
    assert.equal(c.state, 'disciplined');
    assert.equal(c.complaint.human_factor, true);
    assert.equal(c.complaint.attributable, true);
    c = await step(c, 'propose_remedy', { remedy: '上门致歉，免收本次上门费' });
    const told = c.complaint.remedy_proposed_at;
    assert.deepEqual(c.complaint.limits.map((l) => [l.kind, l.state, l.met_at]), [['inform', 'met', told]]);
    c = await step(c, 'customer_disagrees', { comment: '顾客要求更换工程师' });
    assert.equal(c.state, 'remedy_rejected');
    c = await step(c, 'propose_remedy', { remedy: '更换工程师并免收上门费' });
    assert.equal(c.complaint.remedy_rounds, 2);
    c = await step(c, 'customer_agrees');
    assert.ok(c.complaint.customer_agreed_at);
    assert.equal(c.complaint.remedy_proposed_at, told, 'the first remedy told the customer');
    // A human factor: the remedy is carried out within 8 working hours of the agreement.
    const remedy = c.complaint.limits.find((l) => l.kind === 'remedy');
    assert.equal(remedy.state, 'running');
    assert.ok(Date.parse(remedy.due_at) > Date.parse(c.complaint.customer_agreed_at));
    assert.equal(count(`SELECT COUNT(*) FROM jobs WHERE kind = 'complaint.limit' AND payload LIKE '%"ticket_id":${c.id},"limit":"remedy"%'`), 2);
    c = await step(c, 'carry_out', { solution: '已更换工程师，费用已退' });
    assert.deepEqual(c.complaint.limits.map((l) => [l.kind, l.state]), [['inform', 'met'], ['remedy', 'met']]);
    c = await step(c, 'inform_customer');
    assert.ok(c.complaint.customer_informed_at);
    c = await step(c, 'close', { improvement_action: '服务礼仪培训' });
    assert.equal(c.state, 'closed');
    assert.equal(c.state_category, 'closed');
    assert.ok(c.complaint.closed_at);
    assert.equal(c.complaint.deadline_state, 'met');
    assert.equal(c.resolution, '已更换工程师，费用已退');
    const one = await get(`/api/v1/complaints/${c.id}`, agent);
    assert.equal(one.json.sla.clocks[0].state, 'met');
    const audit = await get(`/api/v1/audit?record=ticket:${c.id}`, admin);
    const actions = audit.json.items.map((e) => e.action);
    for (const a of ['complaint', 'complaint:accept', 'complaint:record_discipline', 'complaint:close', 'transition:close']) {
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    }
    assert.equal(count(`SELECT COUNT(*) FROM outbox WHERE event_type = 'complaint.close' AND record_id = ${c.id}`), 1);
  });

  test('no human factor: support from headquarters; not a complaint: routed and closed', async () => {
    let c = (await post('/api/v1/complaints', agent, { about: 'product', organisation_id: orgA.id, description: '收割机漏油' })).json;
    c = await step(c, 'accept', { head_id: headId });
    c = await step(c, 'establish_cause', { cause: '密封件批次缺陷', attributable: false });
    c = await step(c, 'request_support', { support_request: '请总部技术部提供密封件' });
    assert.equal(c.state, 'support_requested');
    assert.equal(c.complaint.human_factor, false);
    assert.equal(c.complaint.attributable, false);
    c = await step(c, 'propose_remedy', { remedy: '更换密封件' });
    c = await step(c, 'customer_agrees');
    // Not a human factor: the remedy follows the solution's own timing, no 8-hour limit.
    assert.deepEqual(c.complaint.limits.map((l) => l.kind), ['inform']);
    let d = (await post('/api/v1/complaints', agent, { about: 'fees', organisation_id: orgA.id, description: '询问发票' })).json;
    d = await step(d, 'route_elsewhere', { routed_to_id: agentId, comment: '转财务' });
    assert.equal(d.state, 'routed');
    assert.equal(d.complaint.is_complaint, false);
    assert.ok(d.complaint.closed_at);
    assert.deepEqual(d.complaint.limits, [], 'not a customer complaint: no limits');
    assert.deepEqual(d.steps, []);
  });

  test('guards: closing too early is a 422 naming what is missing, and nothing is written', async () => {
    let c = (await post('/api/v1/complaints', agent, { about: 'work_order', organisation_id: orgA.id, description: '维修拖延' })).json;
    const initial = [count('SELECT COUNT(*) FROM audit_entries'), count('SELECT COUNT(*) FROM outbox'), count('SELECT COUNT(*) FROM ticket_events')];
    let r = await post(`/api/v1/complaints/${c.id}/transitions`, agent, { transition: 'close', improvement_action: '无' }, c.version);
    assertProblem(r, 422, 'solution', 'required');
    assertProblem(r, 422, 'customer_informed', 'required');
    c = await step(c, 'accept', { head_id: headId });
    c = await step(c, 'establish_cause', { cause: '缺料', attributable: true });
    c = await step(c, 'request_support', { support_request: '调拨配件' });
    c = await step(c, 'propose_remedy', { remedy: '加急调货' });
    c = await step(c, 'customer_agrees');
    c = await step(c, 'carry_out', { solution: '配件到货已修复' });
    const mid = [count('SELECT COUNT(*) FROM audit_entries'), count('SELECT COUNT(*) FROM outbox')];
    // Solution carried out but the customer not informed yet.
    r = await post(`/api/v1/complaints/${c.id}/transitions`, agent, { transition: 'close', improvement_action: '备件预警' }, c.version);
    assertProblem(r, 422, 'customer_informed', 'required');
    assert.equal(r.json.errors.length, 1, r.text);
    assert.deepEqual([count('SELECT COUNT(*) FROM audit_entries'), count('SELECT COUNT(*) FROM outbox')], mid);
    assert.equal((await get(`/api/v1/complaints/${c.id}`, agent)).json.state, 'carried_out');
    c = await step(c, 'inform_customer');
    assertProblem(await post(`/api/v1/complaints/${c.id}/transitions`, agent, { transition: 'close' }, c.version), 422, 'improvement_action', 'required');
    assert.ok(initial.every((n) => n > 0));
  });

  test('every step needs its values; values of other steps, wrong states and stale versions are refused', async () => {
    const c = (await post('/api/v1/complaints', agent, { about: 'engineer', organisation_id: orgA.id, description: 'x' })).json;
    const tr = (body, v = c.version) => post(`/api/v1/complaints/${c.id}/transitions`, agent, body, v);
    assertProblem(await tr({ transition: 'accept' }), 422, 'head_id', 'required');
    assertProblem(await tr({ transition: 'route_elsewhere' }), 422, 'routed_to_id', 'required');
    assertProblem(await tr({ transition: 'accept', head_id: headId, cause: 'x' }), 422, 'cause', 'not_allowed');
    assertProblem(await tr({ transition: 'accept', head_id: 999999 }), 422, 'head_id', 'not_found');
    assertProblem(await tr({ transition: 'carry_out', solution: 'x' }), 409);
    assertProblem(await tr({ transition: 'fly' }), 409);
    assertProblem(await tr({ transition: 'accept', head_id: headId }, 99), 412);
    assertProblem(await post(`/api/v1/complaints/${c.id}/transitions`, agent, { transition: 'accept', head_id: headId }), 428);
    const a = await tr({ transition: 'accept', head_id: headId });
    assert.equal(a.status, 200);
    const t2 = (body) => post(`/api/v1/complaints/${c.id}/transitions`, agent, body, a.json.version);
    assertProblem(await t2({ transition: 'establish_cause', cause: '原因' }), 422, 'attributable', 'required');
    assertProblem(await t2({ transition: 'establish_cause', attributable: true }), 422, 'cause', 'required');
  });

  test('bad input on creation: clear problems, nothing written', async () => {
    const n = count('SELECT COUNT(*) FROM complaints');
    const t = count('SELECT COUNT(*) FROM tickets');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'weather', organisation_id: orgA.id, description: 'x' }), 422, 'about', 'not_allowed');
    assertProblem(await post('/api/v1/complaints', agent, { organisation_id: orgA.id, description: 'x' }), 422, 'about', 'required');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', channel: 'fax', organisation_id: orgA.id, description: 'x' }), 422, 'channel');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', description: 'x' }), 422, 'organisation_id', 'required');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', organisation_id: orgA.id }), 422, 'description', 'required');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', organisation_id: orgA.id, description: 'x', received_at: '2099-01-01T00:00:00Z' }), 422, 'received_at', 'out_of_range');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', organisation_id: orgA.id, description: 'x', contact_id: aliceId + 1 }), 422, 'contact_id', 'not_found');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', organisation_id: orgA.id, description: 'x', work_order_id: 999999 }), 422, 'work_order_id', 'not_found');
    assertProblem(await post('/api/v1/complaints', agent, { about: 'fees', organisation_id: orgA.id, description: 'x', colour: 'red' }), 400);
    assert.equal(count('SELECT COUNT(*) FROM complaints'), n);
    assert.equal(count('SELECT COUNT(*) FROM tickets'), t);
  });

  test('a major complaint goes to the quality department at once', async () => {
    const r = await post('/api/v1/complaints', agent, { channel: 'call', about: 'product', severity: 'major', organisation_id: orgB.id, description: '收割机起火' });
    assert.equal(r.status, 201, r.text);
    assert.equal(count(`SELECT COUNT(*) FROM outbox WHERE event_type = 'complaint.major' AND record_id = ${r.json.id}`), 1);
    await eventually(async () => {
      const n = await get('/api/v1/notifications', quality);
      return n.status === 200 && n.json.items.some((x) => x.record_id === r.json.id && x.event_type === 'complaint.major');
    }, 'the quality department\'s notification');
    assert.ok(qualityId > 0);
  });

  test('access: a customer records and sees its own organisation\'s complaints only', async () => {
    const mine = await post('/api/v1/complaints', alice, { about: 'engineer', description: '工程师迟到两小时' });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.json.complaint.channel, 'portal');
    assert.equal(mine.json.complaint.organisation_id, orgA.id);
    assert.equal(mine.json.complaint.contact_id, aliceId);
    assert.deepEqual(mine.json.steps, []);
    assertProblem(await post('/api/v1/complaints', alice, { about: 'fees', description: 'x', organisation_id: orgB.id }), 422, 'organisation_id', 'not_allowed');
    assertProblem(await post('/api/v1/complaints', alice, { about: 'fees', description: 'x', severity: 'major' }), 422, 'severity', 'not_allowed');
    assertProblem(await get(`/api/v1/complaints/${mine.json.id}`, bob), 404);
    assertProblem(await post(`/api/v1/complaints/${mine.json.id}/transitions`, bob, { transition: 'accept', head_id: headId }, mine.json.version), 404);
    assertProblem(await post(`/api/v1/complaints/${mine.json.id}/transitions`, alice, { transition: 'accept', head_id: headId }, mine.json.version), 409);
    const listA = await get('/api/v1/complaints?limit=200', alice);
    assert.ok(listA.json.items.length > 1);
    assert.ok(listA.json.items.every((c) => c.complaint.organisation_id === orgA.id));
    const listB = await get('/api/v1/complaints', bob);
    assert.ok(listB.json.items.every((c) => c.complaint.organisation_id === orgB.id));
    const qual = await get('/api/v1/complaints?severity=major', quality);
    assert.equal(qual.status, 200);
    assert.ok(qual.json.items.length >= 1 && qual.json.items.every((c) => c.complaint.severity === 'major'));
    const page = await get('/api/v1/complaints?limit=2', agent);
    assert.equal(page.json.items.length, 2);
    assert.ok(page.json.next_cursor);
  });
});

describe('follow-ups', () => {
  let settings;
  test('settings: read by the desk, changed by administrators with If-Match', async () => {
    const g = await get('/api/v1/follow-ups/settings', agent);
    assert.equal(g.status, 200, g.text);
    assert.deepEqual(g.json, { follow_up_delay_days: 1, follow_up_days: 2, follow_up_method: 'phone', calendar: 'china-mainland', follow_up_group_id: null });
    assertProblem(await put('/api/v1/follow-ups/settings', agent, { ...g.json, follow_up_delay_days: 0 }, 1), 403);
    assertProblem(await put('/api/v1/follow-ups/settings', admin, { ...g.json, calendar: 'mars' }, 1), 422, 'calendar', 'not_found');
    // Follow up at once after closure, to see it happen here.
    const p = await put('/api/v1/follow-ups/settings', admin, { ...g.json, follow_up_delay_days: 0 }, 1);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.headers.get('etag'), '"2"');
    settings = p.json;
  });

  test('a closed incident gets one follow-up by job; an unhappy outcome opens a complaint, linked both ways', async () => {
    assert.equal(settings.follow_up_delay_days, 0);
    const t = (await post('/api/v1/tickets', agent, { kind: 'incident', title: '打印机卡纸', organisation_id: orgA.id, requester_id: aliceId })).json;
    let r = await post(`/api/v1/tickets/${t.id}/transitions`, agent, { transition: 'resolve', resolution: '已清理' }, t.version);
    assert.equal(r.status, 200, r.text);
    r = await post(`/api/v1/tickets/${t.id}/transitions`, agent, { transition: 'close' }, r.json.version);
    assert.equal(r.status, 200, r.text);
    const f = await eventually(async () => {
      const l = await get(`/api/v1/follow-ups?source_ticket_id=${t.id}`, agent);
      return l.json.items[0];
    }, 'the follow-up');
    assert.equal(f.source, 'ticket');
    assert.equal(f.source_number, t.number);
    assert.equal(f.state, 'open');
    assert.equal(f.method, 'phone');
    assert.equal(f.contact_id, aliceId);
    assert.equal(f.organisation_id, orgA.id);
    assert.ok(Date.parse(f.due_at) > Date.now());
    // Idempotent: the job ran once, one follow-up.
    await sleep(500);
    assert.equal(count(`SELECT COUNT(*) FROM follow_ups WHERE source_ticket_id = ${t.id}`), 1);
    // Bad outcomes: nothing written.
    assertProblem(await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true }, f.version), 422, 'satisfied', 'required');
    assertProblem(await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true, satisfied: true, score: 9 }, f.version), 422, 'score', 'out_of_range');
    assertProblem(await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true, satisfied: false, action: 'reopen_work_order' }, f.version), 422, 'action', 'not_allowed');
    assertProblem(await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true, satisfied: true, action: 'complaint' }, f.version), 422, 'action', 'not_allowed');
    assertProblem(await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true, satisfied: true }, 7), 412);
    const done = await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true, satisfied: false, score: 2, comments: '卡纸问题又出现了' }, f.version);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.state, 'done');
    assert.equal(done.json.action, 'complaint');
    assert.ok(done.json.complaint_id);
    const c = await get(`/api/v1/complaints/${done.json.complaint_id}`, agent);
    assert.equal(c.json.complaint.follow_up_id, f.id);
    assert.equal(c.json.complaint.related_ticket_id, t.id);
    assert.equal(c.json.complaint.about, 'engineer');
    assert.equal(c.json.description, '卡纸问题又出现了');
    // Recorded once.
    assertProblem(await post(`/api/v1/follow-ups/${f.id}/outcome`, agent, { reached: true, satisfied: true }, done.json.version), 409);
  });

  test('automatic follow-ups go to the customer\'s care owner, else round-robin in the follow-up group', async () => {
    const agent2Id = addUser('agent2', 'agent');
    const group = (await post('/api/v1/groups', admin, { name: '回访组' })).json;
    for (const id of [agentId, agent2Id]) {
      assert.equal((await post(`/api/v1/groups/${group.id}/members`, admin, { user_id: id })).status, 200);
    }
    let g = await get('/api/v1/follow-ups/settings', agent);
    const version = Number(g.headers.get('etag').replaceAll('"', ''));
    assertProblem(await put('/api/v1/follow-ups/settings', admin, { ...g.json, follow_up_group_id: 999999 }, version), 422, 'follow_up_group_id', 'not_found');
    g = await put('/api/v1/follow-ups/settings', admin, { ...g.json, follow_up_group_id: group.id }, version);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.follow_up_group_id, group.id);
    const closeIncident = async (org, requester, title) => {
      const t = (await post('/api/v1/tickets', agent, { kind: 'incident', title, organisation_id: org, requester_id: requester })).json;
      let r = await post(`/api/v1/tickets/${t.id}/transitions`, agent, { transition: 'resolve', resolution: '已处理' }, t.version);
      assert.equal(r.status, 200, r.text);
      r = await post(`/api/v1/tickets/${t.id}/transitions`, agent, { transition: 'close' }, r.json.version);
      assert.equal(r.status, 200, r.text);
      return eventually(async () => (await get(`/api/v1/follow-ups?source_ticket_id=${t.id}`, agent)).json.items[0], `the follow-up of ${title}`);
    };
    // Round-robin between the two members, in turn.
    const first = await closeIncident(orgA.id, aliceId, '无法登录');
    const second = await closeIncident(orgA.id, aliceId, '无法打印');
    assert.deepEqual([first.assignee_id, second.assignee_id].sort(), [agentId, agent2Id].sort());
    // The customer's care owner takes them while able to take work; a customer cannot be one.
    const a = await get(`/api/v1/customers/${orgA.id}/archive`, agent);
    assertProblem(await put(`/api/v1/customers/${orgA.id}/care`, agent, { care_owner_id: aliceId }, a.json.care.version), 422, 'care_owner_id', 'not_found');
    const care = await put(`/api/v1/customers/${orgA.id}/care`, agent, { care_owner_id: headId }, a.json.care.version);
    assert.equal(care.status, 200, care.text);
    assert.equal(care.json.care_owner_id, headId);
    assert.equal((await closeIncident(orgA.id, aliceId, '报表错误')).assignee_id, headId);
    // Absent: back to the group.
    assert.equal((await put(`/api/v1/users/${headId}/availability`, head, { available: false })).status, 200);
    const fallback = await closeIncident(orgA.id, aliceId, '网络中断');
    assert.ok([agentId, agent2Id].includes(fallback.assignee_id), JSON.stringify(fallback));
    assert.equal((await put(`/api/v1/users/${headId}/availability`, head, { available: true })).status, 200);
    const cleared = await put(`/api/v1/customers/${orgA.id}/care`, agent, { care_owner_id: null }, care.json.version);
    assert.equal(cleared.json.care_owner_id, null);
  });

  test('by hand; a happy outcome; access for customers; audit', async () => {
    const r = await post('/api/v1/follow-ups', agent, { organisation_id: orgB.id, method: 'visit', assignee_id: agentId, due_in_days: 3 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.source, 'manual');
    assertProblem(await post('/api/v1/follow-ups', agent, { organisation_id: orgB.id, method: 'pigeon' }), 422, 'method');
    assertProblem(await post('/api/v1/follow-ups', agent, { organisation_id: 999999 }), 422, 'organisation_id', 'not_found');
    assertProblem(await post('/api/v1/follow-ups', alice, { organisation_id: orgA.id }), 403);
    assertProblem(await get(`/api/v1/follow-ups/${r.json.id}`, alice), 403);
    const ok = await post(`/api/v1/follow-ups/${r.json.id}/outcome`, agent, { reached: true, satisfied: true, score: 5 }, r.json.version);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.action, null);
    assert.equal(ok.json.complaint_id, null);
    const audit = await get(`/api/v1/audit?record=follow_up:${r.json.id}`, admin);
    assert.deepEqual(audit.json.items.map((e) => e.action), ['create', 'outcome']);
  });

  test('key customers are visited on their schedule', async () => {
    const a = await get(`/api/v1/customers/${orgB.id}/archive`, agent);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    assertProblem(await put(`/api/v1/customers/${orgB.id}/care`, agent, { key_customer: true }, a.json.care.version), 422, 'visit_interval_days', 'required');
    const r = await put(`/api/v1/customers/${orgB.id}/care`, agent, { key_customer: true, visit_interval_days: 90, visit_method: 'visit', next_visit_on: today }, a.json.care.version);
    assert.equal(r.status, 200, r.text);
    const f = await eventually(async () => {
      const l = await get(`/api/v1/follow-ups?organisation_id=${orgB.id}&state=open`, agent);
      return l.json.items.find((x) => x.source === 'schedule');
    }, 'the scheduled visit');
    assert.equal(f.method, 'visit');
    const care = (await get(`/api/v1/customers/${orgB.id}/archive`, agent)).json.care;
    assert.ok(care.next_visit_on > today, JSON.stringify(care));
  });
});

describe('customer archive', () => {
  test('a new customer gets an archive task due in 2 working days, closed when the archive is complete', async () => {
    const org = await createOrganisation(s, '广汉种植大户');
    const task = await eventually(async () => {
      const a = await get(`/api/v1/customers/${org.id}/archive`, agent);
      return a.json.archive.task_id ? a.json : null;
    }, 'the archive task');
    assert.equal(task.archive.complete, false);
    assert.deepEqual(task.archive.gaps.map((g) => g.item), ['contact', 'site_address', 'unit']);
    assert.ok(Date.parse(task.archive.due_at) > Date.now());
    const t = await get(`/api/v1/tickets/${task.archive.task_id}`, agent);
    assert.equal(t.json.kind, 'archive_task');
    assert.match(t.json.number, /^ARC-/);
    assert.equal(t.json.state, 'open');
    // Fill it in: a contact, a site with an address, and "no units".
    addUser('guanghan', 'customer', org.id);
    const site = await post(`/api/v1/organisations/${org.id}/sites`, admin, { name: '向阳镇', address: '四川省广汉市向阳镇 8 号', region_code: '510681' });
    assert.equal(site.status, 201, site.text);
    const care = await put(`/api/v1/customers/${org.id}/care`, agent, { no_units: true }, task.care.version);
    assert.equal(care.status, 200, care.text);
    const done = await eventually(async () => {
      const a = await get(`/api/v1/customers/${org.id}/archive`, agent);
      return a.json.archive.completed_at ? a.json : null;
    }, 'the archive complete');
    assert.equal(done.archive.complete, true);
    assert.deepEqual(done.archive.gaps, []);
    assert.equal(done.archive.due_at, null);
    assert.equal((await get(`/api/v1/tickets/${task.archive.task_id}`, agent)).json.state, 'complete');
  });

  test('the archive shows the organisation, people, sites, records and contract; customers see their own only', async () => {
    const a = await get(`/api/v1/customers/${orgA.id}/archive`, agent);
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.organisation.name, '德阳农机合作社');
    assert.ok(a.json.contacts.some((c) => c.id === aliceId));
    assert.ok(a.json.records.complaints.length >= 3);
    assert.ok(a.json.records.complaints.every((r) => r.kind === 'complaint' && r.number.startsWith('CMP-')));
    assert.ok(a.json.records.tickets.some((r) => r.kind === 'incident'));
    assert.ok(a.json.records.follow_ups.length >= 1);
    assert.deepEqual(a.json.records.work_orders, []);
    assert.deepEqual(a.json.records.survey_responses, []);
    assert.equal(a.json.contract.inherited, true);
    const own = await get(`/api/v1/customers/${orgA.id}/archive`, alice);
    assert.equal(own.status, 200, own.text);
    assertProblem(await get(`/api/v1/customers/${orgA.id}/archive`, bob), 404);
    assertProblem(await get('/api/v1/customers/999999/archive', agent), 404);
    assertProblem(await put(`/api/v1/customers/${orgA.id}/care`, alice, { no_units: true }, a.json.care.version), 403);
  });
});
