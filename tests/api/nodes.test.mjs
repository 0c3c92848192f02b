// Several nodes on one PostgreSQL database: three `fuwu serve` processes share sessions, take
// every job exactly once (SELECT … FOR UPDATE SKIP LOCKED) and each hear every committed event
// (LISTEN/NOTIFY, store/events.h). Needs FUWU_TEST_DB_URL (see harness.mjs); skipped on SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Server, onPostgres, login, psql, PG_URL } from './harness.mjs';

const JOBS = 120;

function logLines(server, event) {
  return server.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => { try { return JSON.parse(l); } catch { return undefined; } })
    .filter((e) => e && e.event === event);
}

async function until(what, check, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('three nodes: shared sessions, every job once, every event on every node', { skip: !onPostgres && 'FUWU_TEST_DB_URL is not set' }, async () => {
  const first = new Server().setup();
  const nodes = [first, new Server({ db: first.db }), new Server({ db: first.db })];
  try {
    await Promise.all(nodes.map((n) => n.start()));

    // A session made on one node works on the others.
    const session = await login(nodes[0], 'admin', 'admin-passw0rd');
    for (const n of nodes) {
      const me = await n.req('/api/v1/me', { headers: { cookie: session.cookie } });
      assert.equal(me.status, 200, me.text);
    }

    // Jobs of a kind no node has a handler for: each run fails at once (max_attempts 1), so a
    // job that ran twice would show attempts = 2 or two "jobs.failed" lines.
    // In waves, so that the nodes' runners (each waking every second) meet on the queue.
    for (let wave = 0; wave < 8; wave++) {
      first.sql(`INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at)
                 SELECT 'test.nodes', '{}', '2000-01-01T00:00:00Z', 1, '2000-01-01T00:00:00Z'
                 FROM generate_series(1, ${JOBS / 8})`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await until('the jobs to run', () => first.sql("SELECT count(*) FROM jobs WHERE kind = 'test.nodes' AND state IN ('pending', 'running')") === '0');
    assert.equal(first.sql("SELECT count(*) FROM jobs WHERE kind = 'test.nodes' AND (state <> 'failed' OR attempts <> 1)"), '0');
    const ids = first.sql("SELECT id FROM jobs WHERE kind = 'test.nodes' ORDER BY id").split('\n').map(Number);
    await until('every node to log its runs', () => {
      const ran = nodes.flatMap((n) => logLines(n, 'jobs.failed').map((e) => e.job));
      return ran.length >= JOBS;
    });
    const perNode = nodes.map((n) => logLines(n, 'jobs.failed').map((e) => e.job));
    const ran = perNode.flat().sort((a, b) => a - b);
    assert.deepEqual(ran, ids, 'every job ran exactly once');
    console.log(`jobs per node: ${perNode.map((p) => p.length).join(', ')}`);

    // Events: writes on every node; each node hears the last committed outbox id.
    for (let i = 0; i < 12; i++) {
      const n = nodes[i % 3];
      const r = await n.req('/api/v1/organisations', { method: 'POST', token: first.adminToken, body: { name: `node org ${i}`, kind: 'customer' } });
      assert.equal(r.status, 201, r.text);
    }
    const last = Number(first.sql('SELECT MAX(id) FROM outbox'));
    await until('every node to hear every event', () =>
      nodes.every((n) => logLines(n, 'events.committed').some((e) => e.last_id >= last)));
  } finally {
    for (const n of nodes) await n.stop();
    nodes.slice(1).forEach((n) => n.cleanup());
    first.cleanup();
  }
});

test('killed database connections give 503 problems and recovery, no lost acknowledged writes', { skip: !onPostgres && 'FUWU_TEST_DB_URL is not set' }, async () => {
  const s = new Server().setup();
  await s.start();
  try {
    const acked = new Set();
    const statuses = new Map();
    let stop = false;
    const writer = async (w) => {
      for (let i = 0; !stop; i++) {
        const name = `kill-w${w}-${i}`;
        const r = await s.req('/api/v1/organisations', { method: 'POST', token: s.adminToken, body: { name, kind: 'customer' } });
        statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
        if (r.status === 201) acked.add(name);
        else {
          assert.equal(r.status, 503, r.text);
          assert.match(r.headers.get('content-type'), /problem\+json/);
        }
        const g = await s.req('/api/v1/organisations?limit=5', { token: s.adminToken });
        assert.ok(g.status === 200 || g.status === 503, g.text);
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    for (let k = 0; k < 10; k++) {
      await new Promise((r) => setTimeout(r, 150));
      s.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE 'fuwu%' AND datname = current_database()");
    }
    // The database refuses connections for a while (as during a failover): 503s, then recovery.
    const name = new URL(s.db).pathname.slice(1);
    psql(PG_URL, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    psql(PG_URL, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}'`);
    await new Promise((r) => setTimeout(r, 1000));
    psql(PG_URL, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(writers);
    assert.ok(statuses.get(503) > 0, 'no 503 while the database refused connections');
    console.log('statuses:', JSON.stringify([...statuses]));
    assert.equal(s.proc.exitCode, null, 'the server is still running');
    // Recovery: the next requests succeed.
    const after = await s.req('/api/v1/organisations', { method: 'POST', token: s.adminToken, body: { name: 'after the kills', kind: 'customer' } });
    assert.equal(after.status, 201, after.text);
    const present = new Set(s.sql('SELECT name FROM organisations').split('\n'));
    assert.deepEqual([...acked].filter((n) => !present.has(n)), [], 'acknowledged writes lost');
    assert.ok(acked.size > 20, `too few writes (${acked.size})`);
  } finally {
    await s.stop();
    s.cleanup();
  }
});
