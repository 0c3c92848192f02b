// Customer care in Debian's Chromium against a real `fuwu serve`: an agent records a complaint
// and walks it through the flow of seed 004 §5.1.18 to closure with the step buttons (closing too
// early is refused with the missing items named), then opens the customer's archive.
// Screenshots: docs/screenshots/crm-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, launchBrowser, newPage, screenshot, signIn, fuwu } from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser;

before(async () => {
  s.setup();
  await s.start();
  await api('/api/v1/organisations', { method: 'POST', body: { name: '德阳农机合作社', kind: 'customer' } });
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

async function takeStep(page, name, fill = async () => {}) {
  await page.getByTestId(`step-${name}`).click();
  const dialog = page.getByTestId('step-dialog');
  await dialog.waitFor();
  await fill(dialog);
  await page.getByTestId('step-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('complaints', () => {
  test('an agent records a complaint and walks it to closure (zh-CN)', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'li.na', 'li-na-passw0rd');
    await page.waitForURL(/\/tickets$/);
    await page.getByTestId('nav-complaints').click();
    await page.getByRole('heading', { name: '投诉' }).waitFor();
    await page.getByTestId('complaint-create').click();
    await page.getByTestId('complaint-dialog').waitFor();
    await page.getByTestId('complaint-org').click();
    await page.getByRole('option', { name: '德阳农机合作社' }).click();
    await page.getByTestId('complaint-description').fill('工程师未按预约时间上门');
    await page.getByTestId('complaint-save').click();
    await page.waitForURL(/\/complaints\/\d+$/);
    await page.getByTestId('complaint-page').waitFor();
    await page.getByTestId('complaint-countdown').getByText(/剩余/).waitFor();
    await screenshot(page, 'crm-complaint-received');

    await takeStep(page, 'accept', async (d) => {
      await d.getByTestId('person-picker').click();
      await page.getByRole('option', { name: /李娜/ }).click();
    });
    await page.getByTestId('complaint-state').getByText('已转服务部负责人').waitFor();
    await takeStep(page, 'establish_cause', (d) => d.getByTestId('step-field-cause').fill('预约时间未同步给工程师'));
    await takeStep(page, 'request_support', (d) => d.getByTestId('step-field-support_request').fill('请总部调整派工系统'));
    await takeStep(page, 'propose_remedy', (d) => d.getByTestId('step-field-remedy').fill('次日上门并免收上门费'));
    await takeStep(page, 'customer_agrees');
    await takeStep(page, 'carry_out', (d) => d.getByTestId('step-field-solution').fill('已上门修复，上门费已免'));

    // Not informed yet: no close button; the flow offers "inform the customer".
    assert.equal(await page.getByTestId('step-close').count(), 0);
    await takeStep(page, 'inform_customer');
    // Closing without an improvement action is refused, naming it.
    await page.getByTestId('step-close').click();
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-dialog').locator('.el-form-item__error').first().waitFor();
    await page.getByTestId('step-field-improvement_action').fill('预约信息自动推送给工程师');
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('complaint-state').getByText('已关闭').waitFor();
    await page.getByTestId('complaint-countdown').getByText('按期关闭').waitFor();
    await page.getByTestId('complaint-flow').getByText('预约信息自动推送给工程师').waitFor();
    await screenshot(page, 'crm-complaint-closed');

    // The customer's archive lists the complaint.
    await page.getByRole('link', { name: '德阳农机合作社' }).click();
    await page.getByTestId('archive-page').waitFor();
    await page.getByTestId('archive-complete').getByText('档案不完整').waitFor();
    await page.getByTestId('archive-records').getByText(/投诉 \(1\)/).click();
    await page.getByTestId('archive-records').getByText(/CMP-\d{4}-\d{6}/).waitFor();
    await screenshot(page, 'crm-archive');
    assertNoProblems(page, /status of (401|404|412|422)/);
  });
});
