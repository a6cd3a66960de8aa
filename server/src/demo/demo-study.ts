import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chinaDate } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { SessionService } from '../auth/session.service.js';
import { Clock } from '../common/clock.js';
import { StorageService } from '../storage/storage.service.js';
import { StudyAssignmentsService } from '../study/study-assignments.service.js';
import { StudyContentService } from '../study/study-content.service.js';
import { StudyPointsService } from '../study/study-points.service.js';
import { StudyQuizService } from '../study/study-quiz.service.js';

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

const ARTICLE = `<h2>第一章 党员</h2>
<p><strong>第一条</strong> 年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。</p>
<p><strong>第二条</strong> 中国共产党党员是中国工人阶级的有组织的觉悟的先锋战士。</p>
<blockquote>学习提示：本课时需阅读满 60 秒。</blockquote>`;

const QUESTIONS = [
  {
    kind: 'single',
    stem: '申请入党的年龄要求是？',
    options: ['年满十六岁', '年满十八岁', '年满二十岁', '无年龄要求'],
    answer: [1],
    explanation: '党章第一条：年满十八岁。',
  },
  { kind: 'true_false', stem: '党员必须按期交纳党费。', answer: [0], explanation: '党章第一条规定按期交纳党费。' },
  {
    kind: 'multiple',
    stem: '申请入党需要承认党的哪些内容？',
    options: ['纲领', '章程', '地方规定', '企业制度'],
    answer: [0, 1],
    explanation: '承认党的纲领和章程。',
  },
  { kind: 'single', stem: '预备党员的预备期为？', options: ['半年', '一年', '两年', '三年'], answer: [1], explanation: '预备期为一年。' },
  { kind: 'true_false', stem: '党员每年学习时长要求不设下限。', answer: [1], explanation: '党员每年学习不少于 32 学时。' },
  {
    kind: 'single',
    stem: '党支部党员大会一般每季度召开几次？',
    options: ['一次', '两次', '三次', '每月一次'],
    answer: [0],
    explanation: '“三会一课”：党员大会一般每季度一次。',
  },
] as const;

/**
 * Learning data of the demo (L1–L5), through the study services: three categories; a recommended
 * course of the park committee (article + PDF); a required course of the demo branch (a real 20 s
 * WebM video + article) assigned to the whole branch; a quiz with a six-question bank; and some
 * study time and points for the branch's members so the hours and leaderboards are not empty.
 * Runs once: a database that has any course already is left alone.
 */
export async function seedDemoStudy(app: NestFastifyApplication) {
  const db = app.get(DataSource);
  if ((await db.query(`SELECT 1 FROM study_course LIMIT 1`)).length > 0) return;
  const [secretary] = await db.query(
    `SELECT u.id, m.organisation_id AS branch_id, o.parent_id AS committee_id FROM user_account u
       JOIN member m ON m.id = u.member_id JOIN organisation o ON o.id = m.organisation_id WHERE u.username = 'demo-secretary'`,
  );
  const [worker] = await db.query(`SELECT id FROM user_account WHERE username = 'demo-worker'`);
  if (!secretary || !worker) return;
  const sessions = app.get(SessionService);
  const open = (userId: string) => sessions.openForDemoLoader(userId);
  const sec = await open(secretary.id);
  const wrk = await open(worker.id);
  try {
    await db.query(`INSERT INTO study_category (name, sort) VALUES ('党章党规', 1), ('理论学习', 2), ('党史学习', 3) ON CONFLICT DO NOTHING`);
    const cats: Array<{ id: string; name: string }> = await db.query(`SELECT id, name FROM study_category`);
    const cat = (name: string) => cats.find((c) => c.name === name)?.id ?? null;
    const storage = app.get(StorageService);
    const store = async (file: string, contentType: string) =>
      storage.store({ data: await readFile(path.join(ASSETS, file)), contentType, originalName: file, createdBy: secretary.id, prefix: 'study-demo' });
    const video = await store('demo-lesson.webm', 'video/webm');
    const pdf = await store('demo-lesson.pdf', 'application/pdf');
    const content = app.get(StudyContentService);

    // A recommended course for the whole park, by the park's organisation worker.
    const [park]: Array<{ id: string }> = await db.query(`SELECT organisation_id AS id FROM role_assignment WHERE user_id = $1 AND role = 'org_worker'`, [
      worker.id,
    ]);
    // The files belong to the organisations that use them (the branch's video, the park's PDF).
    await db.query(
      `INSERT INTO study_file (file_id, organisation_id, org_path) SELECT f.id, o.id, o.path FROM (VALUES ($1::uuid, $2::uuid), ($3::uuid, $4::uuid)) AS f(id, org) JOIN organisation o ON o.id = f.org`,
      [video.id, secretary.branch_id, pdf.id, park!.id],
    );
    const rec = await content.create(wrk, {
      title: '学习贯彻党的二十大精神',
      summary: '园区党委推荐：原文导读与辅导材料',
      categoryId: cat('理论学习'),
      coverFileId: null,
      recommended: true,
      orgId: park!.id,
    });
    const recAuth = wrk;
    await content.addLesson(recAuth, rec.id, { title: '导读（图文）', kind: 'article', bodyHtml: ARTICLE, minSeconds: 60 });
    await content.addLesson(recAuth, rec.id, { title: '辅导材料（PDF）', kind: 'document', fileId: pdf.id, minSeconds: 60 });
    await content.update(recAuth, rec.id, { status: 'published' });

    // The branch's required course with a real video, a quiz and an assignment for everyone.
    const req = await content.create(sec, {
      title: '学习党章（必修）',
      summary: '逐章学习党章，完成后参加测验',
      categoryId: cat('党章党规'),
      coverFileId: null,
      recommended: false,
      orgId: secretary.branch_id,
    });
    const videoLesson = await content.addLesson(sec, req.id, {
      title: '第一章 党员（视频）',
      kind: 'video',
      fileId: video.id,
      durationS: 20,
      watchThreshold: 0.9,
    });
    const article = await content.addLesson(sec, req.id, { title: '第一章 党员（原文）', kind: 'article', bodyHtml: ARTICLE, minSeconds: 60 });
    await content.update(sec, req.id, { status: 'published' });
    const quizzes = app.get(StudyQuizService);
    for (const q of QUESTIONS)
      await quizzes.addQuestion(sec, req.id, { ...q, options: 'options' in q ? [...q.options] : undefined, answer: [...q.answer], explanation: q.explanation });
    await quizzes.createQuiz(sec, req.id, { title: '党章知识测验', questionCount: 5, timeLimitS: 300, passPercent: 60, published: true });
    const now = app.get(Clock).now();
    const deadline = chinaDate(new Date(now.getTime() + 30 * 86_400_000));
    await app
      .get(StudyAssignmentsService)
      .create(sec, { orgId: secretary.branch_id, courseId: req.id, target: { kind: 'all' }, deadline, note: '请于截止日期前完成' });

    // Some history: study days and points over the last week, today included (loaded on 1 January, the
    // leaderboard of the year is not empty); a third of the branch finished the course.
    const members: Array<{ id: string; demo: boolean }> = await db.query(
      `SELECT m.id, EXISTS (SELECT 1 FROM user_account u WHERE u.member_id = m.id AND u.username = 'demo-member') AS demo
         FROM member m WHERE m.organisation_id = $1 ORDER BY m.name, m.id`,
      [secretary.branch_id],
    );
    const points = app.get(StudyPointsService);
    await db.transaction(async (tx) => {
      for (const [i, m] of members.entries()) {
        if (m.demo) continue;
        for (let d = 0; d < 7; d++) {
          if ((i + d) % 3 === 0) continue;
          const day = chinaDate(new Date(now.getTime() - d * 86_400_000));
          const minutes = 10 + ((i * 37 + d * 11) % 50);
          await tx.query(`INSERT INTO study_day (member_id, day, credited_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [m.id, day, minutes * 60_000]);
          for (let k = 1; k <= Math.min(6, Math.floor(minutes / 5)); k++) await points.award(tx, m.id, 'study_minutes', `study:${m.id}:${day}:${k}`, day);
        }
        if (i % 3 === 0) {
          const at = new Date(now.getTime() - 86_400_000);
          for (const l of [videoLesson, article]) {
            await tx.query(
              `INSERT INTO study_progress (member_id, lesson_id, course_id, position, credited_ms, watched, watched_s, last_beat_at, completed_at)
               VALUES ($1, $2, $3, 0, $4, $5::jsonb, $6, $7, $7) ON CONFLICT DO NOTHING`,
              [m.id, l.id, req.id, 60_000, l.kind === 'video' ? '[[0,20]]' : '[]', l.kind === 'video' ? 20 : 0, at],
            );
            await points.award(tx, m.id, 'lesson_completed', `lesson:${m.id}:${l.id}`, chinaDate(at));
          }
          await points.award(tx, m.id, 'course_completed', `course:${m.id}:${req.id}`, chinaDate(at));
        }
      }
    });
  } finally {
    await sessions.revoke(sec.sessionId);
    await sessions.revoke(wrk.sessionId);
  }
}
