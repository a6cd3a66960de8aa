import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DemoUser, Member, Page as ResultPage } from '@dangjian/shared';
import { CHROMIUM, CHROMIUM_ARGS, PHONE, RESULTS, shot as browserShot } from './browser';
import { startServer, type RunningServer } from './server';

let server: RunningServer;
let context: BrowserContext;
let page: Page;
let profileDir: string;

const shot = (name: string) => browserShot(page, name);

beforeAll(async () => {
  if (!existsSync(path.resolve(__dirname, '..', 'dist', 'h5', 'index.html'))) {
    throw new Error('dist/h5 is missing: run `pnpm build:h5` first');
  }
  mkdirSync(RESULTS, { recursive: true });
  server = await startServer();
  profileDir = mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-chromium-'));
  // A persistent context is how playwright takes a --user-data-dir; a fresh one per run.
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...PHONE,
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('H5 app against the demo server', () => {
  it('signs in as the demo secretary and lists the branch members', async () => {
    const demoUsers = (await (await fetch(`${server.baseUrl}/api/v1/auth/demo-users`)).json()) as DemoUser[];
    const secretary = demoUsers.find((u) => u.key === 'secretary');
    expect(secretary).toBeDefined();

    await page.goto(`${server.baseUrl}/`);
    await page.locator('.sign-in__card-title', { hasText: '演示账号' }).waitFor();
    await page
      .getByText(secretary?.description ?? '')
      .first()
      .waitFor();
    await shot('sign-in');

    await page
      .getByText(secretary?.description ?? '')
      .first()
      .click();
    await page.getByText('常用功能').waitFor();
    await page
      .getByText(secretary?.displayName ?? '', { exact: false })
      .first()
      .waitFor();
    await shot('home');

    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && r.status() === 200);
    await page.getByText('党员名册').first().click();
    const body = (await (await listed).json()) as ResultPage<Member>;
    expect(body.items.length).toBeGreaterThan(0);
    for (const m of body.items.slice(0, 5)) {
      await page.getByText(m.name, { exact: true }).first().waitFor();
    }
    await page.getByText(`共 ${body.total} 人`, { exact: false }).waitFor();
    await shot('members');

    const first = body.items[0];
    await page
      .getByText(first?.name ?? '', { exact: true })
      .first()
      .click();
    await page.getByText('党籍信息', { exact: true }).waitFor();
    await shot('member-detail');
  });
});
