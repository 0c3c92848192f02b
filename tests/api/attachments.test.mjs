// Attachments over the API: chunked upload (create → PUT chunks → complete), deduplication by
// SHA-256, limits per file and per record, content type sniffed from the bytes with forbidden
// types, safe download headers (attachment, RFC 5987 Chinese names, nosniff, sandbox), inline
// images, and access (a ticket out of reach is 404 for its attachments; customers see public
// attachments only). Bad input is a clear problem and writes nothing.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Server, deskCast, sessionHeaders } from './harness.mjs';

const CHUNK = 65536;
const s = new Server({
  env: {
    FUWU_ATTACHMENTS_CHUNK_BYTES: String(CHUNK),
    FUWU_ATTACHMENTS_MAX_FILE_BYTES: '200000',
    FUWU_ATTACHMENTS_MAX_RECORD_BYTES: '300000',
  },
});
let agentTok, orgA, orgB, alice, bob;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const sha = (b) => createHash('sha256').update(b).digest('hex');
const as = sessionHeaders;
const auth = (who) => (typeof who === 'string' ? { token: who } : { headers: as(who) });

before(async () => {
  s.setup();
  await s.start();
  ({ agentTok, orgA, orgB, alice, bob } = await deskCast(s));
});
after(async () => { await s.stop(); s.cleanup(); });

const newTicket = async (org = orgA) => (await s.req('/api/v1/tickets', { method: 'POST', token: agentTok,
  body: { kind: 'incident', title: '打印机卡纸 printer jam', organisation_id: org.id } })).json;

const begin = (who, ticketId, body) => s.req(`/api/v1/tickets/${ticketId}/uploads`, { method: 'POST', ...auth(who), body });
const putChunk = (who, uploadId, index, bytes) => {
  const a = auth(who);
  return s.req(`/api/v1/uploads/${uploadId}/chunks/${index}`, { method: 'PUT', ...a,
    headers: { ...(a.headers || {}), 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
};
const complete = (who, uploadId) => s.req(`/api/v1/uploads/${uploadId}/complete`, { method: 'POST', ...auth(who) });

// The whole flow; returns the completion response.
async function upload(who, ticketId, filename, bytes, extra = {}) {
  const u = await begin(who, ticketId, { filename, size: bytes.length, sha256: sha(bytes), ...extra });
  assert.equal(u.status, 201, u.text);
  for (let i = 0; i < u.json.chunk_count; i++) {
    const r = await putChunk(who, u.json.id, i, bytes.subarray(i * CHUNK, (i + 1) * CHUNK));
    assert.equal(r.status, 200, r.text);
  }
  return complete(who, u.json.id);
}

const count = (table, where = '1=1') => Number(s.sql(`SELECT COUNT(*) FROM ${table} WHERE ${where}`));

describe('uploading', () => {
  test('an image in one chunk: sniffed type, safe download with a Chinese name, inline view sandboxed', async () => {
    const t = await newTicket();
    const done = await upload(agentTok, t.id, '故障截图 1.png', PNG);
    assert.equal(done.status, 201, done.text);
    const a = done.json;
    assert.equal(a.content_type, 'image/png');
    assert.equal(a.size, PNG.length);
    assert.equal(a.sha256, sha(PNG));
    assert.equal(a.visibility, 'public');
    assert.equal(a.inline_url, `/api/v1/attachments/${a.id}/inline`);

    const dl = await fetch(s.base + a.download_url, { headers: { authorization: `Bearer ${agentTok}` } });
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/octet-stream');
    assert.equal(dl.headers.get('content-disposition'),
      `attachment; filename="____ 1.png"; filename*=UTF-8''${encodeURIComponent('故障截图')}%201.png`);
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    assert.match(dl.headers.get('content-security-policy'), /sandbox/);
    assert.deepEqual(Buffer.from(await dl.arrayBuffer()), PNG);

    const view = await fetch(s.base + a.inline_url, { headers: { authorization: `Bearer ${agentTok}` } });
    assert.equal(view.status, 200);
    assert.equal(view.headers.get('content-type'), 'image/png');
    assert.match(view.headers.get('content-disposition'), /^inline; /);
    assert.match(view.headers.get('content-security-policy'), /sandbox/);
    assert.equal(view.headers.get('x-content-type-options'), 'nosniff');

    const list = await s.req(`/api/v1/tickets/${t.id}/attachments`, { token: agentTok });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((x) => x.id), [a.id]);
    const audit = await s.req(`/api/v1/audit?record=ticket:${t.id}`, { token: s.adminToken });
    const entry = audit.json.items.find((e) => e.action === 'attachment_added');
    assert.ok(entry, audit.text);
    assert.ok(entry.changes.some((c) => c.field === 'sha256' && c.new === sha(PNG)));
  });

  test('several chunks in any order, resumable, and a retried chunk replaces itself', async () => {
    const t = await newTicket();
    const bytes = Buffer.from('服务台日志 service desk log line\n'.repeat(4000)).subarray(0, 150000);
    const u = await begin(agentTok, t.id, { filename: 'desk.log', size: bytes.length, sha256: sha(bytes) });
    assert.equal(u.status, 201, u.text);
    assert.equal(u.json.chunk_count, 3);
    assert.equal((await putChunk(agentTok, u.json.id, 2, bytes.subarray(2 * CHUNK))).status, 200);
    assert.equal((await putChunk(agentTok, u.json.id, 0, Buffer.alloc(CHUNK, 0x41))).status, 200);
    const mid = await s.req(`/api/v1/uploads/${u.json.id}`, { token: agentTok });
    assert.deepEqual(mid.json.received, [0, 2]);
    const early = await complete(agentTok, u.json.id);
    assert.equal(early.status, 422);
    assert.equal(early.json.errors[0].field, 'chunks');
    assert.equal((await putChunk(agentTok, u.json.id, 0, bytes.subarray(0, CHUNK))).status, 200);
    assert.equal((await putChunk(agentTok, u.json.id, 1, bytes.subarray(CHUNK, 2 * CHUNK))).status, 200);
    const done = await complete(agentTok, u.json.id);
    assert.equal(done.status, 201, done.text);
    assert.equal(done.json.content_type, 'text/plain');
    const dl = await fetch(s.base + done.json.download_url, { headers: { authorization: `Bearer ${agentTok}` } });
    assert.deepEqual(Buffer.from(await dl.arrayBuffer()), bytes);
    assert.equal(count('uploads', `id = ${u.json.id}`), 0);
    assert.equal(count('upload_chunks', `upload_id = ${u.json.id}`), 0);
  });

  test('the same content is stored once, however often it is attached', async () => {
    const bytes = Buffer.from('同一份文件 the same file\n'.repeat(5000)).subarray(0, 100000);
    const t1 = await newTicket();
    const t2 = await newTicket();
    assert.equal((await upload(agentTok, t1.id, 'a.txt', bytes)).status, 201);
    assert.equal((await upload(agentTok, t2.id, 'b.txt', bytes)).status, 201);
    assert.equal(count('blobs', `sha256 = '${sha(bytes)}'`), 1);
    assert.equal(count('blob_chunks', `sha256 = '${sha(bytes)}'`), 2);
    assert.equal(count('attachments', `sha256 = '${sha(bytes)}'`), 2);
  });

  test('a customer attaches to its own ticket; internal attachments need ticket.note', async () => {
    const own = (await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: '显示器黑屏' } })).json;
    const done = await upload(alice, own.id, '照片.png', PNG);
    assert.equal(done.status, 201, done.text);
    const internal = await begin(alice, own.id, { filename: 'x.png', size: PNG.length, sha256: sha(PNG), visibility: 'internal' });
    assert.equal(internal.status, 403);
  });
});

describe('access', () => {
  test('customers see public attachments of their organisation only; others get 404', async () => {
    const t = await newTicket(orgA);
    const pub = (await upload(agentTok, t.id, 'public.png', PNG)).json;
    const note = await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', token: agentTok, body: { visibility: 'internal', body: '内部备注' } });
    const secretBytes = Buffer.from('internal diagnostics 内部诊断\n');
    const secret = await upload(agentTok, t.id, 'diag.txt', secretBytes, { journal_entry_id: note.json.id });
    assert.equal(secret.status, 201, secret.text);
    assert.equal(secret.json.visibility, 'internal');
    // Announced under its own type, which customers are never sent (like internal notes).
    assert.equal(s.sql(`SELECT event_type FROM outbox WHERE payload LIKE '%"attachment_id":${secret.json.id},%'`),
      'ticket.internal_attachment_added');

    const mine = await s.req(`/api/v1/tickets/${t.id}/attachments`, { headers: as(alice) });
    assert.deepEqual(mine.json.items.map((x) => x.id), [pub.id]);
    assert.equal((await s.req(`/api/v1/attachments/${secret.json.id}`, { headers: as(alice) })).status, 404);
    assert.equal((await s.req(`/api/v1/attachments/${secret.json.id}/content`, { headers: as(alice) })).status, 404);
    assert.equal((await s.req(`/api/v1/attachments/${pub.id}/content`, { headers: as(alice) })).status, 200);

    for (const path of [`/api/v1/tickets/${t.id}/attachments`, `/api/v1/attachments/${pub.id}`,
      `/api/v1/attachments/${pub.id}/content`, `/api/v1/attachments/${pub.id}/inline`]) {
      assert.equal((await s.req(path, { headers: as(bob) })).status, 404, path);
    }
    const sneaky = await begin(bob, t.id, { filename: 'x.png', size: PNG.length, sha256: sha(PNG) });
    assert.equal(sneaky.status, 404);
  });

  test('an upload belongs to its creator', async () => {
    const t = await newTicket(orgA);
    const u = await begin(agentTok, t.id, { filename: 'x.png', size: PNG.length, sha256: sha(PNG) });
    assert.equal((await putChunk(alice, u.json.id, 0, PNG)).status, 404);
    assert.equal((await complete(alice, u.json.id)).status, 404);
    assert.equal((await s.req(`/api/v1/uploads/${u.json.id}`, { headers: as(alice) })).status, 404);
    assert.equal((await s.req(`/api/v1/uploads/${u.json.id}`, { method: 'DELETE', token: agentTok })).status, 204);
    assert.equal((await s.req(`/api/v1/uploads/${u.json.id}`, { token: agentTok })).status, 404);
  });
});

describe('bad input is refused and writes nothing', () => {
  const field = (r) => (r.json.errors || r.json.fields || [])[0] || {};

  test('limits, names, hashes and chunk sizes', async () => {
    const t = await newTicket();
    const uploads = count('uploads');
    const cases = [
      [{ filename: 'big.bin', size: 200001, sha256: sha(PNG) }, 413, 'size', 'file_limit'],
      [{ filename: 'setup.exe', size: 10, sha256: sha(PNG) }, 422, 'filename', 'forbidden_type'],
      [{ filename: 'Setup.EXE. ', size: 10, sha256: sha(PNG) }, 422, 'filename', 'forbidden_type'],
      [{ filename: 'a/b.txt', size: 10, sha256: sha(PNG) }, 422, 'filename', 'invalid_format'],
      [{ filename: 'a.txt', size: 10, sha256: 'XYZ' }, 422, 'sha256', 'invalid_format'],
      [{ filename: 'a.txt', size: 0, sha256: sha(PNG) }, 422, 'size', 'too_small'],
      [{ filename: 'a.txt', size: 10, sha256: sha(PNG), colour: 'red' }, 400, 'colour', 'unknown_field'],
    ];
    for (const [body, status, f, code] of cases) {
      const r = await begin(agentTok, t.id, body);
      assert.equal(r.status, status, JSON.stringify(body) + r.text);
      assert.equal(field(r).field, f, r.text);
      assert.equal(field(r).code, code, r.text);
    }
    assert.equal(count('uploads'), uploads);
  });

  test('the per-record limit counts every attachment of the record', async () => {
    const t = await newTicket();
    const big = Buffer.alloc(180000, 0x61);
    assert.equal((await upload(agentTok, t.id, 'one.txt', big)).status, 201);
    const second = Buffer.alloc(150000, 0x62);
    const r = await begin(agentTok, t.id, { filename: 'two.txt', size: second.length, sha256: sha(second) });
    assert.equal(r.status, 413);
    assert.equal(field(r).code, 'record_limit');
  });

  test('a chunk of the wrong size or index stores nothing', async () => {
    const t = await newTicket();
    const bytes = Buffer.alloc(100000, 0x63);
    const u = (await begin(agentTok, t.id, { filename: 'c.txt', size: bytes.length, sha256: sha(bytes) })).json;
    const short = await putChunk(agentTok, u.id, 0, bytes.subarray(0, 1000));
    assert.equal(short.status, 422);
    assert.equal(field(short).code, 'wrong_size');
    const beyond = await putChunk(agentTok, u.id, 2, bytes.subarray(0, 10));
    assert.equal(beyond.status, 422);
    assert.equal(field(beyond).field, 'index');
    const notNumber = await putChunk(agentTok, u.id, 'x', bytes.subarray(0, 10));
    assert.equal(notNumber.status, 422);
    assert.equal(count('upload_chunks', `upload_id = ${u.id}`), 0);
  });

  test('content that does not match its hash, or whose sniffed type is forbidden, is refused', async () => {
    const t = await newTicket();
    const before = count('attachments');
    const blobs = count('blobs');
    const declared = Buffer.from('what I said I would send\n');
    const sent = Buffer.from('what I sent instead ....\n');
    const u = (await begin(agentTok, t.id, { filename: 'x.txt', size: declared.length, sha256: sha(declared) })).json;
    assert.equal((await putChunk(agentTok, u.id, 0, sent)).status, 200);
    const r = await complete(agentTok, u.id);
    assert.equal(r.status, 422);
    assert.equal(field(r).code, 'mismatch');

    // The name says PDF, the bytes say executable: the bytes win.
    const elf = readFileSync('/bin/true');
    if (elf.length <= 200000) {
      const x = await upload(agentTok, t.id, 'report.pdf', elf);
      assert.equal(x.status, 422, x.text);
      assert.equal(field(x).code, 'forbidden_type');
    }
    const script = await upload(agentTok, t.id, 'notes.txt', Buffer.from('#!/bin/sh\nrm -rf /tmp/x\n'));
    assert.equal(script.status, 422, script.text);
    assert.equal(field(script).code, 'forbidden_type');
    assert.equal(count('attachments'), before);
    assert.equal(count('blobs'), blobs);
  });

  test('only raster images are shown inline', async () => {
    const t = await newTicket();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const a = (await upload(agentTok, t.id, 'logo.svg', svg)).json;
    assert.equal(a.inline_url, null);
    assert.equal((await s.req(`/api/v1/attachments/${a.id}/inline`, { token: agentTok })).status, 415);
    const dl = await fetch(s.base + a.download_url, { headers: { authorization: `Bearer ${agentTok}` } });
    assert.equal(dl.headers.get('content-type'), 'application/octet-stream');
    assert.match(dl.headers.get('content-disposition'), /^attachment; filename="logo.svg"/);
  });

  test('a closed ticket takes no new attachments', async () => {
    const t = await newTicket();
    s.sql(`UPDATE tickets SET state_category = 'closed' WHERE id = ${t.id}`);
    const r = await begin(agentTok, t.id, { filename: 'late.png', size: PNG.length, sha256: sha(PNG) });
    assert.equal(r.status, 409);
  });
});

describe('removing', () => {
  test('an agent removes an attachment: gone from the record, audited; the bytes stay while another names them', async () => {
    const bytes = Buffer.from('误传的合同 contract sent by mistake\n'.repeat(40));
    const t1 = await newTicket();
    const t2 = await newTicket();
    const a1 = (await upload(agentTok, t1.id, '合同.txt', bytes)).json;
    const a2 = (await upload(agentTok, t2.id, 'copy.txt', bytes)).json;
    const del = (who, id) => s.req(`/api/v1/attachments/${id}`, { method: 'DELETE', ...auth(who) });

    assert.equal((await del(agentTok, a1.id)).status, 204);
    assert.equal((await s.req(`/api/v1/attachments/${a1.id}`, { token: agentTok })).status, 404);
    assert.deepEqual((await s.req(`/api/v1/tickets/${t1.id}/attachments`, { token: agentTok })).json.items, []);
    assert.equal(count('blobs', `sha256 = '${sha(bytes)}'`), 1);  // t2 still names it
    assert.equal((await s.req(`/api/v1/attachments/${a2.id}/content`, { token: agentTok })).status, 200);
    const audit = (await s.req(`/api/v1/audit?record=ticket:${t1.id}`, { token: agentTok })).json.items;
    const entry = audit.find((e) => e.action === 'attachment_deleted');
    assert.ok(entry.changes.some((c) => c.field === 'filename' && c.old === '合同.txt'));
    assert.equal(s.sql(`SELECT event_type FROM outbox WHERE event_type LIKE 'ticket.%attachment_deleted' AND payload LIKE '%"attachment_id":${a1.id},%'`),
      'ticket.attachment_deleted');

    assert.equal((await del(agentTok, a2.id)).status, 204);
    assert.equal(count('blobs', `sha256 = '${sha(bytes)}'`), 0);
    assert.equal(count('blob_chunks', `sha256 = '${sha(bytes)}'`), 0);
    assert.equal((await del(agentTok, a2.id)).status, 404);
  });

  test('a customer removes its own upload while the record is open, nobody else\'s; out of sight is 404', async () => {
    const own = (await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: '传错了照片' } })).json;
    const mine = (await upload(alice, own.id, '错的.png', PNG)).json;
    const theirs = (await upload(agentTok, own.id, 'agent.png', PNG)).json;
    const del = (who, id) => s.req(`/api/v1/attachments/${id}`, { method: 'DELETE', ...auth(who) });
    assert.equal((await del(bob, mine.id)).status, 404);
    const denied = await del(alice, theirs.id);
    assert.equal(denied.status, 403, denied.text);
    assert.equal((await del(alice, mine.id)).status, 204);
    const left = (await s.req(`/api/v1/tickets/${own.id}/attachments`, { headers: as(alice) })).json.items;
    assert.deepEqual(left.map((a) => a.id), [theirs.id]);
  });
});
