// Raising requests from the service catalogue in Debian's Chromium against a real `fuwu serve`: the
// portal's catalogue page and the console's create dialog render an item's versioned form (all
// seven field types, required and conditional fields), show the server's 422 `form/<field>`
// problems on their field, and the priority comes from the CONFIGURED matrix, not the default.
// Screenshots: docs/screenshots/catalogue-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, noOverflow, pick, launchBrowser, screenshot, signedInPage, fuwu, PHONE,
  unlabelledControls,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser, org, zhang, item;
const signInAs = (login, password, opts) => signedInPage(browser, s.base, login, password, opts);

const FORM = {
  fields: [
    { name: 'model', type: 'select', label_zh: '型号', label_en: 'Model', required: true,
      options: [{ value: 'standard', label_zh: '标准型', label_en: 'Standard' }, { value: 'workstation', label_zh: '工作站', label_en: 'Workstation' }] },
    { name: 'memory_gb', type: 'number', label_zh: '内存 (GB)', label_en: 'Memory (GB)', min: 8, max: 64, integer: true },
    { name: 'needed_by', type: 'date', label_zh: '需要日期', label_en: 'Needed by', help_zh: '最早三个工作日后', help_en: 'Three working days at the earliest' },
    { name: 'cost_owner', type: 'user', label_zh: '成本负责人', label_en: 'Cost owner', required: true, shown_when: { field: 'model', values: ['workstation'] } },
    { name: 'reason', type: 'text', label_zh: '申请原因', label_en: 'Reason', max_length: 2000, required_when: { field: 'model', values: ['workstation'] } },
    { name: 'bill_to', type: 'organisation', label_zh: '费用承担单位', label_en: 'Billed to' },
    { name: 'old_asset', type: 'configuration_item', label_zh: '旧设备编号', label_en: 'Old asset tag' },
  ],
};

before(async () => {
  s.setup();
  await s.start();
  org = (await api('/api/v1/organisations', { method: 'POST', body: { name: '华东电力设备有限公司', kind: 'customer' } })).json.id;
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  fuwu(['user', 'add', 'zhang.wei', '--role', 'customer', '--organisation', String(org), '--name', '张伟', '--password-stdin', '--db', s.db], 'zhang-wei-passw0rd\n');
  zhang = (await api('/api/v1/users?q=zhang.wei')).json.items[0].id;
  // A configured matrix: impact 1 × urgency 2 is P1 here (P2 in the default).
  const m = await api('/api/v1/priority-matrix');
  await api('/api/v1/priority-matrix', { method: 'PUT', headers: { 'if-match': m.headers.get('etag') }, body: { cells: [[1, 1, 2], [2, 3, 4], [3, 4, 4]] } });
  const service = (await api('/api/v1/catalogue/services', { method: 'POST', body: { code: 'laptop', name_zh: '办公设备', name_en: 'Office equipment' } })).json;
  item = (await api('/api/v1/catalogue/items', { method: 'POST', body: {
    service_id: service.id, code: 'laptop_new', name_zh: '申请新笔记本电脑', name_en: 'New laptop',
    description_zh: '为新员工或更换申请笔记本电脑', description_en: 'A laptop for a new hire or a replacement',
    impact: 1, urgency: 2, form_schema: FORM,
  } })).json;
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('service catalogue', () => {
  test('a customer requests from the catalogue page: required and conditional fields, the server\'s problem on its field (zh-CN)', async () => {
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd');
    await page.getByTestId('nav-catalogue').click();
    await page.getByTestId('catalogue-item').getByText('申请新笔记本电脑').waitFor();
    await screenshot(page, 'catalogue-zh-desktop');
    await page.getByTestId('catalogue-request-laptop_new').click();
    await page.getByTestId('request-save').click();
    await page.getByTestId('form-field-model').getByText('必填').waitFor();
    assert.equal(await page.getByTestId('form-field-cost_owner').count(), 0, 'hidden until a workstation is chosen');
    await pick(page, 'form-input-model', '工作站', '型号');
    await page.getByTestId('form-field-cost_owner').waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    // Meanwhile an administrator narrows the memory to 32 GB: the dialog still allows 64, the
    // server refuses 48 and says so on the field.
    const current = (await api(`/api/v1/catalogue/items/${item.id}`));
    const narrowed = { fields: FORM.fields.map((f) => (f.name === 'memory_gb' ? { ...f, max: 32 } : f)) };
    await api(`/api/v1/catalogue/items/${item.id}`, { method: 'PATCH', headers: { 'if-match': current.headers.get('etag') }, body: { form_schema: narrowed } });
    await page.locator('#request-memory_gb').fill('48');
    await page.locator('#request-memory_gb').press('Tab');
    await page.getByTestId('form-field-cost_owner').locator('.el-select').click();
    await page.getByRole('listbox', { name: '成本负责人' }).getByRole('option', { name: /张伟/ }).click();
    await page.locator('#request-reason').fill('新入职的设计师需要工作站');
    await page.locator('#request-old_asset').fill('NB-2019-0042');
    await page.getByTestId('request-save').click();
    await page.getByTestId('form-field-memory_gb').locator('.el-form-item__error').waitFor();
    await screenshot(page, 'catalogue-request-zh-desktop');
    await page.locator('#request-memory_gb').fill('32');
    await page.locator('#request-memory_gb').press('Tab');
    await page.getByTestId('request-save').click();
    await page.waitForURL(/\/tickets\/\d+$/);
    const id = Number(page.url().match(/(\d+)$/)[1]);
    await page.getByTestId('ticket-title').getByText('申请新笔记本电脑').waitFor();
    const stored = (await api(`/api/v1/tickets/${id}/form`)).json;
    assert.deepEqual(stored.form, { model: 'workstation', memory_gb: 32, cost_owner: zhang, reason: '新入职的设计师需要工作站', old_asset: 'NB-2019-0042' });
    assert.equal(stored.form_version, 2);
    assert.equal((await api(`/api/v1/tickets/${id}`)).json.priority, 1, 'the configured matrix');
    assertNoProblems(page, /status of (401|404|422)/);
  });

  test('an agent raises it from the console\'s create dialog; the priority shown is the configured one (en)', async () => {
    const page = await signInAs('li.na', 'li-na-passw0rd', { locale: 'en' });
    await page.getByTestId('ticket-create').click();
    // An incident: impact 1 × urgency 2 is P1 in this matrix.
    await pick(page, 'new-ticket-impact', '1 · High', 'Impact');
    await pick(page, 'new-ticket-urgency', '2 · Medium', 'Urgency');
    assert.equal(await page.getByTestId('new-ticket-priority').innerText(), 'P1');
    await page.getByTestId('new-ticket-kind').getByText('Service request').click();
    await pick(page, 'new-ticket-item', 'New laptop', 'Catalogue item');
    await page.getByTestId('request-dialog').getByText('Request: New laptop').waitFor();
    assert.equal(await page.getByTestId('request-priority').innerText(), 'P1');
    await pick(page, 'request-org', '华东电力设备有限公司', 'Organisation');
    await pick(page, 'form-input-model', 'Standard', 'Model');
    await page.locator('#request-memory_gb').fill('16');
    await pick(page, 'form-input-bill_to', '华东电力设备有限公司', 'Billed to');
    await page.getByTestId('request-title').fill('New laptop for 王芳');
    await page.getByTestId('request-save').click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByTestId('ticket-title').getByText('New laptop for 王芳').waitFor();
    const id = Number(page.url().match(/(\d+)$/)[1]);
    assert.deepEqual((await api(`/api/v1/tickets/${id}/form`)).json.form, { model: 'standard', memory_gb: 16, bill_to: org });
    assert.equal((await api(`/api/v1/tickets/${id}`)).json.priority, 1);
    assertNoProblems(page);
  });

  test('the catalogue on a phone (en)', async () => {
    const page = await signInAs('zhang.wei', 'zhang-wei-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await page.goto(`${s.base}/catalogue`);
    await page.getByTestId('catalogue-item').getByText('New laptop').waitFor();
    await page.getByTestId('catalogue-request-laptop_new').click();
    await page.getByTestId('form-field-model').waitFor();
    await noOverflow(page);
    await screenshot(page, 'catalogue-en-phone');
    assertNoProblems(page);
  });

  test('an administrator builds a form: fields, options, a condition, a live preview; a new form version (zh-CN)', async () => {
    const page = await signInAs('admin', 'admin-passw0rd');
    await page.goto(`${s.base}/catalogue-admin`);
    await page.getByTestId('catalogue-new-item').click();
    await pick(page, 'cc-service', '办公设备', '所属服务');
    await page.getByTestId('cc-code').fill('vpn_access');
    await page.getByTestId('cc-name-zh').fill('VPN 账号');
    await page.getByTestId('cc-name-en').fill('VPN account');
    await page.getByTestId('cc-save').click();
    const editor = page.getByTestId('catalogue-editor');
    await editor.getByText('表单版本 1').waitFor();

    await page.getByTestId('builder-add-select').click();
    await page.getByTestId('builder-name-0').fill('Access');
    await page.getByTestId('builder-label-zh-0').fill('访问范围');
    await page.getByTestId('builder-label-en-0').fill('Access');
    await page.getByTestId('builder-option-value-0-0').fill('office');
    await page.getByTestId('builder-option-zh-0-0').fill('办公网');
    await page.getByTestId('builder-option-en-0-0').fill('Office network');
    await page.getByTestId('builder-add-option-0').click();
    await page.getByTestId('builder-option-value-0-1').fill('prod');
    await page.getByTestId('builder-option-zh-0-1').fill('生产网');
    await page.getByTestId('builder-option-en-0-1').fill('Production');
    await page.getByTestId('builder-required-0').click();
    await page.getByTestId('builder-add-text').click();
    await page.getByTestId('builder-name-1').fill('justification');
    await page.getByTestId('builder-label-zh-1').fill('申请理由');
    await page.getByTestId('builder-label-en-1').fill('Justification');
    await pick(page, 'builder-shown_when-1', '访问范围', '显示条件');
    await pick(page, 'builder-shown_when-values-1', '生产网', '当取值为');
    await page.getByTestId('builder-shown_when-values-1').getByText('生产网').waitFor();
    await page.keyboard.press('Escape'); // the multiple choice stays open otherwise

    // The preview follows: the justification appears once "production" is chosen.
    const preview = page.getByTestId('builder-preview');
    assert.equal(await preview.getByTestId('form-field-justification').count(), 0);
    await pick(page, 'form-input-Access', '生产网', '访问范围');
    await preview.getByTestId('form-field-justification').waitFor();

    // A bad field name is refused beside the field; nothing is saved.
    await page.getByTestId('catalogue-save').click();
    await page.getByTestId('builder-field-0').getByText('须以小写字母开头').waitFor();
    await page.getByTestId('builder-name-0').fill('access');
    await page.getByTestId('builder-field-0').getByText('须以小写字母开头').waitFor({ state: 'detached' });
    await screenshot(page, 'catalogue-builder-zh-desktop');
    await page.getByTestId('catalogue-save').click();
    await page.getByText('已保存（表单版本 2）').waitFor();
    const saved = (await api('/api/v1/catalogue/items?include_inactive=true')).json.items.find((i) => i.code === 'vpn_access');
    assert.equal(saved.form_version, 2);
    assert.deepEqual(saved.form_schema.fields.map((f) => [f.name, f.type, f.required ?? false]), [['access', 'select', true], ['justification', 'text', false]]);
    assert.deepEqual(saved.form_schema.fields[1].shown_when, { field: 'access', values: ['prod'] });
    assertNoProblems(page);
  });

  test('an administrator moves an item to another service, limits its audience, and picks approvers by name and role', async () => {
    const from = (await api('/api/v1/catalogue/services', { method: 'POST', body: { code: 'mail', name_zh: '邮件服务', name_en: 'Mail' } })).json;
    await api('/api/v1/catalogue/services', { method: 'POST', body: { code: 'network', name_zh: '网络服务', name_en: 'Network' } });
    const it = (await api('/api/v1/catalogue/items', { method: 'POST', body: { service_id: from.id, code: 'wifi_guest', name_zh: '访客 Wi-Fi', name_en: 'Guest Wi-Fi' } })).json;
    const liNa = (await api('/api/v1/users?q=li.na')).json.items[0].id;
    const page = await signInAs('admin', 'admin-passw0rd');
    await page.goto(`${s.base}/catalogue-admin`);
    await page.getByTestId('catalogue-admin-item-wifi_guest').click();
    const editor = page.getByTestId('catalogue-editor');
    await editor.getByRole('tab', { name: '基本信息' }).click();
    await pick(page, 'ci-service', '网络服务', '所属服务');
    await page.getByTestId('ci-audience-roles').click();
    await page.getByRole('listbox', { name: '可申请的角色' }).getByRole('option', { name: /\(customer\)$/ }).click();
    await page.keyboard.press('Escape');
    await pick(page, 'ci-audience-orgs', '华东电力设备有限公司', '可申请的客户/组织');
    await page.keyboard.press('Escape');

    await editor.getByRole('tab', { name: '审批' }).click();
    await page.getByTestId('stage-add').click();
    await page.getByTestId('stage-label-zh-0').fill('网络组审批');
    await page.getByTestId('stage-label-en-0').fill('Network team');
    await pick(page, 'approver-type-0-0', '指定用户', '审批人');
    await page.getByTestId('approver-user-0-0').click();
    await page.keyboard.type('李娜');
    await page.getByRole('listbox', { name: '指定用户' }).getByRole('option', { name: '李娜 (li.na)', exact: true }).click();
    await page.getByTestId('stage-add-approver-0').click();
    await pick(page, 'approver-type-0-1', '某角色的用户', '审批人');
    await page.getByTestId('approver-role-0-1').click();
    await page.getByRole('listbox', { name: '某角色的用户' }).getByRole('option', { name: /\(agent\)$/ }).click();
    assert.deepEqual(await unlabelledControls(page), []);
    await screenshot(page, 'catalogue-approvers-zh-desktop');
    await page.getByTestId('catalogue-save').click();
    await page.getByText('已保存（表单版本 1）').waitFor();
    const saved = (await api(`/api/v1/catalogue/items/${it.id}`)).json;
    assert.equal(saved.service_code, 'network');
    assert.deepEqual(saved.audience, { roles: ['customer'], organisation_ids: [org] });
    assert.deepEqual(saved.approvals, [{ label_zh: '网络组审批', label_en: 'Network team', rule: 'any', approvers: [{ type: 'user', user_id: liNa }, { type: 'role', role: 'agent' }] }]);
    assertNoProblems(page);

    // On a phone, in English: the approver is shown by name, the page fits.
    const phone = await signInAs('admin', 'admin-passw0rd', { viewport: PHONE, isMobile: true, locale: 'en' });
    await phone.goto(`${s.base}/catalogue-admin`);
    await phone.getByTestId('catalogue-admin-item-wifi_guest').click();
    await phone.getByTestId('catalogue-editor').getByRole('tab', { name: 'Approvals' }).click();
    await phone.getByTestId('approver-user-0-0').getByText('李娜 (li.na)').waitFor();
    await noOverflow(phone);
    await screenshot(phone, 'catalogue-approvers-en-phone');
    assertNoProblems(phone);
  });
});
