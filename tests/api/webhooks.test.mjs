// Webhooks and group robots over the real binary, against receivers on loopback: signed JSON
// deliveries (HMAC-SHA256 over timestamp + body), a retry after a 500, disabling after repeated
// failures, WeCom and DingTalk robot message formats (DingTalk signing), and the address guard
// that refuses loopback targets unless the administrator allows them.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Server } from './harness.mjs';
import { Receiver, freePort, until } from './mailserver.mjs';

let s;
let org;
const hook = new Receiver((n) => (n === 1 ? 500 : 200), () => 'ok');
const wecom = new Receiver();
const ding = new Receiver();

before(async () => {
  await hook.start();
  await wecom.start();
  await ding.start();
  s = new Server({ env: { FUWU_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true', FUWU_WEBHOOKS_DISABLE_AFTER_FAILURES: '2' } });
  s.setup();
  await s.start();
  // Our own organisation: a new customer would also get an archive task (customer care), whose
  // ticket.created a background job may send to the webhooks at any moment of these tests.
  org = (await s.req('/api/v1/organisations', { method: 'POST', token: s.adminToken, body: { name: '丁公司', kind: 'own' } })).json;
});
after(async () => {
  if (s) { await s.stop(); s.cleanup(); }
  await hook.stop();
  await wecom.stop();
  await ding.stop();
});

const newTicket = (title) => s.req('/api/v1/tickets', { method: 'POST', token: s.adminToken,
  body: { kind: 'incident', title, organisation_id: org.id, impact: 1, urgency: 1 } });

describe('webhooks', () => {
  test('signed JSON deliveries, retried after a 500, logged', async () => {
    const created = await s.req('/api/v1/webhooks', { method: 'POST', token: s.adminToken,
      body: { name: 'ERP', kind: 'json', url: `${hook.url}/hooks/fuwu`, event_types: ['ticket.created'] } });
    assert.equal(created.status, 201, created.text);
    const secret = created.json.secret;
    assert.match(secret, /^whsec_/);
    const shown = await s.req(`/api/v1/webhooks/${created.json.id}`, { token: s.adminToken });
    assert.equal(shown.json.secret, undefined);
    assert.equal(shown.json.has_secret, true);

    const t = await newTicket('核心交换机故障');
    assert.equal(t.status, 201, t.text);
    // The first attempt gets a 500; the retry (after the job backoff, 10 s) succeeds.
    await until('two deliveries', async () => hook.requests.length >= 2, 30000);
    const [first, second] = hook.requests;
    assert.equal(first.body, second.body);
    assert.equal(first.headers['x-fuwu-delivery'], second.headers['x-fuwu-delivery']);
    for (const r of [first, second]) {
      const ts = r.headers['x-fuwu-timestamp'];
      const expected = 'sha256=' + createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex');
      assert.equal(r.headers['x-fuwu-signature'], expected);
      assert.ok(Math.abs(Number(ts) - Date.now() / 1000) < 60);
      assert.equal(r.headers['x-fuwu-event'], 'ticket.created');
    }
    const payload = JSON.parse(second.body);
    assert.equal(payload.type, 'ticket.created');
    assert.equal(payload.record.number, t.json.number);
    assert.equal(payload.record.title, '核心交换机故障');

    const log = await until('the delivery to be sent', async () => {
      const r = await s.req(`/api/v1/webhooks/${created.json.id}/deliveries`, { token: s.adminToken });
      return r.json.items[0]?.state === 'sent' && r.json.items;
    });
    assert.equal(log[0].attempts, 2);
    assert.equal(log[0].channel, 'webhook');
    const hookNow = await s.req(`/api/v1/webhooks/${created.json.id}`, { token: s.adminToken });
    assert.equal(hookNow.json.consecutive_failures, 0);
    await s.req(`/api/v1/webhooks/${created.json.id}`, { method: 'DELETE', token: s.adminToken });
  });

  test('a webhook that keeps failing is disabled', async () => {
    const port = await freePort();  // nothing listens there
    const created = await s.req('/api/v1/webhooks', { method: 'POST', token: s.adminToken,
      body: { name: 'dead', kind: 'json', url: `http://127.0.0.1:${port}/x`, event_types: ['ticket.created'] } });
    assert.equal(created.status, 201, created.text);
    await newTicket('一');
    await newTicket('二');
    const w = await until('the webhook to be disabled', async () => {
      const r = await s.req(`/api/v1/webhooks/${created.json.id}`, { token: s.adminToken });
      return r.json.enabled === false && r.json;
    });
    assert.match(w.disabled_reason, /2 consecutive failures/);
    await s.req(`/api/v1/webhooks/${created.json.id}`, { method: 'DELETE', token: s.adminToken });
  });

  test('bad input is refused with field errors', async () => {
    const bad = await s.req('/api/v1/webhooks', { method: 'POST', token: s.adminToken,
      body: { name: 'x', kind: 'json', url: 'file:///etc/passwd', event_types: ['Bad Type'] } });
    assert.equal(bad.status, 422, bad.text);
    const fields = bad.json.errors.map((e) => e.field);
    assert.ok(fields.includes('url') && fields.includes('event_types/0'), bad.text);
  });
});

describe('group robots', () => {
  test('WeCom and DingTalk get their markdown formats; DingTalk requests are signed', async () => {
    const w = await s.req('/api/v1/webhooks', { method: 'POST', token: s.adminToken,
      body: { name: '企业微信群', kind: 'wecom', url: `${wecom.url}/cgi-bin/webhook/send?key=abc`, event_types: ['ticket.created'] } });
    assert.equal(w.status, 201, w.text);
    const secret = 'SEC0123456789abcdef';
    const d = await s.req('/api/v1/webhooks', { method: 'POST', token: s.adminToken,
      body: { name: '钉钉群', kind: 'dingtalk', url: `${ding.url}/robot/send?access_token=tok`, secret, event_types: ['ticket.created'], language: 'en' } });
    assert.equal(d.status, 201, d.text);
    const t = await newTicket('机房*断电*');
    await until('robot messages', async () => wecom.requests.length >= 1 && ding.requests.length >= 1);

    const wm = JSON.parse(wecom.requests[0].body);
    assert.equal(wm.msgtype, 'markdown');
    assert.ok(wm.markdown.content.includes(t.json.number), wm.markdown.content);
    assert.ok(wm.markdown.content.includes('机房\\*断电\\*'), wm.markdown.content);
    assert.match(wecom.requests[0].url, /key=abc/);

    const dr = ding.requests[0];
    const dm = JSON.parse(dr.body);
    assert.equal(dm.msgtype, 'markdown');
    assert.ok(dm.markdown.title.startsWith(`[${t.json.number}] Received`), dm.markdown.title);
    const url = new URL(dr.url, ding.url);
    assert.equal(url.searchParams.get('access_token'), 'tok');
    const ts = url.searchParams.get('timestamp');
    const sign = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    assert.equal(url.searchParams.get('sign'), sign);
  });
});

describe('the address guard', () => {
  test('loopback targets are refused unless allowed', async () => {
    const guarded = new Server({ sqlite: true });
    guarded.setup();
    await guarded.start();
    try {
      const o = (await guarded.req('/api/v1/organisations', { method: 'POST', token: guarded.adminToken, body: { name: '戊公司', kind: 'customer' } })).json;
      const before = hook.requests.length;
      const w = await guarded.req('/api/v1/webhooks', { method: 'POST', token: guarded.adminToken,
        body: { name: 'local', kind: 'json', url: `${hook.url}/guarded`, event_types: ['*'] } });
      assert.equal(w.status, 201, w.text);
      await guarded.req('/api/v1/tickets', { method: 'POST', token: guarded.adminToken, body: { kind: 'incident', title: 'x', organisation_id: o.id } });
      const log = await until('the refused delivery', async () => {
        const r = await guarded.req(`/api/v1/webhooks/${w.json.id}/deliveries`, { token: guarded.adminToken });
        return r.json.items.find((x) => x.state === 'failed') && r.json.items;
      });
      assert.match(log.find((x) => x.state === 'failed').last_error, /refused: 127\.0\.0\.1 resolves to the private address/);
      assert.equal(hook.requests.length, before);
    } finally {
      await guarded.stop();
      guarded.cleanup();
    }
  });
});
