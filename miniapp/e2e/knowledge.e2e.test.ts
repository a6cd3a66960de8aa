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

it('reads a regulation chapter by chapter and opens an article from a search hit (API answers stubbed with test text)', async () => {
  // The demo park ships no regulation text (it is imported from the official wording); these pages are
  // shown with made-up test text through stubbed answers.
  const collection = {
    id: '11111111-1111-4111-8111-111111111111',
    name: '测试规章（非真实条文）',
    shortName: '测试规章',
    issuedBy: '测试用',
    source: '浏览器测试',
    articleCount: 3,
  };
  const articles = [
    { id: '22222222-2222-4222-8222-222222222221', number: '第一条', text: '本测试规章用于检验阅读页面，其中的文字均为虚构的示例文本。' },
    { id: '22222222-2222-4222-8222-222222222222', number: '第二条', text: '甲方应当每月整理台账，并在月底前把整理好的台账交给乙方核对。' },
    { id: '22222222-2222-4222-8222-222222222223', number: '第三条', text: '本规章自测试开始之日起施行。' },
  ];
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.route('**/api/v1/knowledge/collections', (r) => r.fulfill({ json: [collection] }));
  await page.route(`**/api/v1/knowledge/collections/${collection.id}`, (r) =>
    r.fulfill({
      json: {
        ...collection,
        chapters: [
          { id: '33333333-3333-4333-8333-333333333331', number: '第一章', title: '总则', articles: articles.slice(0, 2) },
          { id: '33333333-3333-4333-8333-333333333332', number: '第二章', title: '附则', articles: articles.slice(2) },
        ],
      },
    }),
  );
  await page.route('**/api/v1/knowledge/search?*', (r) =>
    r.fulfill({
      json: {
        items: [
          {
            kind: 'article',
            id: articles[1]!.id,
            title: '《测试规章》第二条',
            titleParts: [{ text: '《测试规章》第二条', hit: false }],
            snippet: [
              { text: '甲方应当每月整理台账，并在', hit: false },
              { text: '月底前把整理好', hit: true },
              { text: '的台账交给乙方核对。', hit: false },
            ],
          },
        ],
        total: 1,
        totalCapped: false,
        page: 1,
        pageSize: 20,
      },
    }),
  );
  await page.route(`**/api/v1/knowledge/articles/${articles[1]!.id}`, (r) =>
    r.fulfill({
      json: {
        ...articles[1]!,
        collectionId: collection.id,
        collectionName: collection.name,
        collectionShortName: '测试规章',
        chapterNumber: '第一章',
        chapterTitle: '总则',
      },
    }),
  );
  await signInAsDemo(server.baseUrl, page, 'member');
  await visibleText(page, '党建知识').click();
  await visibleText(page, collection.name).click();
  await visibleText(page, '第二章 附则').waitFor();
  await shot(page, 'knowledge-collection');
  await page.goBack();
  await page.locator('.knowledge__search input').filter({ visible: true }).first().pressSequentially('月底前把整理好', { delay: 30 });
  await page.locator('.knowledge__row').filter({ hasText: '《测试规章》第二条' }).filter({ visible: true }).first().click();
  await visibleText(page, '阅读《测试规章》全文 ›').waitFor();
  await shot(page, 'knowledge-article');
}, 240_000);
