// Starts a real `fuwu serve` on a temporary SQLite database and a free loopback port, and stops
// it by PID. Used by every API and integration test file.
//
// FUWU_TEST_DB_URL=postgresql://user@host:port/db runs every Server on PostgreSQL instead: each
// Server gets a fresh database on that cluster (created with psql, dropped by cleanup()), and
// `server.db` is its URL, so `--db server.db` works for every command. `server.sql(query)` runs
// SQL on the server's database with sqlite3 or psql (unaligned, "|" between columns).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const FUWU = process.env.FUWU_BIN || join(ROOT, 'build/release/fuwu');

// The PostgreSQL cluster the tests run on, or '' for SQLite.
export const PG_URL = process.env.FUWU_TEST_DB_URL || '';
export const onPostgres = PG_URL !== '';

// `url` with its database name replaced by `name`.
export function pgDatabaseUrl(url, name) {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export function psql(url, sql) {
  return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

// A fresh, empty database on the test cluster; returns its URL.
export function createPgDatabase() {
  const name = 'fuwu_test_' + randomBytes(6).toString('hex');
  psql(PG_URL, `CREATE DATABASE ${name}`);
  return pgDatabaseUrl(PG_URL, name);
}

export function dropPgDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  try {
    psql(PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch {
    // the cluster is gone already (scripts/pg stopped it)
  }
}

export function fuwu(args, input) {
  return execFileSync(FUWU, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export class Server {
  // sqlite: true keeps this server on a SQLite file even with FUWU_TEST_DB_URL; db: an existing
  // database (file or URL) that cleanup() leaves alone.
  constructor({ dir, env = {}, sqlite = false, db } = {}) {
    this.ownDir = !dir;
    this.dir = dir || mkdtempSync(join(tmpdir(), 'fuwu-test-'));
    this.postgres = db ? /^postgres(ql)?:/.test(db) : onPostgres && !sqlite;
    this.ownDb = !db;
    this.db = db || (this.postgres ? createPgDatabase() : join(this.dir, 'fuwu.db'));
    this.env = env;
  }

  // Runs SQL on this server's database (sqlite3 or psql); returns the output, trimmed. The server's
  // background jobs may hold the write lock for a moment: wait for it as the server itself does.
  sql(query) {
    if (this.postgres) return psql(this.db, query);
    return execFileSync('sqlite3', ['-cmd', '.timeout 10000', this.db, query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
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
    if (this.postgres && this.ownDb && this.db) {
      dropPgDatabase(this.db);
      this.db = undefined;
    }
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

// Shared set-up of the API test files.

// The headers of a login() client's requests.
export const sessionHeaders = (c) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });

// `fuwu user add` with the password on stdin; customers and suppliers with their organisation id.
export function addUser(server, loginName, role, password, organisationId) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', server.db];
  if (organisationId) args.push('--organisation', String(organisationId));
  fuwu(args, password + '\n');
}

// A new API token of a user.
export const apiToken = (server, loginName) => fuwu(['token', 'create', loginName, '--db', server.db]).split('\n')[0];

// An organisation created by the administrator.
export async function createOrganisation(server, name, kind = 'customer') {
  const r = await server.req('/api/v1/organisations', { method: 'POST', token: server.adminToken, body: { name, kind } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// The usual cast of a service-desk test: customer organisations 甲公司 (orgA) and 乙公司 (orgB),
// agent `agentLogin` with an API token (agentTok), and customers alice (of A) and bob (of B),
// signed in (login() clients).
export async function deskCast(server, { agentLogin = 'agent7' } = {}) {
  const orgA = await createOrganisation(server, '甲公司');
  const orgB = await createOrganisation(server, '乙公司');
  addUser(server, agentLogin, 'agent', 'agent-passw0rd');
  addUser(server, 'alice', 'customer', 'alice-passw0rd', orgA.id);
  addUser(server, 'bob', 'customer', 'bob-passw0rd', orgB.id);
  return {
    admin: server.adminToken, orgA, orgB, agentTok: apiToken(server, agentLogin),
    alice: await login(server, 'alice', 'alice-passw0rd'), bob: await login(server, 'bob', 'bob-passw0rd'),
  };
}

// POST /api/v1/tickets as `auth` (an API token string or a login() client); asserts 201.
export async function createTicket(server, auth, body) {
  const who = typeof auth === 'string' ? { token: auth } : { headers: sessionHeaders(auth) };
  const r = await server.req('/api/v1/tickets', { method: 'POST', ...who, body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// A problem+json answer with `status` and, when given, an error on `field` (with `code`).
export function assertProblem(r, status, field, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  if (field) {
    const f = r.json.errors.find((e) => e.field === field);
    assert.ok(f, `no error for ${field}: ${r.text}`);
    if (code) assert.equal(f.code, code, r.text);
  }
}
