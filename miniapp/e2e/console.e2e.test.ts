import type { Browser, Page } from 'playwright-core';
import type { Me, ScreenLink } from '@dangjian/shared';
import { DESKTOP, HALL, PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { callApi, demoToken, signInAsDemo, visibleText } from './demo';

/*
 * Issue 15: the committee worker's desktop console at 1280×800 — side navigation, the member table
 * sorted, filtered, paged and with a column chosen (remembered after a reload), the overview's charts —
 * and the hall's 1920×1080 big screen opened by its signed link, checked for overflow; a tampered link
 * is refused. Screenshots in .test-results/console-*.png.
 */

/** HALL_SCREEN_PATH (shared is ESM and e2e files run as CommonJS: types only from there). */
const HALL_SCREEN_PATH = '/packages/console/pages/screen/index';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cells = (page: Page, column: string) =>
  page.evaluate((key) => {
    const head = [...document.querySelectorAll('.dt__row--head .dt__cell')].findIndex((h) => h.getAttribute('data-column') === key);
    return [...document.querySelectorAll('.dt__table > .dt__row:not(.dt__row--head)')].map((r) => r.querySelectorAll('.dt__cell')[head]?.textContent ?? '');
  }, column);
const sorted = (xs: string[], dir: 1 | -1) => [...xs].sort((a, b) => dir * new Intl.Collator('zh-Hans-CN', { numeric: true }).compare(a, b));

it('a committee worker works the member table in the console: side navigation, sort, filter, page, a remembered column choice', async () => {
  const page = await (await browser.newContext(DESKTOP)).newPage();
  await signInAsDemo(server.baseUrl, page, 'worker');
  // 首页 on a desktop offers the console; the phone's tiles do not (checked below).
  await page.locator('[data-entry="console"]').filter({ visible: true }).click();
  await page.locator('.cs-count').first().waitFor();
  await page.locator('[data-chart="党费收缴率"] canvas').first().waitFor();
  await shot(page, 'console-overview');

  await page.locator('[data-nav="members"]').click();
  const table = page.locator('[data-table="members"]');
  await table.waitFor();
  expect(await page.locator('.console__nav').isVisible()).toBe(true);
  expect(await page.locator('.taro-tabbar__tabbar').isVisible()).toBe(false);
  const total = Number(/共 (\d+) 条/.exec((await page.getByTestId('dt-count').textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(20);
  await shot(page, 'console-members');

  // Sort by 姓名: ascending, then descending.
  const nameHead = page.locator('.dt__row--head [data-column="name"]');
  await nameHead.click();
  await expect(nameHead.getAttribute('data-sort')).resolves.toBe('asc');
  const asc = await cells(page, 'name');
  expect(asc).toEqual(sorted(asc, 1));
  await nameHead.click();
  await expect(nameHead.getAttribute('data-sort')).resolves.toBe('desc');
  const desc = await cells(page, 'name');
  expect(desc).toEqual(sorted(desc, -1));

  // Filter 类别 = 预备党员: every row says so, and the count shrinks.
  await page.locator('[data-filter="status"] [data-option="probationary"]').click();
  const statuses = await cells(page, 'status');
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['预备党员']));
  await page.locator('[data-filter="status"] [data-option="all"]').click();

  // Paging: 10 a page, the next page shows other rows.
  await page.locator('[data-page-size="10"]').click();
  const first = await cells(page, 'name');
  expect(first).toHaveLength(10);
  await page.getByTestId('dt-next').click();
  expect(await page.getByTestId('dt-page').textContent()).toBe(`2 / ${Math.ceil(total / 10)}`);
  const second = await cells(page, 'name');
  expect(second.some((n) => first.includes(n))).toBe(false);

  // Column choice: 手机 shown, and still shown after a reload.
  await page.getByTestId('dt-columns').click();
  await page.locator('.dt__menu [data-column="phone"]').click();
  await page.locator('.dt__row--head [data-column="phone"]').waitFor();
  await shot(page, 'console-members-columns');
  await page.reload();
  await page.locator('.dt__row--head [data-column="phone"]').waitFor();
  expect(await page.locator('.dt__row--head [data-column="status"]').isVisible()).toBe(true);

  // The phone keeps its tiles: no console tile at 390 px.
  const phone = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, phone, 'worker');
  expect(await phone.locator('[data-entry="console"]').isVisible()).toBe(false);
});

it('the oversight desk: coverage against its targets and a branch’s indexes as charts, the index ranking, ledger and PDCA as tables', async () => {
  const page = await (await browser.newContext(DESKTOP)).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInAsDemo(server.baseUrl, page, 'worker');
  await page.goto(`${server.baseUrl}/#/packages/console/pages/index/index`);
  // 数据概览: the park's coverage by month against its targets (K2–K4), drawn on a canvas.
  await page.locator('[data-chart="覆盖率走势"] canvas').first().waitFor();
  await visibleText(page, /企业覆盖率走势（\d{4} 年目标：组织 \d+%、工作 \d+%）/).waitFor();
  await shot(page, 'console-overview-coverage');
  await page.locator('[data-panel="coverage"]').scrollIntoViewIfNeeded();
  await shot(page, 'console-overview-coverage-panel');

  // 指数分析: the top branch's trends and radar (K5), why a score is what it is, the ranking table.
  await page.locator('[data-nav="indexes"]').click();
  await page.locator('[data-chart="五个指数走势"] canvas').first().waitFor();
  await page.locator('[data-chart="五个指数雷达图"] canvas').first().waitFor();
  await page.locator('.cs-why__summary').first().waitFor();
  const ranking = page.locator('[data-table="indexes"]');
  await ranking.waitFor();
  const names = await cells(page, 'org');
  expect(names.length).toBeGreaterThan(1);
  await shot(page, 'console-indexes');
  // A row shows that branch's charts.
  await page.locator('.dt__table > .dt__row:not(.dt__row--head)').nth(1).locator('.dt__cell').nth(1).click();
  await visibleText(page, `${names[1]} 五个指数走势`).waitFor();
  // Sorted by 活力 descending, the column reads in order.
  const vitality = page.locator('.dt__row--head [data-column="vitality"]');
  await vitality.click();
  await vitality.click();
  const scores = (await cells(page, 'vitality')).map(Number).filter((n) => !Number.isNaN(n));
  expect(scores.length).toBeGreaterThan(1);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await page.locator('[data-panel="index-why"]').scrollIntoViewIfNeeded();
  await shot(page, 'console-indexes-why');

  // 企业台账 as a table: filtered to the enterprises no organisation covers.
  await page.locator('[data-nav="ledger"]').click();
  await page.locator('[data-table="ledger"]').waitFor();
  await page.locator('[data-filter="coverage"] [data-option="none"]').click();
  const coverage = await cells(page, 'coverage');
  expect(coverage.length).toBeGreaterThan(0);
  expect(new Set(coverage)).toEqual(new Set(['未覆盖']));
  await shot(page, 'console-ledger');

  // 企业指数 (K5 per enterprise): each ledger enterprise with the scores of the organisation covering it.
  await page.locator('[data-nav="enterprises"]').click();
  await page.locator('[data-table="enterprises"]').waitFor();
  await page.locator('[data-filter="source"] [data-option="own"]').click();
  const sources = await cells(page, 'source');
  expect(sources.length).toBeGreaterThan(0);
  expect(new Set(sources)).toEqual(new Set(['本企业党组织']));
  await page.locator('[data-filter="source"] [data-option="all"]').click();
  await shot(page, 'console-enterprise-indexes');

  // PDCA 考评: the committee's plans.
  await page.locator('[data-nav="pdca"]').click();
  await page.locator('[data-table="pdca"]').waitFor();
  await shot(page, 'console-pdca');

  // A branch secretary's 数据概览 shows their own branch's five indexes: the trend and the radar.
  const branch = await (await browser.newContext(DESKTOP)).newPage();
  branch.on('pageerror', (e) => errors.push(e.message));
  await signInAsDemo(server.baseUrl, branch, 'secretary');
  await branch.goto(`${server.baseUrl}/#/packages/console/pages/index/index`);
  await branch.locator('[data-chart="五个指数雷达图"] canvas').first().waitFor();
  await branch.locator('[data-chart="五个指数走势"] canvas').first().waitFor();
  await branch.locator('[data-panel="index-radar"]').scrollIntoViewIfNeeded();
  await shot(branch, 'console-overview-branch');
  expect(errors).toEqual([]);
});

it('the hall big screen opens by its signed link at 1920×1080 without overflow; a tampered link is refused', async () => {
  const token = (await demoToken(server.baseUrl, 'worker')).accessToken;
  const me = await callApi<Me>(server.baseUrl, token, 'GET', '/auth/me');
  const orgId = me.data.roles.find((r) => r.role === 'org_worker')!.orgId;
  const link = await callApi<ScreenLink>(server.baseUrl, token, 'POST', '/console/hall/link', { orgId });
  expect(link.status).toBe(200);

  const screen = await (await browser.newContext(HALL)).newPage();
  await screen.goto(`${server.baseUrl}/#${HALL_SCREEN_PATH}?orgId=${orgId}&s=${encodeURIComponent(link.data.token)}`);
  await screen.getByTestId('hall').waitFor();
  await visibleText(screen, '实时更新').waitFor();
  await screen.locator('[data-chart="党费收缴率"] canvas').first().waitFor();
  const png = await shot(screen, 'console-hall-1920');
  expect(png.length).toBeGreaterThan(10_000);
  // Nothing spills: the page does not scroll, every panel's content fits, the counts are on one line.
  const overflow = await screen.evaluate(() => {
    const out: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > window.innerWidth || doc.scrollHeight > window.innerHeight) out.push(`page ${doc.scrollWidth}×${doc.scrollHeight}`);
    for (const el of document.querySelectorAll<HTMLElement>('.hall-count, .hall-head, .hall-panel__title'))
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) out.push(`${el.className}: ${el.textContent}`);
    const hall = document.querySelector<HTMLElement>('.hall')!;
    if (hall.getBoundingClientRect().bottom > window.innerHeight + 1) out.push('hall taller than the window');
    return out;
  });
  expect(overflow).toEqual([]);

  const tampered = await (await browser.newContext(HALL)).newPage();
  const real = link.data.token;
  const tamperedToken = `${real.slice(0, -2)}${real.endsWith('xx') ? 'yy' : 'xx'}`;
  await tampered.goto(`${server.baseUrl}/#${HALL_SCREEN_PATH}?orgId=${orgId}&s=${encodeURIComponent(tamperedToken)}`);
  await visibleText(tampered, '大屏链接无效').waitFor();
});
