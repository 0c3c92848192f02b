// The HTTP transport under abuse: malformed requests, oversized headers, slow clients, keep-alive,
// and a graceful drain on SIGTERM. Raw sockets, so nothing smooths over what the server sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Server } from './harness.mjs';

const s = new Server();
before(async () => { s.setup(); await s.start(); });
after(async () => { await s.stop(); s.cleanup(); });

// Sends raw bytes; resolves with everything the server sent until it closed (or timeoutMs).
function raw(bytes, { timeoutMs = 5000, holdOpen = false } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(s.port, '127.0.0.1');
    let data = '';
    let closed = false;
    const done = () => { if (!closed) { closed = true; sock.destroy(); resolve({ data, closedByServer: sock.readableEnded }); } };
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => done());
    sock.on('error', () => done());
    sock.on('connect', () => { if (bytes) sock.write(bytes); if (!holdOpen) setTimeout(done, timeoutMs); });
    if (holdOpen) setTimeout(done, timeoutMs);
  });
}

test('a malformed request line gets a 400 problem and the connection closes', async () => {
  const r = await raw('GARBAGE\x01 / HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.match(r.data, /^HTTP\/1\.1 400/);
  assert.match(r.data, /application\/problem\+json/);
  assert.ok(r.closedByServer);
});

test('headers over 16 KiB get a 431', async () => {
  const r = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`);
  assert.match(r.data, /^HTTP\/1\.1 431/);
});

test('a declared body over the limit gets a 413 without reading it', async () => {
  const r = await raw(`POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{`);
  assert.match(r.data, /^HTTP\/1\.1 413/);
});

test('keep-alive serves several requests on one connection', async () => {
  const one = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const r = await raw(one + one + 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal((r.data.match(/HTTP\/1\.1 200/g) || []).length, 3);
});

test('the server keeps serving after abuse', async () => {
  const quick = { timeoutMs: 800 };
  await Promise.all([raw('\x00\x01\x02\r\n\r\n', quick), raw('GET / HTTP/9.9\r\n\r\n', quick), raw('POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: 5\r\n\r\n{', quick)]);
  assert.equal((await s.req('/healthz')).status, 200);
});

test('SIGTERM with an idle keep-alive connection open: the process drains and exits 0 promptly', async () => {
  const t = new Server();
  t.setup();
  await t.start();
  // An idle keep-alive connection must not hold the shutdown.
  const idle = net.connect(t.port, '127.0.0.1');
  // The server closes the idle connection while draining: by FIN or, if the kernel prefers, RST.
  const idleClosed = new Promise((r) => { idle.on('close', r); idle.on('error', () => {}); });
  await new Promise((r) => idle.on('connect', r));
  const started = Date.now();
  t.proc.kill('SIGTERM');
  const { code } = await t.exited;
  await idleClosed;
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 5000, 'drain took too long');
  t.cleanup();
});

test('a slow client that never finishes its header is cut off', async () => {
  const t = new Server({ env: { FUWU_HTTP_IDLE_TIMEOUT_SECONDS: '1' } });
  t.setup();
  await t.start();
  const sock = net.connect(t.port, '127.0.0.1');
  const closed = new Promise((r) => { sock.on('close', r); sock.on('error', r); });
  sock.on('connect', () => sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
  const started = Date.now();
  await closed;
  assert.ok(Date.now() - started < 4000);
  await t.stop();
  t.cleanup();
});

test('the web UI: index.html for app paths, 404 for a missing asset, a rebuilt file is served anew', async () => {
  const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const web = mkdtempSync(join(tmpdir(), 'fuwu-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>v1</title>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  // The static directory comes from the configuration's environment variable.
  const t = new Server({ env: { FUWU_HTTP_STATIC_DIR: web } });
  t.setup();
  await t.start();
  const app = await t.req('/tickets/42');
  assert.equal(app.status, 200);
  assert.match(app.text, /v1/);
  assert.match(app.headers.get('content-security-policy'), /script-src 'self'/);
  const asset = await t.req('/assets/app-abc123.js');
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('cache-control'), /immutable/);
  assert.equal((await t.req('/assets/app-gone999.js')).status, 404);
  await new Promise((r) => setTimeout(r, 20));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>v2</title>');
  assert.match((await t.req('/')).text, /v2/);
  await t.stop();
  t.cleanup();
  rmSync(web, { recursive: true, force: true });
});
