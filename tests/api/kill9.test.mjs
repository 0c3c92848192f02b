// Durability: an acknowledged write survives kill -9. Concurrent writers create records while the
// server is killed at random moments; after each restart every record that got a 2xx must be
// there and (on SQLite) PRAGMA integrity_check must say ok. FUWU_KILL9_ROUNDS sets the rounds
// (default 20). With FUWU_TEST_DB_URL the server runs on PostgreSQL (see harness.mjs): the check is
// then that every acknowledged row exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './harness.mjs';

const ROUNDS = Number(process.env.FUWU_KILL9_ROUNDS || 20);
const WRITERS = 24;

test(`acknowledged writes survive kill -9 (${ROUNDS} rounds)`, { timeout: 30 * 60 * 1000 }, async () => {
  const s = new Server();
  s.setup();
  const acked = new Set();
  for (let round = 0; round < ROUNDS; round++) {
    await s.start();
    let stop = false;
    const writer = async (w) => {
      for (let i = 0; !stop; i++) {
        const name = `r${round}-w${w}-${i}`;
        try {
          const r = await s.req('/api/v1/organisations', { method: 'POST', token: s.adminToken, body: { name, kind: 'customer' } });
          if (r.status === 201) acked.add(name);
          else if (r.status !== 503) assert.fail(`unexpected ${r.status}: ${r.text}`);
        } catch {
          return; // connection cut by the kill: this write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 450));
    s.proc.kill('SIGKILL');
    await s.exited;
    stop = true;
    await Promise.all(writers);
    s.port = undefined;

    if (!s.postgres) assert.equal(s.sql('PRAGMA integrity_check'), 'ok');
    const present = new Set(s.sql('SELECT name FROM organisations').split('\n'));
    const lost = [...acked].filter((n) => !present.has(n));
    assert.deepEqual(lost, [], `round ${round}: acknowledged writes lost`);
  }
  assert.ok(acked.size > ROUNDS * 10, `too few writes were made (${acked.size})`);
  s.cleanup();
});
