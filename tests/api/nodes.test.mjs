// Several nodes on one PostgreSQL database: three `fuwu serve` processes share sessions, take
// every job exactly once (SELECT … FOR UPDATE SKIP LOCKED) and each hear every committed event
// (LISTEN/NOTIFY, store/events.h). Needs FUWU_TEST_DB_URL (see harness.mjs); skipped on SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Server, onPostgres, login } from './harness.mjs';

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
