// Outgoing e-mail over TLS against real aiosmtpd servers on loopback: STARTTLS (required, the
// server's certificate verified against the configured CA file) and implicit TLS (SMTPS); and a
// server that offers no STARTTLS is refused rather than written to in clear text.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from './harness.mjs';
import { SmtpServer, selfSignedCertificate, until } from './mailserver.mjs';

const certDir = mkdtempSync(join(tmpdir(), 'fuwu-cert-'));
const { cert, key } = selfSignedCertificate(certDir);

// Starts a server sending through `smtp` with `tls`, creates a record for a requester with an
// address, and returns the record's e-mail delivery once it is sent (wantState 'sent') or once
// its first attempt is over (any other wantState).
async function sendOne(smtp, tls, wantState) {
  const s = new Server({ sqlite: true, env: { FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port),
    FUWU_MAIL_SMTP_TLS: tls, FUWU_MAIL_SMTP_CA_FILE: cert } });
  s.setup();
  await s.start();
  try {
    const org = (await s.req('/api/v1/organisations', { method: 'POST', token: s.adminToken, body: { name: '加密公司', kind: 'customer' } })).json;
    const u = await s.req('/api/v1/users', { method: 'POST', token: s.adminToken, body: { login: 'tls-user', role: 'customer', organisation_id: org.id, email: 'tls@customer.example' } });
    const t = await s.req('/api/v1/tickets', { method: 'POST', token: s.adminToken, body: { kind: 'incident', title: '加密测试', organisation_id: org.id, requester_id: u.json.id } });
    assert.equal(t.status, 201, t.text);
    return await until(`the e-mail to be ${wantState}`, async () => {
      const log = (await s.req(`/api/v1/tickets/${t.json.id}/deliveries`, { token: s.adminToken })).json.items;
      const mail = log.find((d) => d.channel === 'email');
      return mail && (wantState === 'sent' ? mail.state === 'sent' : mail.attempts > 0) && mail;
    });
  } finally {
    await s.stop();
    s.cleanup();
  }
}

after(() => rmSync(certDir, { recursive: true, force: true }));

describe('SMTP over TLS', () => {
  test('STARTTLS, verified', async () => {
    const smtp = await new SmtpServer({ tls: 'starttls', cert, key }).start();
    try {
      const d = await sendOne(smtp, 'starttls', 'sent');
      assert.equal(d.state, 'sent');
      const m = await smtp.waitFor((x) => x.length === 1);
      assert.match(m[0].headers.subject, /加密测试/);
    } finally { await smtp.stop(); }
  });

  test('implicit TLS (SMTPS), verified', async () => {
    const smtp = await new SmtpServer({ tls: 'implicit', cert, key }).start();
    try {
      const d = await sendOne(smtp, 'implicit', 'sent');
      assert.equal(d.state, 'sent');
      await smtp.waitFor((x) => x.length === 1);
    } finally { await smtp.stop(); }
  });

  test('STARTTLS required: a server without it gets nothing', async () => {
    const smtp = await new SmtpServer().start();
    try {
      const d = await sendOne(smtp, 'starttls', 'attempted');
      assert.equal(d.state, 'pending');
      assert.match(d.last_error, /SMTP/);
      assert.equal(smtp.messages().length, 0);
    } finally { await smtp.stop(); }
  });
});
