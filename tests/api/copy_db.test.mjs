// fuwu copy-db: a populated SQLite database goes to PostgreSQL and back with the same row count
// and checksum in every table; the PostgreSQL copy serves (logins, new ids after the copied ones,
// search);
// a target that holds data is refused. Needs FUWU_TEST_DB_URL (see harness.mjs); skipped without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Server, fuwu, onPostgres, createPgDatabase, dropPgDatabase, login } from './harness.mjs';

// "table rows checksum" for every table of a copy-db report.
function sums(report) {
  const lines = report.split('\n').filter((l) => /checksum [0-9a-f]{16}\s+ok$/.test(l));
  return lines.map((l) => l.replace(/\s+ok$/, '').replace(/\s+/g, ' '));
}

test('copy-db round-trips SQLite -> PostgreSQL -> SQLite with identical checksums', { skip: !onPostgres && 'FUWU_TEST_DB_URL is not set' }, async () => {
  const s = new Server({ sqlite: true }).setup();
  await s.start();
  const post = (path, body) => s.req(path, { method: 'POST', token: s.adminToken, body });
  for (let i = 0; i < 40; i++) {
    const org = await post('/api/v1/organisations', { name: `客户 ${i} «copy»`, kind: i % 3 ? 'customer' : 'supplier' });
    assert.equal(org.status, 201, org.text);
  }
  const orgId = (await s.req('/api/v1/organisations?limit=1', { token: s.adminToken })).json.items[0].id;
  const ticket = await post('/api/v1/tickets', { kind: 'incident', title: '服务器宕机 server down', description: '机房网络中断', organisation_id: orgId });
  assert.equal(ticket.status, 201, ticket.text);
  fuwu(['user', 'add', 'zhang.wei', '--role', 'agent', '--password-stdin', '--db', s.db], 'zhang-passw0rd\n');
  await s.stop();

  const pg = createPgDatabase();
  const back = join(s.dir, 'back.db');
  try {
    const there = fuwu(['copy-db', '--from', s.db, '--to', pg, '--batch', '7']);
    const home = fuwu(['copy-db', '--from', pg, '--to', back]);
    assert.match(there, /every row count and checksum matches/);
    assert.match(home, /every row count and checksum matches/);
    const a = sums(there);
    assert.ok(a.length >= 20, there);
    assert.deepEqual(sums(home), a);
    assert.ok(a.some((l) => /^organisations 40 rows/.test(l)), a.join('\n'));

    // A target with data is refused.
    assert.throws(() => fuwu(['copy-db', '--from', s.db, '--to', pg]), /already holds data/);

    // The PostgreSQL copy serves: old passwords work, new rows get ids after the copied ones.
    const p = new Server({ db: pg, dir: s.dir });
    await p.start();
    try {
      await login(p, 'zhang.wei', 'zhang-passw0rd');
      const created = await p.req('/api/v1/organisations', { method: 'POST', token: s.adminToken, body: { name: 'after the copy', kind: 'customer' } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.id, 41);
      // The search index is rebuilt on the target (PostgreSQL keeps the tokens as a tsvector).
      const found = await p.req(`/api/v1/search?q=${encodeURIComponent('宕机')}`, { token: s.adminToken });
      assert.equal(found.status, 200, found.text);
      assert.deepEqual(found.json.items.map((i) => i.id), [ticket.json.id]);
    } finally {
      await p.stop();
    }
  } finally {
    dropPgDatabase(pg);
    s.cleanup();
  }
});
