// What the after-sales customer signs and receives (issue 8): a quote accepted or declined by the
// customer's signature on the engineer's phone, and the signed repair sheet e-mailed to the
// customer's contact as a PDF (through the real SMTP sink). Runs on SQLite, and on PostgreSQL
// with FUWU_TEST_DB_URL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, fuwu } from './harness.mjs';
import { SmtpServer, until } from './mailserver.mjs';
import { assertProblem } from './aftersales_helpers.mjs';

const smtp = new SmtpServer();
let s, admin, agent, alice, bob, eng, engId, org, oldUnit;
const token = (loginName) => fuwu(['token', 'create', loginName, '--db', s.db]).split('\n')[0];
function addUser(loginName, role, organisation, email) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db];
  if (organisation) args.push('--organisation', String(organisation));
  if (email) args.push('--email', email);
  fuwu(args, 'some-passw0rd\n');
}
const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
const get = (path, tok) => s.req(path, { token: tok });
const count = (sql) => Number(s.sql(sql));
const tr = async (id, tok, body) => {
  const v = (await get(`/api/v1/work-orders/${id}`, agent)).json.version;
  return s.req(`/api/v1/work-orders/${id}/transitions`, { method: 'POST', token: tok, body, headers: { 'if-match': `"${v}"` } });
};
// The customer signs the quote's decision on the engineer's phone.
const signQuote = (id, tok, bytes, query, headers = {}) => s.req(`/api/v1/quotes/${id}/signature?${query}`,
  { method: 'POST', token: tok, body: bytes, headers: { 'content-type': 'image/png', ...headers } });
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

// An out-of-warranty order, quoted, and sent with the engineer to the customer (assigned).
async function quotedOrder(fault) {
  const o = (await post('/api/v1/work-orders', agent, { serial: oldUnit.serial, fault })).json;
  const q = (await post('/api/v1/quotes', agent, { work_order_id: o.id, lines: [
    { kind: 'labour', description: '拆检发电机', quantity: 2, unit_price: 8000 }, { kind: 'travel', unit_price: 15000 }] })).json;
  assert.ok(q.id, JSON.stringify(q));
  const v = (await get(`/api/v1/work-orders/${o.id}`, agent)).json.version;
  const r = await s.req(`/api/v1/tickets/${o.id}`, { method: 'PATCH', token: agent, body: { assignee_id: engId }, headers: { 'if-match': `"${v}"` } });
  assert.equal(r.status, 200, r.text);
  return { o, q };
}

// The parts of a multipart/mixed message: [{ headers, bytes }].
function mimeParts(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const boundary = /boundary="([^"]+)"/.exec(text)[1];
  return text.split(`--${boundary}`).slice(1, -1).map((part) => {
    const body = part.replace(/^\n/, '');
    const split = body.indexOf('\n\n');
    const headers = Object.fromEntries(body.slice(0, split).split('\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    return { headers, bytes: Buffer.from(body.slice(split + 2).replace(/\s+/g, ''), 'base64') };
  });
}

before(async () => {
  await smtp.start();
  s = new Server({ env: { FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port), FUWU_MAIL_FROM: 'service@fuwu.example' } });
  s.setup();
  await s.start();
  admin = s.adminToken;
  org = (await post('/api/v1/organisations', admin, { name: '德阳农机合作社', kind: 'customer' })).json;
  const other = (await post('/api/v1/organisations', admin, { name: '绵阳收割队', kind: 'customer' })).json;
  const site = (await post(`/api/v1/organisations/${org.id}/sites`, admin, { name: '旌阳区仓库', region_code: '510603' })).json;
  addUser('agent1', 'agent');
  addUser('alice', 'customer', org.id, 'alice@coop.example');
  addUser('bob', 'customer', other.id, 'bob@harvest.example');
  addUser('eng.li', 'engineer');
  [agent, alice, bob, eng] = ['agent1', 'alice', 'bob', 'eng.li'].map(token);
  engId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.li'"));
  const line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机' })).json;
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: '4LZ-2.5', name_zh: '全喂入联合收割机', warranty_months: 12 })).json;
  const centre = (await post('/api/v1/service-centres', agent, { code: 'SC-CD', name_zh: '成都服务中心', region_code: '510107', latitude: 30.63, longitude: 104.08, territory: ['51'], calendar: '24x7' })).json;
  assert.equal((await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, { method: 'PUT', token: agent, body: { skills: ['harvester'] } })).status, 200);
  await post('/api/v1/units', agent, { serial: 'JX4LZ-2026-0001', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: daysAgo(200) });
  oldUnit = (await post('/api/v1/units', agent, { serial: 'JX4LZ-2020-0009', model_id: model.id, organisation_id: org.id, site_id: site.id, installation_date: '2020-04-01' })).json;
});
after(async () => { await s.stop(); s.cleanup(); await smtp.stop(); });

describe('a quote signed on the engineer\'s phone', () => {
  test('the engineer decides only with the customer\'s signature; bad signatures are problems, nothing written', async () => {
    const { o, q } = await quotedOrder('发电机不充电');
    // The engineer sees the quote of the order assigned to them.
    const seen = await get(`/api/v1/quotes?work_order_id=${o.id}`, eng);
    assert.equal(seen.status, 200, seen.text);
    assert.deepEqual(seen.json.items.map((x) => [x.id, x.state, x.signature]), [[q.id, 'sent', null]]);
    assertProblem(await post(`/api/v1/quotes/${q.id}/accept`, eng, { signer: '张经理' }), 422, 'signature', 'required');
    assertProblem(await signQuote(q.id, eng, Buffer.from('not an image at all'), 'decision=accept&signer=张经理'), 422, 'signature', 'not_an_image');
    assertProblem(await signQuote(q.id, eng, Buffer.concat([PNG, Buffer.alloc(513 * 1024)]), 'decision=accept&signer=张经理'), 413, 'signature', 'too_large');
    assertProblem(await signQuote(q.id, eng, PNG, 'decision=accept'), 422, 'signer', 'required');
    assertProblem(await signQuote(q.id, eng, PNG, 'signer=张经理'), 422, 'decision', 'required');
    assertProblem(await signQuote(q.id, eng, PNG, 'decision=maybe&signer=张经理'), 422, 'decision', 'not_allowed');
    assertProblem(await signQuote(q.id, eng, PNG, `decision=accept&signer=${'x'.repeat(201)}`), 422, 'signer', 'too_long');
    assertProblem(await signQuote(q.id, eng, PNG, `decision=decline&signer=x&reason=${'y'.repeat(4001)}`), 422, 'reason', 'too_long');
    // Another customer's quote is out of reach.
    assertProblem(await signQuote(q.id, bob, PNG, 'decision=accept&signer=张经理'), 404);
    assert.equal((await get(`/api/v1/quotes/${q.id}`, agent)).json.state, 'sent');
    assert.equal((await get(`/api/v1/work-orders/${o.id}`, agent)).json.state, 'quoted');
    assert.equal(count('SELECT COUNT(*) FROM blobs'), 0);
    assertProblem(await get(`/api/v1/quotes/${q.id}/signature`, agent), 404);
  });

  test('accepted by signature: stored with the signer and the time, audited, the image readable; a replay does nothing twice', async () => {
    const { o, q } = await quotedOrder('割台异响');
    const key = { 'idempotency-key': `quote-${q.id}-accept` };
    const r = await signQuote(q.id, eng, PNG, `decision=accept&signer=${encodeURIComponent('刘会计')}`, key);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'accepted');
    assert.equal(r.json.decided_by, '刘会计');
    assert.equal(r.json.signature.signer, '刘会计');
    assert.ok(r.json.signature.signed_at);
    assert.equal(r.json.signature.url, `/api/v1/quotes/${q.id}/signature`);
    // The phone's queue sends it again after a lost answer: the stored answer, nothing done twice.
    const again = await signQuote(q.id, eng, PNG, `decision=accept&signer=${encodeURIComponent('刘会计')}`, key);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal((await get(`/api/v1/work-orders/${o.id}`, alice)).json.state, 'quote_accepted');
    for (const who of [alice, agent, eng]) {
      const img = await fetch(`${s.base}/api/v1/quotes/${q.id}/signature`, { headers: { authorization: `Bearer ${who}` } });
      assert.equal(img.status, 200);
      assert.equal(img.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await img.arrayBuffer()), PNG);
    }
    assertProblem(await get(`/api/v1/quotes/${q.id}/signature`, bob), 404);
    const audit = (await get(`/api/v1/audit?record=quote:${q.id}`, admin)).json.items;
    const accepted = audit.find((e) => e.action === 'accepted');
    assert.ok(accepted, JSON.stringify(audit));
    assert.ok(JSON.stringify(accepted).includes('signature_sha256'), JSON.stringify(accepted));
    assert.equal(audit.filter((e) => e.action === 'accepted').length, 1);
    // Decided is final.
    assertProblem(await signQuote(q.id, eng, PNG, 'decision=decline&signer=x'), 409);
  });

  test('declined by signature ends the order politely', async () => {
    const { o, q } = await quotedOrder('液压泄漏');
    const r = await signQuote(q.id, eng, PNG, `decision=decline&signer=${encodeURIComponent('张经理')}&reason=${encodeURIComponent('价格太高')}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'declined');
    assert.equal(r.json.decision_reason, '价格太高');
    assert.equal((await get(`/api/v1/work-orders/${o.id}`, agent)).json.state, 'declined');
    // The same image is stored once.
    assert.equal(count('SELECT COUNT(*) FROM blobs'), 1);
  });

  test('the customer still decides in the portal without a signature; payments racing for the balance never overpay', async () => {
    const { q } = await quotedOrder('转向沉重');
    const r = await post(`/api/v1/quotes/${q.id}/accept`, alice, { signer: '张经理' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.signature, null);
    // Three payments of 40 % each at once: two fit the balance, the third does not.
    const part = Math.floor(q.total * 0.4);
    const answers = await Promise.all([0, 1, 2].map(() => post(`/api/v1/quotes/${q.id}/payment`, agent, { amount: part, method: 'cash' })));
    // The late one: 422 exceeds_balance, or 409 when it lost the guarded update (PostgreSQL).
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses.slice(0, 2), [200, 200], answers.map((a) => a.text).join('\n'));
    assert.ok([409, 422].includes(statuses[2]), answers.map((a) => a.text).join('\n'));
    const after = (await get(`/api/v1/quotes/${q.id}`, agent)).json;
    assert.deepEqual([after.paid, after.balance, after.payment_status, after.payments.length], [2 * part, q.total - 2 * part, 'partial', 2]);
    assert.equal(count(`SELECT COUNT(*) FROM quote_payments WHERE quote_id = ${q.id}`), 2);
  });
});

describe('the signed repair sheet is mailed to the customer', () => {
  test('the PDF arrives at the contact\'s address, in their language', async () => {
    s.sql("UPDATE users SET language = 'en' WHERE login = 'alice'");
    const o = (await post('/api/v1/work-orders', agent, { serial: 'JX4LZ-2026-0001', fault: '启动机不转', requester_id: Number(s.sql("SELECT id FROM users WHERE login = 'alice'")) })).json;
    assert.ok(o.id, JSON.stringify(o));
    const at = new Date(Date.now() + 3600000).toISOString();
    for (const [tok, body] of [[agent, { transition: 'dispatch', engineer_id: engId }], [eng, { transition: 'accept' }],
      [eng, { transition: 'appoint', appointment_at: at }], [eng, { transition: 'check_in' }]]) {
      const r = await tr(o.id, tok, body);
      assert.equal(r.status, 200, `${body.transition}: ${r.text}`);
    }
    let r = await s.req(`/api/v1/work-orders/${o.id}/sheet`, { method: 'PATCH', token: eng, headers: { 'if-match': '"0"' },
      body: { fault_phenomenon: '打火时启动机无反应', solution: '更换启动机', self_check: 'passed', customer_verdict: 'satisfied' } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await tr(o.id, eng, { transition: 'repair', resolution: '更换启动机' })).status, 200);
    r = await s.req(`/api/v1/work-orders/${o.id}/sheet/signature?signer=${encodeURIComponent('张经理')}`,
      { method: 'PUT', token: eng, body: PNG, headers: { 'content-type': 'image/png', 'if-match': `"${r.json.version}"` } });
    assert.equal(r.status, 200, r.text);

    // (Alice, who reported it, also had the notifications of the order: its receipt and so on.)
    const sheetMail = (x) => x.headers.to.includes('alice@coop.example') && x.headers.subject.includes(`Repair sheet ${o.number}`);
    const mail = (await smtp.waitFor((m) => m.some(sheetMail))).find(sheetMail);
    assert.match(mail.headers['content-type'], /^multipart\/mixed/);
    const parts = mimeParts(mail.raw);
    assert.equal(parts.length, 2);
    assert.ok(parts[0].bytes.toString('utf8').includes('JX4LZ-2026-0001'), parts[0].bytes.toString('utf8'));
    const pdf = parts[1];
    assert.match(pdf.headers['content-type'], /^application\/pdf/);
    assert.match(pdf.headers['content-disposition'], /^attachment/);
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'fuwu-pdf-'));
    try {
      writeFileSync(join(dir, 'sheet.pdf'), pdf.bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'sheet.pdf'), '-'], { encoding: 'utf8' });
      for (const want of ['产品维修单', o.number, '打火时启动机无反应', '张经理']) assert.ok(text.includes(want), `the PDF lacks ${want}:\n${text}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Nobody else of the customer got it; the delivery is in the order's log.
    assert.equal(smtp.messages().filter((x) => x.headers.to.includes('bob@harvest.example')).length, 0);
    assert.equal(smtp.messages().filter(sheetMail).length, 1);
    const log = await until('the delivery recorded as sent', () => {
      const row = s.sql(`SELECT event_type, language, state, attachment_name FROM notification_deliveries WHERE record_type = 'ticket' AND record_id = ${o.id} AND address = 'alice@coop.example'`);
      return row.includes('sent') && row;
    });
    for (const want of ['repair_sheet.signed', 'en', 'sent', `维修单-${o.number}.pdf`]) assert.ok(log.includes(want), log);
  });
});
