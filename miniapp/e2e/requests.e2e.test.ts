import type { AccountList, Catalogue, EnterpriseContactList, RequestContext } from '@dangjian/shared';
import { CHINA_OFFSET_MS, callApi, demoToken, visibleText } from './demo';
import { DESKTOP } from './browser';
import { walkFile } from './walk-file';

/*
 * 企业服务 (issue 18) at 390×844: the enterprise contact files a request and follows it; the committee
 * worker routes it from the detail, looks at statistics and departments, the catalogue and rooms, and the
 * temporary branches (also at desktop width); then keeps the enterprise contacts, the catalogue and rooms,
 * exports the list and ends a secondment. Screenshots under .test-results/requests/.
 */

const walk = walkFile('requests');
const { open, look } = walk;
/** Today in China (UTC+8, no daylight saving): the day a secondment ends. */
const chinaToday = () => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

it('a member files a request; the committee routes it; statistics, catalogue, rooms and temporary branches show', async () => {
  const problems: string[] = [];
  // A member files with the park committee (the demo's enterprise contact signs in the same way, by password).
  const contact = await open('member');
  const c = contact.page;
  await c.goto(`${walk.server.baseUrl}/#/packages/requests/pages/mine/index`);
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
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/mine/index`);
  await visibleText(w, '党委受理').click();
  await visibleText(w, '研发费用加计扣除咨询').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-queue')));
  await visibleText(w, '研发费用加计扣除咨询').click();
  await w.locator('.requests__actions').filter({ visible: true }).getByText('分派').first().click();
  await visibleText(w, '税务局').click();
  await w.locator('.requests__actions').filter({ visible: true }).getByText('分派').last().click();
  await visibleText(w, '待受理').first().waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-routed')));

  const { accessToken } = await demoToken(walk.server.baseUrl, 'worker');
  const ctx = (await callApi<RequestContext>(walk.server.baseUrl, accessToken, 'GET', '/requests/context')).data;
  const committeeId = ctx.managedCommittees[0]!.id;
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/manage/index?committeeId=${committeeId}`);
  await visibleText(w, '按承办部门').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-stats')));
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/services/index?committeeId=${committeeId}`);
  await visibleText(w, '党群服务中心一号会议室（30 人）').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-services')));
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/temporary/index?orgId=${committeeId}`);
  await visibleText(w, '智慧园区项目战时党支部').waitFor();
  problems.push(...(await look(w, worker.errors, 'worker-temporary')));

  const desk = await open('worker', DESKTOP);
  await desk.page.goto(`${walk.server.baseUrl}/#/packages/requests/pages/manage/index?committeeId=${committeeId}`);
  await visibleText(desk.page, '按承办部门').waitFor();
  problems.push(...(await look(desk.page, desk.errors, 'desktop-stats')));

  for (const p of [c, w, desk.page]) await p.context().close();
  expect(problems).toEqual([]);
});

it('the committee appoints and revokes an enterprise contact, keeps the catalogue and rooms, exports the list and ends a secondment', async () => {
  const problems: string[] = [];
  const { accessToken } = await demoToken(walk.server.baseUrl, 'worker');
  const api = <T>(method: string, p: string) => callApi<T>(walk.server.baseUrl, accessToken, method, p).then((r) => r.data);
  const committeeId = (await api<RequestContext>('GET', '/requests/context')).managedCommittees[0]!.id;
  const account = (await api<AccountList>('GET', `/requests/accounts?committeeId=${committeeId}&q=`)).items.find((a) => a.name !== '周晓东')!;
  const { page: w, errors } = await open('worker');
  const field = (label: string) => w.locator('.dj-field').filter({ hasText: label }).filter({ visible: true }).first().locator('input');
  const search = (n: number, q: string) =>
    w
      .locator('.dj-search')
      .filter({ visible: true })
      .nth(n)
      .locator('input')
      .fill(q)
      .then(() => w.locator('.dj-search__action').filter({ visible: true }).nth(n).click());

  // Found where a committee worker looks: 企业服务 → 企业联系人.
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/mine/index`);
  await visibleText(w, '企业联系人').click();
  await visibleText(w, '星云科技有限公司 · 星云科技 行政 王经理').waitFor();
  problems.push(...(await look(w, errors, 'worker-contacts')));
  await search(0, '极光');
  await visibleText(w, '极光互动网络有限公司').click();
  await search(1, account.name);
  await w.locator('.requests__chip').filter({ hasText: account.name }).filter({ visible: true }).first().click();
  await visibleText(w, `指定${account.name}为极光互动网络有限公司的联系人`).click();
  const row = `极光互动网络有限公司 · ${account.name}`;
  await visibleText(w, row).waitFor();
  await visibleText(w, '已指定').waitFor({ state: 'hidden' });
  problems.push(...(await look(w, errors, 'worker-contact-appointed')));
  await w.locator('.requests__contact').filter({ hasText: row }).filter({ visible: true }).first().getByText('撤销', { exact: true }).click();
  await w.locator('.taro__modal').getByText('撤销', { exact: true }).filter({ visible: true }).first().click();
  await visibleText(w, '已撤销（1）').waitFor();
  await visibleText(w, '已撤销（1）').scrollIntoViewIfNeeded();
  problems.push(...(await look(w, errors, 'worker-contact-revoked')));
  const contacts = (await api<EnterpriseContactList>('GET', `/requests/contacts?committeeId=${committeeId}`)).items;
  expect(contacts.find((c) => c.user.userId === account.userId)).toMatchObject({ enterprise: { name: '极光互动网络有限公司' }, revokedAt: expect.any(String) });

  // The catalogue and rooms, kept below the published list.
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/services/index?committeeId=${committeeId}`);
  await visibleText(w, '维护服务目录').scrollIntoViewIfNeeded();
  await field('名称').fill('专精特新企业认定辅导');
  await w.locator('.requests__textarea').filter({ visible: true }).locator('textarea').fill('每季度组织一次申报辅导，帮助企业准备认定材料。');
  await field('联系方式').fill('园区企业服务中心 0571-8800 5678');
  await w.locator('.requests__actions').filter({ visible: true }).getByText('发布', { exact: true }).click();
  await w.locator('.requests__contact').filter({ hasText: '专精特新企业认定辅导' }).filter({ visible: true }).first().waitFor();
  await field('会议室').fill('二号会议室');
  await field('地点').fill('党群服务中心 3 楼');
  await field('容纳人数').fill('12');
  await visibleText(w, '添加会议室').click();
  await visibleText(w, '二号会议室（12 人）').waitFor();
  await visibleText(w, '已保存').waitFor({ state: 'hidden' });
  await visibleText(w, '维护服务目录').scrollIntoViewIfNeeded();
  problems.push(...(await look(w, errors, 'worker-catalogue-edit')));
  const cat = await api<Catalogue>('GET', `/services?committeeId=${committeeId}`);
  expect(cat.items.find((i) => i.title === '专精特新企业认定辅导')).toMatchObject({ kind: 'policy', published: true });
  expect(cat.rooms.find((r) => r.name === '二号会议室')).toMatchObject({ capacity: 12, active: true });

  // The committee's list as a spreadsheet, from the statistics page.
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/manage/index?committeeId=${committeeId}`);
  await visibleText(w, '按承办部门').waitFor();
  const exported = w.context().waitForEvent('response', (r) => r.url().includes('/api/v1/requests/export.xlsx?scope=committee'));
  await visibleText(w, '导出诉求清单（Excel）').click();
  const sheet = await exported;
  expect([sheet.status(), sheet.headers()['content-type']]).toEqual([200, expect.stringContaining('spreadsheetml')]);
  for (const p of w.context().pages()) if (p !== w) await p.close().catch(() => undefined);

  // Ending a secondment: the member stays listed with the dates.
  await w.goto(`${walk.server.baseUrl}/#/packages/requests/pages/temporary/index?orgId=${committeeId}`);
  await visibleText(w, '智慧园区项目战时党支部').waitFor();
  await visibleText(w, '结束选派').click();
  // The modal's title says the same: its confirm button is the last match.
  await w.locator('.taro__modal').getByText('结束选派', { exact: true }).filter({ visible: true }).last().click();
  await w
    .getByText(new RegExp(`至 ${chinaToday()}$`))
    .filter({ visible: true })
    .first()
    .waitFor();
  problems.push(...(await look(w, errors, 'worker-temporary-ended')));

  await w.context().close();
  expect(problems).toEqual([]);
});
