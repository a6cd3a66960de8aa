import path from 'node:path';
import type { Page } from 'playwright-core';
import type { MemberCard } from '@dangjian/shared';
import { PHONE, settle } from './browser';
import { callApi, demoToken, signInAsDemo } from './demo';
import { checkPage } from './walk-checks';
import { walkFile } from './walk-file';

/*
 * Issue 17, the organisers' side at 390×844: the secretary creates a volunteer team, registers a 群众
 * with consent and a Party member, schedules an activity and signs a volunteer up for it; schedules a
 * 红色直播间 class with a chosen host, edits the host rota, sees the close panel of a finished class;
 * grants a 先锋岗 and records a duty, which the member then sees on the card. Every page is
 * screenshotted (.test-results/organiser/) and passes the walk checks.
 */

const walk = walkFile('organiser');
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

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true }).first();
const field = (page: Page, name: string) => page.locator(`input[name="${name}"]`).filter({ visible: true }).first();
const button = (page: Page, text: string) => page.locator('.dj-btn').filter({ hasText: text }).filter({ visible: true }).first();
const textarea = (page: Page, cls: string) => page.locator(`.${cls}`).filter({ visible: true }).first().locator('textarea');

it('the secretary creates a team, registers volunteers, schedules an activity and signs a 群众 up', async () => {
  const sec = await phone('secretary');
  await sec.goto(`${walk.server.baseUrl}/#/packages/volunteer/pages/teams/index`);
  await button(sec, '新建服务队').click();
  await field(sec, 'name').fill('幸福里敬老服务队');
  await textarea(sec, 'vol__textarea').fill('每月探访社区独居老人，陪伴聊天、代购生活用品');
  await look(sec, 'team-new');
  await button(sec, '创建服务队').click();
  await visible(sec, '登记群众志愿者').waitFor();

  await sec.locator('.vol__input').filter({ visible: true }).nth(0).locator('input').fill('赵桂芳');
  await sec.locator('.vol__input').filter({ visible: true }).nth(1).locator('input').fill('13800001111');
  await sec.locator('.vol__sub').filter({ hasText: '本人已同意' }).filter({ visible: true }).first().locator('taro-checkbox-core, input').first().click();
  await button(sec, '加入队伍').click();
  await sec.locator('[data-volunteer="赵桂芳"]').filter({ visible: true }).first().waitFor();
  await button(sec, '添加党员队员').click();
  await sec.locator('.member-picker__item').filter({ visible: true }).first().waitFor();
  await look(sec, 'team-member-picker');
  await sec.locator('.member-picker__item').filter({ visible: true }).first().click();
  await sec.locator('.vol__tags').filter({ hasText: '党员' }).filter({ visible: true }).first().waitFor();
  await look(sec, 'team-manage');
  await button(sec, '编辑').click();
  await textarea(sec, 'vol__textarea').fill('每月探访社区独居老人，陪伴聊天、代购生活用品、测量血压');
  await look(sec, 'team-edit');
  await button(sec, '保存').click();
  await sec.getByText('测量血压').filter({ visible: true }).first().waitFor();

  await button(sec, '发起活动').click();
  await field(sec, 'title').fill('重阳节探访独居老人');
  await field(sec, 'place').fill('幸福里社区服务站');
  await field(sec, 'capacity').fill('6');
  await textarea(sec, 'vol__textarea').fill('上午 9 点服务站集合，统一佩戴志愿者马甲');
  await look(sec, 'activity-new');
  await button(sec, '发布活动').click();
  await visible(sec, '重阳节探访独居老人').waitFor();
  await visible(sec, '取消活动').waitFor();
  await look(sec, 'activity-organiser');

  await button(sec, '报名名单与签到').click();
  await visible(sec, '暂无报名').waitFor();
  await button(sec, '为队员报名').click();
  await sec.locator('.weui-picker__action').getByText('确定', { exact: true }).filter({ visible: true }).first().click();
  await sec.locator('[data-roster]').filter({ visible: true }).first().waitFor();
  await look(sec, 'roster-added');

  // A running activity of the demo team: report and photos are offered after the start.
  await sec.goto(`${walk.server.baseUrl}/#/packages/volunteer/pages/index/index`);
  await visible(sec, '社区防走失黄手环发放').click();
  await textarea(sec, 'vol__textarea').fill('发放黄手环 40 个，登记老人信息 38 份。');
  await button(sec, '保存总结').click();
  await sec.locator('.vol__sub').filter({ hasText: '发放黄手环 40 个' }).filter({ visible: true }).first().waitFor();
  await look(sec, 'activity-report');
  expect(problems).toEqual([]);
}, 240_000);

it('the secretary schedules a live class, edits the rota and sees the close panel of a finished class', async () => {
  const sec = await phone('secretary');
  await sec.goto(`${walk.server.baseUrl}/#/packages/live/pages/index/index`);
  await button(sec, '安排直播课').click();
  await field(sec, 'topic').fill('重温入党誓词：我的入党故事');
  await visible(sec, '按轮值表的下一位').click();
  await sec.locator('.member-picker__item').filter({ visible: true }).first().click();
  await field(sec, 'streamUrl').fill('https://live.example.cn/dangjian/oath.m3u8');
  await look(sec, 'live-new');
  await button(sec, '安排直播课').click();
  await visible(sec, '直播尚未开始').waitFor();
  await look(sec, 'live-room-new');

  await sec.goto(`${walk.server.baseUrl}/#/packages/live/pages/rota/index`);
  await sec.locator('[data-host]').filter({ visible: true }).first().waitFor();
  await sec.locator('.live__link').filter({ hasText: '上移' }).filter({ visible: true }).first().click();
  await button(sec, '保存轮值表').click();
  await visible(sec, '下一位').waitFor();
  await look(sec, 'live-rota-edit');

  // A class that ended yesterday: the organiser's close panel (upload the recording, credit the host).
  const { accessToken } = await demoToken(walk.server.baseUrl, 'secretary');
  const classes = await callApi<{ items: Array<{ orgId: string; host: { memberId: string } }> }>(walk.server.baseUrl, accessToken, 'GET', '/live-classes');
  const any = classes.data.items[0]!;
  const day = new Date(Date.now() - 26 * 3600_000);
  const past = await callApi<{ id: string }>(walk.server.baseUrl, accessToken, 'POST', '/live-classes', {
    orgId: any.orgId,
    topic: '党史中的今天',
    startsAt: day.toISOString(),
    endsAt: new Date(day.getTime() + 3600_000).toISOString(),
    hostMemberId: any.host.memberId,
    streamKind: 'hls',
    streamUrl: 'https://live.example.cn/dangjian/today.m3u8',
  });
  expect(past.status).toBe(201);
  await sec.goto(`${walk.server.baseUrl}/#/packages/live/pages/room/index?id=${past.data.id}`);
  await visible(sec, '上传回放视频').waitFor();
  await look(sec, 'live-close');
  expect(problems).toEqual([]);
}, 240_000);

it('the secretary grants a 先锋岗 and records a duty; the member sees them on the card and adds a photo', async () => {
  const member = await demoToken(walk.server.baseUrl, 'member');
  const card = await callApi<MemberCard>(walk.server.baseUrl, member.accessToken, 'GET', '/card/me');
  const sec = await phone('secretary');
  await sec.goto(`${walk.server.baseUrl}/#/packages/admin/pages/member-detail/index?id=${card.data.memberId}`);
  await button(sec, '先锋岗与荣誉').click();
  await sec.locator('[data-distinction="党员先锋岗·研发中心"]').filter({ visible: true }).first().waitFor();
  await visible(sec, '记录履职').click();
  await field(sec, 'note').fill('组织研发中心党员开展技术攻关');
  await button(sec, '记录并计入积分').click();
  await sec.locator('.distinction__duty').filter({ hasText: '组织研发中心党员开展技术攻关' }).filter({ visible: true }).first().waitFor();
  await field(sec, 'title').fill('党员先锋岗·客户服务');
  await button(sec, '授予').click();
  await sec.locator('[data-distinction="党员先锋岗·客户服务"]').filter({ visible: true }).first().waitFor();
  await look(sec, 'distinctions');

  const m = await phone('member');
  await m.goto(`${walk.server.baseUrl}/#/packages/card/pages/mine/index`);
  await m.getByText('党员先锋岗·客户服务').filter({ visible: true }).first().waitFor();
  // The member's own photo (P1): any PNG will do — a piece of this very page.
  const png = await m.screenshot({ clip: { x: 120, y: 140, width: 160, height: 160 } });
  const chooser = m.waitForEvent('filechooser');
  await button(m, '上传照片').click();
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
  await m.locator('[data-testid="card-photo"]').filter({ visible: true }).first().waitFor();
  await button(m, '更换照片').waitFor();
  await look(m, 'card-with-post-and-photo');
  expect(problems).toEqual([]);
}, 240_000);
