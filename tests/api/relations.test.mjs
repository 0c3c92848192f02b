// Links, merge, major incidents, escalation between lines and assignment over the API.
// A linked or merged record the caller may not see is never revealed.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Server, login, deskCast, addUser, sessionHeaders } from './harness.mjs';

const s = new Server();
let admin, agentTok, orgA, orgB, alice, users = {};
const as = sessionHeaders;
const field = (r) => (r.json?.errors || [])[0] || {};

before(async () => {
  s.setup();
  await s.start();
  ({ admin, agentTok, orgA, orgB, alice } = await deskCast(s));
  for (const name of ['l2a', 'l2b', 'l2c']) addUser(s, name, 'agent', 'agent-passw0rd');
  const list = (await s.req('/api/v1/users?limit=200', { token: admin })).json.items;
  for (const u of list) users[u.login] = u;
});
after(async () => { await s.stop(); s.cleanup(); });

const newTicket = async (org = orgA, extra = {}) => (await s.req('/api/v1/tickets', { method: 'POST', token: agentTok,
  body: { kind: 'incident', title: '网络中断 network down', organisation_id: org.id, ...extra } })).json;
const link = (id, kind, other, who = { token: agentTok }) => s.req(`/api/v1/tickets/${id}/links`, { method: 'POST', ...who, body: { kind, ticket_id: other } });
const links = async (id, who = { token: agentTok }) => (await s.req(`/api/v1/tickets/${id}/links`, who)).json.items;
const fresh = async (id) => (await s.req(`/api/v1/tickets/${id}`, { token: agentTok }));
const withEtag = async (id) => ({ 'if-match': (await fresh(id)).headers.get('etag') });

describe('links', () => {
  test('each kind reads symmetrically from both ends', async () => {
    const [a, b, c, d] = [await newTicket(), await newTicket(), await newTicket(), await newTicket()];
    assert.equal((await link(a.id, 'parent_of', b.id)).status, 201);
    assert.equal((await link(c.id, 'caused_by', a.id)).status, 201);
    const r = await link(d.id, 'duplicate_of', a.id);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'duplicate_of');
    assert.equal(r.json.ticket.number, a.number);
    assert.equal((await link(b.id, 'relates_to', c.id)).status, 201);
    const fromA = Object.fromEntries((await links(a.id)).map((l) => [l.ticket.id, l.kind]));
    assert.deepEqual(fromA, { [b.id]: 'parent_of', [c.id]: 'causes', [d.id]: 'duplicated_by' });
    const fromB = Object.fromEntries((await links(b.id)).map((l) => [l.ticket.id, l.kind]));
    assert.deepEqual(fromB, { [a.id]: 'child_of', [c.id]: 'relates_to' });
    assert.equal((await links(c.id)).find((l) => l.ticket.id === b.id).kind, 'relates_to');
    assert.equal((await links(b.id))[0].label['zh-CN'], '子记录（属于）');
    // relates_to once, from either end.
    assert.equal((await link(c.id, 'relates_to', b.id)).status, 409);
    const audit = await s.req(`/api/v1/audit?record=ticket:${b.id}`, { token: admin });
    assert.ok(audit.json.items.some((e) => e.action === 'link_added'));
  });

  test('no self-links, one parent, no cycles of parents', async () => {
    const [a, b, c] = [await newTicket(), await newTicket(), await newTicket()];
    const self = await link(a.id, 'relates_to', a.id);
    assert.equal(self.status, 422);
    assert.equal(field(self).code, 'self_link');
    assert.equal((await link(a.id, 'parent_of', b.id)).status, 201);
    assert.equal((await link(b.id, 'parent_of', c.id)).status, 201);
    const cycle = await link(c.id, 'parent_of', a.id);
    assert.equal(cycle.status, 422);
    assert.equal(field(cycle).code, 'cycle');
    const second = await link(c.id, 'child_of', a.id);
    assert.equal(second.status, 422);
    assert.equal(field(second).code, 'has_parent');
    const bad = await link(a.id, 'sibling_of', b.id);
    assert.equal(bad.status, 422);
    assert.equal(field(bad).code, 'not_allowed');
    const before = Number(s.sql('SELECT COUNT(*) FROM ticket_links'));
    assert.equal((await link(a.id, 'relates_to', 999999)).status, 422);
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM ticket_links')), before);
  });

  test('a linked record the caller may not see is not revealed', async () => {
    const own = (await s.req('/api/v1/tickets', { method: 'POST', headers: as(alice), body: { kind: 'incident', title: '打印机' } })).json;
    const other = await newTicket(orgB);
    const mine = await newTicket(orgA);
    assert.equal((await link(own.id, 'relates_to', other.id)).status, 201);
    assert.equal((await link(own.id, 'relates_to', mine.id)).status, 201);
    const seen = await links(own.id, { headers: as(alice) });
    assert.deepEqual(seen.map((l) => l.ticket.id), [mine.id]);
    assert.equal((await s.req(`/api/v1/tickets/${other.id}/links`, { headers: as(alice) })).status, 404);
    assert.equal((await link(own.id, 'relates_to', other.id, { headers: as(alice) })).status, 403);
  });

  test('unlinking removes the link from both ends', async () => {
    const [a, b] = [await newTicket(), await newTicket()];
    const l = (await link(a.id, 'caused_by', b.id)).json;
    assert.equal((await s.req(`/api/v1/tickets/${b.id}/links/${l.id}`, { method: 'DELETE', token: agentTok })).status, 204);
    assert.equal((await links(a.id)).length, 0);
    assert.equal((await s.req(`/api/v1/tickets/${b.id}/links/${l.id}`, { method: 'DELETE', token: agentTok })).status, 404);
  });
});

describe('merge', () => {
  test('journal and attachments move; the merged ticket closes pointing at the survivor', async () => {
    const gone = await newTicket();
    const keep = await newTicket();
    await s.req(`/api/v1/tickets/${gone.id}/journal`, { method: 'POST', token: agentTok, body: { body: '客户又来电 called again' } });
    const bytes = Buffer.from('merge me 合并\n');
    const up = (await s.req(`/api/v1/tickets/${gone.id}/uploads`, { method: 'POST', token: agentTok,
      body: { filename: 'log.txt', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } })).json;
    await s.req(`/api/v1/uploads/${up.id}/chunks/0`, { method: 'PUT', token: agentTok, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
    const att = (await s.req(`/api/v1/uploads/${up.id}/complete`, { method: 'POST', token: agentTok })).json;

    const noMatch = await s.req(`/api/v1/tickets/${gone.id}/merge`, { method: 'POST', token: agentTok, body: { into: keep.id } });
    assert.equal(noMatch.status, 428);
    const r = await s.req(`/api/v1/tickets/${gone.id}/merge`, { method: 'POST', token: agentTok, headers: await withEtag(gone.id), body: { into: keep.id } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state_category, 'closed');
    assert.equal(r.json.merged_into_id, keep.id);
    const journal = (await s.req(`/api/v1/tickets/${keep.id}/journal`, { token: agentTok })).json.items.map((e) => e.body);
    assert.ok(journal.includes('客户又来电 called again'));
    const files = (await s.req(`/api/v1/tickets/${keep.id}/attachments`, { token: agentTok })).json.items;
    assert.deepEqual(files.map((f) => f.id), [att.id]);
    const auditGone = (await s.req(`/api/v1/audit?record=ticket:${gone.id}`, { token: admin })).json.items;
    const auditKeep = (await s.req(`/api/v1/audit?record=ticket:${keep.id}`, { token: admin })).json.items;
    assert.ok(auditGone.some((e) => e.action === 'merged_into'));
    assert.ok(auditKeep.some((e) => e.action === 'merged_from'));
    assert.equal((await links(gone.id))[0].kind, 'duplicate_of');
  });

  test('links move to the survivor, except those it has already, between the two, or that would break the parent rules', async () => {
    const [gone, keep, child, cause, rel, keepParent, goneParent] = await Promise.all(Array.from({ length: 7 }, () => newTicket()));
    assert.equal((await link(gone.id, 'parent_of', child.id)).status, 201);
    assert.equal((await link(gone.id, 'caused_by', cause.id)).status, 201);
    assert.equal((await link(gone.id, 'relates_to', rel.id)).status, 201);
    assert.equal((await link(rel.id, 'relates_to', keep.id)).status, 201);      // the survivor has it already
    assert.equal((await link(gone.id, 'relates_to', keep.id)).status, 201);     // between the two
    assert.equal((await link(keepParent.id, 'parent_of', keep.id)).status, 201);
    assert.equal((await link(goneParent.id, 'parent_of', gone.id)).status, 201); // would be a second parent
    const r = await s.req(`/api/v1/tickets/${gone.id}/merge`, { method: 'POST', token: agentTok, headers: await withEtag(gone.id), body: { into: keep.id } });
    assert.equal(r.status, 200, r.text);
    const byOther = (l) => Object.fromEntries(l.map((x) => [x.ticket.id, x.kind]));
    assert.deepEqual(byOther(await links(keep.id)), {
      [keepParent.id]: 'child_of', [rel.id]: 'relates_to', [child.id]: 'parent_of', [cause.id]: 'caused_by', [gone.id]: 'duplicated_by' });
    assert.deepEqual(byOther(await links(gone.id)), { [goneParent.id]: 'child_of', [keep.id]: 'duplicate_of' });
    assert.equal((await links(rel.id)).length, 1);
    const audit = (await s.req(`/api/v1/audit?record=ticket:${keep.id}`, { token: admin })).json.items;
    const from = audit.find((e) => e.action === 'merged_from');
    assert.equal(from.changes.find((c) => c.field === 'links_moved').new, '2');
  });

  test('refused into itself, into a closed or invisible record, and for customers', async () => {
    const t = await newTicket();
    const h = await withEtag(t.id);
    const self = await s.req(`/api/v1/tickets/${t.id}/merge`, { method: 'POST', token: agentTok, headers: h, body: { into: t.id } });
    assert.equal(self.status, 422);
    const missing = await s.req(`/api/v1/tickets/${t.id}/merge`, { method: 'POST', token: agentTok, headers: h, body: { into: 999999 } });
    assert.equal(missing.status, 422);
    assert.equal(field(missing).code, 'not_found');
    const other = await newTicket(orgB);
    const cust = await s.req(`/api/v1/tickets/${t.id}/merge`, { method: 'POST', headers: { ...as(alice), ...h }, body: { into: other.id } });
    assert.equal(cust.status, 403);
    assert.equal((await fresh(t.id)).json.state, 'new');
  });
});

describe('major incidents', () => {
  test('declaring one is audited and announced; it cannot close without its review', async () => {
    const t = await newTicket(orgA, { impact: 1, urgency: 1 });
    const p = await s.req(`/api/v1/tickets/${t.id}`, { method: 'PATCH', token: agentTok, headers: await withEtag(t.id), body: { major: true } });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.major, true);
    const events = s.sql(`SELECT event_type FROM outbox WHERE record_id = ${t.id} AND event_type = 'ticket.major_declared'`);
    assert.equal(events, 'ticket.major_declared');
    const resolve = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: await withEtag(t.id),
      body: { transition: 'resolve', resolution: '更换交换机' } });
    assert.equal(resolve.status, 200, resolve.text);
    const close = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { transition: 'close' } });
    assert.equal(close.status, 422, close.text);
    assert.equal(field(close).field, 'major_review');
    assert.equal((await s.req(`/api/v1/tickets/${t.id}/major-review`, { token: agentTok })).status, 404);
    const review = await s.req(`/api/v1/tickets/${t.id}/major-review`, { method: 'PUT', token: agentTok,
      body: { summary: '核心交换机故障，全楼断网 2 小时', root_cause: '电源模块老化', actions: '更换电源；增加冗余' } });
    assert.equal(review.status, 200, review.text);
    const closed = await s.req(`/api/v1/tickets/${t.id}/transitions`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { transition: 'close' } });
    assert.equal(closed.status, 200, closed.text);
  });

  test('only a major incident has a review', async () => {
    const t = await newTicket();
    const r = await s.req(`/api/v1/tickets/${t.id}/major-review`, { method: 'PUT', token: agentTok, body: { summary: 'x' } });
    assert.equal(r.status, 409);
  });
});

describe('escalation and assignment', () => {
  let desk, line2, line3;
  before(async () => {
    desk = (await s.req('/api/v1/groups', { method: 'POST', token: admin, body: { name: '服务台', line: 1 } })).json;
    line2 = (await s.req('/api/v1/groups', { method: 'POST', token: admin, body: { name: '二线 网络组', line: 2 } })).json;
    line3 = (await s.req('/api/v1/groups', { method: 'POST', token: admin, body: { name: '三线 厂商', line: 3 } })).json;
    for (const name of ['l2a', 'l2b', 'l2c']) {
      const r = await s.req(`/api/v1/groups/${line2.id}/members`, { method: 'POST', token: admin, body: { user_id: users[name].id } });
      assert.ok(r.status < 300, r.text);
    }
  });

  test('escalation goes up a line with a reason, in the journal and the audit', async () => {
    const t = await newTicket(orgA, { group_id: desk.id });
    const noReason = await s.req(`/api/v1/tickets/${t.id}/escalate`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { group_id: line2.id, reason: '' } });
    assert.equal(noReason.status, 422);
    const r = await s.req(`/api/v1/tickets/${t.id}/escalate`, { method: 'POST', token: agentTok, headers: await withEtag(t.id),
      body: { group_id: line2.id, reason: '需要网络组排查交换机' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.group_id, line2.id);
    const down = await s.req(`/api/v1/tickets/${t.id}/escalate`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { group_id: desk.id, reason: 'back' } });
    assert.equal(down.status, 422);
    assert.equal(field(down).code, 'not_higher_line');
    const journal = (await s.req(`/api/v1/tickets/${t.id}/journal`, { token: agentTok })).json.items;
    const note = journal.find((e) => e.body.includes('需要网络组排查交换机'));
    assert.equal(note.visibility, 'internal');
    const customerView = (await s.req(`/api/v1/tickets/${t.id}/journal`, { headers: as(alice) })).json.items;
    assert.ok(!customerView.some((e) => e.body.includes('需要网络组排查交换机')));
    const audit = (await s.req(`/api/v1/audit?record=ticket:${t.id}`, { token: admin })).json.items;
    const e = audit.find((x) => x.action === 'escalate');
    assert.ok(e.changes.some((c) => c.field === 'reason' && c.new === '需要网络组排查交换机'));
    const r3 = await s.req(`/api/v1/tickets/${t.id}/escalate`, { method: 'POST', token: agentTok, headers: await withEtag(t.id),
      body: { group_id: line3.id, reason: '厂商支持', round_robin: false } });
    assert.equal(r3.status, 200, r3.text);
  });

  test('round-robin takes turns and skips absent agents', async () => {
    const picks = [];
    for (let i = 0; i < 4; i++) {
      const t = await newTicket(orgA, { group_id: line2.id });
      const r = await s.req(`/api/v1/tickets/${t.id}/assign`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { round_robin: true } });
      assert.equal(r.status, 200, r.text);
      picks.push(r.json.assignee_id);
    }
    const [a, b, c] = ['l2a', 'l2b', 'l2c'].map((n) => users[n].id);
    assert.equal(new Set(picks.slice(0, 3)).size, 3);
    assert.equal(picks[3], picks[0]);
    // l2b goes on leave (they mark themselves absent): the turn skips them.
    const l2b = await login(s, 'l2b', 'agent-passw0rd');
    assert.equal((await s.req(`/api/v1/users/${b}/availability`, { method: 'PUT', headers: as(l2b), body: { available: false } })).status, 200);
    assert.equal((await s.req(`/api/v1/users/${b}`, { token: admin })).json.available, false);
    assert.equal((await s.req(`/api/v1/users/${a}`, { token: admin })).json.available, true);
    // A customer may mark only itself.
    assert.equal((await s.req(`/api/v1/users/${a}/availability`, { method: 'PUT', headers: as(alice), body: { available: false } })).status, 404);
    const more = [];
    for (let i = 0; i < 4; i++) {
      const t = await newTicket(orgA, { group_id: line2.id });
      more.push((await s.req(`/api/v1/tickets/${t.id}/assign`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { round_robin: true } })).json.assignee_id);
    }
    assert.ok(!more.includes(b), JSON.stringify(more));
    assert.deepEqual(new Set(more), new Set([a, c]));
    // Everyone away: a clear problem, nothing written.
    for (const id of [a, c]) {
      assert.equal((await s.req(`/api/v1/users/${id}/availability`, { method: 'PUT', token: admin, body: { available: false } })).status, 200);
    }
    const t = await newTicket(orgA, { group_id: line2.id });
    const none = await s.req(`/api/v1/tickets/${t.id}/assign`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { round_robin: true } });
    assert.equal(none.status, 422);
    assert.equal(field(none).code, 'no_available_member');
    assert.equal((await fresh(t.id)).json.assignee_id, null);
  });

  test('assignment by hand checks the assignee', async () => {
    const t = await newTicket(orgA, { group_id: line2.id });
    const bad = await s.req(`/api/v1/tickets/${t.id}/assign`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { assignee_id: users.agent7.id } });
    assert.equal(bad.status, 422);
    const ok = await s.req(`/api/v1/tickets/${t.id}/assign`, { method: 'POST', token: agentTok, headers: await withEtag(t.id), body: { assignee_id: users.l2c.id } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.assignee_id, users.l2c.id);
  });
});

describe('rich text', () => {
  test('HTML in the journal and the description is sanitised; the original is kept', async () => {
    const t = (await s.req('/api/v1/tickets', { method: 'POST', token: agentTok, body: { kind: 'incident', title: '富文本',
      organisation_id: orgA.id, description_format: 'html', description: '<p>打印机<b>卡纸</b><script>alert(1)</script></p>' } })).json;
    assert.equal(t.description, '<p>打印机<b>卡纸</b></p>');
    assert.equal(t.description_format, 'html');
    const raw = '<p onclick="x()">已处理<img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a></p>';
    const e = await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', token: agentTok, body: { format: 'html', body: raw } });
    assert.equal(e.status, 201, e.text);
    assert.equal(e.json.body, '<p>已处理<a>链接</a></p>');
    assert.equal(e.json.format, 'html');
    assert.equal(s.sql(`SELECT body_original FROM journal_entries WHERE id = ${e.json.id}`), raw);
    const plain = await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', token: agentTok, body: { body: '<b>as typed</b>' } });
    assert.equal(plain.json.body, '<b>as typed</b>');
    assert.equal(plain.json.format, 'text');
    const bad = await s.req(`/api/v1/tickets/${t.id}/journal`, { method: 'POST', token: agentTok, body: { format: 'markdown', body: 'x' } });
    assert.equal(bad.status, 422);
  });
});
