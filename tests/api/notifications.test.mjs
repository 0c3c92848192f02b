// Notifications over the real binary: outbox events -> rules -> recipients -> templates in the
// recipient's language -> in-app notifications and e-mail through a real SMTP server (aiosmtpd)
// on loopback; exactly once across restarts; the delivery log; rules and templates API.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login } from './harness.mjs';
import { SmtpServer, sleep, until } from './mailserver.mjs';

const smtp = new SmtpServer();
let s;
let admin, org, alice, bob, agent, agentTok, aliceSession;


before(async () => {
  await smtp.start();
  s = new Server({ env: {
    FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port),
    FUWU_MAIL_FROM: 'desk@fuwu.example', FUWU_HTTP_PUBLIC_URL: 'https://desk.example.com/',
  } });
  s.setup();
  await s.start();
  admin = s.adminToken;
  org = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '丙公司', kind: 'customer' } })).json;
  const mk = async (body) => {
    const r = await s.req('/api/v1/users', { method: 'POST', token: admin, body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  alice = await mk({ login: 'alice', role: 'customer', organisation_id: org.id, display_name: '张丽', email: 'alice@customer.example', language: 'zh-CN', password: 'alice-passw0rd' });
  bob = await mk({ login: 'bob', role: 'customer', organisation_id: org.id, display_name: 'Bob Smith', email: 'bob@customer.example', language: 'en', password: 'bob-passw0rd' });
  agent = await mk({ login: 'agent1', role: 'agent', display_name: '王工', email: 'agent1@desk.example', language: 'zh-CN', password: 'agent-passw0rd' });
  const agentSession = await login(s, 'agent1', 'agent-passw0rd');
  agentTok = agentSession;
  aliceSession = await login(s, 'alice', 'alice-passw0rd');
});

after(async () => {
  if (s) { await s.stop(); s.cleanup(); }
  await smtp.stop();
});

const as = (c) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });
const newTicket = (extra = {}) => s.req('/api/v1/tickets', { method: 'POST', token: admin,
  body: { kind: 'incident', title: '打印机卡纸 <b>&</b>', description: '三楼打印机', organisation_id: org.id, ...extra } });

describe('e-mail and in-app notifications', () => {
  test('a new record tells its requester, in the requester\'s language, once', async () => {
    const t = await newTicket({ requester_id: alice.id });
    assert.equal(t.status, 201, t.text);
    const mails = await smtp.waitFor((m) => m.some((x) => x.headers.to.includes('alice@customer.example')));
    const mail = mails.find((x) => x.headers.to.includes('alice@customer.example'));
    assert.equal(mail.headers.subject, `[${t.json.number}] 已受理：打印机卡纸 <b>&</b>`);
    assert.match(mail.headers.from, /desk@fuwu\.example/);
    assert.match(mail.headers['message-id'], new RegExp(`^<fuwu\\.\\d+\\.${t.json.number}@`));
    assert.equal(mail.headers['auto-submitted'], 'auto-generated');
    assert.match(mail.body, /张丽，您好/);
    assert.match(mail.body, new RegExp(`https://desk\\.example\\.com/tickets/${t.json.id}`));

    // The in-app notification and the bell's count.
    const mine = await until('in-app notification', async () => {
      const r = await s.req('/api/v1/notifications', { headers: as(aliceSession) });
      assert.equal(r.status, 200, r.text);
      return r.json.items.find((n) => n.record_id === t.json.id) && r.json;
    });
    assert.ok(mine.unread >= 1);
    const n = mine.items.find((x) => x.record_id === t.json.id);
    assert.equal(n.event_type, 'ticket.created');
    assert.equal(n.read, false);
    assert.match(n.title, /已受理/);
    const count = await s.req('/api/v1/notifications/unread-count', { headers: as(aliceSession) });
    assert.equal(count.json.unread, mine.unread);
    const read = await s.req(`/api/v1/notifications/${n.id}/read`, { method: 'POST', headers: as(aliceSession) });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.unread, mine.unread - 1);
    // Someone else's notification is not found.
    const bobSession = await login(s, 'bob', 'bob-passw0rd');
    const other = await s.req(`/api/v1/notifications/${n.id}/read`, { method: 'POST', headers: as(bobSession) });
    assert.equal(other.status, 404);

    // The delivery log of the record.
    const log = await until('sent e-mail in the log', async () => {
      const r = await s.req(`/api/v1/tickets/${t.json.id}/deliveries`, { token: admin });
      assert.equal(r.status, 200, r.text);
      return r.json.items.some((d) => d.channel === 'email' && d.state === 'sent') && r.json.items;
    });
    const email = log.find((d) => d.channel === 'email');
    assert.equal(email.recipient, `user:${alice.id}`);
    assert.equal(email.address, 'alice@customer.example');
    assert.equal(email.language, 'zh-CN');
    assert.equal(email.attempts, 1);
    assert.equal(email.message_id, mail.headers['message-id']);
    assert.ok(log.some((d) => d.channel === 'in_app' && d.state === 'sent'));
  });

  test('an English-speaking requester gets the English template; a reply threads on the first mail', async () => {
    const t = await newTicket({ requester_id: bob.id, title: 'VPN down' });
    const first = (await smtp.waitFor((m) => m.some((x) => x.headers.subject === `[${t.json.number}] Received: VPN down`)))
      .find((x) => x.headers.subject === `[${t.json.number}] Received: VPN down`);
    assert.match(first.body, /Hello Bob Smith/);
    const reply = await s.req(`/api/v1/tickets/${t.json.id}/journal`, { method: 'POST', headers: as(agentTok), body: { visibility: 'public', body: 'Please restart the client.' } });
    assert.equal(reply.status, 201, reply.text);
    const replyMail = (await smtp.waitFor((m) => m.some((x) => x.headers.subject === `[${t.json.number}] New reply: VPN down`)))
      .find((x) => x.headers.subject === `[${t.json.number}] New reply: VPN down`);
    assert.match(replyMail.body, /Please restart the client\./);
    assert.equal(replyMail.headers['in-reply-to'], first.headers['message-id']);
    // The agent who replied is not told about their own reply.
    const agentLog = (await s.req(`/api/v1/tickets/${t.json.id}/deliveries`, { token: admin })).json.items;
    assert.ok(!agentLog.some((d) => d.recipient === `user:${agent.id}` && d.event_type === 'ticket.replied'));
  });

  test('assignment tells the assignee; a customer may not read the delivery log', async () => {
    const t = await newTicket({ requester_id: alice.id, assignee_id: agent.id, title: '邮件无法发送' });
    assert.equal(t.status, 201, t.text);
    await smtp.waitFor((m) => m.some((x) => x.headers.to.includes('agent1@desk.example') && x.headers.subject.includes(t.json.number)));
    const denied = await s.req(`/api/v1/tickets/${t.json.id}/deliveries`, { headers: as(aliceSession) });
    assert.equal(denied.status, 403);
  });

  test('each (event, recipient, channel) is delivered once, also across a restart', async () => {
    const t = await newTicket({ requester_id: alice.id, title: '重启测试' });
    await smtp.waitFor((m) => m.some((x) => x.headers.subject.includes(t.json.number)));
    await s.stop();
    // Rewind the consumer: the next pass sees the same events again.
    s.sql("UPDATE outbox_cursors SET last_id = 0 WHERE consumer = 'notifications'");
    await s.start();
    const before = smtp.messages().length;
    await until('the cursor to catch up', async () =>
      Number(s.sql("SELECT last_id FROM outbox_cursors WHERE consumer = 'notifications'")) >= Number(s.sql('SELECT MAX(id) FROM outbox')));
    await sleep(1500);
    assert.equal(smtp.messages().length, before);
    const dup = s.sql('SELECT COUNT(*) FROM (SELECT event_id, recipient, channel FROM notification_deliveries GROUP BY event_id, recipient, channel HAVING COUNT(*) > 1) d');
    assert.equal(Number(dup), 0);
    agentTok = await login(s, 'agent1', 'agent-passw0rd');
    aliceSession = await login(s, 'alice', 'alice-passw0rd');
  });
});

describe('approvals', () => {
  test('the approver is asked, in their language; the requester and their manager hear the outcome', async () => {
    const admin_ = { token: admin };
    const boss = (await s.req('/api/v1/users', { method: 'POST', ...admin_, body: { login: 'boss', role: 'customer', organisation_id: org.id, display_name: 'Boss Li', email: 'boss@customer.example', language: 'en', password: 'boss-passw0rd' } })).json;
    const u = await s.req(`/api/v1/users/${alice.id}`, admin_);
    const m = await s.req(`/api/v1/users/${alice.id}`, { method: 'PATCH', ...admin_, headers: { 'if-match': `"${u.json.version}"` }, body: { manager_id: boss.id } });
    assert.equal(m.status, 200, m.text);
    const svc = await s.req('/api/v1/catalogue/services', { method: 'POST', ...admin_, body: { code: 'vpn-svc', name_zh: '网络', name_en: 'Network', category: 'network' } });
    assert.equal(svc.status, 201, svc.text);
    const item = await s.req('/api/v1/catalogue/items', { method: 'POST', ...admin_, body: { service_id: svc.json.id, code: 'vpn', name_zh: 'VPN 账号', name_en: 'VPN account',
      approvals: [{ label_zh: '直属经理审批', label_en: 'Line manager', rule: 'any', approvers: [{ type: 'manager' }] }] } });
    assert.equal(item.status, 201, item.text);
    // A rule for the requester's manager as well.
    const rule = await s.req('/api/v1/notification-rules', { method: 'POST', ...admin_, body: { name: '审批结果告知经理', event_type: 'approval.approved', recipients: ['requester_manager'], channels: ['in_app'], notify_actor: true } });
    assert.equal(rule.status, 201, rule.text);

    const r = await s.req('/api/v1/tickets', { method: 'POST', headers: as(aliceSession), body: { kind: 'request', catalogue_item_id: item.json.id } });
    assert.equal(r.status, 201, r.text);
    const ask = (await smtp.waitFor((x) => x.some((y) => y.headers.to.includes('boss@customer.example'))))
      .find((y) => y.headers.to.includes('boss@customer.example'));
    assert.equal(ask.headers.subject, `[${r.json.number}] Approval needed: ${r.json.title}`);
    assert.match(ask.body, /waits for your approval \(stage 1\)/);

    const bossSession = await login(s, 'boss', 'boss-passw0rd');
    const d = await s.req(`/api/v1/tickets/${r.json.id}/approvals`, { method: 'POST', headers: as(bossSession), body: { decision: 'approve', comment: '同意开通' } });
    assert.equal(d.status, 200, d.text);
    const done = (await smtp.waitFor((x) => x.some((y) => y.headers.to.includes('alice@customer.example') && y.headers.subject.includes('审批通过'))))
      .find((y) => y.headers.to.includes('alice@customer.example') && y.headers.subject.includes('审批通过'));
    assert.match(done.body, /已由 Boss Li 批准/);
    assert.match(done.body, /同意开通/);
    const bossBell = await until('the manager\'s notification', async () => {
      const n = await s.req('/api/v1/notifications', { headers: as(bossSession) });
      return n.json.items.find((x) => x.event_type === 'approval.approved');
    });
    assert.equal(bossBell.record_id, r.json.id);
  });
});

describe('rules and templates', () => {
  test('a rule with conditions and an address; templates are validated and used', async () => {
    const bad = await s.req('/api/v1/notification-rules', { method: 'POST', token: admin,
      body: { name: 'x', event_type: 'ticket.created', recipients: ['boss'], channels: ['fax'] } });
    assert.equal(bad.status, 422, bad.text);
    const fields = bad.json.errors.map((e) => e.field);
    assert.ok(fields.includes('recipients/0') && fields.includes('channels/0'), bad.text);

    const rule = await s.req('/api/v1/notification-rules', { method: 'POST', token: admin,
      body: { name: 'P1 告知值班', event_type: 'ticket.created', conditions: { priority: [1] }, recipients: ['address:oncall@desk.example'], channels: ['email'] } });
    assert.equal(rule.status, 201, rule.text);
    assert.equal(rule.headers.get('etag'), '"1"');

    const tpl = await s.req('/api/v1/notification-templates', { method: 'PUT', token: admin,
      body: { event_type: 'ticket.created', language: 'zh-CN', subject: '新记录 {{number}} {{nope}}', body: 'x' } });
    assert.equal(tpl.status, 422, tpl.text);

    const low = await newTicket({ impact: 3, urgency: 3, title: '低优先级' });
    const high = await newTicket({ impact: 1, urgency: 1, title: '核心交换机故障' });
    await smtp.waitFor((m) => m.some((x) => x.headers.to.includes('oncall@desk.example') && x.headers.subject.includes(high.json.number)));
    await sleep(500);
    assert.ok(!smtp.messages().some((x) => x.headers.to.includes('oncall@desk.example') && x.headers.subject.includes(low.json.number)));

    const disabled = await s.req(`/api/v1/notification-rules/${rule.json.id}`, { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { enabled: false } });
    assert.equal(disabled.status, 200, disabled.text);
    assert.equal(disabled.json.enabled, false);
    const stale = await s.req(`/api/v1/notification-rules/${rule.json.id}`, { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { enabled: true } });
    assert.equal(stale.status, 412);
    const list = await s.req('/api/v1/notification-rules', { token: admin });
    assert.ok(list.json.items.length >= 8);
    const agentList = await s.req('/api/v1/notification-rules', { headers: as(agentTok) });
    assert.equal(agentList.status, 403);
    const del = await s.req(`/api/v1/notification-rules/${rule.json.id}`, { method: 'DELETE', token: admin });
    assert.equal(del.status, 204);
    const templates = await s.req('/api/v1/notification-templates', { token: admin });
    assert.ok(templates.json.items.some((t) => t.event_type === 'sla.breach' && t.language === 'en'));
  });
});
