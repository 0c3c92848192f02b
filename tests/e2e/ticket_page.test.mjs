// The ticket page in Debian's Chromium against a real `fuwu serve`: attachments (chosen, dropped
// and pasted; uploaded in 64 KiB chunks with progress; images inline, downloads), links by number,
// escalation with a reason, merge with a confirmation, and staged approvals (a rejection needs a
// comment); buttons only for those allowed (a customer gets none of them). zh-CN and en, desktop
// and phone. Screenshots: docs/screenshots/ticket-page-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, noOverflow, pick, launchBrowser, screenshot, signedInPage, fuwu, PHONE,
} from './harness.mjs';

checkPrerequisites();

const s = new Server({ env: { FUWU_ATTACHMENTS_CHUNK_BYTES: '65536' } });
const api = adminApi(s);
let browser;
let org, line1, line2, main, dup, request, wang;

// A real PNG (1×1, red) followed by padding: 150 KB, so three chunks.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const BIG_PNG = Buffer.concat([PNG, Buffer.alloc(150 * 1024, 0x20)]);

const signInAs = (login, password, opts) => signedInPage(browser, s.base, login, password, opts);

before(async () => {
  s.setup();
  await s.start();
  org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer' } })).json.id;
  line1 = (await api('/api/v1/groups', { method: 'POST', body: { name: '一线 服务台', line: 1 } })).json.id;
  line2 = (await api('/api/v1/groups', { method: 'POST', body: { name: '二线 网络组', line: 2 } })).json.id;
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  fuwu(['user', 'add', 'wang.jing', '--role', 'agent', '--name', '王静', '--password-stdin', '--db', s.db], 'wang-jing-passw0rd\n');
  fuwu(['user', 'add', 'zhang.wei', '--role', 'customer', '--organisation', String(org), '--name', '张伟', '--password-stdin', '--db', s.db], 'zhang-wei-passw0rd\n');
  const users = (await api('/api/v1/users?limit=50')).json.items;
  wang = users.find((u) => u.login === 'wang.jing').id;
  const zhang = users.find((u) => u.login === 'zhang.wei').id;
  main = (await api('/api/v1/tickets', { method: 'POST', body: { kind: 'incident', title: '服务器宕机', organisation_id: org, group_id: line1, requester_id: zhang } })).json;
  dup = (await api('/api/v1/tickets', { method: 'POST', body: { kind: 'incident', title: '机房服务器无法访问', organisation_id: org } })).json;
  // A request from the catalogue that wang.jing approves.
  const service = (await api('/api/v1/catalogue/services', { method: 'POST', body: { code: 'access', name_zh: '权限申请', name_en: 'Access' } })).json;
  const item = (await api('/api/v1/catalogue/items', { method: 'POST', body: {
    service_id: service.id, code: 'vpn', name_zh: 'VPN 账号', name_en: 'VPN account',
    approvals: [{ label_zh: '部门经理', label_en: 'Department manager', rule: 'any', approvers: [{ type: 'user', user_id: wang }] }],
  } })).json;
  request = (await api('/api/v1/tickets', { method: 'POST', body: { kind: 'request', catalogue_item_id: item.id, form: {}, organisation_id: org } })).json;
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('the ticket page', () => {
  test('attachments: chosen (chunked, with progress), dropped and pasted; images inline (zh-CN)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.goto(`${s.base}/tickets/${main.id}`);
    const box = page.getByTestId('attachments');
    await box.getByText('暂无附件').waitFor();

    // Chosen with the button's file input: 150 KB in three chunks.
    const chunks = [];
    page.on('request', (r) => { if (r.method() === 'PUT' && /\/chunks\/\d+$/.test(r.url())) chunks.push(r.url()); });
    await page.getByTestId('attachment-input').setInputFiles({ name: '故障截图.png', mimeType: 'image/png', buffer: BIG_PNG });
    await box.getByTestId('attachment-download').getByText('故障截图.png').waitFor();
    assert.equal(chunks.length, 3);
    await box.getByTestId('attachment-image').first().waitFor();
    assert.ok(await box.getByTestId('attachment-image').first().evaluate((img) => img.complete && img.naturalWidth === 1), 'the inline image loads under the CSP');

    // Dropped (an internal log file) and pasted (a screenshot).
    await page.getByTestId('attachment-visibility').getByText('内部').click();
    await page.getByTestId('attachment-drop').evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['2026-11-22 10:00 link down\n'], 'switch.log', { type: 'text/plain' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await box.getByTestId('attachment-download').filter({ hasText: 'switch.log' }).waitFor();
    await page.getByTestId('attachment-visibility').getByText('公开').click();
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG.toString('base64'));
    await box.getByTestId('attachment-download').filter({ hasText: /paste-\d{14}\.png/ }).waitFor();
    assert.equal(await box.getByTestId('attachment').count(), 3);
    const stored = (await api(`/api/v1/tickets/${main.id}/attachments`)).json.items;
    assert.deepEqual(stored.map((a) => [a.visibility, a.size]), [['public', BIG_PNG.length], ['internal', 27], ['public', PNG.length]]);

    // A forbidden type: the row says why, nothing is stored.
    await page.getByTestId('attachment-input').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.getByTestId('upload-error').waitFor();
    assert.equal((await api(`/api/v1/tickets/${main.id}/attachments`)).json.items.length, 3);
    await screenshot(page, 'ticket-page-attachments-zh-desktop');

    // Removing one asks first; the row and the record lose it, the audit log keeps it.
    const pasted = box.getByTestId('attachment').filter({ hasText: /paste-\d{14}\.png/ });
    await pasted.getByTestId('attachment-remove').click();
    await page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '删除' }).click();
    await pasted.waitFor({ state: 'detached' });
    assert.equal((await api(`/api/v1/tickets/${main.id}/attachments`)).json.items.length, 2);
    assertNoProblems(page, /status of (401|404|412|422)/);
  });

  test('a failed chunk is tried again; a failed upload resumes with only the missing chunks (en, phone)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.goto(`${s.base}/tickets/${main.id}`);
    const box = page.getByTestId('attachments');
    await page.getByTestId('attachment-drop').waitFor();
    const chunks = [];
    page.on('request', (r) => { if (r.method() === 'PUT' && /\/chunks\/\d+$/.test(r.url())) chunks.push(Number(r.url().split('/').pop())); });
    const content = async (name) => {
      const a = (await api(`/api/v1/tickets/${main.id}/attachments`)).json.items.find((x) => x.filename === name);
      return (await api(a.download_url)).text;
    };
    const CHUNK1 = /\/api\/v1\/uploads\/\d+\/chunks\/1$/;

    // The network drops chunk 1 once: it is sent again and the file arrives whole.
    const LOG1 = Array.from({ length: 7000 }, (_, i) => `2026-11-22 10:${String(i % 60).padStart(2, '0')} line ${i}`).join('\n');
    let dropped = 0;
    await page.route(CHUNK1, (route) => (dropped++ ? route.continue() : route.abort('failed')));
    await page.getByTestId('attachment-input').setInputFiles({ name: 'network.log', mimeType: 'text/plain', buffer: Buffer.from(LOG1) });
    await box.getByTestId('attachment-download').filter({ hasText: 'network.log' }).waitFor();
    assert.deepEqual(chunks, [0, 1, 1, 2]);
    assert.equal(await content('network.log'), LOG1);
    await page.unroute(CHUNK1);

    // The server keeps failing chunk 1: after the retries the row offers to resume, which sends
    // only what the server lacks.
    const LOG2 = LOG1.replaceAll('line', 'row');
    assert.ok(LOG2.length > 2 * 65536 && LOG1.length <= 3 * 65536, 'three chunks each');
    chunks.length = 0;
    await page.route(CHUNK1, (route) => route.fulfill({
      status: 503, contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'https://fuwu.dev/problems/unavailable', title: 'Service Unavailable', status: 503 }),
    }));
    await page.getByTestId('attachment-input').setInputFiles({ name: 'router.log', mimeType: 'text/plain', buffer: Buffer.from(LOG2) });
    const resume = page.getByTestId('upload-resume');
    await resume.waitFor({ timeout: 15000 });
    assert.deepEqual(chunks, [0, 1, 1, 1, 1]);
    assert.equal(await resume.innerText(), 'Resume');
    await noOverflow(page);
    await page.getByTestId('upload-job').scrollIntoViewIfNeeded();
    await screenshot(page, 'ticket-page-upload-resume-en-phone');
    await page.unroute(CHUNK1);
    chunks.length = 0;
    await resume.focus();
    await page.keyboard.press('Enter');
    await box.getByTestId('attachment-download').filter({ hasText: 'router.log' }).waitFor();
    assert.deepEqual(chunks, [1, 2]);
    assert.equal(await content('router.log'), LOG2);
    assert.equal(await page.getByTestId('upload-job').count(), 0);
    assertNoProblems(page, /status of (401|404|412|503)|ERR_FAILED/);
  });

  test('links by number, escalation with a reason, merge with a confirmation (zh-CN)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd');
    await page.goto(`${s.base}/tickets/${main.id}`);
    const links = page.getByTestId('ticket-links');
    await links.getByText('暂无关联工单').waitFor();
    await page.getByTestId('link-number').fill('INC-1999-000001');
    await page.getByTestId('link-add').click();
    await links.getByText('找不到工单 INC-1999-000001').waitFor();
    await pick(page, 'link-kind', '父工单', '关联类型');
    await page.getByTestId('link-number').fill(dup.number.toLowerCase());
    await page.getByTestId('link-add').click();
    await links.getByTestId('ticket-link-item').getByText(`${dup.number} · 机房服务器无法访问`).waitFor();
    assert.equal((await api(`/api/v1/tickets/${dup.id}/links`)).json.items[0].kind, 'child_of');
    await links.getByTestId('ticket-link-remove').click();
    await page.getByRole('button', { name: '移除关联' }).last().click();
    await links.getByText('暂无关联工单').waitFor();

    // Escalate: only groups of a higher line; the reason becomes an internal note.
    await page.getByTestId('ticket-escalate').click();
    await page.getByTestId('esc-submit').click();
    await page.getByTestId('escalate-dialog').getByText('请填写升级原因').waitFor();
    await pick(page, 'esc-group', '二线 网络组 · 2 线', '目标支持组');
    await page.getByTestId('esc-reason').fill('一线无法恢复，需网络组排查核心交换机');
    await page.getByTestId('esc-submit').click();
    await page.getByText('已升级到 二线 网络组').waitFor();
    await page.getByTestId('ticket-journal').getByText('一线无法恢复，需网络组排查核心交换机').waitFor();
    assert.equal((await api(`/api/v1/tickets/${main.id}`)).json.group_id, line2);

    // Merge the duplicate into this ticket, from the duplicate's page.
    await page.goto(`${s.base}/tickets/${dup.id}`);
    await page.getByTestId('ticket-merge').click();
    await page.getByTestId('merge-into').fill(main.number);
    await page.getByTestId('merge-find').click();
    await page.getByTestId('merge-target').getByText('服务器宕机').waitFor();
    await screenshot(page, 'ticket-page-merge-zh-desktop');
    await page.getByTestId('merge-submit').click();
    await page.getByRole('button', { name: '合并' }).last().click();
    await page.getByText(`已合并到 ${main.number}`, { exact: true }).waitFor();
    await page.getByTestId('ticket-state').getByText('已关闭').waitFor();
    assert.equal((await api(`/api/v1/tickets/${dup.id}`)).json.merged_into_id, main.id);
    assert.equal(await page.getByTestId('ticket-merge').count(), 0, 'a closed ticket offers no merge');
    assertNoProblems(page);
  });

  test('staged approval: the approver rejects only with a comment (en, phone)', async () => {
    const page = await signInAs('wang.jing', 'wang-jing-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.goto(`${s.base}/tickets/${request.id}`);
    const box = page.getByTestId('ticket-approvals');
    await box.getByText('Stage 1 · Department manager').waitFor();
    await box.getByTestId('approval-state').getByText('Pending').waitFor();
    await page.getByTestId('approval-reject').click();
    await box.getByText('Enter a comment to reject').waitFor();
    await page.getByTestId('approval-comment').fill('VPN 账号需由信息安全部审批');
    await noOverflow(page);
    await screenshot(page, 'ticket-page-approval-en-phone');
    await page.getByTestId('approval-reject').click();
    await box.getByTestId('approval-state').getByText('Rejected').waitFor();
    await box.getByText('VPN 账号需由信息安全部审批').waitFor();
    assert.equal(await page.getByTestId('approval-approve').count(), 0, 'decided: no buttons');
    assert.equal((await api(`/api/v1/tickets/${request.id}`)).json.state, 'rejected');
    assertNoProblems(page);
  });

  test('a customer sees public attachments only and none of the agents\' buttons', async () => {
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd');
    await page.goto(`${s.base}/tickets/${main.id}`);
    const box = page.getByTestId('attachments');
    await box.getByText('故障截图.png').waitFor();
    assert.equal(await box.getByText('switch.log').count(), 0);
    for (const id of ['ticket-merge', 'ticket-escalate', 'link-add', 'ticket-approvals', 'attachment-remove']) {
      assert.equal(await page.getByTestId(id).count(), 0, id);
    }
    await screenshot(page, 'ticket-page-portal-zh-desktop');
    assertNoProblems(page);
  });
});
