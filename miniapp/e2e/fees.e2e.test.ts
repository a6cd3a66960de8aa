import type { Browser, BrowserContext } from 'playwright-core';
import type { CollectionReport, FeePayment, FeeStandard, MyFees } from '@dangjian/shared';
import { PHONE, shot, startServerAndBrowser } from './browser';
import type { RunningServer } from './server';
import { callApi, confirmSheet, demoToken, signInAsDemo, visibleText } from './demo';

/*
 * Issue 5's browser test: the branch's fee worker (the demo secretary) has recorded the demo member's
 * base for the year; the member opens 党费缴纳, sees this month's fee and how it was computed, pays
 * through the labelled demo path (H5 has no WeChat Pay), gets a receipt; the secretary's bills show
 * the bill paid and the collection report counts the money. (The e2e runs as CommonJS: types only from shared.)
 */

let server: RunningServer;
let browser: Browser;
let memberCtx: BrowserContext;
let secretaryCtx: BrowserContext;

const api = <T>(token: string, method: string, p: string, body?: unknown) => callApi<T>(server.baseUrl, token, method, p, body);

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
  memberCtx = await browser.newContext(PHONE);
  secretaryCtx = await browser.newContext(PHONE);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('party fees (H5 against the demo server)', () => {
  let payment: FeePayment;
  let currentMonth: string;
  let monthlyFen: number;
  /** The branch's collection this month before the member pays: the demo branch has other payers. */
  let before: CollectionReport;

  it('has the member’s base recorded by the fee worker (6000.00 yuan a month)', async () => {
    const secretary = await demoToken(server.baseUrl, 'secretary');
    const member = await demoToken(server.baseUrl, 'member');
    const memberId = member.me.memberId ?? '';
    expect(memberId).not.toBe('');
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
    // 6000.00 yuan a month → F1: above 5000 up to 10000 → 1.5 % → 90.00 yuan.
    const set = await api<FeeStandard>(secretary.accessToken, 'PUT', `/fees/standards/${memberId}`, { year, category: 'salaried', baseFen: 600000 });
    expect(set.status).toBe(200);
    expect(set.data.monthlyFeeFen).toBe(9000);
    monthlyFen = set.data.monthlyFeeFen;
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const report = await api<CollectionReport>(secretary.accessToken, 'GET', `/fees/reports/collection?orgId=${secretary.me.orgId}&month=${month}`);
    expect(report.status).toBe(200);
    before = report.data;
  });

  it('lets the member see this month’s fee with how it was computed and pay it (demo pay on H5)', async () => {
    const page = await memberCtx.newPage();
    await signInAsDemo(server.baseUrl, page, 'member');
    await shot(page, 'fees-home-member');

    const mine = page.waitForResponse((r) => r.url().endsWith('/api/v1/fees/me') && r.request().method() === 'GET');
    await visibleText(page, '党费缴纳').click();
    const my = (await (await mine).json()) as MyFees;
    currentMonth = my.currentMonth;
    expect(my.onlinePay).toBe('demo');
    expect(my.currentBill?.amountDueFen).toBe(monthlyFen);

    await visibleText(page, '计算方式').waitFor();
    await visibleText(page, '6000.00 元/月').waitFor();
    await visibleText(page, '1.50%').waitFor();
    await visibleText(page, '演示支付，非真实付款').waitFor();
    expect(await page.locator('.my-fees__amount').filter({ visible: true }).textContent()).toBe('¥90.00');
    await shot(page, 'fees-my-fee');
    // The computation's explanation (the 待缴党费 card has its own hint on choosing months).
    await page.locator('.dj-card').filter({ hasText: '计算方式' }).locator('.fee-explain').filter({ visible: true }).scrollIntoViewIfNeeded();
    await shot(page, 'fees-my-fee-computation');

    const payable = my.unpaid.filter((b) => b.payable === 'ok');
    const total = payable.reduce((s, b) => s + b.amountDueFen, 0);
    // Every payable month is chosen unless the member taps one (paying from the oldest): the button
    // offers them all, and the confirmation sheet names them before anything is paid.
    const pay = page.locator('.my-fees__pay').filter({ visible: true }).first();
    expect(await pay.textContent()).toContain(`（${payable.length}个月）`);
    const ordered = page.waitForResponse((r) => r.url().endsWith('/api/v1/fees/online-orders') && r.request().method() === 'POST');
    const paid = page.waitForResponse((r) => r.url().endsWith('/demo-pay'));
    await pay.click();
    await page.locator('.taro__modal').getByText(`共 ${payable.length} 个月`, { exact: false }).filter({ visible: true }).first().waitFor();
    await shot(page, 'fees-confirm');
    await confirmSheet(page);
    expect((await ordered).status()).toBe(201);
    const res = await paid;
    expect(res.status()).toBe(200);
    payment = (await res.json()) as FeePayment;
    expect(payment.status).toBe('paid');
    expect(payment.method).toBe('demo');
    expect(payment.amountFen).toBe(total);
    expect(payment.bills.map((b) => b.month)).toContain(currentMonth);

    await page.getByText(`收据号 ${payment.receiptNo}`, { exact: false }).filter({ visible: true }).first().waitFor();
    const [y, m] = currentMonth.split('-');
    await visibleText(page, `党费已交到 ${y}年${m}月`).waitFor();
    await shot(page, 'fees-paid');

    await visibleText(page, '电子收据').click();
    await page
      .locator('.fee-receipt')
      .filter({ hasText: payment.receiptNo ?? '' })
      .filter({ visible: true })
      .first()
      .waitFor();
    await shot(page, 'fees-receipts');
  });

  it('shows the fee worker (the demo secretary) the bill paid and the money in the collection report', async () => {
    const page = await secretaryCtx.newPage();
    await signInAsDemo(server.baseUrl, page, 'secretary');
    await visibleText(page, '党费管理').click();
    // Only the paid bills (the demo branch has 36 members), then scroll until the list has loaded the
    // member's — by time, not by a count of scrolls: on a loaded machine each page comes slower.
    const paidOnly = page.waitForResponse((r) => r.url().includes('/api/v1/fees/bills?') && r.url().includes('status=paid'));
    await page.locator('.dj-segmented__item').filter({ hasText: '已交' }).filter({ visible: true }).first().click();
    expect((await paidOnly).status()).toBe(200);
    const row = page.locator('.fee-bill').filter({ hasText: payment.member.name }).filter({ visible: true }).first();
    for (const until = Date.now() + 25_000; Date.now() < until && !(await row.isVisible());) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(400);
    }
    await row.waitFor();
    await row.getByText('已交').waitFor();
    await shot(page, 'fees-worker-bills');

    const report = page.waitForResponse((r) => r.url().includes('/api/v1/fees/reports/collection?'));
    await visibleText(page, '收缴统计').click();
    const collection = (await (await report).json()) as CollectionReport;
    expect(collection.month).toBe(currentMonth);
    // This month's collection grew by the member's 90.00 yuan, and the page shows the server's figures.
    expect(collection.total.paidFen).toBe(before.total.paidFen + monthlyFen);
    expect(collection.total.paid).toBe(before.total.paid + 1);
    const paidCell = page.locator('.fee-report__paid').filter({ visible: true }).first();
    await paidCell.waitFor();
    const fen = collection.total.paidFen;
    expect(await paidCell.textContent()).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
    expect(await page.locator('.fee-report__rate').filter({ visible: true }).first().textContent()).toMatch(/^\d{1,3}\.\d{2}%$/);
    await shot(page, 'fees-worker-report');

    await page.goBack();
    await visibleText(page, '欠交名单').click();
    await page.locator('.fee-arrears__row, .dj-state--empty').filter({ visible: true }).first().waitFor();
    await shot(page, 'fees-worker-arrears');
  });
  it('lets the fee worker open a member’s standard, save it, see the server’s computation, and generate this month’s bills', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signInAsDemo(server.baseUrl, page, 'secretary');
    await visibleText(page, '党费管理').click();
    await visibleText(page, '基数与生成账单').click();
    const row = page.locator('.fee-standard-row').filter({ visible: true }).first();
    await row.waitFor();
    await shot(page, 'fees-worker-standards');
    await row.click();
    await visibleText(page, '当前标准').waitFor();
    const base = page.locator('input[name="amount"]').filter({ visible: true }).first();
    await base.fill('6000.00'); // 6000.00 yuan → F1 1.5 % → 90.00 yuan
    const put = page.waitForResponse((r) => r.url().includes('/api/v1/fees/standards/') && r.request().method() === 'PUT');
    await visibleText(page, '保存').click();
    const saved = (await (await put).json()) as FeeStandard;
    expect(JSON.parse((await put).request().postData() ?? '{}')).toMatchObject({ category: 'salaried', baseFen: 600000 });
    expect(saved.monthlyFeeFen).toBe(9000);
    await visibleText(page, '保存结果：服务器计算的党费').waitFor();
    await page.getByText(saved.computation.explanation, { exact: true }).filter({ visible: true }).first().waitFor();
    await shot(page, 'fees-worker-standard-saved');

    await page.goBack();
    const gen = page.waitForResponse((r) => r.url().includes('/api/v1/fees/bills/generate'));
    await page.locator('.fee-generate').filter({ visible: true }).first().click();
    await page.getByText('确定', { exact: true }).filter({ visible: true }).first().click(); // Taro H5's own modal
    expect((await gen).status()).toBe(200);
    await page
      .getByText(/新生成 \d+ 张账单/)
      .filter({ visible: true })
      .first()
      .waitFor();
    await shot(page, 'fees-worker-generated');
    await ctx.close();
  });
});

describe('party fees without online payment (WECHATPAY_OFF, a committee before its merchant account)', () => {
  let off: { server: RunningServer; browser: Browser } | undefined;
  afterAll(async () => {
    await off?.browser.close();
    await off?.server.stop();
  });

  it('tells the member to pay the branch and offers no payment', async () => {
    off = await startServerAndBrowser({ env: { WECHATPAY_OFF: 'true' } });
    const ctx = await off.browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signInAsDemo(off.server.baseUrl, page, 'member');
    const mine = page.waitForResponse((r) => r.url().endsWith('/api/v1/fees/me') && r.request().method() === 'GET');
    await visibleText(page, '党费缴纳').click();
    const my = (await (await mine).json()) as MyFees;
    expect(my.onlinePay).toBe('unavailable');
    await visibleText(page, '暂未开通线上缴纳，请向支部组织委员交纳').waitFor();
    // No pay button, and no months to choose for a payment that cannot be made here.
    expect(await page.locator('.my-fees__pay, .fee-check').filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.fee-row').filter({ visible: true }).count()).toBe(my.unpaid.length);
    await shot(page, 'fees-online-off');
    await ctx.close();
  });
});
