import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PHONE, RESULTS, settle, startServerAndBrowser } from './browser';
import { signInAsDemo } from './demo';
import type { RunningServer } from './server';
import { checkPage } from './walk-checks';

/** A page of a walked test file and the console and page errors it has had since its last look. */
export type WalkPage = { page: Page; errors: string[] };

export type WalkFile = {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The folder the screenshots go to. */
  readonly out: string;
  /** A new browser context (a phone unless told), signed in as the demo account `key` (null: signed out). */
  open: (key: string | null, device?: BrowserContextOptions) => Promise<WalkPage>;
  /**
   * Screenshots the settled page as NAME and answers what the walk checks found on it (walk-checks.ts),
   * with the errors it logged since the last look. `toastsGone`: first waits for Taro's toasts to fade.
   */
  look: (page: Page, errors: string[], name: string, opts?: { titleBar?: boolean; toastsGone?: boolean }) => Promise<string[]>;
};

/**
 * For a walked test file — each page it visits screenshotted into .test-results/FOLDER/ (null: the
 * folder itself) and checked: its own server and chromium, started before its tests and stopped after.
 */
export function walkFile(folder: string | null): WalkFile {
  const out = folder ? path.join(RESULTS, folder) : RESULTS;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    mkdirSync(out, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(v: T | undefined): T => {
    if (!v) throw new Error('walkFile: the server starts in beforeAll');
    return v;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    out,
    async open(key, device = PHONE) {
      const page = await (await started(browser).newContext(device)).newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      if (key) await signInAsDemo(started(server).baseUrl, page, key);
      return { page, errors };
    },
    async look(page, errors, name, { titleBar = true, toastsGone = false } = {}) {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      if (toastsGone)
        await page.waitForFunction(() =>
          Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every(
            (e) => e.getClientRects().length === 0 || getComputedStyle(e).opacity === '0',
          ),
        );
      await settle(page);
      await page.screenshot({ path: path.join(out, `${name}.png`) });
      const problems = (await checkPage(page, { titleBar })).map((f) => `${name}: ${f.kind} ${f.detail}`);
      problems.push(...errors.map((e) => `${name}: console ${e.slice(0, 200)}`));
      errors.length = 0;
      return problems;
    },
  };
}
