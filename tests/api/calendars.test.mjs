// Calendars and SLA over the API: the same answers as the CLI to the second, the month view with
// its 调休 days, import with a dry run, ETags, permissions, problems for bad input, the /readyz
// coverage warning, SLA policies and simulation, and the CLI's --db.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, login, fuwu } from './harness.mjs';

const s = new Server();
let admin; // admin token
let agent; // agent session
let customer; // customer session
const J = 'application/json';

before(async () => {
  s.setup();
  await s.start();
  admin = s.adminToken;
  const org = (await s.req('/api/v1/organisations', { method: 'POST', token: admin, body: { name: '客户丙 Gamma', kind: 'customer' } })).json;
  fuwu(['user', 'add', 'carol', '--role', 'customer', '--organisation', String(org.id), '--password-stdin', '--db', s.db], 'carol-passw0rd\n');
  fuwu(['user', 'add', 'agent7', '--role', 'agent', '--password-stdin', '--db', s.db], 'agent-passw0rd\n');
  agent = await login(s, 'agent7', 'agent-passw0rd');
  customer = await login(s, 'carol', 'carol-passw0rd');
});
after(async () => { await s.stop(); s.cleanup(); });

const post = (path, body, opts = {}) => s.req(path, { method: 'POST', token: admin, body, ...opts });
const session = (who, extra = {}) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf, ...extra });

function cliDeadline(args) {
  return JSON.parse(fuwu(['calendar', 'deadline', '--calendar', 'china-mainland', ...args, '--json']));
}

function assertProblem(res, status, type, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  assert.equal(res.json.type, `https://fuwu.dev/problems/${type}`);
  if (field) assert.ok(res.json.errors.some((e) => e.field === field), JSON.stringify(res.json.errors));
}

describe('working-time arithmetic', () => {
  const cases = [
    // National Day 2025 (merged with Mid-Autumn, 1–8 October).
    [{ start: '2025-09-30T16:00:00+08:00', hours: 4 }, ['--start', '2025-09-30T16:00:00+08:00', '--hours', '4'], '2025-10-09T11:00:00+08:00'],
    [{ start: '2025-09-26T15:00:00+08:00', working_days: 5 }, ['--start', '2025-09-26T15:00:00+08:00', '--working-days', '5'], '2025-10-10T18:00:00+08:00'],
    // Spring Festival 2026: Saturday 14 February is a make-up day, 15–23 February are off.
    [{ start: '2026-02-13T17:00:00+08:00', hours: 10 }, ['--start', '2026-02-13T17:00:00+08:00', '--hours', '10'], '2026-02-24T10:00:00+08:00'],
    [{ start: '2026-02-13T17:00:00+08:00', minutes: 1 }, ['--start', '2026-02-13T17:00:00+08:00', '--minutes', '1'], '2026-02-13T17:01:00+08:00'],
    [{ start: '2026-02-12T10:00:00+08:00', working_days: 3 }, ['--start', '2026-02-12T10:00:00+08:00', '--working-days', '3'], '2026-02-24T18:00:00+08:00'],
    // Another zone's input; a result exactly at a segment end stays there.
    [{ start: '2025-02-05T01:00:00Z', hours: 1 }, ['--start', '2025-02-05T01:00:00Z', '--hours', '1'], '2025-02-05T10:00:00+08:00'],
    [{ start: '2025-03-03T09:00:00+08:00', hours: 8 }, ['--start', '2025-03-03T09:00:00+08:00', '--hours', '8'], '2025-03-03T18:00:00+08:00'],
  ];
  for (const [body, args, expected] of cases) {
    test(`deadline ${JSON.stringify(body)} = ${expected}, the same as the CLI`, async () => {
      const res = await post('/api/v1/calendars/china-mainland/deadline', body);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.deadline, expected);
      assert.deepEqual(res.json, cliDeadline(args));
    });
  }

  test('the explanation names the make-up day and the skipped Spring Festival', async () => {
    const res = await post('/api/v1/calendars/china-mainland/deadline', { start: '2026-02-13T17:00:00+08:00', hours: 10 });
    const kinds = res.json.explanation.map((e) => e.kind);
    assert.deepEqual(kinds, ['start', 'counted', 'makeup_day', 'counted', 'counted', 'skipped', 'counted', 'end']);
    const skipped = res.json.explanation.find((e) => e.kind === 'skipped');
    assert.deepEqual([skipped.date, skipped.last_date, skipped.name], ['2026-02-15', '2026-02-23', '春节']);
  });

  test('between counts working seconds like the CLI', async () => {
    for (const [from, to] of [['2025-09-30T09:00:00+08:00', '2025-10-10T09:00:00+08:00'], ['2026-02-13T00:00:00+08:00', '2026-02-25T00:00:00+08:00'], ['2026-03-02T10:00:00+08:00', '2026-03-02T09:00:00+08:00']]) {
      const res = await post('/api/v1/calendars/china-mainland/between', { from, to });
      assert.equal(res.status, 200, res.text);
      const cli = Number(fuwu(['calendar', 'between', '--calendar', 'china-mainland', '--from', from, '--to', to]).split('\n')[0]);
      assert.equal(res.json.working_seconds, cli);
      assert.ok(Array.isArray(res.json.explanation));
    }
    const r = await post('/api/v1/calendars/china-mainland/between', { from: '2026-02-13T00:00:00+08:00', to: '2026-02-25T00:00:00+08:00' });
    assert.equal(r.json.working_seconds, 86400); // 13 Feb, 14 Feb (调休), 24 Feb: 3 × 8 h
  });

  test('a new 24x7 calendar in another zone answers in its zone', async () => {
    const c = await post('/api/v1/calendars', { id: 'always-berlin', kind: 'always_working', name_zh: '柏林全天候', zone: 'Europe/Berlin' });
    assert.equal(c.status, 201, c.text);
    const res = await post('/api/v1/calendars/always-berlin/deadline', { start: '2026-03-28T23:00:00Z', hours: 2 });
    assert.equal(res.json.deadline, '2026-03-29T03:00:00+02:00'); // across the spring-forward change
    const b = await post('/api/v1/calendars/always-berlin/between', { from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' });
    assert.equal(b.json.working_seconds, 23 * 3600);
  });

  test('24x7 has no gaps: deadline = start + d', async () => {
    const res = await post('/api/v1/calendars/24x7/deadline', { start: '2026-12-31T23:30:00Z', minutes: 90 });
    assert.equal(res.json.deadline, '2027-01-01T01:00:00+00:00'); // the calendar's zone, UTC
  });

  test('a year beyond the imported ones is flagged', async () => {
    const res = await post('/api/v1/calendars/china-mainland/deadline', { start: '2026-12-31T17:00:00+08:00', hours: 2 });
    assert.equal(res.json.deadline, '2027-01-01T10:00:00+08:00');
    assert.ok(res.json.explanation.some((e) => e.kind === 'beyond_coverage' && e.year === 2027));
  });
});

describe('month view', () => {
  test('October 2025: National Day + Mid-Autumn, the 调休 Saturday 11 October, weekends', async () => {
    const res = await s.req('/api/v1/calendars/china-mainland/month?year=2025&month=10', { token: admin });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.days.length, 31);
    const day = (d) => res.json.days[d - 1];
    assert.equal(day(1).reason, 'holiday');
    assert.match(day(1).name, /国庆节/);
    assert.equal(day(1).working, false);
    assert.equal(day(8).reason, 'holiday');
    assert.equal(day(9).reason, 'weekday');
    assert.equal(day(9).working_seconds, 8 * 3600);
    assert.deepEqual(day(9).segments, [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }]);
    assert.equal(day(11).reason, 'makeup_day');
    assert.equal(day(11).weekday, 'saturday');
    assert.match(day(11).name, /调休上班/);
    assert.equal(day(11).working, true);
    assert.equal(day(12).reason, 'rest_day');
    assert.equal(day(12).working, false);
  });

  test('February 2026: Saturday 14 and 28 February are make-up days, 15–23 February 春节', async () => {
    const res = await s.req('/api/v1/calendars/china-mainland/month?year=2026&month=2', { token: admin });
    const day = (d) => res.json.days[d - 1];
    assert.equal(day(14).reason, 'makeup_day');
    assert.equal(day(28).reason, 'makeup_day');
    for (let d = 15; d <= 23; ++d) assert.equal(day(d).name, '春节');
  });

  test('bad or missing year/month is a 400 problem', async () => {
    for (const q of ['year=2026', 'year=2026&month=13', 'year=abc&month=1', 'month=1']) {
      assertProblem(await s.req(`/api/v1/calendars/china-mainland/month?${q}`, { token: admin }), 400, 'invalid-request');
    }
  });
});

describe('calendar records', () => {
  test('the shipped calendars are in the database as editable copies', async () => {
    const res = await s.req('/api/v1/calendars', { token: admin });
    assert.equal(res.status, 200);
    const ids = res.json.items.map((c) => c.id);
    assert.ok(ids.includes('china-mainland') && ids.includes('24x7'));
    const cn = res.json.items.find((c) => c.id === 'china-mainland');
    assert.equal(cn.shipped, true);
    assert.ok(Number.isInteger(cn.record_id));
    assert.equal(cn.first_year, 2024);
    assert.equal(cn.last_year, 2026);
  });

  test('the list pages with keyset cursors; a foreign cursor is a 400', async () => {
    const first = await s.req('/api/v1/calendars?limit=1', { token: admin });
    assert.equal(first.json.items.length, 1);
    assert.equal(first.json.items[0].id, 'china-mainland');
    assert.ok(first.json.next_cursor);
    const second = await s.req(`/api/v1/calendars?limit=1&cursor=${first.json.next_cursor}`, { token: admin });
    assert.equal(second.json.items[0].id, '24x7');
    const orgs = await s.req('/api/v1/organisations?limit=1', { token: admin });
    assertProblem(await s.req(`/api/v1/calendars?cursor=${orgs.json.next_cursor ?? 'eA'}`, { token: admin }), 400, 'invalid-request', 'cursor');
  });

  test('create, read with ETag, edit with If-Match (stale: 412, none: 428), delete', async () => {
    const created = await post('/api/v1/calendars', {
      id: 'shenzhen-lab', name_zh: '深圳实验室', name_en: 'Shenzhen lab', zone: 'Asia/Shanghai',
      weekly: [[{ start: '08:30', end: '17:30' }], [{ start: '08:30', end: '17:30' }], [], [], [], [], []],
      first_year: 2026, last_year: 2026,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('etag'), '"1"');
    assert.equal(created.headers.get('location'), '/api/v1/calendars/shenzhen-lab');
    const got = await s.req('/api/v1/calendars/shenzhen-lab', { token: admin });
    assert.equal(got.headers.get('etag'), '"1"');
    const edited = await s.req('/api/v1/calendars/shenzhen-lab', { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { special_days: [{ date: '2026-03-03', name: '半天', segments: [{ start: '08:30', end: '12:00' }] }] } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.headers.get('etag'), '"2"');
    const month = await s.req('/api/v1/calendars/shenzhen-lab/month?year=2026&month=3', { token: admin });
    assert.equal(month.json.days[2].reason, 'special_day');
    assert.equal(month.json.days[2].working_seconds, 3.5 * 3600);
    const stale = await s.req('/api/v1/calendars/shenzhen-lab', { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { name_en: 'x' } });
    assertProblem(stale, 412, 'precondition-failed');
    assertProblem(await s.req('/api/v1/calendars/shenzhen-lab', { method: 'PATCH', token: admin, body: { name_en: 'x' } }), 428, 'precondition-required');
    assertProblem(await s.req('/api/v1/calendars/shenzhen-lab', { method: 'DELETE', token: admin, headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
    const del = await s.req('/api/v1/calendars/shenzhen-lab', { method: 'DELETE', token: admin, headers: { 'if-match': '"2"' } });
    assert.equal(del.status, 204);
    assertProblem(await s.req('/api/v1/calendars/shenzhen-lab', { token: admin }), 404, 'not-found');
  });

  test('edits are in the audit journal and announce calendar.updated', async () => {
    const c = await post('/api/v1/calendars/china-mainland/copy', { id: 'audited', name_zh: '审计' });
    assert.equal(c.status, 201, c.text);
    const e = await s.req('/api/v1/calendars/audited', { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { name_en: 'Audited' } });
    assert.equal(e.status, 200, e.text);
    assert.equal(e.json.name_en, 'Audited');
  });

  test('copy keeps the holidays and takes a new id; a taken id is a 409', async () => {
    const res = await post('/api/v1/calendars/china-mainland/copy', { id: 'cn-branch', name_zh: '分公司' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.shipped, false);
    assert.equal(res.json.name_en, 'China mainland');
    const orig = await s.req('/api/v1/calendars/china-mainland', { token: admin });
    assert.deepEqual(res.json.holidays, orig.json.holidays);
    assert.deepEqual(res.json.makeup_days, orig.json.makeup_days);
    assertProblem(await post('/api/v1/calendars/china-mainland/copy', { id: 'cn-branch' }), 409, 'conflict', 'id');
  });
});

describe('import', () => {
  const notice2027 = { 2027: { holidays: [{ name: '元旦', name_en: "New Year's Day", from: '2027-01-01', to: '2027-01-01' }, { name: '春节', name_en: 'Spring Festival', from: '2027-02-05', to: '2027-02-13' }], workdays: ['2027-02-14'] } };

  test('a dry run shows the difference and changes nothing; the import writes it', async () => {
    assert.equal((await post('/api/v1/calendars/china-mainland/copy', { id: 'import-target' })).status, 201);
    const dry = await post('/api/v1/calendars/import-target/import?dry_run=true', notice2027);
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.json.dry_run, true);
    assert.equal(dry.json.written, false);
    assert.ok(dry.json.lines.some((l) => l.startsWith('+ 2027 holiday 春节')));
    assert.ok(dry.json.lines.some((l) => l.startsWith('~ 2027')));
    const before = await s.req('/api/v1/calendars/import-target', { token: admin });
    assert.equal(before.json.last_year, 2026);
    assert.equal(before.json.version, 1);
    const feb = await s.req('/api/v1/calendars/import-target/month?year=2027&month=2', { token: admin });
    assert.equal(feb.json.days[13].reason, 'rest_day');
    assert.equal(feb.json.covered, false);

    const real = await post('/api/v1/calendars/import-target/import?dry_run=false', notice2027, { headers: { 'if-match': '"1"' } });
    assert.equal(real.status, 200, real.text);
    assert.equal(real.json.written, true);
    assert.equal(real.json.calendar.last_year, 2027);
    assert.equal(real.headers.get('etag'), '"2"');
    const after = await s.req('/api/v1/calendars/import-target/month?year=2027&month=2', { token: admin });
    assert.equal(after.json.days[13].reason, 'makeup_day');
    assert.equal(after.json.days[4].reason, 'holiday');
    assert.equal(after.json.covered, true);
    // The same file again changes nothing.
    const again = await post('/api/v1/calendars/import-target/import', notice2027);
    assert.equal(again.json.written, false);
    assert.deepEqual(again.json.changes, []);
    // A stale If-Match is refused.
    assertProblem(await post('/api/v1/calendars/import-target/import', notice2027, { headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
  });

  test('an iCalendar file imports the same way; other media types are 415', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\nDTEND;VALUE=DATE:20280102\r\nSUMMARY:元旦\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280129\r\nSUMMARY:补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const dry = await post('/api/v1/calendars/import-target/import?dry_run=true', ics, { headers: { 'content-type': 'text/calendar' } });
    assert.equal(dry.status, 200, dry.text);
    assert.ok(dry.json.lines.some((l) => l.includes('2028-01-01')));
    assert.ok(dry.json.lines.some((l) => l.includes('2028-01-29')));
    assertProblem(await post('/api/v1/calendars/import-target/import?dry_run=true', ics, { headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assertProblem(await post('/api/v1/calendars/import-target/import?dry_run=maybe', notice2027), 400, 'invalid-request', 'dry_run');
    const latin1 = Buffer.concat([Buffer.from('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\nSUMMARY:'), Buffer.from([0xff, 0xfe]), Buffer.from('\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')]);
    assertProblem(await post('/api/v1/calendars/import-target/import?dry_run=true', new Uint8Array(latin1), { headers: { 'content-type': 'text/calendar' } }), 400, 'invalid-request');
    assertProblem(await post('/api/v1/calendars/import-target/import?dry_run=true', 'BEGIN:VCALENDAR\r\n' + 'X'.repeat(1100 * 1024), { headers: { 'content-type': 'text/calendar' } }), 413, 'payload-too-large');
    assertProblem(await post('/api/v1/calendars/import-target/import?dry_run=true', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20280101T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', { headers: { 'content-type': 'text/calendar' } }), 422, 'validation-failed');
  });

  test('a bad file is a problem and writes nothing', async () => {
    assertProblem(await post('/api/v1/calendars/import-target/import', '{"2029": {"holidays": [{"name": "x", "from": "2029-02-30", "to": "2029-02-01"}]}}'), 422, 'validation-failed');
    assertProblem(await post('/api/v1/calendars/import-target/import', '{"2029": '), 400, 'invalid-request');
    assert.equal((await s.req('/api/v1/calendars/import-target', { token: admin })).json.last_year, 2027);
  });
});

describe('bad input', () => {
  test('unknown calendar: 404 everywhere', async () => {
    assertProblem(await s.req('/api/v1/calendars/no-such', { token: admin }), 404, 'not-found');
    assertProblem(await post('/api/v1/calendars/no-such/deadline', { start: '2026-01-05T09:00:00+08:00', hours: 1 }), 404, 'not-found');
    assertProblem(await post('/api/v1/calendars/no-such/between', { from: '2026-01-05T09:00:00+08:00', to: '2026-01-06T09:00:00+08:00' }), 404, 'not-found');
    assertProblem(await s.req('/api/v1/calendars/no-such/month?year=2026&month=1', { token: admin }), 404, 'not-found');
  });

  test('deadline: bad RFC 3339, negative hours, none or two durations, unknown fields', async () => {
    const url = '/api/v1/calendars/china-mainland/deadline';
    assertProblem(await post(url, { start: '2026-10-09 10:00', hours: 1 }), 422, 'validation-failed', 'start');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00', hours: 1 }), 422, 'validation-failed', 'start');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00+08:00', hours: -1 }), 422, 'validation-failed', 'hours');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00+08:00', working_days: -2 }), 422, 'validation-failed', 'working_days');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00+08:00' }), 422, 'validation-failed');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00+08:00', hours: 1, minutes: 5 }), 422, 'validation-failed');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00+08:00', hours: '1' }), 400, 'invalid-request', 'hours');
    assertProblem(await post(url, { start: '2026-10-09T10:00:00+08:00', hours: 1, calendar: 'x' }), 400, 'invalid-request', 'calendar');
    assertProblem(await post(url, '{"start": "2026-10-09T10:00:00+08:00", "hours": 1, "hours": 2}'), 400, 'invalid-request');
    assertProblem(await post(url, { start: '1066-10-14T09:00:00Z', hours: 1 }), 422, 'validation-failed');
  });

  test('between: bad instants', async () => {
    assertProblem(await post('/api/v1/calendars/china-mainland/between', { from: 'yesterday', to: '2026-01-06T09:00:00+08:00' }), 422, 'validation-failed', 'from');
    assertProblem(await post('/api/v1/calendars/china-mainland/between', { from: '2026-01-06T09:00:00+08:00' }), 422, 'validation-failed', 'to');
  });

  test('calendars: a segment ending before it starts, overlapping segments, bad dates, unknown zone, bad id', async () => {
    const base = { name_zh: '坏', zone: 'Asia/Shanghai', weekly: [[], [], [], [], [], [], []] };
    const backwards = await post('/api/v1/calendars', { ...base, id: 'bad1', weekly: [[{ start: '18:00', end: '09:00' }], [], [], [], [], [], []] });
    assertProblem(backwards, 422, 'validation-failed', 'weekly/0/0');
    const overlap = await post('/api/v1/calendars', { ...base, id: 'bad2', weekly: [[{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }], [], [], [], [], [], []] });
    assertProblem(overlap, 422, 'validation-failed', 'weekly/0/1');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad3', weekly: [[{ start: '09:00', end: '25:00' }], [], [], [], [], [], []] }), 422, 'validation-failed', 'weekly/0/0/end');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad4', weekly: [[]] }), 400, 'invalid-request', 'weekly');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad5', holidays: [{ name: 'x', from: '2026-02-30', to: '2026-03-01' }] }), 422, 'validation-failed', 'holidays/0/from');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad6', holidays: [{ name: 'x', from: '2026-03-02', to: '2026-03-01' }] }), 422, 'validation-failed', 'holidays/0');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad7', zone: 'Mars/Olympus' }), 422, 'validation-failed', 'zone');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'Bad Id' }), 422, 'validation-failed', 'id');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad8', makeup_days: [{ date: '2026-01-01', works_as: 'someday' }] }), 422, 'validation-failed', 'makeup_days/0/works_as');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad9', holidays: [{ name: 'a', from: '2026-01-01', to: '2026-01-02' }], makeup_days: [{ date: '2026-01-02' }] }), 422, 'validation-failed');
    assertProblem(await post('/api/v1/calendars', { id: 'bad10' }), 422, 'validation-failed', 'name_zh');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad12', kind: 'always_working', holidays: [] }), 422, 'validation-failed', 'holidays');
    assertProblem(await post('/api/v1/calendars', { ...base, id: 'bad11', colour: 'red' }), 400, 'invalid-request', 'colour');
    const list = await s.req('/api/v1/calendars?limit=200', { token: admin });
    assert.ok(!list.json.items.some((c) => c.id.startsWith('bad')), 'nothing was written');
  });
});

describe('permissions', () => {
  test('a customer gets 403 on every calendar and SLA route', async () => {
    const h = session(customer);
    for (const [method, path, body] of [
      ['GET', '/api/v1/calendars'], ['GET', '/api/v1/calendars/china-mainland'],
      ['GET', '/api/v1/calendars/china-mainland/month?year=2026&month=10'],
      ['POST', '/api/v1/calendars/china-mainland/deadline', { start: '2026-01-05T09:00:00+08:00', hours: 1 }],
      ['POST', '/api/v1/calendars/china-mainland/between', { from: '2026-01-05T09:00:00+08:00', to: '2026-01-06T09:00:00+08:00' }],
      ['POST', '/api/v1/calendars', { id: 'x', name_zh: 'x', zone: 'UTC' }],
      ['POST', '/api/v1/calendars/china-mainland/copy', { id: 'x' }],
      ['PATCH', '/api/v1/calendars/china-mainland', { name_en: 'x' }],
      ['DELETE', '/api/v1/calendars/china-mainland'],
      ['GET', '/api/v1/sla-policies'], ['POST', '/api/v1/sla/simulate', { events: [] }],
    ]) {
      const res = await s.req(path, { method, headers: h, body });
      assertProblem(res, 403, 'permission-denied');
    }
  });

  test('an agent reads and computes but does not write', async () => {
    const h = session(agent);
    assert.equal((await s.req('/api/v1/calendars/china-mainland', { headers: h })).status, 200);
    assert.equal((await s.req('/api/v1/calendars/china-mainland/deadline', { method: 'POST', headers: h, body: { start: '2026-01-05T09:00:00+08:00', hours: 1 } })).status, 200);
    assert.equal((await s.req('/api/v1/sla-policies', { headers: h })).status, 200);
    assertProblem(await s.req('/api/v1/calendars/china-mainland/copy', { method: 'POST', headers: h, body: { id: 'agents' } }), 403, 'permission-denied');
    assertProblem(await s.req('/api/v1/calendars/china-mainland/import?dry_run=true', { method: 'POST', headers: h, body: {} }), 403, 'permission-denied');
    assertProblem(await s.req('/api/v1/sla-policies', { method: 'POST', headers: h, body: { id: 'p' } }), 403, 'permission-denied');
  });

  test('no credentials: 401', async () => {
    assertProblem(await s.req('/api/v1/calendars'), 401, 'unauthenticated');
  });
});

describe('SLA policies and simulation', () => {
  const gold = {
    id: 'gold', name: 'Gold', match: { priority: 'P1' }, pause_states: ['waiting_customer'],
    targets: [
      { kind: 'first_response', calendar: 'china-mainland', working_hours: 1 },
      { kind: 'resolution', calendar: 'china-mainland', working_hours: 8, escalations: [{ at_percent: 100, action: 'reassign', group: 'line-2' }] },
    ],
  };
  const standard = {
    id: 'standard', pause_states: ['waiting_customer'],
    targets: [
      { kind: 'first_response', calendar: 'china-mainland', working_hours: 4 },
      { kind: 'resolution', calendar: 'china-mainland', working_days: 5 },
    ],
  };
  const log = {
    record: { type: 'incident', priority: 'P3' }, now: '2026-10-08T10:00:00+08:00',
    events: [
      { at: '2026-09-30T16:00:00+08:00', kind: 'created', value: 'new' },
      { at: '2026-09-30T17:00:00+08:00', kind: 'state_changed', value: 'waiting_customer' },
      { at: '2026-10-08T09:00:00+08:00', kind: 'state_changed', value: 'in_progress' },
      { at: '2026-10-08T09:30:00+08:00', kind: 'priority_changed', value: 'P1' },
    ],
  };

  test('CRUD with ETags', async () => {
    const g = await post('/api/v1/sla-policies', gold);
    assert.equal(g.status, 201, g.text);
    assert.equal(g.headers.get('etag'), '"1"');
    assert.equal(g.json.targets[0].working_seconds, 3600);
    assert.deepEqual(g.json.targets[0].warnings, [75, 90]);
    assert.equal((await post('/api/v1/sla-policies', standard)).status, 201);
    const list = await s.req('/api/v1/sla-policies', { token: admin });
    assert.deepEqual(list.json.items.map((p) => p.id), ['gold', 'standard']);
    const patched = await s.req('/api/v1/sla-policies/standard', { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { pause_states: ['waiting_customer', 'waiting_parts'] } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.headers.get('etag'), '"2"');
    assertProblem(await s.req('/api/v1/sla-policies/standard', { method: 'PATCH', token: admin, headers: { 'if-match': '"1"' }, body: { name: 'x' } }), 412, 'precondition-failed');
    assertProblem(await post('/api/v1/sla-policies', gold), 409, 'conflict');
    assertProblem(await s.req('/api/v1/sla-policies/none', { token: admin }), 404, 'not-found');
    // A calendar used by a policy cannot be deleted.
    const cn = await s.req('/api/v1/calendars/china-mainland', { token: admin });
    assertProblem(await s.req('/api/v1/calendars/china-mainland', { method: 'DELETE', token: admin, headers: { 'if-match': cn.headers.get('etag') } }), 409, 'conflict');
  });

  test('bad policies are problems', async () => {
    assertProblem(await post('/api/v1/sla-policies', { id: 'p1', targets: [{ kind: 'resolution', calendar: 'nowhere', working_hours: 2 }] }), 422, 'validation-failed', 'targets/0/calendar');
    assertProblem(await post('/api/v1/sla-policies', { id: 'p2', targets: [{ kind: 'resolution', calendar: 'china-mainland', working_hours: -2 }] }), 422, 'validation-failed', 'targets/0/duration');
    assertProblem(await post('/api/v1/sla-policies', { id: 'p3', targets: [{ kind: 'resolution', calendar: 'china-mainland' }] }), 422, 'validation-failed');
    assertProblem(await post('/api/v1/sla-policies', { id: 'p4', targets: [{ kind: 'resolution', calendar: 'china-mainland', working_hours: 2, warnings: [120] }] }), 422, 'validation-failed', 'targets/0/warnings');
    assertProblem(await post('/api/v1/sla-policies', { id: 'p5', targets: [{ kind: 'someday', calendar: 'china-mainland', working_hours: 2 }] }), 422, 'validation-failed', 'targets/0/kind');
    assertProblem(await post('/api/v1/sla-policies', { id: 'p6', targets: [{ kind: 'resolution', calendar: 'china-mainland', working_hours: 2 }, { kind: 'resolution', calendar: 'china-mainland', working_hours: 3 }] }), 422, 'validation-failed');
  });

  test('simulate answers the same JSON as `fuwu sla simulate`', async () => {
    const body = { policies: [gold, standard], ...log };
    const res = await post('/api/v1/sla/simulate', body);
    assert.equal(res.status, 200, res.text);
    const dir = s.dir;
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ policies: [gold, standard] }));
    writeFileSync(join(dir, 'events.json'), JSON.stringify(log));
    const cli = JSON.parse(fuwu(['sla', 'simulate', '--policy', join(dir, 'policy.json'), '--events', join(dir, 'events.json')]));
    assert.deepEqual(res.json, cli);
    const fr = res.json.clocks.find((c) => c.kind === 'first_response');
    assert.equal(fr.state, 'breached');
    assert.equal(fr.breach_at, '2026-10-08T09:30:00+08:00');
    // Without policies in the body the stored ones apply (same answer: gold and standard).
    const stored = await post('/api/v1/sla/simulate', log);
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.json.clocks.find((c) => c.kind === 'first_response').breach_at, '2026-10-08T09:30:00+08:00');
    // And `fuwu sla simulate --db` without --policy uses the same stored policies and calendars.
    const cliDb = JSON.parse(fuwu(['sla', 'simulate', '--events', join(dir, 'events.json'), '--db', s.db]));
    assert.deepEqual(cliDb, stored.json);
  });

  test('simulate: a log not starting with created, bad instants', async () => {
    assertProblem(await post('/api/v1/sla/simulate', { policy: gold, events: [{ at: '2026-10-08T09:30:00+08:00', kind: 'resolved' }] }), 400, 'invalid-request');
    assertProblem(await post('/api/v1/sla/simulate', { policy: gold, events: [{ at: 'soon', kind: 'created' }] }), 422, 'validation-failed');
    assertProblem(await post('/api/v1/sla/simulate', { policy: gold }), 422, 'validation-failed', 'events');
  });
});

describe('readiness and the CLI', () => {
  test('/readyz warns about a calendar whose imported years end within 60 days', async () => {
    const res = await s.req('/readyz');
    assert.equal(res.status, 200);
    const now = new Date();
    const end = new Date(Date.UTC(2026, 11, 31, 16, 0, 0)); // end of 2026 in Shanghai
    const daysLeft = (end - now) / 86400000;
    const warned = res.json.warnings.some((w) => w.includes('china-mainland') && w.includes('2026'));
    if (daysLeft <= 60) assert.ok(warned, JSON.stringify(res.json.warnings));
    // A calendar imported through 2027 raises no warning.
    assert.ok(!res.json.warnings.some((w) => w.includes('import-target')));
  });

  test('fuwu calendar list/show/deadline/between --db read the database calendars', async () => {
    const list = fuwu(['calendar', 'list', '--db', s.db]);
    assert.match(list, /import-target/);
    const show = fuwu(['calendar', 'show', 'import-target', '--year', '2027', '--month', '2', '--db', s.db]);
    assert.match(show, /2027-02-14 Sun .*makeup_day/);
    const dl = JSON.parse(fuwu(['calendar', 'deadline', '--calendar', 'import-target', '--start', '2027-02-04T17:00:00+08:00', '--hours', '2', '--json', '--db', s.db]));
    assert.equal(dl.deadline, '2027-02-14T10:00:00+08:00');
    const between = fuwu(['calendar', 'between', '--calendar', 'import-target', '--from', '2027-02-01T00:00:00+08:00', '--to', '2027-03-01T00:00:00+08:00', '--db', s.db]);
    const api = await post('/api/v1/calendars/import-target/between', { from: '2027-02-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00' });
    assert.equal(Number(between.split('\n')[0]), api.json.working_seconds);
    assert.equal(api.json.working_seconds, 15 * 8 * 3600); // 1–4, 14 (调休), 15–19, 22–26 February
  });

  test('fuwu calendar import --db: --dry-run writes nothing, the import writes', async () => {
    const file = join(s.dir, 'cn-2028.json');
    writeFileSync(file, JSON.stringify({ 2028: { holidays: [{ name: '元旦', name_en: "New Year's Day", from: '2028-01-01', to: '2028-01-03' }], workdays: [] } }));
    const before = (await s.req('/api/v1/calendars/import-target', { token: admin })).json;
    const dry = fuwu(['calendar', 'import', file, '--calendar', 'import-target', '--dry-run', '--db', s.db]);
    assert.match(dry, /\+ 2028 holiday 元旦/);
    assert.equal((await s.req('/api/v1/calendars/import-target', { token: admin })).json.version, before.version);
    fuwu(['calendar', 'import', file, '--calendar', 'import-target', '--db', s.db]);
    const after = (await s.req('/api/v1/calendars/import-target', { token: admin })).json;
    assert.equal(after.version, before.version + 1);
    assert.equal(after.last_year, 2028);
  });
});
