// Parties and access over the API: people (users and contacts), groups, sites, roles and API
// tokens — CRUD, ETags, Idempotency-Key, every route × role (admin, agent, customer of its own
// and of another organisation, supplier), password changes and disabled accounts, problems for
// bad input with nothing written.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login, addUser as addUserTo, apiToken, createOrganisation, assertProblem } from './harness.mjs';

const s = new Server();
let admin, agent, alice, bob, sam; // tokens: admin, agent, customer of A, customer of B, supplier
let orgA, orgB, orgS;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const token = (loginName) => apiToken(s, loginName);
const addUser = (loginName, role, password, org) => addUserTo(s, loginName, role, password, org);

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  const org = (name, kind) => createOrganisation(s, name, kind);
  orgA = await org('客户甲 Alpha', 'customer');
  orgB = await org('客户乙 Beta', 'customer');
  orgS = await org('供应商 Sigma', 'supplier');
  addUser('agent1', 'agent', 'agent-passw0rd');
  addUser('alice', 'customer', 'alice-passw0rd', orgA.id);
  addUser('bob', 'customer', 'bob-passw0rd-1', orgB.id);
  addUser('sam', 'supplier', 'sam-passw0rd', orgS.id);
  agent = token('agent1');
  alice = token('alice');
  bob = token('bob');
  sam = token('sam');
});
after(async () => { await s.stop(); s.cleanup(); });

// Every id of a list, walking all pages.
async function allIds(path, tok) {
  const ids = [];
  let cursor = '';
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await s.req(`${path}${sep}limit=200${cursor ? '&cursor=' + cursor : ''}`, { token: tok });
    assert.equal(r.status, 200, r.text);
    ids.push(...r.json.items.map((x) => x.id));
    if (!r.json.next_cursor) return ids;
    cursor = r.json.next_cursor;
  }
}
const userCount = async () => (await allIds('/api/v1/users', admin)).length;
const idOf = async (loginName) => (await s.req(`/api/v1/users?q=${encodeURIComponent(loginName)}`, { token: admin })).json.items.find((u) => u.login === loginName).id;
const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
const patch = (path, tok, version, body) => s.req(path, { method: 'PATCH', token: tok, body, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
const del = (path, tok, version) => s.req(path, { method: 'DELETE', token: tok, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });

describe('people', () => {
  test('an admin creates a user who can sign in, with ETag and Location', async () => {
    const r = await post('/api/v1/users', admin, { login: 'li.wei', role: 'customer', organisation_id: orgA.id, display_name: '李伟', email: 'li.wei@example.cn', phone: '+86 21 5555 0100', password: 'li-wei-passw0rd' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.headers.get('location'), `/api/v1/users/${r.json.id}`);
    assert.equal(r.json.kind, 'user');
    assert.equal(r.json.display_name, '李伟');
    assert.equal(r.json.organisation_id, orgA.id);
    assert.equal(r.json.disabled, false);
    assert.equal(r.json.password, undefined);
    const c = await login(s, 'li.wei', 'li-wei-passw0rd');
    assert.equal(c.user.login, 'li.wei');
    // Logins are one account regardless of case.
    await login(s, 'LI.WEI', 'li-wei-passw0rd');
    const got = await s.req(`/api/v1/users/${r.json.id}`, { token: admin });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('etag'), '"1"');
    assert.equal(got.json.phone, '+86 21 5555 0100');
  });

  test('a contact has no password and cannot sign in', async () => {
    const r = await post('/api/v1/users', admin, { login: 'caller.zhao', kind: 'contact', role: 'customer', organisation_id: orgA.id });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'contact');
    assert.equal((await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'caller.zhao', password: 'anything-at-all' } })).status, 401);
    const bad = await post('/api/v1/users', admin, { login: 'caller.qian', kind: 'contact', role: 'customer', password: 'some-passw0rd' });
    assertProblem(bad, 422, 'password', 'not_allowed');
  });

  test('bad input is a problem naming the field, and nothing is written', async () => {
    const before = await userCount();
    assertProblem(await post('/api/v1/users', admin, { login: 'a b', role: 'agent' }), 422, 'login', 'invalid_format');
    assertProblem(await post('/api/v1/users', admin, { login: 'ALICE', role: 'agent', password: 'x-passw0rd' }), 409, 'login', 'taken');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody1', role: 'wizard' }), 422, 'role', 'not_allowed');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody2', role: 'agent', organisation_id: 987654 }), 422, 'organisation_id', 'not_found');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody3', role: 'agent', password: 'short' }), 422, 'password', 'too_short');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody4', role: 'agent', email: 'not-an-address' }), 422, 'email', 'invalid_format');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody5', role: 'agent', language: 'fr' }), 422, 'language', 'not_allowed');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody6', role: 'agent', time_zone: 'Mars/Olympus' }), 422, 'time_zone', 'not_allowed');
    assertProblem(await post('/api/v1/users', admin, { login: 'nobody7', role: 'agent', colour: 'red' }), 400, 'colour', 'unknown_field');
    assertProblem(await post('/api/v1/users', admin, { login: 42, role: 'agent' }), 400, 'login', 'wrong_type');
    assertProblem(await post('/api/v1/users', admin, { role: 'agent' }), 422, 'login', 'required');
    assert.equal(await userCount(), before);
  });

  test('a repeated Idempotency-Key creates one person and replays the response', async () => {
    const before = await userCount();
    const body = { login: 'idem.user', role: 'agent' };
    const headers = { 'idempotency-key': 'user-key-1' };
    const first = await post('/api/v1/users', admin, body, headers);
    const again = await post('/api/v1/users', admin, body, headers);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await userCount(), before + 1);
  });

  test('PATCH needs If-Match, a stale one is 412; changes are audited field by field', async () => {
    const u = (await post('/api/v1/users', admin, { login: 'patch.me', role: 'customer', organisation_id: orgA.id, display_name: '旧名' })).json;
    assert.equal((await patch(`/api/v1/users/${u.id}`, admin, undefined, { display_name: 'x' })).status, 428);
    const ok = await patch(`/api/v1/users/${u.id}`, admin, 1, { display_name: '新名', phone: '010-1234', organisation_id: orgB.id, language: 'en', time_zone: 'Europe/Berlin' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.headers.get('etag'), '"2"');
    assert.equal(ok.json.organisation_id, orgB.id);
    assert.equal(ok.json.time_zone, 'Europe/Berlin');
    const stale = await patch(`/api/v1/users/${u.id}`, admin, 1, { display_name: 'overwrite' });
    assertProblem(stale, 412);
    assert.equal((await s.req(`/api/v1/users/${u.id}`, { token: admin })).json.display_name, '新名');
    assertProblem(await patch(`/api/v1/users/${u.id}`, admin, 2, { role: 'wizard' }), 422, 'role', 'not_allowed');
    const cleared = await patch(`/api/v1/users/${u.id}`, admin, 2, { organisation_id: null });
    assert.equal(cleared.json.organisation_id, null);
    const audit = await s.req(`/api/v1/audit?record=user:${u.id}`, { token: admin });
    assert.deepEqual(audit.json.items.map((e) => e.action), ['create', 'update', 'update']);
    const changes = Object.fromEntries(audit.json.items[1].changes.map((c) => [c.field, [c.old, c.new]]));
    assert.deepEqual(changes.display_name, ['旧名', '新名']);
    assert.deepEqual(changes.organisation_id, [String(orgA.id), String(orgB.id)]);
    assert.deepEqual(changes.phone, ['', '010-1234']);
  });

  test('lists filter by organisation, role, kind and text, with keyset cursors', async () => {
    const inA = (await s.req(`/api/v1/users?organisation=${orgA.id}`, { token: admin })).json.items;
    assert.ok(inA.length >= 2);
    assert.ok(inA.every((u) => u.organisation_id === orgA.id));
    assert.ok((await s.req('/api/v1/users?role=supplier', { token: admin })).json.items.every((u) => u.role === 'supplier'));
    const contacts = (await s.req('/api/v1/users?kind=contact', { token: admin })).json.items;
    assert.deepEqual(contacts.map((u) => u.login), ['caller.zhao']);
    const found = (await s.req(`/api/v1/users?q=${encodeURIComponent('李')}`, { token: admin })).json.items;
    assert.deepEqual(found.map((u) => u.login), ['li.wei']);
    assert.deepEqual((await s.req('/api/v1/users?q=%25', { token: admin })).json.items, []);
    const pages = [];
    let cursor = '';
    for (;;) {
      const r = await s.req(`/api/v1/users?limit=2${cursor ? '&cursor=' + cursor : ''}`, { token: admin });
      pages.push(...r.json.items.map((u) => u.id));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.deepEqual(pages, await allIds('/api/v1/users', admin));
    assert.equal(new Set(pages).size, pages.length);
    assertProblem(await s.req('/api/v1/users?cursor=Zm9vOjE', { token: admin }), 400, 'cursor');
    assertProblem(await s.req('/api/v1/users?kind=robot', { token: admin }), 400, 'kind');
  });

  test('scopes: agents see everybody, customers their organisation, suppliers theirs; others are 404', async () => {
    const all = await allIds('/api/v1/users', admin);
    assert.deepEqual(await allIds('/api/v1/users', agent), all);
    const aliceSees = (await s.req('/api/v1/users?limit=200', { token: alice })).json.items;
    assert.ok(aliceSees.length >= 2);
    assert.ok(aliceSees.every((u) => u.organisation_id === orgA.id));
    const bobId = await idOf('bob');
    const aliceId = await idOf('alice');
    assertProblem(await s.req(`/api/v1/users/${bobId}`, { token: alice }), 404);
    assert.equal((await s.req(`/api/v1/users/${aliceId}`, { token: alice })).status, 200);
    assert.equal((await s.req(`/api/v1/users/${bobId}`, { token: bob })).status, 200);
    assert.deepEqual((await s.req('/api/v1/users', { token: sam })).json.items.map((u) => u.login), ['sam']);
    assertProblem(await s.req(`/api/v1/users/${aliceId}`, { token: sam }), 404);
    // Writes: customers and suppliers lack user.write.
    for (const t of [alice, bob, sam]) {
      assertProblem(await post('/api/v1/users', t, { login: 'sneaky', role: 'customer' }), 403);
      assertProblem(await patch(`/api/v1/users/${aliceId}`, t, 1, { display_name: 'x' }), 403);
      assertProblem(await post(`/api/v1/users/${aliceId}/disable`, t), 403);
      assertProblem(await post(`/api/v1/users/${aliceId}/password`, t, { password: 'whatever-1234' }), 403);
    }
  });

  test('agents create customers and contacts but cannot hand out or touch more than they hold', async () => {
    const c = await post('/api/v1/users', agent, { login: 'agent.made', role: 'customer', organisation_id: orgB.id, kind: 'contact' });
    assert.equal(c.status, 201, c.text);
    assertProblem(await post('/api/v1/users', agent, { login: 'evil.admin', role: 'admin', password: 'evil-passw0rd' }), 403);
    const adminId = await idOf('admin');
    assertProblem(await patch(`/api/v1/users/${adminId}`, agent, 1, { display_name: 'pwned' }), 403);
    assertProblem(await post(`/api/v1/users/${adminId}/password`, agent, { password: 'evil-passw0rd' }), 403);
    assertProblem(await post(`/api/v1/users/${adminId}/disable`, agent), 403);
    assertProblem(await patch(`/api/v1/users/${c.json.id}`, agent, 1, { role: 'admin' }), 403);
    assert.equal((await patch(`/api/v1/users/${c.json.id}`, agent, 1, { phone: '13800000000' })).status, 200);
  });

  test('a disabled account loses its sessions and tokens within the credential cache; enable restores sign-in', async () => {
    addUser('dave', 'agent', 'dave-passw0rd');
    const tok = token('dave');
    const session = await login(s, 'dave', 'dave-passw0rd');
    assert.equal((await s.req('/api/v1/me', { token: tok })).status, 200);
    const id = await idOf('dave');
    const d = await post(`/api/v1/users/${id}/disable`, admin);
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.disabled, true);
    await sleep(1100);
    assert.equal((await s.req('/api/v1/me', { token: tok })).status, 401);
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: session.cookie } })).status, 401);
    assert.equal((await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'dave', password: 'dave-passw0rd' } })).status, 401);
    const e = await post(`/api/v1/users/${id}/enable`, admin);
    assert.equal(e.json.disabled, false);
    await login(s, 'dave', 'dave-passw0rd');
    // The revoked token stays revoked.
    assert.equal((await s.req('/api/v1/me', { token: tok })).status, 401);
    const audit = await s.req(`/api/v1/audit?record=user:${id}`, { token: admin });
    assert.deepEqual(audit.json.items.map((x) => x.action).filter((a) => a !== 'login'), ['create', 'disable', 'enable']);
    // Nobody disables themselves.
    assertProblem(await post(`/api/v1/users/${await idOf('admin')}/disable`, admin), 409);
  });

  test('an admin sets a password: the person signs in with it and their sessions end', async () => {
    addUser('erin', 'agent', 'erin-passw0rd-1');
    const old = await login(s, 'erin', 'erin-passw0rd-1');
    const id = await idOf('erin');
    assertProblem(await post(`/api/v1/users/${id}/password`, admin, { password: 'short' }), 422, 'password', 'too_short');
    const r = await post(`/api/v1/users/${id}/password`, admin, { password: 'erin-passw0rd-2' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: old.cookie } })).status, 401);
    await login(s, 'erin', 'erin-passw0rd-2');
    // A contact given a password becomes a user.
    const zhao = await idOf('caller.zhao');
    assert.equal((await post(`/api/v1/users/${zhao}/password`, admin, { password: 'zhao-passw0rd' })).json.kind, 'user');
    await login(s, 'caller.zhao', 'zhao-passw0rd');
    // One's own password needs the current one (POST /api/v1/me/password).
    assertProblem(await post(`/api/v1/users/${await idOf('admin')}/password`, admin, { password: 'admin-passw0rd-2' }), 409);
    await login(s, 'admin', 'admin-passw0rd');
  });

  test('changing your own password needs the current one and ends your other sessions', async () => {
    addUser('fang', 'customer', 'fang-passw0rd-1', orgA.id);
    const a = await login(s, 'fang', 'fang-passw0rd-1');
    const b = await login(s, 'fang', 'fang-passw0rd-1');
    const tok = token('fang');
    const change = (who, body) => s.req('/api/v1/me/password', { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, body });
    assertProblem(await change(a, { current_password: 'wrong-one-123', new_password: 'fang-passw0rd-2' }), 422, 'current_password', 'incorrect');
    assertProblem(await change(a, { current_password: 'fang-passw0rd-1', new_password: 'short' }), 422, 'new_password', 'too_short');
    assertProblem(await change(a, { current_password: 'fang-passw0rd-1' }), 422, 'new_password', 'required');
    await login(s, 'fang', 'fang-passw0rd-1'); // nothing changed yet
    const ok = await change(a, { current_password: 'fang-passw0rd-1', new_password: 'fang-passw0rd-2' });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: a.cookie } })).status, 200);
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: b.cookie } })).status, 401);
    assert.equal((await s.req('/api/v1/me', { token: tok })).status, 200); // tokens are not sessions
    assert.equal((await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'fang', password: 'fang-passw0rd-1' } })).status, 401);
    await login(s, 'fang', 'fang-passw0rd-2');
    assert.equal((await s.req('/api/v1/me/password', { method: 'POST', body: { current_password: 'a', new_password: 'b' } })).status, 401);
  });

  test('guessing the current password is throttled with login: 429 with Retry-After', async () => {
    addUser('gina', 'agent', 'gina-passw0rd-1');
    const g = await login(s, 'gina', 'gina-passw0rd-1');
    const change = (current) => s.req('/api/v1/me/password', { method: 'POST', headers: { cookie: g.cookie, 'x-csrf-token': g.csrf }, body: { current_password: current, new_password: 'gina-passw0rd-2' } });
    for (let i = 0; i < 5; i++) assertProblem(await change('guess-' + i), 422, 'current_password', 'incorrect');
    const locked = await change('gina-passw0rd-1');
    assertProblem(locked, 429);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    // The same account counter as login.
    assert.equal((await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'gina', password: 'gina-passw0rd-1' } })).status, 429);
  });
});

describe('groups', () => {
  let g;
  test('CRUD with ETags, lines 1–3 and unique names', async () => {
    const r = await post('/api/v1/groups', admin, { name: '二线 网络组', line: 2, description: '网络与安全' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.headers.get('location'), `/api/v1/groups/${r.json.id}`);
    assert.deepEqual(r.json.members, []);
    g = r.json;
    assertProblem(await post('/api/v1/groups', admin, { name: '二线 网络组' }), 409, 'name', 'taken');
    assertProblem(await post('/api/v1/groups', admin, { name: 'Line 4', line: 4 }), 422, 'line', 'out_of_range');
    assertProblem(await post('/api/v1/groups', admin, { name: '' }), 422, 'name', 'required');
    assertProblem(await patch(`/api/v1/groups/${g.id}`, admin, undefined, { line: 3 }), 428);
    const up = await patch(`/api/v1/groups/${g.id}`, admin, 1, { line: 3 });
    assert.equal(up.json.line, 3);
    assertProblem(await patch(`/api/v1/groups/${g.id}`, admin, 1, { line: 1 }), 412);
    assert.deepEqual((await s.req('/api/v1/groups?line=3', { token: admin })).json.items.map((x) => x.id), [g.id]);
    assertProblem(await s.req('/api/v1/groups?line=9', { token: admin }), 400, 'line');
    const first = await post('/api/v1/groups', admin, { name: '一线 服务台' }, { 'idempotency-key': 'group-1' });
    const again = await post('/api/v1/groups', admin, { name: '一线 服务台' }, { 'idempotency-key': 'group-1' });
    assert.equal(again.text, first.text);
    assert.equal(first.json.line, 1);
    const gone = await post('/api/v1/groups', admin, { name: 'Temporary' });
    assertProblem(await del(`/api/v1/groups/${gone.json.id}`, admin, 9), 412);
    assert.equal((await del(`/api/v1/groups/${gone.json.id}`, admin, 1)).status, 204);
    assertProblem(await s.req(`/api/v1/groups/${gone.json.id}`, { token: admin }), 404);
  });

  test('members: users join and leave, contacts cannot, and the principal carries its groups', async () => {
    const agentId = await idOf('agent1');
    const add = await post(`/api/v1/groups/${g.id}/members`, admin, { user_id: agentId });
    assert.equal(add.status, 200, add.text);
    assert.deepEqual(add.json.members.map((m) => m.login), ['agent1']);
    assert.equal(add.headers.get('etag'), `"${g.version + 2}"`);
    assertProblem(await post(`/api/v1/groups/${g.id}/members`, admin, { user_id: agentId }), 409, 'user_id', 'taken');
    assertProblem(await post(`/api/v1/groups/${g.id}/members`, admin, { user_id: await idOf('agent.made') }), 422, 'user_id', 'not_allowed');
    assertProblem(await post(`/api/v1/groups/${g.id}/members`, admin, { user_id: 987654 }), 422, 'user_id', 'not_found');
    assertProblem(await post(`/api/v1/groups/987654/members`, admin, { user_id: agentId }), 404);
    assert.deepEqual((await s.req('/api/v1/me', { token: agent })).json.group_ids, [g.id]);
    const removed = await s.req(`/api/v1/groups/${g.id}/members/${agentId}`, { method: 'DELETE', token: admin });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.json.members, []);
    assertProblem(await s.req(`/api/v1/groups/${g.id}/members/${agentId}`, { method: 'DELETE', token: admin }), 404);
    assert.deepEqual((await s.req('/api/v1/me', { token: agent })).json.group_ids, []);
    const audit = await s.req(`/api/v1/audit?record=group:${g.id}`, { token: agent });
    assert.equal(audit.status, 200);
    assert.deepEqual(audit.json.items.map((e) => e.action), ['create', 'update', 'member_add', 'member_remove']);
    assert.deepEqual(audit.json.items[2].changes, [{ field: 'member', old: null, new: 'agent1' }]);
  });

  test('roles: agents read groups but do not change them; customers and suppliers have no access', async () => {
    assert.equal((await s.req('/api/v1/groups', { token: agent })).status, 200);
    assert.equal((await s.req(`/api/v1/groups/${g.id}`, { token: agent })).status, 200);
    assertProblem(await post('/api/v1/groups', agent, { name: 'Agent group' }), 403);
    assertProblem(await patch(`/api/v1/groups/${g.id}`, agent, 1, { line: 1 }), 403);
    assertProblem(await del(`/api/v1/groups/${g.id}`, agent, 1), 403);
    assertProblem(await post(`/api/v1/groups/${g.id}/members`, agent, { user_id: 1 }), 403);
    for (const t of [alice, bob, sam]) {
      assertProblem(await s.req('/api/v1/groups', { token: t }), 403);
      assertProblem(await s.req(`/api/v1/groups/${g.id}`, { token: t }), 403);
      assertProblem(await post('/api/v1/groups', t, { name: 'x' }), 403);
      assertProblem(await s.req(`/api/v1/groups/${g.id}/members/1`, { method: 'DELETE', token: t }), 403);
    }
  });
});

describe('sites', () => {
  let site;
  const siteCount = async () => (await allIds(`/api/v1/organisations/${orgA.id}/sites`, admin)).length;

  test('CRUD of an organisation\'s sites with ETags, Idempotency-Key and audit', async () => {
    const body = { name: '浦东数据中心', address: '上海市浦东新区张江路 88 号', region_code: '310115', latitude: 31.2035, longitude: 121.5876 };
    const r = await post(`/api/v1/organisations/${orgA.id}/sites`, admin, body, { 'idempotency-key': 'site-1' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.headers.get('location'), `/api/v1/sites/${r.json.id}`);
    assert.equal(r.json.organisation_id, orgA.id);
    assert.equal(r.json.latitude, 31.2035);
    const again = await post(`/api/v1/organisations/${orgA.id}/sites`, admin, body, { 'idempotency-key': 'site-1' });
    assert.equal(again.text, r.text);
    assert.equal(await siteCount(), 1);
    site = r.json;
    assertProblem(await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '浦东数据中心' }), 409, 'name', 'taken');
    // The same name in another organisation is fine.
    assert.equal((await post(`/api/v1/organisations/${orgB.id}/sites`, admin, { name: '浦东数据中心' })).status, 201);
    assertProblem(await patch(`/api/v1/sites/${site.id}`, admin, undefined, { address: 'x' }), 428);
    const up = await patch(`/api/v1/sites/${site.id}`, admin, 1, { address: '上海市浦东新区张江路 99 号', latitude: null, longitude: null });
    assert.equal(up.status, 200, up.text);
    assert.equal(up.json.latitude, null);
    assert.equal(up.headers.get('etag'), '"2"');
    assertProblem(await patch(`/api/v1/sites/${site.id}`, admin, 1, { name: 'stale' }), 412);
    const audit = await s.req(`/api/v1/audit?record=site:${site.id}`, { token: agent });
    assert.deepEqual(audit.json.items.map((e) => e.action), ['create', 'update']);
    const changes = Object.fromEntries(audit.json.items[1].changes.map((c) => [c.field, [c.old, c.new]]));
    assert.deepEqual(changes.latitude, ['31.2035', null]);
    assert.deepEqual(changes.address, ['上海市浦东新区张江路 88 号', '上海市浦东新区张江路 99 号']);
    const tmp = await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: 'Temporary' });
    assertProblem(await del(`/api/v1/sites/${tmp.json.id}`, admin), 428);
    assert.equal((await del(`/api/v1/sites/${tmp.json.id}`, admin, 1)).status, 204);
    assertProblem(await s.req(`/api/v1/sites/${tmp.json.id}`, { token: admin }), 404);
    assertProblem(await s.req('/api/v1/organisations/987654/sites', { token: admin }), 404);
  });

  test('bad region codes and coordinates are field errors, and nothing is written', async () => {
    const before = await siteCount();
    const bad = (body) => post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: 'Bad site', ...body });
    assertProblem(await bad({ region_code: '31011' }), 422, 'region_code', 'invalid_format');
    assertProblem(await bad({ region_code: '31011x' }), 422, 'region_code', 'invalid_format');
    assertProblem(await bad({ region_code: '710000' }), 422, 'region_code', 'invalid_format'); // not one of the 31
    assertProblem(await bad({ region_code: '990101' }), 422, 'region_code', 'invalid_format');
    assertProblem(await bad({ latitude: 91, longitude: 120 }), 422, 'latitude', 'out_of_range');
    assertProblem(await bad({ latitude: 30, longitude: -180.5 }), 422, 'longitude', 'out_of_range');
    assertProblem(await bad({ latitude: 30 }), 422, 'longitude', 'required');
    assertProblem(await bad({ latitude: '30', longitude: 120 }), 400, 'latitude', 'wrong_type');
    assertProblem(await bad({ floor: 3 }), 400, 'floor', 'unknown_field');
    assertProblem(await patch(`/api/v1/sites/${site.id}`, admin, 2, { latitude: 91, longitude: 0 }), 422, 'latitude', 'out_of_range');
    assert.equal(await siteCount(), before);
    assert.equal((await s.req(`/api/v1/sites/${site.id}`, { token: admin })).json.version, 2);
  });

  test('sites follow their organisation: customers see their own, others are 404; only agents and admins write', async () => {
    const bSite = (await s.req(`/api/v1/organisations/${orgB.id}/sites`, { token: admin })).json.items[0];
    assert.equal((await s.req(`/api/v1/sites/${site.id}`, { token: alice })).status, 200);
    assert.deepEqual((await s.req(`/api/v1/organisations/${orgA.id}/sites`, { token: alice })).json.items.map((x) => x.id), [site.id]);
    assertProblem(await s.req(`/api/v1/sites/${bSite.id}`, { token: alice }), 404);
    assertProblem(await s.req(`/api/v1/organisations/${orgB.id}/sites`, { token: alice }), 404);
    assert.equal((await s.req(`/api/v1/sites/${bSite.id}`, { token: bob })).status, 200);
    assertProblem(await s.req(`/api/v1/sites/${site.id}`, { token: bob }), 404);
    assertProblem(await s.req(`/api/v1/sites/${site.id}`, { token: sam }), 404);
    assert.deepEqual((await s.req(`/api/v1/organisations/${orgS.id}/sites`, { token: sam })).json.items, []);
    for (const t of [alice, bob, sam]) {
      assertProblem(await post(`/api/v1/organisations/${orgA.id}/sites`, t, { name: 'Mine' }), 403);
      assertProblem(await patch(`/api/v1/sites/${site.id}`, t, 2, { name: 'Mine' }), 403);
      assertProblem(await del(`/api/v1/sites/${site.id}`, t, 2), 403);
      assertProblem(await s.req(`/api/v1/audit?record=site:${site.id}`, { token: t }), 403);
    }
    assert.equal((await s.req(`/api/v1/sites/${bSite.id}`, { token: agent })).status, 200);
    const made = await post(`/api/v1/organisations/${orgB.id}/sites`, agent, { name: '北京分部', region_code: '110105' });
    assert.equal(made.status, 201, made.text);
    assert.equal((await patch(`/api/v1/sites/${made.json.id}`, agent, 1, { region_code: null })).json.region_code, null);
  });
});

describe('roles', () => {
  const engineer = { name: 'field_engineer', label_zh: '售后工程师', label_en: 'Field engineer', grants: [{ permission: 'me.read', scope: 'own' }, { permission: 'site.read', scope: 'all' }, { permission: 'organisation.read', scope: 'all' }] };

  test('built-in and custom roles are listed with their grants', async () => {
    const r = await s.req('/api/v1/roles', { token: agent });
    assert.equal(r.status, 200);
    const byName = Object.fromEntries(r.json.items.map((x) => [x.name, x]));
    assert.deepEqual(Object.keys(byName).slice(0, 4).sort(), ['admin', 'agent', 'customer', 'supplier']);
    assert.deepEqual(byName.admin.grants, [{ permission: '*', scope: 'all' }]);
    assert.equal(byName.admin.builtin, true);
    assert.ok(byName.customer.grants.some((g) => g.permission === 'site.read' && g.scope === 'organisation'));
    const one = await s.req('/api/v1/roles/agent', { token: admin });
    assert.equal(one.headers.get('etag'), `"${one.json.version}"`);
    assertProblem(await s.req('/api/v1/roles/nobody', { token: admin }), 404);
  });

  test('custom roles: create, edit grants with If-Match, delete when nobody has them', async () => {
    const r = await post('/api/v1/roles', admin, engineer, { 'idempotency-key': 'role-1' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), '/api/v1/roles/field_engineer');
    assert.equal(r.json.builtin, false);
    assert.deepEqual(r.json.grants.map((g) => g.permission), ['me.read', 'organisation.read', 'site.read']);
    assert.equal((await post('/api/v1/roles', admin, engineer, { 'idempotency-key': 'role-1' })).text, r.text);
    assertProblem(await post('/api/v1/roles', admin, engineer), 409, 'name', 'taken');
    // A person with the new role gets exactly its grants.
    const u = await post('/api/v1/users', admin, { login: 'eng.one', role: 'field_engineer', password: 'eng-passw0rd' });
    assert.equal(u.status, 201, u.text);
    const engTok = token('eng.one');
    assert.equal((await s.req(`/api/v1/sites/${(await s.req(`/api/v1/organisations/${orgA.id}/sites`, { token: admin })).json.items[0].id}`, { token: engTok })).status, 200);
    assertProblem(await s.req('/api/v1/users', { token: engTok }), 403);
    assertProblem(await patch('/api/v1/roles/field_engineer', admin, undefined, { label_en: 'x' }), 428);
    const up = await patch('/api/v1/roles/field_engineer', admin, 1, { grants: [...engineer.grants, { permission: 'user.read', scope: 'all' }] });
    assert.equal(up.status, 200, up.text);
    assert.equal(up.headers.get('etag'), '"2"');
    assertProblem(await patch('/api/v1/roles/field_engineer', admin, 1, { label_en: 'stale' }), 412);
    await sleep(50);
    assert.equal((await s.req('/api/v1/users', { token: engTok })).status, 200); // the cache was cleared
    const audit = await s.req(`/api/v1/audit?record=role:${r.json.id}`, { token: admin });
    assert.deepEqual(audit.json.items.map((e) => e.action), ['create', 'update']);
    assert.equal(audit.json.items[1].changes[0].field, 'grants');
    assertProblem(await del('/api/v1/roles/field_engineer', admin, 2), 409); // eng.one has it
    assert.equal((await patch(`/api/v1/users/${u.json.id}`, admin, 1, { role: 'agent' })).status, 200);
    assert.equal((await del('/api/v1/roles/field_engineer', admin, 2)).status, 204);
    assertProblem(await s.req('/api/v1/roles/field_engineer', { token: admin }), 404);
  });

  test('bad roles and grants are field errors, and nothing is written', async () => {
    const count = async () => (await s.req('/api/v1/roles', { token: admin })).json.items.length;
    const before = await count();
    const bad = (over) => post('/api/v1/roles', admin, { ...engineer, name: 'bad_role', ...over });
    assertProblem(await bad({ name: 'Bad Role' }), 422, 'name', 'invalid_format');
    assertProblem(await bad({ grants: [{ permission: 'site.read', scope: 'everywhere' }] }), 422, 'grants/0/scope', 'not_allowed');
    assertProblem(await bad({ grants: [{ permission: 'Site Read', scope: 'all' }] }), 422, 'grants/0/permission', 'invalid_format');
    assertProblem(await bad({ grants: [{ permission: 'site.read', scope: 'all' }, { permission: 'site.read', scope: 'own' }] }), 422, 'grants/1/permission', 'duplicate');
    assertProblem(await bad({ grants: [{ permission: 'site.read' }] }), 422, 'grants/0/scope', 'required');
    assertProblem(await bad({ grants: [{ permission: 'site.read', scope: 'all', extra: 1 }] }), 400, 'grants/0/extra', 'unknown_field');
    assertProblem(await bad({ grants: 'all' }), 400, 'grants', 'wrong_type');
    assertProblem(await bad({ label_zh: '' }), 422, 'label_zh', 'required');
    assert.equal(await count(), before);
  });

  test('built-in roles cannot be deleted and the admin role cannot lose its grants', async () => {
    for (const name of ['admin', 'agent', 'customer', 'supplier']) {
      const cur = await s.req(`/api/v1/roles/${name}`, { token: admin });
      assertProblem(await del(`/api/v1/roles/${name}`, admin, cur.json.version), 409);
    }
    const a = await s.req('/api/v1/roles/admin', { token: admin });
    assertProblem(await patch('/api/v1/roles/admin', admin, a.json.version, { grants: [{ permission: 'me.read', scope: 'own' }] }), 409);
    const relabel = await patch('/api/v1/roles/admin', admin, a.json.version, { label_en: 'Administrator (all)' });
    assert.equal(relabel.status, 200, relabel.text);
    assert.equal((await s.req('/api/v1/users', { token: admin })).status, 200);
  });

  test('only role.write may change roles; agents read them, customers and suppliers cannot', async () => {
    assertProblem(await post('/api/v1/roles', agent, { ...engineer, name: 'agent_made' }), 403);
    assertProblem(await patch('/api/v1/roles/agent', agent, 1, { label_en: 'x' }), 403);
    assertProblem(await del('/api/v1/roles/agent', agent, 1), 403);
    for (const t of [alice, bob, sam]) {
      assertProblem(await s.req('/api/v1/roles', { token: t }), 403);
      assertProblem(await s.req('/api/v1/roles/admin', { token: t }), 403);
      assertProblem(await post('/api/v1/roles', t, { ...engineer, name: 'mine' }), 403);
    }
  });
});

describe('API tokens', () => {
  test('list and create your own tokens; the secret is shown once and works', async () => {
    const c = await login(s, 'alice', 'alice-passw0rd');
    const headers = { cookie: c.cookie, 'x-csrf-token': c.csrf };
    const created = await s.req('/api/v1/tokens', { method: 'POST', headers, body: { name: 'erp-sync', scopes: ['user.read'], expires_at: '2099-06-30T00:00:00+08:00' } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.token, /^fuwu_/);
    assert.deepEqual(created.json.scopes, ['user.read']);
    const tok = created.json.token;
    assert.equal((await s.req('/api/v1/users', { token: tok })).status, 200);
    assertProblem(await s.req(`/api/v1/organisations/${orgA.id}`, { token: tok }), 403); // narrowed
    assertProblem(await post('/api/v1/tokens', tok, { name: 'escalate' }), 403);
    const list = await s.req('/api/v1/tokens', { headers: { cookie: c.cookie } });
    assert.equal(list.status, 200);
    const mine = list.json.items.find((t) => t.id === created.json.id);
    assert.equal(mine.name, 'erp-sync');
    assert.equal(mine.token, undefined);
    assert.ok(!list.text.includes(tok));
    assert.equal(mine.revoked_at, null);
    // Nobody else sees it.
    assert.ok(!(await s.req('/api/v1/tokens', { token: bob })).json.items.some((t) => t.id === created.json.id));
    assertProblem(await s.req(`/api/v1/tokens/${created.json.id}`, { method: 'DELETE', token: bob }), 404);
    assertProblem(await s.req(`/api/v1/tokens/${created.json.id}`, { method: 'DELETE', token: agent }), 404);
    const revoked = await s.req(`/api/v1/tokens/${created.json.id}`, { method: 'DELETE', headers });
    assert.equal(revoked.status, 204);
    assert.equal((await s.req('/api/v1/users', { token: tok })).status, 401);
    assertProblem(await s.req(`/api/v1/tokens/${created.json.id}`, { method: 'DELETE', headers }), 404);
    assert.notEqual((await s.req('/api/v1/tokens', { headers: { cookie: c.cookie } })).json.items.find((t) => t.id === created.json.id).revoked_at, null);
  });

  test('bad token requests are problems; an Idempotency-Key is refused since the secret is never stored', async () => {
    assertProblem(await post('/api/v1/tokens', sam, { expires_at: '2001-01-01T00:00:00Z' }), 422, 'expires_at', 'out_of_range');
    assertProblem(await post('/api/v1/tokens', sam, { scopes: 'all' }), 400, 'scopes', 'wrong_type');
    assertProblem(await post('/api/v1/tokens', sam, { scopes: ['a b'] }), 422, 'scopes/0', 'invalid_format');
    assertProblem(await post('/api/v1/tokens', sam, { name: 'x', secret: 'y' }), 400, 'secret', 'unknown_field');
    assertProblem(await post('/api/v1/tokens', sam, { name: 'x' }, { 'idempotency-key': 'tok-1' }), 400);
    assertProblem(await s.req('/api/v1/tokens'), 401);
    // An admin (token.write) may revoke anyone's token.
    const t = await post('/api/v1/tokens', sam, { name: 'to-revoke' });
    assert.equal((await s.req(`/api/v1/tokens/${t.json.id}`, { method: 'DELETE', token: admin })).status, 204);
    assert.equal((await s.req('/api/v1/me', { token: t.json.token })).status, 401);
  });
});

// Every route × role. Write requests carry a value that breaks a rule (or a stale If-Match), so a
// caller who passes the access checks gets 422 (or 412) and nothing changes; 403 means the
// permission is missing, 404 that the record is outside the caller's scope.
describe('every route × role', () => {
  test('admin, agent, customer (own and other organisation), supplier', async () => {
    const fx = {};
    fx.userA = (await post('/api/v1/users', admin, { login: 'matrix.a', kind: 'contact', role: 'customer', organisation_id: orgA.id })).json;
    fx.userB = (await post('/api/v1/users', admin, { login: 'matrix.b', kind: 'contact', role: 'customer', organisation_id: orgB.id })).json;
    fx.group = (await post('/api/v1/groups', admin, { name: 'Matrix group' })).json;
    fx.siteA = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: 'Matrix A' })).json;
    fx.siteB = (await post(`/api/v1/organisations/${orgB.id}/sites`, admin, { name: 'Matrix B' })).json;
    const agentRole = (await s.req('/api/v1/roles/agent', { token: admin })).json;
    const callers = { admin, agent, alice, sam };
    // [method, path, body, if-match, expected statuses for admin, agent, alice (customer of A), sam (supplier)]
    const rows = [
      ['GET', '/api/v1/users', undefined, undefined, [200, 200, 200, 200]],
      ['GET', `/api/v1/users/${fx.userA.id}`, undefined, undefined, [200, 200, 200, 404]],
      ['GET', `/api/v1/users/${fx.userB.id}`, undefined, undefined, [200, 200, 404, 404]],
      ['POST', '/api/v1/users', { login: 'x y', role: 'customer' }, undefined, [422, 422, 403, 403]],
      ['PATCH', `/api/v1/users/${fx.userA.id}`, { display_name: '' }, 1, [422, 422, 403, 403]],
      ['PATCH', `/api/v1/users/${fx.userB.id}`, { display_name: 'x' }, 99, [412, 412, 403, 403]],
      ['POST', `/api/v1/users/${fx.userA.id}/password`, { password: 'short' }, undefined, [422, 422, 403, 403]],
      ['POST', `/api/v1/users/${fx.userA.id}/enable`, undefined, undefined, [200, 200, 403, 403]],
      ['POST', `/api/v1/users/${fx.userB.id}/enable`, undefined, undefined, [200, 200, 403, 403]],
      ['POST', '/api/v1/users/987654/disable', undefined, undefined, [404, 404, 403, 403]],
      ['POST', '/api/v1/me/password', { current_password: 'wrong-wrong', new_password: 'whatever-123' }, undefined, [422, 422, 422, 422]],
      ['GET', '/api/v1/groups', undefined, undefined, [200, 200, 403, 403]],
      ['GET', `/api/v1/groups/${fx.group.id}`, undefined, undefined, [200, 200, 403, 403]],
      ['POST', '/api/v1/groups', { name: '' }, undefined, [422, 403, 403, 403]],
      ['PATCH', `/api/v1/groups/${fx.group.id}`, { line: 1 }, 99, [412, 403, 403, 403]],
      ['DELETE', `/api/v1/groups/${fx.group.id}`, undefined, 99, [412, 403, 403, 403]],
      ['POST', `/api/v1/groups/${fx.group.id}/members`, { user_id: fx.userA.id }, undefined, [422, 403, 403, 403]],
      ['DELETE', `/api/v1/groups/${fx.group.id}/members/${fx.userA.id}`, undefined, undefined, [404, 403, 403, 403]],
      ['GET', `/api/v1/organisations/${orgA.id}/sites`, undefined, undefined, [200, 200, 200, 404]],
      ['GET', `/api/v1/organisations/${orgB.id}/sites`, undefined, undefined, [200, 200, 404, 404]],
      ['GET', `/api/v1/sites/${fx.siteA.id}`, undefined, undefined, [200, 200, 200, 404]],
      ['GET', `/api/v1/sites/${fx.siteB.id}`, undefined, undefined, [200, 200, 404, 404]],
      ['POST', `/api/v1/organisations/${orgA.id}/sites`, { name: 'x', region_code: '1' }, undefined, [422, 422, 403, 403]],
      ['PATCH', `/api/v1/sites/${fx.siteA.id}`, { latitude: 91, longitude: 0 }, 1, [422, 422, 403, 403]],
      ['DELETE', `/api/v1/sites/${fx.siteB.id}`, undefined, 99, [412, 412, 403, 403]],
      ['GET', '/api/v1/roles', undefined, undefined, [200, 200, 403, 403]],
      ['GET', '/api/v1/roles/agent', undefined, undefined, [200, 200, 403, 403]],
      ['POST', '/api/v1/roles', { name: 'Bad Name', label_zh: 'x', label_en: 'x', grants: [] }, undefined, [422, 403, 403, 403]],
      ['PATCH', '/api/v1/roles/agent', { label_en: 'x' }, agentRole.version + 99, [412, 403, 403, 403]],
      ['DELETE', '/api/v1/roles/agent', undefined, agentRole.version, [409, 403, 403, 403]],
      ['GET', '/api/v1/tokens', undefined, undefined, [200, 200, 200, 200]],
      ['POST', '/api/v1/tokens', { scopes: [] }, undefined, [422, 422, 422, 422]],
      ['DELETE', '/api/v1/tokens/987654', undefined, undefined, [404, 404, 404, 404]],
      ['GET', `/api/v1/audit?record=site:${fx.siteA.id}`, undefined, undefined, [200, 200, 403, 403]],
      ['GET', `/api/v1/audit?record=group:${fx.group.id}`, undefined, undefined, [200, 200, 403, 403]],
    ];
    const failures = [];
    for (const [method, path, body, version, expected] of rows) {
      const names = Object.keys(callers);
      for (let i = 0; i < names.length; i++) {
        const headers = version === undefined ? {} : { 'if-match': `"${version}"` };
        const r = await s.req(path, { method, token: callers[names[i]], body, headers });
        if (r.status !== expected[i]) failures.push(`${method} ${path} as ${names[i]}: ${r.status}, expected ${expected[i]} ${r.text}`);
      }
    }
    assert.deepEqual(failures, []);
    // Nothing the matrix sent changed a record.
    assert.equal((await s.req(`/api/v1/users/${fx.userA.id}`, { token: admin })).json.version, 1);
    assert.equal((await s.req(`/api/v1/groups/${fx.group.id}`, { token: admin })).json.version, 1);
    assert.equal((await s.req(`/api/v1/sites/${fx.siteA.id}`, { token: admin })).json.version, 1);
    assert.equal((await s.req('/api/v1/roles/agent', { token: admin })).json.version, agentRole.version);
  });
});
