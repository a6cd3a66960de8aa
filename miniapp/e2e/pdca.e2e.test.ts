import type { Page } from 'playwright-core';
import type { PdcaPlanList } from '@dangjian/shared';
import { DESKTOP, PHONE, settle } from './browser';
import { callApi, confirmSheet, demoToken, visibleText } from './demo';
import { walkFile } from './walk-file';

/*
 * One whole PDCA round (K6, issue 15) on the desktop console at 1280×800: the committee worker plans a
 * task with its rubric for the 星云 branch and two scorers, publishes it; the branch secretary attaches a
 * photo and a meeting and submits; the worker accepts, starts scoring and scores (the platform admin
 * scores too, through the API); the worker fixes the average, reports — the branch lands on the 约谈 list
 * — records the talk and closes the round. Every page is screenshotted under .test-results/pdca/ and
 * passes the walk's checks; the plan and task pages also at 390×844.
 */

const walk = walkFile('pdca');
const { open, look } = walk;
const TITLE = '年终党建工作专项考评';
/** A 1×1 PNG: the photo the secretary attaches. */
const PNG_1PX = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Waits for toasts to go (they would cover the page in the screenshot), screenshots, runs the walk's checks. */

/** Clicks a visible text once the page has slid in (a click during Taro's transition lands elsewhere). */
async function tap(page: Page, text: string): Promise<void> {
  await visibleText(page, text).waitFor();
  await settle(page);
  await visibleText(page, text).click();
}

const input = (page: Page, name: string) => page.locator(`input[name="${name}"], textarea[name="${name}"]`).filter({ visible: true }).first();

it('a whole PDCA round: plan and rubric → submit with evidence → accept → score → report → 约谈 recorded → closed', async () => {
  const problems: string[] = [];
  const worker = await open('worker', DESKTOP);
  const w = worker.page;

  // 党委统筹 + 党群部组织: a plan for the 星云 branch only, scored by 周晓东 (the worker) and the platform admin.
  await w.goto(`${walk.server.baseUrl}/#/packages/pdca/pages/plans/index`);
  await visibleText(w, '党建工作季度考评').waitFor();
  problems.push(...(await look(w, worker.errors, 'plans-desktop', { toastsGone: true })));
  await tap(w, '新建考评任务');
  await input(w, 'title').waitFor();
  await input(w, 'title').fill(TITLE);
  await input(w, 'description').fill('年底前完成组织生活会、民主评议党员，报送全年工作总结。');
  await tap(w, '全不选');
  await w.locator('[data-branch="星云科技有限公司党支部"]').filter({ visible: true }).first().click();
  await w.locator('[data-scorer="周晓东"]').filter({ visible: true }).first().click();
  await w.locator('[data-scorer="平台管理员"]').filter({ visible: true }).first().click();
  problems.push(...(await look(w, worker.errors, 'plan-editor-desktop', { toastsGone: true })));
  await tap(w, '创建草稿');
  await tap(w, '发布给各支部');
  await confirmSheet(w);
  await visibleText(w, '落实中').waitFor();
  problems.push(...(await look(w, worker.errors, 'plan-published-desktop', { toastsGone: true })));
  const planUrl = w.url();

  // 党支部落实: the secretary finds the task in 待办, links a meeting, attaches a photo and submits.
  const secretary = await open('secretary', DESKTOP);
  const s = secretary.page;
  await s.goto(`${walk.server.baseUrl}/#/packages/pdca/pages/tasks/index`);
  await tap(s, `${TITLE} · 星云科技有限公司党支部`);
  await input(s, 'summary').waitFor();
  await input(s, 'summary').fill('召开组织生活会，开展民主评议党员，31 名党员全部参加；全年工作总结已报送。');
  await s.locator('[data-meeting]').filter({ visible: true }).first().click();
  const chooser = s.waitForEvent('filechooser');
  await tap(s, '+ 照片');
  await (await chooser).setFiles({ name: '组织生活会.png', mimeType: 'image/png', buffer: PNG_1PX });
  await s.locator('[data-file="组织生活会.png"]').filter({ visible: true }).first().waitFor();
  problems.push(...(await look(s, secretary.errors, 'task-evidence-desktop', { toastsGone: true })));
  await tap(s, '提交落实情况');
  await visibleText(s, '已提交').waitFor();
  problems.push(...(await look(s, secretary.errors, 'task-submitted-desktop', { toastsGone: true })));

  // The committee accepts, starts scoring and scores.
  await w.goto(planUrl);
  await w.locator('[data-branch="星云科技有限公司党支部"]').filter({ visible: true }).first().click();
  await tap(w, '验收通过');
  await visibleText(w, '已验收').waitFor();
  await w.goto(planUrl);
  await tap(w, '开始考评');
  await confirmSheet(w);
  await visibleText(w, '考评中').waitFor();
  await w.locator('[data-branch="星云科技有限公司党支部"]').filter({ visible: true }).first().click();
  await input(w, 'score-org').waitFor();
  await input(w, 'score-org').fill('22');
  await input(w, 'score-study').fill('15');
  await input(w, 'score-serve').fill('12.5');
  await input(w, 'comment').fill('民主评议材料不全');
  await tap(w, '保存评分');
  await visibleText(w, '更新评分').waitFor();
  problems.push(...(await look(w, worker.errors, 'task-scoring-desktop', { toastsGone: true })));

  // The second scorer, through the API; the page's average is their mean.
  const admin = (await demoToken(walk.server.baseUrl, 'admin')).accessToken;
  const plans = (await callApi<PdcaPlanList>(walk.server.baseUrl, admin, 'GET', '/pdca/plans')).data.items;
  const plan = plans.find((p) => p.title === TITLE)!;
  const taskId = new URL(w.url().replace('/#/', '/')).searchParams.get('id')!;
  const sheet = await callApi(walk.server.baseUrl, admin, 'PUT', `/pdca/assignments/${taskId}/my-score`, {
    scores: { org: 25, study: 16, serve: 14 },
    comment: '',
  });
  expect(sheet.status).toBe(200);
  await w.reload();
  await tap(w, '确定得分（2 人已评）');
  await confirmSheet(w);
  await visibleText(w, '52.25 分').waitFor();

  // 汇报党委: the branch is below 60 → 约谈 list; the talk is recorded; the round closes.
  await w.goto(planUrl);
  await tap(w, '汇报党委');
  await confirmSheet(w);
  await visibleText(w, '已汇报').waitFor();
  await tap(w, '考评结果与约谈');
  await w.locator('[data-talk="星云科技有限公司党支部"]').filter({ visible: true }).first().waitFor();
  problems.push(...(await look(w, worker.errors, 'results-desktop', { toastsGone: true })));
  await w.locator('[data-talk="星云科技有限公司党支部"]').filter({ visible: true }).first().click();
  await input(w, 'attendees').waitFor();
  await input(w, 'attendees').fill('支部书记、党群部周晓东');
  await input(w, 'content').fill('分析民主评议材料不全的原因，要求补齐组织生活会记录。');
  await input(w, 'followUp').fill('一月十五日前补报材料');
  problems.push(...(await look(w, worker.errors, 'talk-form-desktop', { toastsGone: true })));
  await tap(w, '保存约谈记录');
  await visibleText(w, '已约谈').waitFor();
  problems.push(...(await look(w, worker.errors, 'talk-held-desktop', { toastsGone: true })));
  await w.goto(planUrl);
  await tap(w, '结束本轮考评');
  await confirmSheet(w);
  await visibleText(w, '已结束').waitFor();
  problems.push(...(await look(w, worker.errors, 'plan-closed-desktop', { toastsGone: true })));

  // What went upward: the sheet and the PDF.
  const xlsx = await fetch(`${walk.server.baseUrl}/api/v1/pdca/plans/${plan.id}/results.xlsx`, { headers: { Authorization: `Bearer ${admin}` } });
  expect(xlsx.status).toBe(200);
  const pdf = await fetch(`${walk.server.baseUrl}/api/v1/pdca/plans/${plan.id}/results.pdf`, { headers: { Authorization: `Bearer ${admin}` } });
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // The branch sees its score, the sheets and the recorded talk — on the phone too.
  const phone = await open('secretary', PHONE);
  await phone.page.goto(`${walk.server.baseUrl}/#/packages/pdca/pages/task/index?id=${taskId}`);
  await visibleText(phone.page, '已约谈').waitFor();
  problems.push(...(await look(phone.page, phone.errors, 'task-branch-phone', { toastsGone: true })));
  const workerPhone = await open('worker', PHONE);
  await workerPhone.page.goto(planUrl);
  await visibleText(workerPhone.page, '已结束').waitFor();
  problems.push(...(await look(workerPhone.page, workerPhone.errors, 'plan-closed-phone', { toastsGone: true })));

  expect(problems).toEqual([]);
});
