import type { Locator, Page } from 'playwright-core';
import type { DemoUser, SignInResult } from '@dangjian/shared';

/*
 * What browser tests do against the demo server: sign in on the page as a demo account, get a demo
 * account's token, call the API.
 */

/** China's offset from UTC (no daylight saving). The tests run in UTC and cannot load shared's ESM build at run time. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The calendar year in China at `ms`. */
export const chinaYearAt = (ms: number = Date.now()) => new Date(ms + CHINA_OFFSET_MS).getUTCFullYear();

export const visibleText = (page: Page, text: string | RegExp) =>
  (typeof text === 'string' ? page.getByText(text, { exact: true }) : page.getByText(text)).filter({ visible: true }).first();

/**
 * Clicks `target` and waits for `landed`. On a loaded machine a click can land while the page is still
 * re-rendering and go nowhere: if `target` is still showing after 10 s, it is clicked once more.
 */
export async function clickUntil(target: Locator, landed: Locator): Promise<void> {
  await target.click();
  try {
    await landed.waitFor({ timeout: 10_000 });
    return;
  } catch {
    // Still on the page the click was on? Then once more; else the next page is only slow.
  }
  if (await target.isVisible()) await target.click();
  await landed.waitFor();
}

/** Signs in on the H5 sign-in page by clicking the demo account's description; waits for 首页. */
export async function signInAsDemo(baseUrl: string, page: Page, key: string): Promise<DemoUser> {
  const users = (await (await fetch(`${baseUrl}/api/v1/auth/demo-users`)).json()) as DemoUser[];
  const user = users.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  await page.goto(`${baseUrl}/`);
  await page.getByText(user.description).first().click();
  await visibleText(page, '常用功能').waitFor();
  return user;
}

export async function demoToken(baseUrl: string, key: string): Promise<SignInResult> {
  const res = await fetch(`${baseUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key }) });
  return (await res.json()) as SignInResult;
}

/** One API call with a bearer token; the body is parsed when it is JSON. */
export async function callApi<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: (await res.json().catch(() => null)) as T };
}

/** Answers the confirmation sheet an irreversible step opens (Taro's H5 showModal) with its confirm button. */
export async function confirmSheet(page: Page): Promise<void> {
  const button = page.locator('.taro-model__confirm').filter({ visible: true }).first();
  await button.waitFor();
  await button.click();
}
