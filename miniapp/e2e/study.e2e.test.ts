import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CourseDetail, CoursePage, DemoUser, HeartbeatResult, LessonDetail, Question, QuizAttempt, SignInResult, StudyOversight } from '@dangjian/shared';
import { CHROMIUM, CHROMIUM_ARGS, RESULTS, shot } from './browser';
import { startServer, type RunningServer } from './server';

/*
 * Issue 7's browser test: the demo member opens a required video course from the 学习 tab and studies
 * with a driven clock — the page's clock (Playwright) fires the heartbeat timer and the server's test
 * clock moves the same 20 s, so credit is real server time; the video's position is set on the element.
 * The member leaves, comes back, and the video resumes where the server says; the lesson completes;
 * the member passes the quiz; the secretary's 学习督促 shows the course complete and the hours.
 * (The e2e runs as CommonJS: types only from shared.)
 */

const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;
const BEAT_MS = 20_000;

let server: RunningServer;
let browser: Browser;

const visibleText = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true }).first();

async function signInAsDemo(page: Page, key: string): Promise<DemoUser> {
  const users = (await (await fetch(`${server.baseUrl}/api/v1/auth/demo-users`)).json()) as DemoUser[];
  const user = users.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  await page.goto(`${server.baseUrl}/`);
  await page.getByText(user.description).first().click();
  await visibleText(page, '常用功能').waitFor();
  return user;
}

async function api<T>(token: string, method: string, p: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${server.baseUrl}/api/v1${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: (await res.json().catch(() => null)) as T };
}

const demoToken = async (key: string) => {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key }) });
  return (await res.json()) as SignInResult;
};

const advanceServer = async (advanceMs: number) => {
  const res = await fetch(`${server.baseUrl}/api/v1/test/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs }) });
  expect(res.status).toBeLessThan(300);
};

const nextBeat = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/v1/study/heartbeats') && r.request().method() === 'POST').then(async (r) => {
    expect(r.status()).toBe(200);
    return { sent: JSON.parse(r.request().postData() ?? '{}') as { position: number; seq: number; event?: string }, result: (await r.json()) as HeartbeatResult };
  });

/** The video is where the member is: set its time on the element and let Taro's Video hear it. */
const playAt = (page: Page, seconds: number) =>
  page.locator('video').first().evaluate((v: HTMLVideoElement, s: number) => {
    v.currentTime = s;
    v.dispatchEvent(new Event('timeupdate'));
  }, seconds);

/** One heartbeat period: the video moves 20 s, the server's clock and the page's clock 20 s. */
async function studyFor20s(page: Page, toPosition: number) {
  await playAt(page, toPosition);
  await advanceServer(BEAT_MS);
  const beat = nextBeat(page);
  await page.clock.runFor(BEAT_MS);
  return beat;
}

beforeAll(async () => {
  if (!existsSync(path.resolve(__dirname, '..', 'dist', 'h5', 'index.html'))) {
    throw new Error('dist/h5 is missing: run `pnpm build:h5` first');
  }
  mkdirSync(RESULTS, { recursive: true });
  server = await startServer(90_000, { testClock: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('learning (H5 against the demo server, driven clocks)', () => {
  let course: CourseDetail;
  let lessonId: string;
  let memberName: string;

  it('has a required video course with a quiz for the demo member', async () => {
    const member = await demoToken('member');
    memberName = member.me.displayName;
    const required = await api<CoursePage>(member.accessToken, 'GET', '/study/courses?required=true&pageSize=50');
    expect(required.status).toBe(200);
    for (const c of required.data.items) {
      const detail = await api<CourseDetail>(member.accessToken, 'GET', `/study/courses/${c.id}`);
      if (detail.data.lessons.some((l) => l.kind === 'video') && detail.data.quizzes.some((q) => q.published) && detail.data.state !== 'done') {
        course = detail.data;
        break;
      }
    }
    expect(course).toBeDefined();
    expect(course.requiredBy).not.toBeNull();
    lessonId = course.lessons.find((l) => l.kind === 'video')!.id;
  });

  it('lets the member study the video, leave, come back where it stopped, and complete it', async () => {
    const ctx = await browser.newContext(PHONE_375);
    await ctx.clock.install();
    const page = await ctx.newPage();
    await signInAsDemo(page, 'member');
    await page.getByText('学习', { exact: true }).filter({ visible: true }).last().click();
    await visibleText(page, '必修课程').waitFor();
    await shot(page, 'study-tab');

    await page.locator(`[data-course="${course.id}"]`).filter({ visible: true }).first().click();
    await visibleText(page, '课时').waitFor();
    await shot(page, 'study-course');

    let opened = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/lessons/${lessonId}`));
    await page.locator(`[data-lesson="${lessonId}"]`).filter({ visible: true }).first().click();
    let lesson = (await (await opened).json()) as LessonDetail;
    const duration = lesson.durationS ?? 0;
    const need = Math.ceil(duration * (lesson.watchThreshold ?? 0.9));
    expect(duration).toBeGreaterThan(0);
    let position = Math.floor(lesson.resumePosition);

    // Playing starts the study session (the first beat credits nothing).
    const first = nextBeat(page);
    await page.locator('video').first().dispatchEvent('play');
    expect((await first).sent).toMatchObject({ seq: expect.any(Number), position });
    for (let i = 0; i < 2; i++) {
      position += 20;
      const { sent, result } = await studyFor20s(page, position);
      expect(sent.position).toBe(position);
      expect(result.outcome).toBe('credited');
      expect(result.creditedS).toBeGreaterThanOrEqual(20);
    }
    await shot(page, 'study-lesson-video');

    // Leave the lesson and open it again: the server's resume position, and the video starts there.
    await page.goBack();
    await visibleText(page, '课时').waitFor();
    opened = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/lessons/${lessonId}`));
    await page.locator(`[data-lesson="${lessonId}"]`).filter({ visible: true }).first().click();
    lesson = (await (await opened).json()) as LessonDetail;
    expect(lesson.resumePosition).toBe(position);
    await page.waitForFunction((p) => Math.abs((document.querySelector('video')?.currentTime ?? -1) - p) < 1, position);

    const resumed = nextBeat(page);
    await page.locator('video').first().dispatchEvent('play');
    await resumed;
    let done = false;
    while (!done) {
      position = Math.min(duration, position + 20);
      const { result } = await studyFor20s(page, position);
      done = result.state === 'done';
      if (position >= duration && !done) throw new Error(`not complete at the end: watched ${result.watchedS}/${need}`);
    }
    await visibleText(page, '已完成').waitFor();
    await shot(page, 'study-lesson-done');
    await ctx.close();
  });

  it('lets the member pass the quiz and see the explanations', async () => {
    const secretary = await demoToken('secretary');
    const bank = await api<Question[]>(secretary.accessToken, 'GET', `/study/courses/${course.id}/questions`);
    expect(bank.status).toBe(200);
    const answerOf = new Map(bank.data.map((q) => [q.id, q.answer]));

    const ctx = await browser.newContext(PHONE_375);
    const page = await ctx.newPage();
    await signInAsDemo(page, 'member');
    await page.goto(`${server.baseUrl}/#/packages/study/pages/course/index?id=${course.id}`);
    const quiz = course.quizzes.find((z) => z.published)!;
    await page.locator(`[data-quiz="${quiz.id}"]`).filter({ visible: true }).first().click();
    await shot(page, 'study-quiz-intro');

    const started = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/quizzes/${quiz.id}/attempts`) && r.request().method() === 'POST');
    await page.locator('.quiz-start').filter({ visible: true }).first().click();
    const attempt = (await (await started).json()) as QuizAttempt;
    await page.locator('.quiz-countdown').filter({ visible: true }).first().waitFor();
    for (const q of attempt.questions ?? []) {
      for (const i of answerOf.get(q.id) ?? []) {
        await page.locator(`[data-question="${q.id}"] [data-option="${i}"]`).filter({ visible: true }).first().click();
      }
    }
    await shot(page, 'study-quiz-answering');
    const submitted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/attempts/${attempt.id}/submit`));
    await page.locator('.quiz-submit').filter({ visible: true }).first().click();
    const result = (await (await submitted).json()) as QuizAttempt;
    expect(result.passed).toBe(true);
    expect(result.scorePercent).toBe(100);
    await visibleText(page, '测验合格').waitFor();
    await page.getByText(/^正确答案：/).filter({ visible: true }).first().waitFor();
    await shot(page, 'study-quiz-passed');
    await ctx.close();
  });

  it('shows the secretary the required course complete for the member, and the member’s hours', async () => {
    const secretary = await demoToken('secretary');
    const ctx = await browser.newContext(PHONE_375);
    const page = await ctx.newPage();
    await signInAsDemo(page, 'secretary');
    await page.getByText('学习', { exact: true }).filter({ visible: true }).last().click();
    const overview = page.waitForResponse((r) => r.url().includes('/api/v1/study/oversight?'));
    await visibleText(page, '学习督促').click();
    const oversight = (await (await overview).json()) as StudyOversight;
    const assignment = oversight.assignments.find((a) => a.course.id === course.id);
    expect(assignment).toBeDefined();
    expect(assignment!.counts.done).toBeGreaterThanOrEqual(1);
    const hours = await api<StudyOversight>(secretary.accessToken, 'GET', `/study/oversight?orgId=${oversight.org.id}`);
    const shortfall = hours.data.belowHours.find((m) => m.member.name === memberName);
    expect(shortfall?.totalS ?? 0).toBeGreaterThan(0);
    await shot(page, 'study-oversight');

    await page.locator(`[data-assignment="${assignment!.id}"]`).filter({ visible: true }).first().click();
    const row = page.locator('.study-row').filter({ hasText: memberName }).filter({ visible: true }).first();
    await row.waitFor();
    await row.getByText('已完成').waitFor();
    await shot(page, 'study-assignment');
    await ctx.close();
  });
});
