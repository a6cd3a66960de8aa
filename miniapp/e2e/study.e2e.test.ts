import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type {
  Assignment,
  CourseDetail,
  HeartbeatResult,
  LessonDetail,
  Question,
  QuizAttempt,
  StoredStudyFile,
  StudyHours,
  StudyOversight,
} from '@dangjian/shared';
import { shot, startServerAndBrowser } from './browser';
import { callApi, demoToken as token, signInAsDemo as signIn, visibleText } from './demo';
import type { RunningServer } from './server';

/*
 * Issue 7's browser test: the branch's secretary prepares a required video course through the API (upload,
 * lesson, question bank, quiz, publish, assign to the branch); the demo member opens it from the 学习 tab and
 * studies with a driven clock — the page's clock (Playwright) fires the heartbeat timer and the server's
 * test clock moves the same 20 s, so credit is real server time. The video's position is driven through
 * `currentTime` (overridden for the test, so a short demo file can stand for a 2-minute lesson).
 * The member leaves, comes back, and the video resumes where the server says; the lesson completes;
 * the member passes the quiz; the secretary's 学习督促 shows the course complete and the hours.
 * (The e2e runs as CommonJS: types only from shared.)
 */

const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;
const BEAT_MS = 20_000;
const DURATION_S = 120;
const DEMO_VIDEO = path.resolve(__dirname, '..', '..', 'server', 'src', 'demo', 'assets', 'demo-lesson.webm');

/** In the page: a media element's currentTime is a plain value the test sets (the real file is short). */
const DRIVEN_MEDIA_TIME = () => {
  const times = new WeakMap<HTMLMediaElement, number>();
  Object.defineProperty(HTMLMediaElement.prototype, 'currentTime', {
    configurable: true,
    get(this: HTMLMediaElement) {
      return times.get(this) ?? 0;
    },
    set(this: HTMLMediaElement, v: number) {
      times.set(this, Number(v));
    },
  });
};

let server: RunningServer;
let browser: Browser;

const signInAsDemo = (page: Page, key: string) => signIn(server.baseUrl, page, key);
const demoToken = (key: string) => token(server.baseUrl, key);
const api = <T>(bearer: string, method: string, p: string, body?: unknown) => callApi<T>(server.baseUrl, bearer, method, p, body);

const advanceServer = async (advanceMs: number) => {
  const res = await fetch(`${server.baseUrl}/api/v1/test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  expect(res.status).toBeLessThan(300);
};

const nextBeat = (page: Page) =>
  page
    .waitForResponse((r) => r.url().endsWith('/api/v1/study/heartbeats') && r.request().method() === 'POST')
    .then(async (r) => {
      expect(r.status()).toBe(200);
      return {
        sent: JSON.parse(r.request().postData() ?? '{}') as { position: number; seq: number; event?: string },
        result: (await r.json()) as HeartbeatResult,
      };
    });

/** The video is where the member is: set its time on the element and let Taro's Video hear it. */
const playAt = (page: Page, seconds: number) =>
  page
    .locator('video')
    .first()
    .evaluate((v: HTMLVideoElement, s: number) => {
      v.currentTime = s;
      v.dispatchEvent(new Event('timeupdate'));
    }, seconds);
const videoTime = (page: Page) =>
  page
    .locator('video')
    .first()
    .evaluate((v: HTMLVideoElement) => v.currentTime);

/**
 * One heartbeat period: the server's clock moves 20 s while the video plays to `toPosition`, then the page's
 * clock runs the 20 s and its timer sends the beat. The time passes before the video gets there, as when
 * playing: reaching the lesson's end ends the video (Taro's H5 Video ends at its `duration`), which stops
 * studying at once with a 'stop' beat — that is the beat answered, and it carries the 20 s that got there.
 */
async function studyFor20s(page: Page, toPosition: number) {
  const beat = nextBeat(page);
  await advanceServer(BEAT_MS);
  await playAt(page, toPosition);
  await page.clock.runFor(BEAT_MS);
  return beat;
}

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser({ testClock: true }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('learning (H5 against the demo server, driven clocks)', () => {
  let course: CourseDetail;
  let lessonId: string;
  let memberId: string;

  it('lets the secretary prepare a required video course with a quiz for the branch (API)', async () => {
    const secretary = await demoToken('secretary');
    const member = await demoToken('member');
    memberId = member.me.memberId ?? '';
    const token = secretary.accessToken;
    const orgId = secretary.me.orgId ?? '';
    expect(member.me.orgId).toBe(orgId);

    const form = new FormData();
    form.append('file', new Blob([readFileSync(DEMO_VIDEO)], { type: 'video/webm' }), 'lesson.webm');
    const up = await fetch(`${server.baseUrl}/api/v1/study/files?kind=video`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(up.status).toBe(201);
    const file = (await up.json()) as StoredStudyFile;

    const created = await api<CourseDetail>(token, 'POST', '/study/courses', {
      title: '学习新党章（必修）',
      summary: '逐条学习党章总纲，完成视频和测验。',
      orgId,
    });
    expect(created.status).toBe(201);
    const courseId = created.data.id;
    const lesson = await api<LessonDetail>(token, 'POST', `/study/courses/${courseId}/lessons`, {
      title: '党章总纲导读',
      kind: 'video',
      fileId: file.id,
      durationS: DURATION_S,
      watchThreshold: 0.9,
    });
    expect(lesson.status).toBe(201);
    lessonId = lesson.data.id;
    const questions = [
      {
        kind: 'single',
        stem: '中国共产党的最高理想和最终目标是？',
        options: ['实现共产主义', '全面建成小康社会', '实现现代化'],
        answer: [0],
        explanation: '党章总纲：党的最高理想和最终目标是实现共产主义。',
      },
      {
        kind: 'multiple',
        stem: '“三会一课”中的“三会”是？',
        options: ['支部党员大会', '支部委员会', '党小组会', '座谈会'],
        answer: [0, 1, 2],
        explanation: '三会：支部党员大会、支部委员会、党小组会。',
      },
      { kind: 'true_false', stem: '预备党员的预备期为一年。', answer: [0], explanation: '党章第七条。' },
    ];
    for (const q of questions) expect((await api<Question>(token, 'POST', `/study/courses/${courseId}/questions`, q)).status).toBe(201);
    const quiz = await api(token, 'POST', `/study/courses/${courseId}/quizzes`, { title: '党章知识测验', questionCount: 3, timeLimitS: 300, passPercent: 60 });
    expect(quiz.status).toBe(201);
    expect((await api(token, 'PATCH', `/study/courses/${courseId}`, { status: 'published' })).status).toBe(200);
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const assigned = await api<Assignment>(token, 'POST', '/study/assignments', { orgId, courseId, target: { kind: 'all' }, deadline });
    expect(assigned.status).toBe(201);

    const seen = await api<CourseDetail>(member.accessToken, 'GET', `/study/courses/${courseId}`);
    expect(seen.status).toBe(200);
    course = seen.data;
    expect(course.requiredBy).toBe(deadline);
  });

  it('lets the member study the video, leave, come back where it stopped, and complete it', async () => {
    const ctx = await browser.newContext(PHONE_375);
    await ctx.clock.install();
    await ctx.addInitScript(DRIVEN_MEDIA_TIME);
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
    expect(duration).toBe(DURATION_S);
    expect(lesson.resumePosition).toBe(0);
    let position = 0;

    // Playing starts the study session (the first beat credits nothing).
    const first = nextBeat(page);
    await page.locator('video').first().dispatchEvent('play');
    expect((await first).sent).toMatchObject({ event: 'start', seq: expect.any(Number), position });
    for (let i = 0; i < 2; i++) {
      position += 20;
      const { sent, result } = await studyFor20s(page, position);
      expect(sent.position).toBe(position);
      expect(result.outcome).toBe('credited');
      expect(result.creditedS).toBeGreaterThanOrEqual(20);
    }
    await shot(page, 'study-lesson-video');

    // Leave the lesson (a 'stop' beat), away for 5 minutes, open it again: the server's resume position,
    // the video starts there, and the first beat opens a new session — the time away earns nothing.
    const stopped = nextBeat(page);
    await page.goBack();
    expect((await stopped).sent).toMatchObject({ event: 'stop', position });
    await visibleText(page, '课时').waitFor();
    await advanceServer(300_000);
    opened = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/lessons/${lessonId}`));
    await page.locator(`[data-lesson="${lessonId}"]`).filter({ visible: true }).first().click();
    lesson = (await (await opened).json()) as LessonDetail;
    expect(lesson.resumePosition).toBe(position);
    // Taro's Video starts at initialTime = the server's resume position
    await page.waitForFunction((p) => document.querySelector('video')?.currentTime === p, position);
    expect(await videoTime(page)).toBe(position);

    const resumed = nextBeat(page);
    await page.locator('video').first().dispatchEvent('play');
    expect((await resumed).result).toMatchObject({ outcome: 'session_started', creditedS: 0 });
    let done = false;
    while (!done) {
      position = Math.min(duration, position + 20);
      const { sent, result } = await studyFor20s(page, position);
      done = result.state === 'done';
      if (position >= duration && !done) throw new Error(`not complete at the end: watched ${result.watchedS}/${need}`);
      // the video ended at the lesson's length: studying stopped there, and the stop beat credited the way to it
      if (position >= duration) expect(sent).toMatchObject({ event: 'stop', position: duration });
    }
    await visibleText(page, '已完成').waitFor();
    await visibleText(page, '本课时已播放完').waitFor();
    await shot(page, 'study-lesson-done');
    await ctx.close();
  });

  it('reads the demo recommended course: an article counts while shown, the PDF opens in the page', async () => {
    const member = await demoToken('member');
    const list = await api<{ items: Array<{ id: string; title: string }> }>(member.accessToken, 'GET', '/study/courses?recommended=true');
    const rec = list.data.items.find((c) => c.title === '学习贯彻党的二十大精神');
    expect(rec).toBeDefined();
    const detail = await api<CourseDetail>(member.accessToken, 'GET', `/study/courses/${rec!.id}`);
    const article = detail.data.lessons.find((l) => l.kind === 'article')!;
    const pdf = detail.data.lessons.find((l) => l.kind === 'document')!;

    const ctx = await browser.newContext(PHONE_375);
    const page = await ctx.newPage();
    await signInAsDemo(page, 'member');
    const started = nextBeat(page);
    await page.goto(`${server.baseUrl}/#/packages/study/pages/lesson/index?id=${article.id}`);
    await page.locator('.study-article__body').filter({ visible: true }).first().waitFor();
    // no player: reading starts at once
    expect((await started).sent).toMatchObject({ event: 'start' });
    await shot(page, 'study-lesson-article');

    const opened = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/lessons/${pdf.id}`));
    await page.goto(`${server.baseUrl}/#/packages/study/pages/lesson/index?id=${pdf.id}`);
    const lesson = (await (await opened).json()) as LessonDetail;
    const frame = page.locator('iframe.study-doc__frame').first();
    await frame.waitFor();
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toContain('/api/v1/study/media/');
    expect(src).toBe(lesson.mediaUrl);
    const res = await fetch(new URL(src, server.baseUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    await shot(page, 'study-lesson-pdf');
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
    await visibleText(page, '开始测验').waitFor();
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
    await page
      .getByText(/^正确答案：/)
      .filter({ visible: true })
      .first()
      .waitFor();
    await shot(page, 'study-quiz-passed');
    await ctx.close();
  });

  it('shows the secretary the required course complete for the member, and the member’s hours', async () => {
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
    // the member is below the yearly hours, with the time studied in this test counted (shared formatHours)
    const shortfall = oversight.belowHours.find((m) => m.member.id === memberId);
    expect(shortfall?.totalS ?? 0).toBeGreaterThanOrEqual(DURATION_S - 20);
    await shot(page, 'study-oversight');
    const hoursRow = page.locator(`[data-member="${memberId}"]`).filter({ visible: true }).first();
    await hoursRow.scrollIntoViewIfNeeded();
    const hoursText = `${(Math.floor((shortfall?.totalS ?? 0) / 360) / 10).toFixed(1)}/${shortfall?.requiredHours}`;
    await hoursRow.getByText(hoursText).waitFor();
    await shot(page, 'study-oversight-member-hours');

    // 导出 Excel opens a token link in a new tab (H5): the link answers with the workbook
    await page.evaluate(() => {
      window.open = ((url: string) => {
        (window as unknown as { opened: string }).opened = url;
        return {} as Window;
      }) as typeof window.open;
    });
    await visibleText(page, '导出 Excel').click();
    const link = await page.waitForFunction(() => (window as unknown as { opened?: string }).opened).then((h) => h.jsonValue() as Promise<string>);
    expect(link).toContain('/api/v1/study/oversight.xlsx?');
    const xlsx = await fetch(new URL(link, server.baseUrl));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // 集中培训学时: 2 hours of an offline training recorded for the member count toward the year (L1)
    const secretary = await demoToken('secretary');
    const before = await api<StudyHours>(secretary.accessToken, 'GET', `/study/members/${memberId}/hours`);
    await visibleText(page, '集中培训学时').click();
    await page.locator('input[name="trainingTitle"]').filter({ visible: true }).fill('党的二十大精神专题党课');
    await page.locator('input[name="hours"]').filter({ visible: true }).fill('2');
    await page.locator(`[data-member="${memberId}"]`).filter({ visible: true }).first().click();
    const recorded = page.waitForResponse((r) => r.url().endsWith('/api/v1/study/offline-trainings') && r.request().method() === 'POST');
    await visibleText(page, '登记学时').click();
    expect((await recorded).status()).toBe(201);
    await visibleText(page, '党的二十大精神专题党课').waitFor();
    await shot(page, 'study-offline-training');
    const after = await api<StudyHours>(secretary.accessToken, 'GET', `/study/members/${memberId}/hours`);
    expect(after.data.offlineS - before.data.offlineS).toBe(7200);
    expect(after.data.totalS - before.data.totalS).toBe(7200);
    await page.goBack();

    await page.locator(`[data-assignment="${assignment!.id}"]`).filter({ visible: true }).first().click();
    // [data-state] picks the assignment's row, not the training form's member picker that may still be
    // on screen while 返回 finishes
    const row = page.locator(`[data-member="${memberId}"][data-state]`).filter({ visible: true }).first();
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('done');
    await row.getByText('已完成').waitFor();
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'study-assignment');
    await ctx.close();
  });
});

describe('the H5 console (an organisation worker at desktop width)', () => {
  // a 1×1 PNG, enough for the server's check of the first bytes
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const DEMO_PDF = path.resolve(__dirname, '..', '..', 'server', 'src', 'demo', 'assets', 'demo-lesson.pdf');
  const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;

  const upload = async (page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }, kind: string) => {
    const chooser = page.waitForEvent('filechooser');
    const answered = page.waitForResponse((r) => r.url().includes(`/api/v1/study/files?kind=${kind}`));
    await visibleText(page, button).click();
    await (await chooser).setFiles(file);
    return answered;
  };

  it('creates a course with a cover, a video lesson, a question and a quiz, shows an upload refusal, and publishes it', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await ctx.newPage();
    await signInAsDemo(page, 'secretary');
    await page.getByText('学习', { exact: true }).filter({ visible: true }).last().click();
    await visibleText(page, '课程管理').click();
    await visibleText(page, '新建课程').click();
    await page.locator('input[name="title"]').filter({ visible: true }).fill('控制台新建：廉洁自律准则');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/study/courses') && r.request().method() === 'POST');
    await visibleText(page, '创建课程').click();
    expect((await created).status()).toBe(201);
    const courseId = ((await (await created).json()) as CourseDetail).id;
    await visibleText(page, '课程信息').waitFor();

    expect((await upload(page, '上传封面', { name: 'cover.png', mimeType: 'image/png', buffer: PNG }, 'image')).status()).toBe(201);
    await page.locator('.study-form__cover').filter({ visible: true }).first().waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/courses/${courseId}`) && r.request().method() === 'PATCH');
    await visibleText(page, '保存').click();
    expect(JSON.parse((await saved).request().postData() ?? '{}')).toMatchObject({ coverFileId: expect.any(String) });

    // a PDF offered as the video: the server refuses it by its first bytes, the form says so in its words
    const refused = await upload(page, '上传文件', { name: 'lesson.mp4', mimeType: 'video/mp4', buffer: readFileSync(DEMO_PDF) }, 'video');
    expect(refused.status()).toBe(415);
    await visibleText(page, ((await refused.json()) as { message: string }).message).waitFor();
    await shot(page, 'study-console-upload-refused');

    expect((await upload(page, '上传文件', { name: 'lesson.webm', mimeType: 'video/webm', buffer: readFileSync(DEMO_VIDEO) }, 'video')).status()).toBe(201);
    await page.locator('input[name="lessonTitle"]').filter({ visible: true }).fill('准则导读');
    await page.locator('input[name="durationMin"]').filter({ visible: true }).fill('1');
    const lesson = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/courses/${courseId}/lessons`));
    await visibleText(page, '添加课时').click();
    expect((await lesson).status()).toBe(201);
    await visibleText(page, '1. 准则导读').waitFor();

    await page.locator('textarea[placeholder="题干"]').filter({ visible: true }).fill('廉洁自律准则适用于全体党员。');
    await visibleText(page, '判断题').click();
    await page.locator('input[name="answer"]').filter({ visible: true }).fill('A');
    const question = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/courses/${courseId}/questions`) && r.request().method() === 'POST');
    await visibleText(page, '添加题目').click();
    expect((await question).status()).toBe(201);
    await page.locator('input[name="questionCount"]').filter({ visible: true }).fill('1');
    const quiz = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/courses/${courseId}/quizzes`));
    await visibleText(page, '设置测验').click();
    expect((await quiz).status()).toBe(201);
    const quizId = ((await (await quiz).json()) as { id: string }).id;
    await visibleText(page, '测验已启用').waitFor();
    await page.locator('input[name="passPercent"]').filter({ visible: true }).fill('80');
    const edited = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/quizzes/${quizId}`) && r.request().method() === 'PATCH');
    await visibleText(page, '保存测验').click();
    expect((await edited).status()).toBe(200);
    expect(((await (await edited).json()) as { passPercent: number }).passPercent).toBe(80);

    const published = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/courses/${courseId}`) && r.request().method() === 'PATCH');
    await visibleText(page, '发布课程').click();
    expect(((await (await published).json()) as CourseDetail).status).toBe('published');
    await visibleText(page, '已发布').waitFor();
    await shot(page, 'study-console-course');

    // the branch's member can now open it, with its lesson and quiz
    const member = await demoToken('member');
    const seen = await api<CourseDetail>(member.accessToken, 'GET', `/study/courses/${courseId}`);
    expect(seen.status).toBe(200);
    expect(seen.data.lessons.map((l) => [l.title, l.kind, l.durationS])).toEqual([['准则导读', 'video', 60]]);
    expect(seen.data.quizzes.map((z) => [z.passPercent, z.published])).toEqual([[80, true]]);
    expect(seen.data.coverUrl).not.toBeNull();
    await ctx.close();
  });
});
