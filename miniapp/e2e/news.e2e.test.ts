import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Me } from '@dangjian/shared';
import { DESKTOP, PHONE, settle } from './browser';
import { callApi, demoToken, signInAsDemo, visibleText } from './demo';
import { checkPage } from './walk-checks';
import { walkFile } from './walk-file';

/*
 * Issue 14, 党建动态: the demo branch secretary writes news and submits it; the park committee's worker
 * publishes it; the demo member finds it on 首页, opens it, likes it and comments; the comment waits
 * (待审核, seen by its author) until the secretary approves it. At 390×844, every page visited is
 * screenshotted (.test-results/news/) and passes the walk checks (no raw ids, no overflow, a title
 * bar, no NaN/undefined). Also the banner console (phone and desktop) and the study assignment page
 * with its 发展党员 target.
 */

const walk = walkFile('news');
const problems: string[] = [];
/** A 1×1 red PNG. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** Waits for the page's content, screenshots it and records what the walk checks find. */
async function look(page: Page, name: string) {
  await page
    .waitForFunction(() => ![...document.querySelectorAll('.dj-state--loading')].some((e) => e.getBoundingClientRect().height > 0), null, { timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await settle(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(walk.out, `${name}.png`) });
  for (const f of await checkPage(page, { titleBar: true })) problems.push(`${name}: ${f.kind} ${f.detail}`);
}

async function phone(key: string, device: typeof PHONE | typeof DESKTOP = PHONE): Promise<Page> {
  const page = await (await walk.browser.newContext(device)).newPage();
  page.on('pageerror', (e) => problems.push(`${key}: page error ${e.message.slice(0, 200)}`));
  await signInAsDemo(walk.server.baseUrl, page, key);
  return page;
}

const goto = (page: Page, url: string) => page.goto(`${walk.server.baseUrl}/#${url}`);

it('secretary writes → committee publishes → member sees it on 首页, likes and comments → secretary approves the comment', async () => {
  const title = `星云科技党支部开展主题党日活动 ${Date.now() % 10000}`;
  const comment = '活动很有意义，向先进学习！';

  const sec = await phone('secretary');
  await sec.locator('[data-section="news"] .home__card-head').filter({ visible: true }).first().click();
  await visibleText(sec, '写动态').waitFor();
  await look(sec, 'list-secretary');
  await visibleText(sec, '写动态').click();
  await visibleText(sec, '关联活动').waitFor();
  await sec.locator('.dj-field').filter({ hasText: '标题' }).filter({ visible: true }).locator('input').fill(title);
  await sec.locator('.news__textarea').filter({ visible: true }).locator('textarea').fill('支部全体党员重温入党誓词，参观园区党建展厅。\n大家交流了学习体会。');
  await look(sec, 'editor');
  const created = sec.waitForResponse((r) => r.url().endsWith('/api/v1/news') && r.request().method() === 'POST');
  await visibleText(sec, '保存草稿').click();
  expect((await created).status()).toBe(201);
  await visibleText(sec, '提交审核').waitFor();
  await look(sec, 'detail-draft');
  await visibleText(sec, '提交审核').click();
  await visibleText(sec, '待审核').waitFor();
  await look(sec, 'detail-submitted');

  const worker = await phone('worker');
  await goto(worker, '/packages/news/pages/list/index');
  await visibleText(worker, '待我审核').click();
  await visibleText(worker, title).click();
  await visibleText(worker, '审核发布').waitFor();
  await look(worker, 'review-worker');
  const published = worker.waitForResponse((r) => r.url().endsWith('/steps'));
  await visibleText(worker, '审核发布').click();
  expect((await published).status()).toBe(200);
  // The committee's worker has no member record: no like button, the count only; moderates comments.
  await visibleText(worker, '暂无评论').waitFor();
  await look(worker, 'detail-published-worker');

  const member = await phone('member');
  const onHome = member.locator(`[data-home-news="${title}"]`).filter({ visible: true }).first();
  await onHome.waitFor();
  await look(member, 'home-member');
  await onHome.click();
  await visibleText(member, '点赞 0').waitFor();
  await look(member, 'detail-member');
  await visibleText(member, '点赞 0').click();
  await visibleText(member, '已赞 1').waitFor();
  await member.locator('.comment__input').filter({ visible: true }).locator('textarea').fill(comment);
  await visibleText(member, '发表评论').click();
  const mine = member.locator(`[data-comment="${comment}"]`).filter({ visible: true }).first();
  await mine.getByText('待审核').waitFor();
  await look(member, 'detail-member-commented');

  // The branch secretary moderates: the pending comment shows to them with 通过.
  await goto(sec, '/pages/home/index');
  await sec.locator(`[data-home-news="${title}"]`).filter({ visible: true }).first().click();
  const pending = sec.locator(`[data-comment="${comment}"]`).filter({ visible: true }).first();
  await pending.getByText('通过').waitFor();
  await look(sec, 'detail-moderate');
  await pending.getByText('通过').click();
  await pending.getByText('待审核').waitFor({ state: 'hidden' });

  await member.reload();
  await member.locator(`[data-comment="${comment}"]`).filter({ visible: true }).first().waitFor();
  expect(await member.locator(`[data-comment="${comment}"]`).filter({ visible: true }).first().getByText('待审核').count()).toBe(0);
  await look(member, 'detail-member-approved');
  await goto(member, '/packages/news/pages/list/index');
  await visibleText(member, title).waitFor();
  await look(member, 'list-member');

  expect(problems).toEqual([]);
}, 300_000);

it('the banner console (phone and desktop) and the study assignment page with 发展党员 pass the walk checks', async () => {
  problems.length = 0;
  // Two banners of the park committee (one showing, one out of its period), so the console lists both states.
  const { accessToken: wt } = await demoToken(walk.server.baseUrl, 'worker');
  const park = (await callApi<Me>(walk.server.baseUrl, wt, 'GET', '/auth/me')).data.roles[0]!.orgId;
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(PNG_1PX, 'base64')], { type: 'image/png' }), 'banner.png');
  const up = await fetch(`${walk.server.baseUrl}/api/v1/notices/files?orgId=${park}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${wt}` },
    body: form,
  });
  const imageId = ((await up.json()) as { id: string }).id;
  for (const b of [
    { title: '学习贯彻党的二十大精神', sort: 1 },
    { title: '七一建党节主题活动', sort: 2, startsOn: '2030-06-20', endsOn: '2030-07-01' },
  ])
    expect((await callApi(walk.server.baseUrl, wt, 'POST', '/home/banners', { organisationId: park, imageId, ...b })).status).toBe(201);

  for (const [device, suffix] of [
    [PHONE, ''],
    [DESKTOP, '-desktop'],
  ] as const) {
    const worker = await phone('worker', device);
    await goto(worker, '/packages/notices/pages/banners/index');
    await worker.locator('[data-banner-row="七一建党节主题活动"]').filter({ visible: true }).first().waitFor();
    await look(worker, `banners${suffix}`);
  }
  const sec = await phone('secretary');
  const { accessToken } = await demoToken(walk.server.baseUrl, 'secretary');
  const me = (await callApi<Me>(walk.server.baseUrl, accessToken, 'GET', '/auth/me')).data;
  const grant = me.roles.find((g) => g.role !== 'member')!;
  await goto(sec, `/packages/study/pages/assign/index?orgId=${grant.orgId}&orgName=${encodeURIComponent(grant.orgName)}`);
  await visibleText(sec, '发展党员').click();
  await look(sec, 'study-assign-candidates');
  expect(problems).toEqual([]);
}, 180_000);
