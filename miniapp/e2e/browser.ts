import path from 'node:path';
import type { Page } from 'playwright-core';

export const RESULTS = path.resolve(__dirname, '..', '.test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone, as the existing screenshots use. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;
/** A projector. */
export const PROJECTOR = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;

/** Waits for finite animations (Taro's page slide-in) to end; spinners loop forever and are ignored. */
export const settle = (page: Page) =>
  page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );

export async function shot(page: Page, name: string): Promise<Buffer> {
  await settle(page);
  return page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false });
}
