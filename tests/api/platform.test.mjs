// The platform's API contract: authentication, CSRF, permissions and scopes, ETags,
// idempotency, problems for bad input, audit, health and metrics.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login, fuwu } from './harness.mjs';

const s = new Server();
let admin; // admin token
let orgA, orgB;

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  orgA = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '客户甲 Alpha', kind: 'customer' } })).json;
  orgB = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '客户乙 Beta', kind: 'customer' } })).json;
  fuwu(['user', 'add', 'alice', '--role', 'customer', '--organisation', String(orgA.id), '--password-stdin', '--db', s.db], 'alice-passw0rd\n');
  fuwu(['user', 'add', 'agent1', '--role', 'agent', '--password-stdin', '--db', s.db], 'agent-passw0rd\n');
});
after(async () => { await s.stop(); s.cleanup(); });

async function orgCount() {
  let n = 0, cursor = '';
  for (;;) {
    const r = await s.req(`/api/v1/organisations?limit=200${cursor ? '&cursor=' + cursor : ''}`, { token: admin });
    n += r.json.items.length;
    if (!r.json.next_cursor) return n;
    cursor = r.json.next_cursor;
  }
}

describe('authentication', () => {
  test('login sets an HttpOnly SameSite=Lax session cookie and returns the CSRF token', async () => {
    const res = await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'alice', password: 'alice-passw0rd' } });
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie');
    assert.match(cookie, /^fuwu_session=[A-Za-z0-9_-]{40,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/); // plain HTTP on loopback
    assert.ok(res.json.csrf_token.length >= 24);
    assert.equal(res.json.user.login, 'alice');
  });

  test('the session cookie authenticates /me; unsafe requests need the CSRF token', async () => {
    const a = await login(s, 'admin', 'admin-passw0rd');
    const me = await s.req('/api/v1/me', { headers: { cookie: a.cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.json.login, 'admin');
    assert.equal(me.json.csrf_token, a.csrf);
    const noCsrf = await s.req('/api/v1/organisations', { method: 'POST', headers: { cookie: a.cookie }, body: { name: 'No CSRF', kind: 'customer' } });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.type, 'https://fuwu.dev/problems/permission-denied');
    const withCsrf = await s.req('/api/v1/organisations', { method: 'POST', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf }, body: { name: 'With CSRF', kind: 'customer' } });
    assert.equal(withCsrf.status, 201);
  });

  test('an API token authenticates; unknown and malformed tokens are 401 problems', async () => {
    assert.equal((await s.req('/api/v1/me', { token: admin })).json.via, 'token');
    for (const t of ['fuwu_wrong', 'nonsense', admin + 'x']) {
      const r = await s.req('/api/v1/me', { token: t });
      assert.equal(r.status, 401);
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
    }
    assert.equal((await s.req('/api/v1/me')).status, 401);
  });

  test('wrong password and unknown account fail identically (no enumeration)', async () => {
    const wrong = await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'agent1', password: 'nope-nope-nope' } });
    const unknown = await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'nobody-here', password: 'nope-nope-nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.json.detail, unknown.json.detail);
    assert.equal(wrong.json.title, unknown.json.title);
  });

  test('repeated failures lock the account name with 429 and Retry-After', async () => {
    fuwu(['user', 'add', 'victim', '--role', 'agent', '--password-stdin', '--db', s.db], 'victim-passw0rd\n');
    for (let i = 0; i < 5; i++) {
      const r = await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'victim', password: 'bad-' + i } });
      assert.equal(r.status, 401);
    }
    const locked = await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'victim', password: 'victim-passw0rd' } });
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    // A name that does not exist locks the same way.
    for (let i = 0; i < 5; i++) await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'ghost', password: 'x' + i } });
    assert.equal((await s.req('/api/v1/auth/login', { method: 'POST', body: { login: 'ghost', password: 'x' } })).status, 429);
  });

  test('a password change revokes existing sessions', async () => {
    fuwu(['user', 'add', 'bob', '--role', 'agent', '--password-stdin', '--db', s.db], 'bob-passw0rd-1\n');
    const b = await login(s, 'bob', 'bob-passw0rd-1');
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: b.cookie } })).status, 200);
    fuwu(['user', 'passwd', 'bob', '--password-stdin', '--db', s.db], 'bob-passw0rd-2\n');
    // A change made by another process (here the CLI) reaches the server's 1 s credential cache.
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: b.cookie } })).status, 401);
    await login(s, 'bob', 'bob-passw0rd-2');
  });

  test('logout ends the session', async () => {
    const a = await login(s, 'agent1', 'agent-passw0rd');
    const out = await s.req('/api/v1/auth/logout', { method: 'POST', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf } });
    assert.equal(out.status, 204);
    assert.equal((await s.req('/api/v1/me', { headers: { cookie: a.cookie } })).status, 401);
  });

  test('a disabled user can no longer use tokens', async () => {
    fuwu(['user', 'add', 'carol', '--role', 'agent', '--password-stdin', '--db', s.db], 'carol-passw0rd\n');
    const tok = fuwu(['token', 'create', 'carol', '--db', s.db]).split('\n')[0];
    assert.equal((await s.req('/api/v1/me', { token: tok })).status, 200);
    fuwu(['user', 'disable', 'carol', '--db', s.db]);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await s.req('/api/v1/me', { token: tok })).status, 401);
  });

  test('a token scoped to organisation.read cannot write', async () => {
    const tok = fuwu(['token', 'create', 'admin', '--scope', 'organisation.read', '--db', s.db]).split('\n')[0];
    assert.equal((await s.req('/api/v1/organisations', { token: tok })).status, 200);
    const w = await s.req('/api/v1/organisations', { method: 'POST', token: tok, body: { name: 'Scoped', kind: 'customer' } });
    assert.equal(w.status, 403);
  });
});

describe('organisations, scopes and ETags', () => {
  test('a customer sees its own organisation and gets 404 for another one', async () => {
    const c = await login(s, 'alice', 'alice-passw0rd');
    const own = await s.req(`/api/v1/organisations/${orgA.id}`, { headers: { cookie: c.cookie } });
    assert.equal(own.status, 200);
    assert.equal(own.json.name, '客户甲 Alpha');
    const other = await s.req(`/api/v1/organisations/${orgB.id}`, { headers: { cookie: c.cookie } });
    assert.equal(other.status, 404);
    assert.equal(other.json.type, 'https://fuwu.dev/problems/not-found');
    const missing = await s.req('/api/v1/organisations/999999', { headers: { cookie: c.cookie } });
    assert.deepEqual(Object.keys(other.json).sort(), Object.keys(missing.json).sort());
    const list = await s.req('/api/v1/organisations', { headers: { cookie: c.cookie } });
    assert.deepEqual(list.json.items.map((o) => o.id), [orgA.id]);
    const write = await s.req('/api/v1/organisations', { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, body: { name: 'Mine', kind: 'customer' } });
    assert.equal(write.status, 403);
  });

  test('PATCH needs If-Match; a stale ETag gets 412 and changes nothing', async () => {
    const created = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: 'ETag Co', kind: 'supplier' } });
    const id = created.json.id;
    assert.equal(created.headers.get('etag'), '"1"');
    const noMatch = await s.req(`/api/v1/organisations/${id}`, { method: 'PATCH', token: admin, body: { notes: 'x' } });
    assert.equal(noMatch.status, 428);
    const ok = await s.req(`/api/v1/organisations/${id}`, { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { notes: '首次修改' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('etag'), '"2"');
    const stale = await s.req(`/api/v1/organisations/${id}`, { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { notes: 'overwrite' } });
    assert.equal(stale.status, 412);
    const now = await s.req(`/api/v1/organisations/${id}`, { token: admin });
    assert.equal(now.json.notes, '首次修改');
    const del = await s.req(`/api/v1/organisations/${id}`, { method: 'DELETE', token: admin, headers: { 'if-match': '"1"' } });
    assert.equal(del.status, 412);
    const del2 = await s.req(`/api/v1/organisations/${id}`, { method: 'DELETE', token: admin, headers: { 'if-match': '"2"' } });
    assert.equal(del2.status, 204);
    assert.equal((await s.req(`/api/v1/organisations/${id}`, { token: admin })).status, 404);
  });

  test('a repeated Idempotency-Key returns the first response and creates one record', async () => {
    const before = await orgCount();
    const body = { name: 'Idempotent Ltd', kind: 'customer' };
    const headers = { 'idempotency-key': 'key-123' };
    const first = await s.req('/api/v1/organisations', { method: 'POST', token: admin, headers, body });
    const again = await s.req('/api/v1/organisations', { method: 'POST', token: admin, headers, body });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await orgCount(), before + 1);
    const reused = await s.req('/api/v1/organisations', { method: 'POST', token: admin, headers, body: { name: 'Other', kind: 'customer' } });
    assert.equal(reused.status, 422);
    assert.equal(await orgCount(), before + 1);
  });

  test('concurrent requests with one Idempotency-Key create exactly one record', async () => {
    const before = await orgCount();
    const body = { name: 'Race Ltd', kind: 'customer' };
    const results = await Promise.all(Array.from({ length: 16 }, () =>
      s.req('/api/v1/organisations', { method: 'POST', token: admin, headers: { 'idempotency-key': 'race-1' }, body })));
    const ids = new Set(results.map((r) => r.json.id));
    assert.deepEqual(results.map((r) => r.status), Array(16).fill(201));
    assert.equal(ids.size, 1);
    assert.equal(await orgCount(), before + 1);
  });

  test('duplicate names are a 409 problem naming the field', async () => {
    const r = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '客户甲 Alpha', kind: 'customer' } });
    assert.equal(r.status, 409);
    assert.equal(r.json.errors[0].field, 'name');
  });

  test('keyset pagination walks every record once; a tampered cursor is a 400', async () => {
    for (let i = 0; i < 7; i++) await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: `Page ${i}`, kind: 'supplier' } });
    const seen = [];
    let cursor = '';
    for (;;) {
      const r = await s.req(`/api/v1/organisations?limit=3${cursor ? '&cursor=' + cursor : ''}`, { token: admin });
      assert.equal(r.status, 200);
      seen.push(...r.json.items.map((o) => o.id));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual([...seen].sort((a, b) => a - b), seen);
    const bad = await s.req('/api/v1/organisations?cursor=Zm9vOjE', { token: admin });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].field, 'cursor');
    assert.equal((await s.req('/api/v1/organisations?limit=0', { token: admin })).status, 400);
  });

  test('?q= finds organisations by name or code for pickers, keyset by id, wildcards taken literally', async () => {
    for (const [name, code] of [['德阳农机合作社', 'DY-001'], ['德阳收割队', 'dy-002'], ['绵阳农机站', 'MY-100'], ['Percent 100% Ltd', 'P_1']]) {
      assert.equal((await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name, kind: 'customer', code } })).status, 201);
    }
    const find = async (q, extra = '') => {
      const out = [];
      let cursor = '';
      for (;;) {
        const r = await s.req(`/api/v1/organisations?q=${encodeURIComponent(q)}&limit=1${extra}${cursor ? '&cursor=' + cursor : ''}`, { token: admin });
        assert.equal(r.status, 200, r.text);
        out.push(...r.json.items.map((o) => o.name));
        if (!r.json.next_cursor) return out;
        cursor = r.json.next_cursor;
      }
    };
    assert.deepEqual(await find('德阳'), ['德阳农机合作社', '德阳收割队']);
    assert.deepEqual(await find('农机'), ['德阳农机合作社', '绵阳农机站']);
    assert.deepEqual(await find('DY-'), ['德阳农机合作社', '德阳收割队'], 'codes, any case');
    assert.deepEqual(await find('my-1'), ['绵阳农机站']);
    assert.deepEqual(await find('100%'), ['Percent 100% Ltd']);
    assert.deepEqual(await find('_'), ['Percent 100% Ltd'], 'an underscore is no wildcard');
    assert.deepEqual(await find('德阳', '&kind=supplier'), []);
    // A customer still sees only its own organisation.
    const alice = await login(s, 'alice', 'alice-passw0rd');
    const mine = await s.req(`/api/v1/organisations?q=${encodeURIComponent('客户')}`, { headers: { cookie: alice.cookie } });
    assert.deepEqual(mine.json.items.map((o) => o.id), [orgA.id]);
    const r = await s.req(`/api/v1/organisations?q=${'x'.repeat(201)}`, { token: admin });
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].field, 'q');
  });
});

describe('bad input is refused and nothing is written', () => {
  const cases = [
    ['malformed JSON', '{"name": "x", "kind": "customer"', 400],
    ['unknown field', '{"name": "x1", "kind": "customer", "colour": "red"}', 400],
    ['wrong type', '{"name": 42, "kind": "customer"}', 400],
    ['duplicate key', '{"name": "x2", "name": "x3", "kind": "customer"}', 400],
    ['not an object', '["name", "kind"]', 400],
    ['missing required field', '{"kind": "customer"}', 422],
    ['value not allowed', '{"name": "x4", "kind": "partner"}', 422],
    ['too deep', '{"name": "x5", "kind": "customer", "notes": ' + '['.repeat(70) + ']'.repeat(70) + '}', 400],
    ['trailing data', '{"name": "x6", "kind": "customer"} {}', 400],
  ];
  for (const [name, body, status] of cases) {
    test(name, async () => {
      const before = await orgCount();
      const r = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body });
      assert.equal(r.status, status, r.text);
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
      assert.ok(r.json.type.startsWith('https://fuwu.dev/problems/'));
      assert.equal(await orgCount(), before);
    });
  }

  test('invalid UTF-8 is a 400', async () => {
    const before = await orgCount();
    const bytes = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xe4, 0xb8]), Buffer.from('", "kind": "customer"}')]);
    const r = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: new Uint8Array(bytes) });
    assert.equal(r.status, 400);
    assert.equal(await orgCount(), before);
  });

  test('a body over 1 MiB is a 413', async () => {
    const big = JSON.stringify({ name: 'big', kind: 'customer', notes: 'x'.repeat(1024 * 1024) });
    const r = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: big });
    assert.equal(r.status, 413);
  });

  test('a body that is not JSON is a 415', async () => {
    const r = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 415);
  });

  test('unknown routes are 404 and wrong methods 405 with Allow', async () => {
    assert.equal((await s.req('/api/v1/nothing', { token: admin })).status, 404);
    const r = await s.req('/api/v1/organisations', { method: 'PUT', token: admin, body: {} });
    assert.equal(r.status, 405);
    assert.match(r.headers.get('allow'), /GET/);
  });
});

describe('audit journal', () => {
  test('records who changed which field from what to what, through which request', async () => {
    const c = await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: 'Audited', kind: 'customer' }, headers: { 'x-request-id': 'req-audit-1' } });
    await s.req(`/api/v1/organisations/${c.json.id}`, { method: 'PATCH', token: admin, headers: { 'if-match': '"1"', 'x-request-id': 'req-audit-2' }, body: { name: 'Audited 2', kind: 'supplier' } });
    const r = await s.req(`/api/v1/audit?record=organisation:${c.json.id}`, { token: admin });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.items.map((e) => e.action), ['create', 'update']);
    assert.equal(r.json.items[0].request_id, 'req-audit-1');
    assert.equal(r.json.items[1].request_id, 'req-audit-2');
    assert.equal(r.json.items[1].actor_login, 'admin');
    const changes = Object.fromEntries(r.json.items[1].changes.map((ch) => [ch.field, [ch.old, ch.new]]));
    assert.deepEqual(changes, { name: ['Audited', 'Audited 2'], kind: ['customer', 'supplier'] });
  });

  test('customers may not read the journal, and a hidden record is 404', async () => {
    const c = await login(s, 'alice', 'alice-passw0rd');
    const r = await s.req(`/api/v1/audit?record=organisation:${orgA.id}`, { headers: { cookie: c.cookie } });
    assert.equal(r.status, 403);
    const agentTok = fuwu(['token', 'create', 'agent1', '--db', s.db]).split('\n')[0];
    assert.equal((await s.req(`/api/v1/audit?record=organisation:${orgA.id}`, { token: agentTok })).status, 200);
    assert.equal((await s.req('/api/v1/audit?record=organisation:987654', { token: agentTok })).status, 404);
    assert.equal((await s.req('/api/v1/audit?record=bogus', { token: agentTok })).status, 400);
  });

  test('the journal cannot be edited, even in the database', async () => {
    assert.throws(() => s.sql('DELETE FROM audit_entries'), /append-only/);
    assert.throws(() => s.sql("UPDATE audit_changes SET new_value = 'x'"), /append-only/);
  });
});

describe('operations endpoints', () => {
  test('healthz, readyz and metrics', async () => {
    assert.equal((await s.req('/healthz')).json.status, 'ok');
    const ready = await s.req('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.json.database, 'ok');
    const m = await s.req('/metrics');
    assert.match(m.text, /fuwu_http_requests_total\{route="createOrganisation",method="POST",status="201"\} \d+/);
    assert.match(m.text, /fuwu_http_request_duration_seconds_bucket\{route="getOrganisation",le="0.005"\}/);
    assert.match(m.text, /fuwu_db_commit_batch_size_count \d+/);
    assert.match(m.text, /fuwu_jobs_queue_depth \d+/);
  });

  test('every response carries a request id, echoing a valid one', async () => {
    const r = await s.req('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    assert.equal(r.headers.get('x-request-id'), 'abc-123');
    const bad = await s.req('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.notEqual(bad.headers.get('x-request-id'), 'bad id with spaces');
  });
});
