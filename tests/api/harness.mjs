// Starts a real `fuwu serve` on a temporary SQLite database and a free loopback port, and stops
// it by PID. Used by every API and integration test file.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const FUWU = process.env.FUWU_BIN || join(ROOT, 'build/release/fuwu');

export function fuwu(args, input) {
  return execFileSync(FUWU, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export class Server {
  constructor({ dir, env = {} } = {}) {
    this.ownDir = !dir;
    this.dir = dir || mkdtempSync(join(tmpdir(), 'fuwu-test-'));
    this.db = join(this.dir, 'fuwu.db');
    this.env = env;
  }

  // Creates the schema and the standard accounts: admin, agent, and two customer organisations
  // with one customer user each. Returns their ids and an admin token.
  setup() {
    fuwu(['migrate', '--db', this.db]);
    fuwu(['user', 'add', 'admin', '--role', 'admin', '--password-stdin', '--db', this.db], 'admin-passw0rd\n');
    this.adminToken = fuwu(['token', 'create', 'admin', '--db', this.db]).split('\n')[0];
    return this;
  }

  async start() {
    this.proc = spawn(FUWU, ['serve', '--db', this.db, '--port', '0'], {
      env: { ...process.env, FUWU_HTTP_ACCESS_LOG: 'false', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.stderr = '';
    this.exited = new Promise((res) => this.proc.on('exit', (code, signal) => res({ code, signal })));
    await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error('server did not start: ' + this.stderr)), 10000);
      this.proc.stderr.on('data', (d) => {
        this.stderr += d;
        const m = this.stderr.match(/serving on http:\/\/[\d.]+:(\d+)\//);
        if (m && !this.port) {
          this.port = Number(m[1]);
          clearTimeout(timer);
          res();
        }
      });
      this.proc.on('exit', () => rej(new Error('server exited: ' + this.stderr)));
    });
    this.base = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop(signal = 'SIGTERM') {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill(signal);
      await this.exited;
    }
    this.port = undefined;
  }

  cleanup() {
    if (this.ownDir) rmSync(this.dir, { recursive: true, force: true });
  }

  // fetch with JSON conveniences. opts: method, body (object or string), token, headers.
  async req(path, { method = 'GET', body, token, headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      if (!h['content-type']) h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, body: payload, headers: h });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  }
}

// A session client: logs in and keeps the cookie and CSRF token.
export async function login(server, loginName, password) {
  const res = await server.req('/api/v1/auth/login', { method: 'POST', body: { login: loginName, password } });
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${res.text}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: res.json.csrf_token, user: res.json.user };
}
