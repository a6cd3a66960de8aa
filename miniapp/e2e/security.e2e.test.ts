import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { connectBrowser, PHONE, RESULTS, settle } from './browser';
import { demoToken, signInAsDemo, visibleText } from './demo';
import { startServer, type RunningServer } from './server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // The demo park takes a while to load on a busy machine.
  server = await startServer(300_000);
  browser = await connectBrowser();
}, 320_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Collects Content-Security-Policy violations the page reports (event and console). */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  // `script-src eval` is zod 4's feature probe (`new Function('')` in a try/catch, then its
  // non-JIT parser): blocked on purpose, harmless. Every other violation fails the test.
  const keep = (v: string) => {
    if (!/\beval\b/.test(v)) seen.push(v);
  };
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()) && !/unsafe-eval|'eval'|\beval\b/.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction('__cspViolation', keep);
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

/**
 * Issue 11: the security headers' CSP must not break the H5 app or the OpenAPI UI — checked in
 * chromium — and the administrator reaches the organisation-tree import/export console page.
 */
describe('security headers in the browser', () => {
  it('the H5 app works under the CSP; the 组织架构导入 page imports and shows the row report (phone and console sizes)', async () => {
    for (const [label, opts] of [
      ['phone', PHONE],
      ['console', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' }],
    ] as const) {
      const context = await browser.newContext(opts);
      const page = await context.newPage();
      const violations = await watchCsp(page);
      const doc = await page.goto(`${server.baseUrl}/`);
      expect(doc?.headers()['content-security-policy']).toContain("script-src 'self' 'sha256-");
      await signInAsDemo(server.baseUrl, page, 'worker');
      await visibleText(page, '组织架构导入').click();
      await visibleText(page, '批量建立组织架构').waitFor();
      // The demo park's own export, uploaded again: every organisation exists, so the whole file is refused row by row.
      const token = (await demoToken(server.baseUrl, 'worker')).accessToken;
      const exported = Buffer.from(
        await (await fetch(`${server.baseUrl}/api/v1/organisations/export`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer(),
      );
      const chooser = page.waitForEvent('filechooser');
      await visibleText(page, '导入(.xlsx)').click();
      await (
        await chooser
      ).setFiles({ name: '组织架构.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: exported });
      await visibleText(page, '未导入，未做任何修改').waitFor();
      await page.getByText('系统中已有同名组织').first().waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(RESULTS, `org-import-${label}.png`) });
      expect(violations).toEqual([]);
      await context.close();
    }
  }, 180_000);

  it('the OpenAPI UI renders under the CSP', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    const res = await page.goto(`${server.baseUrl}/api/v1/docs`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.locator('.swagger-ui .info .title').first().waitFor();
    await page.locator('.swagger-ui .opblock-tag').first().waitFor({ timeout: 90_000 });
    await page.screenshot({ path: path.join(RESULTS, 'openapi-ui.png') });
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);
});
