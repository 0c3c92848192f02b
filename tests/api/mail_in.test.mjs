// E-mail in over the real binary: `fuwu mail-ingest` turns messages into records and replies,
// threads a customer's reply onto the record we wrote about (by In-Reply-To against the
// Message-ID our SMTP notification carried, received by a real aiosmtpd), refuses to thread a
// reply from another organisation's address with a forged subject number (it opens a new record),
// and ignores auto-replies, bounces and our own messages; a Maildir is taken in batches.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, fuwu } from './harness.mjs';
import { ImapServer, SmtpServer } from './mailserver.mjs';

const smtp = new SmtpServer();
const imap = new ImapServer({ support: 'imap-secret' });
let s, orgA, orgB;

const ingest = (raw, extra = []) => JSON.parse(fuwu(['mail-ingest', '--db', s.db, '--mailbox', 'support',
  '--mail-domain', 'desk.example', '--our-address', 'support@desk.example', ...extra], raw));

let seq = 0;
function mail({ from, subject, body = 'text', headers = {} }) {
  const id = headers['Message-ID'] || `<t${++seq}.${Date.now()}@mail.example>`;
  const enc = (v) => (/^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${Buffer.from(v).toString('base64')}?=`);
  let h = `From: ${from}\r\nTo: support@desk.example\r\nSubject: ${enc(subject)}\r\nMessage-ID: ${id}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n`;
  for (const [k, v] of Object.entries(headers)) if (k !== 'Message-ID') h += `${k}: ${v}\r\n`;
  return `${h}\r\n${body}\r\n`;
}

const journal = async (id) => (await s.req(`/api/v1/tickets/${id}/journal`, { token: s.adminToken })).json.items;

before(async () => {
  await smtp.start();
  await imap.start();
  s = new Server({ env: { FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port),
    FUWU_MAIL_FROM: 'support@desk.example', FUWU_MAIL_DOMAIN: 'desk.example' } });
  s.setup();
  await s.start();
  const admin = s.adminToken;
  orgA = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '甲客户', kind: 'customer' } })).json;
  orgB = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '乙客户', kind: 'customer' } })).json;
  for (const [login, org, email] of [['alice', orgA, 'alice@a.example'], ['carol', orgA, 'carol@a.example'], ['mallory', orgB, 'mallory@b.example']]) {
    const r = await s.req('/api/v1/users', { method: 'POST', token: admin, body: { login, role: 'customer', organisation_id: org.id, email, language: 'zh-CN' } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => {
  if (s) { await s.stop(); s.cleanup(); }
  await smtp.stop();
  await imap.stop();
});

describe('mail-ingest', () => {
  let ticket, ackId;

  test('a new mail opens a record; the acknowledgement carries its number and Message-ID', async () => {
    const out = ingest(mail({ from: '张丽 <Alice@A.example>', subject: '打印机卡纸', body: '三楼打印机卡纸了。' }));
    assert.equal(out.outcome, 'created', JSON.stringify(out));
    const t = await s.req(`/api/v1/tickets/${out.ticket_id}`, { token: s.adminToken });
    assert.equal(t.json.title, '打印机卡纸');
    assert.equal(t.json.channel, 'email');
    assert.equal(t.json.organisation_id, orgA.id);
    assert.match(t.json.description, /三楼打印机卡纸了/);
    ticket = t.json;
    const ack = (await smtp.waitFor((m) => m.some((x) => x.headers.subject.includes(`[${ticket.number}]`))))
      .find((x) => x.headers.subject.includes(`[${ticket.number}]`));
    assert.equal(ack.headers.to, '<alice@a.example>');
    ackId = ack.headers['message-id'];
    assert.match(ackId, /@desk\.example>$/);
  });

  test('the customer\'s reply threads onto the record by In-Reply-To', async () => {
    const out = ingest(mail({ from: 'alice@a.example', subject: 'Re: 你好', body: '还是不行。', headers: { 'In-Reply-To': ackId } }));
    assert.equal(out.outcome, 'replied', JSON.stringify(out));
    assert.equal(out.ticket_id, ticket.id);
    const j = await journal(ticket.id);
    assert.ok(j.some((e) => e.body.includes('还是不行') && e.visibility === 'public'));
  });

  test('a colleague of the same organisation threads by the number in the subject', async () => {
    const out = ingest(mail({ from: 'carol@a.example', subject: `回复：[${ticket.number}] 打印机卡纸`, body: '我这边也一样。' }));
    assert.equal(out.outcome, 'replied');
    assert.equal(out.ticket_id, ticket.id);
  });

  test('another organisation\'s address with a forged number opens a new record', async () => {
    const out = ingest(mail({ from: 'mallory@b.example', subject: `Re: [${ticket.number}] 打印机卡纸`, body: '伪造的回复', headers: { 'In-Reply-To': ackId, References: ackId } }));
    assert.equal(out.outcome, 'created', JSON.stringify(out));
    assert.notEqual(out.ticket_id, ticket.id);
    const t = await s.req(`/api/v1/tickets/${out.ticket_id}`, { token: s.adminToken });
    assert.equal(t.json.organisation_id, orgB.id);
    assert.ok(!(await journal(ticket.id)).some((e) => e.body.includes('伪造')));
  });

  test('auto-replies, bounces and our own messages open and touch nothing', async () => {
    const before = (await journal(ticket.id)).length;
    const auto = ingest(mail({ from: 'alice@a.example', subject: `自动回复：[${ticket.number}]`, headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': ackId } }));
    assert.equal(auto.outcome, 'ignored_auto_reply');
    const bulk = ingest(mail({ from: 'alice@a.example', subject: 'newsletter', headers: { Precedence: 'bulk' } }));
    assert.equal(bulk.outcome, 'ignored_auto_reply');
    const bounce = ingest(mail({ from: 'MAILER-DAEMON@mx.a.example', subject: 'Undelivered Mail Returned to Sender' }));
    assert.equal(bounce.outcome, 'ignored_bounce');
    // Our own acknowledgement, looped back to the support mailbox.
    const own = ingest(smtp.messages().find((x) => x.headers['message-id'] === ackId).raw);
    assert.equal(own.outcome, 'ignored_own');
    assert.equal((await journal(ticket.id)).length, before);
  });

  test('a redelivered message is a no-op', async () => {
    const raw = mail({ from: 'alice@a.example', subject: `[${ticket.number}] once`, headers: { 'Message-ID': '<same@a.example>' } });
    assert.equal(ingest(raw).outcome, 'replied');
    assert.equal(ingest(raw).outcome, 'duplicate');
  });

  test('unknown senders: rejected, or a contact in the mailbox\'s organisation', async () => {
    const raw = mail({ from: 'Stranger <stranger+x@c.example>', subject: '咨询' });
    assert.equal(ingest(raw, ['--unknown-senders', 'reject']).outcome, 'rejected_unknown_sender');
    const raw2 = mail({ from: 'Stranger <stranger+x@c.example>', subject: '咨询' });
    assert.equal(ingest(raw2).outcome, 'rejected_no_organisation');
    const raw3 = mail({ from: 'Stranger <stranger+x@c.example>', subject: '咨询' });
    const out = ingest(raw3, ['--organisation', String(orgA.id)]);
    assert.equal(out.outcome, 'created');
    const users = await s.req('/api/v1/users?limit=200', { token: s.adminToken });
    const contact = users.json.items.find((u) => u.email === 'stranger+x@c.example');
    assert.equal(contact.kind, 'contact');
    assert.equal(contact.organisation_id, orgA.id);
  });

  test('a sender over the rate limit is ignored', async () => {
    const outs = [1, 2, 3].map((i) => ingest(mail({ from: 'carol@a.example', subject: `第${i}封` }), ['--rate-limit', '3']).outcome);
    // carol already wrote once above: two more act, the third is refused.
    assert.deepEqual(outs, ['created', 'created', 'rate_limited']);
  });

  test('IMAP: a customer\'s reply in the support mailbox lands on the right record, once', async () => {
    imap.deliver('support', mail({ from: 'alice@a.example', subject: 'Re: 打印机', body: '通过 IMAP 的回复', headers: { 'In-Reply-To': ackId } }));
    imap.deliver('support', mail({ from: 'alice@a.example', subject: '休假', headers: { 'Auto-Submitted': 'auto-replied' } }));
    const poll = () => fuwu(['mail-poll', '--db', s.db, '--mailbox', 'support', '--mail-domain', 'desk.example',
      '--imap-url', `imap://127.0.0.1:${imap.port}/INBOX`, '--username', 'support']).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    process.env.FUWU_IMAP_PASSWORD = 'imap-secret';
    const first = poll();
    assert.deepEqual(first.map((l) => l.outcome).sort(), ['ignored_auto_reply', 'replied']);
    assert.equal(first.find((l) => l.outcome === 'replied').ticket_id, ticket.id);
    assert.ok((await journal(ticket.id)).some((e) => e.body.includes('通过 IMAP 的回复')));
    assert.deepEqual(poll(), []);  // fetched messages are seen
    process.env.FUWU_IMAP_PASSWORD = 'wrong';
    assert.throws(() => poll(), (e) => e.status === 75);
    delete process.env.FUWU_IMAP_PASSWORD;
  });

  test('attachments, inline images and the original message are kept on the record; executables are not', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]).toString('base64');
    const elf = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(64)]).toString('base64');
    const raw = [
      'From: alice@a.example', 'Subject: =?UTF-8?B?' + Buffer.from('截图和报告').toString('base64') + '?=',
      `Message-ID: <att.${Date.now()}@a.example>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="o"', '',
      '--o', 'Content-Type: multipart/related; boundary="r"', '',
      '--r', 'Content-Type: text/html; charset=utf-8', '', '<p>见截图 <img src="cid:s1@x"></p><script>alert(1)</script>',
      '--r', 'Content-Type: image/png', 'Content-ID: <s1@x>', 'Content-Transfer-Encoding: base64', 'Content-Disposition: inline', '', png, '--r--',
      '--o', 'Content-Type: text/plain; name="report.txt"', 'Content-Disposition: attachment; filename="报告.txt"', '', '季度报告', 
      '--o', 'Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="tool.exe"', 'Content-Transfer-Encoding: base64', '', elf,
      '--o--', ''].join('\r\n');
    const out = ingest(raw);
    assert.equal(out.outcome, 'created', JSON.stringify(out));
    assert.equal(out.attachments_kept, 3, JSON.stringify(out));
    assert.equal(out.attachments_refused, 1, JSON.stringify(out));
    const t = await s.req(`/api/v1/tickets/${out.ticket_id}`, { token: s.adminToken });
    assert.match(t.json.description, /见截图/);
    assert.doesNotMatch(t.json.description, /alert|</);
    const list = await s.req(`/api/v1/tickets/${out.ticket_id}/attachments`, { token: s.adminToken });
    assert.equal(list.status, 200, list.text);
    const names = list.json.items.map((a) => a.filename).sort();
    assert.equal(names.length, 3, JSON.stringify(names));
    assert.ok(names.includes('报告.txt'));
    assert.ok(names.some((n) => n.endsWith('.eml')));
    assert.ok(list.json.items.some((a) => a.content_type === 'image/png'));
  });

  test('the log of received mail (administrators)', async () => {
    const r = await s.req('/api/v1/mail-messages?mailbox=support&limit=5', { token: s.adminToken });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 5);
    assert.ok(r.json.next_cursor);
    const next = await s.req(`/api/v1/mail-messages?mailbox=support&limit=5&cursor=${r.json.next_cursor}`, { token: s.adminToken });
    assert.ok(next.json.items[0].id < r.json.items[4].id);
    const all = await s.req('/api/v1/mail-messages?limit=200', { token: s.adminToken });
    const outcomes = new Set(all.json.items.map((m) => m.outcome));
    for (const o of ['created', 'replied', 'ignored_auto_reply', 'ignored_bounce', 'ignored_own', 'rate_limited', 'rejected_unknown_sender']) assert.ok(outcomes.has(o), o);
    const forged = all.json.items.find((m) => m.from === 'mallory@b.example');
    assert.equal(forged.outcome, 'created');
    assert.notEqual(forged.ticket_id, ticket.id);
  });

  test('a Maildir at a time: several messages per transaction, threaded within the run, files moved to cur/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuwu-maildir-'));
    for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'new', '1.a'), mail({ from: 'alice@a.example', subject: '二楼网络中断', headers: { 'Message-ID': '<md1@a.example>' } }));
    writeFileSync(join(dir, 'new', '2.b'), mail({ from: 'carol@a.example', subject: 'Re: 二楼网络中断', body: '我这里也断了。', headers: { 'In-Reply-To': '<md1@a.example>' } }));
    writeFileSync(join(dir, 'new', '3.c'), '');  // not an e-mail
    const out = fuwu(['mail-ingest', '--db', s.db, '--mailbox', 'support', '--maildir', dir, '--batch', '2'])
      .trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(out.map((o) => [o.file, o.outcome]), [['1.a', 'created'], ['2.b', 'replied'], ['3.c', 'not_a_message']]);
    assert.equal(out[1].ticket_id, out[0].ticket_id);
    assert.deepEqual(readdirSync(join(dir, 'new')), []);
    assert.deepEqual(readdirSync(join(dir, 'cur')).sort(), ['1.a:2,S', '2.b:2,S', '3.c:2,S']);
    rmSync(dir, { recursive: true, force: true });
  });

  test('not an e-mail: exit status 65', () => {
    assert.throws(() => fuwu(['mail-ingest', '--db', s.db], ''), (e) => e.status === 65);
  });
});
