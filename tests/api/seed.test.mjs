// `fuwu seed` fills a database that behaves exactly like one filled through the API: the derived
// tables (search documents, numbering counters, SLA due dates and their clocks, saved-view
// counts) agree with the records, and lists, search, views, access scopes and writes work on
// seeded tickets as on API-created ones. Runs on SQLite and, with FUWU_TEST_DB_URL, PostgreSQL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, login, fuwu } from './harness.mjs';

const s = new Server();
const TICKETS = 3000;
let admin, agentTok, customer, customerOrg, queueView;

const rows = (text) => (text ? text.split('\n').map((l) => l.split('|')) : []);

before(async () => {
  s.setup();
  // A view that exists before the seed: its count must follow the seeded tickets (triggers).
  fuwu(['user', 'add', 'lead', '--role', 'agent', '--password-stdin', '--db', s.db], 'lead-passw0rd\n');
  agentTok = fuwu(['token', 'create', 'lead', '--db', s.db]).split('\n')[0];
  await s.start();
  admin = s.adminToken;
  const early = await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: 'all incidents', filters: { kind: 'incident' } } });
  assert.equal(early.status, 201, early.text);
  assert.equal(early.json.count, 0);
  await s.stop();
  const out = fuwu(['seed', '--db', s.db, '--tickets', String(TICKETS), '--organisations', '12', '--agents', '6', '--batch', '700']);
  assert.match(out, new RegExp(`seeded 12 organisations, 6 agents, ${TICKETS} tickets`));
  await s.start();
  customerOrg = Number(s.sql("SELECT MIN(organisation_id) FROM tickets"));
  fuwu(['user', 'add', 'kehu', '--role', 'customer', '--organisation', String(customerOrg), '--password-stdin', '--db', s.db], 'kehu-passw0rd\n');
  customer = await login(s, 'kehu', 'kehu-passw0rd');
});
after(async () => { await s.stop(); s.cleanup(); });

const asCustomer = () => ({ headers: { cookie: customer.cookie, 'x-csrf-token': customer.csrf } });

describe('derived tables agree with the records', () => {
  test('one search document and one created event per ticket', () => {
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM tickets')), TICKETS);
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM search_documents')), TICKETS);
    assert.equal(Number(s.sql("SELECT COUNT(DISTINCT ticket_id) FROM ticket_events WHERE event_type = 'created'")), TICKETS);
  });

  test('search documents hold the description and journal as the API indexes them', () => {
    const agg = s.postgres
      ? (vis) => `(SELECT string_agg(body, E'\\n' ORDER BY id) FROM journal_entries j WHERE j.ticket_id = t.id AND j.visibility = '${vis}')`
      : (vis) => `(SELECT group_concat(body, char(10)) FROM (SELECT body FROM journal_entries j WHERE j.ticket_id = t.id AND j.visibility = '${vis}' ORDER BY id))`;
    const nl = s.postgres ? "E'\\n'" : 'char(10)';
    const bad = s.sql(`SELECT COUNT(*) FROM tickets t JOIN search_documents d ON d.ticket_id = t.id WHERE
      d.title <> t.title OR d.body <> t.description || COALESCE(${nl} || ${agg('public')}, '') OR d.internal <> COALESCE(${agg('internal')}, '')`);
    assert.equal(Number(bad), 0);
    assert.ok(Number(s.sql('SELECT COUNT(*) FROM journal_entries')) > TICKETS / 10, 'some journal entries');
  });

  test('numbering counters continue after the seeded numbers', async () => {
    for (const [kind, year, last] of rows(s.sql('SELECT kind, year, last_sequence FROM ticket_counters'))) {
      const prefix = kind === 'incident' ? 'INC' : 'REQ';
      const max = s.sql(`SELECT MAX(number) FROM tickets WHERE number LIKE '${prefix}-${year}-%'`);
      assert.equal(max, `${prefix}-${year}-${String(last).padStart(6, '0')}`);
    }
    const year = new Date().getUTCFullYear();
    const last = Number(s.sql(`SELECT last_sequence FROM ticket_counters WHERE kind = 'incident' AND year = ${year}`));
    const r = await s.req('/api/v1/tickets', { method: 'POST', token: agentTok, body: { kind: 'incident', title: '新的故障', description: 'x', organisation_id: customerOrg } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.number, `INC-${year}-${String(last + 1).padStart(6, '0')}`);
  });

  test('every state of both lifecycles, over the past year', () => {
    const states = new Set(rows(s.sql('SELECT DISTINCT state FROM tickets')).map((r) => r[0]));
    for (const st of ['new', 'assigned', 'in_progress', 'resolved', 'closed', 'awaiting_approval', 'fulfilled']) assert.ok(states.has(st), st);
    const [oldest, newest] = rows(s.sql('SELECT MIN(created_at), MAX(created_at) FROM tickets'))[0];
    assert.ok(Date.parse(newest) - Date.parse(oldest) > 300 * 86400e3);
  });

  test('SLA due dates are those the clocks give', async () => {
    const open = rows(s.sql("SELECT id, sla_due_at FROM tickets WHERE sla_due_at IS NOT NULL ORDER BY id DESC LIMIT 5"));
    assert.ok(open.length > 0, 'open tickets have running clocks');
    for (const [id, due] of open) {
      const r = await s.req(`/api/v1/tickets/${id}/sla`, { token: agentTok });
      assert.equal(r.status, 200, r.text);
      const running = r.json.clocks.filter((c) => c.state === 'running').map((c) => Date.parse(c.deadline));
      assert.equal(Math.min(...running), Date.parse(due), `ticket ${id}`);
    }
  });

  test('a view created before the seed counts the seeded tickets', async () => {
    const list = await s.req('/api/v1/views', { token: agentTok });
    const v = list.json.items.find((x) => x.name === 'all incidents');
    assert.equal(v.count, Number(s.sql("SELECT COUNT(*) FROM tickets WHERE kind = 'incident'")));
  });
});

describe('seeded tickets behave like API-created ones', () => {
  test('lists page newest first', async () => {
    const first = await s.req('/api/v1/tickets?limit=50', { token: agentTok });
    assert.equal(first.status, 200);
    assert.equal(first.json.items.length, 50);
    const ids = first.json.items.map((t) => t.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    const second = await s.req(`/api/v1/tickets?limit=50&cursor=${first.json.next_cursor}`, { token: agentTok });
    assert.ok(second.json.items[0].id < ids[49]);
  });

  test('search finds a two-character Chinese word and an English word', async () => {
    for (const q of ['宕机', '打印', 'screen']) {
      const r = await s.req(`/api/v1/search?q=${encodeURIComponent(q)}`, { token: agentTok });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length > 0, q);
      assert.ok(r.json.items.every((i) => i.snippet.includes('<mark>')), q);
    }
  });

  test("a customer's search and lists stay within their organisation", async () => {
    const mine = Number(s.sql(`SELECT COUNT(*) FROM tickets WHERE organisation_id = ${customerOrg}`));
    assert.ok(mine > 0);
    const r = await s.req(`/api/v1/search?q=${encodeURIComponent('申请')}&limit=100`, asCustomer());
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length > 0);
    const allowed = new Set(rows(s.sql(`SELECT id FROM tickets WHERE organisation_id = ${customerOrg}`)).map((x) => Number(x[0])));
    for (const item of r.json.items) assert.ok(allowed.has(item.id), `ticket ${item.id} is not theirs`);
    // The same tickets an agent finds, narrowed to the organisation (the customer matches title
    // and public text only).
    const expected = Number(s.sql(`SELECT COUNT(*) FROM search_documents d JOIN tickets t ON t.id = d.ticket_id
      WHERE t.organisation_id = ${customerOrg} AND (d.title LIKE '%申请%' OR d.body LIKE '%申请%')`));
    assert.equal(r.json.items.length, Math.min(expected, 100));
    const list = await s.req('/api/v1/tickets?limit=200', asCustomer());
    assert.ok(list.json.items.every((t) => t.organisation_id === customerOrg));
  });

  test('a seeded ticket moves through its lifecycle over the API', async () => {
    const [id] = rows(s.sql("SELECT id FROM tickets WHERE state = 'assigned' ORDER BY id DESC LIMIT 1"))[0];
    const t = await s.req(`/api/v1/tickets/${id}`, { token: agentTok });
    const r = await s.req(`/api/v1/tickets/${id}/transitions`, { method: 'POST', token: agentTok, headers: { 'if-match': t.headers.get('etag') }, body: { transition: 'start' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'in_progress');
  });

  test('a queue view of the seeded data: count, then every page in SLA order', async () => {
    const [group] = rows(s.sql("SELECT group_id FROM tickets WHERE state = 'assigned' GROUP BY group_id ORDER BY COUNT(*) DESC LIMIT 1"))[0];
    const r = await s.req('/api/v1/views', { method: 'POST', token: agentTok, body: { name: '二线队列', sort: 'sla_due', filters: { group_id: Number(group), state: 'assigned' } } });
    assert.equal(r.status, 201, r.text);
    queueView = r.json;
    const expected = Number(s.sql(`SELECT COUNT(*) FROM tickets WHERE group_id = ${group} AND state = 'assigned'`));
    assert.equal(queueView.count, expected);
    const seen = [];
    let cursor = '';
    for (;;) {
      const page = await s.req(`/api/v1/views/${queueView.id}/tickets?limit=7${cursor ? '&cursor=' + cursor : ''}`, { token: agentTok });
      assert.equal(page.status, 200, page.text);
      seen.push(...page.json.items);
      if (!page.json.next_cursor) break;
      cursor = page.json.next_cursor;
    }
    assert.equal(seen.length, expected);
    assert.equal(new Set(seen.map((t) => t.id)).size, expected);
    const dues = seen.map((t) => (t.sla_due_at ? Date.parse(t.sla_due_at) : Infinity));
    assert.deepEqual(dues, [...dues].sort((a, b) => a - b));
  });
});
