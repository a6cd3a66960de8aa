import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';

export const RESULTS = path.resolve(__dirname, '..', '.test-results');
// Debian's chromium-headless-shell (the old headless mode, without the browser's UI processes) when
// it is installed — the same Blink with less CPU per file; the full chromium otherwise.
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Set by the global setup: the run's one chromium (`launchServer`), which every file connects to. */
export const BROWSER_WS_ENV = 'DANGJIAN_E2E_BROWSER_WS';

/**
 * The run's chromium: each file connects to the one the global setup launched (a launch costs ~1
 * CPU-second; a file's contexts are its own either way, and closing the connection closes them).
 */
export function connectBrowser(): Promise<Browser> {
  const ws = process.env[BROWSER_WS_ENV];
  if (!ws) throw new Error(`${BROWSER_WS_ENV} is not set: run the browser tests through jest.e2e.config.js (its global setup)`);
  return chromium.connect(ws);
}

/** A phone, as the existing screenshots use. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;
/** A projector. */
export const PROJECTOR = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;
/** The worker's desktop console (≥1024 px). */
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;
/** A committee hall's big screen (数据大屏). */
export const HALL = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;

/** Waits for finite animations (Taro's page slide-in) to end; spinners loop forever and are ignored. */
export const settle = (page: Page) =>
  page.waitForFunction(() => {
    // Taro's router places a new page off-screen and starts its slide-in transition only after a delay,
    // so "no animation running" alone can be true while the page is still outside the viewport.
    const current = document.querySelector('.taro_router > .taro_page:last-child');
    const shift = current ? new DOMMatrixReadOnly(getComputedStyle(current).transform).m41 : 0;
    if (Math.abs(shift) > 0.5) return false;
    return document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
  });

export async function shot(page: Page, name: string): Promise<Buffer> {
  await settle(page);
  return page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false });
}

/**
 * For one test file: checks that the H5 build is there, starts the built server (demo mode; `testClock`:
 * see startServer) and connects to the run's chromium. The file's afterAll closes the browser and stops the server.
 */
export async function startServerAndBrowser(
  opts: { testClock?: boolean; env?: Record<string, string> } = {},
): Promise<{ server: RunningServer; browser: Browser }> {
  if (!existsSync(path.resolve(__dirname, '..', 'dist', 'h5', 'index.html'))) throw new Error('dist/h5 is missing: run `pnpm build:h5` first');
  mkdirSync(RESULTS, { recursive: true });
  const server = await startServer(90_000, opts);
  try {
    return { server, browser: await connectBrowser() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
