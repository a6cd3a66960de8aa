import type { Browser, Page } from 'playwright-core';
import type { DemoUser, DevRecord } from '@dangjian/shared';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { visibleText } from './demo';

/*
 * Issue 16's browser test: someone who is not yet a member applies to the 星云科技 branch on their
 * phone (step 1); the branch secretary finds them on the pipeline board and records the talk (2),
 * the 支委会's selection as activist (3), the filing (4) and a contact (5); the applicant then sees
 * stage 2 (入党积极分子) with the next assessment's deadline. One phone (390×844) per person.
 */

const BRANCH = '星云科技有限公司党支部';
let server: RunningServer;
let browser: Browser;
let users: DemoUser[];
const pages = new Map<string, Page>();

/** A valid GB 11643 national ID (the server checks the check digit, the birth date and the sex). */
function nationalId(birthDate: string, male: boolean, seq: number): string {
  const body = `330106${birthDate.replaceAll('-', '')}${String(seq * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[weights.reduce((a, w, i) => a + w * Number(body[i]), 0) % 11];
}

async function phoneOf(key: string): Promise<Page> {
  const known = pages.get(key);
  if (known) return known;
  const user = users.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`${server.baseUrl}/`);
  // The applicant holds no grant, so their description is the generic 演示账号: pick by key.
  await page.locator(`[data-key="${key}"]`).first().click();
  await visibleText(page, '常用功能').waitFor();
  pages.set(key, page);
  return page;
}

const fill = (page: Page, name: string, value: string) => page.locator(`input[name="${name}"]`).filter({ visible: true }).first().fill(value);

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
  users = (await (await fetch(`${server.baseUrl}/api/v1/auth/demo-users`)).json()) as DemoUser[];
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an applicant applies and a secretary takes them through stage 2 (steps 1–5)', async () => {
  // ---- The applicant: 首页 → 入党申请 → the form.
  const a = await phoneOf('applicant');
  await visibleText(a, '入党申请').click();
  await visibleText(a, '递交入党申请书').waitFor();
  await fill(a, 'branchQuery', '星云');
  await visibleText(a, '查找党支部').click();
  await visibleText(a, BRANCH).click();
  await fill(a, 'name', '林小峰');
  await fill(a, 'birthDate', '1998-04-02');
  await fill(a, 'nationalId', nationalId('1998-04-02', true, 17));
  await shot(a, 'develop-apply-form');
  const applied = a.waitForResponse((r) => r.url().endsWith('/api/v1/development') && r.request().method() === 'POST');
  await visibleText(a, '递交申请').click();
  const rec = (await (await applied).json()) as DevRecord;
  expect(rec).toMatchObject({ state: 'applied', stage: 'applicant', branch: { name: BRANCH } });
  await visibleText(a, '由党支部办理').waitFor();
  await visibleText(a, '2. 党组织派人谈话').waitFor();
  await shot(a, 'develop-applicant-stage1');

  // ---- The secretary: 首页 → 发展党员 (the board) → the applicant → steps 2–5.
  const s = await phoneOf('secretary');
  await visibleText(s, '发展党员').click();
  await visibleText(s, '申请入党（1）').waitFor();
  await shot(s, 'develop-board');
  await visibleText(s, '林小峰').click();
  await visibleText(s, '办理下一步').waitFor();
  const step = async (label: string, note: string, pick?: (p: Page) => Promise<void>) => {
    await visibleText(s, label).click();
    if (note) await fill(s, 'note', note);
    if (pick) await pick(s);
    const done = s.waitForResponse((r) => r.url().includes(`/api/v1/development/${rec.id}/steps`));
    await visibleText(s, '办理').click();
    const res = await done;
    expect([label, res.status()]).toEqual([label, 200]);
  };
  await step('2. 党组织派人谈话', '谈话了解入党动机，态度端正');
  await step('3. 确定入党积极分子', '支委会研究同意');
  await step('4. 报上级党委备案（积极分子）', '');
  await shot(s, 'develop-detail-secretary');
  // The first full member of the branch offered as a contact.
  await step('5. 指定培养联系人', '', (p) => p.locator('.dev-people .dev-choice__item').filter({ visible: true }).first().click());
  await visibleText(s, '入党积极分子（培养考察中）').waitFor();

  // ---- The applicant sees stage 2 and the half-yearly assessment's deadline.
  await a.reload();
  await visibleText(a, '林小峰 · 入党积极分子（培养考察中）').waitFor();
  await visibleText(a, '下次培养考察').waitFor();
  await shot(a, 'develop-applicant-stage2');
  const body = await a.locator('body').innerText();
  expect(body).not.toMatch(/undefined|NaN|D\d+-/);
});
