// Saved views (/api/v1/views): personal and shared views, permissions, If-Match, and counts that
// are maintained on write — they stay right through creates, transitions, reassignments and
// deletes, per access scope (a customer's count of a shared view is of their organisation's
// tickets only). Runs on SQLite and, with FUWU_TEST_DB_URL, on PostgreSQL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, deskCast, addUser, apiToken } from './harness.mjs';

const s = new Server();
let admin, agentTok, agent2Tok, alice, orgA, orgB, g1, g2;

const as = (c) => ({ headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
const withCsrf = (c, extra = {}) => ({ headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...extra } });

async function ticket(body, token = agentTok) {
  const r = await s.req('/api/v1/tickets', { method: 'POST', token, body: { kind: 'incident', description: 'd', ...body } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
async function move(t, transition, extra = {}) {
  const cur = await s.req(`/api/v1/tickets/${t.id}`, { token: agentTok });
  const r = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': cur.headers.get('etag') }, body: { transition, ...extra } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}
async function count(id, who = { token: agentTok }) {
  const r = await s.req(`/api/v1/views/${id}`, who);
  assert.equal(r.status, 200, r.text);
  return r.json.count;
}
// What COUNT(*) says for the same filters: the counts must always equal it.
const sqlCount = (where) => Number(s.sql(`SELECT COUNT(*) FROM tickets WHERE ${where}`));

before(async () => {
  s.setup();
  await s.start();
  ({ admin, agentTok, orgA, orgB, alice } = await deskCast(s, { agentLogin: 'agent1' }));
  addUser(s, 'agent2', 'agent', 'agent-passw0rd');
  agent2Tok = apiToken(s, 'agent2');
  g1 = (await s.req('/api/v1/groups', { method: 'POST', token: admin, body: { name: '一线', line: 1 } })).json;
  g2 = (await s.req('/api/v1/groups', { method: 'POST', token: admin, body: { name: '二线', line: 2 } })).json;
});
after(async () => { await s.stop(); s.cleanup(); });

describe('counts maintained on write', () => {
  let queue, openAll, shared;
  test('a new view starts with the right count', async () => {
    await ticket({ title: '打印机卡纸', organisation_id: orgA.id, group_id: g1.id });
    await ticket({ title: '服务器宕机', organisation_id: orgB.id, group_id: g1.id });
    const r = await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: '一线新单', sort: 'sla_due', filters: { group_id: g1.id, state: 'new' } } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.match(r.headers.get('location'), /\/api\/v1\/views\/\d+$/);
    queue = r.json;
    assert.equal(queue.count, 2);
    assert.equal(queue.shared, false);
    assert.deepEqual(queue.filters, { kind: null, state: 'new', state_category: null, priority: null, group_id: g1.id, assignee_id: null, organisation_id: null, requester_id: null });
    openAll = (await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: 'open', filters: { state_category: 'open' } } })).json;
    assert.equal(openAll.count, 0);
  });

  test('creates, transitions, reassignments and deletes keep every count equal to COUNT(*)', async () => {
    const t1 = await ticket({ title: 'VPN 连接失败', organisation_id: orgA.id, group_id: g1.id });
    assert.equal(await count(queue.id), 3);
    // Assigned: leaves "new", joins "open".
    await move(t1, 'assign', { group_id: g1.id });
    assert.equal(await count(queue.id), 2);
    assert.equal(await count(openAll.id), 1);
    // Reassigned to another group by a PATCH: stays open.
    const cur = await s.req(`/api/v1/tickets/${t1.id}`, { token: agentTok });
    const p = await s.req(`/api/v1/tickets/${t1.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': cur.headers.get('etag') }, body: { group_id: g2.id } });
    assert.equal(p.status, 200, p.text);
    assert.equal(await count(openAll.id), 1);
    // A new ticket straight into the queue's group, then moved to the other group by PATCH.
    const t2 = await ticket({ title: '邮件无法发送', organisation_id: orgB.id, group_id: g1.id });
    assert.equal(await count(queue.id), 3);
    const cur2 = await s.req(`/api/v1/tickets/${t2.id}`, { token: agentTok });
    await s.req(`/api/v1/tickets/${t2.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': cur2.headers.get('etag') }, body: { group_id: g2.id } });
    assert.equal(await count(queue.id), 2);
    assert.equal(await count(queue.id), sqlCount(`group_id = ${g1.id} AND state = 'new'`));
    // Resolved: leaves "open".
    await move(t1, 'resolve', { resolution: '已处理' });
    assert.equal(await count(openAll.id), 0);
    assert.equal(await count(openAll.id), sqlCount("state_category = 'open'"));
    // Deleted (by the database, as a purge would): leaves its counters.
    const [victim] = s.sql(`SELECT id FROM tickets WHERE group_id = ${g1.id} AND state = 'new' ORDER BY id LIMIT 1`).split('\n');
    // (sqlite3 has no "fuwu" tokenizer for the full-text index, and does not enforce foreign keys.)
    const children = ['ticket_events', 'journal_entries', 'sla_notifications', ...(s.postgres ? ['search_documents'] : [])];
    for (const table of children) s.sql(`DELETE FROM ${table} WHERE ticket_id = ${victim}`);
    s.sql(`DELETE FROM tickets WHERE id = ${victim}`);
    assert.equal(await count(queue.id), 1);
    assert.equal(await count(queue.id), sqlCount(`group_id = ${g1.id} AND state = 'new'`));
  });

  test("a shared view counts, for each caller, only the tickets they may see", async () => {
    const denied = await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: 'all new', shared: true, filters: { state: 'new' } } });
    assert.equal(denied.status, 403);
    const r = await s.req('/api/v1/views', { method: 'POST', token: admin, body: { name: '全部新单 All new', shared: true, filters: { state: 'new' } } });
    assert.equal(r.status, 201, r.text);
    shared = r.json;
    assert.equal(shared.count, sqlCount("state = 'new'"));
    // Alice (customer of 甲) sees the shared view, counted over her organisation only.
    const list = await s.req('/api/v1/views', as(alice));
    assert.equal(list.status, 200, list.text);
    const seen = list.json.items.find((v) => v.id === shared.id);
    assert.ok(seen, 'the shared view is listed');
    assert.equal(seen.count, sqlCount(`state = 'new' AND organisation_id = ${orgA.id}`));
    assert.ok(!list.json.items.some((v) => v.id === queue.id), "another user's personal view is not listed");
    // Her count follows writes too: a new ticket of hers, and one of 乙 that she must not count.
    const before = await count(shared.id, as(alice));
    const mine = await s.req('/api/v1/tickets', { method: 'POST', ...withCsrf(alice), body: { kind: 'incident', title: '我的电脑蓝屏', description: 'blue screen' } });
    assert.equal(mine.status, 201, mine.text);
    await ticket({ title: '乙公司的单', organisation_id: orgB.id });
    assert.equal(await count(shared.id, as(alice)), before + 1);
    assert.equal(await count(shared.id), sqlCount("state = 'new'"));
    // Her page of the view holds only her organisation's tickets.
    const page = await s.req(`/api/v1/views/${shared.id}/tickets?limit=100`, as(alice));
    assert.equal(page.status, 200, page.text);
    assert.equal(page.json.items.length, before + 1);
    assert.ok(page.json.items.every((t) => t.organisation_id === orgA.id));
  });

  test('personal views are their owner\'s: 404 to others, no changes by others', async () => {
    assert.equal((await s.req(`/api/v1/views/${queue.id}`, { token: agent2Tok })).status, 404);
    assert.equal((await s.req(`/api/v1/views/${queue.id}/tickets`, { token: agent2Tok })).status, 404);
    assert.equal((await s.req(`/api/v1/views/${queue.id}`, { method: 'PATCH', token: agent2Tok, headers: { 'if-match': '"1"' }, body: { name: 'x' } })).status, 404);
    // A shared view is read by all, changed only with view.share.
    assert.equal((await s.req(`/api/v1/views/${shared.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': '"1"' }, body: { name: 'x' } })).status, 403);
    assert.equal((await s.req(`/api/v1/views/${shared.id}`, { method: 'DELETE', token: agentTok, headers: { 'if-match': '"1"' } })).status, 403);
  });
});

describe('changing and deleting views', () => {
  let v;
  test('If-Match is required and checked; new filters recount', async () => {
    v = (await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: 'P-any', filters: { kind: 'incident' } } })).json;
    assert.equal(v.count, sqlCount("kind = 'incident'"));
    const missing = await s.req(`/api/v1/views/${v.id}`, { method: 'PATCH', token: agentTok, body: { name: 'y' } });
    assert.equal(missing.status, 428);
    const stale = await s.req(`/api/v1/views/${v.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': '"7"' }, body: { name: 'y' } });
    assert.equal(stale.status, 412);
    const r = await s.req(`/api/v1/views/${v.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': '"1"' }, body: { name: '我的新单', filters: { state: 'new', organisation_id: orgB.id } } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.equal(r.json.name, '我的新单');
    assert.equal(r.json.count, sqlCount(`state = 'new' AND organisation_id = ${orgB.id}`));
  });

  test('bad input: a clear problem, nothing written', async () => {
    const n = Number(s.sql('SELECT COUNT(*) FROM saved_views'));
    const bad = await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: '', sort: 'random', filters: { priority: 9, colour: 'red' } } });
    assert.ok([400, 422].includes(bad.status), bad.text);
    const fields = bad.json.errors.map((e) => e.field);
    assert.ok(fields.includes('/sort') || fields.includes('sort'), bad.text);
    const kind = await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: 'k', filters: { kind: 'problem', state_category: 'busy' } } });
    assert.equal(kind.status, 422, kind.text);
    assert.deepEqual(kind.json.errors.map((e) => e.field).sort(), ['kind', 'state_category']);
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM saved_views')), n);
    const cursor = await s.req(`/api/v1/views/${v.id}/tickets?cursor=0000000000000000.0..1`, { token: agentTok });
    assert.equal(cursor.status, 400);
    assert.equal(cursor.json.errors[0].field, 'cursor');
  });

  test('delete with If-Match; the audit journal has every change', async () => {
    const del = await s.req(`/api/v1/views/${v.id}`, { method: 'DELETE', token: agentTok, headers: { 'if-match': '"2"' } });
    assert.equal(del.status, 204);
    assert.equal((await s.req(`/api/v1/views/${v.id}`, { token: agentTok })).status, 404);
    assert.equal(Number(s.sql(`SELECT COUNT(*) FROM saved_view_counts WHERE view_id = ${v.id}`)), 0);
    const actions = s.sql(`SELECT action FROM audit_entries WHERE record_type = 'saved_view' AND record_id = ${v.id} ORDER BY id`).split('\n');
    assert.deepEqual(actions, ['create', 'update', 'delete']);
  });
});

describe('a queue in SLA order', () => {
  test('newest and sla_due sorts page through every ticket once', async () => {
    for (let i = 0; i < 9; i++) await ticket({ title: `队列 ${i}`, organisation_id: orgA.id, group_id: g2.id, impact: 1 + (i % 3), urgency: 1 + ((i * 2) % 3) });
    for (const sort of ['newest', 'sla_due', 'updated']) {
      const v = (await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: `二线 ${sort}`, sort, filters: { group_id: g2.id } } })).json;
      assert.equal(v.count, sqlCount(`group_id = ${g2.id}`));
      const seen = [];
      let cursor = '';
      for (;;) {
        const page = await s.req(`/api/v1/views/${v.id}/tickets?limit=4${cursor ? '&cursor=' + cursor : ''}`, { token: agentTok });
        assert.equal(page.status, 200, page.text);
        seen.push(...page.json.items);
        if (!page.json.next_cursor) break;
        cursor = page.json.next_cursor;
      }
      assert.equal(seen.length, v.count, sort);
      assert.equal(new Set(seen.map((t) => t.id)).size, v.count, sort);
      if (sort === 'newest') assert.deepEqual(seen.map((t) => t.id), seen.map((t) => t.id).sort((a, b) => b - a));
      if (sort === 'sla_due') {
        const due = seen.map((t) => (t.sla_due_at ? Date.parse(t.sla_due_at) : Infinity));
        assert.deepEqual(due, [...due].sort((a, b) => a - b));
      }
    }
  });
});
