// The service catalogue over the API: services and request items with form schemas, requests
// whose form data is checked (422 with field-level problems, nothing written), schema versions,
// approvals in stages (manager, any/all, rejection, double and wrong decisions), the priority
// matrix, and the manager reference on people.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login, addUser, apiToken, createOrganisation, assertProblem } from './harness.mjs';

const s = new Server();
let admin, agentTok, agent2Tok, orgA, orgB, boss, li, other, group;

const as = (c) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });
const post = (path, auth, body, headers = {}) => s.req(path, { method: 'POST', ...auth, body, headers: { ...(auth.headers || {}), ...headers } });
const get = (path, auth) => s.req(path, { ...auth });
const patch = (path, auth, version, body) => s.req(path, { method: 'PATCH', ...auth, body, headers: { ...(auth.headers || {}), 'if-match': `"${version}"` } });
const tok = (t) => ({ token: t });
const ses = (c) => ({ headers: as(c) });

const form = {
  fields: [
    { name: 'model', type: 'select', label_zh: '型号', label_en: 'Model', required: true,
      options: [{ value: 'standard', label_zh: '标准型', label_en: 'Standard' }, { value: 'workstation', label_zh: '工作站', label_en: 'Workstation' }] },
    { name: 'memory_gb', type: 'number', label_zh: '内存', label_en: 'Memory', min: 8, max: 64, integer: true },
    { name: 'needed_by', type: 'date', label_zh: '需要日期', label_en: 'Needed by' },
    { name: 'cost_owner', type: 'user', label_zh: '成本负责人', label_en: 'Cost owner', required: true, shown_when: { field: 'model', values: ['workstation'] } },
    { name: 'reason', type: 'text', label_zh: '原因', label_en: 'Reason', required_when: { field: 'model', values: ['workstation'] } },
    { name: 'billed_to', type: 'organisation', label_zh: '结算单位', label_en: 'Billed to' },
    { name: 'old_asset', type: 'configuration_item', label_zh: '旧设备', label_en: 'Old asset' },
  ],
};

before(async () => {
  s.setup();
  await s.start();
  admin = tok(s.adminToken);
  orgA = await createOrganisation(s, '甲公司');
  orgB = await createOrganisation(s, '乙公司');
  addUser(s, 'agent1', 'agent', 'agent-passw0rd');
  addUser(s, 'agent2', 'agent', 'agent-passw0rd');
  addUser(s, 'boss', 'customer', 'boss-passw0rd', orgA.id);
  addUser(s, 'li.na', 'customer', 'li-passw0rd1', orgA.id);
  addUser(s, 'other', 'customer', 'other-passw0rd', orgB.id);
  agentTok = tok(apiToken(s, 'agent1'));
  agent2Tok = tok(apiToken(s, 'agent2'));
  boss = await login(s, 'boss', 'boss-passw0rd');
  li = await login(s, 'li.na', 'li-passw0rd1');
  other = await login(s, 'other', 'other-passw0rd');
  group = (await post('/api/v1/groups', admin, { name: '桌面支持' })).json;
});
after(async () => { await s.stop(); s.cleanup(); });

let service, item;

describe('catalogue administration', () => {
  test('an administrator adds a service and a request item with a form; ETag and Location', async () => {
    const svc = await post('/api/v1/catalogue/services', admin, { code: 'laptop', name_zh: '笔记本电脑', name_en: 'Laptops', category: 'hardware' });
    assert.equal(svc.status, 201, svc.text);
    assert.equal(svc.headers.get('etag'), '"1"');
    assert.equal(svc.headers.get('location'), `/api/v1/catalogue/services/${svc.json.id}`);
    service = svc.json;
    const it = await post('/api/v1/catalogue/items', admin, {
      service_id: service.id, code: 'laptop_new', name_zh: '申请新笔记本电脑', name_en: 'New laptop',
      category: 'hardware', default_group_id: group.id, impact: 2, urgency: 3, form_schema: form,
    });
    assert.equal(it.status, 201, it.text);
    item = it.json;
    assert.equal(item.form_version, 1);
    assert.equal(item.service_code, 'laptop');
    assert.equal(item.form_schema.fields[0].options[1].label_zh, '工作站');
    assert.deepEqual(item.form_schema.fields[3].shown_when, { field: 'model', values: ['workstation'] });
  });

  test('bad schemas and codes are problems naming the field; nothing is written', async () => {
    const before = (await get('/api/v1/catalogue/items', admin)).json.items.length;
    const base = { service_id: service.id, code: 'x1', name_zh: '甲', name_en: 'X' };
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, form_schema: { fields: [{ name: 'a', type: 'colour', label_zh: '甲', label_en: 'A' }] } }), 422, 'form_schema/fields/0/type', 'not_allowed');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, form_schema: { fields: [{ name: 'a', type: 'select', label_zh: '甲', label_en: 'A' }] } }), 422, 'form_schema/fields/0/options', 'required');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, form_schema: { fields: [{ name: 'a', type: 'text', label_zh: '甲', label_en: 'A', shown_when: { field: 'b' } }] } }), 422, 'form_schema/fields/0/shown_when/field', 'not_found');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, form_schema: { fields: [{ name: 'a', type: 'text', label_zh: '甲', label_en: 'A', colour: 1 }] } }), 400, 'form_schema/fields/0/colour', 'unknown_field');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, code: 'Bad Code' }), 422, 'code', 'invalid_format');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, code: 'laptop_new' }), 409, 'code', 'taken');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, approvals: [{ label_zh: '甲', label_en: 'A', rule: 'most', approvers: [] }] }), 422, 'approvals/0/rule', 'not_allowed');
    assertProblem(await post('/api/v1/catalogue/items', admin, { ...base, audience: { roles: ['wizard'] } }), 422, 'audience/roles/0', 'not_found');
    assert.equal((await get('/api/v1/catalogue/items', admin)).json.items.length, before);
  });

  test('customers and agents browse but may not manage', async () => {
    const list = await get('/api/v1/catalogue/items', ses(li));
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.items.some((i) => i.code === 'laptop_new'));
    assert.equal((await get('/api/v1/catalogue/services', agentTok)).status, 200);
    assertProblem(await post('/api/v1/catalogue/services', agentTok, { code: 'x', name_zh: '甲', name_en: 'X' }), 403);
    assertProblem(await post('/api/v1/catalogue/services', ses(li), { code: 'x', name_zh: '甲', name_en: 'X' }), 403);
  });

  test('an audience hides the item: out of reach is 404, and requesting it is refused', async () => {
    const it = await post('/api/v1/catalogue/items', admin, {
      service_id: service.id, code: 'b_only', name_zh: '乙专用', name_en: 'B only', audience: { organisation_ids: [orgB.id] },
    });
    assert.equal(it.status, 201, it.text);
    assert.equal((await get(`/api/v1/catalogue/items/${it.json.id}`, ses(li))).status, 404);
    assert.equal((await get(`/api/v1/catalogue/items/${it.json.id}`, ses(other))).status, 200);
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: it.json.id }), 422, 'catalogue_item_id', 'not_found');
  });
});

describe('requests from the catalogue', () => {
  test('a customer raises a request; the form is stored with its schema version and item defaults', async () => {
    const r = await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id,
      form: { model: 'standard', memory_gb: 16, needed_by: '2026-12-01', billed_to: orgA.id, old_asset: 'PC-00042' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.title, '申请新笔记本电脑');
    assert.equal(r.json.group_id, group.id);
    assert.equal(r.json.impact, 2);
    assert.equal(r.json.service, 'laptop');
    assert.equal(r.json.state, 'new');
    const f = await get(`/api/v1/tickets/${r.json.id}/form`, ses(li));
    assert.equal(f.status, 200, f.text);
    assert.equal(f.json.form_version, 1);
    assert.deepEqual(f.json.form, { model: 'standard', memory_gb: 16, needed_by: '2026-12-01', billed_to: orgA.id, old_asset: 'PC-00042' });
    assert.equal(f.json.item_name['zh-CN'], '申请新笔记本电脑');
    assert.equal((await get(`/api/v1/tickets/${r.json.id}/form`, ses(other))).status, 404);
  });

  test('form data that does not match is 422 with field-level problems, nothing written', async () => {
    const count = async () => (await get('/api/v1/tickets?kind=request', admin)).json.items.length;
    const before = await count();
    const bad = await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id,
      form: { model: 'workstation', memory_gb: 128, needed_by: '2026-02-30', colour: 'red' } });
    assertProblem(bad, 422, 'form/cost_owner', 'required');
    assertProblem(bad, 422, 'form/reason', 'required');
    assertProblem(bad, 422, 'form/memory_gb', 'out_of_range');
    assertProblem(bad, 422, 'form/needed_by', 'invalid_format');
    assertProblem(bad, 422, 'form/colour', 'unknown_field');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id, form: { model: 'gaming' } }), 422, 'form/model', 'not_allowed');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id, form: { model: 'standard', memory_gb: '16' } }), 422, 'form/memory_gb', 'wrong_type');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id, form: { model: 'standard', cost_owner: 5 } }), 422, 'form/cost_owner', 'not_allowed');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id, form: { model: 'workstation', cost_owner: 999999, reason: '建模' } }), 422, 'form/cost_owner', 'not_found');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'incident', catalogue_item_id: item.id, form: { model: 'standard' } }), 422, 'kind', 'not_allowed');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: item.id, form: [1] }), 400, 'form', 'wrong_type');
    assertProblem(await post('/api/v1/tickets', ses(li), { kind: 'request', title: 'x', form: {} }), 422, 'form', 'not_allowed');
    assert.equal(await count(), before);
  });

  test('a schema change makes a new version; old requests keep theirs', async () => {
    const first = await post('/api/v1/tickets', agentTok, { kind: 'request', catalogue_item_id: item.id, organisation_id: orgA.id, form: { model: 'standard' } });
    assert.equal(first.status, 201, first.text);
    const current = await get(`/api/v1/catalogue/items/${item.id}`, admin);
    const changed = { fields: [...form.fields, { name: 'colour', type: 'select', label_zh: '颜色', label_en: 'Colour', required: true, options: [{ value: 'black', label_zh: '黑色', label_en: 'Black' }] }] };
    const up = await patch(`/api/v1/catalogue/items/${item.id}`, admin, current.json.version, { form_schema: changed });
    assert.equal(up.status, 200, up.text);
    assert.equal(up.json.form_version, 2);
    const old = await get(`/api/v1/tickets/${first.json.id}/form`, agentTok);
    assert.equal(old.json.form_version, 1);
    assert.equal(old.json.form_schema.fields.length, form.fields.length);
    const v1 = await get(`/api/v1/catalogue/items/${item.id}/forms/1`, ses(li));
    assert.equal(v1.status, 200, v1.text);
    assert.equal(v1.json.form_schema.fields.length, form.fields.length);
    assert.equal((await get(`/api/v1/catalogue/items/${item.id}/forms/3`, ses(li))).status, 404);
    assertProblem(await post('/api/v1/tickets', agentTok, { kind: 'request', catalogue_item_id: item.id, organisation_id: orgA.id, form: { model: 'standard' } }), 422, 'form/colour', 'required');
    // A stale version is refused.
    assertProblem(await patch(`/api/v1/catalogue/items/${item.id}`, admin, current.json.version, { name_en: 'x' }), 412);
  });
});

describe('approvals', () => {
  let approvalItem, bossId, liId, agent1Id, agent2Id;

  before(async () => {
    const users = (await get('/api/v1/users?limit=200', admin)).json.items;
    const id = (l) => users.find((u) => u.login === l).id;
    bossId = id('boss'); liId = id('li.na'); agent1Id = id('agent1'); agent2Id = id('agent2');
    const u = await get(`/api/v1/users/${liId}`, admin);
    const m = await patch(`/api/v1/users/${liId}`, admin, u.json.version, { manager_id: bossId });
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.manager_id, bossId);
    const it = await post('/api/v1/catalogue/items', admin, {
      service_id: service.id, code: 'vpn', name_zh: 'VPN 账号', name_en: 'VPN account',
      approvals: [
        { label_zh: '直属经理审批', label_en: 'Line manager', rule: 'any', approvers: [{ type: 'manager' }] },
        { label_zh: 'IT 审批', label_en: 'IT', rule: 'all', approvers: [{ type: 'user', user_id: agent1Id }, { type: 'user', user_id: agent2Id }] },
      ],
    });
    assert.equal(it.status, 201, it.text);
    approvalItem = it.json;
  });

  const decide = (id, auth, decision, comment) => post(`/api/v1/tickets/${id}/approvals`, auth, comment === undefined ? { decision } : { decision, comment });

  test('a manager cannot manage themselves or form a cycle', async () => {
    const b = await get(`/api/v1/users/${bossId}`, admin);
    assertProblem(await patch(`/api/v1/users/${bossId}`, admin, b.json.version, { manager_id: liId }), 422, 'manager_id', 'not_allowed');
    assertProblem(await patch(`/api/v1/users/${bossId}`, admin, b.json.version, { manager_id: 99999 }), 422, 'manager_id', 'not_found');
  });

  test('manager, then all of two agents: the request moves to approved; events and audit', async () => {
    const r = await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: approvalItem.id });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.state, 'awaiting_approval');
    const t = r.json.id;
    const list = await get(`/api/v1/tickets/${t}/approvals`, ses(li));
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((a) => [a.stage, a.approver_id, a.state, a.source]),
      [[1, bossId, 'pending', 'manager'], [2, agent1Id, 'waiting', 'user'], [2, agent2Id, 'waiting', 'user']]);
    // The manager sees it in their own pending list.
    const mine = await get('/api/v1/approvals', ses(boss));
    assert.ok(mine.json.items.some((a) => a.ticket_id === t && a.ticket_number === r.json.number));
    // Wrong approvers: later stage 403, requester 403, another organisation 404.
    assertProblem(await decide(t, agentTok, 'approve'), 403);
    assertProblem(await decide(t, ses(li), 'approve'), 403);
    assertProblem(await decide(t, ses(other), 'approve'), 404);
    assert.equal((await get(`/api/v1/tickets/${t}/approvals`, ses(other))).status, 404);
    const s1 = await decide(t, ses(boss), 'approve', '同意');
    assert.equal(s1.status, 200, s1.text);
    assert.equal(s1.json.items[0].state, 'approved');
    assert.equal(s1.json.items[0].comment, '同意');
    assertProblem(await decide(t, ses(boss), 'approve'), 409);
    assert.equal((await decide(t, agentTok, 'approve')).status, 200);
    assert.equal((await get(`/api/v1/tickets/${t}`, admin)).json.state, 'awaiting_approval');
    assert.equal((await decide(t, agent2Tok, 'approve', 'ok')).status, 200);
    assert.equal((await get(`/api/v1/tickets/${t}`, admin)).json.state, 'approved');
    const audit = await get(`/api/v1/audit?record=ticket:${t}`, admin);
    assert.equal(audit.json.items.filter((e) => e.action === 'approval:approve').length, 3);
    const events = s.sql(`SELECT event_type FROM outbox WHERE record_id = ${t} AND event_type LIKE 'approval.%' ORDER BY id`).split('\n');
    assert.deepEqual(events, ['approval.requested', 'approval.approved', 'approval.requested', 'approval.requested', 'approval.approved', 'approval.approved']);
  });

  test('a rejection needs a comment and ends the request', async () => {
    const r = await post('/api/v1/tickets', ses(li), { kind: 'request', catalogue_item_id: approvalItem.id });
    const t = r.json.id;
    assertProblem(await decide(t, ses(boss), 'reject'), 422, 'comment', 'required');
    assertProblem(await decide(t, ses(boss), 'maybe'), 422, 'decision', 'not_allowed');
    const rej = await decide(t, ses(boss), 'reject', '预算不足');
    assert.equal(rej.status, 200, rej.text);
    assert.deepEqual(rej.json.items.map((a) => a.state), ['rejected', 'cancelled', 'cancelled']);
    const ticket = await get(`/api/v1/tickets/${t}`, ses(li));
    assert.equal(ticket.json.state, 'rejected');
    assert.equal(ticket.json.resolution, '预算不足');
    assertProblem(await decide(t, agentTok, 'approve'), 409);
  });

  test('a requester without a manager cannot raise it', async () => {
    assertProblem(await post('/api/v1/tickets', ses(other), { kind: 'request', catalogue_item_id: approvalItem.id }), 422, 'catalogue_item_id', 'no_approver');
  });
});

describe('priority matrix', () => {
  test('administrators read and replace it with If-Match; agents read; new tickets use it', async () => {
    const m = await get('/api/v1/priority-matrix', agentTok);
    assert.equal(m.status, 200, m.text);
    assert.deepEqual(m.json.cells, [[1, 2, 3], [2, 3, 4], [3, 4, 4]]);
    assert.equal(m.json.is_default, true);
    assertProblem(await s.req('/api/v1/priority-matrix', { method: 'PUT', ...agentTok, body: { cells: [[1]] }, headers: { 'if-match': '"1"' } }), 403);
    assertProblem(await s.req('/api/v1/priority-matrix', { method: 'PUT', ...admin, body: { cells: [[1, 5]] }, headers: { 'if-match': '"1"' } }), 422, 'cells', 'invalid_format');
    assertProblem(await s.req('/api/v1/priority-matrix', { method: 'PUT', ...admin, body: { cells: 'x' }, headers: { 'if-match': '"1"' } }), 400, 'cells', 'wrong_type');
    assertProblem(await s.req('/api/v1/priority-matrix', { method: 'PUT', ...admin, body: { cells: [[1]] } }), 428);
    const cells = [[1, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 4], [3, 4, 4, 4]];
    const put = await s.req('/api/v1/priority-matrix', { method: 'PUT', ...admin, body: { cells }, headers: { 'if-match': '"1"' } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.headers.get('etag'), '"2"');
    assert.equal(put.json.impact_levels, 4);
    assertProblem(await s.req('/api/v1/priority-matrix', { method: 'PUT', ...admin, body: { cells }, headers: { 'if-match': '"1"' } }), 412);
    const t = await post('/api/v1/tickets', agentTok, { kind: 'incident', title: '网络中断', organisation_id: orgA.id, impact: 4, urgency: 1 });
    assert.equal(t.status, 201, t.text);
    assert.equal(t.json.priority, 3);
    const audit = await get('/api/v1/audit?record=priority_matrix:1', admin);
    assert.equal(audit.json.items[0].changes[0].new, '1,1,2,3;1,2,3,4;2,3,4,4;3,4,4,4');
    // Back to the default for other tests.
    const back = await s.req('/api/v1/priority-matrix', { method: 'PUT', ...admin, body: { cells: [[1, 2, 3], [2, 3, 4], [3, 4, 4]] }, headers: { 'if-match': '"2"' } });
    assert.equal(back.status, 200, back.text);
  });
});
