import type { Me, Member } from '@dangjian/shared';
import { callApi, confirmSheet, demoToken, visibleText } from './demo';
import { walkFile } from './walk-file';

/*
 * 档案更正 at 390×844 (issue 13): the member asks from 我的 to correct their 工作岗位; the secretary opens it
 * from 待办 and approves; the record shows the new value. Every page is screenshotted under
 * .test-results/corrections/ and passes the walk's checks (no raw ids, no overflow, a title bar, no
 * NaN/undefined/null, no console errors).
 */

const walk = walkFile('corrections');
const { open, look } = walk;
const NEW_POST = '党建联络员';

/** Screenshot, then the walk's checks; returns the problems found. */

it('a member asks to correct their record from 我的; the secretary approves it from 待办; the record changes', async () => {
  const problems: string[] = [];
  const member = await open('member');
  const m = member.page;
  await m.goto(`${walk.server.baseUrl}/#/pages/mine/index`);
  await m.locator('[data-menu="corrections"]').filter({ visible: true }).first().click();
  await visibleText(m, '还没有更正申请').waitFor();
  problems.push(...(await look(m, member.errors, 'member-corrections-empty')));

  await visibleText(m, '申请更正档案').click();
  const post = m.locator('.dj-field').filter({ hasText: '工作岗位' }).filter({ visible: true }).locator('input');
  await post.waitFor();
  problems.push(...(await look(m, member.errors, 'member-correction-request')));
  await post.fill(NEW_POST);
  await m.locator('.admin-form__note').filter({ visible: true }).locator('textarea').fill('岗位已调整，见单位通知');
  await visibleText(m, '提交更正申请').click();
  await visibleText(m, '待审核').waitFor();
  await visibleText(m, NEW_POST).waitFor();
  problems.push(...(await look(m, member.errors, 'member-correction-pending')));

  const secretary = await open('secretary');
  const s = secretary.page;
  await s.goto(`${walk.server.baseUrl}/#/packages/todos/pages/index/index`);
  const todo = s.locator('[data-todo="profile-corrections"]').filter({ visible: true }).first();
  await todo.waitFor();
  problems.push(...(await look(s, secretary.errors, 'secretary-todos')));
  await todo.click();
  await visibleText(s, '通过并更新档案').waitFor();
  problems.push(...(await look(s, secretary.errors, 'secretary-correction')));
  await visibleText(s, '通过并更新档案').click();
  await confirmSheet(s);
  await visibleText(s, '已更正').waitFor();
  // The success toast (1.5 s) would cover the record in the screenshot.
  await s.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((e) => e.getClientRects().length === 0 || getComputedStyle(e).opacity === '0'),
  );
  problems.push(...(await look(s, secretary.errors, 'secretary-correction-approved')));

  // The member's record now holds the new 工作岗位; their list shows the request as done.
  const { accessToken } = await demoToken(walk.server.baseUrl, 'member');
  const me = (await callApi<Me>(walk.server.baseUrl, accessToken, 'GET', '/auth/me')).data;
  const record = (await callApi<Member>(walk.server.baseUrl, accessToken, 'GET', '/members/me')).data;
  expect(record).toMatchObject({ id: me.memberId, post: NEW_POST });
  await m.goto(`${walk.server.baseUrl}/#/packages/admin/pages/corrections/index`);
  await visibleText(m, '已更正').waitFor();
  problems.push(...(await look(m, member.errors, 'member-corrections-done')));

  await member.page.context().close();
  await secretary.page.context().close();
  expect(problems).toEqual([]);
});
