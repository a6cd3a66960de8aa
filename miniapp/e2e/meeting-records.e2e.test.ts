import type { Browser } from 'playwright-core';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { signInAsDemo, visibleText } from './demo';

/*
 * The secretary's records from 会议管理: C1 compliance, attendance rates and C5 review cases (with a
 * scan run now) against the demo server; screenshots in .test-results/records-*.png.
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

it('shows compliance, attendance rates and review cases', async () => {
  const page = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, page, 'secretary');
  await visibleText(page, '会议管理').click();
  await page.locator('.meeting-row, .dj-state--empty').filter({ visible: true }).first().waitFor();
  await shot(page, 'records-list');
  await visibleText(page, '落实情况').click();
  // 三会一课 opens on the branch × meeting-type matrix (总览); the month cards are one tap away (明细).
  await page.locator('.c-matrix, .records__card, .dj-state--empty, .dj-state--error').filter({ visible: true }).first().waitFor();
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
