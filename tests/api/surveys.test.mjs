// Satisfaction surveys over the API (issue 9, seed 004 §5.1.17): templates whose weights sum to 1,
// campaigns to a population, invitations per respondent (portal, e-mailed link, engineer at
// sign-off), responses scored S = Σλs with N/A weight shared out, the low-score event, the report
// with validity and bands; bad input is a clear problem with nothing written.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, fuwu } from './harness.mjs';
import { SmtpServer, sleep, until } from './mailserver.mjs';
import { fetchPdf } from './pdf.mjs';

// A real SMTP sink: e-mail campaigns send their invitations through the notification machinery.
const smtp = new SmtpServer();
const publicUrl = 'https://desk.example.com';
let s;
let admin, agent, agentId, alice, bob, eng, engId;
let orgA, orgB, siteA, centre, order, ticketB;
const token = (loginName) => fuwu(['token', 'create', loginName, '--db', s.db]).split('\n')[0];
function addUser(loginName, role, org, email) {
  const args = ['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db];
  if (org) args.push('--organisation', String(org));
  if (email) args.push('--email', email);
  fuwu(args, 'some-passw0rd\n');
}
const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
const patch = (path, tok, version, body) => s.req(path, { method: 'PATCH', token: tok, body, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
const get = (path, tok) => s.req(path, { token: tok });
const count = (table) => Number(s.sql(`SELECT COUNT(*) FROM ${table}`));

function assertProblem(r, status, field, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  if (field) {
    const f = r.json.errors.find((e) => e.field === field || e.field === '/' + field);
    assert.ok(f, `no error for ${field}: ${r.text}`);
    if (code) assert.equal(f.code, code, r.text);
  }
}

// The 湘计算机 questionnaire of seed 004 (record 6.2), weights in basis points; 1 不满意 .. 4 满意.
const labels = { labels_zh: ['不满意', '一般', '较满意', '满意'], labels_en: ['Dissatisfied', 'Neutral', 'Fairly satisfied', 'Satisfied'] };
const q = (key, text_zh, weight_bp, extra = {}) => ({ key, text_zh, text_en: key, weight_bp, scale_min: 1, scale_max: 4, ...labels, ...extra });
const seedQuestions = [
  q('quality', '产品质量评价', 1500),
  q('presales', '销售前服务评价', 1500),
  q('delivery', '合同履约(交货期)满意程度', 1500),
  q('onsite', '上门售后服务满意程度', 2000),
  q('training', '产品培训满意程度', 1000, { allow_na: true }),
  q('website', '网站信息服务满意程度', 1000),
  q('overall', '总体评价', 1500),
  { key: 'remarks', kind: 'comment', text_zh: '您的宝贵意见和建议', text_en: 'Your comments' },
];
const all = (v, over = {}) => seedQuestions.filter((x) => x.kind !== 'comment').map((x) => (over[x.key] !== undefined ? { key: x.key, ...over[x.key] } : { key: x.key, value: v }));

before(async () => {
  await smtp.start();
  s = new Server({ env: { FUWU_MAIL_SMTP_HOST: '127.0.0.1', FUWU_MAIL_SMTP_PORT: String(smtp.port), FUWU_MAIL_FROM: 'survey@fuwu.example', FUWU_HTTP_PUBLIC_URL: publicUrl } });
  s.setup();
  await s.start();
  admin = s.adminToken;
  const org = async (name) => (await post('/api/v1/organisations', admin, { name, kind: 'customer' })).json;
  orgA = await org('德阳农机合作社');
  orgB = await org('绵阳收割队');
  siteA = (await post(`/api/v1/organisations/${orgA.id}/sites`, admin, { name: '旌阳区仓库', region_code: '510603' })).json;
  addUser('agent1', 'agent');
  addUser('alice', 'customer', orgA.id, 'alice@coop.example');
  addUser('bob', 'customer', orgB.id, 'bob@harvest.example');
  s.sql("UPDATE users SET language = 'en' WHERE login = 'bob'");
  addUser('eng.li', 'engineer');
  agent = token('agent1');
  alice = token('alice');
  bob = token('bob');
  eng = token('eng.li');
  engId = Number(s.sql("SELECT id FROM users WHERE login = 'eng.li'"));
  agentId = Number(s.sql("SELECT id FROM users WHERE login = 'agent1'"));
  // A work order of customer A, repaired by eng.li of the Chengdu centre, closed in July.
  const line = (await post('/api/v1/products', agent, { code: 'harvester', name_zh: '联合收割机' })).json;
  const model = (await post(`/api/v1/products/${line.id}/models`, agent, { code: '4LZ-2.5', name_zh: '4LZ-2.5', warranty_months: 12 })).json;
  centre = (await post('/api/v1/service-centres', agent, { code: 'SC-CD', name_zh: '成都服务中心', region_code: '510107', territory: ['51'] })).json;
  assert.equal((await s.req(`/api/v1/service-centres/${centre.id}/engineers/${engId}`, { method: 'PUT', token: agent, body: { skills: [] } })).status, 200);
  assert.equal((await post('/api/v1/units', agent, { serial: 'JX-1', model_id: model.id, organisation_id: orgA.id, site_id: siteA.id, installation_date: '2026-03-03' })).status, 201);
  order = (await post('/api/v1/work-orders', agent, { serial: 'JX-1', fault: '割台异响', channel: 'phone', reported_on: '2026-07-01' })).json;
  const d = await s.req(`/api/v1/work-orders/${order.id}/transitions`, { method: 'POST', token: agent, body: { transition: 'dispatch', engineer_id: engId }, headers: { 'if-match': `"${order.version}"` } });
  assert.equal(d.status, 200, d.text);
  // A service desk ticket of customer B. Closing records through their lifecycles is tested by
  // their own suites; here only the closing instants matter.
  ticketB = (await post('/api/v1/tickets', bob, { kind: 'incident', title: '发票问题', description: '发票抬头错误' })).json;
  assert.ok(ticketB.id, JSON.stringify(ticketB));
  s.sql(`UPDATE tickets SET state_category = 'closed', closed_at = '2026-07-20T03:00:00Z' WHERE id = ${order.id}`);
  s.sql(`UPDATE tickets SET state_category = 'closed', closed_at = '2026-06-30T15:59:59Z' WHERE id = ${ticketB.id}`);
});
after(async () => {
  if (s) { await s.stop(); s.cleanup(); }
  await smtp.stop();
});

let tmpl;

describe('templates', () => {
  test('weights of the scored questions sum to 1: the seed questionnaire is accepted', async () => {
    const r = await post('/api/v1/surveys/templates', agent, { code: 'xiangji', name_zh: '湘计算机用户满意度调查表', name_en: 'User satisfaction survey', questions: seedQuestions });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    tmpl = r.json;
    assert.equal(tmpl.template_version, 1);
    assert.equal(tmpl.weight_sum_bp, 10000);
    assert.equal(tmpl.questions.length, 8);
    assert.deepEqual(tmpl.questions[7], { key: 'remarks', kind: 'comment', text_zh: '您的宝贵意见和建议', text_en: 'Your comments' });
    assert.equal((await get('/api/v1/surveys/templates', agent)).json.items.length, 1);
  });

  test('weights not summing to 1 are a 422 naming the sum, nothing written', async () => {
    const before = count('survey_templates');
    const versions = count('survey_template_versions');
    const bad = seedQuestions.map((x) => (x.key === 'overall' ? { ...x, weight_bp: 1000 } : x));
    const r = await post('/api/v1/surveys/templates', agent, { code: 'bad', name_zh: '错', questions: bad });
    assertProblem(r, 422, 'questions', 'weights_sum');
    assert.match(r.json.detail ?? r.json.title, /0\.95/, r.text);
    assert.match(r.text, /0\.95/);
    const p = await patch(`/api/v1/surveys/templates/${tmpl.id}`, agent, 1, { questions: bad });
    assertProblem(p, 422, 'questions', 'weights_sum');
    assertProblem(await post('/api/v1/surveys/templates', agent, { code: 'bad2', name_zh: '错', questions: [q('a', '甲', 10000, { scale_min: 1, scale_max: 1 })] }), 422, 'questions/0/scale_max', 'out_of_range');
    assertProblem(await post('/api/v1/surveys/templates', agent, { code: 'bad3', name_zh: '错', questions: [q('a', '甲', 5000), q('a', '乙', 5000)] }), 422, 'questions/1/key', 'duplicate');
    assertProblem(await post('/api/v1/surveys/templates', agent, { code: 'bad4', name_zh: '错', questions: [q('a', '甲', '0.5')] }), 400, 'questions/0/weight_bp', 'wrong_type');
    assertProblem(await post('/api/v1/surveys/templates', agent, { code: 'xiangji', name_zh: '重复', questions: seedQuestions }), 409, 'code', 'taken');
    assertProblem(await post('/api/v1/surveys/templates', alice, { code: 'x', name_zh: 'x', questions: seedQuestions }), 403);
    assert.equal(count('survey_templates'), before);
    assert.equal(count('survey_template_versions'), versions);
  });
});

let campaign, invA, invB;

describe('campaigns and responses', () => {
  test('a campaign over a period invites one respondent per closed record, in China dates', async () => {
    const r = await post('/api/v1/surveys/campaigns', agent, {
      template_id: tmpl.id, name_zh: '2026 年 7 月回访调查', name_en: 'July 2026 survey', channel: 'portal',
      population: { kind: 'closed_in_period', from: '2026-07-01', to: '2026-07-31' },
    });
    assert.equal(r.status, 201, r.text);
    campaign = r.json;
    // Ticket B closed 2026-06-30T15:59:59Z = 23:59:59 in China on 30 June: outside July.
    assert.equal(campaign.invitations, 1);
    assert.equal(campaign.state, 'open');
    assert.equal(campaign.valid, false);
    const inv = (await get(`/api/v1/surveys/campaigns/${campaign.id}/invitations`, agent)).json.items;
    assert.equal(inv.length, 1);
    invA = inv[0];
    assert.equal(invA.organisation_id, orgA.id);
    assert.equal(invA.ticket_id, order.id);
    assert.equal(invA.engineer_id, engId);
    assert.equal(invA.service_centre_id, centre.id);
    assert.ok(invA.token.length >= 20);
    // June 30 (China) takes ticket B only.
    const june = await post('/api/v1/surveys/campaigns', agent, { template_id: tmpl.id, name_zh: '六月', channel: 'email', population: { kind: 'closed_in_period', from: '2026-06-30', to: '2026-06-30' } });
    assert.equal(june.status, 201, june.text);
    assert.equal(june.json.invitations, 1);
    invB = (await get(`/api/v1/surveys/campaigns/${june.json.id}/invitations`, agent)).json.items[0];
    assert.equal(invB.organisation_id, orgB.id);
    assert.equal(invB.engineer_id, null);
    // The e-mail campaign mails its link to the person who reported ticket B, in their language
    // (bob reads English); the portal campaign mails nobody.
    const mails = await smtp.waitFor((m) => m.some((x) => x.headers.to.includes('bob@harvest.example')));
    const mail = mails.find((x) => x.headers.to.includes('bob@harvest.example'));
    assert.equal(mail.headers.subject, 'Satisfaction survey: 六月');
    assert.ok(mail.body.includes(`${publicUrl}/survey/${invB.token}`), mail.body);
    assert.match(mail.body, /Hello bob/);
    await sleep(300);
    assert.equal(smtp.messages().filter((x) => x.headers.to.includes('alice@coop.example')).length, 0);
    const delivery = s.sql(`SELECT event_type, record_type, record_id, language, state FROM notification_deliveries WHERE address = 'bob@harvest.example'`);
    assert.equal(delivery, `survey.invitation|survey_invitation|${invB.id}|en|sent`);
  });

  test('portal users see their own invitations only; others are 404', async () => {
    const mine = (await get('/api/v1/surveys/invitations', alice)).json.items;
    assert.deepEqual(mine.map((i) => i.id), [invA.id]);
    assert.equal(mine[0].token, undefined);
    const form = await get(`/api/v1/surveys/invitations/${invA.id}/form`, alice);
    assert.equal(form.status, 200, form.text);
    assert.equal(form.json.questions.length, 8);
    assertProblem(await get(`/api/v1/surveys/invitations/${invA.id}/form`, bob), 404);
    assertProblem(await post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, bob, { invitation_id: invA.id, answers: all(4) }), 404);
    assertProblem(await get(`/api/v1/surveys/campaigns/${campaign.id}/report`, alice), 403);
  });

  test('a score outside the scale, a missing answer, N/A where not offered: 422, nothing written', async () => {
    const before = count('survey_responses');
    const url = `/api/v1/surveys/campaigns/${campaign.id}/responses`;
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: all(4, { onsite: { value: 5 } }) }), 422, 'answers/onsite', 'out_of_range');
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: all(4, { quality: { value: 0 } }) }), 422, 'answers/quality', 'out_of_range');
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: all(4).slice(1) }), 422, 'answers/quality', 'required');
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: all(4, { website: { not_applicable: true } }) }), 422, 'answers/website', 'not_allowed');
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: [...all(4), { key: 'nope', value: 1 }] }), 422, 'answers/nope', 'unknown_field');
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: all(4, { onsite: { value: 'four' } }) }), 400, 'answers/3/value', 'wrong_type');
    assert.equal(count('survey_responses'), before);
    assert.equal(count('survey_answer_counts'), 0);
  });

  test('a response: S = Σλs with the N/A weight shared out; one per invitation, idempotent', async () => {
    const url = `/api/v1/surveys/campaigns/${campaign.id}/responses`;
    const events = count("outbox WHERE event_type = 'survey.low_score'");
    // Training not attended (N/A, .1); 满意 (4) everywhere but on-site 较满意 (3 → 2/3).
    // S = (.15+.15+.15+.2·2/3+.1+.15) / .9 = .8333/.9 = 92.5926 %.
    const answers = [...all(4, { training: { not_applicable: true }, onsite: { value: 3 } }), { key: 'remarks', comment: '李工很专业, 响应快' }];
    const r = await post(url, alice, { invitation_id: invA.id, answers });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.score_percent, 92.5926);
    assert.equal(r.json.band, 'satisfied');
    assert.equal(r.json.band_zh, '满意');
    assert.equal(r.json.not_applicable_answers, 1);
    assert.equal(r.json.not_applicable_weight_bp, 1000);
    assert.equal(r.json.low_score, false);
    assert.equal(count("outbox WHERE event_type = 'survey.low_score'"), events);
    // The same answers again: the first response, not a second one.
    const again = await post(url, alice, { invitation_id: invA.id, answers });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, r.json.id);
    assertProblem(await post(url, alice, { invitation_id: invA.id, answers: all(1) }), 409, 'invitation_id', 'answered');
    assert.equal(count('survey_responses'), 1);
    // The row other features read.
    const row = s.sql(`SELECT campaign_id, template_version, organisation_id, ticket_id, engineer_id, service_centre_id, score_percent, band FROM survey_responses`);
    assert.equal(row, [campaign.id, 1, orgA.id, order.id, engId, centre.id, '92.5926', 'satisfied'].join('|'));
    assert.deepEqual((await get('/api/v1/surveys/invitations', alice)).json.items, []);
  });

  test('an e-mailed link answers without login; a low score raises survey.low_score', async () => {
    const form = await s.req(`/api/v1/surveys/forms/${invB.token}`);
    assert.equal(form.status, 200, form.text);
    assert.equal(form.json.invitation.organisation_id, orgB.id);
    assertProblem(await s.req('/api/v1/surveys/forms/not-a-token'), 404);
    // Customer B's care owner is agent1 (automatic follow-ups go to them).
    const a = await get(`/api/v1/customers/${orgB.id}/archive`, agent);
    const care = await s.req(`/api/v1/customers/${orgB.id}/care`, { method: 'PUT', token: agent, body: { care_owner_id: agentId }, headers: { 'if-match': `"${a.json.care.version}"` } });
    assert.equal(care.status, 200, care.text);
    // 不满意 (1) everywhere: 0 %.
    const r = await s.req(`/api/v1/surveys/forms/${invB.token}/responses`, { method: 'POST', body: { answers: all(1) } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.score_percent, 0);
    assert.equal(r.json.band, 'dissatisfied');
    assert.equal(r.json.low_score, true);
    const ev = JSON.parse(s.sql(`SELECT payload FROM outbox WHERE event_type = 'survey.low_score' AND record_id = ${r.json.id}`));
    assert.equal(ev.organisation_id, orgB.id);
    assert.equal(ev.score_percent, 0);
    assert.equal(ev.threshold_percent, 60);
    // The customer-care planner opens a follow-up (a call back) for it, linked to the response and
    // assigned to the customer's care owner, once.
    const f = await until('the follow-up of the low score', async () => (await get(`/api/v1/follow-ups?organisation_id=${orgB.id}`, agent)).json.items.find((x) => x.survey_response_id === r.json.id));
    assert.equal(f.source, 'survey');
    assert.equal(f.state, 'open');
    assert.equal(f.source_ticket_id, ticketB.id);
    assert.equal(f.assignee_id, agentId);
    assert.ok(Date.parse(f.due_at) > Date.now());
    await sleep(500);
    assert.equal(count(`follow_ups WHERE survey_response_id = ${r.json.id}`), 1);
  });

  test('a closed campaign takes no responses: a clear 409, nothing written', async () => {
    const c = (await post('/api/v1/surveys/campaigns', agent, { template_id: tmpl.id, name_zh: '重点客户', channel: 'portal', population: { kind: 'organisations', ids: [orgA.id, orgB.id] }, required_return_bp: 5000 })).json;
    assert.equal(c.invitations, 2);
    assertProblem(await post(`/api/v1/surveys/campaigns/${c.id}/close`, agent), 428);
    const closed = await s.req(`/api/v1/surveys/campaigns/${c.id}/close`, { method: 'POST', token: agent, headers: { 'if-match': `"${c.version}"` } });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.state, 'closed');
    const inv = (await get(`/api/v1/surveys/campaigns/${c.id}/invitations`, agent)).json.items.find((i) => i.organisation_id === orgA.id);
    const before = count('survey_responses');
    const r = await post(`/api/v1/surveys/campaigns/${c.id}/responses`, alice, { invitation_id: inv.id, answers: all(4) });
    assertProblem(r, 409);
    assert.match(r.text, /closed/);
    assert.equal(count('survey_responses'), before);
    // Reopened (late paper forms), an agent enters the answer.
    const re = await s.req(`/api/v1/surveys/campaigns/${c.id}/reopen`, { method: 'POST', token: agent, headers: { 'if-match': `"${closed.json.version}"` } });
    assert.equal(re.json.state, 'open');
    const ok = await post(`/api/v1/surveys/campaigns/${c.id}/responses`, agent, { invitation_id: inv.id, answers: all(3) });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.score_percent, 66.6667);
    assert.equal(ok.json.band, 'moderately_satisfied');
    // 1 of 2 returned, 50 % required: valid.
    const rep = (await get(`/api/v1/surveys/campaigns/${c.id}/report`, agent)).json;
    assert.equal(rep.return_rate.valid, true);
    assert.equal(rep.return_rate.percent, 50);
  });

  test('bad campaigns are problems, nothing written', async () => {
    const before = count('survey_campaigns');
    const invitations = count('survey_invitations');
    const base = { template_id: tmpl.id, name_zh: '坏', channel: 'portal' };
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, population: { kind: 'closed_in_period', from: '2020-01-01', to: '2020-01-31' } }), 422, 'population', 'empty');
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, population: { kind: 'closed_in_period', from: '2026-07-31', to: '2026-07-01' } }), 422, 'population/to', 'out_of_range');
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, population: { kind: 'organisations', ids: [999999] } }), 422, 'population/ids/0', 'not_found');
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, population: { kind: 'records', ids: [] } }), 422, 'population/ids', 'required');
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, channel: 'fax', population: { kind: 'organisations', ids: [orgA.id] } }), 422, 'channel', 'not_allowed');
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, template_id: 999999, population: { kind: 'organisations', ids: [orgA.id] } }), 422, 'template_id', 'not_found');
    assertProblem(await post('/api/v1/surveys/campaigns', agent, { ...base, required_return_bp: 0, population: { kind: 'organisations', ids: [orgA.id] } }), 422, 'required_return_bp', 'out_of_range');
    assert.equal(count('survey_campaigns'), before);
    assert.equal(count('survey_invitations'), invitations);
  });

  test('at sign-off the engineer fills in the form of their own work order', async () => {
    const c = (await post('/api/v1/surveys/campaigns', agent, { template_id: tmpl.id, name_zh: '签字时调查', channel: 'sign_off', population: { kind: 'records', ids: [order.id] } })).json;
    const mine = (await get('/api/v1/surveys/invitations', eng)).json.items;
    assert.deepEqual(mine.map((i) => i.campaign_id), [c.id]);
    // The customer does not see sign-off forms in the portal.
    assert.deepEqual((await get('/api/v1/surveys/invitations', alice)).json.items, []);
    const r = await post(`/api/v1/surveys/campaigns/${c.id}/responses`, eng, { invitation_id: mine[0].id, answers: all(4) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.score_percent, 100);
  });
});

describe('report', () => {
  test('a service manager reads the campaigns and their report (the quality figures are theirs)', async () => {
    addUser('manager.wang', 'manager');
    const manager = token('manager.wang');
    const list = await get('/api/v1/surveys/campaigns', manager);
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.items.some((c) => c.id === campaign.id), list.text);
    const r = await get(`/api/v1/surveys/campaigns/${campaign.id}/report`, manager);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.return_rate.responses, 1);
    const pdf = await s.req(`/api/v1/surveys/campaigns/${campaign.id}/report.pdf`, { token: manager, raw: true });
    assert.equal(pdf.status, 200);
  });

  test('return rate and validity, per question, band, by centre and engineer, comments, trend', async () => {
    const r = await get(`/api/v1/surveys/campaigns/${campaign.id}/report`, agent);
    assert.equal(r.status, 200, r.text);
    const rep = r.json;
    assert.equal(rep.return_rate.invitations, 1);
    assert.equal(rep.return_rate.responses, 1);
    assert.equal(rep.return_rate.percent, 100);
    assert.equal(rep.return_rate.valid, true);
    assert.match(rep.statements.validity_zh, /有效/);
    assert.match(rep.statements.not_applicable_en, /shared among the answered questions/);
    assert.equal(rep.score_percent, 92.59);
    assert.equal(rep.band, 'satisfied');
    assert.equal(rep.not_applicable_responses, 1);
    const onsite = rep.per_question.find((x) => x.key === 'onsite');
    assert.equal(onsite.average, 3);
    assert.equal(onsite.average_percent, 66.67);
    assert.deepEqual(onsite.distribution, [{ answer: 1, responses: 0 }, { answer: 2, responses: 0 }, { answer: 3, responses: 1 }, { answer: 4, responses: 0 }]);
    const training = rep.per_question.find((x) => x.key === 'training');
    assert.equal(training.not_applicable, 1);
    assert.equal(training.average, null);
    assert.deepEqual(training.distribution.at(-1), { answer: 'not_applicable', responses: 1 });
    assert.deepEqual(rep.by_service_centre.map((g) => [g.id, g.name, g.responses, g.score_percent]), [[centre.id, '成都服务中心', 1, 92.59]]);
    assert.deepEqual(rep.by_engineer.map((g) => [g.id, g.responses, g.band_zh]), [[engId, 1, '满意']]);
    assert.equal(rep.comments_total, 1);
    assert.equal(rep.comments[0].comment, '李工很专业, 响应快');
    assert.equal(rep.comments[0].organisation_name, '德阳农机合作社');
    assert.deepEqual(rep.trend.map((t) => t.campaign_id), [campaign.id]);
    assert.deepEqual(rep.bands.map((b) => b.responses), [1, 0, 0, 0]);
    // The same report as a workbook.
    const x = await get(`/api/v1/surveys/campaigns/${campaign.id}/report.xlsx`, agent);
    assert.equal(x.status, 200, x.text);
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(x.headers.get('content-disposition'), /attachment; filename="survey-report-\d+\.xlsx"/);
    assert.ok(x.text.startsWith('PK'), 'a zip archive');
    assertProblem(await get(`/api/v1/surveys/campaigns/${campaign.id}/report.xlsx`, alice), 403);
    assertProblem(await get('/api/v1/surveys/campaigns/999999/report.xlsx', agent), 404);
  });

  test('the report as a PDF, in Chinese or English', async () => {
    const zh = await fetchPdf(s, `/api/v1/surveys/campaigns/${campaign.id}/report.pdf`, agent);
    assert.match(zh.res.headers.get('content-disposition'), /attachment; filename="survey-report-\d+\.pdf"/);
    assert.ok(zh.pages >= 1, zh.info);
    for (const x of ['顾客满意度分析报告', '有效', '92.59 %', '满意', '成都服务中心', '李工很专业', '各题得分', '趋势']) {
      assert.ok(zh.text.includes(x), `${x} not in:\n${zh.text}`);
    }
    const en = await fetchPdf(s, `/api/v1/surveys/campaigns/${campaign.id}/report.pdf?lang=en`, agent);
    for (const x of ['Customer satisfaction analysis', 'Per question', 'By engineer', '92.59 %', 'Satisfied']) {
      assert.ok(en.text.includes(x), `${x} not in:\n${en.text}`);
    }
    assert.ok((await fetchPdf(s, `/api/v1/surveys/campaigns/${campaign.id}/report.pdf`, agent, { 'accept-language': 'en-US' })).text.includes('Customer satisfaction analysis'));
    assertProblem(await get(`/api/v1/surveys/campaigns/${campaign.id}/report.pdf?lang=de`, agent), 400, 'lang', 'not_allowed');
    assertProblem(await get(`/api/v1/surveys/campaigns/${campaign.id}/report.pdf`, alice), 403);
    assertProblem(await get('/api/v1/surveys/campaigns/999999/report.pdf', agent), 404);
  });

  test('a campaign below its return rate is said to be not valid; the trend shows earlier ones', async () => {
    const june = (await get('/api/v1/surveys/campaigns', agent)).json.items.find((c) => c.name_zh === '六月');
    const later = (await post('/api/v1/surveys/campaigns', agent, { template_id: tmpl.id, name_zh: '第二轮', channel: 'portal', population: { kind: 'organisations', ids: [orgA.id, orgB.id] } })).json;
    const inv = (await get(`/api/v1/surveys/campaigns/${later.id}/invitations`, agent)).json.items;
    assert.equal((await post(`/api/v1/surveys/campaigns/${later.id}/responses`, bob, { invitation_id: inv.find((i) => i.organisation_id === orgB.id).id, answers: all(2) })).status, 201);
    const rep = (await get(`/api/v1/surveys/campaigns/${later.id}/report`, agent)).json;
    assert.equal(rep.return_rate.percent, 50);
    assert.equal(rep.return_rate.valid, false);
    assert.match(rep.statements.validity_zh, /无效/);
    assert.match(rep.statements.validity_en, /NOT valid/);
    assert.equal(rep.score_percent, 33.33);
    assert.equal(rep.band_zh, '不满意');
    assert.ok(rep.trend.length >= 3);
    assert.equal(rep.trend.at(-1).campaign_id, later.id);
    assert.ok(rep.trend.some((t) => t.campaign_id === june.id && t.score_percent === 0));
    assert.ok(rep.trend.find((t) => t.campaign_id === campaign.id).valid);
  });
});
