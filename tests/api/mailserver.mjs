// Real servers on loopback for the API tests: aiosmtpd (Debian's python3-aiosmtpd) writing
// into a Maildir, and dovecot, started and stopped by PID; a small RFC 5322 reader for what they
// received; an HTTP receiver for webhooks.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` until it returns something truthy (returned) or `ms` pass.
export async function until(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForPort(port, ms = 10000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((res) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); res(true); });
      s.once('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

// A self-signed certificate for 127.0.0.1 (and localhost) in `dir`: { cert, key } paths.
export function selfSignedCertificate(dir) {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
  { stdio: 'ignore' });
  return { cert, key };
}

// tls: 'starttls' (STARTTLS offered and required) or 'implicit' (SMTPS), with { cert, key }.
export class SmtpServer {
  constructor({ tls, cert, key } = {}) { this.tls = tls; this.cert = cert; this.key = key; }

  async start() {
    this.dir = mkdtempSync(join(tmpdir(), 'fuwu-smtp-'));
    for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(this.dir, d));
    this.port = await freePort();
    const tlsArgs = this.tls === 'starttls' ? ['--tlscert', this.cert, '--tlskey', this.key]
      : this.tls === 'implicit' ? ['--smtpscert', this.cert, '--smtpskey', this.key] : [];
    this.proc = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${this.port}`, ...tlsArgs,
      '-c', 'aiosmtpd.handlers.Mailbox', this.dir], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.exited = new Promise((res) => this.proc.on('exit', res));
    await waitForPort(this.port);
    return this;
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      process.kill(this.proc.pid, 'SIGTERM');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  // Every message received so far, parsed.
  messages() {
    const dir = join(this.dir, 'new');
    return readdirSync(dir).sort().map((f) => parseMail(readFileSync(join(dir, f), 'utf8')));
  }

  // Waits until `pred(messages)` holds; returns the messages.
  async waitFor(pred, ms = 15000) {
    const until = Date.now() + ms;
    for (;;) {
      const m = this.messages();
      if (pred(m)) return m;
      if (Date.now() > until) throw new Error(`mail did not arrive; have ${JSON.stringify(m.map((x) => x.headers.subject))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// Dovecot (Debian's dovecot-imapd) with a private configuration on a free loopback port, in the
// foreground so that it is stopped by its PID. Users log in with PLAIN passwords; deliver()
// drops a message into a user's Maildir.
export class ImapServer {
  constructor(users = { support: 'secret' }) { this.users = users; }

  async start() {
    this.dir = mkdtempSync(join(tmpdir(), 'fuwu-imap-'));
    chmodSync(this.dir, 0o755);
    const d = this.dir;
    for (const sub of ['run', 'state', 'mail']) mkdirSync(join(d, sub));
    this.port = await freePort();
    writeFileSync(join(d, 'passwd'), Object.entries(this.users).map(([u, p]) => `${u}:{PLAIN}${p}\n`).join(''), { mode: 0o644 });
    writeFileSync(join(d, 'dovecot.conf'), [
      'protocols = imap', 'listen = 127.0.0.1', `base_dir = ${d}/run`, `state_dir = ${d}/state`,
      `log_path = ${d}/log`, 'ssl = no', 'disable_plaintext_auth = no',
      `mail_location = maildir:${d}/mail/%u/Maildir`,
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${d}/passwd\n}`,
      `userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=${d}/mail/%u\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${this.port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    ].join('\n') + '\n');
    for (const u of Object.keys(this.users)) {
      for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(d, 'mail', u, 'Maildir', sub), { recursive: true });
    }
    this.chownMail();
    this.proc = spawn('/usr/sbin/dovecot', ['-F', '-c', join(d, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.exited = new Promise((res) => this.proc.on('exit', res));
    await waitForPort(this.port);
    return this;
  }

  chownMail() {
    const walk = (p) => {
      chownSync(p, 65534, 65534);  // nobody:nogroup, the userdb's uid and gid
      for (const e of readdirSync(p, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(p, e.name)); else chownSync(join(p, e.name), 65534, 65534);
      }
    };
    walk(join(this.dir, 'mail'));
  }

  deliver(user, raw) {
    const name = `${Date.now()}.${Math.random().toString(36).slice(2)}.fuwu-test`;
    writeFileSync(join(this.dir, 'mail', user, 'Maildir', 'new', name), raw);
    this.chownMail();
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      process.kill(this.proc.pid, 'SIGTERM');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function decodeWords(value) {
  return value.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8')).trim();
}

// Headers (lower-case names, RFC 2047 decoded, unfolded) and the decoded text body.
export function parseMail(text) {
  const norm = text.replace(/\r\n/g, '\n');
  const split = norm.indexOf('\n\n');
  const head = norm.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  let body = norm.slice(split + 2);
  if ((headers['content-transfer-encoding'] || '').toLowerCase() === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
  }
  return { headers, body, raw: text };
}

// A webhook receiver (HTTP) on loopback: records every request; `plan` decides each reply status.
export class Receiver {
  constructor(plan = () => 200, reply = () => '{"errcode":0,"errmsg":"ok"}') {
    this.requests = [];
    this.plan = plan;
    this.reply = reply;
  }
  async start() {
    this.server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        this.requests.push({ url: req.url, headers: req.headers, body });
        res.writeHead(this.plan(this.requests.length), { 'content-type': 'application/json' });
        res.end(this.reply());
      });
    });
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }
  stop() { return new Promise((r) => this.server.close(r)); }
}
