// Full-text search over the API (GET /api/v1/search): Chinese two-character words inside longer
// text, Latin words in mixed text, access scopes (a customer never sees another organisation's
// ticket), internal notes for agents only, ranking, highlighted snippets, syntax errors and
// pagination. Runs on SQLite and, with FUWU_TEST_DB_URL, on PostgreSQL: the same results.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, deskCast, createTicket, sessionHeaders } from './harness.mjs';

const s = new Server();
let admin, agentTok, orgA, orgB, alice, bob;
const ids = {};

const as = sessionHeaders;
const search = (q, who, extra = '') => s.req(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, who.token ? who : { headers: as(who) });
const numbersOf = (r) => r.json.items.map((i) => i.number);
const idsOf = (r) => r.json.items.map((i) => i.id);

async function create(name, body, who = { token: agentTok }) {
  ids[name] = await createTicket(s, who.token ?? who, body);
  return ids[name];
}

before(async () => {
  s.setup();
  await s.start();
  ({ admin, agentTok, orgA, orgB, alice, bob } = await deskCast(s));

  const A = orgA.id;
  const B = orgB.id;
  await create('down', { kind: 'incident', title: '三号机房服务器宕机', description: '上午十点开始所有业务中断', organisation_id: A });
  await create('net', { kind: 'incident', title: '办公区无法上网', description: '二楼的无线网络时断时续，有线也不稳定', organisation_id: A });
  await create('print', { kind: 'request', title: '财务部申请新设备', description: '需要一台能双面打印的激光打印机', organisation_id: A });
  await create('vpn', { kind: 'incident', title: 'VPN 连接失败', description: '出差员工在酒店无法连接公司内网', organisation_id: A });
  await create('otherOrg', { kind: 'incident', title: '乙公司服务器宕机', description: 'secret-b 数据库不可用', organisation_id: B });
  // Ranking: the word in the title beats the word once in a long description.
  await create('weak', { kind: 'incident', title: '例行巡检记录', description: `本周巡检${'一切正常，'.repeat(40)}只有一台打印机卡纸`, organisation_id: A });
  await create('strong', { kind: 'incident', title: '打印机卡纸', description: '打印机卡纸，打印任务堆积', organisation_id: A });
  // An internal note only agents may find.
  const r = await s.req(`/api/v1/tickets/${ids.net.id}/journal`, { method: 'POST', token: agentTok, body: { visibility: 'internal', body: '怀疑是交换机固件 zebrafirmware 的问题' } });
  assert.equal(r.status, 201, r.text);
  // A public reply is found by everyone who may see the ticket.
  const p = await s.req(`/api/v1/tickets/${ids.down.id}/journal`, { method: 'POST', token: agentTok, body: { body: '已更换电源模块 PSU-42' } });
  assert.equal(p.status, 201, p.text);
});
after(async () => { await s.stop(); s.cleanup(); });

describe('finding words', () => {
  test('two-character Chinese words inside longer text: 宕机, 网络, 打印', async () => {
    const agent = { token: agentTok };
    const down = await search('宕机', agent);
    assert.equal(down.status, 200, down.text);
    assert.deepEqual(new Set(idsOf(down)), new Set([ids.down.id, ids.otherOrg.id]));
    assert.ok(down.json.items.every((i) => typeof i.number === 'string' && i.number.length > 0));
    assert.deepEqual(idsOf(await search('网络', agent)), [ids.net.id]);
    const print = idsOf(await search('打印', agent));
    for (const name of ['print', 'weak', 'strong']) assert.ok(print.includes(ids[name].id), name);
    assert.equal(print.length, 3);
    // A single character finds its word too; a longer query needs all its bigrams.
    assert.ok(idsOf(await search('宕', agent)).includes(ids.down.id));
    assert.deepEqual(idsOf(await search('服务器宕机', agent)).sort(), [ids.down.id, ids.otherOrg.id].sort());
    assert.deepEqual(idsOf(await search('机房服务器宕机', agent)), [ids.down.id]);
    assert.deepEqual(idsOf(await search('宕机 断网', agent)), []);
  });

  test('an English word in mixed text, any case and width', async () => {
    const agent = { token: agentTok };
    for (const q of ['vpn', 'VPN', 'ＶＰＮ', 'vpn 连接', '"VPN 连接失败"']) {
      assert.deepEqual(idsOf(await search(q, agent)), [ids.vpn.id], q);
    }
    assert.deepEqual(idsOf(await search('psu-42', agent)), [ids.down.id]);
  });

  test('results carry the fixed fields and a highlighted, escaped snippet', async () => {
    const r = await search('宕机', { token: agentTok }, `&kind=incident`);
    const hit = r.json.items.find((i) => i.id === ids.down.id);
    assert.equal(hit.number, ids.down.number);
    assert.equal(hit.title, '三号机房服务器宕机');
    assert.equal(hit.kind, 'incident');
    assert.equal(hit.state, 'new');
    assert.equal(typeof hit.score, 'number');
    assert.match(hit.snippet, /<mark>宕机<\/mark>/);
    await create('html', { kind: 'incident', title: '<script>alert(1)</script> 页面报错', description: '<b>白屏</b>', organisation_id: orgA.id });
    const h = (await search('白屏', { token: agentTok })).json.items[0];
    assert.equal(h.snippet, '&lt;b&gt;<mark>白屏</mark>&lt;/b&gt;');
    assert.deepEqual(idsOf(await search('宕机', { token: agentTok }, '&kind=request')), []);
  });

  test('ranking: a title match comes before a passing mention', async () => {
    const r = await search('卡纸', { token: agentTok });
    assert.deepEqual(idsOf(r), [ids.strong.id, ids.weak.id]);
    assert.ok(r.json.items[0].score > r.json.items[1].score);
  });

  test('a ticket is found by its new text after an update, not by its old', async () => {
    const t = await create('edit', { kind: 'incident', title: '邮件发送失败 mailqueue', organisation_id: orgA.id });
    const u = await s.req(`/api/v1/tickets/${t.id}`, { method: 'PATCH', token: agentTok, headers: { 'if-match': `"${t.version}"` }, body: { title: '邮件退信 bounce' } });
    assert.equal(u.status, 200, u.text);
    assert.deepEqual(idsOf(await search('mailqueue', { token: agentTok })), []);
    assert.deepEqual(idsOf(await search('bounce', { token: agentTok })), [t.id]);
  });
});

describe('access', () => {
  test("a customer never sees another organisation's ticket", async () => {
    const a = await search('宕机', alice);
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(idsOf(a), [ids.down.id]);
    const b = await search('宕机', bob);
    assert.deepEqual(idsOf(b), [ids.otherOrg.id]);
    assert.deepEqual(idsOf(await search('secret-b', alice)), []);
    assert.deepEqual(idsOf(await search('vpn', bob)), []);
  });

  test('internal notes are searchable by agents only', async () => {
    assert.deepEqual(idsOf(await search('zebrafirmware', { token: agentTok })), [ids.net.id]);
    const c = await search('zebrafirmware', alice);
    assert.equal(c.status, 200);
    assert.deepEqual(idsOf(c), []);
    // The same ticket is still found by its public text, with a snippet from that text only.
    const n = await search('网络', alice);
    assert.deepEqual(idsOf(n), [ids.net.id]);
    assert.ok(!n.json.items[0].snippet.includes('zebra'));
    // Public replies are found by the customer.
    assert.deepEqual(idsOf(await search('psu', alice)), [ids.down.id]);
  });

  test('search needs a session', async () => {
    const r = await s.req('/api/v1/search?q=vpn');
    assert.equal(r.status, 401);
  });
});

describe('bad input and pagination', () => {
  test('syntax errors are a 400 problem naming q', async () => {
    for (const q of ['', '   ', '"unclosed', '!!! ，。', 'x'.repeat(201)]) {
      const r = await search(q, { token: agentTok });
      assert.equal(r.status, 400, `${q}: ${r.text}`);
      assert.ok(r.json.errors.some((e) => e.field === 'q'), r.text);
    }
    const missing = await s.req('/api/v1/search', { token: agentTok });
    assert.equal(missing.status, 400);
    const limit = await search('vpn', { token: agentTok }, '&limit=0');
    assert.equal(limit.status, 400);
  });

  test('pages follow next_cursor without repeats; a cursor of another query is refused', async () => {
    for (let i = 0; i < 7; i++) {
      await create(`page${i}`, { kind: 'request', title: `分页测试 paging ${i}`, description: 'paging '.repeat(i + 1), organisation_id: orgA.id });
    }
    const seen = [];
    let cursor = '';
    for (let n = 0; n < 10; n++) {
      const r = await search('paging', { token: agentTok }, `&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      seen.push(...idsOf(r));
      if (!r.json.next_cursor) break;
      assert.equal(r.json.items.length, 3);
      cursor = r.json.next_cursor;
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    const first = await search('paging', { token: agentTok }, '&limit=3');
    const scores = first.json.items.map((i) => i.score);
    assert.deepEqual([...scores].sort((x, y) => y - x), scores);
    const other = await search('分页', { token: agentTok }, `&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.equal(other.status, 400, other.text);
    assert.ok(other.json.errors.some((e) => e.field === 'cursor'));
    const tampered = await search('paging', { token: agentTok }, '&cursor=abc');
    assert.equal(tampered.status, 400);
  });
});
