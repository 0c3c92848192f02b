// Live updates over Server-Sent Events (GET /api/v1/events/stream) against the real binary:
// record changes reach those who may read the record and nobody else, a user's new in-app
// notifications reach that user, and an open stream does not hold up a graceful stop.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login } from './harness.mjs';
import { sleep, until } from './mailserver.mjs';

const s = new Server();
let orgA, orgB, alice, bob, agent;
const streams = [];

// Opens the stream with `headers` and collects its events ({event, id, data}).
async function openStream(headers) {
  const ctl = new AbortController();
  const res = await fetch(`${s.base}/api/v1/events/stream`, { headers, signal: ctl.signal });
  const st = { res, events: [], buffer: '', ended: false, close: () => ctl.abort() };
  if (res.status === 200) {
    (async () => {
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          st.buffer += dec.decode(value, { stream: true });
          let cut;
          while ((cut = st.buffer.indexOf('\n\n')) >= 0) {
            const block = st.buffer.slice(0, cut);
            st.buffer = st.buffer.slice(cut + 2);
            const ev = {};
            for (const line of block.split('\n')) {
              const i = line.indexOf(': ');
              if (line.startsWith('event: ')) ev.event = line.slice(7);
              else if (line.startsWith('id: ')) ev.id = Number(line.slice(4));
              else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
              else if (i < 0 && line) ev.other = line;
            }
            if (ev.event) st.events.push(ev);
          }
        }
      } catch { /* aborted */ }
      st.ended = true;
    })();
  }
  streams.push(st);
  return st;
}

const as = (c) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });

before(async () => {
  s.setup();
  await s.start();
  const admin = s.adminToken;
  orgA = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '甲方', kind: 'customer' } })).json;
  orgB = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '乙方', kind: 'customer' } })).json;
  for (const [login_, role, org] of [['alice', 'customer', orgA], ['bob', 'customer', orgB], ['agent2', 'agent', null]]) {
    const r = await s.req('/api/v1/users', { method: 'POST', token: admin,
      body: { login: login_, role, ...(org ? { organisation_id: org.id } : {}), password: `${login_}-passw0rd` } });
    assert.equal(r.status, 201, r.text);
  }
  alice = await login(s, 'alice', 'alice-passw0rd');
  bob = await login(s, 'bob', 'bob-passw0rd');
  agent = await login(s, 'agent2', 'agent2-passw0rd');
});
after(async () => {
  for (const st of streams) st.close();
  await s.stop();
  s.cleanup();
});

describe('GET /api/v1/events/stream', () => {
  test('needs a signed-in user', async () => {
    const res = await fetch(`${s.base}/api/v1/events/stream`);
    assert.equal(res.status, 401);
  });

  test('record changes go to those who may see them; notifications to their user', async () => {
    const a = await openStream(as(alice));
    const b = await openStream(as(bob));
    const g = await openStream(as(agent));
    assert.equal(a.res.status, 200);
    assert.match(a.res.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(a.res.headers.get('cache-control'), 'no-cache');
    await sleep(300);

    const t = await s.req('/api/v1/tickets', { method: 'POST', headers: as(agent),
      body: { kind: 'incident', title: '网络中断', organisation_id: orgA.id, requester_id: alice.user.id } });
    assert.equal(t.status, 201, t.text);

    const rec = await until('alice sees the record', async () => a.events.find((e) => e.event === 'record' && e.data.record_id === t.json.id));
    assert.equal(rec.data.type, 'ticket.created');
    assert.equal(rec.data.number, t.json.number);
    assert.ok(rec.id > 0);
    const note = await until('alice gets her notification', async () => a.events.find((e) => e.event === 'notification' && e.data.record_id === t.json.id));
    assert.equal(note.data.event_type, 'ticket.created');
    assert.ok(note.data.unread >= 1);
    await until('the agent sees the record', async () => g.events.find((e) => e.event === 'record' && e.data.record_id === t.json.id));

    // An internal note: the agent hears of it, the customer does not.
    const n = await s.req(`/api/v1/tickets/${t.json.id}/journal`, { method: 'POST', headers: as(agent), body: { visibility: 'internal', body: '内部备注' } });
    assert.equal(n.status, 201, n.text);
    await until('the agent sees the note', async () => g.events.find((e) => e.event === 'record' && e.data.type === 'ticket.note_added'));
    await sleep(1500);
    assert.ok(!a.events.some((e) => e.data?.type === 'ticket.note_added'));
    // Another organisation's customer hears nothing of it.
    assert.ok(!b.events.some((e) => e.data?.record_id === t.json.id), JSON.stringify(b.events));
    a.close();
    g.close();
  });

  test('a reconnecting client (Last-Event-ID) first gets the events it missed, scoped as live ones', async () => {
    const g = await openStream(as(agent));
    await sleep(300);
    const create = (title, org) => s.req('/api/v1/tickets', { method: 'POST', headers: as(agent), body: { kind: 'incident', title, organisation_id: org.id } });
    const t1 = (await create('断线一', orgA)).json;
    const seen = await until('the agent sees the first ticket', async () => g.events.find((e) => e.event === 'record' && e.data.record_id === t1.id));
    g.close();
    // While nobody listens: a ticket of each organisation and an internal note; a third stream
    // shows when the server has passed them.
    const watcher = await openStream(as(agent));
    await sleep(300);
    const t2 = (await create('断线二', orgA)).json;
    const t3 = (await create('断线三', orgB)).json;
    assert.equal((await s.req(`/api/v1/tickets/${t2.id}/journal`, { method: 'POST', headers: as(agent), body: { visibility: 'internal', body: '内部' } })).status, 201);
    await until('the server passed them', async () => watcher.events.find((e) => e.data?.type === 'ticket.note_added' && e.data.record_id === t2.id));
    watcher.close();

    const missed = (st) => st.events.filter((e) => e.event === 'record').map((e) => `${e.data.record_id}:${e.data.type}`);
    const agentAgain = await openStream({ ...as(agent), 'last-event-id': String(seen.id) });
    await until('the agent gets what it missed', async () => missed(agentAgain).includes(`${t2.id}:ticket.note_added`));
    const got = missed(agentAgain);
    assert.ok(got.includes(`${t2.id}:ticket.created`) && got.includes(`${t3.id}:ticket.created`), got.join());
    assert.ok(!got.includes(`${t1.id}:ticket.created`), 'nothing up to Last-Event-ID again');
    assert.ok(agentAgain.events.every((e) => e.event !== 'record' || e.id > seen.id));

    const aliceAgain = await openStream({ ...as(alice), 'last-event-id': String(seen.id) });
    await until('alice gets her organisation\'s ticket', async () => missed(aliceAgain).includes(`${t2.id}:ticket.created`));
    await sleep(1200);
    assert.deepEqual(missed(aliceAgain).filter((x) => !x.startsWith(`${t2.id}:`)), [], 'not the other organisation\'s ticket');
    assert.ok(!missed(aliceAgain).includes(`${t2.id}:ticket.note_added`), 'no internal note');
    // Without Last-Event-ID (or with garbage) a stream starts from now: no history.
    const fresh = await openStream({ ...as(alice), 'last-event-id': 'abc' });
    await sleep(1200);
    assert.deepEqual(missed(fresh), []);
    for (const st of [agentAgain, aliceAgain, fresh]) st.close();
  });

  test('an open stream does not hold up a graceful stop', async () => {
    const b = streams.find((st) => !st.ended) || await openStream(as(bob));
    assert.ok(!b.ended);
    const started = Date.now();
    await s.stop();
    assert.ok(Date.now() - started < 5000, `stop took ${Date.now() - started} ms`);
    await until('the stream to end', async () => b.ended);
  });
});
