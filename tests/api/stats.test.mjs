// The dashboard's figures (GET /api/v1/stats/tickets): open tickets by state and group, SLA
// deadlines at risk, created and resolved per hour; counted over the caller's reachable tickets
// only (a customer sees its organisation's figures), parameters checked. SQLite and PostgreSQL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login, fuwu } from './harness.mjs';

const s = new Server();
let admin, agentTok, orgA, orgB, groupId, alice;
const as = (c) => ({ headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });

async function create(body) {
  const r = await s.req('/api/v1/tickets', { method: 'POST', token: agentTok, body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  const post = (path, body) => s.req(path, { method: 'POST', token: admin, body }).then((r) => r.json);
  [orgA, orgB] = await Promise.all([post('/api/v1/organisations', { name: '甲公司', kind: 'customer' }), post('/api/v1/organisations', { name: '乙公司', kind: 'customer' })]);
  groupId = (await post('/api/v1/groups', { name: '二线 网络组', line: 2 })).id;
  for (const [who, role, ...org] of [['agent7', 'agent'], ['alice', 'customer', '--organisation', String(orgA.id)]]) {
    fuwu(['user', 'add', who, '--role', role, ...org, '--password-stdin', '--db', s.db], `${who}-passw0rd\n`);
  }
  agentTok = fuwu(['token', 'create', 'agent7', '--db', s.db]).split('\n')[0];
  alice = await login(s, 'alice', 'alice-passw0rd');
  // Round the clock: a P1 incident must be resolved within 2 hours, so it is "at risk" at once.
  const p = await s.req('/api/v1/sla-policies', { method: 'POST', token: admin,
    body: { id: 'p1', name: 'P1', match: { priority: 'P1' }, targets: [{ kind: 'resolution', calendar: '24x7', working_hours: 2 }] } });
  assert.equal(p.status, 201, p.text);

  await create({ kind: 'incident', title: '服务器宕机', organisation_id: orgA.id, impact: 1, urgency: 1, group_id: groupId });
  await create({ kind: 'incident', title: '无法上网', organisation_id: orgA.id });
  const done = await create({ kind: 'incident', title: '打印机卡纸', organisation_id: orgA.id });
  await create({ kind: 'incident', title: '乙公司的工单', organisation_id: orgB.id, group_id: groupId });
  const r = await s.req(`/api/v1/tickets/${done.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': `"${done.version}"` },
    body: { transition: 'resolve', resolution: '已发放' } });
  assert.equal(r.status, 200, r.text);
  // Each new customer also gets its archive task (customer care), opened by a background job: wait
  // for both, so that the figures below show that they leave them out (staff-only tasks are listed
  // by kind, not on the service desk's dashboard).
  for (let i = 0; ; i++) {
    const tasks = await s.req('/api/v1/tickets?kind=archive_task', { token: agentTok });
    assert.equal(tasks.status, 200, tasks.text);
    if (tasks.json.items.length === 2) break;
    assert.ok(i < 100, `archive tasks: ${tasks.json.items.length} of 2 after 10 s`);
    await new Promise((res) => setTimeout(res, 100));
  }
});
after(async () => { await s.stop(); s.cleanup(); });

const sum = (xs, f) => xs.reduce((n, x) => n + x[f], 0);

describe('ticket statistics', () => {
  test('an agent sees every open ticket by state and group, the SLA at risk, and per hour', async () => {
    const r = await s.req('/api/v1/stats/tickets', { token: agentTok });
    assert.equal(r.status, 200, r.text);
    const st = r.json;
    assert.equal(st.open, 3, 'three open incidents; the customers\' archive tasks are not counted');
    assert.equal(sum(st.open_by_state, 'count'), 3);
    assert.ok(st.open_by_state.every((x) => ['new', 'open', 'pending'].includes(x.state_category)));
    assert.deepEqual(st.open_by_group.find((g) => g.group_id === groupId)?.count, 2);
    assert.equal(st.open_by_group.find((g) => g.group_id === null)?.count, 1);
    assert.equal(st.at_risk, 1, 'the P1 incident is due within 4 hours');
    assert.equal(st.breached, 0);
    assert.equal(st.risk_hours, 4);
    assert.equal(sum(st.hourly, 'created'), 4);
    assert.equal(sum(st.hourly, 'resolved'), 1);
    assert.match(st.since, /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    assert.ok(st.hourly.every((h) => /:00:00Z$/.test(h.hour) && h.hour >= st.since));
    // A narrower risk window leaves the 2-hour deadline out.
    const narrow = await s.req('/api/v1/stats/tickets?risk_hours=1', { token: agentTok });
    assert.equal(narrow.json.at_risk, 0);
  });

  test('a customer counts only its own organisation\'s tickets, never the staff\'s archive task about it', async () => {
    const r = await s.req('/api/v1/stats/tickets', as(alice));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.open, 2);
    const list = await s.req('/api/v1/tickets', as(alice));
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((t) => t.kind).sort(), ['incident', 'incident', 'incident']);
    const task = (await s.req('/api/v1/tickets?kind=archive_task', { token: agentTok })).json.items.find((t) => t.organisation_id === orgA.id);
    assert.ok(task, 'the archive task of 甲公司');
    assert.equal((await s.req(`/api/v1/tickets/${task.id}`, as(alice))).status, 404);
    assert.equal(sum(r.json.hourly, 'created'), 3);
  });

  test('bad parameters are a clear problem; without ticket.read it is forbidden', async () => {
    for (const q of ['days=0', 'days=93', 'risk_hours=0', 'risk_hours=200', 'days=abc']) {
      const r = await s.req(`/api/v1/stats/tickets?${q}`, { token: agentTok });
      assert.equal(r.status, 400, q);
      assert.ok(r.json.errors?.length, q);
    }
    assert.equal((await s.req('/api/v1/stats/tickets')).status, 401);
    const role = await s.req('/api/v1/roles', { method: 'POST', token: admin, body: { name: 'nobody', label_zh: '无', label_en: 'Nobody', grants: [{ permission: 'me.read', scope: 'own' }] } });
    assert.equal(role.status, 201, role.text);
    fuwu(['user', 'add', 'nemo', '--role', 'nobody', '--password-stdin', '--db', s.db], 'nemo-passw0rd\n');
    const nemo = await login(s, 'nemo', 'nemo-passw0rd');
    assert.equal((await s.req('/api/v1/stats/tickets', as(nemo))).status, 403);
  });

  test('the list behind a day: tickets created or resolved in a period, in scope', async () => {
    const hour = new Date(Date.now() - 3600e3).toISOString();
    const later = new Date(Date.now() + 3600e3).toISOString();
    const list = (q, who = { token: agentTok }) => s.req(`/api/v1/tickets?${q}`, who);
    let r = await list(`created_from=${hour}&created_to=${later}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 4, 'the four incidents, not the archive tasks');
    assert.equal((await list(`created_to=${hour}`)).json.items.length, 0, 'the period is half-open and before every ticket');
    r = await list(`resolved_from=${hour}&resolved_to=${later}`);
    assert.deepEqual(r.json.items.map((t) => t.title), ['打印机卡纸']);
    // The same instant in another offset is the same filter; a customer's period stays in its organisation.
    const shanghai = later.replace('Z', '+00:00');
    assert.equal((await list(`created_to=${encodeURIComponent(shanghai)}`, as(alice))).json.items.length, 3);
    assert.deepEqual((await list('priority=1')).json.items.map((t) => t.title), ['服务器宕机']);
    // By number (how the UI links and merges by number); another organisation's is not there for a customer.
    const other = (await list('')).json.items.find((t) => t.title === '乙公司的工单');
    assert.equal((await list(`number=${other.number}`)).json.items[0]?.id, other.id);
    assert.equal((await list(`number=${other.number}`, as(alice))).json.items.length, 0);
    for (const q of ['priority=5', 'priority=0', 'created_from=yesterday', 'resolved_to=2026-13-01T00:00:00Z', 'created_to=']) {
      const bad = await list(q);
      assert.equal(bad.status, 400, q);
      assert.equal(bad.json.errors?.[0]?.field, q.split('=')[0], q);
    }
  });
});
