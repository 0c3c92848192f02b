// The service-desk record core over the API: numbers, priority matrix, lifecycle transitions with
// guards, journal visibility, and access scopes (a ticket out of reach is 404 everywhere).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, deskCast, sessionHeaders } from './harness.mjs';

const s = new Server();
let admin, agentTok, orgA, orgB, alice, bob;

const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

before(async () => {
  s.setup();
  await s.start();
  ({ admin, agentTok, orgA, orgB, alice, bob } = await deskCast(s));
});
after(async () => { await s.stop(); s.cleanup(); });

const as = sessionHeaders;
const newIncident = (extra = {}) => s.req('/api/v1/tickets', { method: 'POST', token: agentTok,
  body: { kind: 'incident', title: '服务器宕机 server down', description: '机房网络中断', organisation_id: orgA.id, ...extra } });

describe('creating tickets', () => {
  test('numbers run per kind and year, priority comes from impact × urgency', async () => {
    const a = await newIncident({ impact: 1, urgency: 1 });
    assert.equal(a.status, 201, a.text);
    assert.match(a.json.number, new RegExp(`^INC-${year}-\\d{6}$`));
    assert.equal(a.json.priority, 1);
    assert.equal(a.json.state, 'new');
    assert.equal(a.json.state_label['zh-CN'], '新建');
    assert.equal(a.json.channel, 'api');
    const b = await newIncident({ impact: 2, urgency: 3 });
    assert.equal(Number(b.json.number.slice(-6)), Number(a.json.number.slice(-6)) + 1);
    assert.equal(b.json.priority, 4);
    const r = await s.req('/api/v1/tickets', { method: 'POST', token: agentTok, body: { kind: 'request', title: '申请VPN账号', organisation_id: orgA.id } });
    assert.match(r.json.number, new RegExp(`^REQ-${year}-000001$`));
    assert.equal(r.json.priority, 4);
  });

  test('a manual priority override is kept and audited', async () => {
    const t = await newIncident({ impact: 3, urgency: 3, priority: 1 });
    assert.equal(t.json.priority, 1);
    assert.equal(t.json.priority_overridden, true);
    const audit = await s.req(`/api/v1/audit?record=ticket:${t.json.id}`, { token: admin });
    assert.equal(audit.status, 200, audit.text);
    const fields = audit.json.items[0].changes.map((c) => c.field);
    assert.ok(fields.includes('priority_overridden'));
  });

  test('a customer raises tickets for its own organisation only', async () => {
    const own = await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: '打印机不能打印' } });
    assert.equal(own.status, 201, own.text);
    assert.equal(own.json.organisation_id, orgA.id);
    assert.equal(own.json.requester_id, alice.user.id);
    assert.equal(own.json.channel, 'portal');
    const other = await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: 'x', organisation_id: orgB.id } });
    assert.equal(other.status, 422);
    const internal = await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: 'x', priority: 1 } });
    assert.equal(internal.status, 422);
  });

  test('bad input is refused with field errors and nothing is written', async () => {
    const before = (await s.req('/api/v1/tickets?limit=200', { token: admin })).json.items.length;
    const cases = [
      [{ kind: 'problem', title: 'x', organisation_id: orgA.id }, 400, 'kind'],
      [{ kind: 'incident', title: '', organisation_id: orgA.id }, 422, 'title'],
      [{ kind: 'incident', title: 'x' }, 422, 'organisation_id'],
      [{ kind: 'incident', title: 'x', organisation_id: 99999 }, 422, 'organisation_id'],
      [{ kind: 'incident', title: 'x', organisation_id: orgA.id, impact: 9 }, 422, 'impact'],
      [{ kind: 'incident', title: 'x', organisation_id: orgA.id, assignee_id: 99999 }, 422, 'assignee_id'],
      [{ kind: 'incident', title: 'x', organisation_id: orgA.id, colour: 'red' }, 400, 'colour'],
    ];
    for (const [body, status, field] of cases) {
      const r = await s.req('/api/v1/tickets', { method: 'POST', token: agentTok, body });
      assert.ok(r.status === status || (status === 400 && r.status === 422), `${JSON.stringify(body)} → ${r.status} ${r.text}`);
      assert.ok(r.json.errors.some((e) => e.field === field), `${field} in ${r.text}`);
    }
    assert.equal((await s.req('/api/v1/tickets?limit=200', { token: admin })).json.items.length, before);
  });
});

describe('lifecycle', () => {
  test('transitions follow the lifecycle; a wrong one is 409 naming the allowed ones', async () => {
    const t = (await newIncident()).json;
    const wrong = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' }, body: { transition: 'close' } });
    assert.equal(wrong.status, 409);
    assert.equal(wrong.json.type, 'https://fuwu.dev/problems/invalid-transition');
    // Every transition the agent may fire from `new`, whatever fields they still need.
    assert.deepEqual(wrong.json.allowed.split(',').sort(), ['assign', 'cancel', 'resolve', 'start']);
    const missing = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' }, body: { transition: 'resolve' } });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.json.errors.map((e) => e.field), ['resolution']);
    const resolved = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' },
      body: { transition: 'resolve', resolution: '重启交换机后恢复', comment: '已恢复，请确认' } });
    assert.equal(resolved.status, 200, resolved.text);
    assert.equal(resolved.json.state, 'resolved');
    assert.ok(resolved.json.resolved_at);
    assert.equal(resolved.headers.get('etag'), '"2"');
    const stale = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' }, body: { transition: 'close' } });
    assert.equal(stale.status, 412);
    // The customer of the organisation may confirm: close.
    const avail = await s.req(`/api/v1/tickets/${t.id}/transitions`, { headers: as(alice) });
    assert.deepEqual(avail.json.items.map((x) => x.name).sort(), ['close', 'reopen']);
    const closed = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', headers: { ...as(alice), 'if-match': '"2"' }, body: { transition: 'close' } });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.state_category, 'closed');
    // Closed: every field is read-only.
    const edit = await s.req(`/api/v1/tickets/${t.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': '"3"' }, body: { title: 'changed' } });
    assert.equal(edit.status, 422);
    assert.equal(edit.json.errors[0].code, 'read_only');
  });

  test('starting work needs an assignee who is an active agent', async () => {
    const t = (await newIncident()).json;
    const agentId = (await s.req('/api/v1/me', { token: agentTok })).json.id;
    const noOne = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' }, body: { transition: 'start' } });
    assert.equal(noOne.status, 422);
    const customer = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' }, body: { transition: 'start', assignee_id: alice.user.id } });
    assert.equal(customer.status, 422);
    const ok = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': '"1"' }, body: { transition: 'start', assignee_id: agentId } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.assignee_id, agentId);
    assert.equal(ok.json.state, 'in_progress');
  });

  test('impact and urgency changes recompute the priority', async () => {
    const t = (await newIncident({ impact: 3, urgency: 3 })).json;
    const r = await s.req(`/api/v1/tickets/${t.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': '"1"' }, body: { impact: 1, urgency: 2 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.priority, 2);
  });

  test('the lifecycle is readable as data', async () => {
    const r = await s.req('/api/v1/lifecycles/incident', { token: agentTok });
    assert.equal(r.status, 200);
    assert.equal(r.json.prefix, 'INC');
    assert.ok(r.json.states.some((st) => st.name === 'pending_customer' && st.category === 'pending'));
    assert.equal((await s.req('/api/v1/lifecycles/nothing', { token: agentTok })).status, 404);
  });
});

describe('journal and access', () => {
  test('customers see public entries only; internal notes need ticket.note', async () => {
    const t = (await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: '邮件发不出去' } })).json;
    assert.equal((await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', token: agentTok, body: { visibility: 'internal', body: '怀疑是SMTP配额' } })).status, 201);
    assert.equal((await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', token: agentTok, body: { body: '我们正在处理' } })).status, 201);
    const reply = await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', headers: as(alice), body: { body: '谢谢' } });
    assert.equal(reply.status, 201);
    const note = await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', headers: as(alice), body: { visibility: 'internal', body: 'sneaky' } });
    assert.equal(note.status, 403);
    const seenByCustomer = (await s.req(`/api/v1/tickets/${t.id}/journal`, { headers: as(alice) })).json.items.map((e) => e.body);
    assert.deepEqual(seenByCustomer, ['我们正在处理', '谢谢']);
    const seenByAgent = (await s.req(`/api/v1/tickets/${t.id}/journal`, { token: agentTok })).json.items.map((e) => e.body);
    assert.deepEqual(seenByAgent, ['怀疑是SMTP配额', '我们正在处理', '谢谢']);
  });

  test("another organisation's ticket is 404 in read, list, journal, transitions and audit", async () => {
    const t = (await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: '甲公司的秘密' } })).json;
    assert.equal((await s.req(`/api/v1/tickets/${t.id}`, { headers: as(bob) })).status, 404);
    assert.equal((await s.req(`/api/v1/tickets/${t.id}/journal`, { headers: as(bob) })).status, 404);
    assert.equal((await s.req(`/api/v1/tickets/${t.id}/transitions`, { headers: as(bob) })).status, 404);
    assert.equal((await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', headers: as(bob), body: { body: 'hi' } })).status, 404);
    const list = (await s.req('/api/v1/tickets?limit=200', { headers: as(bob) })).json.items;
    assert.ok(!list.some((x) => x.id === t.id));
    const aliceList = (await s.req('/api/v1/tickets?limit=200', { headers: as(alice) })).json.items;
    assert.ok(aliceList.every((x) => x.organisation_id === orgA.id));
    assert.ok(aliceList.some((x) => x.id === t.id));
  });

  test('lists page newest first with keyset cursors and filters', async () => {
    const seen = [];
    let cursor = '';
    for (;;) {
      const r = await s.req(`/api/v1/tickets?kind=incident&limit=3${cursor ? '&cursor=' + cursor : ''}`, { token: agentTok });
      assert.equal(r.status, 200);
      seen.push(...r.json.items.map((x) => x.id));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.deepEqual([...seen].sort((a, b) => b - a), seen);
    assert.equal(new Set(seen).size, seen.length);
    const bad = await s.req('/api/v1/tickets?group_id=abc', { token: agentTok });
    assert.equal(bad.status, 400);
  });
});

describe('audit of configuration records', () => {
  test('calendars and SLA policies have a readable journal', async () => {
    const copy = await s.req('/api/v1/calendars/china-mainland/copy', { method: 'POST', token: admin, body: { id: 'shanghai-office' } });
    assert.equal(copy.status, 201, copy.text);
    const r = await s.req(`/api/v1/audit?record=calendar:${copy.json.record_id}`, { token: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items[0].action, 'create');
    assert.equal((await s.req(`/api/v1/audit?record=calendar:${copy.json.record_id}`, { headers: as(alice) })).status, 403);
    assert.equal((await s.req('/api/v1/audit?record=sla_policy:424242', { token: admin })).status, 404);
  });
});
