import jsQR from 'jsqr';
import { DESKTOP, PHONE } from './browser';
import { chinaYearAt, visibleText } from './demo';
import { decodePng } from './png';
import { walkFile } from './walk-file';

/*
 * Issue 17's member card and points at 390×844: the demo member opens 党员名片; the QR on the screen
 * is decoded from a screenshot (jsQR) and opened in a fresh browser with no account — the public
 * verify page says 真实有效 and shows the public view the member chose (P1), no phone or ID. Then the
 * points page with the rule behind each entry, the rules editor (also at 1280×800) and the deductions
 * page for the worker. Every page is screenshotted under .test-results/card/ and passes the walk's checks.
 */

const walk = walkFile('card');
const { open, look } = walk;

it('the card QR, read from the screen by jsQR, opens the public verify page without an account: 真实有效 and the chosen public view', async () => {
  const problems: string[] = [];
  const member = await open('member');
  const m = member.page;
  await m.goto(`${walk.server.baseUrl}/#/packages/card/pages/mine/index`);
  await m.locator('[data-testid="card-qr"]').filter({ visible: true }).first().waitFor();
  const name = (await m.locator('[data-testid="card-name"]').filter({ visible: true }).first().textContent())!.trim();
  await visibleText(m, '党员先锋岗·研发中心').waitFor();
  problems.push(...(await look(m, member.errors, '1-my-card')));

  const png = await m.screenshot();
  const { data, width, height } = decodePng(png);
  const url = jsQR(data, width, height)?.data ?? '';
  expect(url).toMatch(new RegExp(`^${walk.server.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/#/card/verify\\?t=c1\\.`));

  // A stranger's phone: no sign-in, straight from the camera's link.
  const stranger = await open(null);
  await stranger.page.goto(url);
  const verdict = stranger.page.locator('[data-testid="card-verdict"]').filter({ visible: true }).first();
  await verdict.waitFor();
  expect(await verdict.getAttribute('data-verdict')).toBe('current');
  await visibleText(stranger.page, '真实有效').waitFor();
  await visibleText(stranger.page, name).waitFor();
  await visibleText(stranger.page, '2025 年度优秀共产党员').waitFor();
  const body = await stranger.page.locator('body').innerText();
  expect(body).not.toMatch(/1[3-9]\d\*{4}\d{4}|\d{6}\*+\d{3}[\dX]/);
  expect(body).not.toContain('志愿时长');
  problems.push(...(await look(stranger.page, stranger.errors, '2-public-verify')));

  // A tampered link says so and names nobody.
  await stranger.page.goto(url.replace(/.(?=$)/, (c) => (c === 'A' ? 'B' : 'A')));
  await stranger.page.reload();
  await visibleText(stranger.page, '无法核验').waitFor();
  expect(await stranger.page.locator('body').innerText()).not.toContain(name);
  problems.push(...(await look(stranger.page, stranger.errors, '3-public-verify-tampered')));

  await m.goto(`${walk.server.baseUrl}/#/packages/card/pages/privacy/index`);
  await visibleText(m, '另外公开').waitFor();
  problems.push(...(await look(m, member.errors, '4-card-privacy')));

  await m.goto(`${walk.server.baseUrl}/#/packages/points/pages/index/index`);
  await m.locator('[data-testid="year-total"]').filter({ visible: true }).first().waitFor();
  await m
    .getByText(/规则第 \d+ 版/)
    .filter({ visible: true })
    .first()
    .waitFor();
  problems.push(...(await look(m, member.errors, '5-points-history')));
  await visibleText(m, '本支部排行').click();
  await m.locator('[data-rank]').filter({ visible: true }).first().waitFor();
  problems.push(...(await look(m, member.errors, '6-points-ranking')));
  // A step back to last year's ranking (China's year), and forward again.
  const thisYear = chinaYearAt();
  await m.getByLabel('上一年').first().click();
  await visibleText(m, `${thisYear - 1} 年`).waitFor();
  await m
    .getByText(new RegExp(`· ${thisYear - 1} 年$`))
    .filter({ visible: true })
    .first()
    .waitFor();
  await m.getByLabel('下一年').first().click();
  await m
    .getByText(new RegExp(`· ${thisYear} 年$`))
    .filter({ visible: true })
    .first()
    .waitFor();
  expect(problems).toEqual([]);
});

it('the worker sees the rules with a scheduled version (phone and desktop) and the deduction waiting for approval', async () => {
  const problems: string[] = [];
  for (const [device, tag] of [
    [PHONE, 'phone'],
    [DESKTOP, 'desktop'],
  ] as const) {
    const w = await open('worker', device);
    await w.page.goto(`${walk.server.baseUrl}/#/packages/points/pages/rules/index`);
    await visibleText(w.page, '新增规则版本').waitFor();
    await w.page
      .getByText(/待生效/)
      .filter({ visible: true })
      .first()
      .waitFor();
    problems.push(...(await look(w.page, w.errors, `7-points-rules-${tag}`)));
    if (tag === 'phone') {
      await w.page.goto(`${walk.server.baseUrl}/#/packages/points/pages/deductions/index`);
      await visibleText(w.page, '待审批').waitFor();
      await visibleText(w.page, '批准').waitFor();
      problems.push(...(await look(w.page, w.errors, '8-deductions')));
    }
  }
  expect(problems).toEqual([]);
});
