import type { Browser } from 'playwright-core';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { callApi, demoToken, signInAsDemo, visibleText } from './demo';

/*
 * Issue 14: a secretary publishes a notice that needs a receipt (回执); a member of the branch sees it on
 * 首页 and acknowledges it with one tap; the secretary's receipt list shows them as acknowledged.
 * Screenshots in .test-results/notices-*.png.
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

it('publishes a notice needing a receipt, the member acknowledges from 首页, the read list shows it', async () => {
  const title = `关于参加七月主题党日的通知 ${Date.now() % 10000}`;
  const sec = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, sec, 'secretary');
  await shot(sec, 'notices-home-secretary');
  await visibleText(sec, '通知公告').click();
  await visibleText(sec, '发布通知').click();
  await sec.locator('.dj-field').filter({ hasText: '标题' }).filter({ visible: true }).locator('input').fill(title);
  await sec
    .locator('.notices__textarea')
    .filter({ visible: true })
    .locator('textarea')
    .fill('请全体党员于7月1日下午2点到三楼会议室参加主题党日活动。\n请阅读后确认。');
  await shot(sec, 'notices-publish');
  const published = sec.waitForResponse((r) => r.url().endsWith('/api/v1/notices') && r.request().method() === 'POST');
  await visibleText(sec, '发布').click();
  expect((await published).status()).toBe(201);
  await visibleText(sec, '阅读情况').waitFor();
  await shot(sec, 'notices-detail-secretary');

  const member = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, member, 'member');
  const onHome = member.locator(`[data-home-notice="${title}"]`).filter({ visible: true }).first();
  await onHome.waitFor();
  await shot(member, 'notices-home-member');
  await onHome.click();
  await visibleText(member, '确认已阅').waitFor();
  await shot(member, 'notices-detail-member');
  const acked = member.waitForResponse((r) => r.url().endsWith('/ack'));
  await visibleText(member, '确认已阅').click();
  expect((await acked).status()).toBe(200);
  await visibleText(member, /您已于 .* 确认/).waitFor();
  await shot(member, 'notices-acked-member');

  await visibleText(sec, '查看回执名单').click();
  await visibleText(sec, /^已确认 1$/).click();
  const me = await callApi<{ displayName: string }>(server.baseUrl, (await demoToken(server.baseUrl, 'member')).accessToken, 'GET', '/auth/me');
  const name = me.data.displayName;
  await sec.locator(`[data-receipt="${name}"]`).filter({ visible: true }).first().waitFor();
  await shot(sec, 'notices-receipts-secretary');
}, 240_000);
