import path from 'node:path';
import type { Page } from 'playwright-core';
import { PHONE, settle } from './browser';
import { chinaYearAt, clickUntil, signInAsDemo } from './demo';
import { checkPage } from './walk-checks';
import { walkFile } from './walk-file';

/*
 * Issue 17, 志愿服务 and 红色直播间, on the demo data at 390×844: the member finds 志愿服务 on 首页, signs up
 * for the full drill (候补), sees their hours; the secretary opens the running activity's rotating code
 * and roster; the member enters the live room, comments (待审核) and sees the host rota. Every page is
 * screenshotted (.test-results/volunteer/) and passes the walk checks.
 */

const walk = walkFile('volunteer');
const problems: string[] = [];

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

async function phone(key: string): Promise<Page> {
  const page = await (await walk.browser.newContext(PHONE)).newPage();
  page.on('pageerror', (e) => problems.push(`${key}: page error ${e.message.slice(0, 200)}`));
  await signInAsDemo(walk.server.baseUrl, page, key);
  return page;
}

const visible = (page: Page, text: string) => page.getByText(text).filter({ visible: true }).first();

it('member signs up (候补 when full) and sees hours; organiser shows the code and roster; the live room takes a comment', async () => {
  const member = await phone('member');
  await visible(member, '志愿服务').click();
  await visible(member, '山地搜救技能演练').waitFor();
  await look(member, 'list');
  await visible(member, '山地搜救技能演练').click();
  await visible(member, '报名候补').click();
  await visible(member, '候补第 2 位').waitFor();
  await look(member, 'activity-waitlisted');

  await member.goto(`${walk.server.baseUrl}/#/packages/volunteer/pages/mine/index`);
  // The demo's river clean-up was ten days before the demo was loaded: in the first days of January
  // it is last year's, one step back.
  const activityYear = chinaYearAt(Date.now() - 10 * 86_400_000);
  if (activityYear < chinaYearAt()) await member.getByLabel('上一年').first().click();
  await visible(member, '河道清洁志愿行动').waitFor();
  await visible(member, '3.5 小时').waitFor();
  await look(member, 'mine');
  await member.getByLabel('上一年').first().click();
  await visible(member, `${activityYear - 1} 年志愿服务`).waitFor();
  await member.getByLabel('下一年').first().click();
  await visible(member, `${activityYear} 年志愿服务`).waitFor();
  await member.goto(`${walk.server.baseUrl}/#/packages/volunteer/pages/teams/index`);
  // The list reloads when it is shown (useDidShow): a click during that re-render can go nowhere.
  await clickUntil(visible(member, '星云科技公益救援队'), visible(member, '王秀兰'));
  await look(member, 'team-leader');

  const sec = await phone('secretary');
  await sec.goto(`${walk.server.baseUrl}/#/packages/volunteer/pages/index/index`);
  await visible(sec, '社区防走失黄手环发放').click();
  await visible(sec, '签到码').click();
  await sec.locator('[data-token]').filter({ visible: true }).first().waitFor();
  await look(sec, 'code');
  await sec.goBack();
  await visible(sec, '报名名单与签到').click();
  await visible(sec, '已签到，未签退').waitFor();
  await look(sec, 'roster');

  await member.goto(`${walk.server.baseUrl}/#/packages/live/pages/index/index`);
  await visible(member, '讲述红色故事：八女投江').click();
  await visible(member, '直播中').waitFor();
  const comment = '八女投江的故事让人泪目';
  await member.locator('.comment__input').filter({ visible: true }).locator('textarea').fill(comment);
  await visible(member, '发表评论').click();
  await member.locator(`[data-comment="${comment}"]`).filter({ visible: true }).first().waitFor();
  await look(member, 'live-room');
  await member.goto(`${walk.server.baseUrl}/#/packages/live/pages/rota/index`);
  await visible(member, '下一位').waitFor();
  await look(member, 'rota');

  expect(problems).toEqual([]);
}, 240_000);
