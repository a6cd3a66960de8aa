import type { Browser, Page } from 'playwright-core';
import type { DemoUser, FeePayment, LetterVerifyResult, Member, Page as ResultPage, Transfer, TransferFees, TransferQueuePage } from '@dangjian/shared';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { confirmSheet, visibleText } from './demo';

/*
 * Issue 6's browser test: a member of an enterprise branch of the park committee applies to move to
 * another committee on the platform (paying this month's fee first, T3); the sending branch agrees,
 * the sending committee approves and issues the letter (T4), which the receiving side verifies by
 * its QR link; the receiving committee accepts and assigns a branch (T5); the member reports and the
 * new branch's secretary finds them in the member list. One browser context per person, each a
 * 375×812 phone. (The e2e runs as CommonJS: types only from shared.)
 */

const PHONE_375 = { ...PHONE, viewport: { width: 375, height: 812 } } as const;
const TO_COMMITTEE = '高新区数字经济产业园联合党委';
const TO_BRANCH = '数智未来科技有限公司党支部';

let server: RunningServer;
let browser: Browser;
let users: DemoUser[];
const pages = new Map<string, Page>();

/** Each person's own phone (browser context), signed in once. */
async function phoneOf(key: string): Promise<Page> {
  const known = pages.get(key);
  if (known) return known;
  const user = users.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}: ${users.map((u) => u.key).join(', ')}`);
  const ctx = await browser.newContext(PHONE_375);
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/`);
  await page.getByText(user.description).first().click();
  await visibleText(page, '常用功能').waitFor();
  pages.set(key, page);
  return page;
}

const home = async (page: Page) => {
  await page.goto(`${server.baseUrl}/`);
  await visibleText(page, '常用功能').waitFor();
};

/** Taro H5's own modal (showModal): its confirm button. */
const confirmModal = (page: Page) => page.locator('.taro__modal').getByText('确定', { exact: true }).filter({ visible: true }).first().click();

/** Waits until Taro's toast (e.g. 已报到) has left the screen, so it does not cover a screenshot. */
const toastGone = (page: Page) =>
  page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((e) => e.getClientRects().length === 0 || getComputedStyle(e).opacity === '0'),
  );

/** Opens the first 待办 of the person's desk and waits for the transfer's detail. */
async function openFromTodo(page: Page, transferId: string, shotName: string): Promise<void> {
  await home(page);
  const queue = page.waitForResponse((r) => r.url().includes('/api/v1/transfers/queue?') && r.request().method() === 'GET');
  await visibleText(page, '转接办理').click();
  const q = (await (await queue).json()) as TransferQueuePage;
  expect(q.counts.todo).toBeGreaterThanOrEqual(1);
  expect(q.items.map((t) => t.id)).toContain(transferId);
  await visibleText(page, `待办 ${q.counts.todo}`).waitFor();
  await shot(page, `transfer-queue-${shotName}`);
  await page.locator(`[data-transfer-id="${transferId}"]`).filter({ visible: true }).first().click();
  await visibleText(page, '办理进度').waitFor();
}

/** Clicks a step button, confirms, and returns the transfer the server answered with. */
async function step(page: Page, label: string, confirm: (page: Page) => Promise<void> = confirmModal): Promise<Transfer> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
  await page.locator('.transfer-actions').getByText(label, { exact: true }).filter({ visible: true }).first().click();
  await confirm(page);
  const res = await answer;
  expect(res.status()).toBe(200);
  return (await res.json()) as Transfer;
}

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
  users = (await (await fetch(`${server.baseUrl}/api/v1/auth/demo-users`)).json()) as DemoUser[];
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('relationship transfer (H5 against the demo server)', () => {
  let transferId = '';
  let memberName = '';
  let verifyUrl = '';

  it('lets the member pay what is owed (T3) and apply to move to another committee of the platform', async () => {
    const page = await phoneOf('member');
    await visibleText(page, '组织关系转接').click();
    await visibleText(page, '没有进行中的转接').waitFor();
    await shot(page, 'transfer-member-home');

    const fees = page.waitForResponse((r) => r.url().includes('/api/v1/transfers/fees-check'));
    await visibleText(page, '申请转接组织关系').click();
    const owed = (await (await fees).json()) as TransferFees;
    // The demo member still owes this month's fee: the notice says so and leads to paying it.
    expect(owed.owedMonths.length).toBeGreaterThan(0);
    await visibleText(page, '未交清').waitFor();
    await shot(page, 'transfer-apply-fees-owed');
    await visibleText(page, '去缴纳党费').click();
    // Every owed month is chosen unless the member taps one (paying from the oldest): the button
    // offers them all, and the confirmation sheet names them before anything is paid.
    const pay = page.locator('.my-fees__pay').filter({ visible: true }).first();
    await pay.waitFor();
    expect(await pay.textContent()).toContain(`（${owed.owedMonths.length}个月）`);
    const paid = page.waitForResponse((r) => r.url().endsWith('/demo-pay'));
    await pay.click();
    await page.locator('.taro__modal').getByText(`共 ${owed.owedMonths.length} 个月`, { exact: false }).filter({ visible: true }).first().waitFor();
    await shot(page, 'transfer-fees-confirm');
    await confirmSheet(page);
    const payRes = await paid;
    expect(payRes.status()).toBe(200);
    // T3: the payment covers exactly the months the transfer found owed.
    const payment = (await payRes.json()) as FeePayment;
    expect(payment.bills.map((b) => b.month).sort()).toEqual([...owed.owedMonths].sort());
    await page
      .getByText(/缴纳成功/)
      .filter({ visible: true })
      .first()
      .waitFor();
    await page.goBack();
    await visibleText(page, '已交清').waitFor();

    await visibleText(page, '请选择本平台党组织').click();
    await page.locator('.transfer-sheet__item').getByText(TO_COMMITTEE, { exact: true }).first().click();
    await page.locator('textarea').filter({ visible: true }).first().fill('工作调动至数智未来科技有限公司');
    await shot(page, 'transfer-apply-form');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST');
    await visibleText(page, '提交申请').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const t = (await res.json()) as Transfer;
    expect(t).toMatchObject({ kind: 'internal', state: 'pending_branch', toOrg: { name: TO_COMMITTEE } });
    transferId = t.id;
    memberName = t.member.name;
    await visibleText(page, '下一步：等待转出党支部办理').waitFor();
    await shot(page, 'transfer-member-applied');
  });

  it('tells the sending branch in 消息 (unread badge on 首页) and opens the transfer from there', async () => {
    const page = await phoneOf('secretary');
    await home(page);
    const badge = page.locator('.home__badge').filter({ visible: true }).first();
    await badge.waitFor();
    expect(Number(await badge.textContent())).toBeGreaterThanOrEqual(1);
    await badge.scrollIntoViewIfNeeded();
    await shot(page, 'transfer-home-badge');
    await visibleText(page, '消息').click();
    const item = page.locator('.transfer-inbox__item--unread').filter({ hasText: memberName }).filter({ visible: true }).first();
    await item.waitFor();
    await shot(page, 'transfer-inbox');
    const read = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/read'));
    await item.click();
    expect((await read).status()).toBeLessThan(300);
    await visibleText(page, '办理进度').waitFor();
    expect(page.url()).toContain(transferId);
  });

  it('lets the sending branch agree from its 待办 queue', async () => {
    const page = await phoneOf('secretary');
    await openFromTodo(page, transferId, 'branch');
    await shot(page, 'transfer-branch-detail');
    const t = await step(page, '党支部同意');
    expect(t.state).toBe('pending_committee');
    await visibleText(page, '待党委审批').waitFor();
  });

  it('lets the sending committee approve and issue the letter (T4), printable as a PDF', async () => {
    const page = await phoneOf('worker');
    await openFromTodo(page, transferId, 'committee');
    const t = await step(page, '党委审批并开具介绍信', async (p) => {
      // The committee confirms the letter's validity (T4: default 30 days).
      const dialog = p.getByRole('dialog', { name: '审批并开具介绍信' });
      expect(await dialog.locator('input').first().inputValue()).toBe('30');
      await shot(p, 'transfer-issue-letter');
      await dialog.getByText('开具介绍信', { exact: true }).click();
    });
    expect(t.state).toBe('letter_issued');
    expect(t.letter).toMatchObject({ validityDays: 30, status: 'valid' });
    verifyUrl = t.letter?.verifyUrl ?? '';
    await visibleText(page, '介绍信').waitFor();
    await visibleText(page, t.letter?.number ?? '').waitFor();
    await shot(page, 'transfer-letter-issued');

    // The new tab opens the token link; headless Chromium hands a PDF to a viewer or a download (the
    // headless shell), so the test fetches the link the tab asked for.
    const asked = page.context().waitForEvent('request', (r) => r.isNavigationRequest() && /letter/.test(r.url()));
    const tab = page.context().waitForEvent('page');
    await visibleText(page, '打印介绍信（PDF）').click();
    const pdfPage = await tab;
    const link = (await asked).url();
    expect(link).toContain('access_token=');
    const res = await page.context().request.get(link);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await pdfPage.close();
  });

  it('lets the receiving side verify the letter by its QR link (T4)', async () => {
    const page = await phoneOf('transfer-worker');
    await page.goto(`${server.baseUrl}/#/transfer/verify`);
    await page.locator('textarea').filter({ visible: true }).first().fill(verifyUrl);
    const checked = page.waitForResponse((r) => r.url().includes('/transfers/letters/verify'));
    await visibleText(page, '查验').click();
    const r = (await (await checked).json()) as LetterVerifyResult;
    expect(r).toMatchObject({ genuine: true, status: 'valid' });
    await visibleText(page, '查验结果').waitFor();
    await visibleText(page, r.statusLabel).waitFor();
    await shot(page, 'transfer-verify-letter');
  });

  it('opens the verify page straight from the QR link, as a phone camera would, without signing in', async () => {
    expect(verifyUrl).toContain('/#/transfer/verify?id=');
    const ctx = await browser.newContext(PHONE_375);
    const page = await ctx.newPage();
    const checked = page.waitForResponse((r) => r.url().includes('/transfers/letters/verify'));
    await page.goto(verifyUrl.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    expect((await (await checked).json()) as LetterVerifyResult).toMatchObject({ genuine: true, status: 'valid' });
    await visibleText(page, '查验结果').waitFor();
    await ctx.close();
  });

  it('lets the receiving committee accept and assign a branch (T5)', async () => {
    const page = await phoneOf('transfer-worker');
    await openFromTodo(page, transferId, 'receiving');
    await shot(page, 'transfer-receiving-detail');
    const answer = page.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
    await page.locator('.transfer-actions').getByText('接收并分配党支部', { exact: true }).filter({ visible: true }).first().click();
    const branch = page.locator('.transfer-sheet__item').getByText(TO_BRANCH, { exact: true }).first();
    await branch.waitFor();
    await shot(page, 'transfer-assign-branch');
    await branch.click();
    const res = await answer;
    expect(res.status()).toBe(200);
    const t = (await res.json()) as Transfer;
    expect(t.state).toBe('accepted');
    expect(t.toOrg?.name).toBe(TO_BRANCH);
    await visibleText(page, '已接收，待报到').waitFor();
  });

  it('lets the receiving committee register a member arriving with a paper letter (inbound) into a branch', async () => {
    const page = await phoneOf('transfer-worker');
    await home(page);
    await visibleText(page, '转接办理').click();
    await visibleText(page, '登记纸质介绍信转入').click();
    const fill = (name: string, value: string) => page.locator(`input[name="${name}"]`).filter({ visible: true }).first().fill(value);
    await fill('fromOrgName', '上海市浦东新区某街道党工委');
    await fill('paperLetterNumber', '〔2026〕第0188号');
    await visibleText(page, '转入党支部').click();
    await page.locator('.transfer-sheet__item').getByText(TO_BRANCH, { exact: true }).first().click();
    await fill('name', '葛明远');
    // Taro's H5 date pickers open on their default value (1990-01-01, 2015-07-01, then the join date): confirm each.
    for (const label of ['出生日期', '入党日期', '转正日期']) {
      await visibleText(page, label).click();
      await page.locator('.weui-picker__action').getByText('确定', { exact: true }).filter({ visible: true }).first().click();
    }
    await shot(page, 'transfer-register-inbound');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST');
    await page.locator('.transfer-submit').getByText('登记转入', { exact: true }).filter({ visible: true }).first().click();
    const res = await created;
    expect(res.status()).toBe(201);
    const t = (await res.json()) as Transfer;
    expect(t).toMatchObject({
      kind: 'inbound',
      state: 'accepted',
      paperLetterNumber: '〔2026〕第0188号',
      member: { name: '葛明远' },
      toOrg: { name: TO_BRANCH },
    });
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({
      member: { birthDate: '1990-01-01', joinDate: '2015-07-01', fullMemberDate: '2015-07-01', status: 'full' },
    });
    await visibleText(page, '已接收，待报到').waitFor();
    await visibleText(page, '〔2026〕第0188号').waitFor();
  });

  it('lets the member report (报到) at the new branch, which completes the transfer', async () => {
    const page = await phoneOf('member');
    await page.goto(`${server.baseUrl}/#/packages/transfer/pages/detail/index?id=${transferId}`);
    await visibleText(page, '已接收，待报到').waitFor();
    const t = await step(page, '报到');
    expect(t.state).toBe('completed');
    await visibleText(page, '已办结').waitFor();
    await toastGone(page);
    await page.locator('.transfer-timeline').filter({ visible: true }).first().scrollIntoViewIfNeeded();
    await shot(page, 'transfer-member-completed');
  });

  it('shows the member in the new branch’s member list', async () => {
    const page = await phoneOf('transfer-secretary');
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && r.status() === 200);
    await visibleText(page, '党员名册').click();
    const body = (await (await listed).json()) as ResultPage<Member>;
    expect(body.items.map((m) => m.name)).toContain(memberName);
    const row = page.locator('.member-row').filter({ hasText: memberName }).filter({ visible: true }).first();
    await row.waitFor();
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'transfer-new-branch-members');
  });
});

describe('return for correction, resubmit and withdraw (T7), at the member’s new branch', () => {
  let transferId = '';

  it('lets the member apply again, now to an organisation elsewhere (outbound, typed name)', async () => {
    const page = await phoneOf('member');
    await page.goto(`${server.baseUrl}/#/packages/transfer/pages/apply/index`);
    await visibleText(page, '转接信息').waitFor();
    await page.getByRole('radio', { name: '转出至系统外' }).filter({ visible: true }).first().click();
    await page.locator('input[name="toOrgName"]').filter({ visible: true }).first().fill('成都市高新区某科技公司党支部');
    await page.locator('textarea').filter({ visible: true }).first().fill('工作调动');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST');
    await visibleText(page, '提交申请').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const t = (await res.json()) as Transfer;
    expect(t).toMatchObject({ kind: 'outbound', state: 'pending_branch', toOrgName: '成都市高新区某科技公司党支部', fromOrg: { name: TO_BRANCH } });
    transferId = t.id;
  });

  it('lets the new branch’s secretary return it with a reason (the dialog refuses an empty one)', async () => {
    const page = await phoneOf('transfer-secretary');
    await openFromTodo(page, transferId, 'new-branch');
    await page.locator('.transfer-actions').getByText('退回修改', { exact: true }).filter({ visible: true }).first().click();
    const dialog = page.getByRole('dialog', { name: '退回修改' });
    const confirm = dialog.locator('.dj-btn').filter({ hasText: '退回修改' }).first();
    // No return without a reason: the confirm button stays off until two characters are typed.
    expect(await confirm.getAttribute('class')).toContain('dj-btn--disabled');
    await dialog.locator('textarea').first().fill('请写明新单位全称和调动时间');
    expect(await confirm.getAttribute('class')).not.toContain('dj-btn--disabled');
    await shot(page, 'transfer-return-reason');
    const answer = page.waitForResponse((r) => r.url().endsWith('/steps'));
    await confirm.click();
    const t = (await (await answer).json()) as Transfer;
    expect(t.state).toBe('returned');
    await visibleText(page, '请写明新单位全称和调动时间').waitFor();
  });

  it('lets the member see why, correct the reason and resubmit, then withdraw', async () => {
    const page = await phoneOf('member');
    await page.goto(`${server.baseUrl}/#/packages/transfer/pages/detail/index?id=${transferId}`);
    await visibleText(page, '已退回修改').waitFor();
    await visibleText(page, '请写明新单位全称和调动时间').waitFor();
    await shot(page, 'transfer-returned');
    await page.locator('.transfer-actions').getByText('修改后重新提交', { exact: true }).filter({ visible: true }).first().click();
    await visibleText(page, '转接申请已退回修改：请写明新单位全称和调动时间').waitFor();
    await page.locator('textarea').filter({ visible: true }).first().fill('2026年12月起调往成都市高新区某科技有限公司工作');
    const answer = page.waitForResponse((r) => r.url().endsWith('/steps'));
    await page.locator('.transfer-submit').getByText('修改后重新提交', { exact: true }).filter({ visible: true }).first().click();
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ action: 'resubmit', edits: { reason: '2026年12月起调往成都市高新区某科技有限公司工作' } });
    expect(((await res.json()) as Transfer).state).toBe('pending_branch');

    await visibleText(page, '待党支部同意').waitFor();
    const t = await step(page, '撤回');
    expect(t.state).toBe('withdrawn');
    await visibleText(page, '已撤回').waitFor();
    await toastGone(page);
    await page.locator('.transfer-timeline').filter({ visible: true }).first().scrollIntoViewIfNeeded();
    await shot(page, 'transfer-withdrawn');
  });
});
