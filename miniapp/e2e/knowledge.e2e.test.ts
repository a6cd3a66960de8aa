import type { Browser } from 'playwright-core';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { signInAsDemo, visibleText } from './demo';

/*
 * Issue 14, 党建知识: a committee worker writes and publishes a Q&A in the console (phone and desktop);
 * a member finds it — and the platform's starter Q&A — by typing a phrase from the middle of the text,
 * the phrase highlighted, and opens it. Screenshots in .test-results/knowledge-*.png.
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

it('a worker publishes a Q&A; a member finds it and the starter Q&A by a phrase as they type', async () => {
  const worker = await (await browser.newContext({ ...PHONE, viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false })).newPage();
  await signInAsDemo(server.baseUrl, worker, 'worker');
  await visibleText(worker, '党建知识').click();
  await visibleText(worker, '问答管理').click();
  await visibleText(worker, '新建问答').click();
  await worker.locator('.knowledge__form input').filter({ visible: true }).first().fill('流动党员怎样参加组织生活？');
  await worker
    .locator('.knowledge__form textarea')
    .filter({ visible: true })
    .first()
    .fill('流动党员可以持流动党员活动证，在外出地的党组织参加组织生活，但不在那里参加选举和表决。');
  await shot(worker, 'knowledge-manage-form-desktop');
  const created = worker.waitForResponse((r) => r.url().endsWith('/api/v1/knowledge/qa') && r.request().method() === 'POST');
  await visibleText(worker, '保存').click();
  expect((await created).status()).toBe(201);
  await visibleText(worker, '流动党员怎样参加组织生活？').waitFor();
  await shot(worker, 'knowledge-manage-desktop');
  await worker.setViewportSize({ width: 390, height: 844 });
  await shot(worker, 'knowledge-manage-phone');

  const member = await (await browser.newContext(PHONE)).newPage();
  await signInAsDemo(server.baseUrl, member, 'member');
  await visibleText(member, '党建知识').click();
  await visibleText(member, '常见问答').waitFor();
  await visibleText(member, '入党需要什么条件？').waitFor();
  await shot(member, 'knowledge-index');

  const input = member.locator('.knowledge__search input').filter({ visible: true }).first();
  // A phrase from the middle of the starter answer on 党费: results come while typing, no button pressed.
  await input.pressSequentially('不是分段累进', { delay: 30 });
  const hit = member.locator('.knowledge__row').filter({ hasText: '每月党费怎么计算？' }).filter({ visible: true }).first();
  await hit.waitFor();
  await expect(hit.locator('.knowledge__hit').first().textContent()).resolves.toBe('不是分段累进');
  await shot(member, 'knowledge-search');

  await input.fill('');
  await input.pressSequentially('外出地的党组织', { delay: 30 });
  const mine = member.locator('.knowledge__row').filter({ hasText: '流动党员怎样参加组织生活？' }).filter({ visible: true }).first();
  await mine.waitFor();
  await shot(member, 'knowledge-search-new-qa');
  await mine.click();
  await visibleText(member, /持流动党员活动证/).waitFor();
  await shot(member, 'knowledge-qa');
}, 240_000);
