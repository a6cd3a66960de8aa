import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { clickUntil, signInAsDemo, visibleText } from './demo';

/*
 * The 三会一课 calendar and the yearly plan (issue 14) against the demo server: the secretary opens the
 * month calendar from 首页 (phone and desktop), sees the C1 gaps and a day's meetings, drafts the year's
 * plan, gives a meeting a topic and reports it upward; the park's organisation worker returns it with a
 * reason. Screenshots in .test-results/calendar-*.png and plan-*.png.
 */

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows the month calendar with its dots, a day’s meetings and the C1 gaps, on a phone and on a desktop', async () => {
  for (const [name, ctx] of [
    ['calendar', PHONE],
    ['calendar-desktop', DESKTOP],
  ] as const) {
    const page = await (await browser.newContext(ctx)).newPage();
    await signInAsDemo(server.baseUrl, page, 'secretary');
    await clickUntil(visibleText(page, '会议日历'), page.locator('.cal__grid').filter({ visible: true }).first());
    await page.locator('.cal-gaps, .cal-meeting, .cal__none').filter({ visible: true }).first().waitFor();
    // The demo branch has a 党课 open for check-in today: today carries a dot and lists it.
    expect(await page.locator('.cal__day--today.cal__day--busy').count()).toBe(1);
    expect(await page.locator('.cal-meeting').filter({ visible: true }).count()).toBeGreaterThan(0);
    // A gap names a required meeting in words ("本月尚未安排：支委会" and the like), never a rule id.
    const gaps = await page.locator('.cal-gap__text').allInnerTexts();
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((g) => /^本(月|季度|半年|年度)(尚未安排|未召开)：/.test(g))).toBe(true);
    await shot(page, name);
    // Last month: the demo's 党员大会 or its 主题党日 lies there, whatever the date.
    await page.getByLabel('上个月').first().click();
    await page.locator('.cal__day--busy').first().click();
    await page.locator('.cal-meeting').filter({ visible: true }).first().waitFor();
    await shot(page, `${name}-previous-month`);
    await page.context().close();
  }
}, 240_000);

it('drafts the yearly plan from C1, reports it upward, and the organisation above returns it with a reason', async () => {
  const sec = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, sec, 'secretary');
  await clickUntil(visibleText(sec, '会议日历'), sec.locator('.cal__grid').filter({ visible: true }).first());
  await visibleText(sec, '年度计划').click();
  const draft = sec
    .getByText(/^起草\d{4}年度计划$/)
    .filter({ visible: true })
    .first();
  await draft.waitFor();
  await draft.click();
  await sec.locator('.plan-month').first().waitFor();
  expect(await sec.locator('.plan-entry').count()).toBeGreaterThan(20);
  await shot(sec, 'plan-draft');
  await sec.locator('.plan-entry__topic input').first().fill('学习《中国共产党支部工作条例（试行）》');
  const saved = sec.waitForResponse((r) => r.url().endsWith('/entries'));
  await visibleText(sec, '保存').click();
  expect((await saved).status()).toBe(200);
  await visibleText(sec, '报上级党组织').click();
  await visibleText(sec, '已报上级').waitFor();
  await sec.locator('.plan__head').scrollIntoViewIfNeeded();
  await shot(sec, 'plan-submitted');
  const planUrl = sec.url();

  const worker = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, worker, 'worker');
  await worker.goto(planUrl);
  await visibleText(worker, '退回修改').click();
  await worker.locator('.dj-prompt textarea').fill('请补充每季度党课的议题');
  await visibleText(worker, '退回').click();
  await visibleText(worker, '已退回').waitFor();
  // The committee reviews; it does not get the branch's editing fields.
  expect(await worker.locator('.plan-entry__topic').count()).toBe(0);
  await worker.locator('.plan__head').scrollIntoViewIfNeeded();
  await shot(worker, 'plan-returned');

  await sec.reload();
  await sec
    .getByText(/请补充每季度党课的议题/)
    .first()
    .waitFor();
  await shot(sec, 'plan-returned-secretary');
  // The compliance view now sets the plan beside what was scheduled and held.
  await visibleText(sec, '对照落实情况').click();
  await sec.locator('.c-matrix__plan').first().waitFor();
  await shot(sec, 'plan-compliance');
  await visibleText(sec, '明细').click();
  await sec.locator('.records__bucket-plan').first().waitFor();
  await shot(sec, 'plan-compliance-detail');
}, 240_000);
