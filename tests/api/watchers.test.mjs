// Watchers and re-sending over the real binary: agents add anyone who may read a record, a
// customer watches or unwatches only themselves; a watcher receives the e-mail of a public reply
// (real aiosmtpd on loopback) in their own language and a removed watcher does not; an
// administrator sends a failed webhook delivery again from the delivery log, never a sent one.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, addUser, apiToken, assertProblem, createOrganisation, login, sessionHeaders } from './harness.mjs';
import { Receiver, SmtpServer, until } from './mailserver.mjs';

const smtp = new SmtpServer();
// The webhook receiver fails until `hookUp` is set.
let hookUp = false;
const hook = new Receiver(() => (hookUp ? 200 : 500), () => 'ok');
let s, admin, orgA, orgB, agent, alice, bob, carol, ticket;

before(async () => {
  await smtp.start();
  await hook.start();
  s = new Server({ env: {
    FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port), FUWU_MAIL_FROM: 'desk@fuwu.example',
    FUWU_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true', FUWU_WEBHOOKS_DISABLE_AFTER_FAILURES: '1',
  } });
  s.setup();
  await s.start();
  admin = s.adminToken;
  orgA = await createOrganisation(s, '戊公司');
  orgB = await createOrganisation(s, '己公司');
  const mk = async (body) => {
    const r = await s.req('/api/v1/users', { method: 'POST', token: admin, body: { password: 'watch-passw0rd', ...body } });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  // alice (zh-CN) raises the record; bob (en) of the same organisation watches it; carol is of
  // another organisation.
  alice = await mk({ login: 'alice', role: 'customer', organisation_id: orgA.id, email: 'alice@wu.example', language: 'zh-CN' });
  bob = await mk({ login: 'bob', role: 'customer', organisation_id: orgA.id, display_name: 'Bob Li', email: 'bob@wu.example', language: 'en' });
  carol = await mk({ login: 'carol', role: 'customer', organisation_id: orgB.id, email: 'carol@ji.example', language: 'en' });
  addUser(s, 'watchagent', 'agent', 'agent-passw0rd');
  agent = await login(s, 'watchagent', 'agent-passw0rd');
  const t = await s.req('/api/v1/tickets', { method: 'POST', token: admin,
    body: { kind: 'incident', title: '会议室投影仪无信号', organisation_id: orgA.id, requester_id: alice.id } });
  assert.equal(t.status, 201, t.text);
  ticket = t.json;
});
after(async () => {
  if (s) { await s.stop(); s.cleanup(); }
  await smtp.stop();
  await hook.stop();
});

const as = (c) => ({ headers: sessionHeaders(c) });
const watchers = (who) => s.req(`/api/v1/tickets/${ticket.id}/watchers`, who);
const addWatcher = (who, userId) => s.req(`/api/v1/tickets/${ticket.id}/watchers`, { method: 'POST', ...who, body: { user_id: userId } });
const removeWatcher = (who, userId) => s.req(`/api/v1/tickets/${ticket.id}/watchers/${userId}`, { method: 'DELETE', ...who });
const reply = async (body) => {
  const r = await s.req(`/api/v1/tickets/${ticket.id}/journal`, { method: 'POST', ...as(agent), body: { visibility: 'public', body } });
  assert.equal(r.status, 201, r.text);
};
const mailsTo = (address, text) => smtp.messages().filter((m) => m.headers.to.includes(address) && m.body.includes(text));

describe('watchers', () => {
  test('an agent adds anyone who may read the record; a customer only themselves', async () => {
    const added = await addWatcher(as(agent), bob.id);
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.user_id, bob.id);
    assert.equal(added.json.display_name, 'Bob Li');
    assert.equal(added.json.added_by, agent.user.id);
    assert.equal((await addWatcher(as(agent), bob.id)).status, 200);  // already watching
    assertProblem(await addWatcher(as(agent), carol.id), 422, 'user_id', 'no_access');
    assertProblem(await addWatcher(as(agent), 999999), 422, 'user_id', 'not_found');

    const aliceC = await login(s, 'alice', 'watch-passw0rd');
    assertProblem(await addWatcher(as(aliceC), bob.id), 403);
    assertProblem(await removeWatcher(as(aliceC), bob.id), 403);
    assert.equal((await addWatcher(as(aliceC), alice.id)).status, 201);
    let list = await watchers(as(aliceC));
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((w) => w.login).sort(), ['alice', 'bob']);
    assert.equal(list.json.watching, true);
    assert.equal((await removeWatcher(as(aliceC), alice.id)).status, 204);
    assertProblem(await removeWatcher(as(aliceC), alice.id), 404);
    list = await watchers(as(aliceC));
    assert.equal(list.json.watching, false);
    // A record out of reach is not found, whatever the body says.
    const carolC = await login(s, 'carol', 'watch-passw0rd');
    assertProblem(await addWatcher(as(carolC), carol.id), 404);
    assertProblem(await watchers(as(carolC)), 404);

    const audit = await s.req(`/api/v1/audit?record=ticket:${ticket.id}&limit=200`, { token: admin });
    assert.equal(audit.status, 200, audit.text);
    const actions = audit.json.items.map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'watcher_added').length, 2);
    assert.equal(actions.filter((a) => a === 'watcher_removed').length, 1);
  });

  test('a watcher receives a public reply in their language; a removed watcher does not', async () => {
    await reply('投影仪已更换 HDMI 线。');
    // bob reads English: the en template of ticket.replied.
    const [mail] = await smtp.waitFor(() => mailsTo('bob@wu.example', '投影仪已更换').length === 1)
      .then(() => mailsTo('bob@wu.example', '投影仪已更换'));
    assert.equal(mail.headers.subject, `[${ticket.number}] New reply: 会议室投影仪无信号`);
    assert.match(mail.body, /Hello Bob Li,/);

    assert.equal((await removeWatcher(as(agent), bob.id)).status, 204);
    await reply('请再试一次。');
    // The requester is told of the second reply; the removed watcher is not.
    await smtp.waitFor(() => mailsTo('alice@wu.example', '请再试一次').length === 1);
    const log = await s.req(`/api/v1/tickets/${ticket.id}/deliveries`, { token: admin });
    const toBob = log.json.items.filter((d) => d.user_id === bob.id && d.event_type === 'ticket.replied' && d.channel === 'email');
    assert.equal(toBob.length, 1, JSON.stringify(toBob));
    assert.equal(mailsTo('bob@wu.example', '请再试一次').length, 0);
  });
});

describe('sending a delivery again', () => {
  test('a failed webhook delivery is queued again by an administrator; a sent one never', async () => {
    const created = await s.req('/api/v1/webhooks', { method: 'POST', token: admin,
      body: { name: '值班系统', kind: 'json', url: `${hook.url}/hook`, event_types: ['ticket.watcher_added'] } });
    assert.equal(created.status, 201, created.text);
    assert.equal((await addWatcher(as(agent), bob.id)).status, 201);
    const deliveryOf = async () => (await s.req(`/api/v1/webhooks/${created.json.id}/deliveries`, { token: admin })).json.items[0];
    // The first attempt gets a 500, which disables the webhook (after 1 failure).
    const pending = await until('the first attempt', async () => { const d = await deliveryOf(); return d?.attempts === 1 && d; });
    assert.equal(pending.state, 'pending');
    const retry = (id, token = admin) => s.req(`/api/v1/notification-deliveries/${id}/retry`, { method: 'POST', token });
    assertProblem(await retry(pending.id), 409, 'state', 'already_queued');
    // Its next attempt (after the 10 s backoff) finds the webhook disabled: failed for good.
    const failed = await until('the delivery to fail', async () => { const d = await deliveryOf(); return d?.state === 'failed' && d; }, 30000);
    assert.match(failed.last_error, /disabled/);

    // The receiver is back; the administrator enables the webhook and sends the delivery again.
    hookUp = true;
    const w = await s.req(`/api/v1/webhooks/${created.json.id}`, { token: admin });
    const enabled = await s.req(`/api/v1/webhooks/${created.json.id}`, { method: 'PATCH', token: admin,
      headers: { 'if-match': w.headers.get('etag') }, body: { enabled: true } });
    assert.equal(enabled.status, 200, enabled.text);
    assertProblem(await retry(failed.id, apiToken(s, 'watchagent')), 403);  // not an administrator
    const again = await retry(failed.id);
    assert.equal(again.status, 202, again.text);
    assert.equal(again.json.state, 'pending');
    const sent = await until('the delivery to be sent', async () => { const d = await deliveryOf(); return d?.state === 'sent' && d; });
    assert.equal(sent.id, failed.id);
    const received = hook.requests.filter((r) => r.headers['x-fuwu-delivery'] === String(failed.id));
    assert.equal(received.at(-1).headers['x-fuwu-event'], 'ticket.watcher_added');
    // Never a second send of a delivery that was sent.
    assertProblem(await retry(failed.id), 409, 'state', 'already_sent');
    assertProblem(await retry(987654), 404);
    const audit = await s.req(`/api/v1/audit?record=ticket:${ticket.id}&limit=200`, { token: admin });
    assert.equal(audit.json.items.filter((e) => e.action === 'delivery_retried').length, 1);
  });
});
