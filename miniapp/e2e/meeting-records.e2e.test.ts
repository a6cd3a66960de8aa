import type { Browser, Page } from 'playwright-core';
import type { DemoUser } from '@dangjian/shared';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';

/*
 * The secretary's records from 会议管理: C1 compliance, attendance rates and C5 review cases (with a
 * scan run now) against the demo server; screenshots in .test-results/records-*.png.
 */

let server: RunningServer;
let browser: Browser;
const visibleText = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true }).first();

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows compliance, attendance rates and review cases', async () => {
  const page = await (await browser.newContext(PHONE)).newPage();
  const users = (await (await fetch(`${server.baseUrl}/api/v1/auth/demo-users`)).json()) as DemoUser[];
  const user = users.find((u) => u.key === 'secretary')!;
  await page.goto(`${server.baseUrl}/`);
  await page.getByText(user.description).first().click();
  await visibleText(page, '常用功能').waitFor();
  await visibleText(page, '会议管理').click();
  await page.locator('.meeting-row, .dj-state--empty').filter({ visible: true }).first().waitFor();
  await shot(page, 'records-list');
  await visibleText(page, '落实情况').click();
  await page.locator('.records__card, .dj-state--empty, .dj-state--error').filter({ visible: true }).first().waitFor();
  await shot(page, 'records-compliance');
  await page.goBack();
  await visibleText(page, '参会率').click();
  await page.locator('.records__card, .dj-state--empty, .dj-state--error').filter({ visible: true }).first().waitFor();
  await shot(page, 'records-rate');
  await page.goBack();
  await visibleText(page, '审查事项').click();
  await page.locator('.records__card, .dj-state--empty, .dj-state--error').filter({ visible: true }).first().waitFor();
  await shot(page, 'records-cases');
  const scan = page.waitForResponse((r) => r.url().endsWith('/review-cases/scan'));
  await visibleText(page, '立即检查').click();
  expect((await scan).status()).toBe(200);
  await page.waitForTimeout(800);
  await shot(page, 'records-cases-after-scan');
}, 180_000);
