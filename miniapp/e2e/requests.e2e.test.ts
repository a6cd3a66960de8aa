import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RequestContext } from '@dangjian/shared';
import { PHONE, RESULTS, settle, startServerAndBrowser } from './browser';
import { callApi, demoToken, signInAsDemo, visibleText } from './demo';
import type { RunningServer } from './server';
import { checkPage } from './walk-checks';

/*
 * 企业服务 (issue 18) at 390×844: the enterprise contact files a request and follows it; the committee
 * worker routes it from the detail, looks at statistics and departments, the catalogue and rooms, and the
 * temporary branches (also at desktop width). Screenshots under .test-results/requests/.
 */

let server: RunningServer;
let browser: Browser;
const OUT = path.join(RESULTS, 'requests');
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(key: string, device: typeof PHONE | typeof DESKTOP = PHONE): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext(device);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await signInAsDemo(server.baseUrl, page, key);
  return { page, errors };
}

async function look(page: Page, errors: string[], name: string): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await settle(page);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  const problems = (await checkPage(page, { titleBar: true })).map((f) => `${name}: ${f.kind} ${f.detail}`);
  problems.push(...errors.map((e) => `${name}: console ${e.slice(0, 200)}`));
  errors.length = 0;
  return problems;
}

it('a member files a request; the committee routes it; statistics, catalogue, rooms and temporary branches show', async () => {
  const problems: string[] = [];
  // A member files with the park committee (the demo's enterprise contact signs in the same way, by password).
  const contact = await open('member');
  const c = contact.page;
  await c.goto(`${server.baseUrl}/#/packages/requests/pages/mine/index`);
  await visibleText(c, '暂无诉求').waitFor();
  problems.push(...(await look(c, contact.errors, 'contact-mine')));
  await visibleText(c, '提交诉求').first().click();
  await visibleText(c, '诉求类别').waitFor();
  await visibleText(c, '融资税费').click();
  await c.locator('.dj-field').filter({ hasText: '标题' }).filter({ visible: true }).locator('input').fill('研发费用加计扣除咨询');
  await c.locator('.requests__textarea').filter({ visible: true }).locator('textarea').fill('今年的研发投入能否加计扣除，需要准备哪些材料？');
  problems.push(...(await look(c, contact.errors, 'contact-new')));
  await c.locator('.requests__actions').filter({ visible: true }).getByText('提交', { exact: true }).click();
  await visibleText(c, '待分派').first().waitFor();
  problems.push(...(await look(c, contact.errors, 'contact-detail')));

  const worker = await open('worker');
  const w = worker.page;
  await w.goto(`${server.baseUrl}/#/packages/requests/pages/mine/index`);
  await visibleText(w, '党委受理').click();
  await visibleText(w, '研发费用加计扣除咨询').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-queue')));
  await visibleText(w, '研发费用加计扣除咨询').click();
  await w.locator('.requests__actions').filter({ visible: true }).getByText('分派').first().click();
  await visibleText(w, '税务局').click();
  await w.locator('.requests__actions').filter({ visible: true }).getByText('分派').last().click();
  await visibleText(w, '待受理').first().waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-routed')));

  const { accessToken } = await demoToken(server.baseUrl, 'worker');
  const ctx = (await callApi<RequestContext>(server.baseUrl, accessToken, 'GET', '/requests/context')).data;
  const committeeId = ctx.managedCommittees[0]!.id;
  await w.goto(`${server.baseUrl}/#/packages/requests/pages/manage/index?committeeId=${committeeId}`);
  await visibleText(w, '按承办部门').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-stats')));
  await w.goto(`${server.baseUrl}/#/packages/requests/pages/services/index?committeeId=${committeeId}`);
  await visibleText(w, '党群服务中心一号会议室（30 人）').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-services')));
  await w.goto(`${server.baseUrl}/#/packages/requests/pages/temporary/index?orgId=${committeeId}`);
  await visibleText(w, '智慧园区项目战时党支部').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-temporary')));

  const desk = await open('worker', DESKTOP);
  await desk.page.goto(`${server.baseUrl}/#/packages/requests/pages/manage/index?committeeId=${committeeId}`);
  await visibleText(desk.page, '按承办部门').waitFor();
  problems.push(...(await look(desk.page, desk.errors, 'desktop-stats')));

  for (const p of [c, w, desk.page]) await p.context().close();
  expect(problems).toEqual([]);
});
