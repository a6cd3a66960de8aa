import type { CreateLesson, CreateQuestion, CreateQuiz, LessonDetail, LessonKind, QuestionKind } from '@dangjian/shared';
import { CreateLessonSchema, CreateQuestionSchema, CreateQuizSchema, TRUE_FALSE_OPTIONS, questionShapeError } from '@dangjian/shared';

/*
 * The console's forms as typed (strings from inputs) → the shared request schemas, with the first thing
 * to fix in Chinese. The server checks the same schemas again.
 */

type Built<T> = { ok: true; body: T } | { ok: false; error: string };

const firstIssue = (e: { issues: ReadonlyArray<{ message: string; path: ReadonlyArray<PropertyKey> }> }, labels: Record<string, string>) => {
  const issue = e.issues[0];
  const label = labels[String(issue?.path[0] ?? '')];
  const message = issue?.message ?? '请检查填写的内容';
  return label && !message.includes(label) ? `${label}：${message}` : message;
};

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

export type LessonForm = {
  kind: LessonKind;
  title: string;
  bodyHtml: string;
  fileId: string;
  fileName: string;
  durationMin: string;
  minMinutes: string;
  watchPercent: string;
};
export const emptyLessonForm = (kind: LessonKind = 'video'): LessonForm => ({
  kind,
  title: '',
  bodyHtml: '',
  fileId: '',
  fileName: '',
  durationMin: '',
  minMinutes: '',
  watchPercent: '90',
});

const LESSON_LABELS = { title: '标题', bodyHtml: '正文', durationS: '时长', minSeconds: '最少学习时间', watchThreshold: '完成比例' };

/** A lesson that exists, to edit: its file stays unless a new one is uploaded. */
export const lessonFormOf = (l: LessonDetail): LessonForm => ({
  kind: l.kind,
  title: l.title,
  bodyHtml: l.bodyHtml ?? '',
  fileId: '',
  fileName: l.kind === 'article' ? '' : '沿用已上传的文件',
  durationMin: l.durationS ? String(l.durationS / 60) : '',
  minMinutes: l.minSeconds ? String(l.minSeconds / 60) : '',
  watchPercent: l.watchThreshold ? String(Math.round(l.watchThreshold * 100)) : '90',
});

/** `editing`: the lesson exists, so a media lesson may keep its file (no fileId sent). */
export function toLesson(f: LessonForm, editing = false): Built<CreateLesson> {
  if (f.kind === 'article' && !f.bodyHtml.trim()) return { ok: false, error: '请填写正文' };
  if (f.kind !== 'article' && !f.fileId && !editing) return { ok: false, error: '请先上传课时文件' };
  const media = f.kind === 'video' || f.kind === 'audio';
  const duration = num(f.durationMin);
  const minutes = num(f.minMinutes);
  const percent = num(f.watchPercent);
  const parsed = CreateLessonSchema.safeParse({
    title: f.title,
    kind: f.kind,
    bodyHtml: f.kind === 'article' ? f.bodyHtml : undefined,
    fileId: f.kind === 'article' || !f.fileId ? undefined : f.fileId,
    durationS: media && duration !== undefined ? Math.round(duration * 60) : undefined,
    watchThreshold: media && percent !== undefined ? percent / 100 : undefined,
    minSeconds: !media && minutes !== undefined ? Math.round(minutes * 60) : undefined,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, error: firstIssue(parsed.error, LESSON_LABELS) };
}

export type QuestionForm = { kind: QuestionKind; stem: string; options: string; answer: string; explanation: string };
export const emptyQuestionForm = (): QuestionForm => ({ kind: 'single', stem: '', options: '', answer: '', explanation: '' });

/** Options one per line; the answer as letters (A, AC …; true/false: A = 正确, B = 错误). */
export function toQuestion(f: QuestionForm): Built<CreateQuestion> {
  const options =
    f.kind === 'true_false'
      ? TRUE_FALSE_OPTIONS
      : f.options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean);
  const letters = f.answer.toUpperCase().replace(/[^A-H]/g, '');
  if (!letters) return { ok: false, error: '请填写正确答案（如 A 或 AC）' };
  const answer = [...letters].map((l) => l.charCodeAt(0) - 65);
  const shape = questionShapeError({ kind: f.kind, options, answer });
  if (shape) return { ok: false, error: shape };
  const parsed = CreateQuestionSchema.safeParse({
    kind: f.kind,
    stem: f.stem,
    options: f.kind === 'true_false' ? undefined : options,
    answer,
    explanation: f.explanation,
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, error: firstIssue(parsed.error, { stem: '题干', options: '选项', explanation: '解析' }) };
}

export type QuizForm = { title: string; questionCount: string; timeLimitMin: string; passPercent: string };
export const emptyQuizForm = (title = ''): QuizForm => ({ title: title ? `${title}测验` : '', questionCount: '5', timeLimitMin: '10', passPercent: '60' });

/** The form for a quiz that exists (its settings are edited with the same form). */
export const quizFormOf = (q: { title: string; questionCount: number; timeLimitS: number; passPercent: number }): QuizForm => ({
  title: q.title,
  questionCount: String(q.questionCount),
  timeLimitMin: String(q.timeLimitS / 60),
  passPercent: String(q.passPercent),
});

/** A new quiz is published at once; when editing, the caller leaves `published` out (withdrawing is its own action). */
export function toQuiz(f: QuizForm, bankSize: number): Built<CreateQuiz> {
  const count = num(f.questionCount) ?? 0;
  if (count > bankSize) return { ok: false, error: `题库只有 ${bankSize} 道题，抽题数量不能更多` };
  const parsed = CreateQuizSchema.safeParse({
    title: f.title,
    questionCount: count,
    timeLimitS: Math.round((num(f.timeLimitMin) ?? 0) * 60),
    passPercent: num(f.passPercent) ?? 0,
    published: true,
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, error: firstIssue(parsed.error, { title: '标题', questionCount: '抽题数量', timeLimitS: '答题时间', passPercent: '合格分数' }) };
}
