// Satisfaction surveys in Debian's Chromium against a real `fuwu serve`: the template editor shows
// the weight sum live and refuses to save until it is exactly 1; a customer fills in the form in the
// portal; an e-mailed link works without signing in; the report shows score, band, validity and
// charts. Screenshots: docs/screenshots/surveys-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  Server, adminApi, tearDown, assertNoProblems, checkPrerequisites, launchBrowser, newPage, screenshot, signIn, fuwu,
} from './harness.mjs';

checkPrerequisites();

const s = new Server();
const api = adminApi(s);
let browser;
let orgA, orgB;

before(async () => {
  s.setup();
  await s.start();
  orgA = (await api('/api/v1/organisations', { method: 'POST', body: { name: '德阳农机合作社', kind: 'customer' } })).json.id;
  orgB = (await api('/api/v1/organisations', { method: 'POST', body: { name: '绵阳收割队', kind: 'customer' } })).json.id;
  fuwu(['user', 'add', 'li.na', '--role', 'agent', '--name', '李娜', '--password-stdin', '--db', s.db], 'li-na-passw0rd\n');
  fuwu(['user', 'add', 'wang', '--role', 'customer', '--organisation', String(orgA), '--password-stdin', '--db', s.db], 'wang-passw0rd\n');
  browser = await launchBrowser();
});

after(() => tearDown(browser, s));

describe('surveys', () => {
  let campaign;

  test('the editor shows the weight sum live and saves only when it is 1 (zh-CN)', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'li.na', 'li-na-passw0rd');
    await page.getByTestId('nav-survey-templates').click();
    await page.getByRole('heading', { name: '调查问卷模板' }).waitFor();
    await page.getByTestId('survey-template-create').click();
    const dialog = page.getByTestId('survey-template-dialog');
    await dialog.locator('#st-code').fill('annual');
    await dialog.locator('#st-name').fill('年度用户满意度调查');
    for (const [i, [text, weight]] of [['上门售后服务满意程度', '50'], ['产品质量评价', '40']].entries()) {
      await page.getByTestId('survey-add-scale').click();
      await dialog.locator(`#sq-${i}-text`).fill(text);
      await dialog.locator(`#sq-${i}-weight`).fill(weight);
      await dialog.locator(`#sq-${i}-weight`).blur();
    }
    const sum = page.getByTestId('survey-weight-sum');
    await sum.getByText('0.90').first().waitFor();
    await screenshot(page, 'surveys-template-editor-zh');
    await page.getByTestId('survey-template-save').click();
    await dialog.getByText('必须正好为 1').first().waitFor();
    assert.equal(await dialog.isVisible(), true);
    assert.equal(Number(s.sql('SELECT COUNT(*) FROM survey_templates')), 0);
    const second = dialog.locator('#sq-1-weight');
    await second.fill('50');
    await second.blur();
    await sum.getByText('权重合计为 1, 可以保存').waitFor();
    await page.getByTestId('survey-template-save').click();
    await page.getByTestId('survey-template-table').getByText('年度用户满意度调查').waitFor();
    const tpl = (await api('/api/v1/surveys/templates')).json.items[0];
    assert.deepEqual(tpl.questions.map((q) => q.weight_bp), [5000, 5000]);
    campaign = (await api('/api/v1/surveys/campaigns', { method: 'POST', body: { template_id: tpl.id, name_zh: '2026 年度调查', channel: 'portal', population: { kind: 'organisations', ids: [orgA, orgB] } } })).json;
    assertNoProblems(page);
  });

  test('a customer fills in the form in the portal', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'wang', 'wang-passw0rd');
    await page.getByTestId('nav-survey-mine').click();
    await page.getByTestId('survey-fill').click();
    const form = page.getByTestId('survey-form');
    await form.waitFor();
    await page.getByTestId('survey-submit').click();
    await form.getByText('请回答所有评分题').first().waitFor();
    const [first, second] = (await api('/api/v1/surveys/templates')).json.items[0].questions;
    await page.getByTestId(`survey-answer-${first.key}`).getByText('5', { exact: true }).click();
    await page.getByTestId(`survey-answer-${second.key}`).getByText('4', { exact: true }).click();
    await screenshot(page, 'surveys-form-zh');
    await page.getByTestId('survey-submit').click();
    // (1 + .75) / 2 = 87.5 %: 满意.
    await page.getByTestId('survey-thanks').getByText('87.5%').waitFor();
    await page.getByTestId('survey-thanks').getByText('满意').waitFor();
    assertNoProblems(page);
  });

  test('an e-mailed link opens the form without signing in (en)', async () => {
    const inv = (await api(`/api/v1/surveys/campaigns/${campaign.id}/invitations`)).json.items.find((i) => i.organisation_id === orgB);
    const page = await newPage(browser, { locale: 'en' });
    await page.goto(s.base + inv.link);
    const [first, second] = (await api('/api/v1/surveys/templates')).json.items[0].questions;
    await page.getByTestId(`survey-answer-${first.key}`).getByText('1', { exact: true }).click();
    await page.getByTestId(`survey-answer-${second.key}`).getByText('2', { exact: true }).click();
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').getByText('12.5 %').waitFor();
    assertNoProblems(page);
  });

  test('the report: score, band, validity and charts', async () => {
    const page = await newPage(browser);
    await signIn(page, s.base, 'li.na', 'li-na-passw0rd');
    await page.getByTestId('nav-survey-campaigns').click();
    await page.getByTestId('survey-campaign-table').getByText('2 / 2').waitFor();
    await page.getByTestId('survey-campaign-link').first().click();
    await page.getByRole('heading', { name: '顾客满意度分析报告' }).waitFor();
    // (87.5 + 12.5) / 2 = 50 %: 不满意; 2 of 2 returned: valid.
    await page.getByTestId('survey-report-score').getByText('50').waitFor();
    assert.equal(await page.getByTestId('survey-report-band').innerText(), '不满意');
    await page.getByTestId('survey-report-validity').getByText('有效').waitFor();
    await page.getByTestId('survey-report-per-question').locator('canvas').first().waitFor();
    assert.match(await page.getByTestId('survey-report-pdf').getAttribute('href'), /^\/api\/v1\/surveys\/campaigns\/\d+\/report\.pdf\?lang=zh-CN$/);
    await page.waitForTimeout(600);
    await screenshot(page, 'surveys-report-zh');
    assertNoProblems(page);
  });
});
